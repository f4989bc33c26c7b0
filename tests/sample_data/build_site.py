"""Regenerate ``tests/sample_data/site/`` and its ``expected.json`` from ``site_content.py``.

    .venv/bin/python tests/sample_data/build_site.py

The output is committed, so a change to the generator shows up in review as a change to the pages
and to the golden expectations. Output is deterministic (no clock, seeded randomness).
"""

from __future__ import annotations

import html
import json
import random
import sys
import zlib
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from site_content import (  # noqa: E402
    ARTICLES,
    COMMENT_POOL,
    FEEDS,
    NAV_SECTIONS,
    NAV_TOPICS,
    PDF,
    PRIVATE,
    TEASER_PARTS,
    UI,
)

OUT = Path(__file__).parent / "site"
B = "{{BASE_URL}}"
SITE = "Relay Wire"
MIN_PAGE_BYTES = 50_000
esc = html.escape


def utc(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def nav_html(rng: random.Random) -> str:
    blocks = []
    for section in NAV_SECTIONS:
        links = "".join(
            f'<li><a href="/{section.lower()}/{t.lower()}/" data-track="nav-{section.lower()}-{i}">'
            f"{section} {t}</a></li>"
            for i, t in enumerate(NAV_TOPICS)
        )
        blocks.append(f'<li class="mega"><button aria-expanded="false">{section}</button>'
                      f'<ul class="mega-panel">{links}</ul></li>')
    return '<nav class="site-nav" aria-label="Main"><ul>\n' + "\n".join(blocks) + "\n</ul></nav>"


def cookie_html(ui: dict, rng: random.Random) -> str:
    syll = ["ad", "nim", "bus", "trek", "lum", "ora", "vex", "pix", "cor", "dat", "sig", "nal", "quo", "ria"]
    purposes = ["Store and/or access information on a device", "Use limited data to select advertising",
                "Create profiles for personalised advertising", "Measure advertising performance",
                "Understand audiences through statistics", "Develop and improve services"]
    vendors = []
    for _ in range(70):
        name = "".join(rng.choice(syll) for _ in range(3)).capitalize() + rng.choice([" Ltd", " GmbH", " SAS", " Inc."])
        used = ", ".join(rng.sample(purposes, 3))
        vendors.append(f'<li><label><input type="checkbox" checked> {esc(name)}</label> '
                       f'<span class="purposes">{used}. Retention: {rng.randint(30, 400)} days.</span></li>')
    # Half the pages use markup extractors know ("cookie-notice"); the others only say it semantically.
    opening = rng.choice(['<div id="cookie-notice" class="cookie-notice">',
                          '<div id="consent-layer" class="cmp-banner" role="dialog" aria-modal="true" '
                          'aria-label="Privacy choices">'])
    return (f"{opening}"
            f"<p>{esc(ui['cookie_leak'])}</p><p>{esc(ui['cookie_more'])}</p>"
            f"<button class=\"accept\">{esc(ui['accept'])}</button> <button>{esc(ui['manage'])}</button>"
            f'<details><summary>Vendors</summary><ul class="vendors">\n' + "\n".join(vendors) + "\n</ul></details></div>")


def newsletter_html(ui: dict) -> str:
    return (f'<aside class="newsletter-box"><h3>Night Shift</h3><p>{esc(ui["newsletter_leak"])}</p>'
            f'<form action="/newsletter/subscribe" method="post"><input type="email" placeholder="{esc(ui["email"])}">'
            f'<button>{esc(ui["newsletter_btn"])}</button></form></aside>')


def related_html(lang: str, ui: dict, rng: random.Random) -> str:
    subjects, predicates = TEASER_PARTS[lang]
    items = [ui["related_leak"]] + [f"{s} {p}" for s in subjects for p in predicates]
    items = items[:1] + rng.sample(items[1:], 29)
    lis = "\n".join(f'<li><a href="/stories/{zlib.crc32(t.encode()):08x}/"><img src="/img/t{i}.jpg" alt="">'
                    f"<span>{esc(t)}</span></a></li>" for i, t in enumerate(items))
    return f'<aside class="related-rail"><h3>{esc(ui["related_h"])}</h3><ul>\n{lis}\n</ul></aside>'


def comments_html(lang: str, ui: dict, rng: random.Random) -> str:
    rows = [(ui["comment_user"], ui["comment_leak"])]
    rows += [(f"reader{rng.randint(100, 999)}", rng.choice(COMMENT_POOL[lang])) for _ in range(14)]
    lis = "\n".join(
        f'<li class="comment"><div class="meta"><b>{esc(user)}</b> · {rng.randint(2, 23)} {ui["ago"]}</div>'
        f"<p>{esc(text)}</p><button>{ui['reply']}</button> <button>{ui['report']}</button></li>"
        for user, text in rows)
    return f'<section id="comments" class="comments"><h3>{esc(ui["comments_h"])} ({len(rows)})</h3><ol>\n{lis}\n</ol></section>'


def script_and_style(rng: random.Random) -> tuple[str, str]:
    slots = [{"id": f"slot-{i}", "sizes": [[300, 250], [728, 90]], "refresh": rng.randint(20, 90),
              "targeting": {"sect": rng.choice(NAV_SECTIONS).lower(), "pos": i}} for i in range(90)]
    script = ("<script>window.__rw=window.__rw||{};__rw.adSlots=" + json.dumps(slots) +
              ";(function(){var q=[];function t(e){q.push([e,Date.now()])}"
              "document.addEventListener('scroll',function(){t('scroll')});})();</script>")
    rules = "\n".join(f".rw-c{i}{{margin:{i % 7}px {i % 5}px;color:#{rng.randrange(16**6):06x};"
                      f"font-size:{12 + i % 9}px}}" for i in range(160))
    return script, f"<style>\n{rules}\n</style>"


def body_html(paragraphs: list[str]) -> str:
    return "\n".join(f"<h2>{esc(p[3:])}</h2>" if p.startswith("## ") else f"<p>{esc(p)}</p>"
                     for p in paragraphs)


def meta_html(a: dict) -> str:
    url = B + a["path"]
    tags = [f'<meta name="description" content="{esc(a["description"])}">',
            f'<meta name="author" content="{esc(a["author"])}">',
            f'<link rel="canonical" href="{url}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:site_name" content="{SITE}">',
            f'<meta property="og:title" content="{esc(a["title"])}">',
            f'<meta property="og:url" content="{url}">']
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
          "inLanguage": a["lang"], "author": {"@type": "Person", "name": a["author"]}}
    if a["published"]:
        tags.append(f'<meta property="article:published_time" content="{a["published"]}">')
        ld["datePublished"] = a["published"]
    tags.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    return "\n  ".join(tags)


