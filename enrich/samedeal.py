"""The one "same deal" decision, used by article grouping, storage and the evaluation.

A deal's identity is its target (alias-resolved), its type family and its time window.
Buyers and amounts are evidence, not identity: a report naming only the lead investor, one
naming every investor and one naming none are the same round when target, family, window and
amount agree (or one has no amount). Two amounts that cannot describe one round, two different
round stages, or a follow-on round months later make two deals; so do two takeovers of one
target by different buyers.

:func:`same_deal` is the pairwise decision (symmetric). :func:`cluster` groups any set of
reports into deals with it; its result depends only on the set, never on arrival order, so
storage can re-cluster a target's reports whenever one arrives.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from enrich.candidates import generic_opening
from enrich.companies import Gazetteer, default_gazetteer, normalize_name
from enrich.status import progress

#: Type families: reports of one family can describe one deal, across families they cannot.
FAMILIES = {
    "funding_round": "capital",
    "investment": "capital",
    "acquisition": "control",
    "merger": "control",
    "partnership": "alliance",
    "licensing": "alliance",
}
#: Days between two reports of one deal, per family: a round is reported within weeks (a
#: follow-on months later is a new deal); a takeover runs from rumour to completion for a year.
WINDOW_DAYS = {"capital": 75, "control": 365, "alliance": 120}
#: Largest ratio between two reported amounts of one deal ("$600M" vs "€640M", "$10bn" rumoured
#: then "$15bn"); "$600M" vs "$50M" cannot be the same round.
AMOUNT_RATIO = 1.6
#: The date to give reports that share one (the clauses of one article, gold and predicted
#: deals of one story) so that only parties, types, stages and amounts decide.
SAME_DAY = date(2000, 1, 1)
#: Types whose parties have no direction: "A and B merge", "A partners with B".
SYMMETRIC = frozenset({"merger", "partnership"})


def family(deal_type: str) -> str:
    """The type family of a deal type (unknown types are a family of their own)."""
    return FAMILIES.get(deal_type, deal_type)


def types_compatible(a: str, b: str) -> bool:
    """Could two deal types describe the same deal?"""
    return family(a) == family(b)


def progress_status(old: str, new: str) -> str:
    """rumored -> announced -> completed, never backwards; terminated always wins."""
    return progress(old, new)


def org_key(name: str, gazetteer: Gazetteer | None = None, roll_up: bool = False) -> str:
    """Normalised key of an organization name after alias resolution (buyers roll up to parent).

    The key is the distinctive part of the name: a leading article or generic descriptor
    ("The", "Grupo", "Brauhaus", "Banco") is no part of a company's identity, so "Grupo
    Albora" and "Albora", "The Plain Numbers Company" and "Plain Numbers Company" are one
    company however a story or a label writes them.
    """
    gazetteer = gazetteer or default_gazetteer()
    resolved = gazetteer.top_parent(name) if roll_up else gazetteer.canonical(name)
    return normalize_name(_distinctive(resolved))


def _distinctive(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[1][:1].isupper() and generic_opening(words[0]):
        words = words[1:]
    return " ".join(words)


def parties_key(buyers: Iterable[str], target: str, gazetteer: Gazetteer | None = None) -> str:
    """"buyer1+buyer2>target": aliases resolved (buyers rolled up to parent), order-free."""
    gazetteer = gazetteer or default_gazetteer()
    names = sorted({org_key(b, gazetteer, True) for b in buyers if b and b.strip()})
    return "+".join(names) + ">" + org_key(target, gazetteer)


@dataclass(frozen=True)
class DealFacts:
    """What the decision looks at in one report of a deal.

    ``start``/``end`` bound the date of the deal as this report gives it: the article's date for
    a report of the news, the cited period for a citation ("in 2023"), None when unknown.
    ``order`` breaks ties between reports of the same day (e.g. URL and mention index).
    """

    target: str
    deal_type: str
    buyers: frozenset[str] = frozenset()
    amount_usd: float | None = None
    amount: float | None = None
    currency: str | None = None
    round_stage: str | None = None
    start: date | None = None
    end: date | None = None
    primary: bool = True
    order: tuple = field(default=(), compare=False)

    @property
    def family(self) -> str:
        return family(self.deal_type)

    @property
    def parties(self) -> frozenset[str]:
        return self.buyers | {self.target}


def facts_of(
    buyers: Iterable[str],
    target: str,
    deal_type: str,
    *,
    amount_usd: float | None = None,
    amount: float | None = None,
    currency: str | None = None,
    round_stage: str | None = None,
    on: date | datetime | None = None,
    cited_on: str | None = None,
    primary: bool = True,
    order: tuple = (),
    gazetteer: Gazetteer | None = None,
) -> DealFacts:
    """Facts of one report, names alias-resolved. A primary report is dated ``on``; a citation
    by ``cited_on`` ("2023", "2023-03", "2023-03-14") or not at all."""
    gazetteer = gazetteer or default_gazetteer()
    start = end = None
    if primary and on is not None:
        start = end = on.date() if isinstance(on, datetime) else on
    elif cited_on:
        start, end = period_bounds(cited_on)
    return DealFacts(
        target=org_key(target, gazetteer),
        deal_type=deal_type,
        buyers=frozenset(org_key(b, gazetteer, True) for b in buyers if b and b.strip()),
        amount_usd=amount_usd, amount=amount, currency=currency,
        round_stage=round_stage if round_stage != "unknown" else None,
        start=start, end=end, primary=primary, order=order,
    )


def period_bounds(period: str) -> tuple[date | None, date | None]:
    """First and last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; (None, None) if malformed."""
    try:
        parts = [int(p) for p in period.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        day = date(parts[0], parts[1], parts[2])
        return day, day
    except (ValueError, IndexError):
        return None, None


def _same_target(a: DealFacts, b: DealFacts) -> bool:
    if a.deal_type in SYMMETRIC or b.deal_type in SYMMETRIC:
        return a.parties == b.parties
    return a.target == b.target


def _gap_days(a: DealFacts, b: DealFacts) -> int | None:
    """Days between the two reports' periods (0 when they overlap); None if either is undated."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def _amounts_agree(a: DealFacts, b: DealFacts) -> bool:
    if a.amount_usd and b.amount_usd:
        low, high = sorted((a.amount_usd, b.amount_usd))
    elif a.amount and b.amount and a.currency == b.currency:
        low, high = sorted((a.amount, b.amount))
    else:
        return True
    return high <= low * AMOUNT_RATIO


