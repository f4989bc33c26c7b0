"""Postgres: an index in the order `newsmon articles` lists articles

SQLite cannot declare NULLS LAST in an index (and sorts NULLs last on DESC by itself, so its
plain published_at index serves the query); Postgres needs the exact order to avoid sorting
every row. The index is Postgres-only, so it is not in the models: alembic/env.py leaves
indexes named in DIALECT_ONLY_INDEXES out of the drift check.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_articles_published_fetched_order"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE INDEX {INDEX} ON articles (published_at DESC NULLS LAST, fetched_at DESC)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX {INDEX}")
