"""Organizations discovered in one article are recognised in the next (pure level)."""

from enrich import KnownOrganization, analyze
from enrich.orgs import org_index

ARTICLE_1 = (
    "Harbor raises $12 million in seed funding",
    "The Boston start-up Harbor has raised $12 million in a seed round led by Sequoia Capital.",
)
ARTICLE_2 = (
    "Meta signs licensing deal with Harbor",
    "Meta will license the scheduling models for its business messaging tools.",
)


def _known_from(analysis) -> list[KnownOrganization]:
    """What the crawl stores: the parties of confident deals, as organizations."""
    names = {d.target for d in analysis.deals if d.confidence >= 0.6}
    return [KnownOrganization(name) for name in sorted(names)]


def test_company_discovered_in_article_1_is_recognised_in_article_2():
    first = analyze(*ARTICLE_1, language="en")
    assert first.primary is not None and first.primary.target == "Harbor"
    known = _known_from(first)
    assert [k.name for k in known] == ["Harbor"]

    without = analyze(*ARTICLE_2, language="en")
    assert all(d.target != "Harbor" for d in without.deals)  # no cue: an ordinary word

    second = analyze(*ARTICLE_2, language="en", known_organizations=known)
    deal = second.primary
    assert deal is not None and (deal.buyers, deal.target) == (("Meta",), "Harbor")
    assert deal.deal_type == "licensing" and second.deal_story


def test_known_person_is_never_a_party():
    known = [KnownOrganization("Harbor", kind="person")]
    result = analyze(*ARTICLE_2, language="en", known_organizations=known)
    assert all("Harbor" not in (d.target, *d.buyers) for d in result.deals)


def test_index_matches_aliases_whole_words_and_prefers_longer_names():
    orgs = (
        KnownOrganization("Vireo Labs", aliases=("Vireo",)),
        KnownOrganization("Vireo Labs Robotics", mentions=3),
    )
    text = "Vireo Labs Robotics and Vireo signed; Vireos and vireo are not names."
    found = [(o.name, text[s:e]) for o, s, e in org_index(orgs).find(text)]
    assert found == [("Vireo Labs Robotics", "Vireo Labs Robotics"), ("Vireo Labs", "Vireo")]
