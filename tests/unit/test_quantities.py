"""Amounts, hours and people: the rules that read numbers (signaal.recognition.quantities)."""
import pytest

from signaal.recognition.quantities import indicator_ids, people_count


@pytest.mark.parametrize("text", [
    "ze krijgen vijf euro per dag", "€3,50 per uur", "krijgt 3,50 per uur", "100 euro per maand voor de au pair",
    "he earns 4 euros an hour", "een paar tientjes per dag", "250 euro per week",
])
def test_low_pay_is_read_from_the_amount(text):
    assert "low_or_no_pay" in indicator_ids(text)


@pytest.mark.parametrize("text", [
    "krijgt netjes 15 euro per uur", "cao-loon van 14 euro per uur", "verdient 2400 euro per maand",
    "geen 5 euro per uur maar gewoon het minimumloon",
])
def test_fair_pay_is_not_low(text):
    assert "low_or_no_pay" not in indicator_ids(text)


@pytest.mark.parametrize("text", [
    "werken van 5 tot 23 uur", "zeven dagen per week", "7 dagen per week in de keuken", "16 uur per dag",
    "draait 80u per week", "16-hour shifts", "van 14 tot 4 uur 's nachts", "werkt dag en nacht", "no days off",
])
def test_long_hours_and_days_are_excessive(text):
    assert "excessive_hours" in indicator_ids(text)


@pytest.mark.parametrize("text", [
    "werkt 38 uur per week met contract", "van 9 tot 17 uur", "5 dagen per week", "8 uur per dag",
    "geen 7 dagen per week",
])
def test_normal_hours_are_not_excessive(text):
    assert "excessive_hours" not in indicator_ids(text)


@pytest.mark.parametrize("text, count", [
    ("de arbeiders slapen met tien man in een schuur", 10), ("ze slaapt met zes anderen op een zolder", 7),
    ("Workers are housed in containers, 6 to a container", 6), ("met 8 man op een kamer", 8),
    ("25 seizoenswerkers in caravans op het erf", 25),
])
def test_many_people_sleeping_in_one_place(text, count):
    assert people_count(text) == count
    assert "many_people_one_address" in indicator_ids(text)


def test_two_people_in_a_room_is_not_crowded():
    assert "many_people_one_address" not in indicator_ids("ze wonen met z'n tweeën op een kamer")


@pytest.mark.parametrize("text", [
    "hij werkt voor kost en inwoning", "ze poetst het hele huis, allemaal onbetaald", "he has never been paid at all",
    "werkt al maanden zonder loon", "ze werkt daar voor eten en een matras", "hij is nooit uitbetaald",
    "ze heeft sinds de zomer geen loon meer gehad",
])
def test_no_pay_at_all_is_low_pay_although_it_is_said_with_a_negation(text):
    assert "low_or_no_pay" in indicator_ids(text)


@pytest.mark.parametrize("text", [
    "de vriend geeft haar 'zakgeld' van haar eigen verdiensten", "the boss gives him cash for food on Fridays",
    "ze kreeg een designertas, zomaar, voor niks", "their wages are paid on time",
])
def test_money_for_food_or_a_gift_is_not_low_pay(text):
    assert "low_or_no_pay" not in indicator_ids(text)


@pytest.mark.parametrize("text", [
    "ze heeft nog geen enkele vrije dag gehad", "he never had a single day off", "werkt zonder vrije dag",
    "diensten van 14 uur", "hij werkt elke dag in de keuken", "she works day and night",
])
def test_no_day_off_and_long_shifts_are_excessive(text):
    assert "excessive_hours" in indicator_ids(text)


@pytest.mark.parametrize("text", [
    "hij wordt elke dag door een busje naar een akker gebracht", "ze krijgt elke dag pillen van de voorman",
    "the pickers get two days off a week", "na een dienst van twaalf uur 's nachts",
])
def test_every_day_without_work_or_days_off_is_not_excessive(text):
    assert "excessive_hours" not in indicator_ids(text)


def test_people_together_are_counted():
    assert people_count("de meiden wonen met z'n achten boven de zaak") == 8
    assert "many_people_one_address" in indicator_ids("de meiden wonen met z'n achten boven de zaak")
    assert "many_people_one_address" in indicator_ids("a dozen men sleep in the same small flat")


@pytest.mark.parametrize("text", [
    "van de 30 mensen die in de loods werken staat er niet één op de loonlijst",
    "bij de inschrijving op het gemeentehuis sprak de bemiddelaar voor alle zeven arbeiders",
])
def test_many_people_at_work_or_in_a_town_hall_are_not_sleeping_there(text):
    assert "many_people_one_address" not in indicator_ids(text)
