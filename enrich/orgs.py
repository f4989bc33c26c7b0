"""Organizations known from earlier articles, recognised in a new one with no cue.

The crawl builds the list from its database (organizations discovered with confidence in
stored articles) and passes it to :func:`enrich.analyze`; ``enrich`` itself stays pure.
Names are matched case-sensitively on whole words through a token index, so the cost
does not grow with the length of the list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Kinds an organization may have; a ``person`` is never a party, ``media`` only when it
#: is not cited as a source.
ORG_KINDS = ("company", "investor", "media", "person")


@dataclass(frozen=True)
class KnownOrganization:
    """An organization seen before: canonical ``name``, ``kind``, other spellings, count."""

    name: str
    kind: str = "company"
    aliases: tuple[str, ...] = ()
    mentions: int = 1


_WORD = re.compile(r"[^\W_][\w&+.'’:-]*[\w+]|[^\W_]", re.UNICODE)


def _words(surface: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _WORD.finditer(surface))


@dataclass(frozen=True)
class OrgIndex:
    """Token n-gram index over known organizations: words tuple -> organization."""

    by_words: dict
    first_words: frozenset
    longest: int
    kinds: dict

    def find(self, text: str) -> list[tuple[KnownOrganization, int, int]]:
        """(organization, start, end) of every known name in ``text``, longest first."""
        if not self.by_words:
            return []
        tokens = list(_WORD.finditer(text))
        out, i = [], 0
        while i < len(tokens):
            hit = self._at(tokens, i) if tokens[i].group(0) in self.first_words else None
            if hit is None:
                i += 1
                continue
            org, n = hit
            out.append((org, tokens[i].start(), tokens[i + n - 1].end()))
            i += n
        return out

    def _at(self, tokens, i):
        for n in range(min(self.longest, len(tokens) - i), 0, -1):
            words = tuple(t.group(0) for t in tokens[i : i + n])
            org = self.by_words.get(words)
            if org is not None and _contiguous(tokens[i : i + n]):
                return org, n
        return None


def _contiguous(tokens) -> bool:
    """Words of one name are separated by single spaces only."""
    return all(b.start() - a.end() == 1 for a, b in zip(tokens, tokens[1:], strict=False))


@lru_cache(maxsize=4)
def org_index(orgs: tuple[KnownOrganization, ...]) -> OrgIndex:
    """Index of ``orgs`` (cached: the crawl passes the same list to many articles)."""
    by_words: dict[tuple[str, ...], KnownOrganization] = {}
    for org in sorted(orgs, key=lambda o: -o.mentions):
        for surface in (org.name, *org.aliases):
            words = _words(surface)
            if words and len(surface) >= 2:
                by_words.setdefault(words, org)
    first = frozenset(w[0] for w in by_words)
    longest = max((len(w) for w in by_words), default=0)
    kinds = {o.name: o.kind for o in by_words.values()}
    return OrgIndex(by_words, first, longest, kinds)


def as_tuple(orgs: Sequence[KnownOrganization]) -> tuple[KnownOrganization, ...]:
    return orgs if isinstance(orgs, tuple) else tuple(orgs)
