"""Pure helpers deciding whether a new mention is a deal we already know.

Used by the storage layer: same parties (after alias resolution), compatible deal types,
and last seen within ``DEAL_WINDOW_DAYS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from enrich.companies import Gazetteer, default_gazetteer, normalize_name
from enrich.status import progress

DEAL_WINDOW_DAYS = 120

#: Types that can describe the same money changing hands.
_FAMILIES = (
    {"investment", "funding_round", "acquisition"},
    {"acquisition", "merger"},
    {"partnership", "licensing"},
)


def _party(name: str, gazetteer: Gazetteer, roll_up: bool) -> str:
    name = gazetteer.top_parent(name) if roll_up else gazetteer.canonical(name)
    return normalize_name(name)


def parties_key(
    buyers: Iterable[str], target: str, gazetteer: Gazetteer | None = None
) -> str:
    """"buyer1+buyer2>target": aliases resolved (buyers rolled up to parent), order-free."""
    gazetteer = gazetteer or default_gazetteer()
    names = sorted({_party(b, gazetteer, True) for b in buyers if b and b.strip()})
    return "+".join(names) + ">" + _party(target, gazetteer, False)


def types_compatible(a: str, b: str) -> bool:
    """Could two deal types describe the same deal? (investment ~ funding_round ~ stake buy)."""
    return a == b or any(a in family and b in family for family in _FAMILIES)


def progress_status(old: str, new: str) -> str:
    """rumored -> announced -> completed, never backwards; terminated always wins."""
    return progress(old, new)


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def same_deal(
    existing_buyers: Iterable[str],
    existing_target: str,
    existing_type: str,
    existing_last_seen: date | datetime | None,
    mention,
    mention_date: date | datetime | None,
) -> bool:
    """Is ``mention`` (a DealMention) the deal stored with the given parties/type/date?"""
    existing_buyers = list(existing_buyers)
    if parties_key([], existing_target) != parties_key([], mention.target):
        return False
    if existing_buyers and mention.buyers:
        if parties_key(existing_buyers, existing_target) != parties_key(
            mention.buyers, mention.target
        ):
            return False
    elif existing_buyers or mention.buyers:
        if existing_type != "funding_round" and mention.deal_type != "funding_round":
            return False
    if not types_compatible(existing_type, mention.deal_type):
        return False
    last, seen = _as_date(existing_last_seen), _as_date(mention_date)
    if last is None or seen is None:
        return True
    return abs((seen - last).days) <= DEAL_WINDOW_DAYS
