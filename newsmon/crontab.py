"""Standard 5-field cron expressions on APScheduler 3 triggers, and digest periods by arithmetic.

APScheduler 3 numbers weekdays from Monday = 0, where crontab counts Sunday = 0 (and 7): numeric
day-of-week fields are rewritten to day names first, so ``0 8 * * 1-5`` means Monday to Friday
as everywhere else. The functions here are pure: they are tested by moving time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def zone(name: str) -> ZoneInfo:
    """The time zone called ``name``; ValueError if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use e.g. UTC or Europe/Paris)") from None


def _day(text: str) -> int:
    if not text.isdigit() or int(text) > 7:
        raise ValueError(f"invalid day of week {text!r} (0-7, Sunday is 0 or 7)")
    return int(text)


def _weekday_part(part: str) -> str:
    """One comma-separated part of a crontab day-of-week field, in APScheduler's terms."""
    body, _, step = part.partition("/")
    if not (body[:1].isdigit() or body == "*"):
        return part  # names (mon-fri) mean the same to both
    if body == "*":
        if not step:
            return "*"
        first, last = 0, 6
    else:
        start, _, end = body.partition("-")
        first, last = _day(start), _day(end) if end else _day(start)
        if end and last < first:
            raise ValueError(f"invalid day-of-week range {body!r}")
        if not end and step:
            last = 6
    every = int(step) if step.isdigit() and int(step) > 0 else None
    if step and every is None:
        raise ValueError(f"invalid step in {part!r}")
    days = range(first, last + 1, every or 1)
    return ",".join(dict.fromkeys(DAY_NAMES[d] for d in days))


def weekdays(field: str) -> str:
    """A crontab day-of-week field rewritten for APScheduler 3 (Monday is 0 there)."""
    return ",".join(_weekday_part(p) for p in field.lower().split(","))


def cron_trigger(expr: str, timezone: tzinfo, second: str = "0") -> CronTrigger:
    """A trigger for the 5-field crontab ``expr`` in ``timezone``; ValueError if it is invalid.

    ``second`` is a test hook: a seconds field such as ``*/3`` makes ``* * * * *`` fire every
    three seconds, so the real daemon can run several digest periods in a short test.
    """
    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f"invalid cron {expr!r}: 5 fields (minute hour day month weekday)")
    minute, hour, day, month, dow = fields
    try:
        return CronTrigger(second=second, minute=minute, hour=hour, day=day, month=month,
                           day_of_week=weekdays(dow), timezone=timezone)
    except ValueError as exc:
        raise ValueError(f"invalid cron {expr!r}: {exc}") from None


def fire_times(trigger: CronTrigger, after: datetime, until: datetime) -> Iterator[datetime]:
    """The trigger's fire times in ``(after, until]``, oldest first."""
    when = trigger.get_next_fire_time(after, after)
    while when is not None and when <= until:
        if when > after:
            yield when
        when = trigger.get_next_fire_time(when, when + timedelta(microseconds=1))


def next_fire(trigger: CronTrigger, after: datetime) -> datetime | None:
    """The first fire time strictly after ``after``."""
    return trigger.get_next_fire_time(after, after)


def due_period(trigger: CronTrigger, last: datetime, now: datetime) -> datetime | None:
    """The digest to send at ``now`` when the last one covered up to ``last``: the latest fire
    time in ``(last, now]`` (several missed ones coalesce into it), or None."""
    latest = None
    for latest in fire_times(trigger, last, now):  # noqa: B007
        pass
    return latest
