"""Which stored deal each new group of reports continues (plain values, no SQL).

Storage groups a target's reports again whenever they change (a report arrives, re-enrichment
replaces an article's reports). Each new group must keep the id of the deal it continues, so
that events, alerts and links keep pointing at the same deal; :func:`heirs` is that decision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence


def heirs(votes: Sequence[Counter[int]], keys: Sequence[str], holders: Mapping[str, int],
          majority: bool = True) -> list[int | None]:
    """The deal id each group keeps, or None for a new deal.

    ``votes[g]`` counts the deals group ``g``'s reports were in before (a report new to
    storage counts for none; a re-enriched one for the deal its article's report was in);
    ``keys[g]`` is the key the group computes; ``holders`` maps keys to the deals holding
    them now.

    With ``majority`` (re-enrichment), a deal holding a group's key but none of the groups'
    reports (they were lost, and come back) takes that group first. Then each deal goes to
    the group holding most of its reports: a deal whose reports come back keeps its id, one
    that really splits keeps it on its larger part, and deals that merge leave theirs to the
    one with most reports. Ties go to the group whose key the deal holds, then to the
    earlier group and the lower id. A group that continues no deal takes the deal holding
    its key if no group took it. Without ``majority`` (a stored mention: the crawl's rule,
    kept as it was), groups are taken earliest first, each keeping the deal holding its key
    if no earlier group took it, else the deal most of its own reports were in.
    """
    if not majority:
        return _in_turn(votes, keys, holders)
    voters = {deal for counts in votes for deal in counts}
    out: list[int | None] = [None] * len(votes)
    for g, key in enumerate(keys):
        if holders.get(key) not in voters:
            out[g] = holders.get(key)
    used = {deal for deal in out if deal is not None}
    pairs = sorted((-count, holders.get(keys[g]) != deal, g, deal)
                   for g, counts in enumerate(votes) for deal, count in counts.items())
    for _, _, g, deal in pairs:
        if out[g] is None and deal not in used:
            out[g] = deal
            used.add(deal)
    for g, key in enumerate(keys):
        holder = holders.get(key)
        if out[g] is None and holder is not None and holder not in used:
            out[g] = holder
            used.add(holder)
    return out


def _in_turn(votes: Sequence[Counter[int]], keys: Sequence[str],
             holders: Mapping[str, int]) -> list[int | None]:
    out: list[int | None] = []
    used: set[int] = set()
    for counts, key in zip(votes, keys, strict=True):
        holder = holders.get(key)
        if holder is None or holder in used:
            free = {deal: n for deal, n in counts.items() if deal not in used}
            holder = min(free, key=lambda d: (-free[d], d)) if free else None
        out.append(holder)
        if holder is not None:
            used.add(holder)
    return out
