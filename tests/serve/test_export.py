"""The export writers on their own: CSV (RFC 4180, injection-safe), JSON, NDJSON, Atom."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta, timezone

import feedparser
import pytest

from newsmon.dealfeed import (
    DealFilter,
    amount_changes,
    amount_entry_id,
    amount_items,
    deal_event_item,
    event_entry_id,
)
from newsmon.export import csv_cell, write_atom, write_csv, write_json, write_ndjson

COLUMNS = ("id", "title", "buyers", "amount", "stake", "published_at", "day", "ai")
ROW = {"id": 7, "title": 'Say "hi", then\nleave', "buyers": ["Google", "Amazon"],
       "amount": 1e9, "stake": 49.5, "published_at": datetime(2025, 6, 11, 6, 5, tzinfo=UTC),
       "day": date(2025, 6, 11), "ai": True, "ignored": "x"}


def test_csv_is_rfc4180_with_plain_values():
    out = io.StringIO(newline="")
    assert write_csv([ROW], COLUMNS, out) == 1
    text = out.getvalue()
    assert text.startswith(",".join(COLUMNS) + "\r\n") and text.endswith("\r\n")
    assert '"Say ""hi"", then\nleave"' in text
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert row == {"id": "7", "title": 'Say "hi", then\nleave', "buyers": "Google; Amazon",
                   "amount": "1000000000", "stake": "49.5",
                   "published_at": "2025-06-11T06:05:00+00:00", "day": "2025-06-11",
                   "ai": "true"}


@pytest.mark.parametrize("writer", [write_csv, write_json, write_ndjson])
def test_zero_rows_keep_the_header_or_are_empty(writer):
    out = io.StringIO()
    assert writer([], COLUMNS, out) == 0
    expected = {write_csv: ",".join(COLUMNS) + "\r\n", write_json: "[]\n", write_ndjson: ""}
    assert out.getvalue() == expected[writer]


@pytest.mark.parametrize("text", ["=1+2", "+33 1 23", "-2+3", "@SUM(A1)", "\tx", "\rx",
                                  '=HYPERLINK("http://evil.example","x")'])
def test_formula_cells_are_neutralised(text):
    out = io.StringIO(newline="")
    write_csv([{"t": text, "l": [text, "ok"]}], ("t", "l"), out)
    row = next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert row["t"] == "'" + text
    assert row["l"] == "'" + text + "; ok"


def test_numbers_and_harmless_text_are_left_alone():
    assert csv_cell(-5) == "-5" and csv_cell(-2.5) == "-2.5" and csv_cell(float("nan")) == ""
    assert csv_cell("a=b") == "a=b" and csv_cell("") == "" and csv_cell(None) == ""
    assert csv_cell(2.75e9) == "2750000000" and csv_cell(0.1) == "0.1"


def test_naive_times_are_utc_and_zones_are_kept():
    assert csv_cell(datetime(2025, 1, 2, 3, 4)) == "2025-01-02T03:04:00+00:00"
    paris = timezone(timedelta(hours=2))
    assert csv_cell(datetime(2025, 1, 2, 3, 4, tzinfo=paris)) == "2025-01-02T03:04:00+02:00"


def test_json_and_ndjson_keep_types_and_text():
    out = io.StringIO()
    write_json([ROW, dict(ROW, id=8, title="=1+2")], COLUMNS, out)
    data = json.loads(out.getvalue())
    assert [set(r) for r in data] == [set(COLUMNS)] * 2
    assert data[0]["amount"] == 1000000000 and isinstance(data[0]["amount"], int)
    assert data[0]["buyers"] == ["Google", "Amazon"] and data[0]["ai"] is True
    assert data[1]["title"] == "=1+2"  # JSON is not a spreadsheet: text stays as stored
    out = io.StringIO()
    write_ndjson([ROW, ROW], COLUMNS, out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and [json.loads(line) for line in lines] == [data[0], data[0]]


def _event(event_id, kind="new", minutes=0):
    return ({"id": event_id, "kind": kind, "old_status": "rumored" if kind == "status" else None,
             "new_status": "completed", "created_at": datetime(2025, 6, 1, tzinfo=UTC)
             + timedelta(minutes=minutes)},
            {"id": 3, "buyers": ["Meta"], "target": "Scale AI <b>&</b>", "deal_type": "investment",
             "amount": 1.5e10, "currency": "USD", "stake_percent": 49.0, "status": "completed",
             "mention_count": 2, "first_seen_at": "2025-06-01T00:00:00+00:00",
             "last_seen_at": "2025-06-02T00:00:00+00:00", "languages": "fr",
             "source_url": "https://news.example/a?x=1&y=2"})


def test_atom_is_valid_with_one_entry_per_event():
    items = [deal_event_item(*_event(2, "status", 5)), deal_event_item(*_event(1))]
    assert [i["entry_id"] for i in items] == [event_entry_id(2), event_entry_id(1)]
    out = io.StringIO()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert write_atom(items, out, feed_id=DealFilter().feed_id(), self_url="http://h/f.atom",
                      now=now) == 2
    parsed = feedparser.parse(out.getvalue())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [e.id for e in parsed.entries] == [event_entry_id(2), event_entry_id(1)]
    first = parsed.entries[0]
    assert first.title == ("Deal update: Meta → Scale AI <b>&</b> (investment, 15B USD, 49%; "
                           "rumored → completed)")
    assert first.link == "https://news.example/a?x=1&y=2"
    assert first.updated == "2025-06-01T00:05:00+00:00"
    assert parsed.feed.updated == "2025-06-01T00:05:00+00:00"


def test_empty_feed_is_valid_and_ids_are_stable():
    out = io.StringIO()
    write_atom([], out, feed_id="tag:x,2026:f", now=datetime(2026, 1, 1, tzinfo=UTC))
    parsed = feedparser.parse(out.getvalue())
    assert not parsed.bozo and parsed.entries == []
    one = DealFilter(types=("merger", "acquisition"), min_usd=1e9).feed_id()
    assert one == DealFilter(types=("acquisition", "merger"), min_usd=1e9, limit=5).feed_id()
    assert one != DealFilter(types=("acquisition",), min_usd=1e9).feed_id()


def test_amount_changes_are_later_different_amounts():
    t = [datetime(2025, 6, d, tzinfo=UTC) for d in range(1, 6)]
    reports = [(1e10, "USD", 1e10, t[0]), (1.002e10, "USD", 1.002e10, t[1]),
               (None, None, None, t[2]), (1.5e10, "USD", 1.5e10, t[3]),
               (1.5e10, "USD", 1.5e10, t[4])]
    assert amount_changes(reports) == [reports[3]]
    late = [(None, None, None, t[0]), (6e8, "EUR", 6.5e8, t[1])]
    assert amount_changes(late) == [late[1]]
    assert amount_changes([(5e8, "USD", 5e8, t[0])]) == []
    _, deal = _event(1)
    [item] = amount_items(deal, reports)
    assert item["entry_id"] == amount_entry_id(3, 1.5e10, "USD") == (
        "tag:newsmon.invalid,2026:deal/3/amount/15000000000USD")
    assert item["title"].startswith("New amount: Meta → Scale AI") and "15B USD" in item["title"]
    assert item["created_at"] == t[3]
