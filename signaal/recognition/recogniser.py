"""The three recognisers combined: phrases (not negated), the model, the rules."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Sequence, Tuple

from signaal.recognition import quantities
from signaal.recognition.clauses import clauses
from signaal.recognition.negation import corrected_belief, disconfirmed, negated
from signaal.recognition.recognition_settings import Settings, load_settings

if TYPE_CHECKING:  # the model needs scikit-learn (the Rasa environment); phrases and rules do not
    from signaal.recognition.model import IndicatorModel

# Thresholds live in catalogue/recognition.yml: chosen by leave-one-voice-out evaluation on the
# voices (scripts/tune_recogniser.py), never on the held-out set.
PhraseMatch = Tuple[str, int, int]  # (indicator id, start, end) in the text


@dataclass(frozen=True)
class Recognised:
    indicator: str
    start: int
    end: int
    source: str       # phrase | model | rule
    confidence: float


def _clause_of(spans: Sequence[Tuple[int, int, str]], start: int) -> Tuple[int, int, str]:
    return next((span for span in spans if span[0] <= start < span[1]), spans[0])


def _next_clause(text: str, spans: Sequence[Tuple[int, int, str]], start: int) -> str:
    """The clause after the one at `start`, with the joint word that split them ("maar …")."""
    later = [span for span in spans if span[0] > start]
    if not later:
        return ""
    current_end = next((span[1] for span in spans if span[0] == start), start)
    return text[current_end:later[0][1]].lstrip(" ,;.:")


class Recogniser:
    def __init__(self, model: Optional["IndicatorModel"], settings: Optional[Settings] = None) -> None:
        self.model = model
        self.settings = settings or load_settings()

    def recognise(self, text: str, phrases: Iterable[PhraseMatch] = (), known: Optional[Iterable[str]] = None
                  ) -> List[Recognised]:
        """Indicators in `text`, one each, phrases first (they carry the exact words)."""
        spans = clauses(text)
        found: Dict[str, Recognised] = {}
        modelled, support = self._from_model(text, spans)
        for indicator, start, end in phrases:
            clause_start, _, clause = _clause_of(spans, start)
            if negated(clause, start - clause_start, end - clause_start):
                continue
            if corrected_belief(clause, _next_clause(text, spans, clause_start)):
                continue
            if support is None or support.get(indicator, 1.0) >= self.settings.of(indicator).phrase_support:
                found.setdefault(indicator, Recognised(indicator, start, end, "phrase", 1.0))
        for clause_start, clause_end, clause in spans:
            for finding in quantities.findings(clause):
                found.setdefault(finding.indicator, Recognised(finding.indicator, clause_start, clause_end, "rule", 1.0))
        for item in self._exclusive([m for m in modelled if m.indicator not in found]):
            found.setdefault(item.indicator, item)
        allowed = set(known) if known is not None else None
        return [r for r in found.values() if allowed is None or r.indicator in allowed]

    def _from_model(self, text: str, spans: Sequence[Tuple[int, int, str]]
                    ) -> Tuple[List[Recognised], Optional[Dict[str, float]]]:
        """What the model finds, and its probability of every indicator for the whole text."""
        if self.model is None:
            return [], None
        several = len(spans) > 1
        rows = self.model.probabilities([text] + ([c for _, _, c in spans] if several else []))
        result = []
        text_taken_back = disconfirmed(text)
        for column, indicator in enumerate(self.model.ids):
            whole = rows[0, column]
            best = int(rows[1:, column].argmax()) if several else 0
            clause = rows[1 + best, column] if several else whole
            limits = self.settings.of(indicator)
            whole_limit = max(limits.whole, limits.disconfirmed) if text_taken_back else limits.whole
            clause_limit = max(limits.clause, limits.disconfirmed) if disconfirmed(spans[best][2]) else limits.clause
            if whole >= whole_limit or clause >= clause_limit:
                start, end, _ = spans[best]
                result.append(Recognised(indicator, start, end, "model", float(max(whole, clause))))
        return result, {indicator: float(rows[0, column]) for column, indicator in enumerate(self.model.ids)}

    def _exclusive(self, modelled: List[Recognised]) -> List[Recognised]:
        """Of a pair writers label differently (settings.exclusive), the less probable model finding goes."""
        by_id = {item.indicator: item for item in modelled}
        dropped = set()
        for a, b in self.settings.exclusive:
            if a in by_id and b in by_id:
                dropped.add(a if by_id[a].confidence < by_id[b].confidence else b)
        return [item for item in modelled if item.indicator not in dropped]
