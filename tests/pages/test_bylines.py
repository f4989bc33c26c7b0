"""A page that states no publication date in its structure still shows one in its byline next
to the headline, or at the very start of the article body: that is read; a day deeper in the
body (a founding year, an event, a short line between paragraphs) never is."""

from __future__ import annotations

from datetime import UTC, date, datetime

import lxml.html
import pytest

from pages.article import EntryInfo, extract_article
from pages.dateline import written_day
from pages.months import month_of
from pages.pubdate import page_date, text_date

FETCHED = datetime(2030, 1, 1, tzinfo=UTC)
#: Three different paragraphs (an extractor drops repeated ones).
PARAGRAPHS = [
    "<p>" + text * 3 + "</p>"
    for text in (
        "The council met on Tuesday evening to discuss next year's budget for the old harbour. ",
        "Residents asked why the ferry timetable had been cut again without any consultation. ",
        "The mayor promised a public hearing before any further change to the ferry service. ",
    )
]


def stored_day(lang: str, body: str, url: str = "https://news.example/story/ferry") -> date | None:
    head = "<head><title>Ferry | Gazette</title></head>"
    html = f"<html lang='{lang}'>{head}<body>{body}</body></html>"
    return extract_article(html, url, url, EntryInfo(), FETCHED).published_on


def with_byline(lang: str, byline: str) -> str:
    return (f"<article><h1>Council cuts the ferry timetable</h1><div class='info'>{byline}</div>"
            + "".join(PARAGRAPHS) + "</article>")


@pytest.mark.parametrize(("lang", "byline", "day"), [
    ("en", "By Jane Doe | March 3, 2021 | 4 min read", date(2021, 3, 3)),
    ("en", "Jane Doe, City reporter · Wed 3 Mar 2021 14.05 GMT", date(2021, 3, 3)),
    ("fr", "Par Jean Dupont - Publié le 12/05/2020 à 14h05, mis à jour le 13/05/2020",
     date(2020, 5, 12)),
    ("pt", "12 de maio de 2020 | Atualizado há 2 horas | Por Ana Souza", date(2020, 5, 12)),
    ("id", "Rabu, 12 Agustus 2020 | 14:05 WIB | Penulis: Budi Santoso", date(2020, 8, 12)),
    ("tr", "Yayınlanma: 12 Kasım 2020 14:05 - Güncelleme: 13 Kasım 2020", date(2020, 11, 12)),
])
def test_a_long_byline_is_read_by_its_day_part(lang, byline, day):
    assert stored_day(lang, with_byline(lang, byline)) == day


def test_a_revision_named_before_the_publication_in_a_byline():
    byline = "Redacción | Actualizado: 13/05/2020 10:00 | Publicado: 12/05/2020 14:05"
    assert stored_day("es", with_byline("es", byline)) == date(2020, 5, 12)
    # A byline naming its revision only is not the publication's (nothing else is there).
    html = ("<html lang='ru'><body>" + with_byline("ru", "Обновлено 13 мая 2020")
            + "</body></html>")
    found = page_date(lxml.html.fromstring(html), "https://news.example/a")
    assert found is None or found.source.startswith("modified")


def test_a_sentence_after_the_headline_is_no_byline_however_it_is_cut():
    sentence = ("Der nächste Stammtisch der Fährfreunde findet am Mi. 5. Februar 2020 ab 19 Uhr "
                "im Hafenkrug statt – alle sind willkommen")
    assert stored_day("de", with_byline("de", sentence)) is None


def test_the_byline_of_a_headline_set_outside_an_h1():
    # A logo's <h1>, a ticker, then the headline in a <p class="titulo">: the logo's header
    # zone ends at the ticker's sentence, the headline's byline is read beside the headline.
    menu = "".join(f"<li><a href='/s{n}'>Sección {n}</a></li>" for n in range(12))
    ticker = ("<div class='ticker'><span>Última hora: el puerto cierra dos muelles por obras "
              "durante todo el invierno y desvía el tráfico de mercancías al norte</span></div>")
    body = (
        f"<div class='logo'><h1>Diario del Puerto</h1></div><ul>{menu}</ul>{ticker}"
        "<p class='titulo'>El ayuntamiento recorta el horario del ferry</p>"
        "<small><b>05/10/2018</b> - Publicado por: Ana Ruiz - Categoría: Puerto</small>"
        + "".join(PARAGRAPHS)
    )
    html = ("<html lang='es'><head><title>El ayuntamiento recorta el horario del ferry | Diario"
            f"</title></head><body>{body}</body></html>")
    found = page_date(lxml.html.fromstring(html), "https://diario.example/noticia?id=3")
    assert found is not None and found.day == date(2018, 10, 5) and found.source == "headline"


def test_a_column_name_in_the_title_is_not_the_headline_element():
    # "Kolumne: Queer Royal"-like titles: the column's name heads other columns in a list, with
    # their days; the page's own headline is the title's longer part.
    teasers = "".join(
        f"<div class='item'><h3>Felieton: Z portu</h3><p>{title}</p><span>{day}</span></div>"
        for title, day in (("O promach i ludziach", "20 września 2023"),
                           ("Latarnie nocą", "12 września 2023"))
    )
    html = ("<html lang='pl'><head><title>Felieton: Z portu – Dlaczego prom nie pływa w niedzielę"
            f"</title></head><body>{teasers}" + "".join(PARAGRAPHS) + "</body></html>")
    assert page_date(lxml.html.fromstring(html), "https://gazeta.example/felieton") is None


