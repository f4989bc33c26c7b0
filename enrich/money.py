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
from functools import lru_cache

from enrich.currencies import (
    CROWN_COUNTRIES,
    CROWNS,
    DOLLAR_CODES,
    DOLLARS,
    EXPLICIT,
    FOREIGN,
    LOCAL_SYMBOL,
    PESO_CODES,
    PESOS,
    PREFIX_CUR,
    PREFIX_RE,
    SP,
    SUFFIX_CUR,
    SUFFIX_RE,
)
from enrich.home import local_currency

_WORD_NUMBERS = {
    # English
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5,
    # French
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "soixante-dix": 70,
    "quatre-vingts": 80, "quatre-vingt-dix": 90, "cent": 100,
    # German
    "ein": 1, "eine": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13,
    "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
    "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100,
    # Spanish
    "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciséis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90, "cien": 100,
}
_WORD_NUMBERS["mil"] = 1000  # Spanish "mil millones": a thousand millions
_WORD_NUMBERS.update({"half a": 0.5, "half an": 0.5, "anderthalb": 1.5})
# "two and a half billion", "dreieinhalb Milliarden"
_WORD_NUMBERS.update({
    f"{word} and a half": value + 0.5
    for word, value in list(_WORD_NUMBERS.items())[:29] if value >= 1 and word not in ("a", "an")
})
_WORD_NUMBERS.update({
    f"{'ein' if word == 'ein' else word}einhalb": value + 0.5
    for word, value in list(_WORD_NUMBERS.items()) if word in (
        "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn")
})
_WORDNUM = "|".join(
    sorted((re.escape(w).replace(r"\ ", SP) for w in _WORD_NUMBERS), key=len, reverse=True)
)

_NUM = (
    r"(?<![\d.,])(?:\d{1,3}(?:(?:" + SP + r"|\.|,)\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])"
)

# scale word -> (multiplier, language whose separators the number uses or None)
_SCALES: list[tuple[str, float, str | None]] = [
    (r"mil" + SP + r"millones", 1e9, "es"),
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


_MONEY = re.compile(
    rf"""
    (?:
        (?<![\w$€£¥])(?P<pcur>{PREFIX_RE}){SP}?(?P<pnum>{_NUM})
        (?:(?:{SP}|-)?(?P<pscale>{_SCALE_RE})(?![\w]))?
      |
        (?P<num>{_NUM}|(?<![\w-])(?:{_WORDNUM})(?![\w-])(?={SP}?-?(?:{_SCALE_RE})(?![\w])))
        (?:{SP}?-?(?P<scale>{_SCALE_RE})(?![\w]))?
        (?:{SP}?(?:de{SP}|d['’]{SP}?|of{SP})?(?P<scur>{SUFFIX_RE})(?![\w]))?
    )
    """,
    re.X | re.I,
)

_QUALIFIERS = [
    (
        "up_to",
        r"up to|as much as|less than|jusqu['’]à|jusqu['’]au|moins de|moins d['’]|bis zu|"
        r"weniger als|hasta|menos de",
    ),
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
    (name, re.compile(rf"(?:\b|^)(?:{pattern}){SP}*(?:des?{SP}|les{SP}|the{SP})?\Z", re.I))
    for name, pattern in _QUALIFIERS
]

_PERCENT = re.compile(
    rf"(?<![\w.,])(?P<num>\d+(?:[.,]\d+)?){SP}?"
    rf"(?:%|pour{SP}?cent\b|pourcent\b|per{SP}?cent\b|percent\b|Prozent\b|por{SP}ciento\b)",
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
    raw = re.sub(SP, " ", raw.strip())
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
    return _currency_cached(token, table is PREFIX_CUR)


@lru_cache(maxsize=512)
def _currency_cached(token: str, prefix: bool) -> str | None:
    for pattern, code in PREFIX_CUR if prefix else SUFFIX_CUR:
        if re.fullmatch(pattern, token, re.I):
            return code
    return None


def _qualifier_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 30) : start]
    for name, pattern in _QUALIFIER_RES:
        if pattern.search(window):
            return name
    return None


