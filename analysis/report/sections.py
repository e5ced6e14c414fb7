"""HTML fragments of the report, built from the comparison tables, shown by notebook 05 with ``show``.

Every comparison is shown per *unit* (an outlet with enough articles, or a single article; see
``analysis.compare.units``): the tables list every unit (outlets first, most articles first), the
figures draw the ``max_outlets`` units with the most articles, and each section's findings are those of
the drawn units. With one article per outlet (the seeds) every unit is an article and nothing changes.

Security: every string that comes from an article or a table (sentences, labels, actor names, file
names, parameters) goes through :func:`esc` — the one escaping helper — before it reaches HTML. Tags
and attributes are written only by this module, never taken from data. Figures are embedded as PNG
data URIs, so the rendered report needs no file beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from analysis.compare.findings import Evidence, Finding
from analysis.compare.keyness import load_keyness_rules
from analysis.compare.units import measured_units
from analysis.core.groups import group_label
from analysis.core.tables import split_list
from analysis.report.html import esc, figure_html, finding_html, percent, table_html
from analysis.report.plots import label_colours

#: Rows of a section's table in the report (every unit is in the CSV tables).
TABLE_ROWS = 100


def section_html(title: str, lead: str = "", figure_fragment: str = "", table: str = "",
                 findings: Sequence[Finding] = (), note: str = "", anchor: str = "") -> str:
    """One comparison: heading, lead sentence, figure, table, per-unit claims with evidence.

    ``anchor`` makes the section a target of the table of contents (``<section id=…>``).
    """
    claims = f"<ul>{''.join(finding_html(finding) for finding in findings)}</ul>" if findings else ""
    note_html = f'<p class="note">{esc(note)}</p>' if note else ""
    lead_html = f"<p>{esc(lead)}</p>" if lead else ""
    body = f"<h2>{esc(title)}</h2>{lead_html}{figure_fragment}{table}{claims}{note_html}"
    return f'<section id="{esc(anchor)}">{body}</section>' if anchor else body


# --------------------------------------------------------------------------------------------------
# Which units the figures draw
# --------------------------------------------------------------------------------------------------

#: Per-unit tables (see analysis.compare.views) cut to the drawn units for the figures and findings.
LABELLED_COMPARISONS = ("voice", "named_sources", "certainty", "figures", "claims_timeline", "frames_matrix",
                        "keyness", "headlines", "locations", "findings", "figures_distinct", "headline_gap")


def drawn_units(units: pd.DataFrame, articles: pd.DataFrame, max_outlets: int) -> list[str]:
    """The units the figures draw: the ``max_outlets`` with the most articles (then most words, then name).

    One panel, bar or colour per unit does not scale (eight units already use every colour of the
    colour-blind-safe palette), so the report's figures stay the same size whatever the corpus; the
    tables list every unit. Returned in the order the tables use (outlets by size, then articles by label).
    """
    if max_outlets < 1:
        raise ValueError(f"max_outlets must be at least 1; got {max_outlets}")
    measured = measured_units(units)
    n_words = articles["n_words"] if "n_words" in articles.columns else pd.Series(0, index=articles.index)
    words = dict(zip(articles["article_id"].astype(str), pd.to_numeric(n_words, errors="coerce").fillna(0)))
    size = measured.assign(words=measured["article_id"].map(words).fillna(0)).groupby("unit", sort=False).agg(
        n=("article_id", "size"), words=("words", "sum"))
    size["name"] = size.index
    chosen = set(size.sort_values(["n", "words", "name"], ascending=[False, False, True], kind="stable")
                 .head(max_outlets).index)
    return [unit for unit in dict.fromkeys(measured["unit"]) if unit in chosen]


def limit_to_labels(comparisons: Mapping[str, pd.DataFrame], labels: Iterable[str]) -> dict[str, pd.DataFrame]:
    """The per-unit tables with only the rows of ``labels`` in LABELLED_COMPARISONS (the others whole)."""
    keep = set(labels)
    return {name: table.loc[table["label"].astype(str).isin(keep)].reset_index(drop=True)
            if name in LABELLED_COMPARISONS and "label" in table.columns else table
            for name, table in comparisons.items()}


def drawn_note(units: pd.DataFrame, drawn: Sequence[str]) -> str:
    """A sentence saying that the figures draw only some units, and where the others are ("" if all)."""
    measured = measured_units(units)
    n_units = measured["unit"].nunique()
    if len(drawn) >= n_units:
        return ""
    n_outlets = measured.loc[measured["unit_kind"] == "outlet", "unit"].nunique()
    kinds = f"{n_outlets} outlets and {n_units - n_outlets} single articles" if n_outlets else \
        f"{n_units} compared articles"
    return (f"The figures and the findings of each section draw the {len(drawn)} units with the most articles "
            f"(then the most words) of the {kinds}; the tables list them all, and every unit is in the CSV "
            f"tables of the run's processed/ folder (findings.csv has every finding).")


def unit_header(table: pd.DataFrame) -> str:
    """The heading of a table's unit column: "article" when every unit is one, else "outlet / article"."""
    kinds = set(table["unit_kind"]) if "unit_kind" in table.columns else {"article"}
    return "article" if kinds <= {"article"} else "outlet / article"


