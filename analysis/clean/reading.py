"""Reading the raw folder: every input file becomes one or more RawDocuments.

Inputs (the raw folder is only ever read, never written):

- ``.txt``: one article per file, its lines as they are in the file.
- ``.html`` / ``.htm``: one article per page; trafilatura extracts the main text and the page's
  metadata (it parses the markup, it never runs scripts).
- ``.jsonl``: one article per line (an object with a text and optional title, outlet, publication
  date, URL and author).
- ``.csv``: one article per row, same columns. The columns (or keys) may be named in French or
  English (``titre``, ``texte``, ``média``…): :class:`ColumnNames`, from corpus_columns.yaml, says
  which name is read as which field, and a warning says which names were read so.

Bytes are decoded by :func:`analysis.clean.decoding.decode_bytes` (byte order mark, UTF-16 recognised
from its byte pattern, strict UTF-8, an HTML page's declared charset, cp1252, latin-1), then ftfy
repairs mojibake without touching typography. A file that cannot be used still gives a RawDocument,
with ``error`` saying why, so that nothing is lost silently. Files that are not article inputs (the
manifest, a README, other extensions, hidden files) are listed by :func:`list_ignored_files` with the
reason.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from analysis.clean.characters import visible_text
from analysis.clean.decoding import DecodedText, decode_bytes, repair_mojibake, split_lines
from analysis.clean.tabular import MalformedCsv, csv_rows, sniff_delimiter
from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml
from analysis.core.paths import display_path, resource
from analysis.core.text import fold

ONE_ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
CORPUS_SUFFIXES = (".jsonl", ".csv")
SUPPORTED_SUFFIXES = ONE_ARTICLE_SUFFIXES + CORPUS_SUFFIXES
MANIFEST_NAME = "manifest.csv"

#: Fields of a corpus record (JSONL object or CSV row); ``text`` is required. Which column or key names
#: each field is data (researchers add their export's names): analysis/resources/corpus_columns.yaml.
CORPUS_FIELDS = ("text", "title", "outlet", "published", "url", "author")
COLUMNS_FILE = "corpus_columns.yaml"
#: Runs of spaces, hyphens and underscores: one separator when column names are compared.
NAME_SEPARATORS = re.compile(r"[\s_-]+")

MEGABYTE = 1024 * 1024

#: ``<meta charset="...">`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``
#: in the first bytes of a page. A regular expression rather than an HTML parser because the bytes
#: are not decoded yet; it is only a hint, tried after strict UTF-8 has failed.
HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


@dataclass
class RawDocument:
    """One article as read from the raw folder, before any cleaning."""

    source_file: str  # path relative to the raw folder, with forward slashes
    source_record: int | None  # 1-based row of a corpus file; None for a one-article file
    lines: list[str]  # the decoded text split into lines, without line terminators
    sha256: str  # hash of the raw bytes (of the row's text for a corpus row)
    encoding: str = "utf-8"
    encoding_note: str = ""  # e.g. "not valid UTF-8 (byte 0xe9 at offset 12); read as cp1252"
    # title/outlet/published/url given by the container (corpus record fields, HTML metadata)
    metadata: dict[str, str] = field(default_factory=dict)
    # why the file cannot be used ("empty file (0 bytes)", "binary file ..."); "" when readable
    error: str = ""
    file_format: str = ""  # "txt", "html", "jsonl" or "csv"
    source_line: int | None = None  # line of the corpus file where the record starts; None otherwise
    warnings: list[str] = field(default_factory=list)  # problems that did not stop the reading


class IgnoredFile(NamedTuple):
    """A file of the raw folder that is not read as articles, and why."""

    source_file: str
    reason: str


# --------------------------------------------------------------------------------------------------
# Listing the folder


def _relative(path: Path, raw_dir: Path) -> str:
    return path.relative_to(raw_dir).as_posix()


def readable_name(name: str) -> str:
    """A file name as valid Unicode text, for tables and messages.

    A name whose bytes are not UTF-8 (say ``d\\xe9p\\xeache.txt`` from a Windows archive) reaches
    Python with lone surrogates, which no UTF-8 file can hold; each such byte is read as cp1252, or
    latin-1 for the five bytes cp1252 leaves undefined, as :func:`decode_bytes` does for file contents.
    """
    if not any("\udc80" <= char <= "\udcff" for char in name):
        return name
    out = []
    for char in name:
        if "\udc80" <= char <= "\udcff":
            byte = bytes([ord(char) - 0xDC00])
            try:
                char = byte.decode("cp1252")
            except UnicodeDecodeError:
                char = byte.decode("latin-1")
        out.append(char)
    return "".join(out)


def name_note(path: Path, raw_dir: Path) -> str:
    """A warning when a file's name is not valid UTF-8 and is shown decoded; "" otherwise."""
    relative = _relative(Path(path), Path(raw_dir))
    readable = readable_name(relative)
    if readable == relative:
        return ""
    return f"file name is not valid UTF-8; shown as '{readable}' (its bytes read as cp1252)"


