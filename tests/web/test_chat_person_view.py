"""The web chat while the person holds the phone: only their own screens, answers never echoed,
right-to-left shown right (stub Rasa answering with the real person screens)."""
import json

import pytest

from signaal import person_mode
from tests.support.fake_rasa import fake_rasa_for_web

pytestmark = pytest.mark.django_db
ARABIC = person_mode.language("ar")


def responder(sender, message):
    if message == "/person_start":
        return [{"recipient_id": sender, **person_mode.question_screen(ARABIC, "papers", 0)}]
    if person_mode.is_private_answer(message):
        return [{"recipient_id": sender, **person_mode.question_screen(ARABIC, "leave", 1)}]
    if message == "/officer_back":
        return [{"recipient_id": sender, "text": "📱 Je hebt de telefoon terug. De persoon heeft zelf geantwoord."}]
    return [{"recipient_id": sender, "text": "Samenvatting: signalen van mensenhandel, prioriteit hoog",
             "buttons": [{"title": "📱 Telefoon aan de persoon geven", "payload": "/person_start"}]}]


@pytest.fixture
def rasa(settings):
    with fake_rasa_for_web(settings, responder) as stub:
        yield stub


def page(client):
    return client.get("/chat").content.decode()


def test_while_the_person_holds_the_phone_only_their_screens_show(client, rasa):
    client.post("/chat", {"message": "ik heb mogelijk een signaal"})
    assert "mensenhandel" in page(client)  # the officer's own conversation
    client.post("/chat", {"payload": "/person_start"})
    html = page(client)
    assert ARABIC.text("questions.papers") in html
    assert "mensenhandel" not in html.lower() and "Samenvatting" not in html and "prioriteit" not in html
    assert "Signaal" not in html  # no name of the service, no navigation
    assert 'class="chat person-view"' in html


def test_a_persons_answer_is_not_echoed_and_the_officer_gets_the_whole_chat_back(client, rasa):
    client.post("/chat", {"message": "hallo"})
    client.post("/chat", {"payload": "/person_start"})
    client.post("/chat", {"payload": person_mode.answer_payload("papers", "yes")})
    html = page(client)
    assert rasa.bodies[-1]["message"] == person_mode.answer_payload("papers", "yes")
    assert 'class="msg user">✓<' in html
    assert ARABIC.text("answers.yes") not in html.split(ARABIC.text("questions.leave"))[0]  # only the open question's buttons
    client.post("/chat", {"payload": "/officer_back"})
    html = page(client)
    assert 'class="chat person-view"' not in html and "Je hebt de telefoon terug" in html and "Samenvatting" in html


def test_messages_and_buttons_take_their_direction_from_their_text(client, rasa):
    client.post("/chat", {"message": "hallo"})
    client.post("/chat", {"payload": "/person_start"})
    html = page(client)
    assert '<div dir="auto" class="msg bot">' in html and 'dir="auto" class="chat-button"' in html
    assert person_mode.RLM in html


def test_the_json_endpoint_says_when_the_phone_changes_hands(client, rasa):
    client.post("/chat", {"message": "hallo"})
    sent = client.post("/chat/send", json.dumps({"payload": "/person_start"}), content_type="application/json")
    assert sent.json()["person_view"] is True
    tap = client.post("/chat/send", json.dumps({"payload": person_mode.answer_payload("papers", "no")}),
                      content_type="application/json")
    assert tap.json()["messages"][0]["text"] == "✓" and tap.json()["person_view"] is True
    back = client.post("/chat/send", json.dumps({"payload": "/officer_back"}), content_type="application/json")
    assert back.json()["person_view"] is False
