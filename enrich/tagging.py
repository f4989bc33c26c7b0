"""AI relevance and topic tags."""

from __future__ import annotations

import re

from enrich.lexicons import is_place
from enrich.status import terminated
from enrich.triggers import by_first_letter, top_level

_AI_CASED = by_first_letter([r"\b(?:AI|A\.I\.|IA|KI|AGI|LLMs?|GenAI|GPT-?\w*|ChatGPT|NLP)\b"])
_AI_WORDS = re.compile(
    r"artificial intelligence|machine learning|deep learning|large language models?|"
    r"language models?|generative|neural networks?|chatbots?|intelligence artificielle|"
    r"apprentissage automatique|apprentissage profond|modèles? de langage|générative|"
    r"künstliche[rn]? Intelligenz|maschinelles Lernen|Sprachmodell\w*|inteligencia artificial|"
    r"aprendizaje automático|modelos? de lenguaje|superintelligence|ki-\w+".lower()
)
#: Characters from the start of an article in which AI techniques are looked for: a story
#: about what AI does says so in its first paragraphs.
TECHNIQUE_SPAN = 2500
#: What AI does, named by its techniques rather than by "AI" ("a model that predicts which
#: antibodies will fail", "vision artificielle", "mit maschinellem Lernen", "agents
#: conversationnels", "the software learns"): a literal that every match contains, and the
#: pattern, which only runs when the literal occurs.
_AI_TECHNIQUES = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("-learning", r"machine-learning|deep-learning|self-learning"),
        ("learns", r"\b(?:software|systems?|models?) (?:\w+ ){0,2}learns\b"),
        ("maschinell", r"maschinell\w* lern"),
        ("selbstlern", r"selbstlernend"),
        ("lernt", r"\b(?:software|system|modell)\w* (?:\w+ ){0,2}lernt\b"),
        ("vision", r"computer[- ]vision|machine[- ]vision|vision (?:artificielle|par ordinateur)|"
                   r"vision models?|vision-language"),
        ("visión", r"visión artificial|visión por computador"),
        ("bild", r"bilderkennung|bildverarbeitung"),
        ("recogn", r"(?:image|facial|speech) recognition"),
        ("transla", r"machine translation|translation models?"),
        ("traduc", r"traduction (?:automatique|vocale)|modèles? de traduction|"
                   r"traducción automática|modelos? de traducción"),
        ("übersetz", r"maschinelle übersetzung|übersetzungsmodell"),
        ("reconnaissance", r"reconnaissance (?:d['’]images|faciale|vocale)"),
        ("reconocimiento", r"reconocimiento (?:de imágenes|facial|de voz)"),
        ("erkennung", r"gesichtserkennung|spracherkennung"),
        ("natur", r"natural language|langage naturel|lenguaje natural"),
        ("neur", r"neural|neuronal"),
        ("algorit", r"algorit"),
        ("predict", r"predictiv|models? (?:that |which )?predicts?"),
        ("prédicti", r"prédicti(?:f|ve|fs|ves)\b"),
        ("prädikti", r"prädiktiv"),
        ("conversation", r"agents? conversationnels?|conversational (?:ai|agents?|assistants?)|"
                         r"agentes? conversacional"),
        ("inference chip", r"inference chip"),
        ("puces d", r"puces? d['’]inférence"),
        ("automat", r"\b(?:automates?|automating|automatiser|automatisieren|automatizar)\b"),
        ("robot", r"\brobot(?:s|ic|ics|ique|iques|ik|er|ern|ica|icas)?\b|\brobóti"),
        ("humano", r"\bhumano(?:id|ïde|ide)"),
        ("autonom", r"\bautonom(?:ous|e|es|en|er|e)\b"),
        ("autónom", r"\bautónom[oa]s?\b"),
        ("synth", r"synthetic data|données synthétiques|synthetische daten|speech synthesis|"
                  r"synthèse vocale|voix de synthèse|sprachsynthese"),
        ("sintétic", r"datos sintéticos"),
        ("síntesis", r"síntesis de voz"),
        ("text-to-speech", r"text-to-speech"),
        ("agent", r"software agents?|agents logiciels|ki-agent|agentes de software|"
                  r"\bagentic\b"),
        ("copilot", r"\bcopilots?\b"),
        ("intelligent", r"(?:smart|intelligent) cameras?|caméras? intelligentes?|"
                        r"intelligente kameras?|cámaras? inteligentes?"),
        # machines that read or judge on their own: "lecture automatique des radiographies",
        # "automated analysis of scans", "les drones décident seuls de leur trajectoire"
        ("automat", r"\b(?:lecture|analyse|détection|interprétation) automatique|"
                    r"\bautomat(?:ic|ed) (?:reading|analysis|detection|interpretation)|"
                    r"\bautomatische[n]? (?:auswertung|analyse|erkennung)|"
                    r"\b(?:lectura|análisis|detección|interpretación) automátic[oa]"),
        ("automátic", r"\b(?:lectura|análisis|detección|interpretación) automátic[oa]"),
        ("seul", r"\bdécid\w* seul"),
        ("own", r"\bdecide\w* (?:\w+ ){0,3}on (?:its|their) own\b(?!\s+[a-z])"),
        ("selbst", r"\bentscheide\w* selbst"),
        ("por sí", r"\bdecide\w* por sí sol"),
        ("apprend", r"\b(?:logiciel|système|modèle)s? (?:\w+ ){0,2}apprend\b"),
        # models or software that see or foresee: "Unsere Modelle erkennen Defekte", "une
        # application qui prévoit l'état de la mer", "software that detects", "modelos que
        # predicen"
        ("model", r"\bmodels? (?:that |which )?(?:detect|recogni[sz]e|spot|forecast)s?\b"),
        ("modell", r"\bmodell\w* (?:\w+ ){0,2}(?:erkenn|vorhersag|prognostizier)\w*"),
        ("modèle", r"\bmodèles? (?:qui )?(?:détect|reconna[iî]|prédi[st]|prévoi)\w*"),
        ("modelo", r"\bmodelos? (?:que )?(?:detecta|reconoce|predice|prevé|anticipa)\w*"),
        ("qui pr", r"\b(?:logiciel|application|plateforme|algorithme)s? qui (?:prévoi|prédi[st])"
                   r"\w*"),
        ("que pr", r"\b(?:software|aplicación|plataforma|algoritmo)s? que (?:prevé|predice|"
                   r"anticipa)\w*"),
        ("that pre", r"\b(?:software|app|platform|system)s? (?:that|which) (?:forecasts|"
                     r"predicts|anticipates)\b"),
        ("vorhersag", r"\b(?:software|app|plattform|system)\w*,? die [^.,]{0,60}vorhersagt\b"),
        ("aprende", r"\b(?:sistema|modelo|software)s? (?:\w+ ){0,2}aprende\b"),
        # models or camera systems that recommend or detect: "whose models recommend planting
        # dates", "camera-based systems that count livestock and detect lameness", "des
        # modèles qui recommandent", "Kamerasysteme, die Lahmheit erkennen", "sistemas de
        # cámaras que detectan"
        ("models re", r"\bmodels? (?:that |which )?recommends?\b"),
        ("ystems", r"\b(?:camera|vision|sensor)[- ]?(?:based )?systems? (?:that|which) "
                   r"(?:\w+ ){0,4}?(?:detect|recogni[sz]e|spot|identif(?:y|ies))\b"),
        ("recommand", r"\bmodèles? (?:qui )?recommand\w*"),
        ("recomienda", r"\bmodelos? (?:que )?recomienda\w*"),
        ("empfehl", r"\bmodell\w* (?:\w+ ){0,2}empfehl\w*"),
        ("kamerasystem", r"\bkamerasystem\w*,? die [^.,]{0,60}erkenn\w*"),
        ("cámaras que", r"\bsistemas? de cámaras que (?:\w+ ){0,4}?detecta\w*"),
        ("caméras qui", r"\bsystèmes? de caméras qui (?:\w+ ){0,4}?(?:détect|repèr)\w*"),
    )
)