def _ignore_reason(relative: str) -> str:
    """Why a file of the raw folder is not an article input; "" when it is one."""
    posix = PurePosixPath(relative)
    name = posix.name.lower()
    if posix.name.startswith("."):
        return "hidden file"
    if name == MANIFEST_NAME:
        if len(posix.parts) == 1:
            return "the manifest (per-file metadata, read by analysis.clean.manifest, not an article)"
        return "manifest.csv in a subfolder (only the top-level manifest.csv is read)"
    if posix.stem.lower() == "readme":
        return "README (documentation, not an article)"
    suffix = posix.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        if not suffix:
            return f"no file extension (supported: {supported})"
        return f"unsupported extension '{suffix}' (supported: {supported})"
    return ""


def _check_raw_dir(raw_dir: Path) -> None:
    """Raise a ConfigError when ``raw_dir`` is missing or is not a folder."""
    hint = ("Create the folder and put the article files there (.txt, .html, .htm, .jsonl, .csv), "
            "or pass RAW_DIR=<folder with the articles>.")
    if not raw_dir.exists():
        raise ConfigError("The raw folder does not exist.", path=display_path(raw_dir), hint=hint)
    if not raw_dir.is_dir():
        raise ConfigError("RAW_DIR must be a folder, but this is a file.", path=display_path(raw_dir),
                          hint=hint)


