"""Reading and writing the processed tables: deterministic bytes, atomic replacement, list cells."""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

import pandas as pd

#: How a cell holds several values: "south_korea | ukraine". Written and read only here.
LIST_SEPARATOR = " | "


def _umask() -> int:
    """The process's file-creation mask (read by setting it and putting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _replace(tmp_name: str, path: Path) -> None:
    """Give the temporary file ordinary permissions (mkstemp makes it private), then rename it."""
    os.chmod(tmp_name, 0o666 & ~_umask())
    os.replace(tmp_name, path)


def _write_atomically(path: Path, write: Callable[[IO], None], binary: bool = False) -> Path:
    """Write ``path`` through a temporary file in its folder, then rename it into place: an
    interrupted run leaves the previous file intact."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with (os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")) as stream:
            write(stream)
        _replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` to ``path`` as UTF-8 CSV, atomically (temporary file, then rename).

    Row order and float formatting are the caller's data, so the same frame always gives the same bytes.
    """
    return _write_atomically(path, lambda stream: frame.to_csv(stream, index=False, lineterminator="\n",
                                                               float_format="%.6g"))


def write_text(text: str, path: Path) -> Path:
    """Write text atomically, like :func:`write_csv`."""
    return _write_atomically(path, lambda stream: stream.write(text))


def write_bytes(data: bytes, path: Path) -> Path:
    """Write bytes (a PNG, an SVG) atomically, like :func:`write_csv`."""
    return _write_atomically(path, lambda stream: stream.write(data), binary=True)


def read_csv(path: Path) -> pd.DataFrame:
    """Read a processed table with empty cells kept as empty strings in text columns."""
    return pd.read_csv(path, keep_default_na=False, na_values=[""], encoding="utf-8")


def join_list(values: Iterable[object]) -> str:
    """Cell value of a list: its items joined by LIST_SEPARATOR (empty items dropped)."""
    return LIST_SEPARATOR.join(str(value) for value in values if str(value))


def split_list(cell: object) -> list[str]:
    """The items of a list cell ("" or missing -> [])."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return []
    return [item.strip() for item in str(cell).split(LIST_SEPARATOR.strip()) if item.strip()]
