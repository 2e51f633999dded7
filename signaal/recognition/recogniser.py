"""The three recognisers combined: phrases (not negated), the model, the rules."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Sequence, Tuple

from signaal.recognition import quantities
from signaal.recognition.clauses import clauses
from signaal.recognition.negation import negated

if TYPE_CHECKING:  # the model needs scikit-learn (the Rasa environment); phrases and rules do not
    from signaal.recognition.model import IndicatorModel

# Chosen by leave-one-voice-out evaluation on the voices (make nlu-report), never on the held-out set.
WHOLE_THRESHOLD = 0.35   # the model on the whole description
CLAUSE_THRESHOLD = 0.7   # the model on one clause: higher, a clause is short and says less
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


class Recogniser:
    def __init__(self, model: Optional["IndicatorModel"], whole_threshold: float = WHOLE_THRESHOLD,
                 clause_threshold: float = CLAUSE_THRESHOLD) -> None:
        self.model = model
        self.whole_threshold = whole_threshold
        self.clause_threshold = clause_threshold

    def recognise(self, text: str, phrases: Iterable[PhraseMatch] = (), known: Optional[Iterable[str]] = None
                  ) -> List[Recognised]:
        """Indicators in `text`, one each, phrases first (they carry the exact words)."""
        spans = clauses(text)
        found: Dict[str, Recognised] = {}
        for indicator, start, end in phrases:
            clause_start, _, clause = _clause_of(spans, start)
            if not negated(clause, start - clause_start, end - clause_start):
                found.setdefault(indicator, Recognised(indicator, start, end, "phrase", 1.0))
        for clause_start, clause_end, clause in spans:
            for finding in quantities.findings(clause):
                found.setdefault(finding.indicator, Recognised(finding.indicator, clause_start, clause_end, "rule", 1.0))
        for item in self._from_model(text, spans):
            found.setdefault(item.indicator, item)
        allowed = set(known) if known is not None else None
        return [r for r in found.values() if allowed is None or r.indicator in allowed]

    def _from_model(self, text: str, spans: Sequence[Tuple[int, int, str]]) -> List[Recognised]:
        if self.model is None:
            return []
        several = len(spans) > 1
        rows = self.model.probabilities([text] + ([c for _, _, c in spans] if several else []))
        result = []
        for column, indicator in enumerate(self.model.ids):
            whole = rows[0, column]
            best = int(rows[1:, column].argmax()) if several else 0
            clause = rows[1 + best, column] if several else whole
            if whole >= self.whole_threshold or clause >= self.clause_threshold:
                start, end, _ = spans[best]
                result.append(Recognised(indicator, start, end, "model", float(max(whole, clause))))
        return result
