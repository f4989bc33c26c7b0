"""``newsmon deals --watch``: print deal events as they appear, by polling the database."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

from newsmon.alerts import AlertFilter, event_line, event_payload
from newsmon.terminal import clean
from storage import events
from storage.db import transaction

EVERYTHING = AlertFilter()


def watch_events(
    factory,
    write: Callable[[str], None],
    alert_filter: AlertFilter = EVERYTHING,
    poll_seconds: float = 5.0,
    as_json: bool = False,
    stop: threading.Event | None = None,
    after_id: int | None = None,
    started: Callable[[int], None] | None = None,
) -> int:
    """Print each new deal event that passes the filter until ``stop``; return how many.

    Events already in the database when watching starts are not printed (``after_id`` picks
    another starting point).
    """
    stop = stop or threading.Event()
    if after_id is None:
        with transaction(factory) as session:
            after_id = events.max_event_id(session)
    if started is not None:
        started(after_id)
    printed = 0
    while not stop.is_set():
        with transaction(factory) as session:
            batch = events.events_after(session, after_id)
        for event, deal in batch:
            after_id = event.id
            if alert_filter.matches(deal):
                if as_json:
                    write(json.dumps(event_payload(event, deal), ensure_ascii=False, default=str))
                else:
                    write(f"{event.created_at:%Y-%m-%d %H:%M:%S} {clean(event_line(event, deal))}")
                printed += 1
        if not batch:
            stop.wait(poll_seconds)
    return printed


def watch_from_cli(ctx, min_usd: float | None, ai_only: bool, as_json: bool,
                   poll_seconds: float) -> None:
    """``deals --watch``: until Ctrl-C or SIGTERM, then exit 0."""
    import signal
    import sys

    from newsmon.cliutil import open_db

    _, factory = open_db(ctx)
    stop = threading.Event()

    def on_signal(_signum, _frame):
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)

    def write(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def started(after_id: int) -> None:
        sys.stderr.write(f"watching deal events after #{after_id} (Ctrl-C to stop)\n")
        sys.stderr.flush()

    watch_events(factory, write, AlertFilter(min_usd, ai_only), poll_seconds, as_json, stop,
                 started=started)