def _crowns_of(word: str, text: str, context: str | None) -> str | None:
    """The currency of crowns written with no adjective: "kronor" are Swedish; otherwise the
    country the sentence names, else the first one the article (``context``) names."""
    if word.lower() == "kronor":
        return "SEK"
    for where in (text, context or ""):
        found = [(m.start(), code) for code, cue in CROWN_COUNTRIES if (m := cue.search(where))]
        if found:
            return min(found)[1]
    return None


#: What a bare scaled figure counts when it is no money: a noun after "de"/"d'" that is no
#: currency ("20 millones de usuarios", "2,8 millions de clients"), or a unit or countable
#: noun right after it ("1.2 million square metres", "15 Millionen Kunden", "3 million users").
_COUNTED = re.compile(
    rf"{SP}*(?:(?:de{SP}+|d['’]{SP}*)(?!(?:la|las|los|le|les|el|l['’]|lo|ses|sus|son|sa|su|"
    r"leur|leurs|ce|cette|ces|este|esta|estos|dollars?|euros?|d[oó]lares|libras?|livres?|"
    r"francs?|francos?|pesos?|reais|reales|couronnes?|coronas?|yens?|yuans?|roupies?|"
    r"rupias?|won|zlotys?|rands?|shekels?|nairas?|dirhams?|dinars?|riyals?|soles?|plus|"
    # money nouns: "10 milliards de valorisation", "5 millones de financiación"
    r"más|mas|valori\w*|valora\w*|chiffre|financ\w*|levée|recettes|revenus?|ingresos|ventas?|"
    r"ventes|dettes?|deudas?|capital|fonds|fondos|inversi\w*|investissement\w*|pertes|"
    r"pérdidas|bénéfices?|beneficios?|facturación|presupuesto|budget|subvention\w*|"
    r"subvenci\w*|ayudas?|crédits?|créditos?|prêts?|préstamos?|(?-i:[A-Z]{3}))\b)[^\W\d_]"
    r"|(?:square|sq|cubic|users?|customers?|clients?|subscribers?|employees?|workers?|people|"
    r"patients?|downloads?|visitors?|members?|viewers?|players?|listeners?|readers?|"
    r"passengers?|tonnes?|tons?|barrels?|hectares?|acres?|units?|vehicles?|cars?|devices?|"
    r"homes?|households?|parcels?|packages?|shipments?|containers?|TEU|kilomet\w*|km|miles?|"
    r"hours?|images?|records?|documents?|lines?|parameters?|tokens?|queries|requests|"
    r"farmers?|students?|doctors?|trucks?|orders?|transactions?|meals?|trips?|rides?|"
    r"Nutzer\w*|Kunden|Mitarbeiter\w*|Beschäftigte\w*|Quadratmeter\w*|Tonnen|Patienten|"
    r"Einwohner\w*|Fahrzeuge\w*|Haushalte\w*|Stunden|Menschen|Abonnenten|Besucher\w*|"
    r"Downloads|Geräte\w*|Pakete\w*|Sendungen|Hektar|Kilometer|Bilder\w*|Dokumente\w*|"
    r"Landwirte\w*|Nutzerinnen)\b)",
    re.I,
)


def _money_from_match(
    m: re.Match, text: str, language: str | None, context: str | None = None, resolve=True
) -> Money | None:
    if m.group("pcur"):
        raw_num, scale_word = m.group("pnum"), m.group("pscale")
        currency = _currency_of(m.group("pcur"), PREFIX_CUR)
        num_lang = "en" if m.group("pcur") in ("$", "US$", "£") and "," not in raw_num else None
    else:
        raw_num, scale_word = m.group("num"), m.group("scale")
        currency = _currency_of(m.group("scur"), SUFFIX_CUR)
        num_lang = None
        if currency is None and (not scale_word or scale_word.lower() in _SHORT_SCALES):
            return None
        if currency is None and _COUNTED.match(text, m.end()):
            return None  # "20 millones de usuarios", "1.2 million square metres": no money
        if raw_num.lower() in _WORD_NUMBERS and not scale_word:
            return None
        if currency == CROWNS:
            currency = _crowns_of(m.group("scur"), text, context)
    mult, scale_lang = _scale_of(scale_word, language)
    number = parse_number(raw_num, scale_lang or num_lang or language)
    if number is None:
        return None
    value = float(Decimal(str(number)) * Decimal(str(mult)))
    if currency in (DOLLARS, PESOS) and resolve:
        currency = _settle(currency, value, bool(m.group("pcur")), context, language)
    return Money(
        value=value,
        currency=currency,
        qualifier=_qualifier_before(text, m.start()),
        start=m.start(),
        end=m.end(),
        text=m.group(0),
    )


