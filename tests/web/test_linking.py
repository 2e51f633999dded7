"""Linked signals (intake/signals/linking.py): pure functions first, then linking at intake and on the pages."""
from __future__ import annotations

import math

import pytest

from intake.signals import linking
from tests.support.signals import make_exercise, make_signal, signed_post

# --- pure: no database


def test_haversine_matches_known_distances():
    # One degree of latitude is 111.195 km on the mean-radius sphere.
    assert linking.haversine_m(52.0, 4.2, 53.0, 4.2) == pytest.approx(111_195, rel=1e-4)
    assert linking.haversine_m(52.0, 4.2, 52.0, 4.2) == 0.0
    # Amsterdam Centraal to Rotterdam Centraal, about 57.1 km.
    assert linking.haversine_m(52.3791, 4.9003, 51.9244, 4.4695) == pytest.approx(57_900, rel=0.02)


def offset(lat, lon, north_m=0.0, east_m=0.0):
    """The point north_m metres north and east_m metres east of (lat, lon)."""
    dlat = math.degrees(north_m / linking.EARTH_RADIUS_M)
    dlon = math.degrees(east_m / (linking.EARTH_RADIUS_M * math.cos(math.radians(lat))))
    return lat + dlat, lon + dlon


def test_bounding_box_contains_the_circle():
    lat, lon = 52.0, 4.2
    min_lat, max_lat, min_lon, max_lon = linking.bounding_box(lat, lon, 250)
    for north, east in ((249, 0), (-249, 0), (0, 249), (0, -249), (176, 176)):
        plat, plon = offset(lat, lon, north, east)
        assert min_lat <= plat <= max_lat and min_lon <= plon <= max_lon
    far = offset(lat, lon, 0, 300)
    assert not (min_lon <= far[1] <= max_lon)


def test_place_names_and_addresses_normalise_to_one_key():
    assert linking.normalise_place("Kwekerij De Groene Kas B.V., Westland") == linking.normalise_place(
        "kwekerij groene kas bv  westland"
    )
    assert linking.normalise_place("Kerkstr. 12") == linking.normalise_place("Kerkstraat 12") == "kerkstraat 12"
    assert linking.normalise_place("Café Ñandú") == "cafe nandu"
    assert linking.normalise_place("Kerkstraat 12") != linking.normalise_place("Kerkstraat 14")
    assert linking.addresses_in("Gezien bij Kerkstr. 12 in Naaldwijk, daarna Laan van Meerdervoort 5a.") == {
        "kerkstraat 12",
        "laan van meerdervoort 5a",
    }


def test_plates_are_found_and_normalised():
    assert linking.plates_in("busje ab-123-c en later kenteken: 12 ABC 3, plate 1KBB22") == {"AB123C", "12ABC3", "1KBB22"}
    assert linking.plates_in("belde 06-123-456 om 14-30-00") == set()  # digits only: not a plate
    assert linking.plates_in("kenteken van de bus onbekend") == set()
    assert linking.plates_in("AB-12-CD-3") == set()
    assert linking.plates_in(None) == set()


def test_person_descriptions_are_order_free():
    first = linking.persons_in("Signalement: man, rode jas, ca 40")
    assert first == linking.persons_in("persoon: rode jas man ca 40.")
    assert linking.persons_in("geen beschrijving") == set()


def test_queue_phrase_is_dutch_first():
    assert linking.queue_phrase(3) == ("3 eerdere signalen op deze plek", "3 earlier signals at this place")
    assert linking.queue_phrase(1)[0] == "1 eerder signaal op deze plek"


# --- at intake


def at(lat, lon, text="Ergens", notes=None, mode="live", **overrides):
    payload = make_exercise(**overrides) if mode == "exercise" else make_signal(**overrides)
    payload["context"]["location"] = {"text": text, "lat": lat, "lon": lon}
    payload["notes"] = notes
    return payload


