"""The real daemon as a subprocess against a loopback site and a loopback webhook receiver.

Feeds get 2-second intervals (inserted with repo.upsert_feed; the hidden
``--min-interval-seconds`` lets the daemon honour them), so refresh cycles, backoff and
recovery happen within seconds. Every wait polls with a deadline.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from storage import repo
from storage.db import open_database, session_factory, transaction
from storage.models import Article, CrawlRun, DaemonState, Deal, Feed
from testing.sitesrv import Response, SiteServer
from tests.conftest import REPO

pytestmark = pytest.mark.timeout(240)  # waits poll: generous deadlines cost nothing when fast

FAST = ["--min-interval-seconds", "1", "--poll-seconds", "0.2", "--heartbeat-seconds", "0.5",
        "--initial-spread", "0", "--batch-window", "0.5", "--notify-poll-seconds", "0.2",
        "--retry-base-seconds", "0.5",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0",
        "-s", "EXTRACT_WORKERS=0"]

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback news</title><link>{{BASE_URL}}/</link>
{items}
</channel></rss>"""
ITEM = "<item><title>{title}</title><link>{{{{BASE_URL}}}}{path}</link>" \
       "<pubDate>Mon, 02 Nov 2026 08:30:00 +0000</pubDate></item>"


def page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='en'><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{body}</article></body></html>")


CALM = page("Warehouse robots learn to sort parcels", [
    "A logistics company near the harbour has taught its warehouse robots to sort parcels by "
    "size and weight, cutting the time each parcel spends in the building by a third.",
    "The robots share one map of the warehouse and agree among themselves who takes which "
    "aisle, so that no two of them wait at the same shelf.",
] * 3)
DEAL_TITLE = "Nvidia to acquire Run:ai for $700 million"
DEAL = page(DEAL_TITLE, [
    "Nvidia has agreed to acquire Run:ai, the Israeli startup whose software orchestrates AI "
    "workloads on GPUs, for $700 million, the companies said on Wednesday. The deal is "
    "expected to close later this year.",
    "Run:ai was founded in 2018 and its platform helps companies share clusters of graphics "
    "processors between teams of machine learning engineers.",
])


def rss(*items: tuple[str, str]) -> str:
    return RSS.replace("{items}", "\n".join(ITEM.format(title=t, path=p) for t, p in items))


