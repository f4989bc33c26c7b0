"""AI relevance and topic tags."""

from __future__ import annotations

import re

from enrich.lexicons import is_place
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
        ("vision", r"computer vision|machine vision|vision (?:artificielle|par ordinateur)|"
                   r"vision models?|vision-language"),
        ("visión", r"visión artificial|visión por computador"),
        ("bild", r"bilderkennung|bildverarbeitung"),
        ("recogn", r"(?:image|facial|speech) recognition"),
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
        ("aprende", r"\b(?:sistema|modelo|software)s? (?:\w+ ){0,2}aprende\b"),
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
    r"toma el control|capta|obtiene|to buy|comprar|racheter|übernehmen|adquirir)\b"
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
