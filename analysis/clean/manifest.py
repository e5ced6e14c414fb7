"""The raw folder's manifest.csv: what is known about each input file beyond its text.

One row per file, column ``file`` (path relative to the raw folder) required; optional columns
``outlet``, ``outlet_source`` (``manifest`` when the outlet is known for certain, ``inferred`` when it
rests on outside evidence, which ``outlet_evidence`` then states), ``outlet_evidence``, ``url``,
``published`` (ISO date, YYYY-MM-DD), ``language`` (ISO 639-1) and ``notes``. A row that names a
corpus file (.jsonl/.csv) applies to every record of it. An empty cell means unknown.

Problems that only affect one row or one cell become warnings (naming manifest.csv and the line) and
the rest is read; a manifest that cannot be read as a table stops the run with a ConfigError.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from analysis.clean.characters import visible_text
from analysis.clean.decoding import decode_bytes, repair_mojibake, split_lines
from analysis.clean.reading import MANIFEST_NAME
from analysis.clean.tabular import MalformedCsv, csv_rows, sniff_delimiter
from analysis.core.errors import ConfigError
from analysis.core.paths import display_path

MANIFEST_COLUMNS = ("file", "outlet", "outlet_source", "outlet_evidence", "url", "published", "language",
                    "title", "notes")
OUTLET_SOURCES = ("manifest", "inferred")
LANGUAGE_CODE = re.compile(r"^([a-z]{2})(?:[-_][a-z]{2})?$")  # "fr", also "fr-FR" / "fr_BE" -> "fr"


@dataclass(frozen=True)
class ManifestEntry:
    """What the manifest says about one file ("" = unknown)."""

    file: str
    outlet: str = ""
    outlet_source: str = ""  # "manifest" | "inferred"; "" when no outlet is given
    outlet_evidence: str = ""
    url: str = ""
    published: str = ""  # ISO date YYYY-MM-DD
    language: str = ""  # ISO 639-1 code
    title: str = ""  # the headline, for a text that does not print it
    notes: str = ""
    line: int = 0  # line of manifest.csv the entry comes from


@dataclass
class Manifest:
    """Entries of manifest.csv by file (relative path), and the warnings raised while reading it."""

    entries: dict[str, ManifestEntry] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def entry(self, source_file: str) -> ManifestEntry | None:
        """The entry of a file (for a corpus record: of its corpus file), or None when it has none."""
        return self.entries.get(source_file)


def _normalise_file_name(value: str) -> str:
    """A manifest ``file`` cell as a relative path with forward slashes, without a leading "./"."""
    value = value.strip().replace("\\", "/")
    while value.startswith("./"):
        value = value[2:]
    return value


def parse_iso_date(value: str) -> str:
    """``YYYY-MM-DD`` of an ISO 8601 date or date-time; "" when the value is not one."""
    value = value.strip()
    for parse in (date.fromisoformat, lambda text: datetime.fromisoformat(text).date()):
        try:
            return parse(value).isoformat()
        except ValueError:
            continue
    return ""


class _ManifestReader:
    """Reads manifest.csv row by row, collecting entries and warnings."""

    def __init__(self, path: Path, file_names: list[str]) -> None:
        self.path = path
        self.file_names = set(file_names)
        self.sorted_names = sorted(file_names)
        self.manifest = Manifest()
        self.delimiter = ","

    def warn(self, line: int | None, message: str) -> None:
        where = f"{MANIFEST_NAME}, line {line}" if line else MANIFEST_NAME
        self.manifest.warnings.append(f"{where}: {message}")

    def fail(self, problem: str, line: int | None = None, hint: str = "") -> ConfigError:
        return ConfigError(problem, path=display_path(self.path), line=line, hint=hint)

    def text(self) -> str:
        decoded = decode_bytes(self.path.read_bytes())
        if decoded.error:
            raise self.fail(f"the manifest cannot be read: {decoded.error}.",
                            hint="Save the manifest as a UTF-8 CSV file (one row per article file).")
        if decoded.note:
            self.warn(None, decoded.note)
        text, repair_note = repair_mojibake(decoded.text)
        if repair_note:
            self.warn(None, repair_note)
        return text

    def read(self) -> Manifest:
        text = self.text()
        if not text.strip():
            self.warn(None, "the manifest is empty")
            return self.manifest
        self.delimiter = sniff_delimiter(split_lines(text.lstrip("\r\n"))[0], ["file"])
        header: list[str] | None = None
        try:
            for row in csv_rows(text, self.delimiter, strict=True):
                if header is None:
                    header = self.read_header(row.cells, row.line)
                else:
                    self.read_row(header, row.cells, row.line)
        except MalformedCsv as malformed:
            # A quote left open joins the next lines to its row: name the line where the row starts.
            problem = (f"the manifest is not a readable CSV table ({malformed} on line {malformed.reader_line}): "
                       "a double quote opened on this line is probably never closed, so the lines after it were "
                       "read as part of the same field." if malformed.runs_on
                       else f"the manifest is not a readable CSV table ({malformed}).")
            raise self.fail(problem, malformed.line if malformed.runs_on else malformed.reader_line,
                            hint="Check the quotes on that line: a field that contains a comma or a line break "
                                 "must be enclosed in double quotes, and every opening quote needs its closing "
                                 "quote.") from malformed.error
        return self.manifest

    def read_header(self, row: list[str], line: int) -> list[str]:
        header = [name.strip().lower() for name in row]
        if "file" not in header:
            raise self.fail("the manifest has no 'file' column (columns found: "
                            f"{', '.join(name.strip() for name in row)}).", line,
                            hint="Add a first column named 'file' holding each article's file name "
                                 "(e.g. 000_86ef5fc6a3b7a9e5.txt); optional columns: "
                                 + ", ".join(MANIFEST_COLUMNS[1:]) + ".")
        unknown = [name for name in header if name not in MANIFEST_COLUMNS]
        if unknown:
            self.warn(line, f"unknown column(s) {', '.join(repr(name) for name in unknown)} ignored "
                            f"(known columns: {', '.join(MANIFEST_COLUMNS)})")
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:
            self.warn(line, f"column(s) {', '.join(repr(name) for name in repeated)} repeated; the first "
                            "one is used")
        return header

    def read_row(self, header: list[str], row: list[str], line: int) -> None:
        if len(row) > len(header):
            raise self.fail(f"{len(row)} fields on this line but the header has "
                            f"{len(header)}.", line,
                            hint=f"Enclose in double quotes every field that contains the delimiter "
                                 f"({self.delimiter!r}).")
        cells: dict[str, str] = {}
        for name, value in zip(header, row):
            cells.setdefault(name, visible_text(value).strip())  # no zero-width or control characters
        file_name = _normalise_file_name(cells.get("file", ""))
        if not file_name:
            self.warn(line, "empty 'file' cell; row ignored")
            return
        if file_name not in self.file_names:
            close = difflib.get_close_matches(file_name, self.sorted_names, n=1, cutoff=0.8)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.warn(line, f"file '{file_name}' is not an article file of the raw folder{hint}; row ignored")
            return
        if file_name in self.manifest.entries:
            first = self.manifest.entries[file_name].line
            self.warn(line, f"second row for '{file_name}' (first on line {first}); this row ignored")
            return
        self.manifest.entries[file_name] = self.entry(file_name, cells, line)

    def entry(self, file_name: str, cells: dict[str, str], line: int) -> ManifestEntry:
        outlet = cells.get("outlet", "")
        return ManifestEntry(
            file=file_name,
            outlet=outlet,
            outlet_source=self.outlet_source(outlet, cells.get("outlet_source", ""),
                                             cells.get("outlet_evidence", ""), line),
            outlet_evidence=cells.get("outlet_evidence", ""),
            url=self.url(cells.get("url", ""), line),
            published=self.published(cells.get("published", ""), line),
            language=self.language(cells.get("language", ""), line),
            title=" ".join(cells.get("title", "").split()),
            notes=cells.get("notes", ""),
            line=line,
        )

    def outlet_source(self, outlet: str, value: str, evidence: str, line: int) -> str:
        value = value.lower()
        if not outlet:
            if value:
                self.warn(line, f"outlet_source '{value}' given without an outlet; ignored")
            return ""
        if value and value not in OUTLET_SOURCES:
            self.warn(line, f"outlet_source '{value}' is not one of {', '.join(OUTLET_SOURCES)}; "
                            "'manifest' used")
            value = ""
        value = value or "manifest"
        if value == "inferred" and not evidence:
            self.warn(line, "inferred outlet without outlet_evidence: say what the inference rests on")
        return value

    def published(self, value: str, line: int) -> str:
        if not value:
            return ""
        parsed = parse_iso_date(value)
        if not parsed:
            self.warn(line, f"published '{value}' is not an ISO date (YYYY-MM-DD); field ignored")
        return parsed

    def language(self, value: str, line: int) -> str:
        if not value:
            return ""
        match = LANGUAGE_CODE.match(value.lower())
        if not match:
            self.warn(line, f"language '{value}' is not a two-letter ISO 639-1 code (e.g. fr); field ignored")
            return ""
        return match.group(1)

    def url(self, value: str, line: int) -> str:
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.warn(line, f"url '{value}' is not an http(s) address; field ignored")
            return ""
        return value


def read_manifest(raw_dir: Path, file_names: list[str]) -> Manifest:
    """Read ``raw_dir/manifest.csv`` against the article files of the folder (relative paths).

    No manifest gives an empty Manifest. Raises ConfigError when the manifest has no ``file``
    column or is not a readable CSV table.
    """
    path = Path(raw_dir) / MANIFEST_NAME
    if not path.is_file():
        return Manifest()
    try:
        return _ManifestReader(path, list(file_names)).read()
    except OSError as error:
        raise ConfigError(f"{MANIFEST_NAME} cannot be read ({error.strerror or error}).",
                          path=display_path(path), hint="Check the file's permissions.") from error
