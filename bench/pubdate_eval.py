"""Publication dates on trafilatura-eval: newsmon's page date next to trafilatura's, misses
listed with the rule that gave each date.

Run: ``python -m bench.pubdate_eval`` (``--misses`` to list them). Only the date is computed
(``pages.pubdate.page_date`` on the parsed page), so a run takes seconds; the day counts as
right under the same rule as ``bench.pages_eval`` (UTC or the zone the page writes).
"""

from __future__ import annotations

import argparse
import json
import sys

import trafilatura

from bench.pages_eval import TFE, days_of, expected_day
from pages.article import decode_html
from pages.pubdate import page_date


def run(show_misses: bool) -> tuple[int, int, int]:
    """(pages, right days, pages without a date)."""
    truth = json.loads((TFE / "ground-truth.json").read_text(encoding="utf-8"))
    right = undated = 0
    for url, item in truth.items():
        html = decode_html((TFE / "html" / item["file"]).read_bytes())
        found = page_date(trafilatura.utils.load_html(html), url)
        days = days_of(found.when, html) if found is not None else set()
        if expected_day(item["date"]) in days:
            right += 1
            continue
        undated += found is None
        if show_misses:
            rule = f"{found.source} {found.written!r}" if found else "no date"
            print(f"{item['date']} <- {sorted(str(d) for d in days)} [{rule}] {url}")
    return len(truth), right, undated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the misses with their rule")
    args = parser.parse_args(argv)
    if not TFE.is_dir():
        print(f"{TFE} is missing", file=sys.stderr)
        return 1
    pages, right, undated = run(args.misses)
    print(
        f"trafilatura-eval page date: {right}/{pages} right day ({right / pages:.1%}), "
        f"{undated} misses without a date"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
