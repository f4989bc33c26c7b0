"""Classes of amount, currency, trap and status errors fixed in round 5, each in new words
(none of these sentences is in a labelled set)."""

from datetime import date

import pytest

from enrich import analyze
from enrich.fx import usd_rate
from enrich.home import home_country
from enrich.money import find_money

# --- Dollars of the story's country -------------------------------------------------------
# A bare "$" or "dollars" means the currency of the country the story is told from: its
# dateline, else the country it names at least twice and more than any other.
LOCAL_DOLLARS = [
    ("en", "PERTH - Quokka Robotics has raised $30 million for its mine-site drones, the "
     "Western Australian company said.", "AUD"),
    ("en", "Melbourne start-up Lyrebird Health closed a $12 million round. It is one of the "
     "few Australian medical AI firms with hospital contracts in Victoria.", "AUD"),
    ("en", "AUCKLAND - Kea Analytics raised $8 million to bring its grazing models to more "
     "farms.", "NZD"),
    ("en", "SINGAPORE - Merlion Data said it raised $40 million from local investors.", "SGD"),
    ("fr", "TORONTO — La jeune pousse Érable IA a récolté 9 millions de dollars auprès de "
     "fonds ontariens.", "CAD"),
    ("fr", "La québécoise Harfang Vision lève 14 millions de dollars. L'entreprise de Laval "
     "compte ouvrir un bureau à Montréal.", "CAD"),
    ("de", "VANCOUVER. Das kanadische KI-Start-up Orca Signal hat 20 Millionen Dollar "
     "eingesammelt.", "CAD"),
    ("es", "SÍDNEY. La australiana Canguro Labs captó 15 millones de dólares en una ronda "
     "liderada por fondos de Melbourne.", "AUD"),
]


@pytest.mark.parametrize("language,text,currency", LOCAL_DOLLARS,
                         ids=[c[1][:40] for c in LOCAL_DOLLARS])
def test_bare_dollars_take_the_currency_of_the_storys_country(language, text, currency):
    found = [m for m in find_money(text, language, text) if m.value >= 1e6]
    assert found and found[0].currency == currency
    assert usd_rate(currency) is not None


# A wire story that names a place once, a story that writes local dollars with their own
# symbol ("C$"), and countries whose currency is no dollar keep US dollars.
US_DOLLARS = [
    ("en", "Ottawa-based Beaver Systems has raised $60 million in a round led by a New York "
     "fund."),
    ("en", "Toronto's Loonie Labs raised C$20 million in March. On Tuesday its US rival Pike "
     "raised $50 million, also in Toronto."),
    ("fr", "MEXICO — La start-up mexicaine Nopal IA lève 10 millions de dollars auprès de "
     "fonds mexicains."),
    ("de", "Die Londoner Firma Thames Logic hat 25 Millionen Dollar eingesammelt; in London "
     "spricht man von einem Rekord."),
    ("es", "La chilena Cóndor Datos levantó 6 millones de dólares, la mayor ronda del año en "
     "Chile."),
]


@pytest.mark.parametrize("language,text", US_DOLLARS, ids=[c[1][:40] for c in US_DOLLARS])
def test_bare_dollars_stay_us_dollars(language, text):
    found = [m for m in find_money(text, language, text) if m.currency != "CAD"]
    assert found[-1].currency == "USD"


# "$" in a story about a US fund in Sydney is US dollars when the text says so elsewhere:
# the same figure, written with its currency once, has that currency everywhere.
RESTATED = [
    ("en", "Sydney start-up Dingo AI raises $25 million",
     "SYDNEY - Dingo AI, a Sydney maker of bushfire models, raised US$25 million from the "
     "New York fund Hudson Crest. The Australian company will hire in Sydney.", "USD"),
    ("fr", "Castor IA obtient 7 millions de dollars",
     "MONTRÉAL — Castor IA a obtenu 7 millions de dollars américains de fonds californiens.",
     "USD"),
    ("de", "Lachs Robotics erhält 11 Millionen Dollar",
     "Das Start-up Lachs Robotics hat 11 Millionen kanadische Dollar eingesammelt.", "CAD"),
    ("es", "Koala Datos capta 4 millones de dólares",
     "La startup Koala Datos ha captado 4 millones de dólares australianos.", "AUD"),
]


@pytest.mark.parametrize("language,title,text,currency", RESTATED,
                         ids=[c[1] for c in RESTATED])
def test_a_figure_restated_bare_keeps_its_stated_currency(language, title, text, currency):
    full = f"{title}\n{text}"
    assert find_money(title, language, full)[0].currency == currency


