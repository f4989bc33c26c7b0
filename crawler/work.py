"""The CPU-bound work for one page (extract, detect language, enrich), run in worker processes."""

from __future__ import annotations

from datetime import datetime

from crawler.extract import EntryInfo, extract_article
from enrich import analyze


def process_page(
    body: bytes,
    url: str,
    canonical_url: str,
    entry: EntryInfo,
    fetched_at: datetime,
) -> tuple[dict, dict]:
    """``(article values, analysis dict)`` for one fetched page."""
    article = extract_article(body, url, canonical_url, entry, fetched_at)
    return article, analyze_article(article)


def analyze_article(article: dict) -> dict:
    """Run enrichment over stored article values (used by crawls and by ``reenrich``)."""
    analysis = analyze(
        article.get("title") or "",
        article.get("text") or "",
        language=article.get("language"),
        published=article.get("published_at") or article.get("fetched_at"),
    )
    return analysis.to_dict()


def warm_up() -> None:
    """Import the heavy modules once per worker, before the first page arrives."""
    import trafilatura  # noqa: F401
