"""Agreement of ``feeds.parse_feed`` with feedparser on directories of feed files.

    python -m bench.feed_agreement DIR [DIR ...] [--examples 3] [--url URL] [--slow 1.0]
    python -m bench.feed_agreement --hostile     # hostile feeds built in memory

Each file is read as bytes and parsed twice: by ``feeds.parse_feed`` (as if fetched from
``--url``) and by feedparser (given the same URL as its base). A ``Header: Content-type: ...``
line in the file's opening comment (feedparser's own suites) is handed to both as the HTTP
header. Reported: files, crashes (anything ours raises besides ``FeedError``, and hangs past
``--timeout``), slow files, entry-count disagreements and per-field disagreements on paired
entries (link, title after whitespace normalisation, published instant and day), each grouped
into classes with examples. Files where feedparser itself is ``bozo`` or finds no entries are
counted apart: feedparser is not the reference there. Entries without a link (skipped by
newsmon by design) are compared on a copy of the file where each has a made-up link.

``--hostile`` parses feeds built in memory to break a parser (huge counts, deep nesting, entity
bombs, attribute floods, odd CDATA, namespaces, xml:base, control characters, a gzip bomb) and
marks a crash, a hang, or a parse slower than ten times ``--slow``.
"""

from __future__ import annotations

import argparse
import calendar
import html
import io
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser

from bench.feed_hostile import Hang, Stopwatch, check_hostile
from feeds.errors import FeedError
from feeds.feedentries import FeedEntry, ParsedFeed
from feeds.feedparse import parse_feed
from feeds.urls import canonicalize_url

_HEADER = re.compile(rb"^Header:\s+Content-type:\s*(.+?)\s*$", re.I | re.M)
_TAG = re.compile(r"<[^<>]*>")
_ENTRY_OPEN = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)(item|entry)(\s[^<>]*)?(?<!/)>")
#: A link to the entry's page: ``<link>`` with no ``rel`` or ``rel="alternate"``.
_OWN_LINK = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?link\b(?![^<>]*\brel\s*=\s*[\"'](?!alternate[\"']))[^<>]*>"
)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


@dataclass
class Tally:
    """Counts and examples gathered over every file."""

    files: int = 0
    reference: int = 0  # files where feedparser is taken as the reference
    feed_errors: Counter[str] = field(default_factory=Counter)
    fp_unusable: Counter[str] = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)
    fp_crashes: list[str] = field(default_factory=list)
    slow: list[tuple[float, str]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    fp_seconds: list[float] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    fields: Counter[str] = field(default_factory=Counter)
    classes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    examples: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    def note(self, area: str, cls: str, example: str, limit: int) -> None:
        self.classes[area][cls] += 1
        if len(self.examples[area, cls]) < limit:
            self.examples[area, cls].append(example)


def content_type_of(body: bytes) -> str | None:
    """The ``Header: Content-type:`` a feedparser test file declares in its opening comment."""
    match = _HEADER.search(body[:2048])
    return match.group(1).decode("latin-1") if match else None


def feed_files(roots: list[Path]) -> Iterator[Path]:
    for root in roots:
        if root.is_file():
            yield root
            continue
        yield from sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".py")


def feedparser_parse(body: bytes, url: str, content_type: str | None) -> Any:
    # Without a content-type feedparser calls any response with headers bozo; application/xml
    # leaves the encoding to the document, as a file without headers.
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    return feedparser.parse(io.BytesIO(body), response_headers=headers)


# -- reading feedparser's answer the way a reader would --------------------------------------


def fp_link(entry: Any) -> str | None:
    return (entry.get("link") or "").strip() or None


def fp_invented_link(entry: Any, feed_url: str) -> bool:
    """feedparser's link is an id that was not an absolute http(s) URL: kept as is (``urn:``,
    ``tag:``) or resolved against the feed's URL (the suites name other hosts than ours)."""
    link = fp_link(entry)
    if not entry.get("guidislink") or not link:
        return False
    return not re.match(r"https?://", link, re.I) or (
        urlsplit(link).netloc == urlsplit(feed_url).netloc
    )


def fp_title(entry: Any) -> str | None:
    """feedparser's title as text: markup dropped and entities decoded when it is HTML."""
    title = entry.get("title")
    if not title:
        return None
    if (entry.get("title_detail") or {}).get("type") in _HTML_TYPES:
        title = html.unescape(_TAG.sub("", title))
    return norm(title)


def fp_date(entry: Any) -> tuple[datetime | None, str]:
    for key in ("published", "updated", "created"):
        struct = dict.get(entry, f"{key}_parsed")
        if struct:
            try:
                return datetime.fromtimestamp(calendar.timegm(struct), UTC), dict.get(entry, key)
            except (OverflowError, OSError, ValueError):
                return None, dict.get(entry, key)
    for key in ("published", "updated", "created"):
        if dict.get(entry, key):
            return None, dict.get(entry, key)
    return None, ""


