"""daemon lease/heartbeat and webhook registrations

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa

import storage.types
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, storage.types.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "daemon_state",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("host", sa.String(length=255), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        _when("started_at"),
        _when("heartbeat_at"),
        _when("stopped_at"),
        _when("next_run_at"),
        sa.Column("cycles", sa.Integer(), nullable=False),
        sa.Column("current_feeds", sa.Integer(), nullable=False),
        _when("last_run_started_at"),
        _when("last_run_finished_at"),
        sa.Column("last_run_exit", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_daemon_state")),
    )
    op.create_table(
        "webhooks",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        _when("registered_at", nullable=False),
        sa.Column("baseline_event_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhooks")),
        sa.UniqueConstraint("url", name=op.f("uq_webhooks_url")),
    )


def downgrade() -> None:
    op.drop_table("webhooks")
    op.drop_table("daemon_state")
