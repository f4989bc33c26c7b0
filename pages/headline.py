"""The article's headline from the page's own structure, without the site's name.

Candidates are the JSON-LD ``headline``, ``og:title`` / ``twitter:title``, the feed entry's
title and the ``<title>``. A leading or trailing part of a candidate (split on `` | ``,
`` - ``, `` – ``, `` — ``, `` · ``, `` :: ``, `` » ``, `` < ``, ``｜``, ``--``; on ``_``, ``|``,
``–`` written without spaces only before a site name; a ``【Site】`` bracket) is dropped when it
names the site: ``og:site_name``,
the publisher in JSON-LD, the feed's title, the host (umlauts spelt out or accents dropped,
its registrable label, a short part starting with it: "CBC News") or the site's logo (a
heading or image linking to the front page). A candidate cut with an ellipsis gives way to
one it begins. A site name in the middle ("Headline | Site | Slogan") leaves the longer side;
a trailing date (with its time of day) goes too.

The page's headings (``pages.headings``) then decide, in their own typography: an h1's
headline after a marked kicker; an h1 or h2 equal to a candidate (the most structured first),
or an h2 equal to a run of its parts; a candidate found inside an h1; a lone h1 outside
navigation and boxes (among several, the one inside the article). Without any, the first
candidate is taken, less leading or trailing parts that name a section (a link's text,
``article:section``, the breadcrumb trail) or an author. The extractor's title is a last
resort, never a witness. Soft hyphens, zero-width characters and no-break spaces are
normalised in the headline only. Words are counted in Chinese, Japanese and Thai too
(``pages.headings.word_count``). Pure.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from pages import jsonld
from pages.dateline import only_day
from pages.headings import (
    HAN_KANA,
    Heading,
    brand_names,
    clean_title,
    headings,
    node_text,
    word_count,
)

#: Where a title's parts meet (also read by ``pages.pubdate`` for a title's date).
SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»:/<>]|::)\s+|\s*(?:｜|--)\s*")
#: Separators written without spaces ("标题_新浪新闻", "Titel|Site"): cut only at a site name.
#: ``【Site】Headline`` or ``Headline【Site】``.
_BRACKETED = re.compile(
    r"^【(?P<lead>[^】]{1,40})】(?P<after>.+)$|^(?P<before>.+?)【(?P<tail>[^】]{1,40})】$"
)
_TIGHT = re.compile(r"\s*[|｜_–—]\s*")
_SYLLABIC = re.compile(r"[\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff]{2}")
_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "report",
                  "webpage", "analysisnewsarticle", "opinionnewsarticle", "liveblogposting")
_MAX_H1 = 5
_MAX_LINKS = 1500
_WORD = re.compile(r"[^\W\d_]+")
#: Parts of titles that name no article (blog software defaults).
#: Korean news CMSs end titles with "< Section < 기사본문" ("article body").
_GENERIC_NAMES = frozenset({"blogarchive", "blogarchiv", "home", "startseite", "news", "기사본문"})
_SPELT_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe",
                            "å": "aa"})
_PLAIN = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l"})
#: Second-level labels under a country's domain (``co.uk``, ``com.au``).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go"})


_QUOTES = re.compile(r"[\"'„“”‚‘’«»‹›`´]")
_DASHES = re.compile(r"[‐‑‒–—―-]")
_RUNS_OF_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"\W+")
_METAS = etree.XPath("//meta[@content]")


def comparable(value: str | None) -> str:
    """A title reduced for comparison: case, accents' forms, quotes, dashes and spaces."""
    return _comparable(_plain(value))


def _key(value: str | None) -> str:
    return _keyed(_plain(value))


def _plain(value: str | None) -> str | None:
    """A str as such: lxml's text results are str subclasses that hold their whole tree, which
    the caches below must not keep alive."""
    return value if value is None or type(value) is str else str(value)


