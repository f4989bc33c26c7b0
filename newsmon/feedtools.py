"""One-off feed fetches for ``feeds add`` (discovery) and ``feeds check`` (health).

These fetches follow the crawl's fetch policy (``FetchPolicy.from_settings`` reads the same
Scrapy settings): ``BLOCK_PRIVATE_ADDRESSES`` with ``PRIVATE_HOSTS_ALLOWED`` (checked before
every connection, redirects included, and again on the address actually connected to),
``DOWNLOAD_MAXSIZE``, ``DOWNLOAD_TIMEOUT`` (for the whole fetch), ``USER_AGENT``,
``ROBOTSTXT_OBEY`` and ``REDIRECT_MAX_TIMES``. Only http and https URLs are fetched; no proxy,
no file: or ftp: handler is installed.
"""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from protego import Protego

from crawler.middlewares import allowed_private_hosts, is_private_address, resolve_host
from feeds.discovery import discover_feeds, looks_like_feed
from feeds.errors import FeedError
from feeds.feedparse import parse_feed
from newsmon.errors import NewsmonError

MAX_BYTES = 10 * 1024 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    """What a one-off fetch may do; the crawl's settings, read once at the edge."""

    user_agent: str
    timeout: float = 30.0
    max_bytes: int = MAX_BYTES
    block_private: bool = False
    allowed_hosts: frozenset[str] = frozenset()
    obey_robots: bool = True
    max_redirects: int = 5

    @classmethod
    def from_settings(cls, settings: Any) -> FetchPolicy:
        """The policy a crawl with these Scrapy ``settings`` would follow."""
        return cls(
            user_agent=settings.get("USER_AGENT"),
            timeout=settings.getfloat("DOWNLOAD_TIMEOUT", 30.0),
            max_bytes=settings.getint("DOWNLOAD_MAXSIZE", MAX_BYTES) or MAX_BYTES,
            block_private=settings.getbool("BLOCK_PRIVATE_ADDRESSES"),
            allowed_hosts=allowed_private_hosts(settings),
            obey_robots=settings.getbool("ROBOTSTXT_OBEY", True),
            max_redirects=settings.getint("REDIRECT_MAX_TIMES", 5),
        )


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int | None
    content_type: str | None
    body: bytes
    error: str | None = None


@dataclass(frozen=True)
class FeedHealth:
    url: str
    status: int | None
    entries: int | None
    newest: datetime | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


class BlockedAddress(NewsmonError, OSError):
    """A host resolves to (or connected to) a private address while that is refused.

    An ``OSError`` too, so urllib reports it like any other failed connection.
    """

    def __init__(self, host: str, address: str):
        self.reason = (f"blocked: {host} resolves to private/loopback address {address} "
                       "(BLOCK_PRIVATE_ADDRESSES is on)")
        super().__init__(self.reason)


def policy_from_project(overrides: dict[str, str] | None = None) -> FetchPolicy:
    """The crawl's policy from the project settings, with ``-s NAME=VALUE`` overrides."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return FetchPolicy.from_settings(settings)


# -- the guarded urllib opener ---------------------------------------------------------------


def _guard_host(host: str, policy: FetchPolicy) -> None:
    host = host.strip("[]").rstrip(".").lower()
    if not policy.block_private or host in policy.allowed_hosts:
        return
    blocked = [a for a in resolve_host(host) if is_private_address(a)]
    if blocked:
        raise BlockedAddress(host, blocked[0])


def _guarded_connect(policy: FetchPolicy):
    """``socket.create_connection`` refusing private hosts before and after connecting."""

    def connect(address, *args, **kwargs):
        host = str(address[0])
        _guard_host(host, policy)
        sock = socket.create_connection(address, *args, **kwargs)
        peer = sock.getpeername()[0]
        bare = host.strip("[]").rstrip(".").lower()
        if policy.block_private and bare not in policy.allowed_hosts and is_private_address(peer):
            sock.close()
            raise BlockedAddress(bare, peer)  # the name changed its answer since we looked
        return sock

    return connect


def _connection_factory(cls, policy: FetchPolicy, **extra):
    def make(host, **kwargs):
        conn = cls(host, **kwargs, **extra)
        conn._create_connection = _guarded_connect(policy)
        return conn

    return make


class _GuardedHTTP(urllib.request.HTTPHandler):
    def __init__(self, policy: FetchPolicy):
        super().__init__()
        self.policy = policy

    def http_open(self, req):
        return self.do_open(_connection_factory(http.client.HTTPConnection, self.policy), req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, policy: FetchPolicy):
        super().__init__()
        self.policy = policy

    def https_open(self, req):
        factory = _connection_factory(http.client.HTTPSConnection, self.policy,
                                      context=self._context)
        return self.do_open(factory, req)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, policy: FetchPolicy):
        super().__init__()
        # urllib reads the limit from the instance; typeshed declares it a class variable.
        self.max_redirections = policy.max_redirects  # type: ignore[misc]

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        scheme = urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise urllib.error.URLError(f"redirect to a {scheme or 'non-http'}: URL refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def build_opener(policy: FetchPolicy) -> urllib.request.OpenerDirector:
    """An opener with only guarded http(s), http-only redirects and error handling."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _GuardedHTTP(policy), _GuardedHTTPS(policy), _HttpOnlyRedirects(policy),
        urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ):
        opener.add_handler(handler)
    return opener


