"""Reading the raw folder: every input file becomes one or more RawDocuments.

(Minimal version: UTF-8 ``.txt`` files only. The cleaning issue extends it to HTML, JSONL/CSV
corpus files, other encodings and the manifest.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt",)


@dataclass
class RawDocument:
    """One article as read from the raw folder, before any cleaning."""

    source_file: str  # path relative to the raw folder, with forward slashes
    source_record: int | None  # 1-based row of a corpus file; None for a one-article file
    lines: list[str]  # the decoded text split into lines, without line terminators
    sha256: str  # hash of the raw bytes (of the row's text for a corpus row)
    encoding: str = "utf-8"
    encoding_note: str = ""  # e.g. "read as cp1252: not valid UTF-8"
    metadata: dict[str, str] = field(default_factory=dict)  # title/outlet/published/url given by the container
    error: str = ""  # why the file cannot be used ("empty file", "binary file", ...); "" when readable


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Input files of a raw folder, sorted by relative path so that every run sees the same order."""
    return sorted(
        (path for path in Path(raw_dir).rglob("*") if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES
         and path.name != "manifest.csv"),
        key=lambda path: path.relative_to(raw_dir).as_posix(),
    )


def read_raw_folder(raw_dir: Path) -> list[RawDocument]:
    """Read every input file of ``raw_dir``."""
    documents = []
    for path in list_raw_files(raw_dir):
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
        documents.append(
            RawDocument(
                source_file=path.relative_to(raw_dir).as_posix(),
                source_record=None,
                lines=text.splitlines(),
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
    return documents
