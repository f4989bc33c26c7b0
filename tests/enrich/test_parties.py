"""Party finding for companies in no list: candidates from the text, negative evidence,
roles, lead investors, money, status and tagging.  Every sentence is written for these
tests (companies invented, none in the labelled sets)."""

import json

import pytest

from enrich import analyze
from enrich.candidates import candidate_names
from enrich.companies import default_gazetteer
from enrich.evaluate import DEFAULT_SET, SETS_DIR
from enrich.money import find_money


def _deal(title, text="", language="en"):
    result = analyze(title, text, language)
    assert result.primary is not None, result
    return result.primary


def _names(text, language="en"):
    return candidate_names(text, [(0, len(text))], language)


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Das Münchner KI-Start-up Lumexa hat 8 Millionen Euro eingesammelt.", "de", "Lumexa"),
        ("Der Zürcher Versicherer Oltrava kauft das Start-up Brekko.", "de", "Oltrava"),
        ("Investors led by Marlow Peak Partners backed Sundrel.", "en", "Marlow Peak Partners"),
        ("La ronde est menée par Fonds Gaspésie avec Brumaire.", "fr", "Fonds Gaspésie"),
        ("Stockholm-based Tervala raises $4 million.", "en", "Tervala"),
        ("Nordwind & Co acquires the firm loop9 and Mol.X.", "en", "Nordwind & Co"),
        ("Nordwind & Co acquires the firm loop9 and Mol.X.", "en", "loop9"),
    ],
)
def test_candidates_are_read_from_the_text(text, language, name):
    assert name in _names(text, language)


@pytest.mark.parametrize(
    ("text", "language", "not_a_name"),
    [
        ("The Series B was led by Ardent Peak.", "en", "Series B"),
        ("“We grew fast,” said Marta Kowalski as Brevio raised $3 million.", "en", "Marta Kowalski"),
        ("Mr Oduya said Brevio raised $3 million.", "en", "Oduya"),
        ("The Barcelona AI start-up Quevra raised €2 million.", "en", "Barcelona AI"),
        ("Die Finanzierungsrunde von Lumexa wurde am Dienstag abgeschlossen.", "de", "Finanzierungsrunde"),
        ("Die Finanzierungsrunde von Lumexa wurde am Dienstag abgeschlossen.", "de", "Dienstag"),
        ("Harbor signed the deal in Gothenburg.", "en", "Harbor"),
        ("Harbor signed the deal in Gothenburg.", "en", "Gothenburg"),
    ],
)
def test_non_companies_are_no_candidates(text, language, not_a_name):
    assert not any(not_a_name in n for n in _names(text, language))


def test_an_ordinary_word_is_a_name_right_after_a_cue():
    deal = _deal("The fintech start-up Lantern raises $7 million from Osprey Ventures")
    assert deal.target == "Lantern" and deal.buyers == ("Osprey Ventures",)


def test_a_place_used_as_an_adjective_is_no_party():
    deal = _deal("SoftBank buys Osaka robotics start-up Kazemi for ¥4 billion")
    assert (deal.buyers, deal.target) == (("SoftBank",), "Kazemi")
    assert (deal.amount, deal.currency) == (4e9, "JPY")


def test_sale_verbs_name_the_buyer_after_to():
    deal = _deal("", "Ostrava Capital sold Quellwerk to the Belgian group Vandelaar for €40 million.")
    assert (deal.buyers, deal.target, deal.deal_type) == (("Vandelaar",), "Quellwerk", "acquisition")
    deal = _deal("", "La start-up Brivane a été cédée au groupe de transport Morlaix Mobilité.", "fr")
    assert (deal.buyers, deal.target, deal.status) == (("Morlaix Mobilité",), "Brivane", "completed")


def test_a_licence_to_someone_makes_them_the_licensee():
    deal = _deal("Norvane licenses its speech models to carmaker Teldrum for $12 million")
    assert (deal.buyers, deal.target, deal.deal_type) == (("Teldrum",), "Norvane", "licensing")


def test_passive_buyer_after_describing_words():
    deal = _deal("", "Pilota, the drone-software firm, has been acquired by Danish shipping group Ostervang.")
    assert (deal.buyers, deal.target) == (("Ostervang",), "Pilota")


