"""Issue 16 §3, terminal half: stored text we did not write is printed as text by every command,
in table and JSON output, and ``--search`` wildcards are literal."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from storage.db import open_database, session_factory, transaction
from storage.models import Article, Deal, DealParty, Feed, Organization
from tests.clitools import invoke

#: Rich markup (a hidden link), an OSC 8 hyperlink, a screen clear, colours, an 8-bit CSI,
#: a right-to-left override, a formula cell and LIKE wildcards.
HOSTILE = ("[bold red]Bold claim[/bold red] and [link=http://evil.example]click here[/link] "
           "story [/] \x1b]8;;http://evil.example\x1b\\hidden\x1b]8;;\x1b\\ \x1b[2J\x1b[31mred "
           "\u202eevil\u202c \x9b31m =HYPERLINK(\"http://evil.example\") 100% _x_")
FEED_NAME = "Good [/] feed \x1b[5mblink"
_SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def hostile_db(demo_db):
    """The demo database with hostile text in a title, a text, a feed and a deal."""
    engine = open_database(demo_db)
    try:
        with transaction(session_factory(engine)) as session:
            article = session.scalars(select(Article).order_by(Article.id)).first()
            article.title = HOSTILE
            article.text = f"{HOSTILE}\n\nSecond paragraph \x1b]0;pwned\x07 here."
            feed = session.scalars(select(Feed).order_by(Feed.id)).first()
            feed.name = FEED_NAME
            feed.last_error = HOSTILE
            feed.consecutive_failures = 1
            deal = session.scalars(select(Deal).order_by(Deal.id)).first()
            deal.target = HOSTILE[:290]
            target = session.scalars(
                select(Organization).join(DealParty, DealParty.organization_id == Organization.id)
                .where(DealParty.deal_id == deal.id, DealParty.role == "target")
            ).one()
            target.name = HOSTILE[:290]  # what --company searches
            # every deal this organization takes part in, not only the renamed one
            named = set(session.scalars(
                select(DealParty.deal_id).where(DealParty.organization_id == target.id)))
            ids = {"article": article.id, "deal": deal.id, "named": named}
    finally:
        engine.dispose()
    return demo_db, ids


COMMANDS = [
    ("feeds-list", ["feeds", "list"]),
    ("articles", ["articles", "--limit", "0"]),
    ("article", ["article", "{article}"]),
    ("deals", ["deals", "--limit", "0"]),
    ("deal", ["deal", "{deal}"]),
    ("status", ["status"]),
]


def _args(args, ids):
    return [a.format(**ids) for a in args]


def assert_inert(output: str) -> None:
    """Only Rich's own colour codes may reach the terminal: no links, no other escapes."""
    assert "\x1b]" not in output, "an OSC sequence (e.g. a hidden hyperlink) was printed"
    rest = _SGR.sub("", output)
    assert "\x1b" not in rest and "\x9b" not in rest and "\x07" not in rest
    assert "\u202e" not in output and "\u202c" not in output


@pytest.mark.parametrize("args", [c[1] for c in COMMANDS], ids=[c[0] for c in COMMANDS])
def test_tables_print_stored_text_as_text(hostile_db, args):
    db, ids = hostile_db
    result = invoke(*_args(args, ids), db=db, width=400, env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0, f"{result.stderr}\n{result.exception!r}"
    output = result.stdout
    assert_inert(output)
    plain = _SGR.sub("", output)
    if args[0] != "feeds":
        assert "[link=http://evil.example]click here[/link]" in plain
    if args[0] in ("feeds", "status"):
        assert "Good [/] feed" in plain


@pytest.mark.parametrize("args", [c[1] for c in COMMANDS], ids=[c[0] for c in COMMANDS])
def test_json_keeps_the_text_whole_and_inert(hostile_db, args):
    db, ids = hostile_db
    result = invoke(*_args(args, ids), "--format", "json", db=db)
    assert result.exit_code == 0, f"{result.stderr}\n{result.exception!r}"
    assert_inert(result.stdout)
    texts = list(strings(json.loads(result.stdout)))
    assert any(t.startswith(HOSTILE[:120]) or t == FEED_NAME for t in texts), "text not whole"


def strings(value):
    """Every string inside a JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize("wildcard", ["%", "_"])
def test_search_wildcards_are_literal(hostile_db, wildcard):
    db, ids = hostile_db
    found = json.loads(invoke("articles", "--search", wildcard, "--format", "json",
                              "--limit", "0", db=db).stdout)
    engine = open_database(db)
    try:
        with transaction(session_factory(engine)) as session:
            stored = session.scalars(select(Article)).all()
            having = {a.id for a in stored if wildcard in f"{a.title} {a.text}"}
    finally:
        engine.dispose()
    assert ids["article"] in having and len(having) < len(stored)
    assert {a["id"] for a in found} == having


def test_company_search_wildcards_are_literal(hostile_db):
    db, ids = hostile_db
    found = json.loads(invoke("deals", "--company", "100%", "--format", "json",
                              "--limit", "0", db=db).stdout)
    assert ids["deal"] in ids["named"]
    assert {d["id"] for d in found} == ids["named"]
    assert json.loads(invoke("deals", "--company", "%", "--format", "json", db=db).stdout) == [
        d for d in found]
