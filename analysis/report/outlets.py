"""The outlet sections of the report: the comparison with intervals and tests, time, and outlet profiles.

They read ``outlet_comparison.csv``, ``corpus_measures.csv``, ``period_measures.csv`` and
``outlet_profiles.csv`` (stage 03). A difference between an outlet and the rest of the corpus is
stated only when the compare stage marked it ``stated`` (Benjamini–Hochberg adjusted p < 0.05);
otherwise the section says that no difference is detectable at this size. With no outlet of
``min_articles`` articles (the seeds), each section says so plainly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from analysis.compare.findings import Finding
from analysis.compare.outlets import FDR_LEVEL
from analysis.compare.units import measured_units
from analysis.report.html import esc, figure_html, finding_html, percent, table_html
from analysis.report.sections import TABLE_ROWS, count_share, interval_text, section_html

#: The measures of the comparison table, one column each (every measure is in outlet_comparison.csv).
TABLE_MEASURES = {"hedged": "hedged", "unverified": "unverified", "confirmed": "confirmed", "denial": "denial",
                  "deployment_unattributed": "troop sentences without source", "placed_in_russia": "placed in Russia"}
PERIOD_MEASURES = {"hedged": "hedged", "unverified": "unverified", "confirmed": "confirmed", "denial": "denial",
                   "deployment_unattributed": "troop sentences without source"}


def no_outlet_text(min_articles: int) -> str:
    return (f"No outlet has at least {min_articles} compared articles, so every article is its own unit, shown "
            "under its label: one article says nothing about an outlet's coverage, so no interval and no test "
            "is computed, and a difference between two labels is a difference between two articles.")


def outlets_sentence(comparison: pd.DataFrame, min_articles: int) -> str:
    """One sentence: how many outlets, tests and stated differences."""
    if comparison.empty:
        return no_outlet_text(min_articles)
    n_outlets, tested = comparison["unit"].nunique(), comparison["tested"].astype(bool)
    n_stated = int(comparison["stated"].astype(bool).sum())
    if not n_stated:
        return (f"{n_outlets} outlet(s) with at least {min_articles} articles are compared with the rest of the corpus "
                f"on {int(tested.sum())} outlet × measure tests; no difference is detectable at this size (none has a "
                "Benjamini–Hochberg adjusted p below 0.05).")
    return (f"{n_outlets} outlet(s) with at least {min_articles} articles are compared with the rest of the corpus on "
            f"{int(tested.sum())} outlet × measure tests; {n_stated} difference(s) survive the Benjamini–Hochberg "
            "correction (adjusted p < 0.05):")


def resolution_note(n_tests: int, n_permutations: object) -> str:
    """" With m tests, …" when the permutations cannot resolve a p-value small enough for one difference alone."""
    try:
        smallest = 1.0 / (int(str(n_permutations)) + 1)
    except ValueError:
        return ""
    if not n_tests or smallest <= FDR_LEVEL / n_tests:
        return ""
    needed = math.ceil(n_tests * smallest / FDR_LEVEL)
    return (f" With {n_tests} tests, a difference survives the correction only when at least {needed} of them reach "
            f"the smallest p-value {n_permutations} permutations can give (1/{int(str(n_permutations)) + 1}); "
            "rerun notebook 03 with more permutations (n_permutations) to resolve smaller p-values.")


def comparison_section(comparison: pd.DataFrame, differences: Sequence[Finding], min_articles: int,
                       figure=None, settings: dict | None = None) -> str:
    """Every outlet on the main measures with intervals, and every difference that survives the correction."""
    if comparison.empty:
        return section_html("Outlets compared", no_outlet_text(min_articles), anchor="outlets")
    settings = settings or {}
    lead = (f"Each outlet with at least {min_articles} articles against the rest of the corpus: its share (summed "
            "counts over summed totals of its articles), a 95% percentile bootstrap interval over its articles "
            f"({settings.get('n_resamples', 'the')} resamples; articles are resampled, not sentences), and a "
            f"permutation test over articles ({settings.get('n_permutations', 'the')} random sets of articles of "
            "its size) corrected for every outlet × measure tested (Benjamini–Hochberg). " +
            outlets_sentence(comparison, min_articles))
    lead += resolution_note(int(comparison["tested"].astype(bool).sum()), settings.get("n_permutations"))
    lead += period_note(comparison)
    wide = _wide_counts(comparison, "unit", TABLE_MEASURES)
    headers = {"unit": "outlet", "n_articles": "articles"} | {k: v for k, v in TABLE_MEASURES.items() if k in wide}
    table = table_html(wide, headers, max_rows=TABLE_ROWS)
    listed = "".join(finding_html(finding) for finding in differences)
    stated = (f"<h3>Differences that survive the correction ({len(differences)})</h3><ul>{listed}</ul>" if differences
              else "<p>No difference between an outlet and the rest of the corpus is detectable at this size.</p>")
    note = ("* differs from the rest of the corpus (adjusted p < 0.05); [low–high] is the 95% interval. Every "
            "measure (source groups, frames, headlines too) is in outlet_comparison.csv with its p-values.")
    return section_html("Outlets compared", lead, figure_html(figure, "Forest plot of outlet shares with intervals"),
                        table + stated, note=note, anchor="outlets")


def period_note(comparison: pd.DataFrame) -> str:
    """" Of the N differences stated, K are no longer detectable once the date is taken into account…" ("" when
    the table has no test within periods or states no difference)."""
    if "vanishes_with_period" not in comparison or not comparison["stated"].astype(bool).any():
        return ""
    stated = comparison.loc[comparison["stated"].astype(bool)]
    vanish = int(stated["vanishes_with_period"].astype(bool).sum())
    untestable = int((~stated["period_tested"].astype(bool)).sum())
    return (f" Every stated difference is tested again within periods (each article against its own week or month, "
            f"undated articles apart): of the {len(stated)} stated, {vanish} are no longer detectable once the date "
            f"is taken into account" + (f", {untestable} of them because the outlet's articles share their periods "
                                        "with no other article" if untestable else "") + ".")


# --------------------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------------------

def time_sentence(periods: pd.DataFrame, min_articles: int) -> str:
    """How hedging and confirmation moved between the first and the last well-filled dated period."""
    corpus = periods.loc[(periods["scope_kind"] == "corpus") & (periods["period"] != "undated")]
    kind = str(periods["period_kind"].iloc[0]) if len(periods) else "week"
    filled = corpus.loc[corpus["n_articles"] >= min_articles, "period"].drop_duplicates().tolist()
    if len(filled) < 2:
        n = corpus["period"].nunique()
        return (f"The dated articles fall in {n} {kind}(s), {len(filled)} of them with at least {min_articles} "
                "articles: too few to follow the measures over time.") if n else ""
    first, last = filled[0], filled[-1]
    said = []
    for measure, name in (("hedged", "hedged"), ("confirmed", "stated as confirmed"),
                          ("unverified", "flagged unverified")):
        rows = corpus.loc[corpus["measure"] == measure].set_index("period")
        said.append(f"{name} {percent(rows.loc[first, 'share'])}{interval_text(rows.loc[first])} → "
                    f"{percent(rows.loc[last, 'share'])}{interval_text(rows.loc[last])}")
    articles = corpus.drop_duplicates("period").set_index("period")["n_articles"]
    return (f"From the {kind} of {first} ({articles[first]} articles) to that of {last} ({articles[last]} articles), "
            f"the share of body sentences {'; '.join(said)}.")


def _wide_counts(long: pd.DataFrame, key: str, measures) -> pd.DataFrame:
    """One row per ``key`` value (in first-seen order) with its article count and one "count/total share"
    cell per measure of ``measures``."""
    rows = long.loc[long["measure"].isin(measures)]
    wide = rows.assign(cell=rows.apply(count_share, axis=1)).pivot_table(
        index=key, columns="measure", values="cell", aggfunc="first")
    wide = wide.reindex(list(dict.fromkeys(long[key]))).reset_index()
    wide["n_articles"] = wide[key].map(long.drop_duplicates(key).set_index(key)["n_articles"])
    return wide


def _period_table(periods: pd.DataFrame) -> pd.DataFrame:
    corpus = periods.loc[periods["scope_kind"] == "corpus"]
    wide = _wide_counts(corpus, "period", PERIOD_MEASURES)
    voice = corpus.loc[(corpus["measure_group"] == "voice") & (corpus["count"] > 0)]
    top = voice.sort_values(["period", "count", "measure"], ascending=[True, False, True]).drop_duplicates("period")
    wide["top_voice"] = wide["period"].map(top.set_index("period").apply(
        lambda row: f"{str(row['measure_label']).removeprefix('attributions go to ')} {percent(row['share'])}",
        axis=1)).fillna("–")
    return wide


def time_section(periods: pd.DataFrame, units: pd.DataFrame, outlets: Sequence[str], min_articles: int,
                 figure=None) -> str:
    """The corpus (and each outlet drawn) by week or month, undated articles in their own row."""
    if periods.empty:
        return section_html("Over time", "No article to follow over time.", anchor="time")
    kind = str(periods["period_kind"].iloc[0])
    measured = measured_units(units)
    dated = sorted(date for date in measured["published"] if date)
    span = (pd.Timestamp(dated[-1]) - pd.Timestamp(dated[0])).days if dated else 0
    n_undated = int((measured["period"] == "undated").sum())
    undated = f"the {n_undated} undated articles are a row of their own" if n_undated else "no article is undated"
    lead = (f"The dated articles span {span} days ({dated[0]} to {dated[-1]}), so the measures are given by {kind} "
            f"(by week when the span is at most 16 weeks, else by month); {undated}. " if dated else
            "No article is dated; every article is in the undated row. ") + time_sentence(periods, min_articles)
    wide = _period_table(periods)
    table = table_html(wide, {"period": kind, "n_articles": "articles"} | PERIOD_MEASURES
                       | {"top_voice": "most cited group"}, max_rows=TABLE_ROWS)
    shown = periods.loc[(periods["scope_kind"] == "outlet") & periods["scope"].isin(outlets)
                        & (periods["measure"] == "hedged")]
    if len(shown):
        per_outlet = shown.assign(cell=shown.apply(lambda row: f"{percent(row['share'])} ({int(row['n_articles'])})"
                                                   if row["total"] else "–", axis=1))
        grid = per_outlet.pivot_table(index="scope", columns="period", values="cell", aggfunc="first").reindex(
            [unit for unit in outlets if unit in set(per_outlet["scope"])])
        columns = sorted(grid.columns, key=lambda period: (period == "undated", period))
        table += (f"<h3>Hedged share of body sentences by {kind}, outlets drawn (articles in brackets)</h3>"
                  + table_html(grid[columns].fillna("").reset_index(), {"scope": "outlet"} | {c: c for c in columns},
                               max_rows=TABLE_ROWS))
    return section_html("Over time", lead, figure_html(figure, f"Certainty and sources by {kind}"), table,
                        note="Every measure, for the corpus and for every outlet, is in period_measures.csv.",
                        anchor="time")


# --------------------------------------------------------------------------------------------------
# Outlet profiles
# --------------------------------------------------------------------------------------------------

def _card(row: pd.Series) -> str:
    dates = (f"{row['first_published']} to {row['last_published']}" if row["first_published"] else "no dated article")
    interval = interval_text({"ci_low": row["hedged_ci_low"], "ci_high": row["hedged_ci_high"]})
    hedged = f"{percent(row['hedged_share'])}{interval}" if pd.notna(row["hedged_share"]) else "–"
    if row["hedged_tested"]:
        hedged += f" (adjusted p = {row['hedged_p_adjusted']:.2g} against the rest of the corpus)"
    undated = f", {row['n_undated']} undated" if row["n_undated"] else ""
    facts = [("articles", f"{row['n_articles']}, {dates}{undated}"),
             ("most cited source groups", str(row["top_sources"]).replace(" | ", ", ") or "none"),
             ("hedged body sentences", hedged),
             ("most frequent frames (share of its articles)", str(row["top_frames"]).replace(" | ", ", ") or "none"),
             ("distinctive lemmas", str(row["distinctive_lemmas"]).replace(" | ", ", ") or "none"),
             ("wire copy", f"{percent(row['wire_copy_share'])} of its articles share a dispatch "
                           f"({row['n_wire_copy']} in {row['n_families']} families); "
                           f"{percent(row['agency_share'])} credit an agency")]
    items = "".join(f"<dt>{esc(name)}</dt><dd>{esc(value)}</dd>" for name, value in facts)
    return f'<div class="card"><h3>{esc(row["unit"])}</h3><dl>{items}</dl></div>'


def profiles_section(profiles: pd.DataFrame, min_articles: int) -> str:
    """One compact card per outlet compared."""
    if profiles.empty:
        return section_html("Outlet profiles", f"No outlet has at least {min_articles} compared articles, so there "
                            "is no outlet profile: the sections below describe each article.", anchor="profiles")
    cards = "".join(_card(row) for _, row in profiles.iterrows())
    return section_html("Outlet profiles", f"One card per outlet compared ({len(profiles)}), from outlet_profiles.csv.",
                        table=f'<div class="cards">{cards}</div>', anchor="profiles")
