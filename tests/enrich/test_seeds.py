"""Acceptance: the two French seed articles (beside the repo in ../shared/seeds)."""

from pathlib import Path

import pytest

from enrich import analyze

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
TRAPS = {870e6, 2e9, 14e9, 25e9, 65e9}


def _article(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if len(line.split()) >= 6)
    return analyze(lines[first], "\n".join(lines[first + 1 :]))


def _find(result, buyer, target):
    return [d for d in result.deals if buyer in d.buyers and d.target == target]


def _check_primary(result, amount, stake):
    assert result.language == "fr" and result.ai_related and result.deal_story
    main = result.primary
    assert (main.buyers, main.target, main.deal_type) == (("Meta",), "Scale AI", "investment")
    assert (main.amount, main.currency, main.amount_usd) == (amount, "USD", amount)
    assert main.status == "rumored" and main.stake_percent == stake
    assert not {d.amount for d in result.deals} & TRAPS


def test_article_000():
    result = _article("000")
    _check_primary(result, 10e9, None)
    [msft] = _find(result, "Microsoft", "OpenAI")
    assert msft.amount == 13e9 and msft.currency == "USD" and not msft.is_primary
    assert all(not d.is_primary for d in _find(result, "Google", "Anthropic"))


def test_article_001():
    result = _article("001")
    _check_primary(result, 15e9, 49)
    expected = [("Microsoft", "OpenAI", 13e9), ("Amazon", "Anthropic", 8e9), ("Google", "Anthropic", 3e9)]
    for buyer, target, amount in expected:
        [deal] = _find(result, buyer, target)
        assert (deal.amount, deal.currency, deal.is_primary) == (amount, "USD", False)
        assert deal.status == "completed"
    [google] = _find(result, "Google", "Anthropic")
    assert google.amount_qualifier == "more_than"
