"""Deal-type trigger words (EN/FR/DE/ES) and role cues used by the extractor."""

from __future__ import annotations

import re
from itertools import groupby, pairwise

#: Sale verbs: the seller is the subject, the buyer comes after "to" ("sold X to Y").
SALE_VERBS = (
    r"\bsold\b|\bsells?\b|\bvend(?:u|ue|ra)?\b|\ba vendu\b|\bc[èé]d(?:e|é|ée|er|era)\b|"
    r"\bverkauft\b|\bveräußert\b|\bvende\b|\bvendió\b|\bvendido\b"
)
SALE = re.compile(SALE_VERBS, re.I)
#: The buyer after a sale verb: "to the Dutch group Y", "au groupe néerlandais Y", "an Y".
SALE_TO = re.compile(
    r"\b(?:to|à|au|aux|an|a)\s+(?:(?:the|le|la|les|l['’]|den|die|das|el)\s*)?"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.I,
)

#: Verbs that raise money only when an amount follows: "lands $20 million", "bags €5m",
#: "décroche 3 millions", "erhält 12 Millionen Euro", "sichert sich", "capta 3 millones".
MONEY_VERBS = (
    r"\b(?:lands?|landed|bags?|bagged|nabs?|nabbed|snags?|snagged|pulls? in|pulled in|"
    r"gets?|got|obtient|a obtenu|décroche|a décroché|empoche|a empoché|récolte|a récolté|"
    r"erhält|erhielt|hat erhalten|sichert sich|sicherte sich|holt sich|holt|holte|bekommt|"
    r"bekam|capta|captó|ha captado|obtiene|obtuvo|ha obtenido|consigue|consiguió|"
    r"ha conseguido|logra|logró|ha logrado|recibió|ha recibido|received|has received|"
    r"a reçu)"
    r"(?=\s+(?:(?:an?|some|about|nearly|almost|more than|over|près de|plus de|rund|knapp|"
    r"mehr als|über|fast|unos|más de|casi|cerca de)\s+)?(?:[$€£¥₹]|US\$|C\$|CHF|"
    r"\d[\d.,]*\s*(?:m|bn|k|million|billion|millions?|milliards?|millionen|milliarden|mio|"
    r"mrd|millones|crore|lakh|euros?|dollars?|francs?|franken|pounds|livres|dólares|yen|"
    r"yenes|won|kronor)\b))"
)
#: Takeover phrasings where the bought company comes first and the buyer after it:
#: "X tombe dans l'escarcelle de Y", "passe sous pavillon Y", "geht an Y", "pasa a manos de Y".
REVERSED = re.compile(
    r"escarcelle|pavillon|sous le contrôle|dans le giron|rejoint le giron|geht an|"
    r"en manos de|a manos de",
    re.I,
)

