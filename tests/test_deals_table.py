"""``newsmon deals`` dates a deal by when it was announced (``announced_on``, written at its
``announced_precision``) and lists the most recently announced first; the day it was last
seen stays available as a column of its own and in JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from enrich.model import Analysis, DealMention
from pages.article import ExtractedArticle
from storage import repo
from storage.db import open_database, session_factory, transaction
from storage.deals import store_analysis
from storage.models import Article
from tests.clitools import invoke


def _mention(target: str, primary: bool = True, cited_on: str | None = None) -> DealMention:
    return DealMention(
        buyers=("Accel",), target=target, deal_type="funding_round", amount=12e6,
        currency="USD", amount_usd=12e6, stake_percent=None, valuation=None,
        valuation_currency=None, status="announced", is_primary=primary, evidence="e",
        confidence=0.9, rule="test", lead_investors=("Accel",), cited_on=cited_on)


def _store(session, slug: str, published: str, mention: DealMention) -> None:
    at = datetime.fromisoformat(published).replace(hour=9, tzinfo=UTC)
    article_id = repo.store_article(session, ExtractedArticle(
        url=f"http://n/{slug}", canonical_url=f"http://n/{slug}", title=slug, authors=None,
        published_at=at, fetched_at=at + timedelta(minutes=5), language="en", text="x",
        summary=None, site_name=None, word_count=1, content_hash=None,
        extraction_method="trafilatura"))[0]
    store_analysis(session, article_id, session.get(Article, article_id), Analysis(
        language="en", ai_related=True, deal_story=True, tags=(), deals=(mention,)))


def _deals_db(db_url: str) -> str:
    """Harbor's round announced 2025-06-09 and reported again 2025-07-01; Quill's announced
    2025-06-20; Tessel's only cited ("in 2023") by an article of 2025-08-01."""
    engine = open_database(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            _store(session, "harbor", "2025-06-09", _mention("Harbor"))
            _store(session, "harbor-again", "2025-07-01", _mention("Harbor"))
            _store(session, "quill", "2025-06-20", _mention("Quill"))
            _store(session, "tessel", "2025-08-01", _mention("Tessel", False, "2023"))
    finally:
        engine.dispose()
    return db_url


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def _line(table: str, target: str) -> str:
    return next(line for line in table.splitlines() if target in line)


def test_deals_are_dated_and_sorted_by_when_they_were_announced(db_url):
    db = _deals_db(db_url)
    rows = json.loads(_ok(invoke("deals", "--format", "json", db=db)))
    assert [r["target"] for r in rows] == ["Quill", "Harbor", "Tessel"]
    harbor = rows[1]
    assert (harbor["announced_on"], harbor["announced_precision"]) == ("2025-06-09", "day")
    assert harbor["last_seen_at"].startswith("2025-07-01")
    assert (rows[2]["announced_on"], rows[2]["announced_precision"]) == ("2023-01-01", "year")
    narrow = _ok(invoke("deals", db=db, width=80))
    assert "2025-06-09" in _line(narrow, "Harbor") and "2025-07-01" not in narrow
    assert "2023" in _line(narrow, "Tessel") and "2023-01-01" not in narrow
    assert [t for line in narrow.splitlines() for t in ("Quill", "Harbor", "Tessel")
            if t in line] == ["Quill", "Harbor", "Tessel"]
    wide = _ok(invoke("deals", db=db, width=200))
    assert "last seen" in wide and "2025-07-01" in _line(wide, "Harbor")
