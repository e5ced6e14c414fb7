"""One article: its text metadata read, its lines cleaned, and the lossless ledger checked.

:func:`clean_document` turns one raw document into paragraphs and removed pieces; the lines the metadata
step reads (byline, date line, credits, hashtags) are removed with that reason, and so are control and
invisible characters (analysis.clean.characters). Cleaning is lossless: every raw line is in a paragraph
or in the ledger, and :func:`ledger_check` proves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from analysis.clean.boilerplate import (
    METADATA_REASONS,
    Claims,
    CleanedDocument,
    Paragraph,
    RemovedPiece,
    Rules,
    clean_lines,
    load_rules,
)
from analysis.clean.characters import control_notes, hide_characters, restore_columns
from analysis.clean.metadata import find_metadata
from analysis.clean.reading import RawDocument
from analysis.core.errors import ConfigError
from analysis.core.text import fold, squash_spaces

# --------------------------------------------------------------------------------------------------
# The ledger


def ledger_check(raw_doc: RawDocument, cleaned: CleanedDocument) -> list[str]:
    """Problems with the lossless ledger (empty when every raw line is accounted for exactly once).

    Every raw line must be covered by body segments and removed pieces that are exact substrings at
    their recorded columns, do not overlap, and leave nothing but whitespace uncovered; every
    paragraph's text must be its segments joined by at most a space.
    """
    problems: list[str] = []
    pieces: dict[int, list[tuple[int, str, str]]] = {}
    for position, paragraph in enumerate(cleaned.paragraphs):
        if paragraph.source != "text":  # a headline given by the container's metadata: no raw line
            continue
        cursor = 0
        for segment in paragraph.segments:
            if paragraph.text[segment.offset:segment.offset + len(segment.text)] != segment.text:
                problems.append(f"paragraph {position}: segment of line {segment.line_no} is not at offset "
                                f"{segment.offset}")
            gap = paragraph.text[cursor:segment.offset]
            if gap.strip() or len(gap) > 1:
                problems.append(f"paragraph {position}: text {gap!r} comes from no raw line")
            cursor = segment.offset + len(segment.text)
            pieces.setdefault(segment.line_no, []).append((segment.col_start, segment.text, "body"))
        if paragraph.text[cursor:].strip() or not paragraph.segments:
            problems.append(f"paragraph {position}: text {paragraph.text[cursor:]!r} comes from no raw line")
    for piece in cleaned.removed:
        if not piece.reason:
            problems.append(f"line {piece.line_no}: removed piece without a reason")
        pieces.setdefault(piece.line_no, []).append((piece.col_start, piece.text, f"removed:{piece.reason}"))
    for number in sorted(set(pieces) - set(range(1, len(raw_doc.lines) + 1))):
        problems.append(f"line {number}: no such line in {raw_doc.source_file} ({len(raw_doc.lines)} lines)")
    for number, raw in enumerate(raw_doc.lines, start=1):
        found = sorted(pieces.get(number, []))
        if not found:
            problems.append(f"line {number}: {raw!r} is in no paragraph and not in removed_lines")
            continue
        cursor = 0
        for col, text, where in found:
            if raw[col:col + len(text)] != text:
                problems.append(f"line {number}: {where} piece {text!r} is not at column {col} of {raw!r}")
                continue
            if col < cursor:
                problems.append(f"line {number}: {where} piece {text!r} overlaps another piece")
            elif raw[cursor:col].strip():
                problems.append(f"line {number}: {raw[cursor:col]!r} is in no paragraph and not removed")
            cursor = max(cursor, col + len(text))
        if raw[cursor:].strip():
            problems.append(f"line {number}: {raw[cursor:]!r} is in no paragraph and not removed")
    return problems


# --------------------------------------------------------------------------------------------------
# One document: metadata + cleaning


def record_place(doc: RawDocument) -> str:
    """Where a corpus record is in its file, to prefix its line numbers in warnings; "" for an article file."""
    if doc.source_record is None:
        return ""
    return f"record {doc.source_record} (line {doc.source_line} of the file), "


def article_id_for(doc: RawDocument) -> str:
    """Stable readable id: the file's stem (folders joined by "__"), plus "-r<row>" for a corpus row."""
    path = PurePosixPath(doc.source_file)
    stem = "__".join([*path.parent.parts, path.stem]) if path.parent.parts else path.stem
    return f"{stem}-r{doc.source_record:05d}" if doc.source_record is not None else stem


