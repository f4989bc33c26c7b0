"""seller in deal_summary and deal_parties_view, an index on deals.seller, keys by publisher day

0009 stored the seller on deals and mentions and recreated ``organization_deals`` with it; the
two other views that show a deal's parties gain it here, next to the target: ``deal_summary``
(after ``investors``) and ``deal_parties_view`` (after ``target``). The views are dropped and
created again with the same SQL on SQLite and Postgres; no table row changes. ``deals.seller``
gets an index so ``newsmon serve`` can facet on it (facets stay on indexed or small columns).

Reports are now dated by their publisher's day (``articles.published_on``, as ``announced_on``
is) for the same-deal windows and the deal key, no longer by the UTC day of ``seen_at``. The
deals whose reports' two days differ (evening stories west of UTC, stored since 0008) get the
key the new rule gives, so a deal's key says the day it was announced; their grouping follows
at the next report of the same target or ``newsmon reenrich``. A downgrade keeps the keys.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections import defaultdict
from collections.abc import Sequence
from types import SimpleNamespace

import sqlalchemy as sa

import storage.types
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DEAL_SUMMARY = """
CREATE VIEW deal_summary AS
SELECT
    d.id AS deal_id,
    d.deal_key,
    d.buyers,
    d.target,
    d.deal_type,
    d.round_stage,
    d.amount,
    d.currency,
    d.amount_usd,
    d.stake_percent,
    d.valuation,
    d.valuation_currency,
    d.lead_investors,
    d.investors,{seller}
    d.status,
    d.ai_related,
    d.announced_on,
    d.announced_precision,
    d.is_context_only,
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

_DEAL_PARTIES_VIEW = """
CREATE VIEW deal_parties_view AS
SELECT
    p.deal_id,
    d.deal_key,
    o.id AS organization_id,
    o.name AS organization,
    o.kind AS organization_kind,
    p.role,
    d.deal_type,
    d.round_stage,
    d.target,{seller}
    d.amount,
    d.currency,
    d.amount_usd,
    d.status,
    d.announced_on,
    d.is_context_only
FROM deal_parties p
JOIN organizations o ON o.id = p.organization_id
JOIN deals d ON d.id = p.deal_id
"""

UTC_DT = storage.types.UTCDateTime(timezone=True)

# The tables as this revision knows them (later revisions may add columns).
_deals = sa.table("deals", sa.column("id"), sa.column("deal_key"))
_mentions = sa.table(
    "deal_mentions", *(sa.column(c) for c in (
        "deal_id", "article_id", "mention_index", "buyers", "target", "deal_type", "round_stage",
        "amount", "currency", "amount_usd", "is_primary", "cited_on")),
    sa.column("seen_at", UTC_DT),
)
_articles = sa.table("articles", sa.column("id"), sa.column("canonical_url"),
                     sa.column("published_on", sa.Date()))

_VIEWS = {"deal_summary": _DEAL_SUMMARY, "deal_parties_view": _DEAL_PARTIES_VIEW}


def _recreate(seller: str) -> None:
    for name, sql in _VIEWS.items():
        op.execute(f"DROP VIEW IF EXISTS {name}")
        op.execute(sql.format(seller=seller))


def _rekey(conn) -> None:
    """New keys for the deals with a report whose publisher's day is not its UTC day."""
    from storage.dealfields import deal_key

    rows = conn.execute(
        sa.select(_mentions, _articles.c.canonical_url, _articles.c.published_on)
        .join(_articles, _articles.c.id == _mentions.c.article_id)
    ).mappings()
    reports = defaultdict(list)
    for row in rows:
        reports[row["deal_id"]].append(SimpleNamespace(**row))
    for deal_id, members in reports.items():
        if all(r.published_on in (None, r.seen_at.date()) for r in members):
            continue
        conn.execute(sa.update(_deals).where(_deals.c.id == deal_id).values(
            deal_key=deal_key(members)))


def upgrade() -> None:
    _recreate("\n    d.seller,")
    op.create_index(op.f("ix_deals_seller"), "deals", ["seller"])
    _rekey(op.get_bind())


def downgrade() -> None:
    op.drop_index(op.f("ix_deals_seller"), table_name="deals")
    _recreate("")
