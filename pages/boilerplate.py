"""Containers that are never the article, found in one pass before trafilatura reads the page.

The rules are written out as XPath in ``BOILERPLATE_XPATH``: that list is the definition, and
trafilatura's ``prune_unwanted_nodes`` applied to it is what the page used to go through. Run
as XPath, each rule scans the whole tree with ``translate()``/``concat()`` on every element and
the share/social rules measure the body's text again for every candidate, which cost more than
the rest of the extraction together. ``boilerplate_paths`` selects the same elements: one
pass sorts the elements with an id, class, role or a nav/aside/footer tag into the rules their
tag and attributes fit (a substring test in Python), then the rules run in
their order on a copy of the tree, where only those candidates have their paragraphs, articles
and text measured (the removals of an earlier rule change what a later one sees, exactly as
when the XPath list is applied in turn). The answer is one positional path per removed
container, for trafilatura's ``prune_xpath``: it prunes its own copy, after reading the
metadata from the whole page, as before.
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree
from trafilatura.xml import delete_element

#: Containers that are never the article: consent banners, newsletter boxes, related links,
#: navigation, dialogs. Matched on id/class substrings or structure, and only when they hold
#: no <article> and few paragraphs, so a wrapper whose class merely mentions them survives.
_BOILERPLATE_WORDS = (
    "cookie", "consent", "cmp-", "gdpr", "didomi", "onetrust", "newsletter", "related-",
    "paywall", "subscribe", "signup", "sign-up", "share", "social", "outbrain", "taboola",
    "most-read", "mostread", "trending", "recommended", "popup", "modal", "breadcrumb",
)
_SMALL = "[not(.//article)][count(.//p) < 8]"
#: Share and social boxes must also hold less than a fifth of the page's text: themes wrap the
#: whole story in a "socialicons-sticky" div (a consent banner may be long and still go).
_SHARE_WORDS = frozenset({"share", "social"})
_MINOR = "[string-length(normalize-space(.)) < 0.2 * string-length(normalize-space(/html/body))]"
_LOWER_ID_CLASS = (
    "translate(concat(' ', @id, ' ', @class), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    "'abcdefghijklmnopqrstuvwxyz')"
)
#: The rules, in the order they apply. ``boilerplate_paths`` must select what these select.
BOILERPLATE_XPATH = [
    f"//*[not(self::article or self::main or self::body or self::html)]"
    f"[contains({_LOWER_ID_CLASS}, '{word}')]{_SMALL}{_MINOR if word in _SHARE_WORDS else ''}"
    for word in _BOILERPLATE_WORDS
] + [
    f"//nav{_SMALL}",
    f"//aside{_SMALL}",
    f"//footer[not(ancestor::article)]{_SMALL}",
    f"//*[@role='dialog' or @role='navigation' or @aria-modal='true']{_SMALL}",
]

#: Rule numbers (positions in ``BOILERPLATE_XPATH``) of the structural rules.
_NAV, _ASIDE, _FOOTER, _ROLE = range(len(_BOILERPLATE_WORDS), len(BOILERPLATE_XPATH))
_TAG_RULES = {"nav": _NAV, "aside": _ASIDE, "footer": _FOOTER}
#: The word rules never take these elements.
_WORD_EXEMPT = frozenset({"article", "main", "body", "html"})
_MINOR_RULES = frozenset(i for i, w in enumerate(_BOILERPLATE_WORDS) if w in _SHARE_WORDS)
#: Any word at all, to pass over most id/class values with one search.
_ANY_WORD = re.compile("|".join(re.escape(word) for word in _BOILERPLATE_WORDS))
#: XPath's ``translate()`` above folds ASCII letters only (``str.lower`` would fold more).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ROLES = frozenset({"dialog", "navigation"})

#: The parts of the rules that depend on what is left of the tree, for candidates only.
_SMALL_NOW = etree.XPath("not(.//article) and count(.//p) < 8")
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")
_BODY_LENGTH = etree.XPath("string-length(normalize-space(/html/body))")
#: Every element some rule could take: the rest cannot fit any (no id, class, role...).
_MAYBE = etree.XPath(
    "//*[@id or @class or @role or @aria-modal or self::nav or self::aside or self::footer]"
)


def boilerplate_paths(tree) -> list[str]:
    """Paths (``/*[1]/*[2]/*[5]``, from the root of ``tree``) of the containers the rules of
    ``BOILERPLATE_XPATH`` remove, none inside another, the last in document order first: so
    removing one does not move those still to come.

    Pruning these from a copy of ``tree`` leaves what pruning with ``BOILERPLATE_XPATH`` leaves,
    text and tails included. ``tree`` itself is not changed.
    """
    work = deepcopy(tree)
    by_rule, positions = _candidates(work)
    if not by_rule:
        return []
    paths = _paths(positions)
    removed = []
    body_length: float | None = None
    for rule in sorted(by_rule):
        # Like the XPath: every candidate is judged on the tree as the earlier rules left it,
        # then the rule's choices go together.
        selected = [el for el in by_rule[rule] if _attached(el, work) and _SMALL_NOW(el)]
        if rule in _MINOR_RULES and selected:
            if body_length is None:
                body_length = _BODY_LENGTH(work)
            selected = [el for el in selected if _TEXT_LENGTH(el) < 0.2 * body_length]
        for el in selected:
            if el.getparent() is not None and _attached(el, work):
                removed.append(el)
                body_length = None
            delete_element(el)
    outermost: list[str] = []
    for el in sorted(removed, key=positions.__getitem__):
        if not outermost or not paths[el].startswith(outermost[-1] + "/"):
            outermost.append(paths[el])
    return outermost[::-1]


def _candidates(root) -> tuple[dict[int, list], dict]:
    """Elements by the rules their tag and attributes fit, in document order; and the place
    of each among them, in document order."""
    by_rule: dict[int, list] = {}
    positions = {}
    for position, el in enumerate(_MAYBE(root)):
        tag, attrib = el.tag, el.attrib
        rule = _TAG_RULES.get(tag)
        if rule is not None and (rule != _FOOTER or _outside_article(el)):
            by_rule.setdefault(rule, []).append(el)
            positions[el] = position
        if attrib.get("role") in _ROLES or attrib.get("aria-modal") == "true":
            by_rule.setdefault(_ROLE, []).append(el)
            positions[el] = position
        if tag in _WORD_EXEMPT:
            continue
        key = f" {attrib.get('id', '')} {attrib.get('class', '')}".translate(_ASCII_LOWER)
        if _ANY_WORD.search(key) is None:
            continue
        for rule, word in enumerate(_BOILERPLATE_WORDS):
            if word in key:
                by_rule.setdefault(rule, []).append(el)
                positions[el] = position
    return by_rule, positions


def _paths(elements) -> dict:
    """``/*[1]/*[4]/*[2]`` for each element: its place among element siblings, level by level
    (positional, so any tag name will do)."""
    paths: dict = {}
    places: dict = {}

    def path(el) -> str:
        known = paths.get(el)
        if known is not None:
            return known
        parent = el.getparent()
        if parent is None:
            paths[el] = "/*[1]"
            return "/*[1]"
        if parent not in places:
            children = [child for child in parent if isinstance(child.tag, str)]
            places[parent] = {child: n for n, child in enumerate(children, 1)}
        paths[el] = found = f"{path(parent)}/*[{places[parent][el]}]"
        return found

    return {el: path(el) for el in elements}


def _attached(el, root) -> bool:
    """Whether ``el`` is still in the tree under ``root`` (not removed with an ancestor)."""
    parent = el.getparent()
    while parent is not None:
        el, parent = parent, parent.getparent()
    return el is root


def _outside_article(el) -> bool:
    return next(el.iterancestors("article"), None) is None
