"""Errors raised by the Scrapy glue (spiders, pipelines, middlewares, extensions).

The feed library's own errors (``FeedError``, ``SeedError``, ``OPMLError``) live in
``feeds.errors``.
"""

from __future__ import annotations

from newsmon.errors import NewsmonError


class CrawlerError(NewsmonError):
    """Base class of the crawler's errors."""
