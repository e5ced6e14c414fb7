"""The examples parsed once by the real spaCy model, and the annotate stage's coders run over them.

A Doc does not depend on the lexicons, so it is parsed once per session and reused when a probe runs
again with an entry removed; everything the coders find from it is computed afresh each time, with the
lexicons the loaders read at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from analysis.annotate.attribution import Attribution, attribute_sentences
from analysis.annotate.claims import Claim, find_claims
from analysis.annotate.stance import Stance, sentence_stance
from analysis.core.nlp import load_nlp
from analysis.core.text import fold

_DOCS: dict[str, Doc] = {}


def parse(text: str) -> Doc:
    """The example parsed by fr_core_news_sm (once per session)."""
    if text not in _DOCS:
        _DOCS[text] = load_nlp()(text)
    return _DOCS[text]


def sentences(text: str) -> list[Span]:
    """The example's sentences as spaCy splits them (the clean stage splits paragraphs the same way)."""
    return list(parse(text).sents)


def words(token: Token) -> set[str]:
    """A token as the lexicons compare it: folded and lower-cased, as written and as lemmatized."""
    return {fold(token.text).lower(), fold(token.lemma_).lower()}


@dataclass
class Coded:
    """One sentence of an example with what the annotate coders found in it."""

    sent: Span
    attributions: list[Attribution]
    stance: Stance
    claims: list[Claim]


def code(text: str) -> list[Coded]:
    """Attributions, stance and claims of each sentence of an example, as the annotate stage chains them."""
    sents = sentences(text)
    attributions = attribute_sentences(sents)
    coded: list[Coded] = []
    for index, sent in enumerate(sents):
        stance = sentence_stance(sent, attributed=bool(attributions[index]))
        inherited = next((list(found) for found in reversed(attributions[:index]) if found), [])
        claims = find_claims(sent, attributions[index], stance.hedged, context=sents[:index], inherited=inherited,
                             hedge_cues=[(cue.start, cue.end) for cue in stance.spans.get("hedge", [])])
        coded.append(Coded(sent, attributions[index], stance, claims))
    return coded


def tokens_at(sent: Span, start: int, end: int) -> list[Token]:
    """The sentence's tokens overlapping sentence-relative offsets [start, end)."""
    low, high = sent.start_char + start, sent.start_char + end
    return [token for token in sent if token.idx < high and token.idx + len(token.text) > low]