def store(client, payload):
    from intake.signals.models import Signal

    response = signed_post(client, payload)
    assert response.status_code == 201, response.content
    return Signal.objects.get(signal_id=payload["id"])


@pytest.mark.django_db
def test_signals_within_the_distance_link_and_farther_ones_do_not(client):
    base = store(client, at(52.0, 4.2, "A"))
    near = store(client, at(*offset(52.0, 4.2, east_m=240), text="B"))
    far = store(client, at(*offset(52.0, 4.2, east_m=260), text="C"))
    assert [(link.earlier_id, link.reason) for link in near.links.all()] == [(base.id, "distance")]
    assert near.links.get().distance_m == pytest.approx(240, abs=0.5)
    # far is 260 m from base (too far) and 20 m from near (linked).
    assert [link.earlier_id for link in far.links.all()] == [near.id]
    assert near.link_count == 1 and far.link_count == 1 and base.link_count == 0


@pytest.mark.django_db
def test_the_distance_is_a_setting(client, settings):
    settings.SIGNAAL_LINK_DISTANCE_M = 50
    store(client, at(52.0, 4.2, "A"))
    near = store(client, at(*offset(52.0, 4.2, north_m=100), text="B"))
    assert near.link_count == 0


@pytest.mark.django_db
def test_same_address_plate_or_person_links_without_coordinates(client):
    first = store(client, at(None, None, "Kwekerij De Groene Kas B.V.", notes="Busje AB-123-C. Signalement: man, rode jas"))
    by_name = store(client, at(None, None, "kwekerij groene kas bv"))
    by_plate = store(client, at(None, None, "Elders", notes="kenteken ab 123 c gezien"))
    by_person = store(client, at(None, None, "Weer elders", notes="persoon: rode jas, man"))
    by_address = store(client, at(None, None, "Kerkstr. 12"))
    address_again = store(client, at(None, None, "Hier", notes="Zelfde busje stond bij Kerkstraat 12"))
    unrelated = store(client, at(None, None, "Nergens", notes="niets bijzonders"))
    assert [(l.earlier_id, l.reason) for l in by_name.links.all()] == [(first.id, "place")]
    assert [(l.earlier_id, l.reason) for l in by_plate.links.all()] == [(first.id, "plate")]
    assert [(l.earlier_id, l.reason) for l in by_person.links.all()] == [(first.id, "person")]
    assert by_address.link_count == 0
    assert [(l.earlier_id, l.reason) for l in address_again.links.all()] == [(by_address.id, "place")]
    assert unrelated.link_count == 0


@pytest.mark.django_db
def test_exercise_signals_never_link_to_live_ones(client):
    live = store(client, at(52.0, 4.2, "Kas Westland", notes="kenteken AB-123-C"))
    exercise = store(client, at(52.0, 4.2, "Kas Westland", notes="kenteken AB-123-C", mode="exercise"))
    live_again = store(client, at(52.0, 4.2, "Kas Westland", notes="kenteken AB-123-C"))
    exercise_again = store(client, at(52.0, 4.2, "Kas Westland", mode="exercise"))
    assert exercise.link_count == 0
    assert [l.earlier_id for l in live_again.links.all()] == [live.id]
    assert [l.earlier_id for l in exercise_again.links.all()] == [exercise.id]


@pytest.mark.django_db
def test_a_redelivery_does_not_link_twice(client):
    store(client, at(52.0, 4.2, "A"))
    payload = at(52.0, 4.2, "A")
    second = store(client, payload)
    assert signed_post(client, payload).status_code in (200, 201)
    second.refresh_from_db()
    assert second.link_count == 1 and second.links.count() == 1


