"""Short printed reports: money amounts, the deals table, the tables `newsmon demo` ends with."""

from __future__ import annotations

from rich.console import Console

from newsmon.output import Column, build_table
from storage import repo
from storage.db import open_database, session_factory, transaction
from storage.deals import deal_to_dict, query_deals

DEAL_COLUMNS = [
    Column("id", priority=1),
    Column("date", priority=1),  # announced (at its precision: 2025-06-09, 2025-03, 2023)
    Column("buyers", priority=1, wrap=True, min_width=10),
    Column("target", priority=1, wrap=True, min_width=10),
    Column("seller", priority=3, wrap=True, min_width=8),
    Column("deal_type", "type", priority=2),
    Column("usd", priority=1, justify="right"),
    Column("status", priority=2),
    Column("amount", "amount (as reported)", priority=4, justify="right"),
    Column("stake", priority=3, justify="right"),
    Column("mention_count", "mentions", priority=5, justify="right"),
    Column("languages", "langs", priority=5),
    Column("seen", "last seen", priority=6),
]


def parties_text(buyers: str, target: str, seller: str | None = None, arrow: str = "→") -> str:
    """"Acme Robotics → Skyline from Borealis": the buyers (already joined; "?" when none),
    the target and, when known, the seller."""
    return f"{buyers or '?'} {arrow} {target}" + (f" from {seller}" if seller else "")


def money(amount: float | None, currency: str | None) -> str:
    if amount is None:
        return ""
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(amount) >= scale:
            return f"{amount / scale:,.3g}{suffix} {currency or ''}".strip()
    return f"{amount:,.0f} {currency or ''}".strip()


def usd(amount: float | None) -> str:
    """"$1.3B", "$650M": a USD amount in a few characters."""
    text = money(amount, None)
    return f"${text}" if text else ""


def announced(day: str | None, precision: str | None) -> str:
    """"2025-06-09", "2025-03", "2023": an ISO announced day written at its precision
    (a deal only cited in passing is dated by what the citation says)."""
    if not day:
        return ""
    return day[:{"year": 4, "month": 7}.get(precision or "day", 10)]


def deal_table_row(deal: dict) -> dict:
    """A ``deal_to_dict`` row with the table's display fields (the announced date, USD,
    joined buyers; the day it was last seen)."""
    return dict(
        deal, date=announced(deal.get("announced_on"), deal.get("announced_precision")),
        seen=str(deal.get("last_seen_at") or "")[:10], usd=usd(deal.get("amount_usd")),
        amount=money(deal.get("amount"), deal.get("currency")),
        buyers=", ".join(deal.get("buyers") or []), seller=deal.get("seller") or "",
        stake=f"{deal['stake_percent']:g}%" if deal.get("stake_percent") else "",
    )


def print_results(database_url: str, console: Console, limit: int = 20) -> None:
    """The newest articles and deals of a database, as two tables."""
    from newsmon.commands_articles import ARTICLE_COLUMNS, article_row

    engine = open_database(database_url)
    try:
        with transaction(session_factory(engine)) as session:
            found = repo.query_articles(session, limit=limit)
            sources = repo.article_sources(session, [a.id for a in found])
            articles = [article_row(a, sources.get(a.id)) for a in found]
            deals = [deal_table_row(deal_to_dict(d)) for d in query_deals(session, limit=limit)]
    finally:
        engine.dispose()
    console.print(build_table(articles, ARTICLE_COLUMNS, console.width,
                              f"articles ({len(articles)} shown)"))
    console.print(build_table(deals, DEAL_COLUMNS, console.width, f"deals ({len(deals)} shown)"))
