"""The daemon's configuration file: documented schema, every error at once, flags override."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.daemonconfig import check_config, load_config
from newsmon.daemonsetup import daemon_config
from newsmon.errors import ConfigError, SetupError
from tests.conftest import REPO

OPTIONS = dict(webhooks=(), alert_min_usd=None, alert_ai_only=False, digest_crons=(),
               digest_targets=(), digest_empty=False, timezone=None, pairs=(),
               batch_window=30.0, max_batch=200, stop_timeout=25.0, min_interval_seconds=60,
               poll_seconds=5.0, heartbeat_seconds=10.0, initial_spread=300,
               notify_poll_seconds=5.0, retry_base_seconds=30.0, cron_second="0")


def setup(file_config, explicit=(), **flags):
    return daemon_config("sqlite:///x.db", file_config, dict(OPTIONS, **flags), set(explicit))


def test_the_shipped_example_is_valid_and_the_systemd_unit_uses_it():
    config = load_config(REPO / "deploy" / "newsmon.toml")
    assert config.get("daemon.timezone") == "Europe/Paris"
    assert config.digests and config.digests[0].cron == "0 8 * * 1-5"
    unit = (REPO / "deploy" / "newsmon-daemon.service").read_text()
    assert "newsmon daemon --config /etc/newsmon/newsmon.toml" in unit


def test_every_mistake_is_reported_at_once(tmp_path):
    path = tmp_path / "newsmon.toml"
    path.write_text("""
[daemon]
timezone = "Mars/Olympus"
notify = ["ftp://hooks.example/x"]
max_batch = "many"
colour = "blue"

[alerts]
min_usd = true

[maintenance]
cron = "0 25 * * *"
prune_skips_days = 0

[[digest]]
cron = "0 8 * *"
to = ["gopher://x"]

[[digest]]
to = ["/tmp/d"]

[extra]
x = 1
""")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    errors = caught.value.errors
    expected = ["unknown time zone 'Mars/Olympus'", "invalid webhook URL", "max_batch: must be int",
                "unknown key 'colour'", "min_usd: must be a number", "invalid cron '0 25 * * *'",
                "prune_skips_days: must be positive", "#1: invalid cron '0 8 * *'",
                "#1: digest target 'gopher://x'", "#2: cron is required", "unknown section [extra]"]
    for fragment in expected:
        assert any(fragment in e for e in errors), (fragment, errors)
    assert len(errors) == len(expected)
    message = str(caught.value)
    assert message.startswith(f"{len(expected)} error(s) in {path}")
    assert all(line.startswith(str(path)) for line in message.splitlines()[1:])


def test_not_toml_is_one_clear_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[daemon\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml")


def test_flags_override_the_file():
    file = check_config({
        "daemon": {"timezone": "Europe/Paris", "notify": ["https://hooks.example/file"],
                   "stop_timeout": 40},
        "alerts": {"min_usd": 1e8, "ai_only": True},
        "crawl": {"DOWNLOAD_DELAY": 2},
        "maintenance": {"cron": "0 3 * * *", "prune_events_days": 30},
        "digest": [{"cron": "0 8 * * 1-5", "to": ["/var/lib/newsmon/digest"]}],
    })
    from_file = setup(file)
    assert from_file.timezone.key == "Europe/Paris" and from_file.stop_timeout == 40
    assert from_file.notifier.webhooks == ("https://hooks.example/file",)
    assert from_file.notifier.alert_filter.min_usd == 1e8
    assert from_file.notifier.alert_filter.ai_only
    assert from_file.crawl_settings == {"DOWNLOAD_DELAY": "2"}
    assert from_file.maintenance.cron == "0 3 * * *"
    assert from_file.maintenance.prune_events_days == 30
    assert [(d.cron, d.targets) for d in from_file.digests] == [
        ("0 8 * * 1-5", ("/var/lib/newsmon/digest",))]
    flags = setup(file, explicit={"timezone", "webhooks", "alert_min_usd", "digest_crons",
                                  "stop_timeout", "pairs"},
                  timezone="UTC", webhooks=("https://hooks.example/flag",), alert_min_usd=5.0,
                  digest_crons=("*/30 * * * *",), stop_timeout=10.0,
                  pairs=("DOWNLOAD_DELAY=0",))
    assert flags.timezone.key == "UTC" and flags.stop_timeout == 10.0
    assert flags.notifier.webhooks == ("https://hooks.example/flag",)
    assert flags.notifier.alert_filter.min_usd == 5.0
    assert flags.crawl_settings == {"DOWNLOAD_DELAY": "0"}
    # --digest replaces the file's digests; with no --digest-to they go to the webhooks.
    assert [(d.cron, d.targets) for d in flags.digests] == [
        ("*/30 * * * *", ("https://hooks.example/flag",))]


def test_option_problems_are_listed_together():
    with pytest.raises(SetupError) as caught:
        setup(check_config({}), explicit={"timezone", "digest_crons", "pairs"},
              timezone="Nowhere/Land", digest_crons=("0 8 * * *", "bad"), pairs=("oops",))
    errors = caught.value.errors
    assert any("invalid setting 'oops'" in e for e in errors)
    assert any("unknown time zone" in e for e in errors)
    assert any("invalid cron 'bad'" in e for e in errors)
    assert sum("goes nowhere" in e for e in errors) == 2


def test_daemon_command_reports_config_errors_in_one_go(run_newsmon, sqlite_url, tmp_path):
    path = Path(tmp_path / "newsmon.toml")
    path.write_text('[daemon]\ntimezone = "Nowhere"\n[[digest]]\ncron = "0 8"\n')
    result = run_newsmon("daemon", "--config", str(path), db=sqlite_url, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "2 error(s)" in result.stderr
    assert "unknown time zone 'Nowhere'" in result.stderr and "invalid cron '0 8'" in result.stderr
