"""Classes of errors fixed in the third round on unknown companies, each in new words
(none of these sentences is in a labelled set)."""

import pytest

from enrich import analyze
from enrich.tagging import mentions_ai

# A story about what AI does, in words that never say "AI".
AI_BY_TECHNIQUE = [
    "The start-up's model predicts which turbine blades will crack.",
    "Its machine-learning tools read invoices.",
    "Les caméras de la PME reposent sur la vision artificielle.",
    "La jeune pousse conçoit des agents conversationnels pour les banques.",
    "Das Start-up entwirft mit maschinellem Lernen neue Legierungen.",
    "Die Software dahinter lernt mit jedem Auftrag dazu.",
    "La empresa desarrolla algoritmos de visión artificial para viñedos.",
    "Sus sistemas de reconocimiento de voz atienden llamadas.",
    "The firm sells software that automates claims handling.",
    "Its vision models spot defects on factory lines.",
    "La société développe des logiciels d'analyse prédictive pour la grande distribution.",
    "La startup desarrolla robots con visión artificial para astilleros.",
    "The company makes autonomous snow-clearing machines for airports.",
    "Qingdao maker of humanoid robots for car plants.",
    "La start-up produit des données synthétiques pour les banques.",
    "La startup madrileña de síntesis de voz atiende llamadas.",
    "Les caméras intelligentes de la société surveillent les lacs.",
    "Thistle sells software agents that chase invoices.",
]
NOT_AI = [
    "The start-up makes bicycle frames and sells them in 40 shops.",
    "Le groupe fabrique des palettes en bois et emploie 300 personnes.",
    "Der Konzern stellt Pumpen her und beschäftigt 2000 Menschen.",
    "La empresa produce aceite de oliva en Jaén.",
    "Analysts predict higher sales.",
]


@pytest.mark.parametrize("text", AI_BY_TECHNIQUE)
def test_ai_named_by_its_technique(text):
    assert mentions_ai(text)


@pytest.mark.parametrize("text", NOT_AI)
def test_no_technique_no_ai(text):
    assert not mentions_ai(text)


# Names whose first word is an ordinary noun: an institution noun opening a sentence with no
# article, a name joined by "de/des" after it, and German names made of ordinary words right
# after an article and a noun.
NAME_CASES = [
    ("es", "Caja Mirasol compra la startup Datilo",
     "Caja Mirasol ha comprado la startup sevillana Datilo por 9 millones de euros.",
     ("Caja Mirasol",), "Datilo"),
    ("fr", "Banque Ardoise rachète Pixtane",
     "Banque Ardoise rachète la start-up nantaise Pixtane, qui conçoit des agents "
     "conversationnels.", ("Banque Ardoise",), "Pixtane"),
    ("fr", "Tour de table pour Quillon",
     "La start-up Quillon lève 3 millions d'euros auprès de la Caisse des Cévennes.",
     ("Caisse des Cévennes",), "Quillon"),
    ("en", "Bank Orvella takes stake in Cartwise",
     "Bank Orvella has bought Cartwise, a maker of AI checkout software, for $30 million.",
     ("Bank Orvella",), "Cartwise"),
    ("de", "Spedition Wolkenfeld übernimmt Lagerbit",
     "Die Spedition Wolkenfeld übernimmt das Dresdner KI-Start-up Lagerbit.",
     ("Wolkenfeld",), "Lagerbit"),
    ("de", "Laut Insidern: Mischkonzern will zukaufen",
     "Der Mischkonzern Talberg verhandelt Insidern zufolge über den Kauf von Tarvion.",
     ("Talberg",), "Tarvion"),
]


@pytest.mark.parametrize("language,title,text,buyers,target", NAME_CASES,
                         ids=[c[1] for c in NAME_CASES])
def test_names_made_of_ordinary_words(language, title, text, buyers, target):
    deals = analyze(title, text, language).deals
    assert [(d.buyers, d.target) for d in deals][:1] == [(buyers, target)], deals


