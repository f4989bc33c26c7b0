"""Deals keep their ids, keys and events across ``newsmon reenrich`` (:mod:`storage.restore`).

The store benchmark's workload (``bench.store_bench``: skewed targets over a year, rounds,
takeovers with sellers, citations, evening stories in several zones) is stored as the crawl
stores it, then re-enriched with the same analyses: every deal must come back under its id
with its key, fields, reports, parties and events, whatever the batch size, also when every
report was lost before. A deal that re-enrichment really splits keeps its id on its larger
part. On SQLite and, when configured, Postgres.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select

from bench.store_bench import store, workload
from enrich.model import Analysis, DealMention
from newsmon.reenrich import reenrich_articles
from pages.article import ExtractedArticle
from storage import repo
from storage.db import open_database, session_factory, transaction
from storage.deals import store_analysis
from storage.grouping import reports_of
from storage.models import Article, Deal, DealEvent, DealParty, Organization, StoredMention
from tests.conftest import BACKENDS, _postgres_database, copy_database

ARTICLES = 300


@pytest.fixture(scope="module", params=BACKENDS)
def stored_workload(request, tmp_path_factory):
    """A database holding the workload, stored article by article as the crawl does."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('reenrich') / 'store.db'}"
        store(url, ARTICLES)
        yield url
        return
    for url in _postgres_database():
        store(url, ARTICLES)
        yield url


@pytest.fixture
def workload_db(stored_workload, tmp_path):
    yield from copy_database(stored_workload, tmp_path)


def _state(factory) -> tuple[dict, list, list]:
    """Every deal by id (columns, reports, parties), and every event."""
    with transaction(factory) as session:
        deals = {}
        for deal in session.scalars(select(Deal)):
            columns = {c.name: getattr(deal, c.key) for c in Deal.__table__.c
                       if c.name != "updated_at"}
            reports = frozenset((r.canonical_url, r.mention_index)
                                for r in reports_of(session, deal.id))
            parties = frozenset(session.execute(
                select(Organization.name, DealParty.role).join(DealParty)
                .where(DealParty.deal_id == deal.id)).all())
            deals[deal.id] = (columns, reports, parties)
        events = session.execute(select(
            DealEvent.id, DealEvent.deal_id, DealEvent.kind, DealEvent.old_status,
            DealEvent.new_status).order_by(DealEvent.id)).all()
    return deals, [tuple(e) for e in events], sorted(set(deals))


def _reenrich(factory, batch: int):
    analyses = {a.canonical_url: analysis for a, analysis in workload(ARTICLES)}
    return reenrich_articles(factory, analyze=lambda article, _: analyses[article.canonical_url],
                             batch=batch)


def test_reenrich_keeps_every_deal_its_id_key_and_events(workload_db):
    engine = open_database(workload_db)
    try:
        factory = session_factory(engine)
        before = _state(factory)
        assert len(before[0]) > 100 and len(before[1]) > 100
        for batch in (37, 200):  # a target's reports are spread over several batches
            result = _reenrich(factory, batch)
            assert (result.articles, result.deals, result.removed) == (ARTICLES,
                                                                       len(before[0]), 0)
            assert _state(factory) == before
    finally:
        engine.dispose()


def test_reenrich_brings_lost_reports_back_to_their_deals(workload_db):
    """Every report gone (a bad enrichment run, a restore): the deals that raised events are
    still there, empty; re-enrichment gives them their reports back under the same ids."""
    engine = open_database(workload_db)
    try:
        factory = session_factory(engine)
        before = _state(factory)
        with transaction(factory) as session:
            session.execute(delete(StoredMention))
            session.execute(delete(Deal).where(Deal.id.not_in(select(DealEvent.deal_id))))
        _reenrich(factory, 200)
        deals, events, ids = _state(factory)
    finally:
        engine.dispose()
    alerted = {deal_id for _, deal_id, *_ in before[1]}
    assert events == before[1]
    assert {i: deals.get(i) for i in alerted} == {i: before[0][i] for i in alerted}
    by_key = {d[0]["deal_key"]: d[1:] for d in deals.values()}
    assert by_key == {d[0]["deal_key"]: d[1:] for d in before[0].values()}


# --- a deal that really splits ---------------------------------------------------------------

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _round(amount: float) -> Analysis:
    mention = DealMention(
        buyers=("Accel",), target="Harbor", deal_type="funding_round", amount=amount,
        currency="USD", amount_usd=amount, stake_percent=None, valuation=None,
        valuation_currency=None, status="announced", is_primary=True, evidence="e",
        confidence=0.9, rule="test", lead_investors=("Accel",))
    return Analysis(language="en", ai_related=True, deal_story=True, tags=(), deals=(mention,))


def _article(session, day: int) -> int:
    published = T0 + timedelta(days=day)
    return repo.store_article(session, ExtractedArticle(
        url=f"http://n/harbor-{day}", canonical_url=f"http://n/harbor-{day}", title="Harbor",
        authors=None, published_at=published, fetched_at=published + timedelta(minutes=5),
        language="en", text="x", summary=None, site_name=None, word_count=1,
        content_hash=None, extraction_method="trafilatura"))[0]


def test_a_deal_that_really_splits_keeps_its_id_on_its_larger_part(factory):
    """Four reports of a $12M round; re-enrichment reads $80M in the earliest one, which can
    no longer be the same round: the three others keep the deal, its id and its event."""
    with transaction(factory) as session:
        ids = [_article(session, day) for day in (0, 2, 3, 5)]
        for article_id in ids:
            store_analysis(session, article_id, session.get(Article, article_id), _round(12e6))
        [deal] = session.scalars(select(Deal)).all()
        deal_id, first_key = deal.id, deal.deal_key
    new = {ids[0]: _round(80e6)}
    reenrich_articles(factory, analyze=lambda a, _: new.get(a.id) or _round(12e6))
    with transaction(factory) as session:
        deals = {d.id: d for d in session.scalars(select(Deal))}
        kept = deals[deal_id]
        assert kept.mention_count == 3 and kept.amount == 12e6
        assert {r.article_id for r in reports_of(session, deal_id)} == set(ids[1:])
        [other] = [d for d in deals.values() if d.id != deal_id]
        assert (other.mention_count, other.amount, other.deal_key) == (1, 80e6, first_key)
        assert session.scalars(select(DealEvent.deal_id)).all() == [deal_id]
