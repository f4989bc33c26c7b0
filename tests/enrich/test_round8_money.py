"""Classes of amount, valuation, status and deal-story tagging errors fixed in round 8, each in
new words (none of these sentences is in a labelled set)."""

from datetime import date

import pytest

from enrich import analyze
from enrich.money import find_money
from enrich.rounds import cited_period
from enrich.status import sentence_status
from enrich.tagging import deal_story, mentions_ai
from enrich.traps import classify_amount


def _primary(title: str, text: str, language: str, published=date(2026, 9, 14)):
    return next(d for d in analyze(title, text, language, published).deals if d.is_primary)


# --- A bare figure that counts things is no money ------------------------------------------
COUNTED = [
    ("en", "The platform has 3.5 million users in Brazil."),
    ("en", "The group runs 2.4 million square feet of cold storage."),
    ("fr", "L'application revendique 4,2 millions d'utilisateurs actifs."),
    ("fr", "La coopérative livre 1,5 million de tonnes de blé par an."),
    ("de", "Die App hat inzwischen 12 Millionen Nutzer in Europa."),
    ("de", "Der Versender bewegt 8 Millionen Pakete im Monat."),
    ("es", "La plataforma suma 20 millones de descargas."),
    ("es", "La naviera movió 1,9 millones de contenedores el año pasado."),
]


@pytest.mark.parametrize("language,sentence", COUNTED)
def test_counted_quantity_is_no_money(language, sentence):
    assert find_money(sentence, language) == []


MONEY_STAYS = [
    ("fr", "Elle lève 10 milliards de valorisation", 10e9),
    ("es", "una inversión de 5 millones de reales", 5e6),
    ("en", "It raised 5 million from investors", 5e6),
    ("es", "captó 3 millones de la ronda", 3e6),
]


@pytest.mark.parametrize("language,sentence,value", MONEY_STAYS)
def test_money_after_de_stays_money(language, sentence, value):
    assert [m.value for m in find_money(sentence, language)] == [value]


def test_quantity_beside_the_price_gives_the_price():
    deal = _primary(
        "Harbourline buys Quayside Robotics",
        "Harbourline, which operates 2.4 million square feet of warehouses in Ireland, has "
        "acquired Quayside Robotics for €60 million.",
        "en",
    )
    assert (deal.amount, deal.currency) == (60e6, "EUR")


# --- What a company holds is no price -------------------------------------------------------
HOLDINGS = [
    ("en", "Norwell, which has more than $40 billion in cash, has never bought a start-up.",
     "$40 billion"),
    ("en", "The merged group will have a backlog of $2.3 billion.", "$2.3 billion"),
    ("fr", "Le groupe, qui dispose de 2 milliards d'euros de trésorerie, rachète Ondalis.",
     "2 milliards d'euros"),
    ("fr", "Maison Orsay, dont le fonds est doté de 150 millions d'euros, investit.",
     "150 millions d'euros"),
    ("de", "Der Konzern verfügt über 3 Milliarden Euro an liquiden Mitteln.",
     "3 Milliarden Euro"),
    ("es", "Las dos firmas crearán un grupo con una cartera de obra de 640 millones de euros.",
     "640 millones de euros"),
    ("es", "Grupo Lerma, que cuenta con 500 millones de euros en caja, compra Nodalia.",
     "500 millones de euros"),
]


@pytest.mark.parametrize("language,sentence,amount", HOLDINGS)
def test_money_held_is_no_deal_amount(language, sentence, amount):
    start = sentence.index(amount)
    assert classify_amount(sentence, start, start + len(amount)) != "deal"


def test_price_paid_in_cash_stays_a_price():
    sentence = "Verdon agreed to acquire Lumio for $5 billion in cash."
    start = sentence.index("$5 billion")
    assert classify_amount(sentence, start, start + 10) == "deal"


def test_merger_backlog_is_no_merger_amount():
    deal = _primary(
        "Hormigones Turia y Viales Norte se fusionan",
        "Hormigones Turia y Viales Norte han acordado fusionarse para crear un grupo con una "
        "cartera de obra de 640 millones de euros y 900 empleados.",
        "es",
    )
    assert deal.amount is None


# --- A price a buyer would pay, said by sources, in the sentence after the deal -------------
WOULD_PAY = [
    ("en", "Brackwater in talks to buy Lenticle",
     "Brackwater is in advanced talks to acquire Lenticle, an AI start-up, people familiar "
     "with the matter said. The insurer would pay about $250 million for the company, the "
     "people said.", 250e6, "USD"),
    ("de", "Hallwerk verhandelt über Kauf von Sensoria",
     "Hallwerk verhandelt Insidern zufolge über die Übernahme des KI-Start-ups Sensoria. Der "
     "Konzern würde dafür rund 90 Millionen Euro zahlen, hieß es.", 90e6, "EUR"),
]


