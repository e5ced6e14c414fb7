"""The report's opening: a short summary of the main findings, the table of contents, the corpus view.

The corpus view comes before any comparison: how many articles, outlets and dates; which files were
not compared and why; the corpus-wide share of every measure with its interval; and every figure about
the troops in the corpus on one timeline, with a table of when each figure first appeared and on whose
authority. Everything is escaped with :func:`analysis.report.html.esc`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.compare.findings import Finding
from analysis.compare.units import UNDATED, measured_units, unit_note
from analysis.core.tables import split_list
from analysis.report.html import esc, figure_html, finding_html, percent, table_html
from analysis.report.sections import TABLE_ROWS, count_share, section_html

#: The corpus-wide measures the summary quotes, with how it names them.
SUMMARY_MEASURES = {"hedged": "are hedged", "unverified": "flag a claim as unverified",
                    "confirmed": "state a claim as confirmed", "denial": "report a denial"}
#: The report's sections in order, as the table of contents lists them (anchor, title).
CONTENTS = (("corpus", "The corpus"), ("outlets", "Outlets compared"), ("time", "Over time"),
            ("profiles", "Outlet profiles"), ("certainty", "How certain"), ("voice", "Who speaks"),
            ("figures", "Which figures, on whose authority"), ("headlines", "Headlines"),
            ("headline-gap", "Headline against body"),
            ("locations", "Where the troops are placed"), ("frames-generic", "Frames (generic scheme)"),
            ("frames-policy", "Frames (policy scheme)"), ("keyness", "Distinctive vocabulary"),
            ("wire-copy", "Wire copy and agency credits"), ("methods", "Methods"), ("limitations", "Limitations"),
            ("validation", "Validation against hand coding"), ("provenance", "Provenance"))
GROUP_TITLES = {"certainty": "How certain", "voice": "Who speaks (share of attributions)",
                "location": "Where the troops are placed", "frame_generic": "Generic frames (share of articles)",
                "frame_policy": "Policy frames (share of articles)", "headline": "Headlines",
                "headline_gap": "Headline against body"}


def anchored(anchor: str, fragment: str) -> str:
    """A fragment as a target of the table of contents."""
    return f'<section id="{esc(anchor)}">{fragment}</section>'


def toc_html(entries: Sequence[tuple[str, str]] = CONTENTS) -> str:
    """The table of contents: one link per (anchor, title)."""
    items = "".join(f'<li><a href="#{esc(anchor)}">{esc(title)}</a></li>' for anchor, title in entries)
    return f'<nav id="contents"><h2>Contents</h2><ul>{items}</ul></nav>'


def min_articles_of(settings: pd.DataFrame) -> int:
    """The compare stage's ``min_articles`` from its settings table (3 when it is absent)."""
    values = dict(zip(settings["parameter"].astype(str), settings["value"].astype(str))) if len(settings) else {}
    return int(values.get("min_articles", 3))


# --------------------------------------------------------------------------------------------------
# The corpus in numbers
# --------------------------------------------------------------------------------------------------

def corpus_counts(units: pd.DataFrame) -> str:
    """How many articles, outlets and dates, and how much wire copy, in one or two sentences."""
    measured = measured_units(units)
    if measured.empty:
        return "No article was compared."
    known = measured.loc[measured["outlet"] != "unknown"]
    dated = sorted(date for date in measured["published"] if date)
    n_undated = int((measured["period"] == UNDATED).sum())
    dates = (f"{len(dated)} are dated, from {dated[0]} to {dated[-1]}" if dated else "none is dated")
    text = (f"{len(measured)} articles are compared: {len(known)} from {known['outlet'].nunique()} known outlet(s) "
            f"and {len(measured) - len(known)} of unknown outlet; {dates}, and {n_undated} undated.")
    wire = units["wire_copy"].astype(bool)
    if wire.any():
        text += (f" {int(wire.sum())} compared article(s) share their text with another article "
                 f"({units.loc[wire, 'family_id'].nunique()} dispatch families).")
    if not units["measured"].astype(bool).all():
        text += f" Wire copy is left out of the measures ({int((~units['measured'].astype(bool)).sum())} articles)."
    return text


def _status_table(corpus_summary: pd.DataFrame, limit: int = 100) -> str:
    files = corpus_summary.assign(source_files=corpus_summary["source_files"].map(
        lambda cell: " | ".join(split_list(cell)[:limit]) + (f" … and {len(split_list(cell)) - limit} more"
                                                             if len(split_list(cell)) > limit else "")))
    return table_html(files, {"status": "status", "reason": "reason", "n_articles": "files/articles",
                              "source_files": "files"}, max_rows=50)


def corpus_shares_table(corpus: pd.DataFrame) -> str:
    """Every corpus-wide share with its interval, grouped by measure group."""
    if corpus.empty:
        return ""
    parts = []
    wire = (corpus["n_articles_without_wire_copy"] < corpus["n_articles"]).any()
    for group, rows in corpus.groupby("measure_group", sort=False):
        shown = rows.assign(cell=rows.apply(count_share, axis=1),
                            own=[percent(value) for value in rows["share_without_wire_copy"]])
        headers = {"measure_label": "measure", "cell": "corpus share (count/total) [95% CI]"} | (
            {"own": "without wire copy"} if wire else {})
        shown = shown.loc[shown["total"] > 0]
        if group == "voice":  # who speaks most first
            shown = shown.sort_values(["count", "measure"], ascending=[False, True], kind="stable")
        body = table_html(shown, headers, max_rows=TABLE_ROWS) if len(shown) else "<p>Nothing to count.</p>"
        parts.append(f"<h3>{esc(GROUP_TITLES.get(group, group))}</h3>{body}")
    return "".join(parts)


