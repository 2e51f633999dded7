"""Linking a new signal to earlier ones about the same place, person or vehicle.

Computed on the server when a signal is stored (`link_new_signal`, called
by `intake.signals.store`) and when an addendum brings a note or location (`link_addendum`). A signal links to earlier signals of the SAME mode
only: an exercise never links to a live signal, and a live one never to an
exercise. The links are shown on the supervisors' review pages only; trainers
never see live signals, so they never see their links.

Reasons for a link (`SignalLink.reason`):
- ``distance``: both locations have coordinates within ``SIGNAAL_LINK_DISTANCE_M`` metres
  (great-circle distance, haversine on a sphere of radius 6,371,008.8 m);
- ``place``: the same normalised address or business name (the location text, and any
  street address the officer wrote in the notes);
- ``plate``: the same Dutch vehicle registration (kenteken) in the notes or evidence;
- ``person``: the same normalised person description the officer gave in the notes
  after "persoon:" / "signalement:" / "person:".

The functions above the line ``# --- database`` are pure (no Django), tested in
tests/web/test_linking.py without a database.
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

EARTH_RADIUS_M = 6_371_008.8
DEFAULT_LINK_DISTANCE_M = 250.0
KEY_MAX = 200
# At a hotspot, a new signal links to at most this many earlier ones (the most recent), so intake stays fast.
MAX_LINKS = 50

DISTANCE, PLACE, PLATE, PERSON = "distance", "place", "plate", "person"
REASONS = (DISTANCE, PLACE, PLATE, PERSON)
REASON_LABELS = {
    DISTANCE: ("dichtbij", "nearby"),
    PLACE: ("zelfde adres of bedrijf", "same address or business"),
    PLATE: ("zelfde kenteken", "same plate"),
    PERSON: ("zelfde persoonsbeschrijving", "same person description"),
}


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_m: float) -> Tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) containing every point within radius_m: an index-friendly prefilter."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    dlon = math.degrees(radius_m / (EARTH_RADIUS_M * cos_lat))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


# Common Dutch abbreviations in addresses, expanded so "Kerkstr. 12" and "kerkstraat 12" meet.
_ABBREVIATIONS = {
    "str": "straat", "ln": "laan", "pl": "plein", "wg": "weg", "gr": "gracht", "kd": "kade",
    "bv": "", "b.v": "", "vof": "", "v.o.f": "", "nv": "", "n.v": "", "de": "", "het": "", "the": "",
}
_WORD = re.compile(r"[a-z0-9]+")


def _ascii_lower(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def normalise_place(text: Optional[str]) -> str:
    """A key for an address or business name: accents, case, punctuation, legal forms and articles dropped.

    "Kwekerij De Groene Kas B.V., Westland" and "kwekerij groene kas bv westland" give the same key.
    """
    if not text:
        return ""
    words = []
    for word in _WORD.findall(_ascii_lower(text).replace("b.v.", "bv").replace("v.o.f.", "vof").replace("n.v.", "nv")):
        if word.endswith("str") and len(word) > 3:
            word = word[:-3] + "straat"
        word = _ABBREVIATIONS.get(word, word)
        if word:
            words.append(word)
    return " ".join(words)[:KEY_MAX]


# A street address in free text: "Kerkstraat 12", "Laan van Meerdervoort 5a".
_ADDRESS = re.compile(
    r"\b([A-Za-zÀ-ÿ'.-]*(?:straat|str\.?|laan|weg|plein|gracht|kade|dijk|singel|hof|pad|steeg|markt)"
    r"(?:\s+[A-Za-zÀ-ÿ'.-]+){0,2})\s+(\d{1,5}\s?[a-zA-Z]?)\b",
    re.IGNORECASE,
)


def addresses_in(text: Optional[str]) -> Set[str]:
    """Normalised street addresses found in the officer's text."""
    if not text:
        return set()
    return {normalise_place(f"{street} {number}") for street, number in _ADDRESS.findall(text)}


