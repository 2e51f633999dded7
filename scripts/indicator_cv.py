"""Indicators cross-validated by voice, quickly (no Rasa): the indicator part of
`make nlu-report` on its own, for error analysis and for choosing thresholds.

The folds and their stored models: signaal/recognition/cross_validation.py.
Never reads tests/nlu_eval/.

    .venv/rasa/bin/python scripts/indicator_cv.py            # the table
    .venv/rasa/bin/python scripts/indicator_cv.py --errors   # also the false alarms and misses
    ... --available                                          # only the folds already trained
"""
from __future__ import annotations

import sys

from signaal.recognition.cross_validation import print_errors, run
from signaal.recognition.evaluation import evaluate, table


def main() -> int:
    items, predicted, texts, _ = run(train_missing="--available" not in sys.argv)
    if "--errors" in sys.argv:
        print_errors(items, predicted, texts)
    print("\n".join(table(evaluate(items, predicted), "Indicators, cross-validated by voice")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
