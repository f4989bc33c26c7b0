"""Hostile article pages behind one feed, next to a good page, crawled by the real CLI.

Each bad page ends as a ``skipped_urls`` row with a specific reason and detail (or, for a
lying charset, as a correctly decoded article); the good page is stored; the whole crawl is
bounded in time and memory although pages never answer, trickle, loop or explode.
"""

from __future__ import annotations

import gzip
import io
import time

import pytest

from storage.models import Article, Feed, SkippedUrl
from testing.sitesrv import Response
from tests.hostile.conftest import (
    FAST,
    GOOD_TEXT,
    article_html,
    assert_bounded,
    assert_secret_nowhere,
    crawl_args,
    rows,
    rss,
)

TIMEOUT = 3
MAXSIZE = 10 * 1024 * 1024  # the default DOWNLOAD_MAXSIZE
FRENCH = "Le réseau européen a levé 12 millions d’euros « pour l’été » — déjà."


def gzip_bomb(inflated: int) -> bytes:
    """``inflated`` bytes of zeros, gzip-compressed (about 1000:1)."""
    buffer = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as out:
        for _ in range(inflated // len(chunk)):
            out.write(chunk)
    return buffer.getvalue()


class Flaky:
    """Answers ``first`` once, then a good page; remembers when each request came."""

    def __init__(self, first: Response, page: str):
        self.first, self.page, self.times = first, page, []

    def __call__(self, request):
        self.times.append(time.monotonic())
        if len(self.times) == 1:
            return self.first
        return Response(200, self.page, content_type="text/html; charset=utf-8")


@pytest.fixture
def hostile_pages(site_factory, secret_file):
    site = site_factory()
    other_host = site.base_url.replace("127.0.0.1", "localhost")
    secret_path, _ = secret_file
    good = article_html("Quayside raises money for harbour robots", GOOD_TEXT)
    html = "text/html; charset=utf-8"
    bomb = gzip_bomb(64 * 1024 * 1024)
    short_429 = Flaky(Response(429, "slow down", {"Retry-After": "1"}, "text/plain"), good)
    pages = {
        "good": lambda r: Response(200, good, content_type=html),
        "gzip-bomb": lambda r: Response(200, bomb, {"Content-Encoding": "gzip"}, html),
        "huge": lambda r: Response(200, b"<p>" + b"a" * (MAXSIZE + 1024), content_type=html),
        "pdf": lambda r: Response(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
                                  content_type="application/pdf"),
        "image": lambda r: Response(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
                                    content_type="image/png"),
        "lying-charset": lambda r: Response(
            200, article_html("Réseau", [FRENCH] + GOOD_TEXT, lang="fr",
                              head="<meta charset='iso-8859-1'>").replace(
                "<meta charset='utf-8'>", "").encode("utf-8"), content_type="text/html"),
        "lying-charset-cp1252": lambda r: Response(
            200, article_html("Réseau", [FRENCH] + GOOD_TEXT, lang="fr").encode("cp1252"),
            content_type="text/html"),
        "loop": lambda r: Response(302, b"", {"Location": site.url("/p/loop-2")}),
        "loop-2": lambda r: Response(302, b"", {"Location": site.url("/p/loop")}),
        "elsewhere": lambda r: Response(301, b"", {"Location": other_host + "/p/moved"}),
        "moved": lambda r: Response(200, good.replace("harbour", "moved harbour"),
                                    content_type=html),
        "to-file": lambda r: Response(302, b"", {"Location": f"file://{secret_path}"}),
        "gone": lambda r: Response(404, "no such page", content_type="text/plain"),
        "broken": lambda r: Response(500, "oops", content_type="text/plain"),
        "429-short": short_429,
        "429-long": lambda r: Response(429, "come back tomorrow", {"Retry-After": "3600"},
                                       "text/plain"),
        "silent": lambda r: Response(200, good, content_type=html, delay=TIMEOUT * 4),
        "trickle": lambda r: Response(200, good, content_type=html, trickle=1.0, chunk_size=1),
    }
    for name, handler in pages.items():
        site.add_route(f"/p/{name}", handler)
    entries = [n for n in pages if n not in ("loop-2", "moved")]
    site.set_file("/feeds/pages.xml", rss([{"title": f"Page {n}", "link": site.url(f"/p/{n}")}
                                            for n in entries]), "application/rss+xml")
    site.add_route("/feeds/slow-429.xml", lambda r: Response(
        429, "busy", {"Retry-After": "7200"}, "text/plain"))
    site.add_route("/feeds/silent.xml", lambda r: Response(200, "", delay=TIMEOUT * 4))
    return site, short_429


@pytest.mark.timeout(120)
def test_hostile_pages_are_skipped_with_a_reason_and_the_rest_is_stored(
    hostile_pages, newsmon, tmp_path, secret_file
):
    site, short_429 = hostile_pages
    db_file = tmp_path / "pages.db"
    db = f"sqlite:///{db_file}"
    feeds = [site.url("/feeds/pages.xml"), site.url("/feeds/slow-429.xml"),
             site.url("/feeds/silent.xml")]
    run = newsmon(*crawl_args(*feeds), db=db,
                  settings=(*FAST, f"DOWNLOAD_TIMEOUT={TIMEOUT}")).check()
    # Bounded: nothing waits for the silent or trickling servers beyond the timeout (twice,
    # with one retry), the hour-long Retry-After is not honoured within the run, and the
    # 64 MiB gzip bomb is never inflated in memory.
    assert_bounded(run, 45)
    skipped = {s.canonical_url.rsplit("/", 1)[1]: s for s in rows(db, SkippedUrl)}
    articles = {a.canonical_url.rsplit("/", 1)[1]: a for a in rows(db, Article)}

    def skip(name):
        return skipped[name].reason, skipped[name].detail

    assert skip("gzip-bomb")[0] == "too_large" and "DOWNLOAD_MAXSIZE" in skip("gzip-bomb")[1]
    assert skip("huge")[0] == "too_large" and "max size" in skip("huge")[1]
    assert skip("pdf") == ("not_html", "application/pdf")
    assert skip("image") == ("not_html", "image/png")
    assert skip("loop") == ("redirect_loop", "redirect loop: " + " -> ".join(
        site.url(p) for p in ("/p/loop", "/p/loop-2", "/p/loop")))
    assert skip("to-file") == ("blocked", "blocked: redirect to a file: URL refused")
    assert skip("gone") == ("http_error", "HTTP 404")
    assert skip("broken") == ("http_error", "HTTP 500")
    assert len(site.requests_for("/p/broken")) == 2  # RETRY_TIMES=1
    assert skip("429-long") == ("http_error", "HTTP 429")
    assert len(site.requests_for("/p/429-long")) == 1  # not retried within the run
    for name in ("silent", "trickle"):
        reason, detail = skip(name)
        assert reason == "network_error" and "timed out" in detail and "took longer" in detail
    for name, skipped_url in skipped.items():
        assert f"article {skipped_url.canonical_url} skipped" in run.stderr or \
            skipped_url.reason == "not_html", name

    # Stored: the good page, the 429 page after waiting its Retry-After, the redirected one
    # (under the URL the feed gave, its final URL kept), and lying charsets decoded right.
    assert articles["good"].word_count > 50
    assert articles["429-short"].word_count > 50
    assert short_429.times[1] - short_429.times[0] >= 0.9
    moved = articles["elsewhere"]
    assert moved.url.startswith(site.base_url.replace("127.0.0.1", "localhost"))
    for name in ("lying-charset", "lying-charset-cp1252"):
        assert FRENCH in articles[name].text, articles[name].text[:200]
        assert articles[name].title == "Réseau"
    assert set(articles) == {"good", "429-short", "elsewhere", "lying-charset",
                             "lying-charset-cp1252"}

    # Feeds: a long Retry-After defers the feed; a feed that never answers times out.
    by_url = {f.url: f for f in rows(db, Feed)}
    slow = by_url[site.url("/feeds/slow-429.xml")]
    assert slow.last_error == "HTTP 429" and slow.last_status == 429
    assert (slow.next_due_at - slow.last_fetched_at).total_seconds() >= 7200
    assert "timed out" in by_url[site.url("/feeds/silent.xml")].last_error
    assert f"failed {site.url('/feeds/silent.xml')}: timed out" in " ".join(run.stdout.split())
    _, secret = secret_file
    assert_secret_nowhere(secret, run, db_file)
