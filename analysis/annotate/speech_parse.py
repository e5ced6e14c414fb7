"""Reading speakers and cues off a spaCy parse: the token-level helpers of analysis.annotate.attribution.

Lemmas re-read as verbs (the small model mistags many reporting verbs), pronoun words ("-t-il"),
negation, the contiguous noun phrase of a speaker and its offsets, and PERSON spans. Offsets are
relative to the sentence text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from analysis.annotate.actors import fold_name
from analysis.core.nlp import load_nlp

# Dependents that are not part of a speaker's name: clauses about the speaker, not the speaker.
CLAUSE_DEPS = {"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "conj", "cc"}
#: Prepositions of a complement that is not part of a speaker's name: the addressee or the setting
#: ("raconte l'étudiante de 21 ans à l'AFP", "a déclaré le ministre devant la presse").
ADDRESSEE_CASES = {"a", "à", "au", "aux", "aupres", "devant", "dans", "sur", "lors", "pendant"}
EDGE_PUNCT = " ,;:.-\"'«»“”()[]—–"


@lru_cache(maxsize=4096)
def verb_lemma_of(word: str) -> str:
    """Lemma of ``word`` read as a verb, by spaCy's own French rule lemmatizer."""
    nlp = load_nlp()
    if "lemmatizer" not in nlp.pipe_names:
        return word.lower()
    doc = Doc(nlp.vocab, words=[word], pos=["VERB"])
    lemmas = nlp.get_pipe("lemmatizer").rule_lemmatize(doc[0])
    lemma = (lemmas[0] if lemmas else word).lower()
    if lemma == word.lower() and re.search(r"(?:e|es|ent)$", lemma):
        # The small model's tables leave some first-group present forms unchanged ("estime"); the
        # regular -er conjugation gives the infinitive, which the verb list then confirms or not.
        lemma = re.sub(r"(?:e|es|ent)$", "er", lemma)
    return lemma


def lemma_as_verb(token: Token) -> str:
    """Lemma of a token the tagger did not call a verb, re-read as a verb."""
    return verb_lemma_of(token.text)


def pronoun_word(token: Token, keep_dash: bool = False) -> str:
    """A pronoun as a word: "-il" of "a-t-il" is "il" ("-il" with ``keep_dash``), "-t" is "t"."""
    word = fold_name(token.lower_)
    if word.startswith("-t-"):
        word = word[2:]
    return word if keep_dash else word.strip("-")


def rel(token: Token, sent: Span) -> int:
    return token.idx - sent.start_char


def in_quote(token: Token, sent: Span, regions: Sequence[tuple[int, int]]) -> bool:
    start = rel(token, sent)
    return any(begin <= start < end for begin, end in regions)


#: Words that complete a negation "ne … X"; "ne … que" alone restricts ("ne reconnaîtra sa responsabilité que
#: cinq jours plus tard" is an admission).
NEGATION_WORDS = {"pas", "plus", "jamais", "point", "rien", "aucun", "aucune", "guere", "nullement", "personne", "ni"}


def negated(verb: Token, first: Token) -> bool:
    """Whether a verb is negated ("n'ont pas confirmé", "ne dément pas"); ``first`` starts its group."""
    following = [fold_name(t.lower_) for t in verb.doc[verb.i + 1:min(verb.i + 6, len(verb.doc))]]
    restrictive = "que" in following and not any(word in NEGATION_WORDS for word in following)
    if any(child.morph.get("Polarity") == ["Neg"] or fold_name(child.lower_) in {"ne", "n'"}
           for child in verb.children):
        return not (restrictive and not any(fold_name(c.lower_) in NEGATION_WORDS for c in verb.children))
    # The parser sometimes attaches "n'" elsewhere ("ni la Corée du Nord n'ont"): look at the word before.
    before = [token for token in verb.doc[max(first.i - 2, 0):first.i] if not token.is_punct]
    return any(fold_name(token.lower_) in {"ne", "n'"} for token in before) and not restrictive


def source_tokens(head: Token, sent: Span, regions: Sequence[tuple[int, int]]) -> list[Token]:
    """The contiguous noun phrase of ``head``: its subtree without clauses, quotes or outer punctuation."""
    excluded: set[int] = set()
    doc = head.doc
    for child in head.children:
        after_comma = child.i > head.i and child.left_edge.i > 0 and doc[child.left_edge.i - 1].text == ","
        coordinated = child.dep_ == "conj" and any(c.dep_ == "cc" for c in child.children)
        addressee = child.i > head.i and any(c.dep_ == "case" and fold_name(c.lower_) in ADDRESSEE_CASES
                                             for c in child.children)
        if (child.dep_ in CLAUSE_DEPS - {"conj"} or coordinated or addressee
                # "selon", the "d'" of "d'après"
                or (child.dep_ in {"case", "mark", "advmod"} and child.i < head.i)
                or (child.dep_ == "nmod" and after_comma and child.pos_ != "PROPN"
                    and not any(c.dep_ == "case" for c in child.children))):  # a misattached ", des soldats"
            excluded.update(token.i for token in child.subtree)
    kept = {token.i for token in head.subtree
            if token.i not in excluded and sent.start <= token.i < sent.end
            and not in_quote(token, sent, regions)}
    start = end = head.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    # Names split by the tokenizer at a hyphen ("Suk" "-yeol") stay whole.
    while (end + 1 < sent.end and not doc[end].whitespace_
           and (doc[end + 1].text.startswith("-") or doc[end].text.endswith("-"))
           and not doc[end + 1].is_quote):
        end += 1
    tokens = [sent.doc[i] for i in range(start, end + 1)]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tokens or [head]


def span_of(tokens: Sequence[Token], sent: Span, text: str) -> tuple[int, int]:
    """Sentence-relative (start, end) of a run of tokens, trimmed of edge punctuation and spaces.

    ``text`` is ``sent.text``, which the caller reads once (a Span joins its tokens at every read).
    """
    start = rel(tokens[0], sent)
    end = rel(tokens[-1], sent) + len(tokens[-1].text)
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    if text[start:end].count("(") > text[start:end].count(")") and text[end:end + 1] == ")":
        end += 1  # "les services de renseignement militaire ukrainien (GUR)"
    return start, end


def person_spans(sent: Span, start: int, end: int) -> list[tuple[int, int]]:
    """spaCy PERSON entities inside sentence offsets [start, end), relative to ``start``."""
    spans = []
    for ent in sent.ents:
        ent_start, ent_end = ent.start_char - sent.start_char, ent.end_char - sent.start_char
        if ent.label_ in {"PER", "PERSON"} and start <= ent_start and ent_end <= end:
            spans.append((ent_start - start, ent_end - start))
    return spans
