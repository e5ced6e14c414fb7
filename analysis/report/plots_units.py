"""Figures of the corpus view, the outlet comparison and the measures over time.

Same conventions as :mod:`analysis.report.plots` (Agg canvas, fixed size, deterministic PNG, Okabe–Ito
colours). Every title counts over exactly what the figure draws.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.report.plots import KIND_MARKERS, OKABE_ITO, _count_word, _empty, _title, new_figure

#: The measures of the outlet comparison's figure, with their short names.
FOREST_MEASURES = {"hedged": "hedged", "unverified": "flagged unverified", "confirmed": "stated as confirmed",
                   "denial": "reporting a denial", "deployment_unattributed": "troop sentences, no source",
                   "placed_in_russia": "placements in Russia"}
#: The certainty measures followed over time, with their short names.
PERIOD_CERTAINTY = {"hedged": "hedged", "unverified": "unverified", "confirmed": "confirmed", "denial": "denial",
                    "deployment_unattributed": "troop sentences without source"}


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")


def plot_forest(comparison: pd.DataFrame, corpus: pd.DataFrame, outlets: Sequence[str]) -> Figure:
    """Each drawn outlet's share with its 95 % interval, per measure; the corpus share as a dashed line.

    A filled dot is a difference from the rest of the corpus that survives the Benjamini–Hochberg
    correction; a hollow one is not.
    """
    table = comparison.loc[comparison["unit"].isin(outlets) & comparison["measure"].isin(FOREST_MEASURES)]
    table = table.loc[table["total"] > 0]  # a measure with nothing to count for an outlet is not drawn
    figure = new_figure((10.0, 2.8 + 0.45 * max(len(outlets), 1)))
    if table.empty:
        _title(figure, "No outlet has enough articles to be compared")
        return _empty(figure, "no outlet")
    measures = [name for name in FOREST_MEASURES if name in set(table["measure"])]
    grid = figure.subplots(1, len(measures), sharey=True, squeeze=False)[0]
    positions = {unit: index for index, unit in enumerate(outlets)}
    corpus_share = corpus.set_index("measure")["share"]
    for axes, measure in zip(grid, measures):
        part = table.loc[table["measure"] == measure]
        y = part["unit"].map(positions).to_numpy(float)
        share = part["share"].to_numpy(float)
        low, high = part["ci_low"].to_numpy(float), part["ci_high"].to_numpy(float)
        errors = np.vstack([np.nan_to_num(share - low), np.nan_to_num(high - share)])
        stated = part["stated"].astype(bool).to_numpy()
        axes.errorbar(share, y, xerr=errors, fmt="none", ecolor="#555555", elinewidth=1, capsize=2)
        axes.scatter(share[stated], y[stated], color=OKABE_ITO[0], s=36, zorder=3)
        axes.scatter(share[~stated], y[~stated], facecolors="white", edgecolors=OKABE_ITO[0], s=36, zorder=3)
        if measure in corpus_share.index and pd.notna(corpus_share[measure]):
            axes.axvline(float(corpus_share[measure]), color=OKABE_ITO[1], linestyle="--", linewidth=1)
        axes.set_title(textwrap.fill(FOREST_MEASURES[measure], 16), fontsize=9)
        axes.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
        axes.tick_params(axis="x", labelsize=7)
        axes.set_xlim(0, 1)
        axes.grid(axis="x", alpha=0.3)
    grid[0].set_yticks(range(len(outlets)), [textwrap.fill(unit, 24) for unit in outlets], fontsize=8)
    grid[0].set_ylim(len(outlets) - 0.5, -0.5)
    handles = [Line2D([], [], color=OKABE_ITO[0], marker="o", linestyle="", label="differs from the rest (BH)"),
               Line2D([], [], color=OKABE_ITO[0], marker="o", markerfacecolor="white", linestyle="",
                      label="no detectable difference"),
               Line2D([], [], color=OKABE_ITO[1], linestyle="--", label="corpus share")]
    figure.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=8)
    n_differ = table.loc[table["stated"].astype(bool), "unit"].nunique()
    n = len(outlets)
    if n_differ:
        _title(figure, f"{_count_word(n_differ).capitalize()} of the {_count_word(n)} outlets drawn differ "
                       f"from the rest of the corpus on at least one of these {_count_word(len(measures))} measures")
    else:
        _title(figure, f"None of the {_count_word(n)} outlets drawn differs detectably from the rest of the "
                       f"corpus on these {_count_word(len(measures))} measures")
    return figure


def plot_periods(periods: pd.DataFrame, scope: str | None = None, min_articles: int = 3, top_groups: int = 4) -> Figure:
    """Certainty (left) and the most cited source groups (right) by period, for the corpus (``scope`` None)
    or one outlet; undated articles last, apart.

    A period of at least ``min_articles`` articles is a filled dot on the line; a thinner one is a hollow
    dot off the line, and the undated articles a diamond at the right.
    """
    table = periods.loc[periods["scope_kind"] == "corpus"] if scope is None else periods.loc[periods["scope"] == scope]
    figure = new_figure((10.0, 4.6))
    if table.empty:
        _title(figure, "No article to follow over time")
        return _empty(figure, "no periods")
    order = list(dict.fromkeys(table["period"]))
    left, right = figure.subplots(1, 2, sharex=True)
    x = {period: index + (1 if period == "undated" else 0) for index, period in enumerate(order)}
    for axes, names, colours in ((left, PERIOD_CERTAINTY, OKABE_ITO),
                                 (right, _top_voice(table, top_groups), OKABE_ITO[2:] + OKABE_ITO[:2])):
        for (name, display), colour in zip(names.items(), colours):
            _period_line(axes, table.loc[table["measure"] == name].dropna(subset=["share"]), x, min_articles,
                         colour, display)
        axes.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
        axes.grid(axis="y", alpha=0.3)
        if axes.get_legend_handles_labels()[0]:
            axes.legend(fontsize=7, loc="upper left")
    step = max(1, len(order) // 10)  # at most about ten period names under the axis
    for axes in (left, right):
        axes.set_xticks([x[period] for period in order][::step], order[::step], rotation=30, ha="right", fontsize=7)
    left.set_ylabel("share of body sentences")
    right.set_ylabel("share of attributions")
    left.set_title("how certain", fontsize=9)
    right.set_title("who speaks (most cited groups)", fontsize=9)
    _title(figure, _periods_title(table, min_articles))
    return figure


def _period_line(axes, part: pd.DataFrame, x: dict[str, int], min_articles: int, colour: str, display: str) -> None:
    xs, share = part["period"].map(x).to_numpy(float), part["share"].to_numpy(float)
    filled = (part["n_articles"] >= min_articles).to_numpy() & (part["period"] != "undated").to_numpy()
    undated = (part["period"] == "undated").to_numpy()
    errors = np.vstack([np.nan_to_num(share - part["ci_low"].to_numpy(float)),
                        np.nan_to_num(part["ci_high"].to_numpy(float) - share)])
    axes.plot(xs[filled], share[filled], marker="o", markersize=4, color=colour, label=display)
    axes.errorbar(xs[filled], share[filled], yerr=errors[:, filled], fmt="none", ecolor=colour, alpha=0.5, capsize=2)
    thin = ~filled & ~undated
    axes.scatter(xs[thin], share[thin], marker="o", s=14, facecolors="white", edgecolors=colour, linewidths=0.8)
    axes.scatter(xs[undated], share[undated], marker="D", color=colour, s=30)


def _periods_title(table: pd.DataFrame, min_articles: int) -> str:
    kind = str(table["period_kind"].iloc[0])
    hedged = table.loc[(table["measure"] == "hedged") & (table["period"] != "undated")].dropna(subset=["share"])
    filled = hedged.loc[hedged["n_articles"] >= min_articles]
    drawn = f"{_count_word(len(hedged))} dated {kind}{'s' if len(hedged) != 1 else ''} drawn"
    if len(filled) < 2:
        return f"Certainty and sources by {kind} ({drawn}; fewer than two with at least {min_articles} articles)"
    first, last = filled.iloc[0], filled.iloc[-1]
    return (f"Hedged share of body sentences by {kind} ({drawn}): {first['share']:.0%} in {first['period']} "
            f"({int(first['n_articles'])} articles) and {last['share']:.0%} in {last['period']} "
            f"({int(last['n_articles'])} articles), the first and last with at least {min_articles} articles")


def _top_voice(table: pd.DataFrame, top: int) -> dict[str, str]:
    voice = table.loc[table["measure_group"] == "voice"]
    counts = voice.groupby("measure")["count"].sum().sort_values(ascending=False, kind="stable")
    names = [name for name in counts.index if counts[name] > 0][:top]
    labels = voice.drop_duplicates("measure").set_index("measure")["measure_label"]
    return {name: str(labels[name]).removeprefix("attributions go to ") for name in names}


def plot_corpus_timeline(timeline: pd.DataFrame, max_groups: int = 7) -> Figure:
    """Every figure about the troops in the corpus by date, coloured by source, marked by kind; undated apart."""
    figure = new_figure((10.0, 5.0))
    if timeline.empty:
        _title(figure, "No figure about the North Korean troops was found")
        return _empty(figure, "no figures")
    table = timeline.assign(source=timeline["source_group_label"].replace("", "no source"))
    counts = table["source"].value_counts()
    groups = sorted(counts.index, key=lambda group: (-counts[group], group))
    shown = groups[:max_groups]
    colours = {group: OKABE_ITO[index % len(OKABE_ITO)] for index, group in enumerate(shown)}
    table["colour"] = table["source"].map(colours).fillna("#bbbbbb")
    dated_axes, undated_axes = figure.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [5, 1.2]})
    dated = table.loc[table["date_known"].astype(bool)]
    undated = table.loc[~table["date_known"].astype(bool)]
    if len(dated):
        x = dated["published"].map(lambda day: mdates.date2num(pd.Timestamp(day)))
        for kind, part in dated.groupby("kind", sort=True):
            dated_axes.scatter(x[part.index], part["figure"], c=part["colour"], marker=KIND_MARKERS.get(kind, "o"),
                               s=40, edgecolors="black", linewidths=0.4, zorder=3)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        dated_axes.xaxis.set_major_locator(locator)
        dated_axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:
        dated_axes.text(0.5, 0.5, "no dated article", transform=dated_axes.transAxes, ha="center")
    kinds = sorted(table["kind"].unique())
    for part in (undated.groupby("kind", sort=True) if len(undated) else []):
        kind, rows = part
        jitter = kinds.index(kind) + np.linspace(-0.3, 0.3, len(rows)) if len(rows) > 1 else [kinds.index(kind)]
        undated_axes.scatter(jitter, rows["figure"], c=rows["colour"], marker=KIND_MARKERS.get(kind, "o"), s=40,
                             edgecolors="black", linewidths=0.4, zorder=3)
    undated_axes.set_xticks([])
    undated_axes.set_xlim(-0.7, len(kinds) - 0.3)
    undated_axes.set_xlabel(f"date unknown ({len(undated)})")
    dated_axes.set_yscale("log")
    dated_axes.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _: _number(value)))
    dated_axes.set_ylabel("figure reported (log scale)")
    dated_axes.set_xlabel(f"publication date ({len(dated)} figures)")
    for axes in (dated_axes, undated_axes):
        axes.grid(axis="y", alpha=0.3)
    handles = [Line2D([], [], color=colours[group], marker="o", linestyle="", label=group) for group in shown]
    if len(groups) > len(shown):
        handles.append(Line2D([], [], color="#bbbbbb", marker="o", linestyle="", label="other sources"))
    handles += [Line2D([], [], color="grey", marker=KIND_MARKERS.get(kind, "o"), linestyle="",
                       label=kind.replace("_", " ")) for kind in kinds]
    figure.legend(handles=handles, loc="outside lower center", ncol=5, fontsize=7)
    n_articles = table["article_id"].nunique()
    status = table["status"].astype(str) if "status" in table else ""  # same figure: same kind and status
    top = table.assign(status=status).groupby(["kind", "status", "figure"])["article_id"].nunique().sort_values(
        ascending=False, kind="stable")
    if len(top) and int(top.iloc[0]) > 1:
        (kind, _, value), n = top.index[0], int(top.iloc[0])
        _title(figure, f"{len(table)} figures about the troops in {n_articles} articles; the most repeated, "
                       f"{_number(value)} ({kind.replace('_', ' ')}), appears in {n} of them")
    else:
        _title(figure, f"{len(table)} figures about the troops in {n_articles} articles; none is repeated")
    return figure
