"""What the printable pocket card says, from the catalogue (pure; the PDF: scripts/pocket_card.py).

One side per language (Dutch front, English back): the core questions (the
catalogue's `core: true` indicators, in asking order), the acute-danger rule
(catalogue/acute_danger.yml), whom to call (112, the intake, CoMensha from
catalogue/person_questions.yml) and the deep link that starts the bot.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from signaal.catalogue import load_catalogue
from signaal.data_files import SCHEMA_DIR, load_checked
from signaal.labels import pick
from signaal.paths import CATALOGUE_DIR
from signaal.person_mode import help_values

CARD_FILE = CATALOGUE_DIR / "pocket_card.yml"
ACUTE_FILE = CATALOGUE_DIR / "acute_danger.yml"
SIDES: Tuple[str, ...] = ("nl", "en")


@dataclass(frozen=True)
class CardSide:
    language: str
    title: str
    slightest: str
    core_heading: str
    core_questions: List[str]
    acute_heading: str
    acute_rule: str
    call_heading: str
    calls: List[str]
    start_heading: str
    start_hint: str
    person_hint: str
    link: str


def bot_link(explicit: Optional[str] = None) -> str:
    """The deep link of the QR code: given, else SIGNAAL_BOT_LINK, else the card file's."""
    data = load_checked(CARD_FILE, SCHEMA_DIR / "pocket_card.schema.json")
    return explicit or os.environ.get("SIGNAAL_BOT_LINK") or data["bot_link"]


def core_questions(language: str) -> List[str]:
    return [i.text("question", language) for i in load_catalogue().indicators.values() if i.core]


def acute_rule(language: str) -> str:
    return pick(load_checked(ACUTE_FILE, SCHEMA_DIR / "acute_danger.schema.json")["rule"], language)


def card_side(language: str, link: Optional[str] = None) -> CardSide:
    texts = load_checked(CARD_FILE, SCHEMA_DIR / "pocket_card.schema.json")["texts"]
    link = bot_link(link)
    values: Dict[str, str] = {**help_values(), "bot_link": link}

    def text(key: str) -> str:
        return pick(texts[key], language).format(**values)

    return CardSide(
        language=language, title=text("title"), slightest=text("slightest"),
        core_heading=text("core_heading"), core_questions=core_questions(language),
        acute_heading=text("acute_heading"), acute_rule=acute_rule(language),
        call_heading=text("call_heading"), calls=[text("call_emergency"), text("call_intake"), text("call_comensha")],
        start_heading=text("start_heading"), start_hint=text("start_hint"), person_hint=text("person_hint"), link=link,
    )


def card(link: Optional[str] = None) -> List[CardSide]:
    return [card_side(language, link) for language in SIDES]
