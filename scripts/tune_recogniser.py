"""Choose the recogniser's thresholds on the cross-validation BY VOICE only (never
on tests/nlu_eval/), and print what they would give. Writes nothing unless
`--write`, which stores them in catalogue/recognition.yml.

    PYTHONPATH=$PWD .venv/rasa/bin/python scripts/tune_recogniser.py [--write]
"""
from __future__ import annotations

import sys
from typing import Dict, List

import numpy as np
import yaml

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from indicator_cv import run  # noqa: E402

from signaal.catalogue import load_catalogue  # noqa: E402
from signaal.recognition import quantities  # noqa: E402
from signaal.recognition.clauses import clauses  # noqa: E402
from signaal.recognition.negation import negated  # noqa: E402
from signaal.recognition.recognition_settings import SETTINGS_FILE  # noqa: E402

GRID_WHOLE = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01]
GRID_CLAUSE = [0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99, 1.01]
GRID_SUPPORT = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4]


def features(state, ids: List[str]):
    """Per item: whole and best-clause probabilities, phrase and rule hits, as arrays over `ids`."""
    column = {i: n for n, i in enumerate(ids)}
    W, C, P, R, Y, N = [], [], [], [], [], []
    items, texts = state["items"], state["texts"]
    for item, text, voice in zip(items, texts, state["voices"]):
        model = state["models"][voice]
        spans = clauses(text)
        rows = model.probabilities([text] + ([c for _, _, c in spans] if len(spans) > 1 else []))
        w = np.zeros(len(ids)); c = np.zeros(len(ids)); neg = np.zeros(len(ids), bool)
        for k, indicator in enumerate(model.ids):
            w[column[indicator]] = rows[0, k]
            c[column[indicator]] = rows[1:, k].max() if len(spans) > 1 else rows[0, k]
            best = spans[int(rows[1:, k].argmax())][2] if len(spans) > 1 else text
            neg[column[indicator]] = cue_in(best)
        p = np.zeros(len(ids), bool); r = np.zeros(len(ids), bool); y = np.zeros(len(ids), bool)
        for indicator, start, end in state["phrase_memo"][text]:
            span = next((s for s in spans if s[0] <= start < s[1]), spans[0])
            if not negated(span[2], start - span[0], end - span[0]):
                p[column[indicator]] = True
        for s, e, clause in spans:
            for finding in quantities.findings(clause):
                r[column[finding.indicator]] = True
        for indicator in item["expected"]:
            y[column[indicator]] = True
        W.append(w); C.append(c); P.append(p); R.append(r); Y.append(y); N.append(neg)
    return tuple(np.array(a) for a in (W, C, P, R, Y, N))


def cue_in(text: str) -> bool:
    from signaal.recognition.negation import BEFORE, SELF_AFTER
    lowered = text.lower()
    return bool(BEFORE.search(lowered) or SELF_AFTER.search(lowered))


def decide(W, C, P, R, tw, tc, ts):
    return (P & (W >= ts)) | R | (W >= tw) | (C >= tc)


def scores(hit, Y):
    tp = (hit & Y).sum(); fp = (hit & ~Y).sum(); fn = (~hit & Y).sum()
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), (tp, fp, fn)