def _walk(raw_dir: Path) -> list[tuple[str, str]]:
    """Every entry of the folder as (relative path, reason it is ignored or "")."""
    entries: list[tuple[str, str]] = []
    for folder, subfolders, files in os.walk(raw_dir):
        folder_path = Path(folder)
        for name in sorted(subfolders):
            if name.startswith("."):  # .git, .ipynb_checkpoints...: not descended into
                entries.append((_relative(folder_path / name, raw_dir) + "/", "hidden folder (not read)"))
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in files:
            path = folder_path / name
            if path.is_file():
                relative = _relative(path, raw_dir)
                entries.append((relative, _ignore_reason(relative)))
    return sorted(entries)


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Article input files of a raw folder, sorted by relative path so that every run sees the same order."""
    raw_dir = Path(raw_dir)
    _check_raw_dir(raw_dir)
    return [raw_dir / relative for relative, reason in _walk(raw_dir) if not reason]


def list_ignored_files(raw_dir: Path) -> list[IgnoredFile]:
    """Files of a raw folder that are not read as articles (manifest, README, other extensions), with why."""
    raw_dir = Path(raw_dir)
    _check_raw_dir(raw_dir)
    return [IgnoredFile(readable_name(relative), reason) for relative, reason in _walk(raw_dir) if reason]


# --------------------------------------------------------------------------------------------------
# Small helpers


def _join_notes(*notes: str) -> str:
    return "; ".join(note for note in notes if note)


def format_size(megabytes: float) -> str:
    """A size for people: ``20.0 MB``, or ``2.0 KB`` below a tenth of a megabyte."""
    return f"{megabytes:.1f} MB" if megabytes >= 0.1 else f"{megabytes * 1024:.1f} KB"


# --------------------------------------------------------------------------------------------------
# One file


def _error_document(source_file: str, file_format: str, error: str, sha256: str = "",
                    encoding: str = "", record: int | None = None, line: int | None = None) -> RawDocument:
    return RawDocument(source_file=source_file, source_record=record, lines=[], sha256=sha256,
                       encoding=encoding, error=error, file_format=file_format, source_line=line)


def _read_text_file(source_file: str, data: bytes, sha256: str) -> list[RawDocument]:
    decoded = decode_bytes(data)
    if decoded.error:
        return [_error_document(source_file, "txt", decoded.error, sha256, decoded.encoding)]
    text, repair_note = repair_mojibake(decoded.text)
    if not text.strip():
        return [_error_document(source_file, "txt", "only whitespace", sha256, decoded.encoding)]
    return [RawDocument(source_file=source_file, source_record=None, lines=split_lines(text), sha256=sha256,
                        encoding=decoded.encoding, encoding_note=_join_notes(decoded.note, repair_note),
                        file_format="txt")]


#: trafilatura's Document attribute -> RawDocument.metadata key
HTML_METADATA = {"title": "title", "date": "published", "sitename": "site_name", "author": "author",
                 "url": "url"}


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """Main text and metadata of a page, by trafilatura (markup is parsed; scripts are never run).

    Dates come from the page's metadata only (no guessing from the running text), so that a date
    printed in the article is left to the cleaning stage, which records where it found it.
    """
    import trafilatura  # imported here: it is slow to import and only HTML inputs need it

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return "", {}
    metadata = {key: str(getattr(document, attribute)).strip() for attribute, key in HTML_METADATA.items()
                if getattr(document, attribute, None)}
    return document.text or "", {key: value for key, value in metadata.items() if value}


def _read_html_file(source_file: str, data: bytes, sha256: str) -> list[RawDocument]:
    declared = HTML_CHARSET.search(data[:4096])
    decoded = decode_bytes(data, declared.group(1).decode("ascii") if declared else "")
    if decoded.error:
        return [_error_document(source_file, "html", decoded.error, sha256, decoded.encoding)]
    if not decoded.text.strip():
        return [_error_document(source_file, "html", "only whitespace", sha256, decoded.encoding)]
    try:
        text, metadata = extract_html(decoded.text)
    except Exception as error:  # a page lxml/trafilatura cannot parse must not stop the run
        return [_error_document(source_file, "html", f"HTML could not be parsed ({type(error).__name__}: "
                                                     f"{error})", sha256, decoded.encoding)]
    if not text.strip():
        return [_error_document(source_file, "html", "no main text found in the page (trafilatura "
                                                     "extracted nothing)", sha256, decoded.encoding)]
    text, repair_note = repair_mojibake(text)
    metadata = {key: visible_text(repair_mojibake(value)[0]).strip() for key, value in metadata.items()}
    return [RawDocument(source_file=source_file, source_record=None, lines=split_lines(text), sha256=sha256,
                        encoding=decoded.encoding, encoding_note=_join_notes(decoded.note, repair_note),
                        metadata=metadata, file_format="html")]


# --------------------------------------------------------------------------------------------------
# Corpus files: which column is which field


@lru_cache(maxsize=4096)  # called for every key of every JSONL record
def column_key(name: object) -> str:
    """A column name as compared: case, accents, spaces, hyphens, underscores, invisible characters ignored."""
    folded = fold(visible_text(str(name)), accents=True).casefold()
    return NAME_SEPARATORS.sub("_", folded).strip("_")


@dataclass(frozen=True)
class ColumnNames:
    """Which column (CSV) or key (JSONL) of a corpus file is read as which field (corpus_columns.yaml)."""

    names: dict[str, tuple[str, ...]]  # field -> the names read as it, as written, its own name first

    @cached_property
    def ranks(self) -> dict[str, tuple[str, int]]:
        """column_key(name) -> (field, place of the name in the field's list)."""
        return {column_key(name): (name_field, rank) for name_field, names in self.names.items()
                for rank, name in enumerate(names)}

    def choose(self, columns: Sequence[str]) -> dict[str, str]:
        """field -> the column read as it; of several columns naming one field, the name listed first wins."""
        best: dict[str, tuple[int, str]] = {}
        for column in columns:
            found = self.ranks.get(column_key(column))
            if found and (found[0] not in best or found[1] < best[found[0]][0]):
                best[found[0]] = (found[1], column)
        return {name_field: column for name_field, (_, column) in best.items()}

    def missing_text(self, found: Sequence[str], what: str) -> str:
        """The message for a file whose columns (``what`` = "column" or "key") include no text."""
        accepted = list(self.names["text"])
        listed = ", ".join(accepted[:-1]) + f" or {accepted[-1]}" if len(accepted) > 1 else accepted[0]
        return (f"no text {what} ({what}s found: {', '.join(found) or 'none'}; the article text is read from a "
                f"{what} named {listed}, whatever the case and accents; add your export's name under `text` in "
                f"analysis/resources/{COLUMNS_FILE})")


def load_column_names(path: Path | None = None) -> ColumnNames:
    """The corpus column names of analysis/resources/corpus_columns.yaml, checked (ConfigError if unusable)."""
    path = Path(path) if path else resource(COLUMNS_FILE)
    data = load_yaml(path, "the corpus column names")
    hint = f"each key is a field ({', '.join(CORPUS_FIELDS)}) and holds a list of column names."
    if not isinstance(data, dict) or set(data) - set(CORPUS_FIELDS):
        unknown = ", ".join(sorted(map(str, set(data) - set(CORPUS_FIELDS)))) if isinstance(data, dict) else ""
        raise ConfigError(f"unknown field(s) {unknown}" if unknown else "the file must be a mapping of fields",
                          path=display_path(path), hint=hint)
    names: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for name_field in CORPUS_FIELDS:
        listed = data.get(name_field) or []
        if not isinstance(listed, list) or not all(isinstance(name, str) and name.strip() for name in listed):
            raise ConfigError(f"`{name_field}` must be a list of column names", path=display_path(path), hint=hint)
        names[name_field] = tuple(dict.fromkeys([name_field, *(name.strip() for name in listed)]))
        for name in names[name_field]:
            if owner.setdefault(column_key(name), name_field) != name_field:
                raise ConfigError(f"the name {name!r} is listed under both `{owner[column_key(name)]}` and "
                                  f"`{name_field}`", path=display_path(path), hint="keep it under one field.")
    return ColumnNames(names)


def columns_note(read: dict[str, str], found: Sequence[str], what: str) -> str:
    """How a corpus file's columns were read (``read``: column -> field): names read as another field's
    name, and the columns not read; "" when every column is read under its own name."""
    aliased = [f"{column} → {read[column]}" for column in found
               if column in read and column_key(column) != read[column]]
    unread = [column for column in found if column not in read]
    parts = ([f"{what}s read as " + ", ".join(aliased)] if aliased else []) + \
        ([f"{what}s not read: " + ", ".join(unread)] if unread else [])
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------------
# Corpus files: records


def _sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _record_document(source_file: str, file_format: str, record: int, line: int,
                     fields: dict[str, tuple[str, object]], raw_line: str, decoded: DecodedText,
                     max_record_mb: float) -> RawDocument:
    """The RawDocument of one corpus record (a JSONL object or a CSV row) from its fields.

    ``fields`` maps each field found to (the column it was read from, its value). The sha256 is the
    hash of the record's text, or of the record's raw line when it has no text.
    """
    where = f"line {line}"
    column, text = fields.get("text", ("text", None))
    sha256 = _sha256_text(text if isinstance(text, str) else raw_line)

    def failed(error: str) -> RawDocument:
        return _error_document(source_file, file_format, f"{where}: {error}", sha256, decoded.encoding,
                               record, line)

    if "text" not in fields:  # a JSONL record without a text key is reported by its reader
        return failed("the row ends before its text column")
    if not isinstance(text, str):
        return failed(f"'{column}' is not a string (found {type(text).__name__})")
    if not text.strip():
        return failed(f"empty '{column}'")
    size_mb = len(text.encode("utf-8", "surrogatepass")) / MEGABYTE  # as the file would hold it in UTF-8
    if size_mb > max_record_mb:
        return failed(f"text is {format_size(size_mb)}, above the limit of {format_size(max_record_mb)} "
                      f"(max_file_mb parameter)")
    fixed, repair_note = repair_mojibake(text)
    metadata: dict[str, str] = {}
    warnings: list[str] = []
    for name in CORPUS_FIELDS[1:]:
        column, value = fields.get(name, (name, None))
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            warnings.append(f"{where}: '{column}' ignored (expected text, found {type(value).__name__})")
            continue
        value = visible_text(repair_mojibake(str(value).strip())[0]).strip()
        if name == "published" and value:
            value, given = _iso_date(value), value
            if not value:
                warnings.append(f"{where}: '{column}' {given!r} is not a full date (day, month, year); the "
                                "date printed in the text, if any, is used")
        if value:
            metadata[name] = value
    return RawDocument(source_file=source_file, source_record=record, lines=split_lines(fixed), sha256=sha256,
                       encoding=decoded.encoding, encoding_note=_join_notes(decoded.note, repair_note),
                       metadata=metadata, file_format=file_format, source_line=line, warnings=warnings)


def _iso_date(value: str) -> str:
    """A corpus file's date as YYYY-MM-DD ("23/10/2024" -> "2024-10-23"); "" when it is not a full date."""
    # imported here: dateparser takes a second to import, and only corpus files with dates need it
    from analysis.clean.dates import given_date

    return given_date(value)


def _decode_corpus(source_file: str, file_format: str, data: bytes, sha256: str) -> DecodedText | RawDocument:
    """The decoded text of a corpus file, or the error document when it cannot be used."""
    decoded = decode_bytes(data)
    if decoded.error:
        return _error_document(source_file, file_format, decoded.error, sha256, decoded.encoding)
    if not decoded.text.strip():
        return _error_document(source_file, file_format, "only whitespace", sha256, decoded.encoding)
    return decoded


def _with_columns_note(documents: list[RawDocument], note: str) -> list[RawDocument]:
    """The documents of a corpus file, the first one carrying the file's note on its columns."""
    if note and documents:
        documents[0].warnings.insert(0, note)
    return documents


JSON_TYPE_NAMES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean",
                   type(None): "null"}


