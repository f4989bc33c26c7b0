"""Classes of deal-story tagging, amount, currency and status errors fixed in round 7, each in
new words (none of these sentences is in a labelled set)."""

from datetime import date

import pytest

from enrich import analyze
from enrich.money import find_money
from enrich.traps import classify_amount


def _analysis(title: str, text: str, language: str, published=date(2026, 5, 12)):
    return analyze(title, text, language, published)


def _primary(title: str, text: str, language: str, published=date(2026, 5, 12)):
    return next(d for d in _analysis(title, text, language, published).deals if d.is_primary)


# --- Tagging: a headline that reports a deal makes a deal story ----------------------------
# Stakes taken ("prend 15 % de"), takeovers ("reprend"), licences, alliances and deals called
# off ("Übernahme ... abgesagt") are deals even when the headline's names are not resolved.
DEAL_HEADLINES = [
    ("en", "Brindlecombe takes 20% of speech start-up Quillmark",
     "The insurer said the stake would help it answer customers with AI models."),
    ("en", "Harrowgate licenses its vision models to a German carmaker",
     "The Leeds company's machine-learning software spots paint defects on car bodies."),
    ("en", "Corbel and Threnody team up on AI for hospital rotas",
     "Both companies said the software would be offered to NHS trusts from June."),
    ("fr", "Le groupe Varenne reprend l'atelier lyonnais Colbec",
     "Colbec conçoit des robots de soudure pilotés par intelligence artificielle."),
    ("fr", "La mutuelle Ardenne s'associe à Pixelune pour repérer les fraudes",
     "Pixelune utilise l'intelligence artificielle pour analyser les photos de sinistres."),
    ("fr", "Iroise prend 12 % de la start-up Nacre",
     "Nacre développe des modèles d'IA pour la maintenance des éoliennes en mer."),
    ("de", "Übernahme von Kornblau durch Tessler abgesagt",
     "Das Kölner KI-Start-up bleibt damit eigenständig, teilte ein Sprecher mit."),
    ("de", "Mosel Versicherung nimmt 25 Prozent an Datenfluss",
     "Datenfluss entwickelt KI-Software für die Schadenregulierung."),
    ("es", "Ribera Capital toma el 30 % de Nubalia",
     "Nubalia desarrolla modelos de inteligencia artificial para hospitales."),
    ("es", "Grupo Sotavento licencia la tecnología de Vidria",
     "Vidria detecta defectos en el vidrio con visión artificial."),
    ("es", "Fusión entre Alcaraz y Lumbre, cancelada",
     "Las dos empresas de inteligencia artificial no se pusieron de acuerdo en el precio."),
]


@pytest.mark.parametrize("language,title,text", DEAL_HEADLINES)
def test_headline_deal_makes_a_deal_story(language, title, text):
    assert _analysis(title, text, language).deal_story


# --- Tagging: denials, background deals and other "raises" are no deal story ---------------
NOT_DEAL_STORIES = [
    # a denial
    ("en", "Pendleford denies it is in talks to buy Marrowby",
     "Pendleford on Monday denied a report that it was in talks to buy Marrowby, a start-up "
     "that builds AI models for lawyers."),
    ("fr", "Cobalte dément tout projet de rachat de Vireo",
     "Le groupe Cobalte a démenti mardi les informations selon lesquelles il préparait une "
     "offre sur Vireo, une start-up spécialisée dans l'intelligence artificielle."),
    ("de", "Halbach dementiert Übernahmepläne für Sprachwerk",
     "Der Konzern Halbach hat Berichte dementiert, wonach er das KI-Start-up Sprachwerk "
     "übernehmen wolle."),
    ("es", "Grupo Almena niega que vaya a comprar Lumira",
     "Grupo Almena ha negado este lunes que esté negociando la compra de Lumira, una startup "
     "de inteligencia artificial."),
    # a forecast or a price raised is no funding round
    ("en", "Tollgate lifts outlook as AI demand grows",
     "Tollgate raised its full-year revenue forecast to $2.1 billion on Thursday, citing demand "
     "for its AI servers."),
    ("en", "Ferrous Labs results beat estimates",
     "The Denver-based maker of AI inspection software raised its annual guidance to $640 "
     "million and said it would buy back shares."),
    # a round told in the pluperfect or after "after its raise" is background
    ("de", "Kernwerk streicht 50 Stellen",
     "Kernwerk hatte 2024 in einer Finanzierungsrunde 30 Millionen Euro eingesammelt. Nun baut "
     "das KI-Start-up 50 Stellen ab."),
    ("fr", "Après sa levée de fonds, Brisane ouvre un bureau à Lyon",
     "Brisane, qui avait levé 30 millions d'euros en mars, ouvre un bureau à Lyon pour ses "
     "ingénieurs en intelligence artificielle."),
    ("es", "Tras su ronda, Velaria contrata a 40 ingenieros",
     "Velaria, que había levantado 10 millones de euros en enero, contratará a 40 ingenieros de "
     "inteligencia artificial."),
    ("en", "Gantry's results beat estimates",
     "Gantry, which has invested some $2 billion in Loomwise, reported quarterly revenue of $8 "
     "billion on Tuesday as sales of its AI chips jumped."),
    # product, customer and hiring news
    ("en", "Nimbra wins a contract to supply AI drones to the army",
     "Nimbra said on Monday it had won a contract worth $40 million."),
    ("fr", "Nimbra lance un assistant d'IA pour les notaires",
     "La start-up parisienne présente son nouvel outil d'intelligence artificielle."),
]


