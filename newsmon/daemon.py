"""``newsmon daemon``: refresh every feed on its own schedule, for months, in the foreground.

One main loop (no APScheduler: the database is the only schedule, see docs/daemon.md) reads the
feeds, asks :mod:`newsmon.schedule` which are due and starts **one child process per crawl run**
(``python -m newsmon crawl --feed ID ...``), because Scrapy's Twisted reactor cannot be restarted
in one process and a fresh process per run keeps the daemon's memory flat. The crawl records each
feed's result (next due time with backoff, failures, validators) itself; the daemon only keeps a
lease and heartbeat row (``daemon_state``) so that one daemon runs per database and
``newsmon status`` can tell whether it is alive. Deal alerts go out from a separate thread.

SIGTERM or SIGINT: the signal is forwarded to the running crawl (Scrapy then closes gracefully),
which gets ``stop_timeout`` seconds before it is killed; then the daemon exits 0.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError

from newsmon import schedule
from newsmon.alerts import Notifier, NotifierConfig
from newsmon.errors import DaemonAlreadyRunning
from storage import events, repo
from storage.db import open_database, safe_url, session_factory, transaction

logger = logging.getLogger("newsmon.daemon")


@dataclass(frozen=True)
class DaemonConfig:
    """Everything the daemon needs, read once by the CLI."""

    database_url: str
    policy: schedule.Policy = schedule.Policy()
    crawl_settings: dict[str, str] = field(default_factory=dict)
    notifier: NotifierConfig | None = None
    poll_seconds: float = 5.0
    heartbeat_seconds: float = 10.0
    stale_after_seconds: float = 60.0
    stop_timeout: float = 25.0
    crawl_log_level: str | None = None
    python: str = sys.executable


def utcnow() -> datetime:
    return datetime.now(UTC)


def crawl_command(python: str, feed_ids: Sequence[int], settings: dict[str, str]) -> list[str]:
    """The child's command line (the database URL goes through the environment, not argv)."""
    command = [python, "-m", "newsmon", "crawl"]
    for feed_id in feed_ids:
        command += ["--feed", str(feed_id)]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def daemon_liveness(row, now: datetime, stale_after: float = 60.0) -> str:
    """``running``, ``stale`` (no heartbeat for ``stale_after`` s), ``stopped`` or ``never``."""
    if row is None or row.started_at is None:
        return "never"
    if row.stopped_at is not None:
        return "stopped"
    if row.heartbeat_at is None or now - row.heartbeat_at > timedelta(seconds=stale_after):
        return "stale"
    return "running"


