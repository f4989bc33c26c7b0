"""Issue 14, in process (Click's CliRunner): feeds add/edit, where the database lives, dates,
tables at 80 columns, the everyday commands, and the current Scrapy middleware API."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.db import open_database, session_factory, transaction
from storage.models import Article, Deal, Feed
from tests.clitools import invoke
from tests.conftest import POSTGRES_URL, _postgres_database

NO_ENV_DB = {"NEWSMON_DATABASE_URL": ""}


def rows(db_url, model):
    engine = open_database(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            return list(session.scalars(select(model).order_by(model.id)))
    finally:
        engine.dispose()


def ok(result):
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    return result.stdout


# --- 1. feeds add never overwrites; feeds edit changes settings ------------------------------


def test_adding_an_existing_feed_changes_nothing_and_says_so(sqlite_url):
    url = "https://news.example/feed.xml"
    ok(invoke("feeds", "add", url, "--no-check", "--name", "Example", "--language", "fr",
              "--interval", "30", db=sqlite_url))
    again = ok(invoke("feeds", "add", url, "--no-check", db=sqlite_url))
    assert "already" in again and "unchanged" in again
    (feed,) = rows(sqlite_url, Feed)
    assert (feed.name, feed.language, feed.interval_seconds) == ("Example", "fr", 1800)


def test_adding_an_existing_feed_with_options_changes_only_those(sqlite_url):
    url = "https://news.example/feed.xml"
    ok(invoke("feeds", "add", url, "--no-check", "--name", "Example", "--language", "fr",
              db=sqlite_url))
    out = ok(invoke("feeds", "add", url, "--no-check", "--interval", "90", db=sqlite_url))
    assert "updated" in out and "interval" in out
    (feed,) = rows(sqlite_url, Feed)
    assert (feed.name, feed.language, feed.interval_seconds) == ("Example", "fr", 5400)


def test_feeds_edit_changes_settings_by_url_or_name(sqlite_url):
    url = "https://news.example/feed.xml"
    ok(invoke("feeds", "add", url, "--no-check", "--name", "Example", db=sqlite_url))
    ok(invoke("feeds", "edit", "Example", "--name", "Renamed", "--language", "DE",
              "--interval", "15", "--inactive", db=sqlite_url))
    (feed,) = rows(sqlite_url, Feed)
    assert (feed.name, feed.language, feed.interval_seconds, feed.active) == (
        "Renamed", "de", 900, False)
    ok(invoke("feeds", "edit", url, "--active", db=sqlite_url))
    assert rows(sqlite_url, Feed)[0].active is True


def test_feed_languages_are_iso_639_1_codes(sqlite_url):
    result = invoke("feeds", "add", "https://news.example/feed.xml", "--no-check",
                    "--language", "english", db=sqlite_url)
    assert result.exit_code == 2 and "'en'" in result.stderr
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()


def test_discovered_feeds_are_named_by_their_own_title(sample_site, sqlite_url):
    ok(invoke("feeds", "add", sample_site.url("/"), db=sqlite_url))
    feeds = {f.url: f.name for f in rows(sqlite_url, Feed)}
    assert feeds[sample_site.url("/feeds/rss.xml")] == "Relay Wire – all stories"
    assert len(feeds) == 3 and len(set(feeds.values())) == 3
    assert all(name.startswith("Relay Wire") for name in feeds.values())


# --- 2. where the database lives -------------------------------------------------------------


def test_default_database_is_per_user_unless_one_is_in_the_current_directory(tmp_path):
    work, data = tmp_path / "work", tmp_path / "xdg"
    work.mkdir()
    env = {**NO_ENV_DB, "XDG_DATA_HOME": str(data)}
    ok(invoke("feeds", "add", "https://a.example/feed.xml", "--no-check", env=env, cwd=work))
    assert (data / "newsmon" / "newsmon.db").exists()
    assert not (work / "newsmon.db").exists()
    ok(invoke("--db", "newsmon.db", "feeds", "add", "https://b.example/feed.xml", "--no-check",
              env=env, cwd=work))
    listed = json.loads(ok(invoke("feeds", "list", "--format", "json", env=env, cwd=work)))
    assert [f["url"] for f in listed] == ["https://b.example/feed.xml"]


def test_read_commands_never_create_a_database(tmp_path):
    env = {**NO_ENV_DB, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    for args in (["articles"], ["deals"], ["feeds", "list"], ["status"]):
        result = invoke(*args, env=env, cwd=tmp_path)
        assert result.exit_code == 1 and "no database" in result.stderr, result.stderr
    assert list(tmp_path.rglob("*.db")) == []


def test_db_values_that_are_neither_url_nor_sqlite_file_are_refused(tmp_path):
    result = invoke("--db", "nonsense", "feeds", "add", "https://a.example/f", "--no-check",
                    cwd=tmp_path)
    assert result.exit_code == 2 and "nonsense" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- 4. JSON that is whole -------------------------------------------------------------------


def test_deal_as_json_is_one_whole_document(demo_db):
    deal_id = rows(demo_db, Deal)[0].id
    document = json.loads(ok(invoke("deal", str(deal_id), "--format", "json", db=demo_db)))
    assert document["id"] == deal_id and document["mentions"]
    assert all(isinstance(m["seen_at"], str) for m in document["mentions"])


# --- 5. --since is the publication date ------------------------------------------------------


def test_since_means_published_and_fetched_since_means_fetched(demo_db):
    # The demo articles were published in 2023-2025 and fetched today.
    recent = json.loads(ok(invoke("articles", "--since", "7d", "--format", "json", db=demo_db)))
    assert recent == []
    fetched = json.loads(ok(invoke("articles", "--fetched-since", "7d", "--format", "json",
                                   "--limit", "0", db=demo_db)))
    assert len(fetched) == len(rows(demo_db, Article))
    assert json.loads(ok(invoke("deals", "--since", "7d", "--format", "json", db=demo_db))) == []
    out = ok(invoke("reenrich", "--since", "7d", db=demo_db))
    assert out.startswith("re-enriched 0 article(s)")


# --- 6. tables readable at 80 columns --------------------------------------------------------


def _words_intact(output: str, names: list[str]) -> list[str]:
    """Words of ``names`` that the table broke in two (each word must appear whole)."""
    return [w for n in names for w in re.findall(r"[\w:.-]{4,}", n) if w not in output]


def test_deals_table_at_80_columns_never_breaks_a_word(demo_db):
    out = ok(invoke("deals", db=demo_db, width=80))
    assert max(len(line) for line in out.splitlines()) <= 80
    header = next(line for line in out.splitlines() if "target" in line)
    assert "date" in header and "usd" in header
    deals = rows(demo_db, Deal)
    assert _words_intact(out, [d.target for d in deals]) == []
    assert "$40B" in out  # SoftBank -> OpenAI, 40 billion USD


def test_articles_table_shows_the_source_and_feeds_list_the_url(demo_db):
    out = ok(invoke("articles", db=demo_db, width=80))
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "source" in out and "127.0.0.1" in out
    feed = rows(demo_db, Feed)[0]
    ok(invoke("feeds", "edit", str(feed.id), "--name", "Demo wire", db=demo_db))
    listing = ok(invoke("feeds", "list", db=demo_db, width=100))
    assert "Demo wire" in listing and "/feeds/" in listing


# --- 7. everyday commands --------------------------------------------------------------------


def test_article_by_id_or_url_shows_text_source_and_deals(demo_db):
    article = next(a for a in rows(demo_db, Article) if "Scale AI" in (a.title or ""))
    by_id = ok(invoke("article", str(article.id), db=demo_db, width=100))
    assert article.title in by_id and article.text[:40] in by_id
    assert "127.0.0.1" in by_id and "Scale AI" in by_id and "deals" in by_id
    by_url = json.loads(ok(invoke("article", article.canonical_url, "--format", "json",
                                  db=demo_db)))
    assert by_url["id"] == article.id and by_url["text"] == article.text
    assert by_url["sources"] and by_url["deals"]


def test_feeds_check_takes_an_unregistered_url(sample_site, sqlite_url):
    url = sample_site.url("/feeds/atom.xml")
    ok(invoke("feeds", "add", "https://other.example/feed.xml", "--no-check", db=sqlite_url))
    checked = json.loads(ok(invoke("feeds", "check", url, "--format", "json", db=sqlite_url)))
    assert [(r["url"], r["status"]) for r in checked] == [(url, 200)]
    assert [f.url for f in rows(sqlite_url, Feed)] == ["https://other.example/feed.xml"]


def test_min_usd_takes_suffixes(demo_db):
    big = json.loads(ok(invoke("deals", "--min-usd", "1B", "--format", "json", db=demo_db)))
    same = json.loads(ok(invoke("deals", "--min-usd", "1e9", "--format", "json", db=demo_db)))
    assert big == same and big and all(d["amount_usd"] >= 1e9 for d in big)
    half = json.loads(ok(invoke("deals", "--min-usd", "500M", "--format", "json", db=demo_db)))
    assert len(half) > len(big)


def test_language_names_are_refused_with_the_codes(demo_db):
    result = invoke("articles", "--lang", "french", db=demo_db)
    assert result.exit_code == 2
    assert "'fr'" in result.stderr and "en" in result.stderr
    french = json.loads(ok(invoke("articles", "--lang", "FR", "--format", "json", db=demo_db)))
    assert french and {a["language"] for a in french} == {"fr"}


def test_limit_is_validated_and_zero_means_all(demo_db):
    assert invoke("articles", "--limit", "-1", db=demo_db).exit_code == 2
    everything = json.loads(ok(invoke("articles", "--limit", "0", "--format", "json",
                                      db=demo_db)))
    assert len(everything) == len(rows(demo_db, Article))


# --- 8. the demo starts from nothing on every backend -----------------------------------------


def _feed_urls(url):
    engine = open_database(url)
    try:
        with transaction(session_factory(engine)) as session:
            return [f.url for f in session.scalars(select(Feed))]
    finally:
        engine.dispose()


def _add_feed(url, feed_url):
    from datetime import UTC, datetime

    from storage import repo

    engine = open_database(url)
    try:
        with transaction(session_factory(engine)) as session:
            repo.upsert_feed(session, url=feed_url, name="x", language=None,
                             interval_seconds=3600, active=True, now=datetime.now(UTC))
    finally:
        engine.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="needs NEWSMON_TEST_POSTGRES_URL")
def test_demo_on_postgres_gets_a_fresh_schema_each_run_and_a_psql_hint():
    from newsmon.demo import fresh_database, query_hint

    for url in _postgres_database():
        _add_feed(url, "https://users.example/feed.xml")  # the user's own data: left alone
        demo_url = fresh_database(url)
        _add_feed(demo_url, "http://127.0.0.1:1/feeds/rss.xml")
        assert fresh_database(url) == demo_url and _feed_urls(demo_url) == []
        assert _feed_urls(url) == ["https://users.example/feed.xml"]
        hint = query_hint(demo_url)
        assert "psql" in hint and "search_path" in hint and "sqlite3" not in hint


def test_demo_on_sqlite_replaces_only_a_demo_database(tmp_path):
    from newsmon.demo import NotADemoDatabase, fresh_database, query_hint

    demo = f"sqlite:///{tmp_path / 'demo.db'}"
    _add_feed(demo, "http://127.0.0.1:1/feeds/rss.xml")
    assert fresh_database(demo) == demo and not (tmp_path / "demo.db").exists()
    assert f"sqlite3 {tmp_path / 'demo.db'}" in query_hint(demo)
    mine = f"sqlite:///{tmp_path / 'mine.db'}"
    _add_feed(mine, "https://users.example/feed.xml")
    with pytest.raises(NotADemoDatabase):
        fresh_database(mine)
    assert _feed_urls(mine) == ["https://users.example/feed.xml"]


# --- 10. current Scrapy API -------------------------------------------------------------------


def test_redirect_middleware_uses_the_current_scrapy_api():
    from scrapy.exceptions import ScrapyDeprecationWarning
    from scrapy.http import Request, Response
    from scrapy.utils.test import get_crawler

    from crawler.middlewares import RetryAfterMiddleware, SafeRedirectMiddleware
    from crawler.spiders.feeds import FeedsSpider

    crawler = get_crawler(FeedsSpider)
    request = Request("http://a.example/x")
    response = Response(request.url, status=301, headers={"Location": "/y"}, request=request)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScrapyDeprecationWarning)
        redirected = SafeRedirectMiddleware.from_crawler(crawler).process_response(
            request, response)
        RetryAfterMiddleware.from_crawler(crawler)
    assert redirected.url == "http://a.example/y"
