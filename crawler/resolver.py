"""The name resolver of crawls: Scrapy's caching resolver that, with
``BLOCK_PRIVATE_ADDRESSES``, refuses a private address in the very answer the connection uses.

``PrivateAddressGuard`` resolves a host before a request is sent, but the download resolves it
again: a DNS server that answers a public address to the first lookup and a private one to the
second (DNS rebinding) would slip past it. Here the check sits in the resolution the download
connects with, so no connection to a private address is ever opened. The guard then turns the
refusal into a ``blocked`` skip with the reason, like its own refusals.
"""

from __future__ import annotations

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from crawler.middlewares import (
    allowed_private_hosts,
    bare_host,
    is_private_address,
    refused_at_connection,
)


class GuardedResolver(CachingThreadedResolver):
    """``TWISTED_DNS_RESOLVER`` of newsmon's crawls (a no-op unless
    ``BLOCK_PRIVATE_ADDRESSES`` is on)."""

    def __init__(self, reactor, cache_size: int, timeout: float, block: bool = False,
                 allowed: frozenset[str] = frozenset()):
        super().__init__(reactor, cache_size, timeout)
        self.block = block
        self.allowed = allowed

    @classmethod
    def from_crawler(cls, crawler, reactor):
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"),
                   settings.getbool("BLOCK_PRIVATE_ADDRESSES"), allowed_private_hosts(settings))

    def getHostByName(self, name, timeout=()):  # noqa: N802 - Twisted's interface
        result = super().getHostByName(name, timeout)
        if self.block and bare_host(name) not in self.allowed:
            result.addCallback(self._refuse_private, name)
        return result

    def _refuse_private(self, address: str, name: str) -> str:
        if is_private_address(address):
            refused_at_connection[bare_host(name)] = address
            raise DNSLookupError(f"{name} resolves to private address {address} at connection time")
        return address
