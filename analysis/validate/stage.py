"""The validate stage: score every automatic coder against the hand coding, per split.

Three splits, each a row block of every validation table (column ``split``): ``seeds``, the run's
hand-coded articles (the five seeds the coders were written on: in-sample); ``dev`` and ``test``, the
halves of the held-out set (analysis.validate.heldout), coded by rerunning the clean and annotate stages.

Call sequence (notebook 04): ``validate_corpus`` (seeds), ``code_heldout`` then ``validate_heldout``
(dev, test), ``combine_validation`` -> ``write_validation``; the report shows them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core.errors import ConfigError
from analysis.core.paths import ANNOTATIONS_DIR, display_path
from analysis.core.schemas import VALIDATION_SCHEMAS, validate
from analysis.core.tables import read_csv, write_csv
from analysis.validate.coding import (
    AGREEMENT_COLUMNS,
    CONFUSION_COLUMNS,
    DISAGREEMENT_COLUMNS,
    OUTPUT_FILES,
    PROCESSED_INPUTS,
    Coding,
    HandCoding,
    empty_table,
    load_hand_coding,
)
from analysis.validate.heldout import HELDOUT_DIR, HELDOUT_SPLITS, SPLITS, heldout_tables, read_split
from analysis.validate.machine import machine_coding
from analysis.validate.scoring import restrict, scored_against, shared_articles, typed_scores

#: Each output table's columns: the split first, then the scores' own columns.
SPLIT_COLUMNS = {"agreement": ("split", *AGREEMENT_COLUMNS), "confusion": ("split", *CONFUSION_COLUMNS),
                 "disagreements": ("split", *DISAGREEMENT_COLUMNS)}

# --------------------------------------------------------------------------------------------------
# Scores per split: the seeds (in-sample), then the held-out dev and test halves
# --------------------------------------------------------------------------------------------------

def read_processed(processed_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The processed tables the machine coding needs; a missing one is a ConfigError that says what to run."""
    folder = Path(processed_dir)
    missing = [f"{name}.csv" for name in PROCESSED_INPUTS if not (folder / f"{name}.csv").exists()]
    if missing:
        raise ConfigError(f"missing processed table(s): {', '.join(missing)}", path=display_path(folder),
                          hint="run notebooks 01_clean and 02_annotate first (or `make report`)")
    return {name: text_columns(read_csv(folder / f"{name}.csv")) for name in PROCESSED_INPUTS}


def text_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """A table with its text columns as str, empty cells as "" (as the machine coding expects)."""
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype).startswith(("str", "string")):
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def _restricted(hand: HandCoding, article_ids: Sequence[str]) -> HandCoding:
    """The hand coding (reference and both passes) of these articles only; the log is kept whole."""
    return HandCoding(restrict(hand.adjudicated, article_ids), restrict(hand.pass1, article_ids),
                      restrict(hand.pass2, article_ids), hand.log, hand.missing)


def _machine(tables: Mapping[str, pd.DataFrame]) -> Coding:
    return machine_coding(tables["sentences"], tables["stance"], tables["attributions"], tables["claims"],
                          tables["places"], tables["frames"])


def _empty_scores(hand: HandCoding) -> dict[str, Any]:
    empty = {name: validate_table(pd.DataFrame(), name) for name in OUTPUT_FILES}
    return {**empty, "human_agreement": empty["agreement"], "hand": hand}


def score_split(hand: HandCoding, machine: Coding, split: str) -> dict[str, Any]:
    """The machine against the hand coding on one split's articles, each table with its ``split`` column.

    Returns the tables ``agreement``, ``confusion``, ``disagreements`` (written by :func:`write_validation`),
    ``human_agreement`` (pass 1 vs pass 2 on the same articles) and the ``hand`` coding itself.
    """
    shared = shared_articles(hand.adjudicated, machine)
    if hand.empty or not shared:  # no hand coding, or another corpus: none of its articles is hand-coded
        return _empty_scores(hand)
    tables = scored_against(hand, machine)
    tables["human_agreement"] = typed_scores(tables["human_agreement"].reindex(columns=list(AGREEMENT_COLUMNS)))
    return {**{name: validate_table(frame.assign(split=split), "agreement" if name == "human_agreement" else name)
               for name, frame in tables.items()}, "hand": hand}


def validate_corpus(processed_dir: str | Path, annotations_dir: str | Path = ANNOTATIONS_DIR) -> dict[str, Any]:
    """Score the automatic coders of a processed folder against the seeds' hand coding (split ``seeds``).

    Without hand coding for the run's articles the tables are empty (a run on another corpus).
    """
    hand = load_hand_coding(annotations_dir)
    if hand.empty:
        return _empty_scores(hand)
    return score_split(hand, _machine(read_processed(processed_dir)), "seeds")