# -- fetching ---------------------------------------------------------------------------------


def _read_capped(response, policy: FetchPolicy, deadline: float) -> bytes | str:
    """The body, or an error string when it is too large or too slow."""
    chunks, size = [], 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > policy.max_bytes:
            return f"response too large: over DOWNLOAD_MAXSIZE ({policy.max_bytes} bytes)"
        if time.monotonic() > deadline:
            return f"timed out after {policy.timeout:g}s (DOWNLOAD_TIMEOUT)"
        chunks.append(chunk)
    return b"".join(chunks)


def _raw_fetch(url: str, policy: FetchPolicy) -> Fetched:
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return Fetched(url, None, None, b"", "cannot fetch: only http and https URLs are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": policy.user_agent})
    deadline = time.monotonic() + policy.timeout
    try:
        with build_opener(policy).open(request, timeout=policy.timeout) as response:
            body = _read_capped(response, policy, deadline)
            if isinstance(body, str):
                return Fetched(response.url, response.status, None, b"", body)
            return Fetched(response.url, response.status,
                           response.headers.get("Content-Type"), body)
    except urllib.error.HTTPError as exc:
        return Fetched(url, exc.code, None, b"", f"HTTP {exc.code} {exc.reason}")
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, BlockedAddress):
            return Fetched(url, None, None, b"", reason.reason)
        return Fetched(url, None, None, b"", f"cannot fetch: {reason}")


class RobotsRules:
    """robots.txt per site, fetched once through the same policy (thread-safe)."""

    def __init__(self, policy: FetchPolicy):
        self.policy = policy
        self._rules: dict[str, Protego | None] = {}
        self._lock = threading.Lock()

    def allows(self, url: str) -> bool:
        if not self.policy.obey_robots:
            return True
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            if site not in self._rules:
                self._rules[site] = self._load(site)
            rules = self._rules[site]
        return rules is None or rules.can_fetch(url, self.policy.user_agent)

    def _load(self, site: str) -> Protego | None:
        got = _raw_fetch(f"{site}/robots.txt", self.policy)
        if got.error or not got.body:
            return None  # no robots.txt (or unreadable): everything allowed, as in a crawl
        return Protego.parse(got.body.decode("utf-8", errors="replace"))


def fetch(url: str, policy: FetchPolicy, robots: RobotsRules | None = None) -> Fetched:
    """``url`` fetched under ``policy``; ``error`` says why nothing usable came back."""
    robots = robots or RobotsRules(policy)
    if urlsplit(url).scheme.lower() in ("http", "https") and not robots.allows(url):
        return Fetched(url, None, None, b"", "forbidden by robots.txt (ROBOTSTXT_OBEY is on)")
    return _raw_fetch(url, policy)


def resolve_feed_urls(url: str, policy: FetchPolicy) -> list[str]:
    """``url`` itself if it is a feed, else the feeds its page announces; raises FeedError."""
    got = fetch(url, policy)
    if got.error:
        raise FeedError(got.error, url)
    if looks_like_feed(got.body, got.content_type):
        return [got.url]
    found = discover_feeds(got.body, got.url)
    if not found:
        raise FeedError(
            "no feed found: not a feed and no <link rel=alternate> feed on the page", url)
    return found


def check_feed(url: str, policy: FetchPolicy, robots: RobotsRules | None = None) -> FeedHealth:
    got = fetch(url, policy, robots)
    if got.error:
        return FeedHealth(url, got.status, None, None, got.error)
    try:
        parsed = parse_feed(got.body, got.url, got.content_type)
    except FeedError as exc:
        return FeedHealth(url, got.status, None, None, exc.reason)
    dates = [e.published for e in parsed.entries if e.published]
    return FeedHealth(url, got.status, len(parsed.entries), max(dates) if dates else None, None)


def check_feeds(urls: list[str], policy: FetchPolicy, workers: int = 8) -> list[FeedHealth]:
    robots = RobotsRules(policy)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda u: check_feed(u, policy, robots), urls))
