"""``python -m bench.recovery``: what a ``kill -9`` of a distributed worker costs.

    NEWSMON_TEST_REDIS_URL=redis://127.0.0.1:6379/0 \\
    NEWSMON_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
    python -m bench.recovery [--pages 100] [--delay 0.5] [--kill-at 20] [-s NAME=VALUE ...]

Serves ``--pages`` articles in two RSS feeds on 127.0.0.1, each page answered after ``--delay``
seconds, and runs two ``newsmon worker`` processes (2 requests in flight each, default
``REQUEST_LEASE`` and ``REDIS_DUPEFILTER_TTL`` unless ``-s`` says otherwise) into a throw-away
Postgres database, twice in one run: undisturbed (the baseline), then with one worker
SIGKILLed (with its extraction pool) once ``--kill-at`` articles are stored. Prints, for both,
the articles stored, the wall time until the last one, whether both feeds were recorded, and
the extra time the kill cost.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from storage.db import open_database, session_factory, transaction
from storage.models import Article
from testing.sitesrv import Response, SiteServer

REPO = Path(__file__).resolve().parent.parent
WORKER = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0",
          "-s", "CONCURRENT_REQUESTS=2", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
          "-s", "EXTRACT_WORKERS=1", "-s", "FEED_POLL_INTERVAL=0.5"]
TEXT = ("Harbour robotics start-up Quayside expanded its fleet of parcel-sorting machines across "
        "three northern ports this week, report {n}. The operators say the error rate has "
        "fallen every month since the pilot began in the spring of last year.")


def serve(site: SiteServer, pages: int, delay: float) -> list[str]:
    def page(request):
        n = request.url_path.rsplit("/", 1)[1].removesuffix(".html")
        body = (f"<html lang='en'><head><title>Harbour report {n}</title></head><body><article>"
                f"<h1>Harbour report {n}</h1>" + f"<p>{TEXT.format(n=n)}</p>" * 4 +
                "</article></body></html>")
        return Response(200, body, content_type="text/html; charset=utf-8", delay=delay)

    site.add_route("/news/*", page)
    site.set_file("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    feeds = []
    for f in range(2):
        items = "".join(f"<item><title>{n}</title><link>{site.url(f'/news/{n}.html')}</link>"
                        "</item>" for n in range(f, pages, 2))
        site.set_file(f"/feeds/{f}.xml", f"<?xml version='1.0'?><rss version='2.0'><channel>"
                      f"<title>Feed {f}</title>{items}</channel></rss>", "application/rss+xml")
        feeds.append(site.url(f"/feeds/{f}.xml"))
    return feeds


def stored(db_url: str) -> int:
    engine = open_database(db_url, migrate=False)
    try:
        with transaction(session_factory(engine)) as session:
            return session.scalar(select(func.count()).select_from(Article))
    finally:
        engine.dispose()


def worker(db_url: str, env: dict, log: Path, extra: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--db", db_url, "worker", "--max-idle", "3",
         *WORKER, *extra], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=log.open("w"), start_new_session=True)


def wait_ready(log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while "worker ready" not in log.read_text(errors="replace"):
        if time.monotonic() > deadline:
            raise SystemExit(f"worker did not start:\n{log.read_text()[-2000:]}")
        time.sleep(0.1)


def one_run(db_url: str, pages: int, delay: float, kill_at: int | None, extra: list[str],
            tmp: Path) -> dict:
    from newsmon.enqueue import enqueue_due
    from storage.repo import upsert_feed

    prefix = f"newsmon-recovery-{uuid.uuid4().hex[:8]}"
    redis_url = os.environ["NEWSMON_TEST_REDIS_URL"]
    overrides = {"REDIS_URL": redis_url, "REDIS_PREFIX": prefix}
    env = dict(os.environ, NEWSMON_REDIS_URL=redis_url, NEWSMON_REDIS_PREFIX=prefix)
    with SiteServer() as site:
        feeds = serve(site, pages, delay)
        engine = open_database(db_url)
        with transaction(session_factory(engine)) as session:
            for url in feeds:
                upsert_feed(session, url=url, name=url, language=None, interval_seconds=3600,
                            active=True, now=datetime.now(UTC))
        engine.dispose()
        logs = [tmp / f"{prefix}-{i}.log" for i in range(2)]
        procs = [worker(db_url, env, log, extra) for log in logs]
        for log in logs:
            wait_ready(log)
        enqueue_due(db_url, overrides)
        start = time.monotonic()
        killed_at = None
        while stored(db_url) < pages:
            if kill_at is not None and killed_at is None and stored(db_url) >= kill_at:
                os.killpg(procs[0].pid, signal.SIGKILL)
                killed_at = time.monotonic() - start
            if all(p.poll() is not None for p in procs):
                break
            if time.monotonic() - start > 600:
                break
            time.sleep(0.1)
        elapsed = time.monotonic() - start
        for proc in procs:
            if proc.poll() is None:
                proc.wait(120)
        requeued = enqueue_due(db_url, overrides)
    forget(redis_url, prefix)
    return {"stored": stored(db_url), "elapsed": elapsed, "killed_at": killed_at,
            "feeds_still_due": requeued}


def forget(redis_url: str, prefix: str) -> None:
    import redis

    server = redis.Redis.from_url(redis_url)
    keys = list(server.scan_iter(f"{prefix}:*"))
    if keys:
        server.delete(*keys)
    server.close()


def throwaway_database(admin_url: str):
    admin = make_url(admin_url)
    name = f"newsmon_recovery_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return engine, name, admin.set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--kill-at", type=int, default=20)
    parser.add_argument("-s", dest="settings", action="append", default=[])
    args = parser.parse_args()
    extra = [arg for pair in args.settings for arg in ("-s", pair)]
    results = {}
    with TemporaryDirectory() as tmp:
        for label, kill_at in (("undisturbed", None), ("one worker killed", args.kill_at)):
            admin, name, db_url = throwaway_database(os.environ["NEWSMON_TEST_POSTGRES_URL"])
            try:
                results[label] = one_run(db_url, args.pages, args.delay, kill_at, extra,
                                         Path(tmp))
            finally:
                with admin.connect() as conn:
                    conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                      "WHERE datname = :n"), {"n": name})
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                admin.dispose()
    print(f"{args.pages} pages, {args.delay} s each, 2 workers x 2 in flight, "
          f"settings: {' '.join(args.settings) or 'defaults'}")
    for label, r in results.items():
        kill = f", killed at {r['killed_at']:.1f} s" if r["killed_at"] is not None else ""
        print(f"  {label:18} stored {r['stored']}/{args.pages} in {r['elapsed']:.1f} s{kill}; "
              f"feeds still due afterwards: {r['feeds_still_due']}")
    base, hit = results["undisturbed"], results["one worker killed"]
    print(f"  the kill cost {hit['elapsed'] - base['elapsed']:+.1f} s "
          f"({hit['elapsed'] / base['elapsed']:.2f}x the undisturbed run)")


if __name__ == "__main__":
    main()
