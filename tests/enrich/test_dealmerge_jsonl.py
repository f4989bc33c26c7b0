import io
import json
from datetime import date

from enrich import analyze
from enrich.dealmerge import (
    DEAL_WINDOW_DAYS,
    parties_key,
    progress_status,
    same_deal,
    types_compatible,
)
from enrich.jsonl import run_jsonl


def test_parties_key_resolves_aliases_and_ignores_buyer_order():
    assert parties_key(["Facebook", "Google"], "Scale AI") == parties_key(["alphabet", "Meta"], "scale ai")
    assert parties_key(["Meta"], "Scale AI") != parties_key(["Meta"], "OpenAI")


def test_types_compatible():
    assert types_compatible("investment", "funding_round")
    assert types_compatible("acquisition", "investment")
    assert not types_compatible("partnership", "acquisition")


def test_progress_status_never_goes_backwards():
    assert progress_status("rumored", "announced") == "announced"
    assert progress_status("completed", "rumored") == "completed"
    assert progress_status("announced", "terminated") == "terminated"
    assert progress_status("terminated", "completed") == "terminated"


def test_same_deal_window_and_parties():
    mention = analyze("Facebook invests $14.3 billion in Scale AI", "", "en").primary
    seen = date(2025, 6, 1)
    assert same_deal(["Meta"], "Scale AI", "funding_round", seen, mention, date(2025, 6, 20))
    late = date.fromordinal(seen.toordinal() + DEAL_WINDOW_DAYS + 1)
    assert not same_deal(["Meta"], "Scale AI", "investment", seen, mention, late)
    assert not same_deal(["Meta"], "OpenAI", "investment", seen, mention, seen)
    assert not same_deal(["Meta"], "Scale AI", "partnership", seen, mention, seen)


def test_run_jsonl_keeps_order_and_reports_bad_lines():
    lines = [
        json.dumps({"id": 1, "title": "Mistral AI lève 600 millions d'euros", "text": "",
                    "language": "fr", "published": "2024-06-11"}),
        "{not json",
        json.dumps({"id": 3, "title": "Apple unveils a new iPad", "text": "", "language": "en"}),
        json.dumps({"id": 4, "title": 5, "text": ""}),
    ]
    out = io.StringIO()
    failed = run_jsonl(io.StringIO("\n".join(lines) + "\n"), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert failed == 2 and len(rows) == 4
    assert rows[0]["id"] == 1 and rows[0]["deal_story"] is True
    deal = rows[0]["deals"][0]
    assert deal["target"] == "Mistral AI" and deal["currency"] == "EUR"
    assert set(deal) == {"buyers", "target", "deal_type", "amount", "currency", "amount_usd",
                         "stake_percent", "valuation", "valuation_currency", "status",
                         "is_primary", "evidence", "confidence"}
    assert "error" in rows[1] and "error" in rows[3] and rows[3]["id"] == 4
    assert rows[2]["deals"] == [] and rows[2]["deal_story"] is False