@pytest.mark.parametrize("language,title,text,amount,currency", WOULD_PAY)
def test_price_a_buyer_would_pay(language, title, text, amount, currency):
    deal = _primary(title, text, language)
    assert (deal.amount, deal.currency) == (amount, currency)


def test_price_of_another_deal_is_not_this_deals():
    deal = _primary(
        "Corvane held talks about buying Hexlight, people familiar say",
        "Corvane has held talks about a bid for Hexlight, the AI search start-up, according to "
        "two people familiar with the matter. Corvane has never made an acquisition larger "
        "than its $2 billion purchase of Tallis Audio in 2019.",
        "en",
    )
    assert deal.amount is None


# --- A valuation before a comparison with an earlier figure --------------------------------
COMPARED = [
    ("en", "Quillon closes $40 million round",
     "Quillon, a Montreal developer of AI models, said it had closed a $40 million round led "
     "by Borealis Capital. The round values Quillon at $400 million, up from $150 million a "
     "year earlier.", 400e6),
    ("fr", "Névéa lève 30 millions d'euros",
     "Névéa, une start-up lyonnaise d'intelligence artificielle, a levé 30 millions d'euros "
     "auprès de Rhône Capital. L'opération valorise Névéa à 300 millions d'euros, contre 90 "
     "millions lors de son précédent tour.", 300e6),
    ("de", "Feldauge sammelt 20 Millionen Euro ein",
     "Das Münchner KI-Start-up Feldauge hat 20 Millionen Euro von Isar Capital eingesammelt. "
     "Die Runde bewertet Feldauge mit 200 Millionen Euro, nach 60 Millionen Euro bei der "
     "letzten Finanzierung.", 200e6),
    ("es", "Olivia Labs capta 10 millones",
     "La startup sevillana de inteligencia artificial Olivia Labs ha captado 10 millones de "
     "euros en una ronda liderada por Jaén Capital. La ronda valora Olivia Labs en 80 "
     "millones de euros, frente a los 25 millones de su anterior ronda.", 80e6),
    ("en", "Quillon raises $40 million",
     "Quillon, a Montreal developer of AI models, has raised $40 million led by Borealis "
     "Capital. The round values the company at $400 million, compared with $150 million in "
     "its previous round.", 400e6),
]


@pytest.mark.parametrize("language,title,text,valuation", COMPARED)
def test_valuation_before_earlier_figure(language, title, text, valuation):
    assert _primary(title, text, language).valuation == valuation


# --- A perfect infinitive after "annonce" is done, buyers named or not -----------------------
ANNOUNCED_DONE = [
    ("fr", "Fjordlys annonce avoir levé 80 millions de couronnes auprès de plusieurs fonds."),
    ("de", "Das Start-up teilte mit, 12 Millionen Euro eingesammelt zu haben."),
    ("en", "Tarnwick announced it has raised $12 million from several funds."),
    ("es", "La empresa anunció que ha cerrado una ronda de 4 millones de euros."),
]


@pytest.mark.parametrize("language,sentence", ANNOUNCED_DONE)
def test_perfect_infinitive_is_done_without_tense(language, sentence):
    assert sentence_status(sentence, tense=False) == ("completed", True)


def test_headline_present_against_body_perfect_infinitive():
    deal = _primary(
        "La norvégienne Fjordlys lève 80 millions de couronnes",
        "OSLO, 3 septembre - Fjordlys AS, qui prévoit par intelligence artificielle la "
        "production des fermes piscicoles, annonce avoir levé 80 millions de couronnes "
        "norvégiennes auprès de plusieurs fonds.",
        "fr",
    )
    assert deal.status == "completed"


# --- A founder telling the round in the first person makes a deal story ----------------------
FIRST_PERSON = [
    ("en", "'We closed in May': Tarnwick founder on teaching robots to pick fruit",
     "\"We closed our Series A in May, $11 million, led by Orchard Peak,\" Tarnwick's founder "
     "said in an interview. Tarnwick builds AI vision for fruit-picking robots."),
    ("fr", "« Nous avons bouclé notre tour en juin » : Névéa veut automatiser les vendanges",
     "« Nous avons bouclé notre tour en juin : 7 millions d'euros, menés par Rhône Capital », "
     "explique la fondatrice de Névéa, qui développe une intelligence artificielle de tri du "
     "raisin."),
    ("de", "„Wir haben die Runde im Juli abgeschlossen“: Feldauge will Unkraut per KI erkennen",
     "„Wir haben die Runde im Juli abgeschlossen: 5 Millionen Euro, angeführt von Saatgut "
     "Ventures“, sagt die Gründerin von Feldauge. Das Start-up erkennt Unkraut mit KI."),
    ("es", "«Cerramos la ronda en junio»: Olivia Labs quiere podar olivos con IA",
     "«Cerramos la ronda en junio: 3 millones de euros, liderada por Jaén Capital», explica "
     "el fundador de Olivia Labs, que usa inteligencia artificial para podar olivos."),
]


