"""HTML fragments of the report, built from the comparison tables, shown by notebook 05 with ``show``.

Security: every string that comes from an article or a table (sentences, labels, actor names, file
names, parameters) goes through :func:`esc` — the one escaping helper — before it reaches HTML. Tags
and attributes are written only by this module, never taken from data. Figures are embedded as PNG
data URIs, so the rendered report needs no file beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from analysis.compare.findings import Evidence, Finding
from analysis.compare.inputs import compared_articles, unit_note
from analysis.core.tables import split_list
from analysis.report.html import esc, figure_html, finding_html, percent, table_html
from analysis.report.plots import label_colours

HEADLINE_MEASURES = ("hedged", "deployment_unattributed", "voice", "figures", "headline")


def findings_html(findings: Sequence[Finding], articles: pd.DataFrame | None = None,
                  measures: Sequence[str] | None = HEADLINE_MEASURES, evidence_per_finding: int = 1,
                  note: str = "") -> str:
    """The report's opening: findings grouped by article label, each with the sentences behind it.

    ``measures`` selects which findings open the report (None: all); each keeps its first
    ``evidence_per_finding`` sentences. ``note`` (e.g. :func:`shown_labels_note`) follows the unit note.
    """
    if measures is not None:
        findings = [finding for finding in findings if finding.measure in measures]
    findings = [Finding(f.label, f.measure, f.sentence_en, list(f.evidence)[:evidence_per_finding])
                for f in findings]
    parts = ["<h2>Findings</h2>"]
    if articles is not None:
        parts.append(f'<p class="note">{esc(unit_note(articles))}</p>')
    if note:
        parts.append(f'<p class="note">{esc(note)}</p>')
    if not findings:
        parts.append("<p>No finding could be computed: no article was compared.</p>")
    colours = label_colours(finding.label for finding in findings)
    for label in sorted({finding.label for finding in findings}):
        swatch = f'<span class="swatch" style="background:{esc(colours[label])}"></span>'
        items = "".join(finding_html(finding) for finding in findings if finding.label == label)
        parts.append(f"<h3>{swatch}{esc(label)}</h3><ul>{items}</ul>")
    return "".join(parts)


def section_html(title: str, lead: str = "", figure_fragment: str = "", table: str = "",
                 findings: Sequence[Finding] = (), note: str = "") -> str:
    """One comparison: heading, lead sentence, figure, short table, per-article claims with evidence."""
    claims = f"<ul>{''.join(finding_html(finding) for finding in findings)}</ul>" if findings else ""
    note_html = f'<p class="note">{esc(note)}</p>' if note else ""
    lead_html = f"<p>{esc(lead)}</p>" if lead else ""
    return f"<h2>{esc(title)}</h2>{lead_html}{figure_fragment}{table}{claims}{note_html}"


# --------------------------------------------------------------------------------------------------
# Which article labels the report shows
# --------------------------------------------------------------------------------------------------

#: Comparison tables with one row per article label (or per label × something): cut to the shown labels.
#: corpus_summary and wire_copy describe the whole corpus and are never cut.
LABELLED_COMPARISONS = ("voice", "named_sources", "certainty", "figures", "claims_timeline", "frames_matrix",
                        "keyness", "headlines", "locations", "findings")


def shown_labels(articles: pd.DataFrame, max_labels: int) -> list[str]:
    """The compared articles' labels the report draws: all of them when there are at most ``max_labels``,
    otherwise the ``max_labels`` articles with the most words (ties broken by label), in label order.

    One figure panel, bar or colour per article does not scale to a large corpus (eight labels already use
    every colour of the colour-blind-safe palette), so the report's size stays fixed; the CSV tables keep all.
    """
    if max_labels < 1:
        raise ValueError(f"max_labels must be at least 1; got {max_labels}")
    ok = compared_articles(articles)
    n_words = articles["n_words"] if "n_words" in articles.columns else pd.Series(0, index=articles.index)
    words = dict(zip(articles["article_id"].astype(str), pd.to_numeric(n_words, errors="coerce")))
    ok["n_words"] = ok["article_id"].map(words).fillna(0)
    largest = ok.sort_values(["n_words", "label"], ascending=[False, True], kind="stable").head(max_labels)
    return sorted(largest["label"].tolist())


def limit_to_labels(comparisons: Mapping[str, pd.DataFrame], labels: Iterable[str]) -> dict[str, pd.DataFrame]:
    """The comparison tables with only the rows of ``labels`` in LABELLED_COMPARISONS (the others whole)."""
    keep = set(labels)
    return {name: table.loc[table["label"].astype(str).isin(keep)].reset_index(drop=True)
            if name in LABELLED_COMPARISONS and "label" in table.columns else table
            for name, table in comparisons.items()}


def shown_labels_note(articles: pd.DataFrame, labels: Sequence[str]) -> str:
    """A sentence saying that the report shows only some articles, and where the others are ("" if all)."""
    n_compared = len(compared_articles(articles))
    if len(labels) >= n_compared:
        return ""
    return (f"The figures, tables and findings below show the {len(labels)} longest of the {n_compared} compared "
            f"articles (most words); rankings such as \"the highest of the articles\" are over all "
            f"{n_compared}. Every article is in the CSV tables of the run's processed/ folder (findings.csv "
            f"has every finding).")


# --------------------------------------------------------------------------------------------------
# Sections, one per comparison
# --------------------------------------------------------------------------------------------------

def _of(findings: Sequence[Finding], *measures: str) -> list[Finding]:
    return [finding for finding in findings if finding.measure in measures]


def _count_share(frame: pd.DataFrame) -> pd.Series:
    return frame.apply(lambda row: f"{percent(row['share'])} ({row['count']}/{row['total']})"
                       if row["total"] else "–", axis=1)


def certainty_section(certainty: pd.DataFrame, findings: Sequence[Finding], figure=None) -> str:
    """How certain each article sounds: shares of hedged/unverified/confirmed/denial sentences."""
    table = ""
    if len(certainty):
        wide = certainty.assign(cell=_count_share(certainty)).pivot_table(
            index="label", columns="measure", values="cell", aggfunc="first").reset_index()
        headers = {"label": "article", "hedged": "hedged", "unverified": "unverified", "confirmed": "confirmed",
                   "denial": "denial", "deployment_unattributed": "troop sentences without source"}
        table = table_html(wide.sort_values("label"), {k: v for k, v in headers.items() if k in wide.columns},
                           colours=label_colours(wide["label"]))
    return section_html(
        "How certain: hedging, unverified claims, denials",
        "Share of each article's body sentences that are hedged (conditional, modal or distancing cue), flag a "
        "claim as unverified, state it as confirmed, or report a denial; and the share of body sentences about "
        "the North Korean troops that name no source.",
        figure_html(figure, "Bar chart of certainty measures per article"),
        table, _of(findings, "hedged", "denial", "deployment_unattributed"))


def voice_section(voice: pd.DataFrame, named: pd.DataFrame, findings: Sequence[Finding], figure=None) -> str:
    """Who is given voice: attributions per actor group, and the named sources."""
    table = ""
    if len(named):
        sources = pd.DataFrame(
            [(label, "; ".join(f"{a} ({g}, {n})" for a, g, n in
                               zip(part["actor"], part["actor_group_label"], part["n_attributions"])))
             for label, part in named.groupby("label", sort=True)], columns=["label", "sources"])
        table = table_html(sources, {"label": "article", "sources": "sources as written (group, attributions)"},
                           colours=label_colours(sources["label"]))
    return section_html(
        "Who speaks: sources given voice",
        "Share of each article's attributions (reported speech, 'selon', 'd'après', quotes) per source group.",
        figure_html(figure, "Bar chart of attributions per source group"),
        table, _of(findings, "voice"))


def figures_section(timeline: pd.DataFrame, findings: Sequence[Finding], figure=None) -> str:
    """Which figures each article reports, when, and on whose authority."""
    table = ""
    if len(timeline):
        shown = timeline.assign(
            date=timeline["published"].where(timeline["date_known"].astype(bool), "date unknown"),
            kind_text=timeline["kind"].astype(str).str.replace("_", " "),
            source=timeline["source_group_label"].where(timeline["source_group_label"] != "", "no source"),
            same=timeline["labels_same_figure"].map(lambda cell: "; ".join(split_list(cell))))
        # one row per article × figure × source: repeated mentions are counted, not listed
        keys = ["date_known", "published", "date", "label", "kind_text", "figure", "source", "hedged", "same"]
        shown = (shown.groupby(keys, sort=False, dropna=False)
                 .agg(figure_text=("figure_text", "first"), mentions=("claim_id", "size")).reset_index())
        table = table_html(shown, {"date": "published", "label": "article", "kind_text": "kind",
                                   "figure": "figure", "figure_text": "as written (first)", "mentions": "mentions",
                                   "source": "on the authority of",
                                   "hedged": "hedged", "same": "same figure in"},
                           formats={"figure": lambda v: f"{float(v):,.0f}".replace(",", "\u202f")},
                           colours=label_colours(timeline["label"]), max_rows=30)
    return section_html(
        "Which figures, on whose authority",
        "Numbers of North Korean soldiers deployed, killed, wounded or captured, by publication date; articles "
        "without a known date are kept in a separate lane.",
        figure_html(figure, "Timeline of reported figures"),
        table, _of(findings, "figures"))


def frames_section(frames_matrix: pd.DataFrame, scheme: str, findings: Sequence[Finding], figure=None) -> str:
    """Frame scores of one scheme (generic or policy) per article."""
    part = frames_matrix.loc[frames_matrix["scheme"] == scheme]
    table = ""
    if len(part):
        wide = part.pivot_table(index="label", columns="frame", values="score", aggfunc="sum").reset_index()
        headers = {"label": "article"} | {c: str(c).replace("_", " ") for c in wide.columns if c != "label"}
        table = table_html(wide.sort_values("label"), headers,
                           formats={c: lambda v: f"{float(v):.2f}" for c in wide if c != "label"},
                           colours=label_colours(wide["label"]))
    return section_html(
        f"Frames ({scheme} scheme)",
        f"Score of each {scheme} frame per article, from the frame codebook's cue lexicons (0 = no cue).",
        figure_html(figure, f"Heatmap of {scheme} frame scores"),
        table, _of(findings, f"frame_{scheme}"))


def keyness_section(keyness: pd.DataFrame, sentences: pd.DataFrame, figure=None, per_label: int = 5) -> str:
    """Each article's most distinctive lemmas, with the first sentence using the top lemma."""
    table, claims = "", []
    if len(keyness):
        top = keyness.sort_values(["label", "rank"]).groupby("label", sort=True).head(per_label)
        rows = pd.DataFrame(
            [(label, ", ".join(f"{lemma} (z {z:.1f}; {a}/{b})" for lemma, z, a, b in
                               zip(part["lemma"], part["z"], part["count_label"], part["count_rest"])))
             for label, part in top.groupby("label", sort=True)], columns=["label", "lemmas"])
        table = table_html(rows, {"label": "article", "lemmas": "lemma (z; count here / in the others)"},
                           colours=label_colours(rows["label"]))
        text_of = dict(zip(sentences["sentence_id"].astype(str), sentences["text"].astype(str)))
        for row in top.loc[top["rank"] == 1].itertuples(index=False):
            ids = [sid for sid in split_list(row.evidence_sentence_ids) if sid in text_of][:1]
            claims.append(Finding(row.label, "keyness", f"{row.label}: the most distinctive lemma is “{row.lemma}” "
                                  f"({row.count_label} here, {row.count_rest} in all other articles; z = {row.z:.1f}).",
                                  [Evidence(sid, text_of[sid], row.label) for sid in ids]))
    return section_html(
        "Distinctive vocabulary (keyness)",
        "Lemmas over-represented in one article against all the others: weighted log-odds ratio with an "
        "informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), z-scores; raw counts beside each lemma.",
        figure_html(figure, "Bar charts of distinctive lemmas per article"),
        table, claims)


