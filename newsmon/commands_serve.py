"""``newsmon serve`` (Datasette) and ``newsmon export sqlite`` (a read-only copy to serve)."""

from __future__ import annotations

from pathlib import Path

import click

from newsmon.cliutil import UserError, database_url, friendly, open_db


@click.command()
@click.option("--db", "db", metavar="URL_OR_PATH",
              help="SQLite file or URL to serve (default: the global --db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback turns arbitrary SQL off.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port (0 picks a free one; the URL is printed).")
@click.option("--allow-sql", is_flag=True,
              help="Allow arbitrary SQL queries on a non-loopback address too.")
@click.option("--immutable", is_flag=True,
              help="The file never changes while served (an exported copy): faster counts.")
@click.pass_context
@friendly
def serve(ctx, db, host, port, allow_sql, immutable):
    """Browse, chart and subscribe to the database in a web browser (Datasette, read-only).

    Example: newsmon serve --db newsmon-demo.db
    """
    from newsmon.serve import ServeOptions, serve, sqlite_path

    path = sqlite_path(db or database_url(ctx))
    serve(ServeOptions(path=path, host=host, port=port, allow_sql=allow_sql,
                       immutable=immutable), echo=lambda line: click.echo(line))


@click.group()
def export():
    """Export the database in other shapes.

    Example: newsmon --db postgresql+psycopg://postgres@127.0.0.1/newsmon export sqlite copy.db
    """


@export.command("sqlite")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@click.pass_context
@friendly
def export_sqlite(ctx, path, force):
    """A consistent read-only SQLite copy of the feed, article and deal tables.

    Example: newsmon export sqlite newsmon-copy.db && newsmon serve --db newsmon-copy.db --immutable
    """
    from newsmon.export import export_sqlite as run

    if path.exists() and not force:
        raise UserError(f"{path} exists (use --force to replace it)")
    _, factory = open_db(ctx)
    counts = run(factory, path)
    click.echo(f"wrote {path} (read-only): " + ", ".join(f"{n} {t}" for t, n in counts.items()))
