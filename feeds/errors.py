"""Errors raised by the feed library: unreadable feeds, bad seed files, bad OPML."""

from __future__ import annotations

from newsmon.errors import NewsmonError


class FeedLibraryError(NewsmonError):
    """Base class of the feed library's errors."""


class FeedError(FeedLibraryError):
    """A response could not be read as a feed; ``reason`` says why in a few words."""

    def __init__(self, reason: str, url: str | None = None):
        self.reason = reason
        self.url = url
        super().__init__(f"{url}: {reason}" if url else reason)


class SeedError(FeedLibraryError):
    """One or more entries of a seed file are invalid; ``problems`` lists every one."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        entries = "entry" if len(problems) == 1 else "entries"
        super().__init__(f"{path}: {len(problems)} invalid {entries}:\n{lines}")


class OPMLError(FeedLibraryError):
    """An OPML document could not be read."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"invalid OPML: {reason}")


class Declined(FeedLibraryError):  # noqa: N818 - a decision, not a failure
    """A document the direct RSS/Atom readers leave to feedparser (not plain RSS 2.0 or Atom
    1.0, or a date only feedparser may read); never leaves ``feeds``."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"left to feedparser: {reason}")
