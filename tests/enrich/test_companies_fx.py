from datetime import date

import pytest

from enrich.companies import default_gazetteer, load_companies
from enrich.errors import SeedDataError
from enrich.fx import load_fx, usd_rate


def test_shipped_gazetteer_is_valid_and_large():
    companies = load_companies()
    assert len(companies) >= 150
    names = {c.name for c in companies}
    assert {"Meta", "Scale AI", "H", "io", "xAI", "Run:ai", "Weights & Biases", "Nvidia"} <= names


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [("Facebook", "Meta"), ("Meta Platforms", "Meta"), ("Alphabet", "Google"), ("AWS", "Amazon"),
     ("run:ai", "Run:ai"), ("Weights and Biases", "Weights & Biases"), ("Unknown Co", "Unknown Co")],
)
def test_alias_resolution(alias, canonical):
    assert default_gazetteer().canonical(alias) == canonical


def test_parent_roll_up():
    assert default_gazetteer().top_parent("DeepMind") == "Google"


def test_bad_companies_file_reports_every_problem(tmp_path):
    bad = tmp_path / "companies.toml"
    bad.write_text(
        """companies = [
  { name = "", aliases = [], ai = true, kind = "ai_lab" },
  { name = "A", aliases = [3], ai = "yes", kind = "ai_lab" },
  { name = "B", aliases = [], ai = false, kind = "spaceship", colour = "red" },
]
""",
        encoding="utf-8",
    )
    with pytest.raises(SeedDataError) as info:
        load_companies(bad)
    problems = info.value.problems
    assert len(problems) == 5, problems
    text = str(info.value)
    for needle in ("name must be", "aliases must be", "ai must be", "kind must be", "colour"):
        assert needle in text


def test_duplicate_alias_and_missing_parent(tmp_path):
    bad = tmp_path / "companies.toml"
    bad.write_text(
        """companies = [
  { name = "A", aliases = ["Shared"], ai = true, kind = "ai_lab" },
  { name = "B", aliases = ["Shared"], ai = false, kind = "vc", parent = "Nobody" },
]
""",
        encoding="utf-8",
    )
    with pytest.raises(SeedDataError) as info:
        load_companies(bad)
    assert len(info.value.problems) == 2


def test_fx_picks_latest_rate_on_or_before_date():
    assert usd_rate("EUR", date(2024, 6, 1)) == 1.082
    assert usd_rate("EUR", date(2023, 12, 31)) == 1.081
    assert usd_rate("USD", date(2020, 1, 1)) == 1.0
    assert usd_rate("XYZ", date(2020, 1, 1)) is None


def test_bad_fx_file_reports_every_problem(tmp_path):
    bad = tmp_path / "fx.toml"
    bad.write_text('[eur]\n"2024-01-01" = 1.1\n[GBP]\n"yesterday" = 1.2\n"2024-01-01" = -1\n')
    with pytest.raises(SeedDataError) as info:
        load_fx(bad)
    assert len(info.value.problems) == 3
