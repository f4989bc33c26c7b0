"""deal_mentions.seller and deals.seller: who sold the target

Enrichment names the seller when the text does ("buys Skyline from Borealis Group", "Borealis a
vendu Skyline à Acme", "kauft Y von X"). Each mention keeps the seller its article names; a
deal keeps the seller most of its reports name, and a ``deal_parties`` row with the role
``seller`` (a role the schema has had since 0005, empty until now).

Rows stored before this migration have no seller; ``newsmon reenrich`` fills them from the
stored text. ``organization_deals`` is recreated with the deal's ``seller`` column.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ALTER TABLE, never a batch copy: on SQLite, re-creating ``deals`` with foreign keys on
# would cascade the drop of the old table to its mentions and parties.

_ORGANIZATION_DEALS = """
CREATE VIEW organization_deals AS
SELECT
    o.name AS organization,
    o.key AS organization_key,
    o.aliases,
    o.kind AS organization_kind,
    p.role,
    d.id AS deal_id,
    d.deal_key,
    d.deal_type,
    d.round_stage,
    d.buyers,
    d.target,
    d.lead_investors,{seller}
    d.amount,
    d.currency,
    d.amount_usd,
    d.stake_percent,
    d.status,
    d.announced_on,
    d.is_context_only,
    d.mention_count,
    d.source_url
FROM organizations o
JOIN deal_parties p ON p.organization_id = o.id
JOIN deals d ON d.id = p.deal_id
"""


def upgrade() -> None:
    op.add_column("deal_mentions", sa.Column("seller", sa.String(length=300), nullable=True))
    op.add_column("deals", sa.Column("seller", sa.String(length=300), nullable=True))
    op.execute("DROP VIEW IF EXISTS organization_deals")
    op.execute(_ORGANIZATION_DEALS.format(seller="\n    d.seller,"))


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS organization_deals")
    op.execute(_ORGANIZATION_DEALS.format(seller=""))
    op.drop_column("deals", "seller")
    op.drop_column("deal_mentions", "seller")
