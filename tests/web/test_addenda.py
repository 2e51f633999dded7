"""POST /api/signals/<id>/addenda: additions after forwarding, stored once, shown in order, audited."""
import json

import pytest

from intake.audit.models import AuditEvent
from intake.signals.models import Addendum
from signaal.addendum import build_addendum
from tests.support.signals import make_signal, signed_post

pytestmark = pytest.mark.django_db


def _forwarded(client):
    payload = make_signal()
    assert signed_post(client, payload).status_code == 201
    return payload


def _post(client, signal_id, addendum, **kwargs):
    return signed_post(client, addendum, path=f"/api/signals/{signal_id}/addenda", **kwargs)


def test_an_addendum_is_stored_once_audited_and_shown_in_order_on_the_detail_page(client, supervisor):
    payload = _forwarded(client)
    pseudonym = payload["reporter"]["pseudonym"]
    first = build_addendum(payload["id"], pseudonym, notes="Er kwam een busje met nog drie mannen.")
    second = build_addendum(payload["id"], pseudonym, location={"text": "Industrieweg 12, Tiel"})
    assert _post(client, payload["id"], first).status_code == 201
    assert _post(client, payload["id"], first).status_code == 200  # redelivery: stored once
    assert _post(client, payload["id"], second).status_code == 201
    assert Addendum.objects.count() == 2
    assert AuditEvent.objects.filter(action="signal.addendum_received", signal_id=payload["id"]).count() == 2
    client.force_login(supervisor[0])
    from intake.signals.models import Signal

    reference = Signal.objects.get(signal_id=payload["id"]).reference
    html = client.get(f"/review/signals/{reference}/").content.decode()
    assert html.index("Er kwam een busje") < html.index("Industrieweg 12, Tiel")


def test_addenda_are_refused_unsigned_for_another_officer_or_malformed(client):
    payload = _forwarded(client)
    addendum = build_addendum(payload["id"], payload["reporter"]["pseudonym"], notes="extra")
    assert _post(client, payload["id"], addendum, signature="sha256=00").status_code == 401
    stranger = build_addendum(payload["id"], "tg-someoneelse0000000000000", notes="extra")
    unknown = build_addendum("0d3b6c1e-1111-4111-8111-111111111111", payload["reporter"]["pseudonym"], notes="x")
    # Another officer's signal and an unknown one get the same answer.
    assert _post(client, payload["id"], stranger).status_code == 404
    assert _post(client, unknown["signal_id"], unknown).status_code == 404
    empty = build_addendum(payload["id"], payload["reporter"]["pseudonym"])
    assert _post(client, payload["id"], empty).status_code == 422
    elsewhere = build_addendum(payload["id"], payload["reporter"]["pseudonym"], notes="x")
    assert _post(client, unknown["signal_id"], elsewhere).status_code == 422  # path and body disagree
    assert _post(client, payload["id"], None, body=b"{not json").status_code == 400
    assert Addendum.objects.count() == 0
