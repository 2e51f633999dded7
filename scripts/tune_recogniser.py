"""Choose the recogniser's thresholds on the cross-validation BY VOICE only (never
on tests/nlu_eval/), and print what they would give. Writes nothing unless
`--write`, which stores them in catalogue/recognition.yml.

    .venv/rasa/bin/python scripts/tune_recogniser.py [--available] [--cached] [--write]
"""
from __future__ import annotations

import sys
from typing import Dict, List

import numpy as np
import yaml

from signaal.recognition.cross_validation import CV_DIR, fold_key, run  # noqa: E402
from signaal.recognition.examples import training_examples  # noqa: E402

from signaal.catalogue import load_catalogue  # noqa: E402
from signaal.recognition import quantities  # noqa: E402
from signaal.recognition.clauses import clauses  # noqa: E402
from signaal.recognition.negation import corrected_belief, disconfirmed, negated  # noqa: E402
from signaal.recognition.recogniser import _next_clause  # noqa: E402
from signaal.recognition.recognition_settings import SETTINGS_FILE, load_settings  # noqa: E402

GRID_WHOLE = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01]
GRID_CLAUSE = [0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99, 1.01]
GRID_SUPPORT = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4]
GRID_DISCONFIRM = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9]
RECALL_TOLERANCE = 0.005  # "raise precision without losing recall": at most half a point of recall


def features(state, ids: List[str]):
    """Per item: whole and best-clause probabilities, phrase and rule hits, cue words, as arrays over `ids`."""
    column = {i: n for n, i in enumerate(ids)}
    W, C, P, R, Y, NW, NC = [], [], [], [], [], [], []
    for item, text, voice in zip(state["items"], state["texts"], state["voices"]):
        model = state["models"][voice]
        spans = clauses(text)
        rows = model.probabilities([text] + ([c for _, _, c in spans] if len(spans) > 1 else []))
        w = np.zeros(len(ids)); c = np.zeros(len(ids)); nc = np.zeros(len(ids), bool)
        for k, indicator in enumerate(model.ids):
            w[column[indicator]] = rows[0, k]
            c[column[indicator]] = rows[1:, k].max() if len(spans) > 1 else rows[0, k]
            best = spans[int(rows[1:, k].argmax())][2] if len(spans) > 1 else text
            nc[column[indicator]] = disconfirmed(best)
        p = np.zeros(len(ids), bool); r = np.zeros(len(ids), bool); y = np.zeros(len(ids), bool)
        for indicator, start, end in state["phrase_memo"][text]:
            span = next((s for s in spans if s[0] <= start < s[1]), spans[0])
            if not negated(span[2], start - span[0], end - span[0]) and \
                    not corrected_belief(span[2], _next_clause(text, spans, span[0])):
                p[column[indicator]] = True
        for s, e, clause in spans:
            for finding in quantities.findings(clause):
                r[column[finding.indicator]] = True
        for indicator in item["expected"]:
            y[column[indicator]] = True
        W.append(w); C.append(c); P.append(p); R.append(r); Y.append(y); NC.append(nc)
        NW.append(np.full(len(ids), disconfirmed(text)))
    return {k: np.array(v) for k, v in dict(W=W, C=C, P=P, R=R, Y=Y, NW=NW, NC=NC).items()}


def decide(F, tw, tc, ts, td=0.0, pairs=(), mask=None):
    """The recogniser's decision (recogniser.py), vectorised over items and ids."""
    F = {k: v[mask] for k, v in F.items()} if mask is not None else F
    W, C = F["W"], F["C"]
    pre = (F["P"] & (W >= ts)) | F["R"]
    model = (W >= np.where(F["NW"], np.maximum(tw, td), tw)) | (C >= np.where(F["NC"], np.maximum(tc, td), tc))
    model &= ~pre
    if pairs:
        conf = np.maximum(W, C)
        drop = np.zeros_like(model)
        for a, b in pairs:
            both = model[:, a] & model[:, b]
            drop[:, a] |= both & (conf[:, a] < conf[:, b])
            drop[:, b] |= both & ~(conf[:, a] < conf[:, b])
        model &= ~drop
    return pre | model


