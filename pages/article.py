"""Article extraction: HTML in, plain article values out. Pure, picklable, runs in workers.

trafilatura gives the main text, authors, description and site name. The publication date
comes from the page's own structure (``pages.pubdate``), else from a dateline opening or
signing the extracted text, never from trafilatura's guess over the body text; the feed entry's
date beats both when they are not firm (``choose_published`` has the precedence).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta, tzinfo

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from enrich.language import detect_language, normalize_lang_tag
from feeds.dates import parse_written
from feeds.urls import canonicalize_url, same_site
from pages.boilerplate import boilerplate_paths
from pages.headline import choose_headline
from pages.pubdate import (
    PageDate,
    page_date,
    page_zone,
    shown_day,
    text_date,
    written_in_utc,
)

#: Below this many words trafilatura is taken to have missed the article body.
MIN_USEFUL_WORDS = 20
#: Publication dates before the web existed are placeholders (epoch 0, "0001-01-01"): unknown.
EARLIEST_PUBLISHED = datetime(1991, 1, 1, tzinfo=UTC)

_TAG_RE = re.compile(r"<[^>]+>")
_WS_RE = re.compile(r"\s+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
#: Single-byte Western/Central European guesses: such text is read as cp1252, the web's
#: most common legacy encoding (charset detectors cannot tell these apart on short text).
_LATIN_FAMILY = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "iso8859-1", "iso8859-2", "iso8859-9",
    "iso8859-13", "iso8859-15", "latin-1", "mac-roman", "mac-latin2", "cp850", "cp437",
})  # fmt: skip


@dataclass(frozen=True)
class ExtractedArticle:
    """One article as extracted from its page: the values ``storage.repo.store_article`` stores.

    Crosses the worker-process boundary (picklable) and goes into storage as it is.
    ``published_at`` keeps the zone the page or feed wrote it in; ``published_on`` is the
    publisher's day (``publisher_day``; by default the date in that zone). ``row()`` stores the
    UTC instant and that day.
    """

    url: str
    canonical_url: str
    title: str | None
    authors: str | None
    published_at: datetime | None
    fetched_at: datetime
    language: str | None
    text: str | None
    summary: str | None
    site_name: str | None
    word_count: int
    content_hash: str | None
    extraction_method: str
    published_on: date | None = None

    def __post_init__(self) -> None:
        if self.published_on is None and self.published_at is not None:
            object.__setattr__(self, "published_on", self.published_at.date())

    def row(self) -> dict[str, object]:
        """The values by column name, for an INSERT: ``published_at`` in UTC."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.published_at is not None:
            values["published_at"] = self.published_at.astimezone(UTC)
        return values


@dataclass(frozen=True)
class EntryInfo:
    """What the feed said about an entry; the fallback for what the page lacks."""

    title: str | None = None
    #: Aware, in the zone the feed wrote it.
    published: datetime | None = None
    summary: str | None = None
    content: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    #: The feed's own title: a site name a page title may carry.
    feed_title: str | None = None


def strip_control_chars(value: str | None) -> str | None:
    """Drop NUL and other control characters that no database column should hold."""
    if value is None:
        return None
    return _CONTROL_RE.sub("", value).strip() or None


def decode_html(body: bytes | str) -> str:
    """Page bytes to text: BOM, then valid utf-8, then a declared charset that fits, then
    a detected one; a ``<meta charset>`` that lies (utf-8 declared, cp1252 sent) is survived.
    """
    if isinstance(body, str):
        return body
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(body[:8192])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    candidates += trafilatura.utils.detect_encoding(body)[:1]
    for label in candidates:
        try:
            name = codecs.lookup(label).name
        except LookupError:
            continue
        if name == "utf-8":
            continue  # a lie: utf-8 did not decode
        if name in _LATIN_FAMILY:
            break  # read as cp1252 below
        try:
            return body.decode(name)
        except UnicodeDecodeError:
            continue
    return body.decode("cp1252", errors="replace")


