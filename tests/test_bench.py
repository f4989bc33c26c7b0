"""No crash or shutdown loses or duplicates an item: a dying extraction worker, Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from testing.sitesrv import SiteServer
from tests.conftest import REPO
from tests.test_distributed import PAIRS, REPORTS_PER_DEAL, counts, deal_site

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0"]


def feed_args(expected: dict) -> list[str]:
    return [arg for url in expected["feeds"] for arg in ("--feed", url)]


def check_all_stored_once(db_url: str, expected: dict) -> None:
    result = counts(db_url)
    assert sorted(result["urls"]) == sorted(expected["articles"])  # unique anyway: none missing
    assert result["mentions"] == len(PAIRS) * REPORTS_PER_DEAL
    assert sorted(result["deals"]) == sorted((b, t, REPORTS_PER_DEAL) for b, t in PAIRS)


def stored(db_url: str) -> int:
    try:
        return counts(db_url)["articles"]
    except Exception:  # not created or migrated yet
        return 0


def test_dead_extraction_worker_is_replaced_and_nothing_lost(run_newsmon, sqlite_url, tmp_path):
    marker = "KILL-THE-WORKER-" + os.urandom(4).hex()
    with SiteServer() as site:
        expected = deal_site(site, delay=0, extra_pages=6, marker=marker)
        result = run_newsmon(
            "crawl", *feed_args(expected), *FAST, "-s", "EXTRACT_WORKERS=2",
            "-s", f"EXTRACT_CRASH_MARKER={marker}",
            "-s", f"EXTRACT_CRASH_FLAG={tmp_path / 'crashed'}", db=sqlite_url,
        )
    # a worker really died (os._exit) on that page
    assert (tmp_path / "crashed").exists(), result.stdout + result.stderr[-3000:]
    assert "an extraction worker died" in result.stderr
    check_all_stored_once(sqlite_url, expected)


def test_interrupted_crawl_loses_nothing_and_next_run_fetches_only_the_rest(
    run_newsmon, sqlite_url, tmp_path
):
    hold = threading.Event()
    with SiteServer() as site:
        # the server answers 8 pages, then holds every other page request until the crawl has
        # been interrupted: however slowly the worker pool starts on a loaded machine, pages
        # are still to fetch when the interruption lands
        expected = deal_site(site, delay=0.05, hold=hold, hold_after=8)
        command = [sys.executable, "-m", "newsmon", "--db", sqlite_url, "crawl",
                   *feed_args(expected), *FAST, "-s", "CONCURRENT_REQUESTS=2"]
        log = tmp_path / "first.log"
        proc = subprocess.Popen(command, cwd=REPO, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=log.open("w"))
        deadline = time.monotonic() + 60
        while stored(sqlite_url) < 5:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        hold.set()  # the requests in flight complete; the crawl stops without new ones
        assert proc.wait(60) is not None
        first = set(counts(sqlite_url)["urls"])
        assert 5 <= len(first) < len(expected["articles"])
        site.clear_requests()
        run_newsmon("crawl", *feed_args(expected), *FAST, db=sqlite_url)
        refetched = {site.url(r.url_path) for r in site.requests_for("/news/")}
    assert refetched and not refetched & first  # stored articles are never fetched again
    check_all_stored_once(sqlite_url, expected)
