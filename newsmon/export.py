"""Exports that load anywhere: CSV (RFC 4180), JSON, NDJSON, and an Atom 1.0 feed of deal events.

The writers take plain dict rows and a fixed column list, so a file has the same header and keys
whether it holds no row or a million. Values are normalised once, the same way for every command:

- dates and times as ISO 8601, with the zone (stored times are UTC; a naive one is taken as UTC);
- amounts and other whole numbers without a trailing ``.0``;
- lists (buyers, investors) as names joined by ``"; "`` in CSV, as JSON arrays elsewhere;
- in CSV only, text cells that a spreadsheet would run as a formula (they start with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return) get a leading ``'`` (OWASP's CSV-injection advice).

Commands and ``newsmon serve`` pass the rows in (``newsmon/dealfeed.py`` builds the entries of
the deals feed); ``export_sqlite`` copies a database through ``storage.snapshot``.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree as ET

from feeds.xmlsafe import xml_chars
from newsmon.terminal import json_safe

FILE_FORMATS = ("csv", "json", "ndjson")
LIST_SEPARATOR = "; "
#: Leading characters that make a spreadsheet evaluate a cell (OWASP "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

DEAL_COLUMNS = (
    "id", "deal_key", "buyers", "target", "deal_type", "round_stage", "amount", "currency",
    "amount_usd", "stake_percent", "valuation", "valuation_currency", "status",
    "lead_investors", "investors", "seller", "announced_on", "announced_precision",
    "is_context_only", "first_seen_at", "last_seen_at", "mention_count", "languages", "source_url",
)
ARTICLE_COLUMNS = (
    "id", "published_at", "published_on", "fetched_at", "language", "title", "url", "authors",
    "site_name", "word_count", "extraction", "ai_related", "deal_story", "tags",
)
ARTICLE_TEXT_COLUMNS = ("summary", "text")
FEED_COLUMNS = (
    "id", "name", "url", "language", "interval_min", "active", "health", "missing", "last_status",
    "failures", "last_fetched_at", "next_due_at", "last_error",
)

ATOM_NS = "http://www.w3.org/2005/Atom"


# --- values ------------------------------------------------------------------------------------


def iso_time(value: datetime) -> str:
    """ISO 8601 with the zone; naive times (never stored by newsmon) are taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def plain_number(value: float | int) -> float | int | None:
    """Whole floats as ints (``1e9`` -> ``1000000000``); NaN and infinities as None."""
    if isinstance(value, bool) or isinstance(value, int):
        return value
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def json_value(value: Any) -> Any:
    """A value ready for ``json.dumps``: times as ISO strings, whole amounts as ints."""
    if isinstance(value, datetime):
        return iso_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return plain_number(value)
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as text: formula triggers get a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_cell(value: Any) -> str:
    """One CSV cell: empty for None, ``true``/``false``, plain numbers, ISO times, safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        number = plain_number(value)
        return "" if number is None else repr(number)
    if isinstance(value, datetime):
        return iso_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return neutralise(LIST_SEPARATOR.join(str(v) for v in value))
    return neutralise(str(value))


# --- writers -----------------------------------------------------------------------------------


def write_csv(rows: Iterable[Mapping], columns: Sequence[str], out: IO[str]) -> int:
    """RFC 4180 CSV (CRLF line ends, quoted when needed) with a fixed header; returns rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
        count += 1
    return count


def _json_row(row: Mapping, columns: Sequence[str]) -> dict:
    return {c: json_value(row.get(c)) for c in columns}


def write_json(rows: Iterable[Mapping], columns: Sequence[str], out: IO[str]) -> int:
    """One JSON array of objects with the same keys; returns rows."""
    data = [_json_row(r, columns) for r in rows]
    out.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
    out.write("\n")
    return len(data)


def write_ndjson(rows: Iterable[Mapping], columns: Sequence[str], out: IO[str]) -> int:
    """One JSON object per line (NDJSON / JSON Lines); returns rows."""
    count = 0
    for row in rows:
        out.write(json_safe(json.dumps(_json_row(row, columns), ensure_ascii=False)))
        out.write("\n")
        count += 1
    return count


