"""Digest schedules and contents, tested by moving time (no sleeping, no scheduler thread)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from newsmon import crontab
from newsmon.digest import Digest, DigestDeal, html_page, markdown, slack_text, webhook_payload
from newsmon.digestjob import DigestSchedule, DigestSender, file_base
from newsmon.errors import DeliveryFailed
from storage import daemonjobs
from storage.db import transaction
from storage.models import Deal, DealEvent, DigestRecord

PARIS = crontab.zone("Europe/Paris")
T0 = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


# --- cron arithmetic ---------------------------------------------------------------------------


def test_weekday_cron_in_paris_fires_at_8_local_across_the_spring_change():
    trigger = crontab.cron_trigger("0 8 * * 1-5", PARIS)
    times = list(crontab.fire_times(trigger, local(2026, 3, 26, 9), local(2026, 4, 1, 9)))
    # Thu 26, Fri 27, (weekend; clocks go forward on Sunday 29), Mon 30, Tue 31, Wed 1.
    assert [t.astimezone(PARIS).strftime("%a %d %H:%M") for t in times] == [
        "Fri 27 08:00", "Mon 30 08:00", "Tue 31 08:00", "Wed 01 08:00"]
    assert [t.astimezone(UTC).hour for t in times] == [7, 6, 6, 6]  # UTC+1, then UTC+2


def test_weekday_cron_across_the_autumn_change():
    trigger = crontab.cron_trigger("0 8 * * 1-5", PARIS)
    times = list(crontab.fire_times(trigger, local(2026, 10, 23, 9), local(2026, 10, 28, 9)))
    assert [t.astimezone(UTC).strftime("%a %H:%M") for t in times] == [
        "Mon 07:00", "Tue 07:00", "Wed 07:00"]  # clocks went back on Sunday 25 (UTC+2 -> +1)


def test_crontab_weekday_numbers_mean_what_they_mean_in_cron():
    # APScheduler 3 counts Monday as 0; crontab counts Sunday as 0 (and 7).
    assert crontab.weekdays("1-5") == "mon,tue,wed,thu,fri"
    assert crontab.weekdays("0") == crontab.weekdays("7") == "sun"
    assert crontab.weekdays("6,0") == "sat,sun"
    assert crontab.weekdays("*/2") == "sun,tue,thu,sat"
    assert crontab.weekdays("sat-sun") == "sat-sun"
    sunday = crontab.cron_trigger("0 9 * * 0", crontab.zone("UTC"))
    fire = crontab.next_fire(sunday, datetime(2026, 11, 2, tzinfo=UTC))  # a Monday
    assert fire.strftime("%a %d") == "Sun 08"


@pytest.mark.parametrize("expr", ["0 8 * *", "61 8 * * *", "0 8 * * 8", "0 8 * * 5-1",
                                  "x * * * *"])
def test_bad_crons_are_refused_with_the_expression(expr):
    with pytest.raises(ValueError, match="invalid"):
        crontab.cron_trigger(expr, PARIS)


def test_a_restart_after_missed_periods_sends_one_digest_for_all_of_them():
    trigger = crontab.cron_trigger("0 8 * * 1-5", PARIS)
    last = local(2026, 3, 27, 8)  # Friday's digest went out
    assert crontab.due_period(trigger, last, local(2026, 3, 30, 7, 59)) is None
    # Down from Friday to Wednesday noon: Mon, Tue and Wed 8:00 coalesce into Wed 8:00.
    assert crontab.due_period(trigger, last, local(2026, 4, 1, 12)) == local(2026, 4, 1, 8)


# --- rendering -----------------------------------------------------------------------------


def deal(i, deal_type, usd, target="Run:ai", url="https://news.example/a?b=1&c=2"):
    return DigestDeal(id=i, buyers=("Nvidia",), target=target, deal_type=deal_type, amount=usd,
                      currency="USD", amount_usd=usd, status="announced", source_url=url,
                      reported_at=T0, ai_related=True, announced_on=T0.date())


def test_groups_by_type_biggest_first():
    digest = Digest(T0 - timedelta(days=1), T0, (
        deal(1, "funding", 5e7), deal(2, "acquisition", 7e8), deal(3, "funding", 2e9),
        deal(4, "acquisition", None)))
    groups = digest.groups()
    assert [t for t, _ in groups] == ["funding", "acquisition"]
    assert [[d.id for d in ds] for _, ds in groups] == [[3, 1], [2, 4]]
    text = slack_text(digest)
    assert text.index("Funding rounds (2)") < text.index("Acquisitions (2)")
    assert "<https://news.example/a?b=1&c=2|Nvidia → Run:ai>" in text
    payload = json.loads(json.dumps(webhook_payload(digest, "0 8 * * 1-5")))
    assert payload["digest"]["count"] == 4 and payload["digest"]["schedule"] == "0 8 * * 1-5"
    assert payload["digest"]["groups"][0]["deals"][0]["amount_usd"] == 2e9


def test_stored_text_is_escaped_in_every_format():
    evil = deal(1, "acquisition", 1e9, target="<script>alert(1)</script> *x* [y](z)",
                url="javascript:alert(1)")
    digest = Digest(T0 - timedelta(days=1), T0, (evil,))
    page = html_page(digest)
    assert "<script>" not in page and "&lt;script&gt;" in page and "javascript:" not in page
    md = markdown(digest)
    assert "\\<script\\>" in md and "\\*x\\*" in md and "\\[y\\](z)" in md
    assert "javascript" not in md
    assert "<script>" not in slack_text(digest) and "&lt;script&gt;" in slack_text(digest)


def test_file_targets_fill_in_the_date_and_drop_the_suffix(tmp_path):
    when = local(2026, 3, 30, 8)
    assert file_base(str(tmp_path / "d-{date}-{time}.md"), when) == tmp_path / "d-2026-03-30-0800"


# --- the digest job against a real database, time moved by hand --------------------------------


def add_deal(factory, target, usd, reported_at, primary=True, deal_type="acquisition",
             announced_on=None, context_flag=False):
    """A deal first reported as news at ``reported_at`` (its "new" event), announced the same
    day unless ``announced_on`` says otherwise."""
    with transaction(factory) as session:
        row = Deal(parties_key=f"nvidia|{target}", buyers="Nvidia", target=target,
                   deal_type=deal_type, amount=usd, currency="USD", amount_usd=usd,
                   status="announced", ai_related=True, first_seen_at=reported_at,
                   last_seen_at=reported_at, mention_count=1, updated_at=reported_at,
                   source_url=f"https://news.example/{target}",
                   announced_on=announced_on or reported_at.date(),
                   announced_precision="day", is_context_only=not primary or context_flag)
        session.add(row)
        session.flush()
        if primary:  # a deal only cited as context gets no "new" event
            session.add(DealEvent(deal_id=row.id, kind="new", new_status="announced",
                                  created_at=reported_at))


class Hooks:
    def __init__(self, fail=()):
        self.sent: list[tuple[str, dict]] = []
        self.fail = list(fail)

    def __call__(self, url, payload):
        if self.fail:
            raise self.fail.pop(0)
        self.sent.append((url, payload))


def sender(factory, hooks, zone=PARIS) -> DigestSender:
    return DigestSender(factory, zone, hooks, retry_base_seconds=0.01)


def test_digests_go_out_once_per_period_and_a_restart_neither_repeats_nor_skips(factory):
    hooks = Hooks()
    daily = DigestSchedule("0 8 * * 1-5", ("https://hooks.example/T/B/x",))
    start = local(2026, 3, 26, 12)  # Thursday noon: the daemon starts with this schedule
    first = sender(factory, hooks).first_run(daily, start)
    assert first == local(2026, 3, 27, 8)
    add_deal(factory, "Before", 1e9, start - timedelta(hours=1))  # before the schedule began
    add_deal(factory, "Small", 1e6, local(2026, 3, 26, 18))
    add_deal(factory, "Big", 2e9, local(2026, 3, 26, 19))
    add_deal(factory, "Context", 5e9, local(2026, 3, 26, 20), primary=False)
    job = sender(factory, hooks)
    assert job.run(daily, local(2026, 3, 27, 8, 0, 1)).startswith("sent: 2 deal(s)")
    assert job.run(daily, local(2026, 3, 27, 8, 0, 2)) == "nothing due"  # fired twice: once
    targets = [d["target"] for g in hooks.sent[0][1]["digest"]["groups"] for d in g["deals"]]
    assert targets == ["Big", "Small"]
    # The daemon stops on Friday; deals keep coming; it starts again on Tuesday at 10.
    add_deal(factory, "Weekend", 3e8, local(2026, 3, 28, 10))
    add_deal(factory, "Monday", 4e8, local(2026, 3, 30, 9))
    add_deal(factory, "Tuesday", 5e8, local(2026, 3, 31, 9))  # after Tuesday's 8:00
    restart = local(2026, 3, 31, 10)
    again = sender(factory, hooks)
    assert again.first_run(daily, restart) == local(2026, 3, 30, 8)  # missed: due at once
    again.run(daily, restart)
    caught_up = [d["target"] for g in hooks.sent[1][1]["digest"]["groups"] for d in g["deals"]]
    assert caught_up == ["Monday", "Weekend"]  # both missed periods, once; Tuesday 9:00 waits
    assert again.run(daily, restart + timedelta(minutes=1)) == "nothing due"
    again.run(daily, local(2026, 4, 1, 8))
    assert [d["target"] for d in hooks.sent[2][1]["digest"]["groups"][0]["deals"]] == ["Tuesday"]
    assert len(hooks.sent) == 3
    with transaction(factory) as session:
        rows = session.scalars(select(DigestRecord).order_by(DigestRecord.scheduled_for)).all()
        assert [r.status for r in rows] == ["start", "sent", "sent", "sent"]
        assert daemonjobs.latest_sent_digest(session).scheduled_for == local(2026, 4, 1, 8)


def test_old_news_and_context_only_deals_stay_out(factory):
    hooks = Hooks()
    daily = DigestSchedule("0 8 * * *", ("https://hooks.example/x",))
    job = sender(factory, hooks)
    job.first_run(daily, local(2026, 3, 26, 12))
    reported = local(2026, 3, 26, 20)
    add_deal(factory, "Fresh", 1e8, reported)
    add_deal(factory, "Weekend", 1e8, reported, announced_on=local(2026, 3, 24, 9).date())
    # A feed added today brings last month's stories: reported now, announced long ago.
    add_deal(factory, "Backfill", 9e9, reported, announced_on=local(2026, 2, 20, 9).date())
    add_deal(factory, "Cited", 9e9, reported, context_flag=True)
    job.run(daily, local(2026, 3, 27, 8))
    listed = [d["target"] for g in hooks.sent[0][1]["digest"]["groups"] for d in g["deals"]]
    assert listed == ["Fresh", "Weekend"]
    assert hooks.sent[0][1]["digest"]["groups"][0]["deals"][1]["announced_on"] == "2026-03-24"


def test_a_second_daemon_cannot_send_a_claimed_period_again(factory):
    hooks = Hooks()
    daily = DigestSchedule("0 8 * * *", ("https://hooks.example/x",), send_empty=True)
    sender(factory, hooks).first_run(daily, local(2026, 3, 26, 12))
    when = local(2026, 3, 27, 8, 0, 1)
    with transaction(factory) as session:  # another daemon claimed it, then crashed
        daemonjobs.claim_digest(session, daily.key, local(2026, 3, 27, 8),
                                local(2026, 3, 26, 12), 0, "x")
    assert sender(factory, hooks).run(daily, when) == "nothing due"
    assert hooks.sent == []
    with transaction(factory) as session:  # and the claim itself refuses a second claimant
        assert daemonjobs.claim_digest(session, daily.key, local(2026, 3, 27, 8),
                                       local(2026, 3, 26, 12), 0, "x") is None


def test_empty_digests_are_recorded_but_not_sent_unless_asked(factory, tmp_path):
    hooks = Hooks()
    quiet = DigestSchedule("0 8 * * *", ("https://hooks.example/x",))
    loud = DigestSchedule("0 8 * * *", (str(tmp_path / "digest-{date}"),), send_empty=True,
                          name="file")
    job = sender(factory, hooks)
    for schedule in (quiet, loud):
        job.first_run(schedule, local(2026, 3, 26, 12))
        job.run(schedule, local(2026, 3, 27, 8))
    assert hooks.sent == []
    written = (tmp_path / "digest-2026-03-27.md").read_text()
    assert "No new deals" in written
    assert "<html" in (tmp_path / "digest-2026-03-27.html").read_text()
    with transaction(factory) as session:
        assert daemonjobs.last_digest(session, quiet.key).status == "empty"
        assert daemonjobs.last_digest(session, "file").status == "sent"


def test_refused_posts_are_retried_and_failures_recorded(factory):
    hooks = Hooks([DeliveryFailed("HTTP 503", retry=True), DeliveryFailed("HTTP 503", retry=True)])
    daily = DigestSchedule("0 8 * * *", ("https://hooks.example/x",), send_empty=True)
    job = sender(factory, hooks)
    job.first_run(daily, local(2026, 3, 26, 12))
    assert job.run(daily, local(2026, 3, 27, 8)).startswith("sent")
    assert len(hooks.sent) == 1  # the third attempt arrived
    hooks.fail = [DeliveryFailed("HTTP 404", retry=False)]
    assert job.run(daily, local(2026, 3, 28, 8)).startswith("failed")
    with transaction(factory) as session:
        last = daemonjobs.last_digest(session, daily.key)
        assert last.status == "failed" and "HTTP 404" in last.error


def test_digest_command_prints_the_last_period(factory, db_url, run_newsmon):
    now = datetime.now(UTC)
    add_deal(factory, "Run:ai", 7e8, now - timedelta(hours=2))
    add_deal(factory, "Old", 9e9, now - timedelta(days=3))  # reported and announced 3 days ago
    add_deal(factory, "Cited", 9e9, now - timedelta(hours=1), primary=False)
    text = run_newsmon("digest", "--since", "24h", db=db_url).stdout
    assert "Run:ai" in text and "Old" not in text and "Cited" not in text
    assert text.startswith("# AI deals")
    week = json.loads(run_newsmon("digest", "--since", "7d", "--format", "json", db=db_url).stdout)
    assert [d["target"] for g in week["groups"] for d in g["deals"]] == ["Old", "Run:ai"]
    page = run_newsmon("digest", "--format", "html", db=db_url).stdout
    assert '<a href="https://news.example/Run:ai">Nvidia → Run:ai</a>' in page
    bad = run_newsmon("digest", "--since", "soon", db=db_url, check=False)
    assert bad.returncode == 1 and "invalid duration" in bad.stderr
