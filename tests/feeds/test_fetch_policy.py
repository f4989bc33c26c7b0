"""``feeds add`` / ``feeds check`` fetch under the crawl's policy: private addresses (redirects
included), size cap, whole-fetch timeout, user agent, robots.txt, http(s) only."""

from __future__ import annotations

from newsmon.feedtools import FetchPolicy, check_feeds, fetch, policy_from_project
from storage.models import Feed
from testing.sitesrv import Response
from tests.hostile.conftest import rows

RSS = ("<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
       "<item><title>One</title><link>http://example.com/1</link></item></channel></rss>")
BLOCKED = "(BLOCK_PRIVATE_ADDRESSES is on)"


def policy(**kw) -> FetchPolicy:
    return FetchPolicy(**{"user_agent": "newsmon-test/1", "block_private": True, **kw})


def test_private_address_refused_before_any_request(site_factory):
    site = site_factory()
    site.set_file("/feed.xml", RSS, "application/rss+xml")
    got = fetch(site.url("/feed.xml"), policy())
    assert got.error == ("blocked: 127.0.0.1 resolves to private/loopback address 127.0.0.1 "
                         + BLOCKED)
    for url in ("http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/feed",
                f"http://[::1]:{site.port}/feed.xml", f"http://2130706433:{site.port}/feed.xml"):
        assert fetch(url, policy(timeout=2)).error.endswith(BLOCKED), url
    assert site.requests == []
    assert fetch(site.url("/feed.xml"), policy(block_private=False)).body == RSS.encode()


def test_redirect_to_a_private_address_refused(site_factory):
    site = site_factory()
    site.set_file("/feed.xml", RSS, "application/rss+xml")
    site.add_route("/moved", lambda r: Response(302, b"", {"Location": site.url("/feed.xml")}))
    named = f"http://localhost:{site.port}"
    got = fetch(f"{named}/moved", policy(allowed_hosts=frozenset({"localhost"})))
    assert got.error.startswith("blocked: 127.0.0.1 resolves to") and got.error.endswith(BLOCKED)
    assert [r.url_path for r in site.requests] == ["/robots.txt", "/moved"]
    site.add_route("/ftp", lambda r: Response(302, b"", {"Location": "ftp://example.com/x"}))
    got = fetch(site.url("/ftp"), policy(block_private=False))
    assert "redirect to a ftp: URL refused" in got.error


def test_size_cap_timeout_and_user_agent(site_factory):
    site = site_factory()
    site.set_file("/big.xml", RSS + "<!--" + "x" * 5000 + "-->", "application/rss+xml")
    site.add_route("/slow.xml", lambda r: Response(200, "x" * 1500, trickle=0.25, chunk_size=300))
    lax = policy(block_private=False, max_bytes=2000, timeout=0.5)
    assert fetch(site.url("/big.xml"), lax).error.startswith("response too large")
    assert "timed out" in fetch(site.url("/slow.xml"), lax).error
    assert {r.headers.get("user-agent") for r in site.requests} == {"newsmon-test/1"}


def test_robots_txt_obeyed_and_only_http(site_factory):
    site = site_factory()
    site.set_file("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.set_file("/private/feed.xml", RSS, "application/rss+xml")
    site.set_file("/feed.xml", RSS, "application/rss+xml")
    lax = policy(block_private=False)
    results = check_feeds([site.url("/private/feed.xml"), site.url("/feed.xml")], lax)
    assert results[0].error == "forbidden by robots.txt (ROBOTSTXT_OBEY is on)"
    assert results[1].ok and results[1].entries == 1
    assert [r.url_path for r in site.requests].count("/robots.txt") == 1
    assert "/private/feed.xml" not in [r.url_path for r in site.requests]
    assert fetch("file:///etc/passwd", lax).error.startswith("cannot fetch: only http")


def test_policy_comes_from_the_crawl_settings():
    default = policy_from_project()
    assert not default.block_private and default.obey_robots
    assert default.max_bytes == 10 * 1024 * 1024 and default.user_agent.startswith("newsmon/")
    on = policy_from_project({"BLOCK_PRIVATE_ADDRESSES": "True", "DOWNLOAD_MAXSIZE": "1000",
                              "PRIVATE_HOSTS_ALLOWED": "feeds.intranet"})
    assert on.block_private and on.max_bytes == 1000
    assert on.allowed_hosts == frozenset({"feeds.intranet"})


def test_cli_feeds_add_and_check_refuse_private_addresses(site_factory, sqlite_url):
    from click.testing import CliRunner

    from newsmon.cli import main

    site = site_factory()
    site.set_file("/feed.xml", RSS, "application/rss+xml")
    url = site.url("/feed.xml")

    def cli(*args):
        return CliRunner().invoke(main, ["--db", sqlite_url, *args])

    out = cli("feeds", "add", url, "-s", "BLOCK_PRIVATE_ADDRESSES=True")
    assert out.exit_code == 1 and BLOCKED in out.output, out.output
    assert rows(sqlite_url, Feed) == [] and site.requests == []
    assert cli("feeds", "add", url, "--no-check").exit_code == 0
    out = cli("feeds", "check", "-s", "BLOCK_PRIVATE_ADDRESSES=True", "--format", "json")
    assert out.exit_code == 1 and BLOCKED in out.output and site.requests == []
    assert cli("feeds", "check").exit_code == 0 and site.requests
