"""Distributed mode: workers share a Redis request queue, feed queue and fetch ledger.

With ``REDIS_URL`` set (``NEWSMON_REDIS_URL``), :class:`DistributedAddon` switches the crawl to
``crawler.leases.LeasedScheduler``: article requests go to one shared priority queue that every
worker pops, a request whose entry is already queued or in flight is not made twice, and every
popped request is *leased* — a worker killed with ``kill -9`` stops renewing its leases and
any live worker hands its requests out again. Feeds are handed out through a Redis list
(:class:`FeedQueue`, filled by ``newsmon crawl --distributed`` or the daemon); :class:`FeedSource`
pops them in each worker and keeps the worker alive while idle.

A feed's fetch is recorded only once every one of its new entries is settled (stored or
skipped for good), whichever worker took it (``crawler.ledger``; here kept in Redis by
:class:`RedisLedger`). A feed whose entries died with a worker is settled when the live
workers finish them; if every worker died, it stays due and is fetched again by the next run.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet import task

from crawler.database import Database
from crawler.leases import ENTRY, SharedWork, connect
from crawler.ledger import without_validators
from newsmon import defaults
from storage.repo import FeedResult

logger = logging.getLogger(__name__)

#: How long a held feed result or a waiting entry may outlive every worker, at most.
LEDGER_TTL = 86_400


def redis_prefix(settings) -> str:
    return settings.get("REDIS_PREFIX") or defaults.REDIS_PREFIX


class DistributedAddon:
    """Scrapy add-on: with ``REDIS_URL`` set, use the shared leased queue and the feed queue."""

    def update_settings(self, settings) -> None:
        if not settings.get("REDIS_URL"):
            return
        settings.set("SCHEDULER", "crawler.leases.LeasedScheduler", priority="addon")
        settings["EXTENSIONS"]["crawler.distributed.FeedSource"] = 200


def _result_json(result: FeedResult) -> str:
    values = dict(result.__dict__, fetched_at=result.fetched_at.isoformat())
    return json.dumps(values)


def _result_from(raw: bytes | str) -> FeedResult:
    values = json.loads(raw)
    values["fetched_at"] = datetime.fromisoformat(values["fetched_at"])
    return FeedResult(**values)


# A fetch is claimed (returned once, then deleted) when its result is held and no entry is
# pending. Appends result, dirty flag to ``ready``.
_CLAIM = """
local function claim(fetch, ready)
  if redis.call('SCARD', fetch .. ':pending') == 0 then
    local result = redis.call('HGET', fetch, 'result')
    if result then
      ready[#ready + 1] = result
      ready[#ready + 1] = redis.call('HGET', fetch, 'dirty') or ''
      redis.call('DEL', fetch, fetch .. ':pending')
    end
  end
end
"""

# KEYS: leases, leased. ARGV: ledger prefix, entry, ok, ttl, seen key, wait key.
SETTLE = _CLAIM + """
local ready = {}
for _, token in ipairs(redis.call('SMEMBERS', ARGV[6])) do
  local fetch = ARGV[1] .. token
  redis.call('SREM', fetch .. ':pending', ARGV[2])
  if ARGV[3] ~= '1' then
    redis.call('HSET', fetch, 'dirty', 1)
    redis.call('EXPIRE', fetch, ARGV[4])
  end
  claim(fetch, ready)
end
redis.call('DEL', ARGV[6], ARGV[5])
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('HDEL', KEYS[2], ARGV[2])
return ready
"""

# ARGV: ledger prefix, token, result, ttl.
HOLD = _CLAIM + """
local fetch = ARGV[1] .. ARGV[2]
redis.call('HSET', fetch, 'result', ARGV[3])
redis.call('EXPIRE', fetch, ARGV[4])
local ready = {}
claim(fetch, ready)
return ready
"""


class RedisLedger:
    """``crawler.ledger.LocalLedger`` kept in Redis, shared by every worker.

    A fetch waits for a *set* of entry keys (``expect``, when the feed's requests are made),
    and each entry tells every fetch waiting for it when it settles — whichever worker fetched
    it, and whether the fetch's own request ran or was dropped as a duplicate of one in
    flight. Settling twice (a request handed out again) changes nothing.
    """

    def __init__(self, work: SharedWork, prefix: str):
        self.work = work
        self.server = work.server
        self.prefix = f"{prefix}:fetch:"
        self._settle = self.server.register_script(SETTLE)
        self._hold = self.server.register_script(HOLD)

    def expect(self, token: str, entries: list[str]) -> None:
        pipe = self.server.pipeline(transaction=True)
        pending = f"{self.prefix}{token}:pending"
        pipe.sadd(pending, *entries)
        pipe.expire(pending, LEDGER_TTL)
        for entry in entries:
            pipe.sadd(self.work.wait_key(entry), token)
            pipe.expire(self.work.wait_key(entry), LEDGER_TTL)
        pipe.execute()

    def hold(self, token: str, result: FeedResult, pending: int) -> FeedResult | None:
        ready = self._hold(args=[self.prefix, token, _result_json(result), LEDGER_TTL])
        return next(iter(_claimed(ready)), None)

    def settle(self, entry: str, ok: bool) -> list[FeedResult]:
        ready = self._settle(
            [self.work.leases, self.work.leased],
            [self.prefix, entry, int(ok), LEDGER_TTL, self.work.seen_key(entry),
             self.work.wait_key(entry)],
        )
        return _claimed(ready)

    def unsettled(self) -> list[FeedResult]:
        """Other workers may still be settling these feeds: leave them to them."""
        return []


def _claimed(ready: list) -> list[FeedResult]:
    results = []
    for raw, dirty in zip(ready[::2], ready[1::2], strict=True):
        result = _result_from(raw)
        results.append(without_validators(result) if dirty else result)
    return results


# KEYS: list, members. ARGV: urls... Each URL queued at most once.
PUSH_FEEDS = """
local count = 0
for _, url in ipairs(ARGV) do
  if redis.call('SADD', KEYS[2], url) == 1 then
    redis.call('RPUSH', KEYS[1], url)
    count = count + 1
  end
end
return count
"""

# KEYS: list, members, taken. ARGV: limit, lease (ms). Popped feeds are taken, with a lease.
TAKE_FEEDS = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local urls = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
redis.call('LTRIM', KEYS[1], tonumber(ARGV[1]), -1)
for _, url in ipairs(urls) do
  redis.call('SREM', KEYS[2], url)
  redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), url)
end
return urls
"""

# KEYS: list, members, taken. Feeds taken by a worker that died go back to the list.
RETURN_FEEDS = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local urls = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, url in ipairs(urls) do
  redis.call('ZREM', KEYS[3], url)
  if redis.call('SADD', KEYS[2], url) == 1 then redis.call('RPUSH', KEYS[1], url) end
end
return #urls
"""


class FeedQueue:
    """The Redis list of feed URLs waiting for a worker; a URL is queued at most once.

    A worker *takes* feeds (moved to ``<prefix>:feeds:taken`` with a lease) until their
    requests are in the shared request queue (:meth:`done`); feeds taken by a worker killed
    in between go back to the list when their lease expires.
    """

    def __init__(self, server, prefix: str, lease: float = 20.0):
        self.server = server
        self.key = f"{prefix}:feeds"
        self.members = f"{prefix}:feeds:queued"
        self.taken = f"{prefix}:feeds:taken"
        self.lease_ms = int(lease * 1000)
        self._push = server.register_script(PUSH_FEEDS)
        self._take = server.register_script(TAKE_FEEDS)
        self._return = server.register_script(RETURN_FEEDS)

    @classmethod
    def from_settings(cls, settings) -> FeedQueue:
        return cls(connect(settings), redis_prefix(settings),
                   settings.getfloat("REQUEST_LEASE", 20.0))

    def push(self, urls) -> int:
        urls = list(urls)
        return int(self._push([self.key, self.members], urls)) if urls else 0

    def pop(self, limit: int) -> list[str]:
        raw = self._take([self.key, self.members, self.taken], [limit, self.lease_ms])
        return [u.decode() if isinstance(u, bytes) else u for u in raw]

    def done(self, urls) -> None:
        """Their requests are in the shared queue (leased from there on)."""
        if urls:
            self.server.zrem(self.taken, *urls)

    def taken_count(self) -> int:
        return int(self.server.zcard(self.taken))

    def return_expired(self) -> int:
        return int(self._return([self.key, self.members, self.taken]))

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
        self.work = SharedWork.from_settings(settings)
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
        if spider.adhoc_urls or spider.everything or spider.feed_ids:
            targets = Database.from_crawler(self.crawler).feed_targets(
                spider.adhoc_urls, spider.everything, spider.feed_ids
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
        # Requests queued, requests or feeds leased by a worker that may die: not idle.
        busy = (not engine.spider_is_idle() or self.work.outstanding() > 0
                or self.queue.taken_count() > 0)
        if self.queue.return_expired():
            logger.warning("feeds taken by a worker that stopped were queued again")
        if len(engine.downloader.active) < self.batch:
            urls = self.queue.pop(self.batch)
            if urls:
                busy = True
                for target in Database.from_crawler(self.crawler).feed_targets(urls):
                    engine.crawl(spider.feed_request(target))
                self.queue.done(urls)
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
    """What the crawl needs in distributed mode: the shared ledger, settled by entry."""

    def __init__(self, settings):
        self.ledger = RedisLedger(SharedWork.from_settings(settings), redis_prefix(settings))

    @classmethod
    def from_settings(cls, settings) -> Distributed | None:
        return cls(settings) if settings.get("REDIS_URL") else None

    def settle(self, request, ok: bool) -> list[FeedResult]:
        """The request's entry is done: release its lease, tell the fetches waiting for it."""
        entry = request.meta.get(ENTRY) if request is not None else None
        return self.ledger.settle(entry, ok) if entry else []