def validate_heldout(coded_dir: str | Path, heldout_dir: str | Path = HELDOUT_DIR,
                     splits: Sequence[str] = HELDOUT_SPLITS) -> dict[str, Any]:
    """Score the held-out tables written by analysis.validate.heldout.code_heldout, per split.

    Returns the tables of :func:`score_split`, one block per split of ``splits`` (in that order), and the
    held-out ``hand`` coding (whose log says who coded it).
    """
    hand = load_hand_coding(heldout_dir)
    tables = heldout_tables(coded_dir)
    if hand.empty or tables is None:
        return _empty_scores(hand)
    machine = _machine({name: text_columns(frame) for name, frame in tables.items()})
    split_of = read_split(heldout_dir)
    scored = [score_split(_restricted(hand, [a for a, s in split_of.items() if s == split]), machine, split)
              for split in splits]
    return {**combine_validation(*scored), "hand": hand}


def combine_validation(*results: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """The tables of several splits (validate_corpus, validate_heldout) as one table each, splits in order."""
    combined = {}
    for name in (*OUTPUT_FILES, "human_agreement"):
        parts = [result[name] for result in results if len(result[name])]
        frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        combined[name] = validate_table(frame, "agreement" if name == "human_agreement" else name)
    return combined


def split_rows(table: pd.DataFrame, split: str) -> pd.DataFrame:
    """The rows of one split of a validation table (all rows of an old table without the column)."""
    if "split" not in table.columns:
        return table
    return table.loc[table["split"] == split].reset_index(drop=True)


def validate_table(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """A validation table checked against its pandera schema (an empty frame gets the schema's columns)."""
    columns = SPLIT_COLUMNS[name]
    if frame.empty:
        frame = empty_table(columns)
        if name == "agreement":
            frame = typed_scores(frame)
        elif name == "confusion":
            frame = frame.astype({"n": int})
    frame = frame.reindex(columns=list(columns))
    return validate(frame.reset_index(drop=True), VALIDATION_SCHEMAS[name])


def write_validation(tables: Mapping[str, pd.DataFrame], processed_dir: str | Path) -> list[Path]:
    """Write validation_agreement.csv, validation_confusion.csv and validation_disagreements.csv."""
    return [write_csv(validate_table(tables[name], name), Path(processed_dir) / file_name)
            for name, file_name in OUTPUT_FILES.items()]


def read_validation(processed_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read back the validation tables (empty tables where a file is absent)."""
    out = {}
    for name, file_name in OUTPUT_FILES.items():
        path = Path(processed_dir) / file_name
        frame = read_csv(path) if path.exists() else pd.DataFrame()
        if name == "agreement" and len(frame):
            frame = typed_scores(frame)
        elif len(frame):
            text = [c for c in frame.columns if c != "n"]
            frame[text] = frame[text].fillna("").astype(str)
        out[name] = validate_table(frame, name)
    return out


# --------------------------------------------------------------------------------------------------
# What the report says: the weakest variables and who the coders were
# --------------------------------------------------------------------------------------------------

def weakest_variables(table: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The main-table variables with the lowest F1 below 1 (accuracy for nominal claim attributes)."""
    if table.empty:
        return table
    main = table.loc[table["main"].astype(bool)].copy()
    main["_score"] = main["f1"].where(main["f1"].notna(), main["percent_agreement"] / 100)
    weak = main.loc[main["_score"].notna() & (main["_score"] < 1)]
    return weak.sort_values(["_score", "variable"], kind="stable").head(n).drop(columns="_score")


#: Who the hand coders were, when coding_log.csv has no `coder_kind` column to say it. Source: the
#: project lead's record of how the seed articles were hand-coded (two AI coding agents, blind, one day,
#: adjudicated by a third). Add a `coder_kind` column to the log to override it for new batches.
DEFAULT_CODER_KIND = "not recorded (coding_log.csv has no coder_kind column)"


def _dates(log: pd.DataFrame) -> list[str]:
    columns = [c for c in ("started", "finished") if c in log.columns]
    return sorted({str(v).strip() for c in columns for v in log[c] if str(v).strip()})


def coders_statement(log: pd.DataFrame, source: str = "data/annotations/coding_log.csv",
                     what: str = "The hand coding") -> str:
    """Who made a hand coding, from its coding log (``source``), and what the pass-1/pass-2 alpha measures."""
    if log is None or log.empty or "pass" not in log.columns:
        return (f"No coding log ({source}) was found: who made the hand coding, and how, "
                "is not recorded, so its reliability cannot be judged.")
    passes = log.loc[log["pass"].astype(str).str.strip().isin(["1", "2"])]
    adjudication = log.loc[log["pass"].astype(str).str.strip() == "adjudication"]
    by_pass: dict[str, list[str]] = {}
    for row in passes.to_dict("records"):
        by_pass.setdefault(str(row["pass"]).strip(), []).append(str(row["coder"]).strip())
    coders = [f"pass {number} by {' and '.join(names)}" for number, names in by_pass.items()]
    kinds = sorted({str(v).strip() for v in log.get("coder_kind", pd.Series(dtype=str)) if str(v).strip()})
    kind = "; ".join(kinds) if kinds else DEFAULT_CODER_KIND
    dates = _dates(passes)
    when = (f"on the same day ({dates[0]})" if len(dates) == 1 else f"between {dates[0]} and {dates[-1]}") \
        if dates else "on dates not recorded"
    notes = " ".join(str(v) for v in passes.get("notes", pd.Series(dtype=str))) + " ".join(kinds)
    blind = "each blind to the other pass and to the automatic coders" if "blind" in notes.lower() else \
        "the log does not say whether the passes were blind"
    adjudicator = ", and adjudicated by another coder (log id: " + ", ".join(
        str(c).strip() for c in adjudication["coder"]) + ")" if len(adjudication) else ", and not adjudicated"
    same_coder = len({str(c).strip() for c in passes["coder"]}) < len(passes)
    gap = " by one coder, without the 7-day gap the README asks for" if same_coder and len(dates) == 1 else ""
    opening = (f"{what} was made in {len(by_pass)} pass(es) ({'; '.join(coders)}){gap}, {when}, working "
               f"from the codebook, {blind}{adjudicator}, according to {source}. The coders were: {kind}.")
    if any(word in kind.lower() for word in ("language model", "ai ")):
        return opening + (" The pass-1/pass-2 alpha therefore measures the agreement between two independent "
                          "readings by instances of one model, not human inter-coder reliability; it is a "
                          "limitation of this validation that no person coded the articles, and the adjudicated "
                          "coding is a reference only in this sense.")
    return opening + " The pass-1/pass-2 alpha measures the agreement between these coders."


# --------------------------------------------------------------------------------------------------
# One row per main variable, the splits side by side (notebook 04 and the report)
# --------------------------------------------------------------------------------------------------

def measure_of(rows: Sequence[Mapping[str, Any]]) -> str:
    """"F1" for a variable with an F1 on some split, else "accuracy" (the share of units agreeing: the
    nominal claim attributes, and variables with no positive unit)."""
    return "F1" if any(pd.notna(row.get("f1")) for row in rows) else "accuracy"


def _value(row: Mapping[str, Any], measure: str) -> float:
    if measure == "F1":
        return float(row["f1"]) if pd.notna(row.get("f1")) else float("nan")
    agreement = row.get("percent_agreement")
    return float(agreement) / 100 if pd.notna(agreement) else float("nan")


def split_summary(agreement: pd.DataFrame) -> pd.DataFrame:
    """The main variables with their score (F1, else accuracy) and units on each split, test first.

    Columns: coder, variable, measure, then ``<split>`` and ``n_<split>`` for test, dev and seeds, and
    ``passes_alpha_test`` (the two hand passes' alpha on the test split).
    """
    columns = ["coder", "variable", "measure", *[f"{s}" for s in SPLITS], *[f"n_{s}" for s in SPLITS],
               "passes_alpha_test"]
    if agreement.empty:
        return pd.DataFrame(columns=columns)
    main = agreement.loc[agreement["main"].astype(bool)]
    order = list(dict.fromkeys(main["variable"]))
    rows = []
    for variable in order:
        part = main.loc[main["variable"] == variable]
        by_split = {str(r["split"]): r for r in part.to_dict("records")}
        measure = measure_of(list(by_split.values()))
        row = {"coder": next(iter(by_split.values()))["coder"], "variable": variable, "measure": measure}
        for split in SPLITS:
            found = by_split.get(split)
            row[split] = _value(found, measure) if found is not None else float("nan")
            row[f"n_{split}"] = found["n_units"] if found is not None else pd.NA
        test = by_split.get("test")
        row["passes_alpha_test"] = test["human_alpha"] if test is not None else float("nan")
        rows.append(row)
    table = pd.DataFrame(rows, columns=columns)
    for split in SPLITS:
        table[f"n_{split}"] = pd.to_numeric(table[f"n_{split}"], errors="coerce").astype("Int64")
    return table
