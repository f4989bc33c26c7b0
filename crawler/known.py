"""The organizations a crawl knows: loaded from the database once, grown with each page.

The extraction pipeline loads the list when the crawl opens, hands it to each worker process
once (the pool's initializer), and sends with every page only what the crawl has discovered
since, so a company found in one article is known in the next without a query per page.
"""

from __future__ import annotations

from collections.abc import Iterable

from enrich.model import Analysis
from enrich.orgs import KnownOrganization

_INVESTOR_BUYERS = ("funding_round", "investment")

#: The list a worker process received from its initializer.
_worker_known: tuple[KnownOrganization, ...] = ()


def load(crawler) -> tuple[KnownOrganization, ...]:
    """Every organization stored so far (one query, when the crawl opens)."""
    from crawler.database import Database
    from storage.organizations import known_organizations

    db = Database.from_crawler(crawler)
    with db.session() as session:
        return tuple(known_organizations(session))


def init_worker(known: tuple[KnownOrganization, ...]) -> None:
    global _worker_known
    _worker_known = known


def in_worker(found: tuple[KnownOrganization, ...]) -> tuple[KnownOrganization, ...]:
    """The worker's list plus what the crawl found since it started."""
    return _worker_known + found


class Growing:
    """A crawl's known organizations: ``base`` from the database, ``found`` during the crawl."""

    def __init__(self, base: Iterable[KnownOrganization] = ()):
        self.base = tuple(base)
        self._names = {o.name for o in self.base}
        self._found: list[KnownOrganization] = []

    @property
    def found(self) -> tuple[KnownOrganization, ...]:
        return tuple(self._found)

    @property
    def everything(self) -> tuple[KnownOrganization, ...]:
        return self.base + self.found

    def learn(self, analysis: Analysis | None) -> None:
        """Remember the parties an analysed page named."""
        for deal in analysis.deals if analysis is not None else ():
            kind = "investor" if deal.deal_type in _INVESTOR_BUYERS else "company"
            self._add(deal.target, "company")
            for buyer in deal.buyers:
                self._add(buyer, kind)

    def _add(self, name: str, kind: str) -> None:
        if name and name not in self._names:
            self._names.add(name)
            self._found.append(KnownOrganization(name, kind=kind))
