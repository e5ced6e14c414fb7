"""The set-up cell every stage notebook shares: display options and the run's folders."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.core.paths import RunPaths, run_paths


def setup_notebook(raw_dir: str | Path | None = None, out_dir: str | Path | None = None) -> RunPaths:
    """Set pandas' display for readable stored outputs and return the run's paths (see core.paths)."""
    pd.set_option("display.max_colwidth", 90)
    pd.set_option("display.width", 160)
    return run_paths(raw_dir, out_dir)
