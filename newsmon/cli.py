"""The ``newsmon`` command: a thin layer over library calls.

Every command opens the database (brought to the latest schema), calls one function and turns
domain errors into a one-line message. The commands live in ``newsmon/commands_*.py`` and are
registered here, in one place.

Errors are one line on stderr: exit code 2 when Click refuses the command line (Click's
convention for usage errors), 1 when the command cannot do what was asked. A bug still ends in
one line, naming the exception; ``NEWSMON_TRACEBACK=1`` shows the traceback.
"""

from __future__ import annotations

import os
import sys

import click

from newsmon import (
    commands_articles,
    commands_crawl,
    commands_daemon,
    commands_data,
    commands_deals,
    commands_scale,
    commands_serve,
)
from newsmon.cliutil import DB_HELP, UserError
from newsmon.errors import NewsmonError
from newsmon.params import DATABASE
from newsmon.terminal import clean


def _say(message: str) -> None:
    """``Error: message`` as one line on stderr (a driver's multi-line message joined)."""
    lines = [line.strip() for line in clean(message, multiline=True).splitlines()]
    click.echo(f"Error: {' '.join(line for line in lines if line) or 'unknown'}", err=True)


class NewsmonGroup(click.Group):
    """Click's group, with every error reported in one line; any :class:`NewsmonError` a
    command left out (``cliutil.friendly`` turns them per command) becomes a UserError."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except NewsmonError as exc:
            raise UserError(str(exc)) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            _say(exc.format_message() + hint)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            _say(exc.format_message())
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            _say("aborted")
            sys.exit(1)
        except (KeyboardInterrupt, EOFError):
            _say("interrupted")
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - a bug still ends in one line
            if os.environ.get("NEWSMON_TRACEBACK"):
                raise
            _say(f"unexpected {type(exc).__name__}: {exc} (NEWSMON_TRACEBACK=1 shows where)")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=NewsmonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", type=DATABASE, metavar="URL", help=DB_HELP)
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
    commands_articles.articles,
    commands_articles.article,
    commands_data.db,
    commands_deals.deals,
    commands_deals.deal,
    commands_deals.enrich,
    commands_deals.reenrich,
    commands_deals.evaluate,
    commands_scale.worker,
    commands_serve.serve,
    commands_serve.export,
):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