@pytest.mark.parametrize("language,title,text", FIRST_PERSON)
def test_first_person_round_makes_deal_story(language, title, text):
    # the round is dated in an earlier month: told in the first person it is still the news
    assert deal_story(title, [(text, True)])


def test_dated_round_in_the_third_person_is_no_deal_story():
    assert not deal_story("Tarnwick hires", [("Tarnwick raised $11 million in May 2023.", True)])


# --- A licence granted, told in reported speech, is done -----------------------------------
REPORTED_LICENCE = [
    ("en", "Tidemark said on Monday it had licensed its crop models to Verdant Foods."),
    ("fr", "Lumenis a indiqué mardi avoir concédé une licence de ses modèles à Orvia."),
    ("de", "Das Start-up teilte mit, seine Sprachmodelle an die Hansebank lizenziert zu haben."),
    ("es", "La empresa anunció el lunes que ha licenciado su tecnología a Banco Duero."),
]


@pytest.mark.parametrize("language,sentence", REPORTED_LICENCE)
def test_reported_licence_is_done(language, sentence):
    assert sentence_status(sentence, tense=False) == ("completed", True)


# --- AI told by models that recommend or camera systems that detect -------------------------
AI_BY_WHAT_IT_DOES = [
    ("en", "Ploughline, a Leeds start-up whose models recommend fertiliser doses from soil "
           "samples, has signed a deal with a grain trader."),
    ("en", "Herdwise makes camera-based systems that weigh pigs and detect lameness."),
    ("fr", "Semis Conseil, dont les modèles recommandent des dates de semis, s'associe à une "
           "coopérative."),
    ("de", "Stallblick baut Kamerasysteme, die Lahmheit bei Kühen früh erkennen."),
    ("es", "Rebaño Digital instala sistemas de cámaras que cuentan ovejas y detectan cojeras."),
    ("es", "Siembra Lab, cuyos modelos recomiendan fechas de siembra, firma con una cooperativa."),
]


@pytest.mark.parametrize("language,text", AI_BY_WHAT_IT_DOES)
def test_ai_by_what_models_or_cameras_do(language, text):
    assert mentions_ai(text)


NOT_AI = [
    "The consultancy recommends that farmers rotate crops.",
    "Die Kameras des Systems wurden 2019 installiert.",
    "Le cabinet recommande des dates de semis.",
]


@pytest.mark.parametrize("text", NOT_AI)
def test_recommending_people_are_no_ai(text):
    assert not mentions_ai(text)


# --- What a thing built is meant to do is no hearsay about the deal --------------------------
PURPOSE_CLAUSES = [
    ("de", "Die Deutsche Bahnwerk und Sensoria erweitern ihre Partnerschaft: Gemeinsam bauen "
           "sie ein Rechenzentrum, das bis zu 12.000 Chips beherbergen soll."),
    ("de", "Hafenwerk und Tessler gründen ein Gemeinschaftsunternehmen, das ab 2027 "
           "KI-Software für Häfen anbieten soll."),
    ("de", "Die Sparkasse Ems und Zahlwerk kooperieren bei einer App, die Betrug in Echtzeit "
           "erkennen soll."),
    ("es", "Orvane y Kestrel amplían su alianza para construir un centro de datos que podría "
           "albergar 8.000 chips."),
    ("en", "Orvane and Kestrel expand their partnership to build a data centre that is meant "
           "to house 8,000 chips."),
    ("fr", "Orvane et Kestrel élargissent leur partenariat pour construire un centre de "
           "données qui devrait accueillir 8 000 puces."),
]


@pytest.mark.parametrize("language,sentence", PURPOSE_CLAUSES)
def test_purpose_clause_is_no_rumour(language, sentence):
    assert sentence_status(sentence)[0] == "announced"


RUMOURS_KEPT = [
    "Bergmann, der das Start-up Greifwerk übernehmen soll, äußerte sich nicht.",
    "Laut Insidern soll Kessler 40 Prozent an Datenhof übernehmen.",
    "Grupo Lerma, que podría comprar Nodalia, no quiso comentar.",
]


@pytest.mark.parametrize("sentence", RUMOURS_KEPT)
def test_modal_about_the_deal_stays_a_rumour(sentence):
    assert sentence_status(sentence)[0] == "rumored"


# --- "since <year>" after what a company does is a duration, no date of the deal ------------
DURATIONS = [
    "Quaymark signed a licence with Orlin, whose models are trained on photos taken by the "
    "agency since 2009.",
    "Pixelis a conclu un accord avec Vendra, qui utilisera les archives accumulées depuis 2011.",
    "Hafenblick kooperiert mit Tessler, das seit 2015 Hafenkräne baut.",
    "Navalia firma una alianza con Puerto Sur, que opera la terminal desde 2008.",
]


