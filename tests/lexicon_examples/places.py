"""How an example is checked in places.yaml (the annotate stage's placement of the troops).

An example is one sentence, or a short paragraph whose sentences continue one another. The probe parses
it with the real model and runs the annotate stage's own code on each sentence, the previous one given
for pronoun continuations (analysis.annotate.places.find_places, troop_mentions, continuation_subject),
and looks at the places found: which gazetteer place, and the words written for it (the cue).
"""

from __future__ import annotations

import re

from analysis.annotate.places import (
    _candidates,
    _cue_start,
    continuation_subject,
    find_places,
    fold_text,
    load_places_gazetteer,
    troop_mentions,
)
from analysis.core.text import fold
from lexicon_examples import FileSpec, Section, probe_through
from lexicon_examples.parsing import sentences, words


def _found(text: str) -> list[tuple[int, object]]:
    """(sentence number, place) of every place the example puts the troops in."""
    sents = sentences(text)
    return [(index, place) for index, sent in enumerate(sents)
            for place in find_places(sent, sents[index - 1] if index else None)]


def _shown(found) -> str:
    return "; ".join(f"{place.cue!r}->{place.place}/{place.place_group}" for _, place in found) or "no place"


_probe = probe_through(_found, _shown)


def _folded(text: str) -> str:
    return fold(str(text)).lower()


@_probe
def place(entry, text, found):
    """The troops are put in this place (its `place` and `group`)."""
    return any(p.place == entry.value["place"] and p.place_group == entry.value["group"] for _, p in found)


@_probe
def preposition(entry, text, found):
    """A place is found whose cue begins with this preposition ("en Ukraine", "dans la région de Koursk")."""
    word = re.escape(fold_text(str(entry.value)))
    return any(re.match(word + r"(?:\s|'|$)", fold_text(p.cue)) for _, p in found)


@_probe
def not_troop_location(entry, text, found):
    """A sentence about the troops names a gazetteer place right after this noun ("la guerre en
    Ukraine"), and that place is not found."""
    before = re.compile(rf"(?<!\w){re.escape(fold_text(str(entry.value)))}\s+(?:[\w']+\s+)?"
                        rf"(?:en|dans|de|d'|du|au|a|sur)\s*(?:(?:la|le|les)\s+|l')?$")
    gazetteer = load_places_gazetteer()
    for index, sent in enumerate(sentences(text)):
        if not troop_mentions(sent, gazetteer):
            continue
        folded = fold_text(sent.text)
        for _, start, end in _candidates(sent, gazetteer):
            if before.search(folded[:start]) and not any(i == index and p.char_end == end for i, p in found):
                return True
    return False


@_probe
def troop_noun(entry, text, found):
    """A troop mention (a troop noun qualified as North Korean) is this noun, as written or lemmatized."""
    return any(_folded(entry.value) in words(token) for sent in sentences(text) for token in troop_mentions(sent))


@_probe
def north_korean_pattern(entry, text, found):
    """The example has a troop mention, and this pattern is what names North Korea in it."""
    return bool(re.search(str(entry.value), text, re.IGNORECASE)) \
        and any(troop_mentions(sent) for sent in sentences(text))


@_probe
def continuation(entry, text, found):
    """A sentence without troops continues the previous one through this subject, and a place is found in it."""
    sents = sentences(text)
    for index in range(1, len(sents)):
        subject = continuation_subject(sents[index])
        phrase = _folded(" ".join(token.text for token in subject))
        if subject and _folded(entry.value) in (phrase, _folded(subject[-1].text)) \
                and not troop_mentions(sents[index]) and troop_mentions(sents[index - 1]) \
                and any(i == index for i, _ in found):
            return True
    return False


@_probe
def clause_boundary(entry, text, found):
    """A sentence about the troops names a place that would count (after a locative preposition when it must
    be, not locating a war) but that the parse does not link to them, and this word or mark between them
    keeps the place out."""
    gazetteer = load_places_gazetteer()
    mark = _folded(entry.value)
    for index, sent in enumerate(sentences(text)):
        troops = troop_mentions(sent, gazetteer)
        folded = fold_text(sent.text)
        for place_entry, start, end in _candidates(sent, gazetteer) if troops else []:
            if any(i == index and p.char_end == end for i, p in found) \
                    or (place_entry.locative_only and _cue_start(folded[:start], gazetteer) is None) \
                    or gazetteer.not_troop_location.search(folded[:start]):
                continue  # found, or kept out by the other rules ("contre l'Ukraine", "la guerre en Ukraine")
            place_token = next(t for t in sent if t.idx - sent.start_char >= start)
            between = [t for troop in troops for t in sent.doc[min(troop.i, place_token.i) + 1:
                                                                 max(troop.i, place_token.i)]]
            if any(_folded(t.text) == mark for t in between):
                return True
    return False


PLACES = FileSpec(
    sections=(
        Section("places", place, "a sentence putting North Korean troops in this place", name_key="place"),
        Section("locative_prepositions", preposition, "a sentence putting the troops in a place after this "
                "preposition"),
        Section("not_troop_location", not_troop_location, "a sentence about the troops in which a place after "
                "this noun locates the war, not the soldiers"),
        Section("troop_nouns", troop_noun, "a sentence naming North Korean troops with this noun"),
        Section("north_korean_patterns", north_korean_pattern, "a sentence naming North Korean troops through "
                "this pattern"),
        Section("continuation_subjects", continuation, "two sentences, the second continuing the first "
                "(about the troops) through this subject and placing them"),
        Section("clause_boundaries", clause_boundary, "a sentence in which this word or mark separates a "
                "place from the troops it does not locate"),
    ),
)
