"""Downloader middlewares: Retry-After aware retries with backoff; redirects that refuse
loops and non-http targets; private-address guard."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest, NotConfigured
from scrapy.utils.datatypes import LocalCache
from scrapy.utils.response import response_status_message
from twisted.internet.error import DNSLookupError

from storage.due import backoff_seconds

logger = logging.getLogger(__name__)


def parse_retry_after(value: bytes | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Retries with exponential backoff; honours ``Retry-After`` on 429 and 503.

    A Retry-After longer than ``RETRY_AFTER_MAX`` is not waited for in this run: the response
    goes on to the errback, which defers the feed to a later run.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX")
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE")

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        delay = self._backoff(request)
        if response.status in (429, 503):
            wanted = parse_retry_after(response.headers.get(b"Retry-After"))
            if wanted is not None:
                if wanted > self.retry_after_max:
                    self.crawler.stats.inc_value("newsmon/retry_after_deferred")
                    return response
                delay = max(delay, wanted)
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if delay > 0:
            await asyncio.sleep(delay)
        return retry

    async def process_exception(self, request, exception, spider=None):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            delay = self._backoff(request)
            if delay > 0:
                await asyncio.sleep(delay)
        return retry

    def _backoff(self, request) -> float:
        return backoff_seconds(self.backoff_base, request.meta.get("retry_times", 0), 3600.0)


class SafeRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, plus: a loop is refused at its first repeat (the duplicate filter
    would otherwise drop it silently) and a redirect to ``file:``, ``ftp:`` or any non-http
    URL is refused with a reason instead of passing the 3xx on."""

    def _redirect(self, redirected, request, reason):
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            raise IgnoreRequest(f"redirect loop: {' -> '.join([*chain, redirected.url])}")
        return super()._redirect(redirected, request, reason)

    def process_response(self, request, response, spider=None):
        result = super().process_response(request, response)
        location = response.headers.get(b"Location")
        if result is response and location and response.status in (301, 302, 303, 307, 308):
            target = urljoin(request.url, location.decode("latin-1").strip())
            scheme = urlsplit(target).scheme
            if scheme not in ("http", "https") and not request.meta.get("dont_redirect"):
                raise IgnoreRequest(f"blocked: redirect to a {scheme or 'non-http'}: URL refused")
        return result


def bare_host(name: str) -> str:
    """A host name as the private-address checks compare it: lower case, no trailing dot."""
    return name.lower().rstrip(".")


def allowed_private_hosts(settings) -> frozenset[str]:
    """``PRIVATE_HOSTS_ALLOWED``, as bare host names."""
    return frozenset(bare_host(h.strip()) for h in settings.getlist("PRIVATE_HOSTS_ALLOWED"))


#: Host name -> the private address its connection-time lookup gave (``crawler.resolver``).
refused_at_connection: LocalCache[str, str] = LocalCache(1000)


def is_private_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified)


def resolve_host(host: str) -> list[str]:
    """Every address ``host`` resolves to (IPv6 zone ids dropped); [] if it does not resolve."""
    try:
        return [str(info[4][0]).partition("%")[0] for info in socket.getaddrinfo(host, None)]
    except (socket.gaierror, UnicodeError, ValueError):
        return []


class PrivateAddressGuard:
    """With ``BLOCK_PRIVATE_ADDRESSES``, refuse requests to hosts on internal addresses.

    Every request passes here, redirects included (the redirect middleware sends the new
    request through the downloader middlewares again), and robots.txt fetches too. A host
    name is resolved and refused if *any* of its addresses is private, loopback, link-local
    (cloud metadata at 169.254.169.254), multicast, reserved or unspecified. Hosts listed in
    ``PRIVATE_HOSTS_ALLOWED`` (exact names, e.g. an intranet feed server) are let through.
    """

    def __init__(self, crawler, allowed: frozenset[str] = frozenset()):
        self.stats = crawler.stats
        self.allowed = allowed

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("BLOCK_PRIVATE_ADDRESSES"):
            raise NotConfigured
        return cls(crawler, allowed_private_hosts(settings))

    async def process_request(self, request, spider=None):
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https"):
            return None  # data: and file: never reach the network (file: has no handler here)
        host = bare_host(parts.hostname or "")
        if host in self.allowed:
            return None
        addresses = await asyncio.get_running_loop().run_in_executor(None, resolve_host, host)
        blocked = [a for a in addresses if is_private_address(a)]
        if blocked:
            self.stats.inc_value("newsmon/blocked_private")
            logger.warning("blocked %s: %s resolves to %s", request.url, host, blocked[0])
            raise IgnoreRequest(
                f"blocked: {host} resolves to private/loopback address {blocked[0]} "
                "(BLOCK_PRIVATE_ADDRESSES is on)"
            )
        return None

    def process_exception(self, request, exception, spider=None):
        """A lookup ``crawler.resolver`` refused at connection time becomes a ``blocked`` skip
        (the name answered a public address to our check and a private one to the download)."""
        host = bare_host(urlsplit(request.url).hostname or "")
        address = refused_at_connection.get(host)
        if isinstance(exception, (DNSLookupError, CannotResolveHostError)) and address:
            self.stats.inc_value("newsmon/blocked_private")
            logger.warning("blocked %s: %s resolved to %s at connection time",
                           request.url, host, address)
            raise IgnoreRequest(
                f"blocked: {host} resolves to private/loopback address {address} at "
                "connection time, after a public one (DNS rebinding; BLOCK_PRIVATE_ADDRESSES is on)"
            )
        return None
