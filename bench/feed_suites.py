"""Agreement of ``feeds.parse_feed`` with other parsers' test suites, one figure set per suite.

    python -m bench.feed_suites SUITE_DIR [SUITE_DIR ...] [--examples 3] [--url URL]

Each argument is one suite: a directory of feed files, unpacked from another parser's source
distribution. A feed file whose expected parse sits beside it is compared with that parse; every
other feed file is compared with feedparser, as ``bench.feed_agreement`` does. Expected parses
read here:

- podcastparser: ``name.rss`` and ``name.json`` (``{"title": ..., "episodes": [...]}``, dates in
  epoch seconds). Its links to ``file://`` (the suite parses from disk) are read against the
  bench's URL. podcastparser keeps only episodes with a media file: entry counts are compared
  on the entries it keeps.
- reader: ``name.ext`` and ``name.ext.py`` (Python building ``feed`` and ``entries``), run with
  stand-ins for reader's record types.
- rss-parser (Python): ``data.xml`` and ``expect.json`` (``items``: the entry count,
  ``first_item_title``, the feed's ``title``): compared on those three.

A suite is named by its directory, or ``NAME=DIR``.

Per suite: files, refusals (``FeedError`` reasons), crashes and hangs (bugs), then the agreement
figures and disagreement classes against the expected parses and against feedparser apart.
Files named ``*.py``, ``*.json`` beside a feed of the same name, ``*.param.json``,
``*.config`` / ``*.expected`` (rss2email's), ``*.csv``, and other files that start as neither
XML, JSON, a URL (a plain-text sitemap) nor gzip are not feeds and are skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.feed_agreement import (
    Tally,
    agreement,
    canonical,
    check_file,
    compare_file,
    content_type_of,
    date_class,
    fp_date,
    fp_title,
    norm,
    ratio,
    run_ours,
    title_class,
    with_probe_links,
)
from feeds.errors import FeedError
from feeds.feedentries import FeedEntry
from feeds.feedparse import parse_feed

_FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".rdf", ".json", ".feed", ""})
_NOT_FEEDS = frozenset({".py", ".pyc", ".md", ".rst", ".html", ".htm", ".js", ".ts", ".config",
                        ".expected", ".csv"})
#: How a document starts (after a BOM and white space): XML, JSON, a plain-text sitemap's URL,
#: gzip; or zero bytes (UTF-16/32).
_DOCUMENT_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:[<{\[]|https?://)|\x1f\x8b|.?\x00", re.I)


@dataclass
class Suite:
    """One suite's tallies: against its own expected parses and against feedparser."""

    name: str
    expected: Tally = field(default_factory=Tally)
    feedparser: Tally = field(default_factory=Tally)
    aside: Tally = field(default_factory=Tally)
    skipped: int = 0


# -- expected parses, turned into the feedparser-shaped entries the comparison reads ---------


def reference_entry(
    link: str | None, title: str | None, when: dt.datetime | None, from_id: bool = False
) -> dict:
    """An entry as ``bench.feed_agreement`` reads feedparser's (link, title, parsed date);
    ``from_id``: the link was made of the entry's id."""
    entry: dict[str, Any] = {"link": link, "title": title, "guidislink": from_id}
    if when is not None:
        entry["published_parsed"] = when.astimezone(dt.UTC).timetuple()
        entry["published"] = when.isoformat()
    return entry