def test_home_country_needs_more_than_one_passing_mention():
    assert home_country("Toronto-based Cohort raised $5 million.") is None
    text = "Adelaide start-up Galah raised $5 million. The South Australian firm sells drones."
    assert home_country(text) == "AU"
    # a company named like a town is no place ("Stonebridge Crest")
    assert home_country("Stonebridge Crest buys Lingvo.\nStonebridge Crest paid $3 million.") \
        is None


# Currencies named with their country in the four languages.
NAMED = [
    ("en", "45 million Singapore dollars", "SGD"), ("en", "HK$300 million", "HKD"),
    ("en", "NZ$12 million", "NZD"), ("en", "S$90 million", "SGD"),
    ("en", "NT$2 billion", "TWD"), ("en", "20 million Canadian dollars", "CAD"),
    ("fr", "12 millions de dollars australiens", "AUD"),
    ("fr", "3 millions de dollars de Singapour", "SGD"),
    ("de", "7 Millionen australische Dollar", "AUD"), ("de", "8 Mio. Fr.", "CHF"),
    ("de", "40 Millionen Schweizer Franken", "CHF"),
    ("es", "9 millones de dólares canadienses", "CAD"),
    ("es", "500 millones de pesos chilenos", "CLP"),
    ("es", "3.000 millones de pesos colombianos", "COP"),
    ("es", "800 millones de pesos argentinos", "ARS"), ("es", "30 millones de soles", "PEN"),
]


@pytest.mark.parametrize("language,text,currency", NAMED, ids=[c[1] for c in NAMED])
def test_currencies_named_with_their_country(language, text, currency):
    assert find_money(text, language)[0].currency == currency
    assert usd_rate(currency) is not None


def test_bare_pesos_follow_the_country():
    text = "BOGOTÁ. La colombiana Guatapé IA levantó 8.000 millones de pesos en Colombia."
    assert find_money(text, "es", text)[0].currency == "COP"
    assert find_money("recaudó 50 millones de pesos", "es")[0].currency == "MXN"


# --- Ranges, written-out numbers, hyphens --------------------------------------------------
RANGES = [
    ("en", "a price between $70m and $80m", 70e6, "USD"),
    ("en", "valued at $150-200 million", 150e6, "USD"),
    ("fr", "entre 15 et 20 millions d'euros", 15e6, "EUR"),
    ("de", "zwischen 30 und 35 Millionen Euro", 30e6, "EUR"),
    ("de", "von 5 bis 6 Millionen Franken", 5e6, "CHF"),
    ("es", "entre 12 y 14 millones de euros", 12e6, "EUR"),
]


@pytest.mark.parametrize("language,text,value,currency", RANGES, ids=[c[1] for c in RANGES])
def test_a_range_is_at_least_its_lower_bound(language, text, value, currency):
    found = find_money(text, language)
    assert len(found) == 1
    assert (found[0].value, found[0].currency, found[0].qualifier) == (
        value, currency, "more_than")


def test_a_change_from_one_figure_to_another_is_no_range():
    found = find_money("sales rose from $40m to $55m", "en")
    assert [m.value for m in found] == [40e6, 55e6]
    assert [m.value for m in find_money("en 2024-30 millions d'euros", "fr")] == [30e6]


WRITTEN = [
    ("en", "half a billion dollars", 0.5e9), ("en", "two and a half billion dollars", 2.5e9),
    ("de", "dreieinhalb Milliarden Euro", 3.5e9), ("de", "anderthalb Milliarden Euro", 1.5e9),
    ("es", "más de mil millones de euros", 1e9), ("es", "dos mil millones de dólares", 2e9),
    ("en", "a $35-million round", 35e6), ("en", "a C$12-million grant", 12e6),
]


@pytest.mark.parametrize("language,text,value", WRITTEN, ids=[c[1] for c in WRITTEN])
def test_written_out_and_hyphenated_amounts(language, text, value):
    assert find_money(text, language)[0].value == value


LESS_THAN = [
    ("en", "for less than $5 million"), ("fr", "pour moins de 5 millions d'euros"),
    ("de", "für weniger als 5 Millionen Euro"), ("es", "por menos de 5 millones de euros"),
]


@pytest.mark.parametrize("language,text", LESS_THAN, ids=[c[1] for c in LESS_THAN])
def test_less_than_is_an_upper_bound(language, text):
    assert find_money(text, language)[0].qualifier == "up_to"


def _deal(title: str, text: str, language: str, published=date(2026, 3, 3)):
    deals = analyze(title, text, language, published).deals
    return next(d for d in deals if d.is_primary)


def test_a_local_round_in_a_whole_story():
    deal = _deal(
        "Bilby Robotics raises $18 million",
        "BRISBANE - Bilby Robotics, a Queensland maker of AI weeding robots, has raised $18 "
        "million in a round led by Coral Sea Ventures. The Australian start-up had revenue of "
        "$3 million last year.",
        "en",
    )
    assert (deal.amount, deal.currency) == (18e6, "AUD")
