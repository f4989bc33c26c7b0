"""The names a site goes by, found without og:site_name: its host written with umlauts or
accents, its registrable label, a name that starts with it, its logo's text."""

from __future__ import annotations

import trafilatura

from pages.headline import choose_headline


def headline(head: str, url: str, body: str = "") -> str | None:
    story = "<p>" + "Words of the story. " * 30 + "</p>"
    return choose_headline(trafilatura.utils.load_html(f"<html><head>{head}</head><body>"
                                                       f"{body}{story}</body></html>"), url)


def test_a_host_that_spells_out_umlauts_or_drops_accents_names_the_site():
    assert headline("<title>Anleihen legen zu | Börsen-Zeitung</title>",
                    "https://www.boersen-zeitung.de/x") == "Anleihen legen zu"
    assert headline("<title>Vláda schválila rozpočet - Seznam Zprávy</title>",
                    "https://www.seznamzpravy.cz/clanek/x") == "Vláda schválila rozpočet"
    assert headline("<title>Regjeringen legger fram budsjett – Børsen</title>",
                    "https://borsen.dk/x") == "Regjeringen legger fram budsjett"


def test_a_short_part_that_starts_with_the_hosts_name_is_the_site():
    assert headline("<title>Ottawa raises the rate | CBC Radio</title>",
                    "https://www.cbc.ca/radio/x") == "Ottawa raises the rate"
    assert headline("<title>Ottawa raises the rate - BBC Sport</title>",
                    "https://sport.bbc.co.uk/x") == "Ottawa raises the rate"
    # A longer part is the headline's own, even when it starts with the name.
    title = "CBC staff strike over the new contract - Canada"
    assert headline(f"<title>{title}</title>", "https://www.cbc.ca/news/x") == title


def test_the_text_of_the_logo_that_links_to_the_front_page_names_the_site():
    logo = "<a href='https://www.example-news.net/'><img src='l.svg' alt='Der Tagesbote'></a>"
    assert headline("<title>Stadtrat beschließt Haushalt » Der Tagesbote</title>",
                    "https://www.example-news.net/a/1", logo) == "Stadtrat beschließt Haushalt"
