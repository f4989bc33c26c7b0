"""Which deal a regrouped set of reports keeps (:func:`storage.dealmatch.heirs`), on plain
values: ids go with most of a deal's reports on re-enrichment; the crawl's rule is the key."""

from __future__ import annotations

from collections import Counter

from storage.dealmatch import heirs


def test_merged_deals_leave_their_id_to_the_one_with_most_reports():
    # deal 5 (one report, the earliest: its key is the group's) merges into deal 9 (three)
    assert heirs([Counter({5: 1, 9: 3})], ["k5"], {"k5": 5}) == [9]


def test_a_split_deal_keeps_its_id_on_its_larger_part_and_a_tie_on_its_key():
    split = [Counter({7: 1}), Counter({7: 3})]
    assert heirs(split, ["k7", "new"], {"k7": 7}) == [None, 7]
    even = [Counter({7: 2}), Counter({7: 2})]
    assert heirs(even, ["other", "k7"], {"k7": 7}) == [None, 7]


def test_a_deal_whose_reports_were_lost_takes_back_the_group_with_its_key():
    # deal 3 was emptied; a deal 8 made meanwhile holds the group's reports
    assert heirs([Counter({8: 4})], ["k3"], {"k3": 3}) == [3]
    # once 3 is gone, the group stays with 8
    assert heirs([Counter({8: 4})], ["k3"], {}) == [8]


def test_the_crawls_rule_takes_groups_in_turn_key_first():
    split = [Counter({7: 1}), Counter({7: 3})]
    assert heirs(split, ["k7", "new"], {"k7": 7}, majority=False) == [7, None]
    assert heirs(split, ["new", "k7"], {"k7": 7}, majority=False) == [7, None]
