"""The ``newsmon`` command: a thin layer over library calls.

Every command opens the database (brought to the latest schema), calls one function and turns
domain errors into a one-line message with exit code 1. The commands live in
``newsmon/commands_*.py`` and are registered here, in one place.
"""

from __future__ import annotations

import sys

import click

from newsmon import commands_crawl, commands_daemon, commands_data, commands_deals, commands_scale
from newsmon.cliutil import DB_HELP, UserError
from newsmon.errors import NewsmonError


class NewsmonGroup(click.Group):
    """The command group that turns any :class:`NewsmonError` into a one-line message.

    ``cliutil.friendly`` does the same per command; this catches what a command left out.
    """

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except NewsmonError as exc:
            raise UserError(str(exc)) from None


@click.group(cls=NewsmonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", metavar="URL", help=DB_HELP)
@click.version_option(package_name="newsmon")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """newsmon: crawl tech-news feeds into a queryable database of articles and AI deals.

    Example: newsmon crawl --seeds
    """
    ctx.obj = {"db": db}


for command in (
    commands_crawl.crawl,
    commands_crawl.demo,
    commands_daemon.daemon,
    commands_daemon.status,
    commands_daemon.digest,
    commands_data.feeds,
    commands_data.articles,
    commands_data.db,
    commands_deals.deals,
    commands_deals.deal,
    commands_deals.enrich,
    commands_deals.reenrich,
    commands_deals.evaluate,
    commands_scale.worker,
):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