def headlines_section(headlines: pd.DataFrame, findings: Sequence[Finding], figure=None) -> str:
    """What each headline does: attribute, ask, give a figure, hedge."""
    table = table_html(headlines.sort_values("label"), {"label": "article", "text": "headline",
                                                        "attributed": "attributed", "question": "question",
                                                        "figure": "figure", "hedged": "hedged"},
                       colours=label_colours(headlines["label"])) if len(headlines) else ""
    return section_html(
        "Headlines", "Whether each headline attributes its claim to a source, is a question, states a figure, "
        "or is hedged (conditional).",
        figure_html(figure, "Dot matrix of headline traits"),
        table, _of(findings, "headline"))


def locations_section(locations: pd.DataFrame, findings: Sequence[Finding], figure=None) -> str:
    """Where each article places the North Korean troops: Ukraine or Russia."""
    table = ""
    if len(locations):
        wide = locations.pivot_table(index="label", columns="place_group", values="count", aggfunc="sum")
        wide = wide.reindex(columns=["ukraine", "russia"], fill_value=0).fillna(0).astype(int).reset_index()
        total = wide["ukraine"] + wide["russia"]
        wide["share_russia"] = [percent(r / t) if t else "–" for r, t in zip(wide["russia"], total)]
        table = table_html(wide.sort_values("label"), {"label": "article", "ukraine": "in Ukraine",
                                                       "russia": "in Russia", "share_russia": "share in Russia"},
                           colours=label_colours(wide["label"]))
    return section_html(
        "Where the troops are placed", "How often each article places the North Korean soldiers in Ukraine "
        "(on the front, 'en Ukraine') or in Russia (Kursk region, Russian bases).",
        figure_html(figure, "Diverging bars of placements in Ukraine and Russia"),
        table, _of(findings, "location"))