def html_to_text(fragment: str | None) -> str | None:
    if not fragment:
        return None
    if "<" in fragment:
        try:
            fragment = lxml.html.fromstring(fragment).text_content()
        except (etree.ParserError, ValueError):
            fragment = _TAG_RE.sub(" ", fragment)
    return strip_control_chars(_WS_RE.sub(" ", fragment))


def parse_datetime(value: str | None) -> datetime | None:
    """A page's timestamp, aware, in the zone it is written in (naive ones as UTC)."""
    return parse_written(value)


def page_datetime(tree) -> datetime | None:
    """The publication time the page declares, only if it carries a time of day."""
    found = page_date(tree)
    return found.when if found is not None and found.has_time else None


def choose_published(
    page: PageDate | None, feed_time: datetime | None, fetched_at: datetime
) -> datetime | None:
    """The page's own publication date first, then the feed entry's; never after the fetch.

    The answer keeps the zone the page or feed wrote it in: its ``date()`` is the day the
    publisher printed (an evening story at ``21:10-04:00`` is on that day, not the next UTC
    one). A page date without a time of day takes the feed's time when the feed says the
    same day. The feed entry's date beats a page date that is not firm (read from visible
    text, a generic tag or a modification date: ``PageDate.firm``). Dates before
    ``EARLIEST_PUBLISHED`` are ignored (placeholders such as 1970-01-01).
    """
    feed_time = _plausible(feed_time)
    chosen = _plausible(page.when) if page is not None else None
    if page is not None and not page.firm and feed_time is not None:
        chosen = feed_time
    elif chosen is not None and page is not None and not page.has_time and feed_time is not None:
        chosen = _same_day(feed_time, page.day) or chosen
    if chosen is None:
        chosen = feed_time
    if chosen is not None and chosen > fetched_at:
        chosen = fetched_at.astimezone(chosen.tzinfo)
    return chosen


#: The offsets in use, west and east of UTC: an instant falls on a day between these.
_WEST, _EAST = timedelta(hours=12), timedelta(hours=14)


def publisher_day(
    published: datetime | None, shown: date | None, timed: bool = True,
    zone: tzinfo | None = None,
) -> date | None:
    """The day the publisher printed: the date in the zone ``published`` was written in.

    A time written in UTC or without a zone says nothing of the publisher's zone (US sites
    write ``2019-11-20T01:50:59Z`` for a story of the 19th; an Austrian one writes
    ``2019-10-18T22:04:00Z`` under "19. Oktober 2019 00:04 Uhr"): then a day the page shows
    (``pages.pubdate.shown_day``: in the URL, ``/2019/11/19/``, else beside the headline) is
    the publisher's, when the instant falls on it in some zone (12 hours west to 14 east of
    UTC). Else, for a time the page writes in UTC itself (``2022-11-06T23:00:00.000Z`` on a
    German page), ``zone``, the zone of the page's language (``pages.pubdate.page_zone``),
    gives the day: it is 2022-11-07 in Berlin. ``timed``: whether ``published`` has a time of
    day (a page that writes only a day has written its day).
    """
    if published is None:
        return None
    day = published.date()
    if not timed or published.utcoffset() != timedelta(0):
        return day
    if shown is not None and (published - _WEST).date() <= shown <= (published + _EAST).date():
        return shown
    return published.astimezone(zone).date() if zone is not None else day


def _same_day(feed_time: datetime, day: date) -> datetime | None:
    """The feed's time, in a zone that shows ``day`` (its own first, else UTC), if either
    does: a page that writes only the day keeps that day."""
    for when in (feed_time, feed_time.astimezone(UTC)):
        if when.date() == day:
            return when
    return None


def _plausible(value: datetime | None) -> datetime | None:
    return value if value is not None and value >= EARLIEST_PUBLISHED else None


