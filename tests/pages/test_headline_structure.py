"""Headlines read from the page's headings as a reader sees them: the site's logo, kickers,
inline markup, navigation boxes, subheadings and section links (one class per test)."""

from __future__ import annotations

import json

import trafilatura

from pages.headline import choose_headline

URL = "https://news.example/2024/05/story.html"


def headline(head: str, body: str, url: str = URL, **given: str) -> str | None:
    story = "<p>" + "Words of the story. " * 30 + "</p>"
    html = f"<html><head>{head}</head><body>{body}{story}</body></html>"
    return choose_headline(trafilatura.utils.load_html(html), url, **given)


def ld(**fields: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_the_extractors_title_is_no_witness_for_an_h1():
    body = ("<h1 class='navSkip'>Navigation und Service</h1>"
            "<h1>Rede des Präsidenten vor dem Konvent der Landesparlamente</h1>")
    head = ("<title>example: Reden / Rede des Präsidenten vor dem Konvent der "
            "Landesparlamente</title>")
    # An extractor that took the first h1 as the title must not confirm that h1.
    assert headline(head, body, fallback="Navigation und Service") == (
        "Rede des Präsidenten vor dem Konvent der Landesparlamente")


def test_an_h1_that_links_to_the_front_page_is_the_sites_name():
    body = ("<div id='header'><h1><a href='http://news.example'>Liebe geht durch den Magen</a>"
            "</h1></div><h2>Seiten</h2>")
    head = "<title>Rinderleber mit Apfel und Zwiebel | Liebe geht durch den Magen</title>"
    assert headline(head, body) == "Rinderleber mit Apfel und Zwiebel"


def test_a_logo_heading_names_the_site_even_when_the_name_holds_a_separator():
    body = "<div class='site-logo'><h1><span>Salsa-Figuren - Rueda in Berlin</span></h1></div>"
    head = "<title>Enchufla Figuren - Salsa-Figuren - Rueda in Berlin</title>"
    assert headline(head, body) == "Enchufla Figuren"


def test_inline_markup_in_an_h1_is_read_as_written():
    body = "<h1>Frauen im <abbr title='Hilfswerk'>THW</abbr>: Gegenwart und Zukunft</h1>"
    head = "<meta property='og:title' content='Frauen im THW: Gegenwart und Zukunft'>"
    assert headline(head, body) == "Frauen im THW: Gegenwart und Zukunft"


def test_a_kicker_marked_by_its_class_is_not_the_headline():
    body = ("<h1><span class='ts-overline'>Fieberkontrollen </span><span class='ts-colon'>: "
            "</span><span>Wie Firmen ihre Leute schützen</span></h1>")
    head = "<meta property='og:title' content='Fieberkontrollen: Wie Firmen ihre Leute schützen'>"
    assert headline(head, body) == "Wie Firmen ihre Leute schützen"
    # A one-word kicker too, when its element says so.
    body = "<h1><span class='kicker'>Corona</span> Wie Firmen ihre Leute schützen</h1>"
    head = "<meta property='og:title' content='Corona: Wie Firmen ihre Leute schützen'>"
    assert headline(head, body) == "Wie Firmen ihre Leute schützen"


def test_headings_in_newsletter_boxes_do_not_make_the_article_h1_ambiguous():
    box = "<div class='newsletter_teaser_block'><h1>Liebe in deinem Postfach!</h1></div>"
    body = (f"<div class='mousemove_menueenter'><h1>Mein cosy Home Gift Guide bei Westwing</h1>"
            f"</div>{box}{box}")
    head = "<title>Christmas Gift Guide | Journelles | Jetzt entdecken!</title>"
    assert headline(head, body, "https://www.journelles.de/x/") == (
        "Mein cosy Home Gift Guide bei Westwing")


def test_an_h2_confirming_the_json_ld_headline_beats_a_breadcrumb_h1_confirming_the_title():
    body = ("<div class='breadcrumbs'><span class='current-item'><h1>Anna und Tom trennen sich: "
            "\"Schluss\"</h1></span></div><div class='post--title'><h2>„Schluss“: Anna und Tom "
            "trennen sich</h2></div>")
    head = (ld(headline="„Schluss“: Anna und Tom trennen sich")
            + "<title>Anna und Tom trennen sich: \"Schluss\"</title>")
    assert headline(head, body) == "„Schluss“: Anna und Tom trennen sich"


def test_an_h2_picks_the_headline_among_the_parts_of_a_title():
    body = "<h1>OutdoorNews | Eintrag</h1><h2>Hochauflösende Schneekarten im Netz</h2>"
    head = ("<meta property='og:title' content='news.example - Outdoornews - "
            "Hochauflösende Schneekarten im Netz'>")
    assert headline(head, body) == "Hochauflösende Schneekarten im Netz"


def test_an_h2_equal_to_the_title_gives_its_typography():
    body = ("<h1><a href='/'>whisky.example</a></h1>"
            "<h2>Termine Whisky Tastings Januar – Mai 2020 in Halle</h2>")
    head = "<meta property='og:title' content='Termine Whisky Tastings Januar - Mai 2020 in Halle'>"
    assert headline(head, body) == "Termine Whisky Tastings Januar – Mai 2020 in Halle"


def test_an_h1_that_runs_on_after_a_shortened_og_title_is_the_headline():
    body = "<h1>Saftiger Zitronenkuchen vom Blech: einfach köstlich!</h1>"
    head = ("<meta property='og:site_name' content='Backen macht glücklich'><meta "
            "property='og:title' content='Saftiger Zitronenkuchen vom Blech | "
            "Backen macht glücklich'>")
    assert headline(head, body) == "Saftiger Zitronenkuchen vom Blech: einfach köstlich!"
    # A kicker written before the og:title in the same h1 is still cut.
    body = "<h1>Covid-19: Wie sich die Ausbreitung kontrollieren lässt</h1>"
    head = "<meta property='og:title' content='Wie sich die Ausbreitung kontrollieren lässt'>"
    assert headline(head, body) == "Wie sich die Ausbreitung kontrollieren lässt"


def test_a_title_part_that_is_a_section_link_is_dropped_unless_a_heading_has_it():
    nav = "<ul><li><a href='/topic/3'>Eintracht Presse</a></li><li><a href='/'>Start</a></li></ul>"
    head = "<title>Eintracht Frankfurt stellt Weichen für die Zukunft - Eintracht Presse</title>"
    assert headline(head, nav) == "Eintracht Frankfurt stellt Weichen für die Zukunft"
    # The same words as a tag link, and an h1 that writes them as part of the headline.
    tags = "<a href='/tag/strick'>Fair Fashion Strick</a>"
    head = "<title>Fair Fashion Strick – Unsere liebsten Labels</title>"
    assert headline(head, tags + "<h1>Fair Fashion Strick – Unsere liebsten Labels</h1>") == (
        "Fair Fashion Strick – Unsere liebsten Labels")


def test_a_class_modifier_does_not_make_the_article_header_a_navigation():
    body = ("<header class='content-header content-header--has-navigation'>"
            "<h1>Why My Friend Became a Grocery Store</h1></header>")
    head = "<title>Chasing Analytics, People Become Grocery Stores | WIRED</title>"
    url = "https://www.wired.com/story/x/"
    assert headline(head, body, url) == "Why My Friend Became a Grocery Store"
    # The same h1 in a navigation block is no headline on its own.
    body = "<div class='main-navigation'><h1>Why My Friend Became a Grocery Store</h1></div>"
    assert headline(head, body, url) == "Chasing Analytics, People Become Grocery Stores"


def test_only_whole_class_words_make_a_heading_the_sites_logo():
    head = "<title>Ein Gesponserter Bericht über Solaranlagen | news.example</title>"
    body = "<div class='branded-content'><h1>Ein Bericht über Solaranlagen auf dem Dach</h1></div>"
    assert headline(head, body) == "Ein Bericht über Solaranlagen auf dem Dach"
    body = "<div class='header-m--logo'><h1>Ein Bericht über Solaranlagen auf dem Dach</h1></div>"
    assert headline(head, body) == "Ein Gesponserter Bericht über Solaranlagen"


def test_declared_sections_and_the_breadcrumb_trail_are_dropped_from_the_title():
    head = ("<meta property='article:section' content='Wirtschaft'>"
            "<title>Die Inflation sinkt auf zwei Prozent | Wirtschaft | news.example</title>")
    assert headline(head, "") == "Die Inflation sinkt auf zwei Prozent"
    trail = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Startseite"},
        {"@type": "ListItem", "position": 2, "item": {"@id": "/inland", "name": "Inland"}},
        {"@type": "ListItem", "position": 3, "name": "Die Inflation sinkt"}]}
    head = (f'<script type="application/ld+json">{json.dumps(trail)}</script>'
            "<title>Politik - Inland - Die Inflation sinkt auf zwei Prozent</title>"
            "<meta property='article:section' content='Politik'>")
    assert headline(head, "") == "Die Inflation sinkt auf zwei Prozent"


def test_among_several_h1s_the_one_inside_the_article_is_the_headline():
    body = ("<article><h1 class='article__hed'>The Disappearance of a Writer</h1></article>"
            "<div class='adblock-message'><h1>We Need to Talk About Your Ad Blocker</h1></div>")
    head = "<meta property='og:title' content='The Resurrection of the Greatest Writer'>"
    assert headline(head, body) == "The Disappearance of a Writer"
