"""How an example is checked in the files of the clean stage: boilerplate, metadata cues, corpus columns.

An example of these files is a line, or a few lines separated by "\\n", of a pasted page (a header row for
corpus_columns.yaml). Each probe runs the stage's own code on it: the cleaner (clean_lines), the metadata
finders (find_published, find_byline, find_agency, find_photo_credits, find_tags, find_site_name) or the
corpus reader (read_raw_file on a one-row CSV file).
"""

from __future__ import annotations

import re

from analysis.clean.boilerplate import clean_lines, fold_line
from analysis.clean.dates import find_published
from analysis.clean.metadata import find_agency, find_byline, find_photo_credits, find_site_name, find_tags
from analysis.clean.reading import column_key, load_column_names
from analysis.core.text import fold
from lexicon_examples import Entry, FileSpec, Outcome, Section


def _lines(text: str) -> list[str]:
    return text.split("\n")


# --- boilerplate.yaml ------------------------------------------------------------------------------

def line_rule(entry: Entry, text: str) -> Outcome:
    """The example's first line is removed by this rule (the first rule that matches wins)."""
    _, removed, _ = clean_lines(_lines(text))
    first = [piece.rule for piece in removed if piece.line_no == 1]
    return Outcome(entry.name in first, f"line 1 removed by {first or 'no rule'}")


def dangling_word(entry: Entry, text: str) -> Outcome:
    """The example's first line ends with this word and the cleaner joins the next line to it."""
    paragraphs, _, _ = clean_lines(_lines(text))
    joined = any({1, 2} <= set(paragraph.raw_lines) for paragraph in paragraphs)
    last = fold_line(_lines(text)[0]).split()[-1].lower()
    return Outcome(joined and last == fold_line(entry.name).lower(),
                   f"last word {last!r}; paragraphs {[p.raw_lines for p in paragraphs]}")


BOILERPLATE = FileSpec(
    sections=(
        Section("line_rules", line_rule, "a line of a pasted page that this rule removes (and, as "
                "counter-examples, article lines it must keep)", name_key="name"),
        Section("prefix_rules", line_rule, "a line whose start this rule cuts", name_key="name"),
        Section("continuation.dangling_words", dangling_word, "two lines, the first cut after this word, "
                "that the cleaner must join"),
    ),
    settings={
        "continuation.starts_with": "characters, not words: a layout setting",
        "continuation.ends_with": "characters, not words: a layout setting",
        "continuation.quote_fragment_needs_adjacent_line": "a switch",
        "duplicates.min_chars": "a number",
        "structure.*": "numbers and characters of the page layout",
    },
)


# --- metadata.yaml ---------------------------------------------------------------------------------

def _published(text: str):
    return find_published(_lines(text))


def date_found(entry: Entry, text: str) -> Outcome:
    """A publication date is read from the example (a language of dateparser or of weekday names)."""
    found = _published(text)
    return Outcome(found is not None, found.evidence if found else "no date")


def published_marker(entry: Entry, text: str) -> Outcome:
    """The publication date is read after this marker."""
    found = _published(text)
    marker = re.search(r"marker \u00ab(.*?)\u00bb", found.evidence) if found else None
    return Outcome(bool(marker) and fold(marker.group(1)).casefold() == fold(entry.name).casefold(),
                   found.evidence if found else "no date")


def updated_marker(entry: Entry, text: str) -> Outcome:
    """The date printed after this marker (dd/mm/yyyy) is an update: it is never taken for the publication."""
    found = _published(text)
    folded = fold(text).casefold()
    marker = fold(entry.name).casefold()
    after = re.search(rf"{re.escape(marker)}\W*(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})", folded)
    updated = _iso("-".join(reversed(after.groups()))) if after else ""
    return Outcome(bool(updated) and (found is None or found.value != updated),
                   found.evidence if found else "no date")


def _iso(day_month_year: str) -> str:
    parts = day_month_year.split("-")
    return "-".join([parts[0], parts[1].zfill(2), parts[2].zfill(2)]) if len(parts) == 3 else ""


def dateline_word(entry: Entry, text: str) -> Outcome:
    """A line made of a date and this word is read as the date line (the word is filler, not prose)."""
    found = _published(text)
    present = entry.name.casefold() in re.findall(r"[^\W\d_]+'?", fold(text).casefold())
    return Outcome(found is not None and found.evidence.startswith(f"line {1}: date line") and present,
                   found.evidence if found else "no date")


