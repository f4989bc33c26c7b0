"""Classes of errors fixed in the fourth round on unknown companies, each in new words
(none of these sentences is in a labelled set)."""

import pytest

from enrich import analyze
from enrich.fx import usd_rate
from enrich.money import find_money

# An amount in its own currency, then a conversion in parentheses: the unit word after the
# number decides, and the conversion keeps its own currency.
CONVERTED = [
    ("en", "it paid 310 million Norwegian crowns ($29 million) for the yard", 310e6, "NOK"),
    ("en", "for 70 million zlotys ($18 million), the bank said", 70e6, "PLN"),
    ("en", "a loan of 2 billion forints ($5.5 million)", 2e9, "HUF"),
    ("en", "for 900 million rand ($49 million)", 900e6, "ZAR"),
    ("en", "for 140 million ringgit ($31 million)", 140e6, "MYR"),
    ("en", "for 3 billion baht ($87 million)", 3e9, "THB"),
    ("en", "for 1.2 billion Turkish lira ($36 million)", 1.2e9, "TRY"),
    ("en", "for 800 million Czech crowns ($35 million)", 800e6, "CZK"),
    ("en", "for 60 million dirhams ($16 million)", 60e6, "AED"),
    ("fr", "pour 40 millions de couronnes danoises (5,4 millions d'euros)", 40e6, "DKK"),
    ("fr", "pour 12 millions de zlotys (2,8 millions d'euros)", 12e6, "PLN"),
    ("de", "für 500 Millionen norwegische Kronen (43 Millionen Euro)", 500e6, "NOK"),
    ("de", "für 300 Millionen Forint (780.000 Euro)", 300e6, "HUF"),
    ("es", "por 25 millones de coronas noruegas (2,2 millones de euros)", 25e6, "NOK"),
    ("es", "por 90 millones de eslotis (21 millones de euros)", 90e6, "PLN"),
]


@pytest.mark.parametrize("language,text,value,currency", CONVERTED, ids=[c[1] for c in CONVERTED])
def test_amount_keeps_its_own_currency_before_a_conversion(language, text, value, currency):
    found = find_money(text, language)
    assert (found[0].value, found[0].currency) == (value, currency)
    assert found[1].currency in ("USD", "EUR")
    assert usd_rate(currency) is not None


# Crowns with no adjective belong to the country the text names.
BARE_CROWNS = [
    ("en", "The Oslo start-up raised 200 million crowns.", None, "NOK"),
    ("en", "It raised 200 million crowns.", "A Copenhagen software house.", "DKK"),
    ("en", "Its backers put in 90 million kronor.", None, "SEK"),
    ("fr", "La start-up de Stockholm lève 100 millions de couronnes.", None, "SEK"),
    ("de", "Das Start-up aus Oslo sammelt 80 Millionen Kronen ein.", None, "NOK"),
    ("es", "La empresa de Copenhague recauda 50 millones de coronas.", None, "DKK"),
]


@pytest.mark.parametrize("language,text,context,currency", BARE_CROWNS,
                         ids=[c[1] for c in BARE_CROWNS])
def test_bare_crowns_by_country(language, text, context, currency):
    assert find_money(text, language, context)[0].currency == currency


def test_unsettled_crowns_take_no_currency_of_a_conversion():
    deals = analyze(
        "Fjordlys raises 300 million crowns",
        "OSLO - Fjordlys, a maker of AI software for fish farms, said it raised 300 million "
        "crowns ($28 million) in a round led by Havbruk Invest.",
        "en",
    ).deals
    assert [(d.target, d.amount, d.currency) for d in deals][:1] == [
        ("Fjordlys", 300e6, "NOK")
    ], deals


# Amounts written in number words, one to twenty and the tens.
WORDED = [
    ("en", "it raised fourteen million dollars", 14e6, "USD"),
    ("en", "a round of sixty million euros", 60e6, "EUR"),
    ("fr", "elle lève treize millions d'euros", 13e6, "EUR"),
    ("fr", "pour soixante millions de dollars", 60e6, "USD"),
    ("de", "sammelt elf Millionen Euro ein", 11e6, "EUR"),
    ("de", "für achtzehn Millionen Franken", 18e6, "CHF"),
    ("de", "für dreißig Millionen Euro", 30e6, "EUR"),
    ("es", "capta doce millones de euros", 12e6, "EUR"),
    ("es", "por diecisiete millones de dólares", 17e6, "USD"),
    ("es", "por cuarenta millones de euros", 40e6, "EUR"),
]


@pytest.mark.parametrize("language,text,value,currency", WORDED, ids=[c[1] for c in WORDED])
def test_amount_in_number_words(language, text, value, currency):
    found = find_money(text, language)
    assert [(m.value, m.currency) for m in found] == [(value, currency)]


@pytest.mark.parametrize("text", ["He once said so.", "often million", "Sechstausend Mitarbeiter"])
def test_number_word_inside_other_words_is_no_amount(text):
    assert find_money(text, "en") == []


# A name with a lower-case joint ("de", "des", "del") that the story writes twice in full is
# one name, not a descriptor before a shorter one.
JOINED_NAMES = [
    ("fr", "La Fromagerie des Causses rachète Lactimo",
     "La Fromagerie des Causses a racheté Lactimo, une start-up qui prévoit la production de "
     "lait avec l'IA. La Fromagerie des Causses emploie 400 personnes.",
     ("Fromagerie des Causses",), "Lactimo"),
    ("es", "Vinalia, vendida",
     "La startup de IA Vinalia ha sido adquirida por Quesos del Norte. Quesos del Norte tiene "
     "300 empleados.",
     ("Quesos del Norte",), "Vinalia"),
    ("fr", "Coopérative : Terre de Brenne s'offre Agrisens",
     "La coopérative Terre de Brenne a acquis Agrisens, qui conçoit des capteurs dotés d'IA. "
     "Terre de Brenne compte 2 000 adhérents.",
     ("Terre de Brenne",), "Agrisens"),
]


