"""Pure enrichment: language, AI/deal tagging, deal extraction. No Scrapy, no database."""

from enrich.analysis import analyze
from enrich.errors import EnrichError, SeedDataError
from enrich.jsonl import run_jsonl
from enrich.model import Analysis, DealMention
from enrich.orgs import KnownOrganization
from enrich.samedeal import (
    WINDOW_DAYS,
    DealFacts,
    cluster,
    facts_of,
    parties_key,
    progress_status,
    same_deal,
    types_compatible,
)

__all__ = [
    "WINDOW_DAYS",
    "Analysis",
    "DealFacts",
    "DealMention",
    "EnrichError",
    "KnownOrganization",
    "SeedDataError",
    "analyze",
    "cluster",
    "facts_of",
    "parties_key",
    "progress_status",
    "run_jsonl",
    "same_deal",
    "types_compatible",
]