def _with_n(frame: pd.DataFrame) -> dict[str, str]:
    """The unit column, and the article count when some unit is an outlet."""
    return {"label": unit_header(frame)} | ({"n_articles": "articles"} if unit_header(frame) != "article" else {})


# --------------------------------------------------------------------------------------------------
# Sections, one per comparison
# --------------------------------------------------------------------------------------------------

def _of(findings: Sequence[Finding], *measures: str) -> list[Finding]:
    return [finding for finding in findings if finding.measure in measures]


def interval_text(row: Mapping) -> str:
    """" [30–52%]" for a row with an interval, else ""."""
    low, high = row.get("ci_low"), row.get("ci_high")
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return ""
    return f" [{low * 100:.0f}–{high:.0%}]"


def count_share(row: Mapping, count: str = "count", total: str = "total") -> str:
    """"25% (1/4)", with the interval for an outlet; "–" when there is nothing to divide."""
    if not row[total]:
        return "–"
    marker = " *" if bool(row.get("stated", False)) else ""
    return f"{percent(row['share'])} ({row[count]:g}/{row[total]:g}){interval_text(row)}{marker}"


def _wide(frame: pd.DataFrame, column: str, cell) -> pd.DataFrame:
    """One row per unit (in the frame's unit order), one column per value of ``column``."""
    cells = frame.assign(cell=frame.apply(lambda row: cell(row), axis=1))
    wide = cells.pivot_table(index="label", columns=column, values="cell", aggfunc="first")
    order = list(dict.fromkeys(frame["label"]))
    about = frame.drop_duplicates("label").set_index("label")
    wide = wide.reindex(order).reset_index()
    for extra in ("n_articles", "unit_kind"):
        if extra in about.columns:
            wide[extra] = wide["label"].map(about[extra])
    return wide


STATED_NOTE = "* differs from the rest of the corpus (permutation test over articles, Benjamini–Hochberg " \
              "adjusted p < 0.05); [low–high] is the 95% bootstrap interval over the outlet's articles."


def certainty_section(certainty: pd.DataFrame, findings: Sequence[Finding], figure=None) -> str:
    """How certain each unit sounds: shares of hedged/unverified/confirmed/denial sentences."""
    table, note = "", ""
    if len(certainty):
        wide = _wide(certainty, "measure", count_share)
        headers = _with_n(certainty) | {"hedged": "hedged", "unverified": "unverified", "confirmed": "confirmed",
                                        "denial": "denial", "deployment_unattributed": "troop sentences without source"}
        table = table_html(wide, {k: v for k, v in headers.items() if k in wide.columns},
                           colours=label_colours(wide["label"]), max_rows=TABLE_ROWS)
        note = STATED_NOTE if unit_header(certainty) != "article" else ""
    return section_html(
        "How certain: hedging, unverified claims, denials",
        "Share of each article's body sentences that are hedged (conditional, modal or distancing cue), flag a "
        "claim as unverified, state it as confirmed, or report a denial; and the share of body sentences about "
        "the North Korean troops that name no source.",
        figure_html(figure, "Bar chart of certainty measures per article"),
        table, _of(findings, "hedged", "denial", "deployment_unattributed"), note, anchor="certainty")


