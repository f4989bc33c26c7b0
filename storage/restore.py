"""Replacing stored articles' reports with a new enrichment of them (``newsmon reenrich``).

Storing the new reports one by one, as the crawl stores a page, would regroup a target with
only part of its reports back: a deal's key would follow the partial groups and the deal could
be emptied and deleted, its events with it, before its last report came back. Here every
article of a batch is replaced at once: its old reports are removed (each new report remembers
the deal its article's report of the same target was in), the new ones are built, and each
neighbourhood (a target, its type family, and targets sharing a buyer with it in takeovers and
alliances) is grouped once with all its reports, stored and new. Each group then keeps the deal
holding most of its reports, else the deal holding its key (:func:`storage.dealmatch.heirs`),
so ids, keys and events stay where they were when the enrichment finds the same reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enrich import samedeal
from enrich.model import Analysis
from storage.deals import (
    clear_article_mentions,
    count_parties,
    new_mention,
    prune_deals,
    record_enrichment,
    report_of,
)
from storage.grouping import lock_targets, lookup_keys, neighbourhood, regroup
from storage.models import Deal, StoredMention


@dataclass
class Restored:
    """What replacing a batch of articles' reports did."""

    #: For each article, in the order given, the deal of each of its reports.
    deal_ids: list[list[int]] = field(default_factory=list)
    #: Deals left with no report and removed.
    removed: set[int] = field(default_factory=set)


def restore_analyses(session: Session, items: Sequence[tuple[int, object, Analysis]]
                     ) -> Restored:
    """Replace the reports of each ``(article id, article, analysis)`` with the analysis'
    and regroup every neighbourhood they touch once; record no events.

    ``article`` gives ``published_at``/``fetched_at`` (a mapping or a record), as for
    :func:`storage.deals.store_analysis`. The order of ``items`` does not matter.
    """
    article_ids = [article_id for article_id, _, _ in items]
    previous = _previous_deals(session, article_ids)
    touched = clear_article_mentions(session, article_ids)
    rows: list[tuple[StoredMention, bool]] = []
    for article_id, article, analysis in items:
        seen_at = record_enrichment(session, article_id, article, analysis)
        found = [new_mention(article_id, i, m, seen_at) for i, m in enumerate(analysis.deals)]
        _carry_deals(found, previous.get(article_id, []))
        rows.extend((row, analysis.ai_related) for row in found)
    lock_targets(session, [key for row, _ in rows for key in lookup_keys(row)])
    reports = []
    for row, ai_related in rows:
        count_parties(session, row, row.seen_at)
        reports.append(report_of(session, row, ai_related))
    deal_of: dict[int, int] = {}
    leftovers: set[int] = set()
    for part in _neighbourhoods([r.mention for r in reports]):
        arriving = [reports[i] for i in part]
        first = arriving[0].mention
        stored, known = neighbourhood(
            session, sorted({k for r in arriving for k in lookup_keys(r.mention)}),
            first.deal_type)
        done = regroup(session, [*stored, *arriving], arriving, known, replacing=True)
        deal_of.update({k: deal.id for k, deal in done.deal_of.items()})
        leftovers |= done.leftovers
    # deals no group took, or that a later neighbourhood left, are recomputed or removed
    result = Restored(removed=prune_deals(session, touched - set(deal_of.values()) | leftovers))
    by_article: dict[int, list[int]] = {}
    for report in reports:
        by_article.setdefault(report.article_id, []).append(deal_of[id(report)])
    result.deal_ids = [by_article.get(article_id, []) for article_id in article_ids]
    return result


def newest_deal_id(session: Session) -> int:
    """The highest deal id so far (0 when there is none)."""
    return session.scalar(select(func.max(Deal.id))) or 0


def deals_of(session: Session, article_ids: Sequence[int]) -> set[int]:
    """The deals these articles' reports are in."""
    out: set[int] = set()
    for start in range(0, len(article_ids), 500):
        out.update(session.scalars(select(StoredMention.deal_id).distinct().where(
            StoredMention.article_id.in_(list(article_ids[start : start + 500])))))
    return out


_PREVIOUS = (select(StoredMention.article_id, StoredMention.mention_index,
                    StoredMention.target_key, StoredMention.deal_type, StoredMention.deal_id)
             .order_by(StoredMention.article_id, StoredMention.mention_index))


def _previous_deals(session: Session, article_ids: Sequence[int]) -> dict[int, list[tuple]]:
    """Each article's stored reports: (mention index, target key, family, deal id)."""
    out: dict[int, list[tuple]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        for article_id, index, target_key, deal_type, deal_id in session.execute(
                _PREVIOUS.where(StoredMention.article_id.in_(chunk))):
            out.setdefault(article_id, []).append(
                (index, target_key, samedeal.family(deal_type), deal_id))
    return out


def _carry_deals(rows: list[StoredMention], previous: list[tuple]) -> None:
    """Give each new report the deal of the article's old report of the same target and
    family (the one at the same position first), as the deal it was in before."""
    left = list(previous)
    for row in rows:
        same = [p for p in left if (p[1], p[2]) == (row.target_key,
                                                    samedeal.family(row.deal_type))]
        if same:
            match = next((p for p in same if p[0] == row.mention_index), same[0])
            left.remove(match)
            row.deal_id = match[3]


def _neighbourhoods(rows: Sequence[StoredMention]) -> list[list[int]]:
    """Indexes of the reports to group together: one type family, sharing a lookup key
    (directly or through another report); in the order of their first report."""
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}
    for i, row in enumerate(rows):
        family = samedeal.family(row.deal_type)
        for key in lookup_keys(row):
            a, b = root(i), root(first.setdefault((family, key), i))
            parent[max(a, b)] = min(a, b)
    parts: dict[int, list[int]] = {}
    for i in range(len(rows)):
        parts.setdefault(root(i), []).append(i)
    return list(parts.values())
