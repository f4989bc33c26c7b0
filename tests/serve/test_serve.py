"""The real ``newsmon serve`` over HTTP: read-only, SQL guard, Atom feed, Postgres message."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import urllib.parse

import feedparser
import pytest
from click.testing import CliRunner

from newsmon.cli import main
from newsmon.datasette import chart_queries
from newsmon.serve import load_metadata
from tests.conftest import POSTGRES_URL, _postgres_database, newsmon
from tests.serve.conftest import expected_feed, fetch, query, serving

SELECT_ONE = "/newsmon.json?" + urllib.parse.urlencode({"sql": "select 1 as one"})
WHERE = "/newsmon/deals.json?" + urllib.parse.urlencode({"_where": "1=1"})


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def site(demo_db):
    """One server on the session's demo database for the read-only checks."""
    before = _digest(demo_db)
    with serving(demo_db) as url:
        yield url
    assert _digest(demo_db) == before, "serving changed the database file"


def test_serves_deals_read_only(site, demo_db):
    assert site.startswith("http://127.0.0.1:")
    status, home = fetch(site)
    assert status == 200
    assert 'type="application/atom+xml"' in home and "/-/deals.atom" in home
    for (target,) in query(demo_db, "SELECT target FROM deals"):
        assert f"<td>{target}</td>" in home
    status, body = fetch(site + "newsmon/deals.json?_shape=array&_size=max")
    assert status == 200 and len(json.loads(body)) == query(
        demo_db, "SELECT COUNT(*) FROM deals")[0][0]
    assert fetch(site + "newsmon/webhooks")[0] == 403
    assert fetch(site + "newsmon/event_deliveries.json")[0] == 403
    status, body = fetch(site.rstrip("/") + "/newsmon.json?" + urllib.parse.urlencode(
        {"sql": "delete from deals"}))
    assert status != 200 or json.loads(body).get("ok") is False
    assert query(demo_db, "SELECT COUNT(*) FROM deals")[0][0] > 0


def test_canned_query_with_a_parameter(site, demo_db):
    name = query(demo_db, "SELECT target FROM deals WHERE amount_usd IS NOT NULL "
                          "ORDER BY amount_usd DESC LIMIT 1")[0][0]
    status, body = fetch(site + "newsmon/company.json?_shape=array&name=" + name.lower())
    assert status == 200
    assert name in {r["target"] for r in json.loads(body)}
    status, body = fetch(site + "newsmon/company.json?_shape=array&name=")
    assert status == 200 and json.loads(body) == []


@pytest.mark.parametrize("flags, sql_allowed", [((), False), (("--allow-sql",), True)])
def test_non_loopback_refuses_arbitrary_sql_unless_allowed(demo_copy, flags, sql_allowed):
    with serving(demo_copy, "--host", "0.0.0.0", *flags) as url:
        base = url.rstrip("/")
        status, body = fetch(base + SELECT_ONE)
        assert (status == 200) is sql_allowed, body
        assert (fetch(base + WHERE)[0] == 200) is sql_allowed
        if not sql_allowed:
            assert "--allow-sql" in body
        # the charts' own queries keep working either way
        for sql in chart_queries(load_metadata()):
            status, body = fetch(f"{base}/newsmon.json?" + urllib.parse.urlencode({"sql": sql}))
            assert status == 200, body
        assert fetch(base + "/newsmon/biggest_ai_deals.json?since=2000-01-01")[0] == 200


def test_loopback_allows_sql(site):
    status, body = fetch(site.rstrip("/") + SELECT_ONE)
    assert status == 200 and json.loads(body)["rows"] == [[1]]


