"""Classes of errors fixed in the third round on unknown companies, each in new words
(none of these sentences is in a labelled set)."""

import pytest

from enrich import analyze
from enrich.tagging import mentions_ai

# A story about what AI does, in words that never say "AI".
AI_BY_TECHNIQUE = [
    "The start-up's model predicts which turbine blades will crack.",
    "Its machine-learning tools read invoices.",
    "Les caméras de la PME reposent sur la vision artificielle.",
    "La jeune pousse conçoit des agents conversationnels pour les banques.",
    "Das Start-up entwirft mit maschinellem Lernen neue Legierungen.",
    "Die Software dahinter lernt mit jedem Auftrag dazu.",
    "La empresa desarrolla algoritmos de visión artificial para viñedos.",
    "Sus sistemas de reconocimiento de voz atienden llamadas.",
    "The firm sells software that automates claims handling.",
]
NOT_AI = [
    "The start-up makes bicycle frames and sells them in 40 shops.",
    "Le groupe fabrique des palettes en bois et emploie 300 personnes.",
    "Der Konzern stellt Pumpen her und beschäftigt 2000 Menschen.",
    "La empresa produce aceite de oliva en Jaén.",
    "Analysts predict higher sales.",
]


@pytest.mark.parametrize("text", AI_BY_TECHNIQUE)
def test_ai_named_by_its_technique(text):
    assert mentions_ai(text)


@pytest.mark.parametrize("text", NOT_AI)
def test_no_technique_no_ai(text):
    assert not mentions_ai(text)
