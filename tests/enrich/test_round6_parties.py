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
