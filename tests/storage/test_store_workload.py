"""The store benchmark's workload (``bench.store_bench``: skewed targets over a year, rounds,
takeovers with sellers, citations, evening stories in several zones) stored for real:

- every deal holds what its own mentions give (fields, key, mention count, parties), also a
  deal that lost reports to another when a later report regrouped its target;
- storing the same articles again, as ``newsmon reenrich`` does, gives the same deals under
  the same keys;
- SQLite and Postgres store the same deals, keys, parties, organizations and events.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bench.store_bench import store, workload
from storage.db import open_database, session_factory, transaction
from storage.dealfields import deal_key, deal_party_roles, summarize
from storage.deals import clear_article_mentions, prune_deals, store_analysis
from storage.grouping import reports_of as _reports_of
from storage.models import Article, Deal, DealParty, Organization
from tests.conftest import POSTGRES_URL, _postgres_database

ARTICLES = 300


@pytest.fixture(scope="module")
def stored_sqlite(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('workload') / 'store.db'}"
    return url, store(url, ARTICLES)


def _stale(session) -> list[tuple[int, str]]:
    """(deal id, what differs) for every deal whose row is not what its mentions give."""
    out = []
    for deal in session.scalars(select(Deal).order_by(Deal.id)):
        reports = _reports_of(session, deal.id)
        expected = dict(summarize(reports), deal_key=deal_key(reports))
        for name, value in expected.items():
            if getattr(deal, name) != value:
                out.append((deal.id, name))
        parties = set(session.execute(
            select(Organization.name, DealParty.role).join(DealParty)
            .where(DealParty.deal_id == deal.id)).all())
        if parties != set(deal_party_roles(reports)):
            out.append((deal.id, "parties"))
    return out


def test_every_deal_holds_what_its_mentions_give(stored_sqlite):
    url, result = stored_sqlite
    assert result["deals"] > 100
    engine = open_database(url)
    try:
        with transaction(session_factory(engine)) as session:
            assert _stale(session) == []
    finally:
        engine.dispose()


def _by_key(session) -> dict[str, tuple]:
    """Every deal by its key: its other columns, its reports and its parties."""
    skip = {"id", "updated_at"}
    out = {}
    for deal in session.scalars(select(Deal)):
        reports = frozenset((r.canonical_url, r.mention_index)
                            for r in _reports_of(session, deal.id))
        parties = frozenset(session.execute(
            select(Organization.name, DealParty.role).join(DealParty)
            .where(DealParty.deal_id == deal.id)).all())
        columns = {c.name: getattr(deal, c.key) for c in Deal.__table__.c if c.name not in skip}
        out[deal.deal_key] = (columns, reports, parties)
    return out


def test_storing_the_articles_again_keeps_keys_and_deals(stored_sqlite):
    url, _ = stored_sqlite
    engine = open_database(url)
    factory = session_factory(engine)
    try:
        with transaction(factory) as session:
            before = _by_key(session)
            ids = list(session.scalars(select(Article.id).order_by(Article.id)))
            touched = clear_article_mentions(session, ids)
            found = {}
            for article, analysis in workload(ARTICLES):
                row = session.scalars(select(Article).where(
                    Article.canonical_url == article.canonical_url)).one()
                found.update(dict.fromkeys(store_analysis(session, row.id, row, analysis,
                                                          events=False)))
            prune_deals(session, touched - set(found))
            assert _stale(session) == []
            assert _by_key(session) == before
    finally:
        engine.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="NEWSMON_TEST_POSTGRES_URL is not set")
def test_postgres_stores_what_sqlite_stores(stored_sqlite):
    _, result = stored_sqlite
    for url in _postgres_database():
        assert store(url, ARTICLES)["digest"] == result["digest"]
