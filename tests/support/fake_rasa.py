"""A small fake of Rasa's REST channel (and the action server's /health) over real HTTP.

The one fake Rasa of the test suite (bot and web chat tests). Records what
it is sent — `received` as (sender, message), `bodies` as the whole JSON —
and answers with a scripted responder. `fail_with(503)` makes it answer with an error, `stop()` and
`start()` take it off and back on the same port (connection refused), and
`action_server_up = False` makes the /health check fail. Like the real
officer channel it answers 401 to a call without the trusted-caller token
(`TEST_RASA_TOKEN`, which the test environments export as SIGNAAL_RASA_TOKEN).
"""
from __future__ import annotations

import json
import socket
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, unquote, urlsplit

Responder = Callable[[str, str], List[Dict[str, Any]]]
TEST_RASA_TOKEN = "test-rasa-token"


def echo(sender: str, message: str) -> List[Dict[str, Any]]:
    return [{"recipient_id": sender, "text": f"ontvangen: {message}"}]


def echo_with_buttons(sender: str, message: str) -> List[Dict[str, Any]]:
    """A reply as a form question looks: a text, then Ja/Nee buttons."""
    return [
        {"recipient_id": sender, "text": f"U zei: {message}\nKlopt dat?"},
        {"recipient_id": sender, "text": "Kies:",
         "buttons": [{"title": "Ja", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"}]},
    ]


class FakeRasa:
    def __init__(self, responder: Responder = echo, port: int = 0, token: str = TEST_RASA_TOKEN) -> None:
        self.responder = responder
        self.token = token
        self.refused = 0
        self.open_checks: set = set()  # senders whose tracker shows a check in progress
        self.tracker_reads = 0
        self.received: List[Tuple[str, str]] = []
        self.bodies: List[Dict[str, Any]] = []
        self.failure_status: Optional[int] = None
        self.action_server_up = True
        self._port = port
        self._server: Optional[ThreadingHTTPServer] = None
        self._changed = threading.Condition()
        self._connections: set = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def fail_with(self, status: Optional[int]) -> None:
        self.failure_status = status

    def start(self) -> "FakeRasa":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls between header and body

            def log_message(self, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                with fake._changed:
                    fake._connections.add(self.connection)

            def finish(self) -> None:
                with fake._changed:
                    fake._connections.discard(self.connection)
                super().finish()

            def _reply(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path == "/health":
                    self._reply(200 if fake.action_server_up else 503, {"status": "ok"})
                elif parts.path.startswith("/conversations/") and parts.path.endswith("/tracker"):
                    if dict(parse_qsl(parts.query)).get("token") != fake.token:
                        self._reply(401, {"error": "unauthorised"})
                        return
                    sender = unquote(parts.path[len("/conversations/"):-len("/tracker")])
                    with fake._changed:
                        fake.tracker_reads += 1
                    open_check = sender in fake.open_checks
                    self._reply(200, {"sender_id": sender, "slots": {
                        "signal_id": "0f0f0f0f-0000-4000-8000-000000000000" if open_check else None,
                        "signal_reference": None}})
                else:
                    self._reply(404, {})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path != "/webhooks/rest/webhook":
                    self._reply(404, {})
                    return
                if self.headers.get("Authorization") != f"Bearer {fake.token}":
                    with fake._changed:
                        fake.refused += 1
                    self._reply(401, {"error": "unauthorised"})
                    return
                if fake.failure_status:
                    self._reply(fake.failure_status, {"error": "unavailable"})
                    return
                sender, message = str(body.get("sender")), str(body.get("message"))
                with fake._changed:
                    fake.bodies.append(body)
                    fake.received.append((sender, message))
                    fake._changed.notify_all()
                self._reply(200, fake.responder(sender, message))

        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), Handler)
        self._server.daemon_threads = True
        self._port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, name="fake-rasa", daemon=True).start()
        return self

    def stop(self) -> None:
        """Go down as a crashed server does: kept-alive connections are cut too."""
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with self._changed:
            for connection in list(self._connections):
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            self._connections.clear()

    def __enter__(self) -> "FakeRasa":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def messages_from(self, sender: str) -> List[str]:
        with self._changed:
            return [message for who, message in self.received if who == sender]

    def wait_for_messages(self, sender: str, count: int, timeout: float = 10.0) -> List[str]:
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.messages_from(sender)) >= count, timeout):
                raise AssertionError(f"Rasa got {self.messages_from(sender)!r}, expected {count} messages")
            return self.messages_from(sender)


@contextmanager
def fake_rasa_for_web(settings, responder: Callable[[str, str], List[Dict[str, Any]]] = echo_with_buttons):
    """A FakeRasa that the web application's settings (pytest-django) point at, for chat and action server."""
    with FakeRasa(responder) as stub:
        settings.SIGNAAL_RASA_URL = stub.url
        settings.SIGNAAL_ACTION_SERVER_URL = stub.url
        settings.SIGNAAL_RASA_TIMEOUT = 5
        yield stub
