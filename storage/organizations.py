"""Organizations named in deals: one row per organization whatever alias it goes by.

The rows are also the enrichment's growing list of known organizations
(:func:`known_organizations`): a name discovered in one article is known in the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from enrich.companies import Gazetteer, default_gazetteer, normalize_name
from storage.models import Organization
from storage.upsert import insert_for

#: Gazetteer kinds -> organization kinds.
_GAZETTEER_KINDS = {"vc": "investor", "media": "media"}
_PUBLIC_BODY = re.compile(
    r"\b(?:Bpifrance|Ministry|Ministère|Ministerium|Ministerio|Government|Gouvernement|"
    r"Bundesregierung|Gobierno|Commission|Kommission|Comisión|European Investment Bank|"
    r"Banque publique|KfW|ICO|State of|État|Staat|Estado|City of|Ville de|Region|Région|"
    r"Agency|Agence|Agentur|Agencia|Sovereign|Caisse des Dépôts|CDC)\b"
)
_INVESTOR = re.compile(
    r"\b(?:Capital|Ventures?|Partners|Fund|Fonds|Invest(?:ments?|ors?)?|VC|Equity|"
    r"Asset Management|Holdings?|Seed)\b"
)
INVESTOR_ROLES = frozenset({"investor", "lead_investor"})


def canonical(name: str, gazetteer: Gazetteer | None = None) -> tuple[str, str]:
    """(canonical name, normalised key) after alias resolution and legal-suffix stripping."""
    gazetteer = gazetteer or default_gazetteer()
    resolved = gazetteer.canonical(name.strip())
    return resolved, normalize_name(resolved)


def kind_of(name: str, role: str | None, gazetteer: Gazetteer | None = None) -> str:
    """company / investor / media / public_body, from the gazetteer, the name, then the role."""
    gazetteer = gazetteer or default_gazetteer()
    known = gazetteer.get(name)
    if known is not None:
        return _GAZETTEER_KINDS.get(known.kind, "company")
    if _PUBLIC_BODY.search(name):
        return "public_body"
    if _INVESTOR.search(name) or role in INVESTOR_ROLES:
        return "investor"
    return "company"


def _aliases(row: Organization) -> list[str]:
    return [a for a in (row.aliases or "").split("; ") if a]


def ensure(
    session: Session, name: str, seen_at: datetime, role: str | None = None, count: int = 0,
    gazetteer: Gazetteer | None = None,
) -> Organization:
    """The organization behind ``name`` (created if new); ``count`` mentions are added to it."""
    resolved, key = canonical(name, gazetteer)
    row = session.scalars(select(Organization).where(Organization.key == key)).first()
    if row is None:
        session.execute(insert_for(session, Organization).values(
            name=resolved, key=key, kind=kind_of(resolved, role, gazetteer), aliases=None,
            first_seen_at=seen_at, mention_count=0,
        ).on_conflict_do_nothing(index_elements=["key"]))
        row = session.scalars(select(Organization).where(Organization.key == key)).one()
    if count:  # in SQL, so concurrent writers add up
        session.execute(update(Organization).where(Organization.id == row.id).values(
            mention_count=Organization.mention_count + count))
    if seen_at < row.first_seen_at:
        row.first_seen_at = seen_at
    surface = name.strip()
    if surface != row.name and surface not in _aliases(row):
        row.aliases = "; ".join(sorted([*_aliases(row), surface]))
    return row


def count_mention(session: Session, name: str, seen_at: datetime, role: str | None) -> int:
    """One mention more for the organization behind ``name`` (created if new), in one
    statement; return its id."""
    resolved, key = canonical(name)
    stmt = insert_for(session, Organization).values(
        name=resolved, key=key, kind=kind_of(resolved, role), aliases=None,
        first_seen_at=seen_at, mention_count=1,
    )
    stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={
        "mention_count": Organization.mention_count + 1,
        "first_seen_at": case((stmt.excluded.first_seen_at < Organization.first_seen_at,
                               stmt.excluded.first_seen_at), else_=Organization.first_seen_at),
    }).returning(Organization.id)
    org_id = session.execute(stmt).scalar_one()
    session.info.setdefault("organization_ids", {})[key] = org_id
    if name.strip() != resolved:
        ensure(session, name, seen_at, role)  # records the alias
    return org_id


def id_of(session: Session, name: str, seen_at: datetime, role: str | None = None) -> int:
    """The id of the organization behind ``name`` (remembered for the session's life)."""
    _, key = canonical(name)
    ids = session.info.setdefault("organization_ids", {})
    if key not in ids:
        ids[key] = ensure(session, name, seen_at, role).id
    return ids[key]


def forget_mentions(session: Session, names: Iterable[str]) -> None:
    """One mention fewer for each name (a re-enriched article's old mention was removed)."""
    for name in names:
        _, key = canonical(name)
        session.execute(update(Organization).where(
            Organization.key == key, Organization.mention_count > 0
        ).values(mention_count=Organization.mention_count - 1))


def known_organizations(session: Session, min_mentions: int = 1) -> list:
    """Every organization seen in at least ``min_mentions`` mentions, as
    ``enrich.orgs.KnownOrganization`` records for :func:`enrich.analyze`."""
    from enrich.orgs import KnownOrganization

    rows = session.scalars(
        select(Organization).where(Organization.mention_count >= min_mentions)
        .order_by(Organization.key)
    )
    return [KnownOrganization(r.name, kind=_ENRICH_KINDS.get(r.kind, "company"),
                              aliases=tuple(_aliases(r)), mentions=r.mention_count) for r in rows]


#: Organization kinds as the enrichment knows them (a public body is a party like a company).
_ENRICH_KINDS = {"company": "company", "investor": "investor", "media": "media"}
