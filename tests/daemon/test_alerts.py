"""Daemon lease, deal events to webhooks (at most once, filtered, retried), deals --watch."""

from __future__ import annotations

import http.server
import json
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from newsmon.alerts import (
    AlertFilter,
    DeliveryFailed,
    Notifier,
    NotifierConfig,
    event_payload,
    post_json,
    retry_delay,
)
from newsmon.watch import watch_events
from storage import events
from storage.db import transaction
from storage.models import Deal, DealEvent, EventDelivery

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
HOOK = "http://127.0.0.1:9/hook/secret-token"


def add_event(factory, target="Run:ai", amount_usd=7e8, ai=True, kind="new",
              old=None, new="announced") -> int:
    with transaction(factory) as session:
        deal = session.scalars(select(Deal).where(Deal.target == target)).first()
        if deal is None:
            deal = Deal(parties_key=f"nvidia|{target}", buyers="Nvidia", target=target,
                        deal_type="acquisition", amount=amount_usd, currency="USD",
                        amount_usd=amount_usd, status=new, ai_related=ai, first_seen_at=T0,
                        last_seen_at=T0, mention_count=1, updated_at=T0,
                        source_url=f"https://news.example/{target}")
            session.add(deal)
            session.flush()
        event = DealEvent(deal_id=deal.id, kind=kind, old_status=old, new_status=new,
                          created_at=T0)
        session.add(event)
        session.flush()
        return event.id


def deliveries(factory) -> dict[int, EventDelivery]:
    with transaction(factory) as session:
        return {d.event_id: d for d in session.scalars(select(EventDelivery))}


class Recorder:
    """A fake webhook: records payloads, fails as told."""

    def __init__(self, failures=()):
        self.sent: list[tuple[str, dict]] = []
        self.failures = list(failures)

    def __call__(self, url, payload):
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((url, payload))


def notifier(factory, send, **kw) -> Notifier:
    config = NotifierConfig(webhooks=(HOOK,), retry_base_seconds=60, **kw)
    n = Notifier(factory, config, send=send)
    n.register(T0)
    return n


# --- lease ------------------------------------------------------------------------------------


def test_one_daemon_per_database_and_stale_leases_are_taken_over(factory):
    def acquire(owner, now, takeover=None):
        with transaction(factory) as session:
            return events.acquire_lease(session, owner=owner, host="h", pid=1, now=now,
                                        stale_before=now - timedelta(seconds=60),
                                        takeover_from=takeover)

    def beat(owner, now):
        with transaction(factory) as session:
            return events.heartbeat(session, owner, now, state="idle")

    assert acquire("a", T0)
    assert not acquire("b", T0 + timedelta(seconds=30))
    assert beat("a", T0 + timedelta(seconds=50))
    assert not acquire("b", T0 + timedelta(seconds=100))
    assert acquire("b", T0 + timedelta(seconds=200))  # a stopped beating
    assert not beat("a", T0 + timedelta(seconds=201))  # a learns it lost the lease
    assert acquire("c", T0 + timedelta(seconds=202), takeover="b")  # b is known dead
    with transaction(factory) as session:
        events.release_lease(session, "c", T0 + timedelta(seconds=203))
    assert acquire("d", T0 + timedelta(seconds=204))
    with transaction(factory) as session:
        assert events.daemon_state(session).owner == "d"


# --- webhooks -------------------------------------------------------------------------------


def test_events_before_registration_never_flood_a_new_webhook(factory):
    old = add_event(factory, target="Old Corp")
    sender = Recorder()
    n = notifier(factory, sender)
    new = add_event(factory)
    assert n.deliver_pending(T0) == 1
    assert [p["event"]["id"] for _, p in sender.sent] == [new]
    assert old not in deliveries(factory)
    # A restart keeps the registration: events that came while it was down are delivered.
    later = add_event(factory, target="Later Inc")
    n2 = notifier(factory, sender)
    assert n2.deliver_pending(T0) == 1
    assert [p["event"]["id"] for _, p in sender.sent] == [new, later]


