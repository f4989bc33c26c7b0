"""Errors raised by the storage layer."""

from __future__ import annotations

from newsmon.errors import NewsmonError


class StorageError(NewsmonError):
    """The database could not be opened or written; the message names it."""


class DatabaseUnavailable(StorageError):
    """The database server or file is unreachable or not writable."""

    def __init__(self, where: str, reason: str):
        self.where = where
        self.reason = reason
        super().__init__(f"database {where} is unavailable: {reason}")


class UnknownFeed(StorageError):
    """No feed matches the given URL or name."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(f"no feed with URL or name {key!r}")