@pytest.mark.parametrize("sentence", DURATIONS)
def test_since_a_year_is_no_date_of_the_deal(sentence):
    assert cited_period(sentence, date(2026, 6, 9)) is None


RUNNING_TOTALS = [
    ("Corlan has raised $40 million since 2021.", "2021"),
    ("Vendra a levé 30 millions d'euros depuis 2019.", "2019"),
    ("Tessler hat seit 2020 rund 12 Millionen Euro eingesammelt.", "2020"),
    ("Puerto Sur ha captado 9 millones de euros desde 2018.", "2018"),
]


@pytest.mark.parametrize("sentence,year", RUNNING_TOTALS)
def test_since_a_year_after_a_sum_dates_it(sentence, year):
    assert cited_period(sentence, date(2026, 6, 9)) == year


# --- A price reported by sources in the sentence after a rumoured deal ---------------------
SOURCED_PRICE = [
    ("en", "Marlow Bank in talks to buy Ferrule",
     "Marlow Bank is in advanced talks to acquire Ferrule, a London start-up that uses "
     "artificial intelligence to detect fraud, people familiar with the matter said. A deal "
     "would value Ferrule at about $320 million, the people said.", 320e6, "USD"),
    ("en", "Marlow Bank in talks to buy Ferrule",
     "Marlow Bank is in advanced talks to acquire Ferrule, a London start-up that uses "
     "artificial intelligence to detect fraud, people familiar with the matter said. The deal "
     "is valued at about $320 million, the people said.", 320e6, "USD"),
    ("fr", "Orvane en négociations pour racheter Vialto",
     "Orvane est en négociations pour racheter Vialto, une start-up lyonnaise d'intelligence "
     "artificielle, selon Les Echos. Une opération valoriserait Vialto autour de 70 millions "
     "d'euros, selon le quotidien.", 70e6, "EUR"),
    ("fr", "Orvane en négociations exclusives pour racheter Vialto",
     "Orvane est entré en négociations exclusives pour racheter Vialto, une start-up "
     "lyonnaise d'intelligence artificielle, pour environ 70 millions d'euros selon Les "
     "Echos.", 70e6, "EUR"),
    ("de", "Hallwerk verhandelt über Kauf von Sensoria",
     "Hallwerk verhandelt Insidern zufolge über die Übernahme des KI-Start-ups Sensoria. Eine "
     "Übernahme würde Sensoria mit rund 90 Millionen Euro bewerten, hieß es.", 90e6, "EUR"),
    ("es", "Grupo Lerma negocia la compra de Nodalia",
     "Grupo Lerma negocia la compra de Nodalia, una startup de inteligencia artificial, según "
     "fuentes del sector. Una operación valoraría Nodalia en unos 45 millones de euros, según "
     "las mismas fuentes.", 45e6, "EUR"),
    ("es", "Grupo Lerma negocia la compra de Nodalia",
     "Grupo Lerma negocia la compra de Nodalia, una startup de inteligencia artificial. Lerma "
     "pagaría unos 45 millones de euros, según fuentes del sector.", 45e6, "EUR"),
]


@pytest.mark.parametrize("language,title,text,amount,currency", SOURCED_PRICE)
def test_sourced_price_of_a_rumoured_deal(language, title, text, amount, currency):
    deal = _primary(title, text, language)
    assert (deal.amount, deal.currency, deal.status) == (amount, currency, "rumored")


# --- A headline in the present against a body that says the round closed -------------------
HEADLINE_PRESENT_BODY_DONE = [
    ("en", "Tarnwick raises $12 million for fruit-picking robots",
     "Tarnwick, a Kent start-up building AI vision for fruit-picking robots, announced it has "
     "completed a $12 million round with backing from several funds."),
    ("fr", "Vendra lève 8 millions d'euros",
     "La start-up lyonnaise d'intelligence artificielle Vendra annonce avoir bouclé un tour de "
     "table de 8 millions d'euros."),
    ("de", "Feldauge sammelt 20 Millionen Euro ein",
     "Das Münchner KI-Start-up Feldauge gab am Dienstag bekannt, 20 Millionen Euro "
     "eingesammelt zu haben."),
    ("es", "Olivia Labs capta 10 millones",
     "La startup sevillana de inteligencia artificial Olivia Labs anunció que ha cerrado una "
     "ronda de 10 millones de euros."),
]


@pytest.mark.parametrize("language,title,text", HEADLINE_PRESENT_BODY_DONE)
def test_body_closes_what_the_headline_tells_in_the_present(language, title, text):
    assert _primary(title, text, language).status == "completed"