@pytest.mark.parametrize("language,title,text,buyers,target", JOINED_NAMES,
                         ids=[c[1] for c in JOINED_NAMES])
def test_joined_name_written_twice_stays_whole(language, title, text, buyers, target):
    deals = analyze(title, text, language).deals
    assert [(d.buyers, d.target) for d in deals][:1] == [(buyers, target)], deals


# Legal suffixes name no other company: "Quintal Datos S.L." is "Quintal Datos".
LEGAL = [
    ("es", "Quintal Datos compra Ferrovia",
     "Quintal Datos S.L. ha comprado Ferrovia, una startup de IA ferroviaria. Quintal Datos "
     "pagó 8 millones de euros.", "Quintal Datos S.L."),
    ("de", "Holzwerk kauft Sägebot",
     "Die Holzwerk Brandt GmbH & Co. KG übernimmt das KI-Start-up Sägebot.",
     "Holzwerk Brandt GmbH & Co. KG"),
    ("en", "Marlin Rowe buys Tidebyte",
     "Marlin Rowe B.V. has bought Tidebyte, a maker of AI tide forecasts.", "Marlin Rowe B.V."),
    ("fr", "Rovera rachète Vigne.ai",
     "Rovera S.p.A. a racheté Vigne.ai, une start-up d'IA viticole.", "Rovera S.p.A."),
]


@pytest.mark.parametrize("language,title,text,written", LEGAL, ids=[c[1] for c in LEGAL])
def test_legal_suffix_is_no_part_of_the_name(language, title, text, written):
    from enrich.companies import strip_legal_suffix

    bare = strip_legal_suffix(written)
    assert bare != written and bare in text
    names = {n for d in analyze(title, text, language).deals for n in (*d.buyers, d.target)}
    assert bare in names and written not in names, names


# A capitalised ordinary word opening a span the story writes twice in full is part of the
# name; when the shorter name also stands alone, the first word was only a descriptor.
RECURRING = [
    ("Deal for Tidemark",
     "Harbor Quindell has bought Tidemark, a maker of AI chat software. Harbor Quindell runs "
     "40 shops.", "Harbor Quindell"),
    ("Deal for Tidemark",
     "Market Zorvane has bought Tidemark, a maker of AI chat software. Market Zorvane runs 40 "
     "shops.", "Market Zorvane"),
    ("Deal for Tidemark",
     "Harbor Quindell has bought Tidemark, a maker of AI chat software. Quindell runs 40 "
     "shops.", "Quindell"),
]


@pytest.mark.parametrize("title,text,buyer", RECURRING, ids=[c[2] for c in RECURRING])
def test_span_written_twice_in_full_is_the_name(title, text, buyer):
    deals = analyze(title, text, "en").deals
    assert [(d.buyers, d.target) for d in deals][:1] == [((buyer,), "Tidemark")], deals


# A price after a comma belongs to the deal, whatever the description before the comma says
# ("a maker of sales software, for about $300 million").
PRICES_AFTER_DESCRIPTION = [
    ("en", "Orvane is in talks to buy Quillo, a start-up whose software forecasts retail sales, "
     "for about $300 million, according to people familiar with the matter.", 300e6),
    ("fr", "Vasselin rachète Ventix, qui prédit le chiffre d'affaires des magasins, pour environ "
     "40 millions d'euros.", 40e6),
    ("de", "Talberg kauft Umsatzlotse, einen Anbieter von Software für den Umsatz im Handel, "
     "für rund 25 Millionen Euro.", 25e6),
    ("es", "Miravia compra Ventalia, que predice las ventas y los ingresos de las tiendas, por "
     "unos 12 millones de euros.", 12e6),
]


@pytest.mark.parametrize("language,text,value", PRICES_AFTER_DESCRIPTION,
                         ids=[c[0] for c in PRICES_AFTER_DESCRIPTION])
def test_price_after_a_comma_is_the_deal_amount(language, text, value):
    from enrich.traps import classify_amount

    money = find_money(text, language)[0]
    assert money.value == value
    assert classify_amount(text, money.start, money.end) == "deal"


def test_revenue_amount_stays_revenue():
    from enrich.traps import classify_amount

    text = "The start-up, which makes tools for shops, reported revenue of $30 million."
    money = find_money(text, "en")[0]
    assert classify_amount(text, money.start, money.end) == "revenue"


# A grant is public money given, never the amount of a funding round.
GRANTS = [
    ("en", "Pellucid, which raised $4 million last year, won a grant of $900,000 from the state."),
    ("fr", "Ventix a obtenu une subvention de 600 000 euros de la région."),
    ("de", "Lagerlotse erhält eine Förderung von 1,2 Millionen Euro vom Land."),
    ("es", "Ventalia recibió una subvención de 300.000 euros del Gobierno regional."),
]


@pytest.mark.parametrize("language,text", GRANTS, ids=[c[0] for c in GRANTS])
def test_grant_amount_is_no_round(language, text):
    from enrich.traps import classify_amount

    money = find_money(text, language)[-1]
    assert classify_amount(text, money.start, money.end) == "grant"
