"""The report's comparison fragments, in order, from the processed tables (what notebook 05 shows).

:func:`report_fragments` puts the per-article tables in units (``units.csv``, written by stage 03, so
the report cannot disagree with the comparisons), chooses the units the figures draw, computes the
findings with their evidence, draws every figure and returns one HTML fragment per part of the
report: summary, contents, corpus view, outlet comparison, time, outlet profiles, then one section
per comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.compare.findings import Finding, findings
from analysis.compare.inputs import compared_articles
from analysis.compare.views import unit_tables
from analysis.report.figure_files import export_figures
from analysis.report.html import esc
from analysis.report.outlets import comparison_section, outlets_sentence, profiles_section, time_section, time_sentence
from analysis.report.overview import corpus_view_html, figures_sentence, min_articles_of, summary_html, toc_html
from analysis.report.plots import all_figures, figure_sources
from analysis.report.plots_units import plot_corpus_timeline, plot_forest, plot_periods
from analysis.report.sections import all_sections, drawn_note, drawn_units, limit_to_labels


@dataclass(frozen=True)
class Report:
    """The fragments of the report (in order), the units drawn and every finding."""

    fragments: dict[str, str]
    drawn: list[str]
    findings: list[Finding]


def report_fragments(inputs: Mapping[str, pd.DataFrame], comparisons: Mapping[str, pd.DataFrame],
                     warnings: Sequence[str] = (), max_outlets: int = 8, figures_dir: Path | None = None) -> Report:
    """Every comparison fragment of the report (see the module docstring); with ``figures_dir``, every
    figure is also written there as PNG, SVG and CSV (and listed under it in the report)."""
    units, comparison = comparisons["units"], comparisons["outlet_comparison"]
    settings = dict(zip(comparisons["settings"]["parameter"], comparisons["settings"]["value"]))
    min_articles = min_articles_of(comparisons["settings"])
    views = {**unit_tables(comparisons, units), "keyness": comparisons["keyness"]}
    drawn = drawn_units(units, inputs["articles"], max_outlets)
    drawn_views = limit_to_labels(views, drawn)
    ok = compared_articles(inputs["articles"])
    found = findings({**views, "outlet_comparison": comparison, "units": units}, inputs["sentences"],
                     article_labels=dict(zip(ok["article_id"], ok["label"])))
    differences = [finding for finding in found if finding.measure == "difference"]
    shown = [finding for finding in found if finding.label in set(drawn) and finding.measure != "difference"]
    outlets = [unit for unit in drawn if unit in set(comparison["unit"])]
    timeline = comparisons["claims_timeline"]
    periods = comparisons["period_measures"]
    figures = all_figures(drawn_views) | {
        "corpus_timeline": plot_corpus_timeline(timeline),
        "outlet_comparison": plot_forest(comparison, comparisons["corpus_measures"], outlets) if outlets else None,
        "period_measures": plot_periods(periods, min_articles=min_articles) if len(periods) else None}
    if figures_dir is not None:
        export_figures(figures, figure_sources(drawn_views) | {
            "corpus_timeline": timeline, "outlet_comparison": comparison.loc[comparison["unit"].isin(outlets)],
            "period_measures": periods}, figures_dir)
    summary = summary_html(units, comparisons["corpus_measures"], differences, time_sentence(periods, min_articles),
                           figures_sentence(timeline), outlets_sentence(comparison, min_articles))
    note = drawn_note(units, drawn)
    fragments = {
        "summary": summary + (f'<p class="note">{esc(note)}</p>' if note else ""),
        "contents": toc_html(),
        "corpus": corpus_view_html(units, comparisons["corpus_summary"], comparisons["corpus_measures"], timeline,
                                   warnings, figures["corpus_timeline"], min_articles),
        "outlets": comparison_section(comparison, differences, min_articles, figures["outlet_comparison"], settings),
        "time": time_section(periods, units, outlets, min_articles, figures["period_measures"]),
        "profiles": profiles_section(comparisons["outlet_profiles"], min_articles),
        **all_sections(views, drawn_views, inputs["sentences"], shown, figures, comparisons["wire_copy"], units,
                       drawn),
    }
    return Report(fragments, drawn, found)
