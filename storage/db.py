"""Engines, sessions and schema upgrades. Callers own the session lifecycle."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from newsmon import defaults
from storage.errors import DatabaseUnavailable

SQLITE_BUSY_TIMEOUT_MS = 30_000
#: The Alembic scripts (env.py, versions/): ``storage/migrations`` links to the top-level
#: ``alembic/`` folder in a checkout, and is a copy of it inside the wheel.
MIGRATIONS = files("storage") / "migrations"


def normalize_url(url: str) -> str:
    """Accept a bare file path or ``postgresql://`` and return a SQLAlchemy URL we support."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def safe_url(url: str) -> str:
    """The URL with any password masked, fit for logs and messages."""
    return make_url(normalize_url(url)).render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str = defaults.DATABASE_URL, **kwargs) -> Engine:
    """Create an engine: SQLite in WAL mode with a busy timeout and foreign keys, or Postgres."""
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("connect_args", {"connect_timeout": 10})
    return create_engine(url, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error, always close."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    cfg.attributes["configure_logger"] = False
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision`` (Alembic), creating it if needed."""
    from alembic import command

    try:
        with _migration_lock(url):
            command.upgrade(alembic_config(url), revision)
    except OperationalError as exc:
        raise DatabaseUnavailable(safe_url(url), str(exc.orig).strip()) from exc


@contextmanager
def _migration_lock(url: str) -> Iterator[None]:
    """One migrating process at a time for a SQLite file: two processes opening a new database
    at once would both create its tables, and one would fail. ``flock`` on the database file
    itself is independent of SQLite's own (``fcntl``) locks, so it leaves them alone. Postgres
    takes an advisory lock in the migration transaction instead (``alembic/env.py``)."""
    path = make_url_path(url)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644) if path else None
    except OSError:  # no such directory, read-only place: SQLite reports it as it opens
        fd = None
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def open_database(url: str = defaults.DATABASE_URL, migrate: bool = True) -> Engine:
    """Engine for ``url``, brought to the latest schema first."""
    if migrate:
        upgrade(url)
    return make_engine(url)


def with_search_path(url: str, schema: str) -> str:
    """A Postgres URL whose connections look in ``schema`` first (tables are made there)."""
    parsed = make_url(normalize_url(url))
    return parsed.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False)


def recreate_schema(url: str, schema: str) -> None:
    """Drop Postgres ``schema`` with everything in it, and make it again, empty."""
    from sqlalchemy import text

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()


def make_url_path(url: str) -> str | None:
    """The file behind a SQLite URL (None for other databases or in-memory SQLite)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return parsed.database
