"""Every measure per outlet, for the corpus and by period, with intervals over articles and tests.

The per-article tables (certainty, voice, locations, frames, headlines) are first put in one shape:
for each article and measure, a count and a total (hedged body sentences of all body sentences,
attributions to South Korea of all attributions, articles with a frame of one article…). A unit's
share is then Σ count / Σ total over its articles, and the intervals and tests of
:mod:`analysis.compare.uncertainty` resample articles, never sentences.

Tables: ``outlet_comparison`` (one row per outlet unit × measure: share, n, 95 % interval, the rest of
the corpus, permutation p-value and its Benjamini–Hochberg adjustment across every outlet × measure
tested, and whether a difference is stated), ``corpus_measures`` (the corpus-wide shares) and
``period_measures`` (the corpus and each outlet by week or month, undated articles in their own row).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.compare.inputs import CERTAINTY_MEASURES, PLACE_GROUPS, flag_column, text_column
from analysis.compare.uncertainty import (
    benjamini_hochberg,
    bootstrap_interval,
    permutation_pvalues,
    ratio,
    unit_generator,
    within_period_pvalues,
)
from analysis.compare.units import UNDATED, kind_of_periods, measured_units, period_start
from analysis.core.groups import group_label

#: A difference is stated when its Benjamini–Hochberg adjusted p-value is below this level.
FDR_LEVEL = 0.05


@dataclass(frozen=True)
class Measure:
    """One share: the ``count`` of ``of`` that ``what`` (e.g. "body sentences" that "are hedged")."""

    name: str
    group: str
    of: str
    what: str
    tested: bool = True  # False for the complement of a tested measure (the same test twice)

    @property
    def label(self) -> str:
        return f"{self.of} {self.what}"  # "body sentences are hedged": "41% of <label>" reads as a sentence


CERTAINTY = {
    "hedged": Measure("hedged", "certainty", "body sentences", "are hedged"),
    "unverified": Measure("unverified", "certainty", "body sentences", "flag a claim as unverified"),
    "confirmed": Measure("confirmed", "certainty", "body sentences", "state a claim as confirmed"),
    "denial": Measure("denial", "certainty", "body sentences", "report a denial"),
    "deployment_attributed": Measure("deployment_attributed", "certainty", "body sentences about the troops",
                                     "name a source", tested=False),
    "deployment_unattributed": Measure("deployment_unattributed", "certainty", "body sentences about the troops",
                                       "name no source"),
}
HEADLINE_TRAITS = {"attributed": "attribute their claim to a source", "question": "are questions",
                   "figure": "state a figure", "hedged": "are hedged"}
#: What a headline does with what its body says of the same content (headline_gap.csv; issue 17, item 4).
GAP_TRAITS = {"states_as_fact": "state as fact what the body hedges or attributes",
              "drops_hedge": "drop the body's hedge", "drops_attribution": "drop the body's source",
              "figure_differs": "give another figure than the body",
              "credit_differs": "credit other sources than the body"}
#: The measure groups followed over time: how certain, who speaks, where.
PERIOD_GROUPS = ("certainty", "voice", "location")

COMPARISON_COLUMNS = ["unit", "n_articles", "measure_group", "measure", "measure_label", "count", "total", "share",
                      "ci_low", "ci_high", "rest_share", "corpus_share", "difference", "tested", "p_value",
                      "p_adjusted", "stated", "n_articles_without_wire_copy", "share_without_wire_copy",
                      "period_expected_share", "period_tested", "p_within_period", "p_within_period_adjusted",
                      "stated_within_period", "vanishes_with_period"]
CORPUS_COLUMNS = ["measure_group", "measure", "measure_label", "n_articles", "count", "total", "share", "ci_low",
                  "ci_high", "n_articles_without_wire_copy", "share_without_wire_copy"]
PERIOD_COLUMNS = ["period_kind", "period", "period_start", "scope", "scope_kind", "measure_group", "measure",
                  "measure_label", "n_articles", "count", "total", "share", "ci_low", "ci_high"]


@dataclass(frozen=True)
class ArticleMeasures:
    """Counts and totals of every measure for every measured article (rows in ``article_ids`` order)."""

    article_ids: list[str]
    measures: list[Measure]
    counts: np.ndarray
    totals: np.ndarray

    def rows(self, article_ids) -> np.ndarray:
        """Row positions of the given articles."""
        return pd.Index(self.article_ids).get_indexer(pd.Index(list(article_ids), dtype=object)).astype(int)


# --------------------------------------------------------------------------------------------------
# Every measure of every article, in one shape
# --------------------------------------------------------------------------------------------------

def _long(frame: pd.DataFrame, measure: pd.Series, count: pd.Series, total: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"article_id": text_column(frame["article_id"]), "measure": measure.astype(str),
                         "count": pd.to_numeric(count, errors="coerce").fillna(0).astype(float),
                         "total": pd.to_numeric(total, errors="coerce").fillna(0).astype(float)})


def measure_rows(tables: Mapping[str, pd.DataFrame]) -> tuple[list[Measure], pd.DataFrame]:
    """The measures of the run and one row per article × measure (article_id, measure, count, total)."""
    parts, measures = [], [CERTAINTY[name] for name in CERTAINTY_MEASURES]
    certainty = tables["certainty"]
    parts.append(_long(certainty, certainty["measure"], certainty["count"], certainty["total"]))
    voice = tables["voice"]
    for group in sorted(set(text_column(voice["actor_group"]))):
        measures.append(Measure(f"voice:{group}", "voice", "attributions", f"go to {group_label(group)}"))
    parts.append(_long(voice, "voice:" + text_column(voice["actor_group"]), voice["n_attributions"],
                       voice["n_total"]))
    places = tables["locations"]
    measures += [Measure(f"placed_in_{group}", "location", "placements of the troops",
                         f"are in {group.capitalize()}", tested=group == "russia") for group in PLACE_GROUPS]
    parts.append(_long(places, "placed_in_" + text_column(places["place_group"]), places["count"], places["total"]))
    frames = tables["frames_matrix"]
    pairs = sorted(set(zip(text_column(frames["scheme"]), text_column(frames["frame"]))))
    measures += [Measure(f"frame_{scheme}:{frame}", f"frame_{scheme}", "articles",
                         f"carry the {frame.replace('_', ' ')} frame ({scheme} scheme)") for scheme, frame in pairs]
    parts.append(_long(frames, "frame_" + text_column(frames["scheme"]) + ":" + text_column(frames["frame"]),
                       flag_column(frames["present"]).astype(int), pd.Series(1, index=frames.index)))
    heads = tables["headlines"]
    measures += [Measure(f"headline_{trait}", "headline", "headlines", what) for trait, what in HEADLINE_TRAITS.items()]
    has_headline = flag_column(heads["has_headline"]).astype(int)
    for trait in HEADLINE_TRAITS:
        parts.append(_long(heads, pd.Series(f"headline_{trait}", index=heads.index),
                           flag_column(heads[trait]).astype(int) * has_headline, has_headline))
    gap = tables.get("headline_gap")
    if gap is not None and len(gap):
        compared = text_column(gap["match"]).isin(["figure", "words"]).astype(int)
        measures += [Measure(f"headline_gap:{trait}", "headline_gap", "headlines matched to their body", what)
                     for trait, what in GAP_TRAITS.items()]
        for trait in GAP_TRAITS:
            parts.append(_long(gap, pd.Series(f"headline_gap:{trait}", index=gap.index),
                               flag_column(gap[trait]).astype(int) * compared, compared))
    return measures, pd.concat(parts, ignore_index=True)


def article_measures(tables: Mapping[str, pd.DataFrame], article_ids) -> ArticleMeasures:
    """Counts and totals (articles × measures) of the given articles, from the per-article tables."""
    measures, rows = measure_rows(tables)
    article_ids = list(article_ids)
    names = [measure.name for measure in measures]
    grid = rows.pivot_table(index="article_id", columns="measure", values=["count", "total"], aggfunc="sum")
    counts = grid["count"].reindex(index=article_ids, columns=names).fillna(0.0) if len(grid) else \
        pd.DataFrame(0.0, index=article_ids, columns=names)
    totals = grid["total"].reindex(index=article_ids, columns=names).fillna(0.0) if len(grid) else \
        pd.DataFrame(0.0, index=article_ids, columns=names)
    return ArticleMeasures(article_ids, measures, counts.to_numpy(float), totals.to_numpy(float))


def _measure_frame(measures: list[Measure]) -> pd.DataFrame:
    return pd.DataFrame({"measure_group": [m.group for m in measures], "measure": [m.name for m in measures],
                         "measure_label": [m.label for m in measures]})


# --------------------------------------------------------------------------------------------------
# The corpus, the outlets, the periods
# --------------------------------------------------------------------------------------------------

def grouped_summary(matrix: ArticleMeasures, groups: pd.DataFrame, keys: list[str], seed_prefix: tuple[str, ...],
                    seed: int, n_resamples: int, min_articles: int) -> pd.DataFrame:
    """One row per group × measure: the group's keys, n_articles, count, total, share, ci_low, ci_high.

    ``groups`` holds one row per article (article_id and the ``keys`` columns), in the order the groups
    come out. Sums come from one pass over the articles; a group of at least ``min_articles`` articles
    (and two) gets a bootstrap interval, its generator seeded from ``seed``, ``seed_prefix`` and its keys.
    """
    n_measures = len(matrix.measures)
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(groups[keys].astype(str)), sort=False)
    rows = matrix.rows(groups["article_id"])
    count = np.zeros((len(uniques), n_measures))
    total = np.zeros((len(uniques), n_measures))
    np.add.at(count, codes, matrix.counts[rows])
    np.add.at(total, codes, matrix.totals[rows])
    n_articles = np.bincount(codes, minlength=len(uniques))
    low, high = np.full(count.shape, np.nan), np.full(count.shape, np.nan)
    order = np.argsort(codes, kind="stable")
    members = np.split(rows[order], np.cumsum(n_articles)[:-1])  # each group's rows, in article order
    for group in np.flatnonzero(n_articles >= max(min_articles, 2)):
        generator = unit_generator(seed, *seed_prefix, *uniques[group])
        low[group], high[group] = bootstrap_interval(matrix.counts[members[group]], matrix.totals[members[group]],
                                                     n_resamples, generator)
    frame = pd.DataFrame({key: np.repeat(uniques.get_level_values(index), n_measures)
                          for index, key in enumerate(keys)})
    measures = _measure_frame(matrix.measures)
    for column in measures.columns:
        frame[column] = np.tile(measures[column].to_numpy(), len(uniques))
    return frame.assign(n_articles=np.repeat(n_articles, n_measures), count=count.ravel(), total=total.ravel(),
                        share=ratio(count, total).ravel(), ci_low=low.ravel(), ci_high=high.ravel())


def _without_wire_copy(matrix: ArticleMeasures, groups: pd.DataFrame, key: str) -> pd.DataFrame:
    """Per value of ``key`` × measure: articles and share without the wire copy (in the groups' order)."""
    own = groups.loc[~groups["wire_copy"].astype(bool)]
    names = pd.Index(list(dict.fromkeys(groups[key])))
    codes = names.get_indexer(own[key])
    rows = matrix.rows(own["article_id"])
    count = np.zeros((len(names), len(matrix.measures)))
    total = np.zeros_like(count)
    np.add.at(count, codes, matrix.counts[rows])
    np.add.at(total, codes, matrix.totals[rows])
    n = np.bincount(codes, minlength=len(names))
    return pd.DataFrame({"n_articles_without_wire_copy": np.repeat(n, len(matrix.measures)),
                         "share_without_wire_copy": ratio(count, total).ravel()})


def corpus_measures(matrix: ArticleMeasures, units: pd.DataFrame, seed: int = 13, n_resamples: int = 1999,
                    min_articles: int = 3) -> pd.DataFrame:
    """Corpus-wide share of every measure over the measured articles, with its interval. Columns: CORPUS_COLUMNS."""
    measured = measured_units(units).assign(scope="corpus")
    frame = grouped_summary(matrix, measured, ["scope"], (), seed, n_resamples, min_articles)
    frame = pd.concat([frame, _without_wire_copy(matrix, measured, "scope")], axis=1)
    return frame[CORPUS_COLUMNS].astype({"n_articles": int, "n_articles_without_wire_copy": int})


def outlet_comparison(matrix: ArticleMeasures, units: pd.DataFrame, seed: int = 13, n_resamples: int = 1999,
                      n_permutations: int = 9999, min_articles: int = 3) -> pd.DataFrame:
    """One row per outlet unit × measure: share, interval, the rest of the corpus, test and correction.

    Every outlet is tested against the rest of the corpus on every measure whose ``tested`` flag is set
    (complements are not tested twice) and that is testable there; the Benjamini–Hochberg correction runs
    across all of them at once, and ``stated`` is True when the adjusted p-value is below FDR_LEVEL.
    Empty (with its columns) when no outlet has ``min_articles`` articles. Columns: COMPARISON_COLUMNS.
    """
    measured = measured_units(units)
    outlets = measured.loc[measured["unit_kind"] == "outlet"]
    if outlets.empty:
        return pd.DataFrame(columns=COMPARISON_COLUMNS)
    all_rows = matrix.rows(measured["article_id"])
    names = list(dict.fromkeys(outlets["unit"]))
    local = [np.flatnonzero(measured["unit"].to_numpy() == name) for name in names]  # rows among the measured
    p_values, testable = permutation_pvalues(matrix.counts[all_rows], matrix.totals[all_rows], local,
                                             n_permutations, unit_generator(seed, "permutations"))
    tested = testable & np.array([measure.tested for measure in matrix.measures])[None, :]
    p_values = np.where(tested, p_values, np.nan)
    adjusted = benjamini_hochberg(p_values.ravel())
    corpus_count, corpus_total = matrix.counts[all_rows].sum(axis=0), matrix.totals[all_rows].sum(axis=0)
    frame = grouped_summary(matrix, outlets, ["unit"], ("unit",), seed, n_resamples, min_articles)
    rest = ratio(np.tile(corpus_count, len(names)) - frame["count"].to_numpy(),
                 np.tile(corpus_total, len(names)) - frame["total"].to_numpy())
    frame = frame.assign(rest_share=rest, corpus_share=np.tile(ratio(corpus_count, corpus_total), len(names)),
                         difference=frame["share"].to_numpy() - rest, tested=tested.ravel(),
                         p_value=p_values.ravel(), p_adjusted=adjusted,
                         stated=tested.ravel() & (np.nan_to_num(adjusted, nan=1.0) < FDR_LEVEL))
    frame = pd.concat([frame, _without_wire_copy(matrix, outlets, "unit"),
                       _within_periods(matrix, measured, local, tested)], axis=1)
    frame["vanishes_with_period"] = frame["stated"] & ~frame["stated_within_period"]
    return frame[COMPARISON_COLUMNS].astype({"n_articles": int, "tested": bool, "stated": bool,
                                             "n_articles_without_wire_copy": int, "period_tested": bool,
                                             "stated_within_period": bool, "vanishes_with_period": bool}
                                            ).reset_index(drop=True)


def _within_periods(matrix: ArticleMeasures, measured: pd.DataFrame, local: list[np.ndarray],
                    tested: np.ndarray) -> pd.DataFrame:
    """The outlet × measure rows' test within periods (weeks or months, undated apart): the share the
    corpus's shares in the outlet's periods predict, the p-value (analysis.compare.uncertainty), its
    Benjamini–Hochberg adjustment across every pair tested this way, and whether a difference remains."""
    rows = matrix.rows(measured["article_id"])
    p_values, testable, expected = within_period_pvalues(matrix.counts[rows], matrix.totals[rows], local,
                                                         measured["period"].astype(str).tolist())
    testable &= tested
    p_values = np.where(testable, p_values, np.nan)
    adjusted = benjamini_hochberg(p_values.ravel())
    return pd.DataFrame({"period_expected_share": expected.ravel(), "period_tested": testable.ravel(),
                         "p_within_period": p_values.ravel(), "p_within_period_adjusted": adjusted,
                         "stated_within_period": testable.ravel() & (np.nan_to_num(adjusted, nan=1.0) < FDR_LEVEL)})


def period_measures(matrix: ArticleMeasures, units: pd.DataFrame, seed: int = 13, n_resamples: int = 1999,
                    min_articles: int = 3, groups: tuple[str, ...] = PERIOD_GROUPS) -> pd.DataFrame:
    """The measures of ``groups`` per period (week or month) for the corpus and for each outlet unit.

    Undated articles are a period of their own ("undated"), never dropped; a cell has an interval when it
    holds at least ``min_articles`` articles. Columns: PERIOD_COLUMNS; the corpus first, then each outlet,
    each in period order (undated last).
    """
    measured = measured_units(units)
    keep = np.array([measure.group in groups for measure in matrix.measures])
    if measured.empty or not keep.any():
        return pd.DataFrame(columns=PERIOD_COLUMNS)
    subset = ArticleMeasures(matrix.article_ids, [m for m, k in zip(matrix.measures, keep) if k],
                             matrix.counts[:, keep], matrix.totals[:, keep])
    kind = kind_of_periods(measured["period"])
    ordered = measured.assign(undated=measured["period"] == UNDATED)
    corpus = ordered.assign(scope="corpus", scope_kind="corpus").sort_values(["undated", "period"], kind="stable")
    outlets = ordered.loc[ordered["unit_kind"] == "outlet"].assign(scope=lambda f: f["unit"], scope_kind="outlet")
    rank = {unit: index for index, unit in enumerate(dict.fromkeys(outlets["unit"]))}
    outlets = outlets.assign(rank=outlets["unit"].map(rank)).sort_values(["rank", "undated", "period"], kind="stable")
    frames = [grouped_summary(subset, part, ["scope", "scope_kind", "period"], ("period",), seed, n_resamples,
                              min_articles) for part in (corpus, outlets) if len(part)]
    frame = pd.concat(frames, ignore_index=True)
    frame["period_kind"] = kind
    frame["period_start"] = frame["period"].map(period_start)
    return frame[PERIOD_COLUMNS].astype({"n_articles": int})
