"""In-process fixtures for the Scrapy glue: a crawler from ``get_crawler`` on a fresh database,
the feeds spider bound to it, and responses built by hand (no reactor, no network)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.database import Database
from crawler.spiders.feeds import FeedsSpider
from storage import repo

NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
FEED_URL = "http://news.test/feed.xml"
ARTICLE = ("<html lang='en'><head><title>Robots sort parcels</title></head><body><article>"
           "<h1>Robots sort parcels</h1>" + "<p>A warehouse near the harbour now uses robots "
           "that learn to sort parcels by size, weight and destination.</p>" * 6
           + "</article></body></html>")


def rss(*items: tuple[str, str]) -> bytes:
    body = "".join(f"<item><title>{t}</title><link>{link}</link>"
                   "<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>" for t, link in items)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{body}"
            "</channel></rss>").encode()


@pytest.fixture
def crawler(sqlite_url):
    crawler = get_crawler(FeedsSpider, {"DATABASE_URL": sqlite_url, "EXTRACT_WORKERS": 0})
    yield crawler
    db = getattr(crawler, "_newsmon_db", None)
    if db is not None:
        db.close()


@pytest.fixture
def spider(crawler) -> FeedsSpider:
    spider = FeedsSpider.from_crawler(crawler)
    crawler.spider = spider
    return spider


@pytest.fixture
def db(crawler) -> Database:
    return Database.from_crawler(crawler)


def feed_response(spider: FeedsSpider, body: bytes, status: int = 200, **headers: str):
    target = spider.db.feed_targets([FEED_URL])[0]
    request = Request(FEED_URL, meta={"feed": target})
    return XmlResponse(FEED_URL, status=status, body=body, request=request,
                       headers={"Content-Type": "application/rss+xml", **headers})


def article_response(request: Request, body: str = ARTICLE,
                     content_type: str = "text/html; charset=utf-8") -> HtmlResponse:
    return HtmlResponse(request.url, body=body.encode(), request=request,
                        headers={"Content-Type": content_type})


def stored_article(db: Database, url: str) -> None:
    from pages.article import EntryInfo, extract_article

    with db.session() as session:
        repo.store_article(session, extract_article(ARTICLE, url, url, EntryInfo(), NOW))
