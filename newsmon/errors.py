"""The root of every newsmon error; a leaf module that imports nothing from the project.

Each package has its own ``errors`` module whose base class derives from :class:`NewsmonError`
(``feeds.errors.FeedLibraryError``, ``storage.errors.StorageError``, ``enrich.errors.EnrichError``,
``crawler.errors.CrawlerError``), so the CLI turns any of them into a one-line message by catching
this one class.
"""

from __future__ import annotations


class NewsmonError(Exception):
    """Base class of every error newsmon raises on purpose; the message says what and where."""
