"""How an example is checked in frames.yaml (the frame codebook of analysis/annotate/frames.py).

An example is one sentence, as the clean stage cuts them. The probe codes it as the annotate stage does
(parsing.code: attributions, then stance and claims), writes what the frames stage reads of it (the lemmas
column by the annotate stage's sentence_lemmas, the stance ``denial`` flag, the attributions' actor groups,
the claims' kinds), turns those tables into the stage's own SentenceFeatures (sentence_features) and matches
the codebook as the stage loads it (its _Loader, as load_codebook does) with the stage's own rule matching
(_match_rules).

An entry of the codebook is one rule (an item of an indicator's or a policy frame's ``rules:``) or one word of
a ``lexicons:`` list. A rule fires when the cue it gives on the example (e.g. "séoul+mesure") is among the
cues the stage reports for its indicator (generic) or policy frame: that very rule matched, not merely the
indicator. A lexicon word fires when the first rule that uses the lexicon ("@name") reports this word as its
cue. The lemmas inside a rule's own ``lemmas:`` list are not entries: the rule is the codebook's unit.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

import analysis.core.paths as paths
from analysis.annotate.frames import (
    CODEBOOK_FILE,
    Codebook,
    Rule,
    SentenceFeatures,
    _Loader,
    _match_rules,
    normalize_text,
    sentence_features,
)
from analysis.annotate.stage import sentence_lemmas
from analysis.core.lexicon import load_yaml
from lexicon_examples import Entry, FileSpec, Outcome, Section
from lexicon_examples.parsing import code

#: The keys of a rule that hold lemma lists (where "@name" may stand for a lexicon).
_LEMMA_KEYS = ("lemmas", "with_lemmas")


def features(text: str) -> list[SentenceFeatures]:
    """The example's sentences as the frames stage sees them, from the annotate stage's own outputs."""
    sentences, lemmas, attributions, stance, claims = [], [], [], [], []
    for number, coded in enumerate(code(text)):
        sentence_id = f"x-s{number:03d}"
        sentences.append({"sentence_id": sentence_id, "article_id": "x", "kind": "body", "text": coded.sent.text})
        lemmas.append({"sentence_id": sentence_id, "lemmas": sentence_lemmas(coded.sent)})
        stance.append({"sentence_id": sentence_id, "denial": coded.stance.denial})
        attributions += [{"sentence_id": sentence_id, "actor_group": found.actor_group}
                         for found in coded.attributions]
        claims += [{"sentence_id": sentence_id, "kind": claim.kind} for claim in coded.claims]
    tables = [pd.DataFrame(rows, columns=columns) for rows, columns in (
        (sentences, ["sentence_id", "article_id", "kind", "text"]), (lemmas, ["sentence_id", "lemmas"]),
        (attributions, ["sentence_id", "actor_group"]), (stance, ["sentence_id", "denial"]),
        (claims, ["sentence_id", "kind"]))]
    return [found for _, found in sentence_features(*tables).get("x", [])]


def _codebook() -> tuple[Codebook, _Loader]:
    """The codebook as the stage loads it, and its loader (which knows the lexicons)."""
    path = paths.RESOURCES_DIR / CODEBOOK_FILE
    loader = _Loader(load_yaml(path, "the frame codebook"), path)
    return loader.load(), loader


def _scope(codebook: Codebook, path: tuple[Any, ...]) -> tuple[Rule, ...]:
    """The rules of the indicator (generic) or policy frame that holds the rule at ``path``."""
    scheme, frame_name = path[1], path[3]
    frame = next(frame for frame in codebook.schemes[scheme].frames if frame.name == frame_name)
    return frame.indicators[path[5]].rules if scheme == "generic" else frame.rules


def _shown(found: list[tuple[SentenceFeatures, str | None, list[str]]]) -> str:
    return "; ".join(f"{features.lemmas} -> own cue {own!r}, stage cues {cues}" for features, own, cues in found) \
        or "no sentence"


def rule(entry: Entry, text: str) -> Outcome:
    """The cue this rule gives on the example is among the cues the stage finds for its indicator or frame."""
    codebook, loader = _codebook()
    own = loader.rule(entry.label, entry.value)
    scope = _scope(codebook, entry.path)
    found = [(sentence, own.match(sentence, codebook.side_of_group),
              _match_rules(scope, sentence, codebook.side_of_group)) for sentence in features(text)]
    return Outcome(any(cue is not None and cue in cues for _, cue, cues in found), _shown(found))


def rule_name(data: Any, path: tuple[Any, ...]) -> str:
    """A rule named by its indicator's id (generic) or its frame (policy) and its place in ``rules``."""
    owner = data
    for key in path[:-2]:
        owner = owner[key]
    return f"{owner.get('id', path[3])}.rules[{path[-1]}]"


