"""newsmon's Datasette plugin: the Atom feed of deals and the guard against arbitrary SQL.

It is registered by ``newsmon serve`` on the Datasette it builds (not through an entry point), so
it never changes another Datasette installed next to newsmon.

- ``/-/deals.atom`` serves the feed ``newsmon deals --format atom`` writes, with the same filters
  as query parameters (``min_usd``, ``type``, ``status``, ``company``, ``ai_only``, ``since``,
  ``limit``).
- A deal's ``source_url`` links to the article and to its stored row in ``articles``.
- When ``allow_sql`` is off, any request with a ``sql`` parameter is refused unless its SQL is
  one of the shipped chart queries, and so is ``_where`` (a SQL fragment on table pages).
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Collection
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlencode

import click
from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

#: Query parameters that carry SQL in Datasette 0.65.
SQL_PARAMETERS = ("sql", "_where")
#: Deals listed on the home page.
LATEST_DEALS = 20


def chart_queries(metadata: dict) -> frozenset[str]:
    """The SQL of every chart shipped in the metadata (what the dashboards page asks for)."""
    dashboards = (metadata.get("plugins") or {}).get("datasette-dashboards") or {}
    return frozenset(chart["query"] for board in dashboards.values()
                     for chart in (board.get("charts") or {}).values() if chart.get("query"))


def refused_sql(query_string: bytes, allowed: Collection[str]) -> str | None:
    """The reason a request's SQL is refused, or None when it carries only allowed SQL."""
    params = parse_qs(query_string.decode("latin-1"), keep_blank_values=True)
    for name in SQL_PARAMETERS:
        for value in params.get(name, ()):
            if name == "_where" or value not in allowed:
                return (f"arbitrary SQL ({name}=) is off on this address; "
                        "restart newsmon serve with --allow-sql to allow it")
    return None


def _filter_from(args) -> object:
    from newsmon.cliutil import parse_duration
    from newsmon.dealfeed import DealFilter

    since = args.get("since")
    min_usd = args.get("min_usd")
    return DealFilter(
        since=datetime.now(UTC) - parse_duration(since) if since else None,
        min_usd=float(min_usd) if min_usd else None,
        types=tuple(args.getlist("type")), statuses=tuple(args.getlist("status")),
        company=args.get("company") or None,
        ai_only=args.get("ai_only", "") not in ("", "0", "false"),
        limit=int(args.get("limit") or 100),
    )


class NewsmonPlugin:
    """Hooks bound to one served database (``session_factory`` opens it read-only)."""

    #: Datasette looks for ``static/`` and ``templates/`` in the package of this name.
    __name__ = "newsmon.datasette"

    def __init__(self, session_factory, allow_sql: bool, allowed_sql: Collection[str]):
        self.session_factory = session_factory
        self.allow_sql = allow_sql
        self.allowed_sql = frozenset(allowed_sql)

    def _atom(self, flt, self_url: str) -> str:
        from newsmon.dealfeed import write_deal_feed
        from storage.db import transaction

        out = io.StringIO()
        with transaction(self.session_factory) as session:
            write_deal_feed(session, out, flt, now=datetime.now(UTC), self_url=self_url)
        return out.getvalue()

    async def deals_atom(self, request) -> Response:
        try:
            flt = _filter_from(request.args)
        except (ValueError, click.ClickException) as exc:
            message = exc.format_message() if isinstance(exc, click.ClickException) else exc
            return Response.text(f"bad feed parameter: {message}\n", status=400)
        body = await asyncio.to_thread(self._atom, flt, request.url)
        return Response(body, content_type="application/atom+xml; charset=utf-8")

    def _latest_deals(self, limit: int) -> list[dict]:
        from newsmon.report import money
        from storage.db import transaction
        from storage.deals import deal_to_dict, query_deals

        with transaction(self.session_factory) as session:
            rows = [deal_to_dict(d) for d in query_deals(session, limit=limit)]
        for row in rows:
            row["amount_text"] = money(row["amount"], row["currency"])
            row["usd_text"] = money(row["amount_usd"], "USD") if row["currency"] != "USD" else ""
        return rows

    @hookimpl
    def extra_template_vars(self, view_name, datasette):
        if view_name != "index":
            return None

        async def home():
            queries = datasette.metadata("queries", database="newsmon") or {}
            return {
                "newsmon_deals": await asyncio.to_thread(self._latest_deals, LATEST_DEALS),
                "newsmon_queries": [dict(q, name=name) for name, q in queries.items()],
            }

        return home

    @hookimpl
    def render_cell(self, value, column, database, datasette):
        """A deal's ``source_url``: the article on its site, and its row in ``articles``."""
        if database != "newsmon" or column != "source_url" or not isinstance(value, str):
            return None
        if not value.startswith(("http://", "https://")):
            return None
        stored = datasette.urls.table("newsmon", "articles") + "?" + urlencode(
            {"canonical_url": value})
        return Markup('<a href="{}" rel="nofollow noopener">{}</a> '
                      '(<a href="{}" class="stored-article">stored article</a>)').format(
            value, value, stored)

    @hookimpl
    def register_routes(self):
        return [(r"^/-/deals\.atom$", self.deals_atom)]

    @hookimpl
    def asgi_wrapper(self):
        if self.allow_sql:
            return None
        allowed = self.allowed_sql

        def wrap(app):
            async def guarded(scope, receive, send):
                reason = None
                if scope["type"] == "http":
                    reason = refused_sql(scope.get("query_string", b""), allowed)
                if reason is None:
                    return await app(scope, receive, send)
                await send({"type": "http.response.start", "status": 403,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": reason.encode() + b"\n"})

            return guarded

        return wrap
