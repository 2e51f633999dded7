"""`manage.py serve`: apply migrations, then serve with waitress (a production WSGI server).

Listens on SIGNAAL_WEB_HOST (127.0.0.1) and SIGNAAL_WEB_PORT (8000); static
files come from WhiteNoise, so nothing else needs to be set up.
"""
from __future__ import annotations

import logging
import os
import signal
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migreert de database en start de webserver / migrates the database and serves the web application."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("SIGNAAL_WEB_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("SIGNAAL_WEB_PORT", "8000")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("SIGNAAL_WEB_THREADS", "8")))
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args, host: str, port: int, threads: int, no_migrate: bool, **options):
        from waitress import serve

        from intake.config.wsgi import application

        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        # SIGTERM (from `make run` or systemd) ends the server like Ctrl-C.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        logging.getLogger("waitress").setLevel(logging.INFO)
        self.stdout.write(f"Signaal intake: http://{host}:{port}/ (chat: http://{host}:{port}/chat)")
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="signaal")