def scores(hit, Y):
    tp = int((hit & Y).sum()); fp = int((hit & ~Y).sum()); fn = int((~hit & Y).sum())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), (tp, fp, fn)


def tune_global(F, min_recall, mask=None):
    Y = F["Y"] if mask is None else F["Y"][mask]
    best = None
    for td in GRID_DISCONFIRM:
        for a in GRID_WHOLE:
            for b in GRID_CLAUSE:
                for s in GRID_SUPPORT:
                    q = scores(decide(F, a, b, s, td, mask=mask), Y)
                    if q[1] >= min_recall and (best is None or q[2] > best[0][2]):
                        best = (q, (a, b, s, td))
    return best


def tune_per_indicator(F, ids, base, min_recall, mask=None, rounds=2, margin=2):
    """Coordinate ascent per indicator on micro-F1, keeping recall >= min_recall; a change must win at
    least `margin` errors on its indicator (against noise)."""
    G = {k: v[mask] for k, v in F.items()} if mask is not None else F
    Y = G["Y"]; n = len(ids)
    tw = np.full(n, base[0]); tc = np.full(n, base[1]); ts = np.full(n, base[2]); td = base[3]
    for _ in range(rounds):
        changed = False
        for j in range(n):
            hit = decide(G, tw, tc, ts, td)
            tp0, fp0, fn0 = scores(hit, Y)[3]
            cur = hit[:, j]; y = Y[:, j]
            best, best_f1 = (tw[j], tc[j], ts[j]), scores(hit, Y)[2]
            start = best
            for a in GRID_WHOLE:
                for b in GRID_CLAUSE:
                    for s in GRID_SUPPORT:
                        col = decide({k: v[:, j:j + 1] for k, v in G.items()}, a, b, s, td)[:, 0]
                        dtp = int((col & y).sum() - (cur & y).sum()); dfp = int((col & ~y).sum() - (cur & ~y).sum())
                        tp, fp, fn = tp0 + dtp, fp0 + dfp, fn0 - dtp
                        p = tp / (tp + fp); r = tp / (tp + fn); f1 = 2 * p * r / (p + r)
                        if r >= min_recall and f1 > best_f1 + 1e-9 and dtp - dfp >= margin:
                            best, best_f1 = (a, b, s), f1
            if best != start:
                tw[j], tc[j], ts[j] = best
                changed = True
        if not changed:
            break
    return tw, tc, ts, td


def tune_pairs(F, thresholds, candidates, min_recall, mask=None, margin=3):
    Y = F["Y"] if mask is None else F["Y"][mask]
    chosen = []
    best = scores(decide(F, *thresholds, mask=mask), Y)
    for pair in candidates:
        q = scores(decide(F, *thresholds, pairs=chosen + [pair], mask=mask), Y)
        if q[1] >= min_recall and (q[3][1] - best[3][1]) - (q[3][0] - best[3][0]) <= -margin:
            chosen.append(pair); best = q
    return chosen


def candidate_pairs(F, hit, limit=30):
    Y = F["Y"]; counts = {}
    for n in range(len(Y)):
        for a in np.where(hit[n] & ~Y[n])[0]:
            for b in np.where(hit[n] & Y[n])[0]:
                key = tuple(sorted((int(a), int(b))))
                counts[key] = counts.get(key, 0) + 1
    return [k for k, v in sorted(counts.items(), key=lambda kv: -kv[1])[:limit] if v >= 3]