def podcastparser_expected(path: Path, url: str) -> list[dict] | None:
    """podcastparser's episodes for ``name.rss`` (from ``name.json``), or None."""
    expected = path.with_suffix(".json")
    if path.suffix != ".rss" or not expected.is_file():
        return None
    data = json.loads(expected.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "episodes" not in data:
        return None
    base = url.rsplit("/", 1)[0] + "/"
    entries = []
    for episode in data["episodes"]:
        link = episode.get("link") or None
        from_id = link is not None and link == episode.get("guid")
        if link and link.startswith("file://"):
            link = base + link.rsplit("/", 1)[1]
        published = episode.get("published") or None
        when = dt.datetime.fromtimestamp(published, dt.UTC) if published else None
        entry = reference_entry(link, episode.get("title") or None, when, from_id)
        entries.append(entry | {"id": episode.get("guid")})
    return entries


class _Record:
    """A stand-in for reader's record types: keyword arguments become attributes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args
        self.__dict__.update(kwargs)

    def __getattr__(self, name: str) -> Any:
        return None


def reader_expected(path: Path, url: str) -> list[dict] | None:
    """reader's entries for ``name.ext`` (from ``name.ext.py``), or None."""
    script = path.with_name(path.name + ".py")
    if not script.is_file():
        return None
    source = re.sub(r"^(?:from|import) .*$", "", script.read_text(encoding="utf-8"), flags=re.M)
    names = "FeedData EntryData Content Enclosure EntrySource Author".split()
    scope: dict[str, Any] = dict.fromkeys(names, _Record)
    base = url.rsplit("/", 1)[0] + "/"
    scope |= {"datetime": dt, "url_base": base, "rel_base": base}
    exec(compile(source, str(script), "exec"), scope)  # noqa: S102 - a suite's own fixture
    entries = []
    for e in scope.get("entries", []):
        entry = reference_entry(e.link, e.title, e.published or e.updated, e.link == e.id)
        entries.append(entry | {"id": e.id})
    return entries


def summary_expected(path: Path) -> dict | None:
    """rss-parser's summary of ``data.xml`` (from ``expect.json`` beside it), or None."""
    expected = path.with_name("expect.json")
    if path.name != "data.xml" or not expected.is_file():
        return None
    data = json.loads(expected.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) and isinstance(data.get("items"), int) else None


def check_summary(suite: Suite, path: Path, summary: dict, args: argparse.Namespace) -> None:
    """Entry count, first entry's title and feed title against a suite's summary."""
    body = path.read_bytes()
    tally = suite.expected
    tally.files += 1
    parsed, reason = run_ours(tally, str(path), body, content_type_of(body), args)
    tally.counts["files with entries compared"] += 1
    ours = parsed.entries if parsed else ()
    checks = {
        "entry count": (len(ours), summary["items"]),
        "first title": (ours[0].title if ours else reason, summary.get("first_item_title")),
        "feed title": (parsed.title if parsed else reason, summary.get("title")),
    }
    for area, (mine, expected) in checks.items():
        tally.fields[f"summary {area} compared"] += 1
        if norm(str(mine)) != norm(str(expected)):
            tally.fields[f"summary {area} disagreements"] += 1
            tally.note(f"summary {area}", "differs", f"{path}: ours {mine!r} | expected "
                       f"{expected!r}", args.examples)


def expected_entries(path: Path, url: str) -> tuple[str, list[dict]] | None:
    for name, reader in (("podcastparser", podcastparser_expected), ("reader", reader_expected)):
        entries = reader(path, url)
        if entries is not None:
            return name, entries
    return None


# -- walking a suite -------------------------------------------------------------------------


def is_feed_file(path: Path) -> bool:
    """A file of the suite that is a feed to parse (not code, not an expected parse)."""
    suffix = path.suffix.lower()
    if suffix in _NOT_FEEDS or path.name.endswith(".param.json"):
        return False
    if suffix == ".json" and (path.name == "expect.json" or any(
        path.with_suffix(other).is_file() for other in (".rss", ".atom", ".xml")
    )):
        return False  # an expected parse beside its feed
    if suffix in _FEED_SUFFIXES - {""}:
        return True
    with path.open("rb") as file:
        return _DOCUMENT_START.match(file.read(512)) is not None  # README, notes: not feeds


def check_expected(
    suite: Suite, path: Path, reference: list[dict], args: argparse.Namespace
) -> None:
    body = path.read_bytes()
    tally = suite.expected
    tally.files += 1
    tally.reference += 1
    parsed, reason = run_ours(tally, str(path), body, content_type_of(body), args)
    tally.counts["files with entries compared"] += 1
    if parsed is None:
        if reference:
            tally.counts["files with a different entry count"] += 1
            tally.note("entry count", f"ours refuses the feed: {reason[:60]}", str(path), 3)
        return
    linked = [e for e in reference if e["link"]]
    ours = parsed.entries
    if args.kept_only and len(linked) < len(ours):
        # podcastparser keeps only episodes with media: compare the entries it kept
        keys = {canonical(e["link"]) for e in linked}
        ours = tuple(e for e in ours if canonical(e.url) in keys) or ours
    compare_file(tally, str(path), ours, reference, args.examples, args.url)
    if any(not e["link"] or e["guidislink"] for e in reference):
        compare_probed(tally, str(path), body, reference, args)


def compare_probed(
    tally: Tally, name: str, body: bytes, reference: list[dict], args: argparse.Namespace
) -> None:
    """Titles and dates of the entries ours skips for want of a link, on a copy where each
    entry has a made-up one, paired with the expected entries by position."""
    probed = with_probe_links(body)
    if probed is None:
        return
    try:
        ours = parse_feed(probed, args.url, content_type_of(body)).entries
    except FeedError:
        return
    tally.counts["files probed with made-up links"] += 1
    for entry, other in pair_by_id(ours, reference):
        tally.fields["paired entries"] += 1
        theirs_date, written = fp_date(other)
        checks = {
            "link": (None, None, None),
            "title": (title_class(entry.title, fp_title(other)), entry.title, fp_title(other)),
            "date": (date_class(entry.published, theirs_date), entry.published, written),
        }
        for area, (cls, mine, expected) in checks.items():
            if cls:
                tally.fields[f"{area} disagreements"] += 1
                tally.note(area, cls, f"{name} [probe]: ours {mine!r} | expected {expected!r}",
                           args.examples)


def pair_by_id(ours: tuple[FeedEntry, ...], reference: list[dict]) -> list[tuple[Any, dict]]:
    """Pairs by id, then by title (podcastparser reorders serial podcasts and drops episodes
    without media), then by position among the rest."""
    pairs: list[tuple[Any, dict]] = []
    free_ours, free_reference = list(ours), list(reference)
    for mine, theirs in (("guid", "id"), ("title", "title")):
        index = {e[theirs]: e for e in free_reference if e.get(theirs)}
        for entry in list(free_ours):
            other = index.pop(getattr(entry, mine) or "", None)
            if other is not None:
                pairs.append((entry, other))
                free_ours.remove(entry)
                free_reference = [e for e in free_reference if e is not other]
    return pairs + list(zip(free_ours, free_reference, strict=False))


def suite_name(root: Path) -> str:
    """The suite's directory named by its first part that is not a generic folder name."""
    generic = {"tests", "test", "data", "fixtures", "testdata", "package", "resources"}
    for part in reversed(root.resolve().parts):
        if part.lower() not in generic:
            return part
    return str(root)


def run_suite(argument: str, args: argparse.Namespace) -> Suite:
    name, _, directory = argument.rpartition("=")
    root = Path(directory)
    suite = Suite(name or suite_name(root))
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if not is_feed_file(path):
            suite.skipped += 1
            continue
        summary = summary_expected(path)
        if summary is not None:
            check_summary(suite, path, summary, args)
            continue
        found = expected_entries(path, args.url)
        if found is None:
            check_file(suite.feedparser, suite.aside, path, args)
            continue
        args.kept_only = found[0] == "podcastparser"
        check_expected(suite, path, found[1], args)
    return suite


def report_suite(suite: Suite) -> None:
    print(f"\n######## suite {suite.name} ########")
    for label, tally in (("expected output", suite.expected), ("feedparser", suite.feedparser)):
        if not tally.files:
            continue
        errors = dict(tally.feed_errors.most_common())
        print(f"\n== against {label}: {tally.files} files; refused {sum(errors.values())} {errors}")
        print(f"crashes or hangs (bugs): {len(tally.crashes)}")
        for line in tally.crashes:
            print(f"  CRASH {line}")
        if label == "feedparser":
            print(f"feedparser not a reference: {dict(tally.fp_unusable)}")
        summary_fields(tally)
        agreement(tally, "feedparser" if label == "feedparser" else "expected")
    if suite.aside.counts["files with entries compared"]:
        print("\n== files where feedparser is bozo (for information) ==")
        agreement(suite.aside)
    print(f"(not feeds, skipped: {suite.skipped})")


def summary_fields(tally: Tally) -> None:
    for area in ("entry count", "first title", "feed title"):
        compared = tally.fields[f"summary {area} compared"]
        if compared:
            wrong = tally.fields[f"summary {area} disagreements"]
            print(f"summary {area}: agree on {ratio(compared - wrong, compared)} of files")


def summary_table(suites: list[Suite]) -> None:
    """One line per suite and reference: the figures to compare between runs."""
    print("\n| suite | against | files | refused | crashes | entry count differs | link | title "
          "| date |")
    print("|---|---|---|---|---|---|---|---|---|")
    for suite in suites:
        for label, tally in (("expected", suite.expected), ("feedparser", suite.feedparser)):
            if not tally.files:
                continue
            paired = tally.fields["paired entries"]
            agree = [
                f"{paired - tally.fields[f'{area} disagreements']}/{paired}"
                for area in ("link", "title", "date")
            ]
            count = (f"{tally.counts['files with a different entry count']}/"
                     f"{tally.counts['files with entries compared']}")
            print(f"| {suite.name} | {label} | {tally.files} | {sum(tally.feed_errors.values())} "
                  f"| {len(tally.crashes)} | {count} | {' | '.join(agree)} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("suites", nargs="+", help="DIR or NAME=DIR, one per suite")
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--url", default="http://127.0.0.1/feed.xml")
    parser.add_argument("--slow", type=float, default=1.0, help="flag files slower than this")
    parser.add_argument("--timeout", type=float, default=30.0, help="a hang past this")
    args = parser.parse_args(argv)
    started, crashes, suites = time.perf_counter(), 0, []
    for root in args.suites:
        suite = run_suite(root, args)
        report_suite(suite)
        suites.append(suite)
        crashes += len(suite.expected.crashes + suite.feedparser.crashes + suite.aside.crashes)
    summary_table(suites)
    seconds = time.perf_counter() - started
    print(f"\n{len(args.suites)} suites in {seconds:.1f} s; crashes or hangs {crashes}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
