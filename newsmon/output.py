"""Rendering rows as a rich table, CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import datetime

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "json")


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return str(value)


def render(
    rows: Sequence[dict], columns: Sequence[str], fmt: str, title: str | None = None
) -> None:
    """Write ``rows`` (dicts) to stdout in ``fmt``; ``columns`` picks and orders table columns."""
    if fmt == "json":
        json.dump([{k: _plain(v) for k, v in r.items()} for r in rows], sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(columns),
                                extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _plain(v) for k, v in row.items()})
    else:
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        Console().print(table)
