"""feeds.missing_entries: a fetch whose new entries were not all settled is incomplete

A crawl stopped before every new entry of a feed was stored or skipped for good (Ctrl-C, the
database unavailable) records the fetch without validators, leaves the feed due at once and
keeps the count of missing entries, which `newsmon status` and `feeds list` show as
`incomplete`.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, never a batch copy: on SQLite, re-creating ``feeds`` with foreign keys on
# would cascade the drop of the old table to ``article_feeds``.


def upgrade() -> None:
    op.add_column(
        "feeds", sa.Column("missing_entries", sa.Integer(), nullable=False, server_default="0")
    )


def downgrade() -> None:
    op.drop_column("feeds", "missing_entries")
