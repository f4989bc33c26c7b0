"""Errors raised by the crawler's pure helpers."""

from __future__ import annotations


class FeedError(Exception):
    """A response could not be read as a feed; ``reason`` says why in a few words."""

    def __init__(self, reason: str, url: str | None = None):
        self.reason = reason
        self.url = url
        super().__init__(f"{url}: {reason}" if url else reason)


class SeedError(Exception):
    """One or more entries of a seed file are invalid; ``problems`` lists every one."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} invalid entr{'y' if len(problems) == 1 else 'ies'}:\n{lines}")


class OPMLError(Exception):
    """An OPML document could not be read."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"invalid OPML: {reason}")
