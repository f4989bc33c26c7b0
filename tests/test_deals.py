"""Deals in the database: seed acceptance through a real crawl, merging, re-enrichment, SQL view."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from enrich.model import Analysis, DealMention
from pages.article import ExtractedArticle
from storage import repo
from storage.db import open_database, session_factory, transaction
from storage.deals import add_mention, store_analysis
from storage.models import Article, Deal, DealEvent, StoredMention
from tests.conftest import BACKENDS, REPO, _postgres_database, copy_database, newsmon

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
TRAPS = {870e6, 2e9, 14e9, 25e9, 65e9}


def snapshot(db_url):
    """Deals and mentions as comparable plain values (no ids)."""
    engine = open_database(db_url)
    try:
        with transaction(session_factory(engine)) as s:
            deals = {
                d.id: (d.buyers, d.target, d.deal_type, d.amount, d.currency, d.stake_percent,
                       d.status, d.mention_count, d.languages)
                for d in s.scalars(select(Deal))
            }
            mentions = sorted(
                [(deals[m.deal_id], a.canonical_url, m.amount, m.currency, m.stake_percent,
                  m.status, m.is_primary)
                 for m, a in s.execute(select(StoredMention, Article).join(
                     Article, Article.id == StoredMention.article_id))],
                key=repr,
            )
            return sorted(deals.values(), key=repr), mentions
    finally:
        engine.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def demo_template(request, demo_site, tmp_path_factory):
    """The demo feeds crawled once per backend for the module; tests get a copy each."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo-deals') / 'newsmon.db'}"
        newsmon("crawl", "--feed", demo_site.url("/feeds/rss.xml"),
                "--feed", demo_site.url("/feeds/atom.xml"), *FAST, db=url)
        yield url
        return
    for url in _postgres_database():
        newsmon("crawl", "--feed", demo_site.url("/feeds/rss.xml"),
                "--feed", demo_site.url("/feeds/atom.xml"), *FAST, db=url)
        yield url


@pytest.fixture
def demo_crawled(demo_template, tmp_path):
    """A private copy of the crawled demo database: a test may re-enrich or delete rows."""
    yield from copy_database(demo_template, tmp_path)


def test_seed_articles_make_one_meta_scale_deal_with_two_mentions(demo_crawled):
    deals, mentions = snapshot(demo_crawled)
    meta_scale = [d for d in deals if d[0] == "Meta" and d[1] == "Scale AI"]
    assert len(meta_scale) == 1
    buyers, target, deal_type, amount, currency, stake, status, count, langs = meta_scale[0]
    assert (deal_type, stake, status, count, langs) == ("investment", 49.0, "rumored", 2, "fr")
    assert (amount, currency) == (15e9, "USD")
    own = [m for m in mentions if m[0] == meta_scale[0]]
    assert sorted((m[2], m[5], m[6]) for m in own) == [(10e9, "rumored", True),
                                                       (15e9, "rumored", True)]
    assert not TRAPS & {m[2] for m in mentions if m[2] is not None and "/fr/2025/06/" in m[1]}
    context = {(m[0][0], m[0][1], m[2]) for m in mentions if not m[6]}
    assert {("Microsoft", "OpenAI", 13e9), ("Amazon", "Anthropic", 8e9),
            ("Google", "Anthropic", 3e9)} <= context


def test_reenrich_is_idempotent(demo_crawled, cli):
    before = snapshot(demo_crawled)
    out = cli("reenrich", db=demo_crawled).stdout
    assert "re-enriched 10 article(s)" in out
    cli("reenrich", "--since", "3650d", db=demo_crawled)
    assert snapshot(demo_crawled) == before


