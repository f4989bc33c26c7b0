"""The loopback site server, and the two sites it serves (seeds/demo, tests/sample_data/site)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest

from testing.sitesrv import PLACEHOLDER, RecordedRequest, Response, SiteServer
from tests.fixtures_site import DEMO_ROOT, REPO_ROOT, SAMPLE_SITE_ROOT

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """(status, headers, body) without raising on 3xx/4xx/5xx."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with _OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def tiny_site(tmp_path: Path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "page.html").write_text('<a href="{{BASE_URL}}/x">x</a>', encoding="utf-8")
    (tmp_path / "feeds" / "rss.xml").write_text("<rss><link>{{BASE_URL}}/</link></rss>")
    (tmp_path / "blob.bin").write_bytes(b"{{BASE_URL}}\x00\xff")
    with SiteServer(tmp_path) as site:
        yield site


# -- serving files ----------------------------------------------------------------------------


def test_base_url_is_loopback_with_the_bound_port(tiny_site: SiteServer):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", tiny_site.base_url)
    assert tiny_site.base_url.endswith(f":{tiny_site.port}") and tiny_site.port != 0


def test_placeholder_is_replaced_in_text_files_only(tiny_site: SiteServer):
    _, _, page = fetch(tiny_site.url("/page.html"))
    assert page == f'<a href="{tiny_site.base_url}/x">x</a>'.encode()
    _, _, feed = fetch(tiny_site.url("/feeds/rss.xml"))
    assert PLACEHOLDER.encode() not in feed and tiny_site.base_url.encode() in feed
    _, _, blob = fetch(tiny_site.url("/blob.bin"))
    assert blob == b"{{BASE_URL}}\x00\xff"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/feeds/rss.xml", "application/rss+xml"),
        ("/feeds/atom.xml", "application/atom+xml"),
        ("/feeds/feed.json", "application/feed+json"),
        ("/de/kurz/startup-ticker.html", "text/html; charset=utf-8"),
        ("/news/2024/nvidia-completes-run-ai-acquisition/", "text/html; charset=utf-8"),
        ("/reports/ai-funding-tracker-2024-q2.pdf", "application/pdf"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ],
)
def test_content_types(sample_site: SiteServer, path: str, expected: str):
    status, headers, _ = fetch(sample_site.url(path))
    assert status == 200
    assert headers["Content-Type"].startswith(expected)


def test_missing_files_and_escapes_are_404(sample_site: SiteServer):
    assert fetch(sample_site.url("/no/such/page.html"))[0] == 404
    assert fetch(sample_site.url("/%2e%2e/expected.json"))[0] == 404
    assert fetch(sample_site.url("/../../pyproject.toml"))[0] == 404


def test_head_has_headers_but_no_body(sample_site: SiteServer):
    status, headers, body = fetch(sample_site.url("/feeds/rss.xml"), method="HEAD")
    _, get_headers, get_body = fetch(sample_site.url("/feeds/rss.xml"))
    assert (status, body) == (200, b"")
    assert headers["ETag"] == get_headers["ETag"]
    assert int(headers["Content-Length"]) == len(get_body)


def test_query_strings_are_ignored_for_files(sample_site: SiteServer):
    plain = fetch(sample_site.url("/news/2024/microsoft-pays-inflection-650-million/"))
    tracked = fetch(sample_site.url("/news/2024/microsoft-pays-inflection-650-million/?fbclid=abc"))
    assert plain[0] == tracked[0] == 200 and plain[2] == tracked[2]


# -- conditional GET --------------------------------------------------------------------------


def test_etag_is_strong_and_if_none_match_gives_304(tiny_site: SiteServer):
    status, headers, _ = fetch(tiny_site.url("/page.html"))
    etag = headers["ETag"]
    assert status == 200 and re.fullmatch(r'"[0-9a-f]+"', etag)
    status, headers, body = fetch(tiny_site.url("/page.html"), {"If-None-Match": etag})
    assert (status, body) == (304, b"") and headers["ETag"] == etag
    assert fetch(tiny_site.url("/page.html"), {"If-None-Match": '"other"'})[0] == 200
    assert fetch(tiny_site.url("/page.html"), {"If-None-Match": f'"x", {etag}'})[0] == 304


