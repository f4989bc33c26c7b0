"""The publisher's day: an evening story written at ``21:10-04:00`` is stored on that day
(``articles.published_on``) beside its UTC instant, and so are its deals' ``announced_on``;
the written offset survives page and feed parsing; migration 0008 back-fills the UTC day."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert, inspect, select, text

from alembic import command
from feeds.feedparse import parse_feed
from pages.article import EntryInfo, choose_published, extract_article, publisher_day
from pages.pubdate import PageDate
from storage.db import alembic_config, make_engine, open_database, upgrade
from storage.models import Article
from tests.conftest import newsmon, newsmon_in_process

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0",
        "-s", "EXTRACT_WORKERS=0"]
EDT = timezone(timedelta(hours=-4))
EVENING = datetime(2025, 10, 14, 21, 10, tzinfo=EDT)  # 2025-10-15 01:10 UTC
FETCHED = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
{head}</head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"""
ITEM = """<item><title>{title}</title><link>{{{{BASE_URL}}}}/news/{slug}.html</link>
<guid>{{{{BASE_URL}}}}/news/{slug}.html</guid><pubDate>{date}</pubDate></item>"""
STORIES = [
    # slug, date in the page's metadata (None: the page has none), the feed's pubDate, title,
    # text
    ("harbor", "2025-10-14T21:10:00-04:00", "Tue, 14 Oct 2025 21:10:00 -0400",
     "Harbor raises $12 million in seed funding",
     "The Boston start-up Harbor has raised $12 million in a seed round led by Sequoia "
     "Capital. It builds scheduling models for small businesses."),
    ("quayside", None, "Tue, 14 Oct 2025 22:30:00 -0400",
     "Quayside raises $20 million Series A",
     "The Denver start-up Quayside has raised $20 million in a Series A round led by Accel. "
     "It builds routing models for delivery fleets."),
]


def _render(root: Path) -> None:
    (root / "news").mkdir(parents=True)
    (root / "feeds").mkdir()
    items = []
    for slug, page_date, feed_date, title, body in STORIES:
        head = f'<meta property="article:published_time" content="{page_date}">' if page_date \
            else ""
        (root / "news" / f"{slug}.html").write_text(
            PAGE.format(title=title, head=head, text=body), encoding="utf-8")
        items.append(ITEM.format(title=title, slug=slug, date=feed_date))
    (root / "feeds" / "rss.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>US</title>'
        "<link>{{BASE_URL}}/</link><description>d</description>" + "".join(items)
        + "</channel></rss>", encoding="utf-8")


def test_evening_stories_keep_the_publishers_day_and_so_do_their_deals(
    db_url, tmp_path, site_factory
):
    _render(tmp_path / "site")
    site = site_factory(tmp_path / "site")
    newsmon("crawl", "--feed", site.url("/feeds/rss.xml"), *FAST, db=db_url)
    engine = open_database(db_url)
    try:
        with engine.connect() as conn:
            articles = {
                row.canonical_url.rsplit("/", 1)[1]: row for row in conn.execute(
                    select(Article.canonical_url, Article.published_at, Article.published_on))
            }
            deals = dict(conn.execute(text("SELECT target, announced_on FROM deals")).all())
    finally:
        engine.dispose()
    harbor, quayside = articles["harbor.html"], articles["quayside.html"]
    assert harbor.published_on == date(2025, 10, 14)  # the page's meta tag, at -04:00
    assert harbor.published_at.replace(tzinfo=UTC) == datetime(2025, 10, 15, 1, 10, tzinfo=UTC)
    assert quayside.published_on == date(2025, 10, 14)  # the feed's pubDate, at -0400
    assert quayside.published_at.replace(tzinfo=UTC) == datetime(2025, 10, 15, 2, 30,
                                                                 tzinfo=UTC)
    assert {k: str(v) for k, v in deals.items()} == {
        "Harbor": "2025-10-14", "Quayside": "2025-10-14"}

    listed = json.loads(newsmon_in_process("articles", "--format", "json", db=db_url).stdout)
    assert {a["url"].rsplit("/", 1)[1]: a["published_on"] for a in listed} == {
        "harbor.html": "2025-10-14", "quayside.html": "2025-10-14"}
    shown = newsmon_in_process("article", site.url("/news/harbor.html"), db=db_url).stdout
    assert "2025-10-14 (2025-10-15 01:10 UTC)" in shown


