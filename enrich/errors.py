"""Exceptions raised by the enrichment package."""

from __future__ import annotations

from newsmon.errors import NewsmonError


class EnrichError(NewsmonError):
    """Base class of enrichment errors."""


class SeedDataError(EnrichError):
    """A seed file (companies.toml, fx.toml) holds one or more bad entries."""

    def __init__(self, path: object, problems: list[str]) -> None:
        self.path = path
        self.problems = list(problems)
        listing = "\n  ".join(self.problems)
        super().__init__(f"{path}: {len(self.problems)} bad entr(y/ies):\n  {listing}")