#: Cached: a page's link texts and candidates are compared many times, and sites repeat them.
@lru_cache(maxsize=8192)
def _comparable(value: str | None) -> str:
    text = unicodedata.normalize("NFKC", clean_title(value) or "").casefold()
    text = _QUOTES.sub("", text)
    text = _DASHES.sub("-", text)
    return _RUNS_OF_SPACE.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def _keyed(value: str | None) -> str:
    return _NON_WORD.sub("", _comparable(value))


def _variants(key: str) -> set[str]:
    """A name's key as written, without accents, and with umlauts and Nordic letters spelt
    out: hosts write "Börsen-Zeitung" as boersen-zeitung, "Seznam Zprávy" as seznamzpravy."""
    return {key, _unaccented(key.translate(_PLAIN)), _unaccented(key.translate(_SPELT_OUT))}


def _unaccented(text: str) -> str:
    """Latin letters without their accents; other scripts as they are (``で`` stays)."""
    return "".join(
        unicodedata.normalize("NFKD", c)[0] if "\u00c0" <= c <= "\u024f" else c for c in text
    )


def _host_labels(host: str) -> list[str]:
    """The host, without its top-level domain, its first label and its registrable label
    (``spiegel`` in ``www.spiegel.de``, ``bbc`` in ``www.bbc.co.uk``)."""
    labels = host.split(".")
    found = [host, host.rsplit(".", 1)[0], labels[0]]
    if len(labels) >= 2:
        index = -3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else -2
        found.append(labels[index])
    return found


def site_names(tree: Any, url: str, extra: Iterable[str | None] = ()) -> set[str]:
    """Keys of the names the site goes by: og:site_name, publisher, feed title, host."""
    names = [*extra, *_meta(tree, "og:site_name", "application-name", "twitter:site")]
    names += [p for p in _json_ld_values(tree, "publisher")]
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host:
        names += _host_labels(host)
    names += brand_names(tree, url)
    keys = {v for n in names if n for v in _variants(_key(n))} | _GENERIC_NAMES
    return {k for k in keys if len(k) >= 2}


def strip_site_name(title: str | None, names: set[str]) -> str | None:
    """``title`` without a leading/trailing part that names the site (kept if nothing is left)."""
    title = clean_title(title)
    if not title or not names:
        return title
    title = _unbracketed(title, names)
    parts = SEPARATOR.split(title)
    seps = SEPARATOR.findall(title)
    while len(parts) > 1 and (size := 1 if only_day(parts[-1]) else
                              _site_run(parts, seps, names, -1)):
        del parts[-size:], seps[-size:]
    while len(parts) > 1 and (size := _site_run(parts, seps, names, 0)):
        del parts[:size], seps[:size]
    middle = [i for i in range(1, len(parts) - 1) if _is_site(parts[i], names)]
    if middle:  # "Headline | Site | Slogan": the longer side of the name is the headline
        i = middle[0]
        before, after = _rejoin(parts[:i], seps[: i - 1]), _rejoin(parts[i + 1 :], seps[i + 1 :])
        return before if len(before) >= len(after) else after
    return _strip_tight(_rejoin(parts, seps).strip(), names) or title


def _unbracketed(title: str, names: set[str]) -> str:
    """``title`` without a leading or trailing ``【Site】`` (Japanese and Chinese titles)."""
    match = _BRACKETED.match(title)
    if match is None:
        return title
    name, rest = match["lead"] or match["tail"], match["after"] or match["before"]
    return rest.strip() if rest.strip() and _is_site(name, names) else title


def _strip_tight(title: str, names: set[str]) -> str:
    parts, seps = _TIGHT.split(title), _TIGHT.findall(title)
    if len(parts) > 1 and _is_site(parts[-1], names):
        return _rejoin(parts[:-1], seps[:-1]).strip()
    if len(parts) > 1 and _is_site(parts[0], names):
        return _rejoin(parts[1:], seps[1:]).strip()
    return title


