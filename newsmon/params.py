"""Click parameter types for the values users type: durations, USD amounts, languages, databases.

A value that does not parse is a usage error (Click's convention: exit code 2, one line saying
which option and why), raised before the command opens anything.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import click

from newsmon.languages import LanguageError, language_code

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "": 86400}
#: Longest duration accepted (``--since 99999999d`` would overflow a date).
MAX_DURATION = timedelta(days=100 * 366)
_AMOUNT = re.compile(r"^\s*\$?\s*(\d+(?:[.,]\d+)?(?:e\d+)?)\s*([kmbt]?)\s*(?:usd)?\s*$",
                     re.IGNORECASE)
_SCALES = {"": 1, "k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
#: SQLAlchemy URL schemes newsmon supports (``postgres://`` is read as ``postgresql://``).
DATABASE_SCHEMES = ("sqlite", "postgresql", "postgres", "postgresql+psycopg")
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def parse_duration(text: str) -> timedelta:
    """"7d", "24h", "30m", "2w" (a bare number is days); raises ValueError."""
    match = _DURATION.match(text or "")
    if not match:
        raise ValueError(f"invalid duration {text!r}: use e.g. 30m, 24h, 7d, 2w")
    seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if seconds > MAX_DURATION.total_seconds():
        raise ValueError(f"duration {text!r} is too long: at most {MAX_DURATION.days} days")
    return timedelta(seconds=seconds)


def parse_usd(text: str) -> float:
    """"1e9", "1B", "500M", "2.5k", "$1.3B" -> a number of USD; raises ValueError."""
    match = _AMOUNT.match(text or "")
    if not match:
        raise ValueError(f"invalid amount {text!r}: use e.g. 500M, 1B, 2.5e9")
    return float(match.group(1).replace(",", ".")) * _SCALES[match.group(2).lower()]


def check_database(value: str) -> str:
    """``value`` if it is a supported database URL or a SQLite file path; raises ValueError."""
    if "://" in value:
        scheme = value.split("://", 1)[0].lower()
        if scheme.split("+")[0] not in ("sqlite", "postgresql", "postgres"):
            raise ValueError(f"unsupported database {scheme!r}: use sqlite:///FILE.db or "
                             "postgresql://USER@HOST/NAME")
        return value
    if not value.lower().endswith(SQLITE_SUFFIXES):
        raise ValueError(f"{value!r} is neither a database URL nor a SQLite file "
                         f"({', '.join(SQLITE_SUFFIXES)})")
    return value


class _Parsed(click.ParamType):
    """A parameter type whose :meth:`parse` raises ValueError with the whole message."""

    def parse(self, value: str) -> Any:
        raise NotImplementedError

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        try:
            return self.parse(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class Duration(_Parsed):
    name = "duration"

    def parse(self, value: str) -> timedelta:
        return parse_duration(value)


class UsdAmount(_Parsed):
    name = "amount"

    def parse(self, value: str) -> float:
        return parse_usd(value)


class Language(_Parsed):
    name = "code"

    def parse(self, value: str) -> str:
        try:
            return language_code(value)
        except LanguageError as exc:
            raise ValueError(str(exc)) from None


class Database(_Parsed):
    name = "url"

    def parse(self, value: str) -> str:
        return check_database(value)


DURATION = Duration()
USD = UsdAmount()
LANGUAGE = Language()
DATABASE = Database()
#: ``--limit``: a count of rows, 0 for no limit.
LIMIT = click.IntRange(min=0)
