"""Classes of party, role and tagging errors fixed in the sixth round, each in new words
(none of these sentences is in a labelled set), in every language where the class exists."""

from datetime import date

import pytest

from enrich import analyze


def _deal(result, target: str):
    return next((d for d in result.deals if d.target == target), None)


# "Co." closing a name is a legal form, like "Inc" or "GmbH": the company is named without it.
# After "&", "and", "und" it stands for the partners and stays.
CO_SUFFIX = [
    ("en", "Brantley Milling Co. has agreed to buy Quarry Lane Bakery for $12 million.",
     "Brantley Milling", "Quarry Lane Bakery"),
    ("en", "Osterfield Tool Co has acquired Penwick Robotics, a Leeds start-up.",
     "Osterfield Tool", "Penwick Robotics"),
]


@pytest.mark.parametrize("language,text,buyer,target", CO_SUFFIX, ids=[c[2] for c in CO_SUFFIX])
def test_trailing_co_is_a_legal_form(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None
    assert deal.buyers == (buyer,)


def test_co_after_and_stays_in_the_name():
    result = analyze("", "Hallett & Co has acquired Penwick Robotics, a Leeds start-up.", "en")
    deal = _deal(result, "Penwick Robotics")
    assert deal is not None and deal.buyers == ("Hallett & Co",)


# A partnership told with a verb ("has partnered with", "s'associe à", "se alía con",
# "arbeitet mit ... zusammen") names both parties, the subject after an article and a
# description ("Le voyagiste lyonnais X a noué ..."), the partner after the verb.
PARTNERSHIPS = [
    ("en", "Corran Shipping, one of Wales's largest ferry operators, has partnered with "
     "Cardiff-based Tidewise to plan crossings with its forecasting software.",
     "Corran Shipping", "Tidewise"),
    ("fr", "Le voyagiste lyonnais Séjours Brunet a noué un partenariat avec la start-up "
     "Cartel IA pour composer ses circuits.", "Séjours Brunet", "Cartel IA"),
    ("fr", "Maraîchers Dupuy s'associe à Sillon IA pour prévoir ses récoltes.",
     "Maraîchers Dupuy", "Sillon IA"),
    ("es", "Conservas Arnedo se alía con la startup Vidriera para revisar sus latas.",
     "Conservas Arnedo", "Vidriera"),
    ("de", "Die Stadtwerke Nordheide arbeiten künftig mit dem Start-up Lastblick zusammen.",
     "Stadtwerke Nordheide", "Lastblick"),
]


@pytest.mark.parametrize("language,text,partner,target", PARTNERSHIPS,
                         ids=[c[2] for c in PARTNERSHIPS])
def test_partnership_verbs_name_both_parties(language, text, partner, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.deal_type == "partnership"
    assert deal.buyers == (partner,)


# A German public body is an institution noun completed by its region: the region is part
# of the name, not the name ("Investitionsbank Sachsen", not "Sachsen").
PUBLIC_BODIES = [
    ("Die Förderbank Westfalen steigt bei dem Bielefelder Start-up Zählwerk ein.",
     "Förderbank Westfalen", "Zählwerk"),
    ("Die Stadtwerke Altmark arbeiten mit dem Start-up Netzblick zusammen.",
     "Stadtwerke Altmark", "Netzblick"),
]


@pytest.mark.parametrize("text,body,target", PUBLIC_BODIES, ids=[c[1] for c in PUBLIC_BODIES])
def test_german_public_body_keeps_its_region(text, body, target):
    deal = _deal(analyze("", text, "de"), target)
    assert deal is not None and deal.buyers == (body,)


def test_ai_word_before_a_company_noun_is_still_a_description():
    result = analyze("", "Halvard Group acquired the Lisbon AI start-up Quorra.", "en")
    assert all(n != "Lisbon AI" for d in result.deals for n in (d.target, *d.buyers))


# Taking a percentage of a company is a stake: "takes 20% of", "prend 15 % du capital de",
# "ha tomado un 10% de", "steigt mit 25 Prozent bei X ein"; the subject may be described
# in an apposition ("X, la holding familiale de ..., prend ...").
STAKES = [
    ("en", "Marrow Lane Bank takes 20% of lending start-up Quillby for $15 million.",
     "Marrow Lane Bank", "Quillby"),
    ("fr", "Fougerolles Participations, la holding d'une famille de meuniers, prend 15 % du "
     "capital de Blé.IA, une start-up qui prévoit les rendements, pour 3 millions d'euros.",
     "Fougerolles Participations", "Blé.IA"),
    ("es", "Olaizola Inversiones, la oficina familiar de unos navieros, ha tomado un 10% de "
     "Brújula IA, una startup de Vigo, por 2 millones de euros.",
     "Olaizola Inversiones", "Brújula IA"),
    ("de", "Die Förderbank Westfalen steigt mit 25 Prozent bei dem Start-up Zählwerk ein.",
     "Förderbank Westfalen", "Zählwerk"),
]


@pytest.mark.parametrize("language,text,buyer,target", STAKES, ids=[c[2] for c in STAKES])
def test_taking_a_percentage_is_a_stake(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.deal_type == "investment"
    assert deal.buyers == (buyer,)


# A brand written as a web address in lower case is a company: "kelpie.ai", "dosa.health".
WEB_BRANDS = [
    ("en", "Harlow Mutual has acquired claims start-up kelpie.ai for $40 million.", "kelpie.ai"),
    ("fr", "Le groupe Rambert rachète dosa.health, une start-up lilloise.", "dosa.health"),
    ("es", "El grupo Mendaro compra la startup rumbo.io por 5 millones de euros.", "rumbo.io"),
    ("de", "Der Versicherer Talwacht übernimmt das Start-up schadenblick.ai.", "schadenblick.ai"),
]


@pytest.mark.parametrize("language,text,target", WEB_BRANDS, ids=[c[2] for c in WEB_BRANDS])
def test_web_address_brand_is_a_party(language, text, target):
    assert _deal(analyze("", text, language), target) is not None


def test_email_or_url_is_no_brand():
    result = analyze("", "Harlow Mutual has acquired Kelpie, see press@kelpie.ai for details.",
                     "en")
    assert all("kelpie.ai" not in n for d in result.deals for n in (d.target, *d.buyers))


# A family firm's "und Sohn", "et Fils", "e Hijos", "and Sons" is part of its name.
FAMILY_FIRMS = [
    ("de", "Brandl und Söhne übernimmt die Weinkellerei Talhof.", "Brandl und Söhne"),
    ("fr", "Charpentier et Fils rachète la start-up Copeau IA pour 4 millions d'euros.",
     "Charpentier et Fils"),
    ("en", "Pryce and Sons has agreed to buy Dunmore Joinery for £8 million.", "Pryce and Sons"),
]


@pytest.mark.parametrize("language,text,buyer", FAMILY_FIRMS, ids=[c[2] for c in FAMILY_FIRMS])
def test_family_firm_is_one_party(language, text, buyer):
    result = analyze("", text, language)
    assert any(d.buyers == (buyer,) for d in result.deals)


# A lower-case join ("del", "de") inside a run that an apposition describes makes one name,
# even when its words are ordinary ones opening a sentence.
JOINED = [
    ("es", "Campos del Norte, la sociedad de una familia de bodegueros, ha comprado la startup "
     "Viñalab por 3 millones de euros.", "Campos del Norte", "Viñalab"),
    ("fr", "Vallée des Pins, le groupe de résidences, rachète la start-up Soignant IA.",
     "Vallée des Pins", "Soignant IA"),
]


@pytest.mark.parametrize("language,text,buyer,target", JOINED, ids=[c[2] for c in JOINED])
def test_joined_name_opening_a_sentence(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.buyers == (buyer,)


# An institution's name opened by an article keeps its lower-case join: "La Mutuelle de
# l'Atlantique", "La Banque de ...", "El Banco de ...".
INSTITUTIONS = [
    ("fr", "La Caisse de l'Estuaire a pris 20 % du capital de Marée IA pour 4 millions d'euros.",
     "Caisse de l'Estuaire", "Marée IA"),
    ("es", "El Banco de la Ribera ha comprado la startup Cálculo Azul por 9 millones de euros.",
     "Banco de la Ribera", "Cálculo Azul"),
]


@pytest.mark.parametrize("language,text,buyer,target", INSTITUTIONS,
                         ids=[c[3] for c in INSTITUTIONS])
def test_institution_after_an_article_keeps_its_join(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.buyers == (buyer,)


# The founding year in an apposition dates the company, not the round: a round told as
# news in such a sentence is the story's deal.
FOUNDED = [
    ("en", "Farmers have long distrusted software. Quillmark, a Dundee company founded in 2019, "
     "said on Monday it has raised $14 million in a round led by Tayside Growth."),
    ("fr", "Les viticulteurs se méfient des logiciels. Raisin.IA, une start-up fondée en 2019, "
     "a levé 5 millions d'euros auprès de Gironde Capital, a-t-elle annoncé lundi."),
    ("es", "Los agricultores desconfían del software. Surco IA, una empresa fundada en 2019, ha "
     "recaudado 5 millones de euros en una ronda liderada por Duero Capital."),
    ("de", "Landwirte misstrauen Software. Das 2019 gegründete Start-up Ackerblick hat "
     "5 Millionen Euro eingesammelt, wie es am Montag mitteilte."),
]


@pytest.mark.parametrize("language,text", FOUNDED, ids=[c[0] for c in FOUNDED])
def test_founding_year_does_not_date_the_round(language, text):
    result = analyze("Software in the fields", text, language, date(2026, 5, 4))
    assert result.deal_story


# AI named by what the software does: machine vision written with a hyphen, translation
# by models; and a party named by an ".ai" web address.
AI_TECHNIQUES = [
    ("en", "Its machine-vision cameras grade apples on the packing line."),
    ("fr", "La société vend un service de traduction automatique aux notaires."),
    ("es", "La empresa ofrece traducción automática a los despachos de abogados."),
    ("de", "Das Unternehmen bietet maschinelle Übersetzung für Kanzleien an."),
    ("en", "The firm licenses its translation models to court reporters."),
]


@pytest.mark.parametrize("language,text", AI_TECHNIQUES, ids=[c[1][:30] for c in AI_TECHNIQUES])
def test_ai_read_from_what_the_software_does(language, text):
    assert analyze("", text, language).ai_related


def test_ai_read_from_a_party_web_address():
    result = analyze("", "Harlow Mutual has acquired claims start-up kelpie.ai for $40 million.",
                     "en")
    assert result.ai_related


# A feature that has described several companies names one in apposition: "One of them, X,
# raised ...", "Eine davon, X, hat"; the slot is a name's even for a German compound that
# ends in an ordinary noun ("Saatblick"). "levantó" is a round's past tense.
ONE_OF = [
    ("en", "Several start-ups chase the market. One of them, Ploughwise, has raised "
     "$12 million from Fenland Capital.", "Ploughwise"),
    ("fr", "Plusieurs jeunes pousses visent ce marché. L'une d'elles, Sillonix, a levé "
     "4 millions d'euros auprès de Beauce Capital.", "Sillonix"),
    ("es", "Varias startups persiguen ese mercado. Una de ellas, Surcolab, levantó 3 millones "
     "de euros de Meseta Capital.", "Surcolab"),
    ("de", "Mehrere Start-ups drängen in den Markt. Eines davon, Saatblick, hat 5 Millionen "
     "Euro eingesammelt.", "Saatblick"),
    ("de", "Mehrere Start-ups drängen in den Markt. Einer davon, Rechenblick, hat 5 Millionen "
     "Euro eingesammelt.", "Rechenblick"),
]


@pytest.mark.parametrize("language,text,target", ONE_OF, ids=[c[2] for c in ONE_OF])
def test_one_of_them_names_the_company(language, text, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.deal_type == "funding_round"


# A double-barrelled name ("Pemberton-Hale") is a name, not a description like
# "Stockholm-based"; its subject is read across an amount ("its £640 million takeover").
DOUBLE_BARRELLED = [
    ("en", "Ashby-Crane has walked away from its £210 million takeover of Ledgerline AI.",
     "Ashby-Crane", "Ledgerline AI"),
    ("en", "Ashby-Crane drops £210m bid for Ledgerline AI.", "Ashby-Crane", "Ledgerline AI"),
    ("fr", "Morel-Vasseur a renoncé au rachat de la start-up Ondine IA.", "Morel-Vasseur",
     "Ondine IA"),
    ("es", "Ortiz-Llano ha renunciado a la compra de la startup Brisa IA.", "Ortiz-Llano",
     "Brisa IA"),
]


@pytest.mark.parametrize("language,text,buyer,target", DOUBLE_BARRELLED,
                         ids=[c[1][:25] for c in DOUBLE_BARRELLED])
def test_double_barrelled_name_is_a_party(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.buyers == (buyer,)


def test_hyphenated_description_is_still_no_name():
    result = analyze("", "Osaka-based Hikari Robotics has acquired Tenbin AI.", "en")
    deal = _deal(result, "Tenbin AI")
    assert deal is not None and deal.buyers == ("Hikari Robotics",)
