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


# --- Amounts stated apart from the deal clause -----------------------------------------------
# A reported price in the sentence after a takeover is its amount, in the four languages.
REPORTED_PRICE = [
    ("en", "Halvard Tools in talks to buy Corvex", "Halvard Tools is in talks to buy the "
     "Leeds start-up Corvex, which sells AI inspection software. A price of about £90 million "
     "is being discussed, two people familiar with the matter said.", 90e6, "GBP"),
    ("fr", "Le groupe Marbeuf veut racheter Talvio", "Le groupe Marbeuf négocie le rachat de la "
     "start-up lilloise Talvio, spécialiste de la vision par ordinateur. Un prix d'environ 70 "
     "millions d'euros est évoqué, selon deux sources proches du dossier.", 70e6, "EUR"),
    ("de", "Hollmann will Sensorik-Start-up Brückwerk kaufen", "Der Maschinenbauer Hollmann "
     "verhandelt Insidern zufolge über die Übernahme des Start-ups Brückwerk. Im Raum steht "
     "ein Kaufpreis von rund 120 Millionen Euro, sagten mit der Sache vertraute Personen.",
     120e6, "EUR"),
    ("es", "Grupo Ordaz negocia la compra de Lumbre", "Grupo Ordaz negocia la compra de la "
     "startup valenciana Lumbre, que analiza datos de riego con IA. Se baraja un precio de "
     "unos 35 millones de euros, según fuentes cercanas.", 35e6, "EUR"),
]


@pytest.mark.parametrize("language,title,text,value,currency", REPORTED_PRICE,
                         ids=[c[1] for c in REPORTED_PRICE])
def test_a_reported_price_is_the_takeovers_amount(language, title, text, value, currency):
    deal = _deal(title, text, language)
    assert (deal.amount, deal.currency, deal.status) == (value, currency, "rumored")


def test_a_figure_beside_undisclosed_terms_stays_an_estimate():
    deal = _deal("Orvane buys Pellit", "Orvane has bought the analytics start-up Pellit. The "
                 "price was not disclosed, but one report put it near $40 million.", "en")
    assert deal.amount is None


# The buyer named by its kind pays in the next sentence.
PAYER_BY_KIND = [
    ("en", "Norfell Re takes a stake in Quillon", "The insurer Norfell Re is taking a 20% stake "
     "in Quillon, a Dublin start-up that prices flood risk with machine learning. The insurer "
     "is paying €18 million, the companies said.", 18e6, "EUR"),
    ("fr", "Les Laboratoires Ferrand signent une licence avec Cyanis", "Les Laboratoires Ferrand ont signé "
     "un accord de licence avec Cyanis, une start-up nantaise qui conçoit des anticorps par IA. "
     "Le laboratoire paiera 6 millions d'euros à la signature.", 6e6, "EUR"),
    ("de", "Reederei Albrand beteiligt sich an Seekarte", "Die Reederei Albrand beteiligt sich "
     "mit 25 Prozent an dem Kieler Start-up Seekarte, das Routen mit KI plant. Die Reederei "
     "zahlt dafür 9 Millionen Euro, teilten beide Unternehmen mit.", 9e6, "EUR"),
    ("es", "Seguros Navarro entra en Datalia", "La aseguradora Seguros Navarro compra el 15% de "
     "Datalia, una startup bilbaína de modelos de riesgo. La aseguradora desembolsará 4 "
     "millones de euros.", 4e6, "EUR"),
]


@pytest.mark.parametrize("language,title,text,value,currency", PAYER_BY_KIND,
                         ids=[c[1] for c in PAYER_BY_KIND])
def test_a_buyer_named_by_its_kind_pays_the_amount(language, title, text, value, currency):
    deal = _deal(title, text, language)
    assert (deal.amount, deal.currency) == (value, currency)


