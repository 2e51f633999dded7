"""Trainers' classes: make class / the trainer view create one, a trainee joins in the web chat with the code and a
display name, results show by name within the class; a display name never shows in a live signal or the review UI."""
from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from intake.signals.models import Signal
from intake.training.classes import member_key, normalise_code
from intake.training.models import ClassMember, TrainingClass
from tests.support.fake_rasa import FakeRasa, echo_with_buttons
from tests.support.signals import make_exercise, make_signal, signed_post

NAME = "Fleur van Tuinen"


def chat_say(client, text):
    response = client.post("/chat/send", data=json.dumps({"message": text}), content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["messages"]


@pytest.fixture
def rasa(settings):
    with FakeRasa(echo_with_buttons) as fake:
        settings.SIGNAAL_RASA_URL = fake.url
        settings.SIGNAAL_ACTION_SERVER_URL = fake.url
        yield fake


def test_create_class_command_prints_a_join_code(db):
    out = io.StringIO()
    call_command("create_class", name="Basisteam Westland 2026", stdout=out)
    code = out.getvalue().strip().splitlines()[-1]
    training_class = TrainingClass.objects.get(join_code=code)
    assert training_class.name == "Basisteam Westland 2026" and len(code) == 9 and code[4] == "-"
    assert normalise_code(code.lower().replace("-", "")) == code


def test_trainer_creates_a_class_in_the_trainer_view(trainer_client):
    response = trainer_client.post("/training/classes/new", {"name": "Klas A"}, follow=True)
    training_class = TrainingClass.objects.get(name="Klas A")
    assert training_class.join_code in response.content.decode()
    assert training_class.join_code in trainer_client.get("/training/").content.decode()


def test_supervisors_cannot_see_classes(supervisor_client):
    training_class = TrainingClass.objects.create(name="K", join_code="ABCD-EFGH")
    assert supervisor_client.get(f"/training/classes/{training_class.pk}/").status_code in (302, 403)
    assert supervisor_client.post("/training/classes/new", {"name": "X"}).status_code in (302, 403)


def join_in_chat(client, code, name):
    asked = chat_say(client, f"klas {code}")
    assert "Welke naam" in asked[-1]["text"]
    return chat_say(client, name)


def test_trainee_joins_in_the_chat_and_results_show_by_name(db, client, trainer, rasa):
    training_class = TrainingClass.objects.create(name="Klas B", join_code="WXYZ-2345")
    client.get("/chat")
    joined = join_in_chat(client, "wxyz2345", NAME)
    assert NAME in joined[-1]["text"]
    # Neither the code nor the name went to Rasa.
    assert rasa.bodies == []
    pseudonym = client.session["chat_sender"]
    member = ClassMember.objects.get(training_class=training_class)
    assert member.display_name == NAME and member.member_key == member_key(pseudonym) != pseudonym
    # The chat goes on to the assistant afterwards.
    chat_say(client, "ik heb mogelijk een signaal")
    assert rasa.bodies[-1]["message"] == "ik heb mogelijk een signaal"

    for correct, scenario in ((3, "kas_westland"), (6, "kas_westland"), (7, "nagelstudio")):
        signed_post(client, make_exercise(trainee=pseudonym, scenario_id=scenario, correct=correct, total=8))
    signed_post(client, make_exercise(trainee="web-someone-else", correct=8, total=8))
    client.force_login(trainer[0])
    page = client.get(f"/training/classes/{training_class.pk}/").content.decode()
    assert NAME in page and "web-someone-else" not in page
    assert "3/8 (38%)" in page and "6/8 (75%)" in page and "7/8 (88%)" in page
    assert page.index("3/8") < page.index("6/8")  # over time, oldest first
    scenario_table = page.split('id="class-by-scenario"')[1].split("</table>")[0]
    assert "56%" in scenario_table and "88%" in scenario_table  # mean per scenario


def test_unknown_code_and_bad_names_are_refused(db, client, rasa):
    client.get("/chat")
    assert "Onbekende klascode" in chat_say(client, "klas NOPE-NOPE")[-1]["text"]
    TrainingClass.objects.create(name="Klas C", join_code="QRST-6789")
    chat_say(client, "klas QRST-6789")
    assert "Gebruik letters" in chat_say(client, "<script>x</script>")[-1]["text"]
    assert "gestopt" in chat_say(client, "stop")[-1]["text"]
    assert ClassMember.objects.count() == 0


def test_no_display_name_in_a_live_signal_or_the_review_ui(db, client, supervisor, rasa):
    from tests.support.signals import create_account

    training_class = TrainingClass.objects.create(name="Klas D", join_code="LMNP-3456")
    officer = create_account("officer", "agent1")[0]
    client.force_login(officer)  # a signed-in officer: the chat may file live signals
    client.get("/chat")
    join_in_chat(client, "LMNP-3456", NAME)
    pseudonym = client.session["chat_sender"]
    # The same person files a live signal and an exercise.
    live = make_signal(reporter={"pseudonym": pseudonym, "unit": None}, notes="Kas bij de haven")
    assert signed_post(client, live).status_code == 201
    signed_post(client, make_exercise(trainee=pseudonym))
    signal = Signal.objects.get(signal_id=live["id"])
    assert NAME not in json.dumps(signal.payload) and "Klas D" not in json.dumps(signal.payload)
    assert not ClassMember.objects.filter(member_key=signal.reporter_pseudonym).exists()
    client.force_login(supervisor[0])
    for path in ("/review/", f"/review/signals/{signal.reference}/", "/review/export.csv", "/review/export.json",
                 "/review/overzicht/", "/review/overzicht.csv"):
        body = client.get(path).content.decode()
        assert NAME not in body and "Fleur" not in body and training_class.join_code not in body, path
