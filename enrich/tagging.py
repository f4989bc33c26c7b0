"""AI relevance and topic tags."""

from __future__ import annotations

import re

_AI_CASED = re.compile(r"\b(?:AI|A\.I\.|IA|KI|AGI|LLMs?|GenAI|GPT-?\w*|ChatGPT|NLP)\b")
_AI_WORDS = re.compile(
    r"artificial intelligence|machine learning|deep learning|large language models?|"
    r"language models?|generative|neural networks?|chatbots?|intelligence artificielle|"
    r"apprentissage automatique|apprentissage profond|modèles? de langage|générative|"
    r"künstliche[rn]? Intelligenz|maschinelles Lernen|Sprachmodell\w*|inteligencia artificial|"
    r"aprendizaje automático|modelos? de lenguaje|superintelligence|ki-\w+".lower()
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
_TOPICS = {name: re.compile(pattern.lower()) for name, pattern in TOPIC_PATTERNS.items()}

_DEAL_TAGS = {
    "acquisition": "acquisition",
    "merger": "merger",
    "investment": "investment",
    "funding_round": "funding",
    "partnership": "partnership",
    "licensing": "licensing",
}


def mentions_ai(text: str) -> bool:
    """True when the text talks about AI (terms in EN/FR/DE/ES, "IA"/"KI" as whole words)."""
    return bool(_AI_CASED.search(text) or _AI_WORDS.search(text.lower()))


def topic_tags(text: str) -> set[str]:
    low = text.lower()
    return {name for name, pattern in _TOPICS.items() if pattern.search(low)}


def deal_tags(deals) -> set[str]:
    tags = set()
    for deal in deals:
        tags.add(_DEAL_TAGS[deal.deal_type])
        if deal.stake_percent is not None:
            tags.add("stake")
    return tags