def test_a_deal_told_in_the_third_paragraph_takes_the_price_after_it():
    text = (
        "Der Landmaschinenhersteller Ackerbold hat lange gezögert. Die Preise für Traktoren "
        "sinken seit Jahren. Die Händler klagen über volle Lager. Der Vorstand suchte nach "
        "neuen Geschäften. Ein erster Versuch mit Drohnen scheiterte. Nun wagt das Unternehmen "
        "einen neuen Schritt.\n"
        "Ackerbold übernimmt das Münchner Start-up Feldauge, das mit KI Unkraut auf Fotos "
        "erkennt. Der Konzern zahlt dafür 14 Millionen Euro. Feldauge beschäftigt 30 Leute."
    )
    deal = _deal("Ackerbold kauft Feldauge", text, "de")
    assert (deal.amount, deal.currency) == (14e6, "EUR")


TAKEOVER_VALUES = [
    ("en", "Brantley to acquire Solvo", "Brantley agreed to acquire the Austin start-up Solvo. "
     "The deal values Solvo at $210 million, including debt.", 210e6),
    ("fr", "Kermor rachète Algue IA", "Kermor va racheter la start-up brestoise Algue IA. "
     "L'opération valorise la cible à 48 millions d'euros.", 48e6),
    ("es", "Ibérica Data compra Mirlo", "Ibérica Data ha acordado la compra de la startup "
     "sevillana Mirlo. La operación valora a la compañía en 22 millones de euros.", 22e6),
]


@pytest.mark.parametrize("language,title,text,value", TAKEOVER_VALUES,
                         ids=[c[1] for c in TAKEOVER_VALUES])
def test_the_value_a_takeover_gives_its_target_is_the_price(language, title, text, value):
    assert _deal(title, text, language).amount == value


def test_of_two_values_the_targets_is_the_price():
    deal = _deal("Brennick buys Lumen Rail", "Brennick has agreed to buy Lumen Rail, a maker "
                 "of AI signalling software, in an all-stock deal. The deal values Brennick at "
                 "$9 billion and Lumen Rail at $1.4 billion.", "en")
    assert deal.amount == 1.4e9


def test_an_amount_that_qualifies_the_deal_noun():
    deal = _deal("Harwick and Ostrom call off their merger", "Harwick and Ostrom have agreed to "
                 "end their merger agreement. Under the $3 billion deal struck in 2025, "
                 "Harwick would have bought the AI chip designer.", "en")
    assert (deal.amount, deal.status) == (3e9, "terminated")


# --- Earlier rounds told as background -------------------------------------------------------
EARLIER_ROUND = [
    ("en", "Pallav AI raises Rs 60 crore", "Pallav AI, a Pune start-up that reads X-rays with "
     "AI, raises Rs 60 crore in a Series A led by Sahyadri Capital. Pallav AI had raised Rs 8 "
     "crore from Konkan Angels in 2024.", 600e6, "INR", ("Sahyadri Capital",)),
    ("fr", "Garance IA lève 9 millions d'euros", "La start-up rennaise Garance IA lève 9 "
     "millions d'euros auprès du fonds Armor Croissance. Garance IA avait levé 1,5 million "
     "d'euros en 2023 lors d'un tour mené par Breizh Angels.", 9e6, "EUR",
     ("Armor Croissance",)),
    ("de", "Weidlich sammelt 20 Millionen Euro ein", "Das Dresdner KI-Start-up Weidlich sammelt "
     "20 Millionen Euro bei Elbtal Ventures ein. Weidlich hatte 2024 drei Millionen Euro in "
     "einer Runde unter Führung von Sachsen Kapital eingesammelt.", 20e6, "EUR",
     ("Elbtal Ventures",)),
    ("es", "Alcor IA capta 12 millones de euros", "La startup malagueña Alcor IA capta 12 "
     "millones de euros en una ronda liderada por Bahía Capital. Alcor IA había captado 2 "
     "millones de euros en 2024 en una ronda liderada por el fondo Sur Semilla.", 12e6, "EUR",
     ("Bahía Capital",)),
]


@pytest.mark.parametrize("language,title,text,value,currency,buyers", EARLIER_ROUND,
                         ids=[c[1] for c in EARLIER_ROUND])
