"""articles.published_on: the publication day as the publisher wrote it

``published_at`` is the UTC instant; a story a US site publishes at 21:10 local time
(``2025-10-14T21:10:00-04:00``) is at 01:10 UTC the next day. ``published_on`` keeps the day
in the zone the page or feed wrote, and deals' ``announced_on`` follows it.

Rows stored before this migration never kept the written offset: they are back-filled with
the UTC day of ``published_at``, which is a day late for such evening stories. Re-crawling
cannot fix them (stored URLs are not fetched again); only newly stored articles carry the
publisher's day.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ALTER TABLE, never a batch copy: on SQLite, re-creating ``articles`` with foreign keys
# on would cascade the drop of the old table to ``article_feeds`` and ``deal_mentions``.


def upgrade() -> None:
    op.add_column("articles", sa.Column("published_on", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE articles SET published_on = (published_at AT TIME ZONE 'UTC')::date "
            "WHERE published_at IS NOT NULL"
        )
    else:  # SQLite keeps naive UTC text: its first ten characters are the UTC day
        op.execute(
            "UPDATE articles SET published_on = date(published_at) "
            "WHERE published_at IS NOT NULL"
        )


def downgrade() -> None:
    op.drop_column("articles", "published_on")
