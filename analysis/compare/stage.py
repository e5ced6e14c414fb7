"""The compare stage: every comparison table from the processed tables, and writing them.

Call sequence (notebook 03): ``load_inputs`` -> ``compare_all`` -> ``write_comparisons``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
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
    headline_gap,
    headlines,
    locations,
    named_sources,
    voice,
    wire_copy,
)
from analysis.compare.outlets import article_measures, corpus_measures, outlet_comparison, period_measures
from analysis.compare.profiles import outlet_profiles
from analysis.compare.units import assign_units, measured_units, wire_families
from analysis.compare.views import unit_tables
from analysis.core import schemas
from analysis.core.tables import write_csv


@dataclass(frozen=True)
class Settings:
    """The compare stage's parameters (notebook 03's parameters cell; see its method cells)."""

    alpha0: float | None = None  # keyness prior size; None: the corpus size
    top_k: int = 15  # distinctive lemmas kept per unit
    min_count: int = 2  # a lemma must occur this often in the unit to be listed
    min_articles: int = 3  # a known outlet with at least this many articles is compared as an outlet
    include_wire_copy: bool = True  # False: articles sharing a dispatch with another are left out of the measures
    n_resamples: int = 1999  # bootstrap resamples per interval
    n_permutations: int = 9999  # random article sets per permutation test
    seed: int = 13  # the seed every interval's and test's random generator is derived from


# Everything at once
# --------------------------------------------------------------------------------------------------

def compare_all(inputs: Mapping[str, pd.DataFrame], alpha0: float | None = None, top_k: int = 15,
                min_count: int = 2, settings: Settings | None = None) -> dict[str, pd.DataFrame]:
    """Every comparison table (keys of COMPARISON_FILES) from the input tables of :func:`load_inputs`.

    ``settings`` holds every parameter; ``alpha0``, ``top_k`` and ``min_count`` are kept as shortcuts
    and are used when ``settings`` is None.
    """
    settings = settings or Settings(alpha0=alpha0, top_k=top_k, min_count=min_count)
    t = {name: input_frame(inputs.get(name), name) for name in INPUT_TABLES}
    figure_table = figures(t["articles"], t["claims"], t["article_figures"])
    out = {
        "corpus_summary": corpus_summary(t["articles"]),
        "voice": voice(t["articles"], t["attributions"], t["sources"]),
        "named_sources": named_sources(t["articles"], t["attributions"]),
        "certainty": certainty(t["articles"], t["sentences"], t["stance"], t["attributions"], t["lemmas"]),
        "figures": figure_table,
        "claims_timeline": claims_timeline(figure_table),
        "frames_matrix": frames_matrix(t["articles"], t["frames"]),
        "headlines": headlines(t["articles"], t["sentences"], t["stance"], t["attributions"], t["claims"]),
        "headline_gap": headline_gap(t["articles"], t["headline_body"]),
        "locations": locations(t["articles"], t["places"]),
        "wire_copy": wire_copy(t["articles"]).merge(wire_families(t["articles"]), on="article_id", how="left"),
    }
    units = out["units"] = assign_units(t["articles"], settings.min_articles, settings.include_wire_copy)
    out.update(unit_comparisons(out, units, settings))
    out["keyness"] = unit_keyness(t["lemmas"], units, settings)
    views = unit_tables(out, units)
    out["outlet_profiles"] = outlet_profiles(units, out["outlet_comparison"], views, out["keyness"], t["articles"])
    labels = dict(zip(compared_articles(t["articles"])["article_id"], compared_articles(t["articles"])["label"]))
    out["findings"] = findings_table(findings({**views, "outlet_comparison": out["outlet_comparison"],
                                               "units": units},
                                              t["sentences"], article_labels=labels))
    out["settings"] = settings_table(settings)
    return out


def settings_table(settings: Settings) -> pd.DataFrame:
    """The parameters the tables were made with (read back by the report, so that it cannot disagree)."""
    return pd.DataFrame({"parameter": list(asdict(settings)),
                         "value": ["" if value is None else str(value) for value in asdict(settings).values()]})


def unit_comparisons(tables: Mapping[str, pd.DataFrame], units: pd.DataFrame,
                     settings: Settings) -> dict[str, pd.DataFrame]:
    """The corpus view, the outlet comparison and the measures by period, from the per-article tables."""
    matrix = article_measures(tables, measured_units(units)["article_id"])
    common = {"seed": settings.seed, "n_resamples": settings.n_resamples, "min_articles": settings.min_articles}
    return {
        "corpus_measures": corpus_measures(matrix, units, **common),
        "outlet_comparison": outlet_comparison(matrix, units, n_permutations=settings.n_permutations, **common),
        "period_measures": period_measures(matrix, units, **common),
    }


def unit_keyness(lemmas: pd.DataFrame, units: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Keyness per unit: an outlet's articles pooled against the rest of the corpus (article_id empty)."""
    measured = measured_units(units)
    table = keyness(lemmas, measured[["article_id"]].assign(label=measured["unit"]), alpha0=settings.alpha0,
                    top_k=settings.top_k, min_count=settings.min_count)
    outlets = set(measured.loc[measured["unit_kind"] == "outlet", "unit"])
    return table.assign(article_id=table["article_id"].where(~table["label"].isin(outlets), ""))


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
