"""Sentence and clause splitting with character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(
    r"\n+|(?<=[.!?…])(?<!\bMrd\.)(?<!\bMio\.)(?<!\bMd\.)(?<!\bbzw\.)(?<!\bca\.)(?<!\bGebr\.)"
    r"[\"»”’)]?\s+(?=[\"«“(]?[A-Z0-9ÀÂÉÈÊÎÔÜÇ¿¡-])"
)
_CLAUSE_BREAK = re.compile(
    r";|\s[-–—]\s(?=[A-Z])|,?\s(?:et que|alors que|tandis que|while|whereas|meanwhile|"
    r"mientras que|während|wohingegen|but|mais|aber|pero)\s|"
    r"(?<!\bMio)(?<!\bMrd)(?<!\bMd)(?<!\bbzw)(?<!\bca)(?<!\bNr)(?<!\bTsd)(?<!\bCo)(?<!\bInc)(?<!\bGebr)\.\s|"
    r",\s(?=\S+\s(?:ayant|having|habiendo|nachdem)\b)",
    re.I,
)


#: A dateline opening a paragraph: a place in capitals, maybe a date and a news agency, then
#: a dash, colon or full stop ("BENGALURU: ", "SEOUL, Nov 24 (Yonhap) -- ", "ZURICH, Sept 15 -
#: ", "NIORT. ", "CIUDAD DE MÉXICO. ").
_DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ'’-]{2,}(?:[ \u00a0][A-ZÀ-Þ'’-]{2,}|[ \u00a0](?:DE|DEL|LA|EL|SUR|AM)){0,3}"
    r"(?:,[ \u00a0]+[A-Z][a-zé]{2,8}\.?[ \u00a0]+\d{1,2})?"
    r"(?:[ \u00a0]*\([^()\n]{1,40}\))?"
    r"[ \u00a0]*(?:--|—|–|-|:|\.)[ \u00a0]+(?=[\"«“A-ZÀ-Þa-z])",
    re.M,
)


_CAPITALS_LINE = re.compile(r"^[A-ZÀ-Þ]{3}", re.M)


def blank_datelines(text: str) -> str:
    """``text`` with the dateline of each paragraph replaced by spaces (offsets kept): the
    place a story was filed from is neither a party nor the subject of its first sentence."""
    out = None
    for line in _CAPITALS_LINE.finditer(text):  # most lines do not open with three capitals
        m = _DATELINE.match(text, line.start())
        if m:
            out = out if out is not None else list(text)
            out[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(out) if out is not None else text


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


def sentences(text: str) -> list[Span]:
    """Sentences of ``text`` with their offsets; line breaks always end a sentence."""
    out: list[Span] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _append(out, text, pos, m.start())
        pos = m.end()
    _append(out, text, pos, len(text))
    return out


def clauses(sentence: Span) -> list[Span]:
    """Coordinated clauses of a sentence ("X did A, while Y did B")."""
    out: list[Span] = []
    pos = 0
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        _append(out, sentence.text, pos, m.start(), sentence.start)
        pos = m.end()
    _append(out, sentence.text, pos, len(sentence.text), sentence.start)
    return out


def _append(out: list[Span], text: str, start: int, end: int, base: int = 0) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Span(stripped, base + start + lead, base + start + lead + len(stripped)))
