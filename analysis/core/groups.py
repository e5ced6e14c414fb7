"""The actor groups' display names ("south_korea" -> "South Korea"), read from actors.yaml.

The annotate stage codes each source into a group key (analysis.annotate.actors); the compare and
report stages show the group under its display name. The names live in the gazetteer's ``groups:``
section, read here once, so that no later stage has to load the annotate stage's matcher.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.core.lexicon import load_yaml
from analysis.core.paths import resource

ACTORS_FILE = "actors.yaml"


@lru_cache(maxsize=4)
def group_labels(path: str | None = None) -> dict[str, str]:
    """Display name of every group of the gazetteer (``label:``, else the key)."""
    data = load_yaml(path or resource(ACTORS_FILE), "the actor gazetteer") or {}
    groups = data.get("groups") if isinstance(data, dict) else None
    return {str(group): str((spec or {}).get("label") or group) for group, spec in (groups or {}).items()}


def group_label(group: object) -> str:
    """Display name of an actor group key; "no source" for an empty one ("a_b" -> "A b" when unknown)."""
    text = str(group or "").strip()
    if not text or text == "nan":
        return "no source"
    return group_labels().get(text, text.replace("_", " ").capitalize())
