"""The shared request queue of distributed mode: every popped request is leased.

Workers share one Redis priority queue of requests. Popping a request *leases* it: the request
moves to a lease set with an expiry time (``REQUEST_LEASE`` seconds, on the Redis server's
clock) and its worker renews the lease while it works on it. A request is *settled* once its
item is stored (or skipped for good): then its lease, its dupefilter key and its waiters go.
A worker killed with ``kill -9`` stops renewing; any live worker then puts the requests whose
lease expired back into the queue, so they are handed out again — never counted as done.

Each request carries an *entry key* (its first fingerprint, kept by retries and redirects).
A request whose entry is already queued or leased is dropped as a duplicate; whoever waits
for that entry (a feed's fetch, ``crawler.ledger``) is told when the request in flight
settles. Every step that moves a request is one Lua script, so a crash between two Redis
calls cannot lose it. Keys, for ``P = <REDIS_PREFIX>:feeds``:

- ``P:queue`` zset, ``<entry>\\n<pickled request>`` by priority: waiting requests
- ``P:leases`` zset, entry by lease expiry (ms); ``P:leased`` hash, entry -> queue score
  and member (what goes back into the queue)
- ``P:seen:<entry>`` string with ``REDIS_DUPEFILTER_TTL``: the entry is queued or leased
- ``P:wait:<entry>`` set of fetch tokens waiting for the entry (``crawler.distributed``)
"""

from __future__ import annotations

import logging
import pickle

from scrapy.utils.request import request_from_dict
from scrapy_redis.connection import get_redis_from_settings
from twisted.internet import task

logger = logging.getLogger(__name__)

#: Request meta keys: the entry key, and whether the entry was queued once already.
ENTRY = "newsmon_entry"
QUEUED = "newsmon_queued"

_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
"""

# KEYS: queue, seen key, leases, leased. ARGV: member, score, ttl, entry, mode.
# mode "new": dropped (0) if the entry is queued or leased; "again": a retry or redirect of
# a leased entry moves back to the queue.
ENQUEUE = """
if ARGV[5] == 'new' then
  if not redis.call('SET', KEYS[2], 1, 'NX', 'EX', ARGV[3]) then return 0 end
