"""Plain RSS 2.0 read directly with lxml, in feedparser's shape, so feedparser need not run.

feedparser reads a document through Python's SAX layer and a Python handler per element and
per text piece: about 0.25 ms an item, 5 s or more for 20,000 items. Most feeds are well-formed
RSS 2.0 made of a few elements whose meaning feedparser gives plainly (title, link, guid,
pubDate, description, content:encoded, dc:creator). For those this module builds the same
values feedparser would (the same keys: ``title``, ``title_detail``, ``links``, ``id``,
``guidislink``, ``published``, ``summary``, ``content``, ``authors``) from one lxml parse, and
``feeds.feedparse`` reads them with the code it uses on feedparser's answer.

Anything else makes ``read_plain_rss`` return None and feedparser reads the document as before:
a document lxml refuses (feedparser's lenient reading may still get entries out of it), Atom,
RSS 1.0, ``xml:base`` or ``xml:lang`` anywhere, an element outside the lists below (feedparser
maps ``media:title`` to the title, ``itunes:summary`` to the summary...), an element twice
where feedparser's choice between them is subtle, markup or comments inside a text element, an
author that holds an e-mail address, ``content:encoded`` before ``description``, or a date
our reader cannot read (feedparser's reading is the fallback there).
"""

from __future__ import annotations

import re
from typing import Any

import feedparser.mixin
from lxml import etree

from feeds.errors import Declined

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
ATOM = "{http://www.w3.org/2005/atom}"
_MEDIA = "{http://search.yahoo.com/mrss/}"
_SY = "{http://purl.org/rss/1.0/modules/syndication/}"
_WFW = "{http://wellformedweb.org/commentapi/}"
_SLASH = "{http://purl.org/rss/1.0/modules/slash/}"
_ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
_GOOGLEPLAY = "{http://www.google.com/schemas/play-podcasts/1.0}"
_FEEDBURNER = "{http://rssnamespace.org/feedburner/ext/1.0}"