def voice_section(voice: pd.DataFrame, named: pd.DataFrame, findings: Sequence[Finding], figure=None) -> str:
    """Who is given voice: attributions per actor group, and the named sources."""
    table = ""
    if len(named):
        sources = pd.DataFrame(
            [(label, "; ".join(f"{a} ({g}, {n})" for a, g, n in
                               zip(part["actor"].head(12), part["actor_group_label"], part["n_attributions"]))
              + (f"; … {len(part) - 12} more" if len(part) > 12 else ""))
             for label, part in named.groupby("label", sort=False)], columns=["label", "sources"])
        if "n_sources" in voice:  # each unit's attributions beside its distinct sources (issue 17, item 3)
            totals = voice.drop_duplicates("label").set_index("label")
            sources["attributions"] = sources["label"].map(totals["n_total"]).fillna(0).astype(int)
            sources["distinct"] = sources["label"].map(totals["n_total_sources"]).fillna(0).astype(int)
        headers = {"label": unit_header(named), "attributions": "attributions", "distinct": "distinct sources",
                   "sources": "sources as written (group, attributions)"}
        table = table_html(sources, headers,
                           colours=label_colours(sources["label"]), max_rows=TABLE_ROWS)
    return section_html(
        "Who speaks: sources given voice",
        "Share of each article's attributions (reported speech, 'selon', 'd'après', quotes) per source group. "
        "Attributions count every mention; distinct sources count each speaker once per article (a source quoted "
        "in the lead and again in the body is one source, two attributions).",
        figure_html(figure, "Bar chart of attributions per source group"),
        table, _of(findings, "voice"), anchor="voice")


def figures_section(timeline: pd.DataFrame, findings: Sequence[Finding], figure=None,
                    distinct: pd.DataFrame | None = None) -> str:
    """Which figures each unit reports, when, and on whose authority; vague quantities listed apart."""
    table = ""
    if len(timeline):
        status = timeline["status"].astype(str) if "status" in timeline else pd.Series("", index=timeline.index)
        shown = timeline.assign(
            date=timeline["published"].where(timeline["date_known"].astype(bool), "date unknown"),
            kind_text=timeline["kind"].astype(str).str.replace("_", " ")
            + status.map(lambda value: " (planned)" if value == "planned" else ""),
            source=timeline["source_group_label"].where(timeline["source_group_label"] != "", "no source"),
            same=timeline["labels_same_figure"].map(lambda cell: "; ".join(split_list(cell))))
        # one row per unit × figure × source: repeated mentions are counted, not listed
        keys = ["date_known", "published", "date", "label", "kind_text", "figure", "source", "hedged", "same"]
        shown = (shown.groupby(keys, sort=False, dropna=False)
                 .agg(figure_text=("figure_text", "first"), mentions=("claim_id", "size")).reset_index())
        table = table_html(shown, {"date": "published", "label": unit_header(timeline), "kind_text": "kind",
                                   "figure": "figure", "figure_text": "as written (first)", "mentions": "mentions",
                                   "source": "on the authority of",
                                   "hedged": "hedged", "same": "same figure in"},
                           formats={"figure": lambda v: f"{float(v):,.0f}".replace(",", "\u202f")},
                           colours=label_colours(timeline["label"]), max_rows=30)
    vague = distinct.loc[distinct["precision"].astype(str) == "vague"] if distinct is not None and len(distinct) \
        and "precision" in distinct else None
    if vague is not None and len(vague):
        table += "<h3>Vague quantities (bounds from their words; never drawn as points nor linked)</h3>" + table_html(
            vague.assign(kind_text=vague["kind"].astype(str).str.replace("_", " "),
                         bounds=[f"{low:,.0f}–{high:,.0f}".replace(",", "\u202f") for low, high in
                                 zip(vague["low"], vague["high"])]),
            {"label": unit_header(vague), "kind_text": "kind", "status": "status", "figure_text": "as written",
             "bounds": "bounds", "mentions": "mentions", "source_groups": "on the authority of"},
            colours=label_colours(vague["label"]), max_rows=30)
    return section_html(
        "Which figures, on whose authority",
        "Numbers of North Korean soldiers deployed, killed, wounded or captured, by publication date; articles "
        "without a known date are kept in a separate lane. A figure is planned (decided, to be sent, preparing) or "
        "deployed (sent, arrived, stationed, fighting); two units give the same figure only with the same kind, "
        "status and number. Figures in section headings or questions are not counted.",
        figure_html(figure, "Timeline of reported figures"),
        table, _of(findings, "figures"), anchor="figures")


