"""Round stages and cited periods read from text, in the four languages."""

from __future__ import annotations

from datetime import date

import pytest

from enrich import analyze
from enrich.rounds import cited_period, lead_investors, round_stage


@pytest.mark.parametrize(("text", "stage"), [
    ("Helsing raises €450 million in a Series C round led by General Catalyst", "series_c"),
    ("La start-up lève 12 millions d'euros en série A", "series_a"),
    ("Das Unternehmen hat eine Serie-B-Finanzierungsrunde über 30 Millionen Euro abgeschlossen",
     "series_b"),
    ("La empresa cierra una ronda de serie A de 8 millones", "series_a"),
    ("Loop3 raises $4m seed round", "seed"),
    ("Une levée d'amorçage de 2 millions", "seed"),
    ("a $1.5m pre-seed round", "pre_seed"),
    ("The company secured a $200m credit facility", "debt"),
    ("Arm prices its IPO", "ipo"),
    ("Das Startup sammelt 5 Millionen Euro ein", None),
])
def test_round_stage(text, stage):
    assert round_stage(text) == stage


ARTICLE = date(2025, 6, 11)


@pytest.mark.parametrize(("text", "period"), [
    ("Microsoft, which invested $10 billion in OpenAI in 2023, ...", "2023"),
    ("Amazon a investi 4 milliards dans Anthropic l'an dernier", "2024"),
    ("Google hatte im März 2 Milliarden in Anthropic gesteckt", "2025-03"),
    ("Google hatte im Oktober 2 Milliarden in Anthropic gesteckt", "2024-10"),
    ("Amazon invirtió 4.000 millones en Anthropic el año pasado", "2024"),
    ("SoftBank led a round in March 2024", "2024-03"),
    ("Microsoft a soutenu OpenAI (13 milliards $)", None),
    ("Microsoft may invest more", None),
])
def test_cited_period_is_read_against_the_article_date(text, period):
    assert cited_period(text, ARTICLE) == period


def test_analyze_sets_stage_and_cites_old_deals_by_their_own_date():
    result = analyze(
        "Mistral AI raises €600 million in a Series B round",
        "Mistral AI has raised €600 million in a Series B round led by General Catalyst. "
        "Microsoft, which invested $13 billion in OpenAI in 2023, is not part of the round.",
        "en", date(2024, 6, 11))
    primary = result.primary
    assert primary is not None and primary.round_stage == "series_b"
    assert primary.cited_on is None
    cited = [d for d in result.deals if not d.is_primary and d.target == "OpenAI"]
    assert cited and cited[0].cited_on == "2023"


@pytest.mark.parametrize(("text", "investors", "leads"), [
    ("raised €600 million in a round led by Prima Materia and Accel, with participation "
     "from Lightspeed", ("Lightspeed", "Accel", "Prima Materia"), ("Accel", "Prima Materia")),
    ("un tour de table mené par General Catalyst auquel participe Bpifrance",
     ("Bpifrance", "General Catalyst"), ("General Catalyst",)),
    ("Thrive Capital led the round; Nvidia also invested", ("Thrive Capital", "Nvidia"),
     ("Thrive Capital",)),
    ("eine Runde, angeführt von Earlybird, mit HV Capital", ("HV Capital", "Earlybird"),
     ("Earlybird",)),
    ("una ronda liderada por Seaya en la que participa Kibo Ventures",
     ("Kibo Ventures", "Seaya"), ("Seaya",)),
    ("Accel and Index Ventures invested $20 million", ("Accel", "Index Ventures"), ()),
])
def test_lead_investors(text, investors, leads):
    assert lead_investors(text, investors) == leads


def test_the_stage_of_an_earlier_round_in_the_opening_is_not_the_deal_s():
    result = analyze(
        "Helsing sammelt rund 690 Millionen Dollar ein",
        "Das Münchner Startup Helsing hat in einer neuen Finanzierungsrunde rund 690 Millionen "
        "Dollar eingesammelt. Helsing hatte im Juli 2024 in einer Serie-C-Runde 450 Millionen "
        "Euro erhalten.", "de", date(2026, 11, 5))
    assert result.primary is not None and result.primary.round_stage is None
