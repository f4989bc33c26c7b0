"""Helpers for the CLI tests (``tests/test_cli_*.py``): in-process runs with Click's CliRunner,
a crawled demo database made once per session, and the quiet-crawl subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO

#: Loopback is not a shared server: no politeness delays in tests.
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "EXTRACT_WORKERS=0"]
DEMO_FEEDS = ("/feeds/rss.xml", "/feeds/atom.xml")


def invoke(*args: str, db: str | None = None, env: dict | None = None, width: int = 80,
           cwd: Path | None = None):
    """Run ``newsmon ARGS`` in this process; stdout and stderr apart, terminal ``width`` wide."""
    from newsmon.cli import main

    full_env = {"COLUMNS": str(width), "LINES": "50", **(env or {})}
    argv = (["--db", db] if db else []) + list(args)
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, argv, env=full_env, catch_exceptions=True)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, argv, env=full_env, catch_exceptions=True)
    finally:
        os.chdir(old)


def quiet_env(**extra: str) -> dict:
    """The environment of a user's shell: no log level asked for, no database chosen."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NEWSMON_LOG_LEVEL", "NEWSMON_DATABASE_URL", "COLUMNS")}
    env.update(extra)
    return env


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 120,
            stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """The real ``newsmon`` in a subprocess (for crawls: one reactor per process)."""
    return subprocess.run([sys.executable, "-m", "newsmon", *args], cwd=cwd or REPO,
                          env=env or quiet_env(), text=True, capture_output=True,
                          timeout=timeout, stdin=stdin)


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory, demo_site) -> Path:
    """A SQLite database with the demo site crawled into it, made once per session."""
    path = tmp_path_factory.mktemp("demo-db") / "demo.db"
    feeds = [a for p in DEMO_FEEDS for a in ("--feed", demo_site.url(p))]
    result = run_cli("--db", f"sqlite:///{path}", "crawl", *feeds, *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    return path


@pytest.fixture
def demo_db(demo_db_template, tmp_path) -> str:
    """A private copy of the crawled demo database, as a URL."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_db_template, path)
    return f"sqlite:///{path}"
