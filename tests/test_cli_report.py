"""Pure parts of the CLI: failure grouping in the crawl summary, option parsing, terminal text."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newsmon.crawlreport import failure_groups, summary_lines
from newsmon.params import parse_duration, parse_usd
from newsmon.runner import CrawlSummary
from newsmon.terminal import clean, json_safe, markup


def test_summary_groups_failed_feeds_by_reason_with_counts():
    failures = ([{"url": f"http://f{i}.invalid/", "error": "DNS lookup failed: no results for "
                  f"hostname lookup: f{i}.invalid."} for i in range(50)]
                + [{"url": "http://a/", "error": "HTTP 404"}, {"url": "http://b/", "error":
                   "HTTP 404"}, {"url": "http://c/", "error": "timed out: after 30 s"},
                   {"url": "http://d/", "error": "ConnectionRefusedError: Connection was "
                    "refused by other side: 111"}])
    assert failure_groups(failures) == [("DNS lookup failed", 50), ("HTTP 404", 2),
                                        ("connection refused", 1), ("timed out", 1)]
    lines = summary_lines(CrawlSummary(feeds_total=54, feeds_failed=54, failures=failures,
                                       finish_reason="finished"))
    assert "  DNS lookup failed: 50 feeds" in lines and "  timed out: 1 feed" in lines
    assert not any("f7.invalid" in line for line in lines)  # counts, not 50 more lines


@pytest.mark.parametrize("text,seconds", [("7d", 7 * 86400), ("24h", 86400), ("30m", 1800),
                                          ("2w", 14 * 86400), ("3", 3 * 86400)])
def test_durations(text, seconds):
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["99999999d", "soon", "", "-1d"])
def test_bad_durations(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize("text,value", [("1e9", 1e9), ("1B", 1e9), ("500M", 5e8),
                                        ("2.5k", 2500), ("$1.3B", 1.3e9), ("1,5b", 1.5e9),
                                        ("750", 750)])
def test_usd_amounts(text, value):
    assert parse_usd(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["lots", "1X", "-5M", ""])
def test_bad_usd_amounts(text):
    with pytest.raises(ValueError):
        parse_usd(text)


def test_terminal_text_drops_control_sequences_and_escapes_markup():
    hostile = ("[bold]x[/bold] \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ "
               "\x1b[2J\x1b[31mred\x1b[0m \u202eevil\u202c \x9b31m \x07\x00end\r\nnext")
    text = clean(hostile)
    assert text == "[bold]x[/bold] link red evil  end next"
    assert markup(hostile).startswith("\\[bold]x\\[/bold]")
    assert clean("a\r\nb\tc", multiline=True) == "a\nb    c"
    assert json_safe('"\u202e\x9b"') == '"\\u202e\\u009b"'
