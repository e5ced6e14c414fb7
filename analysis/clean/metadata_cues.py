"""The metadata cues of metadata.yaml, compiled once, and the small helpers every finder shares.

The finders are in analysis.clean.dates (date lines) and analysis.clean.metadata (bylines, credits,
hashtags, site names); the cues they use are data, in ``analysis/resources/metadata.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateparser.languages.loader import default_loader

from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml
from analysis.core.paths import resource
from analysis.core.text import fold

CONFIG_NAME = "metadata.yaml"

REASON_DATELINE = "dateline"
REASON_BYLINE = "byline"
REASON_AGENCY = "agency credit"
REASON_PHOTO = "photo credit"
REASON_TAGS = "hashtags"
REASON_SITE = "site name"
REASON_RELATIVE = "relative date in body text (line kept)"

SOURCE_TEXT = "text"
SOURCE_RELATIVE = "relative"

# dateparser fills missing parts from "today"; a fixed base makes every result independent of the day
# the pipeline runs. Every locator hands dateparser a full day-month-year expression anyway.
_FIXED_BASE = dt.datetime(2000, 1, 1)
DATEPARSER_SETTINGS = {
    "RELATIVE_BASE": _FIXED_BASE,
    "DATE_ORDER": "DMY",  # French numeric dates: 12/11/2024 is 12 November
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
WEEKDAY_NAMES_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_REQUIRED_SECTIONS = ("dates", "byline", "agencies", "credits", "tags", "site_name")


@dataclass(frozen=True)
class Found:
    """One piece of metadata found in the text, and what the cleaner may remove because of it."""

    value: str
    source: str  # "text" (printed as metadata) or "relative" (inferred from a phrase in the body)
    line_no: int | None  # 1-based line to remove; None when the evidence stays in the body
    reason: str  # the removed_lines reason
    # Part of the line that is metadata; None = the whole line. For a relative date (line_no None)
    # it is the phrase's span on the line named in ``evidence``, which stays in the text.
    span: tuple[int, int] | None
    evidence: str = ""  # how it was found, for people reading the tables


@dataclass(frozen=True)
class FoundTags:
    """The hashtags of an article: whole tag lines to remove, and inline tags left in the text."""

    tags: tuple[str, ...]
    line_nos: tuple[int, ...]  # lines made only of tags (or of a tag label), removed by the cleaner
    inline: tuple[tuple[int, tuple[int, int]], ...] = ()  # (line_no, span) of tags inside kept lines
    reason: str = REASON_TAGS
    source: str = SOURCE_TEXT

    @property
    def value(self) -> str:
        """The tags as one table cell (" | "-joined)."""
        return " | ".join(self.tags)


# ----------------------------------------------------------------------------------------------
# Configuration


@dataclass(frozen=True)
class _Config:
    """metadata.yaml with its regular expressions compiled once."""

    raw: dict[str, Any]
    agency_alias: dict[str, str]  # spelling -> canonical name
    agency_re: str  # one agency name (case-sensitive)
    agency_list_re: str  # several agencies joined by "/", ",", "et", "&"
    weekdays: dict[str, int]  # casefolded weekday name (any configured language) -> 0..6
    months: frozenset[str]  # casefolded month names of the date languages


def load_metadata_config(path: Path | str | None = None) -> dict[str, Any]:
    """The metadata cues as a dict (the parsed ``metadata.yaml``), checked for required sections."""
    return _config(str(path) if path else str(resource(CONFIG_NAME))).raw


@lru_cache(maxsize=4)
def _config(path: str) -> _Config:
    raw = load_yaml(path, "the metadata cue file")
    if not isinstance(raw, dict) or any(key not in raw for key in _REQUIRED_SECTIONS):
        missing = [key for key in _REQUIRED_SECTIONS if not isinstance(raw, dict) or key not in raw]
        raise ConfigError(f"the metadata cue file lacks the sections {missing}", path=path,
                          hint=f"it needs the top-level keys {list(_REQUIRED_SECTIONS)}")
    aliases = {str(spelling): str(name) for name, spellings in raw["agencies"].items()
               for spelling in spellings}
    one = alternation(aliases, flags="")
    agency_re = rf"(?<![\w-])(?:{one})(?![\w-])"
    joiner = r"\s*(?:/|,|&|(?i:et|and))\s*"
    dates = raw["dates"]
    return _Config(
        raw=raw,
        agency_alias=aliases,
        agency_re=agency_re,
        agency_list_re=rf"{agency_re}(?:{joiner}{agency_re})*",
        weekdays=_weekday_names(tuple(dates["weekday_languages"])),
        months=_month_names(tuple(dates["languages"])),
    )


def cues() -> _Config:
    return _config(str(resource(CONFIG_NAME)))


def alternation(words: Iterable[str], flags: str = "i") -> str:
    """A regex alternation of literal cues, longest first so that "crédit photo" beats "crédit"."""
    return _alternation_of(tuple(str(word) for word in words), flags)


@lru_cache(maxsize=64)
def _alternation_of(words: tuple[str, ...], flags: str) -> str:
    body = "|".join(re.escape(fold(word)) for word in sorted(set(words), key=lambda w: (-len(w), w)))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _weekday_names(languages: tuple[str, ...]) -> dict[str, int]:
    """Weekday names from dateparser's locale data (abbreviations under 3 letters left out)."""
    names: dict[str, int] = {}
    for language in languages:
        info = default_loader.get_locale(language).info
        for index, key in enumerate(_WEEKDAY_KEYS):
            for name in info.get(key, []):
                if len(name) >= 3:
                    names.setdefault(name.casefold(), index)
    return names


def _month_names(languages: tuple[str, ...]) -> frozenset[str]:
    """Month names from dateparser's locale data."""
    return frozenset(name.casefold() for language in languages
                     for key in _MONTH_KEYS for name in default_loader.get_locale(language).info.get(key, []))


# ----------------------------------------------------------------------------------------------
# Small text helpers


def words_of(text: str) -> list[str]:
    return text.split()


def is_capitalised(token: str) -> bool:
    """True when the first letter of a token is upper case ("Jean-Baptiste", "DUPONT", "d'Arc" is not)."""
    letters = [char for char in token if char.isalpha()]
    return bool(letters) and letters[0].isupper()


def nonempty_lines(lines: Sequence[str]) -> list[int]:
    """0-based indices of the lines that hold more than whitespace."""
    return [index for index, line in enumerate(lines) if line.strip()]


def safe_lines(lines: Sequence[str] | None) -> list[str]:
    """Lines as strings; bad input (None, non-strings) becomes empty lines instead of a crash."""
    if not lines:
        return []
    return [line if isinstance(line, str) else "" for line in lines]


def canonical_agencies(text: str) -> list[str]:
    """Canonical names of the agencies named in ``text``, in order, without repeats."""
    config = cues()
    names: list[str] = []
    for match in re.finditer(config.agency_re, text):
        name = config.agency_alias.get(match.group(0), match.group(0))
        if name not in names:
            names.append(name)
    return names


