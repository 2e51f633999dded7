"""The recogniser's thresholds, from catalogue/recognition.yml (data, not code):
defaults, and per indicator where the cross-validation by voice chose otherwise. Pure."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple

from signaal.data_files import SCHEMA_DIR, load_checked
from signaal.paths import CATALOGUE_DIR

SETTINGS_FILE = CATALOGUE_DIR / "recognition.yml"
SETTINGS_SCHEMA = SCHEMA_DIR / "recognition.schema.json"


@dataclass(frozen=True)
class Thresholds:
    whole: float = 0.4           # the model on the whole description
    clause: float = 0.9          # the model on one clause: higher, a clause is short and says less
    phrase_support: float = 0.15  # a phrase match counts unless the model all but rules it out
    disconfirmed: float = 0.0     # the least for a model finding when its text has a word that takes it back


@dataclass(frozen=True)
class Settings:
    defaults: Thresholds = Thresholds()
    indicators: Mapping[str, Thresholds] = field(default_factory=dict)
    # Pairs that writers label differently for the same words: when the model alone finds both,
    # only the more probable one is kept.
    exclusive: Tuple[Tuple[str, str], ...] = ()

    def of(self, indicator: str) -> Thresholds:
        return self.indicators.get(indicator, self.defaults)

    @staticmethod
    def from_data(data: Mapping) -> "Settings":
        defaults = Thresholds(**data["defaults"])
        own: Dict[str, Thresholds] = {
            indicator: Thresholds(**{**defaults.__dict__, **values})
            for indicator, values in (data.get("indicators") or {}).items()}
        pairs = tuple(tuple(pair) for pair in data.get("exclusive") or ())
        return Settings(defaults, own, pairs)


@lru_cache(maxsize=4)
def load_settings(path: Optional[Path] = None) -> Settings:
    return Settings.from_data(load_checked(path or SETTINGS_FILE, SETTINGS_SCHEMA))
