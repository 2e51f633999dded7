#!/usr/bin/env python
"""Django's command-line entry point for the intake point (run with cwd intake/)."""
import os
import sys
from pathlib import Path

# The repository root holds the shared `signaal` package.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
