"""The CPU-bound work for one page (extract, detect language, enrich), run in worker processes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Protocol

from enrich import Analysis, KnownOrganization, analyze
from pages.article import EntryInfo, ExtractedArticle, extract_article


class ArticleText(Protocol):
    """What enrichment reads of an article: an ``ExtractedArticle`` or a stored ``Article``."""

    @property
    def title(self) -> str | None: ...
    @property
    def text(self) -> str | None: ...
    @property
    def language(self) -> str | None: ...
    @property
    def published_at(self) -> datetime | None: ...
    @property
    def published_on(self) -> date | None: ...
    @property
    def fetched_at(self) -> datetime: ...


def process_page(
    body: bytes,
    url: str,
    canonical_url: str,
    entry: EntryInfo,
    fetched_at: datetime,
    known_organizations: Sequence[KnownOrganization] = (),
) -> tuple[ExtractedArticle, Analysis]:
    """``(article, analysis)`` for one fetched page."""
    article = extract_article(body, url, canonical_url, entry, fetched_at)
    return article, analyze_article(article, known_organizations)


def analyze_article(
    article: ArticleText, known_organizations: Sequence[KnownOrganization] = ()
) -> Analysis:
    """Run enrichment over an article (used by crawls and by ``reenrich``);
    ``known_organizations`` are those found in earlier articles. Relative dates and FX rates
    are read on the publisher's day (``published_on``), else on the day of the fetch."""
    analysis = analyze(
        article.title or "",
        article.text or "",
        language=article.language,
        published=article.published_on or article.fetched_at.date(),
        known_organizations=known_organizations,
    )
    return analysis


def warm_up() -> None:
    """Load what every page needs (trafilatura, language profiles, company gazetteer, FX).

    Run in the pool's fork server (``crawler.preload``), so workers start with it loaded and
    share those memory pages instead of each holding a private copy.
    """
    fetched = datetime(2020, 1, 1, tzinfo=UTC)
    html = b"<html lang='en'><body><article><p>" + b"Warm up text for the workers. " * 30
    article = extract_article(html + b"</p></article></body></html>", "http://localhost/",
                              "http://localhost/", EntryInfo(), fetched)
    analyze_article(article)