TOPIC_PATTERNS = {
    "defense": r"\bdefen[cs]e\b|\bdéfense\b|\bmilitar\w*|\bmilitaire\w*|\bPentag\w+|\barmée\b|"
    r"\bRüstung\w*|\bVerteidigung\w*|\bdefensa\b|\bBundeswehr\b",
    "chips": r"\bchips?\b|\bchipmakers?\b|\bpuces?\b|\bsemi-?conduct\w+|\bGPUs?\b|\bHalbleiter\w*|"
    r"\bsemiconductores\b|\bprocesseurs?\b|\bprocessors?\b",
    "datacenter": r"\bdata ?cent(?:er|re)s?\b|\bcentres? de données\b|\bRechenzent\w+|"
    r"\bcentros? de datos\b",
    "energy": r"\bnucl[eé]ai?r\w*|\bnuclear\b|\bAtomkraft\b|\bénergie\b|\benergy\b",
    "health": r"\bhealth\w*|\bsanté\b|\bGesundheit\w*|\bsalud\b|\bmedical\b|\bmédical\w*",
    "robotics": r"\brobotics\b|\brobotique\b|\bRobotik\b|\brobótica\b|\bhumanoid\w*|\bhumanoïde\w*",
    "regulation": r"\bantitrust\b|\bregulators?\b|\bFTC\b|\bCMA\b|Autorité de la concurrence|"
    r"\bKartell\w*|\bregulador\w*",
    "ipo": r"\bIPO\b|\bintroduction en Bourse\b|\bBörsengang\b|\bsalida a bolsa\b",
}
#: Speed: written by first letter (the same matches, see ``by_first_letter``).
_TOPICS = {
    name: by_first_letter(top_level(pattern.lower())) for name, pattern in TOPIC_PATTERNS.items()
}
#: Literal pieces that every match of a topic pattern contains: a topic whose pieces are all
#: absent is skipped without running its regex (``in`` on a string is far faster).
_TOPIC_KEYS = {
    "defense": ("defen", "défense", "milita", "pentag", "armée", "rüstung", "verteidigung",
                "bundeswehr"),
    "chips": ("chip", "puce", "semi", "gpu", "halbleiter", "process"),
    "datacenter": ("data", "centre", "rechenzent", "centro"),
    "energy": ("nucl", "atomkraft", "énergie", "energy"),
    "health": ("health", "santé", "gesundheit", "salud", "medical", "médical"),
    "robotics": ("robot", "humano"),
    "regulation": ("antitrust", "regulator", "ftc", "cma", "autorité de la concurrence",
                   "kartell", "regulador"),
    "ipo": ("ipo", "introduction en bourse", "börsengang", "salida a bolsa"),
}

