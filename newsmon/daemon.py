"""``newsmon daemon``: every job of the daemon on an APScheduler 3 ``BlockingScheduler``.

Jobs (memory job store, rebuilt at every start: the database is the only schedule):

- ``planner`` (interval job, ``max_instances=1``, ``coalesce=True``): reads the feeds, asks
  :mod:`newsmon.schedule` which are due and starts **one child process per crawl run**
  (``python -m newsmon crawl --feed ID ...``), because Scrapy's Twisted reactor cannot be
  restarted in one process and a fresh process per run keeps the daemon's memory flat. It pulls
  its own next run forward to the next feed's due time (see docs/daemon.md for why an interval
  job and not a custom trigger).
- ``crawl-supervisor``: reaps the child, records how it ended, runs the planner again at once.
- ``heartbeat``: keeps the lease (``daemon_state``) and writes every job's next run for
  ``newsmon status``.
- ``alerts``: deal events to webhooks, with retries (:mod:`newsmon.alerts`).
- ``maintenance``: daily upkeep (:mod:`newsmon.maintenance`).
- ``digest:<cron>``: one per digest schedule (:mod:`newsmon.digestjob`).

The planner and the supervisor share a one-thread executor, so they never run at the same time;
the heartbeat has a thread of its own, so slow webhooks or a long maintenance can never let the
lease go stale; the other jobs run in a small thread pool and never delay a crawl.

SIGTERM or SIGINT: the signal is forwarded to the running crawl (Scrapy then closes gracefully),
the scheduler stops (running jobs finish first), the crawl gets ``stop_timeout`` seconds before
it is killed, then the daemon releases its lease and exits 0.
"""

from __future__ import annotations

import functools
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
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.exc import SQLAlchemyError

from newsmon import crontab, schedule
from newsmon.alerts import Notifier, NotifierConfig, WebhookClient
from newsmon.digestjob import DigestSchedule, DigestSender
from newsmon.errors import DaemonAlreadyRunning
from newsmon.maintenance import MaintenanceConfig, run_maintenance
from storage import daemonjobs, events, leases, repo
from storage.db import make_engine, safe_url, session_factory, transaction, upgrade

logger = logging.getLogger("newsmon.daemon")

PLANNER, SUPERVISOR, HEARTBEAT, ALERTS, MAINTENANCE = (
    "planner", "crawl-supervisor", "heartbeat", "alerts", "maintenance")


