"""Extraction speed, this tree against a baseline commit, in one process, page by page.

Run: ``python -m bench.extract_speed`` (``--baseline REF``, default ``main``; ``--set tfe`` or
``aeb``; ``--limit N``). The baseline's ``pages/article.py`` and ``pages/headline.py`` are read
with ``git show`` and loaded beside the current ones (the rest of the code is shared), then
every page of the shared sets goes through both, alternating which runs first, so a noisy
machine slows both alike. Prints pages per second for each and on how many pages the two
extracted the same article (every stored value, text, title and date included).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import types
from datetime import UTC, datetime
from pathlib import Path

import pages.article
from bench.pages_eval import AEB, TFE
from pages.article import EntryInfo, decode_html

REPO = Path(__file__).resolve().parents[1]
FETCHED = datetime(2030, 1, 1, tzinfo=UTC)


def baseline_extractor(ref: str):
    """``extract_article`` as the commit ``ref`` has it (its article and headline modules)."""
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
    return modules["article"].extract_article


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
    args = parser.parse_args(argv)
    tools = {"baseline": baseline_extractor(args.baseline),
             "current": pages.article.extract_article}
    items = shared_pages(args.set)[: args.limit]
    if not items:
        print(f"no pages under {TFE.parent}", file=sys.stderr)
        return 1
    for tool in tools.values():  # language profiles and the like load once, untimed
        tool(*items[0], items[0][1], EntryInfo(), FETCHED)
    seconds = dict.fromkeys(tools, 0.0)
    same = 0
    for n, (html, url) in enumerate(items):
        rows = {}
        for name in list(tools)[:: 1 if n % 2 else -1]:
            started = time.perf_counter()
            article = tools[name](html, url, url, EntryInfo(), FETCHED)
            seconds[name] += time.perf_counter() - started
            rows[name] = article.row()
        same += rows["baseline"] == rows["current"]
    for name, spent in seconds.items():
        per_page = 1000 * spent / len(items)
        print(f"{name:9} {len(items) / spent:6.2f} pages/s  {per_page:6.1f} ms/page")
    print(f"speed-up  {seconds['baseline'] / seconds['current']:.2f}x")
    print(f"identical {same} of {len(items)} pages")
    return 0 if same == len(items) else 2


if __name__ == "__main__":
    sys.exit(main())