def test_each_event_is_delivered_at_most_once_per_webhook(factory):
    sender = Recorder()
    first, second = notifier(factory, sender), notifier(factory, sender)
    event_id = add_event(factory)
    assert first.deliver_pending(T0) + second.deliver_pending(T0) == 1
    assert first.deliver_pending(T0) == 0
    with transaction(factory) as session:
        assert events.claim_event(session, event_id, HOOK, "sending", T0) is None
    delivered = deliveries(factory)[event_id]
    assert delivered.status == "delivered" and delivered.attempts == 1
    payload = sender.sent[0][1]
    assert payload["text"].startswith("New deal: Nvidia → Run:ai")
    assert payload["deal"]["amount_usd"] == 7e8 and payload["event"]["kind"] == "new"


def test_filters_skip_small_and_non_ai_deals(factory):
    small = add_event(factory, target="Tiny", amount_usd=1e6)
    other = add_event(factory, target="Bakery", ai=False)
    big = add_event(factory, target="Big", amount_usd=5e9)
    sender = Recorder()
    config = NotifierConfig(webhooks=(HOOK,), alert_filter=AlertFilter(min_usd=1e8, ai_only=True))
    n = Notifier(factory, config, send=sender)
    n.deliver_pending(T0)  # registered now: only later events count
    assert sender.sent == []
    for target, amount, ai in (("Tiny2", 1e6, True), ("Bakery2", 1e9, False), ("Big2", 5e9, True)):
        add_event(factory, target=target, amount_usd=amount, ai=ai)
    n.deliver_pending(T0)
    assert [p["deal"]["target"] for _, p in sender.sent] == ["Big2"]
    statuses = sorted(d.status for e, d in deliveries(factory).items()
                      if e not in (small, other, big))
    assert statuses == ["delivered", "skipped", "skipped"]


def test_refused_deliveries_are_retried_with_backoff(factory):
    n = notifier(factory, None)
    sender = Recorder([DeliveryFailed("HTTP 503", retry=True),
                       DeliveryFailed("not sent: refused", retry=True)])
    n._send = sender
    event_id = add_event(factory)
    n.deliver_pending(T0)
    row = deliveries(factory)[event_id]
    assert (row.status, row.attempts) == ("retry", 1)
    assert row.next_attempt_at == T0 + timedelta(seconds=60)
    assert n.deliver_pending(T0 + timedelta(seconds=59)) == 0
    n.deliver_pending(T0 + timedelta(seconds=60))
    row = deliveries(factory)[event_id]
    assert (row.status, row.attempts) == ("retry", 2)
    assert row.next_attempt_at == T0 + timedelta(seconds=60 + 120)
    n.deliver_pending(T0 + timedelta(seconds=180))
    row = deliveries(factory)[event_id]
    assert (row.status, row.attempts, row.last_error) == ("delivered", 3, None)
    assert len(sender.sent) == 1
    assert retry_delay(20, 30) == timedelta(hours=1)


def test_uncertain_and_rejected_deliveries_are_not_resent(factory):
    n = notifier(factory, None)
    uncertain = add_event(factory, target="A")
    rejected = add_event(factory, target="B")
    n._send = Recorder([DeliveryFailed("no answer", retry=False, uncertain=True),
                        DeliveryFailed("HTTP 404", retry=False)])
    n.deliver_pending(T0)
    rows = deliveries(factory)
    assert rows[uncertain].status == "uncertain" and rows[rejected].status == "failed"
    later = Recorder()
    n._send = later
    n.deliver_pending(T0 + timedelta(days=1))
    assert later.sent == []


def test_a_send_interrupted_by_a_crash_is_not_repeated(factory):
    with transaction(factory) as session:
        events.register_webhook(session, HOOK, T0 - timedelta(days=1))
    event_id = add_event(factory)
    with transaction(factory) as session:  # claimed, then the daemon died before sending
        events.claim_event(session, event_id, HOOK, "sending", T0)
    sender = Recorder()
    n = notifier(factory, sender)  # the next start
    n.deliver_pending(T0)
    assert sender.sent == [] and deliveries(factory)[event_id].status == "uncertain"


# --- the real POST ----------------------------------------------------------------------------


