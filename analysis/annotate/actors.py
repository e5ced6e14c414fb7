"""Who an actor is and which side they speak for: matching the gazetteer in analysis/resources/actors.yaml.

The gazetteer is researcher-editable YAML (names, regular expressions, role nouns, adjectives of
nationality per actor group). This module compiles it once and finds actors in a piece of text:
:func:`find_actors` lists every actor mentioned, :func:`match_actor` names the one actor a source
phrase ("le député sud-coréen Lee Seong-kweun", "Séoul", "les renseignements ukrainiens") stands for.

spaCy's entity labels are no help to decide a side (it tags "Séoul" and "Nord-Coréens" as LOC), so
the side always comes from the gazetteer; a spaCy PERSON span may only *name* an actor the gazetteer
does not know (``person_spans`` in :func:`match_actor`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml
from analysis.core.paths import resource
from analysis.core.text import fold

#: The actor groups every gazetteer must define, in report order.
ACTOR_GROUPS: tuple[str, ...] = (
    "south_korea", "ukraine", "russia", "north_korea", "united_states", "nato", "france", "eu",
    "unnamed_western", "media", "experts", "other",
)
#: Group of a speaker the gazetteer does not know.
OTHER_GROUP = "other"
#: Kinds of gazetteer entry; "role" and "adjective" entries are generated from role_nouns/adjectives.
ENTRY_KINDS = ("person", "institution", "place", "collective", "media", "role", "adjective")

_NAME_SEPARATOR = r"[\s-]+"
_BEFORE = r"(?<![\w-])"  # a match never starts inside a word or right after a hyphen ("pro-ukrainiens")
_AFTER = r"(?!\w)"
_GENITIVE_BEFORE = re.compile(r"(?:\bde|\bdu|\bdes|\bd')\s*$", re.IGNORECASE)
_ROLE_MODIFIERS = (
    r"(?:(?:haut|haute|hauts|hautes|nouveau|nouvel|nouvelle|ancien|ancienne|principal|principaux)\s+)?"
)
# Words allowed between a role noun and its nationality adjective: no conjunction, relative or comma.
_ROLE_GAP_WORD = r"(?:\s+|')(?!(?:et|ou|qui|que|qu|a|ont|est|sont|selon)\b)[\w-]+"
_ROLE_COMPLEMENT = (
    r"(?:\s+(?:de\s+la|de\s+l'|du|des|d')\s*(?-i:[A-Z])[\w-]*(?:\s+(?:etrangeres|nationale|exterieures))?)?"
)


@dataclass(frozen=True)
class ActorMatch:
    """One actor found in a text: canonical name, group, and offsets into the text given."""

    actor: str
    group: str
    start: int
    end: int
    kind: str = ""
    text: str = ""  # the words as written in the text


#: A word every match of a rule contains, with whether it is compared without case (see _Rule.anchors).
_Anchor = tuple[str, bool]


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    group: str
    kind: str
    actor: str | None  # canonical name; None = the matched text
    # Every match of the rule contains one of these words (a literal part of one of its names), so a
    # text that contains none of them is not scanned. Python's regex engine cannot skip ahead to a
    # literal in a case-insensitive pattern that opens with a look-behind, and those scans were a
    # quarter of the attribution coder; no library gives the check, hence this one. Empty: always scan
    # (patterns written as regular expressions have no known literal).
    anchors: frozenset[_Anchor] = frozenset()


@dataclass(frozen=True, eq=False)  # hashed by identity: the key of find_actors' cache (one per file)
class Gazetteer:
    """The compiled gazetteer: matching rules and display labels of the groups."""

    rules: tuple[_Rule, ...]
    labels: dict[str, str]
    source: str

    @cached_property
    def anchors(self) -> frozenset[_Anchor]:
        """Every rule's anchors."""
        return frozenset(anchor for rule in self.rules for anchor in rule.anchors)


def fold_name(text: str) -> str:
    """Text as names are matched: no accents, ASCII apostrophes, dashes and spaces; same length as ``text``."""
    return fold(text, dashes=True, accents=True)


def _name_regex(name: str) -> str:
    """A literal name as a regex in which any run of spaces/hyphens matches any other."""
    parts = [re.escape(part) for part in re.split(r"[\s-]+", fold_name(name).strip()) if part]
    return _NAME_SEPARATOR.join(parts)


def _name_anchors(names: Sequence[str], ignore_case: bool) -> frozenset[_Anchor]:
    """The longest literal part of each name (lower-cased when case is ignored); empty when one cannot be used.

    A case-insensitive anchor is checked against the lower-cased text, which is exactly the regex
    engine's case-insensitive comparison only for ASCII words in ASCII text: a name whose longest part
    is not ASCII gets no anchors, and :func:`_candidates` scans non-ASCII text with every rule.
    """
    anchors = set()
    for name in names:
        parts = [part for part in re.split(_NAME_SEPARATOR, fold_name(name).strip()) if part]
        if not parts:
            return frozenset()
        word = max(parts, key=len)
        if ignore_case and not word.isascii():
            return frozenset()
        anchors.add((word.lower() if ignore_case else word, ignore_case))
    return frozenset(anchors)