# A deal said not to happen is no deal.
DENIED = [
    ("en", "Tallowby's AI sales jump; founder rules out fundraising",
     "Tallowby, the Leeds maker of AI scheduling tools, said sales rose 40%. Tallowby does "
     "not need to raise money from Hemlock Partners or anyone else, its founder said."),
    ("en", "Quorvane denies sale talks",
     "Quorvane, an AI start-up, denied reports that it was in talks to sell itself to Brightmoor."),
    ("fr", "Pas de levée pour Ombreline",
     "Ombreline, qui développe des modèles d'IA pour les notaires, n'envisage pas de lever des "
     "fonds cette année, a indiqué son dirigeant."),
    ("de", "Kein Verkauf von Stellwerk",
     "Das KI-Start-up Stellwerk schließt eine neue Finanzierungsrunde vorerst aus."),
    ("es", "Miravia descarta vender",
     "La startup valenciana de IA Miravia descarta por ahora la compra de Datora."),
]


@pytest.mark.parametrize("language,title,text", DENIED, ids=[c[1] for c in DENIED])
def test_a_denied_deal_is_no_deal(language, title, text):
    assert analyze(title, text, language).deals == ()


# People after a job title and wire-service tags in a dateline are no parties.
def test_person_after_job_title_is_no_party():
    deals = analyze(
        "Corvalis raises $12 million",
        "Corvalis, an AI start-up, has raised $12 million from Hemlock Partners, chief "
        "executive Siobhan Carrick said.",
        "en",
    ).deals
    names = {n for d in deals for n in (*d.buyers, d.target)}
    assert names == {"Corvalis", "Hemlock Partners"}


def test_wire_tag_is_no_party():
    deals = analyze(
        "Maplestone Completes Acquisition of Brevio",
        "BOSTON--(GLOBE NEWSWIRE)--Maplestone, Inc., a provider of AI billing software, today "
        "announced that it has completed its acquisition of Brevio.",
        "en",
    ).deals
    assert [(d.buyers, d.target) for d in deals] == [(("Maplestone",), "Brevio")]


# A licence "signed with": the party described as owning the rights (a publisher, a newspaper,
# a label, an archive) grants it, whatever the word order.
LICENCES = [
    ("en", "Quillmark signs AI licensing deal",
     "Quillmark, the Edinburgh publisher of 3,000 cookbooks, has signed a licensing agreement "
     "with Recipio, an AI start-up.", ("Recipio",), "Quillmark"),
    ("fr", "Accord de licence pour Tessaria",
     "Le quotidien régional Tessaria a signé un accord de licence avec la start-up Parolix.",
     ("Parolix",), "Tessaria"),
    ("de", "Lizenzvertrag für Wortwerk",
     "Der Hamburger Verlag Wellmann hat einen Lizenzvertrag mit dem KI-Start-up Satzbau "
     "geschlossen.", ("Satzbau",), "Wellmann"),
    ("es", "Acuerdo de licencia de Ediciones Brisa",
     "La editorial Ediciones Brisa ha firmado un acuerdo de licencia con la startup Lectio.",
     ("Lectio",), "Ediciones Brisa"),
    # no owner named: word order stands
    ("en", "Corvex licenses Datamoor",
     "Corvex has signed a licensing agreement with Datamoor to use its AI models.",
     ("Corvex",), "Datamoor"),
]


@pytest.mark.parametrize("language,title,text,buyers,target", LICENCES,
                         ids=[c[1] for c in LICENCES])
def test_licence_signed_with_a_rights_owner(language, title, text, buyers, target):
    deals = [d for d in analyze(title, text, language).deals if d.deal_type == "licensing"]
    assert [(d.buyers, d.target) for d in deals] == [(buyers, target)], deals