@pytest.mark.parametrize("language,title,text", NOT_DEAL_STORIES)
def test_not_a_deal_story(language, title, text):
    assert not _analysis(title, text, language).deal_story


# --- Valuation stated with the company between the verb and "at"/"en" ---------------------
# "the round valued Quillmark at", "La operación valora la compañía en": a valuation, not the
# round's amount.
VALUED_BETWEEN = [
    ("en", "Investors said the round valued Pellbrook at about $300 million.", 300e6),
    ("en", "The founder said the deal valued the company at $95 million, up from $20 million.",
     95e6),
    ("es", "La operación valora la compañía en 24 millones de euros.", 24e6),
    ("es", "La ampliación valoraba a la empresa gallega en 60 millones de euros.", 60e6),
]


@pytest.mark.parametrize("language,sentence,value", VALUED_BETWEEN)
def test_valuation_with_company_between(language, sentence, value):
    money = find_money(sentence, language)[0]
    assert money.value == value
    assert classify_amount(sentence, money.start, money.end) == "valuation"


def test_valuation_of_a_declined_term_sheet_is_none():
    sentence = ("She explains why she turned down a term sheet that valued the company at "
                "$40 million.")
    money = find_money(sentence, "en")[0]
    assert classify_amount(sentence, money.start, money.end) != "valuation"


# --- Running totals: "has raised £7 million since 2023, most recently a £5 million round" ---
RUNNING_TOTALS = [
    ("en", "Harbour Owl has raised £9 million since 2022, most recently a £6 million round."),
    ("fr", "Lumio a levé 14 millions d'euros depuis 2020, dont 8 millions l'an dernier."),
    ("de", "Kranich hat seit 2021 insgesamt 12 Millionen Euro eingesammelt, zuletzt 5 Millionen."),
    ("es", "Bruma ha levantado 11 millones de euros desde 2019, los últimos 4 en enero."),
]


@pytest.mark.parametrize("language,sentence", RUNNING_TOTALS)
def test_running_total_is_no_round_amount(language, sentence):
    money = find_money(sentence, language)[0]
    assert classify_amount(sentence, money.start, money.end) == "total"


