"""The daemon's configuration from its file and its flags (flags win), checked all at once."""

from __future__ import annotations

import os
from dataclasses import replace

from newsmon import crontab, defaults
from newsmon.alerts import AddressPolicy, AlertFilter, NotifierConfig, WebhookClient
from newsmon.daemon import DaemonConfig
from newsmon.daemonconfig import FileConfig, target_problem
from newsmon.digestjob import DigestSchedule, is_webhook
from newsmon.errors import SetupError
from newsmon.maintenance import MaintenanceConfig
from newsmon.schedule import Policy


def parse_settings(pairs, errors: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            errors.append(f"invalid setting {pair!r}: use NAME=VALUE")
        else:
            out[name.strip()] = value
    return out


def scrapy_settings(overrides: dict[str, str]):
    """The project's Scrapy settings with the daemon's overrides (as each crawl will see them)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def address_policy(settings, extra_hosts) -> AddressPolicy:
    hosts = [*settings.getlist("PRIVATE_HOSTS_ALLOWED"), *settings.getlist("WEBHOOK_HOSTS_ALLOWED"),
             *extra_hosts]
    return AddressPolicy(settings.getbool("BLOCK_PRIVATE_ADDRESSES"),
                         frozenset(h.strip().lower().rstrip(".") for h in hosts if h.strip()))


def daemon_config(database_url: str, file: FileConfig, options: dict,
                  explicit: set[str]) -> DaemonConfig:
    """Everything the daemon needs; raises SetupError listing every problem."""
    errors: list[str] = []

    def pick(option: str, key: str, default=None):
        if option in explicit or key not in file.values:
            value = options.get(option)
            return default if value is None else value
        return file.get(key)

    crawl = dict(file.crawl_settings, **parse_settings(options.get("pairs", ()), errors))
    settings = scrapy_settings(crawl)
    policy = address_policy(settings, file.get("alerts.webhook_hosts_allowed", []))
    hooks = list(pick("webhooks", "daemon.notify", ()))
    hooks = [h for url in hooks for h in url.split()]  # $NEWSMON_NOTIFY is space-separated
    zone_name = pick("timezone", "daemon.timezone", defaults.DAEMON_TIMEZONE)
    zone = _checked(errors, lambda: crontab.zone(zone_name))
    for url in hooks:
        problem = _webhook_problem(url, policy)
        if problem:
            errors.append(f"--notify: {problem}")
    digests = _digests(file, options, explicit, tuple(hooks), policy, errors)
    maintenance = MaintenanceConfig(**{
        k: file.get(f"maintenance.{k}") for k in MaintenanceConfig.__dataclass_fields__
        if file.get(f"maintenance.{k}") is not None})
    if errors:
        raise SetupError(errors)
    client = WebhookClient(user_agent=settings.get("USER_AGENT") or "newsmon", policy=policy)
    alert_filter = AlertFilter(pick("alert_min_usd", "alerts.min_usd"),
                               bool(pick("alert_ai_only", "alerts.ai_only", False)))
    notifier = NotifierConfig(
        webhooks=tuple(dict.fromkeys(hooks)), alert_filter=alert_filter,
        poll_seconds=options["notify_poll_seconds"],
        retry_base_seconds=options["retry_base_seconds"], client=client) if hooks else None
    return DaemonConfig(
        database_url=database_url,
        policy=Policy(min_interval=options["min_interval_seconds"],
                      initial_spread=options["initial_spread"],
                      batch_window=pick("batch_window", "daemon.batch_window", 30.0),
                      max_batch=pick("max_batch", "daemon.max_batch", 200)),
        crawl_settings=crawl, notifier=notifier, webhook_client=client,
        retry_base_seconds=options["retry_base_seconds"], digests=digests,
        maintenance=maintenance, timezone=zone,
        poll_seconds=options["poll_seconds"], heartbeat_seconds=options["heartbeat_seconds"],
        stale_after_seconds=max(60.0, 6 * options["heartbeat_seconds"]),
        stop_timeout=pick("stop_timeout", "daemon.stop_timeout", 25.0),
        cron_second=options.get("cron_second") or "0",
    )


def _checked(errors: list[str], make):
    try:
        return make()
    except ValueError as exc:
        errors.append(str(exc))
        return None


def _webhook_problem(url: str, policy: AddressPolicy) -> str | None:
    from newsmon.alerts import webhook_problem

    return webhook_problem(url, policy)


def _digests(file: FileConfig, options: dict, explicit: set[str], hooks: tuple[str, ...],
             policy: AddressPolicy, errors: list[str]) -> tuple[DigestSchedule, ...]:
    """Digests of the command line (they replace the file's), else of the file."""
    targets = tuple(options.get("digest_targets") or ())
    if "digest_crons" in explicit:
        schedules = [DigestSchedule(cron, targets) for cron in options["digest_crons"]]
    else:
        schedules = [replace(d, targets=targets) if targets else d for d in file.digests]
    out = []
    second = options.get("cron_second") or "0"
    for schedule in schedules:
        _checked(errors, lambda s=schedule: crontab.cron_trigger(s.cron, crontab.zone("UTC"),
                                                                 second))
        if not schedule.targets:
            schedule = replace(schedule, targets=hooks)
        if not schedule.targets:
            errors.append(f"digest {schedule.cron!r} goes nowhere: give --digest-to URL|FILE "
                          "or --notify URL")
        for target in schedule.targets:
            problem = target_problem(target) or (
                _webhook_problem(target, policy) if is_webhook(target) else None)
            if problem:
                errors.append(f"--digest-to: {problem}")
        if options.get("digest_empty") and "digest_empty" in explicit:
            schedule = replace(schedule, send_empty=True)
        out.append(schedule)
    keys = [s.key for s in out]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        errors.append(f"digest {key!r} is given twice (give each a different name in the file)")
    return tuple(out)