def frames_section(frames_matrix: pd.DataFrame, scheme: str, findings: Sequence[Finding], figure=None) -> str:
    """Frame scores of one scheme (generic or policy) per unit (an outlet's mean over its articles)."""
    part = frames_matrix.loc[frames_matrix["scheme"] == scheme]
    table = ""
    if len(part):
        wide = _wide(part, "frame", lambda row: f"{float(row['score']):.2f}")
        headers = _with_n(part) | {c: str(c).replace("_", " ") for c in sorted(set(part["frame"]))}
        table = table_html(wide, headers, colours=label_colours(wide["label"]), max_rows=TABLE_ROWS)
    return section_html(
        f"Frames ({scheme} scheme)",
        f"Score of each {scheme} frame per article, from the frame codebook's cue lexicons (0 = no cue).",
        figure_html(figure, f"Heatmap of {scheme} frame scores"),
        table, _of(findings, f"frame_{scheme}"), anchor=f"frames-{scheme}")


def _distinctive(keyness: pd.DataFrame) -> pd.Series:
    """Which listed lemmas reach the z threshold (keyness.yaml ``min_z``; a table without the column: every one)."""
    return keyness["distinctive"].astype(bool) if "distinctive" in keyness else pd.Series(True, index=keyness.index)


def _keyness_cell(part: pd.DataFrame) -> str:
    """The unit's distinctive lemmas, or what comes closest when none reaches the threshold."""
    distinctive = part.loc[_distinctive(part)]
    if len(distinctive):
        return ", ".join(f"{lemma} (z {z:.1f}; {a}/{b})" for lemma, z, a, b in zip(
            distinctive["lemma"], distinctive["z"], distinctive["count_label"], distinctive["count_rest"]))
    best = part.iloc[0]
    return f"none reaches z {load_keyness_rules().min_z:.2f} (highest: {best['lemma']}, z {best['z']:.1f})"


def keyness_section(keyness: pd.DataFrame, sentences: pd.DataFrame, figure=None, per_label: int = 5,
                    drawn: Sequence[str] | None = None) -> str:
    """Each unit's distinctive lemmas (z ≥ keyness.yaml's min_z), with the first sentence using the top one;
    a unit where no lemma reaches the threshold says so."""
    table, claims = "", []
    min_z = load_keyness_rules().min_z
    if len(keyness):
        order = {label: index for index, label in enumerate(drawn or sorted(set(keyness["label"])))}
        top = keyness.sort_values(["label", "rank"]).groupby("label", sort=True).head(per_label)
        rows = pd.DataFrame([(label, _keyness_cell(part)) for label, part in top.groupby("label", sort=True)],
                            columns=["label", "lemmas"])
        rows = rows.assign(rank=rows["label"].map(order).fillna(len(order))).sort_values(["rank", "label"])
        outlets = any(not aid for aid in keyness["article_id"])
        table = table_html(rows, {"label": "outlet / article" if outlets else "article",
                                  "lemmas": "distinctive lemma (z; count here / in the others)"},
                           colours=label_colours(rows["label"]), max_rows=TABLE_ROWS)
        text_of = dict(zip(sentences["sentence_id"].astype(str), sentences["text"].astype(str)))
        shown = top.loc[top["rank"] == 1]
        for row in shown.loc[shown["label"].isin(order) if drawn else shown.index].itertuples(index=False):
            ids = [sid for sid in split_list(row.evidence_sentence_ids) if sid in text_of][:1]
            if getattr(row, "distinctive", True):
                text = (f"{row.label}: the most distinctive lemma is “{row.lemma}” ({row.count_label} here, "
                        f"{row.count_rest} in all other articles; z = {row.z:.1f}).")
            else:
                text = (f"{row.label}: no lemma is distinctive (z ≥ {min_z:.2f}); the highest is “{row.lemma}” "
                        f"({row.count_label} here, {row.count_rest} in all other articles; z = {row.z:.1f}).")
                ids = []
            claims.append(Finding(row.label, "keyness", text, [Evidence(sid, text_of[sid], row.label) for sid in ids]))
    return section_html(
        "Distinctive vocabulary (keyness)",
        "Lemmas over-represented in one article against all the others: weighted log-odds ratio with an "
        "informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), z-scores; raw counts beside each lemma. "
        f"A lemma is called distinctive only when its z reaches {min_z:.2f}; names are counted as one term, and "
        "adverbs and date words are left out (analysis/resources/keyness.yaml).",
        figure_html(figure, "Bar charts of distinctive lemmas per article"),
        table, claims, anchor="keyness")


