"""The claims lexicon (claims.yaml), compiled once: approximators, units, people nouns, kind cues."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml
from analysis.core.paths import resource
from analysis.core.schemas import CLAIM_KINDS
from analysis.core.text import fold


@dataclass(frozen=True)
class ClaimsLexicon:
    """The compiled content of claims.yaml."""

    approximators: tuple[tuple[str, str], ...]  # (phrase, effect), longest phrase first
    quantifiers: tuple[str, ...]
    units: dict[str, int]
    approximate_units: dict[str, int]
    multipliers: dict[str, int]
    skip_between: frozenset[str]
    troop_nouns: frozenset[str]
    generic_troop_nouns: frozenset[str]  # "hommes": troops only with a casualty or sending cue
    casualty_nouns: dict[str, str]  # noun -> kind
    other_nouns: frozenset[str]
    kind_words: dict[str, str]  # single word or lemma -> kind
    kind_phrases: tuple[tuple[str, str], ...]  # multi-word phrase -> kind
    weak_deployment: frozenset[str]  # deployment cues of presence, not sending ("se trouver")
    presence_prepositions: frozenset[str]
    reporting_predicates: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    year_before: frozenset[str]
    units_after: frozenset[str]
    before: tuple[str, ...]  # phrases before a number that make it an age, a time, a name
    north_korean: re.Pattern[str]
    russian: re.Pattern[str]
    context_sentences: int
    wire_credit: re.Pattern[str]  # a dateline credit; group 1 is the agency
    singular_casualty: frozenset[str]  # "un mort", "un blessé": "un" counts one person before these
    elision_words: frozenset[str]  # "37.000 côté américain": words after a number whose noun is elided
    before_capitalised_ok: frozenset[str]  # capitalised words a count may follow ("Selon", "Dont")
    planned_lemmas: frozenset[str] = frozenset()  # "se préparent", "a décidé d'envoyer": a planned deployment
    planned_modals: frozenset[str] = frozenset()  # "devraient être envoyés", "vont être déployés"


def _regex(patterns: Sequence[str], path: str, what: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)
    except re.error as error:
        raise ConfigError(f"invalid regular expression in {what}: {error}", path=path) from error


def _parse_lexicon(data: object, path: str) -> ClaimsLexicon:
    """Check the YAML structure of claims.yaml and compile it."""
    required = ("approximators", "vague_quantities", "multipliers", "skip_between", "people_nouns", "kinds",
                "not_people", "north_korean_cues", "russian_cues")
    if not isinstance(data, dict) or any(key not in data for key in required):
        raise ConfigError(f"the claims lexicon must define {', '.join(required)}", path=path,
                          hint="restore analysis/resources/claims.yaml from the repository")
    approximators = []
    for entry in data["approximators"]:
        if entry.get("effect") not in ("low", "high", "approx"):
            raise ConfigError(f"approximator effect must be low, high or approx: {entry!r}", path=path)
        approximators.append((fold(str(entry["phrase"])).lower(), str(entry["effect"])))
    people = data["people_nouns"]
    casualty = {fold(noun).lower(): kind for kind, nouns in (people.get("casualty") or {}).items() for noun in nouns}
    kind_words, kind_phrases = {}, []
    for kind, words in data["kinds"].items():
        if kind not in CLAIM_KINDS:
            raise ConfigError(f"unknown claim kind {kind!r}", path=path, hint=f"use one of {CLAIM_KINDS}")
        for word in words:
            word = fold(str(word)).lower()
            if " " in word:
                kind_phrases.append((word, kind))
            else:
                kind_words[word] = kind
    vague = data["vague_quantities"]
    status = data.get("status") or {}
    not_people = data["not_people"]
    weak = frozenset(fold(str(word)).lower() for word in data.get("weak_deployment_cues") or [])
    if not weak <= {word for word, kind in kind_words.items() if kind == "deployed"}:
        missing = sorted(weak - set(kind_words))
        raise ConfigError(f"weak_deployment_cues not listed in kinds.deployed: {', '.join(missing)}",
                          path=path, hint="a weak cue is a deployment cue first: add it to kinds.deployed")
    return ClaimsLexicon(
        approximators=tuple(sorted(approximators, key=lambda item: -len(item[0]))),
        quantifiers=tuple(fold(str(word)).lower() for word in vague.get("quantifiers") or []),
        units={fold(str(k)).lower(): int(v) for k, v in (vague.get("units") or {}).items()},
        approximate_units={fold(str(k)).lower(): int(v) for k, v in (vague.get("approximate_units") or {}).items()},
        multipliers={fold(str(k)).lower(): int(v) for k, v in data["multipliers"].items()},
        skip_between=frozenset(fold(str(word)).lower() for word in data["skip_between"]),
        troop_nouns=frozenset(fold(str(word)).lower() for word in people.get("troop") or []),
        generic_troop_nouns=frozenset(fold(str(word)).lower() for word in people.get("generic_troop") or []),
        casualty_nouns=casualty,
        other_nouns=frozenset(fold(str(word)).lower() for word in people.get("other") or []),
        kind_words=kind_words,
        kind_phrases=tuple(sorted(kind_phrases, key=lambda item: -len(item[0]))),
        weak_deployment=weak,
        presence_prepositions=frozenset(fold(str(word)).lower() for word in data.get("presence_prepositions") or []),
        reporting_predicates=frozenset(fold(str(word)).lower() for word in data.get("reporting_predicates") or []),
        months=frozenset(fold(str(word)).lower() for word in not_people.get("months") or []),
        weekdays=frozenset(fold(str(word)).lower() for word in not_people.get("weekdays") or []),
        year_before=frozenset(fold(str(word)).lower() for word in not_people.get("year_before") or []),
        units_after=frozenset(fold(str(word)).lower() for word in not_people.get("units_after") or []),
        before=tuple(sorted((fold(str(word)).lower() for word in not_people.get("before") or []), key=len,
                            reverse=True)),
        north_korean=_regex(data["north_korean_cues"]["patterns"], path, "north_korean_cues"),
        russian=_regex(data["russian_cues"]["patterns"], path, "russian_cues"),
        context_sentences=int(data.get("context_sentences", 3)),
        wire_credit=_regex([str(data.get("wire_credit") or r"(?!x)x")], path, "wire_credit"),
        singular_casualty=frozenset(fold(str(word)).lower() for word in data.get("singular_casualty") or []),
        elision_words=frozenset(fold(str(word)).lower() for word in data.get("elision_words") or []),
        before_capitalised_ok=frozenset(fold(str(word)).lower() for word in data.get("before_capitalised_ok") or []),
        planned_lemmas=frozenset(fold(str(word)).lower() for word in status.get("planned_lemmas") or []),
        planned_modals=frozenset(fold(str(word)).lower() for word in status.get("planned_modals") or []),
    )


@lru_cache(maxsize=8)
def _load_cached(path: str) -> ClaimsLexicon:
    return _parse_lexicon(load_yaml(path, "the claims lexicon"), path)


def load_claims_lexicon(path: str | Path | None = None) -> ClaimsLexicon:
    """The compiled claims lexicon of ``path`` (default analysis/resources/claims.yaml), cached."""
    return _load_cached(str(Path(path) if path else resource("claims.yaml")))


