"""The compare stage's inputs: the processed tables it reads, typed, and the articles it compares.

Only articles with status "ok" are compared; the others appear in the corpus summary and the wire-copy
table with their reason. Helpers shared by every measure (text and flag columns, shares) live here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.core import schemas
from analysis.core.errors import ConfigError
from analysis.core.paths import display_path
from analysis.core.tables import read_csv

#: Tables read from data/processed by the comparison stage, in the order the stages write them.
INPUT_TABLES = ("articles", "sentences", "stance", "attributions", "claims", "places", "lemmas", "frames", "sources",
                "article_figures", "headline_body")

#: Columns of each input table that the comparisons use; a missing optional table is an empty frame.
INPUT_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "source_file", "sha256", "label", "outlet", "outlet_source", "status", "reason",
                 "published", "agency", "duplicate_of", "near_duplicate_of"),
    "sentences": ("sentence_id", "article_id", "paragraph_id", "position", "kind", "text"),
    "stance": ("sentence_id", "article_id", "hedged", "hedge_cues", "unverified", "unverified_cues", "confirmed",
               "confirmed_cues", "denial", "denial_cues", "denial_actor_group", "question"),
    "attributions": ("attribution_id", "article_id", "sentence_id", "actor", "actor_group", "cue", "quote_type"),
    "claims": ("claim_id", "article_id", "sentence_id", "value", "low", "high", "qualifier", "kind", "subject",
               "actor", "source_group", "hedged", "text", "status", "precision", "stated"),
    "places": ("place_id", "article_id", "sentence_id", "place", "place_group", "cue"),
    "lemmas": ("sentence_id", "article_id", "lemmas"),
    "frames": ("article_id", "scheme", "frame", "score", "present", "evidence_sentence_ids"),
    # the annotate stage's per-article tables (issue 17): each source and figure once, the headline against the body
    "sources": ("source_id", "article_id", "actor", "actor_group", "mentions"),
    "article_figures": ("figure_id", "article_id", "kind", "status", "subject", "figure", "mentions", "claim_ids"),
    "headline_body": ("article_id", "has_headline", "headline_sentence_ids", "headline_text", "headline_question",
                      "headline_hedged", "headline_attributed", "headline_source_groups", "headline_actors", "match",
                      "body_sentence_ids", "body_hedged", "body_attributed", "body_source_groups", "body_actors",
                      "states_as_fact", "drops_hedge", "drops_attribution", "headline_figures", "body_figures",
                      "figure_difference", "credit"),
}

#: Tables that a run cannot do without (the others, when absent, give empty comparisons).
REQUIRED_TABLES = ("articles", "sentences")


#: The comparison tables written by :func:`write_comparisons`, in order, with their file names.
COMPARISON_FILES = {
    "corpus_summary": "corpus_summary.csv",
    "voice": "voice.csv",
    "named_sources": "named_sources.csv",
    "certainty": "certainty.csv",
    "figures": "figures.csv",
    "claims_timeline": "claims_timeline.csv",
    "frames_matrix": "frames_matrix.csv",
    "keyness": "keyness.csv",
    "headlines": "headlines.csv",
    "locations": "locations.csv",
    "wire_copy": "wire_copy.csv",
    "headline_gap": "headline_gap.csv",
    "findings": "findings.csv",
    "units": "units.csv",
    "corpus_measures": "corpus_measures.csv",
    "outlet_comparison": "outlet_comparison.csv",
    "period_measures": "period_measures.csv",
    "outlet_profiles": "outlet_profiles.csv",
    "settings": "compare_settings.csv",
}

STANCE_FLAGS = ("hedged", "unverified", "confirmed", "denial", "question")
CERTAINTY_MEASURES = ("hedged", "unverified", "confirmed", "denial", "deployment_attributed",
                      "deployment_unattributed")
PLACE_GROUPS = ("ukraine", "russia")




# --------------------------------------------------------------------------------------------------
# Small helpers shared by every comparison
# --------------------------------------------------------------------------------------------------

def text_column(series: pd.Series) -> pd.Series:
    """A text column with missing values as empty strings."""
    return series.astype(object).where(series.notna(), "").astype(str)


def flag_column(series: pd.Series) -> pd.Series:
    """A boolean column from booleans or their CSV spellings; missing values are False."""
    if series.dtype == bool:
        return series
    return series.map(lambda value: str(value).strip().lower() in {"true", "1", "yes"}).astype(bool)


def share_of(count: float, total: float) -> float:
    """count / total, NaN when there is nothing to divide (written as an empty cell)."""
    return float(count) / float(total) if total else float("nan")


def input_frame(table: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """An input table with every column the comparisons use (missing ones empty)."""
    table = pd.DataFrame() if table is None else table.copy()
    for column in INPUT_COLUMNS[name]:
        if column not in table.columns:
            table[column] = pd.Series(dtype=object)
    return table.reset_index(drop=True)


def compared_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles that are compared (status "ok"): article_id, label, outlet, published, agency; sorted by label."""
    articles = input_frame(articles, "articles")
    ok = articles.loc[text_column(articles["status"]) == "ok"].copy()
    for column in ("article_id", "label", "outlet", "outlet_source", "published", "agency"):
        ok[column] = text_column(ok[column])
    ok["label"] = ok["label"].where(ok["label"] != "", ok["article_id"])
    ok["published"] = ok["published"].map(published_date)
    columns = ["article_id", "label", "outlet", "outlet_source", "published", "agency"]
    return ok[columns].sort_values(["label", "article_id"], kind="stable").reset_index(drop=True)


