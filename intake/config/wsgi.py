"""WSGI entry point of the intake point (the `intake` package is installed)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intake.config.settings")

application = get_wsgi_application()