def _compile(pattern: str, flags: int, path: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(_BEFORE + "(?:" + pattern + ")" + _AFTER, flags)
    except re.error as error:
        raise ConfigError(
            f"invalid regular expression in {where}: {error}", path=path,
            hint="fix the pattern (Python `re` syntax); quote it with single quotes in YAML",
        ) from error


def _entry_rules(group: str, entry: dict, path: str) -> list[_Rule]:
    """Matching rules of one gazetteer entry (its names, then its patterns)."""
    if not isinstance(entry, dict):
        raise ConfigError(f"an entry of group {group!r} is not a mapping: {entry!r}", path=path)
    kind = entry.get("kind", "institution")
    if kind not in ENTRY_KINDS:
        raise ConfigError(f"unknown kind {kind!r} in group {group!r}", path=path,
                          hint=f"use one of {', '.join(ENTRY_KINDS)}")
    flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
    names = sorted((str(name) for name in entry.get("names") or []), key=len, reverse=True)
    patterns = [fold_name(str(pattern)) for pattern in entry.get("patterns") or []]
    if not names and not patterns:
        raise ConfigError(f"an entry of group {group!r} has neither names nor patterns: {entry!r}", path=path)
    actor = str(entry["actor"]) if entry.get("actor") else None
    where = f"group {group!r}, entry {actor or entry.get('patterns')!r}"
    rules = [_Rule(_compile("|".join(_name_regex(name) for name in names), flags, path, where), group, kind,
                   actor, _name_anchors(names, bool(flags & re.IGNORECASE)))] if names else []
    return rules + [_Rule(_compile(pattern, flags, path, where), group, kind, actor) for pattern in patterns]


def _generated_rules(group: str, adjectives: list[str], role_nouns: list[str], path: str) -> list[_Rule]:
    """Role phrases ("le ministre sud-coréen de la Défense") and bare adjectives of one group."""
    if not adjectives:
        return []
    adjective = "(?:" + "|".join(fold_name(str(adj)) for adj in adjectives) + ")"
    roles = "(?:" + "|".join(_name_regex(noun) for noun in sorted(role_nouns, key=len, reverse=True)) + ")"
    role = _ROLE_MODIFIERS + roles + "(?:" + _ROLE_GAP_WORD + "){0,4}?\\s+" + adjective + _ROLE_COMPLEMENT
    return [
        _Rule(_compile(role, re.IGNORECASE, path, f"role phrases of {group!r}"), group, "role", None,
              _name_anchors(role_nouns, ignore_case=True)),
        _Rule(_compile(adjective, re.IGNORECASE, path, f"adjectives of {group!r}"), group, "adjective", None),
    ]


def _parse_gazetteer(data: object, path: str) -> Gazetteer:
    """Check the YAML structure and compile it."""
    if not isinstance(data, dict) or not isinstance(data.get("groups"), dict):
        raise ConfigError("the gazetteer must be a mapping with a `groups:` mapping", path=path,
                          hint="see the comments at the top of analysis/resources/actors.yaml")
    groups = data["groups"]
    missing = [group for group in ACTOR_GROUPS if group not in groups]
    unknown = [group for group in groups if group not in ACTOR_GROUPS]
    if missing or unknown:
        raise ConfigError(f"actor groups must be exactly {', '.join(ACTOR_GROUPS)}; "
                          f"missing: {missing or 'none'}, unknown: {unknown or 'none'}", path=path,
                          hint="the groups are the categories of the report; rename or add entries instead")
    role_nouns = [str(noun) for noun in data.get("role_nouns") or []]
    rules: list[_Rule] = []
    labels: dict[str, str] = {}
    for group in ACTOR_GROUPS:
        spec = groups[group] or {}
        labels[group] = str(spec.get("label") or group)
        for entry in spec.get("entries") or []:
            rules.extend(_entry_rules(group, entry, path))
        rules.extend(_generated_rules(group, list(spec.get("adjectives") or []), role_nouns, path))
    return Gazetteer(tuple(rules), labels, path)


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Gazetteer:
    data = load_yaml(path, "the actor gazetteer")
    return _parse_gazetteer(data, path)


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The compiled gazetteer of ``path`` (default analysis/resources/actors.yaml), cached per file."""
    return _load_cached(str(Path(path) if path else resource("actors.yaml")))


def group_label(group: str, gazetteer: Gazetteer | None = None) -> str:
    """English display name of an actor group, e.g. ``south_korea`` -> ``South Korea``."""
    labels = (gazetteer or load_gazetteer()).labels
    return labels.get(group, group.replace("_", " ").capitalize())


def _tidy(text: str) -> str:
    """Text with runs of whitespace made single spaces and no surrounding punctuation."""
    return re.sub(r"\s+", " ", text).strip(" ,;:.-\"'«»“”()")


def _present_anchors(folded: str, gazetteer: Gazetteer) -> frozenset[_Anchor]:
    """The gazetteer's anchors that occur in ``folded`` (every case-insensitive one when it is not ASCII)."""
    lowered = folded.lower() if folded.isascii() else None
    return frozenset((word, ignore_case) for word, ignore_case in gazetteer.anchors
                     if (word in folded if not ignore_case else lowered is None or word in lowered))


def _candidates(text: str, gazetteer: Gazetteer) -> list[ActorMatch]:
    folded = fold_name(text)
    present = _present_anchors(folded, gazetteer)
    found = []
    for rule in gazetteer.rules:
        if rule.anchors and rule.anchors.isdisjoint(present):
            continue  # it cannot match: none of its words is in the text (see _Rule.anchors)
        for hit in rule.regex.finditer(folded):
            if hit.end() > hit.start():
                written = text[hit.start():hit.end()]
                found.append(ActorMatch(rule.actor or _tidy(written), rule.group, hit.start(), hit.end(),
                                        rule.kind, written))
    return found


def find_actors(text: str, gazetteer: Gazetteer | None = None) -> list[ActorMatch]:
    """Every gazetteer actor in ``text``: non-overlapping (longest wins), in text order."""
    if not isinstance(text, str) or not text.strip():
        return []
    return list(_chosen_actors(text, gazetteer or load_gazetteer()))


@lru_cache(maxsize=4096)  # the coders ask about the same sentence several times (1.6 calls per text measured)
def _chosen_actors(text: str, gazetteer: Gazetteer) -> tuple[ActorMatch, ...]:
    """:func:`find_actors` of a non-empty text, as a tuple (shared between callers: its matches are frozen)."""
    candidates = _candidates(text, gazetteer)
    # Longest first; at equal length the earlier one, then the more specific kind (ENTRY_KINDS order).
    candidates.sort(key=lambda m: (m.start - m.end, m.start, ENTRY_KINDS.index(m.kind)))
    chosen: list[ActorMatch] = []
    for match in candidates:
        if all(match.end <= other.start or match.start >= other.end for other in chosen):
            chosen.append(match)
    return tuple(sorted(chosen, key=lambda m: m.start))


def _is_genitive(text: str, match: ActorMatch) -> bool:
    """Whether a match is a "de X" complement of a preceding noun ("le porte-parole de Poutine")."""
    return bool(_GENITIVE_BEFORE.search(fold_name(text[:match.start])))


def _whole_phrase(text: str, group: str, kind: str) -> ActorMatch:
    """The whole trimmed phrase as the actor (for matches that are only an adjective)."""
    stripped = _tidy(text)
    start = text.find(stripped) if stripped else 0
    return ActorMatch(stripped, group, start, start + len(stripped), kind, stripped)


def match_actor(text: str, person_spans: Sequence[tuple[int, int]] = (),
                gazetteer: Gazetteer | None = None) -> ActorMatch | None:
    """The actor a source phrase stands for, or None when the gazetteer knows none and no person is named.

    The group comes from the first actor in the phrase (the head of a French noun phrase comes first)
    unless a known person is named, whose own group wins. ``person_spans`` are (start, end) offsets of
    spaCy PERSON entities in ``text``: they name an actor the gazetteer lacks ("le député sud-coréen
    Park Ji-won" -> Park Ji-won, south_korea), or alone give an actor of group "other".
    """
    if not isinstance(text, str) or not text.strip():
        return None
    matches = find_actors(text, gazetteer)
    persons = [m for m in matches if m.kind == "person"]
    if persons:
        heads = [m for m in persons if not _is_genitive(text, m)] or persons
        return heads[0]
    unknown_persons = [
        (start, end) for start, end in person_spans
        if 0 <= start < end <= len(text) and _tidy(text[start:end])
        and all(end <= m.start or start >= m.end for m in matches if m.kind != "role")
    ]
    if not matches:
        if not unknown_persons:
            return None
        start, end = unknown_persons[0]
        return ActorMatch(_tidy(text[start:end]), OTHER_GROUP, start, end, "person", text[start:end])
    head = matches[0]
    if head.kind in ("role", "adjective") and unknown_persons:
        start, end = unknown_persons[0]
        return ActorMatch(_tidy(text[start:end]), head.group, start, end, "person", text[start:end])
    if head.kind == "adjective":
        return _whole_phrase(text, head.group, head.kind)
    return head
