"""Rendering rows as a terminal table, CSV or JSON.

Tables fit the terminal: each column has a priority, and the columns that do not fit the width
are left out, least important first (``--format json`` always has every field). Text wraps only
between words; a word longer than its column ends in an ellipsis, never breaks in two. Every
cell is stored text printed as text (:mod:`newsmon.terminal`).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from rich.console import Console, JustifyMethod
from rich.table import Table

from newsmon import terminal

FORMATS = ("table", "csv", "json")
#: Per-column overhead of a boxed table: the left border and one space of padding each side.
_COLUMN_OVERHEAD = 3


@dataclass(frozen=True)
class Column:
    """A table column: the row key, its header, how important it is and how it wraps."""

    key: str
    header: str | None = None
    priority: int = 1  # 1 is kept first; higher numbers are dropped first on narrow terminals
    wrap: bool = False  # True: wraps between words (titles, names); False: one line
    min_width: int = 8  # for wrapping columns: the narrowest they may get
    max_width: int | None = None
    justify: JustifyMethod = "left"

    @property
    def title(self) -> str:
        return self.header or self.key


def _column(spec: Column | str) -> Column:
    if isinstance(spec, Column):
        return spec
    return Column(spec, wrap=spec in ("name", "title", "last_error", "error", "buyers", "target"))


def plain(value):
    """A JSON-ready value (dates as ISO 8601)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def to_json(document) -> str:
    """The whole document as JSON text, built before anything is written."""
    text = json.dumps(document, default=lambda v: plain(v) if plain(v) is not v else str(v),
                      ensure_ascii=False, indent=2)
    return terminal.json_safe(text)


def fit_columns(columns: Sequence[Column], rows: Sequence[dict], width: int) -> list[Column]:
    """The columns that fit ``width``, most important first, shown in their given order."""
    need = {}
    for column in columns:
        natural = max([len(column.title)] + [len(terminal.clean(cell(r.get(column.key))))
                                              for r in rows])
        if column.max_width:
            natural = min(natural, column.max_width)
        need[column.key] = min(natural, column.min_width) if column.wrap else natural
    chosen: set[str] = set()
    used = 1
    for column in sorted(columns, key=lambda c: c.priority):
        cost = need[column.key] + _COLUMN_OVERHEAD
        if used + cost > width and chosen:
            break
        chosen.add(column.key)
        used += cost
    return [c for c in columns if c.key in chosen]


def build_table(rows: Sequence[dict], columns: Sequence[Column | str], width: int,
                title: str | None = None) -> Table:
    specs = fit_columns([_column(c) for c in columns], rows, width)
    table = Table(title=terminal.clean(title) if title else None, show_lines=False)
    for column in specs:
        if column.wrap:
            table.add_column(column.title, overflow="ellipsis", min_width=column.min_width,
                             max_width=column.max_width, justify=column.justify)
        else:
            table.add_column(column.title, no_wrap=True, overflow="ellipsis",
                             max_width=column.max_width, justify=column.justify)
    for row in rows:
        table.add_row(*(terminal.text(cell(row.get(c.key))) for c in specs))
    return table


def render(rows: Sequence[dict], columns: Sequence[Column | str], fmt: str,
           title: str | None = None, console: Console | None = None) -> None:
    """Write ``rows`` (dicts) to stdout in ``fmt``; ``columns`` picks and orders table columns."""
    if fmt == "json":
        sys.stdout.write(to_json([{k: plain(v) for k, v in r.items()} for r in rows]) + "\n")
    elif fmt == "csv":
        keys = [c.key if isinstance(c, Column) else c for c in columns]
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else keys,
                                extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: plain(v) for k, v in row.items()})
    else:
        console = console or Console(highlight=False)
        console.print(build_table(rows, columns, console.width, title))
