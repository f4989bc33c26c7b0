"""deal_summary view for people who query by hand

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEAL_SUMMARY = """
CREATE VIEW deal_summary AS
SELECT
    d.id AS deal_id,
    d.buyers,
    d.target,
    d.deal_type,
    d.amount,
    d.currency,
    d.amount_usd,
    d.stake_percent,
    d.valuation,
    d.valuation_currency,
    d.status,
    d.ai_related,
    d.first_seen_at,
    d.last_seen_at,
    d.mention_count,
    d.languages,
    d.source_url,
    (SELECT m.status FROM deal_mentions m WHERE m.deal_id = d.id
     ORDER BY m.seen_at, m.id LIMIT 1) AS first_status,
    (SELECT COUNT(*) FROM deal_mentions m WHERE m.deal_id = d.id AND m.is_primary)
        AS primary_mentions
FROM deals d
"""


def upgrade() -> None:
    op.execute(DEAL_SUMMARY)


def downgrade() -> None:
    op.execute("DROP VIEW deal_summary")