def find_money(
    text: str, language: str | None = None, context: str | None = None
) -> list[Money]:
    """Every amount of money in ``text`` (bare scaled amounts have ``currency=None``).
    ``context``, the whole article, settles which country's crowns, dollars or pesos a
    sentence means."""
    return _scan(text, language, context, resolve=True)


def _scan(text: str, language: str | None, context: str | None, resolve: bool) -> list[Money]:
    found: list[Money] = []
    for m in _MONEY.finditer(text):
        money = _money_from_match(m, text, language, context, resolve)
        if money is not None:
            found.append(_range_of(money, text, language, found, context))
    return found


#: The lower bound of a range before an amount: "between $40m and", "entre 40 et",
#: "zwischen 40 und", "entre 40 y", "von 40 bis", "$40-", "40 à".  The conjunctions need
#: their cue word ("from 40 to 50" is a change, not a range).
_RANGE = re.compile(
    rf"(?:\b(?P<cue>between|entre|zwischen|von){SP}+)?(?P<lcur>{PREFIX_RE})?{SP}?"
    rf"(?P<low>{_NUM}|(?<![\w-])(?:{_WORDNUM}))(?:{SP}?-?(?P<scale>{_SCALE_RE}))?"
    rf"(?:{SP}?(?:de{SP}|d['’]{SP}?)?(?:{SUFFIX_RE}))?"
    rf"{SP}*(?P<join>and|et|und|y|bis|-|–){SP}*(?:{PREFIX_RE})?{SP}?\Z",
    re.I,
)
#: Where a range's lower bound may start: its cue word, a figure or a currency sign.
_WORD_START = re.compile(
    r"\b(?:between|entre|zwischen|von)\b|(?<![\w.,])(?:[\d$€£¥₹₩]|[A-Z]{1,3}\$)", re.I
)
#: The joining word right before the upper bound, looked for before the full pattern.
_RANGE_JOIN = re.compile(rf"(?:\b(?:and|et|und|y|bis)|[-–]){SP}*\S{{0,4}}{SP}*\Z", re.I)
_JOINS = {"and": "between", "et": "entre", "und": "zwischen", "y": "entre", "bis": "von"}


def _range_of(
    high: Money, text: str, language: str | None, found: list[Money], context: str | None
) -> Money:
    """``high``, or the range that ends with it read as its lower bound: "between $40m and
    $50m" and "entre 40 et 50 millions d'euros" are at least 40 million (``more_than``).  A
    lower bound found as an amount of its own is dropped from ``found``."""
    tail = text[max(0, high.start - 60) : high.start]
    if not _RANGE_JOIN.search(tail, max(0, len(tail) - 12)):
        return high  # most amounts: "raised $40m", "pour 40 millions"
    starts = (w.start() for w in _WORD_START.finditer(tail))
    m = next((hit for at in starts if (hit := _RANGE.match(tail, at))), None)
    if m is None:
        return high
    join, cue = m.group("join").lower(), (m.group("cue") or "").lower()
    if join in _JOINS and _JOINS[join] != cue and not (join == "y" and cue == "entre"):
        return high
    if join in "-–" and cue and cue != "von":
        return high
    low = parse_number(m.group("low"), language)
    scale, _ = _scale_of(m.group("scale"), language)
    if low is None:
        return high
    if not m.group("scale"):
        high_number = _HEAD_NUMBER.search(high.text)
        top = parse_number(high_number.group(0), language) if high_number else None
        scale = high.value / top if top else 1.0
    value = float(Decimal(str(low)) * Decimal(str(scale)))
    if not 0 < value < high.value:
        return high
    start = high.start - len(tail) + m.start()
    start += len(text[start : high.end]) - len(text[start : high.end].lstrip())
    while found and found[-1].start >= start:
        found.pop()  # "$40m" of "between $40m and $50m"
    currency = high.currency
    if currency is None and m.group("lcur"):  # "$40-50 million"
        currency = _currency_of(m.group("lcur"), PREFIX_CUR)
        if currency == DOLLARS:
            currency = _settle(currency, value, True, context, language)
    return Money(value, currency, "more_than", start, high.end, text[start : high.end])


