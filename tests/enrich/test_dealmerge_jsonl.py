import io
import json

from enrich.jsonl import run_jsonl


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