@dataclass(frozen=True)
class DaemonConfig:
    """Everything the daemon needs, read once by the CLI."""

    database_url: str
    policy: schedule.Policy = schedule.Policy()
    crawl_settings: dict[str, str] = field(default_factory=dict)
    notifier: NotifierConfig | None = None
    webhook_client: WebhookClient = WebhookClient()
    retry_base_seconds: float = 30.0
    digests: tuple[DigestSchedule, ...] = ()
    maintenance: MaintenanceConfig = MaintenanceConfig()
    timezone: tzinfo = ZoneInfo("UTC")
    poll_seconds: float = 5.0
    heartbeat_seconds: float = 10.0
    stale_after_seconds: float = 60.0
    stop_timeout: float = 25.0
    crawl_log_level: str | None = None
    python: str = sys.executable
    #: Test hook: the seconds field of every digest cron (``*/3`` = every three seconds).
    cron_second: str = "0"


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
    """The scheduler and its jobs. ``run()`` blocks until stopped and returns the exit code."""

    def __init__(self, config: DaemonConfig, stop: threading.Event | None = None):
        self.config = config
        self.stop_event = stop or threading.Event()
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.child: CrawlChild | None = None
        self.child_lock = threading.Lock()
        self.signals = 0
        self.held: dict[int, datetime] = {}
        self.cycles = 0
        self.exit_code = 0
        self.failures = 0
        self.next_due: datetime | None = None
        self.outcomes: dict[str, tuple[datetime, str]] = {}
        self.scheduler: BlockingScheduler | None = None
        self.notifier: Notifier | None = None
        self.trigger_text: dict[str, str] = {}
        self.stopped = threading.Event()
        self.jobs_done = threading.Condition()
        self.jobs_running = 0

    # -- start and stop ---------------------------------------------------------------------

    def run(self) -> int:
        self._install_signals()
        upgrade(self.config.database_url)
        # One pooled connection (the planner's); the job threads' overflow connections close
        # when returned, so the daemon's descriptors do not depend on how jobs overlapped.
        self.engine = make_engine(self.config.database_url, pool_size=1, max_overflow=8)
        self.factory = session_factory(self.engine)
        try:
            self.started_at = utcnow()
            self._acquire()
        except BaseException:
            self.engine.dispose()
            raise
        try:
            logger.info("daemon %s started on %s", self.owner, safe_url(self.config.database_url))
            self.scheduler = self._build_scheduler()
            self._add_jobs()
            threading.Thread(target=self._stop_when_asked, name="newsmon-stopper",
                             daemon=True).start()
            if not self.stop_event.is_set():
                self.scheduler.start()
        finally:
            self.stopped.set()
            self._shutdown()
            self.engine.dispose()
        return self.exit_code

    def _build_scheduler(self) -> BlockingScheduler:
        return BlockingScheduler(
            jobstores={"default": MemoryJobStore()},
            executors={"default": ThreadPoolExecutor(4), "crawl": ThreadPoolExecutor(1),
                       "lease": ThreadPoolExecutor(1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=self.config.timezone,
        )

    def _add_jobs(self) -> None:
        assert self.scheduler is not None
        config, now, scheduler = self.config, utcnow(), self.scheduler
        every = f"every {config.poll_seconds:g} s"
        self._add(self.plan, IntervalTrigger(seconds=config.poll_seconds), PLANNER,
                  f"{every}, and at the next feed's due time", executor="crawl",
                  next_run_time=now)
        supervise = min(1.0, config.poll_seconds)
        self._add(self.supervise, IntervalTrigger(seconds=supervise), SUPERVISOR,
                  f"every {supervise:g} s", executor="crawl")
        self._add(self.heartbeat, IntervalTrigger(seconds=config.heartbeat_seconds), HEARTBEAT,
                  f"every {config.heartbeat_seconds:g} s", executor="lease", next_run_time=now)
        if config.notifier and config.notifier.webhooks:
            self.notifier = Notifier(self.factory, config.notifier, stop=self.stop_event)
            self.notifier.register(self.started_at)
            seconds = config.notifier.poll_seconds
            self._add(self.notifier.deliver_pending, IntervalTrigger(seconds=seconds), ALERTS,
                      f"every {seconds:g} s", next_run_time=now)
        zone = getattr(config.timezone, "key", str(config.timezone))
        self._add(self.maintain, crontab.cron_trigger(config.maintenance.cron, config.timezone),
                  MAINTENANCE, f"cron {config.maintenance.cron} ({zone})")
        self._add_digests(now, zone)
        scheduler.add_listener(self._on_job_event,
                               EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)

    def _add(self, func, trigger, job_id: str, text: str, **kwargs) -> None:
        assert self.scheduler is not None
        self.trigger_text[job_id] = text
        self.scheduler.add_job(self._tracked(func), trigger, id=job_id, name=job_id, **kwargs)

    def _tracked(self, func):
        """``func`` counted while it runs, so the stop can wait for the jobs in flight."""
        @functools.wraps(func)
        def job(*args, **kwargs):
            with self.jobs_done:
                self.jobs_running += 1
            try:
                return func(*args, **kwargs)
            finally:
                with self.jobs_done:
                    self.jobs_running -= 1
                    self.jobs_done.notify_all()
        return job

    def _wait_for_jobs(self, timeout: float) -> None:
        with self.jobs_done:
            if not self.jobs_done.wait_for(lambda: self.jobs_running == 0, timeout):
                logger.warning("%d job(s) still running after %.0f s", self.jobs_running,
                               timeout)

    def _add_digests(self, now: datetime, zone: str) -> None:
        if not self.config.digests:
            return
        self.digests = DigestSender(
            self.factory, self.config.timezone, self.config.webhook_client, self.stop_event,
            retry_base_seconds=self.config.retry_base_seconds, cron_second=self.config.cron_second)
        for digest in self.config.digests:
            first = self.digests.first_run(digest, now)
            self._add(self.send_digest, self.digests.trigger(digest), f"digest:{digest.key}",
                      f"cron {digest.cron} ({zone})", args=(digest,),
                      next_run_time=max(first, now) if first else None)

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
        child = self.child
        if child is not None:
            child.signal(signum)  # first: Scrapy stops gracefully; second: at once

    def _stop_when_asked(self) -> None:
        """Stop the scheduler from a thread of its own (never from inside a signal handler)."""
        self.stop_event.wait()
        for _ in range(100):  # the signal may come while start() is on its way
            scheduler = self.scheduler
            if scheduler is not None and scheduler.running:
                scheduler.pause()
                # Not wait=True: APScheduler 3 holds its executors' lock while it joins their
                # threads, and a job asking the scheduler for its next run (the planner) then
                # waits for the main loop, which waits for that lock. Running jobs are waited
                # for in _shutdown, once the main loop is out of the way.
                scheduler.shutdown(wait=False)
                return
            if self.stopped.wait(0.05):
                return

    def _shutdown(self) -> None:
        self.stop_event.set()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self._wait_for_jobs(timeout=60.0)  # they watch stop_event; a webhook POST times out
        with self.child_lock:
            child = self.child
            if child is not None:
                logger.info("stopping crawl %d (up to %.0f s)", child.pid,
                            self.config.stop_timeout)
                code = child.stop(self.config.stop_timeout)
                try:
                    self._finish_child(code)
                except SQLAlchemyError as exc:
                    logger.error("could not record the end of the last crawl: %s", exc)
        try:
            with transaction(self.factory) as session:
                events.release_lease(session, self.owner, utcnow())
                daemonjobs.clear_jobs(session)
        except (SQLAlchemyError, AttributeError) as exc:
            logger.error("could not release the daemon lease: %s", exc)
        logger.info("daemon stopped after %d crawl run(s)", self.cycles)

    # -- the planner and the crawl supervisor (one thread: never at the same time) ------------

    def plan(self, now: datetime | None = None) -> str:
        """Start the next crawl run if feeds are due; pull the next planner run forward."""
        now = now or utcnow()
        try:
            result = self._plan(now)
            self.failures = 0
            return result
        except (SQLAlchemyError, OSError) as exc:  # database down, cannot fork, ...
            self.failures += 1
            wait = schedule.backoff_seconds(self.config.poll_seconds, self.failures, 60.0)
            logger.error("%s (retrying in %.0f s): %s", type(exc).__name__, wait, exc)
            self._run_planner_at(now + timedelta(seconds=wait), later_too=True)
            return f"error: {type(exc).__name__}"

    def _plan(self, now: datetime) -> str:
        with self.child_lock:
            if self.child is not None or self.stop_event.is_set():
                return "crawl running" if self.child is not None else "stopping"
            feeds, leased = self._load_feeds(now)
            self.held = {k: v for k, v in self.held.items() if v > now}
            planned = schedule.plan(feeds, now, self.config.policy, set(self.held) | leased,
                                    self.started_at)
            self.next_due = planned.next_due_at
            if not planned.batch:
                self._beat(now, state="idle", current_feeds=0, next_run_at=planned.next_due_at)
                self._run_planner_at(planned.next_due_at)
                return "nothing due"
            fetched = {f.id: f.last_fetched_at for f in feeds if f.id in set(planned.batch)}
            self.child = CrawlChild(self.config, planned.batch, fetched)
        logger.info("crawl %d started for %d feed(s)", self.child.pid, len(planned.batch))
        self._beat(now, state="crawling", current_feeds=len(planned.batch),
                   last_run_started_at=now, next_run_at=planned.next_due_at)
        return f"started a crawl of {len(planned.batch)} feed(s)"

    def _run_planner_at(self, when: datetime | None, later_too: bool = False) -> None:
        """Move the planner's next run to ``when`` if that is sooner than its interval."""
        job = self.scheduler.get_job(PLANNER) if self.scheduler else None
        if when is None or job is None or getattr(job, "next_run_time", None) is None:
            return
        if later_too or when < job.next_run_time:
            job.modify(next_run_time=max(when, utcnow()))

    def supervise(self) -> str:
        """Reap a finished crawl and plan the next one at once."""
        with self.child_lock:
            child = self.child
            if child is None:
                return "idle"
            code = child.poll()
            if code is None:
                return f"crawl {child.pid} running"
            self._finish_child(code)
        self._run_planner_at(utcnow())
        return f"crawl {child.pid} ended (exit {code})"

    def _load_feeds(self, now: datetime) -> tuple[list[schedule.FeedClock], set[int]]:
        """Active feeds, and those a crawl not started by this daemon holds."""
        with transaction(self.factory) as session:
            feeds = [schedule.FeedClock.from_feed(f) for f in repo.list_feeds(session, True)]
            leased = {lease.feed_id for lease in leases.held_leases(session, now)}
        return feeds, leased

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
        self._beat(now, state="idle", cycles=self.cycles, current_feeds=0,
                   last_run_finished_at=now, last_run_exit=code)

    def _hold_unrecorded(self, child: CrawlChild, now: datetime) -> None:
        """Feeds the run did not record (it crashed or was stopped) wait before the next try,
        so a crawl that always fails cannot turn into a tight loop."""
        feeds = {f.id: f for f in self._load_feeds(now)[0]}
        hold = now + timedelta(seconds=max(self.config.policy.min_interval, 30))
        for feed_id in child.feed_ids:
            feed = feeds.get(feed_id)
            if feed is not None and feed.last_fetched_at == child.fetched_before.get(feed_id):
                self.held[feed_id] = hold

    # -- heartbeat, maintenance, digests ----------------------------------------------------

    def heartbeat(self) -> str:
        now = utcnow()
        child = self.child
        state = dict(state="crawling", current_feeds=len(child.feed_ids)) if child else \
            dict(state="idle", current_feeds=0)
        try:
            self._beat(now, next_run_at=self.next_due, **state)
            self._save_jobs(now)
        except SQLAlchemyError as exc:  # the lease goes stale if this lasts a minute
            logger.error("heartbeat: %s: %s", type(exc).__name__, exc)
            return f"error: {type(exc).__name__}"
        return "lease kept" if not self.exit_code else "lease lost"

    def _beat(self, now: datetime, **values) -> None:
        with transaction(self.factory) as session:
            alive = events.heartbeat(session, self.owner, now, **values)
        if not alive:
            logger.error("the daemon lease was taken over by another daemon: stopping")
            self.exit_code = 1
            self.stop_event.set()

    def _save_jobs(self, now: datetime) -> None:
        assert self.scheduler is not None
        jobs = [daemonjobs.JobReport(j.id, self.trigger_text.get(j.id, str(j.trigger)),
                                     getattr(j, "next_run_time", None))
                for j in self.scheduler.get_jobs()]
        outcomes, self.outcomes = self.outcomes, {}
        with transaction(self.factory) as session:
            daemonjobs.save_jobs(session, jobs, now)
            for name, (when, outcome) in outcomes.items():
                daemonjobs.record_job_run(session, name, when, outcome)

    def _on_job_event(self, event) -> None:
        if event.code == EVENT_JOB_ERROR:
            outcome = f"error: {type(event.exception).__name__}: {event.exception}"
        elif event.code == EVENT_JOB_MISSED:
            outcome = "missed"
        else:
            outcome = str(event.retval) if event.retval is not None else "ok"
        self.outcomes[event.job_id] = (utcnow(), outcome)

    def maintain(self) -> str:
        outcome = run_maintenance(self.engine, self.factory, self.config.maintenance, utcnow())
        logger.info("maintenance: %s", outcome)
        return outcome

    def send_digest(self, digest: DigestSchedule) -> str:
        return self.digests.run(digest, utcnow())
