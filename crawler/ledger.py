"""A feed's fetch is recorded only once its new entries are settled.

A feed's validators (ETag, Last-Modified) and next due time are what let the next run skip it
with a 304. Committing them before the feed's articles are stored would lose those articles
if the crawl stops in between (SIGKILL, a crash, SIGINT with requests still queued): the next
run would get a 304 and never look at the entries again. So :class:`FeedFetchTagger` tags the
article requests of each feed response with a fetch token, the storage pipeline *holds* the
feed's result, and each settled entry (stored, skipped for good, or dropped as a duplicate)
counts down; at zero the result is written. Entries that failed transiently clear the
validators, so the next run fetches the feed in full and retries them. Entries still unsettled
when the crawl stops (Ctrl-C, database unavailable) make the fetch *incomplete*: recorded
without validators, the feed due again at once, the count of missing entries kept for
``newsmon status``.

:class:`LocalLedger` counts in memory (one crawler); ``crawler.distributed.RedisLedger``
keeps, in Redis, the set of entries each fetch waits for, so a feed fetched by one worker is
settled by whichever workers fetch its articles.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

import scrapy

from crawler.items import FeedFetchItem
from crawler.leases import entry_key
from storage.repo import FeedResult

#: Request meta key carrying the fetch token of the feed response that led to the request.
TOKEN = "feed_fetch"


class FeedFetchTagger:
    """Spider middleware: tag a feed response's article requests and its FeedFetchItem.

    In distributed mode the shared ledger is told, before any request leaves, which entries
    the fetch waits for.
    """

    def __init__(self, crawler=None):
        self.crawler = crawler
        self.expect = None
        if crawler is not None and crawler.settings.get("REDIS_URL"):
            from crawler.distributed import Distributed

            self.expect = Distributed.from_settings(crawler.settings).ledger.expect

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_spider_output(self, response, result):
        if "feed" not in response.meta:
            yield from result
            return
        yield from self.tag(list(result))

    async def process_spider_output_async(self, response, result):
        if "feed" not in response.meta:
            async for output in result:
                yield output
            return
        buffered = [output async for output in result]
        for output in self.tag(buffered):
            yield output

    def tag(self, outputs: list) -> list:
        tag_feed_output(outputs)
        requests = [o for o in outputs if isinstance(o, scrapy.Request)]
        if self.expect is not None and requests:
            self.expect(requests[0].meta[TOKEN], [entry_key(self.crawler, r) for r in requests])
        return outputs


def tag_feed_output(outputs: list) -> list:
    token = uuid.uuid4().hex
    requests = [o for o in outputs if isinstance(o, scrapy.Request)]
    for request in requests:
        request.meta[TOKEN] = token
    for output in outputs:
        if isinstance(output, FeedFetchItem):
            output.fetch_token = token  # type: ignore[attr-defined]
            output.new_entries = len(requests)
    return outputs


@dataclass
class _Held:
    result: FeedResult
    pending: int
    clean: bool = True


def without_validators(result: FeedResult) -> FeedResult:
    """The same fetch, minus what would let the next run skip the feed with a 304."""
    return replace(result, etag=None, last_modified=None)


class LocalLedger:
    """Held feed results and their outstanding entries, in this process."""

    def __init__(self) -> None:
        self.held: dict[str, _Held] = {}
        self.early: dict[str, list[bool]] = {}  # entries settled before their feed's result

    def hold(self, token: str, result: FeedResult, pending: int) -> FeedResult | None:
        held = self.held[token] = _Held(result, pending)
        for ok in self.early.pop(token, ()):
            held.pending -= 1
            held.clean &= ok
        return self._ready(token)

    def settle(self, token: str, ok: bool) -> FeedResult | None:
        held = self.held.get(token)
        if held is None:
            self.early.setdefault(token, []).append(ok)
            return None
        held.pending -= 1
        held.clean &= ok
        return self._ready(token)

    def _ready(self, token: str) -> FeedResult | None:
        held = self.held[token]
        if held.pending > 0:
            return None
        del self.held[token]
        return held.result if held.clean else without_validators(held.result)

    def unsettled(self) -> list[FeedResult]:
        """At close: results still waiting, incomplete (no validators, missing entries)."""
        results = [incomplete(h.result, h.pending) for h in self.held.values()]
        self.held.clear()
        return results


def incomplete(result: FeedResult, missing: int) -> FeedResult:
    """A fetch whose ``missing`` new entries were not settled: the feed stays due."""
    return replace(without_validators(result), missing=missing)
