"""The compare stage: every comparison table from the processed tables, and writing them.

Call sequence (notebook 03): ``load_inputs`` -> ``compare_all`` -> ``write_comparisons``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analysis.compare.findings import findings, findings_table
from analysis.compare.inputs import COMPARISON_FILES, INPUT_TABLES, compared_articles, input_frame
from analysis.compare.keyness import keyness
from analysis.compare.measures import (
    certainty,
    claims_timeline,
    corpus_summary,
    figures,
    frames_matrix,
    headlines,
    locations,
    named_sources,
    voice,
    wire_copy,
)
from analysis.core import schemas
from analysis.core.tables import write_csv

# Everything at once
# --------------------------------------------------------------------------------------------------

def compare_all(inputs: Mapping[str, pd.DataFrame], alpha0: float | None = None, top_k: int = 15,
                min_count: int = 2) -> dict[str, pd.DataFrame]:
    """Every comparison table (keys of COMPARISON_FILES) from the input tables of :func:`load_inputs`."""
    t = {name: input_frame(inputs.get(name), name) for name in INPUT_TABLES}
    figure_table = figures(t["articles"], t["claims"])
    out = {
        "corpus_summary": corpus_summary(t["articles"]),
        "voice": voice(t["articles"], t["attributions"]),
        "named_sources": named_sources(t["articles"], t["attributions"]),
        "certainty": certainty(t["articles"], t["sentences"], t["stance"], t["attributions"], t["lemmas"]),
        "figures": figure_table,
        "claims_timeline": claims_timeline(figure_table),
        "frames_matrix": frames_matrix(t["articles"], t["frames"]),
        "keyness": keyness(t["lemmas"], compared_articles(t["articles"]), alpha0=alpha0, top_k=top_k,
                           min_count=min_count),
        "headlines": headlines(t["articles"], t["sentences"], t["stance"], t["attributions"], t["claims"]),
        "locations": locations(t["articles"], t["places"]),
        "wire_copy": wire_copy(t["articles"]),
    }
    out["findings"] = findings_table(findings(out, t["sentences"]))
    return out


def write_comparisons(comparisons: Mapping[str, pd.DataFrame], processed_dir: Path) -> list[Path]:
    """Validate and write every comparison table as CSV (names in COMPARISON_FILES); returns the paths."""
    paths = []
    for name, file in COMPARISON_FILES.items():
        if name not in comparisons:
            raise KeyError(f"comparison table {name!r} is missing: compute it with compare_all() first")
        frame = comparisons[name]
        schema = schemas.COMPARISON_SCHEMAS.get(name) if hasattr(schemas, "COMPARISON_SCHEMAS") else None
        if schema is not None:
            frame = schemas.validate(frame, schema)
        paths.append(write_csv(frame, Path(processed_dir) / file))
    return paths