def test_an_earlier_round_does_not_join_the_new_one(language, title, text, value, currency,
                                                     buyers):
    deal = _deal(title, text, language)
    assert (deal.amount, deal.currency, deal.status) == (value, currency, "announced")
    assert deal.buyers == buyers


# --- Status ----------------------------------------------------------------------------------
# The headline's present tense, then the body's perfect: done.
PERFECT_IN_BODY = [
    ("en", "Tarrow buys Plinth", "Tarrow Inc. has acquired Plinth, a Bristol company whose AI "
     "reads contracts, the Leeds software maker said on Monday."),
    ("fr", "Volnay investit dans Ardoise IA", "Volnay a investi dans Ardoise IA, une start-up "
     "angevine qui lit les factures avec l'IA."),
    ("de", "Kessling beteiligt sich an Zählwerk", "Der Zulieferer Kessling hat sich mit 30 "
     "Prozent an dem Start-up Zählwerk beteiligt."),
    ("es", "Grupo Velasco compra Tindra", "Grupo Velasco ha comprado la startup gallega Tindra, "
     "especializada en visión artificial."),
]


@pytest.mark.parametrize("language,title,text", PERFECT_IN_BODY,
                         ids=[c[1] for c in PERFECT_IN_BODY])
def test_the_perfect_tense_of_the_body_completes_the_headline_deal(language, title, text):
    assert _deal(title, text, language).status == "completed"


def test_the_amount_of_a_sentence_naming_both_parties_beside_a_deal_word():
    deal = _deal("Tarrow buys Plinth", "Tarrow Inc. has acquired Plinth, a Bristol company "
                 "whose AI reads contracts, for £30 million, the Leeds software maker said on "
                 "Monday.", "en")
    assert (deal.amount, deal.currency) == (30e6, "GBP")


def test_a_dated_sentence_about_another_event_says_nothing_of_the_deal():
    deal = _deal("Seguros Lacasa licencia el modelo de Zintara", "Seguros Lacasa ha firmado "
                 "un acuerdo de licencia con Zintara, startup madrileña de voz. Zintara cerró en "
                 "2025 una ronda de 3 millones de euros.", "es")
    assert deal.status == "announced"


STATUS = [
    ("de", "Das Start-up Nordlicht, dessen KI aus Gesprächen Protokolle schreibt, hat 5 "
     "Millionen Euro eingesammelt.", "completed"),
    ("de", "Die Kölner Firma Rheinlogik erhielt 2 Millionen Euro von Business Angels.",
     "completed"),
    ("en", "Bengaluru's Chakra Labs secured Rs 40 crore from Deccan Ventures.", "completed"),
    ("fr", "Le groupe Dorval a conclu une entente pour acquérir Brume IA.", "announced"),
    ("fr", "Le laboratoire Sorel a mis fin à son partenariat avec Opaline.", "terminated"),
    ("de", "Der Versicherer Alvara beendet die Kooperation mit Risikon.", "terminated"),
    ("es", "La eléctrica Norteña puso fin a su alianza con Datasol.", "terminated"),
    ("en", "Brightmoor ended its licensing agreement with Calvix.", "terminated"),
    ("fr", "Le groupe Orvault a annoncé être entré en négociations exclusives pour racheter "
     "Nuée IA.", "announced"),
    ("en", "Castleby confirmed it is in advanced talks to buy Rowan AI.", "announced"),
    ("de", "Lindmann gab bekannt, in exklusiven Gesprächen über eine Übernahme von Tannwerk zu "
     "sein.", "announced"),
    ("es", "Grupo Lerma anunció que negocia la compra de Cálamo.", "announced"),
    ("fr", "Selon nos informations, Orvault est entré en négociations exclusives pour racheter "
     "Nuée IA.", "rumored"),
]


@pytest.mark.parametrize("language,sentence,status", STATUS, ids=[c[1][:50] for c in STATUS])
def test_status_classes(language, sentence, status):
    from enrich.status import sentence_status

    assert sentence_status(sentence)[0] == status


def test_values_a_named_company_at_is_a_valuation():
    from enrich.traps import classify_amount

    sentence = "The round would value Ferrow Labs at about $2 billion."
    at = sentence.index("$")
    assert classify_amount(sentence, at, at + 10) == "valuation"


