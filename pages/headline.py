"""The article's headline from the page's own structure, without the site's name.

Candidates are the JSON-LD ``headline``, ``og:title`` / ``twitter:title``, the ``<h1>``
elements, the ``<title>`` and the feed entry's title. A leading or trailing part of a
candidate (split on `` | ``, `` - ``, `` – ``, `` — ``, `` · ``, `` :: ``, `` » ``) is dropped
when it names the site: ``og:site_name``, the publisher in JSON-LD, the feed's title or the
host. The visible ``<h1>`` wins when it agrees with another candidate (its typography is the
page's own); otherwise the structured candidates are taken in order. Soft hyphens, zero-width
characters and no-break spaces are normalised in the headline only. Pure.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from feeds.dates import month_number, visible_day

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»:/]|::)\s+|\s*｜\s*")
#: Separators written without spaces ("标题_新浪新闻", "Titel|Site"): cut only at a site name.
_TIGHT = re.compile(r"\s*[|｜_–—]\s*")
_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "report",
                  "webpage", "analysisnewsarticle", "opinionnewsarticle", "liveblogposting")
_MAX_H1 = 5
_MAX_HEADINGS = 40
_MAX_LINKS = 1500
_EDGE_PUNCTUATION = re.compile(r"^[\s:|·•–—-]+|[\s:|·•–—-]+$")
_WORD = re.compile(r"[^\W\d_]+")
#: Parts of titles that name no article (blog software defaults).
_GENERIC_NAMES = frozenset({"blogarchive", "blogarchiv", "home", "startseite", "news"})


def clean_title(value: str | None) -> str | None:
    """Soft hyphens and zero-width characters dropped, every kind of space made one space."""
    if not value:
        return None
    return _SPACES.sub(" ", _INVISIBLE.sub("", value)).strip() or None


def comparable(value: str | None) -> str:
    """A title reduced for comparison: case, accents' forms, quotes, dashes and spaces."""
    text = unicodedata.normalize("NFKC", clean_title(value) or "").casefold()
    text = re.sub(r"[\"'„“”‚‘’«»‹›`´]", "", text)
    text = re.sub(r"[‐‑‒–—―-]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _key(value: str | None) -> str:
    return re.sub(r"\W+", "", comparable(value))


def site_names(tree: Any, url: str, extra: Iterable[str | None] = ()) -> set[str]:
    """Keys of the names the site goes by: og:site_name, publisher, feed title, host."""
    names = [*extra, *_meta(tree, "og:site_name", "application-name", "twitter:site")]
    names += [p for p in _json_ld_values(tree, "publisher")]
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host:
        names += [host, host.rsplit(".", 1)[0], host.split(".")[0]]
    keys = {_key(n) for n in names if n} | _GENERIC_NAMES
    return {k for k in keys if len(k) >= 2}


def strip_site_name(title: str | None, names: set[str]) -> str | None:
    """``title`` without a leading/trailing part that names the site (kept if nothing is left)."""
    title = clean_title(title)
    if not title or not names:
        return title
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    while len(parts) > 1 and (size := 1 if _is_date(parts[-1]) else
                              _site_run(parts, seps, names, -1)):
        del parts[-size:], seps[-size:]
    while len(parts) > 1 and (size := _site_run(parts, seps, names, 0)):
        del parts[:size], seps[:size]
    return _strip_tight(_rejoin(parts, seps).strip(), names) or title


def _strip_tight(title: str, names: set[str]) -> str:
    parts, seps = _TIGHT.split(title), _TIGHT.findall(title)
    if len(parts) > 1 and _is_site(parts[-1], names):
        return _rejoin(parts[:-1], seps[:-1]).strip()
    if len(parts) > 1 and _is_site(parts[0], names):
        return _rejoin(parts[1:], seps[1:]).strip()
    return title


def _strip_section(title: str | None, sections: set[str]) -> str | None:
    """``title`` without a leading or trailing part that is the text of a link on the page
    (its section or category, ``… - Eintracht Presse``), when that part is the shorter."""
    if not title or not sections:
        return title
    parts, seps = _SEPARATOR.split(title), _SEPARATOR.findall(title)
    if len(parts) < 2:
        return title
    rest_last, rest_first = _rejoin(parts[:-1], seps[:-1]), _rejoin(parts[1:], seps[1:])
    if _key(parts[-1]) in sections and len(parts[-1]) < len(rest_last):
        return rest_last
    if _key(parts[0]) in sections and len(parts[0]) < len(rest_first):
        return rest_first
    return title


def _link_texts(tree: Any) -> set[str]:
    """Keys of the short link texts on the page (sections, categories, tags)."""
    texts = (_text(a) for a in tree.xpath("//body//a[not(.//img)]")[:_MAX_LINKS])
    return {_key(t) for t in texts if t and len(t.split()) <= 4 and len(_key(t)) >= 3}


def _site_run(parts: list[str], seps: list[str], names: set[str], end: int) -> int:
    """How many parts at ``end`` (0 or -1) name the site: one, or several for a name that
    holds a separator ("Salsa-Figuren - Rueda in Berlin"); at least one part is left."""
    for size in range(len(parts) - 1, 0, -1):
        run = (parts[:size], seps[: size - 1]) if end == 0 else (parts[-size:], seps[1 - size :])
        if (_key(_rejoin(*run)) in names) if size > 1 else _is_site(run[0][0], names):
            return size
    return 0


def _rejoin(parts: list[str], seps: list[str]) -> str:
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        out += sep + part
    return out


def _is_date(part: str) -> bool:
    """A part that is only a date (``28.04.2023``, ``3 March 2022``): the page's, not the news'."""
    words = _WORD.findall(part)
    return visible_day(part) is not None and all(month_number(w) for w in words)


def _is_site(part: str, names: set[str]) -> bool:
    key = _key(part)
    if len(key) < 2:
        return False
    return any(key == n or (len(key) >= 4 and (key in n or n in key) and
                            min(len(key), len(n)) / max(len(key), len(n)) >= 0.5)
               for n in names)


def choose_headline(
    tree: Any, url: str, *, entry_title: str | None = None, feed_title: str | None = None,
    fallback: str | None = None,
) -> str | None:
    """The article's headline (see module doc); ``fallback`` is an extractor's title."""
    if tree is None:
        return clean_title(entry_title) or clean_title(fallback)
    structured = [*_json_ld_headlines(tree), *_meta(tree, "og:title", "twitter:title")]
    names = _plausible_names(site_names(tree, url, (feed_title, *brand_names(tree, url))),
                             structured)
    raw = [*structured, entry_title, " ".join(tree.xpath("//title[1]//text()")[:1])]
    candidates = [c for c in (strip_site_name(r, names) for r in raw if r) if c]
    candidates = _untruncated([c for c in candidates if _key(c) not in names])
    heads = [h for h in _headings(tree, url) if not _is_site(h.text, names)]
    h1s = [h for h in heads if h.level == 1][:_MAX_H1]
    subs = [h for h in heads if h.level == 2 and not h.away]
    # The extractor's title is often read from an h1 itself: a last resort, never a witness.
    # Without a section link's name (the headline as the page writes it is tried first).
    sections = _link_texts(tree)
    shorter = [c for c in (_strip_section(c, sections) for c in candidates) if c]
    witnesses = list(dict.fromkeys([*candidates, *shorter]))
    return _confirmed(h1s, subs, witnesses) or _lone_h1([h for h in h1s if not h.away]) or (
        shorter[0] if shorter else clean_title(fallback))


def _untruncated(candidates: list[str]) -> list[str]:
    """A candidate cut short with an ellipsis gives way to a candidate it begins."""
    out = []
    for candidate in candidates:
        stem = comparable(candidate.rstrip(".…").rstrip())
        if stem != comparable(candidate) and len(stem) >= 12:
            candidate = next((c for c in candidates if comparable(c).startswith(stem)
                              and len(comparable(c)) > len(stem) + 1
                              and not c.rstrip().endswith(("…", "..."))), candidate)
        out.append(candidate)
    return out


def _plausible_names(names: set[str], structured: list[str]) -> set[str]:
    """Site names that do not contain the headline itself (a page-specific app name)."""
    keys = [k for k in (_key(s) for s in structured) if len(k) >= 8]
    return {n for n in names if not any(k in n for k in keys)}


def _confirmed(h1s: list[_Heading], subs: list[_Heading], candidates: list[str]) -> str | None:
    """The heading (or its part) that a candidate confirms, in the heading's own typography.

    An h1 made of a kicker and a headline gives the headline when a candidate holds it.
    Otherwise, candidate by candidate (the most structured first): an h1 equal to it, or a
    subheading (h2, h3) equal to it or to a run of its parts between separators. Last, a
    candidate found inside an h1 (as the h1 writes it), then an h1 found inside a candidate.
    """
    keys = [comparable(c) for c in candidates]
    for key in keys:
        for h1 in h1s:
            if h1.parts and len(comparable(h1.parts[-1])) >= 12 and (
                comparable(h1.parts[-1]) in key
            ):
                return h1.parts[-1]
    for key in keys:
        for head in [*h1s, *subs]:
            if comparable(head.text) == key or (head.level > 1 and _is_run(head.text, key)):
                return head.text
    for h1 in h1s:
        for candidate in candidates:
            if len(comparable(candidate)) < 12:
                continue
            if part := _locate(h1.text, candidate):
                return h1.text if _continues(h1, part) else part
            if len(comparable(h1.text)) >= 12 and comparable(h1.text) in comparable(candidate):
                return h1.text
    return None


def _continues(h1: _Heading, part: str) -> bool:
    """The h1 goes on after the candidate in the same run of text (``X: einfach köstlich!``):
    the candidate is a shortened headline. A kicker before it or a subline element after it
    is not the headline."""
    rest = h1.text.removeprefix(part)
    return not h1.parts and rest != h1.text and rest[:1] in (":", ",", ";", "–", "—")


_COMPARABLE_SEPARATOR = r"\s+(?:[|\-·•»:/]|::)\s+"


def _is_run(heading: str, key: str) -> bool:
    """``heading`` is one or more of the parts of the candidate ``key`` between separators
    (or the candidate without a trailing parenthesis)."""
    wanted = comparable(heading)
    if len(wanted) < 12 or len(wanted.split()) < 2:
        return False
    start = key.find(wanted)
    if start < 0:
        return False
    before, after = key[:start], key[start + len(wanted) :]
    return (not before or re.search(_COMPARABLE_SEPARATOR + "$", before) is not None) and (
        not after or re.match(_COMPARABLE_SEPARATOR + r"|\s+\(", after) is not None)


def _in_order(key: str, parts: list[str]) -> bool:
    """Every part is found in ``key``, one after the other."""
    position = 0
    for part in parts:
        found = key.find(comparable(part), position)
        if found < 0:
            return False
        position = found + len(comparable(part))
    return True


def _lone_h1(h1s: list[_Heading]) -> str | None:
    """With nothing to confirm it, a single h1 of a few words is the page's headline."""
    substantial = list(dict.fromkeys(h.text for h in h1s if len(h.text.split()) >= 3))
    return substantial[0] if len(substantial) == 1 else None


def _fold_char(char: str) -> str:
    if char in "\"'„“”‚‘’«»‹›`´":
        return "'"
    if char in "‐‑‒–—―-":
        return "-"
    return " " if char.isspace() else char.lower()


def _locate(text: str, part: str) -> str | None:
    """``part`` as it is written inside ``text`` (case, quotes and dashes ignored), or None."""
    folded = "".join(_fold_char(c) for c in text)
    wanted = "".join(_fold_char(c) for c in clean_title(part) or "")
    if len(folded) != len(text) or not wanted:
        return None
    start = folded.find(wanted)
    if start < 0:
        return None
    return text[start : start + len(wanted)].strip()


#: Elements that run on inside a line of text: joined to their neighbours as written.
_INLINE = frozenset({"a", "abbr", "b", "bdi", "cite", "code", "em", "font", "i", "mark", "q", "s",
                     "strong", "sub", "sup", "time", "u"})
_SKIPPED = frozenset({"script", "style", "noscript", "template", "button", "svg", "figure"})
#: Class/id words of a kicker (overline) above or before the headline proper.
_KICKER = re.compile(r"kicker|overline|dachzeile|roofline|topline|eyebrow|volanta|antet[ií]tulo|"
                     r"surtitre|supertitle|pretitle|preheadline", re.I)
#: Class/id words of a heading that is the site's logo or name.
_BRAND = re.compile(r"logo|brand|site-?title|site-?name|blog-?title|masthead", re.I)
#: Class/id words of headings nobody sees as the article's: hidden, navigation, banners, boxes.
_AWAY = re.compile(r"(?<![a-z0-9])(?:sr-only|visually-?hidden|screen-?reader|navskip|skip-?link|"
                   r"aural|hidden|invisible|breadcrumbs?|newsletter|cookies?|consent|modal|"
                   r"popup|nav|navigation|menu|footer|related)(?![a-z])", re.I)


@dataclass(frozen=True)
class _Heading:
    """An h1, h2 or h3 as the reader sees it."""

    level: int
    text: str
    #: For an h1: its headline after a kicker, or its parts when made of several; else empty.
    parts: tuple[str, ...]
    #: In a hidden, navigational or boxed part of the page: a witness, never a lone headline.
    away: bool


def _headings(tree: Any, url: str) -> list[_Heading]:
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
        found.append(_Heading(level, text, _parts(segments, text) if level == 1 else (),
                              _away(node)))
    return found


def _parts(segments: list[tuple[str, bool]], text: str) -> tuple[str, ...]:
    if any(marked for _, marked in segments):
        unmarked = _joined([s for s in segments if not s[1]])
        unmarked = unmarked and _EDGE_PUNCTUATION.sub("", unmarked)
        return (unmarked,) if unmarked else ()
    parts = [p for p in (clean_title(s[0]) for s in segments) if p and p != text]
    parts = [p for p in parts if _WORD.search(p)]
    return tuple(parts) if len(parts) >= 2 and all(len(p.split()) >= 2 for p in parts) else ()


def brand_names(tree: Any, url: str) -> list[str]:
    """Texts of the headings that are the site's logo or name (a link to the front page)."""
    return [t for h in tree.xpath("//h1 | //h2")[:12] if _is_brand(h, url) and (t := _text(h))]


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
            and _text(heading) == _text(links[0]))


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