def _read_jsonl_file(source_file: str, data: bytes, sha256: str, max_record_mb: float,
                     columns: ColumnNames) -> list[RawDocument]:
    decoded = _decode_corpus(source_file, "jsonl", data, sha256)
    if isinstance(decoded, RawDocument):
        return [decoded]
    documents = []
    read: dict[str, str] = {}  # column -> field, for every record: keys may differ from line to line
    found: dict[str, None] = {}
    # split on "\n" only: a JSON string may hold a raw U+2028, which str.splitlines would break.
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        line_sha = _sha256_text(line)
        try:
            record = json.loads(line, strict=False)  # a raw control character in a string is the cleaner's
        except json.JSONDecodeError as error:
            documents.append(_error_document(
                source_file, "jsonl", f"line {number}: malformed JSON ({error.msg}, column {error.colno})",
                line_sha, decoded.encoding, number, number))
            continue
        if not isinstance(record, dict):
            kind = JSON_TYPE_NAMES.get(type(record), type(record).__name__)
            documents.append(_error_document(source_file, "jsonl", f"line {number}: not a JSON object "
                                             f"(found {kind})", line_sha, decoded.encoding, number, number))
            continue
        values = {str(key): value for key, value in record.items()}
        found.update(dict.fromkeys(values))
        chosen = columns.choose(list(values))
        read.update({column: name_field for name_field, column in chosen.items()})
        if "text" not in chosen:
            documents.append(_error_document(source_file, "jsonl", f"line {number}: no text key (keys found: "
                                             f"{', '.join(values) or 'none'})", line_sha, decoded.encoding,
                                             number, number))
            continue
        fields = {name_field: (column, values[column]) for name_field, column in chosen.items()}
        documents.append(_record_document(source_file, "jsonl", number, number, fields, line, decoded,
                                          max_record_mb))
    if found and "text" not in read.values():  # no record has a text: one message for the file
        return [_error_document(source_file, "jsonl", columns.missing_text(list(found), "key"), sha256,
                                decoded.encoding)]
    documents = documents or [_error_document(source_file, "jsonl", "no records", sha256, decoded.encoding)]
    return _with_columns_note(documents, columns_note(read, list(found), "key"))


