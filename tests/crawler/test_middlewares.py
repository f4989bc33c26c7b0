"""Downloader middlewares in process: Retry-After, the private-address guard."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.middlewares import PrivateAddressGuard, RetryAfterMiddleware, parse_retry_after
from crawler.spiders.feeds import FeedsSpider


def test_retry_after_values():
    assert parse_retry_after(b"120") == 120.0
    later = format_datetime(datetime.now(UTC) + timedelta(minutes=10), usegmt=True).encode()
    assert 590 <= parse_retry_after(later) <= 600
    assert parse_retry_after(b"soon") is None and parse_retry_after(None) is None


def test_a_short_retry_after_is_retried_and_a_long_one_deferred(sqlite_url):
    crawler = get_crawler(FeedsSpider, {"DATABASE_URL": sqlite_url, "RETRY_AFTER_MAX": 60,
                                        "RETRY_BACKOFF_BASE": 0, "RETRY_TIMES": 2,
                                        "RETRY_HTTP_CODES": [503]})
    crawler.spider = FeedsSpider.from_crawler(crawler)
    middleware = RetryAfterMiddleware.from_crawler(crawler)
    request = Request("http://news.test/feed.xml")
    short = Response(request.url, status=503, headers={"Retry-After": "0"}, request=request)
    retry = asyncio.run(middleware.process_response(request, short))
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1
    long = Response(request.url, status=503, headers={"Retry-After": "3600"}, request=request)
    assert asyncio.run(middleware.process_response(request, long)) is long
    assert middleware.crawler.stats.get_value("newsmon/retry_after_deferred") == 1


def test_the_private_address_guard_is_off_by_default_and_blocks_loopback_when_on():
    with pytest.raises(NotConfigured):
        PrivateAddressGuard.from_crawler(get_crawler(settings_dict={}))
    crawler = get_crawler(settings_dict={"BLOCK_PRIVATE_ADDRESSES": True,
                                         "PRIVATE_HOSTS_ALLOWED": ["intranet.local"]})
    guard = PrivateAddressGuard.from_crawler(crawler)
    with pytest.raises(IgnoreRequest, match="127.0.0.1"):
        asyncio.run(guard.process_request(Request("http://127.0.0.1:8080/feed.xml")))
    assert asyncio.run(guard.process_request(Request("http://intranet.local/feed"))) is None
    assert crawler.stats.get_value("newsmon/blocked_private") == 1