# Dutch registrations (sidecodes 1-14): groups of 1-3 letters or digits joined by dashes, "AB-123-C";
# after the word kenteken/plate also with spaces or nothing between ("kenteken ab 123 c", "plate AB123C").
_PLATE_DASHED = re.compile(r"(?<![A-Z0-9-])([A-Z0-9]{1,3})-([A-Z0-9]{2,3})-([A-Z0-9]{1,3})(?![A-Z0-9-])")
_PLATE_NAMED = re.compile(r"\b(?:KENTEKEN|PLATE|NUMMERBORD)\S*\s*:?\s*([A-Z0-9]{1,3})[ -]?([A-Z0-9]{2,3})[ -]?([A-Z0-9]{1,3})\b")
_GROUP = re.compile(r"[A-Z]+|\d+")


def normalise_plate(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _plate(groups) -> Optional[str]:
    joined = "".join(groups)
    if len(joined) != 6 or not re.search(r"[A-Z]", joined) or not re.search(r"\d", joined):
        return None
    # Three groups, each all letters or all digits, as on every Dutch plate.
    return joined if len(_GROUP.findall(joined)) == 3 else None


def plates_in(text: Optional[str]) -> Set[str]:
    """Vehicle plates (kentekens) in the text, normalised to "AB123C"; each needs letters and digits."""
    if not text:
        return set()
    upper = text.upper()
    found = {_plate(groups) for groups in _PLATE_DASHED.findall(upper)}
    found |= {_plate(groups) for groups in _PLATE_NAMED.findall(upper)}
    return {plate for plate in found if plate}


_PERSON = re.compile(r"(?:persoon|signalement|person|description)\s*:\s*([^.;\n]+)", re.IGNORECASE)


def persons_in(text: Optional[str]) -> Set[str]:
    """Person descriptions the officer marked ("signalement: man, ca. 40, rode jas"), normalised."""
    if not text:
        return set()
    keys = set()
    for description in _PERSON.findall(text):
        words = sorted(set(_WORD.findall(_ascii_lower(description))))
        if len(words) >= 2:
            keys.add(" ".join(words)[:KEY_MAX])
    return keys


def _texts(payload: Dict[str, Any]) -> List[str]:
    texts = [payload.get("notes") or ""]
    texts += [answer.get("evidence") or "" for answer in payload.get("indicators") or []]
    return [text for text in texts if text]


def keys_of(payload: Dict[str, Any]) -> Dict[str, Set[str]]:
    """The keys a signal can be linked by, from its payload: {reason: {key, ...}} (distance not included)."""
    location = (payload.get("context") or {}).get("location") or {}
    texts = _texts(payload)
    places = set()
    place = normalise_place(location.get("text"))
    if place:
        places.add(place)
    for text in texts + [location.get("text") or ""]:
        places |= addresses_in(text)
    return {
        PLACE: places,
        PLATE: set().union(*(plates_in(text) for text in texts)) if texts else set(),
        PERSON: set().union(*(persons_in(text) for text in texts)) if texts else set(),
    }


def coordinates_of(payload: Dict[str, Any]) -> Optional[Tuple[float, float]]:
    location = (payload.get("context") or {}).get("location") or {}
    lat, lon = location.get("lat"), location.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and -90 <= lat <= 90 and -180 <= lon <= 180:
        return float(lat), float(lon)
    return None


def label(reason: str) -> str:
    nl, en = REASON_LABELS.get(reason, (reason, reason))
    return f"{nl} / {en}"


def queue_phrase(count: int) -> Tuple[str, str]:
    """("3 eerdere signalen op deze plek", "3 earlier signals at this place")."""
    if count == 1:
        return "1 eerder signaal op deze plek", "1 earlier signal at this place"
    return f"{count} eerdere signalen op deze plek", f"{count} earlier signals at this place"


# --- database


def link_distance_m() -> float:
    from django.conf import settings

    return float(getattr(settings, "SIGNAAL_LINK_DISTANCE_M", DEFAULT_LINK_DISTANCE_M))


def index_fields(payload: Dict[str, Any]) -> Dict[str, Any]:
    """The columns stored beside the payload for linking and searching."""
    coordinates = coordinates_of(payload)
    location = (payload.get("context") or {}).get("location") or {}
    return {
        "lat": coordinates[0] if coordinates else None,
        "lon": coordinates[1] if coordinates else None,
        "place_text": (location.get("text") or "")[:200],
        "place_key": normalise_place(location.get("text")),
        "search_text": " ".join([location.get("text") or ""] + _texts(payload)).lower()[:8000],
    }


def link_new_signal(signal) -> List[Any]:
    """Store links from a just-stored signal to earlier signals of the same mode; returns the links."""
    coordinates = (signal.lat, signal.lon) if signal.lat is not None and signal.lon is not None else None
    return _link(signal, coordinates, keys_of(signal.payload))


def link_addendum(signal, addendum_payload: Dict[str, Any]) -> List[Any]:
    """An addendum's location or notes can link its signal to more earlier signals (same mode, not linked yet)."""
    as_signal = {"context": {"location": addendum_payload.get("location") or {}}, "notes": addendum_payload.get("notes")}
    return _link(signal, coordinates_of(as_signal), keys_of(as_signal))


def _link(signal, coordinates: Optional[Tuple[float, float]], keys: Dict[str, Set[str]]) -> List[Any]:
    from intake.signals.models import LinkKey, Signal, SignalLink

    found: Dict[int, Tuple[str, Optional[float]]] = {}
    earlier = Signal.objects.filter(mode=signal.mode, id__lt=signal.id)
    if coordinates is not None:
        lat0, lon0 = coordinates
        radius = link_distance_m()
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat0, lon0, radius)
        candidates = earlier.filter(lat__gte=min_lat, lat__lte=max_lat, lon__gte=min_lon, lon__lte=max_lon)
        for other_id, lat, lon in candidates.order_by("-id").values_list("id", "lat", "lon")[: MAX_LINKS * 10]:
            distance = haversine_m(lat0, lon0, lat, lon)
            if distance <= radius:
                found[other_id] = (DISTANCE, distance)
    known = set(LinkKey.objects.filter(signal=signal).values_list("kind", "key"))
    rows = [LinkKey(signal=signal, mode=signal.mode, kind=kind, key=key)
            for kind, values in keys.items() for key in values if (kind, key) not in known]
    LinkKey.objects.bulk_create(rows)
    for kind, values in keys.items():
        if not values:
            continue
        matches = LinkKey.objects.filter(mode=signal.mode, kind=kind, key__in=values, signal_id__lt=signal.id)
        for other_id in matches.order_by("-signal_id").values_list("signal_id", flat=True)[:MAX_LINKS]:
            found.setdefault(other_id, (kind, None))
    already = set(SignalLink.objects.filter(signal=signal).values_list("earlier_id", flat=True))
    room = max(0, MAX_LINKS - len(already))
    links = [
        SignalLink(signal=signal, earlier_id=other_id, reason=reason, distance_m=distance)
        for other_id, (reason, distance) in sorted(found.items(), reverse=True)
        if other_id not in already
    ][:room]
    SignalLink.objects.bulk_create(links)
    if links:
        signal.link_count = len(already) + len(links)
        Signal.objects.filter(id=signal.id).update(link_count=signal.link_count)
    return links


