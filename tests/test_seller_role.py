"""The seller of a deal end to end: a loopback site whose stories say who sold the target
(EN "bought Skyline from Borealis Group", FR "rachète Skyline à Borealis Group", FR "le groupe
Norvane a vendu Quillon au groupe Tessaro") is crawled by the real CLI into each backend; the
seller is stored on each mention, on the deal and as a ``seller`` party, shown by ``newsmon
deal``, the exports and ``organization_deals``, and survives re-enrichment. Migration 0009
adds the columns to a database at 0008 without losing a row."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import insert, inspect, select, text

from alembic import command
from enrich import analyze
from newsmon.reenrich import reenrich_articles
from storage.db import alembic_config, make_engine, open_database, session_factory, upgrade
from storage.dealfields import deal_party_roles, deal_seller
from storage.models import Article, Deal, DealParty, Organization, StoredMention
from tests.conftest import BACKENDS, _postgres_database, newsmon
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
        upgrade(db_url)
        command.check(alembic_config(db_url))
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
    finally:
        engine.dispose()