# --- The price in a sentence after the deal, paid by a buyer named by its kind or its short
# name ("The grocer will pay", "Der Hamburger Konzern zahlt dafür", "Redondela pagará") ------
PRICE_AFTER = [
    ("en", "Brackley Foods takes stake in Nuvola",
     "Brackley Foods has taken a stake in Nuvola, a Leeds start-up that forecasts bakery demand "
     "with AI. The family-owned grocer will pay £8 million for the shares, the companies said.",
     8e6, "GBP"),
    ("de", "Nordhafen beteiligt sich an Tidewerk",
     "Der Versicherer Nordhafen beteiligt sich an dem Kieler KI-Start-up Tidewerk. Der "
     "Hamburger Konzern zahlt dafür 12 Millionen Euro, wie beide Seiten mitteilten.",
     12e6, "EUR"),
    ("de", "Sparkasse Elbtal steigt bei Rechenwerk ein",
     "Die Sparkasse Elbtal steigt bei dem Dresdner KI-Start-up Rechenwerk ein. Das öffentliche "
     "Institut übernimmt für 4 Millionen Euro einen Anteil von 15 Prozent.",
     4e6, "EUR"),
    ("es", "Farmacéutica Redondela licencia la plataforma de Tesela IA",
     "Farmacéutica Redondela ha firmado un acuerdo de licencia con Tesela IA, una startup "
     "viguesa que diseña moléculas con inteligencia artificial. Redondela pagará 3 millones de "
     "euros por adelantado.",
     3e6, "EUR"),
    ("fr", "Le groupe Morvan entre au capital de Lysia",
     "Le groupe Morvan entre au capital de Lysia, une start-up rennaise d'intelligence "
     "artificielle. L'industriel breton investit 6 millions d'euros dans l'opération.",
     6e6, "EUR"),
]


@pytest.mark.parametrize("language,title,text,value,currency", PRICE_AFTER)
def test_price_in_a_following_sentence(language, title, text, value, currency):
    deal = _primary(title, text, language)
    assert (deal.amount, deal.currency) == (value, currency)


# --- An earlier round told in the pluperfect gives no figure to today's deal -----------------
EARLIER_ROUND_FIGURE = [
    ("de", "Halder beteiligt sich an Funkenflug",
     "Der Maschinenbauer Halder beteiligt sich mit 25 Prozent an dem Jenaer KI-Start-up "
     "Funkenflug. Funkenflug hatte 2024 in einer Seed-Runde 3 Mio. Euro von Saale Ventures "
     "erhalten.", None),
    ("en", "Castellan takes a stake in Brightwater AI",
     "Castellan Group has taken a 20% stake in Brightwater AI, a Glasgow start-up. Brightwater "
     "AI had raised $6 million in a seed round in 2024.", None),
    ("fr", "Armor Industrie entre au capital de Pixalis",
     "Armor Industrie prend 30 % du capital de Pixalis, une start-up brestoise d'intelligence "
     "artificielle. Pixalis avait levé 2 millions d'euros en 2023 auprès de Finistère Capital.",
     None),
]


@pytest.mark.parametrize("language,title,text,value", EARLIER_ROUND_FIGURE)
def test_earlier_round_gives_no_amount(language, title, text, value):
    assert _primary(title, text, language).amount == value


# --- The stake in a sentence after the deal, naming the buyer or only its kind --------------
STAKE_AFTER = [
    ("fr", "Le japonais Hoshino va investir 3 milliards de yens dans Carène IA",
     "L'industriel japonais Hoshino va investir 3 milliards de yens dans la start-up nantaise "
     "Carène IA, qui inspecte les coques de navires par intelligence artificielle. L'opération "
     "donnera à Hoshino une participation de 15 % au capital.", 15.0),
    ("de", "Sparkasse Elbtal steigt bei Rechenwerk ein",
     "Die Sparkasse Elbtal steigt bei dem Dresdner KI-Start-up Rechenwerk ein. Das öffentliche "
     "Institut übernimmt für 4 Millionen Euro einen Anteil von 18 Prozent.", 18.0),
    ("en", "Orrin Capital invests $10 million in Lattice Bay",
     "Orrin Capital is investing $10 million in Lattice Bay, a Dublin start-up that uses AI to "
     "read shipping documents. The investment gives Orrin Capital a 12% stake.", 12.0),
    ("es", "Inversiones Nerja invertirá 5 millones en Brisa IA",
     "Inversiones Nerja invertirá 5 millones de euros en Brisa IA, una startup malagueña de "
     "inteligencia artificial. Con la operación, el fondo se queda con el 20% del capital.",
     20.0),
]


@pytest.mark.parametrize("language,title,text,stake", STAKE_AFTER)
def test_stake_in_a_following_sentence(language, title, text, stake):
    assert _primary(title, text, language).stake_percent == stake


