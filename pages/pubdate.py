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
   ``label``: a day introduced by "Veröffentlicht am", "Published", "Mise en ligne"...;
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

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from feeds.dates import parse_written, visible_day

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
#: Containers whose dates belong to something else than the article: comments, teasers of
#: other stories, sidebars. Matched as the start of a word of the lower-cased class or id
#: (``comment-list``, ``yle__listItem``), not inside one (``layoutTwoColumnsRightSidebar``).
FOREIGN_CONTAINERS = (
    "comment", "related", "teaser", "sidebar", "widget", "recommend", "popular", "mostread",
    "latest", "trending", "listitem", "footer", "reply", "nav", "masthead",
)  # fmt: skip
#: Words that introduce a publication date in the page ("Veröffentlicht am 16.08.2019",
#: "Mise en ligne" then "23 mai 2019"), in the languages we crawl.
PUBLISHED_LABEL = re.compile(
    r"^\W*(?:first\s+)?(?:published|posted|written|ver[öo]ffentlicht|erstellt|publiziert|"
    r"erschienen|publi[ée]e?s?\b|mise?\s+en\s+ligne|publicad[oa]|pubblicat[oa]|gepubliceerd|"
    r"opublikowano|publikov[áa]no|publicerad|publiceret|publisert|julkaistu|k[öo]zz[ée]t[ée]ve|"
    r"objavljeno|publicat\b|yay[ıi]nlanma|опубликовано|публикувано|δημοσιεύ|기사입력|입력|등록|"
    r"公開|公开|投稿|配信|掲載|发布|發布|发表|發表)",
    re.I,
)
#: Words that introduce a later revision's date ("Aktualisiert: 30.12.2016").
UPDATE_LABEL = re.compile(
    r"^\W*(?:last\s+)?(?:updated|modified|edited|last\s+edited|aktualisiert|letzte\s+"
    r"[äa]nderung|zuletzt\s+ge[äa]ndert|stand:|mis\s+[àa]\s+jour|actualizad[oa]|aggiornat[oa]|"
    r"bijgewerkt|zaktualizowano|aktualizov[áa]no|uppdaterad|opdateret|oppdatert|p[äa]ivitetty)",
    re.I,
)
#: A publication date in a page's inline state (``"published_at": "2019-03-02T06:22:28"``).
SCRIPT_PUBLISHED = re.compile(
    r"[\"']?\b(?:datePublished|published_?[aA]t|publish_?[dD]ate|first_?[pP]ublish(?:ed)?_?"
    r"(?:[dD]ate)?(?:_?[tT]ime)?|pubDate)[\"']?\s*:\s*[\"']([0-9][^\"']{7,34})[\"']"
)
#: JSON-LD scripts, including the untyped ``<script>{"@context": ...}`` some sites write.
JSON_LD_XPATH = (
    '//script[@type="application/ld+json" or (not(@type) and '
    'starts-with(normalize-space(.), "{") and contains(., "@context"))]/text()'
)
_MARK_WORDS = re.compile(r"[\s_-]+")
#: Sources (first word of ``PageDate.source``) that declare the publication date itself.
FIRM_SOURCES = frozenset({"meta", "json-ld", "itemprop", "hatom", "time", "url"})
FOREIGN_TAGS = frozenset({"aside", "nav", "footer"})
#: Marks of a later revision on a ``<time>`` or date element (class or visible label).
UPDATE_WORDS = re.compile(
    r"updat|modif|aktualisiert|geändert|actualiz|mis à jour|aggiornat|bijgewerkt|revis|edited",
    re.I,
)
#: Text that ends with an update label ("last edited:", "Aktualisiert am") or is one
#: ("Updated"), so the date after it is a revision's; "Corona-Update" is a topic.
UPDATE_TAIL = re.compile(
    rf"(?:(?:{UPDATE_WORDS.pattern})\w*\s*(?:(?:am|on|le|el|il|op)\s*|:\s*)"
    rf"|^\W*(?:{UPDATE_WORDS.pattern})\w*\W*)$",
    re.I,
)
DATELINE_CLASS = re.compile(r"date|datum|fecha|data|publi|posted|byline|meta", re.I)
URL_DAY = re.compile(
    r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?=[/_.-]|$)"
)
CJK_DAY = re.compile(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
SLASH_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")
#: Languages that write a month before the day (``11/05/2022`` is November 5th).
MONTH_FIRST_LANGUAGES = frozenset({"en"})
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
_MAX_TIMES = 8
#: Text nodes looked at after and before a headline for its dateline.
_NEAR_AFTER = 8
_NEAR_BEFORE = 3
#: A dateline is a few words ("08.11.2021 | Online-Fachtag zum Intersex Day"), not a sentence
#: that mentions a day ("Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr").
_DATELINE_WORDS = 9
_TEXT = "[normalize-space()][not(parent::script or parent::style or parent::noscript)]"
_MAX_DATELINES = 40


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
    published = _first(
        [(f"meta {k}", v) for k, v in metas if k in PUBLISHED_META]
        + [("json-ld datePublished", v) for v in ld_published]
        + [("itemprop datePublished", v) for v in _itemprop_published(tree)]
        + [("hatom published", v) for v in _hatom(tree, "published")]
    )
    if published is not None:
        return published
    story = _story(tree)
    scope = story if story is not None else tree
    day_first = _day_first(tree)
    return (
        _first([("time", v) for v in _header_times(scope)], day_first)
        or url_date(url)
        or _first([("headline", v) for v in _near_headline(tree, day_first)], day_first)
        or _first([("dateline", v) for v in _datelines(scope, day_first)], day_first)
        or _first([("label", v) for v in _labelled(scope, day_first)], day_first)
        or _first([(f"generic meta {k}", v) for k, v in metas if k in GENERIC_META])
        or _outside_story(tree, story, day_first)
        or _first([("script", v) for v in _script_published(tree)])
        or _first(
            [("modified json-ld dateModified", v) for v in ld_modified]
            + [(f"modified meta {k}", v) for k, v in metas if k in MODIFIED_META]
            + [("modified hatom updated", v) for v in _hatom(tree, "updated")]
        )
        or _first(
            [("modified label", v) for v in _labelled(scope, day_first, UPDATE_LABEL)], day_first
        )
    )


def _day_first(tree) -> bool:
    """Whether the page's language writes ``05/10/2018`` day first (all but English)."""
    lang = (tree.get("lang") or "".join(tree.xpath("/html/@lang")[:1])).strip().lower()
    return bool(lang) and lang[:2] not in MONTH_FIRST_LANGUAGES


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
        or _first([("dateline", v) for v in _datelines(tree, day_first)], day_first)
        or _first([("label", v) for v in _labelled(tree, day_first)], day_first)
    )


