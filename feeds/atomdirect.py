"""Plain Atom 1.0 read directly with lxml, in feedparser's shape (see ``feeds.rssdirect``).

Read here: the feed's title, links, authors and ``xml:lang`` (on the root element only), and
each entry's id, title, links, dates, summary, content and authors, with feedparser's rules (an
id before any link is the link until an alternate HTML link comes; content of a text or HTML
type is the summary when there is none). Anything else declines the document to feedparser:
``xml:base``, ``xml:lang`` below the root, XHTML or base64 text constructs, content by
reference (``src``), ``source``, an element outside the lists below, an element twice.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from feeds.errors import Declined
from feeds.rssdirect import (
    ATOM,
    MEDIA_IGNORED,
    check_ignored,
    direct_parser,
    resolved,
    tag_of,
    text_of,
)

_FEED_IGNORED = frozenset(
    f"{ATOM}{name}" for name in ("subtitle", "updated", "generator", "icon", "logo",
                                 "rights", "category", "contributor")
)  # fmt: skip
_ENTRY_IGNORED = MEDIA_IGNORED | frozenset(
    f"{ATOM}{name}" for name in ("category", "contributor", "rights")
)
_DATE_KEYS = {f"{ATOM}{name}": key for name, key in (
    ("published", "published"), ("issued", "published"), ("updated", "updated"),
    ("modified", "updated"), ("created", "created"),
)}  # fmt: skip
_ONCE = frozenset({f"{ATOM}id", f"{ATOM}title", f"{ATOM}summary", f"{ATOM}content", *_DATE_KEYS})
_PERSON_PARTS = frozenset({f"{ATOM}name", f"{ATOM}email", f"{ATOM}uri"})
#: Text construct types feedparser maps (``text`` is plain text, ``html`` HTML).
_TEXT_TYPES = {"text": "text/plain", "html": "text/html", "text/plain": "text/plain",
               "text/html": "text/html"}  # fmt: skip
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def read_plain_atom(data: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """``(feed, entries)`` as feedparser would give them for ``data``, or None when the
    document is not plain Atom 1.0."""
    try:
        return read_atom(etree.fromstring(data, direct_parser()))
    except (etree.LxmlError, Declined):
        return None


def read_atom(root: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """``(feed, entries)`` as feedparser gives them for a plain Atom 1.0 document; raises
    ``Declined`` for anything else."""
    if tag_of(root) != f"{ATOM}feed":
        raise Declined("not plain Atom")
    _check_attributes(root)
    feed: dict[str, Any] = {}
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        feed["language"] = lang.replace("_", "-")
    entries, seen = [], set()
    for child in root:
        tag = tag_of(child)
        if tag == f"{ATOM}entry":
            entries.append(_read_entry(child))
        elif tag == f"{ATOM}title" and tag not in seen:
            seen.add(tag)
            _read_title(feed, child)
        elif tag == f"{ATOM}link":
            _read_link(feed, child)
        elif tag == f"{ATOM}id" and tag not in seen:
            seen.add(tag)
            feed.setdefault("link", resolved(_plain_text(child)))  # feedparser's guid rule
        elif tag == f"{ATOM}author":
            feed.setdefault("authors", []).append(_read_person(child))
        elif tag not in _FEED_IGNORED:
            raise Declined(f"feed {tag}")
    return feed, entries


def _check_attributes(root: Any) -> None:
    """``xml:base`` anywhere, or ``xml:lang`` / ``lang`` below the root: feedparser's."""
    for node in root.iter():
        for name in node.attrib:
            lowered = name.lower()
            if lowered.endswith("}base") or lowered in ("lang", "base") or (
                node is not root and lowered.endswith("}lang")
            ):
                raise Declined("xml:base or xml:lang")


def _read_entry(node: Any) -> dict[str, Any]:
    if node.attrib:
        raise Declined("entry attributes")
    entry: dict[str, Any] = {}
    seen: set[str] = set()
    for child in node:
        tag = tag_of(child)
        if tag in _ENTRY_IGNORED:
            check_ignored(child)
            continue
        if tag in _ONCE and tag in seen:
            raise Declined(f"entry {tag} twice")
        seen.add(tag)
        _read_entry_element(entry, child, tag)
    return entry


def _read_entry_element(entry: dict[str, Any], node: Any, tag: str) -> None:
    if tag == f"{ATOM}link":
        _read_link(entry, node)
    elif tag == f"{ATOM}author":
        entry.setdefault("authors", []).append(_read_person(node))
    elif tag == f"{ATOM}title":
        _read_title(entry, node)
    elif tag == f"{ATOM}id":
        value = resolved(_plain_text(node))
        entry["id"] = value
        entry.setdefault("guidislink", "link" not in entry)
        entry.setdefault("link", value)
    elif tag in _DATE_KEYS:
        entry[_DATE_KEYS[tag]] = _plain_text(node)
    elif tag == f"{ATOM}summary":
        entry["summary"] = _text_construct(node)[1]
    elif tag == f"{ATOM}content":
        if node.get("src") is not None:
            raise Declined("content by reference")
        kind, value = _text_construct(node)
        entry.setdefault("content", []).append({"type": kind, "value": value})
        entry.setdefault("summary", value)
    else:
        raise Declined(f"entry {tag}")


def _read_title(context: dict[str, Any], node: Any) -> None:
    kind, value = _text_construct(node)
    context["title"] = value
    context["title_detail"] = {"type": kind, "language": None}


def _text_construct(node: Any) -> tuple[str, str]:
    """A text construct's type as feedparser maps it, and its text; XHTML and other types
    (base64 in feedparser's reading) decline."""
    kind = _TEXT_TYPES.get((node.get("type") or "text").strip().lower())
    if kind is None:
        raise Declined("text construct type")
    return kind, _plain_text(node)


def _plain_text(node: Any) -> str:
    if len(node):
        raise Declined("markup in a text element")
    return text_of(node)


def _read_link(context: dict[str, Any], node: Any) -> None:
    href = node.get("href")
    if href is None or len(node) or (node.text or "").strip():
        raise Declined("link without href")
    rel = node.get("rel", "alternate")
    kind = node.get("type", "application/atom+xml" if rel == "self" else "text/html")
    link = {"rel": rel, "type": kind, "href": resolved(href)}
    context.setdefault("links", []).append(link)
    if rel == "alternate" and _TEXT_TYPES.get(kind.lower(), kind.lower()) in _HTML_TYPES:
        context["link"] = link["href"]


def _read_person(node: Any) -> dict[str, str]:
    """An author's name and e-mail address, as feedparser keeps them."""
    if (node.text or "").strip() or node.attrib:
        raise Declined("author with text")
    person = {}
    for child in node:
        tag = tag_of(child)
        if tag not in _PERSON_PARTS:
            raise Declined(f"author {tag}")
        value = _plain_text(child)
        if value and tag != f"{ATOM}uri":
            person[tag.rpartition("}")[2]] = value
    return person

