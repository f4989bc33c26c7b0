"""Publication dates on trafilatura-eval: newsmon's page date next to trafilatura's, misses
listed with the rule that gave each date.

Run: ``python -m bench.pubdate_eval`` (``--misses`` to list them). Only the date is computed
(``pages.pubdate.page_date`` on the parsed page; the extracted text only for a page without
one, as in a crawl), so a run takes seconds; the day counts as
right when it is the ground truth's in UTC or in the zone of the first timestamp the page
writes with an offset (this reads the page's raw date, before the publisher's day is chosen).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, date, datetime, timedelta

import trafilatura

from bench.pages_eval import TFE, expected_day
from pages.article import decode_html, main_document
from pages.pubdate import page_date, text_date

_STAMP_WITH_OFFSET = re.compile(
    r"(?:\d{4}-\d\d-\d\dT|\d{1,2} [A-Z][a-z]{2} \d{4} )\d\d:\d\d(?::\d\d)?(?:\.\d+)?"
    r" ?([+-]\d\d):?(\d\d)"
)


def days_of(published: datetime | None, html: str) -> set[date]:
    """The days an instant falls on: in UTC and in the zone of the first timestamp the page
    writes with a numeric offset (ISO 8601 or RFC 822). The ground truth mixes both."""
    if published is None:
        return set()
    days = {published.astimezone(UTC).date()}
    stamp = _STAMP_WITH_OFFSET.search(html)
    if stamp is not None:
        hours, minutes = int(stamp.group(1)), int(stamp.group(2))
        offset = timedelta(hours=hours, minutes=minutes if hours >= 0 else -minutes)
        days.add((published.astimezone(UTC) + offset).date())
    return days


def run(show_misses: bool) -> tuple[int, int, int]:
    """(pages, right days, pages without a date)."""
    truth = json.loads((TFE / "ground-truth.json").read_text(encoding="utf-8"))
    right = undated = 0
    for url, item in truth.items():
        html = decode_html((TFE / "html" / item["file"]).read_bytes())
        tree = trafilatura.utils.load_html(html)
        found = page_date(tree, url)
        if found is None:  # as a crawl does: a dateline in the extracted text
            doc = main_document(tree, url)
            found = text_date(doc.text if doc is not None else None, tree)
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
