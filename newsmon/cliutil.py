"""Helpers shared by the CLI's command modules: user errors, the database to open, durations.

Command modules (``newsmon/commands_*.py``) import this module, never ``newsmon.cli``, which
imports them to register their commands.

Exit codes: 2 when Click refuses the command line (unknown option, missing argument, a value
that does not parse: see :mod:`newsmon.params`), 1 when the command cannot do what was asked
(:class:`UserError`: unknown feed, no database, database unreachable or read-only, ...).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from functools import wraps
from pathlib import Path

import click

from newsmon import defaults, params
from newsmon.errors import NewsmonError
from newsmon.params import check_database

DB_HELP = ("Database URL or SQLite file (.db/.sqlite). Default: $NEWSMON_DATABASE_URL, else "
           "./newsmon.db if it exists, else $XDG_DATA_HOME/newsmon/newsmon.db "
           "(~/.local/share/newsmon/newsmon.db).")


class UserError(click.ClickException):
    """A mistake the user can fix: one line, exit code 1."""


def parse_duration(text: str) -> timedelta:
    """"7d", "24h", "30m", "2w" (a bare number is days); a bad one is a UserError."""
    try:
        return params.parse_duration(text)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def since_option(value: timedelta | str | None) -> datetime | None:
    """The time ``value`` (a DURATION option's timedelta, or text) before now."""
    if not value:
        return None
    return datetime.now(UTC) - (parse_duration(value) if isinstance(value, str) else value)


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0]


def database_error(exc) -> UserError:
    """A one-line message for a database error: where, and the driver's first line (no SQL)."""
    from storage.db import safe_url

    try:
        where = safe_url(database_url(click.get_current_context()))
    except (RuntimeError, NewsmonError, click.ClickException):
        where = "the database"
    reason = _first_line(str(getattr(exc, "orig", None) or exc))
    return UserError(f"database {where}: {reason}")


def friendly(func):
    """Turn domain errors into one-line messages instead of tracebacks."""
    from sqlalchemy.exc import DBAPIError

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (NewsmonError, FileNotFoundError) as exc:
            raise UserError(str(exc)) from None
        except DBAPIError as exc:
            raise database_error(exc) from None

    return wrapper


def set_database(ctx: click.Context, value: str | None) -> None:
    """A command's own ``--db`` wins over the global one."""
    if value:
        ctx.find_root().obj["db"] = value


def database_url(ctx: click.Context) -> str:
    """``--db``, else ``$NEWSMON_DATABASE_URL``, else the default location (defaults.py)."""
    obj = ctx.find_root().obj or {}
    if obj.get("db"):
        return obj["db"]
    env = os.environ.get("NEWSMON_DATABASE_URL")
    if env:
        try:
            return check_database(env)
        except ValueError as exc:
            raise UserError(f"NEWSMON_DATABASE_URL: {exc}") from None
    return defaults.default_database_url(os.environ, Path.cwd())


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL (``file:`` URIs included); None for other databases."""
    from storage.db import make_url_path

    path = make_url_path(url)
    if path is None:
        return None
    return Path(path.removeprefix("file:").split("?", 1)[0])


def checked_location(ctx: click.Context, create: bool = False) -> str:
    """The database URL, after checking a SQLite file exists (or may be created: ``create``,
    for commands that write; the default location's directory is made on the way)."""
    url = database_url(ctx)
    path = sqlite_file(url)
    if path is None or path.exists():
        return url
    if not create:
        raise UserError(f"no database at {path}: crawl or add feeds first "
                        "(newsmon crawl --seeds), or choose one with --db")
    if url == defaults.default_database_url(os.environ, Path.cwd()):
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        raise UserError(f"cannot create database {path}: {path.parent} is not a directory")
    return url


def open_db(ctx: click.Context, create: bool = False):
    """``(engine, sessionmaker)`` for the chosen database, migrated to head.

    A SQLite file that does not exist is created only when ``create`` (commands that write);
    a read command refuses it in one line instead of showing empty tables.
    """
    from storage.db import open_database, session_factory

    engine = open_database(checked_location(ctx, create))
    return engine, session_factory(engine)


def user_agent() -> str:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from crawler import settings

    return settings.USER_AGENT


def db_option(help_text: str = "Database URL (overrides the global --db)."):
    """The per-command ``--db`` option, checked like the global one."""
    from newsmon.params import DATABASE

    return click.option("--db", "db", type=DATABASE, metavar="URL", help=help_text)
