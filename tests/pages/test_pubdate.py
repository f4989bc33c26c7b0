"""Publication dates from the page's own structure; body text is never read for a date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import lxml.html

from pages.article import EntryInfo, extract_article
from pages.pubdate import page_date, text_date, url_date

FETCHED = datetime(2030, 1, 1, tzinfo=UTC)
PROSE = "<p>" + "The cooperative was founded in 2018 and now sorts parcels for the town. " * 8
PROSE += "</p>"


def tree_of(head: str = "", body: str = ""):
    return lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


def day_of(head: str = "", body: str = "", url: str = "https://news.example/a") -> date | None:
    found = page_date(tree_of(head, body), url)
    return found.day if found is not None else None


def test_json_ld_date_published_in_a_graph_and_nested():
    graph = ld(
        '{"@graph": [{"@type": "WebPage", "dateModified": "2022-01-12T14:27:30+00:00"},'
        '{"@type": "NewsArticle", "datePublished": "2021-11-29T14:13:37+00:00",'
        ' "dateModified": "2022-01-12T14:27:30+00:00"}]}'
    )
    assert day_of(graph) == date(2021, 11, 29)
    nested = ld(
        '{"@type": "WebPage", "mainEntity": {"@type": "Article", "datePublished": "2023-04-28"}}'
    )
    assert day_of(nested) == date(2023, 4, 28)


def test_own_node_before_the_articles_it_lists():
    data = ld(
        '{"@type": "NewsArticle", "datePublished": "2023-04-28T10:00:00+02:00",'
        ' "hasPart": [{"@type": "NewsArticle", "datePublished": "2023-03-01"}]}'
    )
    assert day_of(data) == date(2023, 4, 28)


def test_modified_date_only_when_nothing_else_and_marked():
    head = (
        "<meta property='article:modified_time' content='2022-01-12T10:00:00+01:00'>"
        "<meta property='article:published_time' content='2021-11-29T10:00:00+01:00'>"
    )
    assert day_of(head) == date(2021, 11, 29)
    found = page_date(tree_of(ld('{"dateModified": "2022-01-12T10:00:00+01:00"}')), "")
    assert found is not None and found.source.startswith("modified")


def test_published_markup_beats_a_generic_date_meta():
    # Content management systems fill <meta name="date"> with the page's creation time.
    head = "<meta name='date' content='2022-01-21T15:38:44+01:00'>"
    body = "<span><time itemprop='datePublished' datetime='2022-01-27'>27.01.2022</time></span>"
    assert day_of(head, body) == date(2022, 1, 27)
    assert day_of(
        head, "<h1>Hunde im Winter</h1><p><time>29.04.2020, 12:01 Uhr</time></p>"
    ) == date(2020, 4, 29)
    assert day_of(head) == date(2022, 1, 21)


def test_times_of_comments_teasers_and_updates_are_not_the_articles():
    comment = (
        "<ol class='comment-list'><li><time datetime='2019-08-24T03:36:11+02:00'>"
        "24. August 2019</time></li></ol>"
    )
    assert day_of(body="<h1>RES158</h1>" + comment) is None
    teaser = "<div class='teaser-list'><time datetime='2020-02-19T19:32:07+0200'>19:32</time></div>"
    assert day_of(body="<h1>Uutiset</h1>" + teaser) is None
    header = (
        "<time class='last-updated' datetime='2020-04-11T08:27:52Z'>Aktualisiert: 11.04.2020"
        "</time><time datetime='2020-04-03T10:35:41Z'>Publiziert: 03.04.2020</time>"
    )
    assert day_of(body=header) == date(2020, 4, 3)


def test_a_layout_wrapper_holding_the_headline_is_not_a_sidebar():
    body = (
        "<div class='layout-container has-sidebar'><h1>Pelzfrei</h1>"
        "<time datetime='2022-02-01T11:10:00Z'>01. Februar 2022</time></div>"
    )
    assert day_of(body=body) == date(2022, 2, 1)


def test_day_in_the_url_path():
    assert url_date("https://blog.example/2019/01/01/ins-neue-jahr/").day == date(2019, 1, 1)
    assert url_date("https://x.example/news/2023-04-28-robots.html").day == date(2023, 4, 28)
    assert url_date("https://x.example/2021/22/wochenbericht.html") is None
    assert url_date("https://x.example/a?from=2020/01/02/") is None


def test_dateline_beside_the_headline():
    body = (
        "<h1>Schulze an der Seite des WFP</h1>"
        "<p>Pressemitteilung vom 25. Januar 2022 | Berlin</p>" + PROSE
    )
    found = page_date(tree_of(body=body), "")
    assert found is not None and found.day == date(2022, 1, 25) and found.source == "headline"
    above = "<p>08. Februar 2022</p><h1>Medienmitteilung</h1>" + PROSE
    assert day_of(body=above) == date(2022, 2, 8)


def test_element_classed_as_a_date():
    body = "<div><span class='date'>27.01.2022</span></div>" + PROSE
    assert day_of(body=body) == date(2022, 1, 27)


def test_body_text_is_never_read_for_a_date():
    assert day_of(body="<h1>A cooperative</h1>" + PROSE + PROSE) is None
    html = f"<html><body><article><h1>A cooperative</h1>{PROSE * 3}</article></body></html>"
    out = extract_article(html, "https://x.example/a", "https://x.example/a", EntryInfo(), FETCHED)
    assert out.published_at is None
    feed = datetime(2024, 5, 2, 7, 30, tzinfo=UTC)
    out = extract_article(
        html, "https://x.example/a", "https://x.example/a", EntryInfo(published=feed), FETCHED
    )
    assert out.published_at == feed


def test_offset_is_kept_so_the_day_is_the_one_the_page_shows():
    found = page_date(
        tree_of("<meta property='article:published_time' content='2019-12-10T00:30:00+01:00'>"), ""
    )
    assert found is not None and found.day == date(2019, 12, 10)
    assert found.when.utcoffset() == timedelta(hours=1)
    assert found.when == datetime(2019, 12, 10, 0, 30, tzinfo=timezone(timedelta(hours=1)))


def test_a_time_of_day_on_the_same_day_is_preferred():
    head = (
        "<meta property='og:article:published_time' content='2022-01-15'>"
        "<meta property='article:published_time' content='2022-01-15T09:20:00+01:00'>"
    )
    found = page_date(tree_of(head), "")
    assert found is not None and found.has_time and found.when.hour == 9


def test_untyped_json_ld_script():
    script = '<script>{"@context": "https://schema.org", "datePublished": "2022-01-28"}</script>'
    assert day_of(script) == date(2022, 1, 28)


def test_sidebar_inside_a_layout_class_name_is_not_a_sidebar():
    body = (
        "<div class='layoutTwoColumnsRightSidebar'><li class='artikeldatum'>"
        "<time datetime='2021-11-25 16:11'>25. November 2021</time></li></div>"
    )
    assert day_of(body=body) == date(2021, 11, 25)
    sidebar = "<div class='sidebar-box'><time datetime='2021-11-25'>x</time></div>"
    assert day_of(body=sidebar) is None


def test_date_written_in_the_headline_element():
    body = "<h1>Zuschauerrückkehr<br><small>02.02.2022</small></h1>" + PROSE
    assert day_of(body=body) == date(2022, 2, 2)


def test_publication_key_in_inline_page_state():
    body = (
        '<script>window.state = {"product": {"published_at": "2019-03-02T06:22:28+01:00",'
        ' "created_at": "2019-03-01T06:27:24+01:00"}};</script>' + PROSE
    )
    found = page_date(tree_of(body=body), "")
    assert found is not None and found.day == date(2019, 3, 2) and found.source == "script"


def test_published_meta_tag_before_json_ld_written_as_local_time_labelled_utc():
    head = "<meta property='article:published_time' content='2022-05-03T21:44:52+00:00'>" + ld(
        '{"@type": "NewsArticle", "datePublished": "2022-05-04T00:44:52.000Z"}'
    )
    assert day_of(head) == date(2022, 5, 3)


def test_todays_date_in_the_site_navigation_is_not_the_articles():
    nav = (
        "<header><div class='navtop'><span class='mod_datetime'><time "
        "datetime='2023-11-01T13:56:20+01:00'>Mittwoch, 01. November 2023</time></span></div>"
        "</header>"
    )
    assert day_of(body=nav + "<div><h2>Im Schlepptau</h2>" + PROSE + "</div>") is None


def test_the_headline_inside_the_article_not_the_site_logo():
    logo = "<header><h1>Deutschlandfunk</h1><span>Mittwoch,</span><span>26.02.2020</span></header>"
    story = "<article><h1>Die Zukunft der Arbeit</h1><p>Im Gespräch</p>" + PROSE + "</article>"
    head = "<meta name='date' content='2017-05-01T17:05:00+0200'>"
    assert day_of(head, logo + story) == date(2017, 5, 1)


def test_day_introduced_by_a_publication_label():
    podcast = "<div>" + PROSE + "<p>Veröffentlicht am 16.08.2019<br>Dauer: 1 Stunde</p></div>"
    assert day_of(body=podcast) == date(2019, 8, 16)
    credits = "<ul><li><p>Mise en ligne</p><p>23 mai 2019</p></li></ul>" + PROSE
    assert day_of(body=credits) == date(2019, 5, 23)
    menu = "<ul><li>Publications</li><li>12.03.2021</li></ul>" + PROSE
    assert day_of(body=menu) is None


def test_hatom_stamps():
    body = "<span class='entry-date published' title='2013-04-04T18:52:11+00:00'>4.4.</span>"
    found = page_date(tree_of(body=body + PROSE), "")
    assert found is not None and found.day == date(2013, 4, 4) and found.source == "hatom published"
    updated = "<span class='updated' title='2013-04-05T08:00:00+00:00'></span>"
    found = page_date(tree_of(body=updated + PROSE), "")
    assert found is not None and found.source.startswith("modified")


def test_update_label_only_as_a_last_resort():
    body = PROSE + "<p class='info'>Aktualisiert: 30.12.2016</p>"
    found = page_date(tree_of(body=body), "")
    assert found is not None and found.day == date(2016, 12, 30)
    assert found.source == "modified label"
    dated = "<h1>Kinder und Arbeit</h1><p>01.02.2016 | Bericht</p>" + body
    assert day_of(body=dated) == date(2016, 2, 1)


def test_a_sentence_after_the_headline_is_not_a_dateline():
    body = (
        "<h1>Stammtisch</h1><p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr"
        " im</p>" + PROSE
    )
    assert day_of(body=body) is None


def test_east_asian_days_and_labels():
    body = "<div><span>기사입력 :[ 2018-08-25 15:25 ]</span></div>" + PROSE
    assert day_of(body=body) == date(2018, 8, 25)
    body = "<div><p>公開日</p><p>2023年4月28日</p></div>" + PROSE
    assert day_of(body=body) == date(2023, 4, 28)


def test_ambiguous_numeric_day_read_day_first_only_where_the_language_does():
    body = "<small class='text-muted'><b>05/10/2018</b> - Publicado por: Clarissa</small>"
    pt = lxml.html.fromstring(f"<html lang='pt-BR'><body>{body}{PROSE}</body></html>")
    found = page_date(pt, "")
    assert found is not None and found.day == date(2018, 10, 5)
    en = lxml.html.fromstring(f"<html lang='en-US'><body>{body}{PROSE}</body></html>")
    assert page_date(en, "") is None


def test_a_day_right_after_an_update_label_is_a_revision():
    body = (
        "<div id='page-info'>page revision: 8, last edited: <span class='odate'>17 Jun 2018"
        " 15:15</span></div>" + PROSE
    )
    found = page_date(tree_of(body=body), "")
    assert found is None or found.source.startswith("modified")
    topic = "<div><a>Corona-Update</a><small class='date'>31.01.2022</small></div>" + PROSE
    assert day_of(body=topic) == date(2022, 1, 31)


def test_article_node_before_the_web_page_node():
    data = ld(
        '{"@graph": [{"@type": "WebPage", "datePublished": "2015-03-01"},'
        ' {"@type": ["NewsArticle"], "datePublished": "2023-04-28T10:00:00+02:00"}]}'
    )
    assert day_of(data) == date(2023, 4, 28)


def test_compact_day_in_the_url():
    assert url_date("https://x.example/politik/20230428/robots.html").day == date(2023, 4, 28)
    assert url_date("https://x.example/news-20230428-robots.html").day == date(2023, 4, 28)
    assert url_date("https://x.example/a/20231399/b.html") is None


def test_metadata_written_day_first_in_a_day_first_language():
    head = "<meta property='article:published_time' content='10/05/2022 05:22 pm'>"
    es = lxml.html.fromstring(f"<html lang='es'><head>{head}</head><body>{PROSE}</body></html>")
    found = page_date(es, "")
    assert found is not None and found.day == date(2022, 5, 10)


def test_byline_further_down_the_header_before_the_body():
    # A recipe site's header: ratings and counters between the headline and the byline.
    counters = "".join(f"<div class='count'>{n}</div>" for n in (3, 41, 0, 12, 5, 7))
    header = (
        "<div class='tip-head'><h1>Zwiebeln ohne Tränen schneiden</h1>"
        "<h2>...der Trick mit dem Messer</h2><div class='rating'>3 Bewertungen</div>"
        f"{counters}<span class='profile'>von <a href='/u/koch7'>koch7</a><br>"
        "am 14.03.2021</span></div>"
    )
    assert day_of(body=header + PROSE, url="https://kochen.example/tipp/9") == date(2021, 3, 14)


def test_the_header_zone_ends_at_the_body_and_skips_menus():
    # A logo's <h1>, then a menu whose entries name past events: not the article's date.
    menu = "".join(f"<li><a href='/p{n}'>Aktion {n}</a></li>" for n in range(9))
    menu += "<li><a href='/p12m'>12M – 12. Mai 2012</a></li>"
    page = f"<div><h1>Bürgerinitiative</h1><ul class='menu'>{menu}</ul></div>"
    assert day_of(body=page) is None
    # The body's first sentence closes the header: a date in a later short line is prose's.
    story = (
        "<h1>Der Hafen wächst</h1>"
        + "".join(f"<span>{w}</span>" for w in ("Hafen", "Wirtschaft", "Meinung"))
        + "<p>" + "Der Hafen hat im letzten Jahr mehr Container umgeschlagen als je. " * 3
        + "</p>" + "".join(f"<p>Teil {n}</p>" for n in range(5))
        + "<p>Nächste Sitzung: 5. Mai 2020</p>"
    )
    assert day_of(body=story) is None


def test_date_in_the_box_header_a_few_texts_before_the_headline():
    box = (
        "<div class='box'><div class='inner'><div class='box-head'><span>3. März 2011</span>"
        "<ul><li><a href='/print'>Drucken</a></li><li><a href='/mail'>Senden</a></li></ul>"
        "<span>© 2011 Agentur</span><span class='category'>Politik</span></div>"
        "<h1>Gericht weist Antrag ab</h1></div></div>"
    )
    assert day_of(body=box + PROSE) == date(2011, 3, 3)


def test_dotted_day_with_a_two_digit_year_beside_the_headline():
    head = "<div class='story-head'><h1>Altbau mit Garten</h1><div class='uploaded'>07.06.21</div>"
    assert day_of(body=head + "</div>" + PROSE) == date(2021, 6, 7)
    # Not a date: a version number, a month past 12.
    assert day_of(body="<h1>Release</h1><div>Version 1.10.22</div>" + PROSE) is None


def test_a_title_that_states_its_day():
    # Event pages and broadcasters put the day in the title: a leading or trailing part.
    head = "<title>14.05.2022 | Werkstattgespräch zur Stadtplanung</title>"
    assert day_of(head, "<h1>Werkstattgespräch zur Stadtplanung</h1>" + PROSE) == date(2022, 5, 14)
    og = "<meta property='og:title' content='Neue Brücke eröffnet – Radio Nord – 03.02.2021'>"
    assert day_of(og) == date(2021, 2, 3)
    # A day inside the title's words is the news', not the page's.
    assert day_of("<title>Streik am 3. März 2021 | Zeitung</title>") is None


def test_a_wikis_last_edit_line_when_nothing_else_is_there():
    footer = (
        "<div id='footer'><ul><li id='footer-info-lastmod'>Diese Seite wurde zuletzt am "
        "12. März 2021 um 10:04 Uhr bearbeitet.</li></ul></div>"
    )
    found = page_date(tree_of(body="<h1>Ortsgruppe</h1>" + PROSE + footer), "https://wiki.example/O")
    assert found is not None and found.day == date(2021, 3, 12)
    assert found.source.startswith("modified") and not found.firm
    moin = "<p id='pageinfo'>Start/Install  (last edited 2020-02-03 09:00:10 by someone)</p>"
    assert day_of(body=PROSE + moin) == date(2020, 2, 3)


def test_dateline_opening_or_signing_the_extracted_text():
    tree = tree_of()
    opening = "Arbeitsmarkt im März\n02.04.2022 „Die Zahl der Arbeitslosen sank“, sagte sie.\n"
    found = text_date(opening + "Mehr Text.", tree)
    assert found is not None and found.day == date(2022, 4, 2) and not found.firm
    placed = text_date("KIEL, 5. Mai 2021 – Die Werft baut ein neues Dock.\nMehr.", tree)
    assert placed is not None and placed.day == date(2021, 5, 5)
    signed = text_date("Liebe Leserinnen,\ndanke für alles.\nAnna\n7. Juli 2019", tree)
    assert signed is not None and signed.day == date(2019, 7, 7)
    stand = text_date("Stand: 04.01.2023 12:30 Uhr\nDer Text.", tree)
    assert stand is not None and stand.source.startswith("modified")
    # A day inside the first sentence, or in the middle of the text, is prose.
    assert text_date("Am 8. Mai 2021 findet das Fest statt.\nMehr.", tree) is None
    assert text_date("Eins.\nZwei.\nDrei.\n9. Mai 2021\nVier.", tree) is None


def test_extracted_text_dateline_is_stored_when_the_page_has_no_date_structure():
    body = "<main><h1>Arbeitsmarkt im März</h1><p>02.04.2022 „Die Zahl der Arbeitslosen sank im "
    body += "März deutlich“, sagte die Vorsitzende in Nürnberg vor der Presse.</p>" + PROSE
    body += "</main>"
    html = f"<html lang='de'><head></head><body>{body}</body></html>"
    out = extract_article(html, "https://amt.example/news", "https://amt.example/news",
                          EntryInfo(), FETCHED)
    assert out.published_on == date(2022, 4, 2)


def _stored_day(html: str, url: str = "https://zeitung.example/a/1") -> date | None:
    return extract_article(html, url, url, EntryInfo(), FETCHED).published_on


def test_a_utc_time_takes_the_day_the_headline_dateline_shows():
    head = ld('{"@type": "NewsArticle", "datePublished": "2021-03-05T23:30:00Z"}')
    body = "<article><h1>Council approves the harbour plan</h1><p>6 March 2021, 00:30</p>"
    html = f"<html lang='en'><head>{head}</head><body>{body}{PROSE}</article></body></html>"
    assert _stored_day(html) == date(2021, 3, 6)
    # A dateline two days off is another day's, not the same instant in another zone.
    far = html.replace("6 March 2021, 00:30", "8 March 2021, 00:30")
    assert _stored_day(far) == date(2021, 3, 5)


def test_a_utc_time_is_read_in_the_zone_of_the_pages_language():
    # Late evening in UTC is the next day in Berlin; English is spoken in many zones.
    head = "<meta property='article:published_time' content='2022-11-06T23:00:00.000Z'>"
    page = "<html lang='{}'><head>" + head + "</head><body><h1>Reisetipps</h1>" + PROSE
    page += "</body></html>"
    assert _stored_day(page.format("de")) == date(2022, 11, 7)
    assert _stored_day(page.format("ja")) == date(2022, 11, 7)
    assert _stored_day(page.format("en")) == date(2022, 11, 6)
    assert _stored_day(page.format("fr-CA")) == date(2022, 11, 6)
    # A time written without a zone is the publisher's own: its day is as written.
    naive = page.replace("23:00:00.000Z", "23:00:00")
    assert _stored_day(naive.format("de")) == date(2022, 11, 6)


def test_a_revision_named_after_the_day_leaves_the_first_day_the_publications():
    stamp = "<time>May 5, 2020 10:00 (updated: May 6, 2020)</time>"
    assert day_of(body=f"<article><h1>Harbour plan approved</h1>{stamp}{PROSE}</article>") == (
        date(2020, 5, 5))
    first = "<time>Updated May 6, 2020</time>"
    found = page_date(tree_of(body=f"<article><h1>Harbour plan approved</h1>{first}</article>"),
                      "https://news.example/a")
    assert found is not None and found.source.startswith("modified")


def test_an_archives_capture_stamp_is_not_the_pages_day():
    assert url_date("https://web.archive.org/web/20120216/http://www.zeitung.example/a") is None
    archived = "https://web.archive.org/web/20120216182711/https://blog.example/2011/03/02/post/"
    assert url_date(archived).day == date(2011, 3, 2)
