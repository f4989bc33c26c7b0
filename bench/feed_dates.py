"""Cost of reading feed dates: ``feeds.dates.parse_date`` against the stdlib-only reader it
replaced (ISO 8601 via ``datetime.fromisoformat``, then ``email.utils``), same run, same dates.

Run: ``python -m bench.feed_dates``. Prints microseconds per date for both and the ratio.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from feeds.dates import parse_date

SAMPLE = (
    "Mon, 06 Sep 2021 16:45:00 +0200",
    "2021-09-06T16:45:00Z",
    "Mon, 06 Sep 2021 16:45:00 GMT",
    "2021-09-06T16:45:00+02:00",
)


def stdlib_parse_date(value: str | None) -> datetime | None:
    """The previous reader: ISO 8601, then RFC 822; unknown zones silently UTC."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def per_date_us(reader, values: list[str], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for value in values:
            reader(value)
        best = min(best, time.perf_counter() - started)
    return best / len(values) * 1e6


def main() -> int:
    values = list(SAMPLE) * 5000
    baseline = per_date_us(stdlib_parse_date, values)
    ours = per_date_us(parse_date, values)
    print(f"{len(values)} dates: stdlib reader {baseline:.1f} us/date, "
          f"feeds.dates {ours:.1f} us/date, ratio {ours / baseline:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
