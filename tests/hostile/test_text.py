"""Hostile text: empty and 200,000-word articles, mixed scripts, control characters, SQL-looking
strings and NUL bytes go through the real crawl into each backend and come back unchanged
(NUL and other C0 control characters are stripped by design; trafilatura turns tabs into
spaces and drops invisible direction marks)."""

from __future__ import annotations

import json
import random

import pytest

from storage.models import Article
from testing.sitesrv import Response
from tests.hostile.conftest import FAST, GOOD_TEXT, article_html, assert_bounded, crawl_args, rows

SQL = "Robert'); DROP TABLE articles;-- ' OR '1'='1 /* %_ \\x00 $$ $1 :name ?"
MIXED = ("OpenAI 与 Mistral 在巴黎 — شركة ناشئة تجمع ١٠ ملايين — Стартап привлёк 5 млн — "
         "스타트업 — 🚀🤖 — Zoë Ångström naïve café — \u200fRTL\u200e — e\u0301 combining")
WORDS = 200_000


def huge_article() -> str:
    rng = random.Random(7)
    vocab = ("robot harbour parcel model funding round investor acquisition market chip "
             "cloud startup data training inference").split()
    paragraphs = [" ".join(rng.choice(vocab) for _ in range(100)) + "."
                  for _ in range(WORDS // 100)]
    return article_html("Two hundred thousand words", paragraphs)


@pytest.mark.timeout(150)
def test_hostile_text_is_stored_as_text_and_comes_back_unchanged(site_factory, newsmon, db_url):
    site = site_factory()
    html = "text/html; charset=utf-8"
    pages = {
        "good": article_html("Quayside raises money for harbour robots", GOOD_TEXT),
        "empty": "<!DOCTYPE html><html><head></head><body></body></html>",
        "huge": huge_article(),
        "mixed": article_html(MIXED[:40], [MIXED] + GOOD_TEXT),
        "control": article_html("Bell\x07 and\x1b[31m escape",
                                 ["Tab\tkept, bell\x07 and NUL\x00 and escape\x1b gone."]
                                 + GOOD_TEXT),
        "sql": article_html("", [SQL] + GOOD_TEXT, with_title=False),
    }
    for name, body in pages.items():
        site.add_route(f"/t/{name}", lambda r, body=body: Response(200, body, content_type=html))
    site.add_route("/t/nul*", lambda r: Response(200, pages["good"], content_type=html))
    items = [{"id": name, "url": site.url(f"/t/{name}")} for name in pages]
    items.append({"id": "nul-url", "url": site.url("/t/nul\u0000url"), "title": "NUL in URL"})
    items[-1 - 1].update(title=SQL + "\u0000nul", authors=[{"name": "Mallory\u0000'; --"}],
                     summary="sum\u0000mary")
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Text \u0000 feed",
            "items": items}
    site.set_file("/feeds/text.json", json.dumps(feed), "application/feed+json")
    run = newsmon(*crawl_args(site.url("/feeds/text.json")), db=db_url, settings=FAST).check()
    assert_bounded(run, 60)
    assert "new 7" in run.stdout
    articles = {a.canonical_url.rsplit("/", 1)[1]: a for a in rows(db_url, Article)}

    empty = articles["empty"]
    assert empty.word_count == 0 and empty.text is None and empty.title is None
    assert articles["huge"].word_count == WORDS + len("Two hundred thousand words".split())
    assert articles["huge"].text.count(".") == WORDS // 100
    # Scripts and combining marks survive; trafilatura drops invisible direction marks.
    expected = MIXED.replace("\u200f", "").replace("\u200e", "")
    assert expected in articles["mixed"].text
    control = articles["control"]
    assert "Tab kept, bell and NUL and escape gone." in control.text  # tab -> space
    assert control.title == "Bell and[31m escape"
    sql = articles["sql"]
    assert SQL.replace("\\x00", "\\x00") in sql.text  # backslashes and quotes untouched
    assert sql.title == SQL + "nul"
    assert sql.authors == "Mallory'; --"
    assert articles["nul%00url"].title == "Quayside raises money for harbour robots"
    assert len(rows(db_url, Article)) == 7  # the DROP TABLE is text, nothing else happened
