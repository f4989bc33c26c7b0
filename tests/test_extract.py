"""Extraction: dates with time of day, fallbacks, boilerplate, and quality against trafilatura."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trafilatura

from pages.article import EntryInfo, choose_published, extract_article
from pages.pubdate import PageDate

FETCHED = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
#: ``../shared`` beside the clone (as in CI); NEWSMON_SHARED points elsewhere (a worktree).
SHARED = Path(os.environ.get("NEWSMON_SHARED") or Path(__file__).resolve().parents[2] / "shared")
PAGES = SHARED / "pages" / "article-extraction-benchmark"


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    return f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>"


STORY = "<article><h1>Robots sort parcels</h1>" + (
    "<p>A warehouse near the harbour now uses robots that learn to sort parcels by size, "
    "weight and destination, its operator said on Monday.</p>" * 6) + "</article>"


def test_page_time_of_day_wins_over_feed_and_trafilatura_day():
    html = page("<meta property='article:published_time' content='2026-10-30T09:15:00+02:00'>",
                STORY)
    entry = EntryInfo(published=datetime(2026, 10, 30, 18, 0, tzinfo=UTC))
    out = extract_article(html, "http://s/a", "http://s/a", entry, FETCHED)
    assert out.published_at == datetime(2026, 10, 30, 7, 15, tzinfo=UTC)


def day_only(day: datetime, source: str = "url") -> PageDate:
    return PageDate(day, False, source, day.date().isoformat())


def test_feed_time_used_when_page_gives_only_the_day():
    feed = datetime(2026, 10, 30, 18, 5, tzinfo=UTC)
    assert choose_published(day_only(datetime(2026, 10, 30, tzinfo=UTC)), feed, FETCHED) == feed
    assert choose_published(day_only(datetime(2026, 10, 29, tzinfo=UTC)), feed,
                            FETCHED) == datetime(2026, 10, 29, tzinfo=UTC)


def test_feed_date_beats_a_page_date_that_is_not_firm():
    feed = datetime(2026, 10, 30, 18, 5, tzinfo=UTC)
    for source in ("modified meta article:modified_time", "dateline", "generic meta date"):
        weak = PageDate(datetime(2026, 11, 1, 9, tzinfo=UTC), True, source, "")
        assert choose_published(weak, feed, FETCHED) == feed
        assert choose_published(weak, None, FETCHED) == weak.when
    firm = PageDate(datetime(2026, 11, 1, 9, tzinfo=UTC), True, "meta article:published_time", "")
    assert choose_published(firm, feed, FETCHED) == firm.when


def test_dates_never_later_than_fetch():
    future = datetime(2030, 1, 1, tzinfo=UTC)
    assert choose_published(PageDate(future, True, "time", ""), None, FETCHED) == FETCHED
    assert choose_published(None, future, FETCHED) == FETCHED


def test_feed_content_fallback_is_marked():
    entry = EntryInfo(title="Feed title", content="<p>" + "Long feed body words. " * 40 + "</p>")
    out = extract_article(page(body="<div>tiny</div>"), "http://s/b", "http://s/b", entry,
                          FETCHED)
    assert out.extraction_method == "feed_content"
    assert out.text.startswith("Long feed body words.")
    assert out.title == "Feed title"


def test_short_text_language_from_html_lang():
    html = page(body="<article><p>Kurz: Start-up X sammelt Geld ein.</p></article>", lang="de")
    out = extract_article(html, "http://s/c", "http://s/c", EntryInfo(), FETCHED)
    assert out.language == "de"


def test_control_characters_and_nul_removed():
    html = page(body="<article><p>" + "Clean text\x00 with\x07 controls. " * 20 + "</p></article>")
    out = extract_article(html, "http://s/d", "http://s/d", EntryInfo(), FETCHED)
    assert "\x00" not in out.text and "\x07" not in out.text
    assert "Clean text with controls." in out.text


def test_same_site_canonical_only():
    head = "<link rel='canonical' href='http://other.example/x'>"
    out = extract_article(page(head, STORY), "http://s/e?a=1", "http://s/e?a=1", EntryInfo(),
                          FETCHED)
    assert out.canonical_url == "http://s/e?a=1"
    head = "<link rel='Canonical' href='/story/e'>"
    out = extract_article(page(head, STORY), "http://s/e?a=1", "http://s/e?a=1", EntryInfo(),
                          FETCHED)
    assert out.canonical_url == "http://s/story/e"


def _tokens(text):
    return Counter(re.findall(r"\w+", (text or "").lower()))


def _f1(pred, gold):
    p, g = _tokens(pred), _tokens(gold)
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/pages is not beside the repository")
def test_quality_matches_trafilatura_alone_on_real_pages():
    truth = json.loads((PAGES / "ground-truth.json").read_text())
    ours, theirs, regressions = [], [], []
    for digest, item in truth.items():
        html = (PAGES / "html" / f"{digest}.html").read_bytes()
        plain = trafilatura.bare_extraction(html.decode("utf-8", "replace"),
                                            include_comments=False, with_metadata=True)
        got = extract_article(html, item["url"], item["url"], EntryInfo(), FETCHED)
        a, b = _f1(plain.text if plain else "", item["articleBody"]), _f1(got.text,
                                                                          item["articleBody"])
        theirs.append(a)
        ours.append(b)
        if b < a - 0.1:
            regressions.append(digest[:8])
    mean_ours, mean_theirs = sum(ours) / len(ours), sum(theirs) / len(theirs)
    print(f"token F1 over {len(ours)} pages: "
          f"newsmon {mean_ours:.4f}, trafilatura {mean_theirs:.4f}")
    assert mean_ours >= mean_theirs - 0.01
    assert len(regressions) <= 2, regressions


def test_subscription_boxes_inside_the_article_are_pruned():
    paragraphs = [f"<p>Robot number {n} in the harbour warehouse learns to sort parcels by size, "
                  f"weight and destination, its operator said on day {n}.</p>" for n in range(6)]
    box = ("<div class='subscribe-box'><p>Subscribe to our Morning Byte briefing for only one "
           "euro per month today.</p></div>")
    html = page(body="<article><h1>Robots sort parcels</h1>" + "".join(paragraphs[:3]) + box
                + "".join(paragraphs[3:]) + "</article>")
    plain = trafilatura.bare_extraction(html, include_comments=False).text
    assert "Subscribe to our Morning Byte" in plain  # trafilatura alone keeps it
    out = extract_article(html, "http://s/f", "http://s/f", EntryInfo(), FETCHED)
    assert "Subscribe to our Morning Byte" not in out.text
    assert out.text.count("sort parcels by size") == 6
    assert "Robot number 5" in out.text


def test_a_page_becomes_a_frozen_record_that_crosses_processes_and_is_stored(factory):
    import dataclasses
    import pickle

    from pages.article import ExtractedArticle
    from pages.process import process_page
    from storage import repo
    from storage.db import transaction
    from storage.models import Article

    article, analysis = process_page(page(body=STORY).encode(), "http://s/g", "http://s/g",
                                     EntryInfo(), FETCHED)
    assert isinstance(article, ExtractedArticle)
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "changed"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(article)) == article  # what the worker pool sends back
    with transaction(factory) as session:
        article_id, created = repo.store_article(session, article)
    with transaction(factory) as session:
        stored = session.get(Article, article_id)
        assert created and stored.title == "Robots sort parcels"
        assert stored.word_count == article.word_count and stored.fetched_at == FETCHED
