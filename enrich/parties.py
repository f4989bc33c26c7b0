"""Companies missing from the gazetteer, recognised from context.

"la jeune pousse X", "X, a ... startup", "acquisition of X", "X has agreed to buy",
"A, B et C participent au tour de table", "led by X", lower-case brands such as "eToro".
"""

from __future__ import annotations

import re

from enrich import lexicons
from enrich.candidates import (
    ORG_WORDS,
    candidate_names,
    nominative,
    refine_cued,
    with_number,
)
from enrich.companies import CompanyHit, Gazetteer, normalize_name, strip_legal_form
from enrich.orgs import KnownOrganization, org_index

_NAME = (
    r"(?P<name>[A-Z][\w&+.:-]*[\w+]|[A-Z]|[a-z][A-Z0-9][\w&+-]*[\w+])"
    r"(?P<more>(?:[ \u00a0](?:[A-Z][\w&+.-]*[\w+]|AI|IA|KI|Labs?|\d+))*)"
)
_SP_RE = "[ \u00a0]"
_FUNCTION = (
    r"(?!(?:de|du|des|d|of|by|von|del|with|avec|qui|que|which|that|dans|in|for|pour|à|au|aux|"
    r"et|and|the|la|le|les|a|an|un|une|est|is|has|was|a|se|s|sur|on|en)\b)"
)
_CUE_WORDS = (
    "start-?up", "jeune pousse", "pépite", "licorne", "unicorn", "scale-?up", "société",
    "entreprise", "éditeur", "firm", "company", "chipmaker", "maker", "designer", "developer",
    "provider",
    "unternehmen", "empresa", "compañía", "fabricant", "spécialiste", "specialist", "rival",
    "builder", "supplier", "vendor", "operator", "biotech", "armateur", "groupe", "group", "outfit",
    "konkurrenten", "konkurrent", "wettbewerber", "fintech", "fonds", "fund", "firma",
)


def _either_case(word: str) -> str:
    """"[Ss]ociété": case-sensitive patterns are far faster than re.I in ``re``."""
    return f"[{word[0].upper()}{word[0]}]{word[1:]}"


