"""``newsmon deals``, ``deal``, ``enrich``, ``reenrich`` and ``eval``."""

from __future__ import annotations

import sys

import click

from newsmon.cliutil import UserError, friendly, open_db, since_option
from newsmon.export import DEAL_COLUMNS as DEAL_EXPORT_COLUMNS
from newsmon.export import FILE_FORMATS, write_rows
from newsmon.output import render
from newsmon.params import DURATION, LIMIT, USD
from newsmon.terminal import clean
from storage.db import transaction

DEAL_TYPES = ("acquisition", "merger", "investment", "funding_round", "partnership", "licensing")
STATUSES = ("rumored", "announced", "completed", "terminated")


@click.command()
@click.option("--since", type=DURATION, metavar="DURATION",
              help="Deals announced in this recent period, e.g. 30d (deals only cited in passing "
              "count at the date their citation gives).")
@click.option("--min-usd", type=USD, metavar="AMOUNT",
              help="Smallest amount in USD, e.g. 1e9, 1B, 500M.")
@click.option("--type", "types", multiple=True, type=click.Choice(DEAL_TYPES))
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES))
@click.option("--company", help="A buyer or target name (substring, any case).")
@click.option("--ai-only", is_flag=True, help="Only deals from AI-related stories.")
@click.option("--limit", type=LIMIT, default=100, show_default=True, help="0 for no limit.")
@click.option("--format", "fmt", type=click.Choice(("table", *FILE_FORMATS, "atom")),
              default="table", help="atom: a feed of deal events (new deal, status, amount).")
@click.option("--watch", is_flag=True,
              help="Print new deals and status changes as they appear (--min-usd, --ai-only).")
@click.option("--poll-seconds", type=click.FloatRange(0.05), default=5.0, hidden=True)
@click.pass_context
@friendly
def deals(ctx, since, min_usd, types, statuses, company, ai_only, limit, fmt, watch,
          poll_seconds):
    """List deals, most recently announced first (the table's date; a deal only cited in
    passing is dated by its citation: 2023, 2025-03).

    Example: newsmon deals --since 30d --min-usd 1e9 --company Anthropic
    """
    if watch:
        from newsmon.watch import watch_from_cli

        watch_from_cli(ctx, min_usd, ai_only, fmt == "json", poll_seconds)
        return
    from storage.deals import deal_to_dict, query_deals

    _, factory = open_db(ctx)
    if fmt == "atom":
        from newsmon.dealfeed import write_deal_feed_from_cli

        write_deal_feed_from_cli(factory, since_option(since), min_usd, types, statuses,
                                 company, ai_only, limit)
        return
    with transaction(factory) as session:
        rows = [deal_to_dict(d) for d in query_deals(
            session, since=since_option(since), min_usd=min_usd, types=types,
            statuses=statuses, company=company, ai_only=ai_only, limit=limit)]
    if fmt in FILE_FORMATS:
        write_rows(fmt, rows, DEAL_EXPORT_COLUMNS, sys.stdout)
        return
    from newsmon.report import DEAL_COLUMNS, deal_table_row

    render([deal_table_row(r) for r in rows] if fmt == "table" else rows, DEAL_COLUMNS, fmt,
           title="deals")


@click.command()
@click.argument("deal_id")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_context
@friendly
def deal(ctx, deal_id, fmt):
    """Show one deal (by id or stable deal key) and every mention of it, with evidence and link.

    Example: newsmon deal 12
    """
    from storage.deals import deal_mentions, deal_parties, deal_to_dict, find_deal

    _, factory = open_db(ctx)
    with transaction(factory) as session:
        row = find_deal(session, deal_id)
        if row is None:
            raise UserError(f"no deal with id or key {deal_id!r}")
        deal_id = row.id
        info = deal_to_dict(row)
        info["parties"] = [{"organization": n, "kind": k, "role": r}
                           for n, k, r in deal_parties(session, deal_id)]
        mentions = [
            {"article_id": a.id, "seen_at": m.seen_at, "language": a.language,
             "title": a.title, "url": a.canonical_url, "amount": m.amount,
             "currency": m.currency, "stake_percent": m.stake_percent, "status": m.status,
             "seller": m.seller,
             "is_primary": m.is_primary, "confidence": m.confidence, "evidence": m.evidence}
            for m, a in deal_mentions(session, deal_id)
        ]
    if fmt == "json":
        from newsmon.output import to_json

        click.echo(to_json(dict(info, mentions=mentions)))
        return
    from newsmon.report import money, parties_text

    info = {k: clean(v) if isinstance(v, str) else v for k, v in info.items()}
    info["buyers"] = [clean(b) for b in info["buyers"]]
    parties = parties_text(", ".join(info["buyers"]), info["target"], info["seller"], "->")
    click.echo(f"deal {info['id']} [{info['deal_key']}]: {parties} ({info['deal_type']}, "
               f"{info['round_stage'] or '-'}, {info['status']})")
    click.echo(f"  announced {info['announced_on'] or 'unknown'}"
               f"{' (only cited in passing)' if info['is_context_only'] else ''}; parties: "
               + "; ".join(f"{clean(p['organization'])} ({p['role']})" for p in info["parties"]))
    click.echo(f"  amount {money(info['amount'], info['currency']) or '-'}; "
               f"stake {info['stake_percent'] or '-'}; valuation "
               f"{money(info['valuation'], info['valuation_currency']) or '-'}")
    click.echo(f"  seen {info['first_seen_at']} .. {info['last_seen_at']}, "
               f"{info['mention_count']} mention(s), languages {info['languages']}")
    for m in mentions:
        m = {k: clean(v) if isinstance(v, str) else v for k, v in m.items()}
        flag = "primary" if m["is_primary"] else "context"
        stake = f", stake {m['stake_percent']:g}%" if m["stake_percent"] else ""
        seller = f", seller {m['seller']}" if m["seller"] else ""
        click.echo(f"\n- [{m['language']}] {m['title']}\n  {m['url']}\n  {flag}, {m['status']}, "
                   f"{money(m['amount'], m['currency']) or 'no amount'}"
                   f"{stake}{seller}\n"
                   f"  evidence: {m['evidence']}")


@click.command()
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
@friendly
def enrich(source):
    """Analyse JSON Lines ({"id","title","text","language"?,"published"?}) to JSON Lines.

    Example: newsmon enrich articles.jsonl > deals.jsonl
    """
    from enrich.jsonl import run_jsonl

    run_jsonl(source, sys.stdout)


@click.command()
@click.option("--since", type=DURATION, metavar="DURATION",
              help="Only articles published in this period, e.g. 30d.")
@click.option("--fetched-since", type=DURATION, metavar="DURATION",
              help="Only articles fetched in this period.")
@click.pass_context
@friendly
def reenrich(ctx, since, fetched_since):
    """Re-run enrichment on stored articles and rebuild their deals, without recrawling.

    Example: newsmon reenrich --since 90d
    """
    from newsmon.reenrich import reenrich_articles

    _, factory = open_db(ctx)
    result = reenrich_articles(factory, since_option(since), since_option(fetched_since))
    click.echo(f"re-enriched {result.articles} article(s): {result.mentions} mention(s) in "
               f"{result.deals} deal(s); {result.removed} deal(s) no longer reported removed")


@click.command("eval")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def evaluate(as_json):
    """Score enrichment on every labelled set in tests/enrich/, each named.

    Example: newsmon eval
    """
    from enrich.evaluate import main as run_eval

    raise SystemExit(run_eval(["--all", "--json"] if as_json else ["--all"]))
