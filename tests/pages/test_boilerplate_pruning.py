"""The one-pass boilerplate pruning leaves exactly the tree the XPath rules leave.

``BOILERPLATE_XPATH`` is the written definition; ``boilerplate_paths`` is what extraction runs.
Each case prunes a copy with both through trafilatura's own ``prune_unwanted_nodes`` and
compares the serialized trees, then checks what went, so a pass that prunes nothing fails.
"""

from __future__ import annotations

import os
from copy import copy
from pathlib import Path

import lxml.html
import pytest
import trafilatura
from lxml import etree
from trafilatura.htmlprocessing import prune_unwanted_nodes

from pages.article import decode_html
from pages.boilerplate import _BOILERPLATE_WORDS, BOILERPLATE_XPATH, boilerplate_paths

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("NEWSMON_SHARED") or REPO.parent / "shared")
PAGES = SHARED / "pages"
TEXT = "Robots sort parcels in the harbour warehouse, the operator said. "
STORY = "<article id='story'>" + f"<p>{TEXT * 3}</p>" * 10 + "</article>"
_OLD = [etree.XPath(expression) for expression in BOILERPLATE_XPATH]


def _pruned(tree, expressions) -> str:
    return etree.tostring(prune_unwanted_nodes(copy(tree), expressions), encoding="unicode")


def kept(html: str) -> set[str]:
    """The ids left after pruning, once both ways pruned the page to the same tree."""
    tree = trafilatura.utils.load_html(html) if html.startswith("<html") else (
        lxml.html.fragment_fromstring(html))
    before = etree.tostring(tree, encoding="unicode")
    new = _pruned(tree, [etree.XPath(path) for path in boilerplate_paths(tree)])
    assert new == _pruned(tree, _OLD)
    assert etree.tostring(tree, encoding="unicode") == before  # the page itself is untouched
    return set(etree.fromstring(new, etree.HTMLParser()).xpath("//@id"))


def page(body: str, attrs: str = "") -> str:
    return f"<html><head><title>t</title></head><body{attrs}>{body}{STORY}</body></html>"


@pytest.mark.parametrize("word", _BOILERPLATE_WORDS)
def test_each_word_in_id_or_class_prunes_a_small_box_in_any_ascii_case(word):
    body = (f"<div id='a' class='x {word.upper()}-y'><p>{TEXT}</p></div>"
            f"<div id='zz-{word}'><p>{TEXT}</p></div>"
            f"<section id='c' class='{word.title()}'><span id='inner'>x</span></section>")
    assert kept(page(body)) == {"story"}


def test_words_spare_article_main_body_and_html_and_non_ascii_case():
    body = ("<main id='m' class='cookie'><article id='a' class='share'><p>x</p></article></main>"
            "<div id='k' class='coo\u212aie'><p>x</p></div>")  # Kelvin sign: not folded by XPath
    assert kept(f"<html class='modal'><body class='popup'>{body}{STORY}</body></html>") == {
        "m", "a", "k", "story"}


def test_boxes_holding_an_article_or_eight_paragraphs_survive():
    body = ("<div id='with-article' class='related-links'><article id='in'><p>x</p></article></div>"
            "<div id='eight' class='newsletter'>" + "<p>x</p>" * 8 + "</div>"
            "<div id='seven' class='newsletter'>" + "<p>x</p>" * 7 + "</div>")
    assert kept(page(body)) == {"with-article", "in", "eight", "story"}


def test_share_boxes_go_only_under_a_fifth_of_the_body_text():
    small, large = f"<p>{TEXT}</p>", f"<p>{TEXT * 8}</p>"
    body = (f"<div id='small' class='social-bar'>{small}</div>"
            f"<div id='large' class='Share-wrap'>{large}</div>"
            f"<div id='long-banner' class='consent'>{large}</div>")
    assert kept(page(body)) == {"large", "story"}
    # No <body> under a root <html> (a fragment): the share rules take nothing at all.
    assert kept(f"<section id='s'><div id='sh' class='share'>{small}</div></section>") == {
        "s", "sh"}