class CrawlChild:
    """One crawl run in a child process (its own process group, so it can be killed whole)."""

    def __init__(self, config: DaemonConfig, feed_ids: Sequence[int], fetched: dict):
        self.feed_ids = tuple(feed_ids)
        self.fetched_before = fetched
        self.started = time.monotonic()
        self.started_at = utcnow()
        self.signalled = 0
        env = dict(os.environ, NEWSMON_DATABASE_URL=config.database_url)
        if config.crawl_log_level:
            env["NEWSMON_LOG_LEVEL"] = config.crawl_log_level
        else:
            env.setdefault("NEWSMON_LOG_LEVEL", "WARNING")
        self.process = subprocess.Popen(
            crawl_command(config.python, self.feed_ids, config.crawl_settings),
            env=env, stdin=subprocess.DEVNULL, stdout=sys.stderr.fileno(),
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def poll(self) -> int | None:
        return self.process.poll()

    def signal(self, signum: int) -> None:
        self.signalled += 1
        if self.process.poll() is None:
            try:
                self.process.send_signal(signum)
            except ProcessLookupError:
                pass

    def stop(self, timeout: float) -> int:
        """SIGTERM (Scrapy closes gracefully), then SIGINT (Scrapy forces), then SIGKILL.

        A signal the daemon already forwarded counts as the first one."""
        for signum, wait in ((signal.SIGTERM, timeout), (signal.SIGINT, 3.0)):
            if signum == signal.SIGINT or not self.signalled:
                self.signal(signum)
            try:
                return self.process.wait(wait)
            except subprocess.TimeoutExpired:
                logger.warning("crawl %d still running after %.0f s", self.pid, wait)
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        return self.process.wait()


class Daemon:
    """The main loop. ``run()`` returns the exit code."""

    def __init__(self, config: DaemonConfig, stop: threading.Event | None = None):
        self.config = config
        self.stop_event = stop or threading.Event()
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.child: CrawlChild | None = None
        self.signals = 0
        self.held: dict[int, datetime] = {}
        self.cycles = 0
        self.exit_code = 0
        self._last_beat = 0.0

    # -- start and stop ---------------------------------------------------------------------

    def run(self) -> int:
        self._install_signals()
        engine = open_database(self.config.database_url)
        self.factory = session_factory(engine)
        notifier = None
        try:
            self.started_at = utcnow()
            self._acquire()
        except BaseException:
            engine.dispose()
            raise
        try:
            logger.info("daemon %s started on %s", self.owner, safe_url(self.config.database_url))
            if self.config.notifier and self.config.notifier.webhooks:
                notifier = Notifier(self.factory, self.config.notifier)
                notifier.register(self.started_at)
                notifier.start()
            self._loop()
        finally:
            self._shutdown(notifier)
            engine.dispose()
        return self.exit_code

    def _acquire(self) -> None:
        now = utcnow()
        with transaction(self.factory) as session:
            row = events.daemon_state(session)
            takeover = None
            if row is not None and row.stopped_at is None and row.host == socket.gethostname() \
                    and not pid_alive(row.pid):
                takeover = row.owner  # it died without releasing the lease
            acquired = events.acquire_lease(
                session, owner=self.owner, host=socket.gethostname(), pid=os.getpid(), now=now,
                stale_before=now - timedelta(seconds=self.config.stale_after_seconds),
                takeover_from=takeover)
            cycles = row.cycles if row is not None else 0
        if not acquired:
            assert row is not None  # a lease we could not take is held by that row
            raise DaemonAlreadyRunning(str(row.owner), row.heartbeat_at)
        self.cycles = cycles or 0

    def _install_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum, _frame) -> None:
        self.signals += 1
        self.stop_event.set()
        if self.child is not None:
            self.child.signal(signum)  # first: Scrapy stops gracefully; second: at once

    def _shutdown(self, notifier: Notifier | None) -> None:
        if self.child is not None:
            logger.info("stopping crawl %d (up to %.0f s)", self.child.pid,
                        self.config.stop_timeout)
            code = self.child.stop(self.config.stop_timeout)
            try:
                self._finish_child(code)
            except SQLAlchemyError as exc:
                logger.error("could not record the end of the last crawl: %s", exc)
        if notifier is not None:
            notifier.stop()
            notifier.join(timeout=15)
        try:
            with transaction(self.factory) as session:
                events.release_lease(session, self.owner, utcnow())
        except (SQLAlchemyError, AttributeError) as exc:
            logger.error("could not release the daemon lease: %s", exc)
        logger.info("daemon stopped after %d crawl run(s)", self.cycles)

    # -- the loop ---------------------------------------------------------------------------

    def _loop(self) -> None:
        failures = 0
        while not self.stop_event.is_set():
            try:
                wait = self.tick(utcnow())
                failures = 0
            except (SQLAlchemyError, OSError) as exc:  # database down, cannot fork, ...
                failures += 1
                wait = min(60.0, self.config.poll_seconds * 2 ** min(failures, 6))
                logger.error("%s (retrying in %.0f s): %s", type(exc).__name__, wait, exc)
            if self.exit_code:
                break
            self.stop_event.wait(wait)

    def tick(self, now: datetime) -> float:
        """Reap a finished crawl, start the next one if feeds are due; return seconds to wait."""
        if self.child is not None:
            code = self.child.poll()
            if code is None:
                self._beat(now, state="crawling")
                return 0.25
            self._finish_child(code)
        feeds = self._load_feeds()
        self.held = {k: v for k, v in self.held.items() if v > now}
        running = set(self.held)
        if self.child is not None:
            running |= set(self.child.feed_ids)
        planned = schedule.plan(feeds, now, self.config.policy, running, self.started_at)
        if planned.batch and not self.stop_event.is_set():
            fetched = {f.id: f.last_fetched_at for f in feeds if f.id in set(planned.batch)}
            self.child = CrawlChild(self.config, planned.batch, fetched)
            logger.info("crawl %d started for %d feed(s)", self.child.pid, len(planned.batch))
            self._beat(now, force=True, state="crawling", current_feeds=len(planned.batch),
                       last_run_started_at=now, next_run_at=planned.next_due_at)
            return 0.25
        self._beat(now, state="idle", current_feeds=0, next_run_at=planned.next_due_at)
        if planned.next_due_at is None:
            return self.config.poll_seconds
        until = (planned.next_due_at - now).total_seconds()
        return max(0.05, min(self.config.poll_seconds, until))

    def _load_feeds(self) -> list[schedule.FeedClock]:
        with transaction(self.factory) as session:
            return [schedule.FeedClock.from_feed(f) for f in repo.list_feeds(session, True)]

    def _finish_child(self, code: int) -> None:
        child, self.child = self.child, None
        assert child is not None  # called only while a crawl runs
        self.cycles += 1
        elapsed = time.monotonic() - child.started
        logger.info("crawl %d of %d feed(s) ended (exit %d) after %.1f s", child.pid,
                    len(child.feed_ids), code, elapsed)
        now = utcnow()
        if code != 0 or child.signalled:
            with transaction(self.factory) as session:
                events.interrupt_runs(session, child.started_at - timedelta(seconds=1), now)
        self._hold_unrecorded(child, now)
        self._beat(now, force=True, state="idle", cycles=self.cycles, current_feeds=0,
                   last_run_finished_at=now, last_run_exit=code)

    def _hold_unrecorded(self, child: CrawlChild, now: datetime) -> None:
        """Feeds the run did not record (it crashed or was stopped) wait before the next try,
        so a crawl that always fails cannot turn into a tight loop."""
        feeds = {f.id: f for f in self._load_feeds()}
        hold = now + timedelta(seconds=max(self.config.policy.min_interval, 30))
        for feed_id in child.feed_ids:
            feed = feeds.get(feed_id)
            if feed is not None and feed.last_fetched_at == child.fetched_before.get(feed_id):
                self.held[feed_id] = hold

    def _beat(self, now: datetime, force: bool = False, **values) -> None:
        if not force and time.monotonic() - self._last_beat < self.config.heartbeat_seconds:
            return
        with transaction(self.factory) as session:
            alive = events.heartbeat(session, self.owner, now, **values)
        self._last_beat = time.monotonic()
        if not alive:
            logger.error("the daemon lease was taken over by another daemon: stopping")
            self.exit_code = 1
            self.stop_event.set()
