"""The deal database end to end: a loopback site where each transaction is reported by 2-4
articles in different languages, figures and investor subsets, crawled by the real CLI into
each backend; then re-enriched twice."""

from __future__ import annotations

import html
import json
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from crawler.known import Growing
from enrich import KnownOrganization, analyze
from enrich.samedeal import org_key
from newsmon.reenrich import reenrich_articles
from storage.db import open_database, session_factory, transaction
from storage.deals import query_deals
from storage.models import Deal
from tests.conftest import BACKENDS, REPO, _postgres_database, newsmon
from tests.fixtures_site import SiteServer

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0",
        "-s", "EXTRACT_WORKERS=0"]
STORIES = json.loads((REPO / "tests" / "sample_data" / "deals" / "stories.json").read_text())
#: "Today" for the last-30-days questions (the stories are from November 2026).
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{{{{BASE_URL}}}}/news/{slug}.html"></head>
<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"""
ITEM = """<item><title>{title}</title><link>{{{{BASE_URL}}}}/news/{slug}.html</link>
<guid>{{{{BASE_URL}}}}/news/{slug}.html</guid><pubDate>{date}</pubDate></item>"""


def render_site(root: Path, stories: list[dict], feed: str = "rss.xml") -> None:
    """One page per story and an RSS feed listing them all."""
    (root / "news").mkdir(parents=True, exist_ok=True)
    (root / "feeds").mkdir(exist_ok=True)
    items = []
    for s in stories:
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in s["text"].split(". "))
        (root / "news" / f"{s['slug']}.html").write_text(PAGE.format(
            lang=s["language"], title=html.escape(s["title"]), published=s["published"],
            slug=s["slug"], paragraphs=paragraphs), encoding="utf-8")
        when = format_datetime(datetime.fromisoformat(s["published"]))
        items.append(ITEM.format(title=html.escape(s["title"]), slug=s["slug"], date=when))
    (root / "feeds" / feed).write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Deals</title>'
        "<link>{{BASE_URL}}/</link><description>d</description>" + "".join(items)
        + "</channel></rss>", encoding="utf-8")


@pytest.fixture(scope="module")
def deal_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("deal-site")
    render_site(root, STORIES["stories"])
    with SiteServer(root) as site:
        yield site


@pytest.fixture(scope="module", params=BACKENDS)
def crawled(request, deal_site, tmp_path_factory):
    """One crawl per backend for the whole module (the tests read it; re-enrichment, last,
    checks it leaves every row as it was)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('deal-db') / 'newsmon.db'}"
        newsmon("crawl", "--feed", deal_site.url("/feeds/rss.xml"), *FAST, db=url)
        yield url
        return
    for url in _postgres_database():
        newsmon("crawl", "--feed", deal_site.url("/feeds/rss.xml"), *FAST, db=url)
        yield url


def _day(slug: str) -> date:
    story = next(s for s in STORIES["stories"] if s["slug"] == slug)
    return date.fromisoformat(story["published"][:10])


def _parties(conn, deal_id: int) -> set[tuple[str, str]]:
    return set(conn.execute(text(
        "SELECT organization, role FROM deal_parties_view WHERE deal_id = :d"), {"d": deal_id}))


def snapshot(db_url: str):
    """Deals with ids and keys, their parties, and which deal each mention is in."""
    engine = open_database(db_url)
    try:
        with engine.connect() as conn:
            deals = conn.execute(text(
                "SELECT deal_id, deal_key, buyers, target, deal_type, round_stage, amount, "
                "status, lead_investors, investors, announced_on, is_context_only, "
                "mention_count FROM deal_summary ORDER BY deal_id")).all()
            parties = conn.execute(text(
                "SELECT deal_id, organization, role FROM deal_parties_view "
                "ORDER BY deal_id, organization, role")).all()
            mentions = conn.execute(text(
                "SELECT a.canonical_url, m.mention_index, m.deal_id FROM deal_mentions m "
                "JOIN articles a ON a.id = m.article_id ORDER BY 1, 2")).all()
            orgs = conn.execute(text(
                "SELECT name, kind, mention_count FROM organizations ORDER BY key")).all()
        return [tuple(r) for r in deals], parties, mentions, orgs
    finally:
        engine.dispose()


