"""Pure enrichment: language, AI/deal tagging, deal extraction. No Scrapy, no database."""

from enrich.analysis import analyze
from enrich.model import Analysis, DealMention

__all__ = ["Analysis", "DealMention", "analyze"]
