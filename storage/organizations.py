"""Organizations named in deals: one row per organization whatever alias it goes by.

The rows are also the enrichment's growing list of known organizations
(:func:`known_organizations`): a name discovered in one article is known in the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import bindparam, case, select, update
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


#: The counting upsert of each dialect, built once (building it costs more than running it).
_COUNT_STATEMENTS: dict[str, object] = {}


def _count_statement(session: Session):
    """INSERT an organization with one mention, or add one to it and keep the earlier
    ``first_seen_at``; returns its id. Parameters: name, key, kind, first_seen_at."""
    dialect = session.get_bind().dialect.name
    if dialect not in _COUNT_STATEMENTS:
        table = Organization.__table__  # a Core statement: the ORM's bulk path costs more
        stmt = insert_for(session, table).values(
            name=bindparam("name", type_=table.c.name.type),
            key=bindparam("key", type_=table.c.key.type),
            kind=bindparam("kind", type_=table.c.kind.type), aliases=None,
            first_seen_at=bindparam("first_seen_at", type_=table.c.first_seen_at.type),
            mention_count=1,
        )
        _COUNT_STATEMENTS[dialect] = stmt.on_conflict_do_update(index_elements=["key"], set_={
            "mention_count": table.c.mention_count + 1,
            "first_seen_at": case(
                (stmt.excluded.first_seen_at < table.c.first_seen_at,
                 stmt.excluded.first_seen_at), else_=table.c.first_seen_at),
        }).returning(table.c.id)
    return _COUNT_STATEMENTS[dialect]


def count_mention(session: Session, name: str, seen_at: datetime, role: str | None) -> int:
    """One mention more for the organization behind ``name`` (created if new), in one
    statement; return its id."""
    resolved, key = canonical(name)
    org_id = session.execute(_count_statement(session), {
        "name": resolved, "key": key, "kind": kind_of(resolved, role), "first_seen_at": seen_at,
    }).scalar_one()
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
