"""Import and export feed lists as OPML 2.0, the format every feed reader speaks.

Folders (outlines without ``xmlUrl``) become tags of the feeds inside them, as does the
OPML ``category`` attribute. newsmon's own settings travel in attributes of the
``newsmon:`` namespace, which other readers ignore.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from enrich.language import normalize_lang_tag
from feeds.errors import OPMLError
from feeds.seeds import (
    DEFAULT_INTERVAL_MINUTES,
    UNKNOWN_LANGUAGE,
    FeedSpec,
    duplicate_problems,
    is_valid_language,
    spec_from_table,
)
from feeds.xmlsafe import (
    decode_xml_bytes,
    has_entity_declarations,
    safe_xml_parser,
    utf8_xml_bytes,
    xml_chars,
)

NEWSMON_NS = "https://github.com/newsmon/newsmon/opml"
_INTERVAL = f"{{{NEWSMON_NS}}}intervalMinutes"
_ACTIVE = f"{{{NEWSMON_NS}}}active"


def read_opml(data: bytes) -> list[FeedSpec]:
    """Feeds of an OPML document, in document order; ``OPMLError`` on anything unusable."""
    body = _parse(data).find("body")
    if body is None:
        raise OPMLError("no <body> element")
    specs: list[FeedSpec] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for outline, folders in _feed_outlines(body, ()):
        table = _table(outline, folders)
        spec, errors = spec_from_table(table)
        if errors:
            problems.append(f"outline {table.get('name')!r}: {'; '.join(errors)}")
        elif spec is not None and spec.url in seen:
            previous = specs[seen[spec.url]]
            tags = tuple(dict.fromkeys(previous.tags + spec.tags))
            specs[seen[spec.url]] = replace(previous, tags=tags)
        elif spec is not None:
            seen[spec.url] = len(specs)
            specs.append(spec)
    problems += duplicate_problems(specs)
    if problems:
        raise OPMLError("; ".join(problems))
    return specs


def write_opml(specs: Iterable[FeedSpec], title: str = "newsmon feeds") -> str:
    """An OPML 2.0 document listing ``specs``; ``read_opml`` reads it back unchanged."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<opml version="2.0" xmlns:newsmon="{NEWSMON_NS}">',
        f"  <head><title>{escape(xml_chars(title))}</title></head>",
        "  <body>",
    ]
    for spec in specs:
        attrs = {
            "type": "rss",
            "text": spec.name,
            "title": spec.name,
            "xmlUrl": spec.url,
            "language": spec.language,
            "newsmon:intervalMinutes": _minutes(spec),
        }
        if spec.tags:
            attrs["category"] = ",".join(spec.tags)
        if not spec.active:
            attrs["newsmon:active"] = "false"
        rendered = " ".join(f"{name}={quoteattr(xml_chars(value))}"
                            for name, value in attrs.items())
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _parse(data: bytes) -> Any:
    if not data or not data.strip():
        raise OPMLError("empty document")
    text = decode_xml_bytes(data)
    if has_entity_declarations(text):
        raise OPMLError("XML entity declarations are not allowed")
    try:
        root = etree.fromstring(utf8_xml_bytes(text), safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise OPMLError(f"not XML: {exc}") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname != "opml":
        raise OPMLError(f"root element is <{etree.QName(root).localname}>, expected <opml>")
    return root


def _feed_outlines(node: Any, folders: tuple[str, ...]) -> Iterable[tuple[Any, tuple[str, ...]]]:
    for outline in node.iterchildren("outline"):
        if outline.get("xmlUrl") is not None:
            yield outline, folders
        else:
            folder = (outline.get("title") or outline.get("text") or "").strip()
            yield from _feed_outlines(outline, folders + ((folder,) if folder else ()))


def _table(outline: Any, folders: tuple[str, ...]) -> dict[str, Any]:
    url = outline.get("xmlUrl", "").strip()
    categories = [c.strip().strip("/") for c in outline.get("category", "").split(",")]
    table: dict[str, Any] = {
        "name": (outline.get("title") or outline.get("text") or url).strip(),
        "url": url,
        "language": _language(outline.get("language")),
        "interval_minutes": _int(outline.get(_INTERVAL), DEFAULT_INTERVAL_MINUTES),
        "active": outline.get(_ACTIVE, "true").strip().lower() != "false",
        "tags": list(dict.fromkeys(t for t in (*folders, *categories) if t)),
    }
    return table


def _int(value: str | None, default: int) -> int | str:
    if value is None:
        return default
    try:
        return int(value.strip())
    except ValueError:
        return value


def _minutes(spec: FeedSpec) -> str:
    if spec.interval % 60:
        raise ValueError(f"{spec.name}: interval {spec.interval}s is not whole minutes")
    return str(spec.interval // 60)


def _language(value: str | None) -> str:
    code = normalize_lang_tag(value)
    return code if code and is_valid_language(code) else UNKNOWN_LANGUAGE
