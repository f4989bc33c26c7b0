"""A deal's fields, key and parties computed from its reports (plain values, no SQL).

Reports are any objects with a stored mention's attributes plus ``canonical_url``,
``language`` and ``ai_related`` of their article, and optionally its ``published_on``: ORM
rows in :mod:`storage.deals`, Core rows in the 0005 migration's back-fill.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from enrich import samedeal
from enrich.companies import default_gazetteer
from enrich.samedeal import DealFacts, facts_of

#: Role of the target and of the buyers, per deal type.
ROLE_NAMES = {
    "acquisition": ("target", "acquirer"),
    "investment": ("target", "investor"),
    "funding_round": ("target", "investor"),
    "merger": ("merging_party", "merging_party"),
    "partnership": ("partner", "partner"),
    "licensing": ("licensor", "licensee"),
}


def names(joined: str | None) -> list[str]:
    """"Google; Amazon" -> ["Google", "Amazon"]."""
    return [n for n in (joined or "").split("; ") if n]


def report_day(report) -> date:
    """The day of a report: its article's publication day as the publisher wrote it, else
    the UTC day it was seen (an undated article: its fetch). The one day grouping windows,
    the deal key and ``announced_on`` read."""
    return getattr(report, "published_on", None) or report.seen_at.date()


def mention_facts(report) -> DealFacts:
    """What the same-deal decision reads from one stored report, dated by :func:`report_day`
    (a report that carries its ``facts`` already, as :mod:`storage.deals`' do, gives them)."""
    known = getattr(report, "facts", None)
    if isinstance(known, DealFacts):
        return known
    return facts_of(
        names(report.buyers), report.target, report.deal_type,
        amount_usd=report.amount_usd, amount=report.amount, currency=report.currency,
        round_stage=report.round_stage, on=report_day(report), cited_on=report.cited_on,
        primary=bool(report.is_primary), order=(report.canonical_url, report.mention_index),
    )


def _sorted(reports: Sequence) -> list:
    facts = [mention_facts(r) for r in reports]
    order = sorted(range(len(reports)), key=lambda i: samedeal.sort_key(facts[i]))
    return [reports[i] for i in order]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "deal"


def deal_key(reports: Sequence) -> str:
    """Stable public key: target, family, date and a digest of the earliest report.

    Re-enrichment that finds the same reports gives the same key.
    """
    first = _sorted(reports)[0]
    facts = mention_facts(first)
    when = facts.start.strftime("%Y%m%d") if facts.start else "undated"
    digest = hashlib.sha1(f"{first.canonical_url}#{first.mention_index}".encode()).hexdigest()
    return f"{_slug(first.target)}-{facts.family}-{when}-{digest[:8]}"


def party_roles(reports: Iterable) -> list[tuple[str, str]]:
    """(canonical name, role) of every party the reports name, without repeats."""
    gazetteer = default_gazetteer()
    out: dict[tuple[str, str], None] = {}
    for r in reports:
        target_role, buyer_role = ROLE_NAMES.get(r.deal_type, ("target", "acquirer"))
        leads = {gazetteer.canonical(n) for n in names(getattr(r, "lead_investors", None))}
        out[(gazetteer.canonical(r.target), target_role)] = None
        for buyer in names(r.buyers):
            name = gazetteer.canonical(buyer)
            role = "lead_investor" if buyer_role == "investor" and name in leads else buyer_role
            out[(name, role)] = None
        seller = _seller_of(r, gazetteer)
        if seller is not None:
            out[(seller, "seller")] = None
    roles = list(out)
    leads = {n for n, role in roles if role == "lead_investor"}
    return [(n, role) for n, role in roles if not (role == "investor" and n in leads)]


def _seller_of(report, gazetteer) -> str | None:
    """The canonical seller a report names, unless it is the target or one of the buyers
    (reports stored before sellers were kept have none)."""
    seller = getattr(report, "seller", None)
    if not seller:
        return None
    name = gazetteer.canonical(seller)
    parties = {gazetteer.canonical(report.target)}
    parties.update(gazetteer.canonical(b) for b in names(report.buyers))
    return None if name in parties else name


def deal_seller(reports: Sequence) -> str | None:
    """A deal's seller: the one most of its reports name, ties going to the earliest report
    (reports as news first, as for the other parties)."""
    gazetteer = default_gazetteer()
    ranked = _sorted([r for r in reports if r.is_primary] or list(reports))
    named = [s for s in (_seller_of(r, gazetteer) for r in ranked) if s is not None]
    if not named:
        return None
    votes = Counter(named)
    return max(dict.fromkeys(named), key=lambda s: votes[s])


def deal_party_roles(reports: Sequence) -> list[tuple[str, str]]:
    """A deal's parties: from the reports of it as news when there are some (a passing
    "Google or Amazon invested in Anthropic" adds no investor to Amazon's round); one
    seller, :func:`deal_seller`."""
    roles = [p for p in party_roles([r for r in reports if r.is_primary] or reports)
             if p[1] != "seller"]
    seller = deal_seller(reports)
    return roles + [(seller, "seller")] if seller is not None else roles


def _ordered(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _stage(reports: Sequence, family: str) -> str | None:
    stages = Counter(r.round_stage for r in reports if r.round_stage and r.round_stage != "unknown")
    if stages:
        return min(stages, key=lambda s: (-stages[s], s))
    return "unknown" if family == "capital" else None


def _announced(reports: Sequence) -> tuple:
    """(date, precision): the earliest day a report as news was published on, else the
    earliest period a citation gives."""
    primary = [report_day(r) for r in reports if r.is_primary]
    if primary:
        return min(primary), "day"
    periods = sorted(r.cited_on for r in reports if r.cited_on)
    for period in periods:
        start, _ = samedeal.period_bounds(period)
        if start is not None:
            return start, ("year", "month", "day")[period.count("-")]
    return None, None


def _figures(reports: Sequence) -> dict:
    """The most recent specific figures win; primary mentions over passing references."""
    out = dict.fromkeys(("amount", "currency", "amount_usd", "stake_percent", "valuation",
                         "valuation_currency"))
    ranked = sorted(reports, key=lambda m: (m.is_primary, m.seen_at, m.canonical_url,
                                            m.mention_index))
    for m in ranked:
        if m.amount is not None:
            out.update(amount=m.amount, currency=m.currency, amount_usd=m.amount_usd)
        if m.stake_percent is not None:
            out["stake_percent"] = m.stake_percent
        if m.valuation is not None:
            out.update(valuation=m.valuation, valuation_currency=m.valuation_currency)
    return out


def summarize(reports: Sequence) -> dict:
    """Every deal column that follows from its reports (not the key, not the parties)."""
    gazetteer = default_gazetteer()
    reports = _sorted(reports)
    primary = [r for r in reports if r.is_primary]
    headline = primary or reports
    status = reports[0].status
    for r in reports[1:]:
        status = samedeal.progress_status(status, r.status)
    deal_type = next((r.deal_type for r in reversed(primary)), reports[0].deal_type)
    family = samedeal.family(deal_type)
    buyers = _ordered(gazetteer.canonical(b) for r in headline for b in names(r.buyers))
    target = gazetteer.canonical(headline[0].target)
    leads = _ordered(n for n, role in deal_party_roles(reports) if role == "lead_investor")
    announced_on, precision = _announced(reports)
    seen = sorted(r.seen_at for r in reports)
    return dict(
        _figures(reports),
        parties_key=samedeal.parties_key(buyers, target)[:600],
        target_key=samedeal.org_key(target), buyers="; ".join(buyers), target=target,
        deal_type=deal_type, round_stage=_stage(reports, family), status=status,
        ai_related=any(bool(r.ai_related) for r in reports),
        lead_investors="; ".join(leads) or None,
        investors="; ".join(_ordered([*leads, *buyers])) or None if family == "capital" else None,
        announced_on=announced_on, announced_precision=precision,
        is_context_only=not primary, first_seen_at=seen[0], last_seen_at=seen[-1],
        mention_count=len(reports),
        languages=",".join(sorted({r.language for r in reports if r.language})) or None,
        source_url=headline[0].canonical_url,
    )
