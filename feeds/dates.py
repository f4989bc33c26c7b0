"""Dates as feeds and pages write them, to aware UTC datetimes.

ISO 8601 and RFC 822 first; then the loose forms real feeds use: ``2020/1/10 14:16:00``,
``22.11.2022 12:16:00``, ``Sat, Dec 16 2023 02:02:33 PM``, ``Seg, 24 Set 2018 10:00:00 -0300``,
month names in English, German, French, Spanish, Italian, Portuguese and Dutch, 12-hour clocks
and the common zone abbreviations. A date whose zone is written but not understood is refused
(``None``) rather than read as UTC; a date without any zone is taken as UTC. Numeric dates whose
day and month could be swapped (``01/02/2020``, ``07-06-2024``) follow an ``order``, decided once
per feed by ``numeric_order``; without one, dashes and dots are read day first and slashes are
refused (``feeds.dayorder``). Pure: no clock, no locale.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MONTH_NAMES = {
    "en": "january february march april may june july august september october november december",
    "de": "januar februar marz april mai juni juli august september oktober november dezember",
    "fr": "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
          "diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
          "dicembre",
    "pt": "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro "
          "dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
#: Abbreviations that are not a prefix of their month's name.
_MONTH_ALIASES = {"mrz": 3, "mrt": 3, "jan": 1, "janner": 1, "setiembre": 9}
_FULL_MONTHS = [
    (name, number)
    for names in _MONTH_NAMES.values()
    for number, name in enumerate(names.split(), start=1)
]

#: Zone abbreviations in feeds, as hours east of UTC. IST is India's (news feeds' common use).
ZONES = {
    "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 1, "ist": 5.5, "west": 1,
    "cet": 1, "mez": 1, "cest": 2, "mesz": 2, "eet": 2, "eest": 3, "msk": 3, "sast": 2,
    "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    "akst": -9, "akdt": -8, "hst": -10, "ast": -4, "adt": -3, "nst": -3.5, "ndt": -2.5,
    "brt": -3, "art": -3, "jst": 9, "kst": 9, "hkt": 8, "sgt": 8, "pht": 8, "wib": 7,
    "awst": 8, "acst": 9.5, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13,
    "met": 1, "mest": 2,
}  # fmt: skip
#: Zones written without saying summer or winter time: their offset depends on the date.
REGIONAL_ZONES = {
    "et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver",
    "pt": "America/Los_Angeles", "at": "America/Halifax",
}

_MONTH_WORD = r"(?P<mon>[^\W\d_]{3,}\.?)"
_DAY = r"(?P<day>\d{1,2})"
_YEAR = r"(?P<year>\d{4}|\d{2}(?=\s+\d{1,2}:))"
#: ``07-06-2024``, ``22.11.2022``, ``06/07/2024``: day and month in an order the text does not say.
_NUMERIC = re.compile(
    r"(?<!\d)(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"
)
_DATE_FORMS = [
    re.compile(rf"(?<!\d){_DAY}(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?{_MONTH_WORD}\s*,?\s*"
               rf"(?:de\s+)?{_YEAR}(?!\d)", re.I),
    re.compile(rf"{_MONTH_WORD}\s+{_DAY}(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<year>\d{4})([-/.])(?P<mon>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"),
    _NUMERIC,
]
#: Day first, month first: the two readings of a numeric date.
DAY_FIRST, MONTH_FIRST = "dmy", "mdy"
_TIME = re.compile(
    r"\s*(?:T|,|[-–—|@]|um|at|a\s+las|às|à|alle|om)?\s*(?P<h>\d{1,2})[:h](?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?:[.,]\d+)?)?\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?",
    re.I,
)
_ZONE = re.compile(
    r"\s*(?:uhr\s*)?(?:\(?(?P<name>[A-Za-z]{1,5}|[A-Za-z]+(?:/[\w+-]+)+)\)?)?\s*"
    r"(?P<offset>[+\-−]\s?\d{1,2}(?::?\d{2})?)?\s*$",
    re.I,
)
_COMMENT = re.compile(r"(?<=\S)\s*\([^()]*\)\s*$")
#: An offset followed by its zone's name (``+0000 GMT``, ``-0400 EDT``): both must agree.
_OFFSET_THEN_NAME = re.compile(r"\s*(?P<offset>[+\-−]\d{2}:?\d{2})\s+(?P<name>[A-Za-z]{1,5})\s*$")
_UNIVERSAL = frozenset({"gmt", "utc", "ut", "z"})
#: RFC 9557's zone name in brackets after an ISO 8601 time (Java's ``ZonedDateTime``):
#: ``2024-06-07T10:11:12+02:00[Europe/Berlin]``. The offset, when written, decides.
_BRACKETED_ZONE = re.compile(
    r"(?<=\d)(?P<offset>Z|[+\-]\d{2}(?::?\d{2})?)?\[!?(?P<name>[\w+/-]+)\]$"
)
#: The year after the time: C's asctime (``Sun Nov  6 08:49:37 1994``), Unix ``date`` and
#: Go's UnixDate (``Mon Jan  2 15:04:05 MST 2006``), Ruby's (``Mon Jan 02 15:04:05 -0700 2006``).
_YEAR_LAST = re.compile(
    r"(?:[^\W\d_]{3,}\.?,?\s+)?(?P<mon>[^\W\d_]{3,})\.?\s+(?P<day>\d{1,2})\s+"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+(?:(?P<zone>[A-Za-z]{1,5}|[+\-]\d{4})\s+)?"
    r"(?P<year>\d{4})"
)
#: ISO 8601's 24:00 closes a day: ``2006-01-02T24:00:00Z`` is the 3rd at 00:00.
_END_OF_DAY = re.compile(r"T24:00(?::00(?:\.0+)?)?(?=[+-]|$)")
_CLOCK_TEXT = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?")
#: A word that may name a month in a language the table lacks (not a one-letter marker).
_WORD = re.compile(r"[^\W\d_]{3,}")
_ISO_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
_RFC822 = re.compile(
    r"(?:[A-Za-z]{3}, )?(?P<day>\d{1,2}) (?P<mon>[A-Za-z]{3}) (?P<year>\d{4}) "
    r"(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))? (?P<zone>[+-]\d{4}|GMT|UTC|UT|Z)"
)
_ENGLISH_ABBREVIATIONS = {
    name[:3]: number for number, name in enumerate(_MONTH_NAMES["en"].split(), start=1)
}


def parse_date(value: str | None, order: str | None = None) -> datetime | None:
    """A written date -> aware UTC datetime; ``None`` when it cannot be read with certainty.
    ``order`` (``DAY_FIRST``, ``MONTH_FIRST``) reads numeric dates (see ``numeric_order``)."""
    return _to_utc(parse_written(value, order))


def parse_written(value: str | None, order: str | None = None) -> datetime | None:
    """A written date in its own zone (aware; naive ones as UTC), or ``None``."""
    if not value or not value.strip():
        return None
    value = _BRACKETED_ZONE.sub(_bracketed_zone, " ".join(value.split()))
    iso = None if value[0].isalpha() else _iso(value)  # ISO 8601 starts with a digit
    parsed = iso or _rfc822(value) or parse_loose(_year_before_time(value), order)
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _iso(value: str) -> datetime | None:
    if len(value) > 10 and value[4] == "-" and value[10] not in "Tt ":
        return None  # fromisoformat takes any character between date and time: 2013-01-27-01
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    text = value.replace("Z", "+00:00").replace("z", "+00:00")
    text = _ISO_OFFSET.sub(r"\1:\2", text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}.*", text):
        text = text.replace(" ", "T", 1)
    text, end_of_day = _END_OF_DAY.subn("T00:00:00", text, count=1)
    try:
        return datetime.fromisoformat(text) + timedelta(days=end_of_day)
    except (ValueError, OverflowError):
        return None


def _rfc822(value: str) -> datetime | None:
    """The common exact RFC 822 form (English month, numeric or GMT zone), read quickly."""
    match = _RFC822.fullmatch(value)
    if match is None or match["mon"].lower() not in _ENGLISH_ABBREVIATIONS:
        return None
    zone = match["zone"]
    minutes = 0 if zone.isalpha() else (int(zone[1:3]) * 60 + int(zone[3:])) * (
        -1 if zone[0] == "-" else 1)
    try:
        return datetime(int(match["year"]), _ENGLISH_ABBREVIATIONS[match["mon"].lower()],
                        int(match["day"]), int(match["h"]), int(match["mi"]), int(match["s"] or 0),
                        tzinfo=timezone(timedelta(minutes=minutes)))
    except ValueError:
        return None


def _bracketed_zone(match: re.Match[str]) -> str:
    return match["offset"] or f" {match['name']}"


def _year_before_time(value: str) -> str:
    """``Mon Jan 02 15:04:05 -0700 2006`` as ``02 Jan 2006 15:04:05 -0700``; others as they are."""
    match = _YEAR_LAST.fullmatch(value)
    if match is None or month_number(match["mon"]) is None:
        return value
    zone = f" {match['zone']}" if match["zone"] else ""
    return f"{match['day']} {match['mon']} {match['year']} {match['time']}{zone}"


def _to_utc(parsed: datetime | None) -> datetime | None:
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        return None


@functools.lru_cache(maxsize=1024)
def month_number(word: str) -> int | None:
    """``"Set"``, ``"März"``, ``"déc."``, ``"September"`` -> the month; None if not one."""
    key = _fold(word).rstrip(".")
    if len(key) < 3:
        return None
    if key in _MONTH_ALIASES:
        return _MONTH_ALIASES[key]
    found = {number for name, number in _FULL_MONTHS if name.startswith(key)}
    return found.pop() if len(found) == 1 else None


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def visible_day(value: str, order: str | None = None) -> tuple[int, int, int] | None:
    """The ``(year, month, day)`` written in ``value``, if one can be read unambiguously."""
    found = _find_date(value, order)
    return found[0] if found else None


def _find_date(value: str, order: str | None = None) -> tuple[tuple[int, int, int], int] | None:
    """``((year, month, day), end of the date in value)`` for the first date form found."""
    for form in _DATE_FORMS:
        for match in form.finditer(value):
            ymd = _ymd(match, order)
            if ymd is not None:
                return ymd, match.end()
    return None


def _numeric_order(match: re.Match[str], order: str | None) -> str | None:
    """How to read ``a-b-yyyy``: a field past 12 says it; else dots are day first, and dashes
    and slashes follow ``order`` (without one, dashes day first, slashes unread)."""
    if match["sep"] == "/" and match.string[match.start() - 1 : match.start()] == "/":
        return None  # a path's segments (``/07/06/2024``), not a date written d/m/y
    a, b = int(match["a"]), int(match["b"])
    if (a > 12) != (b > 12):
        return DAY_FIRST if a > 12 else MONTH_FIRST
    if a > 12 or match["sep"] == ".":
        return DAY_FIRST
    return order or (DAY_FIRST if match["sep"] == "-" else None)


def _ymd(match: re.Match[str], order: str | None = None) -> tuple[int, int, int] | None:
    groups = match.groupdict()
    month: int | None
    year = int(groups["year"])
    if len(groups["year"]) == 2:  # "0069" is year 69, only "69" is 2069
        year += 2000 if year < 70 else 1900
    if "a" in groups:  # d/m/y or m/d/y
        reading = _numeric_order(match, order)
        if reading is None:
            return None
        a, b = int(groups["a"]), int(groups["b"])
        day, month = (a, b) if reading == DAY_FIRST else (b, a)
    else:
        mon = groups["mon"]
        month = int(mon) if mon.isdigit() else month_number(mon)
        day = int(groups["day"])
    if month is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return year, month, day


def parse_loose(value: str, order: str | None = None) -> datetime | None:
    """The loose forms (see module doc); naive when no zone is written, None when unsure."""
    found = _find_date(value, order)
    if found is None:
        return None
    (year, month, day), end = found
    hour: int | None = 0
    minute = second = 0
    rest = value[end:]
    clock = _TIME.match(rest)
    if clock:
        hour, minute, second = _clock(clock)
        rest = rest[clock.end():]
    elif re.match(r"\s*[+\-−]\s?\d", rest):  # 2013-01-27-01: a broken date, not an offset
        return None
    try:
        zone = _zone(rest)
        if hour is None:
            return None
        return datetime(year, month, day, hour % 24, minute, second, tzinfo=zone) + timedelta(
            days=hour // 24)
    except (ValueError, OverflowError):  # a zone not understood, no such day, past year 9999
        return None


def _clock(match: re.Match[str]) -> tuple[int | None, int, int]:
    hour, minute = int(match["h"]), int(match["mi"])
    second = int(match["s"] or 0)
    ampm = (match["ampm"] or "").lower()[:1]
    if ampm:
        if not 1 <= hour <= 12:
            return None, 0, 0
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour == 24 and minute == second == 0:
        return 24, 0, 0  # the end of the day: midnight of the next (ISO 8601)
    if hour > 23 or minute > 59 or second > 60:
        return None, 0, 0
    return hour, minute, min(second, 59)


def _zone(rest: str) -> tzinfo | None:
    """The zone written after the time (None: none written); ValueError if not understood.

    An IANA name (``Europe/Berlin``, ``Etc/GMT``) or a zone without summer/winter (``ET``)
    gives a zone whose offset follows the date; the rest a fixed offset.
    """
    rest = _COMMENT.sub("", rest)
    if not rest.strip():
        return None
    if both := _OFFSET_THEN_NAME.fullmatch(rest):
        hours, name = _offset_hours(both["offset"]), both["name"].lower()
        if ZONES.get(name) != hours and name not in _UNIVERSAL:  # +0200 GMT is GMT+0200
            raise ValueError(f"offset and zone disagree: {rest!r}")
        return timezone(timedelta(hours=hours))
    match = _ZONE.match(rest)
    if match is None:
        raise ValueError(f"zone not understood: {rest!r}")
    name, offset = match["name"], match["offset"]
    hours = 0.0
    if name and not offset and ("/" in name or name.lower() in REGIONAL_ZONES):
        return _named_zone(REGIONAL_ZONES.get(name.lower(), name))
    if name:
        if name.lower() not in ZONES:
            raise ValueError(f"unknown zone {name!r}")
        hours = ZONES[name.lower()]
    if offset:
        hours += _offset_hours(offset)
    if abs(hours) > 14:
        raise ValueError(f"offset out of range: {rest!r}")
    return timezone(timedelta(hours=hours))


@functools.lru_cache(maxsize=256)
def _named_zone(key: str) -> ZoneInfo:
    """The IANA zone ``key``; ValueError when this system's zone database lacks it."""
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown zone {key!r}") from exc


