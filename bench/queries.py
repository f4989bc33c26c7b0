"""The CLI's queries on a big synthetic database (``python -m bench --only-queries``).

Rows are bulk-inserted (``session.execute(insert(...), rows)``): articles over two years in
four languages, a deal per ~5 articles with 1-3 mentions. Each query is timed (median of 5
after a warm-up) and its plan kept (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on Postgres).
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from storage.db import open_database, session_factory
from storage.deals import query_deals
from storage.models import Article, Deal, StoredMention
from storage.repo import query_articles

COMPANIES = ["Anthropic", "OpenAI", "Mistral AI", "Nvidia", "Microsoft", "Google", "Amazon",
             "Meta", "Cohere", "xAI", "Databricks", "Scale AI", "Hugging Face", "Inflection AI"]
WORDS = "model chip cloud startup investor robot market data team launch".split()


def populate(db_url: str, articles: int, seed: int = 0) -> int:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    engine = open_database(db_url)
    factory = session_factory(engine)
    deals = articles // 5
    with factory() as session:
        for start in range(0, articles, 5000):
            rows = []
            for i in range(start, min(start + 5000, articles)):
                when = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
                rows.append(dict(
                    id=i + 1, url=f"https://news{i % 50}.example/a/{i}",
                    canonical_url=f"https://news{i % 50}.example/a/{i}",
                    title=f"{rng.choice(COMPANIES)} story {i}", published_at=when,
                    fetched_at=when, language=rng.choice(["en", "en", "fr", "de"]),
                    text=" ".join(rng.choice(WORDS) for _ in range(150)), word_count=150,
                    extraction_method="trafilatura", ai_related=rng.random() < 0.3,
                    deal_story=rng.random() < 0.2,
                ))
            session.execute(insert(Article), rows)
        mention_rows, deal_rows = [], []
        article_id = 1
        for d in range(deals):
            buyer, target = rng.sample(COMPANIES, 2)
            first = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            amount = rng.choice([None, rng.uniform(1e6, 2e10)])
            n = rng.randint(1, 3)
            deal_rows.append(dict(
                id=d + 1, parties_key=f"{buyer.lower()}|{target.lower()}", buyers=buyer,
                target=target, deal_type=rng.choice(["acquisition", "investment", "funding"]),
                amount=amount, currency="USD" if amount else None, amount_usd=amount,
                status=rng.choice(["rumored", "announced", "completed"]),
                ai_related=True, first_seen_at=first, last_seen_at=first + timedelta(days=n),
                mention_count=n, languages="en", source_url=f"https://x.example/{d}",
                updated_at=first,
            ))
            for m in range(n):
                mention_rows.append(dict(
                    deal_id=d + 1, article_id=article_id, mention_index=m, buyers=buyer,
                    target=target, deal_type="acquisition", amount=amount, status="announced",
                    is_primary=m == 0, confidence=0.9, evidence="...", seen_at=first,
                ))
                article_id = article_id % articles + 1
        for start in range(0, len(deal_rows), 5000):
            session.execute(insert(Deal), deal_rows[start : start + 5000])
        for start in range(0, len(mention_rows), 5000):
            session.execute(insert(StoredMention), mention_rows[start : start + 5000])
        session.commit()
    engine.dispose()
    return deals


def _queries(now: datetime) -> dict:
    return {
        "deals (default: newest 100)": lambda s: query_deals(s),
        "deals --since 30d": lambda s: query_deals(s, since=now - timedelta(days=30)),
        "deals --min-usd 1e9": lambda s: query_deals(s, min_usd=1e9),
        "deals --company anthropic": lambda s: query_deals(s, company="anthropic"),
        "deals --status completed --type acquisition": lambda s: query_deals(
            s, statuses=["completed"], types=["acquisition"]),
        "articles (default: newest 100)": lambda s: query_articles(s),
        "articles --lang fr --since 7d": lambda s: query_articles(
            s, language="fr", since=now - timedelta(days=7)),
        "articles --search 'anthropic'": lambda s: query_articles(s, search="anthropic"),
        "deal_summary: newest 100": lambda s: s.execute(text(
            "SELECT * FROM deal_summary ORDER BY last_seen_at DESC LIMIT 100")).all(),
        "deal_summary: biggest 20 AI deals": lambda s: s.execute(text(
            "SELECT * FROM deal_summary WHERE ai_related ORDER BY amount_usd DESC "
            "LIMIT 20")).all(),
    }


def _plan(session, query) -> str:
    """The plan of the SQL a query function ran (captured from the engine's events)."""
    from sqlalchemy import event

    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", capture)
    try:
        query(session)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    statement, params = statements[-1]
    raw = session.connection().connection.driver_connection
    cursor = raw.cursor()
    if engine.dialect.name == "sqlite":
        cursor.execute("EXPLAIN QUERY PLAN " + statement, params)
        plan = "; ".join(row[-1] for row in cursor.fetchall())
    else:
        cursor.execute("EXPLAIN " + statement, params)
        plan = "; ".join(row[0].strip() for row in cursor.fetchall()[:3])
    cursor.close()
    return plan[:160]


def time_queries(db_url: str) -> tuple[dict, dict]:
    engine = open_database(db_url)
    factory = session_factory(engine)
    timings, plans = {}, {}
    with factory() as session:
        for name, query in _queries(datetime.now(UTC)).items():
            query(session)
            runs = []
            for _ in range(5):
                start = time.perf_counter()
                query(session)
                runs.append(1000 * (time.perf_counter() - start))
                session.expunge_all()
            timings[name] = statistics.median(runs)
            plans[name] = _plan(session, query)
    engine.dispose()
    return timings, plans


def run_queries(articles: int, no_postgres: bool) -> dict:
    out = {}
    with tempfile.TemporaryDirectory(prefix="newsmon-q-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'q.db'}"
        deals = populate(url, articles)
        timings, plans = time_queries(url)
        out["sqlite"] = {"articles": articles, "deals": deals, "timings_ms": timings,
                         "plans": plans}
    if not no_postgres:
        from bench.__main__ import postgres_database

        pg = postgres_database()
        if pg is not None:
            try:
                url = next(pg)
                deals = populate(url, articles)
                with open_database(url).connect() as conn:
                    conn.execute(text("ANALYZE"))
                    conn.commit()
                timings, plans = time_queries(url)
                out["postgres"] = {"articles": articles, "deals": deals,
                                   "timings_ms": timings, "plans": plans}
            finally:
                pg.close()
    return out
