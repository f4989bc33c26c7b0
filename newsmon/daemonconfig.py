"""``newsmon daemon --config newsmon.toml``: the daemon's configuration file.

The file is read once, at start-up, and checked whole: every mistake is reported at once, each
as ``FILE: [section] key: problem``. Command-line flags override what the file says. The
schema (every key optional; ``deploy/newsmon.toml`` is a complete example)::

    [daemon]      timezone = "Europe/Paris", notify = [URL, ...], stop_timeout = 25,
                  batch_window = 30, max_batch = 200
    [crawl]       NAME = "value" (Scrapy settings for every crawl run, as ``-s NAME=VALUE``)
    [alerts]      min_usd = 1e8, ai_only = true, webhook_hosts_allowed = [HOST, ...]
    [maintenance] cron = "30 4 * * *", stale_run_hours = 12, prune_skips_days = 90,
                  prune_events_days = 180
    [[digest]]    cron = "0 8 * * 1-5", to = [URL or FILE, ...], empty = false, name = "morning"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmon import crontab
from newsmon.alerts import webhook_problem
from newsmon.digestjob import DigestSchedule, is_webhook
from newsmon.errors import ConfigError

NUMBER = (int, float)
SECTIONS: dict[str, dict[str, tuple[type, ...] | str]] = {
    "daemon": {"timezone": (str,), "notify": "urls", "stop_timeout": NUMBER,
               "batch_window": NUMBER, "max_batch": (int,)},
    "alerts": {"min_usd": NUMBER, "ai_only": (bool,), "webhook_hosts_allowed": "strings"},
    "maintenance": {"cron": (str,), "stale_run_hours": NUMBER, "prune_skips_days": NUMBER,
                    "prune_events_days": NUMBER},
}
DIGEST_KEYS = {"cron", "to", "empty", "name"}


@dataclass
class FileConfig:
    """What the file sets (``values`` by ``section.key``; unset keys are absent)."""

    values: dict[str, Any] = field(default_factory=dict)
    crawl_settings: dict[str, str] = field(default_factory=dict)
    digests: list[DigestSchedule] = field(default_factory=list)

    def get(self, key: str, default=None):
        return self.values.get(key, default)


def load_config(path: str | Path) -> FileConfig:
    """Read and check ``path``; raises ConfigError listing every mistake."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(str(path), [f"cannot read: {exc.strerror or exc}"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [f"not valid TOML: {exc}"]) from None
    return check_config(data, str(path))


def check_config(data: dict, path: str = "newsmon.toml") -> FileConfig:
    config, errors = FileConfig(), list[str]()
    for name, value in data.items():
        if name in SECTIONS:
            _section(name, value, config, errors)
        elif name == "crawl":
            _crawl(value, config, errors)
        elif name == "digest":
            _digests(value, config, errors)
        else:
            errors.append(f"unknown section [{name}] (use {', '.join(_names())})")
    if errors:
        raise ConfigError(path, errors)
    return config


def _names() -> list[str]:
    return [f"[{s}]" for s in SECTIONS] + ["[crawl]", "[[digest]]"]


def _section(name: str, table, config: FileConfig, errors: list[str]) -> None:
    if not isinstance(table, dict):
        errors.append(f"[{name}] must be a table")
        return
    for key, value in table.items():
        kind = SECTIONS[name].get(key)
        where = f"[{name}] {key}"
        if kind is None:
            errors.append(f"[{name}] unknown key {key!r} (known: {', '.join(SECTIONS[name])})")
        elif (problem := _check(kind, value)) is not None:
            errors.append(f"{where}: {problem}")
        elif (problem := _meaning(f"{name}.{key}", value)) is not None:
            errors.append(f"{where}: {problem}")
        else:
            config.values[f"{name}.{key}"] = value


def _check(kind, value) -> str | None:
    if kind in ("urls", "strings"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "must be a list of strings"
        return None
    if isinstance(value, bool) and bool not in kind:
        return f"must be a number, not {value!r}"
    if not isinstance(value, kind):
        return f"must be {' or '.join(k.__name__ for k in kind)}, not {type(value).__name__}"
    return None


def _meaning(key: str, value) -> str | None:
    """A value of the right type that still makes no sense."""
    if key == "daemon.timezone":
        return _problem(lambda: crontab.zone(value))
    if key == "maintenance.cron":
        return _problem(lambda: crontab.cron_trigger(value, crontab.zone("UTC")))
    if key == "daemon.notify":
        return next((p for p in map(webhook_problem, value) if p), None)
    if key in ("daemon.stop_timeout", "daemon.batch_window", "daemon.max_batch") and value < 0:
        return "must not be negative"
    if key.startswith("maintenance.") and key != "maintenance.cron" and value <= 0:
        return "must be positive"
    return None


def _problem(check) -> str | None:
    try:
        check()
    except ValueError as exc:
        return str(exc)
    return None


def _crawl(table, config: FileConfig, errors: list[str]) -> None:
    if not isinstance(table, dict):
        errors.append("[crawl] must be a table of Scrapy settings")
        return
    for name, value in table.items():
        if isinstance(value, dict):
            errors.append(f"[crawl] {name}: must be a value, not a table")
        else:
            text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
            config.crawl_settings[name] = text


def _digests(tables, config: FileConfig, errors: list[str]) -> None:
    if not isinstance(tables, list):
        errors.append("[[digest]] must be an array of tables (write [[digest]])")
        return
    for number, table in enumerate(tables, 1):
        where = f"[[digest]] #{number}"
        unknown = sorted(set(table) - DIGEST_KEYS)
        if unknown:
            errors.append(f"{where}: unknown key(s) {', '.join(unknown)} "
                          f"(known: {', '.join(sorted(DIGEST_KEYS))})")
        cron, targets = table.get("cron"), table.get("to", [])
        if not isinstance(cron, str):
            errors.append(f"{where}: cron is required (e.g. cron = \"0 8 * * 1-5\")")
        elif (problem := _problem(lambda c=cron: crontab.cron_trigger(c, crontab.zone("UTC")))):
            errors.append(f"{where}: {problem}")
        if isinstance(targets, str):
            targets = [targets]
        if not isinstance(targets, list) or not all(isinstance(t, str) and t for t in targets):
            errors.append(f"{where}: to must be a list of webhook URLs or file paths")
            targets = []
        for target in targets:
            problem = target_problem(target)
            if problem:
                errors.append(f"{where}: {problem}")
        empty, name = table.get("empty", False), table.get("name", "")
        if not isinstance(empty, bool):
            errors.append(f"{where}: empty must be true or false")
        if not isinstance(name, str):
            errors.append(f"{where}: name must be a string")
        if isinstance(cron, str):
            config.digests.append(DigestSchedule(cron, tuple(targets), empty is True,
                                                 name if isinstance(name, str) else ""))


def target_problem(target: str) -> str | None:
    """What is wrong with a digest target (a webhook URL or a file path), or None."""
    if is_webhook(target):
        return webhook_problem(target)
    if "://" in target:
        return f"digest target {target!r}: use an http(s) webhook URL or a file path"
    return None