# In a roundup, a valuation stated right after a deal, naming no company, is that deal's.
ROUNDUPS = [
    ("en", "Three rounds of the week",
     "Tidewell has raised $4 million from Harrow Ventures.\nBrisklane has closed a $20 million "
     "round led by Oakridge Capital. The company is now valued at $150 million."),
    ("fr", "Les levées de la semaine",
     "Paludis a levé 2 millions d'euros auprès de Garonne Invest.\nBrisklane a bouclé un tour "
     "de 20 millions de dollars mené par Oakridge Capital. La société est désormais valorisée "
     "à 150 millions de dollars."),
    ("de", "Drei Finanzierungsrunden",
     "Das Start-up Tidewell hat 4 Millionen Euro von Harrow Ventures eingesammelt.\nBrisklane "
     "hat 20 Millionen Dollar von Oakridge Capital eingesammelt. Das Unternehmen wird nun mit "
     "150 Millionen Dollar bewertet."),
    ("es", "Tres rondas de la semana",
     "Tidewell ha levantado 4 millones de euros de Harrow Ventures.\nBrisklane ha cerrado una "
     "ronda de 20 millones de dólares liderada por Oakridge Capital. La empresa está valorada "
     "en 150 millones de dólares."),
]


@pytest.mark.parametrize("language,title,text", ROUNDUPS, ids=[c[1] for c in ROUNDUPS])
def test_roundup_valuation_goes_to_the_deal_before_it(language, title, text):
    deals = {d.target: d for d in analyze(title, text, language).deals}
    assert deals["Brisklane"].valuation == 150e6, deals
    assert deals["Brisklane"].valuation_currency == "USD"
    assert next(d for t, d in deals.items() if t != "Brisklane").valuation is None


def test_a_round_named_by_its_size_and_its_owner_after_describing_words():
    deals = analyze(
        "Carrowby joins round",
        "Carrowby has taken part in a $30 million round for Lyon-based Quillon, alongside "
        "Hemlock Partners.",
        "en",
    ).deals
    assert [(d.target, d.deal_type, d.amount) for d in deals] == [
        ("Quillon", "funding_round", 30e6)
    ]
    assert set(deals[0].buyers) == {"Carrowby", "Hemlock Partners"}


# A party's earlier round, told as background to a takeover, is not a deal of the story.
BACKGROUND = [
    ("en", "Pellwick buys Sortly",
     "Pellwick has acquired Sortly, an AI start-up. Sortly had raised $3 million from angel "
     "investors before the deal."),
    ("fr", "Pellwick rachète Sortly",
     "Pellwick a racheté la start-up Sortly. Sortly a levé 2 millions d'euros en 2023."),
    ("de", "Pellwick übernimmt Sortly",
     "Pellwick übernimmt das KI-Start-up Sortly. Sortly hatte zuvor 2 Millionen Euro "
     "eingesammelt."),
    ("es", "Pellwick compra Sortly",
     "Pellwick ha comprado la startup Sortly. Sortly había levantado 2 millones de euros."),
]


@pytest.mark.parametrize("language,title,text", BACKGROUND, ids=[c[1] for c in BACKGROUND])
def test_earlier_round_of_a_party_is_background(language, title, text):
    deals = analyze(title, text, language).deals
    assert [(d.buyers, d.target, d.deal_type) for d in deals] == [
        (("Pellwick",), "Sortly", "acquisition")
    ], deals


# A stake held already is a holding, not a deal; a stake held after the deal is the deal.
HOLDINGS = [
    ("en", "Varrow buys Kestly",
     "Varrow has bought Kestly for $40 million. Varrow had held a 19% stake in Kestly since 2022."),
    ("fr", "Varrow rachète Kestly",
     "Varrow rachète Kestly pour 40 millions d'euros. Varrow détenait une participation de 19 % "
     "dans Kestly depuis 2022."),
    ("de", "Varrow übernimmt Kestly",
     "Varrow übernimmt Kestly für 40 Millionen Euro. Varrow hielt bereits seit 2022 eine "
     "Beteiligung von 19 Prozent an Kestly."),
    ("es", "Varrow compra Kestly",
     "Varrow ha comprado Kestly por 40 millones de euros. Varrow poseía una participación del "
     "19% en Kestly desde 2022."),
]


@pytest.mark.parametrize("language,title,text", HOLDINGS, ids=[c[1] for c in HOLDINGS])
def test_stake_held_already_is_no_deal(language, title, text):
    deals = analyze(title, text, language).deals
    assert [(d.buyers, d.target, d.deal_type) for d in deals] == [
        (("Varrow",), "Kestly", "acquisition")
    ], deals


