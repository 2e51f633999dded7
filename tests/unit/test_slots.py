"""Slot names live in signaal/slots.py (and the catalogue, for indicators): tied to the domain both ways,
and never typed out again in the action server."""
from __future__ import annotations

import ast
from pathlib import Path

import yaml

from signaal import slots
from signaal.catalogue import load_catalogue
from signaal.paths import ROOT

RASA_OWN = {"requested_slot"}  # Rasa's, not ours


def domain_slots(path: Path) -> set:
    return set(yaml.safe_load(path.read_text(encoding="utf-8"))["slots"])


def test_slots_module_and_domain_source_agree():
    assert set(slots.ALL_BUT_INDICATORS) == domain_slots(ROOT / "domain_src" / "core.yml")


def test_domain_has_exactly_our_slots_and_one_per_indicator():
    expected = set(slots.ALL_BUT_INDICATORS) | set(load_catalogue().indicators)
    assert domain_slots(ROOT / "domain.yml") - RASA_OWN == expected


def test_no_slot_name_is_spelled_out_in_the_action_server():
    # A slot named like an intent (acute_danger) may still be spelled out as that intent.
    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
    names = set(slots.ALL_BUT_INDICATORS) - intents
    found = []
    for path in sorted((ROOT / "actions").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        entity_args = {id(node.args[1]) for node in ast.walk(tree)
                       if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "entity_values"
                       and len(node.args) > 1}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in names and id(node) not in entity_args:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert not found, "use signaal.slots constants:\n" + "\n".join(found)
