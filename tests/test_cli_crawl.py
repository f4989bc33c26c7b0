"""Issue 14, real crawls in a subprocess: quiet output without a terminal, the progress display
on a pseudo-terminal, ``-v``/``--log-file``, spider arguments checked before anything is
written, and a feed URL with a comma in it."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from sqlalchemy import select as sql_select

from storage.db import open_database, session_factory, transaction
from storage.models import Article, Feed
from tests.clitools import FAST, quiet_env, run_cli
from tests.conftest import REPO

#: A host that never resolves (RFC 2606), so DNS fails at once and offline.
UNRESOLVABLE = ("http://feeds.nonexistent.invalid/rss.xml",
                "http://news.nonexistent.invalid/feed.xml")
NO_RETRY = ["-s", "RETRY_TIMES=0"]


def feeds_in(db_url) -> dict[str, Feed]:
    engine = open_database(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            return {f.url: f for f in session.scalars(sql_select(Feed))}
    finally:
        engine.dispose()


def article_count(db_url) -> int:
    engine = open_database(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            return len(session.scalars(sql_select(Article.id)).all())
    finally:
        engine.dispose()


def feed_args(*urls):
    return [a for u in urls for a in ("--feed", u)]


def test_crawl_without_a_terminal_is_one_line_per_feed_and_a_grouped_summary(
        sample_site, sqlite_url, tmp_path):
    good = sample_site.url("/feeds/rss.xml") + "?tags=ai,ml"  # a comma: still one feed
    log_file = tmp_path / "crawl.log"
    result = run_cli("--db", sqlite_url, "crawl", *feed_args(good, *UNRESOLVABLE), *FAST,
                     *NO_RETRY, "--log-file", str(log_file))
    assert result.returncode == 0, result.stderr
    both = result.stdout + result.stderr
    assert "Traceback" not in both and "DeprecationWarning" not in both
    feed_lines = [line for line in result.stdout.splitlines()
                  if line.startswith(("ok ", "failed ", "304 "))]
    assert len(feed_lines) == 3
    assert any(line.startswith("ok ") and good in line for line in feed_lines)
    assert sum(line.startswith("failed ") and ".invalid" in line for line in feed_lines) == 2
    assert "DNS lookup failed: 2 feeds" in result.stdout
    assert len(both.splitlines()) <= 12, both
    log = log_file.read_text()
    assert "[scrapy.core.engine] INFO: Spider opened" in log and "[feeds]" in log
    feeds = feeds_in(sqlite_url)
    assert set(feeds) == {good, *UNRESOLVABLE}
    assert feeds[good].last_status == 200 and article_count(sqlite_url) > 0


def test_verbose_brings_the_scrapy_log_back_without_network_tracebacks(sqlite_url):
    result = run_cli("--db", sqlite_url, "crawl", "-v", *feed_args(UNRESOLVABLE[0]), *FAST,
                     *NO_RETRY)
    assert "[scrapy.core.engine] INFO: Spider opened" in result.stderr
    assert "DNS lookup failed" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def _read_pty(master: int, process: subprocess.Popen, timeout: float) -> bytes:
    chunks, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    return b"".join(chunks)


def test_crawl_on_a_terminal_shows_progress_and_single_line_warnings(sample_site, sqlite_url):
    master, slave = pty.openpty()
    env = quiet_env(TERM="xterm-256color", COLUMNS="100")
    command = [sys.executable, "-m", "newsmon", "--db", sqlite_url, "crawl",
               *feed_args(sample_site.url("/feeds/atom.xml"), UNRESOLVABLE[0]), *FAST, *NO_RETRY]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    try:
        screen = _read_pty(master, process, timeout=90).decode("utf-8", "replace")
        stdout = process.communicate(timeout=30)[0].decode()
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, screen
    assert "feeds" in screen and "articles stored" in screen and "2/2" in screen
    failed = [line for line in screen.splitlines() if ".invalid" in line]
    assert failed and all("DNS lookup failed" in line for line in failed)
    assert "Traceback" not in screen and "[scrapy" not in screen
    assert "DNS lookup failed: 1 feed" in stdout


def test_scrapy_crawl_refuses_a_bad_url_before_writing_anything(tmp_path, sample_site):
    db_file = tmp_path / "spider.db"
    env = quiet_env(NEWSMON_DATABASE_URL=f"sqlite:///{db_file}")
    urls = f"{sample_site.url('/feeds/rss.xml')},notaurl"
    result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "feeds", "-a",
                             f"urls={urls}"], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert "'notaurl'" in result.stderr and "Traceback" not in result.stderr
    assert not db_file.exists()
    assert sample_site.requests == []