TRIGGERS = {
    "funding_round": (
        r"\b(?:raises?|raised|raising)\b(?!\s+(?:concerns?|questions?|doubts?|objections?|"
        r"fears|worries|eyebrows|prices?|its (?:forecast|guidance|outlook|offer|bid)))|"
        r"\bsecures?\b|\bsecured\b|\bfunding round\b|"
        r"\bround of funding\b|\bSeries [A-H]\b|\bseed round\b|\bfundraise\b|\bfundraising\b|"
        r"\bl[eè]ve\b|\ba levé\b|\blevée de fonds\b|\blevée\b|\btour de table\b|\bsérie [A-H]\b|"
        r"\bsammelt\b|\beingesammelt\b|\beinsammeln\b|\bsammelte\b|\blever\b|\braise\b|\bFinanzierungsrunde\b|\brecauda\b|\brecaudó\b|\brecaudad[oa]\b|"
        r"\bronda de (?:financiación|financiamiento)\b|\blevanta\b|\blevantó\b|\bha levantado\b|"
        r"\b(?:joined|took part in|participated in) the (?:round|financing|funding)\b|"
        r"\balso (?:took part|participated|joined|participating)\b|\bzogen mit\b|"
        r"\bbeteiligten sich\b|\bmit dabei\b|\bont (?:également|aussi) participé\b|"
        r"\b(?:ont|a|have|has|han|ha) (?:complété|completed|completado) (?:le|the|la) "
        r"(?:tour de table|round|ronda)\b|\bbeteiligt (?:ist|sind|waren|war) auch\b|"
        r"\bparticipent\b|\bparticipan\b|\bparticiparon\b|\bm[eè]n(?:e|ent) l['’]opération\b|"
        r"\bled the (?:round|financing)\b|\bRunde\b|\bronda\b|\bha liderado\b|\bhas led\b|"
        r"\bfinancement\b|\bfinancing\b|\btour (?:de financement|d['’]amorçage|de (?=\d))|"
        r"\bround led by\b"
    ),
    "acquisition": (
        r"\bacquir(?:es?|ed|ing)\b|\bacquisition\b|\bbuys?\b(?! into)|\bbought\b(?! into)|"
        r"\bbuying\b(?! into)|\btakeover\b|"
        r"\btake over\b|\bpurchase\b|\brach[eè]t(?:e|er|é|ée)\b|\brachat\b|\bacquérir\b|"
        r"\bacquiert\b|"
        r"\ba acquis\b|\bs['’]offre\b|\bs['’]est offert\b|\bmet(?:tre)? la main sur\b|\bachat\b|"
        r"\bübernimmt\b|\bübernehmen\b|\bübernommen\b|\bÜbernahme\b|\bkauft\b|\bkaufen\b|\bgekauft\b|"
        r"\badquier(?:e|a)\b|\badquirir\b|\badquirid[oa]s?\b|\badquirió\b|\badquisición\b|\bcompra\b|\bcomprar\b|\bcompró\b|"
        r"\boffre\b(?! (?:du groupe|de (?:services|produits|solutions|logiciels)|commerciale))|"
        r"\boffer\b|\bbid\b|\bpursuit of\b|\b(?:agreed to|will|to) pay\b(?=[^.;]{0,60}\bfor\b)|"
        r"\bKauf\b|\bcomprad[oa]\b|\bcompraría\b|\berwirbt\b|\berworben\b|\bs['’]empare\b|"

        + SALE_VERBS
    ),
    "merger": (
        r"\bmerg(?:e|es|ed|er|ing)\b|\bfusion(?:ne|ner|nent|nera)?\b|\bFusion\b|\bfusiona\w*\b|"
        r"\bfusión\b|\bfusionier\w*|\brapprochement\b|\bunissent leurs forces\b|"
        r"\bunen (?:sus )?fuerzas\b|"
        r"\bschließen sich\b[^.]{0,40}\bzusammen\b"
    ),
    "investment": (
        r"\binvest(?:s|ed|ing|ments)?\b|"
        r"\binvestment\b(?!\s+(?:arm|firm|fund|company|group|vehicle|house|office|unit|"
        r"division|bank|manager)s?\b)|\bstake\b|\bbacks\b|\bbacked\b|\bbacking\b|"
        r"\bbuy(?:s|ing)? into\b|\bbought into\b|"
        r"\binject(?:s|ed)?\b|\bpour(?:s|ed)\b|\binvesti(?:t|r)?\b|"
        r"\binvestissements?\b(?<!d['’]investissement)(?<!d['’]investissements)|\binjecté\b|"
        r"\binjecte\b|\bmis(?:e|é|er)\b|\bsoutenu financièrement\b|\bsoutenu\b|\bsoutient\b|"
        r"\bprise de participation\b|\bparticipation\b|\bentre au capital\b|\bbeteiligt\b|"
        r"\bsteigt (?:bei|mit)\b|\bstieg (?:bei|mit)\b|"
        r"\b(?:steigt|stieg|steigen|stiegen)\b(?=[^.;!?]{0,100}\bbeim?\b[^.;!?]{0,60}\bein[.,;!?])|"
        r"\b(?:prend|prendra|a pris|a (?:ainsi|déjà|aussi) pris|takes|took|will take|toma|"
        r"tomó|ha tomado|ha adquirido|"
        r"adquiere|adquirió)\s+(?:an?\s+|un\s+|une\s+)?\d+(?:[.,]\d+)?\s*"
        r"(?:%|per cent|percent|pour cent|por ciento)|"
        r"\bBeteiligung\b|\binvestiert\b|\binvestierte\b|\bInvestition\b|\binvierte\b|"
        r"\binvirtió\b|\binvertid[oa]\b|\binvertir(?:á|án)?\b|\binversión\b|\bparticipación\b"
    ),
    "licensing": r"\blicens(?:e|es|ed|ing)\b|\blicence\b|\bLizenz\w*|\blicencia\w*",
    "partnership": (
        r"\bpartnership\b|\bpartners with\b|\bpartnered with\b|\bpartnering with\b|"
        r"\bteams? up\b|\balliance\b|\bpartenariat\b|"
        r"\bs['’]allie\b|\bse alía\b|\bse alían\b|\bPartnerschaft\b|"
        r"\barbeiten\b(?=[^.;]{0,60}\bzusammen\b)|\barbeitet\b(?=[^.;]{0,60}\bzusammen\b)|"
        r"\bkooperiert\b|\bKooperation\b|\balianza\b|"
        r"\bcollaboration\b|\bacuerdo de colaboración\b|\bs['’]associ(?:e|ent)\b|\bjoin forces\b|"
        r"\bjointly (?:develop|build|create|design|market|launch|offer|research|operate)\w*|"
        r"\bgemeinsam\b|\bconjointement\b|\bconjuntamente\b|\bde (?:forma|manera) conjunta\b|"
        r"\b(?:développer|développeront|développent|concevoir|concevront|travailler|"
        r"travailleront|travaillent|construire|construiront) ensemble\b|"
        r"\bwork(?:s|ing)? together\b"
    ),
}
#: Everyday phrasings, each with the literal pieces one of which every match holds: they are
#: looked for in a text only when a piece occurs (``in`` on a string is far faster than one
#: more branch in the big alternation).
EXTRA_TRIGGERS = (
    ("funding_round", ("million round", "billion round", "seed round", "bridge round",
                       "extension round", "growth round", "investment round", "equity round",
                       "venture round"),
     r"\b(?:million|billion|seed|bridge|extension|growth|investment|equity|venture) round\b"),
    ("funding_round", (
        " lands ", " landed ", " bags ", " bagged ", " nabs ", " nabbed ", " snag", "pulls in",
        "pulled in", "pull in", "obtient ", "obtenu ", "décroch", "empoch", "récolt", "erhält ",
        "erhielt ", "erhalten", "sichert sich", "sicherte sich", "holt", "bekommt ", "bekam ",
        " capta ", "captó", "captado", "obtiene ", "obtuvo ", "obtenido ", "consigu", "logra",
        "logró",
        "recibió", "recibido", "received ", "reçu ",
    ), MONEY_VERBS),
    ("acquisition", ("snap", "scoop", "pick up", "picks up", "picked up", "control of",
                     "private", "le contrôle", "escarcelle", "pavillon", "giron", "croque",
                     "schluck", "geht an", "se hace con", "se hizo con", "se ha hecho con",
                     "el control", "absorbe", "manos de"),
     r"\bsnap(?:s|ped|ping)? up\b|\bscoop(?:s|ed)? up\b|\bpick(?:s|ed)? up\b|"
     r"\b(?:take|takes|took|taking) control of\b|"
     r"\b(?:take|takes|took|taking)(?= (?:[\w'’.-]+ ){1,3}private\b)|"
     r"\b(?:prend|prendra|a pris|prendre) le contrôle\b|\bescarcelle\b|"
     r"\bpasse sous (?:le )?(?:pavillon|contrôle)\b|\bdans le giron\b|\bcroque\b|"
     r"\bschluckt\b|\bgeschluckt\b|\bgeht an\b|\bse hace con\b|\bse hizo con\b|"
     r"\bse ha hecho con\b|\b(?:toma|tomará|tomó|ha tomado) el control\b|"
     r"\babsorbe\b|\babsorberá\b|\bpasa a manos de\b"),
)
#: Characters from the start of a text in which the everyday phrasings are looked for: they
#: are the words of headlines and leads ("X snaps up Y", "X lands $20 million").
EXTRA_SPAN = 3000
_EXTRA_LOWER = tuple(
    (keys, re.compile(pattern.lower())) for _, keys, pattern in EXTRA_TRIGGERS
)
#: Order of preference when one clause holds several triggers.
PRIORITY = ("funding_round", "acquisition", "merger", "investment", "licensing", "partnership")
#: Per deal type, the base words and the everyday phrasings (clauses are short: one regex).
_FULL = {
    name: "|".join([pattern] + [p for t, _, p in EXTRA_TRIGGERS if t == name])
    for name, pattern in TRIGGERS.items()
}
TRIGGER_RES = {name: re.compile(pattern, re.I) for name, pattern in _FULL.items()}
ANY_TRIGGER = re.compile("|".join(f"(?:{p})" for p in _FULL.values()), re.I)
#: The base words only, for lower-cased text (case-sensitive matching is ~8x faster in
#: ``re``); :func:`trigger_positions` adds the everyday phrasings.
ANY_TRIGGER_LOWER = re.compile("|".join(f"(?:{p})" for p in TRIGGERS.values()).lower())