def test_if_modified_since(tiny_site: SiteServer):
    _, headers, _ = fetch(tiny_site.url("/page.html"))
    last_modified = headers["Last-Modified"]
    assert fetch(tiny_site.url("/page.html"), {"If-Modified-Since": last_modified})[0] == 304
    later = formatdate(parsedate_to_datetime(last_modified).timestamp() + 3600, usegmt=True)
    assert fetch(tiny_site.url("/page.html"), {"If-Modified-Since": later})[0] == 304
    earlier = formatdate(parsedate_to_datetime(last_modified).timestamp() - 3600, usegmt=True)
    assert fetch(tiny_site.url("/page.html"), {"If-Modified-Since": earlier})[0] == 200
    assert fetch(tiny_site.url("/page.html"), {"If-Modified-Since": "garbage"})[0] == 200


def test_if_none_match_wins_over_if_modified_since(tiny_site: SiteServer):
    _, headers, _ = fetch(tiny_site.url("/page.html"))
    both = {"If-None-Match": '"stale"', "If-Modified-Since": headers["Last-Modified"]}
    assert fetch(tiny_site.url("/page.html"), both)[0] == 200


def test_set_file_changes_body_etag_and_last_modified(tiny_site: SiteServer):
    _, before, _ = fetch(tiny_site.url("/page.html"))
    tiny_site.set_file("/page.html", "<p>{{BASE_URL}} v2</p>")
    status, after, body = fetch(tiny_site.url("/page.html"), {"If-None-Match": before["ETag"]})
    assert status == 200 and body == f"<p>{tiny_site.base_url} v2</p>".encode()
    assert after["ETag"] != before["ETag"]
    assert parsedate_to_datetime(after["Last-Modified"]) > parsedate_to_datetime(
        before["Last-Modified"]
    )
    ims = {"If-Modified-Since": before["Last-Modified"]}
    assert fetch(tiny_site.url("/page.html"), ims)[0] == 200
    assert fetch(tiny_site.url("/page.html"), {"If-None-Match": after["ETag"]})[0] == 304


def test_set_file_creates_new_paths_and_remove_file_hides_them(tiny_site: SiteServer):
    tiny_site.set_file("/feeds/new.xml", "<feed xmlns='http://www.w3.org/2005/Atom'/>")
    status, headers, _ = fetch(tiny_site.url("/feeds/new.xml"))
    assert status == 200 and headers["Content-Type"].startswith("application/atom+xml")
    tiny_site.set_file("/data.bin", b"\x01", content_type="application/x-thing")
    assert fetch(tiny_site.url("/data.bin"))[1]["Content-Type"] == "application/x-thing"
    tiny_site.remove_file("/page.html")
    assert fetch(tiny_site.url("/page.html"))[0] == 404
    tiny_site.reset_files()
    assert fetch(tiny_site.url("/page.html"))[0] == 200
    assert fetch(tiny_site.url("/feeds/new.xml"))[0] == 404


# -- routes and the request log ---------------------------------------------------------------


def test_route_answers_with_status_headers_and_body(site_factory):
    site = site_factory()
    seen: list[RecordedRequest] = []

    def handler(request: RecordedRequest) -> Response:
        seen.append(request)
        return Response(503, "busy", {"Retry-After": "120"}, "text/plain")

    site.add_route("/feeds/down.xml", handler)
    status, headers, body = fetch(site.url("/feeds/down.xml?x=1"), {"X-Probe": "yes"})
    assert (status, body, headers["Retry-After"]) == (503, b"busy", "120")
    assert seen[0].path == "/feeds/down.xml?x=1" and seen[0].headers["x-probe"] == "yes"
    assert seen[0].query == {"x": ["1"]}


def test_route_returning_none_falls_through_to_files(tiny_site: SiteServer):
    tiny_site.add_route("/page.html", lambda request: None)
    tiny_site.add_route("/gone/*", lambda request: Response(410, "gone"))
    assert fetch(tiny_site.url("/page.html"))[0] == 200
    assert fetch(tiny_site.url("/gone/a/b.html"))[0] == 410
    tiny_site.remove_route("/gone/*")
    assert fetch(tiny_site.url("/gone/a/b.html"))[0] == 404