_CUE = "(?:" + "|".join(_either_case(w) for w in _CUE_WORDS) + ")"
_DISCOVERY = [
    re.compile(rf"{_CUE}(?:\s+{_FUNCTION}[a-zà-ÿ'’-]+){{0,2}}\s+{_NAME}"),
    re.compile(
        rf"{_NAME},\s+(?:a|an|the|une?|la|le|l['’])\s*(?:[\w'’-]+\s+){{0,4}}?"
        r"(?i:start-?up|company|firm|jeune pousse|société|maker|developer|provider|pépite|empresa|"
        r"group|groupe|grupo|fund|fonds|bank|banque|insurer|assureur|operator|opérateur|investor|"
        r"investisseur|Unternehmen|Konzern|spécialiste|specialist|éditeur|fabricant|holding|"
        r"family office|oficina familiar|office familial|mutuelle|mutua|coopérative|cooperative|"
        r"cooperativa|Familienunternehmen|Genossenschaft|brewer|brasseur)"
    ),
    re.compile(rf"[A-Z][\w]+-based\s+{_NAME}"),
    re.compile(
        rf"(?:acquire|acquires|acquired|acquisition of|to buy|buys|bought|rachat de|racheter|"
        rf"rachète|"
        rf"l['’]acquisition de|übernimmt|adquirir|stake in|investment in|invested in|"
        rf"partnered with|partners with|teamed up with|teams up with|s['’]associe à|"
        rf"s['’]allie à|s['’]allie avec|se alía con|partenariat avec|alianza con)\s+{_NAME}"
    ),
    # sentence subject of a deal verb, after at most three auxiliaries ("X has agreed to buy")
    re.compile(
        rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?:(?:Le|La|L['’]|The|El|Der|Die|Das)\s*"
        rf"(?:[a-zà-ÿ][\w'’-]*\s+){{1,3}})?{_NAME}\s+"
        r"(?:(?:has|have|had|will|is|are|was|to|also|a|ont|va|"
        r"vont|hat|haben|wird|ha|han|officially|officiellement|agreed|signed|definitive|agreement|a|"
        r"annoncé|acordado|cerrado|la|el|l['’]|le|de|del|renonce|renoncé|renuncia|renunciado|abandonne|"
        r"abandonné|drops|dropped|scraps|scrapped|ends|ended|walks|walked|away|from|its|en|"
        r"négociations|négociation|discussions|pour|in|talks|advanced|negocia|verzichtet|auf|au|à|"
        r"[£$€][\d.,]+(?:\s?(?:million|billion|bn|m)\b)?)\s*)"
        r"{0,6}(?:acquir\w*|takeover|bid|acquisition|rachat|investir|buy\w*|bought|purchas\w*|merge\w*|complet\w*|closed|finalis\w*|"
        r"rach[eè]t(?:e|é|era|ent|er)|achète|fusionn(?:e|ent|era)|übernimmt|übernommen|übernahm|kauft|Kauf|"
        r"gekauft|adquier(?:e|en)|adquirió|compr(?:a|ó|ará)|invest(?:s|ed|it|ira|iert|ierte)|"
        r"rejected|rejeté|declined|partnered|partners|teams|teamed|noué|s['’]associe|"
        r"s['’]allie|se alía|kooperiert|arbeiten|arbeitet|steigt|stieg|prend|a pris|takes|took|"
        r"toma|ha tomado|ha adquirido)\b",
        re.M,
    ),
    # "X and Y have agreed to merge", "X, Y et Z participent au tour de table"
    re.compile(
        rf"{_NAME}(?=(?:(?:,\s+|\s+(?:and|et|und|y)\s+)[A-Za-z][\w&+.-]*(?:\s[A-Z][\w&+.-]*)*)+\s+"
        r"(?:(?:have|has|will|also|ont|haben|han|mutually)\s+)?(?:agreed|signed|called off|"
        r"terminat\w*|abandon\w*|scrapped|ended|announced|to merge|merge|formed|eine Partnerschaft|"
        r"arbeiten|se alían|han sellado|"
        r"fusionn\w*|s['’]associent|s['’]allient|ont (?:signé|annoncé|conclu)|kooperieren|"
        r"fusionieren|"
        r"participent|participate[sd]?|joined|took part|zogen mit|beteiligten sich|participaron|"
        r"participan)\b)"
    ),
    re.compile(
        rf"(?:,\s+|\s(?:and|et|und|y)\s+){_NAME}\s+(?:(?:have|has|will|also|ont|haben|han|mutually)\s+)?"
        r"(?:agreed|signed|called off|terminat\w*|abandon\w*|scrapped|ended|announced|to merge|"
        r"merge|formed|eine Partnerschaft|arbeiten|se alían|han sellado|"
        r"fusionn\w*|s['’]associent|s['’]allient|ont (?:signé|annoncé|conclu)|kooperieren|"
        r"fusionieren|"
        r"participent|participate[sd]?|joined|took part|zogen mit|beteiligten sich|participaron|"
        r"participan)\b"
    ),
    # investors named around a round: "led by X", "X mène l'opération", "liderada por X"
    re.compile(
        rf"(?:led by|co-led by|men[ée]e?s? par|liderada por|angeführt von|[Rr]unde von|"
        rf"participación de|participation de|backed by){_SP_RE}+{_NAME}"
    ),
    re.compile(rf"{_NAME}\s+(?:mène|mènent|a mené|ont mené|leads|led the|co-led|lidera|lideró)\b"),
    # the company whose shareholders vote, whose capital is bought, who is paid for a licence
    re.compile(
        rf"{_NAME}(?:['’]s)?\s+(?:shareholders|stockholders|investors|board|actionnaires|Aktionäre|accionistas)\b"
    ),
    re.compile(
        rf"(?:capital (?:d['’]|de )|stake in |participation dans |purchase of |takeover of |"
        rf"rachat d['’]|acquisition d['’]|Übernahme von |compra de |adquisición de |"
        rf"pay |pays |paying |will pay |pagará a |paiera |zahlt |filiale d['’]|filiale de |"
        rf"subsidiary of |"
        rf"filial de |\d %\s(?:of|de|du|del|von) |\d%\s(?:of|de|du|del|von) ){_NAME}"
    ),
    # lower-case camel-case brands stand out on their own: "eToro", "vLex", "iRobot"
    re.compile(r"(?<![\w@#/.&-])(?P<name>[a-z]{1,2}[A-Z][a-z]+[A-Za-z0-9]*)(?P<more>)(?![\w])"),
    # German compound job nouns: "der Flugzeugbauer X", "das Softwareunternehmen X"
    re.compile(
        rf"[A-ZÄÖÜ][a-zäöüß]+(?:bauer|hersteller|konzern|anbieter|spezialist|entwickler|unternehmen)s?"
        rf"\s+{_NAME}"
    ),
    re.compile(
        rf"(?:^|(?<=[.!?]\s)|(?<=\n)){_NAME}\s+(?:raises|lève|a levé|has raised|sammelt|recauda|"
        r"levanta|secures|closes|lands|boucle|obtient|décroche)\b",
        re.M,
    ),
    # the agent of a passive deal ("acquired by X", "rachetée par X", "durch X"); names are
    # read only in deal sentences and the lead
    re.compile(rf"\b(?:by|par|durch|por){_SP_RE}+(?:(?:the|le|la|den|dem|el){_SP_RE}+)?{_NAME}"),
    # lower-case brands written as a web address: "hawkr.ai", "nivo.health"
    re.compile(
        r"(?<![\w@/.&-])(?P<name>[a-z][a-z0-9-]{1,24}\.(?:ai|io|app|health|tech|bio|ml|dev))"
        r"(?P<more>)(?![\w-]|\.\w)"
    ),
    # one of several companies a feature has described, named in apposition: "One of them,
    # X, raised", "L'une d'elles, X, a levé", "Una de ellas, la bogotana X, levantó"
    re.compile(
        r"(?:One of them|One of these|One of those|L['’]une d['’](?:entre )?elles|"
        r"L['’]un d['’](?:entre )?eux|Une d['’](?:entre )?elles|Una de ellas|Uno de ellos|"
        r"Eine davon|Einer davon|Eines davon|Eine von ihnen|Eines von ihnen),\s+"
        rf"(?:(?:the|la|le|l['’]|el|die|der|das)\s*(?:[a-zà-ÿ][\w-]*\s+){{0,2}})?{_NAME}"
    ),
]
#: Time words that open date phrases ("Début 2024", "Fin mai", "Early 2025", "Anfang 2024"):
#: a name starting with one of them is a date, never a company.
_TIME_WORDS = {
    "début", "fin", "mi", "early", "late", "mid", "end", "beginning", "anfang", "ende", "mitte",
    "principios", "finales", "mediados", "comienzos", "spring", "summer", "autumn", "fall",
    "winter", "printemps", "été", "automne", "hiver", "frühjahr", "sommer", "herbst",
    "primavera", "verano", "otoño", "invierno", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "janvier",
    "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre", "q1", "q2", "q3", "q4", "h1", "h2", "last", "next",
    "this", "dernier", "dernière", "prochain", "letzten", "nächsten",
}
#: "the company Elon Musk started": the founder named after a cue word, not the company.
_FOUNDER_AFTER = re.compile(
    r"\s+(?:(?:has|had|a|hat|ha|co-?)\s*)?(?:started|founded|co-?founded|launched|created|set up|"
    r"runs|leads|fondée?|fondé|créée?|lancée?|dirige|gegründet|gründete|fundó|fundada|creó)\b"
)


def is_time_phrase(name: str) -> bool:
    """"Début 2024", "Fin mai", "Early 2025", "Anfang 2024": a date, not a company."""
    return name.split()[0].casefold() in _TIME_WORDS


_NOT_NAMES = {
    "AI", "IA", "KI", "The", "This", "That", "La", "Le", "Les", "Un", "Une", "Selon", "En", "In",
    "Der", "Die", "Das", "El", "Los", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "It", "Its", "Il", "Elle", "Son", "Sa",
    "Ses", "CEO", "PDG", "US", "Series", "Série", "Serie", "Paris", "London", "Londres", "Berlin",
    "Madrid", "New", "San", "Silicon", "Europe", "France", "China", "Chine", "American",
    "French", "German", "Spanish", "British", "Israeli", "Canadian", "Talks", "Deal", "GPU",
    "iPhone", "iPad", "iOS", "iCloud", "macOS", "iMac", "iPod", "iTunes", "watchOS", "tvOS",
    "visionOS", "ePrivacy", "eCommerce", "eMobility", "eSports", "eSIM", "mRNA", "Under",
    "According", "Both", "Cet", "Ce", "Cette", "Ces", "Des", "Du", "De", "A", "An", "These",
    "Those", "Dieser", "Diese", "Ein", "Eine", "Este", "Esta", "Una", "Nous", "We", "They", "He",
    "UK", "U.K.", "U.S.", "USA", "EU-Kommission",
    "She", "Er", "Sie", "Ils", "Elles", "On", "Après", "After", "Mais", "But", "Pour", "For",
    "Las", "Sources", "Analysts", "Investors", "GPUs", "CPU", "API", "EU", "UE", "Shares",
    "Their",
}


# Speed: a pattern that starts with a name is tried at every capital letter, which is slow
# in ``re``.  Those patterns end with a keyword, so they run only in a window before each
# keyword found by a cheap literal search.  (pattern index -> keyword regex, window width)
_KEYED = {
    4: (re.compile(r"acquisition|rachat|investir|"
                   r"acquir|buy|bought|purchas|merge|complet|closed|finalis|rach[eè]t|achète|fusionn|"
                   r"übern|kauft|Kauf|gekauft|adquir|compr|invest|reject|declined|partner|"
                   r"teams|teamed|noué|associe|allie|alía|kooperiert|arbeite|steigt|stieg|"
                   r"prend|pris|takes|took|toma|takeover|bid"), 140),
    5: (re.compile(r"agreed|signed|called off|terminat|abandon|scrapped|ended|announced|merge|"
                   r"formed|Partnerschaft|arbeiten|alían|sellado|"
                   r"fusionn|"
                   r"associent|allient|ont (?:signé|annoncé|conclu)|kooperieren|fusionieren|"
                   r"particip|"
                   r"joined|took part|zogen mit|beteiligten"), 160),
    8: (re.compile(r"mène|mené|leads|led the|co-led|lidera|lideró"), 80),
    9: (re.compile(r"shareholders|stockholders|investors|board|actionnaires|Aktionäre|"
                   r"accionistas"), 80),
    13: (re.compile(r"raises|lève|levé|raised|sammelt|recauda|levanta|secures|closes|lands|boucle|"
                    r"obtient|décroche"), 80),
}
_CUE_KEY = re.compile("|".join(_CUE_WORDS))
#: Speed: words one of which a match of the pattern holds (pattern index -> words, tried
#: with ``in`` before the pattern runs over a sentence).  Most sentences hold none.
_NEEDS = {
    1: (",",),
    2: ("-based",),
    3: ("acqui", "buy", "bought", "rach", "übernimmt", "adquirir", "stake in", "invest",
        "partner", "teams up", "teamed up", "associe", "allie", "alía", "alianza con"),
    7: ("by", "par", "por", "von"),
    8: ("mène", "mené", "lead", "led", "lider"),
    9: ("holders", "investors", "board", "actionnaires", "Aktionäre", "accionistas"),
    10: ("capital ", "stake in ", "participation dans ", "purchase of ", "takeover of ",
         "rachat d", "acquisition d", "Übernahme von ", "compra de ", "adquisición de ", "pay",
         "pagará a ", "paiera ", "zahlt ", "filial", "subsidiary of ", "%"),
    12: ("bauer", "hersteller", "konzern", "anbieter", "spezialist", "entwickler", "unternehmen"),
    14: ("by", "par", "durch", "por"),
    15: (".ai", ".io", ".app", ".health", ".tech", ".bio", ".ml", ".dev"),
    16: ("One of", "L'un", "L’un", "Une d", "Una de", "Uno de", "Eine", "Einer", "Eines"),
}
#: A lower-case camel-case brand holds a small letter just before a capital.
_CAMEL = re.compile(r"[a-z][A-Z]")
_CAMEL_INDEX = 11
#: The pattern of a deal verb's subject at a sentence start, and the articles that may open it.
_SUBJECT_INDEX = 4
_ONE_OF_INDEX = 16
_ARTICLES = frozenset({"The", "Le", "La", "Les", "Der", "Die", "Das", "El", "Los", "Las"})


def _matches(index: int, pattern: re.Pattern, text: str, low: str | None):
    if index == 0 and low is not None:
        for k in _CUE_KEY.finditer(low):  # the cue starts the pattern: anchor there
            m = pattern.match(text, k.start())
            if m:
                yield m
        return
    keyed = _KEYED.get(index)
    if keyed is None:
        yield from pattern.finditer(text)
        return
    key, width = keyed
    end = -1
    for k in key.finditer(text):
        if k.start() < end:
            continue
        for m in pattern.finditer(text, max(0, k.start() - width), k.end() + 25):
            end = max(end, m.end())
            yield m


def _absent_patterns(text: str) -> frozenset[int]:
    """Indexes of the patterns none of whose needed words occur in ``text``."""
    out = {i for i, needs in _NEEDS.items() if not any(word in text for word in needs)}
    if _CAMEL.search(text) is None:
        out.add(_CAMEL_INDEX)
    return frozenset(out)


def discovered_names(
    text: str,
    gazetteer: Gazetteer,
    language: str | None = None,
    regions=None,
    skip: frozenset[int] = frozenset(),
) -> set[str]:
    """Names that cue patterns mark as companies ("la jeune pousse X", "led by X"), read
    in ``regions`` ((start, end) offsets; the whole text when None)."""
    if regions is not None:
        # patterns whose literal pieces the article lacks are left out once for all regions
        skip = _absent_patterns("\n".join(text[start:end] for start, end in regions))
        names: set[str] = set()
        for start, end in regions:
            names |= discovered_names(text[start:end], gazetteer, language, skip=skip)
        return names
    names = set()
    lowered = text.lower()
    low = lowered if len(lowered) == len(text) else None
    for index, pattern in enumerate(_DISCOVERY):
        if index in skip:
            continue
        needs = _NEEDS.get(index)
        if needs is not None and not any(word in text for word in needs):
            continue
        if index == _CAMEL_INDEX and _CAMEL.search(text) is None:
            continue
        for m in _matches(index, pattern, text, low):
            if text[m.end() : m.end() + 2] in ("'s", "’s"):
                continue  # "buys Jony Ive's device startup io": the owner, not the company
            if index == 0 and _FOUNDER_AFTER.match(text, m.end()):
                continue  # "the company Elon Musk started in 2023": its founder
            name = (m.group("name") + m.group("more")).strip(" .:-")
            name = name.split("-based ")[-1]
            if index == _SUBJECT_INDEX and name.split()[0] in _ARTICLES and " " in name:
                name = name.split(" ", 1)[1]  # "Die Stadtwerke Emsland arbeiten ... zusammen"
            if name.split()[0] in _NOT_NAMES or normalize_name(name) in gazetteer._by_key:
                continue
            end = max(m.end("name"), m.end("more"))
            if is_time_phrase(name) or (index != 0 and _place_adjective(name, text, end)):
                continue
            if _LOCATIVE.search(text, max(0, m.start("name") - 14), m.start("name")):
                if lexicons.is_place(name):
                    continue  # "a robotics firm from Acapulco", "basée à Lyon"
            at = m.start("name")
            opening = at == 0 or text[at - 1] == "\n" or text[max(0, at - 2) : at] in _STOPS
            adjective = bool(_LOWER_NEXT.match(text, end))
            if adjective and name.endswith((" AI", " IA", " KI")):
                # "the Barcelona AI start-up X" describes X; "Tempo IA pour ..." is a name
                adjective = _CUE_KEY.match(text[end:].lstrip(" -").lower()) is not None
            raw, name = name, refine_cued(name, language, adjective, opening)
            single = " " not in raw and not lexicons.is_common(raw, language)
            if name is None and index == _ONE_OF_INDEX and single:
                name = raw  # "Eine davon, Halbleiterblick, hat": the slot is a name's
            if name and len(name) >= 2 and not name.isdigit():
                names.add(name)
    return names


#: Words after which a place is where something is, not a party ("invest in X" is not one).
_LOCATIVE = re.compile(
    r"\b(?:from|at|near|outside|(?:based|headquartered|located) in|basée? à|installée? à|située? à|"
    r"près de|aus|bei|nach|desde|con sede en|ubicada en)\s+$",
    re.I,
)
_STOPS = (". ", "! ", "? ")
_LOWER_NEXT = re.compile(r"\s+[a-zà-ÿ]|-[a-z]")


def _place_adjective(name: str, text: str, end: int) -> bool:
    """"buys Osaka robotics start-up Kazeto": a place read as an adjective, not a company.
    A place name standing alone stays ("acquire Sana, a ... maker", "stake in Nokia")."""
    return lexicons.is_place(name) and not name.isupper() and bool(_LOWER_NEXT.match(text, end))


def is_org_word(word: str) -> bool:
    return word.casefold() in ORG_WORDS


def _swallows_known(name: str, gazetteer: Gazetteer) -> bool:
    """"Bestandsinvestoren General Catalyst" holds a known name after other words; "Sierra
    Madre Partners" begins with one and goes on to its own organisation word: another firm.
    A strict entry (an ordinary word such as "Sierra", "Orange") swallows nothing."""
    found = gazetteer._pattern.search(name)
    if found is None:
        return False
    company = gazetteer.get(found.group(0))
    if company is not None and company.strict:
        return False  # "Banco Sierra Alta": an ordinary-word name inside another firm's name
    rest = name[found.end() :].split()
    own = [w for w in rest if not is_org_word(w)]
    return found.start() > 0 or not (own and rest and is_org_word(rest[-1]))


def discover(
    text: str, gazetteer: Gazetteer, language: str | None = None, regions=None
) -> list[CompanyHit]:
    """Companies missing from the gazetteer -- from cues, and as name candidates of the
    sentences in ``regions`` (the whole text, cues only, when None) -- then every mention
    of them in ``text``."""
    names = discovered_names(text, gazetteer, language, regions)
    if regions:
        for name in candidate_names(text, regions, language):
            if normalize_name(name) not in gazetteer._by_key:
                names.add(name)
    # a discovered name that swallowed a known one ("Bestandsinvestoren General Catalyst")
    names = {with_number(n, text) for n in names if not _swallows_known(n, gazetteer)}
    # a short form of a longer discovered name is the same company ("Grob", "Grob Aircraft")
    spelled = _spelled_out(text, names)
    names |= set(spelled)
    # (names in sorted order, the shortest longer form first: the same hits whatever the
    # iteration order of the set, so the output never depends on PYTHONHASHSEED)
    ordered = sorted(names, key=lambda n: (len(n), n))
    longer = {
        n: next(
            (o for o in ordered if o.startswith(n + " ") and not _noun_after(n, o, text, language)),
            None,
        )
        for n in ordered
    }
    hits = []
    for name in ordered:
        canonical = spelled.get(name) or strip_legal_form(longer[name] or name)
        canonical = nominative(canonical, language)
        for start in occurrences(text, name):
            hits.append(CompanyHit(canonical, start, start + len(name), False))
    return hits


def _german_noun(word: str) -> bool:
    """An ordinary German noun, not an English one that names a firm ("Aircraft")."""
    return (
        lexicons.is_common(word, "de") and not lexicons.is_common(word, "en")
        and not is_org_word(word)
    )


def _noun_after(short: str, long: str, text: str, language: str | None) -> bool:
    """"will Halbleiterblick Büros in Taiwan eröffnen": in German, where every noun is
    capitalised, a name written alone more often than with the ordinary nouns after it is
    followed by them, not named by them."""
    rest = long[len(short) + 1 :].split()
    if language != "de" or not all(_german_noun(w) for w in rest):
        return False
    together = len(occurrences(text, long))
    return len(occurrences(text, short)) - together >= together


#: "TGL (Transports Garonne Logistique)" and "Transports Garonne Logistique (TGL)": the
#: parenthesis is found first, then the words on its other side.
_ACRONYM_FIRST = re.compile(r"\b([A-Z][A-Z&]{1,5})\s+\(([A-ZÀ-Þ][^()\n]{3,80})\)")
_ACRONYM_AFTER = re.compile(r"\s\(([A-Z][A-Z&]{1,5})\)")


def _acronym_pairs(text: str, names: set[str]):
    if any(n.isupper() and len(n) <= 6 for n in names):  # "TGL (...)": TGL is a name found
        for m in _ACRONYM_FIRST.finditer(text):
            yield m.group(1), m.group(2)
    for m in _ACRONYM_AFTER.finditer(text):
        head = text[max(0, m.start() - 80) : m.start()].rsplit("\n", 1)[-1]
        yield m.group(1), head


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def _spelled_out(text: str, names: set[str]) -> dict[str, str]:
    """An acronym and the name it stands for, written side by side in parentheses, are one
    company, called by the spelled-out name (an acronym stands for many things; the full name
    is the one other stories will use too): {each form: the spelled-out name}."""
    if " (" not in text:
        return {}
    out: dict[str, str] = {}
    for short, long in _acronym_pairs(text, names):
        found = next((n for n in sorted(names) if long.endswith(n) and _initials(n) == short), None)
        tail = " ".join(long.split()[-len(short) :])
        if found is None and short in names and _initials(tail) == short and all(
            w[:1].isupper() for w in tail.split()
        ):
            found = tail  # "Die Hafen Logistik Werke (HLW) übernehmen": nouns, but spelled out
        if found is None:
            continue
        long = found
        out[short] = out[long] = strip_legal_form(long)
    return out


def occurrences(text: str, name: str) -> list[int]:
    """Start offsets of ``name`` as a whole word in ``text`` (plain ``str.find``: a regex
    per name would be compiled anew for every article)."""
    out, pos = [], text.find(name)
    while pos >= 0:
        end = pos + len(name)
        before = text[pos - 1] if pos else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_@#/.&-") and not (after.isalnum() or after == "_"):
            out.append(pos)
        pos = text.find(name, pos + 1)
    return out


def known_hits(text: str, known: tuple[KnownOrganization, ...]) -> list[CompanyHit]:
    """Mentions of organizations known from earlier articles (people excluded)."""
    if not known:
        return []
    return [
        CompanyHit(org.name, start, end, True)
        for org, start, end in org_index(known).find(text)
        if org.kind != "person"
    ]


def find_all(
    text: str,
    gazetteer: Gazetteer,
    known: tuple[KnownOrganization, ...] = (),
    language: str | None = None,
    regions=None,
) -> list[CompanyHit]:
    """Known and discovered company mentions, sorted, without overlaps.  The gazetteer
    wins over organizations known from earlier articles, which win over discovery.
    ``regions`` are the (start, end) offsets of the sentences read for names (the deal
    sentences and the lead), where every proper-name span is a candidate."""
    found = [(h, 0) for h in gazetteer.find(text)] + [(h, 1) for h in known_hits(text, known)]
    found += [(h, 2) for h in discover(text, gazetteer, language, regions)]
    hits = [h for h, _ in sorted(found, key=lambda x: (x[0].start, -x[0].end, x[1]))]
    out: list[CompanyHit] = []
    for hit in hits:
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    out = [h for i, h in enumerate(out) if not _owner_of_next(text, h, out[i + 1 : i + 2])]
    people = _owners(text, out)
    return [h for h in out if h.name not in people] if people else out


def _owners(text: str, hits: list[CompanyHit]) -> set[str]:
    """Unknown names written as owners of a known company ("Elon Musk's company xAI"):
    people, even where they stand alone ("Musk bought Twitter")."""
    known_starts = {h.start for h in hits if h.known}
    people = set()
    for name in {h.name for h in hits if not h.known}:
        for start in occurrences(text, name):
            gap = _OWNER_AT.match(text, start + len(name))
            if gap and gap.end() in known_starts:
                people.add(name)
    return people


_OWNER_AT = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}")
_OWNER_GAP = re.compile(r"['’]s?\s+(?:[a-z][\w-]*\s+){0,2}$")


def _owner_of_next(text: str, hit: CompanyHit, following: list[CompanyHit]) -> bool:
    """"Elon Musk's xAI": an unknown name owning the next company is a person, not a party."""
    if hit.known or not following:
        return False
    gap = text[hit.end : following[0].start]
    if _DEAL_NOUN_GAP.search(gap):
        return False  # "Brightwell's takeover of Quorra": the buyer, not an owner
    return bool(_OWNER_GAP.match(gap))


_DEAL_NOUN_GAP = re.compile(
    r"\b(?:takeover|acquisition|purchase|bid|offer|merger|investment|stake|buyout|deal)\b"
)
