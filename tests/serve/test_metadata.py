"""The metadata shipped for ``newsmon serve`` against the schema the migrations build."""

from __future__ import annotations

import sqlite3

import pytest

from newsmon.serve import describe_columns, load_metadata, read_schema
from storage.db import upgrade

DESCRIBED = ("deals", "deal_mentions", "deal_events", "articles", "feeds", "article_feeds",
             "organizations", "deal_parties", "deal_summary", "deal_parties_view",
             "organization_deals", "investor_activity", "funding_by_month")
HIDDEN = ("daemon_state", "event_deliveries", "webhooks", "alembic_version")


@pytest.fixture(scope="module")
def schema_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "head.db"
    upgrade(f"sqlite:///{path}")
    return path


def test_every_column_of_every_shown_table_is_described(schema_db):
    schema = read_schema(schema_db)
    tables = describe_columns(load_metadata(), schema)["databases"]["newsmon"]["tables"]
    assert set(DESCRIBED) <= set(schema) and set(DESCRIBED) <= set(tables)
    for name in HIDDEN:
        assert tables[name]["hidden"] is True
    for name, spec in tables.items():
        if name in schema and not spec.get("hidden"):
            assert spec.get("description"), name
            missing = [c for c in schema[name] if not spec["columns"].get(c)]
            assert missing == [], name
    words = tables["deals"]["columns"]
    for column in ("deal_type", "status", "round_stage", "announced_on", "amount_usd"):
        assert len(words[column]) > 20, column
    for column in ("is_primary", "confidence", "evidence"):
        assert len(tables["deal_mentions"]["columns"][column]) > 20, column


def test_every_canned_query_and_chart_runs_on_the_schema(schema_db):
    metadata = load_metadata()
    conn = sqlite3.connect(schema_db)
    queries = metadata["databases"]["newsmon"]["queries"]
    assert len(queries) == 7
    for name, query in queries.items():
        params = {p: "" for p in ("since", "name", "type", "deal_id", "feed")
                  if f":{p}" in query["sql"]}
        assert params or name == "rumours_confirmed", name
        conn.execute(query["sql"], params).fetchall()
    charts = metadata["plugins"]["datasette-dashboards"]["deals"]["charts"]
    assert len(charts) == 4
    for chart in charts.values():
        conn.execute(chart["query"]).fetchall()
        assert chart["display"]["usermeta"]["embedOptions"]["renderer"] == "svg"
    conn.close()
