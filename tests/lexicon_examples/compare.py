"""How an example is checked in deployment_mentions.yaml (the compare stage's troop-sentence rules).

An example is a sentence. The probe runs the compare stage's own test (mentions_deployment) on it, with
the sentence's lemmas as the annotate stage writes them to lemmas.csv (sentence_lemmas).
"""

from __future__ import annotations

import re

from analysis.annotate.stage import sentence_lemmas
from analysis.compare.mentions import load_mention_rules, mentions_deployment
from lexicon_examples import Entry, FileSpec, Outcome, Section
from lexicon_examples.parsing import parse


def _lemmas(text: str) -> list[str]:
    """The example's lemmas as lemmas.csv holds them."""
    return [lemma for sent in parse(text).sents for lemma in sentence_lemmas(sent).split()]


def north_korea_pattern(entry: Entry, text: str) -> Outcome:
    """The sentence is about the troops, and this pattern is what names North Korea in it."""
    lemmas = _lemmas(text)
    named = re.search(str(entry.value), text, re.IGNORECASE) is not None
    return Outcome(named and mentions_deployment(text, lemmas), f"lemmas {lemmas}")


def troop_lemma(entry: Entry, text: str) -> Outcome:
    """The sentence is about the troops, and this lemma is among its lemmas."""
    lemmas = _lemmas(text)
    present = str(entry.value).lower() in lemmas
    return Outcome(present and mentions_deployment(text, lemmas), f"lemmas {lemmas}")


def people_pattern(entry: Entry, text: str) -> Outcome:
    """The sentence is about the troops, and this pattern matches it."""
    lemmas = _lemmas(text)
    rules = load_mention_rules()
    return Outcome(re.search(str(entry.value), text) is not None and mentions_deployment(text, lemmas, rules),
                   f"lemmas {lemmas}")


DEPLOYMENT_MENTIONS = FileSpec(
    sections=(
        Section("north_korea_patterns", north_korea_pattern, "a sentence about the troops that names North Korea "
                "only this way (and holds a troop lemma)"),
        Section("troop_lemmas", troop_lemma, "a sentence naming North Korea with this word as its only troop word"),
        Section("people_patterns", people_pattern, "a sentence about the troops naming them only this way"),
    ),
)
