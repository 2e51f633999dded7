"""The queue at scale: pagination, search, filters (status/priority/type/assignee/age), sorting."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from intake.signals.models import Signal
from tests.support.seed import seed_signals
from tests.support.signals import make_signal, signed_post


def references(client, query=""):
    html = client.get(f"/review/{query}").content.decode().split('id="queue"')[1].split("</table>")[0]
    return re.findall(r'href="/review/signals/([^/]+)/">', html)


@pytest.fixture
def many(db):
    return seed_signals(130, places=20)


def test_pages_cover_every_signal_once(supervisor_client, many):
    seen = []
    for number in (1, 2, 3):
        seen += references(supervisor_client, f"?page={number}")
    assert len(seen) == 130 and len(set(seen)) == 130
    page = supervisor_client.get("/review/?page=2").content.decode()
    assert "pagina 2 van 3" in page and "page 2 of 3" in page and 'rel="next"' in page and 'rel="prev"' in page
    assert len(references(supervisor_client, "?per_page=25")) == 25
    assert len(references(supervisor_client, "?page=999")) == 130 - 100  # past the end: the last page


def test_sorting(supervisor_client, many):
    newest = references(supervisor_client, "?sort=newest&per_page=100")
    expected = [s.reference for s in Signal.objects.filter(mode="live").order_by("-received_at", "-id")[:100]]
    assert newest == expected
    oldest = references(supervisor_client, "?sort=oldest&per_page=25")
    assert oldest == [s.reference for s in Signal.objects.order_by("received_at", "id")[:25]]
    most_linked = references(supervisor_client, "?sort=links&per_page=25")
    counts = [Signal.objects.get(reference=r).link_count for r in most_linked]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0


def test_search_by_reference_place_and_text(client, supervisor_client, many):
    payload = make_signal(notes="Busje met kenteken XY-987-Z bij de loods")
    payload["context"]["location"] = {"text": "Kwekerij Zonnebloem, Poeldijk", "lat": None, "lon": None}
    assert signed_post(client, payload).status_code == 201
    target = Signal.objects.get(signal_id=payload["id"])
    assert references(supervisor_client, f"?q={target.reference}") == [target.reference]
    assert references(supervisor_client, "?q=zonnebloem") == [target.reference]
    assert references(supervisor_client, "?q=LOODS+busje") == [target.reference]
    assert references(supervisor_client, "?q=loods+nergens") == []
    assert len(references(supervisor_client, "?q=plek+3&per_page=100")) >= 1


def test_filters_by_assignee_and_age(supervisor_client, supervisor, many):
    mine = many[:3]
    Signal.objects.filter(pk__in=[s.pk for s in mine]).update(assigned_to=supervisor[0])
    assert sorted(references(supervisor_client, "?assignee=sup1")) == sorted(s.reference for s in mine)
    unassigned = references(supervisor_client, "?assignee=-&per_page=100&page=2")
    assert not set(unassigned) & {s.reference for s in mine}
    old = references(supervisor_client, "?age=30&per_page=100")
    cutoff = timezone.now() - timedelta(days=30)
    expected = Signal.objects.filter(received_at__lt=cutoff).exclude(status__in=("forwarded_to_investigation", "no_further_action"))
    assert len(old) == min(100, expected.count()) and expected.count() > 0
    for reference in old:
        signal = Signal.objects.get(reference=reference)
        assert signal.received_at < cutoff and not signal.is_closed


def test_filters_keep_across_pages(supervisor_client, many):
    page = supervisor_client.get("/review/?priority=normal&per_page=25").content.decode()
    if "volgende" in page:
        assert "priority=normal&amp;per_page=25&amp;page=2" in page


def test_seeded_links_show_in_the_queue(supervisor_client, many):
    assert "eerdere signalen op deze plek" in supervisor_client.get("/review/?sort=links").content.decode()
