"""Extraction and storage pipelines, the feed-fetch ledger and the crawl-run extension, driven
in process on items from the spider's own callbacks."""

from __future__ import annotations

import asyncio

from scrapy import Request
from sqlalchemy import func, select

from crawler.extensions import CrawlRunRecorder
from crawler.items import LinkItem, SkipItem
from crawler.ledger import TOKEN, tag_feed_output
from crawler.pipelines import ExtractPipeline, StoragePipeline
from pages.article import ExtractedArticle
from storage.models import Article, ArticleFeed, CrawlRun, Feed, SkippedUrl
from tests.crawler.conftest import NOW, article_response, feed_response, rss


def crawl_feed(spider, body: bytes):
    """The spider's output for one feed response, tagged as the spider middleware tags it."""
    outputs = tag_feed_output(list(spider.parse_feed(feed_response(spider, body, ETag='"v2"'))))
    fetch = outputs[0]
    requests = [o for o in outputs if isinstance(o, Request)]
    return fetch, requests


def count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def feed_row(db) -> Feed:
    with db.session() as session:
        return session.scalars(select(Feed)).one()


def test_a_page_is_extracted_stored_and_its_feed_recorded_once_settled(crawler, spider, db):
    extract, storage = ExtractPipeline.from_crawler(crawler), StoragePipeline.from_crawler(crawler)
    fetch, (request,) = crawl_feed(spider, rss(("A", "http://news.test/a")))
    assert request.meta[TOKEN] == fetch.fetch_token
    asyncio.run(storage.process_item(fetch))
    assert feed_row(db).etag is None  # held: its entry is not stored yet
    (page,) = spider.parse_article(article_response(request))
    page = asyncio.run(extract.process_item(page))
    assert isinstance(page.article, ExtractedArticle) and page.body == b""
    asyncio.run(storage.process_item(page))
    storage.item_done(page, article_response(request))
    assert feed_row(db).etag == '"v2"'  # settled: validators and health written
    with db.session() as session:
        article = session.scalars(select(Article)).one()
        assert article.title == "Robots sort parcels" and article.language == "en"
        assert session.scalar(select(ArticleFeed.feed_id)) == fetch.feed_id
    assert crawler.stats.get_value("newsmon/articles_new") == 1


def test_links_and_skips_are_written(crawler, spider, db):
    storage = StoragePipeline.from_crawler(crawler)
    fetch, (request,) = crawl_feed(spider, rss(("A", "http://news.test/a")))
    (page,) = spider.parse_article(article_response(request))
    asyncio.run(ExtractPipeline.from_crawler(crawler).process_item(page))
    asyncio.run(storage.process_item(page))
    feed_id = feed_row(db).id
    asyncio.run(storage.process_item(LinkItem("http://news.test/a", (feed_id,), "x", NOW)))
    asyncio.run(storage.process_item(
        SkipItem("http://news.test/b", feed_id, "robots", "disallowed", NOW)))
    assert count(db, ArticleFeed) == 1  # the same feed again: one link
    with db.session() as session:
        assert session.scalars(select(SkippedUrl.reason)).all() == ["robots"]
    assert crawler.stats.get_value("newsmon/skipped/robots") == 1


def test_a_page_that_cannot_be_extracted_is_recorded_as_a_skip(crawler, spider, db):
    fetch, (request,) = crawl_feed(spider, rss(("A", "http://news.test/a")))
    (page,) = spider.parse_article(article_response(request))
    page.body = None  # extraction raises on it, like on a hostile page
    page = asyncio.run(ExtractPipeline.from_crawler(crawler).process_item(page))
    assert page.article is None and page.error
    asyncio.run(StoragePipeline.from_crawler(crawler).process_item(page))
    with db.session() as session:
        assert session.scalars(select(SkippedUrl.reason)).all() == ["extract_failed"]
    assert count(db, Article) == 0


def test_crawl_run_is_recorded_from_open_to_close(crawler, spider, db):
    recorder = CrawlRunRecorder.from_crawler(crawler)
    recorder.spider_opened(spider)
    with db.session() as session:
        assert session.scalars(select(CrawlRun.status)).all() == ["running"]
    crawler.stats.set_value("newsmon/articles_new", 3)
    recorder.spider_closed(spider, "finished")
    with db.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        assert (run.status, run.finish_reason, run.articles_new) == ("finished", "finished", 3)
