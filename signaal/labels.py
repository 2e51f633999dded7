"""Labels of stored codes (catalogue/labels.yml) and the one rule for choosing a language.

`pick(texts, lang)`: the text in that language, else Dutch (the first language
of every user-facing text), else the fallback. `label(kind, key, lang)`: the
label of a code of one kind ("priorities", "statuses", ...), or the code itself
when no label is written, so nothing is ever shown blank. An unknown kind is a
mistake in the code and raises KeyError.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from signaal.data_files import SCHEMA_DIR, load_checked
from signaal.paths import CATALOGUE_DIR

LABELS_FILE = CATALOGUE_DIR / "labels.yml"
LANGUAGES: Tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def pick(texts: Optional[Mapping[str, Any]], lang: Optional[str] = DEFAULT_LANGUAGE, fallback: str = "") -> str:
    """The text in `lang`, else the Dutch one, else `fallback`."""
    if not isinstance(texts, Mapping):
        return fallback
    for choice in (lang, DEFAULT_LANGUAGE):
        text = texts.get(choice) if choice else None
        if isinstance(text, str) and text:
            return text
    return fallback


@lru_cache(maxsize=1)
def labels() -> Dict[str, Dict[str, Dict[str, str]]]:
    return load_checked(LABELS_FILE, SCHEMA_DIR / "labels.schema.json")


def _kind(kind: str) -> Dict[str, Dict[str, str]]:
    table = labels().get(kind)
    if table is None:
        raise KeyError(f"no kind of label {kind!r} in {LABELS_FILE.name}")
    return table


def label(kind: str, key: Optional[str], lang: Optional[str] = DEFAULT_LANGUAGE) -> str:
    """The label of `key` of this kind in `lang` (else Dutch); the key itself when none is written."""
    table = _kind(kind)
    if key is None:
        return ""
    return pick(table.get(str(key)), lang, str(key))


def choices(kind: str, lang: Optional[str] = DEFAULT_LANGUAGE) -> List[Tuple[str, str]]:
    """(code, label) pairs of one kind, in file order: for forms and model choices."""
    return [(key, pick(texts, lang, key)) for key, texts in _kind(kind).items()]


def bilingual(kind: str, key: str) -> str:
    """"Dutch / English", where a page shows both (the admin, exports)."""
    nl, en = label(kind, key, "nl"), label(kind, key, "en")
    return nl if nl == en else f"{nl} / {en}"


def bilingual_choices(kind: str, codes: Optional[Iterable[str]] = None) -> List[Tuple[str, str]]:
    """(code, "Dutch / English") pairs for `codes` (every code of the kind, in file order, when omitted)."""
    return [(code, bilingual(kind, code)) for code in (_kind(kind) if codes is None else codes)]