def published_date(value: object) -> str:
    """The ISO date (YYYY-MM-DD) at the start of a published value, or "" when unknown.

    A regular expression rather than a date parser: the clean stage already normalised dates to ISO,
    and anything else (an empty cell, "unknown", a free-text date) must count as unknown, not be guessed.
    """
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", str(value or ""))
    return match.group(1) if match else ""


# --------------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------------

def load_inputs(processed_dir: Path) -> dict[str, pd.DataFrame]:
    """Read the processed tables the comparisons use; a missing required table is a ConfigError."""
    processed_dir = Path(processed_dir)
    missing = [name for name in REQUIRED_TABLES if not (processed_dir / f"{name}.csv").exists()]
    if missing:
        raise ConfigError(
            f"missing processed table(s): {', '.join(name + '.csv' for name in missing)}",
            path=display_path(processed_dir),
            hint="run the clean and annotate stages first (notebooks 01_clean and 02_annotate, or `make report`).",
        )
    tables = {}
    for name in INPUT_TABLES:
        path = processed_dir / f"{name}.csv"
        tables[name] = input_frame(read_csv(path) if path.exists() else None, name)
    return tables


def load_comparisons(processed_dir: Path) -> dict[str, pd.DataFrame]:
    """Read back the tables written by :func:`write_comparisons` (a missing one is a ConfigError)."""
    processed_dir = Path(processed_dir)
    missing = [file for file in COMPARISON_FILES.values() if not (processed_dir / file).exists()]
    if missing:
        raise ConfigError(
            f"missing comparison table(s): {', '.join(missing)}",
            path=display_path(processed_dir),
            hint="run the comparison stage first (notebook 03_compare, or `make report`).",
        )
    return {name: read_comparison(processed_dir / file, name) for name, file in COMPARISON_FILES.items()}


def read_comparison(path: Path, name: str) -> pd.DataFrame:
    """One comparison table from CSV, text columns read as text ("30" stays "30", empty stays "")."""
    schema = getattr(schemas, "COMPARISON_SCHEMAS", {}).get(name)
    text_columns = {column: str for column, spec in (schema.columns.items() if schema else [])
                    if str(spec.dtype).startswith("str")}
    frame = pd.read_csv(path, dtype=text_columns, keep_default_na=False, encoding="utf-8")
    return restore_types(frame, name)


def restore_types(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """A comparison table read from CSV with its schema's types: empty text cells "", flags bool, counts int."""
    schema = getattr(schemas, "COMPARISON_SCHEMAS", {}).get(name)
    if schema is None:
        return frame
    frame = frame.copy()
    for column, spec in schema.columns.items():
        if column not in frame.columns:
            continue
        kind = str(spec.dtype)
        if kind.startswith("str"):
            frame[column] = text_column(frame[column])
        elif kind == "bool":
            frame[column] = flag_column(frame[column])
        elif kind.startswith("int"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0).astype(int)
        elif kind.startswith("float"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    return frame


# --------------------------------------------------------------------------------------------------
# (a) Voice: who is given voice
# --------------------------------------------------------------------------------------------------

