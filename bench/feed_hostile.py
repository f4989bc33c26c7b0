"""Hostile feeds built in memory: each must end in entries or a ``FeedError``, quickly.

Used by ``python -m bench.feed_agreement --hostile``: entity bombs, an attribute flood, deep
nesting, huge counts, odd CDATA, undeclared prefixes, ``xml:base`` with ``javascript:`` and
``file:``, control characters, a gzip bomb, deeply nested JSON.
"""

from __future__ import annotations

import gzip
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from feeds.errors import FeedError
from feeds.feedparse import parse_feed


class Hang(BaseException):  # noqa: N818 - not an Exception: parsers must not swallow it
    """A parse ran past the per-file time limit."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


@dataclass
class Stopwatch:
    """Runs a call under a time limit and keeps its wall time, whether it returned or raised."""

    limit: float
    seconds: float = 0.0

    def run(self, func: Any, *args: Any) -> Any:
        """``func(*args)``; raises ``Hang`` past ``limit`` seconds."""
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, self.limit)
        started = time.perf_counter()
        try:
            return func(*args)
        finally:
            self.seconds = time.perf_counter() - started
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _rss(items: str, attributes: str = "") -> bytes:
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'{attributes}><channel>"
        f"<title>T</title><link>http://x.example/</link>{items}</channel></rss>"
    ).encode()


def _item(number: int, extra: str = "") -> str:
    return (
        f"<item><title>t{number}</title><link>http://x.example/{number}</link>"
        f"<pubDate>Mon, 06 Jul 2020 10:00:00 GMT</pubDate>{extra}</item>"
    )


def hostile_feeds() -> Iterator[tuple[str, bytes]]:
    """Feeds built to break a parser; each must end in entries or a ``FeedError``, quickly."""
    yield "20,000 items", _rss("".join(_item(i) for i in range(20_000)))
    yield "50,000 nested elements", _rss(_item(0, "<x>" * 50_000 + "</x>" * 50_000))
    yield "50,000 unclosed elements", _rss(_item(0, "<x>" * 50_000))
    laughs = "".join(f"<!ENTITY l{i} '{f'&l{i - 1};' * 10}'>" for i in range(1, 10))
    yield (
        "billion laughs",
        (
            f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY l0 'lol'>{laughs}]>"
            "<rss version='2.0'><channel><item><title>&l9;</title>"
            "<link>http://x.example/a</link></item></channel></rss>"
        ).encode(),
    )
    yield (
        "external entity",
        (
            b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM "
            b"'file:///etc/passwd'>]><rss version='2.0'><channel><item>"
            b"<title>&x;</title><link>http://x.example/a</link></item>"
            b"</channel></rss>"
        ),
    )
    yield (
        "5 MB title",
        _rss(f"<item><title>{'A' * 5_000_000}</title><link>http://x.example/a</link></item>"),
    )
    yield (
        "title of 100,000 tags",
        _rss(
            "<item><title>"
            + "w &amp; <b>x</b> " * 100_000
            + "</title><link>http://x.example/a</link></item>"
        ),
    )
    yield (
        "50,000 attributes on one tag",
        _rss(
            "<item " + " ".join(f"a{i}='v'" for i in range(50_000)) + "><title>t</title>"
            "<link>http://x.example/a</link></item>"
        ),
    )
    yield (
        "20,000 namespace declarations",
        _rss(_item(0), "".join(f" xmlns:n{i}='http://n{i}.example/'" for i in range(20_000))),
    )
    yield (
        "CDATA in odd places",
        _rss(
            "<item><title><![CDATA[<b>Bold</b> &amp; co]]></title><link><![CDATA[http://x.example/"
            "a]]></link><pubDate><![CDATA[Mon, 06 Jul 2020 10:00:00 GMT]]></pubDate></item>"
            "<![CDATA[<item><title>fake</title></item>]]>"
            "<item><title><![CDATA[a ]]]]><![CDATA[> b]]></title>"
            "<link>http://x.example/b</link></item>"
        ),
    )
    yield (
        "mixed namespaces",
        _rss(
            "<item><title>t</title><atom:link xmlns:atom='http://www.w3.org/2005/Atom' rel="
            "'alternate' href='http://x.example/atom'/><dc:date xmlns:dc='http://purl.org/dc/"
            "elements/1.1/'>2020-07-06T10:00:00+02:00</dc:date><undeclared:x>y</undeclared:x></item>"
        ),
    )
    yield (
        "Atom with xml:base",
        (
            b"<feed xmlns='http://www.w3.org/2005/Atom' xml:base='http://base.example/dir/'>"
            b"<title>T</title><entry xml:base='sub/'><title>t</title><link href='page.html'/>"
            b"<id>urn:1</id></entry><entry xml:base='javascript:alert(1)//'><title>t2</title>"
            b"<link href='x'/><id>urn:2</id></entry><entry xml:base='file:///etc/'><title>t3"
            b"</title><link href='passwd'/><id>urn:3</id></entry></feed>"
        ),
    )
    yield (
        "NUL and control characters",
        _rss("<item><title>a\x00b\x1b</title><link>http://x.example/a\x00b</link></item>"),
    )
    yield "gzip bomb", gzip.compress(b"<rss>" + b" " * 100_000_000, compresslevel=9)
    yield "deep JSON", b'{"items":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    urls = "".join(
        f"<url><loc>http://x.example/{i}?a=1&b=2</loc><news:news><news:title>caf&eacute;&nbsp;"
        f"<![CDATA[&]]></news:title></news:news></url>" for i in range(20_000))
    yield (
        "sitemap: 20,000 bare ampersands and HTML entities",
        ("<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
         f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{urls}</urlset>").encode(),
    )
    yield "1 MB date with the year last", _rss(_item(0, "<dc:date>Mon " + "Jan " * 250_000
                                                        + "2 10:00:00 2006</dc:date>"))
    yield (
        "a guid tag of 1 MB marked isPermaLink",
        _rss(_item(0, "<guid " + " " * 1_000_000 + "isPermaLink='true'>a/b</guid>")),
    )


def check_hostile(url: str, timeout: float, slow: float) -> int:
    """Parse every hostile feed, print what came of it; the number of crashes, hangs and
    parses slower than ``slow`` seconds."""
    failures = 0
    for name, body in hostile_feeds():
        watch = Stopwatch(timeout)
        try:
            parsed = watch.run(parse_feed, body, url)
            outcome = f"{len(parsed.entries)} entries: {[e.url for e in parsed.entries[:3]]}"
        except FeedError as exc:
            outcome = f"refused: {exc.reason[:70]}"
        except Hang:
            outcome = "HANG"
        except Exception as exc:  # noqa: BLE001 - a crash is the finding
            outcome = f"CRASH {type(exc).__name__}: {exc}"
        bad = outcome.startswith(("HANG", "CRASH")) or watch.seconds > slow
        failures += bad
        print(f"{'!!' if bad else '  '} {name:32} {watch.seconds:6.2f} s  {outcome[:110]}")
    return failures
