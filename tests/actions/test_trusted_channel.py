"""The officer channel (rasa_channels/trusted_rest.py), its webhook handler called directly (no Sanic server)."""
import asyncio
import json
import logging
from types import SimpleNamespace

from rasa.core.lock_store import LockError

from rasa_channels.trusted_rest import TrustedRestInput

TOKEN = "test-channel-token"


def webhook(on_new_message):
    routes = {route.uri: route.handler for route in TrustedRestInput(TOKEN).blueprint(on_new_message)._future_routes}
    return routes["/webhook"]


def call(handler, body, token=TOKEN):
    request = SimpleNamespace(headers={"Authorization": f"Bearer {token}"} if token else {}, json=body)
    answer = asyncio.run(handler(request))
    return answer.status, json.loads(answer.body)


def test_a_handled_message_gets_the_replies():
    async def on_new_message(message):
        assert (message.sender_id, message.text, message.input_channel) == ("oef-1", "hallo", "rest")
        await message.output_channel.send_text_message(message.sender_id, "Hoi!")

    assert call(webhook(on_new_message), {"sender": "oef-1", "message": "hallo"}) == (
        200, [{"recipient_id": "oef-1", "text": "Hoi!"}])


def test_no_token_no_message():
    seen = []

    async def on_new_message(message):
        seen.append(message)

    assert call(webhook(on_new_message), {"sender": "oef-1", "message": "hallo"}, token=None)[0] == 401
    assert call(webhook(on_new_message), {"sender": "oef-1", "message": "hallo"}, token="forged")[0] == 401
    assert seen == []


def test_a_message_rasa_could_not_handle_is_a_503_and_its_text_is_not_logged(caplog):
    async def on_new_message(message):
        raise LockError("Error while acquiring lock")

    with caplog.at_level(logging.DEBUG):
        status, body = call(webhook(on_new_message), {"sender": "oef-1", "message": "mijn geheime notitie"})
    assert status == 503 and body["error"] == "not_handled"  # the bot and the web chat keep it and retry
    assert "LockError" in caplog.text and "mijn geheime notitie" not in caplog.text


def test_a_malformed_body_is_a_400():
    async def on_new_message(message):
        raise AssertionError("must not be called")

    assert call(webhook(on_new_message), ["not", "an", "object"])[0] == 400
    assert call(webhook(on_new_message), {"sender": 5, "message": "x"})[0] == 400
