"""End to end: the real CLI crawls a loopback site with RSS, Atom and JSON feeds into each
backend."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from storage.db import open_database, session_factory, transaction
from storage.models import Article, ArticleFeed, CrawlRun, Feed, SkippedUrl
from testing.sitesrv import SiteServer
from tests.conftest import BACKENDS, _postgres_database, newsmon
from tests.fixtures_site import SAMPLE_SITE_ROOT

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0"]


def crawl_site(run_newsmon, site, db_url, expected):
    feeds = []
    for path in expected["feeds"]:
        feeds += ["--feed", site.url(path)]
    return run_newsmon("crawl", *feeds, *FAST, db=db_url)


def rows(db_url, model):
    engine = open_database(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            return list(session.scalars(select(model)))
    finally:
        engine.dispose()


@pytest.fixture
def crawled(run_newsmon, sample_site, db_url, sample_expected):
    """A crawl of its own, for the tests that crawl again or change the site."""
    result = crawl_site(run_newsmon, sample_site, db_url, sample_expected)
    return result, sample_site, db_url, sample_expected


@pytest.fixture(scope="module", params=BACKENDS)
def crawled_once(request, sample_expected, tmp_path_factory):
    """One crawl per backend shared by the tests that only read it: the rows, the output and
    the request log of a site server that no other test uses or changes."""
    with SiteServer(SAMPLE_SITE_ROOT) as site:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('crawl-once') / 'newsmon.db'}"
            yield crawl_site(newsmon, site, url, sample_expected), site, url, sample_expected
            return
        for url in _postgres_database():
            yield crawl_site(newsmon, site, url, sample_expected), site, url, sample_expected


def test_every_article_stored_once_with_clean_text(crawled_once):
    result, site, db_url, expected = crawled_once
    articles = {a.canonical_url: a for a in rows(db_url, Article)}
    assert len(articles) == expected["unique_articles"], sorted(articles)
    for path, want in expected["articles"].items():
        article = articles[site.url(path)]
        assert article.title == want["title"]
        assert article.language == want["language"], path
        published = datetime.fromisoformat(want["published"].replace("Z", "+00:00"))
        assert article.published_at == published, path
        for sentence in want["text_contains"]:
            assert sentence in article.text, (path, sentence)
        for boilerplate in want["text_excludes"]:
            assert boilerplate not in (article.text or ""), (path, boilerplate)
    assert "new 8" in result.stdout


def test_robots_disallowed_entries_never_requested_and_recorded(crawled_once):
    _, site, db_url, expected = crawled_once
    for prefix in expected["never_requested_prefixes"]:
        assert site.requests_for(prefix) == []
    skipped = {s.canonical_url: s.reason for s in rows(db_url, SkippedUrl)}
    for path in expected["disallowed_feed_urls"]:
        assert skipped[site.url(path)] == "robots"
    for path in expected["non_html"]:
        assert skipped[site.url(path)] == "not_html"


def test_tracking_duplicates_fetched_once_and_linked_to_every_feed(crawled_once):
    _, site, db_url, expected = crawled_once
    path = "/news/2024/microsoft-pays-inflection-650-million/"
    assert len(site.requests_for(path)) == 1
    article = next(a for a in rows(db_url, Article) if a.canonical_url == site.url(path))
    feeds_by_id = {f.id: f.url for f in rows(db_url, Feed)}
    linked = {feeds_by_id[link.feed_id] for link in rows(db_url, ArticleFeed)
              if link.article_id == article.id}
    assert len(linked) >= 2


def test_page_canonical_wins(crawled_once):
    _, site, db_url, _ = crawled_once
    by_canonical = {a.canonical_url: a for a in rows(db_url, Article)}
    article = by_canonical[site.url("/news/2025/servicenow-to-acquire-moveworks/")]
    assert article.url == site.url("/amp/news/servicenow-moveworks.html")


def test_second_crawl_is_conditional_and_fetches_no_article(crawled, run_newsmon):
    _, site, db_url, expected = crawled
    site.clear_requests()
    result = crawl_site(run_newsmon, site, db_url, expected)
    feed_requests = [r for r in site.requests if r.path.startswith("/feeds/")]
    assert len(feed_requests) == len(expected["feeds"])
    for request in feed_requests:
        assert request.headers.get("if-none-match"), request.path
        assert request.headers.get("if-modified-since"), request.path
    others = [r.path for r in site.requests
              if not r.path.startswith("/feeds/") and r.path != "/robots.txt"]
    assert others == []
    assert "unchanged (304) 3" in result.stdout
    assert len(rows(db_url, Article)) == expected["unique_articles"]
    runs = rows(db_url, CrawlRun)
    assert [r.articles_new for r in runs] == [expected["unique_articles"], 0]
    assert runs[1].feeds_not_modified == 3 and runs[1].status == "finished"


def test_changed_feed_brings_only_the_new_article(crawled, run_newsmon):
    _, site, db_url, expected = crawled
    rss = site.fetch_text("/feeds/rss.xml") if hasattr(site, "fetch_text") else None
    if rss is None:
        import urllib.request

        rss = urllib.request.urlopen(site.url("/feeds/rss.xml")).read().decode()
    new_item = (
        "<item><title>Fresh story</title>"
        f"<link>{site.url('/news/fresh-story.html')}</link>"
        "<pubDate>Mon, 02 Nov 2026 08:30:00 +0000</pubDate></item>"
    )
    site.set_file("/feeds/rss.xml", rss.replace("<item>", new_item + "<item>", 1),
                  "application/rss+xml")
    body = ("<html lang='en'><head><title>Fresh story</title></head><body><article><h1>Fresh "
            "story</h1>" + "<p>A brand new paragraph about robots that learn to sort parcels "
            "in a warehouse near the harbour.</p>" * 8 + "</article></body></html>")
    site.set_file("/news/fresh-story.html", body, "text/html; charset=utf-8")
    site.clear_requests()
    crawl_site(run_newsmon, site, db_url, expected)
    fetched = [r.path for r in site.requests
               if not r.path.startswith("/feeds/") and r.path != "/robots.txt"]
    assert fetched == ["/news/fresh-story.html"]
    assert len(rows(db_url, Article)) == expected["unique_articles"] + 1


def test_unreachable_and_broken_feeds_are_reported_and_the_rest_goes_on(
    run_newsmon, sample_site, sqlite_url
):
    sample_site.set_file("/feeds/broken.xml", "<html><body>Not a feed</body></html>", "text/html")
    result = run_newsmon(
        "crawl", "--feed", sample_site.url("/feeds/broken.xml"),
        "--feed", "http://127.0.0.1:9/feed.xml", "--feed", sample_site.url("/feeds/missing.xml"),
        "--feed", "http://no-such-host.invalid/feed.xml",
        "--feed", sample_site.url("/feeds/rss.xml"), *FAST, db=sqlite_url,
    )
    out = " ".join(result.stdout.split())
    assert "failed 4" in out
    dns = [line for line in result.stdout.splitlines() if "DNS lookup failed" in line]
    assert len([line for line in dns if "no-such-host.invalid" in line]) == 1  # its feed line
    assert "DNS lookup failed: 1 feed" in out  # and its reason counted once in the summary
    assert "not a feed" in out and "HTTP 404" in out and "127.0.0.1:9" in out
    feeds = {f.url: f for f in rows(sqlite_url, Feed)}
    assert feeds[sample_site.url("/feeds/missing.xml")].consecutive_failures == 1
    assert feeds[sample_site.url("/feeds/rss.xml")].last_error is None
    assert len(rows(sqlite_url, Article)) > 0


def test_user_mistakes_give_one_line_errors(cli, sqlite_url):
    result = cli("crawl", "--feed", "no-such-feed", db=sqlite_url, check=False)
    assert result.returncode == 1
    assert "no feed with URL or name 'no-such-feed'" in result.stderr
    assert "Traceback" not in result.stderr
    bad = cli("articles", "--since", "soon", db=sqlite_url, check=False)
    assert bad.returncode == 2 and "invalid duration" in bad.stderr  # a usage error


def test_scrapy_crawl_from_repo_root(sample_site, sqlite_url, tmp_path):
    """``scrapy crawl feeds -a urls=...`` works like the CLI."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = dict(os.environ, NEWSMON_DATABASE_URL=sqlite_url)
    subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "feeds", "-a",
         f"urls={sample_site.url('/feeds/atom.xml')}", "-s", "DOWNLOAD_DELAY=0",
         "-s", "AUTOTHROTTLE_ENABLED=False"],
        cwd=REPO, env=env, check=True, timeout=180, capture_output=True,
    )
    engine = open_database(sqlite_url)
    try:
        with transaction(session_factory(engine)) as session:
            assert session.scalar(select(func.count()).select_from(Article)) > 0
            assert session.scalar(select(Feed.url)) == sample_site.url("/feeds/atom.xml")
    finally:
        engine.dispose()


@pytest.mark.skipif("postgres" not in __import__("tests.conftest").conftest.BACKENDS,
                    reason="NEWSMON_TEST_POSTGRES_URL is not set")
def test_password_never_logged(run_newsmon, sample_site, db_url):
    from sqlalchemy.engine import make_url

    if not db_url.startswith("postgresql"):
        return
    with_password = make_url(db_url).set(password="s3cret-pw").render_as_string(hide_password=False)
    result = run_newsmon("crawl", "--feed", sample_site.url("/feeds/atom.xml"), *FAST,
                         db=with_password)
    assert "s3cret-pw" not in result.stdout + result.stderr
    assert "***" in result.stderr