def test_redirect_and_trickled_body(site_factory):
    site = site_factory()
    site.add_route("/old", lambda r: Response(301, headers={"Location": site.url("/slow")}))
    body = b"".join(b"%04d" % i for i in range(500))
    site.add_route("/slow", lambda r: Response(200, body, trickle=0.001, chunk_size=500))
    status, _, received = fetch(site.url("/old"))
    assert (status, received) == (200, body)
    assert [r.path for r in site.requests] == ["/old", "/slow"]


def test_failing_route_handler_answers_500(site_factory):
    site = site_factory()
    site.add_route("/boom", lambda r: 1 / 0)
    status, _, body = fetch(site.url("/boom"))
    assert status == 500 and b"ZeroDivisionError" in body


def test_request_log(sample_site: SiteServer):
    assert sample_site.requests == []  # function-scoped fixture: a fresh log
    fetch(sample_site.url("/robots.txt"), {"User-Agent": "newsmon-test/1"})
    fetch(sample_site.url("/feeds/rss.xml?utm_source=x"), method="HEAD")
    fetch(sample_site.url("/missing"))
    log = sample_site.requests
    assert [(r.method, r.path) for r in log] == [
        ("GET", "/robots.txt"),
        ("HEAD", "/feeds/rss.xml?utm_source=x"),
        ("GET", "/missing"),
    ]
    assert log[0].headers["user-agent"] == "newsmon-test/1"
    assert all(key == key.lower() for r in log for key in r.headers)
    assert log[0].time <= log[1].time <= log[2].time
    assert [r.url_path for r in sample_site.requests_for("/feeds/")] == ["/feeds/rss.xml"]
    sample_site.clear_requests()
    assert sample_site.requests == []


def test_stop_closes_the_port(tmp_path: Path):
    site = SiteServer(tmp_path).start()
    url = site.url("/")
    site.stop()
    site.stop()  # idempotent
    with pytest.raises(urllib.error.URLError):
        _OPENER.open(url, timeout=2)