WRITERS = {"csv": write_csv, "json": write_json, "ndjson": write_ndjson}


def write_rows(fmt: str, rows: Iterable[Mapping], columns: Sequence[str], out: IO[str]) -> int:
    """Write ``rows`` in ``fmt`` (one of FILE_FORMATS) to ``out``; returns the number of rows."""
    return WRITERS[fmt](rows, columns, out)


def article_columns(with_text: bool) -> tuple[str, ...]:
    return ARTICLE_COLUMNS + (ARTICLE_TEXT_COLUMNS if with_text else ())


def article_record(article, with_text: bool = False) -> dict:
    """An exported article (a stored ``Article``); text and summary only when asked for."""
    record = {
        "id": article.id, "published_at": article.published_at,
        "published_on": article.published_on, "fetched_at": article.fetched_at,
        "language": article.language, "title": article.title, "url": article.canonical_url,
        "authors": article.authors, "site_name": article.site_name,
        "word_count": article.word_count, "extraction": article.extraction_method,
        "ai_related": article.ai_related, "deal_story": article.deal_story,
        "tags": article.tags.split(",") if article.tags else [],
    }
    if with_text:
        record.update(summary=article.summary, text=article.text)
    return record


# --- Atom --------------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = xml_chars(text)
    return element


def _atom_entry(feed: ET.Element, event: Mapping) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", event["entry_id"])
    _sub(entry, "title", event["title"], type="text")
    _sub(entry, "updated", iso_time(event["created_at"]))
    _sub(entry, "published", iso_time(event["created_at"]))
    if event.get("link"):
        _sub(entry, "link", href=event["link"], rel="alternate")
    for term in event.get("categories") or ():
        _sub(entry, "category", term=term)
    _sub(entry, "summary", event["summary"], type="text")


def write_atom(
    events: Sequence[Mapping],
    out: IO[str],
    *,
    feed_id: str,
    title: str = "newsmon deals",
    self_url: str | None = None,
    now: datetime,
) -> int:
    """An Atom 1.0 document with one entry per event (dicts with entry_id, title, summary,
    created_at, link, categories) in the order given; returns the number of entries.

    The feed's ``updated`` is its newest entry's time, or ``now`` when it has none.
    """
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", feed_id)
    _sub(feed, "title", title, type="text")
    newest = max((e["created_at"] for e in events), default=now)
    _sub(feed, "updated", iso_time(newest))
    _sub(_sub(feed, "author"), "name", "newsmon")
    _sub(feed, "generator", "newsmon")
    if self_url:
        _sub(feed, "link", href=self_url, rel="self", type="application/atom+xml")
    for event in events:
        _atom_entry(feed, event)
    ET.indent(feed)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(ET.tostring(feed, encoding="unicode"))
    out.write("\n")
    return len(events)


def export_sqlite(source_factory, path: Path) -> dict[str, int]:
    """Copy the feed, article and deal tables into a new read-only SQLite file at ``path``.

    The copy is written next to ``path`` and renamed into place, so ``path`` is never half
    written (a failed copy leaves nothing behind); the file is left read-only (mode 0444) in
    rollback-journal mode.
    """
    partial = path.with_name(path.name + ".partial")
    leftovers = (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        counts = _copy_into(source_factory, partial)
    except BaseException:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        raise
    partial.chmod(0o444)
    path.unlink(missing_ok=True)
    partial.replace(path)
    return counts


def _copy_into(source_factory, partial: Path) -> dict[str, int]:
    from storage.db import make_engine, session_factory, transaction, upgrade
    from storage.snapshot import begin_snapshot, copy_tables, single_file

    url = f"sqlite:///{partial.resolve()}"
    upgrade(url)
    engine = make_engine(url)
    try:
        with transaction(source_factory) as source, \
                transaction(session_factory(engine)) as target:
            begin_snapshot(source)
            counts = copy_tables(source, target)
    finally:
        engine.dispose()
    single_file(partial)
    return counts
