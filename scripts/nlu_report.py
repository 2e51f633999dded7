"""`make nlu-report`: how well Signaal understands officers, as tables.

1. Indicators, cross-validated by voice: the model is trained without one
   writer's voice (catalogue/voices/) and tested on it, for every voice.
2. Indicators on the held-out set (tests/nlu_eval/indicators_heldout.yml),
   written by someone who never saw the phrases, voices or data/.
3. Intents on the held-out set (tests/nlu_eval/intents_heldout.yml), with the
   trained Rasa model (faq sub-intents from the response selector).
4. Intents, Rasa's own k-fold cross-validation of data/nlu (NLU_FOLDS, default 3;
   NLU_SKIP_CV=1 leaves it out: it trains the NLU k times).
Writes build/results/nlu_report.md and prints it. Run in the Rasa environment.
"""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from typing import Dict, List

import yaml
from sklearn.metrics import precision_recall_fscore_support

from signaal.paths import BUILD_DIR, RECOGNISER_MODEL, ROOT
from signaal.recognition.evaluation import evaluate, table
from signaal.recognition.lemmas import lemmatiser, phrase_matcher
from signaal.recognition.model import IndicatorModel
from signaal.recognition.recogniser import Recogniser
from stack.model_key import model_path

OUT = BUILD_DIR / "results"
EVAL = ROOT / "tests" / "nlu_eval"
RASA = ROOT / ".venv" / "rasa" / "bin" / "rasa"
FOLDS = os.environ.get("NLU_FOLDS", "3")


def indicator_cross_validation(phrases) -> List[str]:
    """By voice, with the stored fold models of signaal/recognition/cross_validation.py (build/cv/)."""
    from signaal.recognition.cross_validation import run

    items, predicted, _, voices = run(state={"phrases": phrases})
    return table(evaluate(items, predicted),
                 f"Indicators, cross-validated by voice ({len(set(voices))} voices, each left out once)")


def indicator_heldout(phrases) -> List[str]:
    items = yaml.safe_load((EVAL / "indicators_heldout.yml").read_text(encoding="utf-8"))["items"]
    recogniser = Recogniser(IndicatorModel.load(RECOGNISER_MODEL, lemmatiser()))
    started = time.monotonic()
    predicted = [[r.indicator for r in recogniser.recognise(i["text"], phrases(i["text"]))] for i in items]
    per_item = 1000 * (time.monotonic() - started) / len(items)
    ruler_only = [[p[0] for p in phrases(i["text"])] for i in items]
    lines = table(evaluate(items, predicted), "Indicators on the held-out set (phrases + model + rules)")
    ruler = evaluate(items, ruler_only).overall
    lines += [f"For comparison, the phrase ruler alone: precision {ruler.precision:.3f}, recall {ruler.recall:.3f}, "
              f"F1 {ruler.f1:.3f}. Recognition takes {per_item:.1f} ms per description.", ""]
    return lines


def intent_table(title: str, gold: List[str], predicted: List[str]) -> List[str]:
    labels = sorted(set(gold))
    p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    lines = [f"### {title}", "", "| intent | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    lines += [f"| {l} | {pp:.2f} | {rr:.2f} | {ff:.2f} | {ss} |" for l, pp, rr, ff, ss in zip(labels, p, r, f, s)]
    macro = sum(f) / len(f)
    confusions: Dict[str, int] = {}
    for g, q in zip(gold, predicted):
        if g != q:
            confusions[f"{g} → {q}"] = confusions.get(f"{g} → {q}", 0) + 1
    worst = ", ".join(f"{k} ({v})" for k, v in sorted(confusions.items(), key=lambda kv: -kv[1])[:8])
    return lines + ["", f"**Intent macro-F1: {macro:.3f}** over {len(gold)} utterances. Most frequent confusions: {worst}", ""]


def intent_heldout() -> List[str]:
    from rasa.core.agent import Agent

    items = yaml.safe_load((EVAL / "intents_heldout.yml").read_text(encoding="utf-8"))["items"]
    agent = Agent.load(str(model_path()))

    async def parse_all():
        return [await agent.parse_message(item["text"]) for item in items]

    predicted = []
    for result in asyncio.run(parse_all()):
        name = (result.get("intent") or {}).get("name") or "nlu_fallback"
        if name == "faq":
            name = ((result.get("response_selector") or {}).get("faq", {}).get("response", {})
                    .get("intent_response_key") or "faq")
        predicted.append(name)
    return intent_table("Intents on the held-out set (trained model)", [i["intent"] for i in items], predicted)


def intent_cross_validation() -> List[str]:
    out = OUT / "cv_intents"
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    subprocess.run([str(RASA), "test", "nlu", "--config", "config.yml", "--nlu", "data/nlu", "--cross-validation",
                    "--folds", FOLDS, "--out", str(out), "--quiet"], cwd=ROOT, env=env, check=True)
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    lines = [f"### Intents, {FOLDS}-fold cross-validation of data/nlu", "", "| intent | precision | recall | F1 | support |",
             "|---|---|---|---|---|"]
    for name, d in sorted(report.items()):
        if isinstance(d, dict) and "f1-score" in d and name not in ("micro avg", "macro avg", "weighted avg"):
            lines.append(f"| {name} | {d['precision']:.2f} | {d['recall']:.2f} | {d['f1-score']:.2f} | {d['support']} |")
    return lines + ["", f"**Intent macro-F1: {report['macro avg']['f1-score']:.3f}**", ""]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    phrases = phrase_matcher()
    lines = ["# NLU report", ""]
    print("==> indicators: held-out set", flush=True)
    lines += indicator_heldout(phrases)
    if os.environ.get("NLU_SKIP_VOICE_CV") != "1":  # trains one model per voice left out (cached in build/cv)
        print("==> indicators: cross-validation by voice", flush=True)
        lines += indicator_cross_validation(phrases)
    print("==> intents: held-out set", flush=True)
    lines += intent_heldout()
    if os.environ.get("NLU_SKIP_CV") != "1":
        print(f"==> intents: {FOLDS}-fold cross-validation", flush=True)
        lines += intent_cross_validation()
    report = OUT / "nlu_report.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"\nwritten to {report.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
