"""Whether a feed writes its numeric dates day first or month first (``07-06-2024``).

Decided once per feed, from its own dates, then its language and its country domain; the
answer is the ``order`` ``feeds.dates`` reads numeric dates with.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from feeds.dates import DAY_FIRST, MONTH_FIRST, numeric_fields

__all__ = ["DAY_FIRST", "MONTH_FIRST", "numeric_order"]

#: Countries writing the month first (``06/07/2024`` is June 7th), by region subtag or ccTLD.
_MONTH_FIRST_COUNTRIES = frozenset({"us", "ph", "mh", "pw", "as", "gu", "mp", "pr", "vi"})
#: Generic top-level domains: they name no country.
_GENERIC_TLDS = frozenset({"com", "org", "net", "info", "biz", "io", "co", "me", "tv", "fm",
                           "app", "dev", "news", "blog", "xyz", "site", "online", "eu"})


def numeric_order(
    written: Iterable[str | None], language: str | None = None, url: str | None = None
) -> str | None:
    """How one feed writes its numeric dates: ``DAY_FIRST``, ``MONTH_FIRST`` or None (unsaid).

    A date of the feed whose first field is past 12 (``13-06-2024``) makes it day first, one
    whose second field is (``06-13-2024``) month first; both, and the dates say nothing. When
    none tells, the language's region (``en-US``), else the feed's country domain (``.us``,
    ``.de``), else a language other than English (``de``, ``fr``: day first) decides.
    """
    seen = set()
    for value in written:
        fields = numeric_fields(value)
        if fields is None:
            continue
        first_past, second_past = fields[0] > 12, fields[1] > 12
        if first_past != second_past:
            seen.add(DAY_FIRST if first_past else MONTH_FIRST)
    if seen:
        return seen.pop() if len(seen) == 1 else None
    return _country_order(language, url)


def _country_order(language: str | None, url: str | None) -> str | None:
    tag = (language or "").lower().replace("_", "-").split("-")
    region = next((part for part in tag[1:] if len(part) == 2 and part.isalpha()), None)
    if region is None and url:
        host = (urlsplit(url).hostname or "").rstrip(".")
        tld = host.rpartition(".")[2]
        region = tld if len(tld) == 2 and tld.isalpha() and tld not in _GENERIC_TLDS else None
    if region is not None:
        return MONTH_FIRST if region in _MONTH_FIRST_COUNTRIES else DAY_FIRST
    if tag[0] and tag[0] != "en" and tag[0].isalpha():
        return DAY_FIRST
    return None