class Receiver(http.server.BaseHTTPRequestHandler):
    """A webhook on 127.0.0.1 that keeps every JSON message."""

    messages: list[dict] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).messages.append(json.loads(body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    Receiver.messages = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks/T0/B0/secret", Receiver.messages
    server.shutdown()
    server.server_close()


@pytest.fixture
def site():
    with SiteServer(None) as server:
        server.set_file("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        server.set_file("/news/robots.html", CALM, "text/html; charset=utf-8")
        server.set_file("/feeds/main.xml", rss(("Warehouse robots", "/news/robots.html")),
                        "application/rss+xml")
        server.set_file("/feeds/flaky.xml", rss(("Warehouse robots", "/news/robots.html")),
                        "application/rss+xml")
        yield server


class Db:
    def __init__(self, url: str):
        self.url = url
        self.engine = open_database(url)
        self.factory = session_factory(self.engine)

    def add_feed(self, url: str, interval: int = 2, **fields) -> int:
        with transaction(self.factory) as session:
            feed_id, _ = repo.upsert_feed(session, url=url, name=url.rsplit("/", 1)[-1],
                                          language="en", interval_seconds=interval, active=True,
                                          now=datetime.now(UTC))
            for name, value in fields.items():
                setattr(session.get(Feed, feed_id), name, value)
        return feed_id

    def feed(self, feed_id: int) -> Feed:
        with transaction(self.factory) as session:
            return session.get(Feed, feed_id)

    def count(self, model) -> int:
        with transaction(self.factory) as session:
            return session.scalar(select(func.count()).select_from(model))

    def state(self) -> DaemonState | None:
        with transaction(self.factory) as session:
            return session.get(DaemonState, "default")


@pytest.fixture
def db(db_url):
    handle = Db(db_url)
    yield handle
    handle.engine.dispose()


def start_daemon(db_url: str, tmp_path, *args: str) -> subprocess.Popen:
    log = open(tmp_path / f"daemon-{time.monotonic_ns()}.log", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--db", db_url, "daemon", *FAST, *args],
        cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        env=dict(os.environ, NEWSMON_LOG_LEVEL="WARNING"),
    )
    process.log = log  # type: ignore[attr-defined]
    return process


def daemon_log(process) -> str:
    process.log.seek(0)
    return process.log.read()[-6000:]


def wait_until(check, timeout: float, process=None, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        if process is not None and process.poll() is not None:
            raise AssertionError(f"daemon exited {process.returncode} waiting for {what}:\n"
                                 f"{daemon_log(process)}")
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}" +
                         (f":\n{daemon_log(process)}" if process is not None else ""))


def stop(process, timeout: float = 30.0) -> tuple[int, float]:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(
            f"daemon ignored SIGTERM for {timeout} s:\n{daemon_log(process)}") from None
    return code, time.monotonic() - started


def test_daemon_refreshes_backs_off_recovers_alerts_once_and_stops_cleanly(
    db, site, receiver, tmp_path, run_newsmon
):
    hook_url, messages = receiver
    flaky_down = threading.Event()
    flaky_down.set()
    site.add_route("/feeds/flaky.xml", lambda request: Response(500, "down\n", {}, "text/plain")
                   if flaky_down.is_set() else None)
    db.add_feed(site.url("/feeds/main.xml"))
    flaky_id = db.add_feed(site.url("/feeds/flaky.xml"))
    daemon = start_daemon(db.url, tmp_path, "--notify", hook_url)
    try:
        # Two refresh cycles of the healthy feed; the second is conditional and gets a 304.
        requests = wait_until(lambda: site.requests_for("/feeds/main.xml")[1:] or None, 60,
                              daemon, "a second refresh")
        assert requests[0].headers.get("if-none-match")
        assert len(site.requests_for("/news/robots.html")) == 1
        # The failing feed backs off: interval * 2 ** failures before the next try.
        failing = wait_until(lambda: (f := db.feed(flaky_id)).consecutive_failures and f,
                             60, daemon, "a failure")
        assert failing.last_status == 500 and failing.last_error == "HTTP 500"
        backoff = (failing.next_due_at - failing.last_fetched_at).total_seconds()
        assert backoff == pytest.approx(2 * 2 ** failing.consecutive_failures, abs=0.01)
        # ... and recovers by itself when the feed comes back; meanwhile a deal story appears.
        flaky_down.clear()
        site.set_file("/news/runai.html", DEAL, "text/html; charset=utf-8")
        site.set_file("/feeds/main.xml", rss((DEAL_TITLE, "/news/runai.html"),
                                             ("Warehouse robots", "/news/robots.html")),
                      "application/rss+xml")
        # A second daemon on the same database is refused while this one runs.
        second = run_newsmon("daemon", *FAST, db=db.url, check=False, timeout=30)
        assert second.returncode == 1 and "another daemon" in second.stderr
        assert "Traceback" not in second.stderr
        wait_until(lambda: db.feed(flaky_id).consecutive_failures == 0, 60, daemon, "recovery")
        attempts = site.requests_for("/feeds/flaky.xml")
        assert attempts[-1].time - attempts[-2].time >= backoff - 0.5
        # Exactly one webhook message for the new deal, however many cycles follow.
        wait_until(lambda: messages, 60, daemon, "a webhook message")
        runs = db.count(CrawlRun)
        status = json.loads(run_newsmon("status", "--format", "json", db=db.url).stdout)
        assert status["daemon"]["status"] == "running"
        assert status["daemon"]["pid"] == daemon.pid
        assert status["feed_health"] == {"ok": 2}
        finished = [r for r in status["crawl_runs"] if r["status"] == "finished"]
        assert finished and all(r["feeds"] >= 1 for r in finished)  # a running one counts 0
        assert status["last_24h"]["new_deals"] == 1
        wait_until(lambda: db.count(CrawlRun) >= runs + 2, 60, daemon, "two more cycles")
        assert len(messages) == 1, messages
        message = messages[0]
        assert "Nvidia" in message["text"] and "Run:ai" in message["text"]
        assert message["deal"]["target"] == "Run:ai" and message["deal"]["amount_usd"] == 7e8
        assert message["event"]["kind"] == "new"
        assert db.count(Deal) == 1 and db.count(Article) == 2
    finally:
        code, took = stop(daemon)
    assert code == 0, daemon_log(daemon)
    assert took < 30
    state = db.state()
    assert state.stopped_at is not None and state.state == "stopped" and state.cycles >= 4
    with transaction(db.factory) as session:
        assert all(r.status != "running" for r in repo.recent_runs(session, 100))
    text = run_newsmon("status", db=db.url).stdout
    assert "daemon: stopped" in text and "1 new deal(s)" in text


@pytest.fixture
def sqlite_db(sqlite_url):
    """Process behaviour (start, stop, resume) does not depend on the backend: SQLite only."""
    handle = Db(sqlite_url)
    yield handle
    handle.engine.dispose()


def test_restart_resumes_without_a_burst(sqlite_db, site, tmp_path):
    """Feeds whose next run is in the future wait; a feed never fetched is fetched."""
    db = sqlite_db
    now = datetime.now(UTC)
    waiting = db.add_feed(site.url("/feeds/main.xml"), interval=3600, last_fetched_at=now,
                          last_success_at=now, next_due_at=now + timedelta(minutes=50))
    fresh = db.add_feed(site.url("/feeds/flaky.xml"), interval=3600)
    daemon = start_daemon(db.url, tmp_path)
    try:
        wait_until(lambda: db.feed(fresh).last_fetched_at, 60, daemon, "the new feed's fetch")
        wait_until(lambda: (s := db.state()) and s.state == "idle" and s.cycles >= 1, 10, daemon,
                   "the run's end")
    finally:
        code, _ = stop(daemon)
    assert code == 0
    assert site.requests_for("/feeds/main.xml") == []
    assert db.feed(waiting).next_due_at == now + timedelta(minutes=50)


def test_sigterm_stops_a_crawl_in_progress_within_the_bound(sqlite_db, site, tmp_path):
    db = sqlite_db
    site.add_route("/feeds/slow.xml", lambda request: Response(
        200, rss(("Warehouse robots", "/news/robots.html")), {}, "application/rss+xml",
        delay=60))
    slow = db.add_feed(site.url("/feeds/slow.xml"))
    daemon = start_daemon(db.url, tmp_path, "--stop-timeout", "5")
    wait_until(lambda: site.requests_for("/feeds/slow.xml"), 60, daemon, "the slow request")
    code, took = stop(daemon)
    assert code == 0, daemon_log(daemon)
    assert took < 15, daemon_log(daemon)
    state = db.state()
    assert state.stopped_at is not None
    with transaction(db.factory) as session:
        assert [r.status for r in repo.recent_runs(session)] == ["interrupted"]
    assert db.feed(slow).consecutive_failures <= 1  # consistent: recorded or not, never half
    # The next start resumes: the lease is free again.
    again = start_daemon(db.url, tmp_path)
    wait_until(lambda: (s := db.state()) and s.stopped_at is None, 20, again, "a restart")
    code, _ = stop(again)
    assert code == 0
