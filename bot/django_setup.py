"""Load the intake's Django project so the bot can use the officers' tables."""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTAKE_DIR = ROOT / "intake"


def setup_django() -> None:
    for path in (str(ROOT), str(INTAKE_DIR)):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
