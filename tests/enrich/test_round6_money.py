"""Classes of amount, currency and status errors fixed in round 6, each in new words (none of
these sentences is in a labelled set)."""

from datetime import date

import pytest

from enrich import analyze
from enrich.money import find_money
from enrich.traps import classify_amount


def _deals(title: str, text: str, language: str, published=date(2026, 4, 14)):
    return analyze(title, text, language, published).deals


def _deal(title: str, text: str, language: str, published=date(2026, 4, 14)):
    return next(d for d in _deals(title, text, language, published) if d.is_primary)


# --- Status: the party's own announcement is not a rumour --------------------------------
# "según ha anunciado la compañía", "selon un communiqué", "wie das Unternehmen mitteilte",
# "according to a statement": the speaker is a party, the deal is announced.
OWN_ANNOUNCEMENT = [
    ("en", "Brackwater agrees to buy Quillon", "Brackwater Foods has agreed to buy Quillon, a "
     "Cardiff start-up that forecasts bakery demand with AI, for £25 million, according to a "
     "statement from the two companies."),
    ("fr", "Ferrand Logistique rachète Pivoine", "Ferrand Logistique rachète Pivoine, une "
     "start-up nantaise qui utilise l'intelligence artificielle pour planifier les tournées, "
     "pour 12 millions d'euros, selon un communiqué publié mardi."),
    ("de", "Lindwurm übernimmt Taktgeber", "Der Maschinenbauer Lindwurm übernimmt das Kölner "
     "KI-Start-up Taktgeber für 18 Millionen Euro, wie das Unternehmen am Dienstag mitteilte."),
    ("es", "Grupo Albarda compra Trébede", "Grupo Albarda ha acordado la compra de Trébede, una "
     "startup zaragozana que optimiza el riego con inteligencia artificial, por 9 millones de "
     "euros, según ha comunicado este lunes a la CNMV."),
    ("es", "Olmo Capital invierte en Pizarra IA", "El fondo Olmo Capital ha acordado invertir 4 "
     "millones de euros en Pizarra IA, una startup leonesa de visión artificial, según ha "
     "anunciado este martes la compañía."),
]


@pytest.mark.parametrize("language,title,text", OWN_ANNOUNCEMENT,
                         ids=[c[1] for c in OWN_ANNOUNCEMENT])
def test_a_partys_own_announcement_is_no_rumour(language, title, text):
    assert _deal(title, text, language).status in ("announced", "completed")


# A source quoted after a public announcement qualifies a detail, not the deal.
ANNOUNCED_THEN_SOURCED = [
    ("en", "Harlow Foods buys Tessel", "Harlow Foods announced on Monday the acquisition of "
     "Tessel, a Leeds start-up whose AI plans warehouse shifts, for about £30 million, "
     "according to two people close to the deal."),
    ("fr", "Maison Verlaine rachète Octave IA", "Le groupe Maison Verlaine a annoncé jeudi "
     "l'acquisition d'Octave IA, une start-up lyonnaise d'analyse des ventes, pour environ 20 "
     "millions d'euros selon des sources proches du dossier."),
    ("de", "Brenner kauft Rechenwerk", "Der Versicherer Brenner hat am Montag die Übernahme des "
     "Kieler KI-Start-ups Rechenwerk angekündigt, Insidern zufolge für rund 30 Millionen "
     "Euro."),
    ("es", "Grupo Lezama compra Alzira IA", "Grupo Lezama anunció este lunes la compra de "
     "Alzira IA, una startup valenciana de visión artificial, por unos 15 millones de euros, "
     "según fuentes cercanas a la operación."),
]


@pytest.mark.parametrize("language,title,text", ANNOUNCED_THEN_SOURCED,
                         ids=[c[1] for c in ANNOUNCED_THEN_SOURCED])
def test_a_source_after_an_announcement_qualifies_only_a_detail(language, title, text):
    assert _deal(title, text, language).status == "announced"


# Announced in a perfect infinitive: done ("a annoncé avoir levé").
PERFECT_INFINITIVE = [
    ("en", "Corvid raises $12 million", "Corvid Labs, a Dublin start-up that checks insurance "
     "claims with AI, announced on Tuesday that it has raised $12 million in a round led by "
     "Liffey Ventures, according to people close to the company."),
    ("fr", "Ombelle lève 7 millions d'euros", "La start-up toulousaine Ombelle a annoncé mardi "
     "avoir levé 7 millions d'euros auprès du fonds Garonne Capital, selon des sources "
     "proches du dossier."),
]


