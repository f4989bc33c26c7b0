"""Money and percentage parsing for English, French, German and Spanish news prose.

``find_money`` returns every amount in a text with its currency, qualifier and span;
``find_percents`` does the same for percentages.  Numbers follow the separator habits of
the language they are written in (French decimal comma, German/Spanish thousands dot,
spaces and no-break spaces as thousands separators), and "billion" means 10**12 outside
English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SP = "[ \u00a0\u202f\u2009]"

_WORD_NUMBERS = {
    # English
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "half": 0.5,
    # French
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "cent": 100,
    # German
    "ein": 1, "eine": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwanzig": 20, "fünfzig": 50, "hundert": 100,
    # Spanish
    "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "veinte": 20, "cincuenta": 50, "cien": 100,
}
_WORDNUM = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))

_NUM = (
    r"(?<![\d.,])(?:\d{1,3}(?:(?:" + _SP + r"|\.|,)\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])"
)

# scale word -> (multiplier, language whose separators the number uses or None)
_SCALES: list[tuple[str, float, str | None]] = [
    (r"mil" + _SP + r"millones", 1e9, "es"),
    (r"billones|bill[oó]n", 1e12, "es"),
    (r"millones|mill[oó]n", 1e6, "es"),
    (r"Billionen", 1e12, "de"),
    (r"Milliarden|Milliarde|Mrd\.?", 1e9, "de"),
    (r"Millionen|Mio\.?", 1e6, "de"),
    (r"milliards?|mds?|md", 1e9, "fr"),
    (r"trillions?|tn|trn", 1e12, "en"),
    (r"billions?|bn|bln|b", 1e9, None),
    (r"millions?|mln|mn|m", 1e6, None),
    (r"thousand|mille|k|tausend", 1e3, None),
    (r"crores?|cr", 1e7, "en"),
    (r"lakhs?|lacs?", 1e5, "en"),
]
_SCALE_RE = "|".join(pattern for pattern, _, _ in _SCALES)
_SCALE_LOOKUP = [(re.compile(rf"(?:{p})\Z", re.I), mult, lang) for p, mult, lang in _SCALES]
_SHORT_SCALES = {
    "m", "b", "k", "mn", "bn", "md", "mds", "tn", "trn", "bln", "mln", "mrd", "mrd.", "cr",
}

# currency symbol or code written before the number
_PREFIX_CUR = [
    (r"US\$|U\.S\.\s?\$|\$US|USD|\$", "USD"),
    (r"C\$|CA\$|CAD", "CAD"),
    (r"A\$|AU\$|AUD", "AUD"),
    (r"€|EUR", "EUR"),
    (r"£|GBP", "GBP"),
    (r"CHF", "CHF"),
    (r"¥|JPY", "JPY"),
    (r"CNY|RMB", "CNY"),
    (r"₹|INR|Rs\.?", "INR"),
    (r"₩|KRW", "KRW"),
    (r"SEK", "SEK"),
    (r"R\$|BRL", "BRL"),
    (r"MXN|Mex\$", "MXN"),
]
# currency written after the number (word or symbol)
_SUFFIX_CUR = [
    (r"dollars?" + _SP + r"(?:canadiens|canadian)", "CAD"),
    (r"dollars?" + _SP + r"(?:australiens|australian)", "AUD"),
    (r"US-Dollar|Dollar|dollars?(?:" + _SP + r"(?:américains|US|us))?|d[oó]lares|\$|USD", "USD"),
    (r"euros?|Euro|€|EUR", "EUR"),
    (r"livres(?:" + _SP + r"sterling)?|pounds?(?:" + _SP + r"sterling)?|Pfund|libras|£|GBP", "GBP"),
    (r"francs" + _SP + r"suisses|Franken|Swiss" + _SP + r"francs|CHF", "CHF"),
    (r"yens?|yenes|Yen|JPY|¥", "JPY"),
    (r"yuans?|yuanes|Yuan|renminbi|CNY", "CNY"),
    (r"(?:de" + _SP + r")?(?:roupies|rupees|Rupien|rupias|INR|₹)", "INR"),
    (r"(?:South" + _SP + r"Korean" + _SP + r")?won|wones|wons|KRW|₩", "KRW"),
    (r"(?:Swedish" + _SP + r")?kronor|couronnes" + _SP + r"suédoises|schwedische" + _SP
     + r"Kronen|coronas(?:" + _SP + r"suecas)?|SEK", "SEK"),
    (r"francos" + _SP + r"suizos", "CHF"),
    # the French franc is gone: bare "francs" are Swiss ("14 millions de francs", Lausanne)
    (r"francs(?!" + _SP + r"CFA)", "CHF"),
    (r"(?:Mexican" + _SP + r")?pesos(?:" + _SP + r"mexicanos)?|MXN", "MXN"),
    (r"(?:Brazilian" + _SP + r")?(?:reais|reales)(?:" + _SP + r"brasileños)?|BRL", "BRL"),
    (r"(?:Norwegian" + _SP + r"(?:crowns|kroner)|couronnes" + _SP + r"norvégiennes|norwegische"
     + _SP + r"Kronen|coronas" + _SP + r"noruegas|NOK)", "NOK"),
    (r"(?:Danish" + _SP + r"(?:crowns|kroner)|couronnes" + _SP + r"danoises|dänische" + _SP
     + r"Kronen|coronas" + _SP + r"danesas|DKK)", "DKK"),
    (r"Swedish" + _SP + r"crowns", "SEK"),
]
_PREFIX_RE = "|".join(p for p, _ in _PREFIX_CUR)
_SUFFIX_RE = "|".join(p for p, _ in _SUFFIX_CUR)

_MONEY = re.compile(
    rf"""
    (?:
        (?<![\w$€£¥])(?P<pcur>{_PREFIX_RE}){_SP}?(?P<pnum>{_NUM})
        (?:{_SP}?(?P<pscale>{_SCALE_RE})(?![\w]))?
      |
        (?P<num>{_NUM}|(?<![\w])(?:{_WORDNUM}))
        (?:{_SP}?-?(?P<scale>{_SCALE_RE})(?![\w]))?
        (?:{_SP}?(?:de{_SP}|d['’]{_SP}?|of{_SP})?(?P<scur>{_SUFFIX_RE})(?![\w]))?
    )
    """,
    re.X | re.I,
)

_QUALIFIERS = [
    ("up_to", r"up to|as much as|jusqu['’]à|jusqu['’]au|bis zu|hasta"),
    (
        "about",
        r"about|around|roughly|approximately|nearly|almost|close to|some|an estimated|"
        r"environ|près de|pr[eè]s d['’]|autour de|autour des|proche de|quelque|presque|"
        r"rund|etwa|ungefähr|knapp|fast|alrededor de|cerca de|casi|unos|aproximadamente",
    ),
    (
        "more_than",
        r"more than|over|at least|upwards of|in excess of|plus de|au moins|au minimum|"
        r"plus d['’]|mehr als|über|mindestens|más de|al menos|por lo menos",
    ),
]
_QUALIFIER_RES = [
    (name, re.compile(rf"(?:\b|^)(?:{pattern}){_SP}*(?:des?{_SP}|les{_SP}|the{_SP})?\Z", re.I))
    for name, pattern in _QUALIFIERS
]

_PERCENT = re.compile(
    rf"(?<![\w.,])(?P<num>\d+(?:[.,]\d+)?){_SP}?"
    rf"(?:%|pour{_SP}?cent\b|pourcent\b|per{_SP}?cent\b|percent\b|Prozent\b|por{_SP}ciento\b)",
    re.I,
)


@dataclass(frozen=True)
class Money:
    """An amount of money found in text; ``currency`` is None for a bare "3 milliards"."""

    value: float
    currency: str | None
    qualifier: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Percent:
    value: float
    start: int
    end: int


def parse_number(raw: str, language: str | None = None) -> float | None:
    """Turn "14,3", "5.000", "1 000 000", "14.3" into a float, per the language's habits."""
    raw = re.sub(_SP, " ", raw.strip())
    word = _WORD_NUMBERS.get(raw.lower())
    if word is not None:
        return float(word)
    raw = raw.replace(" ", "")
    decimal_sep = "." if language in (None, "en") else ","
    has_dot, has_comma = "." in raw, "," in raw
    if has_dot and has_comma:
        last = max(raw.rfind("."), raw.rfind(","))
        decimal_sep = raw[last]
    elif has_dot or has_comma:
        sep = "." if has_dot else ","
        parts = raw.split(sep)
        grouped = len(parts) > 2 or len(parts[-1]) == 3
        if len(parts) > 2 or (grouped and sep != decimal_sep):
            decimal_sep = "," if sep == "." else "."
        elif not grouped:
            decimal_sep = sep
    thousands = "," if decimal_sep == "." else "."
    cleaned = raw.replace(thousands, "").replace(decimal_sep, ".")
    try:
        return float(Decimal(cleaned))
    except InvalidOperation:
        return None


def _scale_of(word: str | None, language: str | None) -> tuple[float, str | None]:
    if not word:
        return 1.0, None
    for pattern, mult, lang in _SCALE_LOOKUP:
        if pattern.match(word):
            if mult == 1e9 and word.lower().startswith("billion") and language in ("fr", "de"):
                return 1e12, language
            return mult, lang
    return 1.0, None


def _currency_of(token: str | None, table: list[tuple[str, str]]) -> str | None:
    if not token:
        return None
    for pattern, code in table:
        if re.fullmatch(pattern, token, re.I):
            return code
    return None


def _qualifier_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 30) : start]
    for name, pattern in _QUALIFIER_RES:
        if pattern.search(window):
            return name
    return None


def _money_from_match(m: re.Match, text: str, language: str | None) -> Money | None:
    if m.group("pcur"):
        raw_num, scale_word = m.group("pnum"), m.group("pscale")
        currency = _currency_of(m.group("pcur"), _PREFIX_CUR)
        num_lang = "en" if m.group("pcur") in ("$", "US$", "£") and "," not in raw_num else None
    else:
        raw_num, scale_word = m.group("num"), m.group("scale")
        currency = _currency_of(m.group("scur"), _SUFFIX_CUR)
        num_lang = None
        if currency is None and (not scale_word or scale_word.lower() in _SHORT_SCALES):
            return None
        if raw_num.lower() in _WORD_NUMBERS and not scale_word:
            return None
    mult, scale_lang = _scale_of(scale_word, language)
    number = parse_number(raw_num, scale_lang or num_lang or language)
    if number is None:
        return None
    value = float(Decimal(str(number)) * Decimal(str(mult)))
    return Money(
        value=value,
        currency=currency,
        qualifier=_qualifier_before(text, m.start()),
        start=m.start(),
        end=m.end(),
        text=m.group(0),
    )


def find_money(text: str, language: str | None = None) -> list[Money]:
    """Every amount of money in ``text`` (bare scaled amounts have ``currency=None``)."""
    found = []
    for m in _MONEY.finditer(text):
        money = _money_from_match(m, text, language)
        if money is not None:
            found.append(money)
    return found


def parse_money(text: str, language: str | None = None) -> Money | None:
    """The first amount of money in ``text``, or None."""
    found = find_money(text, language)
    return found[0] if found else None


def find_percents(text: str) -> list[Percent]:
    """Every percentage in ``text`` ("49 %", "49 pour cent", "49 Prozent", "49 por ciento")."""
    out = []
    for m in _PERCENT.finditer(text):
        value = parse_number(m.group("num"), "fr" if "," in m.group("num") else "en")
        if value is not None:
            out.append(Percent(value, m.start(), m.end()))
    return out
