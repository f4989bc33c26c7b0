"""Distributed-mode parts in process: the add-on, the feed queue, and the leased request queue
and shared ledger on a real Redis (each test under its own key prefix)."""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from scrapy.settings import Settings

from crawler.distributed import DistributedAddon, FeedQueue, RedisLedger
from crawler.leases import SharedWork
from storage.repo import FeedResult

REDIS_URL = os.environ.get("NEWSMON_TEST_REDIS_URL")


def test_the_addon_switches_the_scheduler_only_with_a_redis_url():
    plain = Settings({"EXTENSIONS": {}})
    DistributedAddon().update_settings(plain)
    assert plain.get("SCHEDULER") != "crawler.leases.LeasedScheduler"
    shared = Settings({"EXTENSIONS": {}, "REDIS_URL": "redis://127.0.0.1:6379/0",
                       "REDIS_PREFIX": "site-a"})
    DistributedAddon().update_settings(shared)
    assert shared.get("SCHEDULER") == "crawler.leases.LeasedScheduler"
    assert "crawler.distributed.FeedSource" in shared.getdict("EXTENSIONS")


@pytest.fixture
def redis_settings():
    if not REDIS_URL:
        pytest.skip("needs NEWSMON_TEST_REDIS_URL")
    import redis

    prefix = f"newsmon-test-{uuid.uuid4().hex[:10]}"
    settings = Settings({"REDIS_URL": REDIS_URL, "REDIS_PREFIX": prefix})
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
def test_feeds_taken_by_a_dead_worker_are_queued_again(redis_settings):
    redis_settings.set("REQUEST_LEASE", 0.2)
    queue = FeedQueue.from_settings(redis_settings)
    queue.push(["http://a/feed", "http://b/feed"])
    assert queue.pop(2) == ["http://a/feed", "http://b/feed"]
    queue.done(["http://b/feed"])  # b's request reached the shared queue; a's never did
    assert queue.return_expired() == 0  # the lease is still running
    time.sleep(0.3)
    assert queue.return_expired() == 1
    assert queue.pop(10) == ["http://a/feed"]


@pytest.mark.redis
def test_a_leased_request_is_not_made_twice_and_is_handed_out_again_when_its_lease_expires(
    redis_settings,
):
    redis_settings.set("REQUEST_LEASE", 0.3)
    work = SharedWork.from_settings(redis_settings)
    other_worker = SharedWork.from_settings(redis_settings)
    assert work.enqueue("e1", b"e1\nfirst", 0, again=False)
    assert not other_worker.enqueue("e1", b"e1\nsecond", 0, again=False)  # queued: dropped
    assert work.pop() == b"e1\nfirst"
    assert not other_worker.enqueue("e1", b"e1\nthird", 0, again=False)  # leased: dropped
    assert other_worker.pop() is None and work.outstanding() == 1
    assert work.renew(["e1"]) == set()  # renewed while the worker lives ...
    time.sleep(0.4)  # ... then it dies: no renewal
    assert other_worker.requeue_expired() == 1
    assert other_worker.pop() == b"e1\nfirst"  # handed out again, never counted as done


@pytest.mark.redis
def test_a_fetch_waits_for_its_entries_whoever_settles_them(redis_settings):
    work = SharedWork.from_settings(redis_settings)
    ledger = RedisLedger(work, redis_settings.get("REDIS_PREFIX"))
    result = FeedResult(feed_id=1, fetched_at=datetime(2026, 5, 1, tzinfo=UTC), outcome="ok",
                        etag='"v1"')
    ledger.expect("t1", ["e1", "e2"])
    ledger.expect("t2", ["e2"])  # another fetch lists e2: it waits for the request in flight
    assert ledger.settle("e1", True) == []  # settled before its fetch was held: remembered
    assert ledger.hold("t1", result, 2) is None
    assert ledger.hold("t2", result, 1) is None
    # e2 failed for now: both fetches are recorded, without validators (read in full next time)
    assert ledger.settle("e2", False) == [replace(result, etag=None)] * 2
    assert ledger.settle("e2", True) == []  # settling twice changes nothing
