"""The spider's database reads (``crawler.database``) on a fresh SQLite database."""

from __future__ import annotations

from newsmon import defaults
from storage import repo
from tests.crawler.conftest import stored_article


def test_feed_targets_register_new_urls_and_known_reads_stored_ones(db):
    (target,) = db.feed_targets(["http://news.test/feed.xml"])
    assert target.url == "http://news.test/feed.xml" and target.etag is None
    with db.session() as session:
        feed = session.get(repo.Feed, target.id)
        assert feed.interval_seconds == defaults.FEED_INTERVAL_MINUTES * 60
    stored_article(db, "http://news.test/a")
    assert db.known(["http://news.test/a", "http://news.test/b"]) == {"http://news.test/a"}
