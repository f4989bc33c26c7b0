"""Classes of party, role and tagging errors fixed in the sixth round, each in new words
(none of these sentences is in a labelled set), in every language where the class exists."""

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
