"""Per-feed crawl leases: a hand-run crawl skips a feed the daemon's crawl holds."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta

from storage import leases
from storage.db import transaction
from testing.sitesrv import Response
from tests.conftest import REPO
from tests.daemon.test_daemon_e2e import (
    Db,
    daemon_log,
    rss,
    site,  # noqa: F401  (fixture)
    sqlite_db,  # noqa: F401  (fixture)
    start_daemon,
    stop,
    wait_until,
)

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
TTL = timedelta(minutes=10)


def claim(factory, owner, ids, now, host="h", pid=1, dead=lambda lease: False):
    with transaction(factory) as session:
        got, refused = leases.claim_feeds(session, ids, owner=owner, host=host, pid=pid,
                                          now=now, ttl=TTL, dead=dead)
        return got, [(r.feed_id, r.owner) for r in refused]


def test_a_lease_is_exclusive_until_released_or_expired(db_url):
    db = Db(db_url)
    try:
        a, b = db.add_feed("https://a.example/feed"), db.add_feed("https://b.example/feed")
        f = db.factory
        assert claim(f, "daemon-crawl", [a], T0) == ([a], [])
        held = claim(f, "hand-crawl", [a, b], T0 + timedelta(minutes=1))
        assert held == ([b], [(a, "daemon-crawl")])
        assert claim(f, "daemon-crawl", [a], T0 + timedelta(minutes=2)) == ([a], [])  # its own
        with transaction(f) as session:  # renewing pushes the expiry back
            assert leases.renew(session, "daemon-crawl", T0 + timedelta(minutes=9), TTL) == 1
        assert claim(f, "hand-crawl", [a], T0 + timedelta(minutes=15))[0] == []
        # A killed crawl stops renewing: its lease expires and the feed is free again.
        assert claim(f, "hand-crawl", [a], T0 + timedelta(minutes=19, seconds=1))[0] == [a]
        with transaction(f) as session:
            assert leases.release(session, "hand-crawl") == 2
            assert leases.held_leases(session, T0) == []
        # On the same host, a lease whose process is gone is free at once.
        claim(f, "crashed", [a], T0, pid=999)
        got, _ = claim(f, "next", [a], T0 + timedelta(seconds=1),
                       dead=lambda lease: lease.pid == 999)
        assert got == [a]
    finally:
        db.engine.dispose()


def test_hand_run_crawl_skips_a_feed_the_daemon_is_crawling(sqlite_db, site, tmp_path):  # noqa: F811
    """Two real processes: the daemon's crawl holds a slow feed; ``newsmon crawl`` of the same
    feed skips it with a one-line note and fetches the other one."""
    db = sqlite_db
    hand_done = threading.Event()

    def slow(request):  # the daemon's crawl holds the feed until the hand-run crawl is over
        hand_done.wait(90)
        return Response(200, rss(("Warehouse robots", "/news/robots.html")), {},
                        "application/rss+xml")

    site.add_route("/feeds/slow.xml", slow)
    slow = site.url("/feeds/slow.xml")
    db.add_feed(slow, interval=3600)
    daemon = start_daemon(db.url, tmp_path)
    try:
        wait_until(lambda: site.requests_for("/feeds/slow.xml"), 30, daemon, "the slow fetch")
        hand = subprocess.run(
            [sys.executable, "-m", "newsmon", "--db", db.url, "crawl", "--feed", slow,
             "--feed", site.url("/feeds/main.xml"), "-s", "DOWNLOAD_DELAY=0"],
            cwd=REPO, capture_output=True, text=True, timeout=90, stdin=subprocess.DEVNULL)
        hand_done.set()
        assert hand.returncode == 0, hand.stderr[-3000:]
        notes = [line for line in hand.stdout.splitlines() if line.startswith("skipped feed")]
        assert len(notes) == 1 and "another crawl holds it (pid" in notes[0], hand.stdout
        assert "feeds 1" in hand.stdout  # main.xml was crawled
        assert len(site.requests_for("/feeds/slow.xml")) == 1  # not fetched a second time
        assert len(site.requests_for("/feeds/main.xml")) == 1
        wait_until(lambda: (st := db.state()) and st.cycles >= 1, 60, daemon, "the crawl's end")
    finally:
        hand_done.set()
        code, _ = stop(daemon)
    assert code == 0, daemon_log(daemon)
    with transaction(db.factory) as session:
        assert leases.held_leases(session, datetime.now(UTC)) == []  # released at the end
