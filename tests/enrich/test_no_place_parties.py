"""Nothing that is not a company becomes a party: every place, weekday and month name of the
lexicons, in typical deal sentences of the four languages."""

from enrich import analyze
from enrich.companies import default_gazetteer, normalize_name
from enrich.lexicons import LANGUAGES, places, time_words

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


def _places():
    gazetteer = default_gazetteer()
    known = set(gazetteer._by_key)
    parties = {normalize_name(p) for p in PARTIES}
    return sorted(
        p for p in places()
        if normalize_name(p) not in known and not any(n in normalize_name(p) for n in parties)
    )


def test_every_place_name_in_deal_sentences_is_no_party():
    """Each place once, in turn in each language and template (about 60,000 sentences)."""
    names = _places()
    assert len(names) > 50_000
    sentences = [(lang, t) for lang in LANGUAGES for t in PLACE_SENTENCES[lang]]
    strays = set()
    for start in range(0, len(names), 100 * len(sentences)):
        chunk = names[start : start + 100 * len(sentences)]
        for k, (language, template) in enumerate(sentences):
            batch = chunk[k :: len(sentences)]
            strays |= _strays(language, [template.format(p) for p in batch]) & set(batch)
    assert not strays, sorted(strays)[:50]


def test_every_weekday_and_month_name_in_deal_sentences_is_no_party():
    words = sorted(time_words())
    assert {"dienstag", "mardi", "juli", "septiembre", "tuesday"} <= set(words)
    strays = set()
    for language in LANGUAGES:
        for template in TIME_SENTENCES[language]:
            for word in words:
                for form in (word.capitalize(), word):
                    names = _strays(language, [template.format(form)])
                    strays |= {n for n in names if word in n.casefold()}
    assert not strays, sorted(strays)
