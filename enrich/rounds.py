"""Round stage and cited date of a deal mention, read from its text (EN, FR, DE, ES).

- :func:`round_stage`: "Series B", "série B", "Serie-B-Runde", "ronda de serie B", "seed",
  "amorçage", "pre-seed", "bridge", "growth", "debt", "IPO" -> a stage name (``STAGES``).
- :func:`cited_period`: the period a passing citation gives ("in 2023", "l'an dernier",
  "im März", "el año pasado") as "YYYY" or "YYYY-MM", relative to the article's date.
- :func:`annotate`: both, set on a :class:`~enrich.model.DealMention`.
Pure: the article's date is passed in, never read from a clock.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime

STAGES = ("pre_seed", "seed", "series_a", "series_b", "series_c", "series_d", "series_e",
          "series_f", "growth", "bridge", "debt", "ipo", "unknown")

_SERIES = re.compile(
    r"\b(?:series|s[ée]rie|serie|ronda(?:\s+de)?\s+serie|finanzierungsrunde\s+der\s+serie)"
    r"[\s-]+([A-Fa-f])(?:\d|\+)?(?=[\s,.;:)-]|$)",
    re.I,
)
_OTHER_STAGES = (
    ("pre_seed", re.compile(r"\bpr[ée][\s-]?(?:seed|amor[çc]age|semilla)\b", re.I)),
    ("seed", re.compile(r"\b(?:seed|amor[çc]age|semilla|Saat)(?:[\s-]?(?:round|runde|"
                        r"finanzierung|funding|investment))?\b", re.I)),
    ("bridge", re.compile(r"\b(?:bridge|relais|Brückenfinanzierung|ronda\s+puente)\b", re.I)),
    ("ipo", re.compile(r"\b(?:IPO|initial public offering|introduction en bourse|"
                       r"Börsengang|salida a bolsa|OPV)\b")),
    ("debt", re.compile(r"\b(?:debt|venture debt|credit facility|loan|dette|"
                        r"Fremdkapital|Kredit\w*|deuda|préstamo)\b", re.I)),
    ("growth", re.compile(r"\b(?:growth(?:[\s-]stage|[\s-]equity| round)|"
                          r"(?:tour|levée) de croissance|Wachstumsfinanzierung|"
                          r"ronda de crecimiento|late[\s-]stage)\b", re.I)),
)


def round_stage(text: str) -> str | None:
    """The first round stage named in ``text`` (None when none is)."""
    found = [(m.start(), "series_" + m.group(1).lower()) for m in _SERIES.finditer(text)]
    for stage, pattern in _OTHER_STAGES:
        found.extend((m.start(), stage) for m in pattern.finditer(text))
    return min(found)[1] if found else None


_MONTHS = {
    # en, fr, de, es
    "january": 1, "janvier": 1, "januar": 1, "enero": 1,
    "february": 2, "février": 2, "fevrier": 2, "februar": 2, "febrero": 2,
    "march": 3, "mars": 3, "märz": 3, "marzo": 3,
    "april": 4, "avril": 4, "abril": 4,
    "may": 5, "mai": 5, "mayo": 5,
    "june": 6, "juin": 6, "juni": 6, "junio": 6,
    "july": 7, "juillet": 7, "juli": 7, "julio": 7,
    "august": 8, "août": 8, "aout": 8, "agosto": 8,
    "september": 9, "septembre": 9, "septiembre": 9,
    "october": 10, "octobre": 10, "oktober": 10, "octubre": 10,
    "november": 11, "novembre": 11, "noviembre": 11,
    "december": 12, "décembre": 12, "decembre": 12, "dezember": 12, "diciembre": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_IN = r"(?:in|en|im|dans|au|since|depuis|seit|desde|back in|early|late|début|fin|Anfang|Ende)"
_MONTH_YEAR = re.compile(
    rf"\b(?:{_IN}\s+)?({_MONTH_NAMES})(?:\s+(?:de\s+|del\s+)?((?:19|20)\d\d))?\b", re.I
)
_YEAR = re.compile(rf"\b(?:{_IN}\s+(?:(?:the\s+)?year\s+|l['’]année\s+|(?:dem\s+)?Jahr\s+|"
                   rf"(?:el\s+)?año\s+)?)((?:19|20)\d\d)\b", re.I)
_SINCE = re.compile(r"(?:since|depuis|seit|desde)\b", re.I)
#: A sum or a deal verb before "since <year>": "has raised £7 million since 2023", "a levé
#: 30 millions depuis 2019", "investiert seit 2020": a running total, dated from that year.
_SUM_BEFORE = re.compile(
    r"\d[^.;]{0,40}\b(?:million|milliard|billion|Million|Milliard|millón|millones|mil|mn|bn|m|"
    r"k|crore|lakh)\w*\b|[$€£¥]\s?\d|\b(?:raised|invested|levé|investi|eingesammelt|"
    r"investiert|levantado|invertido|captado)\b",
    re.I,
)
#: The German participle after the sum: "hat seit 2020 rund 12 Millionen Euro eingesammelt".
_RAISED_AFTER = re.compile(
    r"[^.;]{0,60}\b(?:eingesammelt|investiert|eingeworben|erhalten|aufgenommen)\b", re.I
)
_LAST_YEAR = re.compile(
    r"\b(?:last year|a year ago|l['’]an dernier|l['’]année (?:dernière|passée)|"
    r"l['’]an passé|(?:im\s+)?(?:letzten|vergangenen|vorigen)\s+Jahr|letztes Jahr|"
    r"vergangenes Jahr|voriges Jahr|el año pasado|el pasado año)\b",
    re.I,
)
_LAST_MONTH = re.compile(
    r"\b(?:last month|le mois dernier|(?:im\s+)?(?:letzten|vergangenen|vorigen)\s+Monat|"
    r"el mes pasado)\b",
    re.I,
)
_THIS_YEAR = re.compile(
    r"\b(?:earlier this year|this year|plus tôt cette année|cette année|en début d['’]année|"
    r"Anfang des Jahres|dieses Jahr|in diesem Jahr|a principios de año|este año)\b",
    re.I,
)


def _day(published: date | datetime | None) -> date | None:
    return published.date() if isinstance(published, datetime) else published


def _month_period(month: int, year: str | None, today: date | None) -> str | None:
    if year:
        return f"{year}-{month:02d}"
    if today is None:
        return None
    # "im März" in a June article is this March; in a February article, last year's
    return f"{today.year if month <= today.month else today.year - 1}-{month:02d}"


def cited_period(text: str, published: date | datetime | None = None) -> str | None:
    """The period a citation in ``text`` gives, as "YYYY" or "YYYY-MM"; None if it gives none.

    Relative phrases ("last year", "im März") are read against ``published``.
    """
    today = _day(published)
    for month in _MONTH_YEAR.finditer(text):
        if month.group(2) or re.match(_IN, month.group(0), re.I):
            period = _month_period(_MONTHS[month.group(1).lower()], month.group(2), today)
            if period:
                return period
    for year in _YEAR.finditer(text):
        if _SINCE.match(year.group(0)) and not _SUM_BEFORE.search(
            text, max(0, year.start() - 60), year.start()
        ) and not _RAISED_AFTER.match(text, year.end()):
            continue  # "les décors produits par le studio depuis 2012": a duration, no date
        return year.group(1)
    if today is not None:
        if _LAST_MONTH.search(text):
            last = date(today.year, today.month, 1).toordinal() - 1
            return date.fromordinal(last).strftime("%Y-%m")
        if _LAST_YEAR.search(text):
            return str(today.year - 1)
        if _THIS_YEAR.search(text):
            return str(today.year)
    return None


_LED_BY = re.compile(
    r"\b(?:(?:co-)?led by|(?:co-)?menée? par|sous la houlette de|angeführt von|"
    r"unter (?:der )?(?:Führung|Leitung) von|(?:co)?liderad[ao] por|encabezad[ao] por)\s+",
    re.I,
)
_LEADS = re.compile(r"\s*(?:(?:has |have )?(?:co-)?led|(?:a )?mené|mène|führt|führte|lidera|"
                    r"lideró|encabeza)\b")
#: Where the list of leads ends: "led by A and B, with participation from C".
_LIST_END = re.compile(r"[.;]\s|,?\s+(?:with|avec|mit|con|alongside|aux côtés|junto|sowie|"
                       r"which|qui|das|que|and other|et d'autres|the company|la société|"
                       r"auquel|auxquels|à laquelle|in which|joined by|an der|en la que|"
                       r"en el que|participation|participe|beteiligt)\b")


def lead_investors(text: str, investors) -> tuple[str, ...]:
    """The ``investors`` that ``text`` names as leading the round ("led by X", "X mène")."""
    leads: list[str] = []
    for cue in _LED_BY.finditer(text):
        window = text[cue.end() : cue.end() + 160]
        end = _LIST_END.search(window)
        window = window[: end.start()] if end else window
        leads.extend(i for i in investors if i in window)
    for name in investors:
        at = text.find(name)
        if at >= 0 and _LEADS.match(text, at + len(name)):
            leads.append(name)
    return tuple(dict.fromkeys(i for i in investors if i in leads))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
#: Sentences of an article's start read for the main deal's stage.
LEAD_SENTENCES = 4


def _lead_stage(lead: str, target: str, published) -> str | None:
    """The stage named in an opening sentence about ``target`` that dates nothing in the past
    ("Helsing hatte im Juli 2024 eine Serie-C-Runde ..." is an earlier round)."""
    for sentence in _SENTENCE_END.split(lead)[:LEAD_SENTENCES]:
        if target in sentence and cited_period(sentence, published) is None:
            stage = round_stage(sentence)
            if stage:
                return stage
    return None


def annotate(mention, lead: str, published: date | datetime | None):
    """``mention`` with ``round_stage`` (from its evidence, or for the article's main deal
    from the opening sentences of ``lead``, the article's text), its lead investors when
    extraction named none, and, for a passing citation, ``cited_on``."""
    capital = mention.deal_type in ("funding_round", "investment")
    stage = round_stage(mention.evidence) if capital else None
    if capital and stage is None and mention.is_primary:
        stage = _lead_stage(lead, mention.target, published)
    leads = tuple(getattr(mention, "lead_investors", ()) or ())
    if capital and not leads:
        opening = " ".join(_SENTENCE_END.split(lead)[:LEAD_SENTENCES])
        leads = lead_investors(mention.evidence + "\n" + (opening if mention.is_primary else ""),
                               mention.buyers)
    # the deal's own sentence dates it; a year in a later sentence of the same deal dates what
    # that sentence adds ("l'entrepreneur X, fondateur d'un réseau revendu en 2021, participe")
    cited = None if mention.is_primary else cited_period(
        mention.evidence.split(" … ")[0], published
    )
    return dataclasses.replace(mention, round_stage=stage, cited_on=cited, lead_investors=leads)
