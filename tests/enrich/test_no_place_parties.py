"""Nothing that is not a company becomes a party: every place, weekday and month name of the
lexicons, in typical deal sentences of the four languages.

Parties are only ever chosen among the company mentions that ``enrich.parties.find_all``
returns (gazetteer, known organizations, discovery), so the filter is tested directly on
every place name: none may be a company mention at all.  A deterministic sample of the
places (and every weekday and month name) also goes through ``analyze`` end to end, many
sentences per analysed text (line breaks always end a sentence).
"""

from enrich import analyze
from enrich.companies import default_gazetteer, normalize_name
from enrich.lexicons import LANGUAGES, places, time_words
from enrich.parties import find_all

PARTIES = {"Vireo", "Kestrel Capital", "Quillon"}

#: Sentences where a place is a place: before a descriptor, after "based in", as "-based".
PLACE_SENTENCES = {
    "en": [
        "The {} start-up Vireo has raised $5 million from Kestrel Capital.",
        "Vireo, which is based in {}, has acquired Quillon for $20 million.",
        "{}-based Vireo raises $5 million in a round led by Kestrel Capital.",
        "Kestrel Capital invests $9 million in Vireo, a robotics firm from {}.",
    ],
    "fr": [
        "La start-up Vireo, installée à {}, lève 5 millions d'euros auprès de Kestrel Capital.",
        "Basée à {}, Vireo rachète Quillon pour 20 millions d'euros.",
    ],
    "de": [
        "Das Start-up Vireo aus {} hat 5 Millionen Euro von Kestrel Capital eingesammelt.",
        "In {} übernimmt Vireo den Konkurrenten Quillon für 20 Millionen Euro.",
    ],
    "es": [
        "La startup Vireo, con sede en {}, ha levantado 5 millones de euros de Kestrel Capital.",
        "Desde {}, Vireo adquiere Quillon por 20 millones de euros.",
    ],
}
#: Sentences where a weekday or month opens or dates the deal.
TIME_SENTENCES = {
    "en": ["{}: Vireo acquires Quillon for $20 million.",
           "On {} Vireo said it had raised $5 million from Kestrel Capital."],
    "fr": ["{} : Vireo rachète Quillon pour 20 millions d'euros.",
           "{}, Vireo a levé 5 millions d'euros auprès de Kestrel Capital."],
    "de": ["{}: Vireo übernimmt Quillon für 20 Millionen Euro.",
           "Am {} hat Vireo 5 Millionen Euro von Kestrel Capital eingesammelt."],
    "es": ["{}: Vireo adquiere Quillon por 20 millones de euros.",
           "El {} Vireo ha levantado 5 millones de euros de Kestrel Capital."],
}


def _strays(language: str, lines: list[str]) -> set[str]:
    """Parties of the deals read from ``lines`` (one article) that are not our companies."""
    result = analyze("", "\n".join(lines), language)
    names = {n for d in result.deals for n in (*d.buyers, d.target)}
    return names - PARTIES


def _mentioned(language: str, lines: list[str]) -> set[str]:
    """Every company mention the party filter lets through in ``lines`` (one text)."""
    text = "\n".join(lines)
    hits = find_all(text, default_gazetteer(), (), language, [(0, len(text))])
    return {text[h.start : h.end] for h in hits} | {h.name for h in hits}


def _places():
    gazetteer = default_gazetteer()
    known = set(gazetteer._by_key)
    parties = {normalize_name(p) for p in PARTIES}
    return sorted(
        p for p in places()
        if normalize_name(p) not in known and not any(n in normalize_name(p) for n in parties)
    )


SENTENCES = [(lang, t) for lang in LANGUAGES for t in PLACE_SENTENCES[lang]]
#: Names per analysed text.
BATCH = 100


def _in_turn(names: list[str]):
    """(language, template, names): each name once, the templates in turn."""
    for start in range(0, len(names), BATCH * len(SENTENCES)):
        chunk = names[start : start + BATCH * len(SENTENCES)]
        for k, (language, template) in enumerate(SENTENCES):
            yield language, template, chunk[k :: len(SENTENCES)]


def test_the_party_filter_lets_no_place_name_through():
    """Each place (about 60,000) once, in turn in each language and template: it is not
    even a company mention, so it cannot be a party."""
    names = _places()
    assert len(names) > 50_000
    strays = set()
    for language, template, batch in _in_turn(names):
        strays |= _mentioned(language, [template.format(p) for p in batch]) & set(batch)
    assert not strays, sorted(strays)[:50]


def test_a_sample_of_places_in_deal_sentences_is_no_party_end_to_end():
    """Every 15th place, analysed whole: the deals are read and none has a place as party."""
    names = _places()[::15]
    strays = set()
    found = 0
    for language, template, batch in _in_turn(names):
        result = analyze("", "\n".join(template.format(p) for p in batch), language)
        found += len(result.deals)
        parties = {n for d in result.deals for n in (*d.buyers, d.target)}
        strays |= parties & set(batch)
    assert found >= len(SENTENCES)  # the sentences do give deals
    assert not strays, sorted(strays)[:50]


def test_every_weekday_and_month_name_in_deal_sentences_is_no_party():
    words = sorted(time_words())
    assert {"dienstag", "mardi", "juli", "septiembre", "tuesday"} <= set(words)
    strays = set()
    for language in LANGUAGES:
        for template in TIME_SENTENCES[language]:
            for form in (str.capitalize, str.lower):
                lines = [template.format(form(word)) for word in words]
                names = _strays(language, lines) | (_mentioned(language, lines) - PARTIES)
                strays |= {n for n in names for w in words if w in n.casefold().split()}
    assert not strays, sorted(strays)
