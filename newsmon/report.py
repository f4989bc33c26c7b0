"""Short printed reports: money amounts, and the tables `newsmon demo` ends with."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from storage import repo
from storage.db import open_database, session_factory, transaction
from storage.deals import query_deals


def money(amount: float | None, currency: str | None) -> str:
    if amount is None:
        return ""
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(amount) >= scale:
            return f"{amount / scale:,.3g}{suffix} {currency or ''}".strip()
    return f"{amount:,.0f} {currency or ''}".strip()


def print_results(database_url: str, console: Console, limit: int = 20) -> None:
    """The newest articles and deals of a database, as two tables."""
    engine = open_database(database_url)
    try:
        with transaction(session_factory(engine)) as session:
            tables = [articles_table(session, limit), deals_table(session, limit)]
    finally:
        engine.dispose()
    for table in tables:
        console.print(table)


def articles_table(session, limit: int) -> Table:
    rows = repo.query_articles(session, limit=limit)
    table = Table(title=f"articles ({len(rows)} shown)")
    for column in ("published (UTC)", "lang", "words", "title"):
        table.add_column(column, overflow="fold")
    for a in rows:
        when = a.published_at.strftime("%Y-%m-%d %H:%M") if a.published_at else ""
        table.add_row(when, a.language or "", str(a.word_count), a.title or a.url)
    return table


def deals_table(session, limit: int) -> Table:
    deals = query_deals(session, limit=limit)
    table = Table(title=f"deals ({len(deals)} shown)")
    for column in ("id", "buyers", "target", "type", "amount", "stake", "status", "mentions",
                   "langs"):
        table.add_column(column, overflow="fold")
    for d in deals:
        table.add_row(str(d.id), d.buyers, d.target, d.deal_type, money(d.amount, d.currency),
                      f"{d.stake_percent:g}%" if d.stake_percent else "", d.status,
                      str(d.mention_count), d.languages or "")
    return table