def test_reenrich_rebuilds_deleted_deals_without_new_alerts(demo_crawled, cli):
    engine = open_database(demo_crawled)
    try:
        with transaction(session_factory(engine)) as s:
            events = s.scalar(select(func.count()).select_from(DealEvent))
            s.execute(StoredMention.__table__.delete())
            s.execute(Deal.__table__.delete().where(Deal.id.not_in(select(DealEvent.deal_id))))
        cli("reenrich", db=demo_crawled)
        with transaction(session_factory(engine)) as s:
            assert s.scalar(select(func.count()).select_from(StoredMention)) > 0
            assert s.scalar(select(func.count()).select_from(DealEvent)) == events
    finally:
        engine.dispose()


def test_deals_and_deal_commands(demo_crawled, cli):
    rows = json.loads(cli("deals", "--company", "scale", "--format", "json",
                                  db=demo_crawled).stdout)
    assert [(r["buyers"], r["target"]) for r in rows] == [(["Meta"], "Scale AI")]
    big = json.loads(cli("deals", "--min-usd", "1e10", "--format", "json",
                                 db=demo_crawled).stdout)
    assert big and all(r["amount_usd"] >= 1e10 for r in big)
    rumored = json.loads(cli("deals", "--status", "rumored", "--type", "investment",
                                     "--format", "json", db=demo_crawled).stdout)
    assert rumored and {r["status"] for r in rumored} == {"rumored"}
    shown = cli("deal", str(rows[0]["id"]), db=demo_crawled).stdout
    assert "Meta -> Scale AI" in shown and shown.count("evidence:") == 2
    assert "49 %" in shown or "49%" in shown
    assert cli("deal", rows[0]["deal_key"], db=demo_crawled).stdout == shown
    table = list(csv.DictReader(io.StringIO(cli(
        "deals", "--company", "anthropic", "--format", "csv", db=demo_crawled).stdout)))
    assert {"Amazon", "Google"} <= {r["buyers"] for r in table}
    assert all("[" not in r["buyers"] and "[" not in r["investors"] for r in table)


def readme_queries() -> list[str]:
    """The statements of the SQL block in the README's "Querying with SQL" section."""
    section = (REPO / "README.md").read_text().split("## Querying with SQL", 1)[1]
    block = section.split("```sql", 1)[1].split("```", 1)[0]
    lines = [line for line in block.splitlines() if not line.strip().startswith("--")]
    return [q.strip() for q in "\n".join(lines).split(";") if q.strip()]


def test_every_readme_query_returns_rows_on_the_demo(demo_crawled):
    queries = readme_queries()
    assert len(queries) >= 6
    engine = open_database(demo_crawled)
    try:
        with engine.connect() as conn:
            for query in queries:
                assert conn.execute(text(query)).all(), f"no rows: {query}"
            anthropic = conn.execute(text(
                "SELECT buyers FROM deal_summary WHERE target = 'Anthropic'")).scalars().all()
    finally:
        engine.dispose()
    assert {"Amazon", "Google"} <= set(anthropic)


def _article(session, url, published, language="en"):
    article_id, _ = repo.store_article(session, ExtractedArticle(
        url=url, canonical_url=url, title="t", authors=None, published_at=published,
        fetched_at=published, language=language, text="x", summary=None, site_name=None,
        word_count=1, content_hash=None, extraction_method="trafilatura"))
    return article_id


def _mention(status, amount=None, buyers=("Microsoft",), target="Inflection AI", **extra):
    values = dict(buyers=tuple(buyers), target=target, deal_type="acquisition", amount=amount,
                  currency="USD" if amount else None, amount_usd=amount, stake_percent=None,
                  valuation=None, valuation_currency=None, status=status, is_primary=True,
                  evidence="e", confidence=0.9, rule="test")
    return DealMention(**dict(values, **extra))


