"""Issue 11: the web chat model — live signals only from signed-in officers; everyone else practises."""
import json

import pytest

from intake.signals.models import Signal
from signaal.web_chat_model import describe
from tests.support.fake_rasa import echo_with_buttons, fake_rasa_for_web
from tests.support.signals import create_account, make_exercise, make_signal, signed_post, timestamped_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def rasa(settings):
    with fake_rasa_for_web(settings, echo_with_buttons) as stub:
        yield stub


def _sender_after(client, rasa, **meta):
    client.post("/chat", {"message": "hallo"}, **meta)
    return rasa.bodies[-1]["sender"]


def test_officer_accounts_chat_under_a_stable_live_pseudonym(client, rasa):
    officer, _, _ = create_account("officer", "agent1")
    client.force_login(officer)
    first = _sender_after(client, rasa)
    client.logout()
    client.force_login(officer)
    assert first.startswith("web-") and _sender_after(client, rasa) == first
    assert "chat-training-only" not in client.get("/chat").content.decode()
    assert client.get("/", follow=True).request["PATH_INFO"] == "/chat"


@pytest.mark.parametrize("role", ["supervisor", "trainer", "admin"])
def test_staff_roles_only_practise(client, rasa, role):
    user, _, _ = create_account(role, f"staff-{role}")
    client.force_login(user)
    assert _sender_after(client, rasa).startswith("oef-")
    assert "chat-training-only" in client.get("/chat").content.decode()


def test_anonymous_on_this_machine_practises_and_behind_a_proxy_is_sent_to_login(client, rasa, settings):
    assert _sender_after(client, rasa).startswith("oef-")
    proxied = client.get("/chat", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert proxied.status_code == 302 and proxied["Location"].startswith("/login/")
    settings.SIGNAAL_CHAT_REQUIRE_LOGIN = True
    assert client.get("/chat").status_code == 302


def test_the_intake_refuses_live_signals_from_practice_pseudonyms_but_takes_their_exercises(client):
    practice = "oef-" + "a" * 24
    live = timestamped_post(client, make_signal(reporter={"pseudonym": practice, "unit": None}))[0]
    assert live.status_code == 403 and live.json()["error"] == "training_only"
    assert signed_post(client, make_exercise(trainee=practice)).status_code == 201
    assert signed_post(client, make_signal(reporter={"pseudonym": "web-" + "b" * 24, "unit": None})).status_code == 201
    assert list(Signal.objects.values_list("mode", flat=True).order_by("mode")) == ["exercise", "live"]


def test_make_run_says_which_model_is_active():
    assert "alleen oefenen" in describe({}) and "agenten" in describe({})
    assert "geweigerd" in describe({"SIGNAAL_CHAT_REQUIRE_LOGIN": "1"})
