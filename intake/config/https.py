"""Settings that apply when the intake is served over HTTPS (SIGNAAL_HTTPS=1, behind a TLS proxy).

A function of the environment, so a test can check both ways without
reloading the settings module.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping

ONE_YEAR = 365 * 24 * 3600


def https_settings(environ: Mapping[str, str]) -> Dict[str, Any]:
    if environ.get("SIGNAAL_HTTPS") != "1":
        return {}
    return {
        # Cookies never travel over plain HTTP.
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        # The TLS-terminating proxy says the request came over HTTPS.
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        # Browsers keep to HTTPS for this host once they have seen it (SecurityMiddleware).
        "SECURE_HSTS_SECONDS": int(environ.get("SIGNAAL_HSTS_SECONDS", str(ONE_YEAR))),
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": environ.get("SIGNAAL_HSTS_SUBDOMAINS", "0") == "1",
        "SECURE_HSTS_PRELOAD": False,
    }
