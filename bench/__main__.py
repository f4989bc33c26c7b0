"""``python -m bench`` (``make bench``): newsmon's speed against a plain-Python reference.

    python -m bench [--pages 2000] [--feeds 40] [--reference 400] [--no-postgres]
                    [--queries] [--query-articles 100000] [--only-queries]

Serves ``--pages`` article pages on 127.0.0.1 and measures, in one run: the reference (the
same per-page work in one plain loop, no Scrapy, one process) and trafilatura alone; ``newsmon
crawl`` end to end into SQLite and Postgres (when ``NEWSMON_BENCH_POSTGRES_URL`` or
``NEWSMON_TEST_POSTGRES_URL`` is set); enrichment alone; an immediate second crawl; langdetect
on a prefix vs the whole text; with ``--queries`` the CLI's queries on a 100,000-article
database. Prints a table and writes ``bench/results/<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import REPO, Corpus, Mirror
from bench.measure import (
    crawl,
    enrichment_only,
    extraction_only,
    langdetect_prefix_agreement,
    reference_loop,
)

RESULTS = REPO / "bench" / "results"


def machine() -> dict:
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return {"cpus": os.cpu_count(), "cpu": model, "mem_gb": round(int(mem) / 2**20, 1),
            "python": platform.python_version()}


def postgres_database():
    """A fresh database on the configured server, dropped afterwards (or None)."""
    url = os.environ.get("NEWSMON_BENCH_POSTGRES_URL") or os.environ.get(
        "NEWSMON_TEST_POSTGRES_URL")
    if not url:
        return None
    return _fresh_postgres(url)


def _fresh_postgres(admin_url: str):
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"newsmon_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(make_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :n"), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def crawl_pair(mirror: Mirror, db_url: str, label: str, out: dict, logs: Path, extra: dict):
    first = crawl(mirror, db_url, extra, logs / f"{label}-1.log")
    second = crawl(mirror, db_url, extra, logs / f"{label}-2.log")
    out[f"crawl_{label}"] = first
    out[f"second_{label}"] = dict(second, wall_ratio=second["wall_s"] / first["wall_s"],
                                  request_ratio=second["requests"] / max(first["requests"], 1))


def run(args) -> dict:
    corpus = Corpus.load()
    out: dict = {"machine": machine(), "pages": args.pages, "feeds": args.feeds,
                 "corpus": corpus.source, "settings": vars(args)}
    extra = dict(pair.split("=", 1) for pair in args.set)
    with tempfile.TemporaryDirectory(prefix="newsmon-bench-") as tmp, \
            Mirror(corpus, args.pages, args.feeds) as mirror:
        tmp_path = Path(tmp)
        count = min(args.reference, args.pages)
        print(f"reference loop on {count} pages ...", file=sys.stderr)
        reference = reference_loop(corpus, mirror, count, f"sqlite:///{tmp_path / 'ref.db'}")
        texts = reference.pop("_texts")
        out["reference"] = reference
        out["extraction_only"] = extraction_only(corpus, min(count, 200))
        out["enrichment_only"] = enrichment_only(texts)
        print(f"crawl of {args.pages} pages into SQLite ...", file=sys.stderr)
        crawl_pair(mirror, f"sqlite:///{tmp_path / 'crawl.db'}", "sqlite", out, tmp_path, extra)
        pg = None if args.no_postgres else postgres_database()
        if pg is not None:
            print("crawl into Postgres ...", file=sys.stderr)
            try:
                crawl_pair(mirror, next(pg), "postgres", out, tmp_path, extra)
            finally:
                pg.close()
    out["langdetect"] = langdetect_prefix_agreement(corpus)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--reference", type=int, default=400,
                        help="pages for the plain-loop reference (a sample of the crawl's)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--queries", action="store_true", help="also time the CLI's queries")
    parser.add_argument("--only-queries", action="store_true")
    parser.add_argument("--query-articles", type=int, default=100_000)
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="extra Scrapy setting for the crawls")
    parser.add_argument("--out", type=Path, help="JSON file (default bench/results/<time>.json)")
    args = parser.parse_args(argv)
    from bench.report import print_table

    out = {"machine": machine()} if args.only_queries else run(args)
    if args.queries or args.only_queries:
        from bench.queries import run_queries

        out["queries"] = run_queries(args.query_articles, args.no_postgres)
    path = args.out or RESULTS / time.strftime("%Y%m%d-%H%M%S.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2, default=str))
    print_table(out)
    print(f"\nresults: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