def test_stake_held_after_the_deal_is_the_deal():
    deals = analyze(
        "Remwerk steigt bei Kablon ein",
        "Remwerk beteiligt sich an Kablon und hält künftig 25 Prozent an dem Start-up.",
        "de",
    ).deals
    assert [(d.buyers, d.target, d.stake_percent) for d in deals] == [
        (("Remwerk",), "Kablon", 25.0)
    ]


# "X a vendu Y au groupe Z": the "a" of the perfect tense is no "to".
def test_sale_in_perfect_tense_buyer_after_au():
    deals = analyze(
        "Le fonds Tarnis cède Logivo",
        "Tarnis Capital a vendu Logivo, éditeur d'un logiciel d'IA, au groupe belge Vandaal pour "
        "30 millions d'euros.",
        "fr",
    ).deals
    assert [(d.buyers, d.target) for d in deals] == [(("Vandaal",), "Logivo")]


# The investor that leads a round "in" a company is not the company raising it.
LEADS = [
    ("es", "Ronda en Datamar",
     "Norte Growth ha liderado una ronda de 5 millones de euros en Datamar, una startup de IA."),
    ("en", "Round in Datamar",
     "Norte Growth has led a $5 million round in Datamar, an AI start-up."),
]


@pytest.mark.parametrize("language,title,text", LEADS, ids=[c[1] for c in LEADS])
def test_lead_verb_round_in_target(language, title, text):
    deals = analyze(title, text, language).deals
    assert [(d.buyers, d.target, d.deal_type) for d in deals][:1] == [
        (("Norte Growth",), "Datamar", "funding_round")
    ], deals


# A licence read by word order only joins the licence whose direction another clause states.
ORIENTED = [
    ("en", "Brindle Radio signs $5 million licensing deal with Vocalis",
     "Brindle Radio has agreed to license its archive of 20,000 shows to Vocalis, an AI "
     "start-up."),
    ("fr", "Brindle Radio signe un accord de licence de 5 millions avec Vocalis",
     "Brindle Radio va céder sous licence ses archives à Vocalis, une start-up d'IA."),
]


@pytest.mark.parametrize("language,title,text", ORIENTED, ids=[c[0] for c in ORIENTED])
def test_undirected_licence_joins_the_directed_one(language, title, text):
    deals = analyze(title, text, language).deals
    assert [(d.buyers, d.target, d.deal_type) for d in deals] == [
        (("Vocalis",), "Brindle Radio", "licensing")
    ], deals
    assert deals[0].amount == 5e6


# The seller, when the text names one.
SELLERS = [
    ("fr", "Le fonds Tarnis cède Logivo",
     "Tarnis Capital a vendu Logivo, éditeur d'un logiciel d'IA, au groupe belge Vandaal pour "
     "30 millions d'euros.", "Vandaal", "Logivo", "Tarnis Capital"),
    ("en", "Harwood buys Mapforge",
     "Harwood Group has agreed to buy Mapforge, the AI mapping unit of Pellam Industries, for "
     "$40 million.", "Harwood Group", "Mapforge", "Pellam Industries"),
    ("en", "Harwood buys Mapforge",
     "Harwood Group has acquired Mapforge from Pellam Industries for $40 million.",
     "Harwood Group", "Mapforge", "Pellam Industries"),
    ("de", "Harwood kauft Mapforge", "Harwood übernimmt Mapforge von Pellam Industries.",
     "Harwood", "Mapforge", "Pellam Industries"),
    ("es", "Harwood compra Mapforge",
     "Harwood ha comprado Mapforge a Pellam Industries por 40 millones de euros.",
     "Harwood", "Mapforge", "Pellam Industries"),
    ("en", "Harwood buys Mapforge",
     "Harwood has bought Mapforge, a start-up based in Leeds, for $40 million.",
     "Harwood", "Mapforge", None),
]


@pytest.mark.parametrize("language,title,text,buyer,target,seller", SELLERS,
                         ids=[f"{c[0]}-{c[5]}" for c in SELLERS])
def test_seller(language, title, text, buyer, target, seller):
    deals = analyze(title, text, language).deals
    assert [(d.buyers, d.target, d.seller) for d in deals] == [((buyer,), target, seller)]


