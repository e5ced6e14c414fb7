"""Figures of the comparisons: one per comparison, titles that state the finding, one colour per label.

Figures are built with matplotlib's object-oriented API on the Agg canvas (no pyplot, no global
state, no GUI, and the notebook's own backend is left alone), at a fixed size and resolution, and
saved as PNG without a "Software" or date entry, so that the same tables always give the same bytes.
The same article label has the same colour in every figure: colours come from the Okabe–Ito palette
(colour-blind safe), assigned in sorted label order by :func:`label_colours`. Heatmaps use the
cividis colormap (colour-blind safe, sequential).
"""

from __future__ import annotations

import io
import math
import textwrap
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path

import matplotlib
import matplotlib.dates as mdates
import matplotlib.patches
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg  # every figure draws on its own Agg canvas
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.compare.keyness import load_keyness_rules
from analysis.core.tables import write_bytes

#: Okabe & Ito (2008) colour-blind-safe palette, yellow last (weak on white), black excluded (text colour).
OKABE_ITO = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442", "#999999"]
HEATMAP_CMAP = "cividis"
FIGSIZE = (8.0, 4.5)
DPI = 100
TITLE_WIDTH = 70
KIND_MARKERS = {"deployed": "o", "killed": "X", "wounded": "s", "killed_or_wounded": "D", "captured": "^"}
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

#: The PNG bytes of every figure rendered so far (see png_bytes), forgotten with the figure.
_RENDERED_PNG: weakref.WeakKeyDictionary[Figure, bytes] = weakref.WeakKeyDictionary()

matplotlib.rcParams["svg.hashsalt"] = "nk-deployment-framing"  # stable SVG element ids (see svg_bytes)


def label_colours(labels: Iterable[str]) -> dict[str, str]:
    """A fixed colour per article label, in sorted label order (the palette repeats after eight labels)."""
    return {label: OKABE_ITO[index % len(OKABE_ITO)] for index, label in enumerate(sorted(set(map(str, labels))))}


def new_figure(figsize: tuple[float, float] = FIGSIZE) -> Figure:
    """An empty figure of fixed size and resolution on the Agg canvas."""
    figure = Figure(figsize=figsize, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def png_bytes(figure: Figure) -> bytes:
    """The figure as PNG bytes, with no software/date metadata (same figure → same bytes).

    A figure is drawn once: the first call keeps its bytes (the report's image and the exported file
    are the same bytes) and freezes its constrained layout where it was computed, so that the SVG
    (:func:`svg_bytes`) does not lay the figure out again. Draw on a figure before rendering it, not after.
    """
    rendered = _RENDERED_PNG.get(figure)
    if rendered is None:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        rendered = _RENDERED_PNG[figure] = buffer.getvalue()
        figure.set_layout_engine("none")  # the axes keep the positions the layout gave them
    return rendered


def svg_bytes(figure: Figure) -> bytes:
    """The figure as SVG bytes, with no date and stable element ids (same figure → same bytes), laid out
    as its PNG (rendered first if it was not).

    Its words stay text (``svg.fonttype`` "none"), not glyph outlines: a title or a label can be edited
    and searched in a paper's figure, the file is a third of the size, and it is written 25-40 % faster; a
    viewer without the figure's font (DejaVu Sans) draws the words in its own sans-serif."""
    png_bytes(figure)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def save_png(figure: Figure, path: Path) -> Path:
    """Write the figure as a PNG file, atomically (deterministic bytes, see :func:`png_bytes`)."""
    return write_bytes(png_bytes(figure), path)


def _title(figure: Figure, text: str) -> None:
    figure.suptitle(textwrap.fill(text, TITLE_WIDTH), fontsize=12, fontweight="bold")


def _count_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def units_noun(table: pd.DataFrame) -> str:
    """What a table's rows are, for a title: "articles", "outlets" or "outlets and articles"."""
    kinds = set(table["unit_kind"].dropna()) if "unit_kind" in table.columns else set()
    return "outlets" if kinds == {"outlet"} else "outlets and articles" if "outlet" in kinds else "articles"


def _empty(figure: Figure, message: str) -> Figure:
    """A figure that says there is nothing to show, instead of an empty frame."""
    axes = figure.add_subplot()
    axes.axis("off")
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, wrap=True)
    return figure


