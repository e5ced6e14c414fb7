"""How an example is checked in claims.yaml (the annotate stage's numeric claims about people).

An example is one sentence, or a short passage whose earlier sentences give the later ones their subject.
The probe parses it with the real model and runs the annotate stage's own code on each sentence, the
preceding ones given as context (analysis.annotate.claims.find_claims), and looks at every number of the
sentence (analysis.annotate.numbers.find_numbers): the claim made of it, if any (its kind, subject, status,
precision, qualifier and bounds), and the noun it counts (counted_noun, or for a bare number the people noun
it is predicated of). Where the code does not say which word decided (a kind cue, a planning word, a date
word), an example fires when the outcome is there and the word is in the sentence; the removal test then
shows that the outcome goes away without the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from analysis.annotate.claims import (
    Claim,
    _predicate,
    _subject_counted,
    _tokens_in,
    clause_path,
    counted_noun,
    find_claims,
    is_presence,
    noun_class,
    wire_credit,
)
from analysis.annotate.claims_lexicon import load_claims_lexicon
from analysis.annotate.numbers import FoundNumber, find_numbers, parse_digits
from analysis.core.text import fold
from lexicon_examples import Entry, FileSpec, Outcome, Section, probe_through
from lexicon_examples.parsing import sentences, words


@dataclass(frozen=True)
class _Number:
    """One number of an example: the claim made of it (None when it is no claim) and the noun it counts."""

    sent: Span
    number: FoundNumber
    claim: Claim | None
    noun: Token | None  # the people noun counted, or None
    group: str  # the people_nouns group of that noun ("" when there is none)


def _numbers(text: str) -> list[_Number]:
    lexicon = load_claims_lexicon()
    sents = sentences(text)
    found = []
    for index, sent in enumerate(sents):
        claims = find_claims(sent, context=sents[:index], lexicon=lexicon)
        for number in find_numbers(sent, lexicon):
            claim = next((c for c in claims if (c.char_start, c.char_end) == (number.start, number.end)), None)
            noun, has_noun = counted_noun(sent, number, lexicon)
            if not has_noun:
                tokens = _tokens_in(sent, number.number_start, number.end)
                noun = _subject_counted(tokens, sent, lexicon) if tokens else None
            group = noun_class(noun, lexicon)
            found.append(_Number(sent, number, claim, noun if group else None, group))
    return found


def _shown(found: list[_Number]) -> str:
    parts = []
    for item in found:
        noun = f" counting {item.noun.text!r}" if item.noun is not None else ""
        claim = item.claim
        said = (f"{claim.kind}/{claim.subject}/{claim.status}/{claim.precision} {claim.qualifier!r} "
                f"low={claim.low} high={claim.high}" if claim else "no claim")
        parts.append(f"{item.sent.text[item.number.start:item.number.end]!r}{noun}: {said}")
    return "; ".join(parts) or "no number"


_probe = probe_through(_numbers, _shown)


def _name(entry: Entry) -> str:
    return fold(str(entry.name)).lower()


def _folded(text: str) -> str:
    return fold(text).lower()


def _has_word(entry: Entry, sent: Span) -> bool:
    """The entry's word is a word of the sentence (as written or lemmatized), or its phrase is in it."""
    name = _name(entry)
    if " " in name:
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", _folded(sent.text)) is not None
    return any(name in words(token) for token in sent)


def _claims(found: list[_Number]) -> list[_Number]:
    return [item for item in found if item.claim is not None]


def _anchor(item: _Number) -> Token:
    tokens = _tokens_in(item.sent, item.number.number_start, item.number.end)
    return item.noun if item.noun is not None else tokens[-1]


@_probe
def planned_word(entry, text, found):
    """A deployment figure is planned, and this word is on the path from it up to its clause's verb."""
    return any(item.claim.status == "planned" and any(_name(entry) in words(token) for token in
                                                      [_anchor(item)] + clause_path(_anchor(item), item.sent))
               for item in _claims(found))


@_probe
def planned_modal(entry, text, found):
    """A deployment figure is planned, and this modal (or its auxiliary) is on the path up to its clause's verb."""
    for item in _claims(found):
        path = [_anchor(item)] + clause_path(_anchor(item), item.sent)
        modals = path + [child for token in path for child in token.children if child.dep_.startswith("aux")]
        if item.claim.status == "planned" and any(_folded(token.lemma_) == _name(entry) for token in modals):
            return True
    return False


_EFFECT = {"low": "bounded", "high": "bounded", "approx": "approximate"}


@_probe
def approximator(entry, text, found):
    """A claim's words begin with this phrase, and its precision says its effect (a floor or ceiling: bounded;
    approx: approximate)."""
    phrase = _folded(str(entry.value["phrase"]))
    return any(_folded(item.claim.qualifier).startswith(phrase)
               and item.claim.precision in (_EFFECT[entry.value["effect"]], "vague") for item in _claims(found))


