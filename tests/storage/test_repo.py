"""Repository functions on every backend: idempotent upserts, unique constraints, feed health."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from pages.article import ExtractedArticle
from storage import repo
from storage.db import safe_url, transaction
from storage.models import Article, ArticleFeed, Feed

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def article_values(canonical: str, **extra) -> ExtractedArticle:
    values = dict(
        url=canonical, canonical_url=canonical, title="T", authors=None,
        published_at=NOW - timedelta(hours=3), fetched_at=NOW, language="en",
        text="Body with 'quotes'; DROP TABLE articles; -- \u00e9\u00e8 \u4e2d\u6587",
        summary=None, site_name=None, word_count=3, content_hash="x",
        extraction_method="trafilatura",
    )
    values.update(extra)
    return ExtractedArticle(**values)


def add_feed(session, url="http://127.0.0.1/feed.xml", interval=600):
    feed_id, created = repo.upsert_feed(session, url=url, name=url, language="en",
                                        interval_seconds=interval, active=True, now=NOW)
    return feed_id


def test_store_article_is_idempotent_and_links_feeds_once(factory):
    with transaction(factory) as s:
        f1, f2 = add_feed(s, "http://a/1"), add_feed(s, "http://a/2")
    with transaction(factory) as s:
        a1, created1 = repo.store_article(s, article_values("http://site/x"))
        repo.link_article_feeds(s, a1, [f1, f1], "http://site/x?utm_source=a", NOW)
    with transaction(factory) as s:
        a2, created2 = repo.store_article(s, article_values("http://site/x", title="other"))
        repo.link_article_feeds(s, a2, [f1, f2], "http://site/x", NOW)
    assert (created1, created2) == (True, False) and a1 == a2
    with transaction(factory) as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 1
        assert s.scalar(select(Article.title)) == "T"
        assert sorted(s.scalars(select(ArticleFeed.feed_id))) == sorted([f1, f2])


def test_unique_constraint_is_in_the_database(factory):
    with transaction(factory) as s:
        s.add(Article(**article_values("http://site/y").row()))
    with pytest.raises(IntegrityError):
        with transaction(factory) as s:
            s.add(Article(**article_values("http://site/y").row()))


def test_hostile_text_round_trips(factory):
    text = ("Robert'); DROP TABLE articles;-- \u202f\u00a0\u200b mixed "
            "\u0645\u0631\u062d\u0628\u0627 \U0001f600")
    with transaction(factory) as s:
        aid, _ = repo.store_article(s, article_values("http://site/z", text=text))
    with transaction(factory) as s:
        assert s.get(Article, aid).text == text


def test_datetimes_come_back_aware_utc(factory):
    with transaction(factory) as s:
        aid, _ = repo.store_article(s, article_values("http://site/t"))
    with transaction(factory) as s:
        published = s.get(Article, aid).published_at
    assert published == NOW - timedelta(hours=3)
    assert published.utcoffset() == timedelta(0)


def test_known_urls_covers_canonical_fetched_and_lasting_skips(factory):
    with transaction(factory) as s:
        repo.store_article(s, article_values("http://site/c", url="http://site/fetched"))
        repo.record_skip(s, "http://site/robots", "robots", "Forbidden by robots.txt", None, NOW)
        repo.record_skip(s, "http://site/flaky", "http_error", "HTTP 503", None, NOW)
    with transaction(factory) as s:
        found = repo.known_urls(s, ["http://site/c", "http://site/fetched", "http://site/robots",
                                    "http://site/flaky", "http://site/new"])
    assert found == {"http://site/c", "http://site/fetched", "http://site/robots"}


def test_feed_results_backoff_and_recover(factory):
    with transaction(factory) as s:
        fid = add_feed(s, interval=600)
    for n in range(1, 4):
        with transaction(factory) as s:
            repo.record_feed_result(s, repo.FeedResult(fid, NOW, "failed", error="HTTP 500"))
            feed = s.get(Feed, fid)
            assert feed.consecutive_failures == n
            assert feed.next_due_at == NOW + timedelta(seconds=600 * 2**n)
    with transaction(factory) as s:
        repo.record_feed_result(s, repo.FeedResult(fid, NOW, "ok", status=200, etag='"e1"',
                                                   last_modified="Sun, 01 Nov 2026 10:00:00 GMT",
                                                   entry_count=4))
        feed = s.get(Feed, fid)
        assert (feed.consecutive_failures, feed.etag, feed.last_entry_count) == (0, '"e1"', 4)
        assert feed.next_due_at == NOW + timedelta(seconds=600)
    with transaction(factory) as s:
        assert [f.id for f in repo.due_feeds(s, NOW)] == []
        assert [f.id for f in repo.due_feeds(s, NOW + timedelta(seconds=661))] == [fid]  # ±10 %


def test_backoff_is_capped_and_honours_retry_after(factory):
    with transaction(factory) as s:
        fid = add_feed(s, interval=3600)
        s.get(Feed, fid).consecutive_failures = 30
    with transaction(factory) as s:
        repo.record_feed_result(s, repo.FeedResult(fid, NOW, "failed", error="x"))
        assert s.get(Feed, fid).next_due_at == NOW + timedelta(days=1)
    with transaction(factory) as s:
        s.get(Feed, fid).consecutive_failures = 0
        repo.record_feed_result(s, repo.FeedResult(fid, NOW, "failed", status=429,
                                                   error="HTTP 429", retry_after=20_000))
        assert s.get(Feed, fid).next_due_at == NOW + timedelta(seconds=20_000)


def test_safe_url_hides_password():
    assert "s3cret" not in safe_url("postgresql://bob:s3cret@db.example/newsmon")
