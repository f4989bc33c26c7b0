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
from typing import Any
from urllib.parse import urlsplit

from feeds.dates import month_number, visible_day

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»:/]|::)\s+")
_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "report",
                  "webpage", "analysisnewsarticle", "opinionnewsarticle", "liveblogposting")
_MAX_H1 = 5
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
    while len(parts) > 1 and (_is_site(parts[-1], names) or _is_date(parts[-1])):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and _is_site(parts[0], names):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        out += sep + part
    return out.strip() or title


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
    names = _plausible_names(site_names(tree, url, (feed_title,)), structured)
    raw = [*structured, entry_title, " ".join(tree.xpath("//title[1]//text()")[:1])]
    candidates = [c for c in (strip_site_name(r, names) for r in raw if r) if c]
    candidates = [c for c in candidates if _key(c) not in names]
    h1s = [h for h in _h1s(tree) if _key(h[0]) not in names]
    # The extractor's title is often read from an h1 itself: a last resort, never a witness.
    return _agreeing_h1(h1s, candidates) or _lone_h1(h1s) or (
        candidates[0] if candidates else clean_title(fallback))


def _plausible_names(names: set[str], structured: list[str]) -> set[str]:
    """Site names that do not contain the headline itself (a page-specific app name)."""
    keys = [k for k in (_key(s) for s in structured) if len(k) >= 8]
    return {n for n in names if not any(k in n for k in keys)}


def _agreeing_h1(h1s: list[list[str]], candidates: list[str]) -> str | None:
    """The h1 (or its part) that another candidate confirms, in the h1's own typography.

    An h1 made of a kicker and a headline (two elements or texts) gives its last part when
    a candidate contains that part; otherwise the whole h1 when a candidate equals it, then
    a candidate found inside the h1 (as the h1 writes it), then an h1 found inside one.
    """
    keys = [comparable(c) for c in candidates]
    for _full, *parts in h1s:
        if parts and len(comparable(parts[-1])) >= 12 and any(
            comparable(parts[-1]) in k for k in keys
        ):
            return parts[-1]
    for full, *_ in h1s:
        if comparable(full) in keys:
            return full
    for full, *_ in h1s:
        for candidate in candidates:
            if len(comparable(candidate)) < 12:
                continue
            if part := _locate(full, candidate):
                return part
            if len(comparable(full)) >= 12 and comparable(full) in comparable(candidate):
                return full
    return None


def _lone_h1(h1s: list[list[str]]) -> str | None:
    """With nothing to confirm it, a single h1 of a few words is the page's headline."""
    substantial = list(dict.fromkeys(v[0] for v in h1s if len(v[0].split()) >= 3))
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


def _h1s(tree: Any) -> list[list[str]]:
    """Each h1's text, then its parts when it is made of several (a kicker and a headline)."""
    found = []
    for h1 in tree.xpath("//h1")[:_MAX_H1]:
        text = _text(h1)
        if not text or len(text) > 300:
            continue
        pieces = [clean_title(h1.text)]
        for child in h1:
            own = _text(child) if isinstance(child.tag, str) else None
            pieces += [own, clean_title(child.tail)]
        parts = [p for p in pieces if p and len(p.split()) >= 2 and p != text]
        found.append([text, *parts] if len(parts) >= 2 else [text])
    return found


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
