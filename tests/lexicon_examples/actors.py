"""How an example is checked in actors.yaml (the annotate stage's actor gazetteer).

An example is a sentence of an article. The probe runs the gazetteer as the annotate stage does
(analysis.annotate.actors.find_actors: every rule, overlapping matches resolved, longest first) and looks
at the matches it keeps: which group they give, which kind of rule made them, and the words matched.
"""

from __future__ import annotations

import re

from analysis.annotate.actors import _ROLE_MODIFIERS, _compile, _entry_rules, _name_regex, find_actors, fold_name
from lexicon_examples import FileSpec, Section, probe_through


def _shown(found) -> str:
    return "; ".join(f"{m.text!r}->{m.actor}/{m.group} ({m.kind})" for m in found) or "no actor"


_probe = probe_through(find_actors, _shown)


@_probe
def role_noun(entry, text, found):
    """A role phrase ("le ministre sud-coréen", "un haut responsable américain") headed by this noun."""
    head = re.compile(_ROLE_MODIFIERS + _name_regex(str(entry.value)) + r"(?![\w-])", re.IGNORECASE)
    return any(m.kind == "role" and head.match(fold_name(m.text)) for m in found)


@_probe
def gazetteer_entry(entry, text, found):
    """A kept match of this entry: its group, kind and actor, and words that one of its names or patterns
    matches in full."""
    group = str(entry.path[1])
    rules = _entry_rules(group, entry.value, entry.file)
    return any(m.group == group and m.kind == rule.kind and (rule.actor is None or m.actor == rule.actor)
               and rule.regex.fullmatch(fold_name(m.text)) for m in found for rule in rules)


@_probe
def adjective(entry, text, found):
    """A role phrase or a bare adjective of this group whose nationality word this adjective matches."""
    group = str(entry.path[1])
    word = _compile(fold_name(str(entry.value)), re.IGNORECASE, entry.file, "an adjective")
    return any(m.group == group and m.kind in ("role", "adjective") and word.search(fold_name(m.text))
               for m in found)


ACTORS = FileSpec(
    sections=(
        Section("role_nouns", role_noun, "a sentence in which this noun heads a speaker's role phrase "
                "(\"le ministre sud-coréen de la Défense\")"),
        Section("groups.*.entries", gazetteer_entry, "a sentence naming this actor as one of its names or "
                "patterns writes it", name_key="actor"),
        Section("groups.*.adjectives", adjective, "a sentence in which this adjective gives a role phrase "
                "or a phrase its group (\"un haut responsable américain\")"),
    ),
    settings={"groups.*.label": "the group's display name in the report"},
)
