"""A page's publication date, read from its own structure, never guessed from its prose.

The sources, strongest first; the first that gives a readable date wins:

1. ``published``: ``article:published_time`` and its kin (og, parsely, sailthru, cxense,
   ``publishdate``), then JSON-LD ``datePublished`` (``@graph`` and nested nodes included; CMS
   templates often write it as local time labelled ``Z``, or with no zone, where the meta
   tag is right), then any ``itemprop="datePublished"``;
2. ``header``: the first ``<time>`` of the article, outside comments, teaser lists, sidebars and
   footers, and not marked as an update;
3. ``url``: a day in the URL path (``/2023/04/28/``, ``2023-04-28``);
4. ``headline``: a short text holding a day right after (or just before) the ``<h1>``, or in it;
   ``dateline``: a short element whose class or id names a date (``class="date"``,
   ``news-date``, ``datum``) holding one readable day, outside the same containers;
   ``label``: a day introduced by "Veröffentlicht am", "Published", "Mise en ligne"...
   (these visible-text readers live in ``pages.dateline``);
5. ``meta``: generic date tags (``date``, ``dc.date``, ``dcterms.created``): content management
   systems often fill them with the page's creation or indexing time, so they come late;
6. ``script``: a ``published_at`` / ``datePublished`` key in the page's inline state;
7. ``modified``: ``dateModified``, ``article:modified_time``, hAtom ``updated``, a day labelled
   "Aktualisiert" / "Updated": only when nothing else is there, and marked so the caller may
   prefer the feed entry's date.

A time written with an offset keeps that offset (the day is the one the page shows); a time
without a zone is read as UTC. Free text ("founded in 2018") is never read: a page without
date structure has no date here, and the feed entry's date is the better fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from feeds.dates import parse_written
from pages import jsonld
from pages.dateline import (
    UPDATE_LABEL,
    body_datelines,
    datelines,
    foreign,
    is_update,
    labelled,
    last_edited,
    near_headline,
    revised,
    title_days,
    written_day,
)
from pages.headline import SEPARATOR

PUBLISHED_META = frozenset({
    "article:published_time", "og:published_time", "og:article:published_time",
    "published_time", "article:published", "datepublished", "publishdate", "publish-date",
    "publish_date", "pubdate", "parsely-pub-date", "sailthru.date",
    "cxenseparse:recs:publishtime", "dc.date.issued", "dcterms.issued", "article.published",
    "originalpublicationdate", "date_published",
})  # fmt: skip
GENERIC_META = frozenset({
    "date", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created", "created",
    "creation_date", "citation_publication_date", "citation_date",
})  # fmt: skip
MODIFIED_META = frozenset({
    "article:modified_time", "og:updated_time", "og:modified_time", "datemodified",
    "dcterms.modified", "dc.date.modified", "last-modified", "lastmod",
})  # fmt: skip
#: A publication date in a page's inline state (``"published_at": "2019-03-02T06:22:28"``).
SCRIPT_PUBLISHED = re.compile(
    r"[\"']?\b(?:datePublished|published_?[aA]t|publish_?[dD]ate|first_?[pP]ublish(?:ed)?_?"
    r"(?:[dD]ate)?(?:_?[tT]ime)?|pubDate)[\"']?\s*:\s*[\"']([0-9][^\"']{7,34})[\"']"
)
#: Sources (first word of ``PageDate.source``) that declare the publication date itself.
FIRM_SOURCES = frozenset({"meta", "json-ld", "itemprop", "hatom", "time", "url"})
URL_DAY = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?=[/_.-]|$)")
#: ``/20230428/`` or ``-20230428-``: a day as eight digits between separators.
URL_COMPACT_DAY = re.compile(r"[/_-](?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?=[/_.-]|$)")
#: The start of a URL inside a URL's path (an archive's copy of a page).
_EMBEDDED_URL = re.compile(r"/https?:/+", re.I)
#: schema.org types of a story (``NewsArticle``, ``BlogPosting``, ``Report``...).
ARTICLE_TYPE = re.compile(r"Article|Posting|Report|Review|Story|Blog", re.I)
#: Languages that write a month before the day (``11/05/2022`` is November 5th).
MONTH_FIRST_LANGUAGES = frozenset({"en"})
#: Country codes of hosts whose pages may write the month first, or sold as generic names.
MONTH_FIRST_HOSTS = frozenset({
    "us", "ca", "ph", "fm", "io", "co", "tv", "me", "ai", "ly", "gg", "to", "cc", "ws", "sh",
    "ac", "la", "am", "im", "so", "st", "vc", "xyz",
})  # fmt: skip
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
_UTC_WRITTEN = re.compile(r"(?:\d(?:\.\d+)?Z|[+-]00:?00|\b(?:GMT|UTC))\s*$", re.I)
#: Languages spoken in one civil zone (its summer time included), for a time written in UTC.
LANGUAGE_ZONES = {
    "de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome", "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw", "cs": "Europe/Prague", "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest", "hr": "Europe/Zagreb", "sl": "Europe/Ljubljana",
    "da": "Europe/Copenhagen", "sv": "Europe/Stockholm", "nb": "Europe/Oslo", "nn": "Europe/Oslo",
    "no": "Europe/Oslo", "fi": "Europe/Helsinki", "et": "Europe/Tallinn", "lv": "Europe/Riga",
    "lt": "Europe/Vilnius", "el": "Europe/Athens", "ro": "Europe/Bucharest", "bg": "Europe/Sofia",
    "tr": "Europe/Istanbul", "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "zh": "Asia/Shanghai",
    "he": "Asia/Jerusalem",
}  # fmt: skip
#: A language tag's region, when it names one zone (``de-AT``, ``zh-TW``, ``en-GB``).
REGION_ZONES = {
    "de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich", "li": "Europe/Vaduz",
    "fr": "Europe/Paris", "be": "Europe/Brussels", "lu": "Europe/Luxembourg",
    "it": "Europe/Rome", "nl": "Europe/Amsterdam", "gb": "Europe/London", "uk": "Europe/London",
    "ie": "Europe/Dublin", "pl": "Europe/Warsaw", "cz": "Europe/Prague", "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest", "hr": "Europe/Zagreb", "si": "Europe/Ljubljana",
    "rs": "Europe/Belgrade", "dk": "Europe/Copenhagen", "se": "Europe/Stockholm",
    "no": "Europe/Oslo", "fi": "Europe/Helsinki", "ee": "Europe/Tallinn", "lv": "Europe/Riga",
    "lt": "Europe/Vilnius", "gr": "Europe/Athens", "ro": "Europe/Bucharest", "bg": "Europe/Sofia",
    "tr": "Europe/Istanbul", "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "cn": "Asia/Shanghai",
    "tw": "Asia/Taipei", "hk": "Asia/Hong_Kong", "sg": "Asia/Singapore", "il": "Asia/Jerusalem",
    "in": "Asia/Kolkata", "ua": "Europe/Kiev",
}  # fmt: skip
_MAX_TIMES = 8


@dataclass(frozen=True)
class PageDate:
    """The date a page declares, with the rule and the text that gave it."""

    when: datetime
    has_time: bool
    source: str
    written: str

    @property
    def day(self) -> date:
        """The day in the zone the page writes it in."""
        return self.when.date()

    @property
    def firm(self) -> bool:
        """Declared as the publication date (metadata, the article's ``<time>``, the URL), not
        read from visible text, a generic tag or a modification date: a feed entry's date is
        better than a date that is not firm."""
        return self.source.split()[0] in FIRM_SOURCES


def page_date(tree, url: str = "") -> PageDate | None:
    """The page's publication date from its structure (see the module doc), or ``None``."""
    if tree is None:
        return None
    metas = _meta_values(tree)
    ld_published, ld_modified = _json_ld_dates(tree)
    day_first = _day_first(tree, url, metas)
    published = _first(
        [(f"meta {k}", v) for k, v in metas if k in PUBLISHED_META]
        + [("json-ld datePublished", v) for v in ld_published]
        + [("itemprop datePublished", v) for v in _itemprop_published(tree)]
        + [("hatom published", v) for v in _hatom(tree, "published")],
        day_first,
    )
    if published is not None:
        return published
    story = _story(tree)
    scope = story if story is not None else tree
    return (
        _first([("time", v) for v in _header_times(scope)], day_first)
        or url_date(url)
        or _first([("headline", v) for v in near_headline(tree, day_first, _titles(tree, metas))],
                  day_first)
        or _first([("dateline", v) for v in datelines(scope, day_first)], day_first)
        or _first([("label", v) for v in labelled(scope, day_first)], day_first)
        or _first([("title", v) for v in _title_days(tree, metas, day_first)], day_first)
        or _first([(f"generic meta {k}", v) for k, v in metas if k in GENERIC_META])
        or _outside_story(tree, story, day_first)
        or _first([("script", v) for v in _script_published(tree)])
        or _first(
            [("modified json-ld dateModified", v) for v in ld_modified]
            + [(f"modified meta {k}", v) for k, v in metas if k in MODIFIED_META]
            + [("modified hatom updated", v) for v in _hatom(tree, "updated")]
        )
        or _first(
            [("modified label", v) for v in labelled(scope, day_first, UPDATE_LABEL)], day_first
        )
        or _first([("modified page", v) for v in last_edited(tree, day_first)], day_first)
    )


def text_date(text: str | None, tree, url: str = "") -> PageDate | None:
    """A dateline in the article's extracted text (``pages.dateline.body_datelines``), for a
    page whose structure has no date: never firm, an update's when labelled so."""
    if not text or tree is None:
        return None
    day_first = _day_first(tree, url)
    return _first(
        [("modified body" if revised(v) else "body", v) for v in body_datelines(text, day_first)],
        day_first,
    )


def _title_days(tree, metas: list[tuple[str, str]], day_first: bool) -> list[str]:
    return title_days(_page_titles(tree, metas), SEPARATOR, day_first)


def _page_titles(tree, metas: list[tuple[str, str]]) -> list[str]:
    titles = [v for k, v in metas if k in ("og:title", "twitter:title")]
    return titles + [t.text_content() for t in tree.xpath("//head/title")[:1]]


def _titles(tree, metas: list[tuple[str, str]]) -> tuple[str, ...]:
    """The page's titles, and the longest part of each between separators (a site's name or a
    column's is the shorter one): what a headline set outside an ``<h1>`` reads
    (``pages.dateline.near_headline``)."""
    found: list[str] = []
    for title in _page_titles(tree, metas):
        title = " ".join(title.split())
        found += [title, max(SEPARATOR.split(title), key=len)]
    return tuple(dict.fromkeys(t for t in found if t))


def _day_first(tree, url: str = "", metas: list[tuple[str, str]] | None = None) -> bool:
    """Whether the page writes ``05/10/2018`` day first: its language (``<html lang>``, else
    ``og:locale`` or ``content-language``) is not English; a page that names no language is
    read by its host's country code (``.br``, ``.de``; not ``.us`` nor the codes sold as
    generic names: ``.io``, ``.co``, ``.tv``...)."""
    lang = (tree.get("lang") or "".join(tree.xpath("/html/@lang")[:1])).strip().lower()
    if not lang:
        declared = [v for k, v in (metas if metas is not None else _meta_values(tree))
                    if k in ("og:locale", "content-language", "language")]
        lang = (declared[0] if declared else "").strip().lower()
    if lang:
        return lang[:2] not in MONTH_FIRST_LANGUAGES
    suffix = (urlsplit(url).hostname or "").rsplit(".", 1)[-1]
    return len(suffix) == 2 and suffix.isalpha() and suffix not in MONTH_FIRST_HOSTS


def _story(tree):
    """The ``<article>`` holding the headline, if the page marks one: times and datelines are
    looked for there first (a masthead shows today's date, teasers show theirs)."""
    found = tree.xpath("//article[.//h1]")
    return found[0] if found else None


def _outside_story(tree, story, day_first: bool) -> PageDate | None:
    if story is None:
        return None
    return (
        _first([("time", v) for v in _header_times(tree)], day_first)
        or _first([("dateline", v) for v in datelines(tree, day_first)], day_first)
        or _first([("label", v) for v in labelled(tree, day_first)], day_first)
    )


def page_zone(tree) -> ZoneInfo | None:
    """The civil zone of the page's language (``<html lang>``), when that language is spoken in
    one zone (``de``, ``ja``) or its tag names a region that is (``fr-BE``); ``None`` for
    languages of many zones (``en``, ``es``, ``pt``, ``ru``) and unknown regions (``fr-CA``)."""
    tag = (tree.get("lang") or "".join(tree.xpath("/html/@lang")[:1])) if tree is not None else ""
    parts = [p for p in re.split(r"[-_]", tag.strip().lower()) if p]
    if not parts:
        return None
    regions = [p for p in parts[1:] if len(p) == 2]
    name = REGION_ZONES.get(regions[0]) if regions else LANGUAGE_ZONES.get(parts[0])
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def written_in_utc(written: str) -> bool:
    """The text of a date names UTC itself (``…Z``, ``+00:00``, ``GMT``), not just no zone."""
    return bool(_UTC_WRITTEN.search(written))


def shown_day(tree, url: str) -> date | None:
    """The day the page shows its reader: in its URL, else in the dateline beside its headline;
    what a time written in UTC is checked against (``pages.article.publisher_day``)."""
    on_url = url_date(url)
    if on_url is not None or tree is None:
        return on_url.day if on_url is not None else None
    metas = _meta_values(tree)
    day_first = _day_first(tree, url, metas)
    found = _first([("headline", v) for v in near_headline(tree, day_first, _titles(tree, metas))],
                   day_first)
    return found.day if found is not None else None


def url_date(url: str) -> PageDate | None:
    """A day written in the URL's path (``/2023/04/28/``, ``/20230428/``), as WordPress and
    many news sites do; in an archive's URL (``web.archive.org/web/20120216/http://…``) only
    the archived page's own URL is read."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = _EMBEDDED_URL.split(path)[-1]  # an archive's capture stamp is not the page's day
    match = URL_DAY.search(path) or URL_COMPACT_DAY.search(path)
    if match is None:
        return None
    try:
        when = datetime(int(match["y"]), int(match["m"]), int(match["d"]), tzinfo=UTC)
    except ValueError:
        return None
    return PageDate(when, False, "url", match.group(0))


def read_date(value: str | None, day_first: bool = False) -> tuple[datetime, bool] | None:
    """``(aware datetime, has time of day)`` for one written date, or ``None``.

    ``day_first``: an ambiguous ``05/10/2018`` is the 5th of October (the page's language
    writes the day first); otherwise such a date is refused.
    """
    if not value or not value.strip() or len(value) > 80:
        return None
    parsed = parse_written(value)
    timed = parsed is not None and bool(_TIME_OF_DAY.search(value))
    if parsed is None:
        day = written_day(value, day_first)
        parsed = _midnight(day) if day is not None else None
    if parsed is None or parsed.year < 1991:
        return None
    return parsed, timed


def _midnight(day: tuple[int, int, int]) -> datetime | None:
    try:
        return datetime(*day, tzinfo=UTC)
    except ValueError:
        return None


def _first(candidates: list[tuple[str, str]], day_first: bool = False) -> PageDate | None:
    """The first readable candidate; one with a time of day on the same day is preferred."""
    readable = []
    for source, value in candidates:
        read = read_date(value, day_first)
        if read is not None:
            readable.append(PageDate(read[0], read[1], source, value.strip()))
    if not readable:
        return None
    best = readable[0]
    if not best.has_time:
        timed = [c for c in readable if c.has_time and c.day == best.day]
        best = timed[0] if timed else best
    return best


def _meta_values(tree) -> list[tuple[str, str]]:
    found = []
    for meta in tree.xpath("//meta[@content]"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if key is None:
            key = meta.get("http-equiv") or ""
        found.append((key.strip().lower(), meta.get("content")))
    return found


def _json_ld_dates(tree) -> tuple[list[str], list[str]]:
    """``datePublished`` and ``dateModified`` values: article-type nodes first (a ``WebPage``
    or ``WebSite`` node may carry the site's own dates), then outer nodes before nested ones."""
    found: list[tuple[bool, str, str]] = []
    for data in jsonld.documents(tree):
        for node in jsonld.nodes(data):
            article = bool(ARTICLE_TYPE.search(str(node.get("@type") or "")))
            for key in ("datePublished", "dateModified"):
                value = node.get(key)
                if isinstance(value, str):
                    found.append((not article, key, value))
    found.sort(key=lambda item: item[0])  # stable: document order within each group
    published = [value for _, key, value in found if key == "datePublished"]
    modified = [value for _, key, value in found if key == "dateModified"]
    return published, modified




def _script_published(tree) -> list[str]:
    """The first publication date written in the page's inline scripts (state, data layers)."""
    for script in tree.xpath("//script[not(@src)]/text()"):
        match = SCRIPT_PUBLISHED.search(script)
        if match is not None:
            return [match.group(1)]
    return []


def _hatom(tree, kind: str) -> list[str]:
    """hAtom's ``class="published"`` / ``"updated"`` stamps (``title`` or ``datetime``)."""
    xpath = f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {kind} ')]"
    return [e.get("datetime") or e.get("title") or "" for e in tree.xpath(xpath)[:2]]


def _itemprop_published(tree) -> list[str]:
    values = []
    for element in tree.xpath('//*[@itemprop="datePublished"]')[:3]:
        values.append(element.get("content") or element.get("datetime") or element.text_content())
    return values


def _header_times(tree) -> list[str]:
    """The article's first ``<time>`` (its ``datetime`` or its text), if it is not foreign."""
    for element in tree.xpath(".//time")[:_MAX_TIMES]:
        if foreign(element) or is_update(element):
            continue
        return [element.get("datetime") or "", element.text_content()]
    return []
