"""Recognising indicators in an officer's own words.

Three recognisers, each where it is right, combined in `recogniser`:
- the lemma entity ruler (the catalogue's phrases, in our spaCy pipeline): precise phrases;
- a trained model (`model`) over clauses, learnt from many independent voices
  (catalogue/voices/) and the catalogue's examples: paraphrase, possession,
  indirect speech, compounds and misspellings;
- rules (`quantities`): pay per hour/day/month, working hours and days, people
  sleeping in one place.
Negation and attribution ("hij heeft zijn paspoort zelf", "geen blauwe plekken")
are learnt from the voices' negative examples and checked for ruler matches
(`negation`). Pure Python over scikit-learn; the Rasa component is a thin adapter.
"""
