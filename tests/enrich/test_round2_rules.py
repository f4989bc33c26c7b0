"""Classes of errors fixed in the second round on unknown companies, each in new words
(none of these sentences is in a labelled set)."""

import pytest

from enrich import analyze

CASES = [
    # a buyer pays in the next sentence; the amount comes before a verb-final participle
    ("de", "Logistik-Software: Frachtwerk kauft Tourlabor",
     "Frachtwerk übernimmt das Leipziger KI-Start-up Tourlabor. Frachtwerk zahlt dafür 14 "
     "Millionen Euro.", (("Frachtwerk",), "Tourlabor", "acquisition", 14e6, "EUR")),
    ("de", "Übernahme geplatzt",
     "Die Übernahme von Vibrox durch Kalmor ist gescheitert. Kalmor hatte 30 Millionen Euro "
     "geboten.", (("Kalmor",), "Vibrox", "acquisition", 30e6, "EUR")),
    # German verb-second: the subject follows the verb
    ("de", "Geld für Bremer KI-Firma",
     "In Bremen sammelte das KI-Start-up Wellenwerk 6 Millionen Euro ein. Angeführt wurde die "
     "Runde von Weser Kapital.", (("Weser Kapital",), "Wellenwerk", "funding_round", 6e6, "EUR")),
    ("de", "Konzern prüft Kauf",
     "Laut Insidern erwägt der Konzern Welmar Industrie den Kauf von Optivo.",
     (("Welmar Industrie",), "Optivo", "acquisition", None, None)),
    # parties of a merger apart, or named as "the two companies"
    ("fr", "Fusion dans le logiciel",
     "Les éditeurs Calvane, basé à Rouen, et Brisolis, installé à Caen, ont annoncé leur fusion.",
     (("Calvane",), "Brisolis", "merger", None, None)),
    ("es", "Nace un nuevo grupo",
     "Durante años, Rutalia y Cargomex compitieron en México.\nLas dos compañías han completado "
     "su fusión.", (("Rutalia",), "Cargomex", "merger", None, None)),
    # a title-case press-release headline: its verbs are no names
    ("en", "Tessaline Announces Acquisition Of Graphwell",
     "Tessaline has acquired Graphwell, a maker of AI charting tools, for $12 million.",
     (("Tessaline",), "Graphwell", "acquisition", 12e6, "USD")),
    # the company that receives an investment is its target
    ("es", "Inversión en Granada",
     "La empresa granadina Alhambra Vision ha recibido una inversión de 4 millones de euros de "
     "Sierra Nevada Capital.",
     (("Sierra Nevada Capital",), "Alhambra Vision", "investment", 4e6, "EUR")),
]


@pytest.mark.parametrize("language,title,text,expected", CASES, ids=[c[1] for c in CASES])
def test_round2_classes(language, title, text, expected):
    deals = analyze(title, text, language).deals
    got = [(d.buyers, d.target, d.deal_type, d.amount, d.currency) for d in deals]
    assert got[0] == expected, got
    assert len(deals) == 1, got


def test_the_unit_of_a_group_is_bought_not_the_group():
    deals = analyze(
        "Harwood in talks to buy Pellam's AI mapping unit",
        "Harwood Group is in talks to buy Mapforge, the AI mapping unit of Pellam Industries, "
        "people familiar with the matter said.",
        "en",
    ).deals
    assert [(d.buyers, d.target, d.status) for d in deals] == [
        (("Harwood Group",), "Mapforge", "rumored")
    ]


def test_status_of_received_and_passive_perfects():
    for title, text, language in [
        ("", "Brétal ha sido adquirida por Navamar por una cifra no revelada.", "es"),
        ("", "Quorix has been acquired by Delmont for $8 million.", "en"),
        ("", "Tekvia announced the closing of a $9 million Series A led by Orvane Capital.", "en"),
    ]:
        deals = analyze(title, text, language).deals
        assert [d.status for d in deals] == ["completed"], (text, deals)


def test_raised_concerns_is_no_funding_round():
    deals = analyze(
        "Vantor drops bid for Kelmo",
        "Vantor has called off its $300 million takeover of Kelmo after regulators raised concerns.",
        "en",
    ).deals
    assert [(d.buyers, d.target, d.deal_type) for d in deals] == [(("Vantor",), "Kelmo", "acquisition")]
