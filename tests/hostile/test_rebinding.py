"""DNS rebinding: a name that answers a public address to the guard's check and a private one
to the download is refused at connection time, and nothing on the private address is contacted.

No DNS server of ours runs here, so the first answer is simulated: the crawl runs in a bootstrap
that makes the guard's own lookup of ``localhost`` answer a public address. The download then
resolves ``localhost`` for real, through newsmon's resolver, and gets 127.0.0.1.
"""

from __future__ import annotations

import sys

import pytest

from storage.models import Article, Feed
from testing.sitesrv import Response
from tests.hostile.conftest import FAST, GOOD_TEXT, article_html, crawl_args, rows, rss

BOOTSTRAP = """
import runpy, sys
import crawler.middlewares as guard
real = guard.resolve_host
guard.resolve_host = lambda host: ["93.184.216.34"] if host == "localhost" else real(host)
sys.argv = ["newsmon", *sys.argv[1:]]
runpy.run_module("newsmon", run_name="__main__", alter_sys=True)
"""


class RebindingNewsmon:
    """``newsmon`` started through the bootstrap above."""

    def __init__(self, base, script):
        self.base, self.script = base, script

    def __call__(self, *args, db, settings):
        command = self.base.command(args, db, settings)
        assert command[:3] == [sys.executable, "-m", "newsmon"]
        original = self.base.command
        self.base.command = lambda *a, **k: [sys.executable, str(self.script), *command[3:]]
        try:
            return self.base(*args, db=db, settings=settings)
        finally:
            self.base.command = original


@pytest.fixture
def rebinding(newsmon, tmp_path):
    script = tmp_path / "rebind.py"
    script.write_text(BOOTSTRAP)
    return RebindingNewsmon(newsmon, script)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("block", [True, False], ids=["blocked", "guard-off"])
def test_a_name_rebound_to_loopback_is_refused_at_connection(
        site_factory, rebinding, sqlite_url, block):
    site = site_factory()
    named = f"http://localhost:{site.port}"
    page = article_html("Quayside raises money for harbour robots", GOOD_TEXT)
    site.add_route("/p/*", lambda r: Response(200, page, content_type="text/html"))
    site.set_file("/feeds/f.xml", rss([{"title": "one", "link": f"{named}/p/one"}]),
                  "application/rss+xml")
    settings = (*FAST, f"BLOCK_PRIVATE_ADDRESSES={block}")
    run = rebinding(*crawl_args(f"{named}/feeds/f.xml"), db=sqlite_url, settings=settings)
    (feed,) = rows(sqlite_url, Feed)
    if block:
        assert site.requests == [], "the private address was contacted"
        assert feed.last_error.startswith("blocked: localhost resolves to private/loopback "
                                          "address 127.0.0.1 at connection time"), feed.last_error
        assert "DNS rebinding" in feed.last_error
        run.check()  # a refused feed is a failed feed, reported, not a crash
        assert "failed 1" in run.stdout and "Traceback" not in run.stderr
    else:  # the bootstrap changes nothing else: with the guard off the same crawl goes through
        run.check()
        assert feed.last_error is None
        assert {a.canonical_url for a in rows(sqlite_url, Article)} == {f"{named}/p/one"}
