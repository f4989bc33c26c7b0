"""The daemon's digest jobs: which period is due, claim it, send it to webhooks or write files.

A schedule's periods follow its cron trigger. The latest recorded period (``digests`` table)
says where the next digest starts, so after a restart the digests missed while the daemon was
stopped are sent once, coalesced into one covering all of their deals, and a digest already
claimed is never sent again (the row is committed before anything goes out).
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from urllib.parse import urlsplit

from newsmon import crontab, digest
from newsmon.alerts import webhook_label
from newsmon.errors import DeliveryFailed
from storage import daemonjobs
from storage.db import transaction
from storage.due import backoff_seconds

logger = logging.getLogger("newsmon.digest")


@dataclass(frozen=True)
class DigestSchedule:
    """One digest: a crontab, where it goes (webhook URLs or file paths), empty ones or not."""

    cron: str
    targets: tuple[str, ...]
    send_empty: bool = False
    name: str = ""

    @property
    def key(self) -> str:
        return self.name or self.cron


def is_webhook(target: str) -> bool:
    return urlsplit(target).scheme in ("http", "https")


def target_label(target: str) -> str:
    return webhook_label(target) if is_webhook(target) else target


def file_base(template: str, when: datetime) -> Path:
    """The template with ``{date}`` and ``{time}`` filled in, without a .md/.html suffix."""
    path = template.replace("{date}", when.strftime("%Y-%m-%d")).replace(
        "{time}", when.strftime("%H%M"))
    base = Path(path).expanduser()
    return base.with_suffix("") if base.suffix.lower() in (".md", ".html", ".htm") else base


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class DigestSender:
    """Runs the digest schedules of one daemon."""

    def __init__(self, factory, timezone: tzinfo, post: Callable[[str, dict], None],
                 stop: threading.Event | None = None, retry_base_seconds: float = 30.0,
                 attempts: int = 3, cron_second: str = "0"):
        self.factory = factory
        self.timezone = timezone
        self.post = post
        self.stop = stop or threading.Event()
        self.retry_base = retry_base_seconds
        self.attempts = attempts
        self.cron_second = cron_second

    def trigger(self, schedule: DigestSchedule):
        return crontab.cron_trigger(schedule.cron, self.timezone, self.cron_second)

    def first_run(self, schedule: DigestSchedule, now: datetime) -> datetime | None:
        """When the job should first run: a period missed while stopped is due now."""
        with transaction(self.factory) as session:
            last = daemonjobs.last_digest(session, schedule.key)
            if last is None:
                last = daemonjobs.start_schedule(session, schedule.key, now)
        start = last.scheduled_for if last is not None else now
        return crontab.next_fire(self.trigger(schedule), start)

    def run(self, schedule: DigestSchedule, now: datetime) -> str:
        """Send the period due at ``now``, if any; returns what happened (for ``status``)."""
        if self.stop.is_set():
            return "stopping: left for the next start"  # not claimed, so never skipped
        with transaction(self.factory) as session:
            last = daemonjobs.last_digest(session, schedule.key)
            since = last.scheduled_for if last else now
            due = crontab.due_period(self.trigger(schedule), since, now)
            if due is None:
                return "nothing due"
            built = digest.build_digest(session, since, due, self.timezone)
            empty = not built.deals and not schedule.send_empty
            targets = ", ".join(target_label(t) for t in schedule.targets)
            claimed = daemonjobs.claim_digest(session, schedule.key, due, since,
                                              len(built.deals), targets)
            if claimed is not None and empty:
                daemonjobs.finish_digest(session, claimed, "empty", now)
        if claimed is None:
            return f"digest for {due:%Y-%m-%d %H:%M} was already sent"
        if empty:
            return f"no new deals for {due:%Y-%m-%d %H:%M}: nothing sent"
        errors = [e for e in (self._deliver(t, built, schedule) for t in schedule.targets) if e]
        status = "sent" if not errors else "failed" if len(errors) == len(schedule.targets) \
            else "partial"
        with transaction(self.factory) as session:
            daemonjobs.finish_digest(session, claimed, status, now, "; ".join(errors) or None)
        outcome = f"{status}: {len(built.deals)} deal(s) to {len(schedule.targets)} target(s)"
        logger.info("digest %s %s", schedule.key, outcome)
        return outcome + (f" ({'; '.join(errors)})" if errors else "")

    def _deliver(self, target: str, built: digest.Digest, schedule: DigestSchedule) -> str | None:
        """Send or write one copy; the error text, or None."""
        if not is_webhook(target):
            try:
                base = file_base(target, built.until.astimezone(self.timezone))
                write_atomically(base.with_suffix(".md"), digest.markdown(built))
                write_atomically(base.with_suffix(".html"), digest.html_page(built))
            except OSError as exc:
                logger.error("digest %s: cannot write %s: %s", schedule.key, target, exc)
                return f"{target}: {exc.strerror or exc}"
            return None
        payload = digest.webhook_payload(built, schedule.key)
        for attempt in range(1, self.attempts + 1):
            try:
                self.post(target, payload)
                return None
            except DeliveryFailed as exc:
                logger.warning("digest %s to %s: %s", schedule.key, target_label(target),
                               exc.reason)
                if not exc.retry or attempt == self.attempts or self.stop.wait(
                        backoff_seconds(self.retry_base, attempt - 1, 3600)):
                    return f"{target_label(target)}: {exc.reason}"
        return None
