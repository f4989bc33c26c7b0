"""A consistent read-only SQLite copy of the deal and article tables, and read-only engines.

Datasette reads SQLite only, so ``newsmon export sqlite PATH`` copies a database (SQLite or
Postgres) into a fresh SQLite file migrated to the same schema. The source is read in one
transaction (SQLite: an explicit ``BEGIN``; Postgres: ``REPEATABLE READ``), so the copy is one
state of the database even while a crawl writes. Functions take the caller's sessions and never
commit or close them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, Table, create_engine, insert, select
from sqlalchemy.orm import Session

from storage.models import Base

#: Tables a snapshot copies, parents before children; the others (daemon state, webhooks,
#: deliveries, crawl runs, skipped URLs) stay empty in the copy.
SNAPSHOT_TABLES = ("feeds", "articles", "article_feeds", "organizations", "deals",
                   "deal_parties", "deal_mentions", "deal_events")
SNAPSHOT_BATCH = 2000


def snapshot_tables() -> list[Table]:
    """The copied tables that exist in this schema, parents first."""
    tables = Base.metadata.tables
    return [tables[name] for name in SNAPSHOT_TABLES if name in tables]


def begin_snapshot(session: Session) -> None:
    """Make every later read of ``session`` see one state of the database."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    else:
        session.connection().exec_driver_sql("BEGIN")


def _batches(source: Session, table: Table) -> Iterator[list[dict]]:
    result = source.execute(select(table).order_by(*table.primary_key.columns)
                            .execution_options(yield_per=SNAPSHOT_BATCH))
    for partition in result.mappings().partitions():
        yield [dict(row) for row in partition]


def copy_tables(source: Session, target: Session) -> dict[str, int]:
    """Copy every snapshot table's rows from ``source`` into ``target``; rows per table."""
    counts = {}
    for table in snapshot_tables():
        counts[table.name] = 0
        for rows in _batches(source, table):
            target.execute(insert(table), rows)
            counts[table.name] += len(rows)
    return counts


def single_file(path: str | Path) -> None:
    """Leave a written SQLite copy as one self-contained file (rollback journal, no -wal/-shm),
    its statistics gathered for the query planner. Call it once every writer has closed."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()


def read_only_engine(path: str | Path, immutable: bool = False) -> Engine:
    """An engine that can only read the SQLite file at ``path`` (``immutable``: a file that
    never changes while open, such as an exported copy)."""
    flag = "immutable=1" if immutable else "mode=ro"
    uri = f"file:{Path(path).resolve()}?{flag}"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(
        uri, uri=True, check_same_thread=False))
