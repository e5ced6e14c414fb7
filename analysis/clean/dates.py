"""The publication date printed in an article: a marked date line, a standalone date line, or a
relative date ("aujourd'hui, mercredi 23 octobre") anchored on its weekday.

dateparser parses every date (French month names, numeric orders, weekday names in any language
come from its locale data); the regular expressions here only LOCATE where a date is printed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import dateparser

from analysis.clean.metadata_cues import (
    DATEPARSER_SETTINGS,
    REASON_DATELINE,
    REASON_RELATIVE,
    SOURCE_RELATIVE,
    SOURCE_TEXT,
    WEEKDAY_NAMES_FR,
    Found,
    alternation,
    cues,
    nonempty_lines,
    safe_lines,
    words_of,
)
from analysis.core.text import fold

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
        parsed = dateparser.parse(expression, languages=list(cues().raw["dates"]["languages"]),
                                  settings=DATEPARSER_SETTINGS)
    except Exception:  # dateparser can raise on odd input; a non-date is simply not a date
        return None
    return parsed.date() if parsed else None


def _locate_dates(text: str) -> list[_DateMatch]:
    """Full dates printed in ``text`` (numeric, ISO or "[weekday] 10 octobre 2024"), in text order."""
    weekdays = cues().weekdays
    found: list[_DateMatch] = []
    for pattern in (_ISO_DATE, _NUMERIC_DATE):
        for match in pattern.finditer(text):
            date = _parse_date(match.group(0))
            if date:
                found.append(_DateMatch(match.start(), match.end(), date, ""))
    for match in _TEXT_DATE.finditer(text):
        if match.group("m").casefold() not in cues().months:
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
    weekdays = cues().weekdays
    printed = [word for word in re.findall(r"[^\W\d_]+", line) if word.casefold() in weekdays]
    if not printed:
        return ""
    agree = all(weekdays[word.casefold()] == date.weekday() for word in printed)
    verdict = "agrees" if agree else "DISAGREES"
    return f"; weekday {'/'.join(printed)} {verdict} with {WEEKDAY_NAMES_FR[date.weekday()]}"


def _marker_re(words: Iterable[str]) -> re.Pattern[str]:
    """A marker at the start of a line or after a separator (|, •, -, –, —); not after a comma, which
    would take prose ("Ce rapport, publié le 4 octobre 2024 par un média, …") for a date line."""
    return re.compile(rf"(?:^|[|•·–—]|\s-)\s*(?P<marker>{alternation(words)})(?!\w)\s*:?\s*")


def _find_marked_date(lines: Sequence[str]) -> Found | None:
    """A date after a publication marker: "Publié le …", "Publié par X le …" (update dates skipped)."""
    dates = cues().raw["dates"]
    published = _marker_re(dates["published_markers"])
    updated = re.compile(alternation(dates["updated_markers"]) + r"(?!\w)")
    for index, line in enumerate(lines):
        folded = fold(line)
        if len(words_of(folded)) > dates["max_marker_line_words"]:
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
    config = cues()
    dates = config.raw["dates"]
    filler = {word.casefold() for word in dates["filler_words"]}
    updated = re.compile(alternation(dates["updated_markers"]) + r"(?!\w)")
    for index in nonempty_lines(lines)[: dates["top_lines"]]:
        line = fold(lines[index])
        if len(words_of(line)) > dates["max_words"] or updated.search(line):
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
    config = cues()
    context = {fold(word).casefold() for word in config.raw["dates"]["year_context_words"]} | config.months
    years = []
    for line in lines:
        folded = fold(line)
        for match in re.finditer(r"(?<!\d\s)(?<![\d.,])(?:1[89]|20)\d\d(?!\d)", folded):
            before = re.search(r"([^\W\d_]+'?)[\s-]*$", folded[max(0, match.start() - 25):match.start()])
            year = int(match.group(0))
            if before and before.group(1).casefold() in context and year <= last and year >= first - 50:
                years.append(year)
    return years


def _find_relative_date(lines: Sequence[str], anchor_year: int | None) -> Found | None:
    """ "aujourd'hui, mercredi 23 octobre" in the body: the weekday picks the year (line kept)."""
    config = cues()
    dates = config.raw["dates"]
    window_first, window_last = int(dates["year_window"]["first"]), int(dates["year_window"]["last"])
    pattern = re.compile(
        rf"(?P<cue>{alternation(dates['relative_cues'])})\s*,?\s*(?:(?i:le)\s+)?"
        r"(?P<wd>[^\W\d_]+)\s+(?P<d>\d{1,2})(?:er)?\s+(?P<m>[^\W\d_]+)(?:\s+(?P<y>\d{4}))?(?!\w)"
    )
    for index, line in enumerate(lines):
        for match in pattern.finditer(fold(line)):
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
    head = (f"{WEEKDAY_NAMES_FR[weekday]} {month_date.day:d}/{month_date.month:02d} falls in "
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


def given_date(value: str) -> str:
    """A publication date given outside the text (a corpus file's date column) as YYYY-MM-DD; "" if none.

    Read as dates printed in a text are: ISO ("2024-10-23", "2024-10-23T08:00:00Z"), numeric day first
    ("23/10/2024", "23.10.2024") or in words ("mercredi 23 octobre 2024"); a value without day, month
    and year ("octobre 2024") is no date.
    """
    found = _locate_dates(str(value))
    return found[0].date.isoformat() if found else ""


def find_published(lines: Sequence[str], anchor_year: int | None = None) -> Found | None:
    """The publication date printed in the text, as ISO YYYY-MM-DD (see module notes for the order).

    In order: a date after a publication marker anywhere ("Publié le …"; an update date after "Mis à
    jour" is never taken); a short date line near the top ("10:3919/12/2024, الخميس"); last, a
    relative phrase in the body ("aujourd'hui, mercredi 23 octobre"), whose year is the one in which
    that day falls on that weekday, nearest ``anchor_year`` when given, else the first not earlier than
    the latest year the text mentions (source "relative", line not removed). A date inside body prose
    ("tués le 3 octobre 2024") is an event, never the publication date.
    """
    lines = safe_lines(lines)
    return (_find_marked_date(lines) or _find_standalone_dateline(lines)
            or _find_relative_date(lines, anchor_year))