def metadata_claims(found: Any) -> Claims:
    """analysis.clean.metadata's consumed lines with removed_lines reason codes."""
    claims: Claims = {}
    for number, items in found.consumed_lines().items():
        claims[number] = [(METADATA_REASONS.get(reason, reason.replace(" ", "_")), span)
                          for reason, span in items]
    return claims


def _text_metadata(lines: Sequence[str],
                   anchor_year: int | None) -> tuple[dict[str, str], Claims, dict[str, str]]:
    """Values printed in the text (analysis.clean.metadata), the lines they take, and the evidence of each."""
    found = find_metadata(list(lines), anchor_year=anchor_year)
    items = {"published": found.published, "author": found.byline, "agency": found.agency,
             "photo_credit": found.photo_credit, "site_name": found.site_name}
    evidence = {name: item.evidence for name, item in items.items() if item is not None}
    return found.columns(), metadata_claims(found), evidence


#: How the source of a headline given outside the text is named, by the format of the input.
GIVEN_TITLE_SOURCES = {"jsonl": "title field of the jsonl record", "csv": "title column of the csv row",
                       "html": "title in the HTML page's metadata", "manifest": "title column of manifest.csv"}


def _same_words(first: str, second: str) -> bool:
    return squash_spaces(fold(first, quotes=True)).casefold() == squash_spaces(fold(second, quotes=True)).casefold()


def with_given_headline(paragraphs: list[Paragraph], doc: RawDocument) -> list[Paragraph]:
    """The paragraphs, headed by the title the container gives (corpus field, HTML metadata, manifest)
    when the text prints no headline and does not repeat that title.

    A text that prints its own headline keeps it (a page's metadata title often carries the site's
    name). The added headline has no raw line: its ``source`` names where it comes from.
    """
    title = squash_spaces((doc.metadata or {}).get("title", ""))
    if not title or any(paragraph.kind == "headline" or _same_words(paragraph.text, title)
                        for paragraph in paragraphs):
        return paragraphs
    source = (doc.metadata or {}).get("title_source") or GIVEN_TITLE_SOURCES.get(doc.file_format, "metadata title")
    return [Paragraph("headline", title, [], source=source), *paragraphs]


def clean_document(doc: RawDocument, rules: Rules | None = None, *, article_id: str | None = None,
                   anchor_year: int | None = None, read_metadata: bool = True) -> CleanedDocument:
    """Clean one raw document: paragraphs (headline, headings, body), removed pieces, text metadata.

    Lines the metadata step reads (byline, date line, agency, photo credit, hashtags, site name)
    are removed with that reason; their values go to ``metadata``. ``title`` is the headline kept
    as the first paragraph ("" when the page prints none). A document that cannot be used returns
    no paragraphs and ``error`` set; a bad input never raises.
    """
    article_id = article_id or article_id_for(doc)
    cleaned = CleanedDocument(article_id, doc.source_file, doc.source_record, [], [])
    lines = [line if isinstance(line, str) else str(line) for line in (doc.lines or [])]
    if doc.error:
        cleaned.error = doc.error
        cleaned.removed = [RemovedPiece(number, raw, "rejected", "unreadable_file", 0)
                           for number, raw in enumerate(lines, start=1)]
        return cleaned
    rules = rules or load_rules()
    raw_lines = lines
    lines, hidden = hide_characters(raw_lines)  # the cleaner never sees control or invisible characters
    claims: Claims = {}
    if read_metadata:
        try:
            cleaned.metadata, claims, cleaned.metadata_evidence = _text_metadata(lines, anchor_year)
        except ConfigError:
            raise
        except Exception as error:  # a metadata bug must not lose the article: clean without it
            cleaned.notes.append(f"metadata not read ({type(error).__name__}: {error})")
            claims = {}
    for number, items in claims.items():
        for reason, _ in items:
            cleaned.metadata_lines.setdefault(reason, []).append(number)
    paragraphs, removed, notes = clean_lines(lines, rules, claims)
    cleaned.paragraphs, cleaned.removed = restore_columns(paragraphs, removed, raw_lines, hidden)
    cleaned.notes.extend(control_notes(hidden, record_place(doc)) + notes)
    if cleaned.paragraphs:
        cleaned.paragraphs = with_given_headline(cleaned.paragraphs, doc)
    headline = next((paragraph.text for paragraph in cleaned.paragraphs if paragraph.kind == "headline"), "")
    cleaned.metadata["title"] = headline
    if not cleaned.paragraphs:
        cleaned.error = ("nothing left after cleaning" if any(line.strip() for line in lines)
                         else "only whitespace")
    return cleaned


