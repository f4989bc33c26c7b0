"""Typed SQLAlchemy 2.0 models. The initial Alembic migration mirrors this file exactly."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: BigInteger keys on Postgres, INTEGER PRIMARY KEY (rowid alias) on SQLite.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class Feed(Base):
    """A feed we watch, with its conditional-GET validators and health."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    language: Mapped[str | None] = mapped_column(String(8))
    interval_seconds: Mapped[int] = mapped_column(Integer, default=3600)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    last_fetched_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_entry_count: Mapped[int | None] = mapped_column(Integer)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    #: New entries of the last fetch left unsettled (crawl interrupted): the feed is incomplete.
    missing_entries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_due_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime]


class Article(Base):
    """One article, stored once whatever feeds and URLs led to it."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), index=True)
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[str | None] = mapped_column(Text)
    #: The publication instant, in UTC.
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    #: The publication day in the zone the page or feed wrote (a UTC or zone-less date: the
    #: day as written; rows stored before migration 0008: the UTC day).
    published_on: Mapped[date | None] = mapped_column(Date)
    fetched_at: Mapped[datetime] = mapped_column(index=True)
    language: Mapped[str | None] = mapped_column(String(8), index=True)
    text: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(String(300))
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    extraction_method: Mapped[str] = mapped_column(String(32))
    enriched_at: Mapped[datetime | None]
    ai_related: Mapped[bool | None] = mapped_column(Boolean)
    deal_story: Mapped[bool | None] = mapped_column(Boolean)
    tags: Mapped[str | None] = mapped_column(Text)


class ArticleFeed(Base):
    """Which feeds an article came through."""

    __tablename__ = "article_feeds"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    feed_id: Mapped[int] = mapped_column(
        ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    entry_url: Mapped[str | None] = mapped_column(String(2048))
    first_seen_at: Mapped[datetime]


class SkippedUrl(Base):
    """An entry we chose not to fetch or store (robots.txt, not HTML, too large, ...)."""

    __tablename__ = "skipped_urls"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime]


class CrawlRun(Base):
    """One `scrapy crawl feeds` run, with its counts and Scrapy stats."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(index=True)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(32), default="running")
    finish_reason: Mapped[str | None] = mapped_column(String(64))
    feeds_total: Mapped[int] = mapped_column(Integer, default=0)
    feeds_fetched: Mapped[int] = mapped_column(Integer, default=0)
    feeds_not_modified: Mapped[int] = mapped_column(Integer, default=0)
    feeds_failed: Mapped[int] = mapped_column(Integer, default=0)
    articles_new: Mapped[int] = mapped_column(Integer, default=0)
    articles_duplicate: Mapped[int] = mapped_column(Integer, default=0)
    articles_skipped: Mapped[int] = mapped_column(Integer, default=0)
    skipped_robots: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict | None] = mapped_column(JSON)


def new_deal_key() -> str:
    """A placeholder key for a deal made outside storage.deals (which sets the real one)."""
    return "deal-" + uuid.uuid4().hex[:16]


class Deal(Base):
    """One transaction, however many articles and languages report it.

    ``deal_key`` is the public identity that survives re-enrichment; ``announced_on`` is the
    date of the earliest article reporting the deal as news (or the period a citation gives,
    at ``announced_precision``); ``is_context_only`` deals are only cited in passing.
    """

    __tablename__ = "deals"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    deal_key: Mapped[str] = mapped_column(
        String(120), unique=True, index=True, default=new_deal_key
    )
    parties_key: Mapped[str] = mapped_column(String(600))
    target_key: Mapped[str | None] = mapped_column(String(300), index=True)
    buyers: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(String(300), index=True)
    deal_type: Mapped[str] = mapped_column(String(32))
    round_stage: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount_usd: Mapped[float | None] = mapped_column(Float, index=True)
    stake_percent: Mapped[float | None] = mapped_column(Float)
    valuation: Mapped[float | None] = mapped_column(Float)
    valuation_currency: Mapped[str | None] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16), index=True)
    ai_related: Mapped[bool] = mapped_column(Boolean, default=True)
    lead_investors: Mapped[str | None] = mapped_column(Text)
    investors: Mapped[str | None] = mapped_column(Text)
    #: Who sold the target: the seller most reports name (ties: the earliest report's).
    seller: Mapped[str | None] = mapped_column(String(300), index=True)
    announced_on: Mapped[date | None] = mapped_column(Date, index=True)
    announced_precision: Mapped[str | None] = mapped_column(String(8))
    is_context_only: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_at: Mapped[datetime] = mapped_column(index=True)
    last_seen_at: Mapped[datetime] = mapped_column(index=True)
    mention_count: Mapped[int] = mapped_column(Integer, default=0)
    languages: Mapped[str | None] = mapped_column(String(64))
    source_url: Mapped[str | None] = mapped_column(String(2048))
    updated_at: Mapped[datetime]


