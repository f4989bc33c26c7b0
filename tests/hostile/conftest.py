"""Helpers for the hostile-input suite: a crawl in a measured subprocess, rows, a secret file.

Every crawl runs the real CLI in its own process (a Twisted reactor runs once per process) with
stdout/stderr in files, so ``os.wait4`` gives that child's own peak memory and the test can
assert the bound next to the elapsed time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.db import open_database, session_factory, transaction
from tests.conftest import REPO

#: Fast, deterministic crawl settings for loopback sites.
FAST = (
    "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "RETRY_TIMES=1",
    "RETRY_BACKOFF_BASE=0.05", "EXTRACT_WORKERS=1", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
)  # fmt: skip
#: Peak resident memory a crawl process may use in these tests (parent of the worker pool).
MAX_RSS_MB = 600


@dataclass
class Run:
    """A finished ``newsmon`` process: exit code, output, wall time and peak memory."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    elapsed: float
    maxrss_mb: float

    @property
    def output(self) -> str:
        return self.stdout + "\n" + self.stderr

    def check(self) -> Run:
        assert self.returncode == 0, self.describe()
        return self

    def describe(self) -> str:
        return (f"newsmon {' '.join(self.args)} exited {self.returncode} after "
                f"{self.elapsed:.1f}s\nstdout:\n{self.stdout[-4000:]}\nstderr:\n{self.stderr[-8000:]}")


class Newsmon:
    """Start ``python -m newsmon ARGS`` with output captured in files under ``tmp``."""

    def __init__(self, tmp: Path):
        self.tmp = tmp

    def command(self, args, db, settings=()) -> list[str]:
        command = [sys.executable, "-m", "newsmon"]
        if db:
            command += ["--db", db]
        command += list(args)
        if args and args[0] == "crawl":
            for pair in settings:
                command += ["-s", pair]
        return command

    def start(self, *args: str, db: str | None, settings=FAST, env=None, preexec_fn=None):
        name = uuid.uuid4().hex[:8]
        out, err = self.tmp / f"{name}.out", self.tmp / f"{name}.err"
        full_env = dict(os.environ, NEWSMON_LOG_LEVEL="INFO", COLUMNS="400", **(env or {}))
        with out.open("wb") as stdout, err.open("wb") as stderr:
            proc = subprocess.Popen(
                self.command(args, db, settings), cwd=REPO, env=full_env, stdout=stdout,
                stderr=stderr, stdin=subprocess.DEVNULL, start_new_session=True,
                preexec_fn=preexec_fn,
            )
        proc.newsmon = (args, out, err, time.monotonic())  # type: ignore[attr-defined]
        return proc

    def wait(self, proc, timeout: float = 120) -> Run:
        """Wait for the process; its peak memory is the largest ``VmHWM`` seen in it and its
        descendants while it runs. ``wait4``'s ``ru_maxrss`` is not used: a forked child keeps
        the high-water mark of the process that forked it, so a test worker grown past the
        bound made every crawl it started look as big as itself."""
        args, out, err, started = proc.newsmon
        deadline = started + timeout
        peak_kb, polls = 0, 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            tree = {proc.pid} | (descendants(proc.pid) if polls % 4 == 0 else set())
            peak_kb = max(peak_kb, *(high_water_kb(p) for p in tree))
            polls += 1
            if time.monotonic() > deadline:
                kill_group(proc)
                raise AssertionError(f"newsmon {' '.join(args)} still running after {timeout}s:\n"
                                     + err.read_text(errors="replace")[-6000:])
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        return Run(tuple(args), proc.returncode, out.read_text(errors="replace"),
                   err.read_text(errors="replace"), time.monotonic() - started,
                   (peak_kb or usage.ru_maxrss) / 1024)

    def __call__(self, *args: str, db: str | None, settings=FAST, timeout: float = 120,
                 env=None, preexec_fn=None) -> Run:
        return self.wait(self.start(*args, db=db, settings=settings, env=env,
                                    preexec_fn=preexec_fn), timeout)


def kill_group(proc) -> None:
    """SIGKILL the crawl and its extraction workers (they share its session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def high_water_kb(pid: int) -> int:
    """Peak resident memory (``VmHWM``, kB) of a live process since its last exec, else 0."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (children, grandchildren, ...), from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                parents[int(entry)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def newsmon(tmp_path) -> Newsmon:
    return Newsmon(tmp_path)


def crawl_args(*feed_urls: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    args: list[str] = ["crawl"]
    for url in feed_urls:
        args += ["--feed", url]
    return (*args, *extra)


def rows(db_url: str, model, *where):
    engine = open_database(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            return list(session.scalars(select(model).where(*where)))
    finally:
        engine.dispose()


def assert_bounded(run: Run, seconds: float, rss_mb: float = MAX_RSS_MB) -> None:
    """The crawl process ended in time and within its memory budget."""
    assert run.elapsed < seconds, f"took {run.elapsed:.1f}s (bound {seconds}s)\n{run.describe()}"
    assert run.maxrss_mb < rss_mb, f"peak RSS {run.maxrss_mb:.0f} MB (bound {rss_mb} MB)"


@pytest.fixture
def secret_file(tmp_path) -> tuple[Path, str]:
    """A local file whose content must never reach the database or the output."""
    secret = f"NEWSMON-SECRET-{uuid.uuid4().hex}"
    path = tmp_path / "secret.txt"
    path.write_text(secret + "\n")
    return path, secret


def assert_secret_nowhere(secret: str, run: Run, db_file: Path) -> None:
    assert secret not in run.output
    for path in db_file.parent.glob(db_file.name + "*"):  # the db, -wal and -shm files
        assert secret.encode() not in path.read_bytes(), path


def article_html(title: str, paragraphs: list[str] | str, lang: str = "en", head: str = "",
                 with_title: bool = True) -> str:
    paras = [paragraphs] if isinstance(paragraphs, str) else paragraphs
    title_tag = f"<title>{title}</title>" if with_title else ""
    h1 = f"<h1>{title}</h1>" if with_title else ""
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>{title_tag}{head}"
            f"</head><body><article>{h1}{body}</article></body></html>")


GOOD_TEXT = [
    "Harbour robotics start-up Quayside raised fresh money this week to expand its fleet of "
    "parcel-sorting machines across three northern ports, the company said on Monday.",
    "The machines learn from every shift, and the operators say the error rate has fallen "
    "every month since the pilot began in the spring of last year.",
    "Dock workers were trained to supervise the robots rather than replaced by them, "
    "according to the union representative who followed the project from the start.",
]


def rss(items: list[dict], title: str = "Hostile test feed", decl: str = "") -> str:
    parts = []
    for item in items:
        fields = "".join(
            f"<{key}>{value}</{key}>" for key, value in item.items() if value is not None
        )
        parts.append(f"<item>{fields}</item>")
    return (f"{decl}<rss version='2.0'><channel><title>{title}</title>"
            f"<link>http://example.invalid/</link>{''.join(parts)}</channel></rss>")
