"""``newsmon serve``: Datasette on a newsmon SQLite database, read-only, on 127.0.0.1 by default.

The database is opened ``mode=ro`` (SQLite's read-only mode, which keeps reading consistent
pages while a crawl writes in WAL mode) or, for a copy that never changes, ``immutable``.
Datasette gets the metadata shipped in this package (``newsmon/datasette/metadata.yaml``), the
charting plugin ``datasette-dashboards`` and newsmon's own plugin (Atom feed, SQL guard); every
other Datasette plugin installed next to it is switched off, so nothing can write.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from newsmon.errors import NewsmonError

DATABASE_NAME = "newsmon"
#: Tables and views whose columns mean what the same columns of ``deals`` mean.
DEAL_VIEWS = frozenset({"deal_summary", "deal_mentions", "deal_parties_view", "organization_deals",
                        "investor_activity", "funding_by_month"})
#: Plugins ``serve`` keeps (besides Datasette's own): charts and what they need to render.
ALLOWED_PLUGINS = ("datasette_dashboards", "datasette_leaflet", "datasette_render_markdown")
SETTINGS = {
    "allow_download": False,   # the file holds webhook URLs, which are secrets
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 400,
    "suggest_facets": False,   # the facets worth having are set in the metadata
}
POSTGRES_HINT = ("Datasette reads SQLite only: make a read-only copy with "
                 "`newsmon --db URL export sqlite PATH`, then run `newsmon serve --db PATH`")


class ServeError(NewsmonError):
    """Why ``serve`` cannot start, in one line."""


@dataclass(frozen=True)
class ServeOptions:
    path: Path
    host: str = "127.0.0.1"
    port: int = 8001
    allow_sql: bool = False
    immutable: bool = False


def sqlite_path(url: str) -> Path:
    """The SQLite file to serve, from a URL or a path; a clear error for anything else."""
    from storage.db import make_url_path, normalize_url

    if normalize_url(url).split(":", 1)[0].startswith("postgres"):
        raise ServeError(POSTGRES_HINT)
    path = make_url_path(url)
    if path is None:
        raise ServeError(f"cannot serve {url!r}: " + POSTGRES_HINT)
    if not Path(path).is_file():
        raise ServeError(f"no database file at {path} (run `newsmon demo` or `newsmon crawl`)")
    return Path(path)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _package_yaml(name: str) -> dict:
    return yaml.safe_load(resources.files("newsmon.datasette").joinpath(name).read_text("utf-8"))


def load_metadata() -> dict:
    """The Datasette metadata shipped in the package."""
    return _package_yaml("metadata.yaml")


def read_schema(path: Path) -> dict[str, list[str]]:
    """Every table and view of the SQLite file with its columns, read without writing."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        return {n: [r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}
    finally:
        conn.close()


def describe_columns(metadata: dict, schema: dict[str, list[str]]) -> dict:
    """Fill the undescribed columns of the described tables: the table's own words first, then
    (for the deal tables and views) those of the same column of ``deals``, then the shared ones
    (``columns.yaml``)."""
    tables = metadata["databases"][DATABASE_NAME]["tables"]
    shared = _package_yaml("columns.yaml")
    deal_words = tables["deals"].get("columns") or {}
    for table, spec in tables.items():
        if spec.get("hidden") or table not in schema:
            continue
        words = spec.setdefault("columns", {})
        inherited = deal_words if table in DEAL_VIEWS else {}
        for column in schema[table]:
            text = words.get(column) or inherited.get(column) or shared.get(column)
            if text:
                words[column] = text
    return metadata


def disable_foreign_plugins() -> list[str]:
    """Unregister every Datasette plugin that is neither Datasette's own nor allowed."""
    from datasette.plugins import DEFAULT_PLUGINS, pm

    removed = []
    for name, plugin in list(pm.list_name_plugin()):
        module = getattr(plugin, "__name__", "").split(".")[0]
        if name in DEFAULT_PLUGINS or module in ALLOWED_PLUGINS or name == DATABASE_NAME:
            continue
        pm.unregister(plugin)
        removed.append(module or name)
    return removed


def build_datasette(options: ServeOptions):
    """A Datasette app object for ``options`` with newsmon's metadata and plugin."""
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    from newsmon.datasette import NewsmonPlugin, chart_queries
    from storage.db import session_factory
    from storage.snapshot import read_only_engine

    metadata = describe_columns(load_metadata(), read_schema(options.path))
    if pm.get_plugin(DATABASE_NAME) is not None:
        pm.unregister(name=DATABASE_NAME)
    engine = read_only_engine(options.path, options.immutable)
    pm.register(NewsmonPlugin(session_factory(engine), options.allow_sql
                              or is_loopback(options.host), chart_queries(metadata)),
                name=DATABASE_NAME)
    ds = Datasette(metadata=metadata, settings=SETTINGS)
    ds.remove_database("_memory")
    ds.add_database(Database(ds, path=str(options.path), is_mutable=not options.immutable),
                    name=DATABASE_NAME)
    asyncio.run(ds.invoke_startup())
    return ds


def head_revision() -> str:
    """The newest schema revision this newsmon knows."""
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() or ""


def check_schema(path: Path) -> None:
    """Refuse a file that is not a newsmon database at the current schema, before starting."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            version = (conn.execute("SELECT version_num FROM alembic_version").fetchone()
                       if "alembic_version" in names else None)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ServeError(f"cannot read {path}: {exc}") from None
    if not {"deals", "articles"} <= names:
        raise ServeError(f"{path} is not a newsmon database (no deals or articles table)")
    head = head_revision()
    if version is None or version[0] != head:
        found = version[0] if version else "none"
        raise ServeError(f"{path} has schema revision {found}, this newsmon serves {head}: "
                         f"run `newsmon --db {path} db upgrade` first")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0 picks a free one), so the printed URL is the real one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(options: ServeOptions, echo=print) -> None:
    """Run Datasette until interrupted; ``echo`` gets the URL and what is on or off."""
    import uvicorn

    check_schema(options.path)
    removed = disable_foreign_plugins()
    ds = build_datasette(options)
    sock = bind(options.host, options.port)
    sql = options.allow_sql or is_loopback(options.host)
    echo(f"newsmon serve: {url_of(sock)}  ({options.path}, read-only"
         f"{', immutable' if options.immutable else ''}; "
         f"{'SQL queries allowed' if sql else 'arbitrary SQL off (--allow-sql to allow)'})")
    if removed:
        echo(f"newsmon serve: Datasette plugins switched off: {', '.join(sorted(removed))}")
    config = uvicorn.Config(ds.app(), log_level="warning", lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])