class StoredMention(Base):
    """One article's report of one deal, with its own figures and evidence."""

    __tablename__ = "deal_mentions"
    __table_args__ = (UniqueConstraint("article_id", "mention_index"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    mention_index: Mapped[int] = mapped_column(Integer)
    buyers: Mapped[str] = mapped_column(Text)
    lead_investors: Mapped[str | None] = mapped_column(Text)
    #: Who sells the target, when this article says ("buys Y from X", "X a vendu Y à Z").
    seller: Mapped[str | None] = mapped_column(String(300))
    target: Mapped[str] = mapped_column(String(300))
    target_key: Mapped[str | None] = mapped_column(String(300), index=True)
    deal_type: Mapped[str] = mapped_column(String(32))
    round_stage: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount_usd: Mapped[float | None] = mapped_column(Float)
    stake_percent: Mapped[float | None] = mapped_column(Float)
    valuation: Mapped[float | None] = mapped_column(Float)
    valuation_currency: Mapped[str | None] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))
    is_primary: Mapped[bool] = mapped_column(Boolean)
    cited_on: Mapped[str | None] = mapped_column(String(10))
    confidence: Mapped[float] = mapped_column(Float)
    evidence: Mapped[str] = mapped_column(Text)
    rule: Mapped[str | None] = mapped_column(String(64))
    seen_at: Mapped[datetime]


#: Roles an organization plays in a deal (``deal_parties.role``).
ROLES = ("acquirer", "target", "seller", "lead_investor", "investor", "partner", "licensor",
         "licensee", "merging_party")
#: Kinds of organization (``organizations.kind``).
ORGANIZATION_KINDS = ("company", "investor", "media", "public_body")


class Organization(Base):
    """A company, investor, outlet or public body, once whatever names it goes by."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="company")
    aliases: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime]
    mention_count: Mapped[int] = mapped_column(Integer, default=0)


class DealParty(Base):
    """One organization's role in one deal."""

    __tablename__ = "deal_parties"

    deal_id: Mapped[int] = mapped_column(
        ForeignKey("deals.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16), primary_key=True)


class DealEvent(Base):
    """A new deal or a status change, for alerts; delivery is recorded per webhook."""

    __tablename__ = "deal_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    old_status: Mapped[str | None] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(index=True)


class EventDelivery(Base):
    """At-most-once delivery of a deal event to one webhook."""

    __tablename__ = "event_deliveries"
    __table_args__ = (UniqueConstraint("event_id", "webhook"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("deal_events.id", ondelete="CASCADE"))
    webhook: Mapped[str] = mapped_column(String(2048))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]


class DaemonState(Base):
    """The daemon's lease and heartbeat (one row per daemon name), read by ``newsmon status``."""

    __tablename__ = "daemon_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(200))
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    stopped_at: Mapped[datetime | None]
    next_run_at: Mapped[datetime | None]
    cycles: Mapped[int] = mapped_column(Integer, default=0)
    current_feeds: Mapped[int] = mapped_column(Integer, default=0)
    last_run_started_at: Mapped[datetime | None]
    last_run_finished_at: Mapped[datetime | None]
    last_run_exit: Mapped[int | None] = mapped_column(Integer)


class Webhook(Base):
    """A webhook for deal alerts; events up to ``baseline_event_id`` predate it and are not sent."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    registered_at: Mapped[datetime]
    baseline_event_id: Mapped[int] = mapped_column(BigInteger, default=0)


class DaemonJob(Base):
    """One APScheduler job of the running daemon as it last reported it (for ``status``)."""

    __tablename__ = "daemon_jobs"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    trigger: Mapped[str] = mapped_column(String(200))
    next_run_at: Mapped[datetime | None]
    last_run_at: Mapped[datetime | None]
    last_outcome: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]


class DigestRecord(Base):
    """One digest period of one schedule: claimed before sending, so never sent twice."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("schedule", "scheduled_for"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    schedule: Mapped[str] = mapped_column(String(200), index=True)
    scheduled_for: Mapped[datetime]
    period_start: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    deals: Mapped[int] = mapped_column(Integer, default=0)
    targets: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]


class FeedLease(Base):
    """A crawl process holding a feed; expired leases are free (a killed crawl never blocks)."""

    __tablename__ = "feed_leases"

    feed_id: Mapped[int] = mapped_column(
        ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True
    )
    owner: Mapped[str] = mapped_column(String(200), index=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    acquired_at: Mapped[datetime]
    expires_at: Mapped[datetime]
