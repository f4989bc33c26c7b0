"""Seed feeds: the shipped seeds/feeds.toml loads, and every kind of bad entry is reported."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feeds.errors import SeedError
from feeds.seeds import DEFAULT_FEEDS_PATH, FeedSpec, dump_feeds_toml, load_feeds_toml


def test_shipped_feeds_file_loads():
    specs = load_feeds_toml(DEFAULT_FEEDS_PATH)
    assert len(specs) >= 30
    languages = {spec.language for spec in specs}
    assert {"en", "fr"} <= languages
    assert sum(spec.language == "fr" for spec in specs) >= 10
    hosts = {urlsplit(spec.url).hostname for spec in specs}
    for expected in ("techcrunch.com", "venturebeat.com", "www.maddyness.com", "news.google.com"):
        assert expected in hosts
    assert any("search" in spec.tags for spec in specs)
    assert all(300 <= spec.interval <= 7 * 86400 for spec in specs)


def test_default_path_points_into_repo():
    assert DEFAULT_FEEDS_PATH.parts[-2:] == ("seeds", "feeds.toml")
    assert DEFAULT_FEEDS_PATH.is_file()


def test_load_converts_minutes_to_seconds(tmp_path):
    path = tmp_path / "feeds.toml"
    path.write_text(
        '[[feed]]\nname = "A"\nurl = "https://a.example.com/feed"\nlanguage = "fr"\n'
        'interval_minutes = 30\ntags = ["ai"]\nactive = false\n'
    )
    assert load_feeds_toml(str(path)) == [
        FeedSpec("A", "https://a.example.com/feed", "fr", 1800, active=False, tags=("ai",))
    ]


BAD = """
[[feed]]
url = "https://ok.example.com/missing-name"
language = "en"
interval_minutes = 30

[[feed]]
name = "No url"
language = "en"
interval_minutes = 30

[[feed]]
name = "FTP"
url = "ftp://files.example.com/feed"
language = "en"
interval_minutes = 30

[[feed]]
name = "Bad language"
url = "https://lang.example.com/feed"
language = "French"
interval_minutes = 30

[[feed]]
name = "Too often"
url = "https://often.example.com/feed"
language = "en"
interval_minutes = 1

[[feed]]
name = "Too rare"
url = "https://rare.example.com/feed"
language = "en"
interval_minutes = 20000

[[feed]]
name = "Not an int"
url = "https://float.example.com/feed"
language = "en"
interval_minutes = 30.5

[[feed]]
name = "Unknown key"
url = "https://key.example.com/feed"
language = "en"
interval_minutes = 30
refresh = "daily"

[[feed]]
name = "Dup"
url = "https://dup.example.com/feed"
language = "en"
interval_minutes = 30

[[feed]]
name = "dup"
url = "https://other.example.com/feed"
language = "en"
interval_minutes = 30

[[feed]]
name = "Same url"
url = "HTTPS://DUP.example.com/feed#x"
language = "en"
interval_minutes = 30
"""


def test_every_bad_entry_is_reported(tmp_path):
    path = tmp_path / "feeds.toml"
    path.write_text(BAD)
    with pytest.raises(SeedError) as info:
        load_feeds_toml(path)
    problems = "\n".join(info.value.problems)
    for expected in (
        "feed #1: missing name",
        "'No url'): missing url",
        "'FTP'): bad url",
        "'Bad language'): language 'French'",
        "'Too often'): interval_minutes 1 is outside",
        "'Too rare'): interval_minutes 20000 is outside",
        "'Not an int'): interval_minutes must be an integer",
        "'Unknown key'): unknown key 'refresh'",
        "duplicate name 'dup'",
        "'Same url': duplicate url",
    ):
        assert expected in problems
    assert len(info.value.problems) == 10
    assert info.value.path == str(path)


@pytest.mark.parametrize(
    "text, problem",
    [("[[feed]\nname=", "not valid TOML"), ("feeds = 1\n", "unknown top-level key 'feeds'"),
     ("feed = 3\n", "array of tables")],
)  # fmt: skip
def test_file_level_problems(tmp_path, text, problem):
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    with pytest.raises(SeedError, match=problem):
        load_feeds_toml(path)


def test_missing_file(tmp_path):
    with pytest.raises(SeedError, match="file not found"):
        load_feeds_toml(tmp_path / "nope.toml")


SPEC = st.builds(
    FeedSpec,
    name=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Z")), min_size=1,
                 max_size=20),
    url=st.integers(0, 10**6).map(lambda i: f"https://feeds{i}.example.com/rss?x=1"),
    language=st.sampled_from(["en", "fr", "de", "und"]),
    interval=st.integers(5, 10080).map(lambda m: m * 60),
    active=st.booleans(),
    tags=st.lists(st.sampled_from(["ai", "m&a", "levée de fonds", "search"]), unique=True,
                  max_size=3).map(tuple),
)  # fmt: skip


@given(st.lists(SPEC, max_size=6, unique_by=(lambda s: s.name.casefold(), lambda s: s.url)))
def test_dump_round_trips(tmp_path_factory, specs):
    path = tmp_path_factory.mktemp("seeds") / "feeds.toml"
    path.write_text(dump_feeds_toml(specs), encoding="utf-8")
    assert load_feeds_toml(path) == specs


def test_shipped_file_round_trips(tmp_path):
    specs = load_feeds_toml(DEFAULT_FEEDS_PATH)
    path = tmp_path / "feeds.toml"
    path.write_text(dump_feeds_toml(specs), encoding="utf-8")
    assert load_feeds_toml(path) == specs


def test_dump_refuses_partial_minutes():
    with pytest.raises(ValueError):
        dump_feeds_toml([FeedSpec("A", "https://a.example.com/", "en", 90)])
