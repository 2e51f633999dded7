"""Officers' own words against the real stack: a paraphrased opening is recognised,
confirmed once and never asked again; a whole check answered by typing only."""
from __future__ import annotations

from tests.support.real_stack import officer, texts

# Three indicators, none in the catalogue's own phrasing: a possession, a restriction, a threat.
PARAPHRASE = ("De voorman houdt de paspoorten van de arbeiders in zijn bus, ze mogen het terrein niet af "
              "en hij heeft gedreigd hun familie iets aan te doen.")
EXPECTED = {"documents_confiscated", "movement_restricted", "threats_to_family"}
# What an officer types at each context question, instead of tapping a button.
TYPED_CONTEXT = {"setting": "bij een kas", "persons": "tien man", "exploitation_type": "arbeidsuitbuiting",
                 "minor_involved": "nee"}
TYPED_YES = {"documents_confiscated", "excessive_hours"}


def test_a_paraphrased_opening_is_recognised_confirmed_once_and_never_asked_again(signaal):
    sender = officer()
    shown = texts(signaal.say(sender, PARAPHRASE))
    assert "Klopt dit?" in shown
    texts(signaal.say(sender, "ja klopt"))
    slots = signaal.slots(sender)
    assert EXPECTED <= {i for i in EXPECTED if slots.get(i) == "yes"}, {i: slots.get(i) for i in EXPECTED}
    for indicator in EXPECTED:
        assert slots["answer_sources"][indicator] == "free_text"
        assert slots["evidence"][indicator] == PARAPHRASE
    asked = []
    for _ in range(40):
        slot = signaal.slots(sender).get("requested_slot")
        if slot is None:
            break
        asked.append(slot)
        signaal.say(sender, {"setting": "/inform{\"setting\": \"workplace\"}", "persons": "/inform{\"persons\": \"6\"}",
                             "exploitation_type": "/inform{\"exploitation_type\": \"labour\"}"}.get(slot, "/deny"))
    assert not EXPECTED & set(asked), asked
    final = signaal.slots(sender)
    assert all(final[i] == "yes" for i in EXPECTED)


def test_a_whole_check_answered_by_typing_only(signaal):
    sender = officer()
    replies = texts(signaal.say(sender, "ik wil een situatie checken"))
    asked, faq_answers = [], []
    for _ in range(40):
        slot = signaal.slots(sender).get("requested_slot")
        if slot is None:
            break
        asked.append(slot)
        typed = TYPED_CONTEXT.get(slot) or ("ja" if slot in TYPED_YES else "nee")
        replies = texts(signaal.say(sender, typed))
        if signaal.slots(sender).get("requested_slot") == slot:
            faq_answers.append((slot, typed, replies[:200]))
    assert not faq_answers, f"typed answers that did not count: {faq_answers}"
    slots = signaal.slots(sender)
    assert slots["setting"] == "workplace" and slots["persons"] == "10" and slots["exploitation_type"] == "labour"
    assert slots["minor_involved"] == "no"
    assert all(slots[i] == "yes" for i in TYPED_YES if i in asked)
    assert "Samenvatting" in replies or "Doorsturen" in replies, replies