def test_structural_rules():
    body = ("<nav id='n'><a>x</a></nav><nav id='big-nav'>" + "<p>x</p>" * 8 + "</nav>"
            "<aside id='as'><p>x</p></aside>"
            "<article id='art'><p>x</p><footer id='art-foot'>by us</footer></article>"
            "<footer id='page-foot'><p>x</p></footer>"
            "<div id='d' role='dialog'>x</div><div id='nv' role='navigation'>x</div>"
            "<div id='am' aria-modal='true'>x</div>"
            "<div id='case' role='Dialog'>x</div><div id='f' aria-modal='false'>x</div>")
    assert kept(page(body)) == {"big-nav", "art", "art-foot", "case", "f", "story"}


def test_later_rules_see_the_tree_the_earlier_ones_left():
    # The cookie rule (earlier) takes two of the eight paragraphs, so the wrapper is small
    # by the time the "recommended" rule looks at it.
    wrapper = ("<div id='wrapper' class='recommended'>" + "<p>x</p>" * 6
               + "<div id='c' class='cookie'><p>x</p><p>x</p></div></div>")
    assert kept(page(wrapper)) == {"story"}
    # A share box under a fifth of the whole body, but not of what is left once the consent
    # banner (earlier rule) has gone: it stays, as it did with the XPath.
    banner = f"<div id='banner' class='consent'><span>{TEXT * 60}</span></div>"
    share = f"<div id='share' class='share'><span>{TEXT * 10}</span></div>"
    assert kept(page(banner + share)) == {"share", "story"}


def test_nested_boxes_tails_and_an_unremovable_root():
    body = ("<div id='outer' class='newsletter'><div id='inner' class='share'>x</div>tail</div>"
            "<p id='keep'>before <span id='s' class='sharebox'>share</span> after</p>")
    assert kept(page(body)) == {"keep", "story"}
    # The root cannot be removed, the boxes inside it still are; a small body can be.
    assert kept(f"<html role='dialog'><body>{STORY}<nav id='n'>x</nav></body></html>") == {
        "story"}
    assert kept(page("<p id='p'>x</p>", " role='navigation'").replace(STORY, "")) == set()


def _shared_pages() -> list[Path]:
    return (sorted((PAGES / "trafilatura-eval" / "html").iterdir())
            + sorted((PAGES / "article-extraction-benchmark" / "html").glob("*.html")))


@pytest.mark.skipif(not PAGES.is_dir() and not os.environ.get("CI"),
                    reason="../shared/pages is not beside the repository")
def test_same_tree_as_the_xpath_rules_on_real_pages():
    """Every eighth shared page (the XPath rules are slow: that is why they were replaced; the
    whole set was compared once, 481 of 481 the same, with ``python -m bench.extract_speed``)."""
    files = _shared_pages()[::8]
    assert len(files) >= 60
    compared = pruned = 0
    for file in files:
        tree = trafilatura.utils.load_html(decode_html(file.read_bytes()))
        if tree is None:
            continue
        paths = boilerplate_paths(tree)
        new = _pruned(tree, [etree.XPath(path) for path in paths])
        assert new == _pruned(tree, _OLD), file.name
        compared += 1
        pruned += bool(paths)
    assert compared >= 60
    assert pruned >= compared * 3 // 4  # the rules do take something on most pages


def test_prefixed_tags_comments_and_siblings_keep_the_paths_right():
    body = ("<div id='w'><!-- c --><o:p id='op'>x</o:p><fb:like id='fb' class='share-button'>"
            "x</fb:like><?pi x?><span id='s1'>a</span><span id='s2' class='modal'>b</span>"
            "<span id='s3'>c</span><nav id='n'>d</nav></div>")
    assert kept(page(body)) == {"w", "op", "s1", "s3", "story"}
