"""The seller of a deal end to end: a loopback site whose stories say who sold the target
(EN "bought Skyline from Borealis Group", FR "rachète Skyline à Borealis Group", FR "le groupe
Norvane a vendu Quillon au groupe Tessaro") is crawled by the real CLI into each backend; the
seller is stored on each mention, on the deal and as a ``seller`` party, shown by ``newsmon
deal``/``deals``, the exports, the Atom feed, the views and ``newsmon serve``, and survives
re-enrichment. Migration 0009 adds the columns to a database at 0008 without losing a row;
0010 adds the seller to ``deal_summary`` and ``deal_parties_view`` on both backends."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.engine import make_url

from alembic import command
from enrich import analyze
from newsmon.reenrich import reenrich_articles
from storage.db import alembic_config, make_engine, open_database, session_factory, upgrade
from storage.dealfields import deal_party_roles, deal_seller
from storage.models import Article, Deal, DealParty, Organization, StoredMention
from tests.conftest import BACKENDS, POSTGRES_URL, _postgres_database, newsmon
from tests.fixtures_site import SiteServer
from tests.test_deal_database import FAST, render_site

STORIES = [
    {"slug": "skyline-en", "published": "2026-11-10T08:00:00+00:00", "language": "en",
     "title": "Acme Robotics buys drone maker Skyline from Borealis Group",
     "text": "Acme Robotics has bought the drone unit Skyline from Borealis Group for $40 "
             "million. The deal closed on Monday"},
    {"slug": "skyline-fr", "published": "2026-11-11T08:00:00+00:00", "language": "fr",
     "title": "Acme Robotics rachète Skyline",
     "text": "Acme Robotics rachète la société de drones Skyline à Borealis Group pour 40 "
             "millions de dollars. La transaction est finalisée"},
    {"slug": "quillon-fr", "published": "2026-11-12T08:00:00+00:00", "language": "fr",
     "title": "Tessaro rachète Quillon",
     "text": "Le groupe Norvane a vendu sa filiale Quillon au groupe Tessaro pour 25 millions "
             "d'euros. La vente est bouclée"},
    # no seller named: the deal has none
    {"slug": "pemberly-en", "published": "2026-11-13T08:00:00+00:00", "language": "en",
     "title": "Harlow buys Pemberly",
     "text": "Harlow Systems has acquired the analytics start-up Pemberly for $15 million. "
             "The deal closed on Friday"},
]


def test_the_stories_name_their_sellers():
    """The enrichment reads the sellers these tests rely on (and none for Pemberly)."""
    found = {}
    for s in STORIES:
        deals = analyze(title=s["title"], text=s["text"], language=s["language"]).deals
        found.update({d.target: d.seller for d in deals})
    assert found == {"Skyline": "Borealis Group", "Quillon": "Norvane", "Pemberly": None}


@pytest.fixture(scope="module")
def seller_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("seller-site")
    render_site(root, STORIES)
    with SiteServer(root) as site:
        yield site


@pytest.fixture(scope="module", params=BACKENDS)
def crawled(request, seller_site, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('seller-db') / 'newsmon.db'}"
        newsmon("crawl", "--feed", seller_site.url("/feeds/rss.xml"), *FAST, db=url)
        yield url
        return
    for url in _postgres_database():
        newsmon("crawl", "--feed", seller_site.url("/feeds/rss.xml"), *FAST, db=url)
        yield url


def _query(db_url: str, sql: str) -> list[tuple]:
    engine = open_database(db_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def _sellers(db_url: str) -> dict:
    """target -> (deals.seller, seller parties, the sellers its mentions name)."""
    deals = _query(db_url, "SELECT id, target, seller FROM deals")
    parties = _query(db_url, "SELECT deal_id, organization FROM deal_parties_view "
                             "WHERE role = 'seller'")
    mentions = _query(db_url, "SELECT deal_id, seller FROM deal_mentions")
    return {
        target: (seller, sorted(o for d, o in parties if d == deal_id),
                 sorted(str(s) for d, s in mentions if d == deal_id))
        for deal_id, target, seller in deals
    }


def test_the_crawl_stores_the_seller_on_mentions_deals_and_parties(crawled):
    sellers = _sellers(crawled)
    # "Borealis Group" and "Borealis" are one organization (the gazetteer drops "Group")
    assert sellers["Skyline"] == ("Borealis", ["Borealis"], ["Borealis Group", "Borealis Group"])
    assert sellers["Quillon"] == ("Norvane", ["Norvane"], ["Norvane"])
    assert sellers["Pemberly"] == (None, [], ["None"])
    roles = _query(crawled, "SELECT organization, role, seller FROM organization_deals "
                            "WHERE target = 'Skyline' ORDER BY role")
    assert roles == [("Acme Robotics", "acquirer", "Borealis"), ("Borealis", "seller", "Borealis"),
                     ("Skyline", "target", "Borealis")]
    kinds = _query(crawled, "SELECT name, kind, mention_count FROM organizations "
                            "WHERE name IN ('Borealis', 'Norvane') ORDER BY name")
    assert kinds == [("Borealis", "company", 2), ("Norvane", "company", 1)]


def test_newsmon_deal_shows_the_seller(crawled):
    key = _query(crawled, "SELECT deal_key FROM deals WHERE target = 'Skyline'")[0][0]
    shown = json.loads(newsmon("deal", key, "--format", "json", db=crawled).stdout)
    assert shown["seller"] == "Borealis"
    assert {"organization": "Borealis", "kind": "company", "role": "seller"} in shown["parties"]
    assert [m["seller"] for m in shown["mentions"]] == ["Borealis Group", "Borealis Group"]
    table = newsmon("deal", key, db=crawled).stdout
    assert "Acme Robotics -> Skyline from Borealis (acquisition" in table
    assert "Borealis (seller)" in table


def test_the_deal_exports_carry_the_seller(crawled):
    rows = json.loads(newsmon("deals", "--format", "json", db=crawled).stdout)
    assert {r["target"]: r["seller"] for r in rows} == {
        "Skyline": "Borealis", "Quillon": "Norvane", "Pemberly": None}
    table = list(csv.DictReader(io.StringIO(
        newsmon("deals", "--format", "csv", db=crawled).stdout)))
    assert {r["target"]: r["seller"] for r in table} == {
        "Skyline": "Borealis", "Quillon": "Norvane", "Pemberly": ""}


def test_the_views_show_the_seller_next_to_the_target(crawled):
    summary = _query(crawled, "SELECT target, seller FROM deal_summary")
    assert dict(summary) == {"Skyline": "Borealis", "Quillon": "Norvane", "Pemberly": None}
    parties = _query(crawled, "SELECT organization, role, target, seller FROM deal_parties_view "
                              "WHERE target = 'Quillon' ORDER BY role")
    assert parties == [("Tessaro", "acquirer", "Quillon", "Norvane"),
                       ("Norvane", "seller", "Quillon", "Norvane"),
                       ("Quillon", "target", "Quillon", "Norvane")]


def test_the_deals_table_feed_and_article_page_show_the_seller(crawled):
    table = newsmon("deals", db=crawled, env={"COLUMNS": "200"}).stdout
    header = next(line for line in table.splitlines() if "target" in line)
    assert "seller" in header and "Borealis" in table and "Norvane" in table
    feed = feedparser.parse(newsmon("deals", "--format", "atom", db=crawled).stdout)
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    assert "New deal: Acme Robotics → Skyline from Borealis (acquisition, 40M USD; completed)" \
        in titles
    assert any(t.startswith("New deal: Harlow Systems → Pemberly (") for t in titles)
    article = _query(crawled, "SELECT article_id FROM deal_mentions m JOIN deals d "
                              "ON d.id = m.deal_id WHERE d.target = 'Quillon'")[0][0]
    shown = newsmon("article", str(article), db=crawled, env={"COLUMNS": "200"}).stdout
    assert "Tessaro -> Quillon from Norvane" in shown


def test_newsmon_serve_shows_and_facets_the_seller(crawled, tmp_path):
    from tests.serve.conftest import fetch, serving

    path = Path(make_url(crawled).database or "")
    if not crawled.startswith("sqlite"):  # Datasette reads SQLite: serve the exported copy
        path = tmp_path / "copy.db"
        newsmon("export", "sqlite", str(path), db=crawled)
    with serving(path) as site:
        status, home = fetch(site)
        assert status == 200 and '<td class="seller">Borealis</td>' in home
        status, body = fetch(site + "newsmon/deals.json?" + urllib.parse.urlencode(
            {"_shape": "objects", "_facet": "seller"}))
        assert status == 200
        facet = json.loads(body)["facet_results"]
        results = facet.get("results", facet)["seller"]["results"]
        assert {r["value"]: r["count"] for r in results} == {"Borealis": 1, "Norvane": 1}
        status, body = fetch(site + "newsmon/biggest_ai_deals.json?_shape=array&since=")
        assert status == 200
        status, atom = fetch(site + "-/deals.atom")
        assert status == 200 and "Acme Robotics → Skyline from Borealis" in atom


def test_reenrich_keeps_the_seller(crawled):
    before = _sellers(crawled)
    engine = open_database(crawled)
    try:
        with engine.begin() as conn:  # as if stored before sellers were kept
            conn.execute(text("UPDATE deal_mentions SET seller = NULL"))
            conn.execute(text("UPDATE deals SET seller = NULL"))
            conn.execute(text("DELETE FROM deal_parties WHERE role = 'seller'"))
        assert all(v[0] is None for v in _sellers(crawled).values())
        assert reenrich_articles(session_factory(engine)).articles == len(STORIES)
    finally:
        engine.dispose()
    assert _sellers(crawled) == before


def _report(seller: str | None, day: int, url: str, primary: bool = True):
    return SimpleNamespace(
        buyers="Acme Robotics", target="Skyline", deal_type="acquisition", amount_usd=None,
        amount=None, currency=None, round_stage=None, seen_at=datetime(2026, 11, day, tzinfo=UTC),
        cited_on=None, is_primary=primary, canonical_url=url, mention_index=0, seller=seller,
        lead_investors=None)


def test_a_deals_seller_is_the_one_most_reports_name_ties_to_the_earliest():
    majority = [_report("Orbitek", 3, "u3"), _report("Borealis Group", 1, "u1"),
                _report("Orbitek", 2, "u2"), _report(None, 4, "u4")]
    assert deal_seller(majority) == "Orbitek"
    tie = [_report("Orbitek", 2, "u2"), _report("Borealis Group", 1, "u1")]
    assert deal_seller(tie) == "Borealis"
    assert deal_seller(list(reversed(tie))) == "Borealis"
    # a passing reference does not outvote the reports about the deal
    passing = [_report("Borealis Group", 1, "u1"), _report("Orbitek", 2, "u2", False),
               _report("Orbitek", 3, "u3", False)]
    assert deal_seller(passing) == "Borealis"
    # one seller party per deal; a "seller" that is the buyer or the target is none
    assert [p for p in deal_party_roles(majority) if p[1] == "seller"] == [
        ("Orbitek", "seller")]
    assert deal_seller([_report("Acme Robotics", 1, "u1"), _report("Skyline", 2, "u2")]) is None


def test_migration_0009_keeps_rows_and_adds_the_seller(db_url):
    upgrade(db_url, "0008")
    now = datetime(2026, 11, 10, 8, tzinfo=UTC)
    engine = make_engine(db_url)
    tables = (Article, Deal, StoredMention, Organization, DealParty)
    old = {m: [c for c in m.__table__.c if c.name != "seller"] for m in tables}
    try:
        with engine.begin() as conn:
            conn.execute(insert(Article.__table__).values(
                id=1, url="http://s/1", canonical_url="http://s/1", published_at=now,
                fetched_at=now, word_count=1, extraction_method="trafilatura"))
            conn.execute(insert(Deal.__table__).values(
                id=7, deal_key="skyline-control-20261110-00000000", parties_key="k",
                buyers="Acme Robotics", target="Skyline", deal_type="acquisition",
                status="completed", ai_related=True, is_context_only=False, first_seen_at=now,
                last_seen_at=now, mention_count=1, updated_at=now))
            conn.execute(insert(StoredMention.__table__).values(
                id=3, deal_id=7, article_id=1, mention_index=0, buyers="Acme Robotics",
                target="Skyline", deal_type="acquisition", status="completed", is_primary=True,
                confidence=0.9, evidence="Acme Robotics has bought Skyline.", seen_at=now))
            conn.execute(insert(Organization.__table__).values(
                id=5, name="Acme Robotics", key="acme robotics", kind="company",
                first_seen_at=now, mention_count=1))
            conn.execute(insert(DealParty.__table__).values(
                deal_id=7, organization_id=5, role="acquirer"))
            kept = {m: conn.execute(select(*old[m])).all() for m in tables}
        upgrade(db_url, "0010")  # 0011 recomputes organization keys: its own test
        with engine.connect() as conn:
            assert {m: conn.execute(select(*old[m])).all() for m in tables} == kept
            assert conn.execute(select(Deal.seller)).all() == [(None,)]
            assert conn.execute(select(StoredMention.seller)).all() == [(None,)]
            assert conn.execute(text("SELECT organization, role, seller FROM organization_deals")
                                ).all() == [("Acme Robotics", "acquirer", None)]
        command.downgrade(alembic_config(db_url), "0008")
        assert "seller" not in {c["name"] for c in inspect(engine).get_columns("deals")}
        with engine.connect() as conn:
            assert {m: conn.execute(select(*old[m])).all() for m in tables} == kept
            assert conn.execute(text("SELECT organization, role FROM organization_deals")
                                ).all() == [("Acme Robotics", "acquirer")]
        upgrade(db_url)
        command.check(alembic_config(db_url))
    finally:
        engine.dispose()


VIEWS = ("deal_summary", "deal_parties_view", "organization_deals", "investor_activity",
         "funding_by_month")


def _view_columns(url: str) -> dict[str, list[str]]:
    engine = make_engine(url)
    try:
        inspector = inspect(engine)
        return {v: [c["name"] for c in inspector.get_columns(v)] for v in VIEWS}
    finally:
        engine.dispose()


def test_migration_0010_puts_the_seller_in_the_views_and_takes_it_out_again(db_url):
    upgrade(db_url, "0009")
    now = datetime(2026, 11, 10, 8, tzinfo=UTC)
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(insert(Deal.__table__).values(
                id=7, deal_key="skyline-control-20261110-00000000", parties_key="k",
                buyers="Acme Robotics", target="Skyline", deal_type="acquisition",
                status="completed", ai_related=True, is_context_only=False, first_seen_at=now,
                last_seen_at=now, mention_count=1, updated_at=now, seller="Borealis"))
            conn.execute(insert(Organization.__table__).values(
                id=5, name="Borealis", key="borealis", kind="company", first_seen_at=now,
                mention_count=1))
            conn.execute(insert(DealParty.__table__).values(
                deal_id=7, organization_id=5, role="seller"))
        before = _view_columns(db_url)
        upgrade(db_url)
        command.check(alembic_config(db_url))
        after = _view_columns(db_url)
        assert "seller" not in before["deal_summary"] + before["deal_parties_view"]
        assert after["deal_summary"] == [*before["deal_summary"][:14], "seller",
                                         *before["deal_summary"][14:]]
        at = before["deal_parties_view"].index("target") + 1
        assert after["deal_parties_view"] == [*before["deal_parties_view"][:at], "seller",
                                              *before["deal_parties_view"][at:]]
        with engine.connect() as conn:
            assert conn.execute(text("SELECT target, seller FROM deal_summary")).all() == [
                ("Skyline", "Borealis")]
            assert conn.execute(text("SELECT organization, role, seller FROM deal_parties_view")
                                ).all() == [("Borealis", "seller", "Borealis")]
        assert "ix_deals_seller" in {i["name"] for i in inspect(engine).get_indexes("deals")}
        command.downgrade(alembic_config(db_url), "0009")
        assert _view_columns(db_url) == before
        assert "ix_deals_seller" not in {i["name"] for i in inspect(engine).get_indexes("deals")}
        with engine.connect() as conn:
            assert conn.execute(text("SELECT target, seller FROM deals")).all() == [
                ("Skyline", "Borealis")]
    finally:
        engine.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="NEWSMON_TEST_POSTGRES_URL is not set")
def test_the_views_have_the_same_columns_on_sqlite_and_postgres(tmp_path):
    sqlite_url = f"sqlite:///{tmp_path / 'head.db'}"
    upgrade(sqlite_url)
    for postgres_url in _postgres_database():
        upgrade(postgres_url)
        assert _view_columns(postgres_url) == _view_columns(sqlite_url)
