"""When a sentence is about the North Korean troops (the rules of deployment_mentions.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml
from analysis.core.paths import display_path, resource


@dataclass(frozen=True)
class MentionRules:
    """When a sentence is about the North Korean troops (analysis/resources/deployment_mentions.yaml)."""

    north_korea: tuple[re.Pattern, ...]
    troop_lemmas: frozenset[str]
    people: tuple[re.Pattern, ...] = field(default=())


@lru_cache(maxsize=4)
def load_mention_rules(path: Path | None = None) -> MentionRules:
    """Read the deployment-mention rules; a malformed file is a ConfigError naming the problem."""
    path = Path(path) if path else resource("deployment_mentions.yaml")
    data = load_yaml(path, "the deployment-mention rules") or {}
    try:
        north_korea = tuple(re.compile(p, re.IGNORECASE) for p in data.get("north_korea_patterns") or [])
        people = tuple(re.compile(p) for p in data.get("people_patterns") or [])
    except re.error as error:
        raise ConfigError(f"invalid regular expression {error.pattern!r}: {error}", path=display_path(path),
                          hint="fix the pattern (Python `re` syntax).") from error
    lemmas = frozenset(str(lemma).strip().lower() for lemma in data.get("troop_lemmas") or [])
    if not north_korea or not lemmas:
        raise ConfigError("north_korea_patterns and troop_lemmas must both list at least one entry",
                          path=display_path(path), hint="restore the file from the repository.")
    return MentionRules(north_korea, lemmas, people)


def mentions_deployment(text: str, lemmas: Iterable[str] | str, rules: MentionRules | None = None) -> bool:
    """Whether a sentence is about the North Korean troops: North Korea + a troop lemma, or "Nord-Coréens"."""
    rules = rules or load_mention_rules()
    text = str(text or "")
    if any(pattern.search(text) for pattern in rules.people):
        return True
    if not any(pattern.search(text) for pattern in rules.north_korea):
        return False
    words = lemmas.split() if isinstance(lemmas, str) else list(lemmas)
    return any(str(word).lower() in rules.troop_lemmas for word in words)


