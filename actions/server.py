"""The action server (`python -m actions.server --port N`): rasa-sdk's app behind a token.

rasa-sdk has no authentication of its own, so a hand-made tracker POSTed to
the port would run any action (e.g. forward a signal with a forged reporter).
Only Rasa holds SIGNAAL_ACTION_TOKEN and sends it as `Authorization: Bearer`
(endpoints.yml); every other call but /health gets 401.
"""
from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
from typing import Optional

TOKEN_ENV = "SIGNAAL_ACTION_TOKEN"
OPEN_PATHS = ("/health",)  # liveness only: says nothing about conversations

logger = logging.getLogger("actions.server")


def authorised(header: Optional[str], token: str) -> bool:
    if not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer "):].encode("utf-8"), token.encode("utf-8"))


def create_app(token: str):  # noqa: ANN201 (a Sanic app)
    from rasa_sdk.endpoint import create_app as sdk_app
    from sanic import response

    app = sdk_app("actions", cors_origins=[])

    @app.on_request
    async def require_token(request):  # noqa: ANN001, ANN202
        if request.path in OPEN_PATHS:
            return None
        if not authorised(request.headers.get("Authorization"), token):
            logger.warning("action server: call to %s without a valid token refused", request.path)
            return response.json({"error": "unauthorised"}, status=401)
        return None

    return app


def main(argv: Optional[list] = None) -> None:
    parser = argparse.ArgumentParser(description="Signaal's action server (rasa-sdk behind a token)")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    token = os.environ.get(TOKEN_ENV)
    if not token:
        sys.exit(f"{TOKEN_ENV} ontbreekt / is not set: the action server does not start open")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    for noisy in ("sanic.access",):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    app = create_app(token)
    from actions.delivery.sender import start_background_sender
    from signaal.checklist_plan import typical

    start_background_sender()
    typical(None)  # the checklist's order reads the catalogue's voices once: now, not in an officer's first turn
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    logger.info("action server on http://%s:%d", host, args.port)
    app.run(host, args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