def _first_rule_using(raw: Any, lexicon: str) -> tuple[tuple[Any, ...], int]:
    """The path of the first rule (in file order) whose lemma lists use ``@lexicon``, and which part of its cue
    (0: the first lemma list given, 1: the second) the lexicon's word is."""
    for scheme, scheme_raw in raw["schemes"].items():
        for frame_name, frame_raw in scheme_raw["frames"].items():
            owners = [(("indicators", index), item) for index, item in enumerate(frame_raw.get("indicators", []))] \
                or [((), frame_raw)]
            for where, owner in owners:
                for index, item in enumerate(owner["rules"]):
                    given = [key for key in _LEMMA_KEYS if item.get(key)]
                    for part, key in enumerate(given):
                        if f"@{lexicon}" in map(str, item[key]):
                            return ("schemes", scheme, "frames", frame_name, *where, "rules", index), part
    raise LookupError(f"no rule uses @{lexicon}")


def lexicon_word(entry: Entry, text: str) -> Outcome:
    """The first rule that uses this word's lexicon matches the example with this word as its cue."""
    codebook, loader = _codebook()
    path, part = _first_rule_using(loader.raw, str(entry.path[1]))
    scope = _scope(codebook, path)
    own = scope[path[-1]]
    word = normalize_text(str(entry.value))
    found = [(sentence, own.match(sentence, codebook.side_of_group),
              _match_rules(scope, sentence, codebook.side_of_group)) for sentence in features(text)]
    fired = any(cue is not None and cue in cues and cue.split("+")[part] == word for _, cue, cues in found)
    return Outcome(fired, f"through {'.'.join(map(str, path))}: {_shown(found)}")


FRAMES = FileSpec(
    sections=(
        Section("schemes.generic.frames.*.indicators.*.rules", rule, "a sentence this rule matches (the "
                "indicator's question answered yes through it)", namer=rule_name),
        Section("schemes.policy.frames.*.rules", rule, "a sentence this rule matches (a cue sentence of the "
                "policy frame through it)", namer=rule_name),
        Section("lexicons.*", lexicon_word, "a sentence in which this word is the cue of the first rule that "
                "uses its lexicon"),
    ),
    settings={
        "version": "the codebook's layout version",
        "actor_sides": "the sides of the issue, as actor groups (read by min_actor_sides rules)",
        "schemes.*.title": "a title", "schemes.*.reference": "a reference",
        "schemes.*.sentence_kinds": "which sentences are counted",
        "schemes.*.present_min_indicators": "a threshold", "schemes.*.present_min_sentences": "a threshold",
        "schemes.*.other_frame": "the residual frame's name",
        "schemes.*.frames.*.label": "a label", "schemes.*.frames.*.definition": "a definition",
        "schemes.*.frames.*.present_min_sentences": "a threshold (calibrated on the dev split)",
        "schemes.*.frames.*.indicators.*.id": "an indicator's id",
        "schemes.*.frames.*.indicators.*.question": "an indicator's question",
    },
)