def test_each_transaction_is_one_deal_with_its_parties_and_date(crawled):
    engine = open_database(crawled)
    try:
        with engine.connect() as conn:
            for name, tx in STORIES["transactions"].items():
                rows = conn.execute(text(
                    "SELECT id, announced_on, mention_count, is_context_only FROM deals "
                    "WHERE target_key = :k"), {"k": org_key(tx["target"])}).all()
                assert len(rows) == 1, (name, rows)
                deal = rows[0]
                assert deal.mention_count == len(tx["reports"]), name
                assert str(deal.announced_on) == str(min(_day(s) for s in tx["reports"]))
                assert not deal.is_context_only
                parties = _parties(conn, deal.id)
                assert (tx["target"], "target") in parties
                assert {(n, "lead_investor") for n in tx.get("lead", [])} <= parties, parties
                assert {(n, "investor") for n in tx.get("investors", [])} <= parties, parties
                if "acquirer" in tx:
                    assert (tx["acquirer"], "acquirer") in parties
            stage = conn.execute(text(
                "SELECT round_stage, lead_investors FROM deal_summary WHERE target = 'Helsing'"
            )).one()
            assert tuple(stage) == ("series_d", "Prima Materia")
    finally:
        engine.dispose()


def test_citations_of_old_deals_are_not_deals_of_the_last_30_days(crawled):
    engine = open_database(crawled)
    try:
        with transaction(session_factory(engine)) as s:
            recent = {d.target for d in query_deals(s, since=NOW - timedelta(days=30))}
            cited = {d.target: (d.is_context_only, d.announced_on, d.first_seen_at.date())
                     for d in s.scalars(select(Deal).where(Deal.target.in_(
                         ["OpenAI", "Anthropic"])))}
    finally:
        engine.dispose()
    assert {"Helsing", "Run:ai", "Poolside", "Perplexity", "Cohere"} <= recent
    assert not {"OpenAI", "Anthropic"} & recent
    assert cited["OpenAI"] == (True, date(2023, 1, 1), date(2026, 11, 20))
    assert cited["Anthropic"][:2] == (True, date(2025, 1, 1))


def test_reenrich_twice_keeps_ids_keys_and_rows(crawled):
    before = snapshot(crawled)
    assert len(before[0]) >= 7
    engine = open_database(crawled)
    try:
        factory = session_factory(engine)
        assert reenrich_articles(factory).articles == len(STORIES["stories"])
        first = snapshot(crawled)
        reenrich_articles(factory)
    finally:
        engine.dispose()
    assert first == before
    assert snapshot(crawled) == first


HARBOR = [
    {"slug": "harbor-seed", "published": "2026-10-01T08:00:00+00:00", "language": "en",
     "title": "Harbor raises $12 million in seed funding",
     "text": "The Boston start-up Harbor has raised $12 million in a seed round led by Sequoia "
             "Capital. It builds scheduling models for small businesses."},
    {"slug": "harbor-meta", "published": "2026-10-20T08:00:00+00:00", "language": "en",
     "title": "Meta signs licensing deal with Harbor",
     "text": "Meta will license the scheduling models for its business messaging tools. "
             "Terms were not disclosed."},
]


def test_a_company_found_in_one_crawl_is_known_in_the_next(tmp_path, site_factory, sqlite_url):
    second = HARBOR[1]
    alone = analyze(second["title"], second["text"], "en")
    assert all(d.target != "Harbor" for d in alone.deals)  # no cue: an ordinary word
    render_site(tmp_path / "site", HARBOR[:1], "one.xml")
    render_site(tmp_path / "site", HARBOR[1:], "two.xml")
    site = site_factory(tmp_path / "site")
    newsmon("crawl", "--feed", site.url("/feeds/one.xml"), *FAST, db=sqlite_url)
    newsmon("crawl", "--feed", site.url("/feeds/two.xml"), *FAST, db=sqlite_url)
    engine = open_database(sqlite_url)
    try:
        with engine.connect() as conn:
            deals = conn.execute(text(
                "SELECT buyers, deal_type, announced_on FROM deal_summary "
                "WHERE target = 'Harbor' ORDER BY announced_on")).all()
            harbor = conn.execute(text(
                "SELECT kind, mention_count FROM organizations WHERE name = 'Harbor'")).one()
    finally:
        engine.dispose()
    assert [(d.buyers, d.deal_type) for d in deals] == [("Sequoia Capital", "funding_round"),
                                                       ("Meta", "licensing")]
    assert tuple(harbor) == ("company", 2)


def test_a_crawl_learns_the_parties_of_each_page_it_analyses():
    base = (KnownOrganization("Harbor"),)
    known = Growing(base)
    known.learn(analyze("Loop3 raises $4 million seed round led by Kima Ventures",
                        "The Lyon start-up Loop3 has raised $4 million in a seed round led by "
                        "Kima Ventures.", "en"))
    assert [(o.name, o.kind) for o in known.found] == [("Loop3", "company"),
                                                       ("Kima Ventures", "investor")]
    assert known.everything == base + known.found
    known.learn(None)
    assert len(known.found) == 2