_DEAL_TAGS = {
    "acquisition": "acquisition",
    "merger": "merger",
    "investment": "investment",
    "funding_round": "funding",
    "partnership": "partnership",
    "licensing": "licensing",
}


#: Headline verbs that make a story a deal story even before its parties are resolved.
_HEADLINE_DEAL = re.compile(
    r"\b(?:raises?|raised|acquires?|acquired|buys|bought|to (?:acquire|buy)|invests?|takes? (?:a )?"
    r"(?:\S+ )?stake|merge|agree to merge|lands? \S+ (?:seed|series)|"
    r"lève|a levé|rachète|acquiert|investit|fusionnent|s['’]offre|entre au capital|"
    r"übernimmt|kauft|sammelt|investiert|beteiligt sich|fusionieren|schluckt|lizenziert|"
    r"adquiere|compra|invierte|recauda|levanta|se fusionan|cierra una ronda|"
    r"snaps up|to snap up|lands|bags|nabs|takes control|s['’]empare|prend le contrôle|"
    r"décroche|escarcelle|passe sous pavillon|erhält|sichert sich|geht an|se hace con|"
    r"toma el control|capta|obtiene|to buy|comprar|racheter|übernehmen|adquirir|"
    # licences and alliances: "licenses its models to", "s'associe à", "noue un accord avec"
    r"licen[cs]es|licen[cs]ed|licencia|team up|teams up|join forces|joins forces|"
    r"s['’]associe(?:nt)? (?:à|avec)|s['’]allie(?:nt)? (?:à|avec)|"
    r"(?:noue|signe|conclut) (?:un )?(?:accord|partenariat|alliance)|se al[ií]an? con|"
    r"kooperier\w*|"
    # takeovers and stakes: "reprend l'atelier", "takes 20% of", "nimmt 25 Prozent an"
    r"reprend|(?:takes?|took|prend|nimmt|toma) (?:(?:a|an|el|la|une?) )?\d+(?:[.,]\d+)? ?"
    r"(?:%|per ?cent|pour ?cent|prozent|por ciento))(?!\w)"
)
#: A deal named by its noun in a headline that reports its end ("Übernahme von X durch Y
#: abgesagt", "Fusión entre X y Y, cancelada", "Warum der Deal zwischen X und Y geplatzt ist"):
#: the story is about that deal.
_DEAL_NOUN = re.compile(
    r"\b(?:deal|merger|takeover|acquisition|buyout|bid|rachat|fusion|offre|übernahme\w*|"
    r"fusion|deal|kauf\w*|fusión|compra|adquisición|oferta|opa)\b"
)
#: A headline that denies a deal ("X denies it is in talks to buy Y", "X dément tout projet
#: de rachat", "X dementiert Übernahmepläne", "X niega que vaya a comprar Y").
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied)|rejects? (?:a )?reports?|dément\w*|démenti|dementier\w*|"
    r"weist \w+ zurück|nieg[ae]n?|ha negado|desmient\w*|desmentido)\b"
)
#: A verb of saying before a pluperfect: "said it had closed", "a annoncé qu'elle avait levé",
#: "teilte mit, dass es ... hatte", "anunció que había cerrado".
_REPORTED = re.compile(
    r"\b(?:said|says|announced|told|confirmed|disclosed|reported|revealed|explained|"
    r"a (?:annoncé|indiqué|précisé|confirmé|expliqué)|annonce|indique|précise|"
    r"teilte|teilt|sagte|erklärte|bestätigte|gab|"
    r"dijo|anunció|informó|explicó|confirmó|ha (?:anunciado|informado|confirmado))\b[^.;]*\Z"
)
#: A deal told as background: in the pluperfect ("had raised", "avait levé", "hatte ...
#: eingesammelt", "había levantado"), in a relative clause before the sentence's own news
#: ("X, which has invested $13bn in Y, reported ...") or after "after its raise" ("Après sa
#: levée record, X recrute").
_BACKGROUND = re.compile(
    r"\bhad (?:\w+ ){0,2}(?:raised|acquired|bought|invested|secured|closed)\b|"
    r"\bavai(?:t|ent) (?:\w+ ){0,2}(?:levé|racheté|acquis|investi|bouclé|réuni)\b|"
    r"\bhatten? [^.;]{0,80}?(?:eingesammelt|übernommen|investiert|erhalten|gekauft|"
    r"aufgenommen)\b|"
    r"\bhabían? (?:\w+ ){0,2}(?:levantado|captado|recaudado|adquirido|comprado|invertido|"
    r"cerrado)\b|"
    r", (?:which|who|qui|que|quien) (?:has|have|a|ont|ha|han) (?:\w+ ){0,2}(?:raised|"
    r"invested|acquired|bought|levé|investi|racheté|acquis|levantado|invertido|adquirido|"
    r"captado)\b[^,]{0,80},|"
    r"^(?:after|following|après|nach|tras|después de) (?:its|their|the|sa|son|leur|der|dem|"
    r"seiner|ihrer|su|la|el) (?:\w+ ){0,2}(?:raise|round|funding|takeover|acquisition|"
    r"levée|tour|rachat|acquisition|finanzierungsrunde|runde|übernahme|ronda|compra|"
    r"adquisición)\b"
)


