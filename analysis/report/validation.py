"""The report's validation section: the coders against the hand coding, the held-out test split first.

:func:`validation_view` turns validation_agreement.csv and validation_disagreements.csv into the values
the section shows: the headline validity (the held-out ``test`` split, never tuned on), ``dev`` (held-out,
tuned on) beside it and the ``seeds`` (in-sample) after, who coded each, the weakest variables on the
headline split with disagreements quoted from ``dev`` or ``seeds`` (test disagreements stay in the CSV, so
that nobody improving a coder reads them through the report), and the first ``LISTED_DISAGREEMENTS``
disagreements outside test (all of them are in validation_disagreements.csv).
``templates/validation.html`` lays it out (Jinja2, every value escaped); the prose is
``prose/validation_lead.md`` and ``prose/validation_reading.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from analysis.report.html import prose, table_html
from analysis.validate.coding import load_hand_coding
from analysis.validate.heldout import HELDOUT_DIR, SPLITS
from analysis.validate.stage import coders_statement, split_rows, split_summary, weakest_variables

TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
                               autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
SPLIT_LABELS = {"test": "test (held-out, never tuned on)", "dev": "dev (held-out, tuned on)",
                "seeds": "seeds (in-sample)"}
HEADERS = {"coder": "coder", "variable": "variable", "n_units": "units", "precision": "precision",
           "recall": "recall", "f1": "F1", "alpha": "alpha (machine)", "percent_agreement": "% agree",
           "human_alpha": "alpha (pass 1 vs 2)", "human_percent_agreement": "% agree (passes)"}
SUMMARY_HEADERS = {"variable": "variable", "coder": "coder", "measure": "measure",
                   **{split: SPLIT_LABELS[split] for split in SPLITS}, "n_test": "units (test)",
                   "passes_alpha_test": "alpha, pass 1 vs 2 (test)"}
#: Disagreements outside test listed in the report (in the order of the CSV); the CSV holds every one.
LISTED_DISAGREEMENTS = 60
UNSCORED_VARIABLES = ("join", "input")  # disagreement rows that are not scores: rows that could not be joined


def number(value: object) -> str:
    """A score with two decimals, "–" when missing."""
    try:
        return "–" if value is None or pd.isna(value) else f"{float(value):.2f}"
    except (TypeError, ValueError):
        return "–"


def count(value: object) -> str:
    """A count, "–" when missing."""
    return "–" if value is None or pd.isna(value) else str(int(value))


def _percent(value: object) -> str:
    return "–" if pd.isna(value) else f"{float(value):.0f}%"


FORMATS = {column: number for column in ("precision", "recall", "f1", "alpha", "human_alpha", *SPLITS,
                                         "passes_alpha_test")} | {
    "percent_agreement": _percent, "human_percent_agreement": _percent, "n_units": count, "n_test": count}


def _scored(disagreements: pd.DataFrame) -> pd.DataFrame:
    """The disagreements that are scored (not join problems, not values left unscored)."""
    if not len(disagreements):
        return disagreements
    return disagreements.loc[~disagreements["variable"].isin(UNSCORED_VARIABLES)
                             & ~disagreements["note"].str.contains("not scored", regex=False)]


def _failure(row: dict, examples_from: pd.DataFrame, quotes_per_variable: int) -> dict[str, Any]:
    """One weak variable: its scores in words and a few of its disagreements (from ``examples_from``)."""
    if pd.notna(row["f1"]):
        measure = (f"F1 {number(row['f1'])}: precision {number(row['precision'])}, recall {number(row['recall'])}; "
                   f"{count(row['fp'])} false positive(s), {count(row['fn'])} missed, over {count(row['n_units'])} "
                   f"{row['level']} unit(s)")
    else:
        measure = f"{row['percent_agreement']:.0f}% of {count(row['n_units'])} matched {row['level']}s agree"
    human = f"; the two hand passes: alpha {number(row['human_alpha'])}" if pd.notna(row.get("human_alpha")) else ""
    pooled = str(row["variable"]).startswith("frames:")  # a scheme's row pools its frames' rows
    scored = _scored(examples_from)
    of_variable = scored["variable"].str.startswith(f"frame:{str(row['variable'])[7:]}/") if pooled \
        else scored["variable"] == row["variable"]
    examples = scored.loc[of_variable].head(quotes_per_variable) if len(scored) else scored
    return {"variable": row["variable"], "coder": row["coder"], "measure": measure, "human": human,
            "pooled": pooled, "examples": examples.to_dict("records")}


def _below(frame: pd.DataFrame, column: str, threshold: float) -> str:
    low = frame.loc[frame[column].notna() & (frame[column] < threshold), "variable"].tolist()
    return ", ".join(low) if low else "no variable of the table"


def _counts(rows: pd.DataFrame) -> dict[str, Any]:
    """Articles, sentences and hand claims scored in one split's agreement rows."""
    claims = rows.loc[rows["variable"] == "claim_detection"]
    has_claims = len(claims) and pd.notna(claims["tp"].iloc[0])
    return {"n_articles": count(rows.loc[rows["variable"].str.startswith("frame:"), "n_units"].max()),
            "n_sentences": count(rows.loc[rows["level"] == "sentence", "n_units"].max()),
            "n_claims": int(claims["tp"].iloc[0] + claims["fn"].iloc[0]) if has_claims else 0}


