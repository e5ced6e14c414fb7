"""The report's validation section: the coders against the hand coding.

:func:`validation_view` turns validation_agreement.csv and validation_disagreements.csv into the values
the section shows (counts, the main and detail tables, the weakest variables with quoted
disagreements); ``templates/validation.html`` lays them out (Jinja2, every value escaped); the prose
is ``prose/validation_lead.md`` and ``prose/validation_reading.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from analysis.report.html import prose, table_html
from analysis.validate.stage import coders_statement, weakest_variables

TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
                               autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
HEADERS = {"coder": "coder", "variable": "variable", "n_units": "units", "precision": "precision",
           "recall": "recall", "f1": "F1", "alpha": "alpha (machine)", "percent_agreement": "% agree",
           "human_alpha": "alpha (pass 1 vs 2)", "human_percent_agreement": "% agree (passes)"}
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


FORMATS = {column: number for column in ("precision", "recall", "f1", "alpha", "human_alpha")} | {
    "percent_agreement": _percent, "human_percent_agreement": _percent, "n_units": count}


def _scored(disagreements: pd.DataFrame) -> pd.DataFrame:
    """The disagreements that are scored (not join problems, not values left unscored)."""
    if not len(disagreements):
        return disagreements
    return disagreements.loc[~disagreements["variable"].isin(UNSCORED_VARIABLES)
                             & ~disagreements["note"].str.contains("not scored", regex=False)]


def _failure(row: dict, scored: pd.DataFrame, quotes_per_variable: int) -> dict[str, Any]:
    """One weak variable: its scores in words and a few of its disagreements."""
    if pd.notna(row["f1"]):
        measure = (f"F1 {number(row['f1'])}: precision {number(row['precision'])}, recall {number(row['recall'])}; "
                   f"{count(row['fp'])} false positive(s), {count(row['fn'])} missed, over {count(row['n_units'])} "
                   f"{row['level']} unit(s)")
    else:
        measure = f"{row['percent_agreement']:.0f}% of {count(row['n_units'])} matched {row['level']}s agree"
    human = f"; the two hand passes: alpha {number(row['human_alpha'])}" if pd.notna(row.get("human_alpha")) else ""
    pooled = str(row["variable"]).startswith("frames:")  # a scheme's row pools its frames' rows
    of_variable = scored["variable"].str.startswith(f"frame:{str(row['variable'])[7:]}/") if pooled \
        else scored["variable"] == row["variable"]
    examples = scored.loc[of_variable].head(quotes_per_variable) if len(scored) else scored
    return {"variable": row["variable"], "coder": row["coder"], "measure": measure, "human": human,
            "pooled": pooled, "examples": examples.to_dict("records")}


def _below(frame: pd.DataFrame, column: str, threshold: float) -> str:
    low = frame.loc[frame[column].notna() & (frame[column] < threshold), "variable"].tolist()
    return ", ".join(low) if low else "no variable of the table"


def validation_view(agreement: pd.DataFrame, disagreements: pd.DataFrame,
                    human_agreement: pd.DataFrame | None = None, coding_log: pd.DataFrame | None = None,
                    quotes_per_variable: int = 2, weakest: int = 3) -> dict[str, Any] | None:
    """What the validation section shows, or None when there is no hand coding for the run's articles.

    ``human_agreement`` is pass 1 vs pass 2 (None: the human_* columns of ``agreement``); ``coding_log``
    is data/annotations/coding_log.csv, which says who coded.
    """
    if agreement is None or agreement.empty:
        return None
    rows = agreement.copy()
    claims = rows.loc[rows["variable"] == "claim_detection"]
    has_claims = len(claims) and pd.notna(claims["tp"].iloc[0])
    main = rows.loc[rows["main"].astype(bool)]
    detail = rows.loc[~rows["main"].astype(bool)]
    scored = _scored(disagreements)
    if human_agreement is not None and len(human_agreement):
        human_main = human_agreement.loc[human_agreement["main"].astype(bool), ["variable", "alpha"]]
    else:
        human_main = main[["variable", "human_alpha"]].rename(columns={"human_alpha": "alpha"})
    n_problems = 0
    if len(disagreements):
        n_problems = int(disagreements["variable"].isin(UNSCORED_VARIABLES).sum()
                         + disagreements["note"].str.contains("not scored", regex=False).sum())
    sentence_n = rows.loc[rows["level"] == "sentence", "n_units"].max()
    return {
        "n_articles": count(rows.loc[rows["variable"].str.startswith("frame:"), "n_units"].max()),
        "n_sentences": count(sentence_n),
        "n_claims": int(claims["tp"].iloc[0] + claims["fn"].iloc[0]) if has_claims else 0,
        "who": coders_statement(coding_log),
        "main": main, "detail": detail,
        "failures": [_failure(row, scored, quotes_per_variable) for row in weakest_variables(rows, weakest)
                     .to_dict("records")],
        "machine_low": _below(main, "alpha", 0.667), "human_low": _below(human_main, "alpha", 0.8),
        "n_problems": n_problems, "disagreements": disagreements,
    }


def validation_html(agreement: pd.DataFrame, disagreements: pd.DataFrame,
                    human_agreement: pd.DataFrame | None = None, coding_log: pd.DataFrame | None = None,
                    quotes_per_variable: int = 2, weakest: int = 3) -> str:
    """The validation section: how well each coder agrees with the adjudicated hand coding."""
    view = validation_view(agreement, disagreements, human_agreement, coding_log, quotes_per_variable, weakest)
    if view is None:
        return TEMPLATES.get_template("validation.html").render(view=None)

    def table(frame: pd.DataFrame, headers: dict[str, str]) -> Markup:
        return Markup(table_html(frame, headers, formats=FORMATS, max_rows=len(frame) + 1))

    listing = {"variable": "variable", "unit_id": "unit", "hand_value": "hand", "machine_value": "machine",
               "text": "sentence / evidence", "note": "note"}
    return TEMPLATES.get_template("validation.html").render(
        view=view,
        lead=Markup(prose("validation_lead", n_articles=view["n_articles"],
                                                  n_sentences=view["n_sentences"], n_claims=view["n_claims"])),
        reading=Markup(prose("validation_reading", machine_low=view["machine_low"],
                                                     human_low=view["human_low"])),
        main_table=table(view["main"], HEADERS), detail_table=table(view["detail"], HEADERS),
        listing=table(view["disagreements"], listing) if len(view["disagreements"]) else "")