def page(a: dict) -> str:
    ui = UI[a["lang"]]
    rng = random.Random(a["key"])
    script, style = script_and_style(rng)
    byline = f'<p class="byline">{esc(a["author"])}'
    if a["published"]:
        byline += f' · <time datetime="{a["published"]}">{a["published"][:16].replace("T", " ")}</time>'
    standfirst = "" if a.get("short") else f'<p class="standfirst">{esc(a["description"])}</p>'
    return f"""<!DOCTYPE html>
<html lang="{a['lang']}">
<head>
  <meta charset="utf-8">
  <title>{esc(a['title'])} – {SITE}</title>
  {meta_html(a)}
  {style}
</head>
<body class="rw-article">
<header class="masthead"><a href="/" class="brand">{SITE}</a>
{nav_html(rng)}
</header>
{cookie_html(ui, rng)}
<main>
<article class="story">
<h1>{esc(a['title'])}</h1>
{byline}</p>
{standfirst}
<div class="story-body">
{body_html(a['body'])}
</div>
</article>
{newsletter_html(ui)}
{related_html(a['lang'], ui, rng)}
{comments_html(a['lang'], ui, rng)}
</main>
<footer class="site-footer"><p>{esc(ui['footer'])}</p><p>© Relay Wire Media · Imprint · Privacy · Cookie settings</p></footer>
{script}
</body>
</html>
"""


def feed_entries(feed: str) -> list[dict]:
    """(title, url path+query, date) for every entry of ``feed``, in feed order."""
    by_key = {a["key"]: a for a in ARTICLES}
    entries = []
    for key in FEEDS[feed]:
        a = by_key[key]
        path = a.get("alias", a["path"])
        for query in a.get("feed_urls", {}).get(feed, [""]):
            entries.append(dict(title=a["title"], url=path + query, date=a["feed_date"],
                                summary=a["description"], lang=a["lang"]))
    for p in PRIVATE:
        if feed in p["feeds"]:
            entries.insert(1, dict(title=p["title"], url=p["path"], date=p["feed_date"], summary="", lang="en"))
    if feed == "atom":
        entries.append(dict(title=PDF["title"], url=PDF["path"], date=PDF["feed_date"], summary="", lang="en"))
    return entries


def rss_xml() -> str:
    items = "\n".join(
        f"""    <item>
      <title>{esc(e['title'])}</title>
      <link>{esc(B + e['url'])}</link>
      <guid isPermaLink="true">{esc(B + e['url'])}</guid>
      <pubDate>{format_datetime(datetime.fromisoformat(e['date']).astimezone(UTC), usegmt=True)}</pubDate>
      <description>{esc(e['summary'])}</description>
    </item>""" for e in feed_entries("rss"))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{SITE} – all stories</title>
    <link>{B}/</link>
    <description>Technology news in English, French and German.</description>
    <atom:link href="{B}/feeds/rss.xml" rel="self" type="application/rss+xml"/>
{items}
  </channel>