def main() -> int:
    catalogue = load_catalogue()
    ids = list(catalogue.indicators)
    # Keyed like the fold models: after a change of model.py or the examples, --cached computes again.
    cache = CV_DIR / f"features-{fold_key(training_examples(catalogue))}.npz"
    if "--cached" in sys.argv and cache.exists():  # after changing only this script
        F = dict(np.load(cache, allow_pickle=True))
        voices = list(F.pop("voices"))
    else:
        state: Dict = {}
        items, predicted, texts, voices = run(state=state, train_missing="--available" not in sys.argv)
        state.update(items=items, texts=texts, voices=voices)
        F = features(state, ids)
        np.savez(cache, voices=np.array(voices), **F)
    Y = F["Y"]
    current = load_settings()
    base = (current.defaults.whole, current.defaults.clause, current.defaults.phrase_support, current.defaults.disconfirmed)
    q0 = scores(decide(F, *base), Y)
    print(f"current defaults {base}: P {q0[0]:.3f} R {q0[1]:.3f} F1 {q0[2]:.3f} {q0[3]}")
    min_recall = q0[1] - RECALL_TOLERANCE
    g = tune_global(F, min_recall)
    print(f"best global: {g[1]} -> P {g[0][0]:.3f} R {g[0][1]:.3f} F1 {g[0][2]:.3f} {g[0][3]}")
    t = tune_per_indicator(F, ids, g[1], min_recall)
    q = scores(decide(F, *t), Y)
    print(f"+ per indicator (in-sample): P {q[0]:.3f} R {q[1]:.3f} F1 {q[2]:.3f} {q[3]}")
    pairs = tune_pairs(F, t, candidate_pairs(F, decide(F, *t)), min_recall)
    q = scores(decide(F, *t, pairs=pairs), Y)
    print(f"+ exclusive pairs {[(ids[a], ids[b]) for a, b in pairs]} (in-sample): P {q[0]:.3f} R {q[1]:.3f} F1 {q[2]:.3f} {q[3]}")
    # An honest estimate of each step: nested leave-one-voice-out (choose on the other voices' folds,
    # score on this voice), summed over the voices.
    V = np.array(voices); steps = {name: np.zeros_like(Y) for name in ("before", "global", "per indicator", "pairs")}
    tested = np.zeros(len(Y), bool)
    for voice in sorted(set(voices)):
        test = V == voice; choose = ~test
        if test.sum() < 100:
            continue
        tested |= test
        r0 = scores(decide(F, *base, mask=choose), Y[choose])[1] - RECALL_TOLERANCE
        gg = tune_global(F, r0, mask=choose)[1]
        tt = tune_per_indicator(F, ids, gg, r0, mask=choose)
        pp = tune_pairs(F, tt, candidate_pairs({k: v[choose] for k, v in F.items()}, decide(F, *tt, mask=choose)), r0, mask=choose)
        for name, (x, pr) in zip(steps, ((base, []), (gg, []), (tt, []), (tt, pp))):
            steps[name][test] = decide(F, *x, pairs=pr, mask=test)
        print(f"    nested: {voice} done", flush=True)
    print("nested leave-one-voice-out (thresholds chosen without the voice scored): "
          + " | ".join(f"{name} P {q[0]:.3f} R {q[1]:.3f} F1 {q[2]:.3f}"
                       for name, q in ((n, scores(h[tested], Y[tested])) for n, h in steps.items())))
    tw, tc, ts, td = t
    glob = {"whole": g[1][0], "clause": g[1][1], "phrase_support": g[1][2], "disconfirmed": g[1][3]}
    own = {}
    for j, indicator in enumerate(ids):
        values = {k: float(v) for k, v in (("whole", tw[j]), ("clause", tc[j]), ("phrase_support", ts[j])) if float(v) != glob[k]}
        if values:
            own[indicator] = values
    result = {"defaults": {k: float(v) for k, v in glob.items()}, "indicators": own,
              "exclusive": [[ids[a], ids[b]] for a, b in pairs]}
    print(yaml.safe_dump(result, sort_keys=False))
    if "--write" in sys.argv:
        data = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))
        chosen = [k for k in ("defaults", "indicators", "exclusive") if k in sys.argv[sys.argv.index("--write") + 1:] or
                  len(sys.argv) == sys.argv.index("--write") + 1]
        for key in chosen:
            data[key] = result[key]
        SETTINGS_FILE.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
        print(f"written: {', '.join(chosen)} -> {SETTINGS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
