"""Distributed-mode parts in process: the add-on, the feed queue and the dupefilter on a real
Redis (each test under its own key prefix)."""

from __future__ import annotations

import os
import uuid

import pytest
from scrapy import Request
from scrapy.settings import Settings

from crawler.distributed import DistributedAddon, FeedQueue, TTLDupeFilter

REDIS_URL = os.environ.get("NEWSMON_TEST_REDIS_URL")


def test_the_addon_switches_the_scheduler_only_with_a_redis_url():
    plain = Settings({"EXTENSIONS": {}})
    DistributedAddon().update_settings(plain)
    assert plain.get("SCHEDULER") != "scrapy_redis.scheduler.Scheduler"
    shared = Settings({"EXTENSIONS": {}, "REDIS_URL": "redis://127.0.0.1:6379/0",
                       "REDIS_PREFIX": "site-a"})
    DistributedAddon().update_settings(shared)
    assert shared.get("SCHEDULER") == "scrapy_redis.scheduler.Scheduler"
    assert shared.get("SCHEDULER_QUEUE_KEY") == "site-a:%(spider)s:requests"
    assert "crawler.distributed.FeedSource" in shared.getdict("EXTENSIONS")


@pytest.fixture
def redis_settings():
    if not REDIS_URL:
        pytest.skip("needs NEWSMON_TEST_REDIS_URL")
    import redis

    prefix = f"newsmon-test-{uuid.uuid4().hex[:10]}"
    settings = Settings({"REDIS_URL": REDIS_URL, "REDIS_PREFIX": prefix,
                         "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:%(spider)s:seen"})
    yield settings
    server = redis.Redis.from_url(REDIS_URL)
    keys = list(server.scan_iter(f"{prefix}:*"))
    if keys:
        server.delete(*keys)
    server.close()


@pytest.mark.redis
def test_the_feed_queue_holds_each_url_once_in_order(redis_settings):
    queue = FeedQueue.from_settings(redis_settings)
    assert queue.push(["http://a/feed", "http://b/feed", "http://a/feed"]) == 2
    assert len(queue) == 2
    assert queue.pop(1) == ["http://a/feed"]
    assert queue.push(["http://a/feed"]) == 1  # taken by a worker: may be queued again
    assert queue.pop(10) == ["http://b/feed", "http://a/feed"] and len(queue) == 0


@pytest.mark.redis
def test_the_dupefilter_is_shared_until_an_article_is_forgotten(redis_settings):
    first = TTLDupeFilter.from_settings(redis_settings)
    other_worker = TTLDupeFilter.from_settings(redis_settings)
    request = Request("http://news.test/a")
    assert not first.request_seen(request)
    assert other_worker.request_seen(request)
    first.forget(request)
    assert not other_worker.request_seen(request)

