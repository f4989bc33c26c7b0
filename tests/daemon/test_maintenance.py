"""The daily maintenance job, with moved time, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from newsmon.maintenance import MaintenanceConfig, run_maintenance
from storage import events
from storage.db import transaction
from storage.models import CrawlRun, DealEvent, EventDelivery, SkippedUrl
from tests.daemon.test_alerts import HOOK, add_event

NOW = datetime(2027, 6, 1, 4, 30, tzinfo=UTC)


def count(factory, model) -> int:
    with transaction(factory) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_maintenance_interrupts_stale_runs_and_prunes_old_history(engine, factory):
    old, recent = NOW - timedelta(days=400), NOW - timedelta(days=1)
    with transaction(factory) as session:
        session.add_all([
            CrawlRun(started_at=NOW - timedelta(hours=30), status="running"),  # stale
            CrawlRun(started_at=NOW - timedelta(minutes=5), status="running"),  # going on
            SkippedUrl(canonical_url="https://x.example/old", reason="robots", recorded_at=old),
            SkippedUrl(canonical_url="https://x.example/new", reason="robots",
                       recorded_at=recent),
        ])
    ids = [add_event(factory, target=t) for t in ("A", "B", "C", "D")]
    with transaction(factory) as session:
        for event_id, when in zip(ids, (old, old, old, recent), strict=True):
            session.get(DealEvent, event_id).created_at = when
        events.claim_event(session, ids[0], HOOK, "skipped", old)       # final: pruned
        events.claim_event(session, ids[1], HOOK, "sending", old)       # in flight: kept
        session.get(DealEvent, ids[2]).created_at = old
    outcome = run_maintenance(engine, factory, MaintenanceConfig(), NOW)
    assert outcome.startswith("1 stale crawl run(s) interrupted, 1 skip(s), 1 deliver(ies)")
    with transaction(factory) as session:
        statuses = sorted(r.status for r in session.scalars(select(CrawlRun)))
        assert statuses == ["interrupted", "running"]
        assert [s.canonical_url for s in session.scalars(select(SkippedUrl))] == [
            "https://x.example/new"]
        kept = sorted(e.id for e in session.scalars(select(DealEvent)))
        assert kept == [ids[1], ids[3]]  # in-flight delivery and recent event kept
        assert [d.event_id for d in session.scalars(select(EventDelivery))] == [ids[1]]
    if engine.dialect.name == "sqlite":
        assert "PRAGMA optimize; wal_checkpoint" in outcome
    else:
        analyzed = outcome.split("ANALYZE ", 1)[1].split(", ")
        assert {"deal_events", "deal_mentions", "deals", "organizations"} <= set(analyzed)


def test_the_newest_event_survives_pruning_so_ids_never_go_back(engine, factory):
    only = add_event(factory)
    with transaction(factory) as session:
        session.get(DealEvent, only).created_at = NOW - timedelta(days=1000)
    run_maintenance(engine, factory, MaintenanceConfig(), NOW)
    assert count(factory, DealEvent) == 1
    assert add_event(factory, target="Next") > only
