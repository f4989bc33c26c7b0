"""JSON Lines in, JSON Lines out: the batch interface to :func:`enrich.analyze`."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import IO

from enrich.analysis import analyze

_DEAL_FIELDS = (
    "buyers", "target", "deal_type", "amount", "currency", "amount_usd", "stake_percent",
    "valuation", "valuation_currency", "status", "is_primary", "evidence", "confidence",
)


def _published(value: object) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be an ISO date string, got {value!r}")
    return datetime.fromisoformat(value.replace("Z", "+00:00")).date()


def analyze_record(record: dict) -> dict:
    """Output record for one input record ``{"id", "title", "text", "language"?, "published"?}``."""
    if not isinstance(record, dict):
        raise ValueError("each line must be a JSON object")
    title, text = record.get("title") or "", record.get("text") or ""
    if not isinstance(title, str) or not isinstance(text, str):
        raise ValueError("title and text must be strings")
    result = analyze(title, text, record.get("language"), _published(record.get("published")))
    return {
        "id": record.get("id"),
        "language": result.language,
        "ai_related": result.ai_related,
        "deal_story": result.deal_story,
        "tags": list(result.tags),
        "deals": [{k: d.to_dict()[k] for k in _DEAL_FIELDS} for d in result.deals],
    }


def run_jsonl(in_stream: IO[str], out_stream: IO[str]) -> int:
    """Analyze each input line; write one output line per input line, in order.

    A bad line yields ``{"id": ..., "error": "..."}`` and processing goes on.
    Returns the number of lines that failed.
    """
    failed = 0
    for raw in in_stream:
        if not raw.strip():
            continue
        record_id = None
        try:
            record = json.loads(raw)
            record_id = record.get("id") if isinstance(record, dict) else None
            out = analyze_record(record)
        except Exception as exc:  # one bad article must not stop the batch
            failed += 1
            out = {"id": record_id, "error": f"{type(exc).__name__}: {exc}"}
        out_stream.write(json.dumps(out, ensure_ascii=False) + "\n")
    return failed
