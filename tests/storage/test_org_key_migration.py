"""0011: organization keys stored before the descriptor rule are recomputed, so a report about
"Albora" finds the deal stored as "Grupo Albora" (``samedeal.org_key``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from enrich import samedeal
from enrich.model import Analysis, DealMention
from pages.article import ExtractedArticle
from storage import repo
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.deals import store_analysis
from storage.models import Article, Deal, StoredMention


def _round(target: str) -> DealMention:
    return DealMention(
        buyers=("Vinga Growth",), target=target, deal_type="funding_round", amount=12e6,
        currency="EUR", amount_usd=13e6, stake_percent=None, valuation=None,
        valuation_currency=None, status="announced", is_primary=True, evidence="e",
        confidence=0.9, rule="test", lead_investors=("Vinga Growth",))


def test_migration_0011_recomputes_keys_and_a_new_report_joins_the_old_deal(db_url):
    assert samedeal.org_key("Grupo Albora") == samedeal.org_key("Albora")
    upgrade(db_url, "0010")
    # explicit ids far from what the sequences hand out (Postgres does not advance them)
    when = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(insert(Article.__table__).values(
                id=1000, url="http://n/1", canonical_url="http://n/1", published_at=when,
                published_on=when.date(), fetched_at=when, word_count=1,
                extraction_method="trafilatura"))
            conn.execute(insert(Deal.__table__).values(
                id=1000, deal_key="grupo-albora-capital-20260302-0000aaaa",
                parties_key="vingagrowth>grupoalbora", target_key="grupoalbora",
                buyers="Vinga Growth", target="Grupo Albora", deal_type="funding_round",
                amount=12e6, currency="EUR", amount_usd=13e6, status="announced",
                ai_related=True, is_context_only=False, first_seen_at=when,
                last_seen_at=when, mention_count=1, updated_at=when, announced_on=when.date()))
            conn.execute(insert(StoredMention.__table__).values(
                deal_id=1000, article_id=1000, mention_index=0, buyers="Vinga Growth",
                target="Grupo Albora", target_key="grupoalbora", deal_type="funding_round",
                amount=12e6, currency="EUR", amount_usd=13e6, status="announced",
                is_primary=True, confidence=0.9, evidence="e", seen_at=when))
        upgrade(db_url)
        with engine.connect() as conn:
            deal_keys = conn.execute(select(Deal.target_key, Deal.parties_key)).one()
            mention_key = conn.execute(select(StoredMention.target_key)).scalar_one()
    finally:
        engine.dispose()
    assert mention_key == deal_keys.target_key == samedeal.org_key("Albora")
    assert deal_keys.parties_key == samedeal.parties_key(["Vinga Growth"], "Albora")

    later = when + timedelta(days=2)
    engine = make_engine(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            article_id = repo.store_article(session, ExtractedArticle(
                url="http://n/2", canonical_url="http://n/2", title="t", authors=None,
                published_at=later, fetched_at=later, language="en", text="x", summary=None,
                site_name=None, word_count=1, content_hash=None,
                extraction_method="trafilatura"))[0]
            analysis = Analysis(language="en", ai_related=True, deal_story=True, tags=(),
                                deals=(_round("Albora"),))
            store_analysis(session, article_id, session.get(Article, article_id), analysis,
                           events=False)
            deals = session.execute(select(Deal.id, Deal.mention_count)).all()
    finally:
        engine.dispose()
    assert [tuple(d) for d in deals] == [(1000, 2)]