def relative_cue(entry: Entry, text: str) -> Outcome:
    """A relative date is read from the phrase that this cue opens."""
    found = _published(text)
    phrase = re.search(r"\u00ab(.*?)\u00bb names the day", found.evidence) if found else None
    return Outcome(bool(phrase) and fold(phrase.group(1)).casefold().startswith(fold(entry.name).casefold()),
                   found.evidence if found else "no date")


def year_context_word(entry: Entry, text: str) -> Outcome:
    """A relative date's year is chosen from a year the text mentions after this word."""
    found = _published(text)
    year = re.search(r"mentions \((\d{4})\)", found.evidence) if found else None
    folded = fold(text).casefold()
    after = year and re.search(rf"(?<!\w){re.escape(fold(entry.name).casefold())}[\s-]*{year.group(1)}", folded)
    return Outcome(bool(after), found.evidence if found else "no date")


def byline_marker(entry: Entry, text: str) -> Outcome:
    """The example is a byline that opens with this marker."""
    found = find_byline(_lines(text))
    opens = fold(text).casefold().lstrip().startswith(fold(entry.name).casefold())
    return Outcome(found is not None and opens, f"author {found.value!r}" if found else "no byline")


def name_particle(entry: Entry, text: str) -> Outcome:
    """The byline's author is read with this particle inside the name."""
    found = find_byline(_lines(text))
    inside = found is not None and entry.name.casefold() in fold(found.value).casefold().split()
    return Outcome(inside, f"author {found.value!r}" if found else "no byline")


def tail_word(entry: Entry, text: str) -> Outcome:
    """The example is a byline whose name is followed by this word."""
    found = find_byline(_lines(text))
    rest = fold(text).split(found.value.split(" | ")[-1], 1)[-1].split() if found else []
    return Outcome(bool(rest) and rest[0].casefold() == entry.name.casefold(),
                   f"author {found.value!r}" if found else "no byline")


def collective(entry: Entry, text: str) -> Outcome:
    """The example is a collective byline written with this word."""
    found = find_byline(_lines(text))
    words = re.sub(r"^\s*(?:par|publié par)\s+", "", fold(text).casefold())
    return Outcome(found is not None and words.startswith(fold(entry.name).casefold() + " ")
                   or found is not None and words.strip() == fold(entry.name).casefold(),
                   f"author {found.value!r}" if found else "no byline")


def agency(entry: Entry, text: str) -> Outcome:
    """The text is credited to this agency."""
    found = find_agency(_lines(text))
    names = found.value.split(" | ") if found else []
    return Outcome(entry.name in names, f"agency {names}")


def source_label(entry: Entry, text: str) -> Outcome:
    """The line credits the text to an agency after this label."""
    found = find_agency(_lines(text))
    opens = fold(text).casefold().lstrip().startswith(fold(entry.name).casefold())
    return Outcome(found is not None and opens, found.evidence if found else "no agency")


def joiner(entry: Entry, text: str) -> Outcome:
    """The line credits the text to several agencies joined by this word or sign."""
    found = find_agency(_lines(text))
    names = found.value.split(" | ") if found else []
    return Outcome(len(names) >= 2 and fold(entry.name).casefold() in fold(text).casefold(), f"agencies {names}")


def photo_label(entry: Entry, text: str) -> Outcome:
    """A photo credit is read after this label."""
    found = find_photo_credits(_lines(text))
    label = fold(entry.name).casefold()
    line = fold(text).casefold()
    return Outcome(bool(found) and re.search(rf"(?:^|[\s(\[|/—–-]){re.escape(label)}(?!\w)", line) is not None,
                   f"credits {[credit.value for credit in found]}")


def credit_connector(entry: Entry, text: str) -> Outcome:
    """A photo credit whose name holds this lower-case word is read as a credit, not a caption."""
    found = find_photo_credits(_lines(text))
    words = [word for credit in found for word in fold(credit.value).casefold().split()]
    return Outcome(fold(entry.name).casefold() in words, f"credits {[credit.value for credit in found]}")


def tag_label(entry: Entry, text: str) -> Outcome:
    """The line is a list of tags after this label."""
    found = find_tags(_lines(text))
    opens = fold(text).casefold().lstrip().startswith(fold(entry.name).casefold())
    return Outcome(found is not None and 1 in found.line_nos and opens, f"tags {found.tags if found else ()}")


