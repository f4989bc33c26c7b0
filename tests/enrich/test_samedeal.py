"""The one same-deal decision: examples from the issue and properties (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.samedeal import cluster, facts_of, parties_key, same_deal

DAY = date(2025, 3, 10)


def _round(buyers=(), amount=None, on=DAY, **extra):
    return facts_of(buyers, "Mistral AI", "funding_round", amount_usd=amount, on=on, **extra)


def test_reports_naming_the_lead_all_investors_or_none_are_one_round():
    lead = _round(["General Catalyst"], 650e6)
    everyone = _round(["General Catalyst", "Andreessen Horowitz", "Lightspeed"], 640e6,
                      on=DAY + timedelta(days=2))
    nobody = _round([], None, on=DAY + timedelta(days=5))
    others = _round(["Lightspeed"], 600e6, on=DAY + timedelta(days=1))
    assert same_deal(lead, everyone) and same_deal(lead, nobody) and same_deal(lead, others)
    assert len(cluster([lead, everyone, nobody, others])) == 1


def test_amounts_that_cannot_be_one_round_and_follow_on_rounds_split():
    assert not same_deal(_round(amount=600e6), _round(amount=50e6))
    assert not same_deal(_round(amount=600e6), _round(amount=600e6, on=DAY + timedelta(days=200)))
    assert not same_deal(_round(round_stage="series_a"), _round(round_stage="series_b"))
    assert same_deal(_round(round_stage="series_b"), _round(round_stage="unknown"))


def test_aliases_resolve_and_types_of_other_families_split():
    a = facts_of(["Facebook"], "Scale AI", "investment", on=DAY)
    b = facts_of(["Meta"], "scale ai", "funding_round", on=DAY)
    assert same_deal(a, b)
    assert parties_key(["Facebook", "Google"], "Scale AI") == parties_key(["alphabet", "Meta"],
                                                                          "scale ai")
    assert not same_deal(a, facts_of(["Meta"], "Scale AI", "partnership", on=DAY))
    assert not same_deal(a, facts_of(["Meta"], "OpenAI", "investment", on=DAY))


def test_takeovers_by_different_buyers_are_different_deals_mergers_either_way_round():
    x = facts_of(["Cisco"], "Splunk", "acquisition", on=DAY)
    assert not same_deal(x, facts_of(["IBM"], "Splunk", "acquisition", on=DAY))
    assert same_deal(x, facts_of([], "Splunk", "acquisition", on=DAY + timedelta(days=300)))
    assert same_deal(facts_of(["A Corp"], "B Corp", "merger", on=DAY),
                     facts_of(["B Corp"], "A Corp", "merger", on=DAY))


def test_citations_are_dated_by_the_period_their_text_gives_not_the_citing_article():
    news = facts_of(["Amazon"], "Anthropic", "investment", amount_usd=4e9,
                    on=date(2023, 9, 25))
    cited = facts_of(["Amazon"], "Anthropic", "investment", amount_usd=4e9,
                     on=date(2025, 6, 1), cited_on="2023", primary=False)
    undated = facts_of(["Amazon"], "Anthropic", "investment", amount_usd=4e9,
                       on=date(2025, 6, 1), primary=False)
    assert cited.start == date(2023, 1, 1) and undated.start is None
    assert same_deal(news, cited) and same_deal(news, undated)
    reported_again = facts_of(["Amazon"], "Anthropic", "investment", amount_usd=4e9,
                              on=date(2025, 6, 1))
    assert not same_deal(news, reported_again)


# --- properties ----------------------------------------------------------------------------

TARGETS = ["Mistral AI", "Anthropic", "Helsing"]
BUYERS = ["Meta", "Amazon", "Google", "General Catalyst", "Lightspeed"]
TYPES = ["funding_round", "investment", "acquisition", "merger", "partnership", "licensing"]

report = st.builds(
    lambda target, buyers, deal_type, amount, stage, days, primary, cited, index: facts_of(
        buyers, target, deal_type, amount_usd=amount, round_stage=stage,
        on=DAY + timedelta(days=days), primary=primary, cited_on=cited,
        order=(f"http://n/{index}", 0)),
    st.sampled_from(TARGETS),
    st.lists(st.sampled_from(BUYERS), max_size=3),
    st.sampled_from(TYPES),
    st.none() | st.sampled_from([50e6, 600e6, 650e6, 900e6, 2e9]),
    st.none() | st.sampled_from(["seed", "series_a", "series_b"]),
    st.integers(0, 400),
    st.booleans(),
    st.none() | st.sampled_from(["2024", "2025-03", "2025-06-02"]),
    st.integers(0, 10_000),
)


@given(report, report)
def test_decision_is_symmetric(a, b):
    assert same_deal(a, b) == same_deal(b, a)


def _deals(reports, groups):
    return sorted(sorted(repr(reports[i]) for i in g) for g in groups)


@settings(max_examples=150)
@given(st.lists(report, max_size=9), st.randoms(use_true_random=False))
def test_arrival_order_does_not_change_the_deals(reports, rnd):
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert _deals(reports, cluster(reports)) == _deals(shuffled, cluster(shuffled))


@settings(max_examples=100)
@given(st.lists(report, max_size=9))
def test_every_deal_holds_only_reports_of_one_deal(reports):
    groups = cluster(reports)
    assert sorted(i for g in groups for i in g) == list(range(len(reports)))
    for g in groups:
        assert all(same_deal(reports[i], reports[j]) for i in g for j in g)


def test_an_undated_citation_needs_a_buyer_or_the_amount_to_join_a_deal():
    talks = facts_of(["Apple"], "OpenAI", "funding_round", on=date(2024, 8, 30))
    cited = facts_of(["Microsoft"], "OpenAI", "investment", amount_usd=13e9,
                     on=date(2025, 6, 9), primary=False)
    assert not same_deal(talks, cited)
    assert same_deal(cited, facts_of(["Microsoft"], "OpenAI", "investment", on=DAY,
                                     primary=False))
