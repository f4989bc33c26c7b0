"""Dialect-specific INSERT ... ON CONFLICT, picked from the session's bind."""

from __future__ import annotations

from typing import cast

from sqlalchemy import CursorResult, Result
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_for(session: Session, model):
    """``insert(model)`` of the session's dialect, which has ``on_conflict_do_*``."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"unsupported database dialect {dialect!r}")


def rowcount(result: Result) -> int:
    """How many rows an INSERT, UPDATE or DELETE touched (0 if the driver cannot tell)."""
    return cast(CursorResult, result).rowcount or 0
