"""Currency conversion to US dollars from the dated table in seeds/fx.toml (no network)."""

from __future__ import annotations

import bisect
import tomllib
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from enrich.errors import SeedDataError
from seeds import seed_path

FX_PATH = seed_path("fx.toml")

RateTable = dict[str, list[tuple[date, float]]]


def parse_fx(data: dict, source: object = "<fx>") -> RateTable:
    """Validate parsed fx TOML (``[EUR] "2024-01-01" = 1.08``); report every bad entry."""
    problems, table = [], {}
    for code, rates in data.items():
        if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
            problems.append(f"{code!r}: currency must be a 3-letter ISO 4217 code")
            continue
        if not isinstance(rates, dict) or not rates:
            problems.append(f"{code}: expected a table of date = rate")
            continue
        rows = []
        for key, rate in rates.items():
            try:
                day = date.fromisoformat(key)
            except ValueError:
                problems.append(f"{code}: {key!r} is not a YYYY-MM-DD date")
                continue
            if isinstance(rate, bool) or not isinstance(rate, int | float) or rate <= 0:
                problems.append(f"{code} {key}: rate must be a positive number")
                continue
            rows.append((day, float(rate)))
        table[code] = sorted(rows)
    if problems:
        raise SeedDataError(source, problems)
    return table


def load_fx(path: Path | str | None = None) -> RateTable:
    path = Path(path) if path else FX_PATH
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SeedDataError(path, [f"invalid TOML: {exc}"]) from exc
    return parse_fx(data, path)


@lru_cache(maxsize=1)
def default_rates() -> RateTable:
    return load_fx()


def usd_rate(currency: str, on: date | datetime | None = None, table: RateTable | None = None):
    """US dollars per unit of ``currency`` on ``on`` (latest rate dated on or before it).

    Without a date the newest rate is used; before the first date, the oldest one.
    Returns None for a currency missing from the table.
    """
    if currency == "USD":
        return 1.0
    rows = (table if table is not None else default_rates()).get(currency)
    if not rows:
        return None
    if on is None:
        return rows[-1][1]
    day = on.date() if isinstance(on, datetime) else on
    index = bisect.bisect_right(rows, (day, float("inf"))) - 1
    return rows[max(index, 0)][1]


def to_usd(amount: float | None, currency: str | None, on: date | datetime | None = None):
    """``amount`` converted to US dollars, or None when amount/currency/rate is unknown."""
    if amount is None or currency is None:
        return None
    rate = usd_rate(currency, on)
    return None if rate is None else round(amount * rate, 2)