_LEFT_OUT = ("de", "d'")  # quantifiers analysis.annotate.numbers leaves out of a vague claim's words


@_probe
def quantifier(entry, text, found):
    """A vague claim ("plusieurs milliers") whose words begin with this quantifier; for "de" and "d'", which
    the code leaves out of the claim's words, whose unit comes right after it."""
    word = _name(entry)
    for item in _claims(found):
        if item.claim.precision != "vague":
            continue
        before = _folded(item.sent.text[:item.claim.char_start]).rstrip()
        qualifier = _folded(item.claim.qualifier)
        if qualifier.startswith(word + " ") or (word.endswith("'") and qualifier.startswith(word)) \
                or (word in _LEFT_OUT and re.search(rf"(?<!\w){re.escape(word)}$", before)):
            return True
    return False


@_probe
def vague_unit(entry, text, found):
    """A vague claim whose words end with this unit, with its bounds (2 and 10 times the unit, less one)."""
    unit = float(entry.value)
    return any(item.claim.precision == "vague" and _folded(item.claim.qualifier).endswith(_name(entry))
               and item.claim.low == 2 * unit and item.claim.high == 10 * unit - 1 for item in _claims(found))


@_probe
def approximate_unit(entry, text, found):
    """An approximate claim written with these words, worth the entry's value."""
    return any(item.claim.precision == "approximate" and item.claim.value == float(entry.value)
               and _name(entry) in _folded(item.claim.qualifier) for item in _claims(found))


@_probe
def multiplier(entry, text, found):
    """A number written in digits followed by this word, read as the digits times the entry's value."""
    for item in found:
        written = _folded(item.sent.text[item.number.number_start:item.number.end])
        digits = re.match(r"[\d\s\u00a0\u202f\u2009.,]+", written)
        if digits and written.endswith(_name(entry)) and item.number.value is not None \
                and item.number.value == parse_digits(digits.group().strip()) * float(entry.value):
            return True
    return False


@_probe
def skipped(entry, text, found):
    """A claim counts a people noun that comes after this word or sign ("3 000 de ces combattants")."""
    for item in _claims(found):
        if item.noun is None or item.noun.idx < item.sent.start_char + item.number.end:
            continue
        between = [t for t in item.sent if item.sent.start_char + item.number.end <= t.idx < item.noun.idx]
        if any(_folded(t.text) == _name(entry) for t in between):
            return True
    return False


@_probe
def people_noun(entry, text, found):
    """A claim counts this noun (as written or lemmatized); a casualty noun gives the claim its own kind."""
    kind = entry.path[-2] if entry.section == "people_nouns.casualty.*" else None
    return any(item.noun is not None and _name(entry) in words(item.noun)
               and (kind is None or item.claim.kind == kind) for item in _claims(found))


@_probe
def kind_cue(entry, text, found):
    """A claim of this kind, in a sentence with this word (as written or lemmatized) or phrase."""
    kind = entry.path[-2]
    return any(item.claim.kind == kind and _has_word(entry, item.sent) for item in _claims(found))


@_probe
def weak_cue(entry, text, found):
    """A count of people who need not be soldiers (people_nouns.generic_troop, other) is no claim, in a
    sentence where this presence word is the only deployment cue."""
    return any(item.claim is None and item.group in ("generic_troop", "other") and _has_word(entry, item.sent)
               for item in found)


@_probe
def presence_preposition(entry, text, found):
    """A deployment figure whose clause is "être + this preposition + place" (presence)."""
    lexicon = load_claims_lexicon()
    for item in _claims(found):
        predicate = _predicate(_anchor(item), item.sent)
        if item.claim.kind == "deployed" and is_presence(predicate, lexicon) and any(
                child.dep_ == "case" and _folded(child.text) == _name(entry) for child in predicate.children):
            return True
    return False


@_probe
def reporting_predicate(entry, text, found):
    """A count of soldiers given by this verb, which says nothing else of them, is a deployment figure."""
    return any(item.claim.kind == "deployed" and item.group == "troop" and _has_word(entry, item.sent)
               for item in _claims(found))


_BEFORE = ("not_people.year_before", "not_people.before", "not_people.weekdays", "before_capitalised_ok")


def _next_to(entry: Entry, item: _Number) -> bool:
    """The entry's word is right before the number (for the lists of words before) or, for the others, right
    before or right after it."""
    text = _folded(item.sent.text)
    word = re.escape(_name(entry))
    ends = {item.number.start, item.number.number_start}
    before = any(re.search(rf"(?<!\w){word}[\s\"«“'(]*$", text[:end]) for end in ends)
    after = re.match(rf"[\s\"»”')]*{word}(?!\w)", text[item.number.end:]) is not None
    return before if entry.section in _BEFORE else before or after


