"""Decoding XML bodies and keeping XML parsers safe (shared by feeds, OPML and discovery).

Documents declaring entities are refused before any parser sees them (billion laughs, XXE);
the lxml parser built here never expands entities, loads DTDs or touches the network.
"""

from __future__ import annotations

import codecs
import html.entities
import re
from itertools import chain, zip_longest

from lxml import etree

#: Byte order marks, UTF-32 before UTF-16 (``FF FE 00 00`` starts with UTF-16's ``FF FE``).
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
#: Without a BOM, the first character (``<`` or white space) shows a 16/32-bit encoding by its
#: zero bytes (the XML spec's appendix F): ``00 00 00 3C`` is UTF-32BE, ``3C 00 3F 00`` UTF-16LE.
_ZERO_PATTERNS = (
    (re.compile(rb"\x00\x00\x00[^\x00]", re.S), "utf-32-be"),
    (re.compile(rb"[^\x00]\x00\x00\x00", re.S), "utf-32-le"),
    (re.compile(rb"\x00[^\x00]\x00[^\x00]", re.S), "utf-16-be"),
    (re.compile(rb"[^\x00]\x00[^\x00]\x00", re.S), "utf-16-le"),
)
#: ``<?xm`` in EBCDIC.
_EBCDIC_DECLARATION = b"\x4c\x6f\xa7\x94"
_WIDE_LABELS = ("utf-16", "utf-32", "ucs-2", "ucs-4", "unicode")
_UTF8_LABELS = frozenset({"utf-8", "utf8"})
#: A body declared utf-8 with this many valid non-ASCII characters per invalid byte (or more)
#: is utf-8 with a few stray bytes, not a legacy encoding.
_STRAY_BYTE_RATIO = 10
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_XML_DECL_ENCODING = re.compile(
    rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.I
)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)
_CDATA_OR_COMMENT = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.S)
#: An ``&`` and the entity or character reference it starts, if any.
_AMPERSAND = re.compile(r"&(?:(#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});)?")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_PROLOG_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.S | re.I)
_ROOT_TAG = re.compile(r"\s*<([A-Za-z_][\w.:-]*)")
#: More attributes than this on one element refuse the document: Python's SAX layer, which
#: feedparser reads through, looks each attribute up by a linear scan (quadratic: 50,000
#: attributes on one tag hold a parse for half a minute). Namespace declarations do not count.
MAX_ATTRIBUTES = 200
_LONG_TAG = re.compile(rf"<[A-Za-z_][^<>]{{{4 * MAX_ATTRIBUTES},}}")
#: Characters XML 1.0 cannot hold at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ATTRIBUTE = re.compile(r"\s(?!xmlns[:=\s])[A-Za-z_][\w.:-]*\s*=")
_LATIN1_ALIASES = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"}


def split_content_type(content_type: str | None) -> tuple[str | None, str | None]:
    """``"text/xml; charset=ISO-8859-1"`` -> ``("text/xml", "iso-8859-1")``."""
    if not content_type:
        return None, None
    mime, _, params = content_type.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", params, re.I)
    return mime.strip().lower() or None, match.group(1).lower() if match else None


def decode_xml_bytes(body: bytes, charset: str | None = None) -> str:
    """Decode an XML body: BOM or zero-byte pattern, then valid utf-8, then the declared
    charsets, then cp1252.

    Valid utf-8 wins over a declared 8-bit charset because legacy-encoded accented text is
    practically never valid utf-8, while "ISO-8859-1" labels on utf-8 bodies are common. A
    body declared utf-8 that is utf-8 but for a stray byte keeps its utf-8 (the byte becomes
    U+FFFD). ISO-8859-1 is read as cp1252 (as browsers do) so that ’, € and « » survive.
    """
    wide = _wide_encoding(body) or _ebcdic_encoding(body)
    if wide is not None:
        encoding, skip = wide
        return body[skip:].decode(encoding, errors="replace")
    declared = _XML_DECL_ENCODING.search(body[:512])
    labels = [
        _byte_label(charset),
        _byte_label(declared.group(1).decode("ascii").lower() if declared else None),
    ]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        if any(label in _UTF8_LABELS for label in labels) and _mostly_utf8(body):
            return body.decode("utf-8", errors="replace")
    for label in labels:
        if not label or label in _UTF8_LABELS:
            continue
        encoding = "cp1252" if label in _LATIN1_ALIASES else label
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


def _byte_label(label: str | None) -> str | None:
    """A charset label for a body with neither BOM nor zero bytes: a UTF-16/32 label is wrong
    there (a .NET StringWriter writes encoding="utf-16" into documents sent as UTF-8)."""
    label = label.replace("_", "-") if label else None
    return None if label is None or label.startswith(_WIDE_LABELS) else label


