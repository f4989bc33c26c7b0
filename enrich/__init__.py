"""Pure enrichment: language, AI/deal tagging, deal extraction. No Scrapy, no database."""

from enrich.analysis import analyze
from enrich.dealmerge import (
    DEAL_WINDOW_DAYS,
    parties_key,
    progress_status,
    same_deal,
    types_compatible,
)
from enrich.errors import EnrichError, SeedDataError
from enrich.jsonl import run_jsonl
from enrich.model import Analysis, DealMention
from enrich.orgs import KnownOrganization

__all__ = [
    "DEAL_WINDOW_DAYS",
    "Analysis",
    "DealMention",
    "EnrichError",
    "KnownOrganization",
    "SeedDataError",
    "analyze",
    "parties_key",
    "progress_status",
    "run_jsonl",
    "same_deal",
    "types_compatible",
]
