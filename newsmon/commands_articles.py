"""``newsmon articles`` (a list) and ``newsmon article ID|URL`` (one article, whole)."""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import click
from rich.console import Console

from newsmon import terminal
from newsmon.cliutil import UserError, friendly, open_db, since_option
from newsmon.export import FILE_FORMATS, article_columns, article_record, write_rows
from newsmon.languages import LanguageError, language_code
from newsmon.output import Column, render, to_json
from newsmon.params import DURATION, LIMIT
from storage import repo
from storage.db import transaction

ARTICLE_COLUMNS = [
    Column("id", priority=1),
    Column("published", priority=1),
    Column("language", "lang", priority=3),
    Column("source", priority=2, max_width=24),
    Column("title", priority=1, wrap=True, min_width=20),
    Column("url", priority=4),
]


def source_name(feed, url: str | None) -> str:
    """A feed's name when it has one of its own, else the article's host."""
    if feed is not None and feed.name and feed.name != feed.url:
        return feed.name
    return urlsplit(url or "").netloc


def article_row(article, feed=None) -> dict:
    return {
        "id": article.id, "published_at": article.published_at,
        "published_on": article.published_on,
        "published": article.published_on.isoformat() if article.published_on else "",
        "language": article.language, "title": article.title,
        "source": source_name(feed, article.canonical_url), "url": article.canonical_url,
        "authors": article.authors, "word_count": article.word_count,
        "extraction": article.extraction_method, "fetched_at": article.fetched_at,
    }


def checked_language(ctx, session, value: str | None) -> str | None:
    """``--lang`` as an ISO 639-1 code; a usage error lists the codes stored articles carry."""
    if not value:
        return None
    try:
        return language_code(value)
    except LanguageError as exc:
        stored = ", ".join(repo.stored_languages(session)) or "none yet"
        raise click.BadParameter(f"{exc}; languages stored: {stored}", ctx=ctx,
                                 param_hint="'--lang'") from None


@click.command()
@click.option("--since", type=DURATION, metavar="DURATION",
              help="Only articles published in this recent period (the publication instant, "
              "not the day), e.g. 7d, 24h.")
@click.option("--fetched-since", type=DURATION, metavar="DURATION",
              help="Only articles fetched in this recent period.")
@click.option("--lang", help="ISO 639-1 language code, e.g. fr.")
@click.option("--search", help="Words that must all appear in the title or text (literally).")
@click.option("--limit", type=LIMIT, default=100, show_default=True, help="0 for no limit.")
@click.option("--format", "fmt", type=click.Choice(("table", *FILE_FORMATS)), default="table")
@click.option("--with-text", is_flag=True, help="Exports: add each article's text and summary.")
@click.pass_context
@friendly
def articles(ctx, since, fetched_since, lang, search, limit, fmt, with_text):
    """List stored articles, newest published first.

    Example: newsmon articles --since 7d --lang fr --search "Scale AI"
    """
    _, factory = open_db(ctx)
    with transaction(factory) as session:
        lang = checked_language(ctx, session, lang)
        found = repo.query_articles(session, since=since_option(since), language=lang,
                                    search=search, limit=limit,
                                    fetched_since=since_option(fetched_since))
        sources = repo.article_sources(session, [a.id for a in found])
        rows = [article_row(a, sources.get(a.id)) for a in found]
        if fmt in FILE_FORMATS:
            records = [article_record(a, with_text) for a in found]
    if fmt in FILE_FORMATS:
        write_rows(fmt, records, article_columns(with_text), sys.stdout)
        return
    render(rows, ARTICLE_COLUMNS, fmt, title="articles")


def article_document(session, article) -> dict:
    """Everything ``newsmon article`` shows, as plain values."""
    doc = article_row(article)
    doc.pop("published")
    doc.pop("source")
    doc.update(fetched_url=article.url, text=article.text, sources=[
        {"id": f.id, "name": f.name, "url": f.url} for f in repo.article_feeds(session, article.id)
    ], deals=repo.article_deals(session, article.id))
    return doc


@click.command()
@click.argument("key", metavar="ID|URL")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_context
@friendly
def article(ctx, key, fmt):
    """Show one article: title, source, date, language, text and the deals found in it.

    Example: newsmon article 42
    """
    _, factory = open_db(ctx)
    with transaction(factory) as session:
        found = repo.find_article(session, key.strip())
        if found is None:
            raise UserError(f"no article with id or URL {terminal.clean(key)!r}")
        doc = article_document(session, found)
    if fmt == "json":
        click.echo(to_json(doc))
        return
    print_article(doc, Console(highlight=False))


def _published_text(day, instant) -> str:
    """``2025-10-14 (2025-10-15 01:10 UTC)``: the publisher's day, then the instant when the
    UTC day differs; one of them alone when only it is known."""
    if instant is None:
        return day.isoformat() if day is not None else "-"
    utc = instant.strftime("%Y-%m-%d %H:%M UTC")
    if day is None or day == instant.date():
        return utc
    return f"{day.isoformat()} ({utc})"


def print_article(doc: dict, console: Console) -> None:
    from newsmon.report import money, parties_text

    when = _published_text(doc["published_on"], doc["published_at"])
    console.print(terminal.text(f"article {doc['id']}: {doc['title'] or '(no title)'}",
                                style="bold"))
    sources = ", ".join(source_name(None, s["url"]) if s["name"] == s["url"] else s["name"]
                        for s in doc["sources"]) or "-"
    for label, value in (("source", sources), ("url", doc["url"]),
                         ("published", when), ("language", doc["language"] or "-"),
                         ("words", doc["word_count"])):
        console.print(terminal.text(f"  {label:<10} {value}"))
    console.print()
    console.print(terminal.text(doc["text"] or "", multiline=True))
    console.print()
    console.print(terminal.text(f"deals found in it: {len(doc['deals'])}", style="bold"))
    for d in doc["deals"]:
        amount = money(d["amount"], d["currency"]) or "no amount"
        console.print(terminal.text(
            f"  deal {d['deal_id']}: {parties_text(d['buyers'], d['target'], d['seller'], '->')} "
            f"({d['deal_type']}, "
            f"{d['status']}), {amount}; evidence: {d['evidence'] or '-'}"))