def _csv_record(header: Sequence[str], chosen: dict[str, str], row: Sequence[str]) -> dict[str, tuple[str, object]]:
    """A CSV row's fields: (column, cell) of each chosen column the row reaches."""
    index = {column: header.index(column) for column in chosen.values()}  # a repeated name: the first one
    return {name_field: (column, row[index[column]]) for name_field, column in chosen.items()
            if index[column] < len(row)}


def _read_csv_file(source_file: str, data: bytes, sha256: str, max_record_mb: float,
                   columns: ColumnNames) -> list[RawDocument]:
    decoded = _decode_corpus(source_file, "csv", data, sha256)
    if isinstance(decoded, RawDocument):
        return [decoded]
    text = decoded.text
    delimiter = sniff_delimiter(split_lines(text.lstrip("\r\n"))[0], columns.names["text"], column_key)
    documents: list[RawDocument] = []
    header: list[str] | None = None
    chosen: dict[str, str] = {}
    row_number = 0
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, int(max_record_mb * MEGABYTE) + 1))  # long articles are one field
    try:
        for row in csv_rows(text, delimiter):
            if header is None:
                header = [name.strip() for name in row.cells]
                chosen = columns.choose(header)
                if "text" not in chosen:
                    return [_error_document(source_file, "csv", columns.missing_text(header, "column"),
                                            sha256, decoded.encoding)]
                continue
            row_number += 1
            if len(row.cells) > len(header):
                row_sha = _sha256_text(delimiter.join(row.cells))
                documents.append(_error_document(
                    source_file, "csv", f"line {row.line}: {len(row.cells)} fields but the header has "
                    f"{len(header)} (quote fields that contain the delimiter)", row_sha, decoded.encoding,
                    row_number, row.line))
                continue
            documents.append(_record_document(source_file, "csv", row_number, row.line,
                                              _csv_record(header, chosen, row.cells), delimiter.join(row.cells),
                                              decoded, max_record_mb))
    except MalformedCsv as malformed:
        documents.append(_error_document(source_file, "csv", f"line {malformed.reader_line}: malformed CSV "
                                         f"({malformed}); the rest of the file is not read",
                                         sha256, decoded.encoding, None, malformed.reader_line))
    finally:
        csv.field_size_limit(old_limit)
    if not documents:
        return [_error_document(source_file, "csv", "no data rows (only a header)", sha256, decoded.encoding)]
    return _with_columns_note(documents, columns_note({column: name_field for name_field, column in chosen.items()},
                                                      header or [], "column"))


