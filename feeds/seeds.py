"""The feeds newsmon watches, declared as data in ``seeds/feeds.toml`` and validated as a whole.

```toml
[[feed]]
name = "TechCrunch"
url = "https://techcrunch.com/feed/"
language = "en"            # ISO 639-1, or "und" when unknown
interval_minutes = 30      # 5 minutes .. 7 days
tags = ["startups"]        # optional
active = true              # optional
```
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from feeds.errors import SeedError
from feeds.urls import canonicalize_url
from newsmon import defaults
from seeds import seed_path

DEFAULT_FEEDS_PATH: Path = seed_path("feeds.toml")
MIN_INTERVAL_MINUTES = defaults.MIN_FEED_INTERVAL_MINUTES
MAX_INTERVAL_MINUTES = defaults.MAX_FEED_INTERVAL_MINUTES
#: Used by the OPML import when a file does not say how often to refresh.
DEFAULT_INTERVAL_MINUTES = defaults.FEED_INTERVAL_MINUTES
UNKNOWN_LANGUAGE = "und"
REQUIRED_KEYS = ("name", "url", "language", "interval_minutes")
KNOWN_KEYS = frozenset(REQUIRED_KEYS) | {"active", "tags"}
_LANGUAGE = re.compile(r"[a-z]{2}")


@dataclass(frozen=True)
class FeedSpec:
    """One feed to crawl; ``interval`` is the refresh interval in seconds."""

    name: str
    url: str
    language: str
    interval: int
    active: bool = True
    tags: tuple[str, ...] = ()


def load_feeds_toml(path: str | Path) -> list[FeedSpec]:
    """Read and validate a feeds file; ``SeedError`` lists every bad entry at once."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeedError(str(path), ["file not found"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SeedError(str(path), [f"not valid TOML: {exc}"]) from None
    problems = [f"unknown top-level key {key!r}" for key in data if key != "feed"]
    tables = data.get("feed", [])
    if not isinstance(tables, list):
        raise SeedError(str(path), problems + ["'feed' must be an array of tables ([[feed]])"])
    specs = []
    for number, table in enumerate(tables, start=1):
        spec, errors = spec_from_table(table)
        label = _label(number, table)
        problems += [f"{label}: {error}" for error in errors]
        if spec is not None:
            specs.append(spec)
    problems += duplicate_problems(specs)
    if problems:
        raise SeedError(str(path), problems)
    return specs


def dump_feeds_toml(specs: Iterable[FeedSpec]) -> str:
    """TOML text that ``load_feeds_toml`` reads back into the same specs."""
    tables = []
    for spec in specs:
        if spec.interval % 60:
            raise ValueError(f"{spec.name}: interval {spec.interval}s is not whole minutes")
        table: dict[str, Any] = {
            "name": spec.name,
            "url": spec.url,
            "language": spec.language,
            "interval_minutes": spec.interval // 60,
        }
        if not spec.active:
            table["active"] = False
        if spec.tags:
            table["tags"] = list(spec.tags)
        tables.append(table)
    return tomli_w.dumps({"feed": tables})


def spec_from_table(table: Any) -> tuple[FeedSpec | None, list[str]]:
    """Validate one ``[[feed]]`` table; return the spec (or None) and what is wrong with it."""
    if not isinstance(table, dict):
        return None, ["not a table"]
    errors = [f"unknown key {key!r}" for key in table if key not in KNOWN_KEYS]
    errors += [f"missing {key}" for key in REQUIRED_KEYS if key not in table]
    name, url = table.get("name"), table.get("url")
    language, minutes = table.get("language"), table.get("interval_minutes")
    active, tags = table.get("active", True), table.get("tags", [])
    if "name" in table and (not isinstance(name, str) or not name.strip()):
        errors.append("name must be a non-empty string")
    if "url" in table:
        errors += _url_problems(url)
    if "language" in table and not is_valid_language(language):
        errors.append(f"language {language!r} is not a two-letter ISO 639-1 code (or 'und')")
    if "interval_minutes" in table:
        errors += _interval_problems(minutes)
    if not isinstance(active, bool):
        errors.append("active must be true or false")
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        errors.append("tags must be a list of non-empty strings")
    if errors:
        return None, errors
    spec = FeedSpec(
        name=table["name"].strip(),
        url=table["url"].strip(),
        language=table["language"],
        interval=table["interval_minutes"] * 60,
        active=active,
        tags=tuple(tags),
    )
    return spec, []


def duplicate_problems(specs: Iterable[FeedSpec]) -> list[str]:
    """One problem per feed whose name (case-insensitive) or URL (canonical) was seen before."""
    names: dict[str, str] = {}
    urls: dict[str, str] = {}
    problems = []
    for spec in specs:
        name_key, url_key = spec.name.casefold(), canonicalize_url(spec.url)
        if name_key in names:
            problems.append(f"duplicate name {spec.name!r}")
        if url_key in urls:
            problems.append(f"{spec.name!r}: duplicate url {spec.url} (also {urls[url_key]!r})")
        names.setdefault(name_key, spec.name)
        urls.setdefault(url_key, spec.name)
    return problems


def is_valid_language(code: Any) -> bool:
    """A lowercase two-letter ISO 639-1 code, or ``"und"`` (undetermined)."""
    return isinstance(code, str) and (code == UNKNOWN_LANGUAGE or bool(_LANGUAGE.fullmatch(code)))


def _url_problems(url: Any) -> list[str]:
    if not isinstance(url, str):
        return ["url must be a string"]
    try:
        canonicalize_url(url)
    except ValueError as exc:
        return [f"bad url: {exc}"]
    return []


def _interval_problems(minutes: Any) -> list[str]:
    if not isinstance(minutes, int) or isinstance(minutes, bool):
        return ["interval_minutes must be an integer"]
    if not MIN_INTERVAL_MINUTES <= minutes <= MAX_INTERVAL_MINUTES:
        return [
            f"interval_minutes {minutes} is outside "
            f"{MIN_INTERVAL_MINUTES}..{MAX_INTERVAL_MINUTES} (5 minutes to 7 days)"
        ]
    return []


def _label(number: int, table: Any) -> str:
    name = table.get("name") if isinstance(table, dict) else None
    return f"feed #{number} ({name!r})" if isinstance(name, str) else f"feed #{number}"
