"""The web chat /chat against a stub Rasa: with and without JavaScript, Rasa down, access."""
import json
import socket

import pytest

from tests.support.fake_rasa import echo_with_buttons, fake_rasa_for_web
from intake.signals.models import OfficerNotification, Signal
from tests.support.signals import make_signal, signed_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def rasa(settings):
    with fake_rasa_for_web(settings, echo_with_buttons) as stub:
        yield stub


@pytest.fixture
def rasa_down(settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SIGNAAL_RASA_URL = f"http://127.0.0.1:{port}"
    settings.SIGNAAL_RASA_TIMEOUT = 2


def test_form_post_relays_to_rasa_and_renders_replies(client, rasa):
    response = client.post("/chat", {"message": "ik heb mogelijk een signaal"})
    assert response.status_code == 302
    html = client.get("/chat").content.decode()
    assert 'class="msg user">ik heb mogelijk een signaal<' in html
    assert "U zei: ik heb mogelijk een signaal\nKlopt dat?" in html
    assert 'class="chat-button" name="payload" value="/affirm">Ja<' in html
    sent = rasa.bodies[0]
    assert sent["message"] == "ik heb mogelijk een signaal"
    assert sent["sender"].startswith("oef-") and len(sent["sender"]) == 28  # anonymous: practice only


def test_pressing_a_button_sends_its_payload_and_shows_its_title(client, rasa):
    client.post("/chat", {"message": "hallo"})
    client.post("/chat", {"payload": "/affirm"})
    assert rasa.bodies[1]["message"] == "/affirm"
    assert rasa.bodies[1]["sender"] == rasa.bodies[0]["sender"]
    html = client.get("/chat").content.decode()
    assert 'class="msg user">Ja<' in html


def test_json_endpoint_needs_csrf_and_returns_messages(rasa):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get("/chat")
    token = browser.cookies["csrftoken"].value
    refused = browser.post("/chat/send", json.dumps({"message": "hoi"}), content_type="application/json")
    assert refused.status_code == 403
    response = browser.post(
        "/chat/send", json.dumps({"message": "hoi"}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200
    messages = response.json()["messages"]
    assert [m["who"] for m in messages] == ["user", "bot", "bot"]
    assert messages[2]["buttons"][0] == {"title": "Ja", "payload": "/affirm"}


def test_officer_text_in_the_chat_is_escaped(client, rasa):
    client.post("/chat", {"message": "<script>alert(1)</script>"})
    html = client.get("/chat").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_when_rasa_is_down_the_officer_is_told_and_keeps_the_text(client, rasa_down):
    client.post("/chat", {"message": "man zonder paspoort"})
    html = client.get("/chat").content.decode()
    assert "niet bereikbaar" in html
    assert 'value="man zonder paspoort"' in html
    assert 'class="msg user"' not in html
    response = client.post("/chat/send", json.dumps({"message": "nog een keer"}), content_type="application/json")
    assert response.status_code == 503 and "niet bereikbaar" in response.json()["error"]


def test_anonymous_use_only_from_this_machine(client, rasa, supervisor):
    response = client.get("/chat", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.post("/chat", {"message": "x"}, REMOTE_ADDR="10.1.2.3").status_code == 302
    assert not rasa.bodies
    client.force_login(supervisor[0])
    assert client.get("/chat", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_outcome_of_own_signal_is_shown_once(client, rasa):
    from tests.support.signals import create_account

    client.force_login(create_account("officer", "agent-uitkomst")[0])  # live signals: officers only
    client.post("/chat", {"message": "hallo"})
    pseudonym = client.session["chat_sender"]
    payload = make_signal(reporter={"pseudonym": pseudonym})
    signed_post(client, payload)
    signal = Signal.objects.get(signal_id=payload["id"])
    OfficerNotification.objects.create(pseudonym=pseudonym, signal=signal, text_nl="Uitkomst NL", text_en="Outcome EN")
    OfficerNotification.objects.create(pseudonym="web-someone-else", signal=signal, text_nl="Niet voor u", text_en="x")
    html = client.get("/chat").content.decode()
    assert "Uitkomst NL" in html and "Niet voor u" not in html
    assert OfficerNotification.objects.get(text_nl="Uitkomst NL").delivered_at is not None
    assert client.get("/chat").content.decode().count("Uitkomst NL") == 1


def test_typed_slash_text_is_refused_and_never_reaches_rasa(client, rasa):
    """Typed `/restart` would wipe an open check; `/affirm{...}` would skip NLU."""
    for typed in ("/restart", '/affirm{"violence": "no"}', " /EXTERNAL_x"):
        client.post("/chat", {"message": typed})
        html = client.get("/chat").content.decode()
        assert "beginnen zijn opdrachten" in html
    assert rasa.bodies == []


def test_json_endpoint_refuses_slash_text_and_payloads_never_offered(client, rasa):
    refused = client.post("/chat/send", json.dumps({"message": "/restart"}), content_type="application/json")
    assert refused.status_code == 400 and "opdrachten" in refused.json()["error"]
    # No button was offered yet: a hand-made payload is refused too.
    forged = client.post("/chat/send", json.dumps({"payload": "/restart"}), content_type="application/json")
    assert forged.status_code == 400
    assert rasa.bodies == []
    client.post("/chat/send", json.dumps({"message": "hallo"}), content_type="application/json")
    offered = client.post("/chat/send", json.dumps({"payload": "/affirm"}), content_type="application/json")
    assert offered.status_code == 200
    stale = client.post("/chat/send", json.dumps({"payload": "/restart"}), content_type="application/json")
    assert stale.status_code == 400
    assert [body["message"] for body in rasa.bodies] == ["hallo", "/affirm"]
