"""CSV tables of the raw folder (corpus files and the manifest): their delimiter and their rows.

One reader for both, so that a CSV corpus file and the manifest agree on what a row is, where it starts
and how a broken quote is reported: :func:`csv_rows` yields the non-blank rows with the line each starts
on, and raises :class:`MalformedCsv` (with that line) when the csv module cannot read on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass


class MalformedCsv(Exception):
    """The csv module cannot read a row: ``line`` is where the row starts, ``reader_line`` where it stopped."""

    def __init__(self, error: csv.Error, line: int, reader_line: int) -> None:
        super().__init__(str(error))
        self.error = error
        self.line = line
        self.reader_line = reader_line

    @property
    def runs_on(self) -> bool:
        """Whether the row ran over several lines (typically a double quote that is never closed)."""
        return self.reader_line > self.line


@dataclass(frozen=True)
class CsvRow:
    """One non-blank row: its cells and the 1-based line of the text where it starts."""

    cells: list[str]
    line: int


def sniff_delimiter(header_line: str, required_columns: Collection[str],
                    key: Callable[[str], str] = str.lower) -> str:
    """The CSV delimiter of a header line: the one among , ; tab that yields one of ``required_columns``.

    French spreadsheets export with ";"; a header that contains a required column name tells the
    delimiter without guessing from the data rows. Names are compared through ``key``.
    """
    wanted = {key(name) for name in required_columns}
    best, best_count = ",", 0
    for delimiter in (",", ";", "\t"):
        names = [key(name.strip().strip('"').strip()) for name in header_line.split(delimiter)]
        if wanted & set(names):
            return delimiter
        if len(names) > best_count:
            best, best_count = delimiter, len(names)
    return best


def csv_rows(text: str, delimiter: str, *, strict: bool = False) -> Iterator[CsvRow]:
    """The non-blank rows of a CSV text, in order, each with the line it starts on.

    Raises MalformedCsv at the first row the csv module cannot read (``strict`` makes it stricter about
    quotes, as a manifest should be).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    previous_line = 0
    while True:
        line = previous_line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise MalformedCsv(error, line, reader.line_num) from error
        previous_line = reader.line_num
        if any(cell.strip() for cell in cells):
            yield CsvRow(cells, line)