_IN_PLACE = re.compile(r"\s+(?:in|en|dans|au|aux|nach)\s+(?:the\s+|la\s+|le\s+|l['’])?(\w+)")


def headline_deal(title: str) -> bool:
    """A headline that states a deal ("X raises ...", "X übernimmt Y", "X adquiere Y");
    investing in a country or city is spending, not a deal ("Microsoft investiert in
    Deutschland")."""
    for m in _HEADLINE_DEAL.finditer(title.lower()):
        place = _IN_PLACE.match(title, m.end())
        if place and is_place(place.group(1)):
            continue
        return True
    return False


def headline_denial(title: str) -> bool:
    """A headline that denies a deal: the story reports no deal, whatever its text names."""
    return bool(_DENIAL.search(title.lower()))


def headline_called_off(title: str) -> bool:
    """A headline that names a deal by its noun and reports its end."""
    low = title.lower()
    return bool(_DEAL_NOUN.search(low)) and terminated(title)


def background_deal(sentence: str) -> bool:
    """Whether ``sentence`` tells its deal as background (pluperfect, a relative clause
    before the sentence's own news, "after its raise"), with no other deal verb left."""
    low = sentence.lower()
    m = _BACKGROUND.search(low)
    if m is None or _REPORTED.search(low, max(0, m.start() - 50), m.start()):
        return False  # "said it had raised": the pluperfect of reported speech is news
    rest = low[: m.start()] + " " + low[m.end() :]
    return not _HEADLINE_DEAL.search(rest)


