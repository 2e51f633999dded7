"""Rasa's calls to the action server over one kept connection (rasa_runtime.keepalive), answered
as Rasa's own EndpointConfig.request answers them: the same JSON (or None), the same error on a
status >= 400, the endpoint's headers, basic auth and token parameter on every call."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from rasa_runtime import admission, keepalive

pytest.importorskip("rasa")

import rasa.core.run  # noqa: E402
from aiohttp import web  # noqa: E402
from rasa.utils.endpoints import ClientResponseError, EndpointConfig  # noqa: E402


@pytest.fixture(autouse=True)
def restored(monkeypatch):
    """Whatever a test applies is undone afterwards (monkeypatch puts the originals back)."""
    monkeypatch.setattr(EndpointConfig, "session", EndpointConfig.session)
    monkeypatch.setattr(EndpointConfig, "request", EndpointConfig.request)
    monkeypatch.setattr(rasa.core.run, "close_resources", rasa.core.run.close_resources)
    yield
    keepalive._sessions.clear()


class Server:
    """A stand-in action server on 127.0.0.1 that notes each call's client port and headers."""

    def __init__(self) -> None:
        self.calls = []
        app = web.Application()
        app.router.add_post("/webhook", self.webhook)
        app.router.add_post("/broken", self.broken)
        app.router.add_get("/text", self.text)
        self.runner = web.AppRunner(app)

    def note(self, request: web.Request) -> None:
        self.calls.append({"port": request.transport.get_extra_info("peername")[1],
                           "headers": dict(request.headers), "query": dict(request.query)})

    async def webhook(self, request: web.Request) -> web.Response:
        self.note(request)
        body = await request.json()
        return web.json_response({"events": [], "responses": [{"text": body["next_action"]}],
                                  "path": request.path, "query": dict(request.query)})

    async def broken(self, request: web.Request) -> web.Response:
        self.note(request)
        return web.Response(status=500, text="action failed")

    async def text(self, request: web.Request) -> web.Response:
        self.note(request)
        return web.Response(text="not json")

    async def __aenter__(self) -> "Server":
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self.runner.addresses[0][1]}"
        return self

    async def __aexit__(self, *exc) -> None:
        await keepalive.close()  # the kept sessions of this loop, before it closes
        await self.runner.cleanup()

    def ports(self):
        return [call["port"] for call in self.calls]


async def calls(endpoint: EndpointConfig, count: int = 4):
    return [await endpoint.request(json={"next_action": f"action_{i}"}, method="post", subpath="webhook")
            for i in range(count)]


def run(test):
    async def main():
        async with Server() as server:
            return server, await test(server)

    return asyncio.run(main())


def test_calls_come_over_one_connection_with_rasas_answers():
    async def test(server):
        endpoint = EndpointConfig(server.url)
        rasas = await calls(endpoint)
        rasas_ports = server.ports()
        server.calls.clear()
        assert keepalive.apply({}) is True
        kept = await calls(endpoint)
        kept += await calls(EndpointConfig(server.url))  # another endpoint alike: the same session
        return rasas, rasas_ports, kept

    server, (rasas, rasas_ports, kept) = run(test)
    assert len(set(rasas_ports)) == len(rasas_ports) == 4  # Rasa's own: a connection per call
    assert len(set(server.ports())) == 1 and len(server.ports()) == 8
    assert kept == rasas + rasas
    assert rasas[0] == {"events": [], "responses": [{"text": "action_0"}], "path": "/webhook", "query": {}}


def test_simultaneous_calls_then_reused():
    async def test(server):
        keepalive.apply({})
        endpoint = EndpointConfig(server.url)
        together = await asyncio.gather(*(endpoint.request(json={"next_action": "a"}, subpath="webhook")
                                          for _ in range(3)))
        after = await calls(endpoint, 6)
        return together, after

    server, (together, after) = run(test)
    assert all(answer["responses"] == [{"text": "a"}] for answer in together)
    assert len(after) == 6
    assert set(server.ports()[3:]) <= set(server.ports()[:3])  # no new connection after the first three