# Everyday headline phrasings of takeovers and rounds, in the four languages.
PHRASINGS = [
    ("en", "Brackwell snaps up Tivvy for $30m", "The deal was announced on Monday.",
     (("Brackwell",), "Tivvy", "acquisition", 30e6)),
    ("en", "Buyout", "Buyout firm Oakfield Partners has agreed to take Tivvy private for "
     "$900 million.", (("Oakfield Partners",), "Tivvy", "acquisition", 900e6)),
    ("en", "Tivvy lands $20 million from Redpine Capital", "The AI start-up will hire.",
     (("Redpine Capital",), "Tivvy", "funding_round", 20e6)),
    ("fr", "Brackwell prend le contrôle de Tivvy", "Le montant n'a pas été dévoilé.",
     (("Brackwell",), "Tivvy", "acquisition", None)),
    ("fr", "Tivvy tombe dans l'escarcelle de Brackwell", "Le montant n'a pas été dévoilé.",
     (("Brackwell",), "Tivvy", "acquisition", None)),
    ("fr", "Tivvy décroche 4 millions d'euros", "La start-up lyonnaise conçoit des robots.",
     ((), "Tivvy", "funding_round", 4e6)),
    ("de", "Brackwell schluckt Tivvy", "Der Kaufpreis wurde nicht genannt.",
     (("Brackwell",), "Tivvy", "acquisition", None)),
    ("de", "Tivvy geht an Brackwell", "Der Kaufpreis wurde nicht genannt.",
     (("Brackwell",), "Tivvy", "acquisition", None)),
    ("de", "Geld für Tivvy", "Das Kölner Start-up Tivvy erhält 12 Millionen Euro von Rheinkap.",
     (("Rheinkap",), "Tivvy", "funding_round", 12e6)),
    ("es", "Brackwell se hace con Tivvy", "La operación asciende a 30 millones de euros.",
     (("Brackwell",), "Tivvy", "acquisition", 30e6)),
    ("es", "Brackwell toma el control de Tivvy", "No se ha revelado el importe.",
     (("Brackwell",), "Tivvy", "acquisition", None)),
    ("es", "Tivvy capta 3 millones de euros", "La ronda la lidera Alba Ventures.",
     (("Alba Ventures",), "Tivvy", "funding_round", 3e6)),
]


@pytest.mark.parametrize("language,title,text,expected", PHRASINGS,
                         ids=[c[1] for c in PHRASINGS])
def test_everyday_deal_phrasings(language, title, text, expected):
    result = analyze(title, text, language)
    got = [(d.buyers, d.target, d.deal_type, d.amount) for d in result.deals]
    assert got == [expected]
    assert result.deal_story


def test_money_verbs_need_an_amount():
    result = analyze("Tivvy gets 5,000 new customers", "Tivvy, an AI start-up, erhält nothing.",
                     "en")
    assert result.deals == ()


# German names: after an article and a descriptor noun the whole name follows ("Die
# Beteiligungsgesellschaft Hanseatische Zukunftsfonds"), firms named "A & B", two names
# coordinated after a plural noun, a place adjective before the name mid-sentence, a genitive
# job noun, a descriptor that belongs to a name made of one ordinary word ("Der Klinikverbund
# Nord"), and a bare noun that opens sentences as their subject.
GERMAN_NAMES = [
    ("Nordische Wachstumsbeteiligungen steigt bei Zahlwerk ein",
     "Die Beteiligungsgesellschaft Nordische Wachstumsbeteiligungen übernimmt 20 Prozent an "
     "Zahlwerk.", ("Nordische Wachstumsbeteiligungen",), "Zahlwerk"),
    ("Kessler & Brandt kauft Fernblick",
     "Die Industrieholding Kessler & Brandt will den Berner KI-Anbieter Fernblick übernehmen.",
     ("Kessler & Brandt",), "Fernblick"),
    ("Fusion im Bier",
     "Die fränkischen Brauereien Tannfelder und Moosbrunn fusionieren.",
     ("Tannfelder",), "Moosbrunn"),
    ("Einstieg in Kiel",
     "Talvora beteiligt sich mit 30 Prozent an der Kieler Quellcode AI.",
     ("Talvora",), "Quellcode AI"),
    ("Übernahme abgesagt",
     "Der Finanzinvestor Halvard Capital hat die Übernahme des Dresdner KI-Chipentwicklers "
     "Siliziumbrücke abgesagt.", ("Halvard Capital",), "Siliziumbrücke"),
    ("Lizenz für Kliniken",
     "Der Klinikverbund Nord hat eine Lizenzvereinbarung mit dem Start-up Mediwert "
     "geschlossen.", ("Klinikverbund Nord",), "Mediwert"),
    ("Geld für Schulsoftware",
     "Wegweiser entwickelt KI-Tutoren für Berufsschulen. Wegweiser hat nun eine "
     "Finanzierungsrunde über 20 Mio. Euro abgeschlossen. "
     "Angeführt wird die Runde von Zugspitz Ventures.",
     ("Zugspitz Ventures",), "Wegweiser"),
]


