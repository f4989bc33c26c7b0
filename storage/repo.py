"""Repository functions for feeds, articles, skips and crawl runs.

Every function takes the caller's session first and never commits or closes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, delete, func, not_, or_, select, update
from sqlalchemy.orm import Session

from storage import due
from storage.errors import UnknownFeed
from storage.models import Article, ArticleFeed, CrawlRun, Feed, SkippedUrl
from storage.upsert import insert_for, rowcount

if TYPE_CHECKING:  # the record only: storage does not import the extractor at run time
    from pages.article import ExtractedArticle

#: Skip reasons worth another try on a later crawl, whatever their detail.
RETRYABLE_REASONS = frozenset({"network_error", "retry_later"})
#: ``http_error`` details worth another try: server errors, timeouts, rate limits.
RETRYABLE_HTTP = ("HTTP 5", "HTTP 408", "HTTP 429")


def retryable_skip(reason: str, detail: str | None) -> bool:
    """Whether a skipped entry may come back: the one rule for the crawl and for storage.

    A retryable skip leaves its feed without validators (read in full next time) and is not
    "known", so the next run requests the page again; any other skip (a 404, robots.txt, not
    HTML, too large, ...) is final.
    """
    return reason in RETRYABLE_REASONS or (
        reason == "http_error" and (detail or "").startswith(RETRYABLE_HTTP)
    )


def _retryable_skip_sql():
    """:func:`retryable_skip` as a SQL condition on ``skipped_urls``."""
    detail = func.coalesce(SkippedUrl.detail, "")  # NULL would make the whole test NULL
    http = or_(*(detail.startswith(prefix, autoescape=True) for prefix in RETRYABLE_HTTP))
    return or_(SkippedUrl.reason.in_(RETRYABLE_REASONS),
               and_(SkippedUrl.reason == "http_error", http))


# --- feeds ----------------------------------------------------------------------------------


def upsert_feed(
    session: Session,
    *,
    url: str,
    name: str,
    language: str | None,
    interval_seconds: int,
    active: bool,
    now: datetime,
    update_existing: bool = True,
) -> tuple[int, bool]:
    """Register a feed (or refresh its settings); return ``(feed_id, created)``."""
    values = dict(
        url=url, name=name, language=language, interval_seconds=interval_seconds, active=active
    )
    stmt = insert_for(session, Feed).values(
        **values, created_at=now, consecutive_failures=0, next_due_at=None
    )
    if update_existing:
        stmt = stmt.on_conflict_do_update(index_elements=["url"], set_=values)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=["url"])
    existing = session.scalar(select(Feed.id).where(Feed.url == url))
    session.execute(stmt)
    feed_id = session.scalars(select(Feed.id).where(Feed.url == url)).one()
    return feed_id, existing is None


def find_feed(session: Session, key: str) -> Feed:
    """The feed whose URL, name or id is ``key``; raises UnknownFeed."""
    conditions = [Feed.url == key, Feed.name == key]
    if key.isdigit():
        conditions.append(Feed.id == int(key))
    feed = session.scalars(select(Feed).where(or_(*conditions)).order_by(Feed.id)).first()
    if feed is None:
        raise UnknownFeed(key)
    return feed


def edit_feed(session: Session, feed: Feed, **changes) -> list[str]:
    """Set the given settings (``name``, ``language``, ``interval_seconds``, ``active``; None
    leaves one as it is); return the names of those that changed."""
    changed = []
    for field, value in changes.items():
        if field not in ("name", "language", "interval_seconds", "active"):
            raise TypeError(f"not a feed setting: {field}")
        if value is not None and getattr(feed, field) != value:
            setattr(feed, field, value)
            changed.append(field)
    session.flush()
    return changed


def list_feeds(session: Session, active_only: bool = False) -> Sequence[Feed]:
    stmt = select(Feed).order_by(Feed.name, Feed.id)
    if active_only:
        stmt = stmt.where(Feed.active.is_(True))
    return session.scalars(stmt).all()


def remove_feed(session: Session, key: str) -> Feed:
    feed = find_feed(session, key)
    session.delete(feed)
    session.flush()
    return feed


def due_feeds(
    session: Session, now: datetime, policy: due.Policy = due.CRAWL_POLICY
) -> list[Feed]:
    """Active feeds due at ``now`` by ``storage.due.due_at`` (the daemon's rule), most overdue
    first."""
    timed = [(due.due_at(due.FeedClock.from_feed(f), policy), f.id, f)
             for f in list_feeds(session, active_only=True)]
    return [f for when, _, f in sorted(timed, key=lambda t: (t[0], t[1])) if when <= now]


@dataclass(frozen=True)
class FeedResult:
    """What one fetch of a feed told us."""

    feed_id: int
    fetched_at: datetime
    outcome: str  # "ok" | "not_modified" | "failed"
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    entry_count: int | None = None
    error: str | None = None
    retry_after: float | None = None
    #: New entries not settled when the crawl stopped: the fetch is incomplete.
    missing: int = 0


def record_feed_result(
    session: Session, result: FeedResult, backoff_cap: int = due.FEED_BACKOFF_CAP
) -> None:
    """Store a fetch outcome: validators, health, failures and the next due time.

    An incomplete fetch (``missing`` > 0: the crawl stopped before every new entry was
    settled) is no failure, but the feed is due again at once, without validators.
    """
    feed = session.get(Feed, result.feed_id)
    if feed is None:
        return
    feed.last_fetched_at = result.fetched_at
    feed.last_status = result.status
    feed.missing_entries = result.missing if result.outcome == "ok" else 0
    if result.outcome == "failed":
        feed.consecutive_failures = (feed.consecutive_failures or 0) + 1
        feed.last_error = result.error
        delay = due.feed_backoff(feed.interval_seconds, feed.consecutive_failures,
                                 result.retry_after, backoff_cap)
        feed.next_due_at = result.fetched_at + timedelta(seconds=delay)
        return
    if result.outcome == "ok":
        feed.etag = result.etag
        feed.last_modified = result.last_modified
        feed.last_entry_count = result.entry_count
    feed.consecutive_failures = 0
    feed.last_error = None
    feed.last_success_at = result.fetched_at
    wait = 0 if feed.missing_entries else feed.interval_seconds
    feed.next_due_at = result.fetched_at + timedelta(seconds=wait)


# --- articles -------------------------------------------------------------------------------


def known_urls(session: Session, urls: Iterable[str]) -> set[str]:
    """Those of ``urls`` (canonical) already stored, or skipped for a lasting reason."""
    wanted = list(dict.fromkeys(urls))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(session.scalars(select(Article.canonical_url).where(Article.canonical_url.in_(chunk))))
        found.update(session.scalars(select(Article.url).where(Article.url.in_(chunk))))
        found.update(
            session.scalars(
                select(SkippedUrl.canonical_url)
                .where(SkippedUrl.canonical_url.in_(chunk))
                .where(not_(_retryable_skip_sql()))
            )
        )
    return found


def article_id_for(session: Session, url: str) -> int | None:
    """The id of the article stored under ``url`` as its canonical or fetched URL."""
    return session.scalar(
        select(Article.id).where(or_(Article.canonical_url == url, Article.url == url)).limit(1)
    )


def store_article(session: Session, article: ExtractedArticle) -> tuple[int, bool]:
    """Insert an article unless its canonical URL exists; return ``(article_id, created)``."""
    stmt = (
        insert_for(session, Article)
        .values(**article.row())
        .on_conflict_do_nothing(index_elements=["canonical_url"])
        .returning(Article.id)
    )
    new_id = session.execute(stmt).scalar()
    if new_id is not None:
        return new_id, True
    existing = session.scalars(
        select(Article.id).where(Article.canonical_url == article.canonical_url)
    ).one()
    return existing, False


def link_article_feeds(
    session: Session, article_id: int, feed_ids: Iterable[int], entry_url: str | None, now: datetime
) -> int:
    """Record that the article came through these feeds; return how many links are new."""
    rows = [
        dict(article_id=article_id, feed_id=f, entry_url=entry_url, first_seen_at=now)
        for f in dict.fromkeys(feed_ids)
    ]
    if not rows:
        return 0
    stmt = insert_for(session, ArticleFeed).values(rows).on_conflict_do_nothing()
    return rowcount(session.execute(stmt))


def record_skip(
    session: Session,
    canonical_url: str,
    reason: str,
    detail: str | None,
    feed_id: int | None,
    now: datetime,
) -> None:
    """Remember why a URL was not stored (latest reason wins)."""
    values = dict(reason=reason, detail=detail, recorded_at=now, feed_id=feed_id)
    stmt = insert_for(session, SkippedUrl).values(canonical_url=canonical_url, **values)
    session.execute(stmt.on_conflict_do_update(index_elements=["canonical_url"], set_=values))


def clear_skip(session: Session, canonical_url: str) -> None:
    session.execute(delete(SkippedUrl).where(SkippedUrl.canonical_url == canonical_url))


def like_pattern(word: str) -> str:
    """``%word%`` for LIKE with ``\\``, ``%`` and ``_`` in ``word`` matched literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def query_articles(
    session: Session,
    *,
    since: datetime | None = None,
    language: str | None = None,
    search: str | None = None,
    limit: int | None = 100,
    fetched_since: datetime | None = None,
) -> Sequence[Article]:
    """Articles newest first: ``since`` is the publication date, ``fetched_since`` the fetch."""
    stmt = select(Article).order_by(
        Article.published_at.desc().nulls_last(), Article.fetched_at.desc()
    )
    if since is not None:
        stmt = stmt.where(Article.published_at >= since)
    if fetched_since is not None:
        stmt = stmt.where(Article.fetched_at >= fetched_since)
    if language:
        stmt = stmt.where(Article.language == language)
    for word in (search or "").split():
        pattern = like_pattern(word)
        stmt = stmt.where(or_(Article.title.ilike(pattern, escape="\\"),
                              Article.text.ilike(pattern, escape="\\")))
    if limit:
        stmt = stmt.limit(limit)
    return session.scalars(stmt).all()


def stored_languages(session: Session) -> list[str]:
    """The language codes stored articles carry."""
    stmt = select(Article.language).where(Article.language.is_not(None)).distinct()
    return sorted(session.scalars(stmt))


def find_article(session: Session, key: str) -> Article | None:
    """The article whose id, canonical URL or fetched URL is ``key``."""
    if key.isdigit():
        return session.get(Article, int(key))
    found = article_id_for(session, key)
    return session.get(Article, found) if found is not None else None


def article_sources(session: Session, article_ids: Iterable[int]) -> dict[int, Feed]:
    """For each article, the first feed it came through."""
    ids = list(dict.fromkeys(article_ids))
    found: dict[int, Feed] = {}
    for start in range(0, len(ids), 500):
        stmt = (select(ArticleFeed.article_id, Feed)
                .join(Feed, Feed.id == ArticleFeed.feed_id)
                .where(ArticleFeed.article_id.in_(ids[start:start + 500]))
                .order_by(ArticleFeed.first_seen_at.desc()))
        for article_id, feed in session.execute(stmt):
            found[article_id] = feed
    return found


def article_feeds(session: Session, article_id: int) -> Sequence[Feed]:
    """The feeds an article came through, oldest link first."""
    stmt = (select(Feed).join(ArticleFeed, ArticleFeed.feed_id == Feed.id)
            .where(ArticleFeed.article_id == article_id).order_by(ArticleFeed.first_seen_at))
    return session.scalars(stmt).all()


def article_deals(session: Session, article_id: int) -> list[dict]:
    """The deal mentions found in one article, in text order, as plain values."""
    from storage.models import StoredMention

    stmt = (select(StoredMention).where(StoredMention.article_id == article_id)
            .order_by(StoredMention.mention_index))
    return [{"deal_id": m.deal_id, "buyers": m.buyers, "target": m.target, "seller": m.seller,
             "deal_type": m.deal_type, "amount": m.amount, "currency": m.currency,
             "amount_usd": m.amount_usd, "stake_percent": m.stake_percent, "status": m.status,
             "is_primary": m.is_primary, "evidence": m.evidence}
            for m in session.scalars(stmt)]


# --- crawl runs -----------------------------------------------------------------------------


def start_run(session: Session, now: datetime, feeds_total: int) -> int:
    run = CrawlRun(started_at=now, status="running", feeds_total=feeds_total)
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session, run_id: int, now: datetime, reason: str, counts: dict, stats: dict
) -> None:
    values = {k: v for k, v in counts.items() if hasattr(CrawlRun, k)}
    status = "finished" if reason == "finished" else "stopped"
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(finished_at=now, status=status, finish_reason=reason, stats=stats, **values)
    )


def recent_runs(session: Session, limit: int = 10) -> Sequence[CrawlRun]:
    return session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)).all()
