"""The root of every newsmon error, and the errors of the ``newsmon`` package itself.

A leaf module: it imports nothing from the project. Each package keeps its errors in its own
``errors`` module, with a base class derived from :class:`NewsmonError`
(``feeds.errors.FeedLibraryError``, ``storage.errors.StorageError``, ``enrich.errors.EnrichError``,
``crawler.errors.CrawlerError``), so the CLI turns any of them into a one-line message by catching
this one class. Every message is built from the constructor's arguments.
"""

from __future__ import annotations

from datetime import datetime


class NewsmonError(Exception):
    """Base class of every error newsmon raises on purpose; the message says what and where."""


class RedisNotConfigured(NewsmonError):
    """Distributed mode needs NEWSMON_REDIS_URL (or ``-s REDIS_URL=...``)."""

    def __init__(self) -> None:
        super().__init__("distributed mode needs a Redis URL: set NEWSMON_REDIS_URL")


class DaemonError(NewsmonError):
    """The daemon cannot run."""


class DaemonAlreadyRunning(DaemonError):
    """Another daemon holds the database's lease."""

    def __init__(self, owner: str, heartbeat_at: datetime | None) -> None:
        self.owner = owner
        self.heartbeat_at = heartbeat_at
        beat = f"{heartbeat_at:%Y-%m-%d %H:%M:%S}" if heartbeat_at else "unknown"
        super().__init__(f"another daemon ({owner}) is running on this database; "
                         f"its last heartbeat was at {beat}")


class ConfigError(DaemonError):
    """The daemon's configuration file has mistakes (all of them listed, one line each)."""

    def __init__(self, path: str, errors: list[str]) -> None:
        self.errors = errors
        lines = "\n".join(f"{path}: {e}" for e in errors)
        super().__init__(f"{len(errors)} error(s) in {path}:\n{lines}")


class SetupError(DaemonError):
    """The daemon's options do not make sense together (every problem listed)."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors) if len(errors) == 1 else
                         f"{len(errors)} problems:\n" + "\n".join(f"  {e}" for e in errors))


class DeliveryFailed(NewsmonError):
    """A webhook POST failed; ``retry`` says whether it surely did not arrive."""

    def __init__(self, reason: str, retry: bool, uncertain: bool = False) -> None:
        self.reason = reason
        self.retry = retry
        self.uncertain = uncertain
        super().__init__(reason)


class LanguageError(NewsmonError, ValueError):
    """Not an ISO 639-1 language code; names the code to use when the value is a language."""

    def __init__(self, value: str, code: str | None = None) -> None:
        self.value = value
        self.code = code
        if code:
            message = f"{value!r} is a language name: use its ISO 639-1 code {code!r}"
        else:
            message = (f"{value!r} is not an ISO 639-1 language code (two letters, e.g. en, fr, "
                       "de, es)")
        super().__init__(message)


class NotADemoDatabase(NewsmonError):
    """The demo would replace a database that holds other feeds."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path} holds feeds other than the demo's: choose another --db "
                         "(the demo replaces its database each run)")
