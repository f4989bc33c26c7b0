"""Classes of party, role and tagging errors fixed in the fifth round, each in new words
(none of these sentences is in a labelled set), in every language where the class exists."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from enrich import analyze
from enrich.samedeal import facts_of, org_key, same_deal
from enrich.tagging import mentions_ai
from enrich.text import blank_datelines

ROOT = Path(__file__).resolve().parents[2]


def _deal(result, target: str):
    return next((d for d in result.deals if d.target == target), None)


def _parties(result) -> set[str]:
    return {n for d in result.deals for n in (d.target, *d.buyers)}


# A company's identity key leaves out a leading article or generic descriptor, so a story
# that writes "Grupo Tormes" and a label that writes "Tormes" name one company.
SAME_COMPANY = [
    ("Grupo Tormes", "Tormes"),
    ("The Quiet Ledger Company", "Quiet Ledger Company"),
    ("Brauerei Kaltwasser", "Kaltwasser"),
    ("Banco Llanura", "Llanura"),
    ("Groupe Vellane", "Vellane"),
    ("Das Start-up Kornblick", "Kornblick"),
]


@pytest.mark.parametrize("long,short", SAME_COMPANY, ids=[s[0] for s in SAME_COMPANY])
def test_leading_descriptor_is_no_part_of_identity(long, short):
    assert org_key(long) == org_key(short)
    a = facts_of(["Fonds Ardoise"], long, "acquisition")
    b = facts_of(["Ardoise"], short, "acquisition")
    assert same_deal(a, b)


@pytest.mark.parametrize("name,other", [
    ("Bank of Lisbon", "Lisbon"),  # a lower-case join: the descriptor is the name
    ("Grupo", "Grupo Tormes"),  # a descriptor alone stays what it is
    ("Tormes Capital", "Tormes"),  # an ending word is part of the identity
])
def test_identity_keeps_what_distinguishes(name, other):
    assert org_key(name) != org_key(other)


# A dateline names where the story was filed, not a party, and the company after it is the
# subject of the first sentence.
DATELINES = [
    ("en", "", "BENGALURU: Quillmark, which makes scheduling software for dentists, raises "
     "$14 million in a round led by Tarn Valley Capital, the company said.", "Quillmark",
     "BENGALURU"),
    ("en", "", "BUSAN, May 4 (Hanmun) -- Fjellnett, a developer of AI maps for ski resorts, "
     "said it has completed a 90 billion won round led by Gyeongnam Invest.", "Fjellnett",
     "Hanmun"),
    ("fr", "", "NANTES. Brindille, qui analyse les factures avec l'IA, a bouclé un tour de "
     "table de 5 millions d'euros mené par Estuaire Capital.", "Brindille", "NANTES"),
    ("de", "", "JENA: Kartenwerk, das Karten mit KI auswertet, hat in einer Finanzierungsrunde "
     "unter Führung von Saale Ventures 9 Millionen Euro eingesammelt.", "Kartenwerk", "JENA"),
    ("es", "", "SEVILLA: Trebolia, que usa inteligencia artificial para leer contratos, "
     "ha cerrado una ronda de 4 millones de euros liderada por Albufera Capital.",
     "Trebolia", "SEVILLA"),
]


@pytest.mark.parametrize("language,title,text,target,place", DATELINES,
                         ids=[d[3] for d in DATELINES])
def test_dateline_is_no_party(language, title, text, target, place):
    result = analyze(title, text, language)
    assert _deal(result, target) is not None
    assert not any(place.casefold() in n.casefold().split() for n in _parties(result))


def test_descriptor_after_a_dateline_is_peeled():
    deal = _deal(analyze(
        "",
        "ZURICH, May 4 - Reinsurer Limmatbrück Re has agreed to buy a 30% stake in Paramo, a "
        "start-up that prices flood risks with AI, for 20 million Swiss francs.",
        "en",
    ), "Paramo")
    assert deal is not None and deal.buyers == ("Limmatbrück Re",)


def test_dateline_blanking_keeps_offsets_and_plain_openings():
    text = "BILBAO. Ibaizabal Robotics compra Lantegi.\nIBM said on Monday it would buy X."
    blanked = blank_datelines(text)
    assert len(blanked) == len(text)
    assert blanked.index("Ibaizabal") == text.index("Ibaizabal")
    assert "BILBAO" not in blanked and "IBM said" in blanked


# An abbreviated weekday or month inside a longer name is an ordinary word ("Sun", "Mer",
# "Mar"): the name is still the subject of the deal verb.
ABBREVIATIONS = [
    ("en", "Copper Sun Orchards to buy Halden Cold Storage for $90 million",
     "Copper Sun Orchards will buy Halden Cold Storage for $90 million, it said on Monday.",
     "Copper Sun Orchards", "Halden Cold Storage"),
    ("fr", "Terre Mer Logistique rachète Ondine Data",
     "Le transporteur Terre Mer Logistique a racheté Ondine Data, une start-up qui prévoit "
     "les marées avec l'IA, pour 6 millions d'euros.", "Terre Mer Logistique", "Ondine Data"),
    ("es", "Costa Mar Conservas compra Faro Visión",
     "La conservera Costa Mar Conservas ha comprado Faro Visión, una empresa que inspecciona "
     "latas con inteligencia artificial, por 8 millones de euros.", "Costa Mar Conservas",
     "Faro Visión"),
]


@pytest.mark.parametrize("language,title,text,buyer,target", ABBREVIATIONS,
                         ids=[a[3] for a in ABBREVIATIONS])
def test_abbreviated_weekday_inside_a_name(language, title, text, buyer, target):
    deal = _deal(analyze(title, text, language), target)
    assert deal is not None and buyer in deal.buyers


# French elided pronouns and conjunctions ("C'est", "Qu'il", "N'importe") are no names: the
# subject after a cleft sentence is the company.
def test_cleft_sentence_subject_is_the_company():
    result = analyze(
        "Les vergers se mettent à l'IA",
        "C'est dans ce contexte que Pommeraie Numérique, une start-up angevine, a bouclé une "
        "levée de 3 millions d'euros menée par Loire Amorçage. Qu'il pleuve ou non, ses "
        "capteurs comptent les fruits.",
        "fr",
    )
    deal = _deal(result, "Pommeraie Numérique")
    assert deal is not None and "Loire Amorçage" in deal.buyers
    assert not any(n.startswith(("C'", "Qu'")) for n in _parties(result))


# A person named with a role in apposition ("X Y, co-founder of Z") is no party, and the
# first name used alone later is no company either.
PEOPLE = [
    ("en", "This week we talk with Amara Delacroix-Holt, co-founder of Fennick, which raised "
     "$6 million from Lowland Ventures. Amara says the round took a year.", "Amara"),
    ("fr", "Côté investisseurs, Bertrand Olivier-Mace, associé de Rhône Croissance, estime que "
     "l'équipe « a su lever au bon moment ».", "Bertrand"),
    ("de", "Maren Vosskuhl, Partnerin bei Isarwerk Capital, sagt, die Runde sei schnell "
     "zustande gekommen. Vosskuhl will nun weitere Investments prüfen.", "Maren"),
    ("es", "Lucía Ferrandis Oña, socia de Turia Capital, asegura que la ronda se cerró en "
     "tres semanas.", "Lucía"),
]


@pytest.mark.parametrize("language,text,first", PEOPLE, ids=[p[0] for p in PEOPLE])
def test_person_with_role_in_apposition_is_no_party(language, text, first):
    result = analyze("", text, language)
    assert not any(n.startswith(first) for n in _parties(result))


# A lower-case brand as the subject of a deal verb inside a sentence.
LOWER_BRANDS = [
    ("en", "The host asks how tallyho raised its $2 million seed round with no deck.", "tallyho"),
    ("fr", "Elle raconte comment plumeo a levé 2 millions d'euros sans présentation.", "plumeo"),
    ("es", "Cuenta cómo cuadrito ha recaudado 2 millones de euros sin presentación.",
     "cuadrito"),
]


@pytest.mark.parametrize("language,text,brand", LOWER_BRANDS, ids=[b[2] for b in LOWER_BRANDS])
def test_lower_case_brand_as_subject(language, text, brand):
    assert _deal(analyze("", text, language), brand) is not None


# A feature whose news comes after the lead: the first deal told as news is the main deal,
# so the story is a deal story; a deal told as history is not.
_FILLER = {
    "en": ["Warehouses along the canal still count pallets by hand.",
           "Each miscount costs the owners a day of storage fees.",
           "Software vendors have tried to fix this for a decade.",
           "Most of them sold dashboards that nobody opened.",
           "Customers say the problem is the data, not the screens.",
           "Insurers have started to ask for better records."],
    "fr": ["Dans les entrepôts du port, on compte encore les palettes à la main.",
           "Chaque erreur coûte une journée de frais de stockage.",
           "Les éditeurs de logiciels promettent une solution depuis dix ans.",
           "La plupart ont vendu des tableaux de bord que personne n'ouvre.",
           "Les clients disent que le problème vient des données.",
           "Les assureurs commencent à exiger de meilleurs registres."],
    "de": ["In den Lagerhallen am Kanal werden Paletten noch von Hand gezählt.",
           "Jeder Zählfehler kostet die Eigentümer einen Tag Lagergebühren.",
           "Softwareanbieter versuchen das seit zehn Jahren zu ändern.",
           "Die meisten verkauften Dashboards, die niemand öffnete.",
           "Kunden sagen, das Problem seien die Daten.",
           "Versicherer verlangen inzwischen bessere Aufzeichnungen."],
}
FEATURES = [
    ("en", "Pallet Owl has closed an $11 million Series A round led by Marsh Lane Capital.",
     "Pallet Owl"),
    ("fr", "La start-up Palettia a bouclé une levée de 7 millions d'euros menée par Quai "
     "Ouest Capital.", "Palettia"),
    ("de", "Das Kölner Start-up Stapelwerk hat 8 Millionen Euro von Rheinfeld Ventures "
     "eingesammelt.", "Stapelwerk"),
]


@pytest.mark.parametrize("language,news,target", FEATURES, ids=[f[0] for f in FEATURES])
def test_feature_with_news_after_the_lead_is_a_deal_story(language, news, target):
    text = " ".join(_FILLER[language]) + "\n" + news
    result = analyze("A slow revolution in the warehouse", text, language)
    assert result.deal_story
    assert _deal(result, target).is_primary


def test_feature_with_only_history_is_no_deal_story():
    text = " ".join(_FILLER["en"]) + "\nPallet Owl had raised $3 million in 2021."
    assert not analyze("A slow revolution in the warehouse", text, "en").deal_story


# A deal sentence whose subject is an anaphor ("The company", "Das Start-up", "La start-up",
# "La empresa") is about the company named before it, even outside the lead; its
# sentence is read for names.
ANAPHORS = [
    ("en", "One of the firms that hopes to profit is Quillfeather, from Leeds. The company "
     "raised $12 million in a round led by Pennine Growth.", "Quillfeather"),
    ("fr", "Parmi les entreprises qui veulent en profiter figure Brindelle, installée à "
     "Nantes. La start-up lève 5 millions d'euros auprès de Loire Amorçage.", "Brindelle"),
    ("de", "Eines der Unternehmen, die profitieren wollen, ist Zählwerkstatt aus Jena. Das "
     "Start-up sammelt 12 Millionen Euro ein, angeführt von Saale Ventures.", "Zählwerkstatt"),
    ("es", "Una de las empresas que quiere aprovecharlo es Cuadernia, de Valencia. La empresa "
     "recauda 4 millones de euros en una ronda liderada por Albufera Capital.", "Cuadernia"),
]


@pytest.mark.parametrize("language,text,target", ANAPHORS, ids=[a[0] for a in ANAPHORS])
def test_anaphoric_subject_is_the_company_named_before(language, text, target):
    padded = " ".join(_FILLER.get(language, _FILLER["en"])) + "\n" + text
    deal = _deal(analyze("", padded, language), target)
    assert deal is not None and deal.amount is not None


@pytest.mark.parametrize("text", [
    "The company had raised $3 million from angels in 2022.",
    "The company has raised $40 million in total since 2019.",
])
def test_anaphoric_history_is_no_deal(text):
    padded = " ".join(_FILLER["en"]) + "\nOne of them is Quillfeather, from Leeds. " + text
    assert analyze("", padded, "en").deals == ()


def test_buying_into_is_a_stake():
    result = analyze(
        "Harrowgate Mutual buys into claims start-up Tidemark",
        "Harrowgate Mutual has agreed to buy a 30% stake in Tidemark, a start-up that reads "
        "claims photos with AI, for $20 million.",
        "en",
    )
    assert [d.deal_type for d in result.deals] == ["investment"]


# A known name that is an ordinary word ("Sierra", "Orange") inside a longer discovered name
# does not swallow it: the longer name is another company.
STRICT_INSIDE = [
    ("es", "Caja Sierra Morena compra la fintech Pagaré",
     "Caja Sierra Morena ha comprado Pagaré, una fintech que usa inteligencia artificial, "
     "por 12 millones de euros.", "Caja Sierra Morena", "Pagaré"),
    ("en", "Blue Orange Foods buys Kitchenlens",
     "Blue Orange Foods has bought Kitchenlens, an AI start-up that checks recipes, for "
     "$9 million.", "Blue Orange Foods", "Kitchenlens"),
]


@pytest.mark.parametrize("language,title,text,buyer,target", STRICT_INSIDE,
                         ids=[s[3] for s in STRICT_INSIDE])
def test_strict_known_name_inside_a_longer_name(language, title, text, buyer, target):
    deal = _deal(analyze(title, text, language), target)
    assert deal is not None and deal.buyers == (buyer,)


# Frequent adjectives that open names ("Grand", "Nouvelle", "Gran", "New") are part of the
# name inside a sentence; a description with "de" ("le groupe de presse régionale X") still
# describes the name; a "de" join before an apposition is inside one name.
OPENERS = [
    ("fr", "Enfin, le groupe de distribution Nouvelle Rive Commerce a racheté Fleur de Sel "
     "Conseil, une petite agence qui prévoit les ventes avec l'IA.", "Nouvelle Rive Commerce",
     "Fleur de Sel Conseil"),
    ("es", "Además, el grupo Gran Meseta Alimentación ha comprado Casa de Campo Datos, una "
     "empresa que usa inteligencia artificial para prever cosechas.",
     "Gran Meseta Alimentación", "Casa de Campo Datos"),
    ("en", "Separately, Big Harbor Partners acquired Lanternfish Labs, an AI start-up, for "
     "$15 million.", "Big Harbor Partners", "Lanternfish Labs"),
]


@pytest.mark.parametrize("language,text,buyer,target", OPENERS, ids=[o[2] for o in OPENERS])
def test_names_opening_with_frequent_adjectives(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.buyers == (buyer,)


def test_cooperative_description_binds_an_ordinary_name():
    deal = _deal(analyze(
        "",
        "La coopérative laitière Val de Brenne a racheté Lactiscan, une start-up qui "
        "analyse le lait avec l'IA, pour 2 millions d'euros.",
        "fr",
    ), "Lactiscan")
    assert deal is not None and deal.buyers == ("Val de Brenne",)


_SEEDED = """
import sys
from enrich.companies import default_gazetteer
from enrich.parties import discover
text = sys.argv[1]
hits = discover(text, default_gazetteer(), "en", [(0, len(text))])
print(sorted((h.start, h.end, h.name) for h in hits))
"""


def test_discovery_does_not_depend_on_hash_seed():
    """A short form with two longer forms ("Kestrel Data" beside "Kestrel Data Labs") takes
    the same long form whatever the iteration order of a set of names."""
    text = (
        "Kestrel Data Labs signed a partnership with Quorn Robotics. The partnership with "
        "Kestrel Data brings Kestrel into new markets. Kestrel Data Labs and Kestrel Data "
        "agreed to merge."
    )
    outs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _SEEDED, text], capture_output=True, text=True,
            env=env, cwd=ROOT, check=True,
        )
        outs.add(done.stdout)
    assert len(outs) == 1


# "We" as the subject of a round or a purchase, in an interview or a quote: the company the
# story is about.
_INTERVIEW = {
    "en": ("Lumenreef, based in Tromsø, builds sensors for fish farms. Lumenreef sells to "
           "farmers in Norway. We spoke with its chief executive, Ingrid Solberg."),
    "fr": ("Ardalis, éditeur lillois, aide les mairies à trier leur courrier. Ardalis compte "
           "90 salariés. Sa présidente, Jeanne Caudron, a répondu à nos questions."),
    "de": ("Feldauge aus Kassel wertet Drohnenbilder für Landwirte aus. Feldauge beschäftigt "
           "60 Menschen. Wir sprachen mit Gründerin Lena Hofmeister."),
    "es": ("Orvalia, de Zaragoza, analiza imágenes de cultivos. Orvalia tiene 50 empleados. "
           "Hablamos con su fundadora, Marta Lasheras."),
}
FIRST_PERSON = [
    ("en", "A: We closed a $25 million round this month, led by Skerry Capital.",
     "Lumenreef", None),
    ("fr", "Oui. Nous avons signé un accord pour racheter Brumelle, une start-up rouennaise "
     "qui lit les formulaires.", "Brumelle", "Ardalis"),
    ("de", "„Wir haben 12 Millionen Euro eingesammelt, angeführt von Fulda Ventures“, sagt "
     "Hofmeister.", "Feldauge", None),
    ("es", "Hemos cerrado una ronda de 6 millones de euros liderada por Moncayo Capital.",
     "Orvalia", None),
]


@pytest.mark.parametrize("language,answer,target,buyer", FIRST_PERSON,
                         ids=[f[0] for f in FIRST_PERSON])
def test_we_is_the_company_the_story_is_about(language, answer, target, buyer):
    deal = _deal(analyze("", _INTERVIEW[language] + "\n" + answer, language), target)
    assert deal is not None
    if buyer:
        assert deal.buyers == (buyer,)


def test_we_without_an_amount_raises_nothing():
    text = _INTERVIEW["en"] + "\nA: We are in no hurry to raise money."
    assert analyze("", text, "en").deals == ()


# "last month", "la semaine dernière": when the round closed, not an earlier round.
@pytest.mark.parametrize("language,text,target", [
    ("en", "Skerrow, a Leeds start-up, closed a $9 million round last month, led by Aire "
     "Capital.", "Skerrow"),
    ("fr", "Brumelle, une start-up rouennaise, a bouclé la semaine dernière un tour de table "
     "de 4 millions d'euros mené par Seine Amorçage.", "Brumelle"),
    ("de", "Das Kasseler Start-up Feldauge hat letzten Monat eine Finanzierungsrunde über "
     "7 Millionen Euro abgeschlossen.", "Feldauge"),
])
def test_round_dated_last_month_is_this_round(language, text, target):
    assert _deal(analyze("", text, language), target) is not None


def test_round_with_nothing_stated_past_the_lead_is_no_deal():
    text = " ".join(_FILLER["fr"]) + (
        "\n« Une équipe qui sait vendre avant de lever », souligne Paul Vianey, associé de "
        "Garonne Croissance."
    )
    assert analyze("", text, "fr").deals == ()


def test_headline_with_lower_case_verb_is_not_title_case():
    result = analyze(
        "Harrow Moss Farms to buy Kelda Mills for $60 million",
        "The farmer-owned group said the purchase would close in the spring.",
        "en",
    )
    deal = _deal(result, "Kelda Mills")
    assert deal is not None and deal.buyers == ("Harrow Moss Farms",)


def test_person_named_after_a_job_title_is_no_company_in_the_headline():
    result = analyze(
        "Q&A: Ingrid Solberg on sensors under the sea",
        _INTERVIEW["en"] + "\nA: We closed a $25 million round this month, led by Skerry "
        "Capital.",
        "en",
    )
    assert "Ingrid Solberg" not in _parties(result)


# A licence granted "aux"/"al"/"to" someone: the one named after it is the licensee.
@pytest.mark.parametrize("language,title,target,buyer", [
    ("fr", "Radiolis concède une licence de son modèle de lecture aux Laboratoires Ormeau",
     "Radiolis", "Laboratoires Ormeau"),
    ("es", "Lectoria concede una licencia de su modelo de lectura al Grupo Hospitalario Sella",
     "Lectoria", "Grupo Hospitalario Sella"),
    ("en", "Scanwise licenses its imaging model to Fenmore Health", "Scanwise", "Fenmore Health"),
])
def test_licence_granted_to_a_licensee(language, title, target, buyer):
    deal = _deal(analyze(title, "", language), target)
    assert deal is not None and deal.deal_type == "licensing"
    assert org_key(deal.buyers[0]) == org_key(buyer)


# A number the story writes after a name every time is part of the name ("Ruta 57").
@pytest.mark.parametrize("language,text,name", [
    ("es", "La última es Carril 9, una empresa de Puebla que ordena rutas con inteligencia "
     "artificial. Carril 9 cerró una ronda de 12 millones de dólares liderada por Popo "
     "Ventures. Carril 9 tiene 80 empleados.", "Carril 9"),
    ("en", "The latest is Dock 14, a Rotterdam start-up that schedules cranes with AI. Dock 14 "
     "raised $12 million in a round led by Maas Capital. Dock 14 employs 60 people.",
     "Dock 14"),
    ("fr", "La dernière est Quai 7, une start-up de Sète qui planifie les escales avec l'IA. "
     "Quai 7 lève 4 millions d'euros auprès de Thau Capital. Quai 7 emploie 20 personnes.",
     "Quai 7"),
])
def test_number_written_with_the_name_is_part_of_it(language, text, name):
    assert _deal(analyze("", text, language), name) is not None


# An acronym and the name it stands for, side by side in parentheses, are one company, named
# by the spelled-out form even where the story uses the acronym alone (the headline).
ACRONYMS = [
    ("fr", "TMA s'allie à Routix", "Le transporteur TMA (Transports Mercure Azur) a noué un "
     "partenariat avec Routix, une start-up qui optimise les tournées grâce à l'IA.",
     "Transports Mercure Azur", "Routix"),
    ("en", "NRH buys Tallyscope", "Northern Rail Holdings (NRH) has agreed to buy Tallyscope, "
     "a start-up that counts wagons with AI, for $30 million.", "Northern Rail Holdings",
     "Tallyscope"),
    ("es", "GLN compra Contalia", "El Grupo Logístico Norteño (GLN) ha comprado Contalia, una "
     "empresa que usa inteligencia artificial para leer albaranes.", "Grupo Logístico Norteño",
     "Contalia"),
    ("de", "HLW übernimmt Zählfix", "Die Hafen Logistik Werke (HLW) übernehmen das KI-Start-up "
     "Zählfix.", "Hafen Logistik Werke", "Zählfix"),
]


@pytest.mark.parametrize("language,title,text,long,target", ACRONYMS, ids=[a[0] for a in ACRONYMS])
def test_acronym_and_spelled_out_name_are_one_company(language, title, text, long, target):
    result = analyze(title, text, language)
    deals = [d for d in result.deals if d.target == target]
    assert len(deals) == 1 and deals[0].buyers == (long,)


# Machines that read or decide on their own are AI, named by what they do.
@pytest.mark.parametrize("text", [
    "Its model performs automated analysis of chest scans for hospitals.",
    "Son modèle de lecture automatique des radiographies équipe 40 hôpitaux.",
    "Die Software übernimmt die automatische Auswertung von Röntgenbildern.",
    "Su sistema de lectura automática de radiografías llega a 30 hospitales.",
    "« Nos drones décident seuls de leur trajectoire », explique le fondateur.",
    "The drones decide their route on their own, the founder said.",
])
def test_ai_named_by_what_machines_do(text):
    assert mentions_ai(text)


@pytest.mark.parametrize("text", [
    "Le seul client de la société est la mairie.",
    "The board will decide on its own schedule for the vote.",
])
def test_ordinary_words_near_those_are_no_ai(text):
    assert not mentions_ai(text)


# A plural of an ordinary word opening a quote is no company ("Pathologists should not have
# to buy ..."), in the languages where plurals take an -s.
@pytest.mark.parametrize("language,text", [
    ("en", '"Veterinarians should not have to buy three machines," Okafor said.'),
    ("fr", "« Viticulteurs et techniciens ne veulent pas racheter trois machines », dit-elle."),
    ("es", "«Agricultores no quieren comprar tres máquinas», dijo Lasheras."),
])
def test_plural_noun_is_no_party(language, text):
    assert analyze("", text, language).deals == ()


# A company noun in lower case right before a name binds it, even when the name is made of
# ordinary words ("la laiterie Moulin-Vert", "the cooperative Prairie Gold").
@pytest.mark.parametrize("language,text,buyer,target", [
    ("fr", "La coopérative Terres d'Orge a racheté la fromagerie Pré-Fleuri pour 8 millions "
     "d'euros.", None, "Pré-Fleuri"),
    ("en", "The cooperative Prairie Gold has bought the brewer Tall Barley for $12 million.",
     "Prairie Gold", None),
    ("es", "La cooperativa Campo Alto ha comprado la empresa Ola Verde por 9 millones de "
     "euros.", "Campo Alto", "Ola Verde"),
])
def test_lower_case_company_noun_binds_the_name(language, text, buyer, target):
    deals = analyze("", text, language).deals
    assert len(deals) == 1
    assert buyer is None or deals[0].buyers == (buyer,)
    assert target is None or deals[0].target == target
