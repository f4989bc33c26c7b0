"""The daemon's APScheduler jobs, in process, with the scheduler paused (no job runs by itself)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from newsmon.daemon import Daemon, DaemonConfig
from newsmon.digestjob import DigestSchedule
from newsmon.schedule import Policy
from storage import daemonjobs, repo
from storage.db import transaction
from storage.models import Feed


class PausedDaemon(Daemon):
    """The real jobs on a paused background scheduler, so a test calls them by hand."""

    def _build_scheduler(self):
        return BackgroundScheduler(timezone=self.config.timezone)


def paused_daemon(engine, factory, db_url, **config) -> Daemon:
    daemon = PausedDaemon(DaemonConfig(database_url=db_url, poll_seconds=60.0, **config))
    daemon.engine, daemon.factory = engine, factory
    daemon.started_at = datetime.now(UTC)
    daemon._acquire()
    daemon.scheduler = daemon._build_scheduler()
    daemon._add_jobs()
    daemon.scheduler.start(paused=True)
    return daemon


def test_the_planner_moves_its_next_run_to_the_next_due_feed(engine, factory, db_url,
                                                             run_newsmon):
    now = datetime.now(UTC)
    with transaction(factory) as session:
        feed_id, _ = repo.upsert_feed(session, url="https://a.example/feed", name="a",
                                      language="en", interval_seconds=3600, active=True,
                                      now=now - timedelta(days=1))
        feed = session.get(Feed, feed_id)
        feed.last_fetched_at = feed.last_success_at = now - timedelta(minutes=59, seconds=40)
        feed.next_due_at = now + timedelta(seconds=20)
    daemon = paused_daemon(engine, factory, db_url, policy=Policy(jitter_fraction=0), digests=(
        DigestSchedule("0 8 * * 1-5", ("https://hooks.example/x",)),))
    try:
        planner = daemon.scheduler.get_job("planner")
        assert planner.next_run_time <= now + timedelta(seconds=1)  # first run at once
        planner.modify(next_run_time=now + timedelta(seconds=60))  # as after a run
        assert daemon.plan(now) == "nothing due"
        due = daemon.next_due
        assert now < due < now + timedelta(seconds=60)
        # Pulled forward from the 60 s interval to the feed's due time: no polling needed.
        assert abs((daemon.scheduler.get_job("planner").next_run_time - due).total_seconds()) < 1e-3
        daemon.heartbeat()
        with transaction(factory) as session:
            jobs = {j.name: j for j in daemonjobs.list_jobs(session)}
        assert set(jobs) == {"planner", "crawl-supervisor", "heartbeat", "maintenance",
                             "digest:0 8 * * 1-5"}
        assert abs((jobs["planner"].next_run_at - due).total_seconds()) < 1e-3
        assert jobs["digest:0 8 * * 1-5"].trigger == "cron 0 8 * * 1-5 (UTC)"
        text = run_newsmon("status", db=db_url).stdout
        assert f"job planner: next {due:%Y-%m-%d %H:%M:%S} UTC" in text
        assert "job digest:0 8 * * 1-5: next" in text and "cron 0 8 * * 1-5 (UTC)" in text
    finally:
        daemon.scheduler.shutdown(wait=False)
        daemon.stop_event.set()
        daemon._shutdown()