else
  redis.call('ZREM', KEYS[3], ARGV[4])
  redis.call('HDEL', KEYS[4], ARGV[4])
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
"""

# KEYS: queue, leases, leased. ARGV: lease (ms).
POP = _NOW + """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local entry = string.sub(top[1], 1, string.find(top[1], '\\n', 1, true) - 1)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), entry)
redis.call('HSET', KEYS[3], entry, top[2] .. '\\n' .. top[1])
return top[1]
"""

# KEYS: leases. ARGV: lease (ms), entries... Returns the entries no longer leased.
RENEW = _NOW + """
local gone = {}
for i = 2, #ARGV do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i])
  else
    gone[#gone + 1] = ARGV[i]
  end
end
return gone
"""

# KEYS: queue, leases, leased. ARGV: "expired", limit | "entries", entry...
REQUEUE = _NOW + """
local entries = {}
if ARGV[1] == 'expired' then
  entries = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
else
  for i = 2, #ARGV do entries[#entries + 1] = ARGV[i] end
end
local moved = 0
for _, entry in ipairs(entries) do
  local held = redis.call('HGET', KEYS[3], entry)
  redis.call('ZREM', KEYS[2], entry)
  redis.call('HDEL', KEYS[3], entry)
  if held then
    local cut = string.find(held, '\\n', 1, true)
    redis.call('ZADD', KEYS[1], string.sub(held, 1, cut - 1), string.sub(held, cut + 1))
    moved = moved + 1
  end
end
return moved
"""


def connect(settings):
    return get_redis_from_settings(settings)


class SharedWork:
    """The Redis side of the shared queue: enqueue, pop (lease), renew, requeue."""

    def __init__(self, server, key: str, lease: float, seen_ttl: int):
        self.server = server
        self.key = key
        self.queue, self.leases, self.leased = f"{key}:queue", f"{key}:leases", f"{key}:leased"
        self.lease_ms = int(lease * 1000)
        self.seen_ttl = seen_ttl
        self._enqueue = server.register_script(ENQUEUE)
        self._pop = server.register_script(POP)
        self._renew = server.register_script(RENEW)
        self._requeue = server.register_script(REQUEUE)

    @classmethod
    def from_settings(cls, settings) -> SharedWork:
        prefix = settings.get("REDIS_PREFIX") or "newsmon"
        return cls(connect(settings), f"{prefix}:feeds", settings.getfloat("REQUEST_LEASE", 20),
                   settings.getint("REDIS_DUPEFILTER_TTL", 3600))

    def seen_key(self, entry: str) -> str:
        return f"{self.key}:seen:{entry}"

    def wait_key(self, entry: str) -> str:
        return f"{self.key}:wait:{entry}"

    def enqueue(self, entry: str, member: bytes, score: float, again: bool) -> bool:
        keys = [self.queue, self.seen_key(entry), self.leases, self.leased]
        mode = "again" if again else "new"
        return bool(self._enqueue(keys, [member, score, self.seen_ttl, entry, mode]))

    def pop(self) -> bytes | None:
        return self._pop([self.queue, self.leases, self.leased], [self.lease_ms])

    def renew(self, entries) -> set[str]:
        """Extend the leases of ``entries``; return those that are no longer leased."""
        if not entries:
            return set()
        gone = self._renew([self.leases], [self.lease_ms, *entries])
        return {e.decode() if isinstance(e, bytes) else e for e in gone}

    def requeue_expired(self, limit: int = 500) -> int:
        return int(self._requeue([self.queue, self.leases, self.leased], ["expired", limit]))

    def requeue(self, entries) -> int:
        if not entries:
            return 0
        return int(self._requeue([self.queue, self.leases, self.leased], ["entries", *entries]))

    def waiting(self) -> int:
        return int(self.server.zcard(self.queue))

    def outstanding(self) -> int:
        """Requests queued or leased by any worker."""
        pipe = self.server.pipeline(transaction=False)
        pipe.zcard(self.queue)
        pipe.zcard(self.leases)
        return sum(pipe.execute())


def entry_key(crawler, request) -> str:
    """The request's entry key: the fingerprint of the first request made for the entry."""
    entry = request.meta.get(ENTRY)
    if entry is None:
        entry = request.meta[ENTRY] = crawler.request_fingerprinter.fingerprint(request).hex()
    return entry


class LeasedScheduler:
    """Scrapy scheduler over :class:`SharedWork`: leases popped requests and renews them.

    Every ``lease / 4`` seconds it renews the leases of the requests this worker holds and
    puts expired leases (of dead workers) back into the queue. Closing (Ctrl-C, SIGTERM,
    ``database_unavailable``) puts what it still holds back at once.
    """

    def __init__(self, crawler, work: SharedWork):
        self.crawler = crawler
        self.work = work
        self.held: set[str] = set()
        self.spider = None
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, SharedWork.from_settings(crawler.settings))

    def open(self, spider) -> None:
        self.spider = spider
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(max(self.work.lease_ms / 4000, 0.2), now=True)

    def close(self, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        try:
            returned = self.work.requeue(sorted(self.held))
        except Exception as exc:  # Redis away: the leases expire and others take them
            logger.warning("could not hand back %d request(s): %s", len(self.held), exc)
            return
        if returned:
            logger.info("handed %d unfinished request(s) back to the shared queue", returned)

    def tick(self) -> None:
        try:
            self.held -= self.work.renew(sorted(self.held))
            reclaimed = self.work.requeue_expired()
        except Exception as exc:  # Redis away for a moment: try again at the next tick
            logger.warning("request leases not renewed: %s", exc)
            return
        if reclaimed:
            self.crawler.stats.inc_value("newsmon/requests_reclaimed", reclaimed)
            logger.warning("%d request(s) of a worker that stopped renewing its leases "
                           "handed out again", reclaimed)

    def has_pending_requests(self) -> bool:
        return self.work.waiting() > 0

    def __len__(self) -> int:
        return self.work.waiting()

    def enqueue_request(self, request) -> bool:
        again = bool(request.meta.get(QUEUED))
        entry = entry_key(self.crawler, request)
        request.meta[QUEUED] = True
        payload = pickle.dumps(request.to_dict(spider=self.spider), protocol=4)
        if not self.work.enqueue(entry, entry.encode() + b"\n" + payload, -request.priority,
                                 again or request.dont_filter):
            return False
        self.held.discard(entry)  # a retry or redirect: whoever pops it holds it
        self.crawler.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):
        member = self.work.pop()
        if member is None:
            return None
        entry, payload = member.split(b"\n", 1)
        request = request_from_dict(pickle.loads(payload), spider=self.spider)
        self.held.add(entry.decode())
        self.crawler.stats.inc_value("scheduler/dequeued/redis")
        return request
