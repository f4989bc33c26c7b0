"""Extraction quality on the shared real pages: newsmon next to trafilatura alone.

Run: ``python -m bench.pages_eval`` (``--set tfe`` or ``--set aeb`` for one set, ``--misses``
to list what was missed). Reads ``../shared/pages/``:

- ``trafilatura-eval`` (300 pages with title and day): headline exact after case folding,
  whitespace (no-break spaces included) collapsing and dropping soft hyphens; publication day
  right when the day newsmon stores (``published_on``, the publisher's day) is the ground
  truth's; trafilatura gives a day, taken as is; body F1 from the ``with`` / ``without``
  snippets (a snippet counts when found in the text).
- ``article-extraction-benchmark`` (181 pages with the article body): body token F1.

Both tools get the same decoded HTML; newsmon runs as a crawl runs it (``extract_article``)
without a feed entry, so the feed's title and date do not help it here.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import trafilatura

from pages.article import EntryInfo, decode_html, extract_article

#: ``../shared/pages`` beside the clone; ``$NEWSMON_SHARED`` points elsewhere (a worktree).
SHARED_PAGES = Path(os.environ.get("NEWSMON_SHARED")
                    or Path(__file__).resolve().parents[2] / "shared") / "pages"
TFE = SHARED_PAGES / "trafilatura-eval"
AEB = SHARED_PAGES / "article-extraction-benchmark"
FETCHED = datetime(2030, 1, 1, tzinfo=UTC)


def same_headline(got: str | None, expected: str) -> bool:
    return _headline_key(got) == _headline_key(expected)


def _headline_key(value: str | None) -> str:
    text = unicodedata.normalize("NFC", (value or "").replace("\u00ad", ""))
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip().casefold()


def expected_day(value: str) -> date | None:
    """The ground truth's day; a few are written ``2022-11-1`` or ``2022-29-11``."""
    try:
        year, a, b = (int(p) for p in value.split("-"))
        return date(year, a, b) if a <= 12 else date(year, b, a)
    except ValueError:
        return None


def tokens(text: str | None) -> Counter:
    return Counter(re.findall(r"\w+", (text or "").lower()))


def token_f1(got: str | None, expected: str) -> float:
    found, wanted = tokens(got), tokens(expected)
    common = sum((found & wanted).values())
    if not common:
        return 0.0
    precision, recall = common / sum(found.values()), common / sum(wanted.values())
    return 2 * precision * recall / (precision + recall)


def snippet_counts(text: str | None, item: dict) -> tuple[int, int, int]:
    """(true positives, false negatives, false positives) of the with/without snippets."""
    flat = " ".join((text or "").split())
    found = [(" ".join(s.split()) in flat) for s in item.get("with", [])]
    leaked = [(" ".join(s.split()) in flat) for s in item.get("without", [])]
    return sum(found), len(found) - sum(found), sum(leaked)


def snippet_f1(tp: int, fn: int, fp: int) -> float:
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return 2 * precision * recall / max(precision + recall, 1e-9)


@dataclass
class Score:
    """What one tool got right on one set."""

    pages: int = 0
    headlines: int = 0
    days: int = 0
    f1: list[float] = field(default_factory=list)
    snippets: list[int] = field(default_factory=lambda: [0, 0, 0])
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    per_page: dict[str, list] = field(default_factory=dict)


def newsmon_values(html: str, url: str) -> tuple[str | None, set[date], str | None]:
    got = extract_article(html, url, url, EntryInfo(), FETCHED)
    # The day newsmon stores as the publication day (the publisher's, not the UTC one).
    return got.title, {got.published_on} if got.published_on else set(), got.text


def trafilatura_values(html: str, url: str) -> tuple[str | None, set[date], str | None]:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True)
    if doc is None:
        return None, set(), None
    day = expected_day(doc.date) if doc.date else None
    return doc.title, {day} if day else set(), doc.text


TOOLS = {"newsmon": newsmon_values, "trafilatura": trafilatura_values}


def run_tfe(limit: int | None = None) -> dict[str, Score]:
    truth = json.loads((TFE / "ground-truth.json").read_text(encoding="utf-8"))
    scores = {name: Score() for name in TOOLS}
    for url, item in list(truth.items())[:limit]:
        html = decode_html((TFE / "html" / item["file"]).read_bytes())
        for name, tool in TOOLS.items():
            score, started = scores[name], time.perf_counter()
            title, days, text = tool(html, url)
            score.seconds += time.perf_counter() - started
            score.pages += 1
            if same_headline(title, item["title"]):
                score.headlines += 1
            else:
                score.misses.append(f"title {item['title']!r} <- {title!r} {url}")
            if expected_day(item["date"]) in days:
                score.days += 1
            else:
                score.misses.append(f"date {item['date']} <- {sorted(days)} {url}")
            counts = snippet_counts(text, item)
            for i, n in enumerate(counts):
                score.snippets[i] += n
            score.per_page[url] = [title, sorted(str(d) for d in days), counts]
    return scores


def run_aeb(limit: int | None = None) -> dict[str, Score]:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    scores = {name: Score() for name in TOOLS}
    for digest, item in list(truth.items())[:limit]:
        html = decode_html((AEB / "html" / f"{digest}.html").read_bytes())
        for name, tool in TOOLS.items():
            score, started = scores[name], time.perf_counter()
            _, _, text = tool(html, item["url"])
            score.seconds += time.perf_counter() - started
            score.pages += 1
            score.f1.append(token_f1(text, item["articleBody"]))
            score.per_page[digest] = [score.f1[-1]]
    return scores


def report(tfe: dict[str, Score] | None, aeb: dict[str, Score] | None) -> str:
    lines = [f"{'':38}{'newsmon':>12}{'trafilatura':>14}"]

    def row(label: str, values: list[str]) -> None:
        lines.append(f"{label:38}{values[0]:>12}{values[1]:>14}")

    if tfe:
        n, tools = tfe["newsmon"].pages, tfe.values()
        row(f"trafilatura-eval ({n} pages) headline", [f"{s.headlines / n:.1%}" for s in tools])
        row("trafilatura-eval day", [f"{s.days / n:.1%}" for s in tools])
        row("trafilatura-eval body snippet F1", [f"{snippet_f1(*s.snippets):.3f}" for s in tools])
        row("trafilatura-eval ms/page", [f"{1000 * s.seconds / n:.0f}" for s in tools])
    if aeb:
        n, tools = aeb["newsmon"].pages, aeb.values()
        row(f"article-extraction-benchmark ({n}) F1", [f"{sum(s.f1) / n:.3f}" for s in tools])
        row("article-extraction-benchmark ms/page", [f"{1000 * s.seconds / n:.0f}" for s in tools])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("tfe", "aeb", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of a set")
    parser.add_argument("--misses", action="store_true", help="list newsmon's misses")
    parser.add_argument("--dump", metavar="PATH", help="write per-page results as JSON")
    args = parser.parse_args(argv)
    if not SHARED_PAGES.is_dir():
        print(f"{SHARED_PAGES} is missing", file=sys.stderr)
        return 1
    tfe = run_tfe(args.limit) if args.set in ("tfe", "both") else None
    aeb = run_aeb(args.limit) if args.set in ("aeb", "both") else None
    if args.misses and tfe:
        print("\n".join(tfe["newsmon"].misses))
    if args.dump:
        pages = {f"{kind}:{name}": score.per_page for kind, scores in (("tfe", tfe), ("aeb", aeb))
                 if scores for name, score in scores.items()}
        Path(args.dump).write_text(json.dumps(pages, ensure_ascii=False, indent=1))
    print(report(tfe, aeb))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