def test_error_status_and_non_json_answer_as_rasa():
    async def test(server):
        endpoint = EndpointConfig(server.url)
        results = []
        for patched in (False, True):
            if patched:
                keepalive.apply({})
            with pytest.raises(ClientResponseError) as error:
                await endpoint.request(json={"next_action": "x"}, subpath="broken")
            text = await endpoint.request(method="get", subpath="text", content_type=None)
            after = await endpoint.request(json={"next_action": "y"}, subpath="webhook")  # still usable
            results.append((error.value.status, error.value.message, error.value.text, str(error.value), text, after))
        return results

    server, (rasas, kept) = run(test)
    assert kept == rasas
    assert rasas[:3] == (500, "Internal Server Error", b"action failed")
    assert rasas[4] is None  # not JSON: Rasa answers None
    assert len(set(server.ports()[3:])) == 1  # the kept session: the failed call's connection is reused too


def test_headers_basic_auth_and_token_arrive_per_endpoint():
    async def test(server):
        keepalive.apply({})
        bearer = EndpointConfig(server.url, headers={"Authorization": "Bearer secret", "X-Signaal": "1"},
                                token="tok", token_name="auth_token", params={"fixed": "yes"})
        basic = EndpointConfig(server.url, basic_auth={"username": "rasa", "password": "pw"})
        plain = EndpointConfig(server.url)
        answers = []
        for endpoint in (bearer, basic, plain, bearer):
            answers.append(await endpoint.request(json={"next_action": "a"}, subpath="webhook",
                                                  params={"extra": "1"}, headers={"X-Call": "c"}))
        return answers

    server, answers = run(test)
    first, second, third, fourth = server.calls
    for call in server.calls:
        assert call["headers"]["X-Call"] == "c" and call["headers"]["Content-Type"] == "application/json"
    assert first["headers"]["Authorization"] == "Bearer secret" and first["headers"]["X-Signaal"] == "1"
    assert first["query"] == {"fixed": "yes", "auth_token": "tok", "extra": "1"}
    assert second["headers"]["Authorization"] == "Basic cmFzYTpwdw=="  # rasa:pw
    assert "Authorization" not in third["headers"] and "X-Signaal" not in third["headers"]  # nothing carried over
    assert third["query"] == {"extra": "1"}
    assert fourth["headers"]["Authorization"] == "Bearer secret" and fourth["port"] == first["port"]
    assert answers[0]["query"] == first["query"]


def test_session_defaults_as_rasas():
    from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT

    async def test(server):
        keepalive.apply({})
        async with EndpointConfig(server.url, headers={"X-Signaal": "1"}).session() as session:
            pass
        assert not session.closed  # kept open for the next call
        return session.timeout.total, session.headers.get("X-Signaal"), session.connector._keepalive_timeout

    _, (timeout, header, alive) = run(test)
    assert (timeout, header, alive) == (DEFAULT_REQUEST_TIMEOUT, "1", keepalive.KEEPALIVE_SECONDS)


def test_off_leaves_rasa_a_connection_per_call():
    async def test(server):
        assert keepalive.apply({"SIGNAAL_RASA_KEEPALIVE": "off"}) is False
        return await calls(EndpointConfig(server.url))

    server, _ = run(test)
    assert not getattr(EndpointConfig.session, "_signaal", False)
    assert len(set(server.ports())) == 4


def test_under_rasa_runtime_wrappers_of_request():
    """admission.py wraps EndpointConfig.request (so does timing.py); the kept session is below them."""

    async def test(server):
        from rasa.core.agent import Agent

        keepalive.apply({})
        original = Agent.handle_message
        try:
            admission.install({"SIGNAAL_RASA_CONCURRENCY": "1"})
            assert EndpointConfig.request.__module__ == "rasa_runtime.admission"
            return await calls(EndpointConfig(server.url))
        finally:
            Agent.handle_message = original

    server, answers = run(test)
    assert [a["responses"][0]["text"] for a in answers] == [f"action_{i}" for i in range(4)]
    assert len(set(server.ports())) == 1


def test_closed_when_rasas_server_stops():
    async def test(server):
        keepalive.apply({})
        endpoint = EndpointConfig(server.url)
        await calls(endpoint, 2)
        async with endpoint.session() as session:
            pass
        # Rasa's after_server_stop listener (looked up by serve_application when it sets the server up).
        await rasa.core.run.close_resources(SimpleNamespace(ctx=SimpleNamespace()), asyncio.get_running_loop())
        closed = session.closed
        await calls(endpoint, 2)  # a new session after that, should a call still come
        return closed

    server, closed = run(test)
    assert closed
    ports = server.ports()
    assert ports[0] == ports[1] and ports[2] == ports[3] and ports[1] != ports[2]