#: A founder telling the round in the first person: "We closed our Series A in March",
#: "Nous avons bouclé notre série A en décembre", "Wir haben die Runde im Mai abgeschlossen",
#: "Cerramos la ronda en julio".  Dated or not, the interview is about that deal.
_FIRST_PERSON_DEAL = re.compile(
    r"\bwe(?:['’]ve| have)? (?:just )?(?:closed|raised|secured|completed|signed)\b|"
    r"\bnous (?:avons|venons d['’]) ?(?:\w+ )?(?:bouclé|levé|clôturé|finalisé|réuni|signé|"
    r"boucler|lever|clôturer|finaliser)\b|"
    r"\bwir haben\b[^.;]{0,60}?\b(?:abgeschlossen|eingesammelt|eingeworben|unterzeichnet)\b|"
    r"\b(?:cerramos|levantamos|captamos|firmamos|hemos (?:cerrado|levantado|captado|firmado))\b",
    re.I,
)


def deal_story(title: str, primaries: list[tuple[str, bool]]) -> bool:
    """Whether the story reports a deal: its headline states one or reports one called off,
    or a primary deal (``(first evidence sentence, dated in the past)``) is told as news, not
    as background; never when the headline denies the deal."""
    if headline_denial(title):
        return False
    if headline_deal(title) or headline_called_off(title):
        return True
    return any(
        (not past or _FIRST_PERSON_DEAL.search(first)) and not background_deal(first)
        for first, past in primaries
    )


def mentions_ai(text: str) -> bool:
    """True when the text talks about AI (terms in EN/FR/DE/ES, "IA"/"KI" as whole words)."""
    if _AI_CASED.search(text):
        return True
    low = text.lower()
    if _AI_WORDS.search(low):
        return True
    lead = low[:TECHNIQUE_SPAN]
    return any(key in lead and pattern.search(lead) for key, pattern in _AI_TECHNIQUES)


def topic_tags(text: str) -> set[str]:
    low = text.lower()
    return {
        name
        for name, pattern in _TOPICS.items()
        if any(key in low for key in _TOPIC_KEYS[name]) and pattern.search(low)
    }


def deal_tags(deals) -> set[str]:
    tags = set()
    for deal in deals:
        tags.add(_DEAL_TAGS[deal.deal_type])
        if deal.stake_percent is not None:
            tags.add("stake")
    return tags
