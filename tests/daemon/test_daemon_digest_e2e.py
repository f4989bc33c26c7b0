"""End to end: the real daemon, a loopback site and a loopback webhook receiver, a digest every
period. The test-only ``--cron-second`` hook adds a seconds field to the crontab (``* * * * *``
with ``*/3`` fires every three seconds), so several periods pass in a short test; everything
else (APScheduler, the digest records, the crawl child, SIGTERM) is the production path.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from tests.daemon.test_daemon_e2e import (
    DEAL,
    DEAL_TITLE,
    daemon_log,
    rss,
    site,  # noqa: F401  (fixture)
    sqlite_db,  # noqa: F401  (fixture)
    start_daemon,
    stop,
    wait_until,
)

pytestmark = pytest.mark.timeout(150)
PERIOD = 3


class Receiver(http.server.BaseHTTPRequestHandler):
    received: list[tuple[float, dict]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).received.append((time.time(), json.loads(body)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def hook():
    Receiver.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/services/T0/B0/secret", Receiver.received
    server.shutdown()
    server.server_close()


def todays_rss(*items: tuple[str, str]) -> str:
    """The feed with today's publication date: a deal published weeks ago is not news."""
    return rss(*items).replace("Mon, 02 Nov 2026 08:30:00 +0000", format_datetime(
        datetime.now(UTC), usegmt=True))


def todays_page(html: str) -> str:
    """The page dated today (its text mentions 2018, which a date guesser could take)."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    return html.replace("<head>", f"<head><meta property='article:published_time' "
                                  f"content='{stamp}'>", 1)


def periods(received) -> list[tuple[datetime, datetime]]:
    return [(datetime.fromisoformat(m["digest"]["since"]),
             datetime.fromisoformat(m["digest"]["until"])) for _, m in received]


def targets(message) -> list[str]:
    return [d["target"] for g in message["digest"]["groups"] for d in g["deals"]]


def test_digests_arrive_once_per_period_with_new_deals_and_survive_a_restart(
        sqlite_db, site, hook, tmp_path, run_newsmon):  # noqa: F811
    db = sqlite_db
    url, received = hook
    db.add_feed(site.url("/feeds/main.xml"))
    args = ("--digest", "* * * * *", "--cron-second", f"*/{PERIOD}", "--digest-to", url,
            "--digest-to", str(tmp_path / "digest.md"), "--digest-empty")
    daemon = start_daemon(db.url, tmp_path, *args)
    try:
        wait_until(lambda: len(received) >= 1, 30, daemon, "a first digest")
        site.set_file("/news/runai.html", todays_page(DEAL), "text/html; charset=utf-8")
        site.set_file("/feeds/main.xml", todays_rss((DEAL_TITLE, "/news/runai.html"),
                                                    ("Warehouse robots", "/news/robots.html")),
                      "application/rss+xml")
        with_deal = wait_until(lambda: [m for _, m in received if targets(m)], 40, daemon,
                               "a digest with the deal")
        count = len(received)
        status = json.loads(run_newsmon("status", "--format", "json", db=db.url).stdout)
        wait_until(lambda: len(received) >= count + 2, 20, daemon, "two more periods")
    finally:
        stopped_at = time.time()
        code, _ = stop(daemon)
    assert code == 0, daemon_log(daemon)
    jobs = {j["name"]: j for j in status["jobs"]}
    assert set(jobs) == {"planner", "crawl-supervisor", "heartbeat", "maintenance",
                         "digest:* * * * *"}
    assert all(j["next_run_at"] for j in jobs.values())  # as APScheduler reports them
    assert jobs["maintenance"]["trigger"] == "cron 30 4 * * * (UTC)"
    assert status["last_digest"]["status"] == "sent"
    assert len(with_deal) == 1 and targets(with_deal[0]) == ["Run:ai"]  # exactly once
    assert "Nvidia → Run:ai" in with_deal[0]["text"]
    assert with_deal[0]["digest"]["groups"][0]["deals"][0]["amount_usd"] == 7e8
    spans = periods(received)
    # One digest per period boundary: each starts where the last ended, on the 3-second grid.
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False)), spans
    assert all(until.second % PERIOD == 0 and until.microsecond == 0 for _, until in spans)
    assert len({until for _, until in spans}) == len(spans)
    assert all(until.timestamp() <= stopped_at for _, until in spans)  # none after SIGTERM
    assert all(t <= stopped_at + 1 for t, _ in received)
    assert (tmp_path / "digest.md").read_text().startswith("# AI deals")  # the latest one
    assert (tmp_path / "digest.html").read_text().startswith("<!doctype html>")
    # Stopped for more than one period: the restart sends the missed periods once, coalesced,
    # starting exactly where the last digest ended.
    before = len(received)
    last_until = spans[-1][1]
    time.sleep(PERIOD * 2)  # real time must pass while the daemon is down
    again = start_daemon(db.url, tmp_path, *args)
    try:
        wait_until(lambda: len(received) >= before + 2, 30, again, "digests after a restart")
    finally:
        code, _ = stop(again)
    assert code == 0, daemon_log(again)
    after = periods(received[before:])
    assert after[0][0] == last_until  # nothing skipped
    assert (after[0][1] - last_until).total_seconds() >= PERIOD * 2  # missed ones coalesced
    assert all(a[1] == b[0] for a, b in zip(after, after[1:], strict=False))
    assert all(not targets(m) for _, m in received[before:])  # the deal is never sent again
