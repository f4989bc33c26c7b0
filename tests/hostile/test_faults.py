"""Faults around the crawl: kill -9 midway (the extraction pool dies with the crawl), SQLite
locked by readers and writers, a read-only or full database, Postgres connections killed
midway or a closed port.

Every case: a clear message naming the database, a non-zero exit when work was lost, nothing
committed is lost or duplicated, and a rerun completes the work.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import create_engine, func, inspect, select, text

from storage.db import open_database, session_factory, transaction
from storage.models import Article, ArticleFeed, CrawlRun
from testing.sitesrv import Response
from tests.conftest import POSTGRES_URL
from tests.hostile.conftest import (
    FAST,
    GOOD_TEXT,
    alive,
    article_html,
    assert_bounded,
    crawl_args,
    descendants,
    kill_group,
    rows,
    rss,
)

ENTRIES = 12


def slow_site(site_factory, delay: float, hold_from: int | None = None):
    """A feed of ENTRIES distinct articles, each page answering after ``delay`` seconds.

    With ``hold_from``, pages from that index on wait until ``site.release`` is set (at most
    60 s), so a crawl is surely still running when the test kills it."""
    site = site_factory()
    site.release = threading.Event()

    def page(request):
        n = request.url_path.rsplit("/", 1)[1]
        if hold_from is not None and int(n) >= hold_from:
            site.release.wait(60)
        paragraphs = [f"Story number {n}: " + GOOD_TEXT[0]] + GOOD_TEXT[1:]
        return Response(200, article_html(f"Story {n}", paragraphs), content_type="text/html",
                        delay=delay)

    site.add_route("/s/*", page)
    site.set_file("/feeds/slow.xml", rss([{"title": f"Story {i}", "link": site.url(f"/s/{i}")}
                                           for i in range(ENTRIES)]), "application/rss+xml")
    return site, site.url("/feeds/slow.xml")


def count(db_url: str, model) -> int:
    """Rows of ``model``, 0 while its table is not made yet. Never migrates: a test polling a
    crawl that has just started must not race it for creating the schema."""
    engine = open_database(db_url, migrate=False)
    try:
        if not inspect(engine).has_table(model.__tablename__):
            return 0
        with transaction(session_factory(engine)) as session:
            return session.scalar(select(func.count()).select_from(model))
    finally:
        engine.dispose()


def assert_complete(db_url: str, site) -> None:
    urls = [a.canonical_url for a in rows(db_url, Article)]
    assert sorted(urls) == sorted(site.url(f"/s/{i}") for i in range(ENTRIES))
    links = [(link.article_id, link.feed_id) for link in rows(db_url, ArticleFeed)]
    assert len(links) == len(set(links)) == ENTRIES
    for article in rows(db_url, Article):  # never half-written
        assert article.text and article.title and article.word_count > 20


ONE_AT_A_TIME = (*FAST, "CONCURRENT_REQUESTS_PER_DOMAIN=1")


@pytest.mark.timeout(120)
def test_kill_9_midway_then_rerun_finishes_without_duplicates(site_factory, newsmon, sqlite_url):
    site, feed = slow_site(site_factory, delay=0.2, hold_from=6)
    proc = newsmon.start(*crawl_args(feed), db=sqlite_url, settings=ONE_AT_A_TIME)
    deadline = time.monotonic() + 60
    while count(sqlite_url, Article) < 3:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.1)
    kill_group(proc)
    killed = newsmon.wait(proc)
    assert killed.returncode == -9
    before = {a.canonical_url: a.id for a in rows(sqlite_url, Article)}
    assert 3 <= len(before) < ENTRIES
    site.release.set()

    site.clear_requests()
    rerun = newsmon(*crawl_args(feed), db=sqlite_url).check()
    assert_bounded(rerun, 40)
    assert_complete(sqlite_url, site)
    after = {a.canonical_url: a.id for a in rows(sqlite_url, Article)}
    assert all(after[url] == id_ for url, id_ in before.items())  # committed rows untouched
    refetched = {r.url_path for r in site.requests_for("/s/")}
    assert not refetched & {url.removeprefix(site.base_url) for url in before}
    runs = rows(sqlite_url, CrawlRun)
    assert [r.status for r in runs] == ["running", "finished"]  # the killed run shows as such


@pytest.mark.timeout(120)
def test_kill_9_of_the_crawl_takes_its_extraction_pool_along(site_factory, newsmon, sqlite_url,
                                                            tmp_path):
    """Only the crawl process is killed (not its group): the fork server, the workers and the
    resource tracker must not outlive it. No remote-control job file is written, and one left
    by an earlier killed crawl is removed."""
    home = tmp_path / "home"
    jobs = home / ".local" / "state" / "scrapy" / "job_files"
    jobs.mkdir(parents=True)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = jobs / f"{gone.pid}-0123456789abcdef.json"
    stale.write_text(json.dumps({"pid": gone.pid, "port": 1, "token": "x"}))
    site, feed = slow_site(site_factory, delay=0.2, hold_from=4)
    env = {"HOME": str(home), "XDG_STATE_HOME": str(home / ".local" / "state")}
    proc = newsmon.start(*crawl_args(feed), db=sqlite_url, settings=ONE_AT_A_TIME, env=env)
    try:
        deadline = time.monotonic() + 60
        while count(sqlite_url, Article) < 2:  # the pool is up and working
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        pool = descendants(proc.pid)
        assert len(pool) >= 2, pool  # fork server, worker (and resource tracker)
        assert not stale.exists()
        assert list(jobs.iterdir()) == []  # no remote-control server, no job file
        os.kill(proc.pid, signal.SIGKILL)
        assert newsmon.wait(proc).returncode == -9
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in pool):
            assert time.monotonic() < deadline, f"pool outlived the crawl: {pool}"
            time.sleep(0.1)
    finally:
        site.release.set()
        kill_group(proc)
    assert list(jobs.iterdir()) == []


@pytest.mark.timeout(120)
def test_sqlite_reader_and_writer_holding_locks(site_factory, newsmon, tmp_path):
    site, feed = slow_site(site_factory, delay=0)
    db_file = tmp_path / "locked.db"
    db = f"sqlite:///{db_file}"
    open_database(db).dispose()
    reader = sqlite3.connect(db_file)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    writer = sqlite3.connect(db_file, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock ...
    release = threading.Timer(3.0, writer.execute, ("COMMIT",))  # ... for three seconds
    release.start()
    try:
        run = newsmon(*crawl_args(feed), db=db).check()
    finally:
        release.join()
    assert run.elapsed > 3.0  # it waited for the writer (busy timeout), then went on
    assert_bounded(run, 40)
    assert "new 12" in run.stdout
    # The user's read transaction still sees its snapshot, undisturbed; afterwards, everything.
    assert reader.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM articles").fetchone() == (ENTRIES,)
    reader.close()
    writer.close()
    assert_complete(db, site)


@pytest.mark.timeout(90)
def test_read_only_database_gives_a_clear_error(site_factory, newsmon, tmp_path):
    site, feed = slow_site(site_factory, delay=0)
    db_file = tmp_path / "ro.db"
    open_database(f"sqlite:///{db_file}").dispose()
    size = db_file.stat().st_size
    read_only = f"sqlite:///file:{db_file}?mode=ro&uri=true"
    run = newsmon(*crawl_args(feed), db=read_only)
    assert run.returncode == 1, run.describe()
    assert "Traceback" not in run.stderr
    assert str(db_file) in run.stderr and "readonly" in run.stderr.replace("read-only", "readonly")
    assert db_file.stat().st_size == size
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def _limit_file_size(limit: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.mark.timeout(120)
def test_full_disk_stops_cleanly_and_a_rerun_finishes(site_factory, newsmon, tmp_path):
    """Disk full, simulated with RLIMIT_FSIZE: the database file (and its WAL) cannot grow."""
    site, feed = slow_site(site_factory, delay=0)
    db_file = tmp_path / "full.db"
    db = f"sqlite:///{db_file}"
    open_database(db).dispose()
    limit = db_file.stat().st_size + 64 * 1024
    run = newsmon(*crawl_args(feed), db=db, preexec_fn=_limit_file_size(limit))
    assert run.returncode == 1, run.describe()
    assert_bounded(run, 60)
    assert "Traceback" not in run.stdout
    assert str(db_file) in run.stderr
    assert "disk is full" in run.stderr or "disk I/O error" in run.stderr
    assert "database_unavailable" in run.stdout or "could not be stored" in run.stdout
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = count(db, Article)
    assert stored < ENTRIES
    rerun = newsmon(*crawl_args(feed), db=db).check()
    assert_bounded(rerun, 40)
    assert_complete(db, site)


@pytest.mark.timeout(60)
def test_database_on_a_closed_port_is_reported(newsmon, site_factory):
    site, feed = slow_site(site_factory, delay=0)
    run = newsmon(*crawl_args(feed), db="postgresql+psycopg://newsmon:pw@127.0.0.1:9/newsmon")
    assert run.returncode == 1, run.describe()
    assert_bounded(run, 30)
    assert "Traceback" not in run.stderr
    assert "database postgresql+psycopg://newsmon:***@127.0.0.1:9/newsmon is unavailable" in \
        run.stderr
    assert "pw@" not in run.output
    assert site.requests == []  # nothing fetched for a crawl that could store nothing


@pytest.mark.skipif(POSTGRES_URL is None, reason="NEWSMON_TEST_POSTGRES_URL is not set")
@pytest.mark.timeout(150)
def test_postgres_connections_killed_midway(site_factory, newsmon, request):
    from tests.conftest import _postgres_database

    databases = _postgres_database()
    db_url = next(databases)
    request.addfinalizer(lambda: next(databases, None))
    # pages from the sixth on wait until the connections are killed: the crawl is surely
    # still running (and connected) when they die, however loaded the machine is
    site, feed = slow_site(site_factory, delay=0.3, hold_from=6)
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = db_url.rsplit("/", 1)[1]
    proc = newsmon.start(*crawl_args(feed), db=db_url, settings=ONE_AT_A_TIME)
    killed = 0
    try:
        deadline = time.monotonic() + 60
        while count(db_url, Article) < 3:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        for _ in range(3):  # a server restart, as the crawl sees it: every connection dies
            with admin.connect() as conn:
                killed += conn.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid() "
                    "AND application_name NOT LIKE 'pytest%'"), {"n": name}).scalar()
            time.sleep(0.5)
    finally:
        site.release.set()
        admin.dispose()
    run = newsmon.wait(proc)
    assert killed > 0
    # Either the crawl reconnected and finished, or it stopped saying why; never a traceback.
    assert run.returncode in (0, 1), run.describe()
    if run.returncode:
        assert "database" in run.stderr and "database_unavailable" in run.stdout
    rerun = newsmon(*crawl_args(feed), db=db_url).check()
    assert_bounded(rerun, 40)
    assert_complete(db_url, site)