@pytest.mark.parametrize("language,title,text", PERFECT_INFINITIVE,
                         ids=[c[1] for c in PERFECT_INFINITIVE])
def test_an_announced_perfect_infinitive_is_done(language, title, text):
    assert _deal(title, text, language).status == "completed"


# --- Status: an earlier round dated "last year" does not close a deal in talks ---------------
EARLIER_DATED = [
    ("en", "Sorrel in talks to raise $80 million", "Sorrel, a Boston start-up whose AI reads "
     "pathology slides, is in talks to raise about $80 million in a round led by Beacon Hill "
     "Partners, according to people familiar with the matter. Sorrel was valued at $200 "
     "million when it raised $30 million last year."),
    ("fr", "Mirabelle IA en discussions pour lever 30 millions", "La start-up messine "
     "Mirabelle IA serait en discussions pour lever 30 millions d'euros auprès du fonds "
     "Moselle Croissance, selon plusieurs sources. Mirabelle IA avait levé 6 millions d'euros "
     "l'an dernier."),
    ("de", "Kranich soll 40 Millionen Euro einsammeln", "Das Potsdamer KI-Start-up Kranich "
     "verhandelt Insidern zufolge mit Havelland Capital über eine Finanzierungsrunde von 40 "
     "Millionen Euro. Kranich hatte im vergangenen Jahr 8 Millionen Euro eingesammelt."),
    ("es", "Almendro IA negocia una ronda de 25 millones", "La startup murciana Almendro IA "
     "negocia una ronda de 25 millones de euros con el fondo Segura Capital, según fuentes "
     "cercanas. Almendro IA había levantado 5 millones de euros el año pasado."),
    # a pluperfect beside a year is background too
    ("de", "Möwe KI in Gesprächen mit Nordstern", "Der Versicherer Nordstern verhandelt "
     "Insidern zufolge über eine Beteiligung an dem Bremer KI-Unternehmen Möwe KI. Möwe KI "
     "hatte 2024 mehr als 30 Millionen Euro eingesammelt, unter anderem von Weser Kapital."),
    ("en", "Tidewell said to be in talks with Harbourside", "Harbourside Capital is in talks "
     "to invest $60 million in Tidewell, a Cork start-up that forecasts ferry demand with AI, "
     "according to people familiar with the matter. Tidewell had raised $9 million from "
     "Shannon Ventures in 2024."),
]


@pytest.mark.parametrize("language,title,text", EARLIER_DATED,
                         ids=[c[1] for c in EARLIER_DATED])
def test_an_earlier_dated_round_does_not_close_the_reported_one(language, title, text):
    deals = _deals(title, text, language)
    primary = next(d for d in deals if d.is_primary)
    assert primary.status == "rumored"


# --- Status: the plan of a merged company is no rumour ------------------------------------
MERGED_PLAN = [
    ("de", "Zahlwerk und Lotsendienst fusionieren", "Die Hamburger KI-Firmen Zahlwerk und "
     "Lotsendienst fusionieren. Das teilten beide Unternehmen am Mittwoch mit. Das fusionierte "
     "Unternehmen soll unter dem Namen Lotsendienst auftreten."),
    ("en", "Pellam and Torrin merge", "British AI firms Pellam and Torrin said on Wednesday "
     "they would merge. The combined company could list in London within two years, Pellam "
     "said."),
]


@pytest.mark.parametrize("language,title,text", MERGED_PLAN, ids=[c[1] for c in MERGED_PLAN])
def test_the_plan_of_a_merged_company_is_no_rumour(language, title, text):
    assert _deal(title, text, language).status == "announced"


# --- Amounts: what the company does is not what the amount is ------------------------------
# A relative clause or apposition before the deal verb ("which writes software for
# contractors, closed a $21 million Series A") speaks of the company, not of the amount.
CLAUSE_BEFORE_VERB = [
    ("en", "Kettlewise, which makes AI scheduling software for plumbing and heating "
     "contractors, closed a $21 million Series A.", 21e6),
    ("fr", "Corniche, qui numérise les contrats des artisans, a bouclé une levée de 4 millions "
     "d'euros.", 4e6),
    ("de", "Paragraf, eine Plattform für Vertragsmanagement, hat 5 Millionen Euro "
     "eingesammelt.", 5e6),
    ("es", "Arrendia, que gestiona contratos, ha cerrado una ronda de 3 millones de euros.",
     3e6),
]


