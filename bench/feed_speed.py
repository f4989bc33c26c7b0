"""Feed parsing time with and without feedparser for plain RSS 2.0 and Atom 1.0, in one run.

    python -m bench.feed_speed [DIR ...] [--items 20000] [--repeat 3]

Old: every RSS/Atom/RDF document through feedparser (``feeds.rssdirect`` and
``feeds.atomdirect`` switched off). New: plain RSS 2.0 and Atom 1.0 read directly with lxml, the
rest through feedparser. Timed on feeds built in memory (``--items`` items: title, link and date
only; as a WordPress feed writes them: dc:creator, pubDate, categories, guid, description,
content:encoded, comment links; an Atom feed as blog engines write one), best of ``--repeat``.
Each DIR's files are parsed both ways and must give the same ``ParsedFeed`` (or the same
refusal): differences are printed, with the number of files read directly.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from bench.feed_agreement import content_type_of, feed_files
from feeds import feedparse
from feeds.errors import FeedError
from feeds.feedparse import parse_feed

URL = "http://127.0.0.1/feed.xml"


@contextmanager
def feedparser_only() -> Iterator[None]:
    """Every document through feedparser, as before ``feeds.rssdirect``/``atomdirect``."""
    with mock.patch.object(feedparse, "_read_directly", return_value=None):
        yield


def wordpress_feed(items: int) -> bytes:
    """An RSS 2.0 feed shaped as WordPress writes one."""
    body = "".join(
        f"<item><title>Post {n} &amp; more</title><link>https://blog.example/{n}/</link>"
        f"<comments>https://blog.example/{n}/#respond</comments>"
        f"<dc:creator><![CDATA[Author {n % 7}]]></dc:creator>"
        f"<pubDate>Mon, {1 + n % 28:02d} Jul 2024 10:{n % 60:02d}:00 +0000</pubDate>"
        f"<category><![CDATA[News]]></category><category><![CDATA[Tag {n % 5}]]></category>"
        f'<guid isPermaLink="false">https://blog.example/?p={n}</guid>'
        f"<description><![CDATA[Summary of post {n} with a <a href='#'>link</a>]]></description>"
        f"<content:encoded><![CDATA[<p>Body of post {n}.</p><p>Second paragraph.</p>]]>"
        f"</content:encoded><wfw:commentRss>https://blog.example/{n}/feed/</wfw:commentRss>"
        f"<slash:comments>{n % 3}</slash:comments></item>"
        for n in range(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" '
        'xmlns:slash="http://purl.org/rss/1.0/modules/slash/"><channel><title>Blog</title>'
        '<atom:link href="https://blog.example/feed/" rel="self" type="application/rss+xml"/>'
        "<link>https://blog.example</link><description>A blog</description>"
        "<lastBuildDate>Mon, 01 Jul 2024 10:00:00 +0000</lastBuildDate><language>en-US</language>"
        "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>1</sy:updateFrequency>"
        f"<generator>https://wordpress.org/?v=6.5</generator>{body}</channel></rss>"
    ).encode()


def simple_feed(items: int) -> bytes:
    """Items with a title, a link and a date only (``bench.feed_hostile``'s 20,000 items)."""
    body = "".join(
        f"<item><title>t{n}</title><link>http://x.example/{n}</link>"
        f"<pubDate>Mon, 06 Jul 2020 10:00:00 GMT</pubDate></item>"
        for n in range(items)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>T</title><link>http://x.example/</link>{body}</channel></rss>"
    ).encode()


def atom_feed(items: int) -> bytes:
    """An Atom 1.0 feed as blog engines write one (Blogger without xml:base, Hugo, Jekyll)."""
    body = "".join(
        f"<entry><title type='html'>Post {n} &amp;amp; more</title>"
        f"<link rel='alternate' type='text/html' href='https://blog.example/{n}/'/>"
        f"<id>tag:blog.example,2024:{n}</id><published>2024-07-{1 + n % 28:02d}T10:00:00Z"
        f"</published><updated>2024-07-{1 + n % 28:02d}T11:00:00Z</updated>"
        f"<author><name>Author {n % 7}</name></author><category term='News'/>"
        f"<summary type='html'>Summary of post {n}</summary><content type='html'>"
        f"&lt;p&gt;Body of post {n}.&lt;/p&gt;</content></entry>"
        for n in range(items)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
        "xml:lang='en'><title>Blog</title><link href='https://blog.example/'/>"
        "<link rel='self' href='https://blog.example/atom.xml'/><id>tag:blog.example,2024</id>"
        f"<updated>2024-07-01T10:00:00Z</updated>{body}</feed>"
    ).encode()


def best_of(repeat: int, parse: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        parse()
        times.append(time.perf_counter() - started)
    return min(times)


def time_feeds(items: int, repeat: int) -> None:
    print(f"| feed ({items:,} items) | MB | old: feedparser | new: direct | ratio | same result |")
    print("|---|---|---|---|---|---|")
    for name, body in (
        ("title, link, date", simple_feed(items)),
        ("WordPress-shaped", wordpress_feed(items)),
        ("Atom, blog-shaped", atom_feed(items)),
    ):
        with feedparser_only():
            old_result = parse_feed(body, URL)
            old = best_of(repeat, lambda body=body: parse_feed(body, URL))
        new_result = parse_feed(body, URL)
        new = best_of(repeat, lambda body=body: parse_feed(body, URL))
        print(
            f"| {name} | {len(body) / 1e6:.1f} | {old:.2f} s | {new:.2f} s | "
            f"{new / old:.2f} | {old_result == new_result} |"
        )


def outcome(body: bytes, content_type: str | None) -> object:
    try:
        return parse_feed(body, URL, content_type)
    except FeedError as exc:
        return f"FeedError: {exc.reason}"


def compare_dirs(dirs: list[Path]) -> int:
    """Files parsed both ways; the number that differ."""
    files = direct = differ = 0
    seconds = {"old": 0.0, "new": 0.0}
    for path in feed_files(dirs):
        body = path.read_bytes()
        content_type = content_type_of(body)
        files += 1
        started = time.perf_counter()
        with feedparser_only():
            old = outcome(body, content_type)
        seconds["old"] += time.perf_counter() - started
        started = time.perf_counter()
        with mock.patch.object(
            feedparse, "_parse_with_feedparser", wraps=feedparse._parse_with_feedparser
        ) as through_feedparser:
            new = outcome(body, content_type)
        direct += not through_feedparser.called and not isinstance(new, str)
        seconds["new"] += time.perf_counter() - started
        if old != new:
            differ += 1
            print(f"DIFFERS {path}\n  old {str(old)[:600]}\n  new {str(new)[:600]}")
    print(
        f"\n{files} files; read directly (no feedparser): {direct}; results differing: "
        f"{differ}; time old {seconds['old']:.2f} s, new {seconds['new']:.2f} s"
    )
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    time_feeds(args.items, args.repeat)
    return 1 if args.dirs and compare_dirs(args.dirs) else 0


if __name__ == "__main__":
    sys.exit(main())
