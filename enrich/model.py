"""Frozen result types of :func:`enrich.analyze`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

DEAL_TYPES = ("acquisition", "merger", "investment", "funding_round", "partnership", "licensing")
STATUSES = ("rumored", "announced", "completed", "terminated")
QUALIFIERS = ("up_to", "about", "more_than")


@dataclass(frozen=True)
class DealMention:
    """One deal found in an article, with the evidence and rule that produced it."""

    buyers: tuple[str, ...]
    target: str
    deal_type: str
    amount: float | None
    currency: str | None
    amount_usd: float | None
    stake_percent: float | None
    valuation: float | None
    valuation_currency: str | None
    status: str
    is_primary: bool
    evidence: str
    confidence: float
    rule: str
    amount_qualifier: str | None = None
    #: investors named as leading a funding round ("led by X", "X mène l'opération")
    lead_investors: tuple[str, ...] = ()
    #: "seed", "series_b", ... (``enrich.rounds.STAGES``) for rounds and stakes
    round_stage: str | None = None
    #: for a passing citation, the period its text gives ("2023", "2024-03")
    cited_on: str | None = None
    #: who sells the target, when the text says ("X sold Y to Z", "buys Y from X", "Y, the
    #: AI unit of X")
    seller: str | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["buyers"] = list(self.buyers)
        data["lead_investors"] = list(self.lead_investors)
        return data


@dataclass(frozen=True)
class Analysis:
    """Everything enrichment says about one article."""

    language: str | None
    ai_related: bool
    deal_story: bool
    tags: tuple[str, ...]
    deals: tuple[DealMention, ...]

    @property
    def primary(self) -> DealMention | None:
        return next((d for d in self.deals if d.is_primary), None)

    def to_dict(self) -> dict:
        return {
            "language": self.language,
            "ai_related": self.ai_related,
            "deal_story": self.deal_story,
            "tags": list(self.tags),
            "deals": [d.to_dict() for d in self.deals],
        }
