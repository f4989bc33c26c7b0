"""A feed's fetch is recorded only once its new entries are settled.

A feed's validators (ETag, Last-Modified) and next due time are what let the next run skip it
with a 304. Committing them before the feed's articles are stored would lose those articles
if the crawl stops in between (SIGKILL, a crash, SIGINT with requests still queued): the next
run would get a 304 and never look at the entries again. So :class:`FeedFetchTagger` tags the
article requests of each feed response with a fetch token, the storage pipeline *holds* the
feed's result, and each settled entry (stored, skipped for good, or dropped as a duplicate)
counts down; at zero the result is written. Entries that failed transiently clear the
validators, so the next run fetches the feed in full and retries them.

:class:`LocalLedger` counts in memory (one crawler); ``crawler.distributed.RedisLedger``
counts in Redis, so a feed fetched by one worker is settled by whichever workers fetch its
articles.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

import scrapy

from crawler.items import FeedFetchItem
from storage.repo import FeedResult

#: Request meta key carrying the fetch token of the feed response that led to the request.
TOKEN = "feed_fetch"


class FeedFetchTagger:
    """Spider middleware: tag a feed response's article requests and its FeedFetchItem."""

    def process_spider_output(self, response, result):
        if "feed" not in response.meta:
            yield from result
            return
        yield from tag_feed_output(list(result))

    async def process_spider_output_async(self, response, result):
        if "feed" not in response.meta:
            async for output in result:
                yield output
            return
        buffered = [output async for output in result]
        for output in tag_feed_output(buffered):
            yield output


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
        """At close: results still waiting, to record without their validators."""
        results = [without_validators(h.result) for h in self.held.values()]
        self.held.clear()
        return results
