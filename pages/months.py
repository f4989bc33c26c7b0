"""Days written with a month's name in the languages ``feeds.dates`` does not know, as pages
show them: "28 апреля 2023", "28. dubna 2023", "28 kwietnia 2023", "28. huhtikuuta 2023",
"28 Nisan 2023", "28 Απριλίου 2023", "2023. április 28.", "28 أبريل 2023", "28 अप्रैल 2023",
"2023 m. balandžio 28 d.", "2023. gada 28. aprīlis", "28 tháng 4 năm 2023".

Months are told by the start of the word (these languages inflect their month names: июль,
июля; lipiec, lipca); a word whose start names different months in two languages (Croatian
"listopad" is October, Czech and Polish "listopad" November) is no month. Pure.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Stems of month names, January first, by language (accents and case folded when matched).
STEMS = {
    "ru": "январ феврал март апрел ма[йя] июн июл август сентябр октябр ноябр декабр",
    "uk": "січ лют берез квіт травн|травен черв лип серп верес жовт листопад груд",
    "bg": "януар февруар март април май юни юли август септемвр октомвр ноемвр декемвр",
    "sr": "јануар фебруар март април мај јун јул август септемб октоб новемб децемб",
    "pl": "stycz lut mar[cz] kwie maj czerw lipiec|lipca sierp wrze pazdz listopad grud",
    "cs": "leden|ledna unor brez duben|dubna kvet cerven$|cervn cervenc srpen|srpna zari "
          "rijen|rijna listopad prosin",
    "sk": "januar februar mar[ec] april maj jun jul august septemb oktob novemb decemb",
    "hr": "sijec velj ozuj trav svib lipanj|lipnja srpanj|srpnja kolov ruj listopad studen "
          "prosin",
    "sl": "januar februar marec|marca april maj junij julij avgust septemb oktob novemb decemb",
    "ro": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie "
          "noiembrie decembrie",
    "hu": "jan febr marc apr maj jun jul aug szept okt nov dec",
    "fi": "tammi helmi maalis huhti touko kesa heina elo syys loka marras joulu",
    "sv": "januari februari mars april maj juni juli augusti september oktober november "
          "december",
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "nb": "januar februar mars april mai juni juli august september oktober november desember",
    "et": "jaanuar veebruar marts apr mai juuni juuli aug sept okt nov dets",
    "id": "januari februari maret april mei juni juli agustus september oktober november "
          "desember",
    "tr": "ocak subat mart nisan mayis haziran temmuz agustos eylul ekim kasim aralik",
    "el": "ιανουαρ φεβρουαρ μαρτ απριλ μαι|μαη ιουν ιουλ αυγουστ σεπτεμβρ οκτωβρ νοεμβρ "
          "δεκεμβρ",
    "lv": "janv febr mart apr maij jun jul aug sept okt nov dec",
    "lt": "saus vasar kov balandz geguz birzel liep rugpjuc rugsej spal lapkric gruod",
    "hi": "जनवरी फ़रवरी|फरवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर|सितम्बर अक्टूबर|अक्तूबर "
          "नवंबर|नवम्बर दिसंबर|दिसम्बर",
    "he": "ב?ינואר ב?פברואר ב?מר[ץס] ב?אפריל ב?מאי ב?יוני ב?יולי ב?אוגוסט ב?ספטמבר "
          "ב?אוקטובר ב?נובמבר ב?דצמבר",
    "ar": "يناير فبراير مارس ابريل|أبريل|إبريل مايو يونيو|يونيه يوليو|يوليه اغسطس|أغسطس "
          "سبتمبر اكتوبر|أكتوبر نوفمبر ديسمبر",
}  # fmt: skip
def _fold(word: str) -> str:
    """Lower case without Latin and Greek accents (Arabic hamza forms stay distinct); Turkish
    dotless ı as i ("Kasım", "Aralık")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_PATTERNS = [
    (number, re.compile(f"^(?:{_fold(stem)})"))
    for names in STEMS.values()
    for number, stem in enumerate(names.split(), start=1)
]
#: A month's word: letters, Devanagari's vowel signs with them ("अप्रैल"); two or more.
_WORD = r"((?:[^\W\d_]|[\u0900-\u0963]){2,})\.?"
#: "28 апреля 2023", "28. dubna 2023", "28 de abril", "12 मई 2020".
DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s+{_WORD},?\s+((?:19|20)\d\d)(?!\d)")
#: Hungarian and Lithuanian order: "2023. április 28.", "2023 m. balandžio 28 d."
YEAR_MONTH_DAY = re.compile(
    rf"(?<!\d)((?:19|20)\d\d)\.?\s+(?:m\.\s*)?{_WORD}\s+(\d{{1,2}})(?!\d)")
#: Latvian order: "2023. gada 28. aprīlis".
YEAR_DAY_MONTH = re.compile(rf"(?<!\d)((?:19|20)\d\d)\.?\s+gada\s+(\d{{1,2}})\.\s*{_WORD}")
#: Vietnamese: "ngày 28 tháng 4 năm 2023", "28 tháng 4, 2023".
VIETNAMESE_DAY = re.compile(
    r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm|\s*,)?\s+((?:19|20)\d\d)(?!\d)", re.I)


@lru_cache(maxsize=2048)
def month_of(word: str) -> int | None:
    """The month a word names in one of ``STEMS``' languages, or ``None`` (unknown, or
    different months in two languages)."""
    key = _fold(word)
    found = {number for number, pattern in _PATTERNS if pattern.match(key)}
    return found.pop() if len(found) == 1 else None


def named_day(text: str) -> tuple[int, int, int] | None:
    """``(year, month, day)`` written with a month's name from ``STEMS``, or ``None``."""
    for match in DAY_MONTH_YEAR.finditer(text):
        month = month_of(match[2])
        if month is not None and 1 <= int(match[1]) <= 31:
            return int(match[3]), month, int(match[1])
    for match in YEAR_MONTH_DAY.finditer(text):
        month = month_of(match[2])
        if month is not None and 1 <= int(match[3]) <= 31:
            return int(match[1]), month, int(match[3])
    for match in YEAR_DAY_MONTH.finditer(text):
        month = month_of(match[3])
        if month is not None and 1 <= int(match[2]) <= 31:
            return int(match[1]), month, int(match[2])
    vietnamese = VIETNAMESE_DAY.search(text)
    if vietnamese is not None and 1 <= int(vietnamese[2]) <= 12 and 1 <= int(vietnamese[1]) <= 31:
        return int(vietnamese[3]), int(vietnamese[2]), int(vietnamese[1])
    return None