#: Item elements read here, and those feedparser keeps for nothing we use (no text read).
_ITEM_READ = frozenset(
    {
        "title",
        "link",
        "guid",
        "pubDate",
        "description",
        f"{_CONTENT}encoded",
        f"{_DC}creator",
        "author",
        f"{_ITUNES}author",
        f"{_DC}date",
        f"{_ITUNES}summary",
    }
)
#: Elements feedparser reads as the entry's summary.
_SUMMARIES = frozenset({"description", f"{_ITUNES}summary"})
#: Media RSS elements feedparser keeps apart (``media:title`` and ``media:description`` are
#: its title and summary: not among them).
MEDIA_IGNORED = frozenset(f"{_MEDIA}{name}" for name in (
    "content", "thumbnail", "copyright", "keywords", "category", "rating", "credit",
    "restriction", "license", "player",
))  # fmt: skip
_ITEM_IGNORED = MEDIA_IGNORED | frozenset({
    "category", "comments", "enclosure", f"{_WFW}commentRss", f"{_SLASH}comments",
    f"{_ITUNES}duration", f"{_ITUNES}explicit",
    f"{_ITUNES}episode", f"{_ITUNES}season", f"{_ITUNES}episodeType", f"{_ITUNES}image",
    f"{_ITUNES}keywords", f"{_ITUNES}subtitle", f"{_ITUNES}block", f"{_ITUNES}title",
})  # fmt: skip
#: Item elements that may appear once only (feedparser keeps the first of some, the last of
#: others, and pairs description with content:encoded by their order).
_ONCE = frozenset(
    {
        "title",
        "link",
        "guid",
        "pubDate",
        "description",
        f"{_CONTENT}encoded",
        f"{_DC}date",
        f"{_ITUNES}summary",
    }
)
_CHANNEL_READ = frozenset({"title", "link", "language", f"{ATOM}link", "item"})
_CHANNEL_IGNORED = MEDIA_IGNORED | frozenset({
    "description", "copyright", "managingEditor", "webMaster", "author", "pubDate", "lastBuildDate",
    "category", "generator", "docs", "cloud", "ttl", "rating", "skipHours", "skipDays",
    f"{_SY}updatePeriod", f"{_SY}updateFrequency", f"{_SY}updateBase",
})  # fmt: skip
#: Channel elements of these namespaces say nothing of the feed's title, link or language.
_CHANNEL_IGNORED_NAMESPACES = (_ITUNES, _GOOGLEPLAY, _SY, _FEEDBURNER)
_IMAGE_CHILDREN = frozenset({"url", "title", "link", "width", "height", "description"})
_DATE_KEYS = {"pubDate": "published", f"{_DC}date": "updated"}
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
#: What feedparser takes as an e-mail address in an author (then it splits name and address).
_EMAIL = re.compile(r"@")
#: feedparser removes extra slashes after ``scheme://`` when it resolves a URI.
_EXTRA_SLASHES = re.compile(r"^([A-Za-z][A-Za-z0-9+,.-]*://)/+")
_ENTITY_LIKE = re.compile(r"&([A-Za-z0-9_]+);")
#: C1 controls feedparser reads as the windows-1252 characters they stand for.
_CP1252 = {
    byte: bytes([byte]).decode("cp1252")
    for byte in range(0x80, 0xA0)
    if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_LANG_ATTRIBUTE = re.compile(r"\s(?:xml:)?(?:lang|base)\s*=", re.I)


#: feedparser's test for HTML in a plain-text element (a static method of its parser mixin).
_LOOKS_LIKE_HTML = getattr(
    getattr(feedparser.mixin, "_FeedParserMixin", None), "looks_like_html", None
)


def read_plain_rss(data: bytes, text: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """``(feed, entries)`` as feedparser would give them for ``data`` (utf-8 bytes of the
    decoded document ``text``), or None when the document is not plain RSS 2.0."""
    if _LANG_ATTRIBUTE.search(text):
        return None
    try:
        root = etree.fromstring(data, direct_parser())
        return _read_rss(root)
    except (etree.LxmlError, Declined):  # lxml refuses it, or it is not plain RSS 2.0
        return None


def direct_parser() -> etree.XMLParser:
    # Comments and processing instructions are kept so that one inside a text element
    # (feedparser joins the text around it) declines the document.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
    )


def _read_rss(root: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    channels = [child for child in root if child.tag == "channel"]
    if (
        root.tag != "rss"
        or len(channels) != 1
        or len(root) != 1
        or root.text
        and (root.text.strip())
    ):
        raise Declined(f"root {root.tag}")
    feed: dict[str, Any] = {}
    entries = []
    seen: set[str] = set()
    for child in channels[0]:
        tag = tag_of(child)
        if tag == "item":
            entries.append(_read_item(child))
        elif tag == "image":
            _check_image(child)
        elif tag in _CHANNEL_READ:
            _read_channel_element(feed, child, tag, seen)
        elif not _ignored_in_channel(child, tag):
            raise Declined(f"channel {tag}")
    return feed, entries


def _read_channel_element(feed: dict[str, Any], node: Any, tag: str, seen: set[str]) -> None:
    if tag == f"{ATOM}link":
        _atom_link(feed, node)
        return
    if tag in seen:
        raise Declined(f"channel {tag} twice")
    seen.add(tag)
    value = text_of(node)
    if tag == "title":
        feed["title"] = value
        feed["title_detail"] = {"type": title_type(value)}
    elif tag == "link":
        feed["link"] = _ENTITY_LIKE.sub(r"&\1", resolved(value))
    else:
        feed["language"] = value


def _atom_link(feed: dict[str, Any], node: Any) -> None:
    """An ``atom:link`` in the channel: feedparser takes an alternate HTML one as the link."""
    if len(node) or (node.text or "").strip():
        raise Declined("atom:link with content")
    href = node.get("href")
    rel = node.get("rel", "alternate")
    kind = node.get("type", "application/atom+xml" if rel == "self" else "text/html")
    if href is not None and rel == "alternate" and kind.lower() in _HTML_TYPES:
        feed["link"] = resolved(href)


def _ignored_in_channel(node: Any, tag: str) -> bool:
    if tag in _CHANNEL_IGNORED:
        return len(node) == 0 or tag in ("skipHours", "skipDays")
    namespace = tag.partition("}")[0] + "}"
    return namespace in _CHANNEL_IGNORED_NAMESPACES and all(
        tag_of(child).startswith(namespace) for child in node.iter() if child is not node
    )


def check_ignored(node: Any) -> None:
    """An element read for nothing may hold only Media RSS elements read for nothing:
    feedparser takes a ``media:title`` or ``media:description`` anywhere in an entry."""
    if any(tag_of(child) not in MEDIA_IGNORED for child in node.iterdescendants()):
        raise Declined(f"{tag_of(node)} holding other elements")


def _check_image(node: Any) -> None:
    if any(tag_of(child) not in _IMAGE_CHILDREN or len(child) for child in node):
        raise Declined("image")


def _read_item(node: Any) -> dict[str, Any]:
    if node.attrib:
        raise Declined("item attributes")
    entry: dict[str, Any] = {}
    seen: set[str] = set()
    for child in node:
        tag = tag_of(child)
        if tag in _ITEM_IGNORED:
            check_ignored(child)
            continue
        if tag not in _ITEM_READ or (tag in _ONCE and tag in seen) or len(child):
            raise Declined(f"item {tag}")
        if tag in _SUMMARIES and "summary" in entry and f"{_CONTENT}encoded" not in seen:
            # feedparser takes a second summary without content:encoded as content, leaving
            # its element stack askew: its reading decides
            raise Declined("second summary")
        seen.add(tag)
        _read_item_element(entry, child, tag)
    return entry


def _read_item_element(entry: dict[str, Any], node: Any, tag: str) -> None:
    value = text_of(node)
    if tag == "title":
        entry["title"] = value
        entry["title_detail"] = {"type": title_type(value), "language": None}
    elif tag == "link":
        link = _ENTITY_LIKE.sub(r"&\1", resolved(value).replace("&amp;", "&"))
        entry["link"] = link
        entry.setdefault("links", []).append(
            {"rel": "alternate", "type": "text/html", **({"href": link} if link else {})}
        )
    elif tag == "guid":
        _read_guid(entry, node, value)
    elif tag in _DATE_KEYS:  # a date ours cannot read declines later (feeds.feedparse)
        entry[_DATE_KEYS[tag]] = value
    elif tag in _SUMMARIES:
        entry["summary"] = value
    elif tag == f"{_CONTENT}encoded":
        entry.setdefault("content", []).append({"type": "text/html", "value": value})
        entry.setdefault("summary", value)
    else:  # dc:creator, author, itunes:author
        _read_author(entry, value)


def _read_guid(entry: dict[str, Any], node: Any, value: str) -> None:
    permalink = next((v for k, v in node.attrib.items() if k.lower() == "ispermalink"), "true")
    is_link = permalink == "true"
    if is_link:
        value = resolved(value)
    entry["id"] = value
    entry.setdefault("guidislink", is_link and "link" not in entry)
    if is_link:
        entry.setdefault("link", value)


def _read_author(entry: dict[str, Any], value: str) -> None:
    if _EMAIL.search(value):
        raise Declined("author e-mail")  # feedparser splits "name (address)" its own way
    entry["author"] = value
    entry.setdefault("authors", []).append({"name": value} if value else {})


def title_type(value: str) -> str:
    """feedparser's reading of a plain RSS title: HTML when it looks like HTML (its own test;
    a feedparser without it leaves every RSS document to feedparser)."""
    if _LOOKS_LIKE_HTML is None:
        raise Declined("feedparser's looks_like_html is gone")
    return "text/html" if _LOOKS_LIKE_HTML(value) else "text/plain"


def text_of(node: Any) -> str:
    """An element's text as feedparser hands it on: stripped; a string that is utf-8 read as
    latin-1 read again as utf-8; C1 controls as windows-1252 characters."""
    value = (node.text or "").strip()
    if value.isascii():
        return value
    try:
        value = value.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return value.translate(_CP1252)


def resolved(value: str) -> str:
    return _EXTRA_SLASHES.sub(r"\1", value)


def tag_of(node: Any) -> str:
    """The element's name; its namespace lower case, as feedparser matches namespaces."""
    tag = node.tag
    if not isinstance(tag, str):
        raise Declined("comment")  # or a processing instruction
    if tag.startswith("{"):
        namespace, _, local = tag.partition("}")
        return f"{namespace.lower()}}}{local}"
    return tag
