"""Characters that are not text: control characters of a damaged export, and invisible format characters.

A stray NUL or other control character (a bad export, text pasted through a terminal) and the invisible
format characters of web pages (zero-width spaces and joiners, word joiners, a byte order mark inside
the text, soft hyphens, bidirectional marks, embeddings and isolates) are kept out of the cleaned text:
they would split words for the tokenizer, the lexicons and duplicate detection, and show up in titles
and the report. Each run of them is a removed piece of its line (reason ``control_character`` or
``invisible_character``, rule naming the code points), so the ledger stays exact: :func:`hide_characters`
gives the lines without them, the cleaner works on those, and :func:`restore_columns` maps its
paragraphs and removed pieces back onto the raw lines. Written by hand: the ledger needs the column of
every removed character, which ftfy's ``remove_control_chars`` (which also keeps bidi marks) does not give.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from analysis.clean.boilerplate import Paragraph, RemovedPiece, Segment

#: Invisible format characters, by kind (the ``rule`` of their removed pieces starts with the kind).
INVISIBLE = {
    # zero-width space, non-joiner and joiner; word joiner; zero-width no-break space (a byte order mark
    # inside the text: at the start of a file it is the encoding's mark, read by the decoder)
    "zero_width": "\u200b\u200c\u200d\u2060\ufeff",
    # left-to-right and right-to-left marks, embeddings, overrides and their end; isolates
    "bidi": "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    # soft hyphen: invisible except at a line break, it splits a word for every matcher ("Pyong\xadyang")
    "soft_hyphen": "\u00ad",
}
#: Control characters: C0 but tab, line feed, vertical tab, form feed and carriage return (which are
#: whitespace); DEL; C1 (U+0080-U+009F, which latin-1 gives for bytes cp1252 leaves undefined).
CONTROL = "\x00-\x08\x0e-\x1f\x7f-\x9f"
CONTROL_CHARACTER = re.compile(f"[{CONTROL}]")
HIDDEN = re.compile(f"[{CONTROL}{''.join(INVISIBLE.values())}]+")
KIND_OF = {char: kind for kind, chars in INVISIBLE.items() for char in chars}
REASONS = {"control": "control_character", **dict.fromkeys(INVISIBLE, "invisible_character")}


@dataclass(frozen=True)
class Hidden:
    """A run of hidden characters of one kind in a raw line."""

    col: int  # column in the raw line
    text: str
    kind: str  # "control" or a key of INVISIBLE

    @property
    def reason(self) -> str:
        """The removed_lines reason: ``control_character`` or ``invisible_character``."""
        return REASONS[self.kind]

    @property
    def rule(self) -> str:
        """The removed_lines rule: the kind and its code points, e.g. ``zero_width:U+200B``."""
        return f"{self.kind}:" + "+".join(dict.fromkeys(f"U+{ord(char):04X}" for char in self.text))


def _kind(char: str) -> str:
    return KIND_OF.get(char, "control")


def find_hidden(line: str) -> list[Hidden]:
    """The runs of control and invisible characters of a line, one per kind, in column order."""
    found = []
    for match in HIDDEN.finditer(line):
        col = match.start()
        for kind, chars in groupby(match.group(), key=_kind):
            text = "".join(chars)
            found.append(Hidden(col, text, kind))
            col += len(text)
    return found


def visible_text(text: str) -> str:
    """``text`` without control and invisible characters (for metadata values, which have no ledger)."""
    return HIDDEN.sub("", text)


def hide_characters(lines: Sequence[str]) -> tuple[list[str], dict[int, list[Hidden]]]:
    """The lines without their hidden characters, and those characters by 1-based line number."""
    hidden = {number: found for number, line in enumerate(lines, start=1) if (found := find_hidden(line))}
    visible = [visible_text(line) if number in hidden else line for number, line in enumerate(lines, start=1)]
    return visible, hidden


def control_notes(hidden: dict[int, list[Hidden]], where: str = "", limit: int = 5) -> list[str]:
    """One warning per line that held control characters (``limit`` at most, then how many more)."""
    lines = [(number, runs) for number, runs in sorted(hidden.items()) if any(run.kind == "control" for run in runs)]
    notes = []
    for number, runs in lines[:limit]:
        points = ", ".join(dict.fromkeys(f"U+{ord(char):04X}" for run in runs if run.kind == "control"
                                         for char in run.text))
        notes.append(f"{where}line {number}: control character(s) {points} removed (a damaged export?); "
                     "kept in removed_lines.csv with reason control_character")
    if len(lines) > limit:
        notes.append(f"{where}{len(lines) - limit} more line(s) with control characters, also in removed_lines.csv")
    return notes


# --------------------------------------------------------------------------------------------------
# Back to raw columns


def _raw_columns(raw: str, runs: Sequence[Hidden]) -> list[int]:
    """The raw column of each character of the visible line."""
    hidden = {run.col + offset for run in runs for offset in range(len(run.text))}
    return [col for col in range(len(raw)) if col not in hidden]


def _raw_spans(columns: Sequence[int], start: int, end: int, raw_length: int) -> list[tuple[int, int, int]]:
    """(raw start, raw end, visible start) of the contiguous raw pieces of visible columns [start, end)."""
    if start >= end:  # an empty piece (a blank line) stays empty, where the visible column falls
        col = columns[start] if start < len(columns) else raw_length
        return [(col, col, start)]
    spans: list[tuple[int, int, int]] = []
    for position in range(start, end):
        col = columns[position]
        if spans and spans[-1][1] == col:
            spans[-1] = (spans[-1][0], col + 1, spans[-1][2])
        else:
            spans.append((col, col + 1, position))
    return spans


def restore_columns(paragraphs: Sequence[Paragraph], removed: Sequence[RemovedPiece], raw_lines: Sequence[str],
                    hidden: dict[int, list[Hidden]]) -> tuple[list[Paragraph], list[RemovedPiece]]:
    """Paragraphs and removed pieces of the visible lines, in raw columns, with the hidden characters added.

    A segment or removed piece that spans hidden characters becomes one piece per stretch between
    them: paragraph texts are unchanged, every piece is an exact substring of its raw line, and each
    run of hidden characters is a removed piece of its own.
    """
    if not hidden:
        return list(paragraphs), list(removed)
    columns = {number: _raw_columns(raw_lines[number - 1], runs) for number, runs in hidden.items()}
    restored = []
    for paragraph in paragraphs:
        segments = []
        for segment in paragraph.segments:
            if segment.line_no not in columns:
                segments.append(segment)
                continue
            raw = raw_lines[segment.line_no - 1]
            spans = _raw_spans(columns[segment.line_no], segment.col_start, segment.col_end, len(raw))
            segments.extend(Segment(segment.line_no, start, end, segment.offset + visible - segment.col_start,
                                    raw[start:end]) for start, end, visible in spans)
        restored.append(Paragraph(paragraph.kind, paragraph.text, segments, paragraph.source))
    pieces = []
    for piece in removed:
        if piece.line_no not in columns:
            pieces.append(piece)
            continue
        raw = raw_lines[piece.line_no - 1]
        for start, end, _ in _raw_spans(columns[piece.line_no], piece.col_start, piece.col_start + len(piece.text),
                                        len(raw)):
            pieces.append(RemovedPiece(piece.line_no, raw[start:end], piece.reason, piece.rule, start))
    pieces.extend(RemovedPiece(number, run.text, run.reason, run.rule, run.col)
                  for number, runs in sorted(hidden.items()) for run in runs)
    return restored, sorted(pieces, key=lambda piece: (piece.line_no, piece.col_start))