class _Hook(http.server.BaseHTTPRequestHandler):
    answers: list[int] = []
    bodies: list[dict] = []
    delay = 0.0

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).bodies.append(json.loads(body))
        time.sleep(type(self).delay)
        status = type(self).answers.pop(0) if type(self).answers else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def hook_server():
    _Hook.answers, _Hook.bodies, _Hook.delay = [], [], 0.0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", _Hook
    server.shutdown()
    server.server_close()


def test_post_json_classifies_failures(hook_server):
    url, hook = hook_server
    post_json(url, {"text": "hi"}, timeout=5, user_agent="t")
    assert hook.bodies == [{"text": "hi"}]
    hook.answers = [503, 404]
    with pytest.raises(DeliveryFailed) as busy:
        post_json(url, {}, timeout=5, user_agent="t")
    assert busy.value.retry and "503" in busy.value.reason
    with pytest.raises(DeliveryFailed) as gone:
        post_json(url, {}, timeout=5, user_agent="t")
    assert not gone.value.retry and not gone.value.uncertain
    with pytest.raises(DeliveryFailed) as refused:
        post_json("http://127.0.0.1:9/hook", {}, timeout=5, user_agent="t")
    assert refused.value.retry
    hook.delay = 1.0
    with pytest.raises(DeliveryFailed) as slow:
        post_json(url, {}, timeout=0.3, user_agent="t")
    assert slow.value.uncertain and not slow.value.retry


# --- deals --watch ----------------------------------------------------------------------------


def test_watch_prints_only_new_events_that_pass_the_filter(factory):
    add_event(factory, target="Before")
    lines: list[str] = []
    stop = threading.Event()

    def feed_events():
        time.sleep(0.2)
        add_event(factory, target="Small", amount_usd=1e3)
        add_event(factory, target="Run:ai")
        add_event(factory, target="Run:ai", kind="status", old="announced", new="completed")

    def write(line):
        lines.append(line)
        if len(lines) == 2:
            stop.set()

    thread = threading.Thread(target=feed_events)
    thread.start()
    count = watch_events(factory, write, AlertFilter(min_usd=1e6), poll_seconds=0.05, stop=stop)
    thread.join()
    assert count == 2
    assert "New deal: Nvidia → Run:ai" in lines[0]
    assert "Deal update" in lines[1] and "announced → completed" in lines[1]


def test_payload_is_json_serialisable(factory):
    add_event(factory)
    with transaction(factory) as session:
        event, deal = events.events_after(session, 0)[0]
        assert json.loads(json.dumps(event_payload(event, deal)))["deal"]["target"] == "Run:ai"


def test_deals_watch_command_prints_new_events_and_stops_on_sigterm(factory, db_url):
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import REPO

    add_event(factory, target="Before")
    watcher = subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--db", db_url, "deals", "--watch", "--poll-seconds",
         "0.1", "--min-usd", "1e6"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=dict(os.environ))
    lines: list[str] = []

    def wait_ready():
        for text in watcher.stderr:
            if "watching deal events after" in text:
                lines.append(text)
                return

    try:
        ready = threading.Thread(target=wait_ready, daemon=True)
        ready.start()
        ready.join(30)
        assert lines, "deals --watch never said it was watching"
        add_event(factory, target="Small", amount_usd=10)
        add_event(factory, target="Run:ai")
        reader = threading.Thread(target=lambda: lines.append(watcher.stdout.readline()),
                                  daemon=True)
        reader.start()
        reader.join(30)
        line = lines[-1]
    finally:
        watcher.send_signal(signal.SIGTERM)
        out, err = watcher.communicate(timeout=20)
    assert "New deal: Nvidia → Run:ai" in line and "Before" not in line + out
    assert "Small" not in line + out
    assert watcher.returncode == 0, err


def test_daemon_rejects_a_bad_webhook_in_one_line(run_newsmon, sqlite_url):
    result = run_newsmon("daemon", "--notify", "ftp://hooks.example/x", db=sqlite_url,
                         check=False)
    assert result.returncode == 1 and "invalid webhook URL" in result.stderr
    assert "Traceback" not in result.stderr