def url_date(url: str) -> PageDate | None:
    """A day written in the URL's path, as WordPress and many news sites do."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    match = URL_DAY.search(path)
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


def written_day(text: str, day_first: bool = False) -> tuple[int, int, int] | None:
    """``(year, month, day)`` written in a short visible text: the forms ``feeds.dates`` reads,
    ``2023年4月28日`` / ``2023년 4월 28일``, and ``05/10/2018`` when the day comes first."""
    found = visible_day(text)
    if found is not None:
        return found
    match = CJK_DAY.search(text)
    if match is not None:
        return int(match[1]), int(match[2]), int(match[3])
    match = SLASH_DAY.search(text) if day_first else None
    if match is not None and int(match[2]) <= 12:
        return int(match[3]), int(match[2]), int(match[1])
    return None


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
    """``datePublished`` and ``dateModified`` values, outer nodes before nested ones."""
    published: list[str] = []
    modified: list[str] = []
    for script in tree.xpath(JSON_LD_XPATH)[:10]:
        try:
            data = json.loads(script)
        except (ValueError, TypeError):
            continue
        for node in _nodes(data):
            for key, bucket in (("datePublished", published), ("dateModified", modified)):
                value = node.get(key)
                if isinstance(value, str):
                    bucket.append(value)
    return published, modified


def _nodes(data: object) -> Iterator[dict]:
    """Every JSON object in ``data``, breadth first (the page's own node before its parts)."""
    queue = [data]
    while queue:
        node = queue.pop(0)
        if isinstance(node, list):
            queue.extend(node)
        elif isinstance(node, dict):
            yield node
            queue.extend(v for v in node.values() if isinstance(v, (dict, list)))


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
        values.append(
            element.get("content") or element.get("datetime") or element.text_content()
        )
    return values


def _foreign(element) -> bool:
    """Inside a comment, a teaser list, a sidebar or a footer: the date is someone else's.

    A container holding the page's ``<h1>`` is the article's own (a layout wrapper classed
    ``has-sidebar``), whatever its class says.
    """
    for node in element.iterancestors():
        if node.tag in FOREIGN_TAGS or _marked(node, FOREIGN_CONTAINERS):
            return node.find(".//h1") is None
    return False


def _marked(node, words: tuple[str, ...]) -> bool:
    marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
    return any(token.startswith(words) for token in _MARK_WORDS.split(marks) if token)


def _in_comments(element) -> bool:
    return any(_marked(node, ("comment",)) for node in element.iterancestors())


def _is_update(element) -> bool:
    """Marked as a revision: by its class, its own first words or the words just before it
    ("last edited: <span class=odate>17 Jun 2018</span>")."""
    marks = f"{element.get('class') or ''} {element.get('itemprop') or ''}"
    if UPDATE_WORDS.search(marks) or UPDATE_WORDS.search(element.text_content()[:40]):
        return True
    before = element.xpath("preceding::text()[normalize-space()][1]")
    return bool(before and UPDATE_TAIL.search(before[0][-40:]))


def _header_times(tree) -> list[str]:
    """The article's first ``<time>`` (its ``datetime`` or its text), if it is not foreign."""
    for element in tree.xpath(".//time")[:_MAX_TIMES]:
        if _foreign(element) or _is_update(element):
            continue
        return [element.get("datetime") or "", element.text_content()]
    return []


def _near_headline(tree, day_first: bool) -> list[str]:
    """A short text holding one readable day right after an ``<h1>`` (or just before it, in
    the same header block): the article's dateline ("Pressemitteilung vom 25. Januar 2022").

    Its place beside the headline is the evidence, so only comments are ruled out (a
    standfirst may be classed ``teaser``)."""
    for h1 in _headlines(tree):
        after = h1.xpath(f".//text(){_TEXT}")[1:3]
        after += h1.xpath(f"following::text(){_TEXT}[position() <= {_NEAR_AFTER}]")
        box = _header_box(h1)
        before = [
            text
            for text in h1.xpath(f"preceding::text(){_TEXT}[position() <= {_NEAR_BEFORE}]")
            if box is not None and _inside(text.getparent(), box)
        ]
        for text in [*after, *before]:
            line = " ".join(text.split())
            if not 5 < len(line) < 80 or len(line.split()) > _DATELINE_WORDS:
                continue
            if written_day(line, day_first) is None:
                continue
            parent = text.getparent()
            if not (_is_update(parent) or _in_comments(parent)):
                return [line]
    return []


def _labelled(tree, day_first: bool, label: re.Pattern[str] | None = None) -> list[str]:
    """A day introduced by a publication label: in the same text, the next two or the one
    before ("05/10/2018 - Publicado por: ...")."""
    label = label or PUBLISHED_LABEL
    texts = tree.xpath(f".//text(){_TEXT}")
    for index, text in enumerate(texts):
        line = " ".join(text.split())
        if len(line) > 80 or not label.match(line):
            continue
        if _in_comments(text.getparent()):
            continue
        nearby = [*texts[index + 1 : index + 3], *texts[max(index - 1, 0) : index]]
        for candidate in (line, *(" ".join(t.split()) for t in nearby)):
            if len(candidate) < 80 and written_day(candidate, day_first) is not None:
                return [candidate]
    return []


def _header_box(h1):
    """The block a headline heads: its ``<article>`` or ``<header>``, else its grandparent."""
    for node in h1.iterancestors():
        if node.tag in ("article", "header"):
            return node
    parent = h1.getparent()
    return parent.getparent() if parent is not None else None


def _inside(element, box) -> bool:
    return element is box or any(node is box for node in element.iterancestors())


def _headlines(tree) -> list:
    """The article's ``<h1>``: those inside an ``<article>`` when there are any (the site's
    logo is often an ``<h1>`` too, followed by today's date), else the page's first three."""
    return (tree.xpath("//article//h1") or tree.xpath("//body//h1"))[:3]


def _datelines(tree, day_first: bool) -> list[str]:
    """The first short element classed as a date whose text holds one readable day."""
    seen = 0
    for element in tree.xpath(".//*[@class or @id]"):
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag in ("time", "script", "style") or not DATELINE_CLASS.search(marks):
            continue
        seen += 1
        if seen > _MAX_DATELINES:
            break
        text = " ".join(element.text_content().split())
        if not 5 < len(text) < 60 or written_day(text, day_first) is None:
            continue
        if _is_update(element) or _foreign(element):
            continue
        return [text]
    return []
