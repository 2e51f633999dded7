"""`make nlu-report`: 5-fold cross-validation of the NLU, as a readable table.

Runs Rasa's cross-validation for our configuration (lemma entity ruler for
indicators) and for a variant where DIET also learns the indicator entities,
then writes build/results/nlu_report.md: intent F1 per intent (macro-F1) and
indicator entity precision/recall per extractor.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "results"
RASA = ROOT / ".venv" / "rasa" / "bin" / "rasa"
FOLDS = os.environ.get("NLU_FOLDS", "5")


def diet_variant() -> Path:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"] == "DIETClassifier":
            component["entity_recognition"] = True
    path = OUT / "config_diet_entities.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def cross_validate(config: Path, out: Path) -> None:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    subprocess.run([str(RASA), "test", "nlu", "--config", str(config), "--nlu", "data/nlu", "--cross-validation",
                    "--folds", FOLDS, "--out", str(out), "--quiet"], cwd=ROOT, env=env, check=True)


def entity_rows(out: Path) -> list:
    rows = []
    for report in sorted(out.glob("*_report.json")):
        if report.name.startswith(("intent", "response_selection")):
            continue
        data = json.loads(report.read_text(encoding="utf-8"))
        for label in ("indicator", "exploitation_type"):
            if label in data:
                d = data[label]
                rows.append(f"| {report.stem.replace('_report', '')} | {label} | {d['precision']:.3f} | {d['recall']:.3f} | {d['f1-score']:.3f} | {d['support']} |")
    return rows


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    ours, diet = OUT / "cv_ruler", OUT / "cv_diet"
    cross_validate(ROOT / "config.yml", ours)
    if os.environ.get("NLU_SKIP_DIET") != "1":
        cross_validate(diet_variant(), diet)
    intents = json.loads((ours / "intent_report.json").read_text(encoding="utf-8"))
    lines = [f"# NLU cross-validation ({FOLDS} folds)", "", "## Intents (our configuration)", "",
             "| intent | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for name, d in sorted(intents.items()):
        if isinstance(d, dict) and "f1-score" in d and name not in ("micro avg", "macro avg", "weighted avg"):
            lines.append(f"| {name} | {d['precision']:.3f} | {d['recall']:.3f} | {d['f1-score']:.3f} | {d['support']} |")
    macro = intents.get("macro avg", {})
    lines += ["", f"**Intent macro-F1: {macro.get('f1-score', float('nan')):.3f}**", "",
              "## Entities", "", "| run / extractor | entity | precision | recall | F1 | support |", "|---|---|---|---|---|---|"]
    lines += [row.replace("| ", "| ruler-config: ", 1) for row in entity_rows(ours)]
    if diet.exists():
        lines += [row.replace("| ", "| diet-config: ", 1) for row in entity_rows(diet)]
    report = OUT / "nlu_report.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"\nwritten to {report.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
