"""Soak benchmark: does ``newsmon daemon`` keep its memory and file descriptors flat?

    python -m bench.soak [--cycles 200] [--feeds 6] [--db URL] [-s NAME=VALUE ...]

Serves ``--feeds`` feeds on 127.0.0.1 with 1-2 s intervals; a new article (every fifth one a
deal story) appears every few seconds, and a loopback webhook receives the deal alerts and a
digest every 10 seconds (the test-only ``--cron-second`` hook), so every APScheduler job of the
daemon (planner, crawl supervisor, heartbeat, alerts, digest) runs in the loop. The real
daemon runs as a subprocess until it has completed ``--cycles`` crawl runs (counted in its
``daemon_state`` row). Its resident set size and open file descriptors are read from
``/proc/PID`` at cycle 10 and at the last cycle; the target is under 10 % growth. Not a test:
it takes about three seconds per cycle.
"""

from __future__ import annotations

import argparse
import http.server
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from storage import repo
from storage.db import open_database, session_factory, transaction
from storage.models import Article, DaemonState
from testing.sitesrv import SiteServer

REPO = Path(__file__).resolve().parent.parent
FAST = ["--min-interval-seconds", "1", "--poll-seconds", "0.2", "--heartbeat-seconds", "1",
        "--initial-spread", "0", "--batch-window", "1", "--notify-poll-seconds", "0.5"]
SETTINGS = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "RETRY_TIMES=0",
            "EXTRACT_WORKERS=0"]
BUYERS = ["Nvidia", "Microsoft", "Google", "Amazon", "Meta", "Apple", "Salesforce", "IBM"]


def proc_figures(pid: int) -> tuple[int, int]:
    """``(rss_kib, open_fds)`` of a live process, at rest: the daemon's job threads open a
    second database connection for a few milliseconds now and then, so the descriptors are
    read five times 50 ms apart and the smallest count is kept (the largest is printed too)."""
    readings = []
    for _ in range(5):
        rss = 0
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        readings.append((rss, len(os.listdir(f"/proc/{pid}/fd"))))
        time.sleep(0.05)
    proc_figures.busiest = max(fds for _, fds in readings)  # type: ignore[attr-defined]
    return readings[-1][0], min(fds for _, fds in readings)


