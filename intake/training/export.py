"""CSV of exercise results for trainers."""
from __future__ import annotations

import csv
import io
from typing import Iterable

from intake.review.export import spreadsheet_safe
from intake.training.results import ExerciseResult

COLUMNS = ["reference", "received_at", "trainee", "scenario_id", "scenario_title", "correct", "total", "percent",
           "found", "missed", "wrongly_flagged"]


def results_csv(results: Iterable[ExerciseResult]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for r in results:
        writer.writerow([spreadsheet_safe(value) for value in (
            r.reference, r.received_at.isoformat(), r.trainee, r.scenario_id, r.scenario_title, r.correct, r.total,
            r.percent, " ".join(r.found), " ".join(r.missed), " ".join(r.wrongly_flagged),
        )])
    return buffer.getvalue()
