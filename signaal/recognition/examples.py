"""Training examples for the indicator model, from the catalogue only (one source):
the independent voices of catalogue/voices/ and the catalogue's own examples."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple

from signaal.catalogue import Catalogue, load_catalogue
from signaal.data_files import SCHEMA_DIR, DataFileError, load_checked
from signaal.paths import CATALOGUE_DIR

VOICES_DIR = CATALOGUE_DIR / "voices"
VOICES_SCHEMA = SCHEMA_DIR / "voices.schema.json"
CATALOGUE_VOICE = "catalogue"


@dataclass(frozen=True)
class Example:
    text: str
    indicators: Tuple[str, ...]
    not_indicators: Tuple[str, ...] = ()
    voice: str = CATALOGUE_VOICE
    lang: str = "nl"
    context: Tuple[Tuple[str, object], ...] = field(default=())


def voice_files(folder: Path = VOICES_DIR) -> List[Path]:
    return sorted(folder.glob("*.yml"))


def load_voice(path: Path, known: Iterable[str]) -> List[Example]:
    data = load_checked(path, VOICES_SCHEMA)
    known = set(known)
    examples = []
    for n, item in enumerate(data["examples"]):
        unknown = set(item["indicators"]) | set(item.get("not") or ())
        unknown -= known
        if unknown:
            raise DataFileError(f"{path}: examples/{n}: unknown indicator ids {', '.join(sorted(unknown))}")
        examples.append(Example(
            text=item["text"], indicators=tuple(item["indicators"]), not_indicators=tuple(item.get("not") or ()),
            voice=data["voice"], lang=item.get("lang", "nl"), context=tuple(sorted((item.get("context") or {}).items())),
        ))
    return examples


def catalogue_examples(catalogue: Catalogue) -> List[Example]:
    """The catalogue's annotated examples (brackets removed) and its phrases, as short positives."""
    result = []
    for indicator in catalogue.indicators.values():
        for lang, items in indicator.examples.items():
            result += [Example(re.sub(r"[\[\]]", "", text), (indicator.id,), lang=lang) for text in items]
        for lang, items in indicator.phrases.items():
            result += [Example(text, (indicator.id,), lang=lang) for text in items]
    return result


def training_examples(catalogue: Optional[Catalogue] = None, folder: Path = VOICES_DIR,
                      voices: Optional[Sequence[str]] = None) -> List[Example]:
    """Every example; `voices` keeps only those voices (for leave-one-voice-out evaluation)."""
    catalogue = catalogue or load_catalogue()
    examples = catalogue_examples(catalogue)
    for path in voice_files(folder):
        examples += load_voice(path, catalogue.indicators)
    if voices is not None:
        examples = [e for e in examples if e.voice in voices]
    return examples