def figure_story(timeline: pd.DataFrame, limit: int = 30) -> pd.DataFrame:
    """Each figure (kind × status × number: a planned 10 000 is not a deployed 10 000) once: when it first
    appeared, in which article, on whose authority, and how many articles repeated it; in order of first
    appearance (undated-only figures last)."""
    if timeline.empty:
        return pd.DataFrame(columns=["first", "figure", "kind", "first_in", "authority", "n_articles", "sources",
                                     "last"])
    rows = []
    timeline = timeline.assign(status=timeline["status"].astype(str) if "status" in timeline else "")
    for (kind, status, figure), part in timeline.groupby(["kind", "status", "figure"], sort=False):
        dated = part.loc[part["date_known"].astype(bool)].sort_values(["published", "label", "claim_id"])
        first = dated.iloc[0] if len(dated) else part.sort_values(["label", "claim_id"]).iloc[0]
        sources = sorted(set(part["source_group_label"].replace("", "no source")))
        rows.append({"first": first["published"] if len(dated) else "date unknown", "figure": figure,
                     "kind": str(kind).replace("_", " ") + (" (planned)" if status == "planned" else ""),
                     "first_in": first["label"],
                     "authority": first["source_group_label"] or "no source",
                     "n_articles": part["article_id"].nunique(),
                     "sources": "; ".join(sources), "last": dated["published"].iloc[-1] if len(dated) else "",
                     "undated": not len(dated)})
    story = pd.DataFrame(rows).sort_values(["undated", "first", "kind", "figure"], kind="stable")
    return story.drop(columns="undated").head(limit).reset_index(drop=True)


def corpus_view_html(units: pd.DataFrame, corpus_summary: pd.DataFrame, corpus: pd.DataFrame,
                     timeline: pd.DataFrame, warnings: Sequence[str] = (), figure=None,
                     min_articles: int = 3) -> str:
    """The corpus before any comparison: counts, files not compared, corpus-wide shares, every figure."""
    parts = [f"<p>{esc(corpus_counts(units))}</p>", _status_table(corpus_summary)]
    if warnings:
        parts.append(f"<h3>Warnings while reading the raw folder ({len(warnings)})</h3><ul>"
                     + "".join(f"<li>{esc(warning)}</li>" for warning in warnings) + "</ul>")
    parts.append("<h3>Corpus-wide shares</h3><p>Every measure over all the compared articles: the share is the "
                 "summed count over the summed total of the articles, and the interval a bootstrap over articles "
                 "(not sentences).</p>" + corpus_shares_table(corpus))
    story = figure_story(timeline)
    parts.append('<h3 id="corpus-figures">Every figure about the troops, by date</h3>'
                 + figure_html(figure, "Timeline of every figure about the troops in the corpus"))
    if len(story):
        parts.append("<p>When each figure (kind, status and number) first appeared, in which article, on whose "
                     "authority, and how many articles repeated it (in order of first appearance).</p>" + table_html(
                         story, {"first": "first reported", "figure": "figure", "kind": "kind", "first_in": "first in",
                                 "authority": "on the authority of", "n_articles": "articles", "sources": "all sources",
                                 "last": "last reported"},
                         formats={"figure": _number}, max_rows=30))
    return section_html("The corpus", unit_note(units, min_articles), table="".join(parts), anchor="corpus")


# --------------------------------------------------------------------------------------------------
# The summary at the top
# --------------------------------------------------------------------------------------------------

def _corpus_certainty(corpus: pd.DataFrame) -> str:
    rows = corpus.set_index("measure")
    said = [f"{percent(rows.loc[name, 'share'])} {what}" for name, what in SUMMARY_MEASURES.items()
            if name in rows.index and rows.loc[name, "total"] > 0]
    if not said:
        return ""
    text = "Across the corpus, of the body sentences, " + ", ".join(said[:-1]) + f" and {said[-1]}"
    if "deployment_unattributed" in rows.index and rows.loc["deployment_unattributed", "total"] > 0:
        text += (f"; {percent(rows.loc['deployment_unattributed', 'share'])} of the sentences about the troops "
                 "name no source")
    return text + "."


def summary_html(units: pd.DataFrame, corpus: pd.DataFrame, differences: Sequence[Finding], time_sentence: str,
                 figures_sentence: str, outlets_sentence: str, top: int = 5) -> str:
    """The report's opening: a few sentences, each linking to the section that shows it in full."""
    items = [(corpus_counts(units), "corpus"), (_corpus_certainty(corpus), "corpus"),
             (outlets_sentence, "outlets"), (time_sentence, "time"), (figures_sentence, "corpus-figures")]
    lines = "".join(f'<li><p>{esc(text)} <a href="#{anchor}">(more)</a></p></li>' for text, anchor in items if text)
    stated = "".join(finding_html(finding) for finding in differences[:top])
    more = f'<p class="note">{len(differences) - top} more difference(s) in the outlet comparison.</p>' \
        if len(differences) > top else ""
    return f'<h2>Summary</h2><ul>{lines}</ul>{f"<ul>{stated}</ul>" if stated else ""}{more}'


def figures_sentence(timeline: pd.DataFrame) -> str:
    """The most repeated figure of the corpus and the first one reported."""
    story = figure_story(timeline, limit=len(timeline) + 1)
    if story.empty:
        return ""
    repeated = story.sort_values(["n_articles", "first"], ascending=[False, True], kind="stable").iloc[0]
    first = story.iloc[0]
    return (f"The first figure reported is {_number(first['figure'])} ({first['kind']}, {first['first']}, on the "
            f"authority of {first['authority']}); the most repeated is {_number(repeated['figure'])} "
            f"({repeated['kind']}), in {repeated['n_articles']} article(s).")


def _number(value: object) -> str:
    return f"{float(value):,.0f}".replace(",", "\u202f")