def _strip_section(title: str | None, sections: set[str]) -> str | None:
    """``title`` without leading or trailing parts that name a section of the page (a link's
    text, ``… - Eintracht Presse``; its declared section), each shorter than what is left."""
    if not title or not sections:
        return title
    parts, seps = SEPARATOR.split(title), SEPARATOR.findall(title)
    while len(parts) > 1:
        if _key(parts[-1]) in sections and len(parts[-1]) < len(_rejoin(parts[:-1], seps[:-1])):
            del parts[-1], seps[-1]
        elif _key(parts[0]) in sections and len(parts[0]) < len(_rejoin(parts[1:], seps[1:])):
            del parts[0], seps[0]
        else:
            break
    return _rejoin(parts, seps)


def _section_names(tree: Any) -> set[str]:
    """Keys of the page's sections: short link texts (sections, categories, tags), the
    ``article:section`` and JSON-LD ``articleSection``, the breadcrumb trail's names; and
    its authors' names (``… - Jane Doe - Site``)."""
    texts = [node_text(a) for a in tree.xpath("//body//a[not(.//img)]")[:_MAX_LINKS]]
    texts += _meta(tree, "article:section", "author", "article:author")
    for node in _json_ld_nodes(tree):
        texts += _names(node.get("author"))
        section = node.get("articleSection")
        texts += [section] if isinstance(section, str) else (
            [s for s in section if isinstance(s, str)] if isinstance(section, list) else [])
        if node.get("@type") == "BreadcrumbList":
            texts += _breadcrumb_names(node)
    keys = (_key(t) for t in texts if t and word_count(t) <= 4)
    # Two Hangul or Han characters name a section ("정치", "财经"); two Latin letters do not.
    return {key for key in keys if len(key) >= 3 or (len(key) == 2 and _SYLLABIC.match(key))}


def _names(value: Any) -> list[str]:
    """The names in a JSON-LD value: a string, a thing with a name, or a list of them."""
    values = value if isinstance(value, list) else [value]
    found = [v.get("name") if isinstance(v, dict) else v for v in values]
    return [v for v in found if isinstance(v, str)]


def _breadcrumb_names(trail: dict) -> list[str]:
    items = trail.get("itemListElement")
    names = []
    for item in items[:-1] if isinstance(items, list) else []:  # the last is the page itself
        if isinstance(item, dict):
            inner = item.get("item")
            name = (inner if isinstance(inner, dict) else item).get("name")
            if isinstance(name, str):
                names.append(name)
    return names


def _site_run(parts: list[str], seps: list[str], names: set[str], end: int) -> int:
    """How many parts at ``end`` (0 or -1) name the site: one, or several for a name that
    holds a separator ("Salsa-Figuren - Rueda in Berlin"); at least one part is left."""
    for size in range(len(parts) - 1, 0, -1):
        run = (parts[:size], seps[: size - 1]) if end == 0 else (parts[-size:], seps[1 - size :])
        if (_variants(_key(_rejoin(*run))) & names) if size > 1 else _is_site(
            run[0][0], names
        ):
            return size
    return 0


def _rejoin(parts: list[str], seps: list[str]) -> str:
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        out += sep + part
    return out


def _is_site(part: str, names: set[str]) -> bool:
    keys = _variants(_key(part))
    if len(_key(part)) < 2:
        return False
    return any(key == n or (len(key) >= 4 and (key in n or n in key) and
                            min(len(key), len(n)) / max(len(key), len(n)) >= 0.5)
               for n in names for key in keys) or _starts_with_name(part, names)


def _starts_with_name(part: str, names: set[str]) -> bool:
    """A part of up to three words whose first words are the site's name ("CBC News")."""
    words = part.split()
    if len(words) > 3:
        return False
    return any(
        len(key) >= 3 and key not in _GENERIC_NAMES and key in names
        for k in range(1, len(words) + 1) for key in _variants(_key(" ".join(words[:k])))
    )