def _wide_encoding(body: bytes) -> tuple[str, int] | None:
    """``(encoding, bytes to skip)`` from a BOM or the zero bytes of the first character."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return encoding, len(bom)
    for pattern, encoding in _ZERO_PATTERNS:
        if pattern.match(body[:4]):
            return encoding, 0
    return None


def _ebcdic_encoding(body: bytes) -> tuple[str, int] | None:
    """An EBCDIC document (``<?xm`` is ``4C 6F A7 94``, XML 1.0 appendix F): the code page its
    declaration names, read in the common EBCDIC code page; cp037 if Python lacks it."""
    if not body.startswith(_EBCDIC_DECLARATION):
        return None
    declared = _XML_DECL_ENCODING.search(body[:512].decode("cp037").encode("ascii", "replace"))
    label = declared.group(1).decode("ascii") if declared else "cp037"
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        return "cp037", 0
    ebcdic = _EBCDIC_DECLARATION.decode(encoding, errors="replace") == "<?xm"
    return (encoding if ebcdic else "cp037"), 0


def _mostly_utf8(body: bytes) -> bool:
    text = body.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    valid = sum(1 for c in text if c > "\x7f") - invalid
    return valid >= _STRAY_BYTE_RATIO * invalid


def has_entity_declarations(text: str) -> bool:
    """True if the document declares entities (``<!ENTITY`` outside CDATA and comments)."""
    if not _ENTITY_DECL.search(text):
        return False
    return bool(_ENTITY_DECL.search(_CDATA_OR_COMMENT.sub("", text)))


def has_attribute_flood(text: str) -> bool:
    """True if one element carries more than ``MAX_ATTRIBUTES`` attributes."""
    return any(
        len(_ATTRIBUTE.findall(match.group())) > MAX_ATTRIBUTES
        for match in _LONG_TAG.finditer(text)
    )


def root_element_name(text: str) -> str | None:
    """Local name of the first element after the prolog (``rss``, ``feed``, ``RDF``...)."""
    pos = 1 if text.startswith("\ufeff") else 0
    while match := _PROLOG_SKIP.match(text, pos):
        if match.end() == pos:
            break
        pos = match.end()
    match = _ROOT_TAG.match(text, pos)
    return match.group(1).rpartition(":")[2] if match else None


def without_doctype(text: str) -> str:
    """The document without its DOCTYPE declaration (blanked out, so error positions
    stay). A DOCTYPE naming an external DTD (RSS 0.91's Netscape one, XHTML's) makes
    expat skip every entity it does not know, silently: ``caf&eacute;`` would be ``caf``.
    Without it an unknown entity is an error, and feedparser's lenient reading decodes it."""
    pos = 1 if text.startswith("\ufeff") else 0
    while (match := _PROLOG_SKIP.match(text, pos)) and match.end() > pos:
        start = text.find("<!", pos, match.end())
        if start >= 0 and text[start : start + 9].upper() == "<!DOCTYPE":
            blank = re.sub(r"[^\n]", " ", text[start : match.end()])
            return text[:start] + blank + text[match.end() :]
        pos = match.end()
    return text


def with_escaped_ampersands(text: str) -> str:
    """The document with what a hand-made sitemap gets wrong about ``&`` put right, outside
    CDATA sections and comments: a bare ``&`` (``?a=1&b=2``) becomes ``&amp;`` and an HTML
    entity XML does not know (``&nbsp;``, ``&eacute;``) its character reference. A recovering
    parser would drop them, making ``?a=1=2`` of the URL."""
    parts = _CDATA_OR_COMMENT.split(text)
    kept = _CDATA_OR_COMMENT.findall(text)
    fixed = [_AMPERSAND.sub(_escape_ampersand, part) for part in parts]
    return "".join(chain.from_iterable(zip_longest(fixed, kept, fillvalue="")))


def _escape_ampersand(match: re.Match[str]) -> str:
    name = match.group(1)
    if name is None:
        return "&amp;"
    if name.startswith("#") or name in _XML_ENTITIES:
        return match.group()
    character = html.entities.html5.get(f"{name};")
    return "".join(f"&#{ord(c)};" for c in character) if character else f"&amp;{name};"


def utf8_xml_bytes(text: str) -> bytes:
    """Re-encode decoded XML as utf-8; a declaration, if any, is rewritten to say so.

    Nothing is added to a document without a declaration (XML defaults to utf-8), so line and
    column numbers in parser errors still point into the original body.
    """
    text = _XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text.lstrip("\ufeff"), count=1)
    return text.encode("utf-8", errors="replace")


def xml_chars(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids (stored text we did not write may hold
    them): dropping them is the only way to keep a document we write readable by any parser."""
    return _NOT_XML.sub("", value)


def safe_xml_parser(recover: bool = False) -> etree.XMLParser:
    """An lxml parser that never expands entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=recover,
        remove_comments=True,
        remove_pis=True,
    )
