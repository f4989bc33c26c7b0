"""``newsmon deals``, ``deal``, ``enrich``, ``reenrich`` and ``eval``."""

from __future__ import annotations

import sys

import click

from newsmon.cliutil import UserError, friendly, open_db, since_option
from newsmon.output import FORMATS, render
from storage.db import transaction

DEAL_TYPES = ("acquisition", "merger", "investment", "funding_round", "partnership", "licensing")
STATUSES = ("rumored", "announced", "completed", "terminated")


@click.command()
@click.option("--since", help="Deals announced in this recent period, e.g. 30d (deals only "
              "cited in passing count at the date their citation gives).")
@click.option("--min-usd", type=float, help="Smallest amount in USD, e.g. 1e9.")
@click.option("--type", "types", multiple=True, type=click.Choice(DEAL_TYPES))
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES))
@click.option("--company", help="A buyer or target name (substring, any case).")
@click.option("--ai-only", is_flag=True, help="Only deals from AI-related stories.")
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
@click.option("--watch", is_flag=True,
              help="Print new deals and status changes as they appear (--min-usd, --ai-only).")
@click.option("--poll-seconds", type=click.FloatRange(0.05), default=5.0, hidden=True)
@click.pass_context
@friendly
def deals(ctx, since, min_usd, types, statuses, company, ai_only, limit, fmt, watch,
          poll_seconds):
    """List deals, most recently reported first.

    Example: newsmon deals --since 30d --min-usd 1e9 --company Anthropic
    """
    if watch:
        from newsmon.watch import watch_from_cli

        watch_from_cli(ctx, min_usd, ai_only, fmt == "json", poll_seconds)
        return
    from storage.deals import deal_to_dict, query_deals

    _, factory = open_db(ctx)
    with transaction(factory) as session:
        rows = [deal_to_dict(d) for d in query_deals(
            session, since=since_option(since), min_usd=min_usd, types=types,
            statuses=statuses, company=company, ai_only=ai_only, limit=limit)]
    if fmt == "csv":
        for r in rows:  # one cell each, "Google; Amazon", never a Python list
            for name in ("buyers", "lead_investors", "investors"):
                r[name] = "; ".join(r[name])
    if fmt == "table":
        from newsmon.report import money

        for r in rows:
            r["amount"] = money(r["amount"], r["currency"])
            r["buyers"] = ", ".join(r["buyers"])
    render(rows, ["id", "buyers", "target", "deal_type", "round_stage", "amount",
                  "stake_percent", "status", "mention_count", "languages", "announced_on"],
           fmt, title="deals")


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
             "is_primary": m.is_primary, "confidence": m.confidence, "evidence": m.evidence}
            for m, a in deal_mentions(session, deal_id)
        ]
    if fmt == "json":
        render([dict(info, mentions=mentions)], [], "json")
        return
    from newsmon.report import money

    click.echo(f"deal {info['id']} [{info['deal_key']}]: {', '.join(info['buyers'])} -> "
               f"{info['target']} ({info['deal_type']}, {info['round_stage'] or '-'}, "
               f"{info['status']})")
    click.echo(f"  announced {info['announced_on'] or 'unknown'}"
               f"{' (only cited in passing)' if info['is_context_only'] else ''}; parties: "
               + "; ".join(f"{p['organization']} ({p['role']})" for p in info["parties"]))
    click.echo(f"  amount {money(info['amount'], info['currency']) or '-'}; "
               f"stake {info['stake_percent'] or '-'}; valuation "
               f"{money(info['valuation'], info['valuation_currency']) or '-'}")
    click.echo(f"  seen {info['first_seen_at']} .. {info['last_seen_at']}, "
               f"{info['mention_count']} mention(s), languages {info['languages']}")
    for m in mentions:
        flag = "primary" if m["is_primary"] else "context"
        stake = f", stake {m['stake_percent']:g}%" if m["stake_percent"] else ""
        click.echo(f"\n- [{m['language']}] {m['title']}\n  {m['url']}\n  {flag}, {m['status']}, "
                   f"{money(m['amount'], m['currency']) or 'no amount'}"
                   f"{stake}\n"
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
@click.option("--since", help="Only articles fetched or published in this period, e.g. 30d.")
@click.pass_context
@friendly
def reenrich(ctx, since):
    """Re-run enrichment on stored articles and rebuild their deals, without recrawling.

    Example: newsmon reenrich --since 90d
    """
    from newsmon.reenrich import reenrich_articles

    _, factory = open_db(ctx)
    result = reenrich_articles(factory, since_option(since))
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