def _buyers_agree(a: DealFacts, b: DealFacts) -> bool:
    """A round's reports name investors unevenly; a takeover or a single investor's stake
    by someone else is another deal."""
    if not a.buyers or not b.buyers or a.buyers & b.buyers:
        return True
    if {a.deal_type, b.deal_type} & SYMMETRIC:
        return True  # the same parties either way round (checked by _same_target)
    return "funding_round" in (a.deal_type, b.deal_type)


def _corroborated(a: DealFacts, b: DealFacts) -> bool:
    """A shared buyer or two agreeing amounts: what ties an undated citation to a deal."""
    if a == b or a.buyers & b.buyers:
        return True
    return bool(a.amount_usd and b.amount_usd or a.amount and b.amount and a.currency == b.currency)


def same_deal(a: DealFacts, b: DealFacts) -> bool:
    """Do two reports describe one deal? Symmetric; see the module docstring for the rule.

    An undated citation ("Microsoft, which put $13bn into OpenAI") joins another report only
    when a buyer or the amount corroborates it, never on the target alone.
    """
    if a.family != b.family or not _same_target(a, b):
        return False
    gap = _gap_days(a, b)
    if gap is not None and gap > WINDOW_DAYS.get(a.family, 120):
        return False
    if gap is None and not _corroborated(a, b):
        return False
    if a.round_stage and b.round_stage and a.round_stage != b.round_stage:
        return False
    return _amounts_agree(a, b) and _buyers_agree(a, b)


def sort_key(f: DealFacts) -> tuple:
    """Dated reports first, by date, news before citations, then the caller's order."""
    return (f.start is None, f.start or date.min, not f.primary, f.order, repr(f))


def _evidence(group: Sequence[DealFacts], f: DealFacts) -> tuple:
    """How well ``f`` fits a group it may join: shared buyers, agreeing amount, closeness."""
    shared = max(len(g.buyers & f.buyers) for g in group)
    amount = any(g.amount_usd and f.amount_usd for g in group)
    gaps = [gap for g in group if (gap := _gap_days(g, f)) is not None]
    return (shared, amount, -min(gaps) if gaps else 0)


def cluster(reports: Sequence[DealFacts]) -> list[list[int]]:
    """Group reports into deals; each group lists indexes into ``reports``, earliest first.

    Reports are taken in a canonical order (dated first, by date), each joining the group it
    fits best among those where it is the same deal as every member, so the result depends
    on the set of reports only, not on the order they came in.
    """
    order = sorted(range(len(reports)), key=lambda i: sort_key(reports[i]))
    groups: list[list[int]] = []
    for i in order:
        fits = [g for g in groups if all(same_deal(reports[j], reports[i]) for j in g)]
        if not fits:
            groups.append([i])
            continue
        best = max(fits, key=lambda g: _evidence([reports[j] for j in g], reports[i]))
        best.append(i)
    return groups
