"""The benchmark corpus: N article pages on a loopback mirror, listed in a few dozen RSS feeds.

Pages come from ``../shared/pages/article-extraction-benchmark/html`` (181 real news pages,
50-300 KB) when present; copy ``i`` of a page gets a unique paragraph after its first
paragraph, so every copy has its own text and content hash while staying a real page. Without
the real pages, generated ~60 KB pages with boilerplate stand in. Nothing is copied into the repo.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from testing.sitesrv import Response, SiteServer

REPO = Path(__file__).resolve().parent.parent
REAL_PAGES = REPO.parent / "shared" / "pages" / "article-extraction-benchmark" / "html"
_FIRST_P_END = re.compile(rb"</p\s*>", re.IGNORECASE)
_WORDS = ("model chip cloud startup investor robot market data team launch platform revenue "
          "research customer network product software energy quarter partner").split()


@dataclass
class Corpus:
    originals: list[bytes]
    source: str

    @classmethod
    def load(cls, limit: int | None = None) -> Corpus:
        files = sorted(REAL_PAGES.glob("*.html")) if REAL_PAGES.is_dir() else []
        if files:
            return cls([f.read_bytes() for f in files[:limit]], f"real pages ({len(files)})")
        return cls([generated_page(i) for i in range(50)], "generated pages (real ones absent)")

    def page(self, i: int) -> bytes:
        """Copy ``i``: an original with one unique paragraph added after its first one."""
        raw = self.originals[i % len(self.originals)]
        rng = random.Random(i)
        words = " ".join(rng.choice(_WORDS) for _ in range(14))
        extra = (f"<p>Update {i}: readers asked about the {words}; the newsroom answered "
                 f"in a note filed as item {i:06d}.</p>").encode()
        match = _FIRST_P_END.search(raw)
        if match is None:
            return raw.replace(b"</body>", extra + b"</body>", 1)
        return raw[: match.end()] + extra + raw[match.end():]


def generated_page(i: int) -> bytes:
    rng = random.Random(i)
    paras = "".join(
        "<p>" + " ".join(rng.choice(_WORDS) for _ in range(60)).capitalize() + ".</p>"
        for _ in range(25)
    )
    nav = "".join(f"<li><a href='/s/{n}'>Section {n}</a></li>" for n in range(200))
    return (f"<!doctype html><html lang='en'><head><title>Story {i}</title></head><body>"
            f"<nav><ul>{nav}</ul></nav><article><h1>Story {i}</h1>{paras}</article>"
            f"<footer>{nav}</footer></body></html>").encode()


class Mirror:
    """A loopback site: ``/a/<i>.html`` for i < pages, ``/feeds/<k>.xml`` listing them."""

    def __init__(self, corpus: Corpus, pages: int, feeds: int):
        self.corpus = corpus
        self.pages = pages
        self.feeds = feeds
        self.site = SiteServer()

    def __enter__(self) -> Mirror:
        self.site.start()
        now = datetime.now(UTC)
        for k in range(self.feeds):
            items = "".join(
                f"<item><title>Story {i}</title><link>{self.site.url(f'/a/{i}.html')}</link>"
                f"<pubDate>{format_datetime(now - timedelta(minutes=i))}</pubDate></item>"
                for i in range(k, self.pages, self.feeds)
            )
            self.site.set_file(
                f"/feeds/{k}.xml",
                f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {k}</title>"
                f"<link>{self.site.url('/')}</link>{items}</channel></rss>",
                "application/rss+xml", mtime=now.timestamp() - 3600,
            )
        self.site.set_file("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        self.site.add_route("/a/*", self._article)
        return self

    def __exit__(self, *exc_info) -> None:
        self.site.stop()

    def _article(self, request) -> Response:
        stem = request.url_path.rsplit("/", 1)[-1].removesuffix(".html")
        if not stem.isdigit() or int(stem) >= self.pages:
            return Response(404, "not found", content_type="text/plain")
        return Response(200, self.corpus.page(int(stem)),
                        content_type="text/html; charset=utf-8")

    def feed_urls(self) -> list[str]:
        return [self.site.url(f"/feeds/{k}.xml") for k in range(self.feeds)]

    def article_url(self, i: int) -> str:
        return self.site.url(f"/a/{i}.html")

    def article_requests(self) -> int:
        return len(self.site.requests_for("/a/"))
