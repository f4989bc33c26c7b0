"""An interrupted crawl leaves its unfinished feeds due now, shown as ``incomplete``.

Ctrl-C midway (a real ``newsmon crawl`` against a slow loopback feed), the database
unavailable while items are stored (the storage pipeline in process, on a real SQLite file
opened read-only), and the one rule that says which skips are retried.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import signal
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler import pipelines
from crawler.database import Database
from crawler.items import FeedFetchItem, SkipItem
from crawler.ledger import TOKEN
from storage import repo
from storage.db import open_database, session_factory, transaction
from storage.models import Article, Feed
from testing.sitesrv import Response as SiteResponse
from tests.hostile.conftest import GOOD_TEXT, article_html, crawl_args, rows, rss
from tests.hostile.test_faults import ENTRIES, ONE_AT_A_TIME, count


def held_site(site_factory, answered: int):
    """A feed of ENTRIES articles whose first ``answered`` page requests are answered at once;
    later ones wait for ``site.release`` (so the crawl is surely unfinished when stopped)."""
    site = site_factory()
    site.release = threading.Event()
    served = itertools.count()

    def page(request):
        if next(served) >= answered:
            site.release.wait(60)
        n = request.url_path.rsplit("/", 1)[1]
        paragraphs = [f"Story number {n}: " + GOOD_TEXT[0]] + GOOD_TEXT[1:]
        return SiteResponse(200, article_html(f"Story {n}", paragraphs),
                            content_type="text/html")

    site.add_route("/s/*", page)
    site.set_file("/feeds/held.xml", rss([{"title": f"Story {i}", "link": site.url(f"/s/{i}")}
                                           for i in range(ENTRIES)]), "application/rss+xml")
    return site, site.url("/feeds/held.xml")


@pytest.mark.timeout(150)
def test_ctrl_c_leaves_the_feed_due_and_incomplete(site_factory, newsmon, sqlite_url):
    site, feed = held_site(site_factory, answered=4)
    # One request in the downloader at a time: Ctrl-C lets requests in the downloader finish.
    settings = (*ONE_AT_A_TIME, "CONCURRENT_REQUESTS=1")
    proc = newsmon.start(*crawl_args(feed), db=sqlite_url, settings=settings)
    try:
        deadline = time.monotonic() + 60
        while count(sqlite_url, Article) < 3:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        time.sleep(1)
    finally:
        site.release.set()  # the request in flight is answered; the others were dropped
    newsmon.wait(proc, timeout=60)
    stored = count(sqlite_url, Article)
    assert 3 <= stored < ENTRIES

    [row] = rows(sqlite_url, Feed)
    assert row.missing_entries == ENTRIES - stored
    assert row.etag is None and row.last_modified is None
    assert row.next_due_at <= datetime.now(UTC)  # due now, not in an interval
    assert row.consecutive_failures == 0  # no failure: no backoff
    listed = newsmon("feeds", "list", "--format", "json", db=sqlite_url).check()
    [shown] = json.loads(listed.stdout)
    assert (shown["health"], shown["missing"]) == ("incomplete", ENTRIES - stored)
    status = newsmon("status", db=sqlite_url).check().stdout
    assert "feeds: 1 incomplete" in status
    [feed_line] = [line for line in status.splitlines() if "│ incomplete" in line]
    assert f"│ {ENTRIES - stored} " in feed_line  # the missing column

    rerun = newsmon("crawl", db=sqlite_url).check()  # due feeds only: the incomplete one
    assert count(sqlite_url, Article) == ENTRIES, rerun.describe()
    [row] = rows(sqlite_url, Feed)
    assert row.missing_entries == 0 and row.next_due_at > datetime.now(UTC)
    [shown] = json.loads(newsmon("feeds", "list", "--format", "json", db=sqlite_url).stdout)
    assert shown["health"] == "ok"


def _feed(db_url: str) -> int:
    engine = open_database(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            feed_id, _ = repo.upsert_feed(session, url="http://feeds.test/a.xml", name="a",
                                          language=None, interval_seconds=3600, active=True,
                                          now=datetime.now(UTC))
        return feed_id
    finally:
        engine.dispose()


def _pipeline(db_url: str):
    crawler = get_crawler(settings_dict={"DATABASE_URL": db_url})
    return pipelines.StoragePipeline(crawler, Database(db_url))


def _response(token: str, url: str) -> Response:
    return Response(url, request=Request(url, meta={TOKEN: token}))


def _feed_item(feed_id: int, fetched_at: datetime, new_entries: int) -> FeedFetchItem:
    item = FeedFetchItem(feed_id, "http://feeds.test/a.xml", "ok", fetched_at, status=200,
                         etag='"v1"', entry_count=new_entries, new_entries=new_entries)
    item.fetch_token = "t1"  # type: ignore[attr-defined]
    return item


def test_database_unavailable_leaves_the_entry_unsettled(tmp_path, monkeypatch):
    db_file = tmp_path / "db.sqlite"
    db_url = f"sqlite:///{db_file}"
    feed_id = _feed(db_url)
    monkeypatch.setattr(pipelines, "DB_RETRIES", 0)
    pipeline = _pipeline(db_url)
    fetched_at = datetime.now(UTC).replace(microsecond=0)
    asyncio.run(pipeline.process_item(_feed_item(feed_id, fetched_at, 3)))

    gone = SkipItem("http://site.test/1", feed_id, "http_error", "HTTP 404", fetched_at)
    asyncio.run(pipeline.process_item(gone))
    pipeline.item_done(gone, _response("t1", gone.canonical_url))  # settled for good

    writable = pipeline.db
    pipeline.db = Database(f"sqlite:///file:{db_file}?mode=ro&uri=true", migrate=False)
    away = SkipItem("http://site.test/2", feed_id, "not_html", "image/png", fetched_at)
    asyncio.run(pipeline.process_item(away))  # the write fails: database unavailable
    pipeline.item_done(away, _response("t1", away.canonical_url))
    pipeline.db.close()
    pipeline.db = writable
    pipeline.close_spider()  # entry 3 never came, entry 2 could not be stored

    [row] = rows(db_url, Feed)
    assert row.missing_entries == 2
    assert row.next_due_at == fetched_at and row.etag is None
    assert row.consecutive_failures == 0 and row.last_error is None
    writable.close()


def test_a_transient_skip_records_the_feed_without_validators(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    feed_id = _feed(db_url)
    pipeline = _pipeline(db_url)
    fetched_at = datetime.now(UTC).replace(microsecond=0)
    asyncio.run(pipeline.process_item(_feed_item(feed_id, fetched_at, 1)))
    busy = SkipItem("http://site.test/1", feed_id, "http_error", "HTTP 503", fetched_at)
    asyncio.run(pipeline.process_item(busy))
    pipeline.item_done(busy, _response("t1", busy.canonical_url))
    [row] = rows(db_url, Feed)
    assert row.etag is None and row.missing_entries == 0  # read in full next time ...
    assert row.next_due_at == fetched_at + timedelta(hours=1)  # ... at the usual interval
    pipeline.db.close()


SKIPS = [  # reason, detail, retried by a later run
    ("network_error", "timed out: Getting URL took longer than 30 seconds.", True),
    ("retry_later", "Retry-After 3600", True),
    ("http_error", "HTTP 500", True),
    ("http_error", "HTTP 503", True),
    ("http_error", "HTTP 429", True),
    ("http_error", "HTTP 408", True),
    ("http_error", "HTTP 404", False),
    ("http_error", "HTTP 410", False),
    ("http_error", "HTTP 403", False),
    ("http_error", None, False),
    ("robots", "Forbidden by robots.txt", False),
    ("not_html", "application/pdf", False),
    ("too_large", "Cancelling download: 11 MB", False),
    ("blocked", "blocked: 127.0.0.1 is private", False),
    ("redirect_loop", "redirect loop: A -> B -> A", False),
    ("extract_failed", "ValueError: no text", False),
]


def test_one_rule_for_retryable_skips_in_the_crawl_and_in_storage(tmp_path):
    """The pipeline (does the feed keep its validators?) and storage (is the URL known, or
    requested again?) decide with the same function and agree on every reason."""
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    now = datetime.now(UTC)
    urls = {f"http://site.test/{n}": case for n, case in enumerate(SKIPS)}
    try:
        with transaction(session_factory(engine)) as session:
            for url, (reason, detail, _) in urls.items():
                repo.record_skip(session, url, reason, detail, None, now)
        with transaction(session_factory(engine)) as session:
            known = repo.known_urls(session, urls)
    finally:
        engine.dispose()
    for url, (reason, detail, retried) in urls.items():
        assert repo.retryable_skip(reason, detail) is retried, (reason, detail)
        assert (url not in known) is retried, (reason, detail)


def test_the_daemon_takes_an_incomplete_feed_up_at_once():
    """Due at once (the same rule as ``newsmon crawl``), not on its next grid point."""
    from newsmon.schedule import FeedClock, Policy, due_at

    fetched = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    common = dict(id=1, url="http://feeds.test/a.xml", interval_seconds=3600,
                  last_fetched_at=fetched, created_at=fetched - timedelta(days=1))
    incomplete = FeedClock(**common, next_due_at=fetched, missing_entries=7)
    healthy = FeedClock(**common, next_due_at=fetched + timedelta(hours=1))
    policy = Policy()
    assert due_at(incomplete, policy) == fetched
    assert due_at(healthy, policy) > fetched + timedelta(minutes=50)