def site_word(entry: Entry, text: str) -> Outcome:
    """The example's line is the site name the page prints, and holds this word."""
    found = find_site_name(_lines(text))
    words = [re.sub(r"[^\w]", "", word) for word in fold(found.value).casefold().split()] if found else []
    return Outcome(fold(entry.name).casefold() in words, f"site name {found.value if found else None!r}")


def site_connector(entry: Entry, text: str) -> Outcome:
    """The site name the page prints holds this lower-case word."""
    found = find_site_name(_lines(text))
    words = fold(found.value).split() if found else []
    return Outcome(fold(entry.name) in words, f"site name {found.value if found else None!r}")


def site_excluded(entry: Entry, text: str) -> Outcome:
    """A short Title Case line holding this phrase is not taken for the site name."""
    found = find_site_name(_lines(text))
    present = fold(entry.name).casefold() in fold(text).casefold()
    return Outcome(found is None and present, f"site name {found.value if found else None!r}")


def rights_marker(entry: Entry, text: str) -> Outcome:
    """The site name is read from a copyright notice ending with this marker."""
    found = find_site_name(_lines(text))
    present = fold(entry.name).casefold() in fold(text).casefold()
    return Outcome(found is not None and "copyright notice" in found.evidence and present,
                   f"site name {found.value if found else None!r}")


METADATA = FileSpec(
    sections=(
        Section("dates.languages", date_found, "a date line in that language"),
        Section("dates.weekday_languages", date_found, "a date line that prints a weekday in that language"),
        Section("dates.published_markers", published_marker, "a line with this marker and the publication date"),
        Section("dates.updated_markers", updated_marker, "a date line where this marker precedes the update "
                "date (dd/mm/yyyy), which must not be read as the publication date"),
        Section("dates.filler_words", dateline_word, "a date line that holds this word"),
        Section("dates.relative_cues", relative_cue, "a sentence naming the day of writing after this cue"),
        Section("dates.year_context_words", year_context_word, "a relative date (no year) and a sentence that "
                "mentions a year after this word"),
        Section("byline.markers", byline_marker, "a byline opening with this marker"),
        Section("byline.name_particles", name_particle, "a byline whose name holds this particle"),
        Section("byline.tail_words", tail_word, "a byline whose name is followed by this word"),
        Section("byline.collective", collective, "a collective byline"),
        Section("agencies", agency, "a line crediting the text to this agency (in one of its spellings)"),
        Section("credits.photo_labels", photo_label, "a photo credit after this label"),
        Section("credits.source_labels", source_label, "a credit line of the text after this label"),
        Section("credits.joiners", joiner, "a credit to several agencies joined by this"),
        Section("credits.credit_connectors", credit_connector, "a photo credit whose name holds this word"),
        Section("tags.labels", tag_label, "a list of tags after this label"),
        Section("site_name.words", site_word, "a site name holding this word"),
        Section("site_name.connectors", site_connector, "a site name holding this lower-case word"),
        Section("site_name.exclude", site_excluded, "a short Title Case line with this phrase that is no site"),
        Section("site_name.rights_markers", rights_marker, "a copyright notice ending with this marker"),
    ),
    settings={
        "dates.top_lines": "a number", "dates.max_words": "a number", "dates.max_marker_line_words": "a number",
        "dates.year_window.*": "years", "byline.min_name_words": "a number", "byline.max_name_words": "a number",
        "byline.max_words": "a number", "byline.max_comma_tail_words": "a number",
        "byline.max_collective_words": "a number", "byline.collective_value": "the value recorded",
        "credits.max_words": "a number", "tags.max_words_per_tag": "a number", "tags.max_line_chars": "a number",
        "site_name.top_lines": "a number", "site_name.bottom_lines": "a number", "site_name.max_words": "a number",
        "site_name.max_chars": "a number",
    },
)


# --- corpus_columns.yaml ---------------------------------------------------------------------------

def column_name(entry: Entry, text: str) -> Outcome:
    """In a corpus file with this header row, the column spelled like this entry is read as its field."""
    columns = [name.strip() for name in text.split(",")]
    chosen = load_column_names().choose(columns)
    read = chosen.get(str(entry.path[0]), "")
    return Outcome(bool(read) and column_key(read) == column_key(entry.name), f"columns read: {chosen}")


CORPUS_COLUMNS = FileSpec(
    sections=(Section("*", column_name, "a header row (comma-separated) of a corpus export with this column"),),
)
