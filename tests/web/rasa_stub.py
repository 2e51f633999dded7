"""A tiny stand-in for Rasa's REST channel, served on 127.0.0.1 in a thread for tests."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List


class RasaStub:
    """Answers every message with a text echoing it and two buttons; records what it got."""

    def __init__(self):
        self.received: List[Dict] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.received.append(body)
                if self.path != "/webhooks/rest/webhook":
                    self.send_response(404)
                    self.end_headers()
                    return
                reply = [
                    {"recipient_id": body["sender"], "text": f"U zei: {body['message']}\nKlopt dat?"},
                    {
                        "recipient_id": body["sender"],
                        "text": "Kies:",
                        "buttons": [{"title": "Ja", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"}],
                    },
                ]
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
