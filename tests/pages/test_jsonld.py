"""One reading of a page's JSON-LD for headlines and dates: typed and untyped scripts, wrappers
pages put around them, and scripts that do not parse or nest too deep are skipped, not fatal."""

from __future__ import annotations

import trafilatura

from pages.headline import choose_headline
from pages.pubdate import page_date

DEEP = "[" * 100_000 + "]" * 100_000
ARTICLE = ('{"@context": "https://schema.org", "@type": "NewsArticle", '
           '"headline": "Lumenfold raises seed round", "datePublished": "2025-03-04T09:00:00Z"}')


def tree_of(scripts: str) -> object:
    html = (f"<html><head><title>Home</title>{scripts}</head><body><article>"
            "<p>Text of the story, long enough to be one.</p></article></body></html>")
    return trafilatura.utils.load_html(html)


def test_a_script_nested_too_deep_is_skipped_and_the_next_one_read():
    tree = tree_of(f'<script type="application/ld+json">{DEEP}</script>'
                   f'<script type="application/ld+json">{ARTICLE}</script>')
    found = page_date(tree, "https://news.example/x")
    assert found is not None and found.day.isoformat() == "2025-03-04"
    assert choose_headline(tree, "https://news.example/x") == "Lumenfold raises seed round"


def test_untyped_and_wrapped_scripts_are_read_by_dates_and_headlines_alike():
    for script in (f"<script>{ARTICLE}</script>",
                   f'<script type="application/ld+json">//<![CDATA[\n{ARTICLE}\n//]]></script>'):
        tree = tree_of(script)
        found = page_date(tree, "https://news.example/x")
        assert found is not None and found.day.isoformat() == "2025-03-04", script
        assert choose_headline(tree, "https://news.example/x") == "Lumenfold raises seed round"