def tune(W, C, P, R, Y, ids, base, min_recall, rounds=3, margin=1):
    """Coordinate ascent per indicator on micro-F1, keeping recall >= min_recall.
    A change must win at least `margin` net errors on its indicator (against noise)."""
    n = len(ids)
    tw = np.full(n, base["whole"]); tc = np.full(n, base["clause"]); ts = np.full(n, base["phrase_support"])
    for _ in range(rounds):
        changed = False
        for j in range(n):
            hit = decide(W, C, P, R, tw, tc, ts)
            tp0, fp0, fn0 = [int(v) for v in scores(hit, Y)[3]]
            others = hit.copy()
            current = (tw[j], tc[j], ts[j])
            best, best_f1 = current, scores(hit, Y)[2]
            col_cur = hit[:, j]
            for a in GRID_WHOLE:
                for b in GRID_CLAUSE:
                    for s in GRID_SUPPORT:
                        col = (P[:, j] & (W[:, j] >= s)) | R[:, j] | (W[:, j] >= a) | (C[:, j] >= b)
                        dtp = int((col & Y[:, j]).sum() - (col_cur & Y[:, j]).sum())
                        dfp = int((col & ~Y[:, j]).sum() - (col_cur & ~Y[:, j]).sum())
                        tp, fp, fn = tp0 + dtp, fp0 + dfp, fn0 - dtp
                        p = tp / (tp + fp); r = tp / (tp + fn)
                        f1 = 2 * p * r / (p + r)
                        net = -dfp + dtp  # errors won on this indicator
                        if r >= min_recall and f1 > best_f1 + 1e-9 and abs(dtp) + abs(dfp) > 0 and net >= margin:
                            best, best_f1 = (a, b, s), f1
            if best != current:
                tw[j], tc[j], ts[j] = best
                changed = True
        if not changed:
            break
    return tw, tc, ts


def main() -> int:
    catalogue = load_catalogue()
    ids = list(catalogue.indicators)
    state: Dict = {}
    items, predicted, texts, voices = run(state=state)
    state.update(items=items, texts=texts, voices=voices)
    W, C, P, R, Y, N = features(state, ids)
    np.savez("build/cv/features.npz", W=W, C=C, P=P, R=R, Y=Y, N=N, voices=np.array(voices), ids=np.array(ids), texts=np.array(texts, dtype=object))
    base = {"whole": 0.4, "clause": 0.9, "phrase_support": 0.15}
    hit = decide(W, C, P, R, base["whole"], base["clause"], base["phrase_support"])
    p, r, f, counts = scores(hit, Y)
    print(f"global thresholds: P {p:.3f} R {r:.3f} F1 {f:.3f} {counts}")
    best = None
    for a in GRID_WHOLE:
        for b in GRID_CLAUSE:
            for s in GRID_SUPPORT:
                q = scores(decide(W, C, P, R, a, b, s), Y)
                if best is None or q[2] > best[0][2]:
                    best = (q, (a, b, s))
    print(f"best global grid: {best[1]} -> P {best[0][0]:.3f} R {best[0][1]:.3f} F1 {best[0][2]:.3f}")
    tw, tc, ts = tune(W, C, P, R, Y, ids, base, min_recall=r - 0.005)
    q = scores(decide(W, C, P, R, tw, tc, ts), Y)
    print(f"per indicator (in-sample on CV): P {q[0]:.3f} R {q[1]:.3f} F1 {q[2]:.3f} {q[3]}")
    # Honest estimate of the per-indicator choice: choose on half the voices, score on the other half.
    vs = sorted(set(voices)); va = np.array([v in vs[::2] for v in voices])
    for train_mask, test_mask in ((va, ~va), (~va, va)):
        t = tune(W[train_mask], C[train_mask], P[train_mask], R[train_mask], Y[train_mask], ids, base,
                 min_recall=scores(decide(W[train_mask], C[train_mask], P[train_mask], R[train_mask], 0.4, 0.9, 0.15), Y[train_mask])[1] - 0.005)
        before = scores(decide(W[test_mask], C[test_mask], P[test_mask], R[test_mask], 0.4, 0.9, 0.15), Y[test_mask])
        after = scores(decide(W[test_mask], C[test_mask], P[test_mask], R[test_mask], *t), Y[test_mask])
        print(f"  half-voices check: before P {before[0]:.3f} R {before[1]:.3f} -> after P {after[0]:.3f} R {after[1]:.3f}")
    changed = {ids[j]: {"whole": float(tw[j]), "clause": float(tc[j]), "phrase_support": float(ts[j])}
               for j in range(len(ids)) if (tw[j], tc[j], ts[j]) != (base["whole"], base["clause"], base["phrase_support"])}
    print(yaml.safe_dump(changed, sort_keys=True))
    if "--write" in sys.argv:
        data = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))
        data["indicators"] = changed
        SETTINGS_FILE.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
