"""The supervisors' dashboard /review/overzicht: figures from seeded signals, SVG charts, CSV with the same figures."""
from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from intake.review import dashboard
from intake.signals.models import Signal
from tests.support.seed import seed_signals


def test_percentile_nearest_rank():
    assert dashboard.percentile([], 0.5) is None
    assert dashboard.percentile([5], 0.9) == 5
    values = list(range(1, 11))
    assert dashboard.percentile(values, 0.5) == 5 and dashboard.percentile(values, 0.9) == 9


@pytest.fixture
def seeded(db):
    return seed_signals(300, places=15, days=90)


def test_only_supervisors_see_the_dashboard(client, trainer, seeded):
    assert client.get("/review/overzicht/").status_code == 302
    client.force_login(trainer[0])
    trainer_client = client
    assert trainer_client.get("/review/overzicht/").status_code in (302, 403)
    assert trainer_client.get("/review/overzicht.csv").status_code in (302, 403)


def test_dashboard_figures_match_the_database(supervisor_client, seeded):
    now = timezone.now()
    board = dashboard.build(now)
    first = board.weeks[0]
    recent = Signal.objects.filter(mode="live", received_at__gte=first)
    assert sum(sum(v) for v in board.by_priority.values()) == recent.count() == board.total
    assert sum(sum(v) for v in board.by_type.values()) == recent.count()
    assert sum(board.by_priority["urgent"]) == recent.filter(priority="urgent").count()
    assert board.by_type["labour"][-1] == recent.filter(exploitation_type="labour", received_at__gte=board.weeks[-1]).count()
    hours = sorted((s.first_viewed_at - s.received_at).total_seconds() / 3600 for s in recent.exclude(first_viewed_at=None))
    assert board.durations["first_review"]["median"] == pytest.approx(dashboard.percentile(hours, 0.5))
    assert board.durations["first_review"]["n"] == len(hours)
    open_total = Signal.objects.filter(mode="live").exclude(status__in=("forwarded_to_investigation", "no_further_action")).count()
    assert sum(n for _, n in board.open_by_age) == open_total
    older = Signal.objects.filter(mode="live", status__in=("new", "in_review"), received_at__lte=now - timedelta(days=30)).count()
    assert dict(board.open_by_age)["30+"] == older
    assert board.top_places and board.top_places[0]["signals"] >= board.top_places[-1]["signals"]


def test_exercise_signals_are_not_counted(supervisor_client, seeded):
    before = dashboard.build().total
    seed_signals(20, mode="exercise", seed=99)
    assert dashboard.build().total == before


def test_page_has_svg_charts_tables_and_a_csv_with_the_same_figures(supervisor_client, seeded):
    page = supervisor_client.get("/review/overzicht/").content.decode()
    for ident in ("chart-priority", "chart-type", "chart-durations", "chart-age", "chart-map"):
        assert f'id="{ident}"' in page and f'id="{ident}-title"' in page
    assert "<script" not in page
    assert page.count("<circle") > 100  # the map has the seeded locations
    response = supervisor_client.get("/review/overzicht.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    table = page.split('id="table-priority"')[1].split("</table>")[0]
    urgent_row = re.search(r'<tr data-key="urgent">(.*?)</tr>', table).group(1)
    page_counts = [int(n) for n in re.findall(r"<td>(\d+)</td>", urgent_row)][:-1]
    csv_counts = [int(r["value"]) for r in rows if r["figure"] == "signals_per_week_by_priority" and r["key"] == "urgent"]
    assert page_counts == csv_counts and len(csv_counts) == 12
    board = dashboard.build()
    median = [r for r in rows if r["figure"] == "hours_forwarding_to_decision" and r["key"] == "median"][0]["value"]
    assert float(median) == pytest.approx(board.durations["decision"]["median"], abs=0.01)
    ages = {r["key"]: int(r["value"]) for r in rows if r["figure"] == "open_signals_by_age_days"}
    assert ages == dict(board.open_by_age)
    places = [r["key"] for r in rows if r["figure"] == "places_most_linked"]
    assert places == [p["place"] for p in board.top_places]
    for place in places[:3]:
        assert place in page


def test_empty_dashboard_renders(supervisor_client):
    page = supervisor_client.get("/review/overzicht/")
    assert page.status_code == 200 and "Nog geen gekoppelde signalen" in page.content.decode()
