"""Indicators that are a matter of numbers: pay per hour/day/week/month, working
hours and days, and how many people sleep in one place. Rules, not a model:
"vijf euro per dag" or "van 6 tot 23 uur" are unambiguous once read, and no
amount of examples teaches a classifier arithmetic. Pure, Dutch and English.

Thresholds (in `THRESHOLDS`) are deliberately on the side of the officer's
"slightest indication": the Dutch statutory minimum wage for adults is about
14 euro an hour (2026), a working week of 40 hours is normal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

THRESHOLDS = {
    "hourly_pay_below": 10.0,      # euro per hour
    "daily_pay_below": 80.0,       # euro per day
    "weekly_pay_below": 400.0,
    "monthly_pay_below": 1200.0,
    "hours_per_day_from": 12,
    "hours_per_week_from": 60,
    "days_per_week_from": 7,
    "people_sleeping_from": 6,     # in one room, house, shed, container...
}

NUMBER_WORDS = {
    "een": 1, "één": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8,
    "negen": 9, "nine": 9, "tien": 10, "ten": 10, "elf": 11, "eleven": 11, "twaalf": 12, "twelve": 12,
    "dertien": 13, "veertien": 14, "vijftien": 15, "fifteen": 15, "zestien": 16, "twintig": 20, "twenty": 20,
    "dertig": 30, "thirty": 30, "veertig": 40, "forty": 40, "vijftig": 50, "fifty": 50, "honderd": 100,
    "hundred": 100, "paar": 2, "couple": 2, "enkele": 3, "tientje": 10, "tientjes": 20,
    "dozijn": 12, "dozen": 12, "tientallen": 20, "dozens": 24,
}
# "met z'n achten": how many people together.
TOGETHER_WORDS = {"tweeën": 2, "drieën": 3, "vieren": 4, "vijven": 5, "zessen": 6, "zevenen": 7, "achten": 8,
                  "negenen": 9, "tienen": 10, "elven": 11, "twaalven": 12, "twintigen": 20}
TOGETHER = re.compile(r"\bmet\s+z(?:'|i)?j?n\s+(" + "|".join(TOGETHER_WORDS) + r")\b")
NUMBER = r"(\d+(?:[.,]\d+)?|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + r")"
NEGATION = re.compile(r"\b(geen|niet|nooit|not|no|never|cao|minimumloon|minimum wage|netjes|gewoon)\b")

PAY = re.compile(
    rf"(?:€\s*{NUMBER}|{NUMBER}\s*(?:euros?|eur|€|,-))\s*(?:netto\s*|bruto\s*|cash\s*)?"
    r"(?:per|p/?|a|an|in\s+de|in\s+the|each|every|elke|/)\s*"
    r"(uur|u\b|hour|hr|dag|day|nacht|night|shift|dienst|week|wk|maand|mnd|month)",
)
# Amounts named without a number: "een paar tientjes per dag".
PAY_WORDS = re.compile(r"\b(?:een\s+)?(paar tientjes|tientje|paar euro|few euros|a tenner)\s*(?:per|a|an|/|p/?)\s*"
                       r"(uur|u\b|hour|dag|day|week|maand|month)")
PAY_WORD_AMOUNT = {"paar tientjes": 20, "tientje": 10, "paar euro": 3, "few euros": 3, "a tenner": 10}
# Work for no money at all: the negation is the finding, so no negation check.
NO_PAY = re.compile(
    r"\b(?:onbetaald|unpaid|without\s+(?:any\s+)?pay|zonder\s+(?:loon|betaling|salaris|geld)\b"
    r"|voor\s+kost\s+en\s+inwoning\b|\b(?:werk\w*|work\w*|gewerkt|poets\w*|clean\w*)\s+(?:\w+\s+){0,3}?"
    r"(?:for\s+(?:food|free|nothing)|voor\s+(?:eten|niks|niets|noppes|de\s+kost))\b"
    r"|(?:never|not)\s+(?:\w+\s+){0,2}?(?:been\s+)?paid\s+(?:at\s+all|anything|a\s+cent)"
    r"|nooit\s+(?:\w+\s+){0,2}?(?:uit)?betaald|geen\s+(?:loon|salaris|cent)\s+(?:\w+\s+){0,2}?(?:gehad|gekregen|gezien|ontvangen))")
PAY_UNIT = {"uur": "hourly", "u": "hourly", "hour": "hourly", "hr": "hourly", "dag": "daily", "day": "daily",
            "nacht": "daily", "night": "daily", "shift": "daily", "dienst": "daily", "week": "weekly", "wk": "weekly",
            "maand": "monthly", "mnd": "monthly", "month": "monthly"}
HOURS_PER = re.compile(rf"{NUMBER}\s*(?:uur|u|hours?|hrs?|uurs)\b\s*(?:-\s*)?(?:per|a|an|p/?|/|op\s+een|in\s+de|each|every|elke)?\s*(dag|day|dienst|shift|week|wk)")
HOURS_SHIFT = re.compile(rf"{NUMBER}\s*(?:-|)\s*(?:uurs?|hours?|hour)[-\s]*(?:dienst|diensten|shifts?|dagen|days)")
SPAN = re.compile(r"\b(?:van|from)\s+(\d{1,2})(?:[.:]\d{2})?\s*(?:uur|u|am|pm|h)?\s*(?:tot|until|till|to|-)\s*(\d{1,2})(?:[.:]\d{2})?\s*(?:uur|u|am|pm|h)?(?:\s*'s\s*(nachts|ochtends|avonds))?")
DAYS = re.compile(rf"\b{NUMBER}\s*(?:dagen|days)\s*(?:per|a|in\s+de|in\s+the|/|p/?)\s*(?:week|wk)|\b(7/7|24/7|no days? off|nooit vrij)\b")
# "geen enkele vrije dag", "zonder vrije dag", "never had a day off": the negation is the finding.
NO_DAY_OFF = re.compile(r"\b(?:geen|zonder|nooit|nog\s+nooit)\s+(?:\w+\s+){0,3}?(?:vrije|rust)\s*dag\w*"
                        r"|\b(?:no|not|never|without)\s+(?:\w+\s+){0,3}?(?:a\s+)?(?:single\s+)?(?:days?|weekends?)\s+off\b"
                        r"|\bevery single day\b|\bzeven dagen op zeven\b")
# "elke dag", "dag en nacht" say long hours only when the clause speaks of work ("werkt elke dag"),
# not "wordt elke dag gebracht" or "krijgt elke dag pillen".
EVERY_DAY = re.compile(r"\b(?:elke dag|iedere dag|every day|dag en nacht|day and night|night and day)\b")
WORK_WORDS = re.compile(r"\b(?:werk\w*|gewerkt|work\w*|dienst\w*|shifts?|draai\w*|klanten|clients|customers|schoonma\w*|"
                        r"poets\w*|pluk\w*|open|beschikbaar|available|doorwerk\w*)\b")
# "diensten van 14 uur", "shifts of 16 hours" (not "om twaalf uur 's nachts").
SHIFT_OF = re.compile(rf"\b(?:dienst|diensten|shifts?)\s+(?:van|of)\s+{NUMBER}\s*(?:uur|u|hours?)\b(?!\s*'s)")
# Where people sleep or live; word-initial, so "gemeentehuis" is no house. A "loods" or "kas" is a
# workplace unless beds or sleeping are named.
SLEEP_WORDS = r"\b(?:slap\w*|slaap\w*|sliep\w*|sleep\w*|slept|woon\w*|wonen|woont|live\w*|living|housed|gehuisvest|ingeschreven|registered|verblijv\w*|verblijf\w*|bivak\w*|kamer|kamers|room|rooms|schuur|shed|zolder|attic|container\w*|caravan\w*|kelder|basement|\w*woning|huis|huisje|flat|portiekflat|house|appartement|bed|bedden|beds|stapelbed\w*|matras\w*|mattress\w*)\b"
PEOPLE_WORDS = r"(?:man|mannen|mensen|personen|people|persons|men|women|vrouwen|arbeiders|werknemers|workers|anderen|others|jongens|meisjes|boys|girls|kinderen|children|seizoenswerkers|uitzendkrachten|bewoners|Polen|Roemenen|Bulgaren)"
PEOPLE = re.compile(rf"\b(?:met\s+(?:z'?n\s+)?|with\s+)?{NUMBER}\s+(?:\w+\s+){{0,2}}?{PEOPLE_WORDS}\b", re.IGNORECASE)
PEOPLE_WITH = re.compile(rf"\b(?:met|with)\s+{NUMBER}\s+(?:anderen|others)\b")
PER_ROOM = re.compile(rf"\b{NUMBER}\s+(?:\w+\s+)?(?:per|to\s+a|in\s+een|in\s+één|op\s+een|op\s+één|in\s+one|in\s+a)\s+(?:\w+\s+)?(?:kamer|slaapkamer|room|bedroom|container|caravan|unit|chalet|bed)\b")
PAY_BARE = re.compile(rf"\b(?:krijg\w*|kreeg|verdien\w*|betaal\w*|betaald|loon|salaris|uurloon|paid|earns?|gets?|getting|pay)\b[^.;]{{0,25}}?\b{NUMBER}\s*(?:per|p/?|a|an|/)\s*(uur|u\b|hour|dag|day|week|maand|month)")


@dataclass(frozen=True)
class Finding:
    indicator: str
    evidence: str  # the words that carry it
    why: str       # which rule, for the log and the evaluation report


def number(text: str) -> Optional[float]:
    text = text.lower()
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _negated(text: str, start: int) -> bool:
    """A negation or 'per the collective agreement' in the few words before the match."""
    window = text[max(0, start - 25):start]
    return bool(NEGATION.search(window))


def low_pay(text: str) -> List[Finding]:
    lowered = text.lower()
    found = []
    matches = [(m, m.group(1) or m.group(2), m.group(3)) for m in PAY.finditer(lowered)]
    matches += [(m, m.group(1), m.group(2)) for m in PAY_BARE.finditer(lowered)]
    matches += [(m, str(PAY_WORD_AMOUNT[m.group(1)]), m.group(2)) for m in PAY_WORDS.finditer(lowered)]
    for match, amount_text, unit_text in matches:
        amount = number(amount_text or "")
        unit = PAY_UNIT.get(unit_text)
        if amount is None or unit is None or _negated(lowered, match.start()):
            continue
        if amount < THRESHOLDS[f"{unit}_pay_below"]:
            found.append(Finding("low_or_no_pay", match.group(0), f"{amount:g} euro {unit}"))
    for match in NO_PAY.finditer(lowered):
        found.append(Finding("low_or_no_pay", match.group(0), "no pay"))
    return found


def excessive_hours(text: str) -> List[Finding]:
    lowered = text.lower()
    found = []
    for match in HOURS_PER.finditer(lowered):
        hours, per = number(match.group(1)), match.group(2)
        if hours is None or _negated(lowered, match.start()):
            continue
        weekly = per in ("week", "wk")
        if hours >= THRESHOLDS["hours_per_week_from" if weekly else "hours_per_day_from"] and hours <= (168 if weekly else 24):
            found.append(Finding("excessive_hours", match.group(0), f"{hours:g} hours per {per}"))
    for match in HOURS_SHIFT.finditer(lowered):
        hours = number(match.group(1))
        if hours is not None and THRESHOLDS["hours_per_day_from"] <= hours <= 24 and not _negated(lowered, match.start()):
            found.append(Finding("excessive_hours", match.group(0), f"{hours:g}-hour shifts"))
    for match in SPAN.finditer(lowered):
        start, end = int(match.group(1)), int(match.group(2))
        if start > 24 or end > 24:
            continue
        if match.group(3) == "ochtends" and end < start:
            end += 24
        length = (end - start) % 24 or 24
        if THRESHOLDS["hours_per_day_from"] <= length <= 22 and not _negated(lowered, match.start()):
            found.append(Finding("excessive_hours", match.group(0), f"{length} hours a day"))
    for match in SHIFT_OF.finditer(lowered):
        hours = number(match.group(1))
        if hours is not None and THRESHOLDS["hours_per_day_from"] <= hours <= 24 and not _negated(lowered, match.start()):
            found.append(Finding("excessive_hours", match.group(0), f"{hours:g}-hour shifts"))
    for match in NO_DAY_OFF.finditer(lowered):
        found.append(Finding("excessive_hours", match.group(0), "no day off"))
    if WORK_WORDS.search(lowered):
        for match in EVERY_DAY.finditer(lowered):
            if not _negated(lowered, match.start()):
                found.append(Finding("excessive_hours", match.group(0), "every day"))
    for match in DAYS.finditer(lowered):
        days = number(match.group(1)) if match.group(1) else 7
        if days is not None and days >= THRESHOLDS["days_per_week_from"] and not _negated(lowered, match.start()):
            found.append(Finding("excessive_hours", match.group(0), f"{days:g} days a week"))
    return found


def people_count(text: str) -> Optional[int]:
    """How many people the text speaks of ("met tien man", "8 vrouwen", "15 mensen"), if it says."""
    counts = [number(m.group(1)) for m in PEOPLE.finditer(text)]
    with_others = [number(m.group(1)) for m in PEOPLE_WITH.finditer(text.lower())]
    # "met zes anderen" is six others: seven in all.
    per_room = [number(m.group(1)) for m in PER_ROOM.finditer(text.lower())]
    per_room += [TOGETHER_WORDS[m.group(1)] for m in TOGETHER.finditer(text.lower())]
    values = [int(c) for c in counts + per_room if c] + [int(c) + 1 for c in with_others if c and c < 1000]
    values = [v for v in values if 0 < v < 1000]
    return max(values) if values else None


def crowded_sleeping(text: str) -> List[Finding]:
    lowered = text.lower()
    if not re.search(SLEEP_WORDS, lowered):
        return []
    count = people_count(lowered)
    if count is None or count < THRESHOLDS["people_sleeping_from"]:
        return []
    return [Finding("many_people_one_address", f"{count}", f"{count} people in one place")]


def findings(text: str) -> List[Finding]:
    """Every rule's findings, one per indicator (the first evidence kept)."""
    seen: Dict[str, Finding] = {}
    for finding in low_pay(text) + excessive_hours(text) + crowded_sleeping(text):
        seen.setdefault(finding.indicator, finding)
    return list(seen.values())


def indicator_ids(text: str) -> Tuple[str, ...]:
    return tuple(f.indicator for f in findings(text))
