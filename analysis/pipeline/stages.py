"""The stages of the pipeline, what each reads and writes, and the fingerprint that says when it must rerun.

A stage is one notebook and the subpackage(s) of ``analysis`` whose code it runs. Its fingerprint is a
hash of the notebook, its parameters, its input tables (or the raw folder), the code of its
subpackages, of every ``analysis`` subpackage they import (read from their import statements, so the
list cannot go stale) and of ``analysis/core``, and the YAML files it reads. Output table names are
written here as data, so that the runner does not import the stages to learn them (tests/test_pipeline.py
checks them against the stages' own lists).
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.core.paths import NOTEBOOKS_DIR, PROJECT_ROOT, RESOURCES_DIR, RunPaths

ANALYSIS_DIR = PROJECT_ROOT / "analysis"
#: Code every stage runs: a change here makes every stage stale.
SHARED_CODE = ("core", "__init__.py")


@dataclass(frozen=True)
class Stage:
    """One notebook of the pipeline, with what it reads, writes and depends on."""

    name: str
    packages: tuple[str, ...]  # subpackages of analysis whose code it runs (their imports are followed)
    resources: tuple[str, ...]  # files of analysis/resources it reads
    inputs: tuple[str, ...]  # tables of the processed folder it reads
    outputs: tuple[str, ...]  # tables it writes (the report stage writes the report instead)
    reads_raw: bool = False
    parameters: tuple[str, ...] = field(default=())  # run parameters it accepts
    project_inputs: tuple[str, ...] = field(default=())  # glob patterns of other files it reads

    @property
    def notebook(self) -> Path:
        """The committed notebook of the stage."""
        return NOTEBOOKS_DIR / f"{self.name}.ipynb"


CLEAN_OUTPUTS = ("articles.csv", "paragraphs.csv", "sentences.csv", "removed_lines.csv", "warnings.csv")
ANNOTATE_OUTPUTS = ("stance.csv", "attributions.csv", "claims.csv", "places.csv", "lemmas.csv", "sources.csv",
                    "article_figures.csv", "headline_body.csv", "frames.csv")
COMPARE_OUTPUTS = ("corpus_summary.csv", "voice.csv", "named_sources.csv", "certainty.csv", "figures.csv",
                   "claims_timeline.csv", "frames_matrix.csv", "keyness.csv", "headlines.csv", "locations.csv",
                   "wire_copy.csv", "headline_gap.csv", "findings.csv", "units.csv", "corpus_measures.csv",
                   "outlet_comparison.csv", "period_measures.csv", "outlet_profiles.csv", "compare_settings.csv")
VALIDATION_OUTPUTS = ("validation_agreement.csv", "validation_confusion.csv", "validation_disagreements.csv",
                      "heldout/articles.csv", "heldout/sentences.csv", "heldout/stance.csv",
                      "heldout/attributions.csv", "heldout/claims.csv", "heldout/places.csv", "heldout/frames.csv")
HAND_CODING = ("data/annotations/*.csv",)
#: The held-out set the validate stage recodes and scores: its corpus, split and hand coding.
HELDOUT = ("data/annotations/heldout/*",)
#: Every lexicon of the clean and annotate stages: the validate stage reruns both on the held-out set.
CODER_RESOURCES = ("boilerplate.yaml", "metadata.yaml", "actors.yaml", "reporting_verbs.yaml", "stance.yaml",
                   "claims.yaml", "places.yaml", "frames.yaml")

STAGES: tuple[Stage, ...] = (
    Stage("01_clean", ("clean",), ("boilerplate.yaml", "corpus_columns.yaml", "metadata.yaml"), (), CLEAN_OUTPUTS,
          reads_raw=True,
          parameters=("raw_dir", "out_dir", "n_process", "batch_size", "max_file_mb", "scheduler")),
    Stage("02_annotate", ("annotate",),
          ("actors.yaml", "reporting_verbs.yaml", "stance.yaml", "claims.yaml", "places.yaml", "frames.yaml"),
          CLEAN_OUTPUTS, ANNOTATE_OUTPUTS, parameters=("raw_dir", "out_dir", "n_process", "batch_size", "scheduler")),
    Stage("03_compare", ("compare",), ("actors.yaml", "deployment_mentions.yaml", "keyness.yaml"),
          CLEAN_OUTPUTS + ANNOTATE_OUTPUTS, COMPARE_OUTPUTS, parameters=("raw_dir", "out_dir")),
    Stage("04_validate", ("validate",), CODER_RESOURCES, CLEAN_OUTPUTS + ANNOTATE_OUTPUTS, VALIDATION_OUTPUTS,
          parameters=("raw_dir", "out_dir", "n_process"), project_inputs=HAND_CODING + HELDOUT),
    Stage("05_report", ("report",), ("actors.yaml", "frames.yaml", "keyness.yaml"),
          CLEAN_OUTPUTS + ANNOTATE_OUTPUTS + COMPARE_OUTPUTS + VALIDATION_OUTPUTS, (),
          parameters=("raw_dir", "out_dir", "run_date"),
          project_inputs=HAND_CODING + HELDOUT + ("notebooks/0[1-4]_*.ipynb",)),
)

#: Parameters that do not change a stage's outputs and so do not count in its fingerprint.
#: (Where the per-article work runs — here or on a Dask cluster — does not change what it computes.)
UNHASHED_PARAMETERS = ("run_date", "scheduler")


@lru_cache(maxsize=None)
def _imported_packages(package: str) -> frozenset[str]:
    """The analysis subpackages that the modules of ``package`` import (function-level imports too)."""
    found: set[str] = set()
    for path in (ANALYSIS_DIR / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else \
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            found.update(name.split(".")[1] for name in names
                         if name.startswith("analysis.") and (ANALYSIS_DIR / name.split(".")[1]).is_dir())
    return frozenset(found)


@lru_cache(maxsize=None)
def code_packages(packages: tuple[str, ...]) -> tuple[str, ...]:
    """``packages`` and every analysis subpackage they import, directly or not, sorted."""
    seen: set[str] = set()
    todo = list(packages)
    while todo:
        package = todo.pop()
        if package not in seen:
            seen.add(package)
            todo.extend(_imported_packages(package) - seen)
    return tuple(sorted(seen))


def code_files(stage: Stage) -> list[Path]:
    """Every source file whose code the stage runs: its packages' closure and the shared core."""
    files: list[Path] = []
    for name in sorted(set(code_packages(stage.packages)) | set(SHARED_CODE)):
        path = ANALYSIS_DIR / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def hash_files(digest: "hashlib._Hash", paths: Sequence[Path], root: Path) -> None:
    """Feed each file's path (relative to ``root``) and bytes into ``digest``.

    Files are read in chunks (a raw folder may hold a file far larger than memory); a name that is
    not valid UTF-8 and a file that cannot be read are hashed as such rather than stopping the run:
    the clean stage reports such files.
    """
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape"))
        if not path.exists():
            digest.update(b"<missing>")
            continue
        try:
            with open(path, "rb") as stream:
                for chunk in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError as error:
            digest.update(f"<unreadable: {error.strerror or error}>".encode())


def stage_fingerprint(stage: Stage, paths: RunPaths, parameters: dict) -> str:
    """Hash of everything a stage's outputs depend on: notebook, parameters, inputs and code."""
    digest = hashlib.sha256()
    digest.update(stage.notebook.read_bytes())
    kept = {key: value for key, value in parameters.items() if key not in UNHASHED_PARAMETERS}
    digest.update(json.dumps(kept, sort_keys=True, default=str).encode())
    code = code_files(stage) + [RESOURCES_DIR / name for name in sorted(stage.resources)]
    hash_files(digest, code, PROJECT_ROOT)
    for pattern in stage.project_inputs:
        hash_files(digest, sorted(PROJECT_ROOT.glob(pattern)), PROJECT_ROOT)
    if stage.reads_raw:
        raw_files = sorted(path for path in paths.raw_dir.rglob("*") if path.is_file())
        hash_files(digest, raw_files, paths.raw_dir)
    hash_files(digest, [paths.processed_dir / name for name in stage.inputs], paths.processed_dir)
    return digest.hexdigest()
