"""Extraction speed, this tree against a baseline commit, in one process, page by page.

Run: ``python -m bench.extract_speed`` (``--baseline REF``, default ``main``; ``--set tfe`` or
``aeb``; ``--limit N``). The baseline's ``pages/article.py`` and ``pages/headline.py`` are read
with ``git show`` and loaded beside the current ones (the rest of the code is shared), then
every page of the shared sets goes through both, alternating which runs first, so a noisy
machine slows both alike. Prints pages per second for each and on how many pages the two
extracted the same article (every stored value, text, title and date included). ``--headline``
times ``choose_headline`` alone the same way.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import types
from datetime import UTC, datetime
from pathlib import Path

import trafilatura

import pages.article
import pages.headline
from bench.pages_eval import AEB, TFE
from pages.article import EntryInfo, decode_html

REPO = Path(__file__).resolve().parents[1]
FETCHED = datetime(2030, 1, 1, tzinfo=UTC)


def baseline_modules(ref: str) -> dict[str, types.ModuleType]:
    """``pages.article`` and ``pages.headline`` as the commit ``ref`` has them."""
    modules = {}
    for name in ("headline", "article"):
        source = subprocess.run(["git", "show", f"{ref}:pages/{name}.py"], cwd=REPO, check=True,
                                capture_output=True, text=True).stdout
        module = types.ModuleType(f"baseline_{name}")
        module.__file__ = f"{ref}:pages/{name}.py"
        sys.modules[module.__name__] = module  # dataclasses look their module up
        exec(compile(source, module.__file__, "exec"), module.__dict__)  # noqa: S102
        modules[name] = module
    modules["article"].choose_headline = modules["headline"].choose_headline
    return modules


def shared_pages(which: str) -> list[tuple[str, str]]:
    """(decoded html, url) for each page of the chosen shared sets."""
    import json

    found = []
    if which in ("tfe", "both"):
        truth = json.loads((TFE / "ground-truth.json").read_text(encoding="utf-8"))
        found += [(decode_html((TFE / "html" / item["file"]).read_bytes()), url)
                  for url, item in truth.items()]
    if which in ("aeb", "both"):
        truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
        found += [(decode_html((AEB / "html" / f"{digest}.html").read_bytes()), item["url"])
                  for digest, item in truth.items()]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main")
    parser.add_argument("--set", choices=("tfe", "aeb", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--headline", action="store_true",
                        help="time choose_headline alone, on trees parsed beforehand")
    args = parser.parse_args(argv)
    baseline = baseline_modules(args.baseline)
    items = shared_pages(args.set)[: args.limit]
    if not items:
        print(f"no pages under {TFE.parent}", file=sys.stderr)
        return 1
    if args.headline:
        return _compare({"baseline": baseline["headline"].choose_headline,
                         "current": pages.headline.choose_headline},
                        [(trafilatura.utils.load_html(html), url) for html, url in items])
    return _compare({"baseline": baseline["article"].extract_article,
                     "current": pages.article.extract_article},
                    [(html, url, url, EntryInfo(), FETCHED) for html, url in items])


def _compare(tools: dict, calls: list[tuple]) -> int:
    """Each call through every tool, alternating which goes first; speed and sameness."""
    items = calls
    for tool in tools.values():  # language profiles and the like load once, untimed
        tool(*items[0])
    seconds = dict.fromkeys(tools, 0.0)
    same = 0
    for n, call in enumerate(items):
        rows = {}
        for name in list(tools)[:: 1 if n % 2 else -1]:
            started = time.perf_counter()
            result = tools[name](*call)
            seconds[name] += time.perf_counter() - started
            rows[name] = result.row() if hasattr(result, "row") else result
        same += rows["baseline"] == rows["current"]
    for name, spent in seconds.items():
        per_page = 1000 * spent / len(items)
        print(f"{name:9} {len(items) / spent:6.2f} pages/s  {per_page:6.1f} ms/page")
    print(f"speed-up  {seconds['baseline'] / seconds['current']:.2f}x")
    print(f"identical {same} of {len(items)} pages")
    return 0 if same == len(items) else 2


if __name__ == "__main__":
    sys.exit(main())
