"""Storage groups reports into deals the same way whatever order they arrive in."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from enrich.model import DealMention
from pages.article import ExtractedArticle
from storage import repo
from storage.db import make_engine, session_factory, transaction
from storage.deals import add_mention
from storage.models import Article, Base, Deal, DealParty, Organization, StoredMention

T0 = datetime(2026, 3, 2, 8, tzinfo=UTC)


def _m(buyers=(), amount=None, primary=True, target="Mistral AI", deal_type="funding_round",
       leads=(), cited=None):
    return DealMention(
        buyers=tuple(buyers), target=target, deal_type=deal_type, amount=amount,
        currency="USD" if amount else None, amount_usd=amount, stake_percent=None,
        valuation=None, valuation_currency=None, status="announced", is_primary=primary,
        evidence="e", confidence=0.9, rule="test", lead_investors=tuple(leads), cited_on=cited)


# (day, mention): one round reported five ways, a follow-on months later, a citation, a takeover
REPORTS = [
    (0, _m(["General Catalyst"], 640e6, leads=["General Catalyst"])),
    (1, _m([], 600e6)),
    (2, _m(["General Catalyst", "Andreessen Horowitz"], 650e6)),
    (3, _m(["Lightspeed Venture Partners"])),
    (4, _m([], 50e6)),  # cannot be the same round: another deal
    (150, _m(["Nvidia"], 1.7e9)),  # the next round
    (160, _m(["General Catalyst"], 640e6, primary=False, cited="2026-03")),
    (5, _m(["Microsoft"], None, target="Inflection AI", deal_type="acquisition")),
]


def _store(order: list[int]) -> tuple[set, dict]:
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = session_factory(engine)
    try:
        with transaction(factory) as s:
            ids = [repo.store_article(s, ExtractedArticle(
                url=f"http://n/{i}", canonical_url=f"http://n/{i}", title="t", authors=None,
                published_at=T0 + timedelta(days=day), fetched_at=T0, language="en",
                text="x", summary=None, site_name=None, word_count=1, content_hash=None,
                extraction_method="trafilatura"))[0] for i, (day, _) in enumerate(REPORTS)]
        for i in order:
            with transaction(factory) as s:
                day, mention = REPORTS[i]
                add_mention(s, ids[i], 0, mention, T0 + timedelta(days=day), events=False)
        with transaction(factory) as s:
            groups = defaultdict(set)
            for m, url in s.execute(select(StoredMention, Article.canonical_url).join(Article)):
                groups[s.get(Deal, m.deal_id).deal_key].add(url)
            parties = {
                (d.deal_key, o.name, p.role)
                for p, d, o in s.execute(select(DealParty, Deal, Organization)
                                         .join(Deal).join(Organization))
            }
        return {(k, frozenset(v)) for k, v in groups.items()}, parties
    finally:
        engine.dispose()


def test_reports_make_the_expected_deals():
    deals, parties = _store(list(range(len(REPORTS))))
    by_urls = {urls: key for key, urls in deals}
    round_a = frozenset(f"http://n/{i}" for i in (0, 1, 2, 3, 6))
    assert set(by_urls) == {round_a, frozenset({"http://n/4"}), frozenset({"http://n/5"}),
                            frozenset({"http://n/7"})}
    key = by_urls[round_a]
    assert {(key, "General Catalyst", "lead_investor"), (key, "Andreessen Horowitz", "investor"),
            (key, "Lightspeed Venture Partners", "investor"),
            (key, "Mistral AI", "target")} <= parties
    assert (by_urls[frozenset({"http://n/7"})], "Microsoft", "acquirer") in parties


IN_ORDER: list = []


@settings(max_examples=8, deadline=None)
@given(st.permutations(range(len(REPORTS))))
def test_arrival_order_changes_neither_deals_nor_keys_nor_parties(order):
    if not IN_ORDER:
        IN_ORDER.append(_store(list(range(len(REPORTS)))))
    assert _store(list(order)) == IN_ORDER[0]