def wire_copy_section(wire_copy: pd.DataFrame) -> str:
    """Agency credits and articles that share copy (exact or near duplicates)."""
    shown = wire_copy.loc[wire_copy["shares_copy"].astype(bool) | (wire_copy["agency"].fillna("") != "")]
    n_sharing = int(wire_copy["shares_copy"].astype(bool).sum()) if len(wire_copy) else 0
    lead = (f"{n_sharing} article(s) duplicate another exactly or nearly (MinHash near-duplicate detection at "
            f"the cleaning stage); agency credits as printed in the text.")
    table = table_html(shown, {"label": "article", "status": "status", "agency": "agency credit",
                               "exact_duplicate_of_label": "exact copy of",
                               "near_duplicate_of_label": "near copy of"}) if len(shown) else \
        "<p>No agency credit and no shared copy were found.</p>"
    return section_html("Wire copy and agency credits", lead, table=table)


def corpus_section(corpus_summary: pd.DataFrame, articles: pd.DataFrame, warnings: Sequence[str] = ()) -> str:
    """What was read: articles per status, with the reason and the files for those not compared, and the
    warnings of the clean stage (manifest problems, ignored files, fallback encodings)."""
    table = table_html(corpus_summary, {"status": "status", "reason": "reason", "n_articles": "files/articles",
                                        "source_files": "files"}, max_rows=50)
    if warnings:
        table += (f"<h3>Warnings while reading the raw folder ({len(warnings)})</h3><ul>"
                  + "".join(f"<li>{esc(warning)}</li>" for warning in warnings) + "</ul>")
    return section_html("The corpus", unit_note(articles), table=table)


