"""One database handle per crawler, shared by the spider's feed source, pipelines and extensions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from newsmon import defaults
from storage import repo
from storage.db import make_engine, safe_url, session_factory, transaction, upgrade


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


class Database:
    def __init__(self, url: str, migrate: bool = True):
        self.url = url
        self.safe_url = safe_url(url)
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

    def feed_targets(self, urls: Iterable[str] = (), everything: bool = False) -> list[FeedTarget]:
        """Feeds for this run: the given URLs (registered on the way), else every due feed."""
        now = utcnow()
        with self.session() as session:
            if urls:
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
