"""The patterns rewritten for speed (``triggers.by_first_letter``) find exactly what the
plain alternations they replace find: every match, start and end."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich import tagging, triggers
from enrich.companies import _spaced, default_gazetteer
from enrich.triggers import by_first_letter, top_level

SETS = sorted(Path(__file__).parent.glob("*.jsonl"))
#: The plain alternations and their rewritten forms used by analyze.
PAIRS = [
    ("triggers", triggers.ANY_TRIGGER_LOWER, triggers._ANY_TRIGGER_LOWER_FAST),
    ("ai", re.compile(r"\b(?:AI|A\.I\.|IA|KI|AGI|LLMs?|GenAI|GPT-?\w*|ChatGPT|NLP)\b"),
     tagging._AI_CASED),
] + [
    (f"topic-{name}", re.compile(pattern.lower()), tagging._TOPICS[name])
    for name, pattern in tagging.TOPIC_PATTERNS.items()
]


def _plain_epithets() -> re.Pattern:
    epithets = sorted(
        {e for c in default_gazetteer().companies.values() for e in c.epithets},
        key=len, reverse=True,
    )
    alternation = "|".join(_spaced(re.escape(e.lower())) for e in epithets)
    return re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")


PAIRS.append(("epithets", _plain_epithets(), default_gazetteer()._epithets))


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _texts() -> list[str]:
    out = []
    for path in SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                full = f"{row.get('title') or ''}\n{row.get('text') or ''}"
                out += [full, full.lower()]
    return out


@pytest.mark.parametrize(("name", "plain", "fast"), PAIRS, ids=[p[0] for p in PAIRS])
def test_same_matches_on_the_evaluation_articles(name, plain, fast):
    texts = _texts()
    assert len(texts) > 100
    found = 0
    for text in texts:
        expected = _spans(plain, text)
        assert _spans(fast, text) == expected, name
        found += len(expected)
    assert found > 0  # the comparison saw matches, not only empty lists


#: Pieces of trigger words and what surrounds them: prefixes, suffixes, boundaries.
_PIECES = st.sampled_from([
    "raise", "raises", "raised concerns", "raising", "secures", "funding round", "series b",
    "lève", "a levé", "levée de fonds", "tour de", "tour de 3", "acquires", "buy", "bought",
    "takeover", "offre du groupe", "offre", "to pay", "will pay", "agreed to pay", " for ",
    "merger", "fusion", "fusionnent", "joined the round", "took part in the funding", "übernimmt",
    "compra", "adquirió", "partnership", "licence", "ai", "AI", "A.I.", "GPT-4o", "ChatGPT",
    "ipo", "antitrust", "autorité de la concurrence", "chips", "data center", "x", "re", "un",
    "le géant de redmond", "the search giant", "la filiale d'alphabet", "le", "the",
    " ", ", ", ". ", "-", "'", "’", "\n", "s", "ed", "ing", "2", "é",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30))
def test_same_matches_on_generated_text(parts):
    text = "".join(parts)
    for name, plain, fast in PAIRS:
        assert _spans(fast, text) == _spans(plain, text), name
        assert _spans(fast, text.lower()) == _spans(plain, text.lower()), name


def test_by_first_letter_keeps_the_order_of_alternatives():
    # leftmost-first: "financ" must win over "financing" where both match, as in the plain form
    alternatives = [r"\bfinanc", r"\bfinancing\b", r"\bfund(?:s|ing)?\b", r"(?:foo|fo)o"]
    plain = re.compile("|".join(alternatives))
    fast = by_first_letter(alternatives)
    text = "financing funds fundingx fooo foo fund"
    assert _spans(fast, text) == _spans(plain, text) == [
        (0, 6), (10, 15), (25, 29), (30, 33), (34, 38)
    ]


def test_by_first_letter_refuses_what_it_cannot_rewrite():
    with pytest.raises(ValueError):
        by_first_letter([r"\b\d+ million"])
    with pytest.raises(ValueError):
        by_first_letter([r"\ba?b"])


def test_top_level_splits_only_outside_groups_classes_and_escapes():
    assert top_level(r"a|(b|c)|[|]|\||d") == ["a", "(b|c)", "[|]", r"\|", "d"]
