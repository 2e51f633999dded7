"""Headers that keep officer text inert in the browser, on every page but the admin.

The content security policy forbids inline script, so even officer text that
slipped past escaping could not run. Django's admin still uses some inline
script, so it gets the default headers only. Every answer but static files is
`Cache-Control: no-store`: signal pages, the API and the chat hold police data
that no browser or proxy cache may keep.
"""
from __future__ import annotations

from typing import Callable

from django.http import HttpRequest, HttpResponse

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", POLICY)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response
