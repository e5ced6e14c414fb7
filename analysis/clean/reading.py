"""Reading the raw folder: every input file becomes one or more RawDocuments.

Inputs (the raw folder is only ever read, never written):

- ``.txt``: one article per file, its lines as they are in the file.
- ``.html`` / ``.htm``: one article per page; trafilatura extracts the main text and the page's
  metadata (it parses the markup, it never runs scripts).
- ``.jsonl``: one article per line (an object with ``text`` and optional ``title``, ``outlet``,
  ``published`` (alias ``date``), ``url``).
- ``.csv``: one article per row, same columns.

Bytes are decoded by :func:`analysis.clean.decoding.decode_bytes` (byte order mark, UTF-16 recognised
from its byte pattern, strict UTF-8, an HTML page's declared charset, cp1252, latin-1), then ftfy
repairs mojibake without touching typography. A file that cannot be used still gives a RawDocument, with ``error`` saying
why, so that nothing is lost silently. Files that are not article inputs (the manifest, a README,
other extensions, hidden files) are listed by :func:`list_ignored_files` with the reason.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from analysis.clean.decoding import DecodedText, decode_bytes, repair_mojibake, split_lines
from analysis.core.errors import ConfigError
from analysis.core.paths import display_path

ONE_ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
CORPUS_SUFFIXES = (".jsonl", ".csv")
SUPPORTED_SUFFIXES = ONE_ARTICLE_SUFFIXES + CORPUS_SUFFIXES
MANIFEST_NAME = "manifest.csv"

#: Fields of a corpus record (JSONL object or CSV column), and accepted aliases.
CORPUS_FIELDS = ("text", "title", "outlet", "published", "url")
CORPUS_FIELD_ALIASES = {"date": "published"}

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


def sniff_delimiter(header_line: str, required_column: str) -> str:
    """The CSV delimiter of a header line: the one among , ; tab that yields ``required_column``.

    French spreadsheets export with ";"; a header that contains the required column name tells
    the delimiter without guessing from the data rows.
    """
    best, best_count = ",", 0
    for delimiter in (",", ";", "\t"):
        names = [name.strip().strip('"').strip().lower() for name in header_line.split(delimiter)]
        if required_column in names:
            return delimiter
        if len(names) > best_count:
            best, best_count = delimiter, len(names)
    return best


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
    metadata = {key: repair_mojibake(value)[0] for key, value in metadata.items()}
    return [RawDocument(source_file=source_file, source_record=None, lines=split_lines(text), sha256=sha256,
                        encoding=decoded.encoding, encoding_note=_join_notes(decoded.note, repair_note),
                        metadata=metadata, file_format="html")]


def _normalise_field_name(name: str) -> str:
    name = name.strip().lower()
    return CORPUS_FIELD_ALIASES.get(name, name)


def _record_fields(raw: dict[str, object]) -> dict[str, object]:
    """A record's fields under their canonical names; ``published`` wins over its alias ``date``."""
    fields: dict[str, object] = {}
    for name, value in raw.items():
        canonical = _normalise_field_name(str(name))
        if canonical in CORPUS_FIELDS and (canonical not in fields or str(name).strip().lower() == canonical):
            fields[canonical] = value
    return fields


def _sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _record_document(source_file: str, file_format: str, record: int, line: int, raw: dict[str, object],
                     raw_line: str, decoded: DecodedText, max_record_mb: float) -> RawDocument:
    """The RawDocument of one corpus record (a JSONL object or a CSV row).

    Its sha256 is the hash of the record's text, or of the record's raw line when it has no text.
    """
    where = f"line {line}"
    fields = _record_fields(raw)
    text = fields.get("text")
    sha256 = _sha256_text(text if isinstance(text, str) else raw_line)

    def failed(error: str) -> RawDocument:
        return _error_document(source_file, file_format, f"{where}: {error}", sha256, decoded.encoding,
                               record, line)

    if "text" not in fields:
        return failed("no 'text' field")
    if not isinstance(text, str):
        return failed(f"'text' is not a string (found {type(text).__name__})")
    if not text.strip():
        return failed("empty 'text'")
    size_mb = len(text.encode("utf-8", "surrogatepass")) / MEGABYTE  # as the file would hold it in UTF-8
    if size_mb > max_record_mb:
        return failed(f"text is {format_size(size_mb)}, above the limit of {format_size(max_record_mb)} "
                      f"(max_file_mb parameter)")
    fixed, repair_note = repair_mojibake(text)
    metadata: dict[str, str] = {}
    warnings: list[str] = []
    for name in CORPUS_FIELDS[1:]:
        value = fields.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            warnings.append(f"{where}: '{name}' ignored (expected text, found {type(value).__name__})")
            continue
        value = repair_mojibake(str(value).strip())[0]
        if value:
            metadata[name] = value
    return RawDocument(source_file=source_file, source_record=record, lines=split_lines(fixed), sha256=sha256,
                       encoding=decoded.encoding, encoding_note=_join_notes(decoded.note, repair_note),
                       metadata=metadata, file_format=file_format, source_line=line, warnings=warnings)


