"""The page's headings as a reader sees them, for choosing the headline. Pure.

An h1 or h2 is read with its inline elements joined as written (``Frauen im <abbr>THW</abbr>:``)
and its other elements (spans, divs, line breaks) as separate runs, so a kicker marked by its
class (``overline``, ``kicker``, ``dachzeile``…) can be told from the headline. A heading that
is the site's logo (a link to the front page, a ``logo`` / ``site-title`` class) names the
site; one in a hidden, navigational or boxed part of the page (``sr-only``, breadcrumbs,
newsletter and cookie boxes, ``<nav>``, ``<footer>``) is marked ``away``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_EDGE_PUNCTUATION = re.compile(r"^[\s:|·•–—-]+|[\s:|·•–—-]+$")
_WORD = re.compile(r"[^\W\d_]+")
_MAX_HEADINGS = 40
_MAX_LOGO_LINKS = 30
#: Elements that run on inside a line of text: joined to their neighbours as written.
_INLINE = frozenset({"a", "abbr", "b", "bdi", "cite", "code", "em", "font", "i", "mark", "q", "s",
                     "strong", "sub", "sup", "time", "u"})
_SKIPPED = frozenset({"script", "style", "noscript", "template", "button", "svg", "figure"})
#: Class/id words of a kicker (overline) above or before the headline proper.
_KICKER = re.compile(r"kicker|overline|dachzeile|roofline|topline|eyebrow|volanta|antet[ií]tulo|"
                     r"surtitre|supertitle|pretitle|preheadline", re.I)
#: Class/id words of a heading that is the site's logo or name.
_BRAND = re.compile(r"(?<![a-z0-9])(?:[a-z]*logo|brand|branding|site-?title|site-?name|"
                    r"blog-?title|masthead)(?![a-z])", re.I)
#: Class/id words of headings nobody sees as the article's: hidden, navigation, banners, boxes.
_AWAY = re.compile(r"(?<![a-z0-9])(?:sr-only|visually-?hidden|screen-?reader|navskip|skip-?link|"
                   r"aural|hidden|invisible|breadcrumbs?|newsletter|cookies?|consent|modal|"
                   r"popup|nav|navigation|menu|footer|related)(?![a-z])", re.I)
#: Scripts written without spaces between words: Han, kana, Thai.
HAN_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")


@dataclass(frozen=True)
class Heading:
    """An h1 or h2 as the reader sees it."""

    level: int
    text: str
    #: For an h1: its headline after a kicker, or its parts when made of several; else empty.
    parts: tuple[str, ...]
    #: In a hidden, navigational or boxed part of the page: a witness, never a lone headline.
    away: bool
    #: Inside ``<article>`` or ``<main>``, or marked ``itemprop="headline"``.
    central: bool = False


def headings(tree: Any, url: str) -> list[Heading]:
    """The page's h1 and h2 in document order, without the site's logo."""
    found = []
    for node in tree.xpath("//h1 | //h2")[:_MAX_HEADINGS]:
        if _is_brand(node, url):
            continue
        segments = _segments(node)
        text = _joined(segments)
        if not text or len(text) > 300:
            continue
        level = int(node.tag[1])
        found.append(Heading(level, text, _parts(segments, text) if level == 1 else (),
                             _away(node), _central(node)))
    return found


def _parts(segments: list[tuple[str, bool]], text: str) -> tuple[str, ...]:
    if any(marked for _, marked in segments):
        unmarked = _joined([s for s in segments if not s[1]])
        unmarked = unmarked and _EDGE_PUNCTUATION.sub("", unmarked)
        return (unmarked,) if unmarked else ()
    parts = [p for p in (clean_title(s[0]) for s in segments) if p and p != text]
    parts = [p for p in parts if _WORD.search(p)]
    return tuple(parts) if len(parts) >= 2 and all(word_count(p) >= 2 for p in parts) else ()


def brand_names(tree: Any, url: str) -> list[str]:
    """The site's name as its logo gives it: headings that are the logo or link to the front
    page, and the text of an image that links to the front page."""
    found = [node_text(h) for h in tree.xpath("//h1 | //h2")[:12] if _is_brand(h, url)]
    for link in tree.xpath("//a[@href][.//img[@alt]]")[:_MAX_LOGO_LINKS]:
        if _is_front_page(link.get("href"), url):
            found += [clean_title(alt) for alt in link.xpath(".//img/@alt")[:1]]
    return [t for t in found if t]


def _is_brand(heading: Any, url: str) -> bool:
    for node in heading.iterancestors():
        if node.tag in ("article", "main", "body"):
            break
        if _BRAND.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    if _BRAND.search(f"{heading.get('class', '')} {heading.get('id', '')}"):
        return True
    links = heading.xpath(".//a[@href]")
    return (len(links) == 1 and _is_front_page(links[0].get("href"), url)
            and node_text(heading) == node_text(links[0]))


def _is_front_page(href: str, url: str) -> bool:
    target = urlsplit(urljoin(url or "http://localhost/", href.strip()))
    here = (urlsplit(url).hostname or "").removeprefix("www.")
    same = not url or (target.hostname or "").removeprefix("www.") == here
    return same and target.path.rstrip("/") in ("", "/index.html", "/index.php") and not (
        target.fragment)


def _away(heading: Any) -> bool:
    """A heading in a hidden, navigational or boxed part of the page."""
    if heading.get("hidden") is not None or heading.get("aria-hidden") == "true":
        return True
    for node in [heading, *heading.iterancestors()]:
        if node.tag in ("nav", "footer", "aside", "dialog"):
            return True
        if node.tag in ("article", "main", "body"):
            return False
        if _AWAY.search(_block_names(node)):
            return True
    return False


def _central(heading: Any) -> bool:
    return heading.get("itemprop") == "headline" or any(
        node.tag in ("article", "main") for node in heading.iterancestors())


def _block_names(node: Any) -> str:
    """The element's id and class names without BEM modifiers (``header--has-navigation``
    describes a header, it is not a navigation)."""
    classes = (c.split("--")[0] for c in (node.get("class") or "").split())
    return " ".join([node.get("id") or "", *classes])


def _segments(heading: Any) -> list[tuple[str, bool]]:
    """The heading's text in runs: inline elements stay in their run, other elements (spans,
    divs, line breaks) start one; a run whose element is marked as a kicker says so."""
    runs: list[list] = []

    def add(owner: Any, text: str | None) -> None:
        if not text:
            return
        if runs and runs[-1][0] is owner:
            runs[-1][1] += text
        else:
            runs.append([owner, text])

    def owner_of(node: Any) -> Any:
        while node is not heading and node.tag in _INLINE:
            node = node.getparent()
        return node

    def walk(node: Any) -> None:
        add(owner_of(node), node.text)
        for child in node:
            if (isinstance(child.tag, str) and child.tag not in _SKIPPED
                    and child.get("aria-hidden") != "true"):
                if child.tag == "br":
                    runs.append([child, " "])
                else:
                    walk(child)
            add(owner_of(node), child.tail)

    walk(heading)
    return [(text, _marked(owner, heading)) for owner, text in runs if text.strip()]


def _marked(node: Any, heading: Any) -> bool:
    while node is not None and node is not heading:
        if _KICKER.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
        node = node.getparent()
    return False


def _joined(segments: list[tuple[str, bool]]) -> str | None:
    out = ""
    for text, _ in segments:
        if out and not out[-1].isspace() and not text[0].isspace():
            out += " "
        out += text
    return clean_title(out)


def node_text(node: Any) -> str | None:
    return clean_title(" ".join(node.xpath(".//text()[not(ancestor::script)]")))


def word_count(text: str) -> int:
    """Words in ``text``, in scripts written without spaces too: Chinese and Japanese count a
    word for two characters (a headline of twelve such characters is six words), Thai for
    four."""
    dense = len(HAN_KANA.findall(text))
    thai = len(_THAI.findall(text))
    spaced = HAN_KANA.sub(" ", _THAI.sub(" ", text)).split()
    return len(spaced) + (dense + 1) // 2 + (thai + 3) // 4


def clean_title(value: str | None) -> str | None:
    """Soft hyphens and zero-width characters dropped, every kind of space made one space."""
    if not value:
        return None
    return _SPACES.sub(" ", _INVISIBLE.sub("", value)).strip() or None