def test_mentions_merge_status_progresses_and_events_fire(factory):
    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    with transaction(factory) as s:
        a1 = _article(s, "http://n/1", t0, "en")
        a2 = _article(s, "http://n/2", t0 + timedelta(days=3), "fr")
        a3 = _article(s, "http://n/3", t0 + timedelta(days=20), "de")
        a4 = _article(s, "http://n/4", t0 + timedelta(days=400), "en")
    with transaction(factory) as s:
        d1 = add_mention(s, a1, 0, _mention("rumored", 600e6), t0)
        d2 = add_mention(s, a2, 0, _mention("announced", 650e6, buyers=("Microsoft Corp",)),
                         t0 + timedelta(days=3))
        d3 = add_mention(s, a3, 0, _mention("rumored"), t0 + timedelta(days=20))
        d4 = add_mention(s, a4, 0, _mention("announced", 1e9), t0 + timedelta(days=400))
    assert d1 == d2 == d3 != d4
    with transaction(factory) as s:
        deal = s.get(Deal, d1)
        assert (deal.status, deal.amount, deal.mention_count) == ("announced", 650e6, 3)
        assert deal.languages == "de,en,fr"
        assert deal.first_seen_at == t0 and deal.last_seen_at == t0 + timedelta(days=20)
        kinds = [(e.deal_id, e.kind, e.old_status, e.new_status)
                 for e in s.scalars(select(DealEvent).order_by(DealEvent.id))]
    assert kinds == [(d1, "new", None, "rumored"), (d1, "status", "rumored", "announced"),
                     (d4, "new", None, "announced")]


def test_terminated_wins_and_other_types_stay_apart(factory):
    t0 = datetime(2026, 5, 1, tzinfo=UTC)
    with transaction(factory) as s:
        ids = [_article(s, f"http://m/{i}", t0 + timedelta(days=i)) for i in range(3)]
    with transaction(factory) as s:
        a = add_mention(s, ids[0], 0, _mention("announced", 2e9), t0)
        partnership = _mention("announced", deal_type="partnership")
        b = add_mention(s, ids[1], 0, partnership, t0 + timedelta(days=1))
        c = add_mention(s, ids[2], 0, _mention("terminated"), t0 + timedelta(days=2))
    assert a == c != b
    with transaction(factory) as s:
        assert s.get(Deal, a).status == "terminated"


def test_store_analysis_records_tags_on_the_article(factory):
    t0 = datetime(2026, 5, 1, tzinfo=UTC)
    with transaction(factory) as s:
        aid = _article(s, "http://m/tags", t0)
        store_analysis(s, aid, {"published_at": t0},
                       Analysis(language="en", ai_related=True, deal_story=True,
                                tags=("acquisition",), deals=(_mention("completed", 5e8),)))
    with transaction(factory) as s:
        article = s.get(Article, aid)
        assert (article.ai_related, article.deal_story, article.tags) == (True, True,
                                                                         "acquisition")
        assert s.scalar(select(func.count()).select_from(StoredMention)) == 1


def test_deals_cited_in_passing_raise_no_alert_until_a_story_is_about_them(factory):
    t0 = datetime(2026, 6, 1, tzinfo=UTC)
    with transaction(factory) as s:
        a1 = _article(s, "http://p/1", t0)
        a2 = _article(s, "http://p/2", t0 + timedelta(days=2))
        a3 = _article(s, "http://p/3", t0 + timedelta(days=4))
    with transaction(factory) as s:
        d1 = add_mention(s, a1, 0, _mention("completed", 13e9, target="OpenAI",
                                                 is_primary=False), t0)
        assert s.scalar(select(func.count()).select_from(DealEvent)) == 0
        d2 = add_mention(s, a2, 0, _mention("rumored", target="Inflection AI"),
                         t0 + timedelta(days=2))
        d3 = add_mention(s, a3, 0, _mention("completed", target="Inflection AI",
                                                 is_primary=False), t0 + timedelta(days=4))
        events = [(e.deal_id, e.kind, e.new_status)
                  for e in s.scalars(select(DealEvent).order_by(DealEvent.id))]
    assert d2 == d3 != d1
    assert events == [(d2, "new", "rumored"), (d2, "status", "completed")]