def test_atom_feed_is_served_and_filtered(site, demo_db):
    events, amounts = expected_feed(demo_db, "d.amount_usd >= 1e9")
    assert events and amounts
    status, body = fetch(site + "-/deals.atom?min_usd=1e9")
    assert status == 200
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    ids = [e.id for e in parsed.entries]
    assert [i for i in ids if ":deal-event/" in i] == events
    assert {i for i in ids if "/amount/" in i} == amounts and len(ids) == len(events) + len(amounts)
    updated = [e.updated for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    again = feedparser.parse(fetch(site + "-/deals.atom?min_usd=1e9")[1])
    assert [e.id for e in again.entries] == [e.id for e in parsed.entries]
    assert fetch(site + "-/deals.atom?min_usd=lots")[0] == 400


def _cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_postgres_url_is_refused_with_the_way_out(tmp_path):
    result = _cli("serve", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/none")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Datasette reads SQLite only" in lines[0]
    assert "newsmon --db URL export sqlite PATH" in lines[0]
    missing = _cli("serve", "--db", str(tmp_path / "nothing.db"))
    assert missing.exit_code == 1 and "no database file" in missing.stderr
    from storage.db import upgrade

    old = tmp_path / "old.db"
    upgrade(f"sqlite:///{old}", "0004")
    stale = _cli("serve", "--db", str(old))
    assert stale.exit_code == 1 and "schema revision 0004" in stale.stderr
    assert "db upgrade" in stale.stderr


def test_export_sqlite_copies_a_consistent_read_only_database(demo_db, tmp_path):
    copy = tmp_path / "copy.db"
    out = newsmon("--db", f"sqlite:///{demo_db}", "export", "sqlite", str(copy)).stdout
    assert "wrote" in out and not copy.with_name("copy.db.partial").exists()
    assert not (copy.stat().st_mode & 0o222)
    for table in ("articles", "deals", "deal_mentions", "deal_events", "feeds", "article_feeds",
                  "organizations", "deal_parties"):
        assert query(copy, f"SELECT * FROM {table} ORDER BY 1") == query(
            demo_db, f"SELECT * FROM {table} ORDER BY 1"), table
    assert query(copy, "PRAGMA journal_mode") == [("delete",)]
    assert query(copy, "SELECT COUNT(*) FROM deal_summary") == query(
        demo_db, "SELECT COUNT(*) FROM deal_summary")
    again = _cli("--db", f"sqlite:///{demo_db}", "export", "sqlite", str(copy))
    assert again.exit_code == 1 and "--force" in again.stderr
    with serving(copy, "--immutable") as url:
        status, body = fetch(url + "newsmon/deals.json?_shape=array&_size=max")
        assert status == 200 and len(json.loads(body)) == len(query(copy, "SELECT id FROM deals"))


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="needs NEWSMON_TEST_POSTGRES_URL")
def test_export_sqlite_from_postgres_then_serve(tmp_path):
    from sqlalchemy import create_engine, text

    database = _postgres_database()
    url = next(database)
    try:
        newsmon("demo", "--db", url, timeout=120)
        url += "?options=-csearch_path%3Dnewsmon_demo"  # the demo's own schema on Postgres
        engine = create_engine(url)
        with engine.connect() as conn:
            deals = conn.execute(text("SELECT id, target, amount_usd FROM deals ORDER BY id")).all()
            articles = conn.execute(text("SELECT COUNT(*) FROM articles")).scalar()
        engine.dispose()
        copy = tmp_path / "from-postgres.db"
        newsmon("--db", url, "export", "sqlite", str(copy))
        assert query(copy, "SELECT id, target, amount_usd FROM deals ORDER BY id") == [
            tuple(r) for r in deals]
        assert query(copy, "SELECT COUNT(*) FROM articles")[0][0] == articles > 0
        with serving(copy, "--immutable") as site:
            status, body = fetch(site + "newsmon/deal_summary.json?_shape=array&_size=max")
            assert status == 200 and len(json.loads(body)) == len(deals)
    finally:
        database.close()


def test_reads_while_a_crawl_writes(demo_copy):
    """WAL: a write transaction held open does not block the server, which then sees the
    committed row (mode=ro, not immutable)."""
    writer = sqlite3.connect(demo_copy, isolation_level=None)
    assert writer.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    count = writer.execute("SELECT COUNT(*) FROM deals").fetchone()[0]
    with serving(demo_copy) as site:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO deals (deal_key, parties_key, buyers, target, deal_type, "
                       "status, ai_related, first_seen_at, last_seen_at, mention_count, "
                       "updated_at) SELECT 'written-while-served', parties_key, buyers, "
                       "'Written While Served', deal_type, status, ai_related, first_seen_at, "
                       "last_seen_at, mention_count, updated_at FROM deals LIMIT 1")
        status, body = fetch(site + "newsmon/deals.json?_shape=array&_size=max")
        assert status == 200 and len(json.loads(body)) == count
        writer.execute("COMMIT")
        status, body = fetch(site + "newsmon/deals.json?_shape=array&_size=max")
        assert "Written While Served" in {r["target"] for r in json.loads(body)}
    writer.close()
