"""Shared fixtures: database backends (SQLite always, Postgres when configured) and a CLI runner."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

pytest_plugins = ["tests.fixtures_site", "tests.clitools"]

REPO = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("NEWSMON_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgres"] if POSTGRES_URL else ["sqlite"]


def _postgres_database(template: str | None = None):
    """A fresh, uniquely named database on the configured server; dropped afterwards.

    With ``template`` (the URL of another test database, no session open on it) the new
    database starts as a copy of that one: Postgres copies the files, no crawl is run again.
    """
    admin_url = make_url(POSTGRES_URL)
    name = f"newsmon_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{make_url(template).database}"' if template else ""
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"
            ), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A fresh empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'newsmon.db'}"
    else:
        yield from _postgres_database()


def copy_database(template_url: str, tmp_path: Path):
    """A private copy of a crawled test database (SQLite file or Postgres database), as a
    generator like :func:`_postgres_database`: the copy is dropped when it is closed."""
    if template_url.startswith("sqlite"):
        source = sqlite3.connect(make_url(template_url).database)
        path = tmp_path / f"copy-{uuid.uuid4().hex[:8]}.db"
        target = sqlite3.connect(path)
        source.backup(target)
        source.close()
        target.close()
        yield f"sqlite:///{path}"
    else:
        yield from _postgres_database(template=template_url)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'newsmon.db'}"


@pytest.fixture
def engine(db_url):
    """An engine on a migrated fresh database; checks no connection leaked at teardown."""
    from storage.db import open_database

    eng = open_database(db_url)
    yield eng
    assert eng.pool.checkedout() == 0, "a test leaked a database connection"
    eng.dispose()


@pytest.fixture
def factory(engine):
    from storage.db import session_factory

    return session_factory(engine)


def newsmon(*args: str, db: str | None = None, cwd: Path | None = None, timeout: float = 180,
            env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real ``newsmon`` CLI in a subprocess (a Twisted reactor runs once per process)."""
    full_env = dict(os.environ, NEWSMON_LOG_LEVEL="INFO", **(env or {}))
    command = [sys.executable, "-m", "newsmon"]
    if db:
        command += ["--db", db]
    result = subprocess.run(command + list(args), cwd=cwd or REPO, env=full_env, text=True,
                            capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    if check and result.returncode != 0:
        raise AssertionError(
            f"newsmon {' '.join(args)} exited {result.returncode}\n"
            f"stdout:\n{result.stdout[-4000:]}\nstderr:\n{result.stderr[-6000:]}"
        )
    return result


@pytest.fixture
def run_newsmon():
    return newsmon


def newsmon_in_process(*args: str, db: str | None = None, input: str | None = None,
                       check: bool = True) -> subprocess.CompletedProcess:
    """Run a ``newsmon`` command in this process with Click's ``CliRunner``.

    For commands that start no Twisted reactor (everything but crawl, demo, worker, daemon).
    Returns what :func:`newsmon` returns; a crash (an exception the CLI did not turn into a
    message) shows up as a traceback in ``stderr`` and a non-zero ``returncode``.
    """
    import traceback

    from click.testing import CliRunner

    from newsmon.cli import main

    argv = (["--db", db] if db else []) + list(args)
    result = CliRunner().invoke(main, argv, input=input)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    done = subprocess.CompletedProcess(["newsmon", *argv], result.exit_code, result.stdout, stderr)
    if check and done.returncode != 0:
        raise AssertionError(f"newsmon {' '.join(args)} exited {done.returncode}\n"
                             f"stdout:\n{done.stdout[-4000:]}\nstderr:\n{done.stderr[-6000:]}")
    return done


@pytest.fixture
def cli():
    return newsmon_in_process

