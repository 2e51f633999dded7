"""The key of a trained model (`python -m stack.model_key [--path]`): a hash of everything training reads.

config.yml, domain.yml, data/, the catalogue (it makes the entity ruler) and
our NLU component. Same inputs -> same model file -> no training.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ["config.yml", "domain.yml", "data", "catalogue/indicators.yml", "catalogue/acute_danger.yml", "rasa_components", "signaal/intent_model.py", "requirements/rasa.lock"]


def model_hash() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if path.is_dir() else [path]
        for file in files:
            if not file.exists():
                continue
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return ROOT / "models" / f"signaal-{model_hash()}.tar.gz"


if __name__ == "__main__":
    print(model_path() if "--path" in sys.argv else model_hash())