def _text(node: Any) -> str | None:
    return clean_title(" ".join(node.xpath(".//text()[not(ancestor::script)]")))


def _meta(tree: Any, *keys: str) -> list[str]:
    found = []
    for key in keys:
        for meta in tree.xpath(f"//meta[@property='{key}' or @name='{key}'][@content]"):
            if value := clean_title(meta.get("content")):
                found.append(value)
    return found


def _json_ld_headlines(tree: Any) -> list[str]:
    found = []
    for node in _json_ld_nodes(tree):
        kinds = node.get("@type")
        kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
        if not any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
            continue
        value = node.get("headline") or (node.get("name") if "webpage" not in
                                         [str(k).lower() for k in kinds] else None)
        if isinstance(value, str) and (value := clean_title(html.unescape(value))):
            found.append(value)
    return found


def _json_ld_values(tree: Any, key: str) -> Iterator[str]:
    for node in _json_ld_nodes(tree):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str):
            yield value


def _json_ld_nodes(tree: Any) -> Iterator[dict]:
    for script in tree.xpath('//script[@type="application/ld+json"]/text()')[:10]:
        try:
            data = json.loads(script)
        except (ValueError, TypeError, RecursionError):
            continue
        stack = [data]
        while stack:
            node = stack.pop(0)
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                yield node
                stack.extend(v for k, v in node.items() if k == "@graph" or isinstance(v, list))