# --- Bare dollars in a story that calls the company by its country from outside -------------
# "the Canadian AI company said", "a indiqué la société canadienne", "teilte das kanadische
# Unternehmen mit", "informó la empresa australiana": a wire story, US dollars; the same story
# under a local dateline keeps the local dollar.
FROM_ABROAD = [
    ("en", "Toronto-based Quillpoint has raised $40 million, the Canadian AI company said on "
     "Monday. It will hire 50 engineers in Canada and open an office in Montreal.", "USD"),
    ("fr", "Quillpoint, installée à Montréal, a levé 25 millions de dollars, a indiqué lundi la "
     "société canadienne. Elle recrutera au Canada et ouvrira un bureau à Toronto.", "USD"),
    ("de", "Quillpoint aus Toronto hat 30 Millionen Dollar eingesammelt, teilte das kanadische "
     "Unternehmen mit. Das Geld soll in neue Büros in Kanada und Montreal fließen.", "USD"),
    ("es", "Wattle, con sede en Sídney, ha captado 20 millones de dólares, informó la empresa "
     "australiana. Contratará a 30 ingenieros en Australia y abrirá oficina en Melbourne.", "USD"),
    ("en", "TORONTO - Quillpoint has raised $40 million, the Canadian AI company said on Monday. "
     "It will hire 50 engineers in Canada and open an office in Montreal.", "CAD"),
]


@pytest.mark.parametrize("language,text,currency", FROM_ABROAD)
def test_bare_dollars_of_a_company_seen_from_abroad(language, text, currency):
    first = text.split(". ")[0]
    assert find_money(first, language, text)[0].currency == currency


# --- A licence bought is a licence, not a takeover; its fee follows ------------------------
LICENCE_BOUGHT = [
    ("de", "Rheinhafen lizenziert KI-Modell von Wortfang",
     "Der Versicherer Rheinhafen hat eine Lizenz für das Sprachmodell des Mainzer Start-ups "
     "Wortfang erworben. Die Versicherung zahlt dafür insgesamt 2 Millionen Euro.", 2e6),
    ("en", "Calder Mutual licenses Tessellate's claims model",
     "Calder Mutual has acquired a licence for the claims model of Tessellate, a Bristol AI "
     "start-up. The insurer will pay £4 million over three years.", 4e6),
    ("fr", "La Mutuelle d'Armor acquiert une licence du modèle de Vocalia",
     "La Mutuelle d'Armor a acquis une licence d'utilisation du modèle de langage de Vocalia, "
     "une start-up rennaise. La mutuelle versera 1,5 million d'euros par an.", 1.5e6),
    ("es", "Seguros Duero adquiere una licencia de la plataforma de Lexia",
     "Seguros Duero ha adquirido una licencia de la plataforma de inteligencia artificial de "
     "Lexia, una startup vallisoletana. La aseguradora pagará 2 millones de euros.", 2e6),
]


@pytest.mark.parametrize("language,title,text,fee", LICENCE_BOUGHT)
def test_licence_bought_is_no_takeover(language, title, text, fee):
    deals = _analysis(title, text, language).deals
    assert [d.deal_type for d in deals] == ["licensing"]
    assert deals[0].amount == fee


# --- The amount named by its noun in a sentence after the deal: "an investment of", "eine
# Investition von", "un investissement de", "una inversión de" ------------------------------
INVESTMENT_NOUN = [
    ("de", "Hafenwerk in Gesprächen über Einstieg bei Lumenkraft",
     "Der Konzern Hafenwerk verhandelt Insidern zufolge über eine Beteiligung an dem Bremer "
     "KI-Unternehmen Lumenkraft. Im Gespräch sei eine Investition von rund 200 Millionen Euro, "
     "sagten zwei Personen.", 200e6),
    ("en", "Marlowe Capital in talks to invest in Tidemark",
     "Marlowe Capital is in talks to invest in Tidemark, a Cork AI start-up, people familiar "
     "with the matter said. The talks concern an investment of about €150 million.", 150e6),
    ("fr", "Garonne Capital investirait dans Lumina",
     "Le fonds Garonne Capital serait en négociations pour investir dans Lumina, une start-up "
     "bordelaise d'intelligence artificielle. Il serait question d'un investissement de 80 millions "
     "d'euros.", 80e6),
    ("es", "Inversiones Turia negocia entrar en Albufera IA",
     "Inversiones Turia negocia una inversión en Albufera IA, una startup valenciana de "
     "inteligencia artificial. Se habla de una inversión de unos 30 millones de euros.", 30e6),
]


