"""The measurements: plain-loop reference, extraction and enrichment alone, end-to-end crawls."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import REPO, Corpus, Mirror

#: Loopback settings: no politeness delay towards our own mirror (all pages share one host).
CRAWL_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "RETRY_TIMES": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "WARNING",
}
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_stall_us() -> int:
    """Microseconds some task waited for a CPU (/proc/pressure/cpu): others' load shows here."""
    try:
        first = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except (OSError, IndexError):
        return 0
    return int(first.rsplit("total=", 1)[1])


def stall_share(stall0: int, wall: float) -> float:
    return (cpu_stall_us() - stall0) / 1e6 / wall if wall else 0.0


def reference_loop(corpus: Corpus, mirror: Mirror, count: int, db_url: str) -> dict:
    """extract + language + enrich + store, one process, no Scrapy; commit every 100."""
    from feeds.urls import canonicalize_url
    from pages.article import EntryInfo
    from pages.process import process_page
    from storage import repo
    from storage.db import open_database, session_factory
    from storage.deals import store_analysis

    engine = open_database(db_url)
    factory = session_factory(engine)
    pages = [corpus.page(i) for i in range(count)]
    texts = []
    start, cpu0, stall0 = time.perf_counter(), time.process_time(), cpu_stall_us()
    session = factory()
    for i, body in enumerate(pages):
        url = mirror.article_url(i)
        article, analysis = process_page(body, url, canonicalize_url(url), EntryInfo(),
                                         datetime.now(UTC))
        article_id, created = repo.store_article(session, article)
        if created:
            store_analysis(session, article_id, article.row(), analysis)
        texts.append((article.title or "", article.text or "", article.language))
        if i % 100 == 99:
            session.commit()
    session.commit()
    session.close()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
    engine.dispose()
    return {"pages": count, "wall_s": wall, "rate": count / wall, "cpu_ms_per_page":
            1000 * cpu / count, "cpu_stall": stall_share(stall0, wall), "_texts": texts}


def extraction_only(corpus: Corpus, count: int) -> dict:
    import trafilatura

    pages = [corpus.page(i) for i in range(count)]
    start = time.perf_counter()
    for body in pages:
        trafilatura.bare_extraction(body, include_comments=False, with_metadata=True)
    wall = time.perf_counter() - start
    return {"pages": count, "rate": count / wall}


def enrichment_only(texts: list[tuple[str, str, str | None]]) -> dict:
    from enrich import analyze

    now = datetime.now(UTC)
    start = time.perf_counter()
    for title, text, language in texts:
        analyze(title, text, language=language, published=now)
    wall = time.perf_counter() - start
    return {"articles": len(texts), "rate": len(texts) / wall}


def langdetect_prefix_agreement(corpus: Corpus) -> dict:
    """Same language on the first DETECT_PREFIX_CHARS characters as on the whole text?"""
    import trafilatura
    from langdetect import detect

    from enrich.language import DETECT_PREFIX_CHARS

    same = total = 0
    t_full = t_prefix = 0.0
    for raw in corpus.originals:
        text = trafilatura.extract(raw) or ""
        if len(text) < 200:
            continue
        a = time.perf_counter()
        full = detect(text)
        b = time.perf_counter()
        prefix = detect(text[:DETECT_PREFIX_CHARS])
        c = time.perf_counter()
        t_full, t_prefix = t_full + b - a, t_prefix + c - b
        same += full == prefix
        total += 1
    return {"pages": total, "agreement": same / max(total, 1),
            "ms_full": 1000 * t_full / max(total, 1), "ms_prefix": 1000 * t_prefix / max(total, 1)}


def _tree(pid: int) -> list[int]:
    """pid and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(children.get(p, ()))
    return out


def _rss(pids: list[int]) -> int:
    total = 0
    for p in pids:
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            pass
    return total


def _pss(pids: list[int]) -> int:
    """Proportional set size: shared pages (the fork server's preloaded libraries and tables)
    are split between the processes that share them instead of counted once per process."""
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except (OSError, IndexError, ValueError):
            pass
    return total


def _cpu_ticks(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime


class TreeSampler(threading.Thread):
    """Peak summed RSS and PSS and CPU time of a process and its descendants, every 0.2 s."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.peak_pss, self.done = pid, 0, 0, threading.Event()
        self.ticks: dict[int, int] = {}

    def run(self) -> None:
        while not self.done.wait(0.2):
            pids = _tree(self.pid)
            self.peak = max(self.peak, _rss(pids))
            self.peak_pss = max(self.peak_pss, _pss(pids))
            for p in pids:
                ticks = _cpu_ticks(p)
                if ticks is not None:
                    self.ticks[p] = ticks

    @property
    def cpu_s(self) -> float:
        return sum(self.ticks.values()) / TICKS


def crawl(mirror: Mirror, db_url: str, extra: dict | None = None, log: Path | None = None) -> dict:
    """``newsmon crawl`` of every mirror feed into ``db_url``: wall, CPU, peak RSS, requests."""
    settings = dict(CRAWL_SETTINGS, **(extra or {}))
    command = [sys.executable, "-m", "newsmon", "--db", db_url, "crawl"]
    for url in mirror.feed_urls():
        command += ["--feed", url]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    requests_before = len(mirror.site.requests)
    articles_before = mirror.article_requests()
    usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start, stall0 = time.perf_counter(), cpu_stall_us()
    with open(log or os.devnull, "w") as err:
        proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=err, text=True,
                                stdin=subprocess.DEVNULL)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        out, _ = proc.communicate()
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = max(sampler.cpu_s, (usage1.ru_utime - usage0.ru_utime)
              + (usage1.ru_stime - usage0.ru_stime))
    if proc.returncode != 0:
        raise RuntimeError(f"crawl failed ({proc.returncode}): {out[-2000:]}")
    articles = mirror.article_requests() - articles_before
    return {
        "wall_s": wall, "article_requests": articles,
        "requests": len(mirror.site.requests) - requests_before,
        "rate": articles / wall if articles else 0.0,
        "cpu_s": cpu, "cpu_cores": cpu / wall, "peak_rss_mb": sampler.peak / 2**20,
        "peak_pss_mb": sampler.peak_pss / 2**20,
        "cpu_stall": stall_share(stall0, wall),
        "cpu_by_process_s": sorted((t / TICKS for t in sampler.ticks.values()), reverse=True),
        "summary": out.strip().splitlines()[:2],
    }
