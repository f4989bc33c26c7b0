"""Score :func:`enrich.analyze` on the labelled evaluation set.

    python -m enrich.evaluate [--json] [-v] [--set FILE ...] [--all]

Story tagging P/R/F1, AI-deal story tagging (AI-related and a deal story), deal-level
P/R/F1 (a deal matches on target + buyers after alias resolution) and, over matched deals,
accuracy of type, amount+currency, stake, valuation, status and lead investors (where the
gold deal names them), with deal P/R/F1 per language and per deal type.  ``amount_found``
is the share of all gold amounts found with the right currency.  Gold deals marked
``"optional": true`` count neither as misses nor as extras.  ``--all`` scores every
shipped set side by side.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path

from enrich.analysis import analyze
from enrich.samedeal import SAME_DAY, facts_of, parties_key, same_deal

SETS_DIR = Path(__file__).resolve().parent.parent / "tests" / "enrich"
DEFAULT_SET = SETS_DIR / "eval_set.jsonl"
#: Every shipped labelled set, with what it is (``--all`` and ``newsmon eval``).
SHIPPED_SETS = (
    ("eval_set.jsonl", "well-known companies, the set the rules were first tuned on"),
    ("holdout_set.jsonl", "well-known companies, first held-out set"),
    ("holdout2_set.jsonl", "well-known companies, second held-out set"),
    ("unknown_set.jsonl", "invented companies in no gazetteer, 23 full-length articles"),
    (
        "holdout3_unknown.jsonl",
        "invented companies, held out from the party-finding rules, 12 full-length",
    ),
    ("holdout4_unknown.jsonl", "invented companies, held out from round 3, 20 full-length"),
    ("holdout4_known.jsonl", "well-known companies, held out from round 3, 6 full-length"),
    ("holdout5_unknown.jsonl", "invented companies, held out from round 3, 15 full-length"),
    ("holdout6_unknown.jsonl", "invented companies, held out from round 4, 16 full-length"),
    ("holdout7_unknown.jsonl", "invented companies, held out from round 5, 20 full-length"),
    ("holdout7_known.jsonl", "well-known companies, held out from round 5, 5 full-length"),
    ("holdout8_unknown.jsonl", "invented companies, held out from round 6, 20 full-length"),
    ("holdout8_known.jsonl", "well-known companies, held out from round 6, 6 full-length"),
    ("holdout9_unknown.jsonl", "invented companies, held out from rounds 7 and 8, 20 full-length"),
    ("holdout9_known.jsonl", "well-known companies, held out from rounds 7 and 8, 6 full-length"),
)
FIELDS = ("type", "amount", "stake", "valuation", "status")


def load_set(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
        "tp": tp, "fp": fp, "fn": fn,
    }


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6)


def _field_checks(gold: dict, pred) -> dict[str, bool]:
    return {
        "type": gold["deal_type"] == pred.deal_type,
        "amount": _close(gold.get("amount"), pred.amount)
        and (gold.get("amount") is None or gold.get("currency") == pred.currency),
        "stake": _close(gold.get("stake_percent"), pred.stake_percent),
        "valuation": _close(gold.get("valuation"), pred.valuation),
        "status": gold.get("status", pred.status) == pred.status,
    }


def _lead_right(gold: dict, pred) -> bool:
    want = {_key([b], "") for b in gold["lead_investors"]}
    return want == {_key([b], "") for b in getattr(pred, "lead_investors", ())}


def _key(buyers, target) -> str:
    return parties_key(buyers, target)


def _match(gold: dict, preds: list):
    """Pop the prediction that is the same deal as ``gold`` by ``enrich.samedeal`` (figures
    are scored as fields, not matched on), preferring one of the same type."""
    want = facts_of(gold["buyers"], gold["target"], gold["deal_type"], on=SAME_DAY)
    found = [p for p in preds
             if same_deal(want, facts_of(p.buyers, p.target, p.deal_type, on=SAME_DAY))]
    best = next((p for p in found if p.deal_type == gold["deal_type"]), found[0] if found else None)
    if best is not None:
        preds.remove(best)
    return best


def _count(counts: list[int], gold: bool, pred: bool) -> None:
    counts[0] += gold and pred
    counts[1] += pred and not gold
    counts[2] += gold and not pred


class _Tally:
    """Running counts of one scoring pass."""

    def __init__(self) -> None:
        self.tags = {"story": [0, 0, 0], "ai_related": [0, 0, 0], "ai_deal": [0, 0, 0]}
        self.deals = [0, 0, 0]
        self.right = dict.fromkeys(FIELDS, 0)
        self.lead = [0, 0]
        self.amounts = [0, 0]  # gold amounts found right, gold amounts
        self.by_language: dict[str, list[int]] = {}
        self.by_type: dict[str, list[int]] = {}
        self.errors: list[str] = []

    def deal(self, slot: int, language: str, deal_type: str) -> None:
        self.deals[slot] += 1
        self.by_language.setdefault(language, [0, 0, 0])[slot] += 1
        self.by_type.setdefault(deal_type, [0, 0, 0])[slot] += 1


def _score_record(rec: dict, tally: _Tally) -> None:
    published = date.fromisoformat(rec["published"]) if rec.get("published") else None
    result = analyze(rec.get("title", ""), rec["text"], rec.get("language"), published)
    lang = rec.get("language") or "?"
    _count(tally.tags["story"], rec["deal_story"], result.deal_story)
    _count(tally.tags["ai_related"], rec["ai_related"], result.ai_related)
    _count(tally.tags["ai_deal"], rec["deal_story"] and rec["ai_related"],
           result.deal_story and result.ai_related)
    preds = list(result.deals)
    for gold in rec.get("deals", []):
        pred = _match(gold, preds)
        counted = not gold.get("optional")
        if counted and gold.get("amount") is not None:
            tally.amounts[1] += 1
        if pred is None:
            if counted:
                tally.deal(2, lang, gold["deal_type"])
                tally.errors.append(f"{rec['id']}: missed {gold['buyers']} -> {gold['target']}")
            continue
        tally.deal(0, lang, gold["deal_type"])
        checks = _field_checks(gold, pred)
        tally.amounts[0] += counted and gold.get("amount") is not None and checks["amount"]
        for name, ok in checks.items():
            tally.right[name] += ok
            if not ok:
                tally.errors.append(f"{rec['id']}: wrong {name} for -> {gold['target']}: {pred}")
        if gold.get("lead_investors"):
            tally.lead[1] += 1
            tally.lead[0] += _lead_right(gold, pred)
    for pred in preds:
        tally.deal(1, lang, pred.deal_type)
        tally.errors.append(f"{rec['id']}: extra deal {_key(pred.buyers, pred.target)}")


def evaluate(records: list[dict]) -> dict:
    tally = _Tally()
    for rec in records:
        _score_record(rec, tally)
    matched = tally.deals[0] or 1
    accuracy: dict[str, float | None] = {
        name: round(tally.right[name] / matched, 4) for name in FIELDS
    }
    accuracy["lead"] = round(tally.lead[0] / tally.lead[1], 4) if tally.lead[1] else None
    return {
        "articles": len(records),
        **{name: _prf(*counts) for name, counts in tally.tags.items()},
        "deals": _prf(*tally.deals),
        "accuracy": accuracy,
        "amount_found": round(tally.amounts[0] / tally.amounts[1], 4) if tally.amounts[1] else None,
        "gold_amounts": tally.amounts[1],
        "matched_deals": tally.deals[0],
        "by_language": {k: _prf(*v) for k, v in sorted(tally.by_language.items())},
        "by_type": {k: _prf(*v) for k, v in sorted(tally.by_type.items())},
        "errors": tally.errors,
    }


def _line(name: str, r: dict) -> str:
    return (f"{name:<11} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"
            f"  (tp={r['tp']} fp={r['fp']} fn={r['fn']})")


def _print(report: dict, verbose: bool) -> None:
    print(f"articles: {report['articles']}  matched deals: {report['matched_deals']}")
    for name in ("story", "ai_related", "ai_deal", "deals"):
        print(_line(name, report[name]))
    print("accuracy over matched deals: " + "  ".join(
        f"{k}={v:.3f}" for k, v in report["accuracy"].items() if v is not None))
    if report["amount_found"] is not None:
        print(f"gold amounts found with the right currency: {report['amount_found']:.3f}"
              f" of {report['gold_amounts']}")
    for group in ("by_language", "by_type"):
        print(f"deals {group.replace('_', ' ')}:")
        for key, r in report[group].items():
            print("  " + _line(key, r))
    if verbose:
        print("\n".join(report["errors"]))


def shipped_sets() -> list[tuple[Path, str]]:
    """Every labelled set shipped in the repository, with its description."""
    return [(SETS_DIR / name, what) for name, what in SHIPPED_SETS if (SETS_DIR / name).exists()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m enrich.evaluate", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--set", type=Path, action="append", help="labelled JSON Lines file (repeatable)"
    )
    parser.add_argument("--all", action="store_true", help="score every shipped set")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    if args.all:
        chosen = shipped_sets()
    else:
        chosen = [(path, "") for path in args.set or [DEFAULT_SET]]
    reports = {path.name: evaluate(load_set(path)) for path, _ in chosen}
    if args.json:
        if len(reports) > 1:
            data = {path.name: {"set": what, **reports[path.name]} for path, what in chosen}
        else:
            data = next(iter(reports.values()))
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for (path, what), report in zip(chosen, reports.values(), strict=True):
        if len(chosen) > 1:
            print(f"== {path.name}" + (f": {what}" if what else ""))
        _print(report, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
