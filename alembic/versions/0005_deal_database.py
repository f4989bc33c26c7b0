"""deal database: organizations, deal_parties, deal keys, rounds, announcement dates, views

Creates the tables and columns, then back-fills them from the stored deals and mentions:
every mention is grouped again with the one same-deal decision (``enrich.samedeal``), so
deals stored twice under the old exact buyers+target key merge (each group keeps the id most
of its mentions had), round stages and cited periods are read from the stored evidence, and
organizations and their roles are filled from the mentions. No mention is dropped.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from types import SimpleNamespace

import sqlalchemy as sa

import storage.types
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC_DT = storage.types.UTCDateTime(timezone=True)

# The tables as this revision knows them (later revisions may add columns).
_deals = sa.table(
    "deals", *(sa.column(c) for c in (
        "id", "deal_key", "parties_key", "target_key", "buyers", "target", "deal_type",
        "round_stage", "amount", "currency", "amount_usd", "stake_percent", "valuation",
        "valuation_currency", "status", "ai_related", "lead_investors", "investors",
        "announced_on", "announced_precision", "is_context_only", "mention_count",
        "languages", "source_url")),
    sa.column("first_seen_at", UTC_DT), sa.column("last_seen_at", UTC_DT),
    sa.column("updated_at", UTC_DT),
)
_mentions = sa.table(
    "deal_mentions", *(sa.column(c) for c in (
        "id", "deal_id", "article_id", "mention_index", "buyers", "lead_investors", "target",
        "target_key", "deal_type", "round_stage", "amount", "currency", "amount_usd",
        "stake_percent", "valuation", "valuation_currency", "status", "is_primary", "cited_on",
        "evidence")),
    sa.column("seen_at", UTC_DT),
)
_articles = sa.table("articles", sa.column("id"), sa.column("canonical_url"),
                     sa.column("language"), sa.column("ai_related"))
_orgs = sa.table("organizations", sa.column("id"), sa.column("name"), sa.column("key"),
                 sa.column("kind"), sa.column("aliases"), sa.column("mention_count"),
                 sa.column("first_seen_at", UTC_DT))
_parties = sa.table("deal_parties", sa.column("deal_id"), sa.column("organization_id"),
                    sa.column("role"))

DEAL_SUMMARY = """
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
    d.investors,
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

DEAL_PARTIES_VIEW = """
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
    d.target,
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

ORGANIZATION_DEALS = """
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
    d.lead_investors,
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

# Months as 'YYYY-MM' text the same way on SQLite (ISO text dates) and Postgres (date::text).
MONTH = "SUBSTR(CAST(d.announced_on AS TEXT), 1, 7)"

INVESTOR_ACTIVITY = f"""
CREATE VIEW investor_activity AS
SELECT
    o.name AS investor,
    o.kind AS investor_kind,
    {MONTH} AS month,
    COUNT(DISTINCT d.id) AS deals,
    COUNT(DISTINCT CASE WHEN p.role = 'lead_investor' THEN d.id END) AS led,
    SUM(d.amount_usd) AS round_usd
FROM deal_parties p
JOIN organizations o ON o.id = p.organization_id
JOIN deals d ON d.id = p.deal_id
WHERE p.role IN ('investor', 'lead_investor') AND d.announced_on IS NOT NULL
  AND NOT d.is_context_only
GROUP BY o.name, o.kind, {MONTH}
"""

FUNDING_BY_MONTH = f"""
CREATE VIEW funding_by_month AS
SELECT
    {MONTH} AS month,
    d.deal_type,
    d.round_stage,
    COUNT(*) AS deals,
    COUNT(d.amount_usd) AS deals_with_amount,
    SUM(d.amount_usd) AS amount_usd
FROM deals d
WHERE d.announced_on IS NOT NULL AND NOT d.is_context_only
GROUP BY {MONTH}, d.deal_type, d.round_stage
"""

VIEWS = {
    "deal_summary": DEAL_SUMMARY,
    "deal_parties_view": DEAL_PARTIES_VIEW,
    "organization_deals": ORGANIZATION_DEALS,
    "investor_activity": INVESTOR_ACTIVITY,
    "funding_by_month": FUNDING_BY_MONTH,
}


