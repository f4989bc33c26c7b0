"""Distributed mode: workers share a scrapy-redis queue, dupefilter and feed queue.

With ``REDIS_URL`` set (``NEWSMON_REDIS_URL``), :class:`DistributedAddon` switches the crawl to
scrapy-redis: article requests go to one shared priority queue that every worker pops, and a
shared dupefilter keeps two workers from fetching the same article at once. Feeds are handed
out through a Redis list (:class:`FeedQueue`, filled by ``newsmon crawl --distributed`` or the
daemon); :class:`FeedSource` pops them in each worker and keeps the worker alive while idle.

Nothing is lost when a worker dies: a feed's fetch is only recorded once every one of its
articles is settled (``crawler.ledger``; here counted in Redis by :class:`RedisLedger`), so a
feed whose articles died with a worker stays due and is fetched again by the next run. The
dupefilter keeps a fingerprint only for ``REDIS_DUPEFILTER_TTL`` seconds and forgets it once
the article is settled, so those articles are requested again then.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter
from twisted.internet import task

from crawler.database import Database
from crawler.ledger import without_validators
from newsmon import defaults
from storage.repo import FeedResult

logger = logging.getLogger(__name__)

#: How long a held feed result or fingerprint may outlive a crashed worker, at most.
LEDGER_TTL = 86_400


def redis_prefix(settings) -> str:
    return settings.get("REDIS_PREFIX") or defaults.REDIS_PREFIX


def connect(settings):
    return get_redis_from_settings(settings)


class DistributedAddon:
    """Scrapy add-on: with ``REDIS_URL`` set, use the scrapy-redis scheduler and our parts."""

    def update_settings(self, settings) -> None:
        if not settings.get("REDIS_URL"):
            return
        prefix = redis_prefix(settings)
        settings.set("SCHEDULER", "scrapy_redis.scheduler.Scheduler", priority="addon")
        settings.set("SCHEDULER_PERSIST", True, priority="addon")  # never flush others' work
        settings.set("SCHEDULER_QUEUE_KEY", f"{prefix}:%(spider)s:requests", priority="addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", f"{prefix}:%(spider)s:seen", priority="addon")
        settings.set("SCHEDULER_DUPEFILTER_CLASS", "crawler.distributed.TTLDupeFilter",
                     priority="addon")
        settings.set("DUPEFILTER_CLASS", "crawler.distributed.TTLDupeFilter", priority="addon")
        settings["EXTENSIONS"]["crawler.distributed.FeedSource"] = 200


class TTLDupeFilter(RFPDupeFilter):
    """scrapy-redis dupefilter with one expiring key per fingerprint, forgotten once settled."""

    def __init__(self, server, key, debug=False, ttl: int = 3600):
        super().__init__(server, key, debug)
        self.ttl = ttl

    @classmethod
    def from_settings(cls, settings):
        key = settings.get("SCHEDULER_DUPEFILTER_KEY") % {"spider": "feeds"}
        return cls(connect(settings), key, settings.getbool("DUPEFILTER_DEBUG"),
                   settings.getint("REDIS_DUPEFILTER_TTL", defaults.REDIS_DUPEFILTER_TTL))

    @classmethod
    def from_crawler(cls, crawler):
        return cls.from_settings(crawler.settings)

    @classmethod
    def from_spider(cls, spider):
        return cls.from_settings(spider.settings)

    def request_seen(self, request) -> bool:
        fp = self.request_fingerprint(request)
        return not self.server.set(f"{self.key}:{fp}", 1, nx=True, ex=self.ttl)

    def forget(self, request) -> None:
        self.server.delete(f"{self.key}:{self.request_fingerprint(request)}")

    def clear(self) -> None:
        """Fingerprints are shared by every worker and expire by themselves: keep them."""


def _result_json(result: FeedResult) -> str:
    values = dict(result.__dict__, fetched_at=result.fetched_at.isoformat())
    return json.dumps(values)


def _result_from(raw: bytes | str) -> FeedResult:
    values = json.loads(raw)
    values["fetched_at"] = datetime.fromisoformat(values["fetched_at"])
    return FeedResult(**values)


class RedisLedger:
    """``crawler.ledger.LocalLedger`` counted in Redis, shared by every worker."""

    def __init__(self, server, prefix: str):
        self.server = server
        self.prefix = prefix

    def _key(self, token: str) -> str:
        return f"{self.prefix}:fetch:{token}"

    def hold(self, token: str, result: FeedResult, pending: int) -> FeedResult | None:
        key = self._key(token)
        pipe = self.server.pipeline(transaction=True)
        pipe.hset(key, "result", _result_json(result))
        pipe.hincrby(key, "pending", pending)
        pipe.expire(key, LEDGER_TTL)
        left = pipe.execute()[1]
        return self._claim(key) if left == 0 else None

    def settle(self, token: str, ok: bool) -> FeedResult | None:
        key = self._key(token)
        pipe = self.server.pipeline(transaction=True)
        if not ok:
            pipe.hset(key, "dirty", 1)
        pipe.hincrby(key, "pending", -1)
        pipe.expire(key, LEDGER_TTL)
        left = pipe.execute()[-2]
        return self._claim(key) if left == 0 else None

    def _claim(self, key: str) -> FeedResult | None:
        pipe = self.server.pipeline(transaction=True)
        pipe.hget(key, "result")
        pipe.hget(key, "dirty")
        pipe.delete(key)
        raw, dirty, _ = pipe.execute()
        if raw is None:
            return None
        result = _result_from(raw)
        return without_validators(result) if dirty else result

    def unsettled(self) -> list[FeedResult]:
        """Other workers may still be settling these feeds: leave them to them."""
        return []


class FeedQueue:
    """The Redis list of feed URLs waiting for a worker; a URL is queued at most once."""

    def __init__(self, server, prefix: str):
        self.server = server
        self.key = f"{prefix}:feeds"
        self.members = f"{prefix}:feeds:queued"

    @classmethod
    def from_settings(cls, settings) -> FeedQueue:
        return cls(connect(settings), redis_prefix(settings))

    def push(self, urls) -> int:
        count = 0
        for url in urls:
            if self.server.sadd(self.members, url):
                self.server.rpush(self.key, url)
                count += 1
        return count

    def pop(self, limit: int) -> list[str]:
        pipe = self.server.pipeline(transaction=True)
        pipe.lrange(self.key, 0, limit - 1)
        pipe.ltrim(self.key, limit, -1)
        raw = pipe.execute()[0]
        urls = [u.decode() if isinstance(u, bytes) else u for u in raw]
        if urls:
            self.server.srem(self.members, *urls)
        return urls

    def __len__(self) -> int:
        return int(self.server.llen(self.key))


class FeedSource:
    """Extension: each worker pops queued feeds, fetches them, and waits while there is none.

    It polls every ``FEED_POLL_INTERVAL`` seconds (one Redis call; an idle worker uses no CPU
    to speak of) and only takes feeds while its own backlog is short, so a big feed's articles
    spread over the workers through the shared request queue. With ``WORKER_MAX_IDLE`` set
    a worker stops after that many idle seconds; otherwise it waits for ever.
    """

    def __init__(self, crawler):
        settings = crawler.settings
        if not settings.get("REDIS_URL"):
            raise NotConfigured("no REDIS_URL")
        self.crawler = crawler
        self.queue = FeedQueue.from_settings(settings)
        self.interval = settings.getfloat("FEED_POLL_INTERVAL", defaults.FEED_POLL_INTERVAL)
        self.max_idle = settings.getfloat("WORKER_MAX_IDLE", defaults.WORKER_MAX_IDLE)
        self.batch = settings.getint("FEED_POLL_BATCH", defaults.FEED_POLL_BATCH)
        self.last_busy = time.monotonic()
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        if spider.adhoc_urls or spider.everything:
            targets = Database.from_crawler(self.crawler).feed_targets(
                spider.adhoc_urls, spider.everything
            )
            self.queue.push(t.url for t in targets)
        self.loop = task.LoopingCall(self.poll)
        self.loop.start(self.interval, now=True)
        logger.info("worker ready: waiting for feeds on %s", self.queue.key)

    def poll(self) -> None:
        try:
            self._poll()
        except Exception as exc:  # Redis away for a moment: try again at the next tick
            logger.warning("feed queue unavailable: %s", exc)

    def _poll(self) -> None:
        engine = self.crawler.engine
        spider = self.crawler.spider
        if engine is None or spider is None or getattr(engine, "_slot", None) is None:
            return
        busy = not engine.spider_is_idle()
        if len(engine.downloader.active) < self.batch:
            urls = self.queue.pop(self.batch)
            if urls:
                busy = True
                for target in Database.from_crawler(self.crawler).feed_targets(urls):
                    engine.crawl(spider.feed_request(target))
        if busy:
            self.last_busy = time.monotonic()
        # Wake the engine: requests pushed by other workers, or time to stop when idle.
        engine._slot.nextcall.schedule()

    def spider_idle(self, spider):
        if self.max_idle and time.monotonic() - self.last_busy >= self.max_idle:
            logger.info("worker idle for %.0f s: stopping", self.max_idle)
            return
        raise DontCloseSpider

    def spider_closed(self, spider, reason):
        if self.loop is not None and self.loop.running:
            self.loop.stop()


class Distributed:
    """What the storage pipeline needs in distributed mode: the shared ledger and dupefilter."""

    def __init__(self, settings):
        server = connect(settings)
        self.ledger = RedisLedger(server, redis_prefix(settings))
        self.dupefilter = TTLDupeFilter.from_settings(settings)

    @classmethod
    def from_settings(cls, settings) -> Distributed | None:
        return cls(settings) if settings.get("REDIS_URL") else None

    def forget(self, request) -> None:
        if request is not None and not request.dont_filter:
            self.dupefilter.forget(request)