def page_canonical(tree, page_url: str) -> str | None:
    """A same-site ``<link rel=canonical>`` or ``og:url``, canonicalized."""
    hrefs = tree.xpath('//link[contains(concat(" ", normalize-space(translate(@rel, '
                       '"CANOLI", "canoli")), " "), " canonical ")]/@href')
    hrefs += tree.xpath('//meta[@property="og:url"]/@content')
    for href in hrefs:
        try:
            candidate = canonicalize_url(href.strip(), base=page_url)
        except ValueError:
            continue
        if same_site(candidate, page_url):
            return candidate
    return None


def _authors(value: str | None, fallback: tuple[str, ...]) -> str | None:
    if value:
        return strip_control_chars(value)
    return strip_control_chars("; ".join(fallback))


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


#: trafilatura always looks for a date; its answer is not used (``pages.pubdate`` reads the
#: page's own), so it is kept to htmldate's quick search.
_CHEAP_DATE = {"extensive_search": False, "original_date": True}


def main_document(tree, url: str) -> Document | None:
    """trafilatura's main text and metadata for the page.

    trafilatura reads the metadata from the whole page, then prunes the boilerplate containers
    (``pages.boilerplate``) from its own copy before looking for the main text; ``tree`` stays
    whole for the headline.
    """
    doc = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, with_metadata=True, include_tables=True,
        prune_xpath=boilerplate_paths(tree), date_extraction_params=_CHEAP_DATE,
    )
    return doc if isinstance(doc, Document) else None


def extract_article(
    html: bytes | str,
    url: str,
    canonical_url: str,
    entry: EntryInfo,
    fetched_at: datetime,
) -> ExtractedArticle:
    """The article to store, from a fetched page and its feed entry."""
    tree = trafilatura.utils.load_html(decode_html(html))
    html_lang = page_canonical_url = page_published = None
    if tree is not None:
        html_lang = normalize_lang_tag(tree.get("lang") or "".join(tree.xpath("//html/@lang")[:1]))
        page_canonical_url = page_canonical(tree, url)
        page_published = page_date(tree, url)
    doc = main_document(tree, url) if tree is not None else None
    text = strip_control_chars(doc.text) if doc is not None else None
    if page_published is None and text is not None:
        page_published = text_date(text, tree, url)
    method = "trafilatura"
    feed_body = html_to_text(entry.content) or None
    if _words(text) < MIN_USEFUL_WORDS:
        fallback = feed_body if _words(feed_body) > _words(text) else None
        summary_text = html_to_text(entry.summary)
        if fallback:
            text, method = fallback, "feed_content"
        elif _words(summary_text) > _words(text):
            text, method = summary_text, "feed_summary"
    title = strip_control_chars(choose_headline(
        tree, url, entry_title=entry.title, feed_title=entry.feed_title,
        fallback=doc.title if doc is not None else None,
    ))
    published = choose_published(page_published, entry.published, fetched_at)
    timed = page_published is None or page_published.has_time or published != page_published.when
    in_utc = published is not None and published.utcoffset() == timedelta(0)
    page_utc = (in_utc and page_published is not None and published == page_published.when
                and written_in_utc(page_published.written))
    published_on = publisher_day(published, shown_day(tree, url) if in_utc else None, timed,
                                 page_zone(tree) if page_utc else None)
    sample = f"{title or ''}\n{text or ''}"
    language = detect_language(sample, hint=html_lang or entry.language)
    normalized = _WS_RE.sub(" ", (text or "").lower()).strip()
    return ExtractedArticle(
        url=url,
        canonical_url=page_canonical_url or canonical_url,
        title=title,
        authors=_authors(doc.author if doc is not None else None, entry.authors),
        published_at=published,
        published_on=published_on,
        fetched_at=fetched_at,
        language=language,
        text=text,
        summary=strip_control_chars(doc.description if doc is not None else None)
        or html_to_text(entry.summary),
        site_name=strip_control_chars(doc.sitename if doc is not None else None),
        word_count=_words(text),
        content_hash=hashlib.sha256(normalized.encode()).hexdigest() if normalized else None,
        extraction_method=method,
    )
