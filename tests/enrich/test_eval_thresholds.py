import json
import subprocess
import sys

import pytest

from enrich.evaluate import DEFAULT_SET, SHIPPED_SETS, evaluate, load_set, main


def test_eval_set_is_big_and_multilingual():
    records = load_set(DEFAULT_SET)
    langs = [r["language"] for r in records]
    assert len(records) >= 80
    assert langs.count("en") >= 30 and langs.count("fr") >= 30
    assert "de" in langs and "es" in langs


def test_eval_targets():
    report = evaluate(load_set(DEFAULT_SET))
    assert report["story"]["f1"] >= 0.95, report["story"]
    assert report["deals"]["f1"] >= 0.90, report["deals"]
    assert report["accuracy"]["amount"] >= 0.95, report["accuracy"]
    assert report["accuracy"]["status"] >= 0.85, report["accuracy"]


def test_cli_json(capsys):
    assert main(["--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"story", "deals", "accuracy"} <= set(data)


def test_module_runs():
    proc = subprocess.run([sys.executable, "-m", "enrich.evaluate"], capture_output=True, text=True)
    assert proc.returncode == 0 and "deals" in proc.stdout


HOLDOUT_SET = DEFAULT_SET.parent / "holdout_set.jsonl"


def test_holdout_set_is_separate_and_multilingual():
    records = load_set(HOLDOUT_SET)
    langs = [r["language"] for r in records]
    assert len(records) >= 50
    assert {"en", "fr", "de", "es"} <= set(langs)
    eval_ids = {r["id"] for r in load_set(DEFAULT_SET)}
    assert not eval_ids & {r["id"] for r in records}


def test_holdout_floors():
    # Floors a little under the figures reached (story 0.97, deals 0.97, amount 0.94,
    # status 1.00); the first, untuned run scored deals F1 0.67 -- see docs/enrich.md.
    report = evaluate(load_set(HOLDOUT_SET))
    assert report["story"]["f1"] >= 0.92, report["story"]
    assert report["deals"]["f1"] >= 0.90, report["deals"]
    assert report["accuracy"]["amount"] >= 0.88, report["accuracy"]
    assert report["accuracy"]["status"] >= 0.90, report["accuracy"]
    assert report["accuracy"]["valuation"] >= 0.90, report["accuracy"]


HOLDOUT2_SET = DEFAULT_SET.parent / "holdout2_set.jsonl"


def test_holdout2_set_is_separate_and_multilingual():
    records = load_set(HOLDOUT2_SET)
    langs = [r["language"] for r in records]
    assert len(records) == 40
    assert (langs.count("en"), langs.count("fr"), langs.count("de"), langs.count("es")) == (14, 14, 6, 6)
    earlier = {r["id"] for r in load_set(DEFAULT_SET) + load_set(HOLDOUT_SET)}
    assert not earlier & {r["id"] for r in records}


def test_holdout2_floors():
    # Floors a little under the figures reached (story 1.00, deals 0.96, amount 0.96,
    # status 0.92); the first, untuned run scored deals F1 0.68 -- see docs/enrich.md.
    report = evaluate(load_set(HOLDOUT2_SET))
    assert report["story"]["f1"] >= 0.95, report["story"]
    assert report["deals"]["f1"] >= 0.90, report["deals"]
    assert report["accuracy"]["amount"] >= 0.90, report["accuracy"]
    assert report["accuracy"]["status"] >= 0.85, report["accuracy"]
    assert report["accuracy"]["valuation"] >= 0.90, report["accuracy"]


UNKNOWN_SET = DEFAULT_SET.parent / "unknown_set.jsonl"


def test_unknown_set_is_big_multilingual_and_about_unlisted_companies():
    from enrich.companies import default_gazetteer, normalize_name

    records = load_set(UNKNOWN_SET)
    langs = [r["language"] for r in records]
    assert len(records) >= 120
    assert langs.count("en") >= 40 and langs.count("fr") >= 40
    assert langs.count("de") >= 20 and langs.count("es") >= 20
    assert sum(r.get("full_length", False) for r in records) >= 20
    known = set(default_gazetteer()._by_key)
    unlisted = [
        r for r in records
        if not any(normalize_name(n) in known for d in r["deals"] for n in (*d["buyers"], d["target"]))
    ]
    assert len(unlisted) >= 0.8 * len(records)
    earlier = {r["id"] for s in (DEFAULT_SET, HOLDOUT_SET, HOLDOUT2_SET) for r in load_set(s)}
    assert not earlier & {r["id"] for r in records}


def test_unknown_floors():
    # Floors a little under the figures reached (story 0.99, AI-deal 0.98, deals 0.91, status
    # 0.96, amount 0.88, gold amounts found 0.87 after round 2, lead investors 0.86); the first
    # run, before the party-finding redesign, scored deals F1 0.52 -- see docs/enrich.md.
    report = evaluate(load_set(UNKNOWN_SET))
    assert report["story"]["f1"] >= 0.95, report["story"]
    assert report["ai_deal"]["f1"] >= 0.94, report["ai_deal"]
    assert report["deals"]["f1"] >= 0.85, report["deals"]
    assert report["accuracy"]["status"] >= 0.92, report["accuracy"]
    assert report["accuracy"]["amount"] >= 0.85, report["accuracy"]
    assert report["amount_found"] >= 0.84, report["amount_found"]
    assert report["accuracy"]["lead"] >= 0.78, report["accuracy"]


HOLDOUT3 = DEFAULT_SET.parent / "holdout3_unknown.jsonl"


def test_third_holdout_is_multilingual_and_about_unlisted_companies():
    from enrich.companies import default_gazetteer, normalize_name

    records = load_set(HOLDOUT3)
    langs = [r["language"] for r in records]
    assert len(records) == 60 and langs.count("en") == 20 and langs.count("fr") == 20
    assert langs.count("de") == 10 and langs.count("es") == 10
    assert sum(r.get("full_length", False) for r in records) >= 10
    known = set(default_gazetteer()._by_key)
    unlisted = [
        r for r in records
        if not any(normalize_name(n) in known for d in r["deals"] for n in (*d["buyers"], d["target"]))
    ]
    assert len(unlisted) >= 0.8 * len(records)
    earlier = {
        r["id"] for s in (DEFAULT_SET, HOLDOUT_SET, HOLDOUT2_SET, UNKNOWN_SET) for r in load_set(s)
    }
    assert not earlier & {r["id"] for r in records}


def test_third_holdout_floors():
    # Regression guards a little under the figures reached after round 2 (deals 0.95, story
    # 0.98, AI-deal 0.91, status 0.94, amount 0.92, gold amounts found 0.96).  The honest
    # first run, before any rule saw the set, scored deals F1 0.80 -- see docs/enrich.md.
    report = evaluate(load_set(HOLDOUT3))
    assert report["story"]["f1"] >= 0.95, report["story"]
    assert report["ai_deal"]["f1"] >= 0.88, report["ai_deal"]
    assert report["deals"]["f1"] >= 0.92, report["deals"]
    assert report["accuracy"]["status"] >= 0.90, report["accuracy"]
    assert report["accuracy"]["amount"] >= 0.88, report["accuracy"]
    assert report["amount_found"] >= 0.90, report["amount_found"]


def test_every_shipped_set_is_scored_side_by_side(capsys):
    assert main(["--all"]) == 0
    out = capsys.readouterr().out
    for name, what in SHIPPED_SETS:
        assert f"== {name}: {what}" in out
    assert len(SHIPPED_SETS) >= 11
    assert "deals by language" in out and "deals by type" in out


# Floors a little under the figures reached after round 6 (deal F1, AI-deal tagging F1, gold
# amounts found with the right currency, status on matched deals); the first runs, before any
# rule saw these sets, are in docs/enrich.md: they are the honest figures, these only keep
# what was reached from slipping back.
LATER_FLOORS = {
    "holdout4_unknown.jsonl": (0.96, 0.96, 0.95, 0.97),
    "holdout4_known.jsonl": (0.94, 0.93, 0.90, 0.97),
    "holdout5_unknown.jsonl": (0.95, 0.94, 0.93, 0.95),
    "holdout6_unknown.jsonl": (0.86, 0.95, 0.87, 0.96),
    "holdout7_unknown.jsonl": (0.94, 0.97, 0.94, 0.96),
    "holdout7_known.jsonl": (0.95, 0.97, 0.97, 0.97),
    # after round 8's amounts, status and tagging; deal F1 floors raised after round 8's
    # parties (first runs: 0.80 / 0.94 / 0.79 / 0.93 and 0.78 / 0.94 / 0.93 / 0.91)
    "holdout8_unknown.jsonl": (0.90, 0.97, 0.90, 0.90),
    "holdout8_known.jsonl": (0.95, 0.97, 0.97, 0.84),
    # at their first runs, on rounds 7 and 8's final code
    "holdout9_unknown.jsonl": (0.84, 0.96, 0.80, 0.90),
    "holdout9_known.jsonl": (0.82, 0.97, 0.92, 0.84),
}


@pytest.mark.parametrize("name", sorted(LATER_FLOORS))
def test_later_set_floors(name):
    deals_f1, ai_deal_f1, amount_found, status = LATER_FLOORS[name]
    report = evaluate(load_set(DEFAULT_SET.parent / name))
    assert report["deals"]["f1"] >= deals_f1, report["deals"]
    assert report["ai_deal"]["f1"] >= ai_deal_f1, report["ai_deal"]
    assert report["amount_found"] >= amount_found, report["amount_found"]
    assert report["accuracy"]["status"] >= status, report["accuracy"]
