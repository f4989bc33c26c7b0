"""Days written with month names of the languages ``feeds.dates`` lacks, as pages show them
beside their headline (``pages.months``)."""

from __future__ import annotations

from datetime import date

import lxml.html
import pytest

from pages.headline import choose_headline
from pages.months import month_of, named_day
from pages.pubdate import page_date

STORY = "<p>" + "Текст статьи о городском совете и его решениях. " * 12 + "</p>"


def page_day(lang: str, dateline: str) -> date | None:
    html = (f"<html lang='{lang}'><head></head><body><article><h1>Заголовок новости дня</h1>"
            f"<div class='info'>{dateline}</div>{STORY}</article></body></html>")
    found = page_date(lxml.html.fromstring(html), "https://news.example/a/1")
    return found.day if found is not None else None


@pytest.mark.parametrize(("lang", "dateline", "day"), [
    ("ru", "28 апреля 2023, 14:05", date(2023, 4, 28)),
    ("uk", "3 травня 2022", date(2022, 5, 3)),
    ("bg", "12 септември 2021", date(2021, 9, 12)),
    ("pl", "5 lipca 2022", date(2022, 7, 5)),
    ("cs", "2. června 2021", date(2021, 6, 2)),
    ("cs", "3. července 2021", date(2021, 7, 3)),
    ("hr", "5. lipnja 2022", date(2022, 6, 5)),
    ("fi", "28. huhtikuuta 2023", date(2023, 4, 28)),
    ("tr", "7 Ağustos 2022", date(2022, 8, 7)),
    ("el", "15 Μαΐου 2023", date(2023, 5, 15)),
    ("ro", "28 aprilie 2023", date(2023, 4, 28)),
    ("sv", "28 augusti 2023", date(2023, 8, 28)),
    ("hu", "2023. április 28.", date(2023, 4, 28)),
    ("ar", "28 أبريل 2023", date(2023, 4, 28)),
])
def test_a_dateline_with_a_month_name_beside_the_headline(lang, dateline, day):
    assert page_day(lang, dateline) == day


def test_a_month_word_two_languages_disagree_on_is_no_month():
    # Croatian "listopad" is October, Czech and Polish "listopad" November.
    assert month_of("listopada") is None
    assert named_day("12. listopada 2022") is None
    assert month_of("kwietnia") == 4 and month_of("Απριλίου") == 4


def test_a_title_date_part_in_cyrillic_is_not_the_headline():
    head = "<title>Совет утвердил бюджет города – 28 апреля 2023</title>"
    tree = lxml.html.fromstring(f"<html><head>{head}</head><body>{STORY}</body></html>")
    assert choose_headline(tree, "https://gorod.example/news/1") == "Совет утвердил бюджет города"


def test_labels_of_publication_and_revision_in_more_languages():
    assert page_day("uk", "Опубліковано: 3 травня 2022") == date(2022, 5, 3)
    # A revision named after the day leaves the first day the publication's.
    assert page_day("ru", "28.04.2023 14:05 (обновлено: 29.04.2023 09:10)") == date(2023, 4, 28)
    assert page_day("ja", "公開日：2023年4月28日 更新日：2023年5月2日") == date(2023, 4, 28)
    assert page_day("ko", "입력 2023.04.28 10:00 수정 2023.04.29 11:00") == date(2023, 4, 28)
    # A revision's own label first: not the publication's day (nothing else is there, so it
    # comes back as a modification date).
    html = ("<html lang='ru'><body><article><h1>Заголовок новости дня</h1>"
            f"<div class='info'>Обновлено 29 апреля 2023</div>{STORY}</article></body></html>")
    found = page_date(lxml.html.fromstring(html), "https://news.example/a/2")
    assert found is None or found.source.startswith("modified")


def test_digits_of_other_scripts():
    assert page_day("ar", "٢٨ أبريل ٢٠٢٣") == date(2023, 4, 28)
    assert page_day("ja", "２０２３年４月２８日 １０:００") == date(2023, 4, 28)
    assert page_day("fa", "۲۸/۰۴/۲۰۲۳") == date(2023, 4, 28)


@pytest.mark.parametrize(("lang", "dateline", "day"), [
    ("nb", "12. desember 2020", date(2020, 12, 12)),
    ("et", "3. detsember 2021", date(2021, 12, 3)),
    ("id", "Rabu, 12 Agustus 2020", date(2020, 8, 12)),
    ("tr", "3 Kasım 2021", date(2021, 11, 3)),
    ("he", "12 במאי 2020", date(2020, 5, 12)),
    ("lv", "2020. gada 12. maijs", date(2020, 5, 12)),
    ("lt", "2020 m. gegužės 12 d.", date(2020, 5, 12)),
    ("hi", "12 अप्रैल 2020", date(2020, 4, 12)),
    ("vi", "Thứ ba, ngày 12 tháng 5 năm 2020", date(2020, 5, 12)),
])
def test_month_names_and_orders_of_more_languages(lang, dateline, day):
    assert page_day(lang, dateline) == day
