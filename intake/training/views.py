"""Trainers' pages: exercise results per trainee and per scenario, scores over time, CSV."""
from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from intake.accounts.decorators import role_required
from intake.accounts.roles import ADMIN, TRAINER
from intake.audit.record import record_event
from intake.training.export import results_csv
from intake.training.results import exercise_results, group_by


@require_GET
@role_required(TRAINER, ADMIN)
def overview(request):
    results = exercise_results()
    record_event(request.user, "exercise.overview", details={"count": len(results)})
    return render(
        request,
        "training/overview.html",
        {"by_trainee": group_by(results, "trainee"), "by_scenario": group_by(results, "scenario"), "count": len(results)},
    )


def _results_page(request, results, title: str, kind: str, key: str):
    """One trainee's or one scenario's results, audited as viewed."""
    if not results:
        raise Http404
    record_event(request.user, "exercise.view", details={kind: key, "count": len(results)})
    return render(request, "training/results.html", {"title": title, "kind": kind, "key": key, "results": results})


@require_GET
@role_required(TRAINER, ADMIN)
def trainee(request, pseudonym: str):
    return _results_page(request, exercise_results(trainee=pseudonym), f"Cursist {pseudonym}", "trainee", pseudonym)


@require_GET
@role_required(TRAINER, ADMIN)
def scenario(request, scenario_id: str):
    results = exercise_results(scenario_id=scenario_id)
    title = f"Scenario {results[-1].scenario_title}" if results else ""
    return _results_page(request, results, title, "scenario", scenario_id)


@require_GET
@role_required(TRAINER, ADMIN)
def export_csv(request):
    trainee_key = request.GET.get("trainee") or None
    scenario_key = request.GET.get("scenario") or None
    results = exercise_results(trainee=trainee_key, scenario_id=scenario_key)
    record_event(
        request.user,
        "exercise.export",
        details={"format": "csv", "count": len(results), "trainee": trainee_key, "scenario": scenario_key},
    )
    response = HttpResponse(results_csv(results), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="oefenresultaten-{timezone.localtime():%Y%m%d-%H%M}.csv"'
    response["Cache-Control"] = "no-store"
    return response
