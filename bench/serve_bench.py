"""Time to first page of ``newsmon serve`` on a big synthetic database.

    python -m bench.serve_bench [--articles 100000]

Builds the synthetic database of ``bench.queries`` (articles over two years in four languages, a
deal per ~5 articles), adds 50 feeds with every article linked to one and each deal's
announcement date, round stage and parties (organizations with roles), starts the real
``newsmon serve`` on it and fetches each canned query's HTML page (with a realistic parameter),
each chart query, the home page, the deals and articles tables and the Atom feed: the first
fetch after start (cold) and the median of 5 more (warm). The baseline, measured in the same run,
is the page's SQL alone through ``sqlite3`` (median of 5), so the ratio is what Datasette adds.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench.queries import populate
from newsmon.serve import load_metadata

REPO = Path(__file__).resolve().parent.parent
FEEDS = 50
#: A parameter for every canned query that takes one (most are found in the synthetic data).
PARAMS = {"since": "2026-06-01", "name": "anthropic", "deal_id": "1", "type": "acquisition",
          "feed": "news7"}


def add_feeds(path: Path, articles: int) -> None:
    """50 feeds, every article linked to the feed of its site (as a crawl would leave them)."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO feeds (id, url, name, interval_seconds, active, consecutive_failures, "
            "created_at) VALUES (?, ?, ?, 3600, 1, 0, ?)",
            [(i + 1, f"https://news{i}.example/feed", f"news{i}", now) for i in range(FEEDS)])
        conn.executemany(
            "INSERT INTO article_feeds (article_id, feed_id, entry_url, first_seen_at) "
            "VALUES (?, ?, NULL, ?)",
            [(a, (a - 1) % FEEDS + 1, now) for a in range(1, articles + 1)])
    conn.close()


STAGES = ("seed", "series_a", "series_b", "series_c", "growth", "unknown")


def add_deal_fields(path: Path) -> None:
    """What a crawl stores for each synthetic deal since migration 0005: an announcement date,
    a round stage, and its parties as organizations with roles."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE deals SET announced_on = date(first_seen_at), announced_precision "
                     "= 'day', target_key = lower(target)")
        conn.executemany("UPDATE deals SET round_stage = ? WHERE deal_type != 'acquisition' "
                         "AND id % ? = ?",
                         [(stage, len(STAGES), i) for i, stage in enumerate(STAGES)])
        names = sorted({n for (n,) in conn.execute("SELECT buyers FROM deals UNION "
                                                    "SELECT target FROM deals")})
        conn.executemany("INSERT INTO organizations (id, name, key, kind, first_seen_at, "
                         "mention_count) VALUES (?, ?, ?, 'company', '2024-01-01', 0)",
                         [(i + 1, n, n.lower(), ) for i, n in enumerate(names)])
        conn.execute("INSERT INTO deal_parties (deal_id, organization_id, role) SELECT d.id, o.id, "
                     "CASE WHEN d.deal_type = 'acquisition' THEN 'acquirer' WHEN d.id % 3 = 0 "
                     "THEN 'lead_investor' ELSE 'investor' END FROM deals d "
                     "JOIN organizations o ON o.name = d.buyers")
        conn.execute("INSERT INTO deal_parties (deal_id, organization_id, role) SELECT d.id, "
                     "o.id, 'target' FROM deals d JOIN organizations o ON o.name = d.target")
    conn.close()


def pages(metadata: dict) -> dict[str, tuple[str, str | None, dict]]:
    """name -> (path, SQL or None, SQL parameters) for every page measured."""
    queries = metadata["databases"]["newsmon"]["queries"]
    out: dict[str, tuple[str, str | None, dict]] = {
        "home page": ("/", None, {}),
        "deals table": ("/newsmon/deals", None, {}),
        "articles table": ("/newsmon/articles", None, {}),
        "Atom feed": ("/-/deals.atom", None, {}),
    }
    for name, q in queries.items():
        params = {k: v for k, v in PARAMS.items() if f":{k}" in q["sql"]}
        out[f"query {name}"] = (f"/newsmon/{name}?" + urllib.parse.urlencode(params),
                                q["sql"], params)
    charts = metadata["plugins"]["datasette-dashboards"]["deals"]["charts"]
    out["charts page"] = ("/-/dashboards/deals", None, {})
    for slug, chart in charts.items():
        sql = chart["query"]
        out[f"chart {slug}"] = ("/newsmon.json?" + urllib.parse.urlencode({"sql": sql}), sql, {})
    return out


def fetch_ms(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        assert response.status == 200, url
    return 1000 * (time.perf_counter() - start)


def sql_ms(path: Path, sql: str, params: dict) -> float:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            conn.execute(sql, params).fetchall()
            runs.append(1000 * (time.perf_counter() - start))
        return statistics.median(runs)
    finally:
        conn.close()


def start_server(path: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "newsmon", "serve", "--db", str(path),
                             "--port", "0"], cwd=REPO, stdout=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)
    line = proc.stdout.readline()
    if not line.startswith("newsmon serve: http"):
        proc.kill()
        raise SystemExit(f"serve did not start: {line!r}")
    return proc, line.split()[2].rstrip("/")


def measure(path: Path) -> dict:
    proc, base = start_server(path)
    results = {}
    try:
        for name, (page, sql, params) in pages(load_metadata()).items():
            cold = fetch_ms(base + page)
            warm = statistics.median(fetch_ms(base + page) for _ in range(5))
            row = {"path": page, "cold_ms": round(cold, 1), "warm_ms": round(warm, 1)}
            if sql:
                row["sql_ms"] = round(sql_ms(path, sql, params), 1)
                if row["sql_ms"] >= 1:   # below a millisecond the ratio says nothing
                    row["ratio"] = round(warm / row["sql_ms"], 1)
            results[name] = row
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, metavar="PATH",
                        help="build the database at PATH and keep it; reuse it if it exists")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsmon-serve-") as tmp:
        path = args.keep or Path(tmp) / "big.db"
        started = time.perf_counter()
        if not path.exists():
            populate(f"sqlite:///{path}", args.articles)
            add_feeds(path, args.articles)
            add_deal_fields(path)
        deals = sqlite3.connect(path).execute("SELECT COUNT(*) FROM deals").fetchone()[0]
        print(f"database: {args.articles:,} articles, {deals:,} deals, {FEEDS} feeds "
              f"({time.perf_counter() - started:.0f} s to build)")
        results = measure(path)
    print(f"{'page':34} {'cold ms':>8} {'warm ms':>8} {'SQL ms':>7} {'ratio':>6}")
    for name, r in results.items():
        print(f"{name:34} {r['cold_ms']:8.1f} {r['warm_ms']:8.1f} "
              f"{r.get('sql_ms', ''):>7} {r.get('ratio', ''):>6}")
    slowest = max(r["cold_ms"] for r in results.values())
    print(f"slowest first page: {slowest:.0f} ms ({'under' if slowest < 1000 else 'OVER'} 1 s)")
    if args.json:
        args.json.write_text(json.dumps({"articles": args.articles, "deals": deals,
                                         "pages": results}, indent=2))


if __name__ == "__main__":
    main()
