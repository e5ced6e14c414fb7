"""How an example is checked in keyness.yaml (the compare stage's stop lemmas for distinctive vocabulary).

An example is a sentence. The probe takes its keyness terms as the annotate stage writes them to lemmas.csv
(sentence_terms: lemmas without spaCy's stop words and adverbs, named entities joined) and keeps those the
compare stage counts (keep_lemma, which reads the stop lemmas). A stop lemma fires when the sentence has a
word written or lemmatized as it and no term of that word is counted.
"""

from __future__ import annotations

from analysis.annotate.stage import sentence_terms
from analysis.compare.keyness import keep_lemma
from lexicon_examples import Entry, FileSpec, Outcome, Section
from lexicon_examples.parsing import sentences


def stop_lemma(entry: Entry, text: str) -> Outcome:
    """A word of the sentence is this lemma (as written or lemmatized), and it is not among the counted terms."""
    lemma = str(entry.value).lower()
    sents = sentences(text)
    lemmas = {token.lemma_.lower() for sent in sents for token in sent
              if lemma in (token.text.lower(), token.lemma_.lower())}
    terms = [term for sent in sents for term in sentence_terms(sent).split()]
    counted = [term for term in terms if keep_lemma(term)]
    present = bool(lemmas)
    return Outcome(present and not (lemmas | {lemma}) & set(counted), f"terms {terms}, counted {counted}")


KEYNESS = FileSpec(
    sections=(
        Section("stop_lemmas.*.lemmas", stop_lemma, "a sentence where this lemma would otherwise be counted"),
    ),
    settings={"min_z": "a number", "stop_lemmas.*.why": "the reason of a group of stop lemmas"},
)
