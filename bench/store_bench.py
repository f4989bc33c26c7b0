"""Storing deal mentions: mentions per second against plain article inserts, per backend.

    python -m bench.store_bench [--articles 600] [--no-postgres] [--profile N]
                                [--reference-tree DIR] [--reenrich]

A seeded workload of analysed articles (no enrichment runs: the analyses are built directly)
is stored the way the crawl stores a page, one transaction per article: first the articles
alone (``storage.repo.store_article``, the baseline), then each article's analysis
(``storage.deals.store_analysis``: mentions, regrouping, deals, organizations, parties and
events).
Targets are drawn from a skewed pool over a year, so popular targets gather dozens of reports
and several deals each, as a real crawl's do; a third of the takeovers name a seller, some
reports only cite a deal in passing.

Each backend's result is reduced to a digest of every stored deal (key, fields, mentions),
party, organization and deal event. ``--reference-tree DIR`` stores the same workload with the
code of another checkout (e.g. ``git archive`` of an earlier commit) in a subprocess and says
whether the digests are identical. ``--profile N`` prints the N costliest functions
(cProfile, SQLite). ``--reenrich`` then re-enriches the stored workload with the same analyses
(``newsmon.reenrich.reenrich_articles``, batches of 200 articles) and says whether every deal,
id, key, party, organization and event is still what it was. Postgres runs when
``NEWSMON_BENCH_POSTGRES_URL`` or ``NEWSMON_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = 20261202
START = datetime(2025, 1, 6, tzinfo=UTC)
INVESTORS = ["Sequoia Capital", "Accel", "Index Ventures", "General Catalyst", "Lightspeed",
             "Andreessen Horowitz", "Balderton Capital", "Eurazeo", "Bpifrance", "Kima Ventures",
             "Northzone", "Atomico", "Partech", "Creandum", "HV Capital", "Earlybird"]
ACQUIRERS = ["Microsoft", "Alphabet", "Salesforce", "Nvidia", "Databricks", "Snowflake",
             "ServiceNow", "Cisco", "SAP", "Capgemini", "Atos", "Thales"]
SELLERS = ["Borealis Group", "Orbitek", "Vantor Holdings", "Siemens", "Bosch", "Naspers"]
STAGES = ["seed", "series_a", "series_b", "series_c", None]
ZONES = [UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=1)),
         timezone(timedelta(hours=-8))]


def _companies(count: int) -> list[str]:
    rng = random.Random(SEED)
    first = ["Nova", "Quill", "Harbor", "Lumen", "Vector", "Kestrel", "Orchid", "Tundra",
             "Cobalt", "Fathom", "Juniper", "Meridian", "Pylon", "Sable", "Tessel", "Umbra"]
    second = ["AI", "Labs", "Robotics", "Data", "Systems", "Health", "Cloud", "Bio", "Works"]
    names = {f"{rng.choice(first)}{rng.choice(['', 'ly', 'io', 'ra'])} {rng.choice(second)}"
             for _ in range(count * 3)}
    return sorted(names)[:count]


def _mention(rng: random.Random, target: str, day: int):
    from enrich.model import DealMention

    kind = rng.random()
    if kind < 0.6:  # a funding round: a few reports of it, amounts roughly agreeing
        buyers = tuple(rng.sample(INVESTORS, rng.randint(0, 3)))
        amount = rng.choice([5e6, 12e6, 30e6, 80e6, 250e6]) * rng.uniform(0.9, 1.1)
        stage = rng.choice(STAGES)
        deal_type, leads, seller = "funding_round", buyers[:1], None
    elif kind < 0.9:  # a takeover, a third of them naming who sold
        buyers = (rng.choice(ACQUIRERS),)
        amount = rng.choice([None, 40e6, 400e6, 2e9])
        stage, deal_type, leads = None, "acquisition", ()
        seller = rng.choice(SELLERS) if rng.random() < 0.33 else None
    else:
        buyers = (rng.choice(ACQUIRERS),)
        amount, stage, deal_type, leads, seller = None, None, "partnership", (), None
    primary = rng.random() > 0.15
    cited = None if primary else f"{(START + timedelta(days=day)).year - rng.randint(0, 1)}"
    return DealMention(
        buyers=buyers, target=target, deal_type=deal_type, amount=amount,
        currency="USD" if amount else None, amount_usd=amount, stake_percent=None,
        valuation=None, valuation_currency=None,
        status=rng.choice(["rumored", "announced", "completed"]), is_primary=primary,
        evidence=f"{', '.join(buyers) or 'Investors'} and {target}.", confidence=0.9,
        rule="bench", lead_investors=leads, round_stage=stage, cited_on=cited, seller=seller)


def workload(articles: int) -> list[tuple]:
    """``(ExtractedArticle, Analysis)`` pairs, the same for a given count on every run."""
    from enrich.model import Analysis
    from pages.article import ExtractedArticle

    rng = random.Random(SEED)
    companies = _companies(max(20, articles // 6))
    weights = [1 / (rank + 1) for rank in range(len(companies))]  # Zipf: a few popular targets
    out = []
    for i in range(articles):
        day = rng.randrange(365)
        zone = rng.choice(ZONES)
        published = (START + timedelta(days=day, minutes=rng.randrange(24 * 60))).astimezone(zone)
        targets = rng.choices(companies, weights, k=rng.choice([0, 1, 1, 1, 2, 3]))
        mentions = tuple(_mention(rng, t, day) for t in targets)
        article = ExtractedArticle(
            url=f"https://news.example/{i}", canonical_url=f"https://news.example/{i}",
            title=f"Story {i}", authors=None, published_at=published,
            fetched_at=published + timedelta(minutes=30), language=rng.choice(["en", "fr"]),
            text="x " * 200, summary=None, site_name="Example", word_count=200,
            content_hash=hashlib.sha256(str(i).encode()).hexdigest(),
            extraction_method="trafilatura")
        out.append((article, Analysis(language=article.language, ai_related=True,
                                      deal_story=bool(mentions), tags=(), deals=mentions)))
    return out


def store(db_url: str, articles: int, profile: int = 0, reenrich: bool = False) -> dict:
    """Store the workload into a new database at ``db_url``; rates and the result's digest
    (with ``reenrich``: also the time to re-enrich it and whether the digest stays)."""
    from storage import repo
    from storage.db import open_database, session_factory, transaction
    from storage.deals import store_analysis

    work = workload(articles)
    engine = open_database(db_url)
    factory = session_factory(engine)
    try:
        start = time.perf_counter()
        ids = []
        for article, _ in work:
            with transaction(factory) as session:
                ids.append(repo.store_article(session, article)[0])
        baseline = time.perf_counter() - start
        profiler = _profiler(profile)
        start, cpu = time.perf_counter(), time.process_time()
        for article_id, (article, analysis) in zip(ids, work, strict=True):
            with transaction(factory) as session:
                store_analysis(session, article_id, article.row(), analysis)
        stored, cpu = time.perf_counter() - start, time.process_time() - cpu
        if profiler is not None:
            profiler.disable()
            _print_profile(profiler, profile)
        mentions = sum(len(a.deals) for _, a in work)
        with transaction(factory) as session:
            digest, counts = snapshot(session)
        if reenrich:
            counts.update(_reenrich(factory, work, mentions))
            with transaction(factory) as session:
                counts["reenrich_same"] = snapshot(session)[0] == digest
    finally:
        engine.dispose()
    return {"articles": articles, "mentions": mentions, "article_inserts_per_s":
            articles / baseline, "mentions_per_s": mentions / stored,
            "ms_per_mention": 1000 * stored / mentions, "cpu_ms_per_mention": 1000 * cpu / mentions,
            "digest": digest, **counts}


def _reenrich(factory, work: list[tuple], mentions: int) -> dict:
    from newsmon.reenrich import reenrich_articles

    analyses = {article.canonical_url: analysis for article, analysis in work}
    start = time.perf_counter()
    reenrich_articles(factory, analyze=lambda article, _: analyses[article.canonical_url])
    return {"reenrich_ms_per_mention": 1000 * (time.perf_counter() - start) / mentions}


def _profiler(top: int):
    if not top:
        return None
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    return profiler


def _print_profile(profiler, top: int) -> None:
    import pstats

    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(top)


def snapshot(session) -> tuple[str, dict]:
    """A digest of every deal (key, fields, mentions), party, organization and deal event,
    ids included."""
    from sqlalchemy import select

    from storage.models import Article, Deal, DealEvent, DealParty, Organization, StoredMention

    skip = {"updated_at"}
    deals = [{c.name: str(getattr(d, c.key)) for c in Deal.__table__.c if c.name not in skip}
             for d in session.scalars(select(Deal).order_by(Deal.id))]
    mentions = sorted(session.execute(
        select(StoredMention.deal_id, Article.canonical_url, StoredMention.mention_index)
        .join(Article, Article.id == StoredMention.article_id)).all())
    parties = sorted(session.execute(
        select(DealParty.deal_id, Organization.name, DealParty.role)
        .join(Organization, Organization.id == DealParty.organization_id)).all())
    orgs = sorted(session.execute(select(
        Organization.name, Organization.key, Organization.kind, Organization.aliases,
        Organization.first_seen_at, Organization.mention_count)).all())
    events = session.execute(select(
        DealEvent.deal_id, DealEvent.kind, DealEvent.old_status, DealEvent.new_status)
        .order_by(DealEvent.id)).all()
    text = json.dumps([deals, mentions, parties, orgs, events], default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16], {
        "deals": len(deals), "parties": len(parties), "organizations": len(orgs)}


def _postgres_admin() -> str | None:
    return os.environ.get("NEWSMON_BENCH_POSTGRES_URL") or os.environ.get(
        "NEWSMON_TEST_POSTGRES_URL")


@contextmanager
def fresh_database(backend: str):
    """The URL of a new empty database on ``backend``, removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'store.db'}"
        return
    from bench.__main__ import _fresh_postgres

    databases = _fresh_postgres(_postgres_admin() or "")
    try:
        yield next(databases)
    finally:
        databases.close()


