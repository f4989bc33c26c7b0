"""Helpers shared by the CLI's command modules: user errors, durations, the database to open.

Command modules (``newsmon/commands_*.py``) import this module, never ``newsmon.cli``, which
imports them to register their commands.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from functools import wraps

import click

from newsmon import defaults
from newsmon.errors import NewsmonError

DB_HELP = (
    f"Database URL or SQLite file (default: $NEWSMON_DATABASE_URL or {defaults.DATABASE_URL})."
)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "": 86400}


class UserError(click.ClickException):
    """A mistake the user can fix: one line, exit code 1."""


def parse_duration(text: str) -> timedelta:
    """"7d", "24h", "30m", "2w" (a bare number is days)."""
    match = _DURATION.match(text or "")
    if not match:
        raise UserError(f"invalid duration {text!r}: use e.g. 30m, 24h, 7d, 2w")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


def since_option(value: str | None) -> datetime | None:
    return datetime.now(UTC) - parse_duration(value) if value else None


def friendly(func):
    """Turn domain errors into one-line messages instead of tracebacks."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (NewsmonError, FileNotFoundError) as exc:
            raise UserError(str(exc)) from None

    return wrapper


def database_url(ctx: click.Context) -> str:
    obj = ctx.find_root().obj or {}
    return obj.get("db") or os.environ.get("NEWSMON_DATABASE_URL") or defaults.DATABASE_URL


def open_db(ctx: click.Context):
    """``(engine, sessionmaker)`` for the chosen database, migrated to head."""
    from storage.db import open_database, session_factory

    engine = open_database(database_url(ctx))
    return engine, session_factory(engine)


def user_agent() -> str:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from crawler import settings

    return settings.USER_AGENT