def norm(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None


def canonical(url: str | None) -> str | None:
    if url is None:
        return None
    try:
        return canonicalize_url(url)
    except ValueError:
        return url


# -- pairing and comparing -------------------------------------------------------------------


def pair(ours: tuple[FeedEntry, ...], theirs: list[Any]) -> list[tuple[FeedEntry, Any]]:
    """Pairs by canonical link, then the rest by position among the unpaired."""
    by_link: dict[str, int] = {}
    for index, entry in enumerate(theirs):
        key = canonical(fp_link(entry))
        if key is not None:
            by_link.setdefault(key, index)
    pairs, free_ours, taken = [], [], set()
    for entry in ours:
        index = by_link.get(canonical(entry.url) or "")
        if index is not None and index not in taken:
            taken.add(index)
            pairs.append((entry, theirs[index]))
        else:
            free_ours.append(entry)
    free_theirs = [e for i, e in enumerate(theirs) if i not in taken]
    pairs.extend(zip(free_ours, free_theirs, strict=False))
    return pairs


def link_class(ours: str, theirs: str | None) -> str | None:
    if theirs == ours:
        return None
    if theirs is None:
        return "feedparser has no link, ours has one"
    if canonical(theirs) == canonical(ours):
        return "same canonical URL, written differently"
    if not theirs.startswith(("http://", "https://")):
        return "feedparser's link is not absolute http(s)"
    return "different URL"


def title_class(ours: str | None, theirs: str | None) -> str | None:
    ours = norm(ours)
    if ours == theirs:
        return None
    if ours is None:
        return "ours has no title, feedparser has one"
    if theirs is None:
        return "feedparser has no title, ours has one"
    if norm(html.unescape(_TAG.sub("", theirs))) == ours:
        return "feedparser keeps markup or entities"
    if norm(html.unescape(_TAG.sub("", ours))) == theirs:
        return "ours keeps markup or entities"
    if ours.casefold() == theirs.casefold():
        return "case differs"
    if "\ufffd" in ours or "\ufffd" in theirs:
        return "decoding differs (U+FFFD)"
    return "different text"


def date_class(ours: datetime | None, theirs: datetime | None) -> str | None:
    """Compared to the second: feedparser's ``time.struct_time`` has no fractions."""
    if ours is not None:
        ours = ours.replace(microsecond=0)
    if ours == theirs:
        return None
    if ours is None:
        return "ours has no date, feedparser has one"
    if theirs is None:
        return "feedparser has no date, ours has one"
    if ours.date() == theirs.date():
        return "same day, different instant"
    return "different day"


def count_class(ours: int, theirs: list[Any], feed_url: str) -> str | None:
    if ours == len(theirs):
        return None
    usable = [fp_link(e) for e in theirs if fp_link(e) and not fp_invented_link(e, feed_url)]
    if ours == len(usable):
        if any(fp_invented_link(e, feed_url) for e in theirs):
            return "feedparser makes a link of a non-URL id (not taken by design)"
        return "feedparser entries without link (skipped by design)"
    if ours == len({canonical(link) for link in usable}):
        return "duplicate links (one article by design)"
    if ours > len(theirs):
        return "ours finds more entries"
    return "ours finds fewer entries"


def compare_feed(tally: Tally, name: str, ours: ParsedFeed, theirs: Any, limit: int) -> None:
    """The feed's own title and site link (feedparser's ``feed.link``)."""
    tally.fields["feeds compared"] += 1
    title = theirs.get("title")
    if title and (theirs.get("title_detail") or {}).get("type") in _HTML_TYPES:
        title = html.unescape(_TAG.sub("", title))
    site = (theirs.get("link") or "").strip() or None
    checks = {
        "feed title": (title_class(ours.title, norm(title)), ours.title, norm(title)),
        "feed link": (
            None
            if ours.site_url is None and site is None
            else link_class(ours.site_url or "", site)
            if ours.site_url
            else "ours has no site link, feedparser has one",
            ours.site_url,
            site,
        ),
    }
    for area, (cls, mine, reference) in checks.items():
        if cls:
            tally.fields[f"{area} disagreements"] += 1
            tally.note(area, cls, f"{name}: ours {mine!r} | feedparser {reference!r}", limit)


def compare_file(
    tally: Tally,
    name: str,
    ours: tuple[FeedEntry, ...],
    theirs: list[Any],
    limit: int,
    feed_url: str,
) -> None:
    cls = count_class(len(ours), theirs, feed_url)
    if cls:
        tally.counts["files with a different entry count"] += 1
        tally.note("entry count", cls, f"{name}: ours {len(ours)}, feedparser {len(theirs)}", limit)
    compare_entries(tally, name, ours, theirs, limit)


def compare_entries(
    tally: Tally, name: str, ours: tuple[FeedEntry, ...], theirs: list[Any], limit: int
) -> None:
    for entry, other in pair(ours, theirs):
        tally.fields["paired entries"] += 1
        link = link_class(entry.url, fp_link(other))
        if link and canonical(entry.url) == canonical(other.get("feedburner_origlink")):
            link = "ours takes FeedBurner's origLink (by design)"
        checks = {
            "link": (link, entry.url, fp_link(other)),
            "title": (title_class(entry.title, fp_title(other)), entry.title, fp_title(other)),
        }
        theirs_date, written = fp_date(other)
        checks["date"] = (
            date_class(entry.published, theirs_date),
            entry.published and entry.published.isoformat(),
            f"{theirs_date and theirs_date.isoformat()} from {written!r}",
        )
        for area, (cls, mine, reference) in checks.items():
            if cls:
                tally.fields[f"{area} disagreements"] += 1
                tally.note(area, cls, f"{name}: ours {mine!r} | feedparser {reference!r}", limit)


def with_probe_links(body: bytes) -> bytes | None:
    """The body with a link added to every item/entry that has none, or None if it is not
    ASCII-based.

    Most of feedparser's own test files are entries without a link, testing one element;
    newsmon skips such entries by design, so their titles and dates are compared on a copy
    where each entry has a made-up link (``http://127.0.0.1/probe/N``).
    """
    if b"\x00" in body[:4]:
        return None
    counter = iter(range(1, 1_000_000))

    def add(match: re.Match[bytes]) -> bytes:
        prefix, kind = match.group(1), match.group(2)
        end = body.find(b"</%s%s" % (prefix, kind), match.end())
        if _OWN_LINK.search(body, match.end(), end if end >= 0 else len(body)):
            return match.group(0)  # this entry has a link of its own
        url = b"http://127.0.0.1/probe/%d" % next(counter)
        if kind == b"item":
            return match.group(0) + b"<%slink>%s</%slink>" % (prefix, url, prefix)
        return match.group(0) + b'<%slink rel="alternate" href="%s"/>' % (prefix, url)

    return _ENTRY_OPEN.sub(add, body)


def probe_file(
    tally: Tally, name: str, body: bytes, content_type: str | None, args: argparse.Namespace
) -> None:
    probed = with_probe_links(body)
    if probed is None:
        return
    try:
        ours = parse_feed(probed, args.url, content_type).entries
        result = feedparser_parse(probed, args.url, content_type)
    except FeedError:
        return
    except Exception as exc:  # noqa: BLE001 - a crash on the probed copy is a bug too
        tally.crashes.append(f"{name} (probed copy): {type(exc).__name__}: {exc}")
        return
    if not result.entries:
        return
    tally.counts["files probed with made-up links"] += 1
    compare_entries(tally, f"{name} [probe]", ours, result.entries, args.examples)


def run_ours(
    tally: Tally, name: str, body: bytes, content_type: str | None, args: argparse.Namespace
) -> tuple[ParsedFeed | None, str]:
    """Our parse (None when refused or crashed) and the refusal's reason."""
    parsed, reason, watch = None, "", Stopwatch(args.timeout)
    try:
        parsed = watch.run(parse_feed, body, args.url, content_type)
    except FeedError as exc:
        reason = exc.reason
        tally.feed_errors[re.sub(r"[:(].*", "", exc.reason)] += 1
    except Hang:
        tally.crashes.append(f"{name}: hang past {args.timeout:.0f} s")
    except Exception as exc:  # noqa: BLE001 - every other exception is a bug to report
        tally.crashes.append(f"{name}: {type(exc).__name__}: {exc}")
    tally.seconds.append(watch.seconds)
    if watch.seconds > args.slow:
        tally.slow.append((watch.seconds, name))
    return parsed, reason


def check_file(tally: Tally, aside: Tally, path: Path, args: argparse.Namespace) -> None:
    """Parse one file both ways; compare into ``tally`` where feedparser is a reference,
    else into ``aside`` (feedparser bozo: for information only)."""
    body = path.read_bytes()
    name = str(path)
    content_type = content_type_of(body)
    tally.files += 1
    parsed, reason = run_ours(tally, name, body, content_type, args)
    ours = parsed.entries if parsed is not None else None
    try:
        watch = Stopwatch(args.timeout)
        result = watch.run(feedparser_parse, body, args.url, content_type)
        tally.fp_seconds.append(watch.seconds)
    except (Exception, Hang) as exc:  # noqa: BLE001 - feedparser's failures are only counted
        tally.fp_crashes.append(f"{name}: {type(exc).__name__}")
        return
    if parsed is not None and not result.get("bozo"):
        compare_feed(tally, name, parsed, result.feed, args.examples)
    if not result.entries:
        tally.fp_unusable["no entries"] += 1
        if ours:
            tally.note(
                "entry count",
                "ours finds entries, feedparser none",
                f"{name}: ours {len(ours)}",
                args.examples,
            )
        return
    target = tally
    if result.get("bozo"):
        tally.fp_unusable["bozo"] += 1
        target = aside
    else:
        tally.reference += 1
    target.counts["files with entries compared"] += 1
    if ours is None:
        target.counts["files with a different entry count"] += 1
        target.note(
            "entry count",
            f"ours refuses the feed: {re.sub(r'[:(].*', '', reason)}",
            f"{name}: {reason[:120]}; feedparser {len(result.entries)} entries",
            args.examples,
        )
    else:
        compare_file(target, name, ours, result.entries, args.examples, args.url)
    if any(fp_link(e) is None for e in result.entries):
        probe_file(target, name, body, content_type, args)


def ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else f"{part}/0"


def report(tally: Tally, aside: Tally) -> None:
    times = sorted(tally.seconds)
    print(
        f"files: {tally.files}; refused with a FeedError: {sum(tally.feed_errors.values())} "
        f"{dict(tally.feed_errors.most_common())}"
    )
    crashes = tally.crashes + aside.crashes
    print(f"crashes or hangs (bugs): {len(crashes)}; feedparser crashes: {len(tally.fp_crashes)}")
    for line in crashes:
        print(f"  CRASH {line}")
    if times:
        print(
            f"time per file (ours): median {1000 * times[len(times) // 2]:.1f} ms, max "
            f"{1000 * times[-1]:.0f} ms; over the limit: {len(tally.slow)}"
        )
    if tally.fp_seconds:
        print(
            f"all files: ours {sum(times):.2f} s, feedparser alone {sum(tally.fp_seconds):.2f} s "
            f"(ratio {sum(times) / max(sum(tally.fp_seconds), 1e-9):.2f})"
        )
    for seconds, name in sorted(tally.slow, reverse=True)[:10]:
        print(f"  SLOW {seconds:.2f} s {name}")
    print(
        f"feedparser not a reference (bozo / no entries): {dict(tally.fp_unusable)}; "
        f"reference files: {tally.reference}"
    )
    agreement(tally)
    if aside.counts["files with entries compared"]:
        print("\n== files where feedparser is bozo (for information; not a reference) ==")
        agreement(aside)


def agreement(tally: Tally, reference: str = "feedparser") -> None:
    """Agreement figures and disagreement classes; ``reference`` names the other side."""
    compared = tally.counts["files with entries compared"]
    differs = tally.counts["files with a different entry count"]
    print(f"entry count differs: {ratio(differs, compared)}")
    print(
        f"files whose linkless entries were compared on a probed copy: "
        f"{tally.counts['files probed with made-up links']}"
    )
    paired = tally.fields["paired entries"]
    for area in ("link", "title", "date"):
        wrong = tally.fields[f"{area} disagreements"]
        print(f"{area}: agree on {ratio(paired - wrong, paired)} of paired entries")
    feeds = tally.fields["feeds compared"]
    for area in ("feed title", "feed link"):
        wrong = tally.fields[f"{area} disagreements"]
        print(f"{area}: agree on {ratio(feeds - wrong, feeds)} of feeds both read (not bozo)")
    for area, classes in tally.classes.items():
        print(f"\n[{area}]")
        for cls, number in classes.most_common():
            print(f"  {number:5d}  {cls.replace('feedparser', reference)}")
            for example in tally.examples[area, cls]:
                print(f"           {example[:300].replace('feedparser', reference)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument(
        "--hostile",
        action="store_true",
        help="also parse hostile feeds built in memory (no crash, no hang)",
    )
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--url", default="http://127.0.0.1/feed.xml")
    parser.add_argument("--slow", type=float, default=1.0, help="flag files slower than this")
    parser.add_argument("--timeout", type=float, default=30.0, help="a hang past this")
    args = parser.parse_args(argv)
    failures = check_hostile(args.url, args.timeout, args.slow * 10) if args.hostile else 0
    if not args.dirs:
        return 1 if failures else 0
    tally, aside = Tally(), Tally()
    for path in feed_files(args.dirs):
        check_file(tally, aside, path, args)
    report(tally, aside)
    return 1 if tally.crashes or aside.crashes or failures else 0


if __name__ == "__main__":
    sys.exit(main())
