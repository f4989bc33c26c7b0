"""One database handle per crawler, shared by the spider's feed source, pipelines and extensions."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from newsmon import defaults
from storage import leases, repo
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
        #: This crawl's name on the feeds it holds (``feed_leases``).
        self.lease_owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

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

    def claim_feeds(
        self, targets: list[FeedTarget], ttl: timedelta
    ) -> tuple[list[FeedTarget], list[tuple[FeedTarget, leases.FeedLease]]]:
        """Lease the targets for this crawl; ``(claimed, [(target, lease held by another)])``."""
        host = socket.gethostname()
        with self.session() as session:
            claimed, refused = leases.claim_feeds(
                session, [t.id for t in targets], owner=self.lease_owner, host=host,
                pid=os.getpid(), now=utcnow(), ttl=ttl,
                dead=lambda lease: lease.host == host and not _pid_alive(lease.pid))
        held = {lease.feed_id: lease for lease in refused}
        return ([t for t in targets if t.id in set(claimed)],
                [(t, held[t.id]) for t in targets if t.id in held])

    def renew_leases(self, ttl: timedelta) -> int:
        with self.session() as session:
            return leases.renew(session, self.lease_owner, utcnow(), ttl)

    def release_leases(self) -> int:
        with self.session() as session:
            return leases.release(session, self.lease_owner)

    def known(self, canonical_urls: Iterable[str]) -> set[str]:
        with self.session() as session:
            return repo.known_urls(session, canonical_urls)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