@pytest.mark.parametrize(("lang", "line", "day"), [
    ("fr", "Le 12/05/2020 à 14h", date(2020, 5, 12)),
    ("es", "Publicado el 3 de marzo de 2021", date(2021, 3, 3)),
    ("sv", "Publicerad 12 maj 2020 kl. 14.05", date(2020, 5, 12)),
    ("nb", "Publisert 12. desember 2020", date(2020, 12, 12)),
    ("he", "פורסם: 12 במאי 2020", date(2020, 5, 12)),
    ("hu", "Közzétéve: 2020. 05. 12.", date(2020, 5, 12)),
])
def test_a_dateline_opening_the_body_is_read(lang, line, day):
    body = ("<article><h1>Council cuts the ferry timetable</h1>"
            f"<p>{line}</p>" + "".join(PARAGRAPHS) + "</article>")
    assert stored_day(lang, body) == day


@pytest.mark.parametrize(("lang", "line"), [
    ("fr", "Le 12/05/2020 à 14h"),
    ("ru", "12 мая 2020, 14:05"),
    ("es", "Publicado el 3 de marzo de 2021"),
    ("it", "Pubblicato il 12 maggio 2020"),
])
def test_a_day_between_the_bodys_paragraphs_is_the_storys(lang, line):
    body = ("<article><h1>Council cuts the ferry timetable</h1>" + PARAGRAPHS[0] + PARAGRAPHS[1]
            + f"<p>{line}</p>" + PARAGRAPHS[2] + "</article>")
    assert stored_day(lang, body) is None


def test_a_founding_year_or_an_event_in_the_story_is_never_the_date():
    story = (PARAGRAPHS[0]
             + "<p>Das Fährunternehmen wurde am 3. März 2001 von drei Kapitänen gegründet.</p>"
             + "<p>Am 8. Mai 2021 findet das Hafenfest statt.</p>" + PARAGRAPHS[1])
    assert stored_day("de", f"<article><h1>Fähre fährt seltener</h1>{story}</article>") is None


def test_a_publication_label_at_the_articles_foot_is_read():
    # After the last paragraph (not between two), with nothing below but the page's tools.
    body = ("<article><h1>Council cuts the ferry timetable</h1>" + "".join(PARAGRAPHS)
            + "<p>Gepubliceerd op 12 mei 2020</p><p>Delen</p></article>")
    assert stored_day("nl", body) == date(2020, 5, 12)


def test_text_dateline_after_a_standfirst_but_not_after_the_first_paragraph():
    tree = lxml.html.fromstring("<html lang='it'><body></body></html>")
    lead = ("Il consiglio comunale ha tagliato ancora gli orari del traghetto senza consultare "
            "nessuno in porto.")
    first = ("Il sindaco ha promesso un'udienza pubblica prima di ogni altra modifica al servizio "
             "del traghetto.")
    found = text_date(f"{lead}\n12 maggio 2020 ore 14:05\n{first}", tree)
    assert found is not None and found.day == date(2020, 5, 12)
    assert text_date(f"{lead}\n{first}\n12 maggio 2020 ore 14:05\nAltro.", tree) is None


def test_day_first_from_the_locale_or_the_hosts_country_when_the_page_names_no_language():
    byline = "<div class='info'>05/10/2018 - Publicado por: Ana Souza</div>"
    body = "<article><h1>Prefeitura muda horário da balsa</h1>" + byline + PARAGRAPHS[0]
    body += "</article>"
    plain = f"<html><head></head><body>{body}</body></html>"

    def day(html: str, url: str) -> date | None:
        found = page_date(lxml.html.fromstring(html), url)
        return found.day if found is not None else None

    assert day(plain, "https://jornal.example.com.br/noticia/1") == date(2018, 10, 5)
    locale = plain.replace("<head>", "<head><meta property='og:locale' content='pt_BR'>")
    assert day(locale, "https://jornal.example/noticia/1") == date(2018, 10, 5)
    # No language and a generic or month-first host: 05/10/2018 stays ambiguous.
    assert day(plain, "https://paper.example.com/story/1") is None
    assert day(plain, "https://paper.example.us/story/1") is None


def test_the_first_day_of_a_line_is_its_publication():
    assert written_day("Publié le 12/05/2020 à 14h05, mis à jour le 13/05/2020", True) == (
        2020, 5, 12)
    assert written_day("2020. 5. 12. 오후 2:05") == (2020, 5, 12)
    assert written_day("Version 2.10.3.") is None


def test_month_names_of_more_languages():
    assert month_of("desember") == 12 and month_of("Agustus") == 8 and month_of("Maret") == 3
    assert month_of("Kasım") == 11 and month_of("Aralık") == 12  # Turkish dotless i
    assert month_of("במאי") == 5 and month_of("detsember") == 12


def test_a_photo_caption_between_the_headline_and_the_byline_is_not_the_body():
    figure = ("<figure><img src='/p.jpg'><figcaption>Trajekt u přístavu v Rovinji v sobotu ráno, "
              "kdy ještě jezdil podle starého jízdního řádu a byl plný turistů</figcaption>"
              "</figure>")
    lead = ("<p class='perex'>Zastupitelstvo ve středu večer znovu zkrátilo jízdní řád trajektu, "
            "aniž by se kohokoli z obyvatel přístavu zeptalo na názor.</p>")
    body = ("<article><h1>Trajekt bude jezdit méně často</h1>" + figure + lead
            + "<div class='info'>Jana Nováková | 12. května 2020 | 3 min čtení</div>"
            + "".join(PARAGRAPHS) + "</article>")
    assert stored_day("cs", body) == date(2020, 5, 12)