def test_feed_dates_keep_the_offset_they_are_written_with():
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
           b"<link>http://s/</link><description>d</description><item><title>a</title>"
           b"<link>http://s/a</link><pubDate>Tue, 14 Oct 2025 21:10:00 -0400</pubDate></item>"
           b"</channel></rss>")
    jsonfeed = json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
            {"id": "a", "url": "http://s/a", "date_published": "2025-10-14T21:10:00-04:00"}]})
    for body in (rss, jsonfeed.encode()):
        (entry,) = parse_feed(body, "http://s/feed").entries
        assert entry.published == EVENING
        assert entry.published.date() == date(2025, 10, 14)


def test_a_page_offset_is_carried_to_the_row_as_instant_and_day():
    html = PAGE.format(title="Robots sort parcels", text="Robots sort parcels. " * 30,
                       head='<meta property="article:published_time" '
                            'content="2025-10-14T21:10:00-04:00">')
    article = extract_article(html, "http://s/a", "http://s/a", EntryInfo(), FETCHED)
    row = article.row()
    assert row["published_on"] == date(2025, 10, 14)
    assert row["published_at"] == datetime(2025, 10, 15, 1, 10, tzinfo=UTC)
    assert row["published_at"].utcoffset() == timedelta(0)


def test_a_time_written_in_utc_takes_the_day_of_the_url():
    html = PAGE.format(title="Robots sort parcels", text="Robots sort parcels. " * 30,
                       head='<meta property="article:published_time" '
                            'content="2019-11-20T01:50:59Z">')
    url = "http://s/business/story/2019-11-19/robots"
    article = extract_article(html, url, url, EntryInfo(), FETCHED)
    assert article.published_on == date(2019, 11, 19)
    assert article.row()["published_at"] == datetime(2019, 11, 20, 1, 50, 59, tzinfo=UTC)
    utc = datetime(2019, 11, 20, 1, 50, tzinfo=UTC)
    assert publisher_day(utc, None) == date(2019, 11, 20)
    assert publisher_day(utc, date(2019, 11, 18)) == date(2019, 11, 20)  # no zone is 26 h west
    assert publisher_day(utc, date(2019, 11, 19), timed=False) == date(2019, 11, 20)
    # a written offset is the publisher's: a URL made the day before (a draft) does not move it
    madrid = datetime(2020, 2, 19, 18, 37, tzinfo=timezone(timedelta(hours=1)))
    assert publisher_day(madrid, date(2020, 2, 18)) == date(2020, 2, 19)
    assert publisher_day(datetime(2018, 12, 31, 23, 11, tzinfo=UTC),
                         date(2019, 1, 1)) == date(2019, 1, 1)


def test_a_page_that_writes_only_the_day_keeps_that_day_with_the_feeds_time():
    def day_only(day: date) -> PageDate:
        return PageDate(datetime(day.year, day.month, day.day, tzinfo=UTC), False, "url", "")

    on_14th = choose_published(day_only(date(2025, 10, 14)), EVENING, FETCHED)
    on_15th = choose_published(day_only(date(2025, 10, 15)), EVENING, FETCHED)
    assert on_14th == on_15th == EVENING  # the feed's instant in both cases
    assert (on_14th.date(), on_15th.date()) == (date(2025, 10, 14), date(2025, 10, 15))
    future = choose_published(None, datetime(2026, 11, 2, 23, 0, tzinfo=EDT), FETCHED)
    assert future == FETCHED and future.date() == date(2026, 11, 2) and future.tzinfo == EDT


def test_migration_0008_keeps_articles_and_back_fills_the_utc_day(db_url):
    upgrade(db_url, "0007")
    rows = [
        (1, datetime(2025, 10, 15, 1, 10, tzinfo=UTC)),  # an evening story in New York
        (2, datetime(2025, 10, 14, 9, 0, tzinfo=UTC)),
        (3, None),
    ]
    columns = [c for c in Article.__table__.c if c.name != "published_on"]
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            for article_id, published in rows:
                conn.execute(insert(Article.__table__).values(
                    id=article_id, url=f"http://s/{article_id}",
                    canonical_url=f"http://s/{article_id}", published_at=published,
                    fetched_at=FETCHED, word_count=1, extraction_method="trafilatura"))
        upgrade(db_url)
        command.check(alembic_config(db_url))
        with engine.connect() as conn:
            days = dict(conn.execute(select(Article.id, Article.published_on)).all())
            kept = conn.execute(select(*columns).order_by(Article.id)).all()
        assert days == {1: date(2025, 10, 15), 2: date(2025, 10, 14), 3: None}
        assert [(r.id, r.published_at) for r in kept] == rows
        command.downgrade(alembic_config(db_url), "0007")
        names = {c["name"] for c in inspect(engine).get_columns("articles")}
        assert "published_on" not in names
        with engine.connect() as conn:
            assert conn.execute(select(*columns).order_by(Article.id)).all() == kept
    finally:
        engine.dispose()
