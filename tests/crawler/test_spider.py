"""The feeds spider's callbacks on responses built in process (``get_crawler``, no reactor)."""

from __future__ import annotations

from scrapy import Request

from crawler.items import FeedFetchItem, PageItem, SkipItem
from tests.crawler.conftest import article_response, feed_response, rss, stored_article


def kinds(outputs) -> list[str]:
    return [type(o).__name__ for o in outputs]


def test_new_entries_become_requests_and_stored_ones_links(spider, db):
    stored_article(db, "http://news.test/b")
    body = rss(("A", "http://news.test/a?utm_source=wire"), ("B", "http://NEWS.test/b#top"))
    out = list(spider.parse_feed(feed_response(spider, body, ETag='"v1"')))
    assert kinds(out) == ["FeedFetchItem", "Request", "LinkItem"]
    fetch, request, link = out
    assert (fetch.outcome, fetch.etag, fetch.entry_count, fetch.new_entries) == (
        "ok", '"v1"', 2, 1)
    assert request.url == "http://news.test/a"  # canonical: tracking parameter dropped
    assert request.meta["entry"].title == "A" and request.meta["feed_id"] == fetch.feed_id
    assert link.canonical_url == "http://news.test/b" and link.feed_ids == (fetch.feed_id,)


def test_a_repeat_in_the_same_run_is_not_fetched_twice(spider):
    body = rss(("A", "http://news.test/a"))
    first = list(spider.parse_feed(feed_response(spider, body)))
    again = list(spider.parse_feed(feed_response(spider, body)))
    assert kinds(first) == ["FeedFetchItem", "Request"]
    assert kinds(again) == ["FeedFetchItem"]
    assert spider.crawler.stats.get_value("newsmon/articles_duplicate") == 1


def test_not_modified_and_not_a_feed(spider):
    (unchanged,) = spider.parse_feed(feed_response(spider, b"", status=304))
    assert isinstance(unchanged, FeedFetchItem) and unchanged.outcome == "not_modified"
    (broken,) = spider.parse_feed(feed_response(spider, b"<html><body>Hi</body></html>"))
    assert broken.outcome == "failed" and broken.error == "not a feed: got an HTML page"


def test_entries_past_the_cap_wait_for_a_later_run(crawler, spider):
    spider.max_entries = 1
    body = rss(("A", "http://news.test/a"), ("B", "http://news.test/b"))
    out = list(spider.parse_feed(feed_response(spider, body, ETag='"v1"')))
    assert kinds(out) == ["FeedFetchItem", "Request"]
    assert out[0].etag is None  # no validators: the next run reads the feed in full again
    assert crawler.stats.get_value("newsmon/entries_deferred") == 1


def test_article_pages_become_page_items_and_other_types_skips(spider):
    outputs = spider.parse_feed(feed_response(spider, rss(("A", "http://news.test/a"))))
    (request,) = [o for o in outputs if isinstance(o, Request)]
    (page,) = spider.parse_article(article_response(request))
    assert isinstance(page, PageItem)
    assert page.canonical_url == "http://news.test/a" and b"Robots sort parcels" in page.body
    (skip,) = spider.parse_article(article_response(request, "%PDF-1.7", "application/pdf"))
    assert isinstance(skip, SkipItem) and skip.reason == "not_html"
