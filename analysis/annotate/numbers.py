"""Numbers in a sentence's text: digits with French separators, number words, vague quantities, ranges.

Numbers are located with regular expressions on the text because spaCy splits "10 000" into two tokens
and glues quotes to words ("qu'\"environ"); text2num reads the number words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span
from text_to_num import text2num

from analysis.annotate.claims_lexicon import ClaimsLexicon, load_claims_lexicon
from analysis.core.text import fold

# Digits: "10 000" (plain, non-breaking, narrow or thin space), "1.000", "1500", "1,5". Not inside a
# time ("10:39"), a date ("19/12/2024"), a model name ("A-300", "Su-57") or a longer word.
_DIGITS = re.compile(
    r"(?<![\w:/.,-])(?:\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+|\d+(?:,\d+)?)(?![\w:/]|[.,]\d)"
)
_SEPARATORS = re.compile(r"[ \u00a0\u202f\u2009.]")
_NUMBER_WORD_EXCLUDED = {"un", "une"}  # articles far more often than numbers
_AFTER_ONE = {"million", "milliard"}  # ...but "un million" is a number, so "près d'un million" gets its approximator


@dataclass(frozen=True)
class FoundNumber:
    """A number found in the sentence text, before it is checked as a claim (offsets in the sentence)."""

    start: int  # where the claim text starts (approximator included)
    end: int
    number_start: int  # where the number itself starts
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    #: how precisely the number is stated (codebook §2's qualifier, in four classes): "exact" ("30", "six"),
    #: "bounded" ("au moins 30", "jusqu'à 12 000", "entre 10 000 et 12 000"), "approximate" ("environ 10 000",
    #: "une centaine") or "vague" ("plusieurs milliers": bounds only, no value)
    precision: str = "exact"


PRECISIONS = ("exact", "bounded", "approximate", "vague")


# --- numbers in the text ---------------------------------------------------------------------------

def parse_digits(text: str) -> float:
    """Value of a French digit string: "10 000" / "1.000" -> 1000-style grouping, "1,5" -> 1.5."""
    return float(_SEPARATORS.sub("", text).replace(",", "."))


@lru_cache(maxsize=4096)
def word_value(words: str) -> int | None:
    """Value of French number words read by text2num ("dix mille" -> 10000), or None."""
    if not words or any(char.isdigit() for char in words):
        return None
    try:
        return int(text2num(words, "fr"))
    except (ValueError, IndexError, KeyError):
        return None


def _multiplier_after(text: str, end: int, lexicon: ClaimsLexicon) -> tuple[int, int]:
    """(multiplier, new end) when a digit number is followed by "mille", "millions", ... ."""
    hit = re.match(r"\s+(\w+)\b", text[end:])
    if hit and fold(hit.group(1)).lower() in lexicon.multipliers:
        return lexicon.multipliers[fold(hit.group(1)).lower()], end + hit.end()
    return 1, end


def _digit_numbers(text: str, lexicon: ClaimsLexicon) -> list[tuple[int, int, float]]:
    found = []
    for hit in _DIGITS.finditer(text):
        multiplier, end = _multiplier_after(text, hit.end(), lexicon)
        found.append((hit.start(), end, parse_digits(hit.group()) * multiplier))
    return found


def _word_numbers(sent: Span, lexicon: ClaimsLexicon) -> list[tuple[int, int, float]]:
    """Runs of number words ("six", "dix mille", "vingt et un"), offsets in the sentence. "un"/"une" count
    only right before a singular casualty noun ("Un mort dans une manifestation")."""
    found, tokens, index = [], list(sent), 0
    while index < len(tokens):
        token = tokens[index]
        word = fold(token.text).lower()
        following = fold(tokens[index + 1].text).lower() if index + 1 < len(tokens) else ""
        if word in _NUMBER_WORD_EXCLUDED and following in lexicon.singular_casualty:
            start_char = token.idx - sent.start_char
            found.append((start_char, start_char + len(token.text), 1.0))
            index += 1
            continue
        if (word in _NUMBER_WORD_EXCLUDED and following not in _AFTER_ONE) or word_value(word) is None:
            index += 1
            continue
        end = index + 1
        while end < len(tokens):
            following = fold(tokens[end].text).lower()
            if word_value(following) is not None:
                end += 1
            elif following == "et" and end + 1 < len(tokens) and word_value(fold(tokens[end + 1].text).lower()):
                end += 2
            else:
                break
        while end > index + 1 and word_value(" ".join(fold(t.text).lower() for t in tokens[index:end])) is None:
            end -= 1
        value = word_value(" ".join(fold(t.text).lower() for t in tokens[index:end]))
        start_char = tokens[index].idx - sent.start_char
        end_char = tokens[end - 1].idx + len(tokens[end - 1].text) - sent.start_char
        found.append((start_char, end_char, float(value)))
        index = end
    return found


def _vague_numbers(text: str, lexicon: ClaimsLexicon) -> list[tuple[int, int, str, float | None, float | None,
                                                                   float | None]]:
    """Vague ("plusieurs milliers") and approximate ("une centaine") quantities: start, end, words, value,
    low, high."""
    folded = fold(text).lower()
    found = []
    units = "|".join(re.escape(unit) for unit in sorted(lexicon.units, key=len, reverse=True))
    quantifiers = "|".join(re.escape(word) for word in sorted(lexicon.quantifiers, key=len, reverse=True))
    for hit in re.finditer(rf"(?<!\w)(?:({quantifiers})\s*)?({units})(?!\w)", folded):
        unit = lexicon.units[hit.group(2)]
        start = hit.start(1) if hit.group(1) and hit.group(1) not in ("de", "d'") else hit.start(2)
        words = text[start:hit.end()]
        found.append((start, hit.end(), words, None, 2.0 * unit, 10.0 * unit - 1))
    for phrase, value in lexicon.approximate_units.items():
        for hit in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded):
            found.append((hit.start(), hit.end(), text[hit.start():hit.end()], float(value), None, None))
    return found


def _approximator_before(text: str, start: int, lexicon: ClaimsLexicon) -> tuple[str, str, int]:
    """(phrase as written, effect, start) of an approximator right before a number, or ("", "", start)."""
    before = fold(text[:start]).lower()
    stripped = before.rstrip(" \u00a0\"«“'(")
    elided = before.rstrip(" \u00a0\"«“(")  # an elided phrase ends with its apostrophe: "plus d'un millier"
    for phrase, effect in lexicon.approximators:
        words = elided if phrase.endswith("'") else stripped
        if words.endswith(phrase) and (len(words) == len(phrase) or not words[-len(phrase) - 1].isalnum()):
            phrase_start = len(words) - len(phrase)
            return text[phrase_start:len(words)], effect, phrase_start
    return "", "", start


def _overlaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in taken)


def _range_start(text: str, start: int, next_start: int, end: int) -> int | None:
    """Start of a range whose first number spans [start, end) and second starts at ``next_start``."""
    between = fold(text[end:next_start]).lower().strip()
    opener = text[:start].rstrip()
    if between == "et" and fold(opener).lower().endswith("entre"):
        return len(opener) - len("entre")
    if between in ("à", "-", "\u2013"):
        return len(opener) - 2 if between == "à" and re.search(r"(?<!\w)de$", fold(opener).lower()) else start
    return None


def _precision(value: float | None, vague_words: str, effect: str) -> str:
    """The precision class of a number: a vague quantity stays vague whatever precedes it ("au moins plusieurs
    milliers"); an approximate unit ("une centaine") or an approximator of effect approx is approximate; a
    floor or a ceiling ("au moins", "jusqu'à") is bounded; a plain number is exact."""
    if value is None:
        return "vague"
    if vague_words or effect == "approx":
        return "approximate"
    return "bounded" if effect in ("low", "high") else "exact"


def find_numbers(sent: Span, lexicon: ClaimsLexicon | None = None) -> list[FoundNumber]:
    """Every number of the sentence with its approximator or range, offsets relative to the sentence."""
    lexicon = lexicon or load_claims_lexicon()
    text = sent.text
    raw: list[tuple[int, int, float | None, float | None, float | None, str]] = []
    taken: list[tuple[int, int]] = []
    for start, end, value in _digit_numbers(text, lexicon):
        raw.append((start, end, value, None, None, ""))
        taken.append((start, end))
    word_numbers = _word_numbers(sent, lexicon)
    for start, end, words, value, low, high in _vague_numbers(text, lexicon):
        # "deux millions" is a number: its unit is no vague "millions" (text2num reads no other unit)
        counted = any(word_start < start and end <= word_end for word_start, word_end, _ in word_numbers)
        if not counted and not _overlaps(start, end, taken):
            raw.append((start, end, value, low, high, words))
            taken.append((start, end))
    for start, end, value in word_numbers:
        if not _overlaps(start, end, taken):
            raw.append((start, end, value, None, None, ""))
            taken.append((start, end))
    raw.sort()
    numbers: list[FoundNumber] = []
    index = 0
    while index < len(raw):
        start, end, value, low, high, qualifier = raw[index]
        if index + 1 < len(raw) and value is not None and raw[index + 1][2] is not None:
            first = _range_start(text, start, raw[index + 1][0], end)
            if first is not None:  # "entre 10 000 et 12 000", "de 10 000 à 12 000", "10 000 à 12 000"
                next_end = raw[index + 1][1]
                numbers.append(FoundNumber(first, next_end, start, None, value, raw[index + 1][2], "range",
                                           "bounded"))
                index += 2
                continue
        phrase, effect, phrase_start = _approximator_before(text, start, lexicon)
        precision = _precision(value, qualifier, effect)
        if effect == "low":
            low = value if value is not None else low
        elif effect == "high":
            high = value if value is not None else high
        glue = "" if phrase.endswith(("'", "’")) else " "  # "plus d'un millier", not "plus d' un millier"
        numbers.append(FoundNumber(phrase_start, end, start, value, low, high,
                                   glue.join(part for part in (phrase, qualifier) if part), precision))
        index += 1
    return numbers


