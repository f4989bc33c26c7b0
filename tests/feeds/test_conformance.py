"""Conformance with two public feed-parser suites (``../shared/feeds``): every feed that has an
expected parse is parsed and its entries compared with it: count, link, title and date.

The expected side is read with the rules newsmon documents in ``docs/feeds.md`` (Conformance):
an entry without a link whose id is an absolute http(s) URL takes it as its link; links are
absolute (resolved against the feed URL), trimmed, compared as canonical URLs (so entries
whose links differ only by a fragment are one article); an expected title that still holds
HTML is compared as text; U+FFFD in an expected title stands for the character the reference
parser mis-decoded; a FeedBurner redirect (a ``/~r/`` link) stands for the
``feedburner:origLink`` its entry carries, which newsmon takes. Beyond these rules,
``DEVIATIONS`` lists each file where newsmon reads more than the reference does, with
newsmon's value checked.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.feedentries import absolute, absolute_http, strip_html
from feeds.feedparse import parse_feed
from feeds.urls import canonicalize_url

REPO = Path(__file__).resolve().parents[2]
#: ``../shared`` beside the clone (as in CI); NEWSMON_SHARED points elsewhere (a worktree).
SHARED = Path(os.environ.get("NEWSMON_SHARED") or REPO.parent / "shared") / "feeds"
FEED_URL = "http://feeds.example/feed"
_ORIG_LINK = re.compile(r"<feedburner:origLink>\s*(.*?)\s*</feedburner:origLink>", re.S)

#: Files where the reference parser reads less than newsmon: (why, newsmon's first date).
DEVIATIONS = {
    "feed-rs/rss_2.0_nbcny.xml": (
        "feed-rs reads no date from 'Sat, Dec 16 2023 02:02:33 PM'",
        datetime(2023, 12, 16, 14, 2, 33, tzinfo=UTC),
    ),
    "rss-parser/uolNoticias.rss": (
        "rss-parser gives no isoDate for 'Seg, 24 Set 2018 19:42:40 -0300' (Portuguese)",
        datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC),
    ),
}


@dataclass(frozen=True)
class Expected:
    link: str | None
    title: str | None
    date: datetime | None


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _feed_rs(path: Path) -> list[Expected]:
    out = []
    for entry in json.loads(path.read_text(encoding="utf-8"))["entries"]:
        links = [k["href"] for k in entry.get("links") or []
                 if k.get("rel") in (None, "alternate") and k.get("href")]
        title = (entry.get("title") or {}).get("content")
        out.append(Expected(links[0] if links else absolute_http(entry.get("id")), title,
                            _when(entry.get("published") or entry.get("updated"))))
    return out


def _rss_parser(path: Path) -> list[Expected]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # encoding.json is itself ISO-8859-1
        text = raw.decode("latin-1")
    items = json.loads(text)["feed"].get("items", [])
    return [Expected(i.get("link") or absolute_http(i.get("guid") or i.get("id")),
                     i.get("title"), _when(i.get("isoDate"))) for i in items]


def cases() -> list[tuple[str, Path, Path]]:
    found = []
    for truth in sorted((SHARED / "feed-rs" / "fixture").rglob("*.serde.json")):
        stem = truth.name.removesuffix(".serde.json")
        feed = next(p for p in truth.parent.glob(stem + ".*") if p != truth)
        found.append((f"feed-rs/{feed.name}", feed, truth))
    for truth in sorted((SHARED / "rss-parser" / "output").glob("*.json")):
        feed = next((SHARED / "rss-parser" / "input").glob(truth.stem + ".*"))
        found.append((f"rss-parser/{feed.name}", feed, truth))
    return found


CASES = cases() if SHARED.is_dir() else []


def test_the_shared_suites_are_there():
    """In CI ``../shared`` sits beside the clone: a missing suite is a failure, not a skip."""
    if not SHARED.is_dir():
        message = f"{SHARED} is missing"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert len(CASES) >= 90


def _link_key(link: str) -> str:
    return canonicalize_url(absolute(link, FEED_URL) or link)


def _expected_entries(name: str, truth: Path) -> list[Expected]:
    entries = _feed_rs(truth) if name.startswith("feed-rs/") else _rss_parser(truth)
    seen, kept = set(), []
    for entry in entries:
        if not entry.link or not absolute(entry.link, FEED_URL):
            continue  # newsmon skips entries without a link
        key = _link_key(entry.link)
        if key not in seen:
            seen.add(key)
            kept.append(entry)
    return kept


def _same_title(got: str | None, expected: str | None) -> bool:
    want = " ".join((strip_html(expected) if expected and re.search(r"[<&]", expected)
                     else expected or "").split())
    have = " ".join((got or "").split())
    if "\ufffd" in want:  # the reference mis-decoded these characters
        pattern = ".".join(re.escape(part) for part in want.split("\ufffd"))
        return re.fullmatch(pattern, have) is not None
    return have == want


@pytest.mark.parametrize(("name", "feed", "truth"), CASES, ids=[c[0] for c in CASES])
def test_feed_matches_the_reference_parse(name, feed, truth):
    content_type = "application/feed+json" if feed.suffix == ".json" else None
    got = parse_feed(feed.read_bytes(), FEED_URL, content_type).entries
    expected = _expected_entries(name, truth)
    assert len(got) == len(expected), [e.url for e in got]
    written = feed.read_bytes().decode("utf-8", errors="replace")
    originals = {_link_key(html.unescape(link)) for link in _ORIG_LINK.findall(written)}
    problems = []
    for ours, theirs in zip(got, expected, strict=True):
        original = "/~r/" in theirs.link and _link_key(ours.url) in originals
        if _link_key(ours.url) != _link_key(theirs.link) and not original:
            problems.append(f"link {ours.url!r} != {theirs.link!r}")
        if not _same_title(ours.title, theirs.title):
            problems.append(f"title {ours.title!r} != {theirs.title!r}")
        if ours.published != theirs.date and not (theirs.date is None and name in DEVIATIONS):
            problems.append(f"date {ours.published} != {theirs.date}")
    assert problems == []
    if name in DEVIATIONS:
        assert got[0].published == DEVIATIONS[name][1], DEVIATIONS[name][0]
