"""Domain and NLU fragments are generated from the catalogue: fail when they drift."""
import subprocess
import sys
from pathlib import Path

import yaml

from signaal.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


def test_generated_files_are_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_rasa.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_indicator_is_a_form_slot_with_its_question():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    catalogue = load_catalogue()
    required = domain["forms"]["checklist_form"]["required_slots"]
    for indicator in catalogue.indicators.values():
        assert indicator.id in required
        assert domain["slots"][indicator.id]["values"] == ["yes", "no", "unknown"]
        # Asked by validate_checklist_form (with what is shown beside it), never by a template too.
        assert f"utter_ask_{indicator.id}" not in domain["responses"]
        assert f"action_ask_{indicator.id}" not in domain.get("actions", [])
    assert "shown_with_question" in domain["slots"]


def test_contract_names_are_in_the_domain():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for intent in ["greet", "goodbye", "thanks", "affirm", "deny", "dont_know", "help", "cancel", "out_of_scope",
                   "report_signal", "inform", "start_exercise", "acute_danger", "correct_answer", "ask_status", "faq"]:
        assert intent in domain["intents"]
    assert {"indicator", "exploitation_type"} <= set(domain["entities"])
    assert {"exploitation_type", "minor_involved"} <= set(domain["slots"])
    assert "action_forward_signal" in domain["actions"]