def _colours_for(labels: Iterable[str], colours: Mapping[str, str] | None) -> dict[str, str]:
    return dict(colours) if colours else label_colours(labels)


def _label_legend(figure: Figure, labels: list[str], colours: Mapping[str, str]) -> None:
    """One legend entry per article label, below the plot (never over the bars)."""
    handles = [matplotlib.patches.Patch(color=colours[label], label=label) for label in labels]
    figure.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 3), fontsize=8)


def _grouped_barh(axes, categories: list[str], labels: list[str], values: pd.DataFrame,
                  colours: Mapping[str, str]) -> None:
    """Horizontal bars: one group per category (top to bottom), one bar per label in label colour."""
    height = 0.8 / max(len(labels), 1)
    positions = np.arange(len(categories))
    for index, label in enumerate(labels):
        offsets = positions - 0.4 + height * (index + 0.5)
        axes.barh(offsets, values[label].reindex(categories).fillna(0).to_numpy(), height=height,
                  color=colours[label], label=label)
    axes.set_yticks(positions, categories)
    axes.invert_yaxis()


# --------------------------------------------------------------------------------------------------
# One figure per comparison
# --------------------------------------------------------------------------------------------------

def plot_voice(voice: pd.DataFrame, colours: Mapping[str, str] | None = None, max_groups: int = 8) -> Figure:
    """Share of each article's attributions per actor group (grouped bars, most cited groups first)."""
    figure = new_figure()
    table = voice.loc[voice["n_total"] > 0]
    if table.empty:
        _title(figure, "No article attributes a statement to a source")
        return _empty(figure, "no attributions were found")
    labels = sorted(table["label"].unique())
    colours = _colours_for(labels, colours)
    totals = table.groupby("actor_group_label")["n_attributions"].sum()
    groups = sorted(totals.index, key=lambda group: (-totals[group], group))[:max_groups]
    shares = table.pivot_table(index="actor_group_label", columns="label", values="share", aggfunc="sum")
    axes = figure.add_subplot()
    _grouped_barh(axes, groups, labels, shares, colours)
    axes.set_xlabel("share of the article's attributions")
    axes.set_ylabel("source group")
    axes.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    _label_legend(figure, labels, colours)
    top = (table.sort_values(["n_attributions", "actor_group_label"], ascending=[False, True])
           .drop_duplicates("label")["actor_group_label"])
    leaders = top.value_counts()
    n_lead = int(leaders.max())
    leader = sorted(leaders.index[leaders == n_lead])[0]
    noun = units_noun(table)
    if n_lead == 1 and len(labels) > 1:
        _title(figure, f"Each of the {noun} cites a different source group most often (e.g. {top.iloc[0]} in "
                       f"{sorted(labels)[0]})" if noun != "articles" else
               f"Each article cites a different source group most often (e.g. {top.iloc[0]} in {sorted(labels)[0]})")
    else:
        _title(figure, f"{leader} is the most cited source group in {_count_word(n_lead)} of the "
                       f"{_count_word(len(labels))} {noun}")
    return figure


CERTAINTY_DISPLAY = {
    "hedged": "hedged",
    "unverified": "flagged as unverified",
    "confirmed": "stated as confirmed",
    "denial": "reporting a denial",
    "deployment_unattributed": "about the troops, with\nno source (share of those)",
}


