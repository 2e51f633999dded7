"""Trainers' pages: exercise results per trainee and per scenario, scores over time, CSV."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from intake.accounts.decorators import role_required
from intake.accounts.roles import ADMIN, TRAINER
from intake.audit.record import record_event
from intake.training.classes import class_results, create_class
from intake.training.export import results_csv
from intake.training.models import TrainingClass
from intake.training.results import exercise_results, group_by


@require_GET
@role_required(TRAINER, ADMIN)
def overview(request):
    results = exercise_results()
    record_event(request.user, "exercise.overview", details={"count": len(results)})
    return render(
        request,
        "training/overview.html",
        {"by_trainee": group_by(results, "trainee"), "by_scenario": group_by(results, "scenario"), "count": len(results),
         "classes": TrainingClass.objects.all(), "class_form": ClassForm()},
    )


class ClassForm(forms.Form):
    name = forms.CharField(label="Naam van de klas / class name", max_length=100)


@require_POST
@role_required(TRAINER, ADMIN)
def new_class(request):
    form = ClassForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Geef de klas een naam / give the class a name")
        return redirect("training:overview")
    training_class = create_class(form.cleaned_data["name"], request.user)
    record_event(request.user, "class.create", details={"class": training_class.pk})
    messages.success(request, f"Klas aangemaakt, code {training_class.join_code} / class created")
    return redirect("training:class", pk=training_class.pk)


@require_GET
@role_required(TRAINER, ADMIN)
def class_page(request, pk: int):
    training_class = get_object_or_404(TrainingClass, pk=pk)
    record_event(request.user, "class.view", details={"class": training_class.pk})
    return render(request, "training/class.html", {"klass": training_class, **class_results(training_class)})


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
