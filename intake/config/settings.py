"""Settings of the intake point: configured from the environment only.

Defaults serve one machine (SQLite in the state folder, 127.0.0.1); every
switch is an environment variable documented in docs/intake.md.
"""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from intake.config.database import database_from_url
from intake.accounts.client_address import parse_networks
from intake.config.https import https_settings
from signaal.paths import state_dir
from signaal.rasa_client import action_server_base
from signaal.secrets import get_secret

INTAKE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = get_secret("SIGNAAL_DJANGO_SECRET_KEY")
DEBUG = os.environ.get("SIGNAAL_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"] + [
    host.strip() for host in os.environ.get("SIGNAAL_ALLOWED_HOSTS", "").split(",") if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("SIGNAAL_CSRF_TRUSTED_ORIGINS", "").split(",") if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "intake.accounts",
    "intake.audit",
    "intake.signals",
    "intake.review",
    "intake.training",
    "intake.chat",
    "intake.officers",
    "intake.serving",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "intake.config.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "intake.audit.actor.CurrentUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into our 429 page.
    "axes.middleware.AxesMiddleware",
]
# django-axes first, so a locked-out (account, address) is refused before the password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

ROOT_URLCONF = "intake.config.urls"
WSGI_APPLICATION = "intake.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [INTAKE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intake.accounts.context.role",
                "intake.review.context_processors.urgent_banner",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(os.environ.get("SIGNAAL_DATABASE_URL"), state_dir() / "intake.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end with the working day and when the browser closes.
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# SIGNAAL_HTTPS=1: secure cookies and HSTS (intake/config/https.py).
globals().update(https_settings(os.environ))
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [INTAKE_DIR / "static"]
# Served by WhiteNoise straight from the app folders: no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# The intake API reads its own body with a 64 KiB limit; forms stay small too.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
SIGNAAL_MAX_SIGNAL_BYTES = 64 * 1024
# A timestamped signature is accepted this many seconds either side of now, once.
SIGNAAL_SIGNATURE_WINDOW_SECONDS = int(os.environ.get("SIGNAAL_SIGNATURE_WINDOW", "300"))
# The contract's body-only signature (no timestamp); 0 refuses it once every caller timestamps.
SIGNAAL_INTAKE_BODY_SIGNATURE = os.environ.get("SIGNAAL_INTAKE_BODY_SIGNATURE", "1") != "0"
SIGNAAL_RASA_URL = os.environ.get("SIGNAAL_RASA_URL", "http://127.0.0.1:5005").rstrip("/")
SIGNAAL_RASA_TIMEOUT = float(os.environ.get("SIGNAAL_RASA_TIMEOUT", "30"))
# The web chat checks the action server first, as the bot does (signaal.rasa_client).
SIGNAAL_ACTION_SERVER_URL = action_server_base(os.environ.get("SIGNAAL_ACTION_SERVER_URL"),
                                               os.environ.get("SIGNAAL_ACTION_URL"), "http://127.0.0.1:5055")
SIGNAAL_ACTION_HEALTH_TTL = float(os.environ.get("SIGNAAL_ACTION_HEALTH_TTL", "5"))
# Anonymous chat only from this machine; a reverse proxy on this machine makes
# every visitor look local, so it must set this to 1.
SIGNAAL_CHAT_REQUIRE_LOGIN = os.environ.get("SIGNAAL_CHAT_REQUIRE_LOGIN") == "1"
# Linked signals: earlier signals within this many metres are linked at intake (intake/signals/linking.py).
SIGNAAL_LINK_DISTANCE_M = float(os.environ.get("SIGNAAL_LINK_DISTANCE_M", "250"))
SIGNAAL_RETENTION_DAYS = int(os.environ.get("SIGNAAL_RETENTION_DAYS", "180"))
# The audit log has its own, longer horizon (two years by default): it must outlive the signals it explains.
SIGNAAL_AUDIT_RETENTION_DAYS = int(os.environ.get("SIGNAAL_AUDIT_RETENTION_DAYS", "730"))
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
SIGNAAL_TRUSTED_PROXIES = parse_networks(os.environ.get("SIGNAAL_TRUSTED_PROXIES", ""))
# Login throttling (django-axes, intake/accounts/lockout.py): per (account, client address).
SIGNAAL_LOGIN_MAX_FAILURES = int(os.environ.get("SIGNAAL_LOGIN_MAX_FAILURES", "5"))
SIGNAAL_LOGIN_COOLOFF_MINUTES = int(os.environ.get("SIGNAAL_LOGIN_COOLOFF_MINUTES", "15"))
AXES_FAILURE_LIMIT = SIGNAAL_LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=SIGNAAL_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "intake.accounts.client_address.client_address"
AXES_USERNAME_CALLABLE = "intake.accounts.lockout.username_of"
AXES_LOCKOUT_CALLABLE = "intake.accounts.lockout.locked_out"
# Logins are in our audit log already; axes keeps only the failure counters.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False

# Log to stderr: who/what/when only; bodies and officer texts are never logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SIGNAAL_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs the request line of 4xx/5xx; no bodies.
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "WARNING"},
    },
}
