"""Every listing command in every export format, on the crawled demo database."""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser
import pytest
from click.testing import CliRunner

from newsmon.cli import main
from newsmon.export import (
    ARTICLE_COLUMNS,
    ARTICLE_TEXT_COLUMNS,
    DEAL_COLUMNS,
    FEED_COLUMNS,
)
from tests.serve.conftest import (
    HOSTILE_FEED,
    HOSTILE_TARGET,
    HOSTILE_TITLE,
    expected_feed,
    query,
)

COMMANDS = {
    "deals": (["deals", "--limit", "0"], DEAL_COLUMNS, "SELECT COUNT(*) FROM deals"),
    "articles": (["articles", "--limit", "0"], ARTICLE_COLUMNS, "SELECT COUNT(*) FROM articles"),
    "articles --with-text": (["articles", "--limit", "0", "--with-text"],
                             ARTICLE_COLUMNS + ARTICLE_TEXT_COLUMNS,
                             "SELECT COUNT(*) FROM articles"),
    "feeds list": (["feeds", "list"], FEED_COLUMNS, "SELECT COUNT(*) FROM feeds"),
}
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")


def run(db, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{db}", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF


@pytest.mark.parametrize("name", COMMANDS)
def test_csv_ndjson_and_json_load_with_the_same_rows(demo_db, name):
    args, columns, count_sql = COMMANDS[name]
    expected = query(demo_db, count_sql)[0][0]
    assert expected > 0
    text = run(demo_db, *args, "--format", "csv")
    assert text.startswith(",".join(columns) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == expected and all(list(r) == list(columns) for r in rows)
    lines = run(demo_db, *args, "--format", "ndjson").splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == expected and all(list(o) == list(columns) for o in objects)
    assert json.loads(run(demo_db, *args, "--format", "json")) == objects
    assert [r["id"] for r in rows] == [str(o["id"]) for o in objects]
    for row, obj in zip(rows, objects, strict=True):
        for column, value in obj.items():
            if isinstance(value, str) and ISO_TIME.match(value):
                assert row[column] == value  # times keep their zone in both
            elif isinstance(value, float | int) and not isinstance(value, bool):
                assert row[column] == str(value) and not row[column].endswith(".0")
            elif isinstance(value, list):
                assert row[column] == "; ".join(value)


def test_deal_csv_values_load_as_numbers_lists_and_zoned_times(demo_db):
    rows = list(csv.DictReader(io.StringIO(run(demo_db, "deals", "--format", "csv"),
                                           newline="")))
    amounts = [r["amount_usd"] for r in rows if r["amount_usd"]]
    assert amounts and all(re.fullmatch(r"\d+(\.\d*[1-9])?", a) for a in amounts)
    assert all(ISO_TIME.match(r["first_seen_at"]) for r in rows)
    several = query(demo_db, "SELECT buyers FROM deals WHERE buyers LIKE '%; %' LIMIT 1")
    if several:
        assert several[0][0] in {r["buyers"] for r in rows}


def test_no_rows_still_give_the_header(demo_db):
    args = ["deals", "--company", "no such company anywhere"]
    assert run(demo_db, *args, "--format", "csv") == ",".join(DEAL_COLUMNS) + "\r\n"
    assert run(demo_db, *args, "--format", "ndjson") == ""
    assert json.loads(run(demo_db, *args, "--format", "json")) == []


def test_formula_cells_are_neutralised_in_csv_only(hostile_db):
    deals = run(hostile_db, "deals", "--limit", "0", "--format", "csv")
    assert "'" + HOSTILE_TARGET in {r["target"] for r in csv.DictReader(io.StringIO(deals))}
    articles = run(hostile_db, "articles", "--limit", "0", "--format", "csv")
    assert "'" + HOSTILE_TITLE in {r["title"] for r in csv.DictReader(io.StringIO(articles))}
    feeds = run(hostile_db, "feeds", "list", "--format", "csv")
    assert "'" + HOSTILE_FEED in {r["name"] for r in csv.DictReader(io.StringIO(feeds))}
    for line in (deals + articles + feeds).splitlines():
        for cell in next(csv.reader([line])) if line else ():
            assert not cell.startswith(("=", "+", "@")), cell
    raw = json.loads(run(hostile_db, "articles", "--limit", "0", "--format", "json"))
    assert HOSTILE_TITLE in {a["title"] for a in raw}


def test_deals_atom_is_valid_with_one_entry_per_event(demo_db):
    events, amounts = expected_feed(demo_db, "d.deal_type = 'investment'")
    assert events
    parsed = feedparser.parse(run(demo_db, "deals", "--format", "atom", "--type", "investment"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    ids = [e.id for e in parsed.entries]
    assert [i for i in ids if ":deal-event/" in i] == events
    assert {i for i in ids if "/amount/" in i} == amounts
    assert all(e.link.startswith("http") for e in parsed.entries)
    company = feedparser.parse(run(demo_db, "deals", "--format", "atom", "--company", "anthropic"))
    assert company.entries and all("Anthropic" in e.title for e in company.entries)
    everything = feedparser.parse(run(demo_db, "deals", "--format", "atom", "--limit", "0"))
    events, amounts = expected_feed(demo_db)
    assert len(everything.entries) == len(events) + len(amounts)