def _n_problems(disagreements: pd.DataFrame) -> int:
    if not len(disagreements):
        return 0
    return int(disagreements["variable"].isin(UNSCORED_VARIABLES).sum()
               + disagreements["note"].str.contains("not scored", regex=False).sum())


def validation_view(agreement: pd.DataFrame, disagreements: pd.DataFrame,
                    human_agreement: pd.DataFrame | None = None, coding_log: pd.DataFrame | None = None,
                    quotes_per_variable: int = 2, weakest: int = 3,
                    heldout_log: pd.DataFrame | None = None) -> dict[str, Any] | None:
    """What the validation section shows, or None when no split has hand coding.

    ``human_agreement`` is pass 1 vs pass 2 (None: the human_* columns of ``agreement``); ``coding_log``
    is data/annotations/coding_log.csv and ``heldout_log`` data/annotations/heldout/coding_log.csv (None:
    read from there), which say who coded.
    """
    if agreement is None or agreement.empty:
        return None
    splits = [split for split in SPLITS if split in set(agreement["split"])] if "split" in agreement.columns \
        else ["seeds"]  # a table without splits: the run's own hand-coded articles
    headline = splits[0]
    rows = split_rows(agreement, headline)
    main = rows.loc[rows["main"].astype(bool)]
    if human_agreement is not None and len(human_agreement):
        human_main = split_rows(human_agreement, headline)
        human_main = human_main.loc[human_main["main"].astype(bool), ["variable", "alpha"]]
    else:
        human_main = main[["variable", "human_alpha"]].rename(columns={"human_alpha": "alpha"})
    quotable = disagreements.loc[disagreements["split"] != "test"] if "split" in disagreements.columns \
        else disagreements
    examples = next((split_rows(quotable, split) for split in ("dev", "seeds")
                     if len(split_rows(quotable, split))), quotable.iloc[0:0])
    heldout = any(split in splits for split in ("test", "dev"))
    if heldout and heldout_log is None:
        heldout_log = load_hand_coding(HELDOUT_DIR).log
    return {
        "headline": headline, "headline_label": SPLIT_LABELS[headline], "splits": splits,
        "counts": {split: _counts(split_rows(agreement, split)) for split in splits},
        "who": coders_statement(coding_log, what="The seeds' hand coding") if "seeds" in splits else "",
        "who_heldout": coders_statement(heldout_log, "data/annotations/heldout/coding_log.csv",
                                        "The held-out set's hand coding") if heldout else "",
        "summary": split_summary(agreement) if "split" in agreement.columns else None,
        "main": main, "detail": agreement.loc[~agreement["main"].astype(bool)],
        "failures": [_failure(row, examples, quotes_per_variable) for row in weakest_variables(rows, weakest)
                     .to_dict("records")],
        "examples_split": examples["split"].iloc[0] if len(examples) and "split" in examples.columns else "",
        "machine_low": _below(main, "alpha", 0.667), "human_low": _below(human_main, "alpha", 0.8),
        "n_problems": _n_problems(quotable), "disagreements": quotable,
        "n_test_disagreements": int((disagreements.get("split", pd.Series(dtype=str)) == "test").sum()),
    }


def validation_html(agreement: pd.DataFrame, disagreements: pd.DataFrame,
                    human_agreement: pd.DataFrame | None = None, coding_log: pd.DataFrame | None = None,
                    quotes_per_variable: int = 2, weakest: int = 3, heldout_log: pd.DataFrame | None = None) -> str:
    """The validation section: how well each coder agrees with the adjudicated hand coding, per split."""
    view = validation_view(agreement, disagreements, human_agreement, coding_log, quotes_per_variable, weakest,
                           heldout_log)
    if view is None:
        return TEMPLATES.get_template("validation.html").render(view=None)

    def table(frame: pd.DataFrame, headers: dict[str, str]) -> Markup:
        return Markup(table_html(frame, headers, formats=FORMATS, max_rows=len(frame) + 1))

    listing = {"split": "split", "variable": "variable", "unit_id": "unit", "hand_value": "hand",
               "machine_value": "machine", "text": "sentence / evidence", "note": "note"}
    detail_headers = {"split": "split", **HEADERS} if "split" in view["detail"].columns else HEADERS
    counts = {f"{key}_{split}": value for split, numbers in view["counts"].items() for key, value in numbers.items()}
    lead_values = {f"{key}_{split}": counts.get(f"{key}_{split}", "0") for split in SPLITS
                   for key in ("n_articles", "n_sentences", "n_claims")}
    summary_headers = {key: label for key, label in SUMMARY_HEADERS.items()
                       if key not in SPLITS or key in view["splits"]}
    return TEMPLATES.get_template("validation.html").render(
        view=view,
        lead=Markup(prose("validation_lead", headline=view["headline_label"], **lead_values)),
        reading=Markup(prose("validation_reading", machine_low=view["machine_low"], human_low=view["human_low"],
                             headline=view["headline_label"])),
        summary_table=table(view["summary"], summary_headers) if view["summary"] is not None
        else table(view["main"], HEADERS),
        detail_table=table(view["detail"], detail_headers),
        listed=min(len(view["disagreements"]), LISTED_DISAGREEMENTS),
        listing=Markup(table_html(view["disagreements"], listing, formats=FORMATS, max_rows=LISTED_DISAGREEMENTS))
        if len(view["disagreements"]) else "")
