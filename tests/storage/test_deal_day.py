"""A report's day for grouping and for the deal key is its publisher's day
(``articles.published_on``), the day ``announced_on`` uses, not the UTC day of ``seen_at``:
an evening story in New York is fetched after midnight UTC but printed the day before."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import select

from enrich.model import Analysis, DealMention
from pages.article import ExtractedArticle
from storage import repo
from storage.db import transaction
from storage.deals import clear_article_mentions, prune_deals, store_analysis
from storage.models import Article, Deal

NEW_YORK_WINTER = timezone(timedelta(hours=-5))
NEW_YORK_SUMMER = timezone(timedelta(hours=-4))


def _round(amount: float) -> DealMention:
    return DealMention(
        buyers=("Accel",), target="Harbor", deal_type="funding_round", amount=amount,
        currency="USD", amount_usd=amount, stake_percent=None, valuation=None,
        valuation_currency=None, status="announced", is_primary=True, evidence="e",
        confidence=0.9, rule="test", lead_investors=("Accel",))


def _analysis(mention: DealMention) -> Analysis:
    return Analysis(language="en", ai_related=True, deal_story=True, tags=(), deals=(mention,))


def _store(session, slug: str, published_at: datetime, mention: DealMention) -> int:
    article_id = repo.store_article(session, ExtractedArticle(
        url=f"http://n/{slug}", canonical_url=f"http://n/{slug}", title=slug, authors=None,
        published_at=published_at, fetched_at=published_at + timedelta(minutes=5),
        language="en", text="x", summary=None, site_name=None, word_count=1,
        content_hash=None, extraction_method="trafilatura"))[0]
    article = session.get(Article, article_id)
    store_analysis(session, article_id, article, _analysis(mention), events=False)
    return article_id


def _deals(session) -> list[tuple[int, str, date | None, int]]:
    return [(d.id, d.deal_key, d.announced_on, d.mention_count)
            for d in session.scalars(select(Deal).order_by(Deal.id))]


def test_an_evening_story_keys_the_deal_on_its_publishers_day(factory):
    evening = datetime(2026, 1, 1, 21, 10, tzinfo=NEW_YORK_WINTER)  # 02:10 UTC on Jan 2
    with transaction(factory) as s:
        _store(s, "harbor-evening", evening, _round(12e6))
        [(_, key, announced_on, _)] = _deals(s)
    assert announced_on == evening.date()
    assert key.split("-")[-2] == announced_on.strftime("%Y%m%d")


def test_the_window_counts_publishers_days(factory):
    """Capital reports up to 75 days apart are one round: Jan 1 and an evening story of
    Mar 17 in New York (Mar 18 in UTC, 76 UTC days later) are 75 days apart."""
    morning = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)
    evening = datetime(2026, 3, 17, 21, 10, tzinfo=NEW_YORK_SUMMER)
    assert (evening.astimezone(UTC).date() - morning.date()).days == 76
    with transaction(factory) as s:
        ids = [_store(s, "harbor-jan", morning, _round(12e6)),
               _store(s, "harbor-mar", evening, _round(12e6))]
        stored = _deals(s)
    assert [(announced_on, count) for _, _, announced_on, count in stored] == [
        (morning.date(), 2)]
    # re-enrichment, the reports arriving the other way round, keeps the deal's id and key
    with transaction(factory) as s:
        touched = clear_article_mentions(s, ids)
        for article_id in reversed(ids):
            article = s.get(Article, article_id)
            store_analysis(s, article_id, article, _analysis(_round(12e6)), events=False)
        prune_deals(s, touched)
        assert _deals(s) == stored


def test_a_story_one_publishers_day_past_the_window_is_another_round(factory):
    """The other way round: 76 publisher's days apart (75 in UTC) are two rounds."""
    evening = datetime(2026, 1, 1, 21, 10, tzinfo=NEW_YORK_WINTER)  # Jan 2 in UTC
    later = datetime(2026, 3, 18, 10, 0, tzinfo=UTC)
    assert (later.date() - evening.astimezone(UTC).date()).days == 75
    with transaction(factory) as s:
        _store(s, "harbor-jan", evening, _round(12e6))
        _store(s, "harbor-mar", later, _round(12e6))
        stored = _deals(s)
    assert sorted(announced_on for _, _, announced_on, _ in stored) == [
        evening.date(), later.date()]


def test_migration_0010_rekeys_deals_first_reported_on_an_evening(db_url):
    """A deal stored under 0009 keyed by the UTC day of an evening story gets the key of its
    publisher's day; a deal whose reports' days agree keeps its key."""
    from sqlalchemy import insert

    from storage.db import make_engine, upgrade
    from storage.models import StoredMention

    upgrade(db_url, "0009")
    evening = datetime(2026, 1, 1, 21, 10, tzinfo=NEW_YORK_WINTER)
    morning = datetime(2026, 2, 3, 9, 0, tzinfo=UTC)
    digest = hashlib.sha1(b"http://n/1#0").hexdigest()[:8]
    old_keys = {1: f"harbor-capital-20260102-{digest}", 2: "quay-capital-20260203-0000aaaa"}
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            for i, (when, target) in enumerate(((evening, "Harbor"), (morning, "Quay")), 1):
                conn.execute(insert(Article.__table__).values(
                    id=i, url=f"http://n/{i}", canonical_url=f"http://n/{i}", published_at=when,
                    published_on=when.date(), fetched_at=when, word_count=1,
                    extraction_method="trafilatura"))
                conn.execute(insert(Deal.__table__).values(
                    id=i, deal_key=old_keys[i], parties_key="k", buyers="Accel", target=target,
                    deal_type="funding_round", status="announced", ai_related=True,
                    is_context_only=False, first_seen_at=when, last_seen_at=when,
                    mention_count=1, updated_at=when))
                conn.execute(insert(StoredMention.__table__).values(
                    deal_id=i, article_id=i, mention_index=0, buyers="Accel", target=target,
                    deal_type="funding_round", status="announced", is_primary=True,
                    confidence=0.9, evidence="e", seen_at=when))
        upgrade(db_url)
        with engine.connect() as conn:
            keys = dict(conn.execute(select(Deal.id, Deal.deal_key)).all())
    finally:
        engine.dispose()
    assert keys == {1: old_keys[1].replace("-20260102-", "-20260101-"), 2: old_keys[2]}