# A round's amount followed by what it is for is no spending on AI.
ROUND_FOR = [
    ("en", "Velmora raises $9m seed for AI bookkeeping", "$9m"),
    ("fr", "Orvelle lève 4 millions d'euros en amorçage pour son IA juridique", "4 millions"),
    ("de", "Talwerk holt 6 Millionen Euro Finanzierung für KI-Wartung", "6 Millionen"),
    ("es", "Brisca capta 3 millones de euros de financiación para su IA de riego", "3 millones"),
]


@pytest.mark.parametrize("language,sentence,amount", ROUND_FOR, ids=[c[1] for c in ROUND_FOR])
def test_a_round_for_ai_is_no_ai_spending(language, sentence, amount):
    from enrich.traps import classify_amount

    at = sentence.index(amount)
    money = find_money(sentence[at:], language)[0]
    assert classify_amount(sentence, at, at + money.end) == "deal"


# A figure in a story that writes no currency at all: the currency of its country.
NO_CURRENCY_WORD = [
    ("es", "Tesora capta 5 millones para su IA agrícola", "La startup Tesora ha cerrado una "
     "ronda liderada por Segura Ventures.", "EUR"),
    ("de", "Firnwerk sammelt 7 Millionen ein", "ZÜRICH. Das Zürcher Start-up Firnwerk hat 7 "
     "Millionen eingesammelt, angeführt von Limmat Kapital.", "CHF"),
    ("fr", "Brivia lève 3 millions", "La start-up Brivia lève 3 millions auprès du fonds "
     "Armorique Amorçage.", "EUR"),
]


@pytest.mark.parametrize("language,title,text,currency", NO_CURRENCY_WORD,
                         ids=[c[1] for c in NO_CURRENCY_WORD])
def test_a_figure_with_no_currency_word_takes_the_storys(language, title, text, currency):
    assert _deal(title, text, language).currency == currency


# The round's amount in the sentence after it, said of "the round".
ROUND_AFTER = [
    ("en", "Rostra closes new round", "Rostra, a Glasgow start-up, has raised a new round led "
     "by Clyde Partners. The round, worth £14 million, values Rostra at £60 million.", 14e6,
     "GBP"),
    ("fr", "Mirelle boucle une levée", "La start-up niçoise Mirelle a bouclé une levée de fonds "
     "menée par Azur Capital. Ce tour de table, d'un montant de 7 millions d'euros, doit "
     "financer son expansion.", 7e6, "EUR"),
    ("de", "Dachsberg schließt Runde ab", "Das Grazer Start-up Dachsberg hat eine "
     "Finanzierungsrunde unter Führung von Mur Kapital abgeschlossen. Die Runde hat ein "
     "Volumen von 11 Millionen Euro.", 11e6, "EUR"),
    ("es", "Trébol cierra una ronda", "La startup sevillana Trébol ha cerrado una ronda "
     "liderada por Giralda Fondos. La ronda, de 6 millones de euros, servirá para contratar.",
     6e6, "EUR"),
]


@pytest.mark.parametrize("language,title,text,value,currency", ROUND_AFTER,
                         ids=[c[1] for c in ROUND_AFTER])
def test_the_round_amount_stated_in_the_next_sentence(language, title, text, value, currency):
    deal = _deal(title, text, language)
    assert (deal.amount, deal.currency) == (value, currency)


# The size of a company a merger would make is no price.
COMPANY_SIZE = [
    ("en", "Their merger would have created a €2 billion company.", "€2 billion"),
    ("fr", "La fusion donnerait naissance à un groupe pesant 3 milliards d'euros.", "3 milliards"),
    ("de", "Es entstünde ein Konzern mit einem Wert von 4 Milliarden Euro.", "4 Milliarden"),
    ("es", "La fusión crearía una empresa de 2.000 millones de euros.", "2.000 millones"),
]


@pytest.mark.parametrize("language,sentence,amount", COMPANY_SIZE,
                         ids=[c[1] for c in COMPANY_SIZE])