def test_investors_of_a_round_named_in_the_next_sentence():
    deal = _deal("Brevio raises $14 million",
                 "Brevio has raised $14 million. The Series A was led by Ardent Peak, "
                 "with Solvane Partners also investing.")
    assert deal.target == "Brevio" and set(deal.buyers) == {"Ardent Peak", "Solvane Partners"}
    assert deal.lead_investors == ("Ardent Peak",)


@pytest.mark.parametrize(
    ("text", "language", "lead"),
    [
        ("Cavalor lève 6 millions d'euros lors d'un tour mené par Rance Capital, avec Iroise Ventures.",
         "fr", ("Rance Capital",)),
        ("Das Start-up Feldmark hat 9 Millionen Euro eingesammelt, angeführt von Spessart Capital "
         "und Rhön Ventures.", "de", ("Spessart Capital", "Rhön Ventures")),
        ("Telvira ha cerrado una ronda de 3 millones de euros liderada por Duero Capital.", "es",
         ("Duero Capital",)),
    ],
)
def test_lead_investors(text, language, lead):
    assert _deal("", text, language).lead_investors == lead


def test_the_company_that_speaks_is_invested_in():
    deal = _deal("", "Dunmore said on Monday that Kiyose Holdings would invest $30 million for a 10% stake.")
    assert (deal.buyers, deal.target, deal.stake_percent) == (("Kiyose Holdings",), "Dunmore", 10.0)


@pytest.mark.parametrize(
    ("text", "language", "value", "currency"),
    [
        ("₹85 crore", "en", 850e6, "INR"),
        ("₹50 lakh", "en", 5e6, "INR"),
        ("200 crore de rupias", "es", 2e9, "INR"),
        ("40 billion won", "en", 40e9, "KRW"),
        ("15.000 millones de wones", "es", 15e9, "KRW"),
        ("240 million Swedish kronor", "en", 240e6, "SEK"),
        ("150 millones de coronas suecas", "es", 150e6, "SEK"),
        ("2.000 millones de yenes", "es", 2e9, "JPY"),
        ("mehr als 100 Millionen Euro", "de", 100e6, "EUR"),
    ],
)
def test_currencies_and_indian_scales(text, language, value, currency):
    [money] = find_money(text, language)
    assert (money.value, money.currency) == (value, currency)


@pytest.mark.parametrize(
    ("text", "language", "status"),
    [
        ("Quevra has raised $6 million from Osprey Ventures.", "en", "completed"),
        ("Quevra a levé 6 millions d'euros auprès d'Osprey Ventures.", "fr", "completed"),
        ("Quevra hat 6 Millionen Euro von Osprey Ventures eingesammelt.", "de", "completed"),
        ("Lantern has agreed to buy Quevra for $60 million.", "en", "announced"),
        ("Lantern renonce au rachat de Quevra.", "fr", "terminated"),
        ("Die Übernahme von Quevra durch Lantern ist gescheitert.", "de", "terminated"),
        ("Lantern ha renunciado a la compra de Quevra.", "es", "terminated"),
        ("Lantern et Quevra ont conclu un accord de fusion.", "fr", "announced"),
    ],
)
def test_status_words(text, language, status):
    assert _deal("", text, language).status == status


def test_link_lines_are_not_deals():
    result = analyze("Quevra opens a Lisbon office",
                     "Quevra will hire 40 engineers.\n\nRead more: Brevio raises $9 million", "en")
    assert result.deals == ()


def test_a_headline_that_states_a_deal_makes_a_deal_story():
    assert analyze("Vortaq übernimmt Sensa", "Die Nachricht kam am Montag.", "de").deal_story
    assert not analyze("Orvita investiert in Frankreich", "Neue Werke entstehen.", "de").deal_story


def test_alias_index_finds_what_the_alternation_finds():
    gazetteer = default_gazetteer()
    texts = [json.loads(line)["text"] for line in DEFAULT_SET.read_text(encoding="utf-8").splitlines()]
    texts += [(SETS_DIR / "unknown_set.jsonl").read_text(encoding="utf-8")]
    texts += ["Meta-backed X, Meta-Capital, OpenAIs, @Meta, Run:ai's C3.ai, MetaMeta, Meta_x, Meta"]
    for text in texts:
        expected = [(m.start(), m.end(), m.group(0)) for m in gazetteer._pattern.finditer(text)]
        assert list(gazetteer._alias_spans(text)) == expected