def in_tree(tree: Path, db_url: str, articles: int) -> dict:
    """:func:`store` run with the code of another checkout, in a subprocess."""
    code = ("import importlib.util, json, sys; "
            "spec = importlib.util.spec_from_file_location('store_bench', sys.argv[3]); "
            "bench = importlib.util.module_from_spec(spec); spec.loader.exec_module(bench); "
            "print(json.dumps(bench.store(sys.argv[1], int(sys.argv[2]))))")
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1")
    out = subprocess.run([sys.executable, "-c", code, db_url, str(articles), __file__],
                         cwd=tree, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--reference-tree", type=Path, metavar="DIR")
    parser.add_argument("--reenrich", action="store_true")
    args = parser.parse_args(argv)
    print(f"{'backend':<13} {'articles/s':>10} {'mentions/s':>10} {'ms/mention':>10} "
          f"{'(cpu)':>6} {'vs insert':>9}  deals parties orgs  digest")
    identical = True
    for name in ["sqlite"] + (["postgres"] if _postgres_admin() and not args.no_postgres else []):
        with fresh_database(name) as url:
            result = store(url, args.articles, args.profile if name == "sqlite" else 0,
                           args.reenrich)
        _line(name, result)
        if args.reenrich:
            identical &= result["reenrich_same"]
            print(f"{'':13} re-enriched in {result['reenrich_ms_per_mention']:.1f} ms/mention; "
                  f"same deals, ids, keys, parties, organizations and events: "
                  f"{result['reenrich_same']}")
        if args.reference_tree is None:
            continue
        with fresh_database(name) as url:
            ref = in_tree(args.reference_tree.resolve(), url, args.articles)
        _line(f"{name} ref", ref)
        same = ref["digest"] == result["digest"]
        identical &= same
        print(f"{'':13} same deals, keys, parties, organizations and events as the reference: "
              f"{same}")
    return 0 if identical else 1


def _line(name: str, r: dict) -> None:
    ratio = r["article_inserts_per_s"] / r["mentions_per_s"]
    print(f"{name:<13} {r['article_inserts_per_s']:>10.0f} {r['mentions_per_s']:>10.1f} "
          f"{r['ms_per_mention']:>10.1f} {r['cpu_ms_per_mention']:>6.1f} {ratio:>8.1f}×  "
          f"{r['deals']:>5} {r['parties']:>7} {r['organizations']:>4}  {r['digest']}")


if __name__ == "__main__":
    raise SystemExit(main())