def plot_certainty(certainty: pd.DataFrame, colours: Mapping[str, str] | None = None) -> Figure:
    """Share of body sentences hedged / unverified / confirmed / denied, and unattributed troop sentences."""
    figure = new_figure()
    table = certainty.loc[certainty["measure"].isin(CERTAINTY_DISPLAY) & (certainty["total"] > 0)].copy()
    if table.empty:
        _title(figure, "No body sentence to measure certainty on")
        return _empty(figure, "no body sentences")
    labels = sorted(table["label"].unique())
    colours = _colours_for(labels, colours)
    table["measure_display"] = table["measure"].map(CERTAINTY_DISPLAY)
    shares = table.pivot_table(index="measure_display", columns="label", values="share", aggfunc="sum")
    categories = [CERTAINTY_DISPLAY[m] for m in CERTAINTY_DISPLAY if CERTAINTY_DISPLAY[m] in shares.index]
    axes = figure.add_subplot()
    _grouped_barh(axes, categories, labels, shares, colours)
    axes.set_xlabel("share of body sentences")
    axes.set_ylabel("body sentences")
    axes.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    _label_legend(figure, labels, colours)
    hedged = table.loc[table["measure"] == "hedged", "share"]
    if len(hedged) > 1:
        _title(figure, f"Hedging ranges from {hedged.min():.0%} to {hedged.max():.0%} of body sentences")
    elif len(hedged) == 1:
        _title(figure, f"{hedged.iloc[0]:.0%} of body sentences are hedged")
    else:
        _title(figure, "How certain the articles sound")
    return figure


def _timeline_title(timeline: pd.DataFrame) -> str:
    """The most repeated figure among the units drawn (counted over them, not over the corpus)."""
    status = timeline["status"].astype(str) if "status" in timeline else ""  # same figure: same kind and status
    drawn = timeline.assign(status=status).groupby(["kind", "status", "figure"])["label"].nunique().rename(
        "n").reset_index()
    repeated = drawn.sort_values(["n", "figure", "kind"], ascending=[False, False, True], kind="stable")
    n_units, noun = timeline["label"].nunique(), units_noun(timeline)
    if len(repeated) and int(repeated.iloc[0]["n"]) > 1:
        top = repeated.iloc[0]
        value = f"{top['figure']:,.0f}".replace(",", "\u202f")
        planned = " planned" if top["status"] == "planned" else ""
        return (f"The most repeated figure, {value} ({str(top['kind']).replace('_', ' ')}{planned}), appears in "
                f"{_count_word(int(top['n']))} of the {_count_word(n_units)} {noun} that give figures")
    return f"No figure is repeated from one of these {noun} to another ({len(timeline)} figures in " \
           f"{n_units} {noun})" if noun != "articles" else \
        f"No figure is repeated from one article to another ({len(timeline)} figures in {n_units} articles)"


def plot_claims_timeline(timeline: pd.DataFrame, colours: Mapping[str, str] | None = None) -> Figure:
    """Figures about the troops by publication date; undated articles in a separate "date unknown" lane."""
    figure = new_figure((9.0, 4.8))
    if timeline.empty:
        _title(figure, "No figure about the North Korean troops was found")
        return _empty(figure, "no figures")
    labels = sorted(timeline["label"].unique())
    colours = _colours_for(labels, colours)
    dated_axes, unknown_axes = figure.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [5, 1.2]})
    dated = timeline.loc[timeline["date_known"].astype(bool)]
    undated = timeline.loc[~timeline["date_known"].astype(bool)]
    for table, axes, dated_lane in ((dated, dated_axes, True), (undated, unknown_axes, False)):
        # one marker per article × kind × figure × date; its sources written beside it
        points = table.assign(source=table["source_group_label"].fillna("").replace("", "no source"))
        points = (points.groupby(["published", "label", "kind", "figure"], sort=True)["source"]
                  .agg(lambda sources: ", ".join(sorted(set(sources)))).reset_index())
        for row in points.itertuples(index=False):
            x = mdates.date2num(pd.Timestamp(row.published)) if dated_lane else labels.index(row.label)
            axes.scatter([x], [row.figure], color=colours[row.label], marker=KIND_MARKERS.get(row.kind, "o"),
                         s=60, edgecolors="black", linewidths=0.5, zorder=3)
            axes.annotate(textwrap.fill(row.source, 22), (x, row.figure), textcoords="offset points",
                          xytext=(6, 3), fontsize=7)
    dated_axes.set_yscale("log")
    dated_axes.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda value, _: f"{value:,.0f}".replace(",", "\u202f")))
    dated_axes.set_ylabel("figure reported (log scale)")
    dated_axes.set_xlabel("publication date")
    if dated.empty:
        dated_axes.text(0.5, 0.5, f"no dated figure among these {units_noun(timeline)}", transform=dated_axes.transAxes,
                        ha="center")
        dated_axes.set_xticks([])
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=6)
        dated_axes.xaxis.set_major_locator(locator)
        dated_axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        span = dated["published"].map(lambda d: mdates.date2num(pd.Timestamp(d)))
        dated_axes.set_xlim(span.min() - 5, span.max() + 12)
    unknown_axes.set_xlabel("date unknown")
    unknown_axes.set_xticks([])
    unknown_axes.set_xlim(-0.5, len(labels) + 0.5)
    if undated.empty:
        unknown_axes.text(0.5, 0.5, "none", transform=unknown_axes.transAxes, ha="center")
    for axes in (dated_axes, unknown_axes):
        axes.grid(axis="y", alpha=0.3)
    handles = [Line2D([], [], color=colours[label], marker="o", linestyle="", label=label) for label in labels]
    kinds = sorted(timeline["kind"].unique())
    handles += [Line2D([], [], color="grey", marker=KIND_MARKERS.get(kind, "o"), linestyle="",
                       label=kind.replace("_", " ")) for kind in kinds]
    figure.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 4), fontsize=7)
    _title(figure, _timeline_title(timeline))
    return figure


