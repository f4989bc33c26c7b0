"""daemon jobs as APScheduler reports them, digest records, per-feed crawl leases

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa

import storage.types
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, storage.types.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "daemon_jobs",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("trigger", sa.String(length=200), nullable=False),
        _when("next_run_at"),
        _when("last_run_at"),
        sa.Column("last_outcome", sa.Text(), nullable=True),
        _when("updated_at", nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_daemon_jobs")),
    )
    op.create_table(
        "digests",
        sa.Column("id", BigId, nullable=False),
        sa.Column("schedule", sa.String(length=200), nullable=False),
        _when("scheduled_for", nullable=False),
        _when("period_start", nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("targets", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        _when("sent_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digests")),
        sa.UniqueConstraint("schedule", "scheduled_for", name=op.f("uq_digests_schedule")),
    )
    op.create_index(op.f("ix_digests_schedule"), "digests", ["schedule"])
    op.create_table(
        "feed_leases",
        sa.Column("feed_id", BigId, nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        _when("acquired_at", nullable=False),
        _when("expires_at", nullable=False),
        sa.ForeignKeyConstraint(["feed_id"], ["feeds.id"], ondelete="CASCADE",
                                name=op.f("fk_feed_leases_feed_id_feeds")),
        sa.PrimaryKeyConstraint("feed_id", name=op.f("pk_feed_leases")),
    )
    op.create_index(op.f("ix_feed_leases_owner"), "feed_leases", ["owner"])


def downgrade() -> None:
    op.drop_index(op.f("ix_feed_leases_owner"), table_name="feed_leases")
    op.drop_table("feed_leases")
    op.drop_index(op.f("ix_digests_schedule"), table_name="digests")
    op.drop_table("digests")
    op.drop_table("daemon_jobs")
