"""The supervisors' dashboard (/review/overzicht): live signals at a glance, the same figures as CSV.

All figures are computed on the server from live signals only:
- signals per week, last 12 weeks (weeks start on Monday), by priority and by exploitation type;
- time from forwarding (the signal's arrival at the intake) to first review (first opened by a
  supervisor) and to decision (closed: forwarded to investigation or no further action): median and p90
  over signals received in those 12 weeks;
- open signals by age;
- places with most linked signals (signals that were linked to earlier ones, by normalised place);
- locations for the map (last 12 weeks).
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Dict, List, Optional, Sequence, Tuple

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from intake.signals.models import CLOSED_STATUSES, PRIORITY_RANK, Signal
from signaal.labels import bilingual

WEEKS = 12
PRIORITIES = tuple(PRIORITY_RANK)
AGE_BUCKETS = (("0-1", 0, 1), ("1-7", 1, 7), ("7-30", 7, 30), ("30+", 30, None))
AGE_LABELS = {
    "0-1": "< 1 dag / day", "1-7": "1–7 dagen / days", "7-30": "7–30 dagen / days", "30+": "> 30 dagen / days",
}
TOP_PLACES = 10
MAP_POINTS = 3000


def percentile(values: Sequence[float], fraction: float) -> Optional[float]:
    """Nearest-rank percentile (fraction 0.5 = median, 0.9 = p90); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def week_start(moment: datetime) -> datetime:
    local = timezone.localtime(moment)
    monday = (local - timedelta(days=local.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return monday


@dataclass
class Dashboard:
    now: datetime
    weeks: List[datetime]
    by_priority: Dict[str, List[int]]
    by_type: Dict[str, List[int]]
    durations: Dict[str, Dict[str, Optional[float]]]
    open_by_age: List[Tuple[str, int]]
    top_places: List[Dict[str, object]]
    points: List[Tuple[float, float, str]] = field(default_factory=list)
    total: int = 0

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["figure", "key", "week", "value"])
        for label, table in (("signals_per_week_by_priority", self.by_priority), ("signals_per_week_by_type", self.by_type)):
            for key, counts in table.items():
                for week, count in zip(self.weeks, counts):
                    writer.writerow([label, key, week.date().isoformat(), count])
        for name, figures in self.durations.items():
            for stat, hours in figures.items():
                writer.writerow([f"hours_forwarding_to_{name}", stat, "", "" if hours is None else f"{hours:.2f}"])
        for bucket, count in self.open_by_age:
            writer.writerow(["open_signals_by_age_days", bucket, "", count])
        for place in self.top_places:
            writer.writerow(["places_most_linked", place["place"], "", place["signals"]])
        return out.getvalue()


def build(now: Optional[datetime] = None) -> Dashboard:
    now = now or timezone.now()
    first_week = week_start(now) - timedelta(weeks=WEEKS - 1)
    weeks = [first_week + timedelta(weeks=i) for i in range(WEEKS)]
    live = Signal.objects.filter(mode="live")
    recent = live.filter(received_at__gte=first_week)

    by_priority = {key: [0] * WEEKS for key in PRIORITIES}
    by_type: Dict[str, List[int]] = {}
    # One grouped query per breakdown would need a week function per backend; the rows are small (3 columns).
    for received_at, priority, kind in recent.values_list("received_at", "priority", "exploitation_type").iterator(chunk_size=5000):
        index = min(WEEKS - 1, (week_start(received_at) - first_week).days // 7)
        by_priority.setdefault(priority, [0] * WEEKS)[index] += 1
        by_type.setdefault(kind, [0] * WEEKS)[index] += 1

    reviewed, decided = [], []
    for received_at, viewed, closed in recent.filter(Q(first_viewed_at__isnull=False) | Q(closed_at__isnull=False)).values_list(
        "received_at", "first_viewed_at", "closed_at"
    ).iterator(chunk_size=5000):
        if viewed:
            reviewed.append(max(0.0, (viewed - received_at).total_seconds() / 3600))
        if closed:
            decided.append(max(0.0, (closed - received_at).total_seconds() / 3600))
    durations = {
        "first_review": {"median": percentile(reviewed, 0.5), "p90": percentile(reviewed, 0.9), "n": len(reviewed)},
        "decision": {"median": percentile(decided, 0.5), "p90": percentile(decided, 0.9), "n": len(decided)},
    }

    open_signals = live.exclude(status__in=CLOSED_STATUSES)
    aggregates = {}
    for key, low, high in AGE_BUCKETS:
        condition = Q(received_at__lte=now - timedelta(days=low))
        if high is not None:
            condition &= Q(received_at__gt=now - timedelta(days=high))
        aggregates[key] = Count("id", filter=condition)
    counts = open_signals.aggregate(**aggregates)
    open_by_age = [(key, counts[key] or 0) for key, _, _ in AGE_BUCKETS]

    top = (
        live.filter(link_count__gt=0).exclude(place_key="")
        .values("place_key")
        .annotate(signals=Count("id"), links=Sum("link_count"), place=Max("place_text"), last=Max("received_at"))
        .order_by("-signals", "-links", "place_key")[:TOP_PLACES]
    )
    top_places = [{"place": row["place"], "signals": row["signals"] + 0, "links": row["links"], "last": row["last"]} for row in top]

    points = list(recent.exclude(lat__isnull=True).order_by("-received_at").values_list("lat", "lon", "priority")[:MAP_POINTS])
    return Dashboard(now=now, weeks=weeks, by_priority=by_priority, by_type=by_type, durations=durations,
                     open_by_age=open_by_age, top_places=top_places, points=points, total=recent.count())


def label_of(kind: str, key: str) -> str:
    return bilingual(kind, key)
