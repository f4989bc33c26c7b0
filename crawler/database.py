"""One database handle per crawler, shared by the spider's feed source, pipelines and extensions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from newsmon import defaults
from storage import repo
from storage.db import (
    make_engine,
    make_url_path,
    safe_url,
    session_factory,
    transaction,
    upgrade,
)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class FeedTarget:
    """A feed to fetch in this run, with its conditional-GET validators."""

    id: int
    url: str
    name: str
    language: str | None
    etag: str | None
    last_modified: str | None


def _make_default_directory(url: str) -> None:
    """The default database's directory (per-user data dir) is made on first use."""
    path = make_url_path(url)
    if url == defaults.DATABASE_URL and path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)


class Database:
    def __init__(self, url: str, migrate: bool = True):
        self.url = url
        self.safe_url = safe_url(url)
        _make_default_directory(url)
        if migrate:
            upgrade(url)
        self.engine: Engine = make_engine(url)
        self.factory: sessionmaker[Session] = session_factory(self.engine)

    @classmethod
    def from_crawler(cls, crawler) -> Database:
        db = getattr(crawler, "_newsmon_db", None)
        if db is None:
            db = cls(crawler.settings.get("DATABASE_URL"))
            crawler._newsmon_db = db
        return db

    def session(self):
        return transaction(self.factory)

    def close(self) -> None:
        self.engine.dispose()

    # Read-side helpers used by the spider (it never writes itself).

    def feed_targets(self, urls: Iterable[str] = (), everything: bool = False,
                     feed_ids: Iterable[int] = ()) -> list[FeedTarget]:
        """Feeds for this run: the given ids (registered by the caller), the given URLs
        (registered on the way), else every due feed (or every active one)."""
        now = utcnow()
        with self.session() as session:
            if feed_ids:
                feeds = [f for f in (session.get(repo.Feed, i) for i in feed_ids) if f is not None]
            elif urls:
                feeds = []
                for url in urls:
                    feed_id, _ = repo.upsert_feed(
                        session, url=url, name=url, language=None,
                        interval_seconds=defaults.FEED_INTERVAL_MINUTES * 60,
                        active=True, now=now, update_existing=False,
                    )
                    feeds.append(session.get(repo.Feed, feed_id))
            elif everything:
                feeds = list(repo.list_feeds(session, active_only=True))
            else:
                feeds = list(repo.due_feeds(session, now))
            return [
                FeedTarget(f.id, f.url, f.name, f.language, f.etag, f.last_modified) for f in feeds
            ]

    def known(self, canonical_urls: Iterable[str]) -> set[str]:
        with self.session() as session:
            return repo.known_urls(session, canonical_urls)
