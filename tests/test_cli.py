"""The CLI as a user meets it: feeds management, articles output, demo, help and README."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from sqlalchemy import select

from feeds.seeds import load_feeds_toml
from newsmon.cli import main
from storage.db import open_database, session_factory, transaction
from storage.models import Feed
from tests.conftest import REPO

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def feeds_in(db_url):
    engine = open_database(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            return {f.url: f for f in session.scalars(select(Feed))}
    finally:
        engine.dispose()


def test_feeds_add_discovers_feeds_from_a_homepage(cli, sample_site, sqlite_url):
    out = cli("feeds", "add", sample_site.url("/"), "--language", "en",
                      "--interval", "30", db=sqlite_url).stdout
    feeds = feeds_in(sqlite_url)
    assert set(feeds) == {sample_site.url(p) for p in
                          ("/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json")}
    assert all(f.interval_seconds == 1800 and f.language == "en" for f in feeds.values())
    assert out.count("added") == 3


def test_feeds_add_a_feed_url_directly_and_remove(cli, sample_site, sqlite_url):
    url = sample_site.url("/feeds/atom.xml")
    cli("feeds", "add", url, "--name", "Relay Atom", db=sqlite_url)
    assert feeds_in(sqlite_url)[url].name == "Relay Atom"
    listing = cli("feeds", "list", "--format", "json", db=sqlite_url).stdout
    assert json.loads(listing)[0]["health"] == "new"
    cli("feeds", "remove", "Relay Atom", db=sqlite_url)
    assert feeds_in(sqlite_url) == {}


def test_feeds_add_rejects_a_page_without_feeds(cli, sample_site, sqlite_url):
    sample_site.set_file("/plain.html", "<html><body><p>No feeds here</p></body></html>",
                         "text/html")
    result = cli("feeds", "add", sample_site.url("/plain.html"), db=sqlite_url,
                         check=False)
    assert result.returncode == 1 and "no feed found" in result.stderr
    assert "Traceback" not in result.stderr


def test_opml_and_toml_round_trip(cli, tmp_path, sqlite_url):
    seeds = REPO / "seeds" / "feeds.toml"
    cli("feeds", "import", str(seeds), db=sqlite_url)
    opml = cli("feeds", "export", "--format", "opml", db=sqlite_url).stdout
    assert opml.lstrip().startswith("<?xml") and "<opml" in opml
    (tmp_path / "feeds.opml").write_text(opml)
    other = f"sqlite:///{tmp_path / 'other.db'}"
    cli("feeds", "import", str(tmp_path / "feeds.opml"), db=other)
    toml_text = cli("feeds", "export", "--format", "toml", db=other).stdout
    (tmp_path / "back.toml").write_text(toml_text)
    original = {(s.url, s.name, s.language, s.interval) for s in load_feeds_toml(seeds)}
    back = {(s.url, s.name, s.language, s.interval)
            for s in load_feeds_toml(tmp_path / "back.toml")}
    assert back == original


def test_import_reports_every_bad_entry(cli, tmp_path, sqlite_url):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[feed]]\nname = "A"\nurl = "ftp://x"\nlanguage = "en"\ninterval_minutes = 30\n'
                   '[[feed]]\nurl = "https://ok.example/feed"\nlanguage = "english"\n'
                   'interval_minutes = 0\n')
    result = cli("feeds", "import", str(bad), db=sqlite_url, check=False)
    assert result.returncode == 1
    assert "ftp://x" in result.stderr and "language" in result.stderr
    assert "Traceback" not in result.stderr


def test_feeds_check_reports_health(cli, sample_site, sqlite_url):
    cli("feeds", "add", sample_site.url("/feeds/rss.xml"), "--no-check", db=sqlite_url)
    cli("feeds", "add", sample_site.url("/feeds/gone.xml"), "--no-check", db=sqlite_url)
    result = cli("feeds", "check", "--format", "json", db=sqlite_url, check=False)
    rows = {r["url"]: r for r in json.loads(result.stdout)}
    good, gone = rows[sample_site.url("/feeds/rss.xml")], rows[sample_site.url("/feeds/gone.xml")]
    assert good["status"] == 200 and good["entries"] >= 5 and good["newest"] and not good["error"]
    assert gone["status"] == 404 and "404" in gone["error"]
    assert result.returncode == 1


def test_articles_filters_and_formats(run_newsmon, cli, sample_site, sqlite_url, sample_expected):
    run_newsmon("crawl", "--feed", sample_site.url("/feeds/rss.xml"),
                "--feed", sample_site.url("/feeds/atom.xml"), *FAST, db=sqlite_url)
    as_json = json.loads(cli("articles", "--format", "json", "--limit", "0",
                                     db=sqlite_url).stdout)
    assert len(as_json) == sample_expected["unique_articles"]
    french = json.loads(cli("articles", "--lang", "fr", "--format", "json",
                                    db=sqlite_url).stdout)
    assert {a["language"] for a in french} == {"fr"} and len(french) == 1
    found = json.loads(cli("articles", "--search", "Run:ai clearance", "--format", "json",
                                   db=sqlite_url).stdout)
    assert [a["title"] for a in found] == [
        "Nvidia completes its acquisition of Run:ai after EU clearance"]
    recent = json.loads(cli("articles", "--since", "7d", "--format", "json",
                                    db=sqlite_url).stdout)
    assert recent == [] or all(a["fetched_at"] for a in recent)
    rows = list(csv.DictReader(io.StringIO(cli("articles", "--format", "csv",
                                                       db=sqlite_url).stdout)))
    assert len(rows) == sample_expected["unique_articles"] and "title" in rows[0]


def test_demo_runs_offline_and_shows_deals(run_newsmon, tmp_path):
    result = run_newsmon("demo", cwd=tmp_path, timeout=60)
    assert (tmp_path / "newsmon-demo.db").exists()
    assert "failed 0" in result.stdout
    assert "new 10" in result.stdout
    assert "Scale AI" in result.stdout


def test_db_upgrade_reports_head(cli, db_url):
    assert "is at head" in cli("db", "upgrade", db=db_url).stdout


def test_every_command_is_in_the_readme_and_has_an_example():
    readme = (REPO / "README.md").read_text()
    names = []
    for name, command in main.commands.items():
        sub = getattr(command, "commands", None)
        names += [f"newsmon {name} {s}" for s in sub] if sub else [f"newsmon {name}"]
        for c in (sub or {name: command}).values():
            assert "Example:" in (c.help or ""), f"{name} {c.name} help has no example"
    missing = [n for n in names if not re.search(re.escape(n) + r"\b", readme)]
    assert missing == []


@pytest.mark.parametrize("args", [["deals", "--min-usd", "lots"], ["deal", "999"]])
def test_deal_commands_fail_cleanly(cli, sqlite_url, args):
    result = cli(*args, db=sqlite_url, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_enrich_jsonl_from_stdin(cli):
    lines = [
        {"id": "a", "title": "Databricks agrees to buy MosaicML for $1.3 billion",
         "text": "Databricks said on Monday it agreed to acquire MosaicML, a generative AI "
                 "startup, for $1.3 billion.", "language": "en"},
        "not json at all",
        {"id": "c", "title": "Weather", "text": "Sunny tomorrow in Lyon."},
    ]
    payload = "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n"
    result = cli("enrich", "-", input=payload)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3
    first = out[0]
    assert first["id"] == "a" and first["deal_story"] and first["ai_related"]
    deal = first["deals"][0]
    assert (deal["buyers"], deal["target"], deal["deal_type"], deal["amount"],
            deal["currency"]) == (["Databricks"], "MosaicML", "acquisition", 1.3e9, "USD")
    assert "error" in out[1]
    assert out[2]["id"] == "c" and out[2]["deals"] == [] and not out[2]["deal_story"]


def test_eval_prints_scores(cli):
    result = cli("eval", "--json")
    scores = json.loads(result.stdout)  # every shipped set, named and described
    assert set(scores) >= {"eval_set.jsonl", "holdout_set.jsonl", "unknown_set.jsonl"}
    assert all(s["set"] and s["deals"]["tp"] > 0 for s in scores.values())
    assert scores["eval_set.jsonl"]["story"]["f1"] >= 0.95
    assert scores["eval_set.jsonl"]["deals"]["f1"] >= 0.90