def plot_frames(frames_matrix: pd.DataFrame, scheme: str) -> Figure:
    """Heatmap of frame scores for one scheme, cividis colormap, values written in.

    Articles are rows and frames columns; with more than eight frames the heatmap is transposed
    (frames as rows) so that the frame names stay readable.
    """
    table = frames_matrix.loc[frames_matrix["scheme"] == scheme]
    n_frames = table["frame"].nunique()
    transposed = n_frames > 8
    figure = new_figure((10.0, 1.8 + 0.4 * n_frames) if transposed else FIGSIZE)
    if table.empty:
        _title(figure, f"No {scheme} frame was scored")
        return _empty(figure, f"no {scheme} frames")
    grid = table.pivot_table(index="label", columns="frame", values="score", aggfunc="sum").sort_index()
    grid = grid.reindex(sorted(grid.columns), axis=1)
    if transposed:
        grid = grid.T
    axes = figure.add_subplot()
    top = max(float(np.nanmax(grid.to_numpy())), 1e-9)
    image = axes.imshow(grid.to_numpy(), cmap=HEATMAP_CMAP, vmin=0, vmax=top, aspect="auto")
    names = {"frame": lambda items: [str(c).replace("_", " ") for c in items], "label": list}
    x_kind, y_kind = ("label", "frame") if transposed else ("frame", "label")
    if transposed:  # article labels on x: wrapped, horizontal
        axes.set_xticks(range(len(grid.columns)), [textwrap.fill(str(c), 14) for c in grid.columns], fontsize=7)
    else:
        axes.set_xticks(range(len(grid.columns)), names[x_kind](grid.columns), rotation=30, ha="right")
    axes.set_yticks(range(len(grid.index)), names[y_kind](grid.index))
    axes.set_xlabel(f"{scheme} frame" if x_kind == "frame" else "article")
    axes.set_ylabel(f"{scheme} frame" if y_kind == "frame" else "article")
    for (row, column), value in np.ndenumerate(grid.to_numpy()):
        axes.text(column, row, f"{value:.2f}", ha="center", va="center", fontsize=8,
                  color="white" if value < top * 0.6 else "black")
    figure.colorbar(image, ax=axes, label="frame score", fraction=0.04)
    # counted over the articles of the units drawn (an outlet counts each of its articles)
    counts = table.assign(n_present=table["n_present"] if "n_present" in table else table["present"].astype(int),
                          n_articles=table["n_articles"] if "n_articles" in table else 1)
    present = counts.groupby("frame")["n_present"].sum()
    present = present.loc[present > 0]
    n_articles = int(counts.drop_duplicates("label")["n_articles"].sum())
    if present.empty:
        _title(figure, f"No {scheme} frame is present in any article")
    else:
        frame = sorted(present.index, key=lambda name: (-present[name], name))[0]
        _title(figure, f"Most widespread {scheme} frame: {str(frame).replace('_', ' ')} (present in "
                       f"{_count_word(int(present[frame]))} of the {_count_word(n_articles)} articles)")
    return figure


