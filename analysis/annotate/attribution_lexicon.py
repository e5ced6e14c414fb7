"""The attribution cue lexicon (reporting_verbs.yaml), compiled once, and the quotation regions of a text.

analysis.annotate.attribution applies these lists to a parsed sentence; this module only reads and checks
them. :func:`quote_regions` is shared with the stance and claims coders (a cue or a figure inside a
quotation is the quoted speaker's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.annotate.actors import fold_name
from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml
from analysis.core.paths import resource


@dataclass(frozen=True)
class CueLexicon:
    """The cue lists of reporting_verbs.yaml, ready for lookups."""

    verbs: frozenset[str]
    verb_phrases: tuple[tuple[str, str], ...]  # ("faire", "savoir"): a verb and a word among the next three
    content_verbs: frozenset[str]  # verbs that report speech only with a que-clause or a quotation
    selon_not_a_source: frozenset[str]
    speaker_nouns: frozenset[str]  # person and organisation nouns: who can speak
    document_nouns: frozenset[str]  # "un comptage de l'AFP", "un rapport du NIS": the author speaks
    anaphoric_heads: frozenset[str]
    possessive_heads: frozenset[str]  # "son entourage", "ses proches": the possessor speaks
    state_nouns: frozenset[str]  # "les autorités", "la marine": the article's country speaks
    title_complements: frozenset[str]  # "le chef de l'État", "le président de la République": still a bare role
    subject_pronouns: frozenset[str]
    inverted_pronouns: frozenset[str]  # "a-t-il déclaré", "estime-t-elle", "relève-t-on"
    opinion_phrases: tuple[tuple[str, ...], ...]  # "pour X,", "de l'avis de X", "aux dires de X"
    postposed_skip: frozenset[str]
    quote_marks: tuple[tuple[str, str], ...]
    pronoun_lookback_sentences: int
    quoted_share: float  # a sentence this much inside quotation marks continues a neighbour's quotation


def _lowered(values: Iterable[object]) -> frozenset[str]:
    return frozenset(fold_name(str(value)).lower() for value in values)


REQUIRED = ("verbs", "verb_phrases", "content_verbs", "selon_not_a_source", "speaker_nouns", "document_nouns",
            "anaphoric_heads",
            "possessive_heads", "state_nouns", "title_complements", "subject_pronouns", "inverted_pronouns",
            "opinion_phrases", "postposed_skip", "quote_marks", "pronoun_lookback_sentences", "split_quote_share")


@lru_cache(maxsize=8)
def _load_cues_cached(path: str) -> CueLexicon:
    data = load_yaml(path, "the reporting-verb lexicon")
    if not isinstance(data, dict) or any(key not in data for key in REQUIRED):
        raise ConfigError(f"the reporting-verb lexicon must define {', '.join(REQUIRED)}", path=path)
    marks = tuple((str(pair[0]), str(pair[1])) for pair in data["quote_marks"])
    if any(len(opening) != 1 or len(closing) != 1 for opening, closing in marks):
        raise ConfigError("each quote_marks entry must be a pair of single characters", path=path)
    share = float(data["split_quote_share"])
    if not 0 < share <= 1:
        raise ConfigError(f"split_quote_share must be in (0, 1]: {share}", path=path)
    return CueLexicon(
        verbs=_lowered(data["verbs"]),
        content_verbs=_lowered(data["content_verbs"]),
        verb_phrases=tuple(tuple(fold_name(str(word)).lower() for word in str(phrase).split()[:2])
                           for phrase in data["verb_phrases"]),
        selon_not_a_source=_lowered(data["selon_not_a_source"]),
        speaker_nouns=_lowered(data["speaker_nouns"]),
        document_nouns=_lowered(data["document_nouns"]),
        anaphoric_heads=_lowered(data["anaphoric_heads"]),
        possessive_heads=_lowered(data["possessive_heads"]),
        state_nouns=_lowered(data["state_nouns"]),
        title_complements=_lowered(data["title_complements"]),
        subject_pronouns=_lowered(data["subject_pronouns"]),
        inverted_pronouns=_lowered(data["inverted_pronouns"]),
        # as spaCy tokenizes them: "de l'avis des" -> de, l', avis, des
        opinion_phrases=tuple(tuple(re.findall(r"[^\s']+'?", fold_name(str(phrase)).lower()))
                              for phrase in data["opinion_phrases"]),
        postposed_skip=_lowered(data["postposed_skip"]),
        quote_marks=marks,
        pronoun_lookback_sentences=int(data["pronoun_lookback_sentences"]),
        quoted_share=share,
    )


def load_cues(path: str | Path | None = None) -> CueLexicon:
    """The cue lexicon of ``path`` (default analysis/resources/reporting_verbs.yaml), cached per file."""
    return _load_cues_cached(str(Path(path) if path else resource("reporting_verbs.yaml")))


def quote_regions(text: str, marks: Sequence[tuple[str, str]] | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the quoted words in ``text`` (marks excluded).

    A quotation opened and not closed runs to the end of the text; a closing mark with no opening one
    (a sentence that starts inside a quotation) closes a quotation begun at the start of the text.
    """
    # Hand-written: a scan over pairs of marks; spaCy has no quotation component for French.
    marks = marks if marks is not None else load_cues().quote_marks
    openers = {opening: closing for opening, closing in marks}
    closers = {closing for _, closing in marks}
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    expected = ""
    for index, char in enumerate(text):
        if open_at is not None:
            if char == expected:
                regions.append((open_at, index))
                open_at = None
            continue
        glued_to_word = index > 0 and text[index - 1].isalnum() and not text[index + 1:index + 2].isalnum()
        if char in closers and not regions and (char not in openers or glued_to_word):
            regions.append((0, index))  # 'fin de citation", a déclaré…': began inside a quote
        elif char in openers:
            open_at, expected = index + 1, openers[char]
    if open_at is not None:
        regions.append((open_at, len(text)))
    trimmed = []
    for start, end in regions:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if re.search(r"\w", text[start:end]):
            trimmed.append((start, end))
    return trimmed


def quoted_share(text: str, marks: Sequence[tuple[str, str]] | None = None) -> float:
    """The share of a text's letters that are inside quotation marks (0 for a text without letters)."""
    letters = sum(char.isalpha() for char in text)
    if not letters:
        return 0.0
    inside = sum(char.isalpha() for start, end in quote_regions(text, marks) for char in text[start:end])
    return inside / letters
