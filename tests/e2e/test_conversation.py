"""A first real conversation over HTTP: greeting, help, FAQ, out of scope, language."""
from __future__ import annotations

from tests.support.real_stack import buttons, officer, texts


def test_greeting_in_dutch_offers_a_check(signaal):
    replies = signaal.say(officer(), "hallo")
    assert "Signaal" in texts(replies)
    assert any(b["payload"] == "/report_signal" for b in buttons(replies))


def test_help_says_what_the_assistant_can_do(signaal):
    text = texts(signaal.say(officer(), "wat kun je allemaal?"))
    assert "checklist" in text and "112" in text


def test_faq_what_is_trafficking_cites_the_law(signaal):
    text = texts(signaal.say(officer(), "wat is mensenhandel eigenlijk?"))
    assert "273f" in text


def test_faq_smuggling_differs_from_trafficking(signaal):
    text = texts(signaal.say(officer(), "wat is het verschil tussen mensenhandel en mensensmokkel?"))
    assert "197a" in text or "smokkel" in text.lower()


def test_faq_who_to_contact(signaal):
    text = texts(signaal.say(officer(), "wie moet ik bellen bij een signaal?"))
    assert "AVIM" in text


def test_out_of_scope_is_answered_politely(signaal):
    text = texts(signaal.say(officer(), "wat voor weer wordt het morgen"))
    assert "mensenhandel" in text.lower()


def test_english_after_switching_language(signaal):
    sender = officer()
    assert "in English" in texts(signaal.say(sender, "English please"))
    assert signaal.slots(sender)["language"] == "en"
    text = texts(signaal.say(sender, "hello"))
    assert "I'm Signaal" in text


def test_goodbye(signaal):
    text = texts(signaal.say(officer(), "doei"))
    assert "geringste aanwijzing" in text
