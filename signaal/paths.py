"""Where things live on disk; one place so no module guesses a path."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_DIR = ROOT / "contract"
CATALOGUE_DIR = ROOT / "catalogue"
BUILD_DIR = Path(os.environ.get("SIGNAAL_BUILD_DIR", ROOT / "build"))
# Local, git-ignored state: generated secrets, SQLite databases, the outbox.
STATE_DIR = Path(os.environ.get("SIGNAAL_STATE_DIR", ROOT / "var"))
SPACY_MODEL_DIR = BUILD_DIR / "spacy" / "nl_signaal"
RECOGNISER_MODEL = BUILD_DIR / "recogniser" / "indicators.pkl"
SIGNAL_SCHEMA = CONTRACT_DIR / "signal.schema.json"
ADDENDUM_SCHEMA = CONTRACT_DIR / "addendum.schema.json"
CONTRACT_INDICATORS = CONTRACT_DIR / "indicators.yml"


def state_dir() -> Path:
    """The state folder, read from the environment each time (tests point it elsewhere)."""
    path = Path(os.environ.get("SIGNAAL_STATE_DIR", STATE_DIR))
    path.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass
    return path
