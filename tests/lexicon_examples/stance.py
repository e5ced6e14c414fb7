"""How an example is checked in stance.yaml (the annotate stage's hedges, verification, denials, questions).

An example is one or a few sentences. The probe codes them as the annotate stage does (attributions, then
the stance of each sentence: parsing.code) and looks at the cues found, each with the rule that found it
("conditional", "hedge_word:<cue>", "negated_verification", "si_clause", "verification", "unverified_phrase",
"denial") or the reason a conditional was not counted ("politeness", "obligation", "counterfactual",
"prediction", "future_in_past", "hypothesis", "forecast", ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.core.text import fold
from lexicon_examples import Entry, FileSpec, Outcome, Section, probe_through
from lexicon_examples.parsing import code, tokens_at, words


@dataclass(frozen=True)
class _Cue:
    kind: str  # hedge, unverified, confirmed, denial, or excluded (a conditional or forecast not counted)
    rule: str
    text: str
    words: frozenset[str]  # its tokens folded, lower-cased, as written and as lemmatized


def _cues(text: str) -> list[_Cue]:
    found = []
    for coded in code(text):
        stance = coded.stance
        groups = [*stance.spans.items(), ("excluded", stance.excluded_conditionals)]
        for kind, cues in groups:
            for cue in cues:
                forms = frozenset(form for token in tokens_at(coded.sent, cue.start, cue.end) for form in words(token))
                found.append(_Cue(kind, cue.rule, cue.text, forms))
    return found


def _shown(cues: list[_Cue]) -> str:
    return ", ".join(f"{cue.kind}/{cue.rule}:{cue.text!r}" for cue in cues) or "no cue"


def _name(entry: Entry) -> str:
    return fold(entry.name).lower()


def _in_text(entry: Entry, text: str) -> bool:
    """The entry's words in the example, as written or as spaCy splits them ("qu'", "(")."""
    tokens = " ".join(fold(token.text).lower() for coded in code(text) for token in coded.sent)
    return any(f" {_name(entry)} " in f" {joined} " for joined in (fold(text).lower(), tokens))


_probe = probe_through(_cues, _shown)


@_probe
def ending(entry, text, cues):
    """A conditional (counted or not) written with this ending."""
    return any(cue.rule in _CONDITIONAL_RULES and fold(cue.text).lower().endswith(_name(entry)) for cue in cues)


@_probe
def excluded_with_lemma(entry, text, cues):
    """A conditional of this verb not counted as a hedge, for the reason the section gives."""
    reason = _REASON[entry.section]
    return any(cue.kind == "excluded" and cue.rule in reason and (_name(entry) in cue.words or _lemma_in(entry, text))
               for cue in cues)


@_probe
def modal_on_fact(entry, text, cues):
    """A conditional pouvoir/devoir counted as a hedge (it bears on a fact) in a sentence with this word."""
    return _in_text(entry, text) and any(cue.kind == "hedge" and cue.rule == "conditional"
                                         and cue.words & {"pouvoir", "devoir"} for cue in cues)


@_probe
def obligation(entry, text, cues):
    """A conditional not counted as a hedge because it is an obligation, in a sentence with this verb."""
    return any(cue.rule == "obligation" for cue in cues) and _lemma_in(entry, text)


@_probe
def state_verb(entry, text, cues):
    """A present conditional of this state verb counted as a hedge in a sentence that names no source."""
    return any(cue.kind == "hedge" and _name(entry) in cue.words for cue in cues)


@_probe
def future_in_past(entry, text, cues):
    """A conditional read as the future-in-the-past, in a sentence with this verb or phrase."""
    return any(cue.rule == "future_in_past" for cue in cues) and (_lemma_in(entry, text) or _in_text(entry, text))


@_probe
def si_marker(entry, text, cues):
    """A si-clause opened by this word: a hypothesis (conditional not counted) or an unverified condition."""
    return re.search(rf"(?<!\w){re.escape(_name(entry))}", fold(text).lower()) is not None and any(
        cue.rule in ("hypothesis", "si_clause") for cue in cues)


@_probe
def not_hypothesis(entry, text, cues):
    """A "si" next to this word opens no hypothesis: the sentence's conditional is a hedge."""
    return _in_text(entry, text) and any(cue.kind == "hedge" and cue.rule == "conditional" for cue in cues) \
        and not any(cue.rule in ("hypothesis", "si_clause") for cue in cues)


@_probe
def hedge_word(entry, text, cues):
    """A hedge found by this cue."""
    return any(cue.kind == "hedge" and cue.rule == f"hedge_word:{entry.name}" for cue in cues)


@_probe
def verification_word(entry, text, cues):
    """A confirmed or unverified cue on this verification verb or noun."""
    return any(cue.kind in ("confirmed", "unverified") and cue.rule in ("verification", "negated_verification",
                                                                        "si_clause") and _name(entry) in cue.words
               for cue in cues)


@_probe
def verification_form(entry, text, cues):
    """A confirmed or unverified cue on a verb form the model lemmatizes wrongly."""
    return any(cue.kind in ("confirmed", "unverified") for cue in cues)


@_probe
def negation_particle(entry, text, cues):
    """A verification negated by this particle (the cue starts with it)."""
    return any(cue.rule == "negated_verification" and fold(cue.text).lower().startswith(_name(entry))
               for cue in cues)


@_probe
def boundary(entry, text, cues):
    """A verification confirmed after a negation in an earlier clause that ends at this word."""
    return _in_text(entry, text) and any(cue.kind == "confirmed" for cue in cues) \
        and not any(cue.rule == "negated_verification" for cue in cues)


@_probe
def unverified_phrase(entry, text, cues):
    """An unverified cue found by the phrases of this entry."""
    return any(cue.rule == "unverified_phrase" for cue in cues)


@_probe
def denial_form(entry, text, cues):
    """A denial on a form the model lemmatizes wrongly."""
    return any(cue.kind == "denial" for cue in cues)


@_probe
def denial_word(entry, text, cues):
    """A denial on this verb, noun or rejected object."""
    return any(cue.kind == "denial" for cue in cues) and (_lemma_in(entry, text) or _in_text(entry, text))


def question_mark(entry: Entry, text: str) -> Outcome:
    """The sentence asks."""
    asked = [coded.stance.question for coded in code(text)]
    return Outcome(any(asked), f"question: {asked}")


def _lemma_in(entry: Entry, text: str) -> bool:
    return any(_name(entry) in words(token) for coded in code(text) for token in coded.sent)


_CONDITIONAL_RULES = ("conditional", "politeness", "question", "hypothesis", "quoted", "obligation",
                      "counterfactual", "prediction", "future_in_past")
_REASON = {"politeness_lemmas": ("politeness",), "epistemic_modals": ("counterfactual", "prediction")}

STANCE = FileSpec(
    sections=(
        Section("conditional.endings", ending, "a sentence with a conditional verb ending so"),
        Section("politeness_lemmas", excluded_with_lemma, "a sentence with this verb as a polite conditional "
                "(1st or 2nd person)"),
        Section("epistemic_modals", excluded_with_lemma, "a sentence where this verb in the conditional is a "
                "counterfactual or a forecast"),
        Section("modal_conditional.fact_infinitives", modal_on_fact, "a sentence where pouvoir/devoir in the "
                "conditional governs this infinitive"),
        Section("modal_conditional.fact_adverbs", modal_on_fact, "a sentence where pouvoir/devoir in the "
                "conditional bears on a fact because of this adverb"),
        Section("modal_conditional.obligation_lemmas", obligation, "a sentence with this verb in the conditional"),
        Section("modal_conditional.state_lemmas", state_verb, "an unsourced sentence with this verb in the "
                "present conditional"),
        Section("future_in_past.governing_lemmas", future_in_past, "a sentence where this past-tense verb "
                "governs a que-clause with a present conditional"),
        Section("future_in_past.limit_phrases", future_in_past, "a sentence with a past conditional in a "
                "reported que-clause holding this time limit"),
        Section("si_clause.markers", si_marker, "a sentence with a si-clause opened by this word"),
        Section("si_clause.not_hypothetical", not_hypothesis, "a sentence with this word before \"si\" and a "
                "conditional"),
        Section("si_clause.not_hypothetical_after", not_hypothesis, "a sentence with this word after \"si\" and "
                "a conditional"),
        Section("hedge_words", hedge_word, "a sentence hedged by this cue (and, as counter-examples, uses "
                "it must not hedge)", name_key="cue"),
        Section("verification.lemmas", verification_word, "a sentence confirming (or not) with this verb"),
        Section("verification.forms", verification_form, "a sentence with a form the model lemmatizes wrongly",
                whole=True),
        Section("verification.nouns", verification_word, "a sentence negating this noun"),
        Section("negation.particles", negation_particle, "a sentence where this word negates a verification"),
        Section("negation.boundaries", boundary, "a sentence where this word ends a negated clause before a "
                "confirmation"),
        Section("unverified_phrases", unverified_phrase, "a sentence with one of the phrases", name_key="phrase"),
        Section("denial.lemmas", denial_word, "a sentence denying with this verb (in a form not listed)"),
        Section("denial.forms", denial_form, "a sentence with a denial form", whole=True),
        Section("denial.nouns", denial_word, "a sentence with this noun of denial"),
        Section("denial.reject_lemmas", denial_word, "a sentence rejecting an accusation with this verb"),
        Section("denial.reject_forms", denial_form, "a sentence rejecting an accusation", whole=True),
        Section("denial.reject_objects", denial_word, "a sentence rejecting this object"),
        Section("question.marks", question_mark, "a sentence ending with it"),
    ),
    settings={"negation.window": "a number"},
)
