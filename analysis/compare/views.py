"""The per-article tables seen per unit: an outlet's articles pooled, a single article as it is.

:func:`unit_tables` gives the certainty, voice, named-source, location, frame, headline and figure
tables with one row per *unit* (see :mod:`analysis.compare.units`) instead of one per article, in the
same columns, so that the findings and the report's sections have one code path whatever the unit:
``label`` is the unit's name, ``unit_kind`` says whether it is an outlet or an article and
``n_articles`` how many articles it pools. A share is the ratio of the summed counts over the summed
totals; an outlet row also carries its interval and test from ``outlet_comparison`` (ci_low, ci_high,
rest_share, tested, p_adjusted, stated). With one article per unit (the seeds), every table is the
per-article table itself.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.compare.inputs import flag_column, share_of, text_column
from analysis.compare.measures import claims_timeline
from analysis.compare.units import measured_units, unit_order
from analysis.core.tables import join_list, split_list

#: An outlet row quotes at most this many evidence sentence ids (its articles' first ones).
EVIDENCE_LIMIT = 12
TEST_COLUMNS = ["ci_low", "ci_high", "rest_share", "tested", "p_adjusted", "stated", "period_expected_share",
                "period_tested", "p_within_period_adjusted", "vanishes_with_period"]
_FLAGS = ("tested", "stated", "period_tested", "vanishes_with_period")


def _with_units(table: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The rows of the measured articles, with their unit (as ``label``), unit_kind and n_articles."""
    keep = measured_units(units)[["article_id", "unit", "unit_kind", "unit_articles"]]
    rows = table.assign(article_id=text_column(table["article_id"])).drop(columns=["label"], errors="ignore")
    rows = rows.merge(keep, on="article_id")
    return rows.rename(columns={"unit": "label", "unit_articles": "n_articles"})


def _evidence(cells: pd.Series) -> str:
    ids: list[str] = []
    for cell in cells:
        ids.extend(split_list(cell))
        if len(ids) >= EVIDENCE_LIMIT:
            break
    return join_list(list(dict.fromkeys(ids))[:EVIDENCE_LIMIT])


def _pool(rows: pd.DataFrame, keys: list[str], sums: Mapping[str, str]) -> pd.DataFrame:
    """Article rows as they are, outlet rows summed per (label, keys): columns ``sums`` summed, evidence joined."""
    singles = rows.loc[rows["unit_kind"] != "outlet"]
    outlets = rows.loc[rows["unit_kind"] == "outlet"].sort_values("article_id", kind="stable")
    if outlets.empty:
        return singles.reset_index(drop=True)
    grouped = outlets.groupby(["label", "unit_kind", "n_articles", *keys], sort=False)
    pooled = grouped.agg(**{column: (column, "sum") for column in sums.values()},
                         evidence_sentence_ids=("evidence_sentence_ids", _evidence)).reset_index()
    pooled["article_id"] = ""
    return pd.concat([pooled, singles], ignore_index=True)


