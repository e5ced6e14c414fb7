"""Where a sentence places the North Korean soldiers: in Ukraine or in Russia.

The gazetteer (place names, the side of the border each is on, and the words that decide whether a
place mention locates the troops) is analysis/resources/places.yaml, whose header documents the rules.
In short, a place counts when

* it is a gazetteer name, or a spaCy LOC/GPE entity the gazetteer knows (country names only after a
  locative preposition: "en Russie", not "occupée par la Russie");
* it does not locate a war ("la guerre en Ukraine");
* the sentence is about North Korean troops (a troop noun qualified as North Korean, "Nord-Coréens",
  or a pronoun continuing the previous sentence of the paragraph), and the parse links the place to
  them: the troop mention is in the clause of the verb above the place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from analysis.annotate.actors import fold_name
from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml
from analysis.core.paths import resource
from analysis.core.text import fold

PLACE_GROUPS = ("ukraine", "russia")
_CLAUSE_DEPS = {"advcl", "ccomp", "acl:relcl", "parataxis", "conj", "csubj", "xcomp"}  # embedded clauses
_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "expl:subj"}


@dataclass(frozen=True)
class Place:
    """One mention placing the North Korean troops, with offsets relative to the sentence."""

    place: str
    place_group: str
    cue: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class _Entry:
    place: str
    group: str
    regex: re.Pattern[str]
    locative_only: bool


@dataclass(frozen=True)
class PlacesGazetteer:
    """The compiled content of places.yaml."""

    entries: tuple[_Entry, ...]
    locative: re.Pattern[str]  # matches the end of the text before a name that is locative
    not_troop_location: re.Pattern[str]
    troop_nouns: frozenset[str]
    north_korean: re.Pattern[str]
    continuation_subjects: tuple[str, ...]
    clause_boundaries: frozenset[str] = frozenset()


def fold_text(text: str) -> str:
    """Lower-cased text without accents, one character per character (offsets are kept)."""
    return fold_name(text).lower()


def _name_regex(name: str) -> str:
    parts = [re.escape(part) for part in re.split(r"[\s-]+", fold_text(name).strip()) if part]
    return r"(?<![\w-])" + r"[\s-]+".join(parts) + r"(?![\w-])"


def _parse_gazetteer(data: object, path: str) -> PlacesGazetteer:
    """Check the YAML structure of places.yaml and compile it."""
    required = ("places", "locative_prepositions", "not_troop_location", "troop_nouns",
                "north_korean_patterns", "continuation_subjects")
    if not isinstance(data, dict) or any(key not in data for key in required):
        raise ConfigError(f"the places gazetteer must define {', '.join(required)}", path=path,
                          hint="restore analysis/resources/places.yaml from the repository")
    entries = []
    for entry in data["places"]:
        if not isinstance(entry, dict) or entry.get("group") not in PLACE_GROUPS or not entry.get("names"):
            raise ConfigError(f"a place needs `place`, `group` ({' or '.join(PLACE_GROUPS)}) and `names`: "
                              f"{entry!r}", path=path)
        names = sorted((str(name) for name in entry["names"]), key=len, reverse=True)
        entries.append(_Entry(str(entry.get("place") or names[0]), str(entry["group"]),
                              re.compile("|".join(_name_regex(name) for name in names)),
                              bool(entry.get("locative_only"))))
    prepositions = "|".join(re.escape(fold_text(str(word))) for word in data["locative_prepositions"])
    blocked = "|".join(re.escape(fold_text(str(word))) for word in data["not_troop_location"])
    try:
        north_korean = re.compile("|".join(f"(?:{p})" for p in data["north_korean_patterns"]), re.IGNORECASE)
    except re.error as error:
        raise ConfigError(f"invalid north_korean_patterns: {error}", path=path) from error
    return PlacesGazetteer(
        entries=tuple(entries),
        locative=re.compile(rf"(?:^|[\s'])(?:{prepositions})\s*(?:(?:la|le|les)\s+|l')?$"),
        not_troop_location=re.compile(
            rf"(?<!\w)(?:{blocked})\s+(?:[\w']+\s+)?(?:en|dans|de|d'|du|au|a|sur)\s*"
            rf"(?:(?:la|le|les)\s+|l')?$"),
        troop_nouns=frozenset(fold(str(word)).lower() for word in data["troop_nouns"]),
        north_korean=north_korean,
        continuation_subjects=tuple(fold(str(word)).lower() for word in data["continuation_subjects"]),
        clause_boundaries=frozenset(fold(str(word)).lower() for word in data.get("clause_boundaries") or []),
    )


@lru_cache(maxsize=8)
def _load_cached(path: str) -> PlacesGazetteer:
    return _parse_gazetteer(load_yaml(path, "the places gazetteer"), path)


def load_places_gazetteer(path: str | Path | None = None) -> PlacesGazetteer:
    """The compiled places gazetteer of ``path`` (default analysis/resources/places.yaml), cached."""
    return _load_cached(str(Path(path) if path else resource("places.yaml")))


# --- troop mentions --------------------------------------------------------------------------------

def _in(token: Token, sent: Span) -> bool:
    return sent.start <= token.i < sent.end


def _qualified_north_korean(noun: Token, sent: Span, gazetteer: PlacesGazetteer) -> bool:
    """Whether a troop noun is North Korean: its modifiers, the next words, or those of the nouns above
    it ("l'envoi par Pyongyang de milliers de combattants")."""
    nouns, head = [noun], noun
    for _ in range(2):
        if head.head.i == head.i or not _in(head.head, sent) or head.head.pos_ not in ("NOUN", "PROPN"):
            break
        head = head.head
        nouns.append(head)
    words = [n.text for n in nouns[1:]]
    words += [child.text for n in nouns for child in n.children if child.dep_ in ("amod", "nmod", "appos")]
    words += [token.text for token in sent.doc[noun.i + 1: min(noun.i + 4, sent.end)]]
    return bool(gazetteer.north_korean.search(" ".join(words)))


def troop_mentions(sent: Span, gazetteer: PlacesGazetteer | None = None) -> list[Token]:
    """Tokens naming North Korean troops: "soldats nord-coréens", "troupes de Pyongyang", "Nord-Coréens"."""
    gazetteer = gazetteer or load_places_gazetteer()
    found = []
    for token in sent:
        word = fold(token.text).lower()
        if token.text[:1].isupper() and gazetteer.north_korean.match(token.text) and "-" in token.text \
                and token.pos_ in ("NOUN", "PROPN"):
            found.append(token)  # "Nord-Coréens", the people noun
        elif (word in gazetteer.troop_nouns or fold(token.lemma_).lower() in gazetteer.troop_nouns) \
                and token.pos_ in ("NOUN", "PROPN") and _qualified_north_korean(token, sent, gazetteer):
            found.append(token)
    return found


def continuation_subject(sent: Span, gazetteer: PlacesGazetteer | None = None) -> list[Token]:
    """Subject tokens of a sentence that continues the previous one ("Ils", "Ces unités", a bare figure
    such as "1500 seraient déjà arrivés"), or []."""
    gazetteer = gazetteer or load_places_gazetteer()
    for token in sent:
        if token.dep_ in _SUBJECT_DEPS:
            phrase = fold(" ".join(t.text for t in sent.doc[token.left_edge.i: token.i + 1])).lower()
            if gazetteer.continuation_subjects and (phrase in gazetteer.continuation_subjects
                                                    or fold(token.text).lower() in gazetteer.continuation_subjects):
                return list(sent.doc[token.left_edge.i: token.i + 1])
            if token.like_num and not any(child.pos_ == "NOUN" for child in token.children):
                return [token]  # a bare figure: "1500 seraient déjà arrivés dans la région de Koursk"
    return []


# --- linking a place to the troops -----------------------------------------------------------------

def _verbish(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and "Part" in token.morph.get("VerbForm"))


def _clause_tokens(verb: Token, place: Token) -> set[int]:
    """Token indexes of ``verb``'s own clause, as far as it can hold the troops the place locates.

    The verb's subtree minus every embedded clause that does not hold the place ("envoyer une équipe
    en Ukraine pour analyser les tactiques nord-coréennes": the purpose clause is cut), except clauses
    hanging on the place's own noun phrase ("la région de Koursk, où des unités nord-coréennes
    auraient subi de lourdes pertes": the relative clause is about the place).
    """
    path, token = {place.i}, place
    while token.i != verb.i and token.head.i != token.i:
        token = token.head
        path.add(token.i)
    excluded: set[int] = set()
    for token in verb.subtree:
        if token.i == verb.i or token.i in excluded:
            continue
        is_clause = token.dep_ in _CLAUSE_DEPS or (token.dep_ == "acl" and token.pos_ in ("VERB", "AUX"))
        holds_place = token.left_edge.i <= place.i <= token.right_edge.i
        on_place_phrase = token.head.i in path and token.head.pos_ in ("NOUN", "PROPN")  # not on a verb
        if is_clause and not holds_place and not on_place_phrase:
            excluded |= {t.i for t in token.subtree}
    return {t.i for t in verb.subtree} - excluded


def same_surface_clause(place: Token, troops: Sequence[Token], sent: Span,
                        gazetteer: PlacesGazetteer | None = None) -> bool:
    """Whether no clause boundary (comma, "que", "pour", ...) separates the place from a troop mention."""
    gazetteer = gazetteer or load_places_gazetteer()
    for troop in troops:
        low, high = sorted((troop.i, place.i))
        if not any(fold(sent.doc[i].text).lower() in gazetteer.clause_boundaries for i in range(low + 1, high)):
            return True
    return False


def linked_to_troops(place: Token, troops: Sequence[Token], sent: Span) -> bool:
    """Whether the parse links a place to a troop mention (same clause, climbing from infinitives)."""
    troop_ids = {token.i for token in troops}
    verb = place
    while verb.head.i != verb.i and _in(verb.head, sent) and not _verbish(verb):
        verb = verb.head
    for _ in range(3):
        if troop_ids & _clause_tokens(verb, place):
            return True
        if verb.dep_ in ("acl", "amod") and verb.head.i in troop_ids:
            return True  # "les forces nord-coréennes transportées ... vers Vladivostok"
        has_subject = any(child.dep_ in _SUBJECT_DEPS for child in verb.children)
        if has_subject or verb.head.i == verb.i or not _in(verb.head, sent):
            return False
        verb = verb.head  # an infinitive or participle: its subject is the governing verb's
        while verb.head.i != verb.i and _in(verb.head, sent) and not _verbish(verb):
            verb = verb.head
    return False


# --- the whole sentence ---------------------------------------------------------------------------

def _candidates(sent: Span, gazetteer: PlacesGazetteer) -> list[tuple[_Entry, int, int]]:
    """Gazetteer names in the sentence: (entry, start, end) relative to the sentence, longest first."""
    folded = fold_text(sent.text)
    found = [(entry, hit.start(), hit.end())
             for entry in gazetteer.entries for hit in entry.regex.finditer(folded)]
    found.sort(key=lambda item: (item[1] - item[2], item[1]))
    chosen: list[tuple[_Entry, int, int]] = []
    for item in found:
        if all(item[2] <= other[1] or item[1] >= other[2] for other in chosen):
            chosen.append(item)
    # spaCy entities: a PERSON or ORG entity holding the name is not a place ("Kharkiv" in a club name).
    blocked = [(ent.start_char - sent.start_char, ent.end_char - sent.start_char)
               for ent in sent.ents if ent.label_ in ("PER", "PERSON", "ORG")]
    return sorted((item for item in chosen
                   if not any(start <= item[1] and item[2] <= end for start, end in blocked)),
                  key=lambda item: item[1])


def _cue_start(folded_before: str, gazetteer: PlacesGazetteer) -> int | None:
    """Start of the locative preposition before a name ("en", "dans la"), or None."""
    hit = gazetteer.locative.search(folded_before)
    if hit is None:
        return None
    return hit.start() + (1 if hit.group().startswith((" ", "'")) else 0)


def find_places(sent: Span, previous: Span | None = None,
                gazetteer: PlacesGazetteer | None = None) -> list[Place]:
    """Places where the sentence puts the North Korean troops (offsets relative to the sentence).

    ``previous`` is the preceding sentence of the same paragraph, for pronoun continuations.
    """
    gazetteer = gazetteer or load_places_gazetteer()
    if not isinstance(sent, Span) or not sent.text.strip():
        return []
    troops = troop_mentions(sent, gazetteer)
    if not troops and previous is not None and troop_mentions(previous, gazetteer):
        troops = continuation_subject(sent, gazetteer)
    if not troops:
        return []
    folded = fold_text(sent.text)
    places = []
    for entry, start, end in _candidates(sent, gazetteer):
        before = folded[:start]
        preposition = _cue_start(before, gazetteer)
        if entry.locative_only and preposition is None:
            continue
        if gazetteer.not_troop_location.search(before):
            continue  # "la guerre en Ukraine"
        tokens = [t for t in sent
                  if t.idx - sent.start_char < end and t.idx + len(t.text) - sent.start_char > start]
        ids = {t.i for t in tokens}
        if not tokens:
            continue
        head = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[-1])
        if not (linked_to_troops(head, troops, sent) or same_surface_clause(head, troops, sent, gazetteer)):
            continue
        cue_start = preposition if preposition is not None else start
        places.append(Place(entry.place, entry.group, sent.text[cue_start:end], cue_start, end))
    return places
