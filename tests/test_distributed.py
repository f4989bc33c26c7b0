"""Distributed mode: `newsmon worker` processes share a Redis queue and store into one Postgres.

These run whenever NEWSMON_TEST_REDIS_URL and NEWSMON_TEST_POSTGRES_URL are set (CI sets both).
Each test uses its own Redis key prefix and Postgres database, and removes them afterwards.
Pages answer after a fixed server-side delay and each worker fetches two at a time, so the
time a crawl takes is dominated by waiting for pages and two workers must halve it.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.db import open_database, session_factory, transaction
from storage.models import Article, Deal, StoredMention
from testing.sitesrv import Response, SiteServer
from tests.conftest import POSTGRES_URL, REPO, _postgres_database
from tests.hostile.conftest import alive, descendants

REDIS_URL = os.environ.get("NEWSMON_TEST_REDIS_URL")

PAIRS = [("Microsoft", "Inflection AI"), ("Nvidia", "Run:ai"), ("Salesforce", "Spiral Labs"),
         ("Oracle", "Quanta Minds"), ("Adobe", "Pixelwise AI"), ("IBM", "Cortexa"),
         ("Intel", "Neuralforge"), ("Cisco", "Deepwire AI")]
REPORTS_PER_DEAL = 5
WORKER_SETTINGS = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                   "-s", "RETRY_TIMES=0", "-s", "CONCURRENT_REQUESTS=2",
                   "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "EXTRACT_WORKERS=1",
                   "-s", "FEED_POLL_INTERVAL=0.5"]


def article_html(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}"
            f"</article><footer>Deal Wire, all rights reserved</footer></body></html>")


def deal_site(
    site: SiteServer,
    delay: float,
    extra_pages: int = 0,
    marker: str = "",
    hold: threading.Event | None = None,
    hold_after: int = 0,
) -> dict:
    """Two RSS feeds over ``len(PAIRS) * REPORTS_PER_DEAL`` deal reports (+ ``extra_pages``
    plain articles); the first 4 reports are in both feeds. Returns what a crawl must store.
    With ``hold``, every page request after the first ``hold_after`` waits until it is set."""
    now = datetime.now(UTC)
    pages: dict[str, str] = {}
    for d, (buyer, target) in enumerate(PAIRS):
        amount = 100 + 25 * d
        for r in range(REPORTS_PER_DEAL):
            path = f"/news/{d}-{r}.html"
            title = f"{buyer} to buy {target} for ${amount} million (report {r})"
            pages[path] = article_html(title, [
                f"{buyer} has agreed to acquire {target}, an artificial intelligence startup, "
                f"for ${amount} million in cash, the companies said on Monday.",
                f"The deal gives {buyer} the machine learning models and the engineers behind "
                f"them. Report {r} of {REPORTS_PER_DEAL} adds detail on the integration plans.",
                "Analysts said the price reflected the scarcity of experienced research teams "
                "and the cost of the computing power needed to train large models.",
            ])
    for n in range(extra_pages):
        text = ("A long report on weather stations along the coast, with measurements taken "
                f"every hour by volunteers. Page {n}. {marker if n == 3 else ''}")
        pages[f"/news/plain-{n}.html"] = article_html(f"Coastal weather log {n}", [text] * 4)
    paths = list(pages)
    halves = [paths[: len(paths) // 2 + 2], paths[len(paths) // 2 - 2:]]
    feeds = []
    for f, half in enumerate(halves):
        items = "".join(
            f"<item><title>{p}</title><link>{site.url(p)}</link><pubDate>"
            f"{format_datetime(now - timedelta(minutes=i + 1))}</pubDate></item>"
            for i, p in enumerate(half)
        )
        path = f"/feeds/{f}.xml"
        site.set_file(path, f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {f}"
                      f"</title><link>{site.url('/')}</link>{items}</channel></rss>",
                      "application/rss+xml")
        feeds.append(site.url(path))
    site.set_file("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")

    served = itertools.count()

    def serve(request):
        body = pages.get(request.url_path)
        if body is None:
            return Response(404, "not found", content_type="text/plain")
        if hold is not None and next(served) >= hold_after:
            hold.wait(120)
        return Response(200, body, content_type="text/html; charset=utf-8", delay=delay)

    site.add_route("/news/*", serve)
    return {"feeds": feeds, "articles": {site.url(p) for p in paths}}


def register_feeds(db_url: str, feeds: list[str]) -> None:
    from storage.repo import upsert_feed

    engine = open_database(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            for url in feeds:
                upsert_feed(session, url=url, name=url, language=None, interval_seconds=3600,
                            active=True, now=datetime.now(UTC))
    finally:
        engine.dispose()


def counts(db_url: str) -> dict:
    engine = open_database(db_url, migrate=False)
    try:
        with transaction(session_factory(engine)) as session:
            return {
                "articles": session.scalar(select(func.count()).select_from(Article)),
                "urls": list(session.scalars(select(Article.canonical_url))),
                "deals": [(d.buyers, d.target, d.mention_count) for d in session.scalars(
                    select(Deal))],
                "mentions": session.scalar(select(func.count()).select_from(StoredMention)),
            }
    finally:
        engine.dispose()


class Worker:
    """A `newsmon worker` subprocess in its own session (so its pool dies with it)."""

    def __init__(self, db_url: str, prefix: str, log: Path, *extra: str, max_idle: float = 2):
        env = dict(os.environ, NEWSMON_REDIS_URL=REDIS_URL, NEWSMON_REDIS_PREFIX=prefix,
                   NEWSMON_LOG_LEVEL="INFO")
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsmon", "--db", db_url, "worker",
             "--max-idle", str(max_idle), *WORKER_SETTINGS, *extra],
            cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=log.open("w"), start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while "worker ready" not in self.log.read_text(errors="replace"):
            assert self.proc.poll() is None, self.log.read_text()[-3000:]
            assert time.monotonic() < deadline, "worker did not start"
            time.sleep(0.1)

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def kill_alone(self) -> set[int]:
        """SIGKILL the worker process only; return its descendants (the extraction pool)."""
        pool = descendants(self.proc.pid)
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        return pool

    def finish(self, timeout: float = 60) -> str:
        self.proc.wait(timeout)
        text = self.log.read_text(errors="replace")
        assert self.proc.returncode == 0, text[-4000:]
        assert "Traceback" not in text and "IntegrityError" not in text, text[-4000:]
        return text


def wait_for_articles(db_url: str, want: int, timeout: float = 90) -> float:
    start = time.monotonic()
    while counts(db_url)["articles"] < want:
        assert time.monotonic() - start < timeout, counts(db_url)["articles"]
        time.sleep(0.1)
    return time.monotonic() - start


@pytest.fixture
def prefix():
    import redis

    name = f"newsmon-test-{uuid.uuid4().hex[:10]}"
    yield name
    server = redis.Redis.from_url(REDIS_URL)
    keys = list(server.scan_iter(f"{name}:*"))
    if keys:
        server.delete(*keys)
    server.close()


@pytest.fixture
def pg_url():
    yield from _postgres_database()


def new_pg():
    return _postgres_database()


pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.skipif(not (REDIS_URL and POSTGRES_URL),
                       reason="needs NEWSMON_TEST_REDIS_URL and NEWSMON_TEST_POSTGRES_URL"),
]


def enqueue(db_url: str, prefix: str) -> int:
    from newsmon.enqueue import enqueue_due

    return enqueue_due(db_url, {"REDIS_URL": REDIS_URL, "REDIS_PREFIX": prefix})


def check_stored_once(db_url: str, expected: dict) -> None:
    result = counts(db_url)
    assert sorted(result["urls"]) == sorted(expected["articles"])
    assert result["mentions"] == len(PAIRS) * REPORTS_PER_DEAL
    assert sorted(result["deals"]) == sorted(
        (buyer, target, REPORTS_PER_DEAL) for buyer, target in PAIRS
    )


def crawl_with_workers(tmp_path, prefix: str, workers: int, delay: float) -> list[int]:
    """Crawl the deal site with ``workers`` workers; return the articles each one stored."""
    gen = new_pg()
    db_url = next(gen)
    try:
        with SiteServer() as site:
            expected = deal_site(site, delay)
            register_feeds(db_url, expected["feeds"])
            started = [Worker(db_url, f"{prefix}-{workers}", tmp_path / f"w{workers}-{i}.log")
                       for i in range(workers)]
            for worker in started:
                worker.wait_ready()
            assert enqueue(db_url, f"{prefix}-{workers}") == 2
            wait_for_articles(db_url, len(expected["articles"]))
            logs = [worker.finish() for worker in started]
            check_stored_once(db_url, expected)
            assert enqueue(db_url, f"{prefix}-{workers}") == 0  # feeds recorded: not due
            return [items_scraped(text) for text in logs]
    finally:
        gen.close()


def items_scraped(log: str) -> int:
    """Articles a worker stored, from the stats Scrapy dumps when the worker closes."""
    found = re.search(r"'item_scraped_count': (\d+)", log)
    return int(found.group(1)) if found else 0


def test_two_workers_share_the_work_and_store_everything_once(tmp_path, prefix):
    # How much faster two workers are is a benchmark question, not a test one: the test
    # checks that both workers take pages from the shared queue and nothing is stored twice.
    shares = crawl_with_workers(tmp_path, prefix, 2, delay=0.3)
    assert all(share > 0 for share in shares), shares


#: A short lease keeps the test quick (NEWSMON_TEST_REQUEST_LEASE=20 measures the default);
#: the dupefilter TTL stays at its default (3,600 s).
TEST_LEASE = os.environ.get("NEWSMON_TEST_REQUEST_LEASE", "3")


def outstanding(prefix: str) -> tuple[int, int, int]:
    """Feeds waiting for a worker; requests waiting in the shared queue, and leased."""
    import redis

    server = redis.Redis.from_url(REDIS_URL)
    try:
        return (server.llen(f"{prefix}:feeds"), server.zcard(f"{prefix}:feeds:queue"),
                server.zcard(f"{prefix}:feeds:leases"))
    finally:
        server.close()


def wait_until(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_killed_workers_lose_nothing(tmp_path, prefix, pg_url):
    """kill -9 at three moments — a feed in flight, a third stored, then the last worker
    alive — with the default dupefilter TTL: every article and deal stored once, and the
    feeds recorded only when all their entries are."""
    with SiteServer() as site:
        expected = deal_site(site, delay=0.4)
        total = len(expected["articles"])
        register_feeds(pg_url, expected["feeds"])
        lease = ("-s", f"REQUEST_LEASE={TEST_LEASE}")
        # These three are killed: they must not stop for idleness while the others start.
        workers = [Worker(pg_url, prefix, tmp_path / f"w{i}.log", *lease, max_idle=120)
                   for i in range(2)]
        for worker in workers:
            worker.wait_ready()
        assert enqueue(pg_url, prefix) == 2
        started = time.monotonic()
        # 1. Both feeds taken by the workers, (almost) nothing stored yet.
        wait_until(lambda: outstanding(prefix)[0] == 0, "the feeds taken")
        workers[0].kill()
        assert counts(pg_url)["articles"] < total // 3
        workers.append(Worker(pg_url, prefix, tmp_path / "w2.log", *lease, max_idle=120))
        # 2. A third of the articles stored: the other first worker dies with requests leased.
        wait_until(lambda: counts(pg_url)["articles"] >= total // 3, "a third stored")
        pool = workers[1].kill_alone()  # its extraction pool must follow it
        try:
            wait_until(lambda: not any(alive(pid) for pid in pool), "the pool to exit", 10)
        finally:
            workers[1].kill()
        # 3. Two thirds stored: the last worker alive dies too. Recovery as documented:
        # enqueue the due feeds again and start a worker.
        wait_until(lambda: counts(pg_url)["articles"] >= 2 * total // 3, "two thirds stored")
        workers[2].kill()
        killed_at = time.monotonic()
        started = killed_at - started
        stored_at_kill = counts(pg_url)["articles"]
        assert stored_at_kill < total
        assert enqueue(pg_url, prefix) <= 2  # feeds not settled yet are still due
        last = Worker(pg_url, prefix, tmp_path / "w3.log", *lease)
        wait_for_articles(pg_url, total, timeout=60)
        recovered = time.monotonic() - killed_at
        text = last.finish(timeout=60)
        check_stored_once(pg_url, expected)
        assert enqueue(pg_url, prefix) == 0  # both feeds settled and recorded
        assert outstanding(prefix) == (0, 0, 0)
        print(f"\n{total} articles; 3 kills; {stored_at_kill} stored {started:.1f} s after "
              f"enqueueing, when the last worker alive was killed; all stored {recovered:.1f} s "
              f"later (REQUEST_LEASE={TEST_LEASE}, REDIS_DUPEFILTER_TTL default)")
        assert "handed out again" in text or "requests_reclaimed" in text
