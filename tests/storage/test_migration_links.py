"""Upgrading an existing database keeps every feed link (no table copy cascades a delete)."""

from __future__ import annotations

from sqlalchemy import text

from storage.db import make_engine, upgrade


def _count(url: str, table: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    finally:
        engine.dispose()


def test_upgrade_from_0004_keeps_feeds_articles_and_links(db_url):
    upgrade(db_url, "0004")
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO feeds (id, url, name, interval_seconds, active, consecutive_failures,"
                " created_at) VALUES (1, 'http://127.0.0.1/f.xml', 'f', 3600, TRUE, 0,"
                " CURRENT_TIMESTAMP)"
            ))
            conn.execute(text(
                "INSERT INTO articles (id, url, canonical_url, fetched_at, word_count,"
                " extraction_method) VALUES (1, 'http://127.0.0.1/a', 'http://127.0.0.1/a',"
                " CURRENT_TIMESTAMP, 3, 'trafilatura')"
            ))
            conn.execute(text("INSERT INTO article_feeds (article_id, feed_id, first_seen_at)"
                " VALUES (1, 1, CURRENT_TIMESTAMP)"))
    finally:
        engine.dispose()
    upgrade(db_url)
    assert (_count(db_url, "feeds"), _count(db_url, "articles"),
            _count(db_url, "article_feeds")) == (1, 1, 1)
