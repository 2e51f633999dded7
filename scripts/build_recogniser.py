"""Train the indicator model from the catalogue (voices and examples) and store it
under build/recogniser/ (run by `make build`, in the Rasa environment)."""
from __future__ import annotations

import time

from signaal.catalogue import load_catalogue
from signaal.paths import RECOGNISER_MODEL
from signaal.recognition.examples import training_examples
from signaal.recognition.lemmas import lemmatiser
from signaal.recognition.model import train


def main() -> None:
    started = time.monotonic()
    catalogue = load_catalogue()
    examples = training_examples(catalogue)
    model = train(examples, list(catalogue.indicators), lemmatiser())
    model.save(RECOGNISER_MODEL)
    print(f"==> indicator model: {len(examples)} examples, {len(model.ids)} indicators, "
          f"{time.monotonic() - started:.0f} s -> {RECOGNISER_MODEL}")


if __name__ == "__main__":
    main()