def _headline_cell(row: Mapping, trait: str) -> str:
    if row.get("unit_kind") == "outlet":
        return f"{int(row[trait])}/{int(row['n_headlines'])}"
    return "yes" if int(row[trait]) else "no"


def headlines_section(headlines: pd.DataFrame, findings: Sequence[Finding], figure=None) -> str:
    """What each headline does: attribute, ask, give a figure, hedge (an outlet's headlines counted)."""
    table = ""
    if len(headlines):
        traits = ["attributed", "question", "figure", "hedged"]
        shown = headlines.assign(**{trait: headlines.apply(lambda row, t=trait: _headline_cell(row, t), axis=1)
                                    for trait in traits})
        table = table_html(shown, _with_n(headlines) | {"text": "headline"} | {t: t for t in traits},
                           colours=label_colours(headlines["label"]), max_rows=TABLE_ROWS)
    return section_html(
        "Headlines", "Whether each headline attributes its claim to a source, is a question, states a figure, "
        "or is hedged (conditional).",
        figure_html(figure, "Dot matrix of headline traits"),
        table, _of(findings, "headline"), anchor="headlines")


GAP_TRAITS = {"states_as_fact": "states as fact", "drops_hedge": "drops the hedge",
              "drops_attribution": "drops the source", "figure_differs": "other figure",
              "credit_differs": "other credit"}


def _gap_cell(row: Mapping, trait: str) -> str:
    if row.get("unit_kind") == "outlet":
        return f"{int(row[f'n_{trait}'])}/{int(row['n_compared'])}"
    if row.get("match") not in ("figure", "words"):
        return "–"
    return "yes" if bool(row[trait]) else "no"


def _group_labels(cell: object) -> str:
    return ", ".join(group_label(group) for group in split_list(cell) if group) or "no one"


def headline_gap_section(gap: pd.DataFrame, findings: Sequence[Finding], figure=None) -> str:
    """The headline against what the body says of the same content (an outlet's headlines counted)."""
    table = ""
    if len(gap):
        shown = gap.loc[gap["has_headline"].astype(bool)]
        shown = shown.assign(**{trait: shown.apply(lambda row, t=trait: _gap_cell(row, t), axis=1)
                                for trait in GAP_TRAITS},
                             credits=[f"{_group_labels(row.get('headline_source_groups'))} → "
                                      f"{_group_labels(row.get('body_source_groups'))}"
                                      if row.get("unit_kind") != "outlet" and row.get("match") in ("figure", "words")
                                      else "" for row in shown.to_dict("records")])
        table = table_html(shown, _with_n(gap) | {"headline_text": "headline"} | GAP_TRAITS
                           | {"credits": "credits (headline → body)"},
                           colours=label_colours(shown["label"]), max_rows=TABLE_ROWS)
    return section_html(
        "Headline against body", "For each headline, the body sentences that report the same content (the same "
        "number, else most of the headline's words): whether the headline states as fact what they hedge or "
        "attribute, drops their hedge or their source, gives its figure with another kind, status or precision, "
        "or credits other sources than they cite.",
        figure_html(figure, "Dot matrix of headline–body gaps"),
        table, _of(findings, "headline_gap"), anchor="headline-gap")


def locations_section(locations: pd.DataFrame, findings: Sequence[Finding], figure=None) -> str:
    """Where each unit places the North Korean troops: Ukraine or Russia."""
    table = ""
    if len(locations):
        wide = _wide(locations, "place_group", lambda row: int(row["count"]))
        wide = wide.reindex(columns=[*wide.columns.drop(["ukraine", "russia"], errors="ignore"), "ukraine", "russia"])
        wide[["ukraine", "russia"]] = wide[["ukraine", "russia"]].fillna(0).astype(int)
        russia = locations.loc[locations["place_group"] == "russia"].set_index("label")
        wide["share_russia"] = [count_share(russia.loc[label]).split(" (")[0] + interval_text(russia.loc[label])
                                if label in russia.index and russia.loc[label, "total"] else "–"
                                for label in wide["label"]]
        table = table_html(wide, _with_n(locations) | {"ukraine": "in Ukraine", "russia": "in Russia",
                                                       "share_russia": "share in Russia"},
                           colours=label_colours(wide["label"]), max_rows=TABLE_ROWS)
    return section_html(
        "Where the troops are placed", "How often each article places the North Korean soldiers in Ukraine "
        "(on the front, 'en Ukraine') or in Russia (Kursk region, Russian bases).",
        figure_html(figure, "Diverging bars of placements in Ukraine and Russia"),
        table, _of(findings, "location"), anchor="locations")


