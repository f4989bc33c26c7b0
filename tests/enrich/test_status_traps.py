import pytest

from enrich import analyze
from enrich.status import merge_statuses, sentence_status


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Meta serait en discussions pour investir dans Scale AI.", "rumored"),
        ("Selon The Information, Meta finalise un accord avec Scale AI.", "rumored"),
        ("Meta is reportedly in talks to invest in Scale AI.", "rumored"),
        ("Meta is in talks, according to people familiar with the matter.", "rumored"),
        ("Helsing soll Berichten zufolge 600 Millionen Euro einsammeln.", "rumored"),
        ("OpenAI estaría en negociaciones para adquirir Windsurf.", "rumored"),
        ("Salesforce has agreed to acquire Informatica.", "announced"),
        ("Capgemini annonce le rachat de WNS.", "announced"),
        ("Nvidia has completed its acquisition of Run:ai.", "completed"),
        ("HPE a finalisé l'acquisition de Juniper Networks.", "completed"),
        ("Microsoft a investi 13 milliards de dollars dans OpenAI.", "completed"),
        ("Amazon and iRobot have called off their merger.", "terminated"),
        ("The talks have fallen apart.", "terminated"),
        ("Le projet de rachat a été abandonné.", "terminated"),
        ("Die Übernahme ist geplatzt.", "terminated"),
        ("Wang rejoindra Meta une fois l'accord finalisé.", "announced"),
        ("The deal is expected to close later this year.", "announced"),
    ],
)
def test_sentence_status(sentence, status):
    assert sentence_status(sentence)[0] == status


def test_merge_statuses():
    assert merge_statuses([("announced", False), ("rumored", True)]) == "rumored"
    assert merge_statuses([("rumored", True), ("terminated", True)]) == "terminated"
    assert merge_statuses([("announced", False), ("completed", False)]) == "completed"
    assert merge_statuses([("rumored", True), ("announced", True)]) == "announced"


def _amounts(result):
    return {d.amount for d in result.deals if d.amount is not None}


TRAPS = [
    ("fr", "Scale AI dégage un chiffre d'affaires de 870 millions de dollars.", 870e6),
    ("fr", "Meta investit 65 milliards de dollars dans l'IA cette année.", 65e9),
    ("fr", "Meta prévoit d'investir jusqu'à 65 milliards de dollars dans l'IA.", 65e9),
    ("en", "The startup has raised $1.2 billion to date from Accel and Sequoia.", 1.2e9),
    ("en", "OpenAI offers pay packages of $10 million a year to researchers.", 10e6),
    ("en", "Nvidia shares closed at $135 per share after Meta invested in the stock.", 135),
    ("en", "The EU fined Google €2.4 billion.", 2.4e9),
    ("fr", "Le marché de l'IA devrait atteindre 1 000 milliards de dollars, selon Meta.", 1e12),
    (
        "fr",
        "Scale AI a signé un contrat de plusieurs millions de dollars avec le Département de "
        "la Défense, et un contrat de 20 millions de dollars avec Meta.",
        20e6,
    ),
]


@pytest.mark.parametrize(("lang", "text", "trap"), TRAPS)
def test_traps_never_become_deal_amounts(lang, text, trap):
    assert trap not in _amounts(analyze("", text, lang))


def test_valuation_goes_to_valuation():
    result = analyze(
        "Cohere raises $500 million",
        "Cohere has raised $500 million led by Nvidia at a $5.5 billion valuation.",
        "en",
    )
    deal = result.primary
    assert deal is not None and deal.amount == 500e6 and deal.valuation == 5.5e9


def test_capex_without_target_is_not_a_deal():
    result = analyze("Meta va dépenser 65 milliards", "Meta investit 65 milliards de dollars dans l'IA.", "fr")
    assert result.deals == () and not result.deal_story