@pytest.mark.django_db
def test_queue_and_detail_show_the_links(client, supervisor_client):
    earlier = [store(client, at(*offset(52.1, 4.3, north_m=i * 30), text=f"Plek {i}")) for i in range(3)]
    earlier[0].status = "in_review"
    earlier[0].save()
    newest = store(client, at(52.1, 4.3, "Plek nieuw"))
    page = supervisor_client.get("/review/").content.decode()
    assert "3 eerdere signalen op deze plek" in page and "3 earlier signals at this place" in page
    detail = supervisor_client.get(f"/review/signals/{newest.reference}/").content.decode()
    for signal in earlier:
        assert f'href="/review/signals/{signal.reference}/"' in detail
        assert signal.received_at.strftime("%d-%m-%Y") in detail
    assert "In behandeling" in detail or "in behandeling" in detail.lower()
    back = supervisor_client.get(f"/review/signals/{earlier[0].reference}/").content.decode()
    assert newest.reference in back  # the later signal is listed on the earlier one


@pytest.mark.django_db
def test_trainers_never_see_live_links(client, trainer_client):
    first = store(client, at(52.0, 4.2, "Kas", notes="kenteken AB-123-C"))
    second = store(client, at(52.0, 4.2, "Kas", notes="kenteken AB-123-C"))
    store(client, at(52.0, 4.2, "Kas", mode="exercise"))
    assert trainer_client.get(f"/review/signals/{second.reference}/").status_code in (302, 403)
    training = trainer_client.get("/training/").content.decode()
    for reference in (first.reference, second.reference):
        assert reference not in training
    assert "eerdere signalen" not in training and "eerder signaal" not in training


@pytest.mark.django_db
def test_retention_takes_the_links_and_keys_with_the_signal(client):
    from datetime import timedelta

    from django.utils import timezone

    from intake.signals.models import LinkKey, Signal, SignalLink
    from intake.signals.retention import prune_signals

    old = store(client, at(52.0, 4.2, "Kas", notes="kenteken AB-123-C"))
    new = store(client, at(52.0, 4.2, "Kas", notes="kenteken AB-123-C"))
    assert SignalLink.objects.filter(earlier=old).count() == 1
    Signal.objects.filter(pk=old.pk).update(status="no_further_action", closed_at=timezone.now() - timedelta(days=400),
                                            received_at=timezone.now() - timedelta(days=400))
    prune_signals(180)
    assert not Signal.objects.filter(pk=old.pk).exists()
    assert not SignalLink.objects.filter(earlier_id=old.pk).exists()
    assert not LinkKey.objects.filter(signal_id=old.pk).exists()
    assert LinkKey.objects.filter(signal=new).exists()
    new.refresh_from_db()
    assert new.link_count == 0  # the queue no longer counts the pruned one


@pytest.mark.django_db
def test_an_addendum_with_a_plate_or_place_links_its_signal(client):
    from signaal.addendum import build_addendum

    earlier = store(client, at(None, None, "Industrieweg 12, Tiel", notes="busje AB-123-C"))
    other = store(client, at(52.3, 5.0, "Elders"))
    payload = at(None, None, "Onbekend")
    signal = store(client, payload)
    assert signal.link_count == 0
    pseudonym = payload["reporter"]["pseudonym"]
    note = build_addendum(payload["id"], pseudonym, notes="Later zag ik kenteken AB 123 C")
    path = f"/api/signals/{payload['id']}/addenda"
    assert signed_post(client, note, path=path).status_code == 201
    assert signed_post(client, note, path=path).status_code == 200  # redelivered: not linked twice
    signal.refresh_from_db()
    assert [(l.earlier_id, l.reason) for l in signal.links.all()] == [(earlier.id, "plate")] and signal.link_count == 1
    place = build_addendum(payload["id"], pseudonym, location={"text": "Elders", "lat": 52.3001, "lon": 5.0})
    assert signed_post(client, place, path=path).status_code == 201
    signal.refresh_from_db()
    assert sorted(l.earlier_id for l in signal.links.all()) == sorted([earlier.id, other.id]) and signal.link_count == 2
