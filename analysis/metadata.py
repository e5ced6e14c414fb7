"""Metadata printed in an article's text: date line, byline, wire agency, photo credit, hashtags, site name.

Every finder is a pure function over a RawDocument's lines (1-based line numbers = index + 1). It
returns a :class:`Found` (or ``None``) that says what was found, on which line, which part of the line
(``span``; ``None`` = the whole line) and the reason the cleaner records when it moves that line to
removed_lines. A finding whose ``line_no`` is ``None`` (a relative date inside body prose) removes
nothing.

Division of labour: dateparser parses every date (French month names, numeric orders, weekday
names in any language come from its locale data); the regular expressions here only LOCATE where a
date line, a byline or a credit is printed. The cues they use (markers, labels, agency names, site
words) live in ``analysis/resources/metadata.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import dateparser
import yaml
from dateparser.languages.loader import default_loader

from analysis.errors import ConfigError
from analysis.paths import resource

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
_DATEPARSER_SETTINGS = {
    "RELATIVE_BASE": _FIXED_BASE,
    "DATE_ORDER": "DMY",  # French numeric dates: 12/11/2024 is 12 November
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_WEEKDAY_NAMES_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

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
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError("the metadata cue file is missing", path=path,
                          hint="restore analysis/resources/metadata.yaml from the repository") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"the metadata cue file is not valid YAML: {error}", path=path,
                          hint="fix the YAML syntax (indentation, quotes)") from error
    if not isinstance(raw, dict) or any(key not in raw for key in _REQUIRED_SECTIONS):
        missing = [key for key in _REQUIRED_SECTIONS if not isinstance(raw, dict) or key not in raw]
        raise ConfigError(f"the metadata cue file lacks the sections {missing}", path=path,
                          hint=f"it needs the top-level keys {list(_REQUIRED_SECTIONS)}")
    aliases = {str(spelling): str(name) for name, spellings in raw["agencies"].items()
               for spelling in spellings}
    one = _alternation(aliases, flags="")
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


def _cfg() -> _Config:
    return _config(str(resource(CONFIG_NAME)))


def _alternation(words: Iterable[str], flags: str = "i") -> str:
    """A regex alternation of literal cues, longest first so that "crédit photo" beats "crédit"."""
    return _alternation_of(tuple(str(word) for word in words), flags)


@lru_cache(maxsize=64)
def _alternation_of(words: tuple[str, ...], flags: str) -> str:
    body = "|".join(re.escape(_fold(word)) for word in sorted(set(words), key=lambda w: (-len(w), w)))
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

_FOLD = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def _fold(text: str) -> str:
    """Typographic apostrophes and odd spaces made plain; one character per character (spans stay valid)."""
    return text.translate(_FOLD)


def _words(text: str) -> list[str]:
    return text.split()


def _is_capitalised(token: str) -> bool:
    """True when the first letter of a token is upper case ("Jean-Baptiste", "DUPONT", "d'Arc" is not)."""
    letters = [char for char in token if char.isalpha()]
    return bool(letters) and letters[0].isupper()


def _nonempty(lines: Sequence[str]) -> list[int]:
    """0-based indices of the lines that hold more than whitespace."""
    return [index for index, line in enumerate(lines) if line.strip()]


def _safe_lines(lines: Sequence[str] | None) -> list[str]:
    """Lines as strings; bad input (None, non-strings) becomes empty lines instead of a crash."""
    if not lines:
        return []
    return [line if isinstance(line, str) else "" for line in lines]


def _canonical_agencies(text: str) -> list[str]:
    """Canonical names of the agencies named in ``text``, in order, without repeats."""
    config = _cfg()
    names: list[str] = []
    for match in re.finditer(config.agency_re, text):
        name = config.agency_alias.get(match.group(0), match.group(0))
        if name not in names:
            names.append(name)
    return names


# ----------------------------------------------------------------------------------------------
# Dates


@dataclass(frozen=True)
class _DateMatch:
    start: int
    end: int
    date: dt.date
    weekday_word: str  # a weekday name printed with the date ("Lundi"), "" when none


# Locating patterns only (dateparser parses what they find). A numeric date may be glued to a time
# before it ("10:3919/12/2024" in seed 004), hence the second look-behind.
_NUMERIC_DATE = re.compile(r"(?:(?<!\d)|(?<=[:h]\d\d))\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
_TEXT_DATE = re.compile(
    r"(?<!\w)(?:(?P<wd>[^\W\d_]+)\.?,?\s+)?"  # optional weekday ("Lundi")
    r"(?P<d>\d{1,2})(?:er|ᵉʳ)?\s+(?P<m>[^\W\d_]+)\.?,?\s+(?P<y>\d{4})(?!\d)"  # "1er décembre 2024"
)
_TIME = re.compile(r"(?<!\d)\d{1,2}\s?[:h]\s?\d{2}(?:\s?(?:min|mn))?|(?<!\d)\d{1,2}h(?!\w)")


@lru_cache(maxsize=4096)
def _parse_date(expression: str) -> dt.date | None:
    """A full day-month-year expression parsed by dateparser; None when it is not a date."""
    try:
        parsed = dateparser.parse(expression, languages=list(_cfg().raw["dates"]["languages"]),
                                  settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser can raise on odd input; a non-date is simply not a date
        return None
    return parsed.date() if parsed else None


def _locate_dates(text: str) -> list[_DateMatch]:
    """Full dates printed in ``text`` (numeric, ISO or "[weekday] 10 octobre 2024"), in text order."""
    weekdays = _cfg().weekdays
    found: list[_DateMatch] = []
    for pattern in (_ISO_DATE, _NUMERIC_DATE):
        for match in pattern.finditer(text):
            date = _parse_date(match.group(0))
            if date:
                found.append(_DateMatch(match.start(), match.end(), date, ""))
    for match in _TEXT_DATE.finditer(text):
        if match.group("m").casefold() not in _cfg().months:
            continue
        date = _parse_date(f"{match.group('d')} {match.group('m')} {match.group('y')}")
        if not date:
            continue
        weekday = match.group("wd") or ""
        if weekday.casefold() in weekdays:
            found.append(_DateMatch(match.start(), match.end(), date, weekday))
        else:
            found.append(_DateMatch(match.start("d"), match.end(), date, ""))
    found.sort(key=lambda item: (item.start, -item.end))
    kept: list[_DateMatch] = []
    for item in found:  # drop overlaps (a numeric date inside a longer match)
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


def _weekday_note(line: str, date: dt.date) -> str:
    """Whether weekday names printed on the line agree with the date (evidence only, never decisive)."""
    weekdays = _cfg().weekdays
    printed = [word for word in re.findall(r"[^\W\d_]+", line) if word.casefold() in weekdays]
    if not printed:
        return ""
    agree = all(weekdays[word.casefold()] == date.weekday() for word in printed)
    verdict = "agrees" if agree else "DISAGREES"
    return f"; weekday {'/'.join(printed)} {verdict} with {_WEEKDAY_NAMES_FR[date.weekday()]}"


def _marker_re(words: Iterable[str]) -> re.Pattern[str]:
    """A marker at the start of a line or after a separator (|, •, -, –, —); not after a comma, which
    would take prose ("Ce rapport, publié le 4 octobre 2024 par un média, …") for a date line."""
    return re.compile(rf"(?:^|[|•·–—]|\s-)\s*(?P<marker>{_alternation(words)})(?!\w)\s*:?\s*")


def _find_marked_date(lines: Sequence[str]) -> Found | None:
    """A date after a publication marker: "Publié le …", "Publié par X le …" (update dates skipped)."""
    dates = _cfg().raw["dates"]
    published = _marker_re(dates["published_markers"])
    updated = re.compile(_alternation(dates["updated_markers"]) + r"(?!\w)")
    for index, line in enumerate(lines):
        folded = _fold(line)
        if len(_words(folded)) > dates["max_marker_line_words"]:
            continue
        for marker in published.finditer(folded):
            segment_end = len(folded)
            update = updated.search(folded, marker.end())
            if update:
                segment_end = update.start()
            located = _locate_dates(folded[marker.end():segment_end])
            if not located:
                continue
            first = located[0]
            start, end = marker.end() + first.start, marker.end() + first.end
            evidence = (f"line {index + 1}: marker \u00ab{marker.group('marker').strip()}\u00bb "
                        f"+ \u00ab{line[start:end]}\u00bb" + _weekday_note(line, first.date))
            return Found(first.date.isoformat(), SOURCE_TEXT, index + 1, REASON_DATELINE, None, evidence)
    return None


def _find_standalone_dateline(lines: Sequence[str]) -> Found | None:
    """A short line near the top made only of a date, a time, a weekday and filler words."""
    config = _cfg()
    dates = config.raw["dates"]
    filler = {word.casefold() for word in dates["filler_words"]}
    updated = re.compile(_alternation(dates["updated_markers"]) + r"(?!\w)")
    for index in _nonempty(lines)[: dates["top_lines"]]:
        line = _fold(lines[index])
        if len(_words(line)) > dates["max_words"] or updated.search(line):
            continue
        located = _locate_dates(line)
        if not located:
            continue
        rest = list(line)
        for item in located:
            rest[item.start:item.end] = " " * (item.end - item.start)
        rest_text = _TIME.sub(" ", "".join(rest))
        if re.search(r"\d", rest_text):
            continue  # other numbers: not a pure date line
        leftover = [word for word in re.findall(r"[^\W\d_]+", rest_text)
                    if word.casefold() not in filler and word.casefold() not in config.weekdays]
        if leftover:
            continue
        first = located[0]
        evidence = (f"line {index + 1}: date line \u00ab{lines[index].strip()}\u00bb"
                    + _weekday_note(line, first.date))
        return Found(first.date.isoformat(), SOURCE_TEXT, index + 1, REASON_DATELINE, None, evidence)
    return None


def _mentioned_years(lines: Sequence[str], first: int, last: int) -> list[int]:
    """Years the text mentions after a month name or a year word ("février 2022", "depuis 1990")."""
    config = _cfg()
    context = {_fold(word).casefold() for word in config.raw["dates"]["year_context_words"]} | config.months
    years = []
    for line in lines:
        folded = _fold(line)
        for match in re.finditer(r"(?<!\d\s)(?<![\d.,])(?:1[89]|20)\d\d(?!\d)", folded):
            before = re.search(r"([^\W\d_]+'?)[\s-]*$", folded[max(0, match.start() - 25):match.start()])
            year = int(match.group(0))
            if before and before.group(1).casefold() in context and year <= last and year >= first - 50:
                years.append(year)
    return years


def _find_relative_date(lines: Sequence[str], anchor_year: int | None) -> Found | None:
    """ "aujourd'hui, mercredi 23 octobre" in the body: the weekday picks the year (line kept)."""
    config = _cfg()
    dates = config.raw["dates"]
    window_first, window_last = int(dates["year_window"]["first"]), int(dates["year_window"]["last"])
    pattern = re.compile(
        rf"(?P<cue>{_alternation(dates['relative_cues'])})\s*,?\s*(?:(?i:le)\s+)?"
        r"(?P<wd>[^\W\d_]+)\s+(?P<d>\d{1,2})(?:er)?\s+(?P<m>[^\W\d_]+)(?:\s+(?P<y>\d{4}))?(?!\w)"
    )
    for index, line in enumerate(lines):
        for match in pattern.finditer(_fold(line)):
            weekday = config.weekdays.get(match.group("wd").casefold())
            if weekday is None or match.group("m").casefold() not in config.months:
                continue
            phrase = line[match.start():match.end()]
            if match.group("y"):
                date = _parse_date(f"{match.group('d')} {match.group('m')} {match.group('y')}")
                if date:
                    note = _weekday_note(match.group("wd"), date)
                    return Found(date.isoformat(), SOURCE_RELATIVE, None, REASON_RELATIVE, match.span(),
                                 f"line {index + 1}: \u00ab{phrase}\u00bb names the day of writing{note}")
                continue
            chosen = _year_from_weekday(match.group("d"), match.group("m"), weekday, lines, anchor_year,
                                        window_first, window_last)
            if chosen is None:
                continue
            date, why = chosen
            return Found(date.isoformat(), SOURCE_RELATIVE, None, REASON_RELATIVE, match.span(),
                         f"line {index + 1}: \u00ab{phrase}\u00bb names the day of writing; {why}")
    return None


def _year_from_weekday(day: str, month: str, weekday: int, lines: Sequence[str], anchor_year: int | None,
                       window_first: int, window_last: int) -> tuple[dt.date, str] | None:
    """The year in which day+month falls on ``weekday``, chosen with the evidence; None if undecidable."""
    month_date = _parse_date(f"{day} {month} 2000")  # dateparser reads the month (2000: leap year)
    if month_date is None:
        return None
    candidates = []
    for year in range(window_first, window_last + 1):
        try:
            date = dt.date(year, month_date.month, month_date.day)
        except ValueError:  # 29 February of a common year
            continue
        if date.weekday() == weekday:
            candidates.append(date)
    if not candidates:
        return None
    listed = ", ".join(str(date.year) for date in candidates)
    head = (f"{_WEEKDAY_NAMES_FR[weekday]} {month_date.day:d}/{month_date.month:02d} falls in "
            f"{listed} within {window_first}\u2013{window_last}")
    if anchor_year is not None:
        best = min(candidates, key=lambda date: (abs(date.year - anchor_year), -date.year))
        return best, f"{head}; chose {best.year}, nearest to the anchor year {anchor_year}"
    years = _mentioned_years(lines, window_first, window_last)
    if years:
        latest = max(years)
        later = [date for date in candidates if date.year >= latest]
        best = later[0] if later else candidates[-1]
        return best, (f"{head}; chose {best.year}, the first not earlier than the latest year the text "
                      f"mentions ({latest})")
    if len(candidates) == 1:
        return candidates[0], f"{head}; the only candidate"
    return None


def find_published(lines: Sequence[str], anchor_year: int | None = None) -> Found | None:
    """The publication date printed in the text, as ISO YYYY-MM-DD (see module notes for the order).

    In order: a date after a publication marker anywhere ("Publié le …"; an update date after "Mis à
    jour" is never taken); a short date line near the top ("10:3919/12/2024, الخميس"); last, a
    relative phrase in the body ("aujourd'hui, mercredi 23 octobre"), whose year is the one in which
    that day falls on that weekday, nearest ``anchor_year`` when given, else the first not earlier than
    the latest year the text mentions (source "relative", line not removed). A date inside body prose
    ("tués le 3 octobre 2024") is an event, never the publication date.
    """
    lines = _safe_lines(lines)
    return (_find_marked_date(lines) or _find_standalone_dateline(lines)
            or _find_relative_date(lines, anchor_year))


# ----------------------------------------------------------------------------------------------
# Byline


def _read_name(text: str, start: int) -> tuple[str, int] | None:
    """A capitalised personal name at ``start`` ("Jean-Baptiste Le Roux"): (name, end) or None."""
    byline = _cfg().raw["byline"]
    particles = {word.casefold() for word in byline["name_particles"]}
    tokens = list(re.finditer(r"[^\s,;|:()\[\]]+", text[start:]))
    taken: list[re.Match[str]] = []
    for position, token in enumerate(tokens):
        if taken and text[start + taken[-1].end():start + token.start()].strip():
            break  # punctuation between two words ends the name
        word = token.group(0)
        if _is_capitalised(word) and not word[0].isdigit():
            taken.append(token)
        elif word.casefold() in particles and position + 1 < len(tokens) and taken \
                and _is_capitalised(tokens[position + 1].group(0)):
            taken.append(token)
        else:
            break
        if len(taken) > byline["max_name_words"]:
            return None
    capitalised = [token for token in taken if _is_capitalised(token.group(0))]
    if len(capitalised) < byline["min_name_words"]:
        return None
    end = start + taken[-1].end()
    name = text[start:end]
    if _canonical_agencies(name):
        return None  # "Par AFP Reuters" is an agency credit, not a person
    return name, end


def _collective_at(text: str, start: int) -> int | None:
    """End of a collective byline ("la rédaction") at ``start``, or None."""
    byline = _cfg().raw["byline"]
    match = re.compile(_alternation(byline["collective"]) + r"(?!\w)").match(text, start)
    return match.end() if match else None


def _tail_is_byline(tail: str) -> bool:
    """What follows a name on a byline line: nothing, a separator, or a byline word ("avec AFP").

    After a comma only a short complement counts ("Par Marie Dupont, envoyée spéciale à Kiev"); a
    long clause makes it a sentence ("Par Vladimir Poutine, la décision a été prise sans …").
    """
    stripped = tail.strip()
    if not stripped:
        return True
    if stripped[0] == ",":
        return len(_words(stripped[1:])) <= _cfg().raw["byline"]["max_comma_tail_words"]
    if stripped[0] in "|•·–—-/(":
        return True
    first = re.match(r"[^\W\d_]+", stripped)
    tail_words = {word.casefold() for word in _cfg().raw["byline"]["tail_words"]}
    return bool(first) and first.group(0).casefold() in tail_words


def _byline_on_line(line: str) -> tuple[str, tuple[int, int]] | None:
    """(author, span of the author) when ``line`` is a byline line."""
    byline = _cfg().raw["byline"]
    folded = _fold(line)
    if not folded.strip() or len(_words(folded)) > byline["max_words"]:
        return None
    marker = re.compile(rf"^\s*(?:{_alternation(byline['markers'])})\s*:?\s+").match(folded)
    start = marker.end() if marker else len(folded) - len(folded.lstrip())
    collective_end = _collective_at(folded, start)
    if collective_end is not None:
        # "La rédaction", "Par la rédaction de News Day FR", "La Rédaction avec AFP"; not prose such as
        # "La rédaction de ce traité a pris des mois." (no capitalised site name after "de").
        rest = folded[collective_end:].strip()
        site = re.fullmatch(r"(?i:de|d')\s*(?:(?i:la|le|l')\s*)?(?P<name>\S+)(?:\s+\S+){0,4}", rest)
        short = marker is not None or len(_words(folded)) <= byline["max_collective_words"]
        if short and (not rest or (site and _is_capitalised(site.group("name")))
                      or (not re.match(r"(?i:de|d')\b", rest) and _tail_is_byline(rest))):
            return byline["collective_value"], (start, collective_end)
        return None
    if not marker:
        return None  # a bare name on a line could be anything (a caption, a heading): not a byline
    names: list[str] = []
    name = _read_name(folded, start)
    if not name:
        return None
    names.append(name[0])
    end = name[1]
    while True:  # co-authors: "Par Marie Dupont et Paul Martin"
        more = re.compile(r"\s*(?:,|(?i:et|and))\s*").match(folded, end)
        following = _read_name(folded, more.end()) if more else None
        if not following:
            break
        names.append(following[0])
        end = following[1]
    if not _tail_is_byline(folded[end:]):
        return None  # "Par Vladimir Poutine lui-même, …" is a sentence
    return " | ".join(names), (start, end)


def find_byline(lines: Sequence[str]) -> Found | None:
    """The author printed in a byline: "Publié par X le …", "Par X", "Auteur : X", "Par la rédaction".

    A byline is a short line that opens with a marker followed directly by a capitalised name
    (2–5 words, particles allowed) and then nothing, a separator or a byline word ("avec AFP", "le
    10 octobre"). Form, not NER, decides: the small spaCy model is unreliable on a lone name line,
    and "Par ailleurs," fails the form (no capitalised name). A collective byline is "La rédaction".
    """
    for index, line in enumerate(_safe_lines(lines)):
        found = _byline_on_line(line)
        if found:
            author, span = found
            return Found(author, SOURCE_TEXT, index + 1, REASON_BYLINE, None,
                         f"line {index + 1}: byline \u00ab{line.strip()}\u00bb")
    return None


# ----------------------------------------------------------------------------------------------
# Credits: photo credit vs text agency
#
# Decision rule (also in metadata.yaml):
#   * a credit LABEL ("Crédit", "Crédit photo", "Photo", "©", "Illustration") makes a PHOTO credit,
#     whatever name follows ("Crédit : Reuters" under a caption credits the picture);
#   * an agency name alone on a line ("AFP"), after "Par"/"Source :", in parentheses at the start of
#     a paragraph ("(AFP) -", "MOSCOU (Reuters) –"), or in a signature at the end of a line
#     ("avec AFP" after a byline, "(avec AFP)", "(AFP)", "— AFP") credits the TEXT;
#   * an agency named in prose ("a indiqué à l'AFP", "un entretien avec Reuters") is neither.


def _photo_label_re() -> str:
    return _alternation(_cfg().raw["credits"]["photo_labels"])


def _clean_credit(text: str) -> str:
    """A credit without the trailing slash, bar, period or stray bracket ("X /" -> "X")."""
    cleaned = text.strip()
    cleaned = re.sub(r"[\s/|.;,:\-–—]+$", "", cleaned)
    if cleaned.endswith(")") and "(" not in cleaned:
        cleaned = cleaned[:-1].rstrip()
    if cleaned.startswith("(") and ")" not in cleaned:
        cleaned = cleaned[1:].lstrip()
    return cleaned


def _looks_like_credit(credit: str) -> bool:
    """A credit names someone ("Reuters / Gleb Garanich", "X", "Ministère ukrainien de la Défense").

    A caption ("Photo : Les soldats nord-coréens à l'entraînement") is mostly lower-case words.
    """
    words = _words(credit)
    if not words or len(words) > 6 or re.match(r"^\d{4}\b", credit):
        return False  # "© 2024 Site" is a site copyright, not a photo credit
    if not (_is_capitalised(words[0]) or _canonical_agencies(credit) or words[0][0].isdigit()):
        return False
    connectors = {_fold(word).casefold() for word in _cfg().raw["credits"]["credit_connectors"]}
    lower = [w for w in words if w.casefold() not in connectors and w[0].isalpha() and not _is_capitalised(w)]
    return len(lower) * 2 <= len(words)


def _photo_credit_on_line(line: str) -> tuple[str, tuple[int, int] | None] | None:
    """(credit, span) when the line is or ends with a photo credit; span None = the whole line."""
    folded = _fold(line)
    label = _photo_label_re()
    if len(_words(folded)) <= _cfg().raw["credits"]["max_words"]:
        whole = re.match(rf"^\s*[(\[]?\s*(?P<label>{label})(?P<colon>\s*:)?\s*(?P<credit>.*?)\s*$", folded)
        if whole:
            credit = _clean_credit(whole.group("credit"))
            symbol = whole.group("label") in ("©", "(c)", "(C)")
            ok_form = whole.group("colon") or symbol or (credit and _is_capitalised(credit))
            word_break = symbol or not folded[whole.end("label"):whole.end("label") + 1].isalpha()
            if ok_form and word_break and _looks_like_credit(credit):
                return credit, None
    tail = re.search(
        rf"(?:(?<=[.!?»\"”)\]])\s+|\s*\(\s*|\s+[|/—–-]\s+)"  # after a sentence, "(" or a separator
        rf"(?P<label>{label})\s*:\s*(?P<credit>[^()]{{1,60}}?)"
        r"\s*\)?\s*$", folded)
    if not tail:
        tail = re.search(r"(?:\s*\(\s*|\s+)(?P<label>©|\((?i:c)\))\s*(?P<credit>[^©()]{1,60}?)\s*\)?\s*$",
                         folded)
    if tail and tail.start() > 0:
        credit = _clean_credit(tail.group("credit"))
        if _looks_like_credit(credit):
            return credit, (tail.start(), len(line))
    return None


def _find_photo_credits(lines: Sequence[str]) -> list[Found]:
    found = []
    for index, line in enumerate(lines):
        credit = _photo_credit_on_line(line)
        if credit:
            found.append(Found(credit[0], SOURCE_TEXT, index + 1, REASON_PHOTO, credit[1],
                               f"line {index + 1}: credit label \u00ab{line.strip()}\u00bb"))
    return found


def _agency_on_line(line: str) -> tuple[list[str], tuple[int, int] | None, str] | None:
    """(agencies, span, form) when the line credits the text to a wire agency."""
    config = _cfg()
    if _photo_credit_on_line(line):
        return None  # a credit label wins: that agency took the picture
    folded = _fold(line)
    agencies = config.agency_list_re
    source = _alternation(config.raw["credits"]["source_labels"])
    alone = re.match(rf"^\s*[(\[—–\-•]*\s*(?:(?:(?i:par|avec)|{source}\s*:?)\s*)?(?P<ag>{agencies})"
                     r"\s*[)\]]?\s*\.?\s*$", folded)
    if alone:
        return _canonical_agencies(alone.group("ag")), None, "agency alone on its line"
    opening = re.match(rf"^\s*(?:[^\W\d_][^().!?()]{{0,60}}?\s*)?"  # optional place/date: "SÉOUL, 19 déc"
                       rf"\(\s*(?P<ag>{agencies})\s*\)\s*[-–—:]\s*", folded)
    if opening:
        return _canonical_agencies(opening.group("ag")), (0, opening.end()), "dateline (agency) -"
    signature = re.search(rf"\s*\(\s*(?:(?i:avec|source\s*:?)\s+)?(?P<ag>{agencies})\s*\)\s*\.?\s*$",
                          folded)  # "(AFP)", "(avec AFP)" closing a line
    if not signature:
        signature = re.search(  # "— AFP", "Marie Dupont - AFP" closing a line
            rf"(?:^|(?<=[.!?»\"”])|(?<=\S\s))\s*[—–-]\s*(?P<ag>{agencies})\s*\.?\s*$", folded)
        if signature and len(_words(folded[:signature.start()])) > 5 \
                and not re.search(r"[.!?»\"”]\s*$", folded[:signature.start()]):
            signature = None  # "le bilan - AFP" inside a long sentence is not a signature
    if signature:
        whole = not folded[:signature.start()].strip() or _byline_on_line(line[:signature.start()])
        return (_canonical_agencies(signature.group("ag")), None if whole else (signature.start(), len(line)),
                "signature")
    with_agency = re.search(rf"\s+(?i:avec)\s+(?P<ag>{agencies})\s*\.?\s*$", folded)
    if with_agency and _byline_on_line(line):  # "Par Marie Dupont avec AFP", "La rédaction avec AFP"
        return _canonical_agencies(with_agency.group("ag")), None, "byline signature"
    return None


def _find_agency_credits(lines: Sequence[str]) -> list[Found]:
    found = []
    for index, line in enumerate(lines):
        credit = _agency_on_line(line)
        if credit and credit[0]:
            names, span, form = credit
            found.append(Found(" | ".join(names), SOURCE_TEXT, index + 1, REASON_AGENCY, span,
                               f"line {index + 1}: {form} \u00ab{line.strip()}\u00bb"))
    return found


def find_agency(lines: Sequence[str]) -> Found | None:
    """The wire agency credited for the TEXT (first credit in the text); see the decision rule above."""
    found = _find_agency_credits(_safe_lines(lines))
    return found[0] if found else None


def find_agency_credits(lines: Sequence[str]) -> list[Found]:
    """Every text-agency credit, one per line, for the cleaner to remove them all."""
    return _find_agency_credits(_safe_lines(lines))


def find_photo_credit(lines: Sequence[str]) -> Found | None:
    """The first photo credit ("Crédit : Reuters", "Crédit Photo : X /", "© AFP", "Photo : AFP")."""
    found = _find_photo_credits(_safe_lines(lines))
    return found[0] if found else None


def find_photo_credits(lines: Sequence[str]) -> list[Found]:
    """Every photo credit, one per line (a caption repeated three times has three)."""
    return _find_photo_credits(_safe_lines(lines))


# ----------------------------------------------------------------------------------------------
# Hashtags

_INLINE_TAG = re.compile(r"(?<![\w&#/])#(?P<tag>[^\W\d_][\w-]*)")


def _tag_line(line: str) -> list[str] | None:
    """The tags of a line made only of hashtags ("#Oleksandre Syrsky", "#Russie #Ukraine"), else None."""
    config = _cfg().raw["tags"]
    stripped = _fold(line).strip()
    if not re.match(r"#[^\W\d_]", stripped) or len(stripped) > config["max_line_chars"]:
        return None
    pieces = [piece.strip() for piece in stripped.split("#") if piece.strip()]
    too_long = any(len(_words(piece)) > config["max_words_per_tag"] for piece in pieces)
    if too_long or any(re.search(r"[.!?]$", piece) for piece in pieces):
        return None  # a sentence that starts with a hashtag is not a tag line
    return pieces


def find_tags(lines: Sequence[str]) -> FoundTags | None:
    """Hashtags: whole tag lines (a tag may hold spaces), "Mots-clés : a, b" lines, inline "#Tag"s.

    Tag lines and label lines are removed by the cleaner; inline tags stay in the text and are only
    collected (with their spans).
    """
    lines = _safe_lines(lines)
    config = _cfg().raw["tags"]
    label = re.compile(rf"^\s*(?:{_alternation(config['labels'])})\s*:\s*(?P<rest>.*)$")
    tags: list[str] = []
    consumed: list[int] = []
    inline: list[tuple[int, tuple[int, int]]] = []
    pending_label: int | None = None
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        pieces = _tag_line(line)
        labelled = label.match(_fold(line))
        if pieces is not None:
            if pending_label is not None:
                consumed.append(pending_label + 1)
                pending_label = None
            tags.extend(pieces)
            consumed.append(index + 1)
            continue
        pending_label = None
        if labelled:
            rest = labelled.group("rest").strip()
            if not rest:
                pending_label = index  # removed only if tag lines follow
                continue
            tags.extend(piece.strip() for piece in re.split(r"[,;|#]", rest) if piece.strip())
            consumed.append(index + 1)
            continue
        for match in _INLINE_TAG.finditer(line):
            tags.append(match.group("tag"))
            inline.append((index + 1, match.span()))
    unique = list(dict.fromkeys(tags))
    if not unique:
        return None
    return FoundTags(tuple(unique), tuple(sorted(consumed)), tuple(inline))


# ----------------------------------------------------------------------------------------------
# Site name


def _site_from_rights(line: str) -> str | None:
    """The site of a copyright notice: "© 2024 News Day FR", "X © 2024", "© X. Tous droits réservés"."""
    config = _cfg().raw["site_name"]
    folded = _fold(line).strip()
    rights = _alternation(config["rights_markers"])
    symbol = r"(?:©|\((?i:c)\)|(?i:copyright))"
    years = r"\d{4}(?:\s*[-–]\s*\d{4})?"
    patterns = (
        rf"^{symbol}\s*{years}\s*[,.\-–]?\s*(?P<name>[^.©]+?)\s*(?:[.,\-–]\s*{rights})?\s*\.?$",
        rf"^(?P<name>[^.©]+?)\s*{symbol}\s*{years}\s*(?:[.,\-–]\s*{rights})?\s*\.?$",
        rf"^{symbol}\s*(?P<name>[^.©\d][^.©]*?)\s*[.,\-–]\s*{rights}\s*\.?$",
    )
    for pattern in patterns:
        match = re.match(pattern, folded)
        if match:
            name = match.group("name").strip(" .,-–")
            if name and len(_words(name)) <= config["max_words"] and not _canonical_agencies(name):
                return name
    return None


def _site_from_title_case(line: str) -> bool:
    """A short Title Case line holding a site word ("News Day FR", "Le Journal de Lille")."""
    config = _cfg().raw["site_name"]
    stripped = _fold(line).strip()
    folded = stripped.casefold()
    if (not stripped or stripped.startswith("#") or len(stripped) > config["max_chars"]
            or any(_fold(word).casefold() in folded for word in config["exclude"])):
        return False
    words = _words(stripped)
    if not 2 <= len(words) <= config["max_words"]:
        return False
    connectors = {_fold(word).casefold() for word in config["connectors"]}
    site_words = {_fold(str(word)).casefold() for word in config["words"]}
    for word in words:
        if not (_is_capitalised(word) or word.casefold() in connectors or word.isdigit()):
            return False
    if _canonical_agencies(stripped) and len(_canonical_agencies(stripped)) == len(words):
        return False
    return any(re.sub(r"[^\w]", "", word.casefold()) in site_words for word in words)


def find_site_name(lines: Sequence[str]) -> Found | None:
    """The site name the page prints: a copyright notice, or a short Title Case line at the top/bottom.

    Never guessed from the content: the line must hold a cue word from metadata.yaml ("News Day FR")
    or be a copyright notice ("© 2024 Info Hebdo. Tous droits réservés").
    """
    lines = _safe_lines(lines)
    config = _cfg().raw["site_name"]
    nonempty = _nonempty(lines)
    for index in nonempty[-10:] + nonempty[:3]:
        name = _site_from_rights(lines[index])
        if name:
            return Found(name, SOURCE_TEXT, index + 1, REASON_SITE, None,
                         f"line {index + 1}: copyright notice \u00ab{lines[index].strip()}\u00bb")
    top, bottom = nonempty[: config["top_lines"]], nonempty[-config["bottom_lines"]:]
    for index in dict.fromkeys(top + bottom):
        if _site_from_title_case(lines[index]):
            return Found(lines[index].strip(), SOURCE_TEXT, index + 1, REASON_SITE, None,
                         f"line {index + 1}: short Title Case line with a site word at the "
                         f"{'top' if index in top else 'bottom'} of the page")
    return None


# ----------------------------------------------------------------------------------------------
# All together, and the display label


@dataclass(frozen=True)
class TextMetadata:
    """Everything metadata.py found in one article's lines."""

    published: Found | None = None
    byline: Found | None = None
    agency: Found | None = None
    photo_credit: Found | None = None
    tags: FoundTags | None = None
    site_name: Found | None = None
    agency_credits: tuple[Found, ...] = field(default_factory=tuple)
    photo_credits: tuple[Found, ...] = field(default_factory=tuple)

    def columns(self) -> dict[str, str]:
        """The articles-table columns this metadata fills ("" when not found)."""
        def value(found: Found | FoundTags | None) -> str:
            return found.value if found else ""
        return {
            "published": value(self.published),
            "published_source": self.published.source if self.published else "",
            "author": value(self.byline),
            "agency": value(self.agency),
            "photo_credit": value(self.photo_credit),
            "site_name": value(self.site_name),
            "tags": value(self.tags),
        }

    def consumed_lines(self) -> dict[int, list[tuple[str, tuple[int, int] | None]]]:
        """1-based line -> [(reason, span)] of every line (part) the cleaner should remove."""
        consumed: dict[int, list[tuple[str, tuple[int, int] | None]]] = {}
        singles = [self.published, self.byline, self.site_name, *self.agency_credits, *self.photo_credits]
        for found in singles:
            if found is not None and found.line_no is not None:
                consumed.setdefault(found.line_no, []).append((found.reason, found.span))
        if self.tags:
            for line_no in self.tags.line_nos:
                consumed.setdefault(line_no, []).append((self.tags.reason, None))
        return dict(sorted(consumed.items()))


def find_metadata(lines: Sequence[str], anchor_year: int | None = None) -> TextMetadata:
    """Run every finder on one article's lines."""
    lines = _safe_lines(lines)
    agency_credits = tuple(find_agency_credits(lines))
    photo_credits = tuple(find_photo_credits(lines))
    return TextMetadata(
        published=find_published(lines, anchor_year),
        byline=find_byline(lines),
        agency=agency_credits[0] if agency_credits else None,
        photo_credit=photo_credits[0] if photo_credits else None,
        tags=find_tags(lines),
        site_name=find_site_name(lines),
        agency_credits=agency_credits,
        photo_credits=photo_credits,
    )


def make_label(outlet: str, outlet_source: str, site_name: str, agency: str, author: str,
               article_id: str, photo_credit: str = "") -> str:
    """A short display label saying what is known about an article's origin.

    Outlet from the manifest or the text -> the outlet; inferred -> "Frontières Média (inferred)";
    else the site name the page prints; else "unknown outlet · " + the strongest clue (agency
    dispatch, byline, photo credit); else "unknown outlet". ``article_id`` is never printed: making
    labels unique is the caller's job (it is accepted so every caller passes the same row fields).
    """
    del article_id  # see docstring
    outlet = (outlet or "").strip()
    if outlet and outlet.casefold() != "unknown" and outlet_source != "unknown":
        return f"{outlet} (inferred)" if outlet_source == "inferred" else outlet
    if (site_name or "").strip():
        return site_name.strip()
    if (agency or "").strip():
        agencies = "/".join(part.strip() for part in agency.split("|") if part.strip())
        return f"unknown outlet \u00b7 {agencies} dispatch"
    if (author or "").strip():
        authors = ", ".join(part.strip() for part in author.split("|") if part.strip())
        return f"unknown outlet \u00b7 byline {authors}"
    if (photo_credit or "").strip():
        return f"unknown outlet \u00b7 photo: {photo_credit.strip()}"
    return "unknown outlet"
