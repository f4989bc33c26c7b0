"""Score :func:`enrich.analyze` on the labelled evaluation set.

    python -m enrich.evaluate [--json] [--set tests/enrich/eval_set.jsonl]

Story tagging P/R/F1, deal-level P/R/F1 (a deal matches on target + buyers after alias
resolution) and, over matched deals, accuracy of type, amount+currency, stake, valuation
and status.  Gold deals marked ``"optional": true`` count neither as misses nor as extras.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path

from enrich.analysis import analyze
from enrich.samedeal import facts_of, parties_key, same_deal

DEFAULT_SET = Path(__file__).resolve().parent.parent / "tests" / "enrich" / "eval_set.jsonl"
FIELDS = ("type", "amount", "stake", "valuation", "status")


def load_set(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


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


def _key(buyers, target) -> str:
    return parties_key(buyers, target)


def _match(gold: dict, preds: dict):
    """Pop the prediction that is the same deal as ``gold`` by ``enrich.samedeal`` (figures
    are scored as fields, not matched on), preferring one of the same type."""
    want = facts_of(gold["buyers"], gold["target"], gold["deal_type"])
    found = [p for p in preds if same_deal(want, facts_of(p.buyers, p.target, p.deal_type))]
    best = next((p for p in found if p.deal_type == gold["deal_type"]), found[0] if found else None)
    if best is not None:
        preds.remove(best)
    return best


def evaluate(records: list[dict]) -> dict:
    story = [0, 0, 0]
    ai = [0, 0, 0]
    deals = [0, 0, 0]
    right = dict.fromkeys(FIELDS, 0)
    errors = []
    for rec in records:
        published = date.fromisoformat(rec["published"]) if rec.get("published") else None
        result = analyze(rec.get("title", ""), rec["text"], rec.get("language"), published)
        for counts, gold, pred in (
            (story, rec["deal_story"], result.deal_story),
            (ai, rec["ai_related"], result.ai_related),
        ):
            counts[0] += gold and pred
            counts[1] += pred and not gold
            counts[2] += gold and not pred
        preds = list(result.deals)
        for gold in rec.get("deals", []):
            pred = _match(gold, preds)
            if pred is None:
                if not gold.get("optional"):
                    deals[2] += 1
                    errors.append(f"{rec['id']}: missed {gold['buyers']} -> {gold['target']}")
                continue
            deals[0] += 1
            for name, ok in _field_checks(gold, pred).items():
                right[name] += ok
                if not ok:
                    errors.append(f"{rec['id']}: wrong {name} for -> {gold['target']}: {pred}")
        for pred in preds:
            deals[1] += 1
            errors.append(f"{rec['id']}: extra deal {_key(pred.buyers, pred.target)}")
    matched = deals[0] or 1
    return {
        "articles": len(records),
        "story": _prf(*story),
        "ai_related": _prf(*ai),
        "deals": _prf(*deals),
        "accuracy": {name: round(right[name] / matched, 4) for name in FIELDS},
        "matched_deals": deals[0],
        "errors": errors,
    }


def _print(report: dict, verbose: bool) -> None:
    print(f"articles: {report['articles']}  matched deals: {report['matched_deals']}")
    for name in ("story", "ai_related", "deals"):
        r = report[name]
        print(f"{name:<11} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"
              f"  (tp={r['tp']} fp={r['fp']} fn={r['fn']})")
    print("accuracy over matched deals: "
          + "  ".join(f"{k}={v:.3f}" for k, v in report["accuracy"].items()))
    if verbose:
        print("\n".join(report["errors"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m enrich.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="labelled JSON Lines file")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    report = evaluate(load_set(args.set))
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print(report, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
