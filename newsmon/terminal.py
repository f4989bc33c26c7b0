"""Stored text printed as text: no terminal control sequences, no Rich markup, no bidi tricks.

Titles, feed names, error messages and page text come from the network. Before any of it
reaches a terminal it goes through :func:`clean`: escape sequences (CSI, OSC such as hidden
hyperlinks, DCS/APC/PM/SOS strings, their 8-bit C1 forms), every other control character and
the bidirectional embedding/override/isolate characters (the "Trojan Source" set) are removed.
Rich output then wraps the result in ``rich.text.Text`` (never parsed as markup) or escapes it
with :func:`markup`. JSON output keeps the text whole but writes those characters as ``\\uXXXX``
escapes (:func:`json_safe`).
"""

from __future__ import annotations

import re

from rich.markup import escape
from rich.text import Text

#: ESC- and C1-introduced sequences: CSI ... final byte; OSC/DCS/SOS/PM/APC ... BEL or ST;
#: any other two-byte escape.
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
#: Bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_LINE_BREAKS = re.compile(r"[\t\n\x0b\x0c\r\x85\u2028\u2029]+")
#: What :func:`json_safe` writes as escapes (json.dumps already escapes C0 controls).
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def clean(value: object, multiline: bool = False) -> str:
    """``value`` as printable text: control sequences and bidi controls removed.

    Line breaks and tabs become single spaces unless ``multiline`` (then ``\\n`` is kept and
    ``\\r\\n``/``\\r`` become ``\\n``).
    """
    text = "" if value is None else str(value)
    text = _SEQUENCES.sub("", text)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    else:
        text = _LINE_BREAKS.sub(" ", text)
    return _CONTROLS.sub("", text)


def markup(value: object, multiline: bool = False) -> str:
    """Cleaned text escaped for use inside a Rich markup string."""
    return escape(clean(value, multiline))


def text(value: object, multiline: bool = False, style: str = "") -> Text:
    """Cleaned text as a Rich ``Text``: printed literally, never parsed as markup."""
    return Text(clean(value, multiline), style=style)


def json_safe(document: str) -> str:
    """A JSON document with C1 controls, line separators and bidi controls written as escapes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