def all_sections(comparisons: Mapping[str, pd.DataFrame], sentences: pd.DataFrame, articles: pd.DataFrame,
                 findings: Sequence[Finding], figures: Mapping[str, object] | None = None,
                 warnings: Sequence[str] = ()) -> dict[str, str]:
    """Every comparison section, in report order (keys: corpus, certainty, voice, figures, …, wire_copy)."""
    figures = figures or {}
    return {
        "corpus": corpus_section(comparisons["corpus_summary"], articles, warnings),
        "certainty": certainty_section(comparisons["certainty"], findings, figures.get("certainty")),
        "voice": voice_section(comparisons["voice"], comparisons["named_sources"], findings, figures.get("voice")),
        "figures": figures_section(comparisons["claims_timeline"], findings, figures.get("claims_timeline")),
        "headlines": headlines_section(comparisons["headlines"], findings, figures.get("headlines")),
        "locations": locations_section(comparisons["locations"], findings, figures.get("locations")),
        "frames_generic": frames_section(comparisons["frames_matrix"], "generic", findings,
                                         figures.get("frames_generic")),
        "frames_policy": frames_section(comparisons["frames_matrix"], "policy", findings,
                                        figures.get("frames_policy")),
        "keyness": keyness_section(comparisons["keyness"], sentences, figures.get("keyness")),
        "wire_copy": wire_copy_section(comparisons["wire_copy"]),
    }