def _scan(pattern: str):
    """(offset, character, nesting depth before it) of the characters of ``pattern`` outside
    escapes and character classes."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            yield i, char, depth
            depth += {"(": 1, ")": -1}.get(char, 0)
        i += 1


def top_level(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` split at its top-level ``|``."""
    cuts = [i for i, char, depth in _scan(pattern) if char == "|" and depth == 0]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[a + 1 : b] for a, b in pairwise(bounds)]


def by_first_letter(alternatives: list[str]) -> re.Pattern:
    """The same matches as the alternation of ``alternatives`` (each a letter, or ``\\b``
    then a letter), written as one branch per first letter with any word boundary checked
    after it.  A pattern that opens with a letter lets ``re`` skip to the next possible
    letter in C instead of trying every branch at every offset (2.5-4x faster over an
    article).  The alternatives keep their order within a letter (a leading group is
    spread over its words in order), so every match is the same; two letters never match
    at one offset."""
    flat = []
    for alt in alternatives:
        bound = "\\b" if alt.startswith("\\b") else ""
        body = alt[len(bound) :]
        if body.startswith("(?:"):  # \b(?:raises?|raised)...: one alternative per word
            end = next(i for i, char, depth in _scan(body) if char == ")" and depth == 1)
            flat += [(bound, word + body[end + 1 :]) for word in top_level(body[3:end])]
        else:
            flat.append((bound, body))
    letters: dict[str, list[tuple[str, str]]] = {}
    for bound, body in flat:
        if not (body[:1].isalpha() and body[1:2] not in "?*+{"):
            raise ValueError(f"not a letter-initial alternative: {bound}{body!r}")
        letters.setdefault(body[0], []).append((bound, body[1:]))
    branches = []
    for first, rests in letters.items():
        # runs of alternatives with and without the boundary, in order; the boundary is
        # checked once per run, so that re still picks a run's branches by their letter
        runs = [list(run) for _, run in groupby(rests, key=lambda rest: rest[0])]
        branches.append(first + "(?:" + "|".join(
            f"(?<=\\b{first})" * bool(run[0][0]) + f"(?:{'|'.join(r for _, r in run)})"
            for run in runs
        ) + ")")
    return re.compile("|".join(branches))