def test_the_size_of_a_company_is_a_trap(language, sentence, amount):
    from enrich.traps import classify_amount

    at = sentence.index(amount)
    money = find_money(sentence[at:], language)[0]
    assert classify_amount(sentence, at, at + money.end) == "company_size"


def test_enterprise_value_and_angels_are_no_company_size():
    from enrich.traps import classify_amount

    for language, sentence, amount in [
        ("fr", "pour une valeur d'entreprise de 90 millions d'euros", "90"),
        ("de", "Die Firma erhielt 2 Millionen Euro von Business Angels.", "2"),
    ]:
        at = sentence.index(amount)
        money = find_money(sentence[at:], language)[0]
        assert classify_amount(sentence, at, at + money.end) == "deal"


# Reported deals: conditionals, German reported intent, a news outlet as the source.
MORE_STATUS = [
    ("fr", "Le groupe Varenne rachèterait la start-up Lomé pour 40 millions d'euros.",
     "rumored"),
    ("fr", "Le fonds Arago investirait 20 millions d'euros dans Nivéa IA.", "rumored"),
    ("es", "Grupo Alto compraría la startup Brezo por 30 millones de euros.", "rumored"),
    ("de", "Hafenwerk wolle das Start-up Seeblick für 50 Millionen Euro kaufen.", "rumored"),
    ("en", "Rival bidders are circling Zenwick, the Financial Times reported.", "rumored"),
    ("de", "Hafenwerk bereitet ein Angebot für Seeblick vor, berichtet das Handelsblatt.",
     "rumored"),
    ("fr", "Brisa prépare le rachat de Lomé, révèle Le Parisien.", "rumored"),
    ("es", "Grupo Alto prepara una oferta por Brezo, informa Expansión.", "rumored"),
    ("en", "Acme said it raised $5 million, the company reported.", "completed"),
    ("fr", "La start-up attirait déjà des clients et a levé 5 millions d'euros.", "completed"),
    ("fr", "X générait des revenus et a levé 3 millions d'euros.", "completed"),
    ("en", "Oxley pulled out of the deal to buy Brindle.", "terminated"),
    ("en", "Oxley dropped its pursuit of Brindle.", "terminated"),
    ("fr", "Varenne a jeté l'éponge dans le rachat de Lomé.", "terminated"),
    ("de", "Die Übernahme von Seeblick durch Hafenwerk ist vom Tisch.", "terminated"),
    ("en", "Oxley snapped up Brindle.", "completed"),
    ("fr", "L'opération a été finalisée lundi.", "completed"),
    ("fr", "L'opération doit être finalisée au troisième trimestre.", "announced"),
    ("de", "Die Übernahme soll im Sommer abgeschlossen werden.", "announced"),
    ("es", "Se espera que la operación se complete en junio.", "announced"),
]


@pytest.mark.parametrize("language,sentence,status", MORE_STATUS,
                         ids=[c[1][:50] for c in MORE_STATUS])
def test_reported_called_off_and_closed_deals(language, sentence, status):
    from enrich.status import sentence_status

    assert sentence_status(sentence)[0] == status


# A word number ("a", "un", "ein", "un") counts only before a scale word, so it does not
# swallow the currency code of the amount after it.
ARTICLE_BEFORE_CODE = [
    ("en", "We closed a NOK 300 million round last month.", 300e6, "NOK"),
    ("fr", "Elle a conclu un CHF 12 millions de financement.", 12e6, "CHF"),
    ("de", "Es ist ein EUR 40 Mio. schweres Paket.", 40e6, "EUR"),
    ("es", "Cerró una ronda de un USD 8 millones.", 8e6, "USD"),
]


@pytest.mark.parametrize("language,text,value,currency", ARTICLE_BEFORE_CODE,
                         ids=[c[1] for c in ARTICLE_BEFORE_CODE])
def test_an_article_before_a_currency_code(language, text, value, currency):
    found = find_money(text, language)
    assert [(m.value, m.currency) for m in found] == [(value, currency)]