@_probe
def not_people(entry, text, found):
    """A number next to this word (a date, year, time, age, duration, measure or name) is no claim."""
    return any(item.claim is None and _next_to(entry, item) for item in found)


@_probe
def capitalised_ok(entry, text, found):
    """A claim whose number follows this word written with a capital inside the sentence."""
    for item in _claims(found):
        before = [t for t in _tokens_in(item.sent, 0, item.number.number_start) if not t.is_space]
        if before and before[-1].i > item.sent.start and before[-1].text[:1].isupper() \
                and _folded(before[-1].text) == _name(entry):
            return True
    return False


@_probe
def north_korean(entry, text, found):
    """A claim about North Korean troops, in a passage this pattern matches."""
    return re.search(str(entry.value), text, re.IGNORECASE) is not None \
        and any(item.claim.subject == "north_korean_troops" for item in _claims(found))


@_probe
def russian(entry, text, found):
    """A claim about Russian troops, in a passage this pattern matches."""
    return re.search(str(entry.value), text, re.IGNORECASE) is not None \
        and any(item.claim.subject == "russian_troops" for item in _claims(found))


@_probe
def elision(entry, text, found):
    """A claim whose counted noun is elided: its number is followed by this word (« 37.000 côté américain »)."""
    return any(re.match(rf"\s*{re.escape(_name(entry))}(?!\w)", _folded(item.sent.text[item.number.end:]))
               for item in _claims(found))


@_probe
def singular_casualty(entry, text, found):
    """A claim of one person: "un"/"une" right before this noun."""
    return any(item.claim.value == 1 and _folded(item.claim.text) in ("un", "une")
               and re.match(rf"\s+{re.escape(_name(entry))}(?!\w)", _folded(item.sent.text[item.number.end:]))
               for item in _claims(found))


def credit(entry: Entry, text: str) -> Outcome:
    """The line is an agency's dateline credit, read as the source of the article's unsourced figures."""
    source = wire_credit(text, load_claims_lexicon())
    return Outcome(source is not None, f"credit {source.actor if source else None}")


CLAIMS = FileSpec(
    sections=(
        Section("status.planned_lemmas", planned_word, "a sentence whose deployment figure is planned because "
                "of this word"),
        Section("status.planned_modals", planned_modal, "a sentence where this modal puts a deployment in the "
                "future (« devraient être envoyés »)"),
        Section("approximators", approximator, "a sentence with a count right after this phrase",
                name_key="phrase"),
        Section("vague_quantities.quantifiers", quantifier, "a sentence counting people with this word before a "
                "unit (« plusieurs milliers de soldats »)"),
        Section("vague_quantities.units", vague_unit, "a sentence counting people with this unit, vaguely"),
        Section("vague_quantities.approximate_units", approximate_unit, "a sentence counting people so"),
        Section("multipliers", multiplier, "a sentence with a number in digits followed by this word"),
        Section("skip_between", skipped, "a sentence with this word or sign between a number and the people it "
                "counts"),
        Section("people_nouns.troop", people_noun, "a sentence counting soldiers with this noun"),
        Section("people_nouns.generic_troop", people_noun, "a sentence counting troops with this noun and a "
                "sending or casualty cue (and, as counter-examples, counts of it that are no claim)"),
        Section("people_nouns.casualty.*", people_noun, "a sentence counting casualties with this noun"),
        Section("people_nouns.other", people_noun, "a sentence counting these people with a casualty, capture "
                "or sending cue"),
        Section("kinds.*", kind_cue, "a sentence whose count gets this kind from this word"),
        Section("weak_deployment_cues", weak_cue, "a sentence counting people who need not be soldiers with "
                "this presence word, which must make no claim"),
        Section("presence_prepositions", presence_preposition, "a sentence saying soldiers are (être) at a "
                "place after this preposition"),
        Section("reporting_predicates", reporting_predicate, "a sentence where this verb only reports a "
                "count of soldiers"),
        Section("not_people.*", not_people, "a sentence where a number next to this word is no count of people"),
        Section("north_korean_cues.patterns", north_korean, "a sentence (or passage) about North Korean troops "
                "named only this way"),
        Section("russian_cues.patterns", russian, "a sentence counting Russian soldiers"),
        Section("wire_credit", credit, "an article's dateline credit", whole=True),
        Section("before_capitalised_ok", capitalised_ok, "a sentence with a count right after this word "
                "written with a capital (after a colon or a quotation mark)"),
        Section("elision_words", elision, "a sentence with a count whose noun is elided before this word"),
        Section("singular_casualty", singular_casualty, "a sentence counting one casualty with un/une and this "
                "noun"),
    ),
    settings={"context_sentences": "a number"},
)