_HEAD_NUMBER = re.compile(rf"{_NUM}|(?:{_WORDNUM})", re.I)


@lru_cache(maxsize=8)
def _local_symbol(context: str) -> bool:
    return bool(LOCAL_SYMBOL.search(context))




@lru_cache(maxsize=8)
def _stated(context: str, language: str | None) -> dict[float, str]:
    """Figures the article writes with an explicit dollar or peso currency ("18 millions de
    dollars canadiens", "US$20 million"): the same figure written bare elsewhere is that.
    Only the words around each explicit currency are read."""
    explicit = DOLLAR_CODES | PESO_CODES
    stated: dict[float, str] = {}
    for mark in EXPLICIT.finditer(context.lower()):
        start = max(0, mark.start() - 60)
        window = context[start : mark.end() + 40]
        for m in _scan(window, language, None, resolve=False):
            if m.currency in explicit and start + m.start <= mark.start() < start + m.end + 2:
                stated.setdefault(m.value, m.currency)
    return stated


def _settle(placeholder: str, value: float, symbol: bool, context: str | None, language) -> str:
    """The currency of a bare "$"/"dollars" or "pesos" of ``value``: the explicit currency
    the article gives the same figure, else US dollars where the article writes local dollars
    with their own symbol, else the currency of the story's country (``enrich.home``) when it
    is of that family, else US dollars or Mexican pesos."""
    dollars = placeholder == DOLLARS
    default, family = ("USD", "Dollar") if dollars else ("MXN", "Peso")
    codes = DOLLAR_CODES if dollars else PESO_CODES
    if not context:
        return default
    local_symbol = symbol and _local_symbol(context)
    local = None if local_symbol else local_currency(context, family, _DEFAULT_HOME[family])
    if local not in (None, default) or _foreign_mark(context):
        restated = _stated(context, language).get(value)
        if restated in codes:
            return restated
    if local_symbol:
        return default
    return local if local in codes else default


#: The country whose currency a bare "dollars" or "pesos" means when the story says nothing.
_DEFAULT_HOME = {"Dollar": "US", "Peso": "MX"}


@lru_cache(maxsize=8)
def _foreign_mark(context: str) -> bool:
    """Whether the article writes a dollar or peso of another country than the default one."""
    return bool(FOREIGN.search(context.lower()))




#: Currency of a story with no currency word at all, by its language, when the story does
#: not say which country it is told from ("La startup murciana Tesela capta 5 millones").
_LANGUAGE_CURRENCY = {"fr": "EUR", "de": "EUR", "es": "EUR"}


def home_currency(context: str, language: str | None) -> str | None:
    """The currency of the country ``context`` is told from (if the FX table has it), else
    the euro for a French, German or Spanish story; for a figure the story writes with no
    currency anywhere."""
    from enrich.fx import usd_rate
    from enrich.home import country_currency, home_country

    country = home_country(context)
    code = country_currency(country) if country else None
    if code and usd_rate(code) is not None:
        return code
    return None if country else _LANGUAGE_CURRENCY.get(language or "")


def bare_dollar_currency(context: str, symbol: bool) -> str:
    """What a bare "$" (``symbol``) or "dollars" means in ``context``, figures aside."""
    return _settle(DOLLARS, float("nan"), symbol, context, None)


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
