"""What the Atom feed of deals says: one entry per deal event, filtered like ``newsmon deals``.

Three kinds of event: a new deal and a status change (rows of ``deal_events``, as alerts see
them), and a new amount: a later article about the deal reporting a different amount than the
one before it (read from the deal's mentions). Entry ids are tag URIs built from what the event
is, never from when the feed was made, so a feed reader shows each event once:

- ``tag:newsmon.invalid,2026:deal-event/42`` for the deal event 42;
- ``tag:newsmon.invalid,2026:deal/7/amount/1500000000USD`` for deal 7 reaching that amount.

``newsmon deals --format atom`` and ``newsmon serve`` (``/-/deals.atom``) both call
``write_deal_feed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import IO
from urllib.parse import urlencode

from newsmon.export import LIST_SEPARATOR, csv_cell, write_atom

TAG_AUTHORITY = "tag:newsmon.invalid,2026:"
#: Two amounts closer than this (relative) are the same figure written twice.
SAME_AMOUNT = 0.005


@dataclass(frozen=True)
class DealFilter:
    """The filters of ``newsmon deals`` (and of ``/-/deals.atom``); empty means all deals.

    ``since`` keeps events newsmon recorded in that period; ``limit`` caps the entries.
    """

    since: datetime | None = None
    min_usd: float | None = None
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    company: str | None = None
    ai_only: bool = False
    limit: int | None = 100

    def feed_id(self) -> str:
        """A stable id for the feed of this filter (``since`` and ``limit`` do not change it)."""
        query = {"min_usd": csv_cell(self.min_usd), "type": ",".join(sorted(self.types)),
                 "status": ",".join(sorted(self.statuses)), "company": self.company or "",
                 "ai_only": "1" if self.ai_only else ""}
        text = urlencode({k: v for k, v in query.items() if v})
        return f"{TAG_AUTHORITY}deals" + (f"?{text}" if text else "")


def event_entry_id(event_id: int) -> str:
    """The stable Atom id of one row of ``deal_events``."""
    return f"{TAG_AUTHORITY}deal-event/{event_id}"


def amount_entry_id(deal_id: int, amount: float, currency: str | None) -> str:
    """The stable Atom id of a deal reaching an amount."""
    return f"{TAG_AUTHORITY}deal/{deal_id}/amount/{csv_cell(amount)}{currency or ''}"


def _money(amount, currency) -> str:
    from newsmon.report import money

    return money(amount, currency)


def _headline(deal: Mapping, status: str, amount: str) -> str:
    from newsmon.report import parties_text

    parties = parties_text(LIST_SEPARATOR.join(deal["buyers"]), deal["target"], deal.get("seller"))
    stake = f"{deal['stake_percent']:g}%" if deal.get("stake_percent") else ""
    figures = "".join(f", {part}" for part in (amount, stake) if part)
    return f"{parties} ({deal['deal_type']}{figures}; {status})"


def _item(entry_id: str, when: datetime, title: str, deal: Mapping, kind: str) -> dict:
    summary = (f"{title}. Reported {deal['mention_count']} time(s), first seen "
               f"{deal['first_seen_at']}, last seen {deal['last_seen_at']}; languages "
               f"{deal.get('languages') or '-'}; deal {deal['id']}.")
    return {"entry_id": entry_id, "created_at": when, "title": title, "summary": summary,
            "link": deal.get("source_url"),
            "categories": [deal["deal_type"], deal["status"], f"event:{kind}"]}


def deal_event_item(event: Mapping, deal: Mapping) -> dict:
    """The entry of one ``deal_events`` row (``deal`` as ``deal_to_dict`` gives it)."""
    amount = _money(deal.get("amount"), deal.get("currency"))
    if event["kind"] == "new":
        title = "New deal: " + _headline(deal, deal["status"], amount)
    else:
        status = f"{event.get('old_status')} → {event.get('new_status')}"
        title = "Deal update: " + _headline(deal, status, amount)
    return _item(event_entry_id(event["id"]), event["created_at"], title, deal, event["kind"])


def amount_changes(reports: Iterable[tuple]) -> list[tuple]:
    """The reports that changed a deal's amount, from ``(amount, currency, amount_usd, when)``
    of the articles about it in publication order (``when``: when newsmon fetched the
    article); the first report with an amount counts as a change only when an earlier report
    had none (else the new-deal entry has it)."""
    changes, previous, first = [], None, True
    for report in reports:
        amount, currency, amount_usd, _ = report
        if amount is None:
            first = False
            continue
        key = amount_usd if amount_usd is not None else amount
        if previous is None and first:
            previous, first = key, False
            continue
        if previous is None or abs(key - previous) > SAME_AMOUNT * max(abs(previous), 1.0):
            changes.append(report)
        previous, first = key, False
    return changes


def amount_items(deal: Mapping, reports: Sequence[tuple]) -> list[dict]:
    """The entries of one deal's new amounts."""
    items = []
    for amount, currency, _, when in amount_changes(reports):
        title = "New amount: " + _headline(deal, deal["status"], _money(amount, currency))
        items.append(_item(amount_entry_id(deal["id"], amount, currency), when, title, deal,
                           "amount"))
    return items


def feed_items(session, flt: DealFilter) -> list[dict]:
    """Every entry of the feed for ``flt``, newest first, at most ``flt.limit``."""
    from storage.dealfeed import amount_reports, feed_events
    from storage.deals import deal_to_dict

    items = [deal_event_item({"id": e.id, "kind": e.kind, "old_status": e.old_status,
                              "new_status": e.new_status, "created_at": e.created_at},
                             deal_to_dict(d)) for e, d in feed_events(session, **asdict(flt))]
    for deal, reports in amount_reports(session, **asdict(flt)):
        items += [item for item in amount_items(deal_to_dict(deal), reports)
                  if flt.since is None or item["created_at"] >= flt.since]
    items.sort(key=lambda i: (i["created_at"], i["entry_id"]), reverse=True)
    return items[: flt.limit] if flt.limit else items


def write_deal_feed(session, out: IO[str], flt: DealFilter, *, now: datetime,
                    self_url: str | None = None) -> int:
    """The Atom feed of the deal events matching ``flt``; returns entries written."""
    return write_atom(feed_items(session, flt), out, feed_id=flt.feed_id(), self_url=self_url,
                      now=now)


def write_deal_feed_from_cli(factory, since, min_usd, types, statuses, company, ai_only,
                             limit) -> int:
    """``newsmon deals --format atom``: the feed on stdout."""
    import sys
    from datetime import UTC

    from storage.db import transaction

    flt = DealFilter(since=since, min_usd=min_usd, types=tuple(types),
                     statuses=tuple(statuses), company=company, ai_only=ai_only, limit=limit)
    with transaction(factory) as session:
        return write_deal_feed(session, sys.stdout, flt, now=datetime.now(UTC))