</rss>
"""


def atom_xml() -> str:
    entries = feed_entries("atom")
    body = "\n".join(
        f"""  <entry>
    <title>{esc(e['title'])}</title>
    <link rel="alternate" href="{esc(B + e['url'])}"/>
    <id>urn:relaywire:{zlib.crc32(e['url'].encode()):08x}</id>
    <updated>{e['date']}</updated>
    <summary>{esc(e['summary'])}</summary>
  </entry>""" for e in entries)
    updated = max(e["date"] for e in entries)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>{SITE}</title>
  <id>urn:relaywire:feed</id>
  <updated>{updated}</updated>
  <link rel="self" href="{B}/feeds/atom.xml"/>
  <link rel="alternate" type="text/html" href="{B}/"/>
  <author><name>{SITE} newsroom</name></author>
{body}
</feed>
"""


def json_feed() -> str:
    items = [{"id": B + e["url"], "url": B + e["url"], "title": e["title"], "summary": e["summary"],
              "date_published": e["date"], "language": e["lang"]} for e in feed_entries("json")]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": SITE, "home_page_url": B + "/",
            "feed_url": B + "/feeds/feed.json", "items": items}
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def pdf_bytes(text: str) -> bytes:
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def private_page(p: dict) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{esc(p["title"])}</title>'
            f'<meta name="robots" content="noindex"></head><body><h1>{esc(p["title"])}</h1>'
            "<p>PRIVATE: if a crawler stored this text it ignored robots.txt.</p></body></html>\n")


def index_html() -> str:
    lis = "\n".join(f'<li><a href="{a["path"]}">{esc(a["title"])}</a></li>' for a in ARTICLES)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{SITE}</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="{B}/feeds/rss.xml">
<link rel="alternate" type="application/atom+xml" title="Atom" href="{B}/feeds/atom.xml">
<link rel="alternate" type="application/feed+json" title="JSON Feed" href="{B}/feeds/feed.json">
</head><body><h1>{SITE}</h1><ul>
{lis}
</ul></body></html>
"""


def expected() -> dict:
    arts = {}
    for a in ARTICLES:
        ui = UI[a["lang"]]
        feed_urls = sorted({e["url"] for f in FEEDS for e in feed_entries(f)
                            if e["url"].split("?")[0] in (a["path"], a.get("alias"))})
        arts[a["path"]] = {
            "title": a["title"],
            "language": a["lang"],
            "published": utc(a["published"] or a["feed_date"]),
            "published_source": "page" if a["published"] else "feed",
            "feed_published": utc(a["feed_date"]),
            "feed_urls": feed_urls,
            "aliases": [a["alias"]] if a.get("alias") else [],
            "deal": a["deal"],
            "short_text": bool(a.get("short")),
            "text_contains": a["must"],
            "text_excludes": [ui["cookie_leak"], ui["newsletter_leak"], ui["related_leak"], ui["comment_leak"]],
        }
    return {
        "about": "Golden expectations for tests/sample_data/site; regenerate with build_site.py.",
        "feeds": {"/feeds/rss.xml": "rss", "/feeds/atom.xml": "atom", "/feeds/feed.json": "json"},
        "unique_articles": len(ARTICLES),
        "never_requested_prefixes": ["/private/"],
        "disallowed_feed_urls": sorted(p["path"] for p in PRIVATE),
        "non_html": {PDF["path"]: "application/pdf"},
        "articles": arts,
    }


def main() -> None:
    files: dict[str, str | bytes] = {"index.html": index_html(), "feeds/rss.xml": rss_xml(),
                                     "feeds/atom.xml": atom_xml(), "feeds/feed.json": json_feed(),
                                     "robots.txt": "User-agent: *\nDisallow: /private/\n",
                                     PDF["path"].lstrip("/"): pdf_bytes(PDF["text"])}
    for a in ARTICLES:
        html_text = page(a)
        assert len(html_text.encode()) > MIN_PAGE_BYTES, (a["path"], len(html_text.encode()))
        for path in filter(None, (a["path"], a.get("alias"))):
            files[path.lstrip("/") + ("index.html" if path.endswith("/") else "")] = html_text
    for p in PRIVATE:
        files[p["path"].lstrip("/")] = private_page(p)
    files["expected.json"] = json.dumps(expected(), ensure_ascii=False, indent=2) + "\n"
    for rel, data in files.items():
        target = OUT / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)
    print(f"wrote {len(files)} files under {OUT}")


if __name__ == "__main__":
    main()