@pytest.mark.parametrize("language,text,value", CLAUSE_BEFORE_VERB,
                         ids=[c[1][:30] for c in CLAUSE_BEFORE_VERB])
def test_a_clause_before_the_verb_sets_no_trap(language, text, value):
    found = [m for m in find_money(text, language, text) if m.value == value]
    assert found
    assert classify_amount(text, found[0].start, found[0].end) == "deal"


def test_a_contract_is_still_a_trap():
    text = "Kettlewise, a Dayton start-up, signed a contract worth $21 million with Ohio."
    money = find_money(text, "en", text)[0]
    assert classify_amount(text, money.start, money.end) == "contract"


# --- Amounts: a payment summed up is the price, not a running total -------------------------
PAID_TOTAL = [
    ("en", "Plexa will pay a total of $8 million over three years for the licence.", 8e6),
    ("fr", "Le groupe versera au total 5 millions d'euros sur quatre ans.", 5e6),
    ("de", "Der Versicherer zahlt dafür über drei Jahre insgesamt 2 Millionen Euro.", 2e6),
    ("es", "La aseguradora pagará en total 2 millones de euros por la licencia.", 2e6),
]


@pytest.mark.parametrize("language,text,value", PAID_TOTAL, ids=[c[1][:30] for c in PAID_TOTAL])
def test_a_payment_summed_up_is_the_price(language, text, value):
    money = next(m for m in find_money(text, language, text) if m.value == value)
    assert classify_amount(text, money.start, money.end) == "deal"


@pytest.mark.parametrize("language,text", [
    ("en", "Plexa has raised a total of $8 million from angels."),
    ("de", "Pixelwerk hat bislang insgesamt 6 Millionen Euro eingesammelt."),
])
def test_funds_raised_in_total_stay_a_running_total(language, text):
    money = find_money(text, language, text)[0]
    assert classify_amount(text, money.start, money.end) == "total"


# --- Traps: what a deal adds to revenue is revenue ------------------------------------------
ADDED_REVENUE = [
    ("en", "Tarrow said the deal would add about $30 million to its annual revenue."),
    ("fr", "Selon Orvault, l'opération ajoutera 5 millions d'euros à son chiffre d'affaires."),
    ("de", "Der Zukauf soll rund 8 Millionen Euro zum Jahresumsatz beitragen."),
    ("es", "La compra aportará unos 6 millones de euros a sus ingresos anuales."),
]


@pytest.mark.parametrize("language,text", ADDED_REVENUE, ids=[c[1][:30] for c in ADDED_REVENUE])
def test_an_amount_added_to_revenue_is_revenue(language, text):
    money = find_money(text, language, text)[0]
    assert classify_amount(text, money.start, money.end) == "revenue"


def test_a_price_paid_to_someone_is_no_revenue():
    text = "Tarrow paid $30 million to the founders of Plinth."
    money = find_money(text, "en", text)[0]
    assert classify_amount(text, money.start, money.end) == "deal"


# --- Amounts: a round the clause itself dates "last year" keeps its amount ------------------
OWN_DATED_ROUND = [
    ("en", "Bedside, a London start-up whose AI plans hospital discharges, has 40 staff and "
     "raised £6 million last year.", 6e6, "GBP"),
    ("fr", "Corniche, une start-up lilloise d'intelligence artificielle, compte 30 salariés et "
     "a levé 3 millions d'euros l'an dernier.", 3e6, "EUR"),
]


@pytest.mark.parametrize("language,text,value,currency", OWN_DATED_ROUND,
                         ids=[c[1][:30] for c in OWN_DATED_ROUND])
def test_a_round_dated_last_year_by_its_own_clause_keeps_its_amount(language, text, value,
                                                                    currency):
    deals = [d for d in _deals("Briefs", text, language) if d.deal_type == "funding_round"]
    assert [(d.amount, d.currency) for d in deals] == [(value, currency)]


def test_a_new_round_does_not_take_last_years_amount():
    deal = _deal("Bedside raises £20 million", "Bedside, a London start-up whose AI plans "
                 "hospital discharges, has raised £20 million in a Series B led by Thames "
                 "Growth, after a £6 million round last year.", "en")
    assert (deal.amount, deal.currency) == (20e6, "GBP")