def read_raw_file(path: Path, raw_dir: Path, max_file_mb: float = 5.0, max_corpus_mb: float = 500.0,
                  columns: ColumnNames | None = None) -> list[RawDocument]:
    """The RawDocuments of one input file (one for an article file, one per record of a corpus file).

    ``max_file_mb`` limits a one-article file and each corpus record; ``max_corpus_mb`` a whole
    ``.jsonl``/``.csv`` file. Sizes are checked before the bytes are read (1 MB = 1024 x 1024 bytes).
    ``columns``: the corpus column names (default: read from corpus_columns.yaml when needed).
    """
    path, raw_dir = Path(path), Path(raw_dir)
    source_file = readable_name(_relative(path, raw_dir))
    suffix = path.suffix.lower()
    file_format = "html" if suffix in (".html", ".htm") else suffix.lstrip(".")
    limit, parameter = ((max_corpus_mb, "max_corpus_mb") if suffix in CORPUS_SUFFIXES
                        else (max_file_mb, "max_file_mb"))
    try:
        size_mb = path.stat().st_size / MEGABYTE
        if size_mb > limit:
            return [_error_document(source_file, file_format, f"file is {format_size(size_mb)}, above the "
                                    f"limit of {format_size(limit)} ({parameter} parameter)")]
        data = path.read_bytes()
    except OSError as error:
        return [_error_document(source_file, file_format,
                                f"cannot read the file ({error.strerror or error})")]
    sha256 = hashlib.sha256(data).hexdigest()
    if suffix == ".txt":
        return _read_text_file(source_file, data, sha256)
    if suffix in (".html", ".htm"):
        return _read_html_file(source_file, data, sha256)
    if suffix == ".jsonl":
        return _read_jsonl_file(source_file, data, sha256, max_file_mb, columns or load_column_names())
    if suffix == ".csv":
        return _read_csv_file(source_file, data, sha256, max_file_mb, columns or load_column_names())
    raise ValueError(f"{source_file}: unsupported extension {suffix!r}; list_raw_files never returns it")


def read_raw_folder(raw_dir: Path, max_file_mb: float = 5.0,
                    max_corpus_mb: float = 500.0) -> list[RawDocument]:
    """Read every article input of ``raw_dir`` (sorted by relative path; the folder is never modified).

    Raises ConfigError when the folder does not exist, is not a folder, or holds no article file, and
    when corpus_columns.yaml is unusable.
    """
    raw_dir = Path(raw_dir)
    paths = list_raw_files(raw_dir)
    if not paths:
        ignored = list_ignored_files(raw_dir)
        found = ("; files found but not read: " + ", ".join(f"{item.source_file} ({item.reason})"
                                                             for item in ignored[:5])
                 + (f" and {len(ignored) - 5} more" if len(ignored) > 5 else "")) if ignored else ""
        raise ConfigError(f"No article files ({', '.join(SUPPORTED_SUFFIXES)}) in this folder{found}.",
                          path=display_path(raw_dir),
                          hint="Put the articles there, or pass RAW_DIR=<folder with the articles>.")
    columns = load_column_names()
    documents: list[RawDocument] = []
    for path in paths:
        found = read_raw_file(path, raw_dir, max_file_mb, max_corpus_mb, columns)
        note = name_note(path, raw_dir)
        for document in found if note else []:
            document.warnings.append(note)
        documents.extend(found)
    return documents
