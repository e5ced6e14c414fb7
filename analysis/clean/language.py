"""Language of an article, by lingua, so that non-French articles are set aside with a reason.

The detector is built once per process from a fixed list of languages a news corpus on this story
can plausibly hold (French, the languages of the countries involved and of the agencies quoted, and
the large European languages): a fixed list keeps the result deterministic and avoids confusing
French with rare languages on short texts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from lingua import ConfidenceValue, Language, LanguageDetector, LanguageDetectorBuilder

CANDIDATE_LANGUAGES = (
    Language.FRENCH, Language.ENGLISH, Language.GERMAN, Language.SPANISH, Language.ITALIAN,
    Language.PORTUGUESE, Language.DUTCH, Language.RUSSIAN, Language.UKRAINIAN, Language.ARABIC,
    Language.KOREAN,
)

#: Below this many letters a text (a headline fragment, a photo credit) does not say its language
#: reliably: lingua's own accuracy drops sharply under a few words, and 20 letters is about three
#: to four French words. Such texts get ("", 0.0): unknown, not a guess.
MIN_LETTERS = 20

LETTER = re.compile(r"[^\W\d_]")  # a Unicode letter: a word character that is neither a digit nor "_"


@lru_cache(maxsize=1)
def language_detector() -> LanguageDetector:
    """The lingua detector over CANDIDATE_LANGUAGES, built once per process."""
    return LanguageDetectorBuilder.from_languages(*CANDIDATE_LANGUAGES).build()


def count_letters(text: str) -> int:
    """Number of letters (any script) in a text."""
    return len(LETTER.findall(text))


def _top(values: list[ConfidenceValue]) -> tuple[str, float]:
    """The most likely language and its confidence, or ("", 0.0) when lingua gives none."""
    if not values:
        return "", 0.0
    best = values[0]  # lingua sorts the confidence values, highest first
    return best.language.iso_code_639_1.name.lower(), round(float(best.value), 4)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the text's language and lingua's confidence (0-1, rounded to 4 places).

    Returns ("", 0.0) for a text with fewer than MIN_LETTERS letters.
    """
    if count_letters(text) < MIN_LETTERS:
        return "", 0.0
    return _top(language_detector().compute_language_confidence_values(text))


def detect_languages(texts: Sequence[str]) -> list[tuple[str, float]]:
    """:func:`detect_language` of many texts at once, using lingua's parallel (multi-core) detection."""
    results: list[tuple[str, float]] = [("", 0.0)] * len(texts)
    eligible = [index for index, text in enumerate(texts) if count_letters(text) >= MIN_LETTERS]
    if eligible:
        values = language_detector().compute_language_confidence_values_in_parallel(
            [texts[index] for index in eligible])
        for index, confidence_values in zip(eligible, values):
            results[index] = _top(confidence_values)
    return results
