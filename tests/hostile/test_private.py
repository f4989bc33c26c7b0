"""BLOCK_PRIVATE_ADDRESSES: feeds and pages on loopback/private/link-local addresses are refused
before any connection, whether named by IP, by a DNS name that resolves there, or reached
through a redirect; each refusal is recorded with reason ``blocked``."""

from __future__ import annotations

import pytest

from storage.models import Article, Feed, SkippedUrl
from testing.sitesrv import Response
from tests.hostile.conftest import (
    FAST,
    GOOD_TEXT,
    article_html,
    assert_bounded,
    crawl_args,
    rows,
    rss,
)

BLOCK = (*FAST, "BLOCK_PRIVATE_ADDRESSES=True")


@pytest.mark.timeout(90)
def test_private_addresses_are_blocked_with_a_reason(site_factory, newsmon, sqlite_url):
    site = site_factory()
    port = site.port
    named = f"http://localhost:{port}"
    good = article_html("Quayside raises money for harbour robots", GOOD_TEXT)
    site.add_route("/p/*", lambda r: Response(200, good, content_type="text/html"))
    site.add_route("/redirect",
                   lambda r: Response(302, b"", {"Location": named + "/p/via-redirect"}))
    targets = {
        "good": site.url("/p/good"),
        "by-name": f"{named}/p/by-name",
        "redirect": site.url("/redirect"),
        "ten": "http://10.1.2.3/p/ten",
        "metadata": "http://169.254.169.254/latest/meta-data/",
        "ipv6": f"http://[::1]:{port}/p/ipv6",
        "decimal": f"http://2130706433:{port}/p/decimal",
    }
    site.set_file("/feeds/mixed.xml", rss([{"title": k, "link": v} for k, v in targets.items()]),
                  "application/rss+xml")

    # Without an exemption nothing on this machine is even contacted, by IP or by name.
    run = newsmon(*crawl_args(site.url("/feeds/mixed.xml"), f"{named}/feeds/mixed.xml"),
                  db=sqlite_url, settings=BLOCK).check()
    assert_bounded(run, 40)
    assert site.requests == []
    feeds = {f.url: f.last_error for f in rows(sqlite_url, Feed)}
    assert feeds[site.url("/feeds/mixed.xml")] == (
        "blocked: 127.0.0.1 resolves to private/loopback address 127.0.0.1 "
        "(BLOCK_PRIVATE_ADDRESSES is on)")
    assert feeds[f"{named}/feeds/mixed.xml"].startswith("blocked: localhost resolves to ")
    assert "failed 2" in run.stdout

    # With the feed server exempted, its entries elsewhere are still refused.
    run = newsmon(*crawl_args(site.url("/feeds/mixed.xml")), db=sqlite_url,
                  settings=(*BLOCK, "PRIVATE_HOSTS_ALLOWED=127.0.0.1")).check()
    assert_bounded(run, 40)
    stored = {a.canonical_url for a in rows(sqlite_url, Article)}
    assert stored == {targets["good"]}
    skipped = {s.canonical_url: (s.reason, s.detail) for s in rows(sqlite_url, SkippedUrl)}
    for name in ("by-name", "redirect", "ten", "metadata", "ipv6", "decimal"):
        url = next(u for u in skipped if name in u or targets[name].rstrip("/") in u)
        reason, detail = skipped[url]
        assert reason == "blocked" and "BLOCK_PRIVATE_ADDRESSES is on" in detail, (name, detail)
        assert f"article {url} skipped (blocked)" in run.stderr
    assert "localhost resolves to" in skipped[targets["redirect"]][1]
    assert "169.254.169.254" in skipped[targets["metadata"]][1]
    paths = [r.url_path for r in site.requests]
    assert "/p/via-redirect" not in paths and "/p/by-name" not in paths
    assert "/p/ipv6" not in paths and "/p/decimal" not in paths
    assert "/redirect" in paths and "/p/good" in paths