def wire_copy_section(wire_copy: pd.DataFrame, units: pd.DataFrame | None = None) -> str:
    """Agency credits, articles that share copy and the dispatch families they form."""
    shown = wire_copy.loc[wire_copy["shares_copy"].astype(bool) | (wire_copy["agency"].fillna("") != "")]
    n_sharing = int(wire_copy["shares_copy"].astype(bool).sum()) if len(wire_copy) else 0
    families = wire_copy.loc[wire_copy["family_id"].fillna("") != ""] if "family_id" in wire_copy else wire_copy[:0]
    lead = (f"{n_sharing} article(s) duplicate another exactly or nearly (MinHash near-duplicate detection at "
            f"the cleaning stage); agency credits as printed in the text.")
    if len(families):
        lead += (f" Copies form {families['family_id'].nunique()} dispatch family(ies) of {len(families)} articles "
                 "(articles linked by exact or near copies, directly or through another article; the family id is "
                 "its first article's id).")
    table = table_html(shown.sort_values(["family_id", "article_id"]) if len(families) else shown,
                       {"label": "article", "status": "status", "agency": "agency credit"}
                       | ({"family_id": "dispatch family"} if len(families) else {})
                       | {"exact_duplicate_of_label": "exact copy of", "near_duplicate_of_label": "near copy of"},
                       max_rows=TABLE_ROWS) if len(shown) else \
        "<p>No agency credit and no shared copy were found.</p>"
    return section_html("Wire copy and agency credits", lead, table=table + _family_shares(units), anchor="wire-copy")


def _family_shares(units: pd.DataFrame | None) -> str:
    """Each outlet's share of articles that are family copy ("" when no outlet or no copy)."""
    if units is None or units.empty or not units["wire_copy"].astype(bool).any():
        return ""
    outlets = units.loc[units["unit_kind"] == "outlet"]
    if outlets.empty:
        return ""
    shares = outlets.groupby("unit", sort=False).agg(n=("article_id", "size"), copy=("wire_copy", "sum"),
                                                     families=("family_id", lambda ids: len({i for i in ids if i})))
    shares = shares.reset_index().assign(share=lambda f: [percent(c / n) for c, n in zip(f["copy"], f["n"])])
    return "<h3>Each outlet's share of wire copy</h3>" + table_html(
        shares, {"unit": "outlet", "n": "articles", "copy": "in a dispatch family", "share": "share",
                 "families": "families"}, max_rows=TABLE_ROWS)


def all_sections(views: Mapping[str, pd.DataFrame], drawn_views: Mapping[str, pd.DataFrame],
                 sentences: pd.DataFrame, findings: Sequence[Finding], figures: Mapping[str, object] | None = None,
                 wire_copy: pd.DataFrame | None = None, units: pd.DataFrame | None = None,
                 drawn: Sequence[str] | None = None) -> dict[str, str]:
    """Every comparison section, in report order (keys: certainty, voice, figures, …, wire_copy).

    ``views`` are the per-unit tables of every unit (the sections' tables), ``drawn_views`` those of the
    drawn units, whose findings (``findings``) and figures the sections show.
    """
    figures = figures or {}
    return {
        "certainty": certainty_section(views["certainty"], findings, figures.get("certainty")),
        "voice": voice_section(views["voice"], views["named_sources"], findings, figures.get("voice")),
        "figures": figures_section(drawn_views["claims_timeline"], findings, figures.get("claims_timeline"),
                                   drawn_views.get("figures_distinct")),
        "headlines": headlines_section(views["headlines"], findings, figures.get("headlines")),
        "headline_gap": headline_gap_section(views["headline_gap"], findings, figures.get("headline_gap")),
        "locations": locations_section(views["locations"], findings, figures.get("locations")),
        "frames_generic": frames_section(views["frames_matrix"], "generic", findings, figures.get("frames_generic")),
        "frames_policy": frames_section(views["frames_matrix"], "policy", findings, figures.get("frames_policy")),
        "keyness": keyness_section(views["keyness"], sentences, figures.get("keyness"), drawn=drawn),
        "wire_copy": wire_copy_section(wire_copy if wire_copy is not None else views["wire_copy"], units),
    }