def linked_rows(signal) -> List[Dict[str, Any]]:
    """Earlier signals this one links to, newest first, for the detail page (same mode by construction)."""
    from intake.signals.models import SignalLink

    links = (
        SignalLink.objects.filter(signal=signal, earlier__mode=signal.mode)
        .select_related("earlier")
        .order_by("-earlier__received_at", "-earlier_id")
    )
    return [
        {
            "reference": link.earlier.reference,
            "received_at": link.earlier.received_at,
            "status": link.earlier.status,
            "status_label": link.earlier.get_status_display(),
            "reason": link.reason,
            "reason_label": label(link.reason),
            "distance_m": link.distance_m,
        }
        for link in links
    ]


def later_rows(signal) -> List[Dict[str, Any]]:
    """Later signals that link back to this one."""
    from intake.signals.models import SignalLink

    links = SignalLink.objects.filter(earlier=signal, signal__mode=signal.mode).select_related("signal").order_by("-signal__received_at")
    return [
        {
            "reference": link.signal.reference,
            "received_at": link.signal.received_at,
            "status_label": link.signal.get_status_display(),
            "reason_label": label(link.reason),
            "distance_m": link.distance_m,
        }
        for link in links
    ]


def iter_reasons(rows: Iterable[Dict[str, Any]]) -> List[str]:
    return sorted({row["reason"] for row in rows})