@pytest.mark.parametrize("title,text,buyers,target", GERMAN_NAMES,
                         ids=[c[0] for c in GERMAN_NAMES])
def test_german_names(title, text, buyers, target):
    deals = analyze(title, text, "de").deals
    assert [(d.buyers, d.target) for d in deals][:1] == [(buyers, target)], deals


# Past tenses of a round or takeover are completed; "Mio." does not end a clause; a round
# cited with a period before the article's date has happened.
COMPLETED = [
    ("de", "Geld für Wolkenhain",
     "Das Start-up Wolkenhain hat in einer Finanzierungsrunde 15 Mio. Euro eingesammelt."),
    ("fr", "Financement pour Brumeo",
     "Brumeo, une entreprise de Lévis, a obtenu un financement de 18 millions d'euros."),
    ("es", "Ronda para Niebla",
     "La startup Niebla ha captado 4 millones de euros de Tajo Ventures."),
    ("en", "Fogline raises money",
     "Fogline has secured $8 million from Harbourside Ventures."),
]


@pytest.mark.parametrize("language,title,text", COMPLETED, ids=[c[1] for c in COMPLETED])
def test_past_tense_rounds_are_completed(language, title, text):
    deals = analyze(title, text, language).deals
    assert [d.status for d in deals] == ["completed"], deals


def test_round_cited_in_an_earlier_year_is_completed():
    from datetime import date

    deals = analyze(
        "Former staff sue Quillmoor",
        "Three investors in Quillmoor, a defunct AI start-up, have sued its founders over a "
        "$12 million funding round in 2024.",
        "en",
        date(2026, 3, 1),
    ).deals
    assert [(d.target, d.status) for d in deals] == [("Quillmoor", "completed")]


# Amounts said by a pronoun or the buyer's kind, by "the contract", and currencies of
# Latin America and bare Swiss francs.
AMOUNTS = [
    ("de", "Einstieg bei Zählbar",
     "Die Holding Weserkap übernimmt 25 Prozent an Zählbar. Dafür zahlt sie 6 Mio. Euro.",
     6e6, "EUR"),
    ("fr", "Entrée au capital de Vestra",
     "Le fonds Bocage Capital a pris une participation de 20 % au capital de Vestra. Le fonds "
     "a investi 4 millions d'euros.", 4e6, "EUR"),
    ("es", "Entrada en Brisalia",
     "Inversiones Tormes tomará una participación del 20% en Brisalia. Pagará 3 millones de "
     "euros.", 3e6, "EUR"),
    ("de", "Lizenz für Kliniken",
     "Der Klinikverbund West hat eine Lizenzvereinbarung mit dem Start-up Bildwerk "
     "geschlossen. Der Vertrag hat ein Volumen von 2,5 Mio. Euro.", 2.5e6, "EUR"),
    ("es", "Ronda en México",
     "La mexicana Maizal AI recaudó 200 millones de pesos de Sierra Madre Ventures.",
     200e6, "MXN"),
    ("es", "Ronda en Brasil",
     "La brasileña Caju IA ha recibido 40 millones de reales de Paulista Capital.",
     40e6, "BRL"),
    ("fr", "Levée à Genève",
     "Lémanique, une start-up genevoise, a levé 9 millions de francs auprès de Rhône "
     "Ventures.", 9e6, "CHF"),
]


