"""Supervisors' pages: the live queue, one signal, its status, assignment, comments, exports."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from intake.accounts.decorators import role_required
from intake.accounts.roles import SUPERVISOR
from intake.audit.record import record_event
from intake.review import charts, dashboard
from intake.review.export import signals_csv, signals_json
from intake.review.presentation import answers_by_dimension, next_steps_rows, signal_summary
from intake.review.queue import ReviewQueue
from intake.signals.linking import linked_rows, later_rows
from intake.signals.models import Signal
from intake.signals.workflow import TransitionNotAllowed, add_comment, allowed_next, assign, change_status, mark_viewed
from signaal.labels import bilingual

QUEUE_REFRESH_SECONDS = 30


class CommentForm(forms.Form):
    text = forms.CharField(label="Opmerking / comment", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


def supervisors():
    return get_user_model().objects.filter(account__role=SUPERVISOR, is_active=True).order_by("username")


def _live_signal(reference: str) -> Signal:
    return get_object_or_404(Signal.objects.select_related("assigned_to"), reference=reference, mode="live")


@require_GET
@role_required(SUPERVISOR)
def queue(request):
    review_queue = ReviewQueue.from_query(request.GET)
    return render(
        request,
        "review/queue.html",
        {
            "queue": review_queue,
            "page": (page := review_queue.page(request.GET.get("page"))),
            "signals": page.object_list,
            "query": review_queue.query_without_page(),
            "refresh_seconds": QUEUE_REFRESH_SECONDS,
        },
    )


@require_GET
@role_required(SUPERVISOR)
def detail(request, reference: str):
    signal = _live_signal(reference)
    mark_viewed(signal, request.user)
    return render(
        request,
        "review/detail.html",
        {
            "signal": signal,
            "groups": answers_by_dimension(signal.payload),
            "summary": signal_summary(signal.payload),
            "next_steps": next_steps_rows(signal.payload),
            "next_statuses": [(status, bilingual("statuses", status)) for status in allowed_next(signal)],
            "supervisors": supervisors(),
            "comment_form": CommentForm(),
            "comments": signal.comments.select_related("author"),
            "history": signal.status_changes.select_related("actor"),
            "addenda": signal.addenda.all(),
            "linked": linked_rows(signal),
            "later": later_rows(signal),
        },
    )


@require_POST
@role_required(SUPERVISOR)
def set_status(request, reference: str):
    signal = _live_signal(reference)
    try:
        change_status(signal, request.POST.get("status", ""), request.user)
        messages.success(request, f"Status gewijzigd in: {signal.get_status_display()}")
    except TransitionNotAllowed:
        messages.error(request, "Deze statuswijziging is niet toegestaan / status change not allowed")
    return redirect("review:detail", reference=reference)


@require_POST
@role_required(SUPERVISOR)
def set_assignee(request, reference: str):
    signal = _live_signal(reference)
    username = request.POST.get("assignee", "")
    assignee = supervisors().filter(username=username).first() if username else None
    if username and assignee is None:
        messages.error(request, "Onbekende beoordelaar / unknown supervisor")
    else:
        assign(signal, assignee, request.user)
        messages.success(request, f"Toegewezen aan: {assignee.get_username()}" if assignee else "Toewijzing opgeheven")
    return redirect("review:detail", reference=reference)


@require_POST
@role_required(SUPERVISOR)
def comment(request, reference: str):
    signal = _live_signal(reference)
    form = CommentForm(request.POST)
    if form.is_valid():
        add_comment(signal, form.cleaned_data["text"], request.user)
        messages.success(request, "Opmerking toegevoegd / comment added")
    else:
        messages.error(request, "Opmerking leeg of te lang (max. 4000 tekens) / comment empty or too long")
    return redirect("review:detail", reference=reference)


@require_GET
@role_required(SUPERVISOR)
def export(request, fmt: str):
    review_queue = ReviewQueue.from_query(request.GET)
    signals = list(review_queue.signals)
    record_event(
        request.user,
        "signal.export",
        details={"format": fmt, "count": len(signals), "filters": review_queue.applied_filters()},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        response = HttpResponse(signals_csv(signals), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(signals_json(signals), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signalen-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


def _dashboard_context(board):
    weeks = [week.strftime("%d-%m") for week in board.weeks]
    priority_labels = {key: bilingual("priorities", key) for key in board.by_priority}
    type_labels = {key: bilingual("exploitation_types", key) for key in board.by_type}
    durations = [
        ("Tot eerste beoordeling / to first review", "first_review"),
        ("Tot besluit / to decision", "decision"),
    ]
    duration_rows = []
    for text, key in durations:
        figures = board.durations[key]
        duration_rows.append({"label": text, "key": key, **figures})
    return {
        "board": board,
        "weeks": list(zip(weeks, range(len(weeks)))),
        "priority_rows": [(priority_labels[k], k, v, sum(v)) for k, v in board.by_priority.items()],
        "type_rows": [(type_labels[k], k, v, sum(v)) for k, v in board.by_type.items()],
        "duration_rows": duration_rows,
        "age_rows": [(dashboard.AGE_LABELS[k], k, n) for k, n in board.open_by_age],
        "chart_priority": charts.stacked_bars(
            "chart-priority", "Signalen per week naar prioriteit / signals per week by priority", weeks,
            board.by_priority, priority_labels, charts.PRIORITY_COLOURS,
        ),
        "chart_type": charts.stacked_bars(
            "chart-type", "Signalen per week naar vorm van uitbuiting / signals per week by exploitation type", weeks,
            board.by_type, type_labels,
        ),
        "chart_durations": charts.horizontal_bars(
            "chart-durations", "Doorlooptijd in uren (mediaan, p90) / time in hours (median, p90)",
            [(f"{row['label'].split(' / ')[0]} — mediaan", row["median"]) for row in duration_rows]
            + [(f"{row['label'].split(' / ')[0]} — p90", row["p90"]) for row in duration_rows],
            " u",
        ),
        "chart_age": charts.horizontal_bars(
            "chart-age", "Open signalen naar leeftijd / open signals by age",
            [(dashboard.AGE_LABELS[k], n) for k, n in board.open_by_age],
        ),
        "chart_map": charts.location_map(
            "chart-map", "Locaties van signalen, laatste 12 weken / signal locations, last 12 weeks", board.points,
        ),
    }


@require_GET
@role_required(SUPERVISOR)
def overview(request):
    return render(request, "review/overview.html", _dashboard_context(dashboard.build()))


@require_GET
@role_required(SUPERVISOR)
def overview_csv(request):
    board = dashboard.build()
    record_event(request.user, "dashboard.export", details={"format": "csv"})
    response = HttpResponse(board.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="overzicht-{timezone.localtime().strftime("%Y%m%d-%H%M")}.csv"'
    response["Cache-Control"] = "no-store"
    return response
