"""Classes for trainers: create one (name + join code), join it from the chat, results by display name.

Joining happens in the intake's web chat (intake/chat/views.py): the trainee types
"klas <code>" and then a display name. Both messages are handled by the intake and
never sent to Rasa, so a display name is never in a Rasa tracker, never in a signal
payload (signals are built from the tracker), and only in ClassMember.
"""
from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass, field
from hashlib import sha256
from typing import Dict, List, Optional

from signaal.keys import CLASS_MEMBER, derive_text_key

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
JOIN = re.compile(r"^\s*(?:klas|class)\s+([A-Za-z0-9-]{4,20})\s*$", re.IGNORECASE)
NAME_MAX = 40
_NAME_OK = re.compile(r"^[\w .'-]{1,40}$", re.UNICODE)


def new_join_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: str) -> str:
    raw = re.sub(r"[^A-Za-z0-9]", "", code).upper()
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def member_key(pseudonym: str) -> str:
    return hmac.new(derive_text_key(CLASS_MEMBER).encode("ascii"), pseudonym.encode("utf-8"), sha256).hexdigest()


def clean_display_name(text: str) -> Optional[str]:
    name = " ".join(text.split())[:NAME_MAX]
    return name if name and _NAME_OK.match(name) else None


def create_class(name: str, user=None):
    from intake.training.models import TrainingClass

    for _ in range(10):
        code = new_join_code()
        if not TrainingClass.objects.filter(join_code=code).exists():
            return TrainingClass.objects.create(name=name.strip()[:100], join_code=code, created_by=user)
    raise RuntimeError("no free join code")


def find_class(code: str):
    from intake.training.models import TrainingClass

    return TrainingClass.objects.filter(join_code=normalise_code(code)).first()


def join(training_class, pseudonym: str, display_name: str):
    from intake.training.models import ClassMember

    member, _ = ClassMember.objects.update_or_create(
        training_class=training_class, member_key=member_key(pseudonym), defaults={"display_name": display_name}
    )
    return member


@dataclass
class MemberResults:
    display_name: str
    results: list = field(default_factory=list)

    @property
    def mean_percent(self) -> Optional[int]:
        scores = [r.percent for r in self.results if r.percent is not None]
        return round(sum(scores) / len(scores)) if scores else None


def class_results(training_class) -> Dict[str, object]:
    """Results of the class's members by display name: over time, and a member × scenario table of mean scores."""
    from intake.training.results import exercise_results

    names = {m.member_key: m.display_name for m in training_class.members.all()}
    by_member: Dict[str, MemberResults] = {key: MemberResults(display_name=name) for key, name in names.items()}
    scenarios: Dict[str, str] = {}
    for result in exercise_results():
        key = member_key(result.trainee)
        if key in by_member:
            by_member[key].results.append(result)
            scenarios[result.scenario_id] = result.scenario_title
    members = sorted(by_member.values(), key=lambda m: m.display_name.lower())
    scenario_ids = sorted(scenarios, key=lambda s: scenarios[s])
    table: List[Dict[str, object]] = []
    for member in members:
        cells = []
        for scenario_id in scenario_ids:
            scores = [r.percent for r in member.results if r.scenario_id == scenario_id and r.percent is not None]
            cells.append(round(sum(scores) / len(scores)) if scores else None)
        table.append({"name": member.display_name, "cells": cells})
    return {"members": members, "scenarios": [(s, scenarios[s]) for s in scenario_ids], "table": table}