#: :data:`ANY_TRIGGER_LOWER` by first letter: the same matches, found faster.
_ANY_TRIGGER_LOWER_FAST = by_first_letter(
    [alt for group in top_level(ANY_TRIGGER_LOWER.pattern) for alt in top_level(group[3:-1])]
)


def trigger_positions(text: str) -> list[int] | None:
    """Start offsets of trigger words in ``text`` (None if lower-casing moves offsets)."""
    low = text.lower()
    if len(low) != len(text):
        return None
    return lower_trigger_positions(low)


def lower_trigger_positions(low: str) -> list[int]:
    """Start offsets of trigger words in lower-cased ``low``."""
    found = [m.start() for m in _ANY_TRIGGER_LOWER_FAST.finditer(low)]
    head = low[:EXTRA_SPAN]
    extra = [
        m.start()
        for keys, pattern in _EXTRA_LOWER
        if any(key in head for key in keys)
        for m in pattern.finditer(head)
    ]
    return sorted(set(found + extra)) if extra else found

#: Funding triggers whose subject is the investors, not the company raising money.
PARTICIPATION = re.compile(
    r"joined|took part|participat|zogen mit|beteiligten|particip|mit dabei|m[eè]n(?:e|ent)|"
    r"led the|complet|complét|beteiligt (?:ist|sind|waren|war) auch",
    re.I,
)
#: Funding triggers that are nouns ("la levée de X"), unlike verbs they may precede the target.
FUNDING_NOUN = re.compile(r"round|levée|tour de table|s[ée]rie|runde|ronda|fundrais", re.I)
#: A round named as an earlier one ("its last funding round", "lors de sa dernière levée").
#: (not "last month", "la semaine dernière", "letzten Monat": when this round closed)
EARLIER_ROUND = re.compile(
    r"\b(?:last|previous|prior|earlier|most recent|dernière|précédente?|zuletzt|vorherigen?|"
    r"letzten|última|anterior)\b(?!\s+(?:month|week|year|quarter|mois|semaine|année|an|"
    r"Monat|Woche|Jahr|Quartal|mes|semana|año|trimestre)\b)(?<!semaine dernière)",
    re.I,
)
#: "X's proposed takeover", "l'offre ... d'Alphabet": deal nouns that name their buyer.
DEAL_NOUN = re.compile(
    r"^(?:offre|offer|bid|takeover|acquisition|purchase|rachat|Übernahme|Kauf|oferta|compra|adquisición|"
    r"merger|fusion|fusión)$",
    re.I,
)
OFFER_NOUN = re.compile(r"^(?:offre|offer|bid|proposition|Angebot|oferta)$", re.I)
OFFER_FROM = re.compile(
    r"^\s*(?:(?:de|of|von|by)\s+[^,;]*?\d[^,;]*?\s+)?(?:d['’]|de |from |von |del? )$", re.I
)
POSSESSIVE = re.compile(r"^['’]s?\s+(?:[\w$€£.,-]+\s+){0,3}$")
PAYS = re.compile(
    r"^\s+(?:(?:will|would|agreed to|has agreed to|is to|to|va|a accepté de)\s+)?"
    r"(?:pay|pays|paying|paid|payer|paiera|pagará a|pagará|paga a|zahlt|verse|versera)\s+$",
    re.I,
)
VERB_FINAL = re.compile(
    r"^(?:übernommen|gekauft|erworben|übernehmen|kaufen|erwerben|beteiligt|investiert)$", re.I
)
BOUGHT_FROM = re.compile(r"\b(?:from|auprès d[eu']?|von|de parte de)\s*$", re.I)
#: "acquired by Y", "bought by Amsterdam's Y", "racheté par le groupe Y", "durch den
#: Konkurrenten Y": up to three describing words between.
PASSIVE_BY = re.compile(
    r"\b(?:by|par|durch|por)\s+(?:(?:the|le|la|les|den|die|das|dem|el)\s+|l['’])?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
#: "X said Y would invest": the company that speaks is the one invested in.
REPORTS = re.compile(
    r"\b(?:said|says|announced|a annoncé|annonce|indique|teilte|gab|anunció|informó)\b", re.I
)
TARGET_PREP = re.compile(
    r"\b(?:in|into|dans|sur|en|on|bei|in die|at)\s+(?:the\s+|la\s+|le\s+|l['’]|de\s+)?$", re.I
)
COORD = re.compile(r"^\s*(?:,|and|et|or|ou|und|oder|y|o|&|as well as|ainsi que)\s*(?:,\s*)?$", re.I)
STAKE_CUE = re.compile(
    r"stake|participation|parts|capital|shares|beteilig\w+|Anteil\w*|Beteiligung|participación|"
    r"acciones|% of|% de|Prozent an\b|Prozent des\b|Prozent der\b",
    re.I,
)
ANAPHOR = re.compile(
    r"\b(?:cette|la|une|this|the|a|dieses|das|ein|esta|la)\s+(?:jeune\s+)?(?:[A-Z][\w-]+\s+)?"
    r"(?:start-?up|jeune pousse|pépite|société|entreprise|startup|company|firm|Start-?up|"
    r"empresa)\b",
    re.I,
)
#: A clause that opens with an anaphoric subject: "Das Start-up sammelt ... ein", "The
#: company raised", "La jeune pousse a levé", "La empresa ha cerrado".
ANAPHOR_OPENING = re.compile(
    r"(?:(?:Nun|Jetzt|Now|Today|Aujourd['’]hui|Hoy|Ahora),?\s+)?"
    r"(?:Cette|La|Le|L['’]|This|The|Dieses|Das|Die|Der|Esta|La|El)\s+(?:jeune\s+)?"
    r"(?:[A-Za-zÀ-ÿ][\w-]+\s+)?"
    r"(?:start-?up|jeune pousse|pépite|société|entreprise|startup|company|firm|Start-?up|"
    r"empresa|compañía|Unternehmen|Firma|KI-Start-?up|fintech|biotech)\b",
)
ROUND_NOUN = re.compile(
    r"round|levée|tour de table|s[ée]rie|Series|Finanzierungsrunde|ronda|fundraising", re.I
)
FOR_TARGET = re.compile(
    r"\b(?:pour|for|in|into|dans|of|de|d['’]|für|para)\s*(?:[\w'’-]+\s+){0,2}"
    r"(?:(?:jeune pousse|start-?up|startup|pépite|company|société|empresa|compañía)\s+)?$",
    re.I,
)
INVESTOR_CUE = re.compile(
    r"led by|co-led by|mené\w* par|emmené\w* par|auprès d|from|with participation|including|"
    r"angeführt|geführt|liderad[oa]|"
    r"dont|avec|angeführt von|unter Führung von|liderada por|con la participación|"
    r"backed by|investors?|investisseurs?|Investoren|inversores|lidera|lideran|encabeza|"
    r"leads|mène|mènent|führt|führte",
    re.I,
)