def choose_headline(
    tree: Any, url: str, *, entry_title: str | None = None, feed_title: str | None = None,
    fallback: str | None = None,
) -> str | None:
    """The article's headline (see module doc); ``fallback`` is an extractor's title."""
    if tree is None:
        return clean_title(entry_title) or clean_title(fallback)
    structured = [*_json_ld_headlines(tree), *_meta(tree, "og:title", "twitter:title")]
    names = _plausible_names(site_names(tree, url, (feed_title,)), structured)
    raw = [*structured, entry_title, " ".join(tree.xpath("//title[1]//text()")[:1])]
    candidates = [c for c in (strip_site_name(r, names) for r in raw if r) if c]
    candidates = _untruncated([c for c in candidates if not _variants(_key(c)) & names])
    heads = [h for h in headings(tree, url) if not _is_site(h.text, names)]
    h1s = [h for h in heads if h.level == 1][:_MAX_H1]
    subs = [h for h in heads if h.level == 2 and not h.away]
    # Section names are cut only after the candidates as written had their chance.
    sections = _section_names(tree)
    shorter = [c for c in (_strip_section(c, sections) for c in candidates) if c]
    witnesses = list(dict.fromkeys([*candidates, *shorter]))
    # The extractor's title is often read from an h1 itself: a last resort, never a witness.
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
    keys = [v for k in (_key(s) for s in structured) if len(k) >= 8 for v in _variants(k)]
    return {n for n in names if not any(k in n for k in keys)}


def _confirmed(h1s: list[Heading], subs: list[Heading], candidates: list[str]) -> str | None:
    """The heading (or its part) that a candidate confirms, in the heading's own typography.

    An h1 made of a kicker and a headline gives the headline when a candidate holds it.
    Otherwise, candidate by candidate (the most structured first): an h1 equal to it, or a
    subheading (h2) equal to it or to a run of its parts between separators. Last, a
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


def _continues(h1: Heading, part: str) -> bool:
    """The h1 goes on after the candidate in the same run of text (``X: einfach köstlich!``):
    the candidate is a shortened headline. A kicker before it or a subline element after it
    is not the headline."""
    rest = h1.text.removeprefix(part)
    return not h1.parts and rest != h1.text and rest[:1] in (":", ",", ";", "–", "—")


#: Separators between a title's parts, spaced; Chinese and Japanese titles write ``_`` and
#: ``｜`` tight ("央行宣布降准_新浪财经").
_COMPARABLE_SEPARATOR = r"(?:\s+(?:[|\-·•»:/<>]|::|--)\s+|\s*[_｜]\s*|--)"


def _is_run(heading: str, key: str) -> bool:
    """``heading`` is one or more of the parts of the candidate ``key`` between separators
    (or the candidate without a trailing parenthesis)."""
    wanted = comparable(heading)
    if word_count(wanted) < 2 or len(wanted) < (5 if HAN_KANA.search(wanted) else 12):
        return False
    start = key.find(wanted)
    if start < 0:
        return False
    before, after = key[:start], key[start + len(wanted) :]
    return (not before or re.search(_COMPARABLE_SEPARATOR + "$", before) is not None) and (
        not after or re.match(_COMPARABLE_SEPARATOR + r"|\s+\(", after) is not None)


def _lone_h1(h1s: list[Heading]) -> str | None:
    """With nothing to confirm it, a single h1 of a few words is the page's headline; among
    several, the single one inside the article (or marked as its headline)."""
    substantial = [h for h in h1s if word_count(h.text) >= 3]
    for group in (substantial, [h for h in substantial if h.central]):
        texts = list(dict.fromkeys(h.text for h in group))
        if len(texts) == 1:
            return texts[0]
    return None


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


def _meta(tree: Any, *keys: str) -> list[str]:
    """The contents of the meta tags named ``keys`` (by property or name), key by key."""
    metas = _METAS(tree)
    found = []
    for key in keys:
        for meta in metas:
            if meta.get("property") == key or meta.get("name") == key:
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
    """The objects of the page's JSON-LD, to read only (they are shared through a cache): the
    top-level nodes, ``@graph`` and ``mainEntity`` members and list items."""
    for data in jsonld.documents(tree):
        yield from jsonld.nodes(data, descend=lambda key, _: key in ("@graph", "mainEntity"))


