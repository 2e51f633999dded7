"""WSGI entry point; also importable from outside intake/ (adds both paths)."""
import os
import sys
from pathlib import Path

INTAKE = Path(__file__).resolve().parent.parent
for path in (INTAKE.parent, INTAKE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
