"""Reading and writing the processed tables: deterministic bytes, atomic replacement."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd


def _umask() -> int:
    """The process's file-creation mask (read by setting it and putting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _replace(tmp_name: str, path: Path) -> None:
    """Give the temporary file ordinary permissions (mkstemp makes it private), then rename it."""
    os.chmod(tmp_name, 0o666 & ~_umask())
    os.replace(tmp_name, path)


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` to ``path`` as UTF-8 CSV, atomically (temporary file, then rename).

    An interrupted run therefore leaves the previous file intact. Row order and float formatting
    are the caller's data, so the same frame always gives the same bytes.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            frame.to_csv(stream, index=False, lineterminator="\n", float_format="%.6g")
        _replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def write_text(text: str, path: Path) -> Path:
    """Write text atomically, like :func:`write_csv`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        _replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def read_csv(path: Path) -> pd.DataFrame:
    """Read a processed table with empty cells kept as empty strings in text columns."""
    return pd.read_csv(path, keep_default_na=False, na_values=[""], encoding="utf-8")
