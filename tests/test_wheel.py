"""The wheel works outside the checkout: built, installed into a fresh virtualenv (no network:
the dependencies come from this environment's site-packages), then ``newsmon db upgrade`` and
``newsmon demo`` run from an empty directory."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.wheel


def run(*args: str | Path, cwd: Path | None = None, timeout: float = 120) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "NEWSMON_"))}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv holding the built wheel; returns its bin/ folder."""
    root = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
        "-w", root / "dist", REPO)
    wheel = next((root / "dist").glob("newsmon-*.whl"))
    venv = root / "venv"
    run(sys._base_executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip()
    # A plain path entry: the dependencies are visible, this checkout's editable finder is not.
    Path(site, "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
        "--no-index", wheel)
    return venv / "bin"


def test_the_installed_code_and_data_come_from_the_wheel(installed, tmp_path):
    where = run(installed / "python", "-c",
                "import crawler, seeds, storage.db; print(crawler.__file__);"
                "print(seeds.seed_path('feeds.toml')); print(storage.db.MIGRATIONS)",
                cwd=tmp_path)
    for line in where.split():
        assert Path(line).exists() and not Path(line).is_relative_to(REPO), line
        assert Path(line).is_relative_to(installed.parent), line


def test_db_upgrade_and_demo_run_from_an_empty_directory(installed, tmp_path):
    # a database in the current directory is named as a relative path (the default would be
    # the per-user data directory)
    assert "at head" in run(installed / "newsmon", "--db", "newsmon.db", "db", "upgrade",
                            cwd=tmp_path)
    assert (tmp_path / "newsmon.db").exists()
    out = run(installed / "newsmon", "demo", cwd=tmp_path)
    assert "deal" in out.lower()
    with sqlite3.connect(tmp_path / "newsmon-demo.db") as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        targets = {t for (t,) in conn.execute("SELECT target FROM deal_summary")}
    assert articles >= 10 and {"xAI", "MosaicML"} <= targets