@pytest.mark.parametrize("language,title,text,value", INVESTMENT_NOUN)
def test_amount_named_by_investment_noun(language, title, text, value):
    assert _primary(title, text, language).amount == value


# --- A roundup's later deal, its price in the sentence after it -----------------------------
ROUNDUPS = [
    ("de", "Die Deals der Woche: Lernkiste, Quellwerk",
     "Lernkiste, ein Leipziger Anbieter von KI-Software für Schulen, erhält 4 Mio. Euro von "
     "Elster Ventures. Der Maschinenbauer Oberland kauft das Rostocker KI-Start-up Quellwerk. "
     "Oberland zahlt dafür 22 Mio. Euro.", "Quellwerk", 22e6),
    ("en", "Deals of the week: Tallyho, Pixelwise",
     "Tallyho, a Leeds maker of AI bookkeeping software, raised £3 million from Fenwick "
     "Ventures. Ardent Foods is buying Pixelwise, a Cardiff AI start-up. It pays £12 million.",
     "Pixelwise", 12e6),
    ("fr", "Les levées de la semaine : Brumea, Sémaphore",
     "Brumea, une start-up nantaise d'intelligence artificielle, lève 2 millions d'euros auprès "
     "de Loire Capital. Le groupe Vallon rachète Sémaphore, une start-up lilloise d'IA. Il "
     "débourse 9 millions d'euros.", "Sémaphore", 9e6),
    ("es", "Las operaciones de la semana: Nubia, Alquimia IA",
     "Nubia, una startup sevillana de inteligencia artificial, capta 3 millones de euros de "
     "Guadalquivir Capital. Grupo Tajo compra Alquimia IA, una startup toledana de visión "
     "artificial. Tajo paga 7 millones de euros.", "Alquimia IA", 7e6),
]


@pytest.mark.parametrize("language,title,text,target,value", ROUNDUPS)
def test_roundup_deal_price_in_next_sentence(language, title, text, target, value):
    deal = next(d for d in _analysis(title, text, language).deals if d.target == target)
    assert deal.amount == value


# --- A French perfect with an adverb between auxiliary and participle is done ---------------
@pytest.mark.parametrize("sentence", [
    "La Mutuelle d'Armor a ainsi pris 20 % du capital de Nacelle, a annoncé mardi la mutuelle.",
    "Le groupe Vallon a finalement racheté Sémaphore pour 9 millions d'euros, a-t-il annoncé.",
    "Iroise a également investi 3 millions d'euros dans Nacre, selon un communiqué du groupe.",
])
def test_french_perfect_with_adverb_is_completed(sentence):
    from enrich.status import sentence_status

    assert sentence_status(sentence, ("Nacelle", "Sémaphore", "Nacre", "Iroise"))[0] == "completed"


# --- AI told by what its models or software see or foresee ----------------------------------
AI_BY_WHAT_IT_DOES = [
    ("de", "„Unsere Modelle erkennen Risse im Beton, bevor sie sichtbar werden“, sagte die "
     "Gründerin."),
    ("fr", "La start-up vend une application qui prévoit la houle et les vents aux plaisanciers."),
    ("en", "Its models detect failing bearings weeks before a breakdown."),
    ("es", "La empresa vende un software que predice las averías de los trenes."),
    ("fr", "Ses modèles détectent les fuites d'eau dans les réseaux des villes."),
]


@pytest.mark.parametrize("language,text", AI_BY_WHAT_IT_DOES)
def test_ai_told_by_what_models_do(language, text):
    from enrich.tagging import mentions_ai

    assert mentions_ai(text)


@pytest.mark.parametrize("text", [
    "L'accord prévoit une clause de sortie au bout de trois ans.",
    "The new model of the car detects nothing new, the reviewer wrote.",
    "Das Modell des Hauses zeigt drei Stockwerke.",
])
def test_no_ai_in_plain_plans_or_objects(text):
    from enrich.tagging import mentions_ai

    assert not mentions_ai(text)