def plot_keyness(keyness: pd.DataFrame, colours: Mapping[str, str] | None = None, top_n: int = 8,
                 min_z: float = 1.96) -> Figure:
    """Small multiples: each article's highest lemmas by z-score, counts written beside the bars, a dashed line at
    the z a lemma must reach to be called distinctive (``min_z``, keyness.yaml)."""
    if keyness.empty:
        figure = new_figure()
        _title(figure, "Keyness needs at least two articles with lemmas")
        return _empty(figure, "no keyness scores")
    labels = sorted(keyness["label"].unique())
    colours = _colours_for(labels, colours)
    n_columns = min(3, len(labels))
    n_rows = math.ceil(len(labels) / n_columns)
    figure = new_figure((4.0 * n_columns, 0.35 * top_n * n_rows + 1.6))
    grid = figure.subplots(n_rows, n_columns, squeeze=False)
    for index, axes in enumerate(grid.flat):
        if index >= len(labels):
            axes.axis("off")
            continue
        label = labels[index]
        part = keyness.loc[keyness["label"] == label].sort_values("rank").head(top_n)
        axes.barh(range(len(part)), part["z"], color=colours[label])
        axes.set_yticks(range(len(part)), part["lemma"])
        axes.invert_yaxis()
        for position, row in enumerate(part.itertuples(index=False)):
            axes.annotate(f"{row.count_label} / {row.count_rest}", (row.z, position), xytext=(3, 0),
                          textcoords="offset points", va="center", fontsize=7)
        axes.set_title(textwrap.fill(label, 40), fontsize=9, color=colours[label])
        axes.set_xlabel("z (count here / in the others)", fontsize=8)
        axes.margins(x=0.25)
    for axes in grid.flat:
        if axes.has_data():
            axes.axvline(min_z, color="black", linestyle="--", linewidth=0.8)
    best = keyness.sort_values(["z", "label", "lemma"], ascending=[False, True, True]).iloc[0]
    rest = "the other articles" if keyness["article_id"].astype(str).ne("").all() else "the rest of the corpus"
    if best["z"] < min_z:
        _title(figure, f"No lemma is distinctive at z ≥ {min_z:.2f} (dashed line); the highest is “{best['lemma']}” "
                       f"in {best['label']} (z = {best['z']:.1f})")
    else:
        _title(figure, f"The most distinctive lemma is “{best['lemma']}” in {best['label']} (z = {best['z']:.1f}, "
                       f"{best['count_label']} vs {best['count_rest']} in {rest}; dashed line: z = {min_z:.2f})")
    return figure


HEADLINE_TRAITS = [("attributed", "attributed"), ("question", "question"), ("figure", "figure"),
                   ("hedged", "hedged")]