def _decode_corpus(source_file: str, file_format: str, data: bytes, sha256: str) -> DecodedText | RawDocument:
    """The decoded text of a corpus file, or the error document when it cannot be used."""
    decoded = decode_bytes(data)
    if decoded.error:
        return _error_document(source_file, file_format, decoded.error, sha256, decoded.encoding)
    if not decoded.text.strip():
        return _error_document(source_file, file_format, "only whitespace", sha256, decoded.encoding)
    return decoded


JSON_TYPE_NAMES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean",
                   type(None): "null"}


def _read_jsonl_file(source_file: str, data: bytes, sha256: str, max_record_mb: float) -> list[RawDocument]:
    decoded = _decode_corpus(source_file, "jsonl", data, sha256)
    if isinstance(decoded, RawDocument):
        return [decoded]
    documents = []
    # split on "\n" only: a JSON string may hold a raw U+2028, which str.splitlines would break.
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        line_sha = _sha256_text(line)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            documents.append(_error_document(
                source_file, "jsonl", f"line {number}: malformed JSON ({error.msg}, column {error.colno})",
                line_sha, decoded.encoding, number, number))
            continue
        if not isinstance(record, dict):
            found = JSON_TYPE_NAMES.get(type(record), type(record).__name__)
            documents.append(_error_document(source_file, "jsonl", f"line {number}: not a JSON object "
                                             f"(found {found})", line_sha, decoded.encoding, number, number))
            continue
        documents.append(_record_document(source_file, "jsonl", number, number, record, line, decoded,
                                          max_record_mb))
    return documents or [_error_document(source_file, "jsonl", "no records", sha256, decoded.encoding)]


def _read_csv_file(source_file: str, data: bytes, sha256: str, max_record_mb: float) -> list[RawDocument]:
    decoded = _decode_corpus(source_file, "csv", data, sha256)
    if isinstance(decoded, RawDocument):
        return [decoded]
    text = decoded.text
    delimiter = sniff_delimiter(split_lines(text.lstrip("\r\n"))[0], "text")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    documents: list[RawDocument] = []
    header: list[str] | None = None
    row_number = 0
    previous_line = 0
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, int(max_record_mb * MEGABYTE) + 1))  # long articles are one field
    try:
        while True:
            start_line = previous_line + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                documents.append(_error_document(source_file, "csv", f"line {reader.line_num}: malformed CSV "
                                                 f"({error}); the rest of the file is not read",
                                                 sha256, decoded.encoding, None, reader.line_num))
                break
            previous_line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [name.strip().lower() for name in row]
                if "text" not in header:
                    found = ", ".join(name.strip() for name in row)
                    return [_error_document(source_file, "csv", f"no 'text' column (columns found: {found})",
                                            sha256, decoded.encoding)]
                continue
            row_number += 1
            if len(row) > len(header):
                row_sha = _sha256_text(delimiter.join(row))
                documents.append(_error_document(
                    source_file, "csv", f"line {start_line}: {len(row)} fields but the header has "
                    f"{len(header)} (quote fields that contain the delimiter)", row_sha, decoded.encoding,
                    row_number, start_line))
                continue
            record: dict[str, object] = {}
            for name, value in zip(header, row):
                record.setdefault(name, value)  # a repeated column name: the first one counts
            documents.append(_record_document(source_file, "csv", row_number, start_line, record,
                                              delimiter.join(row), decoded, max_record_mb))
    finally:
        csv.field_size_limit(old_limit)
    if not documents:
        return [_error_document(source_file, "csv", "no data rows (only a header)", sha256, decoded.encoding)]
    return documents


def read_raw_file(path: Path, raw_dir: Path, max_file_mb: float = 5.0,
                  max_corpus_mb: float = 500.0) -> list[RawDocument]:
    """The RawDocuments of one input file (one for an article file, one per record of a corpus file).

    ``max_file_mb`` limits a one-article file and each corpus record; ``max_corpus_mb`` a whole
    ``.jsonl``/``.csv`` file. Sizes are checked before the bytes are read (1 MB = 1024 x 1024 bytes).
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
        return _read_jsonl_file(source_file, data, sha256, max_file_mb)
    if suffix == ".csv":
        return _read_csv_file(source_file, data, sha256, max_file_mb)
    raise ValueError(f"{source_file}: unsupported extension {suffix!r}; list_raw_files never returns it")


def read_raw_folder(raw_dir: Path, max_file_mb: float = 5.0,
                    max_corpus_mb: float = 500.0) -> list[RawDocument]:
    """Read every article input of ``raw_dir`` (sorted by relative path; the folder is never modified).

    Raises ConfigError when the folder does not exist, is not a folder, or holds no article file.
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
    documents: list[RawDocument] = []
    for path in paths:
        found = read_raw_file(path, raw_dir, max_file_mb, max_corpus_mb)
        note = name_note(path, raw_dir)
        for document in found if note else []:
            document.warnings.append(note)
        documents.extend(found)
    return documents