def test_runs_as_a_module(tmp_path: Path):
    (tmp_path / "hello.txt").write_text("hello from {{BASE_URL}}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "testing.sitesrv", str(tmp_path), "--max-seconds", "20"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        base_url = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base_url)
        assert fetch(base_url + "/hello.txt")[2] == f"hello from {base_url}".encode()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# -- the shipped sites ------------------------------------------------------------------------

FEED_FILES = sorted(
    [p for p in DEMO_ROOT.glob("feeds/*") if p.suffix in (".xml", ".json")]
    + [p for p in SAMPLE_SITE_ROOT.glob("feeds/*") if p.suffix in (".xml", ".json")]
)


def feed_links(site: SiteServer, feed_path: str) -> list[str]:
    """Entry URLs of a served feed. feedparser 6.0 cannot read JSON Feed, so json is read here."""
    status, _, body = fetch(site.url(feed_path))
    assert status == 200
    if feed_path.endswith(".json"):
        document = json.loads(body)
        assert document["version"].startswith("https://jsonfeed.org/version/1")
        return [item["url"] for item in document["items"]]
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version in ("rss20", "atom10")
    return [entry.link for entry in parsed.entries]


def test_every_shipped_feed_is_found():
    names = {(p.parent.parent.name, p.name) for p in FEED_FILES}
    assert names == {
        ("demo", "rss.xml"),
        ("demo", "atom.xml"),
        ("site", "rss.xml"),
        ("site", "atom.xml"),
        ("site", "feed.json"),
    }


@pytest.mark.parametrize("feed_file", FEED_FILES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_feed_parses_and_every_entry_is_served(site_factory, feed_file: Path):
    site = site_factory(feed_file.parent.parent)
    links = feed_links(site, "/feeds/" + feed_file.name)
    assert len(links) >= 4
    for link in links:
        assert link.startswith(site.base_url + "/"), link
        assert fetch(link)[0] == 200, link


def test_demo_site_shape(demo_site: SiteServer):
    _, _, robots = fetch(demo_site.url("/robots.txt"))
    assert "Disallow: /private/" in robots.decode()
    _, _, index = fetch(demo_site.url("/"))
    for feed in ("/feeds/rss.xml", "/feeds/atom.xml"):
        assert f'rel="alternate" type="application/{"rss" if "rss" in feed else "atom"}+xml"' in (
            index.decode()
        )
        assert f'href="{demo_site.base_url}{feed}"' in index.decode()
    rss = feed_links(demo_site, "/feeds/rss.xml")
    atom = feed_links(demo_site, "/feeds/atom.xml")
    paths = {link.removeprefix(demo_site.base_url).split("?")[0] for link in rss + atom}
    public = {p for p in paths if not p.startswith("/private/")}
    assert 8 <= len(public) <= 12 and len(paths - public) == 1
    assert any("utm_" in link for link in rss + atom)
    assert {link.split("?")[0] for link in rss} & {link.split("?")[0] for link in atom}
    for path in public:
        page = fetch(demo_site.url(path))[2].decode()
        assert re.search(r'<html lang="(en|fr)">', page)
        assert f'<link rel="canonical" href="{demo_site.base_url}{path}">' in page
        assert re.search(r'article:published_time" content="\d{4}-\d\d-\d\dT\d\d:\d\d', page)
        for marker in ('property="og:title"', 'name="author"', 'name="description"', "<title>"):
            assert marker in page, (path, marker)
    seed_pages = [p for p in public if "scale-ai" in p]
    assert len(seed_pages) == 2 and all(p.startswith("/fr/") for p in seed_pages)


def _page_text(site: SiteServer, path: str) -> str:
    status, headers, body = fetch(site.url(path))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    return html.unescape(body.decode("utf-8"))


def test_sample_expected_matches_the_site(sample_site: SiteServer, sample_expected: dict):
    articles = sample_expected["articles"]
    assert len(articles) == sample_expected["unique_articles"] == 8
    assert {a["language"] for a in articles.values()} == {"en", "fr", "de"}
    for path, want in articles.items():
        page = _page_text(sample_site, path)
        assert len(page.encode()) > 50_000, path
        assert f'<html lang="{want["language"]}">' in page
        assert f'<link rel="canonical" href="{sample_site.base_url}{path}">' in page
        assert f"<h1>{want['title']}</h1>" in page
        for sentence in want["text_contains"] + want["text_excludes"]:
            assert sentence in page, (path, sentence)
        published = re.search(r'article:published_time" content="([^"]+)"', page)
        if want["published_source"] == "page":
            stamp = datetime.fromisoformat(published.group(1)).astimezone(UTC)
            assert stamp.strftime("%Y-%m-%dT%H:%M:%SZ") == want["published"]
            assert want["published"] != want["feed_published"]
        else:
            assert published is None and "datePublished" not in page and "<time" not in page
            assert want["published"] == want["feed_published"]
        for alias in want["aliases"]:
            assert _page_text(sample_site, alias) == page
        assert want["feed_urls"], path


def test_sample_feeds_carry_the_traps(sample_site: SiteServer, sample_expected: dict):
    by_feed = {
        path: [link.removeprefix(sample_site.base_url) for link in feed_links(sample_site, path)]
        for path in sample_expected["feeds"]
    }
    every_link = [link for links in by_feed.values() for link in links]
    for want in sample_expected["articles"].values():
        assert set(want["feed_urls"]) <= set(every_link)
    inflection = [link for link in every_link if "inflection" in link]
    assert any("utm_source=rss" in link for link in by_feed["/feeds/rss.xml"] if link in inflection)
    assert any("fbclid=" in link for link in by_feed["/feeds/atom.xml"])
    assert sum("inflection" in link for link in by_feed["/feeds/rss.xml"]) == 2
    for private in sample_expected["disallowed_feed_urls"]:
        assert private in every_link
        assert any(private.startswith(p) for p in sample_expected["never_requested_prefixes"])
    robots = fetch(sample_site.url("/robots.txt"))[2].decode()
    assert all(f"Disallow: {p}" in robots for p in sample_expected["never_requested_prefixes"])
    for path, content_type in sample_expected["non_html"].items():
        assert path in every_link
        status, headers, body = fetch(sample_site.url(path))
        assert status == 200 and headers["Content-Type"] == content_type
        assert body.startswith(b"%PDF-")
    short = [a for a in sample_expected["articles"].values() if a["short_text"]]
    assert len(short) == 1
    letters = re.findall(r"[^\W\d_]", " ".join(short[0]["text_contains"]))
    assert len(letters) < 60
