"""Many stored signals at once, for the queue/dashboard tests and scripts/bench_queue.py.

Signals are written with bulk_create (not through the API), spread over the last
`days` days, over `places` places in the Netherlands (a small jitter around each),
with statuses, first-review and decision times, and links to earlier signals at
the same place computed the way intake/signals/linking.py would (same place,
same mode, at most MAX_LINKS, most recent first).
"""
from __future__ import annotations

import random
import uuid
from datetime import timedelta

from tests.support.signals import make_signal

PRIORITIES = ("urgent", "high", "normal", "low")
TYPES = ("labour", "sexual", "criminal", "unknown")
STATUSES = ("new", "in_review", "forwarded_to_investigation", "no_further_action")


def seed_signals(count: int, now=None, days: int = 84, places: int = 1000, seed: int = 15, mode: str = "live",
                 batch: int = 1000):
    from django.utils import timezone

    from intake.signals.linking import MAX_LINKS, haversine_m, index_fields
    from intake.signals.models import PRIORITY_RANK, Signal, SignalLink

    rng = random.Random(seed)
    now = now or timezone.now()
    # Places inside the shipped (coarse) outline of the Netherlands.
    from intake.review.charts import inside_outline

    centres = []
    while len(centres) < places:
        lat, lon = 50.8 + rng.random() * 2.7, 3.3 + rng.random() * 3.8
        if inside_outline(lon, lat):
            centres.append((lat, lon))
    year = now.year
    start_number = Signal.objects.filter(reference__startswith=f"SIG-{year}-").count() + 1
    rows, place_of = [], []
    for i in range(count):
        place = int(rng.paretovariate(1.2)) % places if rng.random() < 0.5 else rng.randrange(places)
        lat, lon = centres[place]
        lat += rng.uniform(-0.0003, 0.0003)
        lon += rng.uniform(-0.0003, 0.0003)
        priority = rng.choices(PRIORITIES, weights=(1, 3, 5, 2))[0]
        payload = make_signal(mode=mode)
        payload["context"]["exploitation_type"] = rng.choice(TYPES)
        payload["context"]["location"] = {"text": f"Plek {place}", "lat": round(lat, 6), "lon": round(lon, 6)}
        payload["assessment"]["priority"] = priority
        payload["notes"] = f"Proefsignaal {i} bij plek {place}."
        received = now - timedelta(seconds=rng.uniform(0, days * 86400))
        status = rng.choices(STATUSES, weights=(3, 2, 2, 3))[0]
        viewed = received + timedelta(hours=rng.lognormvariate(1.5, 1.0)) if status != "new" else None
        closed = viewed + timedelta(hours=rng.lognormvariate(3.0, 1.0)) if status in STATUSES[2:] else None
        rows.append(Signal(
            signal_id=uuid.UUID(payload["id"]), reference=f"SIG-{year}-B{start_number + i:06d}", payload=payload,
            mode=mode, priority=priority, priority_rank=PRIORITY_RANK[priority], status=status,
            exploitation_type=payload["context"]["exploitation_type"], minor_involved=rng.choice(("yes", "no", "unknown")),
            acute_danger=priority == "urgent" and rng.random() < 0.3, reporter_pseudonym="tg-bench",
            created_at=received, first_viewed_at=viewed, closed_at=closed, **index_fields(payload),
        ))
        place_of.append(place)
    order = sorted(range(count), key=lambda k: rows[k].created_at)
    rows = [rows[k] for k in order]
    place_of = [place_of[k] for k in order]
    created = []
    for offset in range(0, count, batch):
        created += Signal.objects.bulk_create(rows[offset:offset + batch])
    # received_at is auto_now_add: set it to the seeded time.
    for signal in created:
        signal.received_at = signal.created_at
    Signal.objects.bulk_update(created, ["received_at"], batch_size=batch)
    if created and created[0].pk is None:  # backends without RETURNING
        created = list(Signal.objects.filter(reference__in=[s.reference for s in rows]).order_by("created_at"))
    earlier_at = {}
    links, counts = [], []
    for signal, place in zip(created, place_of):
        previous = earlier_at.setdefault(place, [])
        mine = previous[-MAX_LINKS:]
        for other in mine:
            links.append(SignalLink(signal_id=signal.pk, earlier_id=other.pk, reason="distance",
                                    distance_m=haversine_m(signal.lat, signal.lon, other.lat, other.lon)))
        signal.link_count = len(mine)
        previous.append(signal)
    SignalLink.objects.bulk_create(links, batch_size=batch * 5)
    Signal.objects.bulk_update(created, ["link_count"], batch_size=batch)
    return created