def _ordered(frame: pd.DataFrame, units: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    order = {unit: index for index, unit in enumerate(unit_order(units))}
    return frame.assign(unit_rank=frame["label"].map(order)).sort_values(
        [*keys, "unit_rank"] if keys else ["unit_rank"], kind="stable").drop(columns="unit_rank").reset_index(drop=True)


def _with_tests(frame: pd.DataFrame, key: pd.Series, comparison: pd.DataFrame | None) -> pd.DataFrame:
    """Adds the interval and test columns of ``comparison`` (outlet rows; empty for articles)."""
    frame = frame.assign(measure_key=key.to_numpy())
    if comparison is None or comparison.empty:
        for column in TEST_COLUMNS:
            frame[column] = False if column in _FLAGS else np.nan
        return frame.drop(columns="measure_key")
    tests = comparison.reindex(columns=["unit", "measure", *TEST_COLUMNS]).rename(
        columns={"unit": "label", "measure": "measure_key"})
    frame = frame.merge(tests, on=["label", "measure_key"], how="left")
    for column in _FLAGS:
        frame[column] = frame[column].astype("boolean").fillna(False).astype(bool)
    return frame.drop(columns="measure_key")


def unit_certainty(certainty: pd.DataFrame, units: pd.DataFrame, comparison: pd.DataFrame | None = None):
    """Certainty per unit × measure: count, total, share, evidence (+ n_articles, unit_kind, tests)."""
    rows = _pool(_with_units(certainty, units), ["measure"], {"count": "count", "total": "total"})
    rows["share"] = [share_of(count, total) for count, total in zip(rows["count"], rows["total"])]
    order = {name: index for index, name in enumerate(dict.fromkeys(certainty["measure"]))}
    rows = _ordered(rows.assign(measure_order=rows["measure"].map(order)), units, ["measure_order"])
    return _with_tests(rows.drop(columns="measure_order"), rows["measure"], comparison)


def unit_locations(locations: pd.DataFrame, units: pd.DataFrame, comparison: pd.DataFrame | None = None):
    """Placements per unit × place group."""
    rows = _pool(_with_units(locations, units), ["place_group"], {"count": "count", "total": "total"})
    rows["share"] = [share_of(count, total) for count, total in zip(rows["count"], rows["total"])]
    rows = _ordered(rows, units, [])
    return _with_tests(rows, "placed_in_" + rows["place_group"].astype(str), comparison)


def unit_voice(voice: pd.DataFrame, units: pd.DataFrame, comparison: pd.DataFrame | None = None):
    """Attributions per unit × actor group, most cited first within each unit."""
    voice = voice.assign(**{column: voice[column] if column in voice else voice["n_attributions" if column ==
                                                                             "n_sources" else "n_total"]
                            for column in ("n_sources", "n_total_sources")})  # a voice table from before issue 17
    rows = _pool(_with_units(voice, units), ["actor_group", "actor_group_label"],
                 {"n_attributions": "n_attributions", "n_total": "n_total", "n_sources": "n_sources",
                  "n_total_sources": "n_total_sources"})
    rows["share"] = [share_of(count, total) for count, total in zip(rows["n_attributions"], rows["n_total"])]
    order = {unit: index for index, unit in enumerate(unit_order(units))}
    rows = rows.assign(unit_rank=rows["label"].map(order)).sort_values(
        ["unit_rank", "n_attributions", "actor_group"], ascending=[True, False, True], kind="stable")
    rows = rows.drop(columns="unit_rank").reset_index(drop=True)
    return _with_tests(rows, "voice:" + rows["actor_group"].astype(str), comparison)


def unit_named_sources(named: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Named sources per unit: each actor as written, its attributions summed over the unit's articles."""
    rows = _with_units(named, units)
    singles = rows.loc[rows["unit_kind"] != "outlet"]
    outlets = rows.loc[rows["unit_kind"] == "outlet"]
    if len(outlets):
        grouped = outlets.groupby(["label", "unit_kind", "n_articles", "actor", "actor_group", "actor_group_label"],
                                  sort=False)
        outlets = grouped.agg(n_attributions=("n_attributions", "sum"),
                              quote_types=("quote_types", lambda cells: join_list(
                                  sorted({item for cell in cells for item in split_list(cell)}))),
                              evidence_sentence_ids=("evidence_sentence_ids", _evidence)).reset_index()
        outlets["article_id"] = ""
    rows = pd.concat([outlets, singles], ignore_index=True)
    order = {unit: index for index, unit in enumerate(unit_order(units))}
    rows = rows.assign(unit_rank=rows["label"].map(order)).sort_values(
        ["unit_rank", "n_attributions", "actor"], ascending=[True, False, True], kind="stable")
    return rows.drop(columns="unit_rank").reset_index(drop=True)


def unit_frames(frames_matrix: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Frames per unit × scheme × frame: mean score over the unit's articles, n_present of n_articles."""
    rows = _with_units(frames_matrix, units).assign(n_present=lambda f: flag_column(f["present"]).astype(int))
    rows = _pool(rows.assign(score_sum=rows["score"].astype(float)), ["scheme", "frame"],
                 {"score_sum": "score_sum", "n_present": "n_present"})
    rows["score"] = rows["score_sum"] / rows["n_articles"].clip(lower=1)
    rows["present"] = rows["n_present"] > 0
    rows = _ordered(rows.drop(columns="score_sum"), units, [])
    return rows


def unit_headlines(headlines: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Headlines per unit: how many the unit's articles have and how many are attributed, questions…

    A single article's row keeps its headline (text, sentence id, groups, figures, cues) and has counts
    of 0 or 1; an outlet's row has the counts over its articles and no text.
    """
    traits = ["attributed", "question", "figure", "hedged"]
    rows = _with_units(headlines, units)
    rows["n_headlines"] = flag_column(rows["has_headline"]).astype(int)
    for trait in traits:
        rows[trait] = flag_column(rows[trait]).astype(int) * rows["n_headlines"]
    singles = rows.loc[rows["unit_kind"] != "outlet"]
    outlets = rows.loc[rows["unit_kind"] == "outlet"]
    if len(outlets):
        outlets = outlets.groupby(["label", "unit_kind", "n_articles"], sort=False)[["n_headlines", *traits]].sum()
        outlets = outlets.reset_index().assign(article_id="", sentence_id="", text="", attributed_to="", figures="",
                                               hedge_cues="")
    rows = pd.concat([outlets, singles], ignore_index=True)
    rows["has_headline"] = rows["n_headlines"] > 0
    return _ordered(rows, units, [])


def unit_timeline(figures: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The figures timeline with each figure under its unit: "same figure" counts units, not articles."""
    measured = measured_units(units)
    table = figures.assign(article_id=text_column(figures["article_id"])).merge(
        measured[["article_id", "unit"]], on="article_id")
    timeline = claims_timeline(table.assign(label=table["unit"]).drop(columns="unit"))
    about = measured.drop_duplicates("unit").set_index("unit")
    return timeline.assign(unit_kind=timeline["label"].map(about["unit_kind"]),
                           n_articles=timeline["label"].map(about["unit_articles"]))


GAP_TRAITS = ("states_as_fact", "drops_hedge", "drops_attribution", "figure_differs", "credit_differs")


def unit_headline_gap(gap: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The headline against the body per unit: a single article's row as it is (0/1 counts beside its flags), an
    outlet's counts over its articles whose headline was matched to body sentences (``n_compared``)."""
    rows = _with_units(gap, units)
    rows["n_compared"] = (text_column(rows["match"]).isin(["figure", "words"])).astype(int)
    for trait in GAP_TRAITS:
        rows[f"n_{trait}"] = flag_column(rows[trait]).astype(int) * rows["n_compared"]
    counts = ["n_compared", *(f"n_{trait}" for trait in GAP_TRAITS)]
    singles = rows.loc[rows["unit_kind"] != "outlet"]
    outlets = rows.loc[rows["unit_kind"] == "outlet"]
    if len(outlets):
        outlets = outlets.groupby(["label", "unit_kind", "n_articles"], sort=False)[counts].sum().reset_index()
        outlets = outlets.assign(article_id="", has_headline=outlets["n_compared"] > 0)
    rows = pd.concat([outlets, singles], ignore_index=True)
    for column in rows.columns:
        if rows[column].dtype == object:
            rows[column] = rows[column].where(rows[column].notna(), "")
    return _ordered(rows, units, [])


def unit_figures(figures: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The figures about the North Korean troops per unit, each figure once per article (its ``figure_id``), with
    ``mentions`` (its claims), the labels of the other units that give the same figure (same kind, status and
    number; never a vague quantity), its unit, unit_kind and n_articles."""
    table = figures.loc[text_column(figures["subject"]) == "north_korean_troops"].copy()
    table["figure_id"] = text_column(table["figure_id"]).where(text_column(table["figure_id"]) != "",
                                                               text_column(table["claim_id"]))
    timeline = unit_timeline(table, units)
    same = dict(zip(timeline["claim_id"], timeline["labels_same_figure"]))
    rows = _with_units(table, units)
    rows["labels_same_figure"] = rows["claim_id"].map(same).fillna("")
    grouped = rows.sort_values("claim_id", kind="stable").groupby("figure_id", sort=False)
    distinct = grouped.first().reset_index()
    distinct["mentions"] = distinct["figure_id"].map(grouped.size())
    distinct["source_groups"] = distinct["figure_id"].map(grouped["source_group_label"].agg(
        lambda labels: join_list(list(dict.fromkeys(label for label in labels if label)))))
    return _ordered(distinct, units, []) if len(distinct) else distinct


def unit_tables(comparisons: Mapping[str, pd.DataFrame], units: pd.DataFrame,
                comparison: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The per-article comparison tables seen per unit (keys as in ``comparisons``); see the module doc."""
    comparison = comparison if comparison is not None else comparisons.get("outlet_comparison")
    return {
        "certainty": unit_certainty(comparisons["certainty"], units, comparison),
        "voice": unit_voice(comparisons["voice"], units, comparison),
        "named_sources": unit_named_sources(comparisons["named_sources"], units),
        "locations": unit_locations(comparisons["locations"], units, comparison),
        "frames_matrix": unit_frames(comparisons["frames_matrix"], units),
        "headlines": unit_headlines(comparisons["headlines"], units),
        "claims_timeline": unit_timeline(comparisons["figures"], units),
        "figures_distinct": unit_figures(comparisons["figures"], units),
        "headline_gap": unit_headline_gap(comparisons["headline_gap"], units),
    }