def _offset_hours(text: str) -> float:
    text = text.replace("−", "-").replace(" ", "").replace(":", "")
    sign = -1 if text[0] == "-" else 1
    digits = text[1:]
    hours, minutes = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (
        int(digits), 0)
    return sign * (hours + minutes / 60)


def agrees_with_text(value: str, when: datetime) -> bool:
    """Whether ``when`` (from another parser) shows the year/month/day written in ``value``.

    A day either side is allowed (the zone may move the UTC date). With a readable day in
    ``value`` it must be that day. Without one, the four-digit year and the day of the month
    must be written as numbers, and the month too unless a word could name it (``Ιούλ``): a
    fallback that fills what it could not read (``2004-12-01`` from ``2004년 05월 28일``) is
    refused.
    """
    days = {(d.year, d.month, d.day) for d in (when - timedelta(days=1), when,
                                               when + timedelta(days=1))}
    written = visible_day(value)
    if written is not None:
        return written in days
    years = {int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)", value)}
    if not years & {y for y, _, _ in days}:
        return False
    numbers = {int(n) for n in re.findall(r"\d+", _CLOCK_TEXT.sub(" ", value))}
    if not numbers & {d for _, _, d in days}:
        return False
    return bool(numbers & {m for _, m, _ in days}) or _WORD.search(value) is not None



def numeric_fields(value: str | None) -> tuple[int, int] | None:
    """The two first fields of the first ``a-b-yyyy`` or ``a/b/yyyy`` in ``value`` (dots are
    always day first, so they are left out), or None."""
    match = _NUMERIC.search(value or "")
    if match is None or match["sep"] == ".":
        return None
    return int(match["a"]), int(match["b"])