@pytest.mark.parametrize("language,title,text,amount,currency", AMOUNTS,
                         ids=[c[1] for c in AMOUNTS])
def test_amounts(language, title, text, amount, currency):
    deals = analyze(title, text, language).deals
    assert [(d.amount, d.currency) for d in deals][:1] == [(amount, currency)], deals


# Lower-case brands opening a sentence, trade-noun names joined by "de", a company described
# by lower-case words before its name (not a person even with a first name), two merging
# parties with long appositions, and a licence "with" whose later "access to" names no licensee.
MORE_NAMES = [
    ("en", "Corbel in talks to buy zentiq",
     "Corbel Networks is in talks to acquire zentiq, a start-up that predicts outages. zentiq "
     "was valued at $300 million in 2024.", (("Corbel Networks",), "zentiq", "acquisition")),
    ("fr", "Rachat dans le lait",
     "La coopérative agricole Terres de Sologne a finalisé le rachat de Fromagix.",
     (("Terres de Sologne",), "Fromagix", "acquisition")),
    ("es", "Compra en Cantabria",
     "La conservera Anchoamar ha cerrado la compra de Conservas del Sella por 20 millones de "
     "euros.", (("Anchoamar",), "Conservas del Sella", "acquisition")),
    ("fr", "Investissement japonais",
     "Le groupe japonais d'électronique Kaori Denki va investir 2 milliards de yens dans "
     "Aubrac IA.", (("Kaori Denki",), "Aubrac IA", "investment")),
    ("en", "Merger in pathology",
     "Pellucid Health, a Boston developer of AI models that flag cancer cells in slides, and "
     "Ravel Diagnostics, a Minneapolis maker of slide scanners, have agreed to merge.",
     (("Pellucid Health",), "Ravel Diagnostics", "merger")),
    ("en", "Tessaron licenses Pliant AI's models",
     "Tessaron Bio has signed a licensing agreement with Pliant AI that gives the biotech "
     "access to Pliant's protein models.", (("Tessaron Bio",), "Pliant AI", "licensing")),
]


@pytest.mark.parametrize("language,title,text,expected", MORE_NAMES,
                         ids=[c[1] for c in MORE_NAMES])
def test_more_names(language, title, text, expected):
    deals = analyze(title, text, language).deals
    assert [(d.buyers, d.target, d.deal_type) for d in deals][:1] == [expected], deals


def test_lower_case_brand_bought_and_described():
    deals = analyze(
        "Insurers buy software",
        "On Thursday the sector got its largest deal yet. Halloway Group agreed to buy "
        "tabulo, a London start-up whose software reads policies, for £30m.",
        "en",
    ).deals
    assert [(d.buyers, d.target, d.amount) for d in deals] == [(("Halloway Group",), "tabulo",
                                                                  30e6)]


def test_story_about_a_past_round_is_no_deal_story():
    from datetime import date

    result = analyze(
        "Quillmoor founders sued by former investors",
        "Three investors in Quillmoor, a defunct AI start-up, have sued its founders over a "
        "$12 million funding round in 2024.",
        "en",
        date(2026, 3, 1),
    )
    assert result.deals and not result.deal_story


def test_feature_with_the_deal_in_paragraph_three_is_a_deal_story():
    lead = " ".join(f"Sentence {i} of the feature says nothing about any deal." for i in range(7))
    result = analyze(
        "Why investors back Tallis Robotics",
        lead + "\nTallis Robotics has raised $20 million from Harrowgate Ventures.",
        "en",
    )
    assert result.deal_story
    assert [(d.target, d.is_primary) for d in result.deals] == [("Tallis Robotics", True)]


@pytest.mark.parametrize("title", [
    "Brindle to pay Corvex $50 million a year for its models",
    "Brindle agreed to pay Corvex $50 million annually for its models",
])
def test_paying_a_yearly_fee_is_a_licence(title):
    deals = analyze(title, "The payments start next year.", "en").deals
    assert [(d.buyers, d.target, d.deal_type, d.amount) for d in deals] == [
        (("Brindle",), "Corvex", "licensing", 50e6)
    ], deals
