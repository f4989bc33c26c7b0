"""A page's JSON-LD, read one way for every reader (headline, site and section names, dates).

Scripts are ``type="application/ld+json"`` and the untyped ``<script>{"@context": …}`` some
sites write, at most ``MAX_SCRIPTS`` per page. Each is parsed once per text (a page is read by
several modules), forgiving what pages wrap around it (HTML comments, CDATA, a trailing
semicolon) and control characters in strings; what still does not parse, or nests too deep for
the parser, is skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from lxml import etree

MAX_SCRIPTS = 10
SCRIPTS = etree.XPath(
    '//script[@type="application/ld+json" or (not(@type) and '
    'starts-with(normalize-space(.), "{") and contains(., "@context"))]/text()'
)
_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$|;\s*$")
_UNREADABLE = object()


@lru_cache(maxsize=64)
def _parse(script: str) -> Any:
    try:
        return json.loads(_WRAPPER.sub("", script), strict=False)
    except (ValueError, TypeError, RecursionError):
        return _UNREADABLE


def documents(tree: Any) -> Iterator[Any]:
    """The parsed JSON-LD documents of the page, in document order (shared: read only)."""
    for script in SCRIPTS(tree)[:MAX_SCRIPTS]:
        data = _parse(str(script))
        if data is not _UNREADABLE:
            yield data


def nodes(data: Any, descend: Callable[[str, Any], bool] | None = None) -> Iterator[dict]:
    """Every JSON object in ``data``, breadth first (a node before its parts). ``descend(key,
    value)`` says which members of an object are entered (default: all); lists always are."""
    queue = [data]
    while queue:
        node = queue.pop(0)
        if isinstance(node, list):
            queue.extend(node)
        elif isinstance(node, dict):
            yield node
            queue.extend(value for key, value in node.items()
                         if isinstance(value, (dict, list))
                         and (descend is None or isinstance(value, list) or descend(key, value)))
