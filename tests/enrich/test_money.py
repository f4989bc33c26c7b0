import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enrich.money import find_money, find_percents, parse_money, parse_number

MONEY_TABLE = [
    ("en", "Meta pays $14.3B for the stake", 14.3e9, "USD", None),
    ("en", "a $14.3 billion deal", 14.3e9, "USD", None),
    ("en", "US$2bn from investors", 2e9, "USD", None),
    ("en", "raised €600M", 600e6, "EUR", None),
    ("en", "worth £300m", 300e6, "GBP", None),
    ("en", "ten billion dollars", 10e9, "USD", None),
    ("en", "up to $5 billion", 5e9, "USD", "up_to"),
    ("en", "about $1.7 billion", 1.7e9, "USD", "about"),
    ("en", "more than $1,500,000", 1.5e6, "USD", "more_than"),
    ("fr", "14,3 milliards de dollars", 14.3e9, "USD", None),
    ("fr", "10 Md$", 10e9, "USD", None),
    ("fr", "870 millions de dollars", 870e6, "USD", None),
    ("fr", "600 M€", 600e6, "EUR", None),
    ("fr", "1,7 milliard d'euros", 1.7e9, "EUR", None),
    ("fr", "dix milliards de dollars", 10e9, "USD", None),
    ("fr", "près de 2 milliards de dollars", 2e9, "USD", "about"),
    ("fr", "plus de 3 mds d'euros", 3e9, "EUR", "more_than"),
    ("fr", "environ 40 millions d'euros", 40e6, "EUR", "about"),
    ("fr", "au moins 3 milliards dans Anthropic", 3e9, None, "more_than"),
    ("fr", "1\u00a0000\u00a0000 €", 1e6, "EUR", None),
    ("fr", "2\u202f500 millions de dollars", 2.5e9, "USD", None),
    ("fr", "1 billion de dollars", 1e12, "USD", None),
    ("fr", "13 milliards $", 13e9, "USD", None),
    ("de", "500 Millionen US-Dollar", 500e6, "USD", None),
    ("de", "3 Mrd. Euro", 3e9, "EUR", None),
    ("de", "rund 14,3 Milliarden Dollar", 14.3e9, "USD", "about"),
    ("de", "2 Billionen Dollar", 2e12, "USD", None),
    ("de", "bis zu 1.500 Millionen Euro", 1.5e9, "EUR", "up_to"),
    ("es", "5.000 millones de dólares", 5e9, "USD", None),
    ("es", "diez mil millones de dólares", 10e9, "USD", None),
    ("es", "1,5 billones de euros", 1.5e12, "EUR", None),
    ("es", "más de 600 millones de euros", 600e6, "EUR", "more_than"),
]


@pytest.mark.parametrize(("lang", "text", "value", "currency", "qualifier"), MONEY_TABLE)
def test_money_table(lang, text, value, currency, qualifier):
    money = parse_money(text, lang)
    assert money is not None, text
    assert math.isclose(money.value, value), (text, money)
    assert money.currency == currency
    assert money.qualifier == qualifier


@pytest.mark.parametrize(
    "text", ["in 2024 the firm grew", "9.000 villes", "a 100m sprint", "49 %", "plusieurs millions"]
)
def test_not_money(text):
    assert find_money(text, "fr") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("49 %", 49), ("49%", 49), ("49 pour cent", 49), ("49 Prozent", 49),
     ("49 por ciento", 49), ("12,5\u202f%", 12.5), ("a 23 percent stake", 23)],
)
def test_percent_table(text, value):
    found = find_percents(text)
    assert [p.value for p in found] == [value]


@pytest.mark.parametrize(
    ("raw", "lang", "value"),
    [("14,3", "fr", 14.3), ("14.3", "en", 14.3), ("5.000", "es", 5000), ("1,000", "en", 1000),
     ("1 000 000", "fr", 1e6), ("1.234,5", "de", 1234.5), ("1,234.5", "en", 1234.5)],
)
def test_parse_number(raw, lang, value):
    assert parse_number(raw, lang) == value


def _fmt_group(integer: int, sep: str) -> str:
    return f"{integer:,}".replace(",", sep)


def _format(value_millions: int, style: str) -> tuple[str, float]:
    """Write an amount the way each language's press would."""
    if style == "en":
        return f"${value_millions / 1000:.1f} billion", round(value_millions / 1000, 1) * 1e9
    if style == "fr":
        text = f"{value_millions / 1000:.1f}".replace(".", ",")
        return f"{text} milliards de dollars", round(value_millions / 1000, 1) * 1e9
    if style == "de":
        return f"{_fmt_group(value_millions, '.')} Millionen Euro", value_millions * 1e6
    return f"{_fmt_group(value_millions, '.')} millones de dólares", value_millions * 1e6


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(["en", "fr", "de", "es"]))
def test_money_round_trip(value_millions, style):
    text, expected = _format(value_millions, style)
    money = parse_money(f"La société lève {text} auprès d'investisseurs.", style)
    assert money is not None, text
    assert math.isclose(money.value, expected, rel_tol=1e-9), (text, money)
    assert money.currency == ("EUR" if style == "de" else "USD")


@given(st.integers(min_value=1, max_value=999), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_french_thousands_separators_round_trip(thousands, sep):
    text = f"{thousands}{sep}500 millions d'euros"
    money = parse_money(text, "fr")
    assert money is not None
    assert math.isclose(money.value, (thousands * 1000 + 500) * 1e6)