def article_html(n: int) -> tuple[str, str]:
    if n % 5 == 0:
        buyer = BUYERS[(n // 5) % len(BUYERS)]
        title = f"{buyer} to acquire Soakbot{n} AI for ${n % 900 + 100} million"
        text = (f"{buyer} has agreed to acquire Soakbot{n} AI, a startup building machine "
                f"learning tools, for ${n % 900 + 100} million, the companies said on Tuesday. "
                "The deal is expected to close next quarter.")
    else:
        title = f"Warehouse robots, part {n}"
        text = (f"Part {n} of our series: robots in a warehouse near the harbour learn to sort "
                "parcels by size and weight, and agree among themselves who takes which aisle.")
    body = "".join(f"<p>{text} Paragraph {i}.</p>" for i in range(6))
    return title, (f"<html lang='en'><head><title>{title}</title></head><body><article>"
                   f"<h1>{title}</h1>{body}</article></body></html>")


class Site:
    """Feeds whose newest items change while the daemon runs."""

    def __init__(self, feeds: int):
        self.server = SiteServer(None).start()
        self.server.set_file("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        self.items: dict[int, list[tuple[str, str]]] = {i: [] for i in range(feeds)}
        self.count = 0
        for feed in self.items:
            self.publish(feed)

    def publish(self, feed: int) -> None:
        self.count += 1
        title, html = article_html(self.count)
        path = f"/news/{self.count}.html"
        self.server.set_file(path, html, "text/html; charset=utf-8")
        self.items[feed] = [(title, path)] + self.items[feed][:19]
        entries = "".join(f"<item><title>{t}</title><link>{{{{BASE_URL}}}}{p}</link></item>"
                          for t, p in self.items[feed])
        self.server.set_file(f"/feeds/{feed}.xml", "<?xml version='1.0'?><rss version='2.0'>"
                             f"<channel><title>Feed {feed}</title>{entries}</channel></rss>",
                             "application/rss+xml")


class Hook(http.server.BaseHTTPRequestHandler):
    received = 0
    digests = 0

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if b'"digest"' in body:
            type(self).digests += 1
        else:
            type(self).received += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--feeds", type=int, default=6)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("-s", "--set", dest="settings", action="append", default=[])
    args = parser.parse_args(argv)
    first = min(10, args.cycles)

    workdir = Path(tempfile.mkdtemp(prefix="newsmon-soak-"))
    db_url = args.db or f"sqlite:///{workdir / 'soak.db'}"
    engine = open_database(db_url)
    factory = session_factory(engine)
    site = Site(args.feeds)
    hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    with transaction(factory) as session:
        for feed in range(args.feeds):
            repo.upsert_feed(session, url=site.server.url(f"/feeds/{feed}.xml"),
                             name=f"soak {feed}", language="en", interval_seconds=1 + feed % 2,
                             active=True, now=datetime.now(UTC))

    command = [sys.executable, "-m", "newsmon", "--db", db_url, "daemon", *FAST,
               "--notify", f"http://127.0.0.1:{hook.server_address[1]}/hook",
               "--digest", "* * * * *", "--cron-second", "*/10", "--digest-empty"]
    for setting in SETTINGS + args.settings:
        command += ["-s", setting]
    log = open(workdir / "daemon.log", "w")
    daemon = subprocess.Popen(command, cwd=REPO, stdin=subprocess.DEVNULL, stdout=log,
                              stderr=subprocess.STDOUT)
    print(f"daemon pid {daemon.pid}, log {workdir / 'daemon.log'}, {args.cycles} cycles",
          flush=True)
    samples: dict[int, tuple[int, int]] = {}
    started = time.monotonic()
    last_publish = time.monotonic()
    try:
        cycles = 0
        while cycles < args.cycles:
            if daemon.poll() is not None:
                print(f"daemon exited early ({daemon.returncode}); see the log", file=sys.stderr)
                return 1
            with transaction(factory) as session:
                state = session.get(DaemonState, "default")
                cycles = state.cycles if state is not None and state.stopped_at is None else 0
            if cycles and cycles not in samples and (cycles in (1, first, args.cycles)
                                                     or cycles % 25 == 0):
                samples[cycles] = proc_figures(daemon.pid)
                rss, fds = samples[cycles]
                print(f"cycle {cycles:4d}: RSS {rss / 1024:6.1f} MiB, open fds {fds} "
                      f"(up to {proc_figures.busiest}), "  # type: ignore[attr-defined]
                      f"{time.monotonic() - started:6.0f} s", flush=True)
            if time.monotonic() - last_publish > 3:
                site.publish(site.count % args.feeds)
                last_publish = time.monotonic()
            time.sleep(0.2)
    finally:
        daemon.send_signal(signal.SIGTERM)
        code = daemon.wait(60)
        site.server.stop()
        hook.shutdown()
    with transaction(factory) as session:
        articles = session.query(Article).count()
    engine.dispose()
    base = samples.get(first) or samples[min(samples)]
    end = samples[max(samples)]
    print(f"\ncycles {max(samples)} in {time.monotonic() - started:.0f} s; articles {articles}; "
          f"alerts received {Hook.received}; digests received {Hook.digests}; "
          f"daemon exit code {code}")
    print(f"RSS at cycle {first}: {base[0] / 1024:.1f} MiB; at cycle {max(samples)}: "
          f"{end[0] / 1024:.1f} MiB; growth {100 * (end[0] - base[0]) / base[0]:+.1f} %")
    print(f"open fds at cycle {first}: {base[1]}; at cycle {max(samples)}: {end[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
