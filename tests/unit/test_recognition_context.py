"""What an opening description already says: place, people, form, a minor (signaal.recognition.context)."""
import pytest

from signaal.catalogue import load_catalogue
from signaal.recognition.context import context_from_text, minor_mentioned


def context(text):
    return context_from_text(text, load_catalogue().context)


def test_the_greenhouse_opening_names_place_people_and_form():
    found = context("Controle bij een kas in het Westland: de arbeiders slapen met tien man in een schuur")
    assert found == {"setting": "workplace", "persons": "10", "exploitation_type": "labour"}


def test_a_bare_report_names_nothing():
    assert context("ik heb mogelijk een signaal") == {}


@pytest.mark.parametrize("text, minor", [
    ("meisje van 15 werkt als escort", True), ("16-jarige jongen runt drugs", True), ("She is 16, no fixed address", True),
    ("drie jongens van rond de 16", True), ("een minderjarige in het hotel", True), ("vrouw van 34", False),
    ("werkt van 6 tot 23", False), ("werkt al 3 jaar hier", False), ("hij is 25", False),
])
def test_a_minor_is_noticed_by_age(text, minor):
    assert minor_mentioned(text) is minor