def _schema() -> None:
    op.create_table(
        "organizations",
        sa.Column("id", BigId, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("aliases", sa.Text(), nullable=True),
        sa.Column("first_seen_at", UTC_DT, nullable=False),
        sa.Column("mention_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("key", name=op.f("uq_organizations_key")),
    )
    op.create_table(
        "deal_parties",
        sa.Column("deal_id", BigId, nullable=False),
        sa.Column("organization_id", BigId, nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["deal_id"], ["deals.id"], ondelete="CASCADE",
                                name=op.f("fk_deal_parties_deal_id_deals")),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE",
                                name=op.f("fk_deal_parties_organization_id_organizations")),
        sa.PrimaryKeyConstraint("deal_id", "organization_id", "role", name=op.f("pk_deal_parties")),
    )
    with op.batch_alter_table("deal_parties") as batch:
        batch.create_index(batch.f("ix_deal_parties_organization_id"), ["organization_id"])
    # Plain ALTER TABLE, never a batch copy: on SQLite re-creating ``deals`` would cascade
    # the delete to every mention.
    op.add_column("deals", sa.Column("deal_key", sa.String(length=120), nullable=False,
                                     server_default=""))
    op.add_column("deals", sa.Column("target_key", sa.String(length=300), nullable=True))
    op.add_column("deals", sa.Column("round_stage", sa.String(length=16), nullable=True))
    op.add_column("deals", sa.Column("lead_investors", sa.Text(), nullable=True))
    op.add_column("deals", sa.Column("investors", sa.Text(), nullable=True))
    op.add_column("deals", sa.Column("announced_on", sa.Date(), nullable=True))
    op.add_column("deals", sa.Column("announced_precision", sa.String(length=8), nullable=True))
    op.add_column("deals", sa.Column("is_context_only", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.drop_index("ix_deals_parties_key_last_seen", table_name="deals")
    op.create_index(op.f("ix_deals_target_key"), "deals", ["target_key"])
    op.create_index(op.f("ix_deals_announced_on"), "deals", ["announced_on"])
    op.add_column("deal_mentions", sa.Column("lead_investors", sa.Text(), nullable=True))
    op.add_column("deal_mentions", sa.Column("target_key", sa.String(length=300), nullable=True))
    op.add_column("deal_mentions", sa.Column("round_stage", sa.String(length=16), nullable=True))
    op.add_column("deal_mentions", sa.Column("cited_on", sa.String(length=10), nullable=True))
    op.create_index(op.f("ix_deal_mentions_target_key"), "deal_mentions", ["target_key"])


def upgrade() -> None:
    op.execute("DROP VIEW deal_summary")
    _schema()
    _backfill(op.get_bind())
    op.create_index(op.f("ix_deals_deal_key"), "deals", ["deal_key"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("deals", "deal_key", server_default=None)
        op.alter_column("deals", "is_context_only", server_default=None)
    for sql in VIEWS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW {name}")
    op.drop_index(op.f("ix_deal_mentions_target_key"), table_name="deal_mentions")
    for column in ("cited_on", "round_stage", "target_key", "lead_investors"):
        op.drop_column("deal_mentions", column)
    for index in ("ix_deals_deal_key", "ix_deals_announced_on", "ix_deals_target_key"):
        op.drop_index(op.f(index), table_name="deals")
    op.create_index("ix_deals_parties_key_last_seen", "deals", ["parties_key", "last_seen_at"])
    for column in ("is_context_only", "announced_precision", "announced_on", "investors",
                   "lead_investors", "round_stage", "target_key", "deal_key"):
        op.drop_column("deals", column)
    op.drop_table("deal_parties")
    op.drop_table("organizations")
    op.execute(_OLD_SUMMARY)


_OLD_SUMMARY = """
CREATE VIEW deal_summary AS
SELECT
    d.id AS deal_id, d.buyers, d.target, d.deal_type, d.amount, d.currency, d.amount_usd,
    d.stake_percent, d.valuation, d.valuation_currency, d.status, d.ai_related,
    d.first_seen_at, d.last_seen_at, d.mention_count, d.languages, d.source_url,
    (SELECT m.status FROM deal_mentions m WHERE m.deal_id = d.id
     ORDER BY m.seen_at, m.id LIMIT 1) AS first_status,
    (SELECT COUNT(*) FROM deal_mentions m WHERE m.deal_id = d.id AND m.is_primary)
        AS primary_mentions
FROM deals d
"""


# --- back-fill -------------------------------------------------------------------------


def _reports(conn) -> list[SimpleNamespace]:
    from enrich import rounds, samedeal

    rows = conn.execute(
        sa.select(_mentions, _articles.c.canonical_url, _articles.c.language,
                  _articles.c.ai_related)
        .join(_articles, _articles.c.id == _mentions.c.article_id)
    ).mappings().all()
    reports = []
    for row in rows:
        r = SimpleNamespace(**row)
        r.target_key = samedeal.org_key(r.target)
        if samedeal.family(r.deal_type) == "capital":
            r.round_stage = rounds.round_stage(r.evidence or "")
        if not r.is_primary:
            r.cited_on = rounds.cited_period(r.evidence or "", r.seen_at)
        reports.append(r)
    return reports


def _components(reports: list) -> list[list]:
    """Reports that could be one deal: same family and a shared lookup key (union-find)."""
    from enrich import samedeal
    from storage.dealfields import names

    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, r in enumerate(reports):
        fam = samedeal.family(r.deal_type)
        keys = [r.target_key]
        if fam != "capital":
            keys += [samedeal.org_key(b) for b in names(r.buyers)]
        for key in keys:
            parent[find(("r", i))] = find(("k", fam, key))
    groups = defaultdict(list)
    for i, r in enumerate(reports):
        groups[find(("r", i))].append(r)
    return list(groups.values())


def _assign(conn, reports: list) -> dict[int, list]:
    """Group every report into deals; return deal id -> its reports (old ids kept)."""
    from enrich import samedeal
    from storage.dealfields import deal_key, mention_facts

    deals: dict[int, list] = {}
    for component in _components(reports):
        facts = [mention_facts(r) for r in component]
        for group in samedeal.cluster(facts):
            members = [component[i] for i in group]
            votes = Counter(r.deal_id for r in members if r.deal_id not in deals)
            if votes:
                deal_id = min(votes, key=lambda d: (-votes[d], d))
            else:
                deal_id = conn.execute(sa.insert(_deals).values(
                    deal_key=deal_key(members), parties_key="", buyers="", target="",
                    deal_type=members[0].deal_type, status=members[0].status,
                    ai_related=True, is_context_only=False, mention_count=0,
                    first_seen_at=members[0].seen_at, last_seen_at=members[0].seen_at,
                    updated_at=datetime.now(UTC),
                ).returning(_deals.c.id)).scalar_one()
            deals[deal_id] = members
    return deals


def _backfill(conn) -> None:
    from storage.dealfields import deal_key, deal_party_roles, party_roles, summarize

    reports = _reports(conn)
    deals = _assign(conn, reports)
    for deal_id, members in deals.items():
        for r in members:
            conn.execute(sa.update(_mentions).where(_mentions.c.id == r.id).values(
                deal_id=deal_id, target_key=r.target_key, round_stage=r.round_stage,
                cited_on=r.cited_on))
        conn.execute(sa.update(_deals).where(_deals.c.id == deal_id).values(
            deal_key=deal_key(members), updated_at=datetime.now(UTC), **summarize(members)))
    conn.execute(sa.delete(_deals).where(_deals.c.id.not_in(list(deals) or [0])))
    _organizations(conn, reports, deals, party_roles, deal_party_roles)


def _organizations(conn, reports, deals, party_roles, deal_party_roles) -> None:
    from storage.organizations import canonical, kind_of

    orgs: dict[str, dict] = {}

    def org(name: str, role: str, seen_at) -> dict:
        resolved, key = canonical(name)
        entry = orgs.setdefault(key, {"name": resolved, "key": key, "aliases": set(),
                                      "kind": kind_of(resolved, role),
                                      "first_seen_at": seen_at, "mention_count": 0})
        entry["first_seen_at"] = min(entry["first_seen_at"], seen_at)
        if name.strip() != resolved:
            entry["aliases"].add(name.strip())
        return entry

    for r in reports:
        for name, role in party_roles([r]):
            org(name, role, r.seen_at)["mention_count"] += 1
    links = set()
    for deal_id, members in deals.items():
        first = min(r.seen_at for r in members)
        for name, role in deal_party_roles(members):
            links.add((deal_id, org(name, role, first)["key"], role))
    ids = {}
    for entry in orgs.values():
        values = dict(entry, aliases="; ".join(sorted(entry["aliases"])) or None)
        ids[entry["key"]] = conn.execute(
            sa.insert(_orgs).values(**values).returning(_orgs.c.id)).scalar_one()
    for deal_id, key, role in sorted(links):
        conn.execute(sa.insert(_parties).values(deal_id=deal_id, organization_id=ids[key],
                                                role=role))