def plot_headlines(headlines: pd.DataFrame, colours: Mapping[str, str] | None = None) -> Figure:
    """Dot matrix: which headline is attributed, a question, carries a figure, is hedged (filled = yes)."""
    figure = new_figure((7.0, 0.5 * max(len(headlines), 1) + 1.8))
    if headlines.empty:
        _title(figure, "No article to show")
        return _empty(figure, "no articles")
    table = headlines.sort_values("label")
    labels = table["label"].tolist()
    colours = _colours_for(labels, colours)
    axes = figure.add_subplot()
    for row_index, row in enumerate(table.itertuples(index=False)):
        if not row.has_headline:
            axes.text(1.5, row_index, "no headline in the text", ha="center", va="center", fontsize=8,
                      style="italic")
            continue
        n_headlines = max(int(getattr(row, "n_headlines", 1) or 1), 1)
        for column_index, (column, _) in enumerate(HEADLINE_TRAITS):
            share = float(getattr(row, column)) / n_headlines  # an outlet's dot is as full as its share
            axes.scatter([column_index], [row_index], s=160, marker="o", linewidths=1.2, facecolors="white",
                         edgecolors=colours[row.label] if share else "grey")
            if share:
                axes.scatter([column_index], [row_index], s=160 * share, marker="o", color=colours[row.label])
    axes.set_xticks(range(len(HEADLINE_TRAITS)), [name for _, name in HEADLINE_TRAITS])
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlim(-0.5, len(HEADLINE_TRAITS) - 0.5)
    axes.set_ylim(len(labels) - 0.5, -0.5)
    axes.set_xlabel("the headline is … (filled = yes; an outlet's dot filled by its share)")
    axes.set_ylabel("article" if units_noun(table) == "articles" else "outlet / article")
    with_headline = table.loc[table["has_headline"].astype(bool)]
    n = int(with_headline["n_headlines"].sum()) if "n_headlines" in with_headline else len(with_headline)
    n_attributed, n_questions = int(with_headline["attributed"].sum()), int(with_headline["question"].sum())
    _title(figure, f"{_count_word(n_attributed).capitalize()} of {_count_word(n)} headlines "
                   f"{'attributes its' if n_attributed == 1 else 'attribute their'} claim to a source; "
                   f"{_count_word(n_questions)} {'is a question' if n_questions == 1 else 'are questions'}")
    return figure


GAP_TRAITS = [("states_as_fact", "states as fact"), ("drops_hedge", "drops hedge"),
              ("drops_attribution", "drops source"), ("figure_differs", "other figure"),
              ("credit_differs", "other credit")]


def plot_headline_gap(gap: pd.DataFrame, colours: Mapping[str, str] | None = None) -> Figure:
    """Dot matrix: what each headline does with what its body says of the same content (filled = yes)."""
    table = gap.loc[gap["has_headline"].astype(bool)].sort_values("label") if len(gap) else gap
    figure = new_figure((7.5, 0.5 * max(len(table), 1) + 1.8))
    if table.empty:
        _title(figure, "No headline to compare with its body")
        return _empty(figure, "no headlines")
    labels = table["label"].tolist()
    colours = _colours_for(labels, colours)
    axes = figure.add_subplot()
    n_gap = 0
    for row_index, row in enumerate(table.to_dict("records")):
        outlet = row.get("unit_kind") == "outlet"
        n = int(row["n_compared"]) if outlet else int(row.get("match") in ("figure", "words"))
        if not n:
            axes.text(2.0, row_index, "headline not found in the body", ha="center", va="center", fontsize=8,
                      style="italic")
            continue
        for column_index, (trait, _) in enumerate(GAP_TRAITS):
            share = (int(row[f"n_{trait}"]) if outlet else int(bool(row[trait]))) / n
            axes.scatter([column_index], [row_index], s=160, marker="o", linewidths=1.2, facecolors="white",
                         edgecolors=colours[row["label"]] if share else "grey")
            if share:
                axes.scatter([column_index], [row_index], s=160 * share, marker="o", color=colours[row["label"]])
        n_gap += int(row["n_states_as_fact"]) if outlet else int(bool(row["states_as_fact"]))
    axes.set_xticks(range(len(GAP_TRAITS)), [name for _, name in GAP_TRAITS])
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlim(-0.5, len(GAP_TRAITS) - 0.5)
    axes.set_ylim(len(labels) - 0.5, -0.5)
    axes.set_xlabel("against its body, the headline … (filled = yes; an outlet's dot filled by its share)")
    _title(figure, f"{_count_word(n_gap).capitalize()} headline{'' if n_gap == 1 else 's'} "
                   f"state{'s' if n_gap == 1 else ''} as fact what the body hedges or attributes")
    return figure


