"""The one place that resolves the project root and every default path.

Nothing else in the project builds a path from the working directory: papermill runs notebooks in
the caller's directory and nbval in the notebook's folder, so both must find the same files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
ANNOTATIONS_DIR = PROJECT_ROOT / "data" / "annotations"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
RESOURCES_DIR = PROJECT_ROOT / "analysis" / "resources"
CACHE_DIR = Path(os.environ.get("ANALYSIS_CACHE_DIR", PROJECT_ROOT / ".cache"))

#: When set, runs that name no output folder write there instead of data/processed and reports/.
#: The nbval test session sets it so that re-executing the notebooks never rewrites the repository.
OUT_DIR_ENV = "ANALYSIS_OUT_DIR"
#: The folder beside report.html that holds every figure as PNG, SVG and the CSV it draws.
FIGURES_DIRNAME = "figures"


@dataclass(frozen=True)
class RunPaths:
    """Where one run reads its articles and writes its datasets, notebooks and report."""

    raw_dir: Path
    processed_dir: Path
    notebooks_dir: Path
    report_path: Path

    @property
    def figures_dir(self) -> Path:
        """Where the report's figures are written as files: ``figures/`` beside report.html."""
        return self.report_path.parent / FIGURES_DIRNAME

    @property
    def manifest_path(self) -> Path:
        """The optional per-file manifest of the raw folder."""
        return self.raw_dir / "manifest.csv"


def run_paths(raw_dir: str | Path | None = None, out_dir: str | Path | None = None) -> RunPaths:
    """Resolve a run's folders: the repository defaults, or ``out_dir/{processed,notebooks}``."""
    raw = Path(raw_dir).expanduser().resolve() if raw_dir else RAW_DIR
    out = out_dir or os.environ.get(OUT_DIR_ENV) or None
    if out is None:
        return RunPaths(raw, PROCESSED_DIR, REPORTS_DIR / "notebooks", REPORTS_DIR / "report.html")
    out = Path(out).expanduser().resolve()
    return RunPaths(raw, out / "processed", out / "notebooks", out / "report.html")


def resource(name: str) -> Path:
    """Path of a researcher-editable YAML file in ``analysis/resources``."""
    return RESOURCES_DIR / name


def display_path(path: Path) -> str:
    """A path as shown to people and stored in tables: relative to the project when inside it."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
