"""Boilerplate pruning never takes the story itself (a wrapper named like a share box)."""

from __future__ import annotations

from datetime import UTC, datetime

from pages.article import EntryInfo, extract_article

FETCHED = datetime(2030, 1, 1, tzinfo=UTC)


def test_a_social_named_wrapper_holding_the_story_is_kept_and_a_real_share_box_is_not():
    story = "".join(f"<p>Neighbours in the old town now help {n} elderly people with their "
                    f"shopping every week, the organisers said on Tuesday.</p>" for n in range(5))
    share = "<div class='share-buttons'><p>Share this story on every network today</p></div>"
    html = (f"<html><body><header><a href='/'>Home</a></header><h1>Neighbours help</h1>"
            f"<div id='socialicons-sticky'>{story}{share}</div>"
            f"<footer><p>Imprint and privacy</p></footer></body></html>")
    out = extract_article(html, "https://x.example/a", "https://x.example/a", EntryInfo(),
                          FETCHED)
    assert out.text.count("elderly people with their shopping") == 5
    assert "Share this story" not in out.text