def plot_locations(locations: pd.DataFrame, colours: Mapping[str, str] | None = None) -> Figure:
    """Diverging bars: placements of the troops in Ukraine (left) and in Russia (right), per article."""
    figure = new_figure()
    table = locations.loc[locations["total"] > 0]
    if table.empty:
        _title(figure, "No article places the North Korean troops anywhere")
        return _empty(figure, "no placements")
    labels = sorted(table["label"].unique())
    colours = _colours_for(labels, colours)
    counts = table.pivot_table(index="label", columns="place_group", values="count", aggfunc="sum").reindex(labels)
    ukraine = counts.get("ukraine", pd.Series(0, index=labels)).fillna(0)
    russia = counts.get("russia", pd.Series(0, index=labels)).fillna(0)
    axes = figure.add_subplot()
    positions = np.arange(len(labels))
    axes.barh(positions, -ukraine.to_numpy(), color=[colours[label] for label in labels], hatch="//",
              edgecolor="white")
    axes.barh(positions, russia.to_numpy(), color=[colours[label] for label in labels])
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    limit = max(float(ukraine.max()), float(russia.max()), 1.0) * 1.2
    axes.set_xlim(-limit, limit)
    axes.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _: f"{abs(value):g}"))
    axes.set_xlabel("placements of the North Korean troops  (← in Ukraine, hatched  |  in Russia →)")
    share = table.loc[table["place_group"] == "russia", "share"]
    if len(share) > 1 and share.max() != share.min():
        _title(figure, f"The share of placements in Russia ranges from {share.min():.0%} to {share.max():.0%}")
    else:
        _title(figure, f"{share.iloc[0]:.0%} of placements are in Russia in every article" if len(share)
                       else "Where the troops are placed")
    return figure


def all_figures(comparisons: Mapping[str, pd.DataFrame]) -> dict[str, Figure]:
    """Every figure of the report, keyed by comparison name, with one label → colour mapping for all."""
    labels: set[str] = set()
    for name in ("voice", "certainty", "headlines", "locations", "keyness", "claims_timeline", "frames_matrix"):
        if name in comparisons and len(comparisons[name]):
            labels |= set(comparisons[name]["label"].astype(str))
    colours = label_colours(labels)
    return {
        "certainty": plot_certainty(comparisons["certainty"], colours),
        "voice": plot_voice(comparisons["voice"], colours),
        "claims_timeline": plot_claims_timeline(comparisons["claims_timeline"], colours),
        "frames_generic": plot_frames(comparisons["frames_matrix"], "generic"),
        "frames_policy": plot_frames(comparisons["frames_matrix"], "policy"),
        "keyness": plot_keyness(comparisons["keyness"], colours, min_z=load_keyness_rules().min_z),
        "headlines": plot_headlines(comparisons["headlines"], colours),
        "locations": plot_locations(comparisons["locations"], colours),
    } | ({"headline_gap": plot_headline_gap(comparisons["headline_gap"], colours)}
         if "headline_gap" in comparisons else {})


def figure_sources(comparisons: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The rows each figure of :func:`all_figures` is drawn from, keyed alike (written beside it as CSV)."""
    frames = comparisons["frames_matrix"]
    sources = {"certainty": comparisons["certainty"], "voice": comparisons["voice"],
               "claims_timeline": comparisons["claims_timeline"],
               "frames_generic": frames.loc[frames["scheme"] == "generic"],
               "frames_policy": frames.loc[frames["scheme"] == "policy"],
               "keyness": comparisons["keyness"], "headlines": comparisons["headlines"],
               "locations": comparisons["locations"]}
    if "headline_gap" in comparisons:
        sources["headline_gap"] = comparisons["headline_gap"]
    return sources


__all__ = ["label_colours", "png_bytes", "svg_bytes", "save_png", "plot_voice", "plot_certainty",
           "plot_claims_timeline", "plot_frames", "plot_keyness", "plot_headlines", "plot_headline_gap",
           "plot_locations", "all_figures", "figure_sources"]
