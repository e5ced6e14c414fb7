"""Findings: sentences with numbers, generated from the comparison tables, each with its evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis.compare.inputs import flag_column, input_frame, text_column
from analysis.compare.views import unit_figures
from analysis.core.groups import group_label
from analysis.core.tables import join_list, split_list

# --------------------------------------------------------------------------------------------------
# Findings: sentences with numbers, generated from the tables, each with its evidence
# --------------------------------------------------------------------------------------------------

class Evidence(NamedTuple):
    """A sentence that supports a finding: its id, its French text, the article label."""

    sentence_id: str
    text: str
    label: str


@dataclass(frozen=True)
class Finding:
    """One sentence about one article label, with the number it states and the sentences behind it."""

    label: str
    measure: str
    sentence_en: str
    evidence: list[Evidence]


_NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _count_word(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _n(count: int, singular: str, plural: str | None = None) -> str:
    """"1 sentence", "3 sentences": a count with its noun in the right number."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def _prose_list(items: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _format_number(value: float) -> str:
    """A figure as French readers write it: 12 000, 1 500, 6 (thin space as thousands separator)."""
    return f"{value:,.0f}".replace(",", "\u202f") if float(value).is_integer() else f"{value:g}"


def _is_outlet(row: Mapping | pd.Series) -> bool:
    return str(row.get("unit_kind", "") or "") == "outlet"


def _who(label: str, row: Mapping | pd.Series) -> str:
    """The unit as a finding names it: "Le Monde (n = 7 articles)" for an outlet, the label for an article."""
    return f"{label} (n = {int(row['n_articles'])} articles)" if _is_outlet(row) else label


def _interval(row: Mapping | pd.Series, brackets: bool = True) -> str:
    """" [95% CI 30–52%]" ("; 95% CI 30–52%" without brackets) when the row has an interval, else ""."""
    low, high = row.get("ci_low"), row.get("ci_high")
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return ""
    interval = f"95% CI {low * 100:.0f}–{high:.0%}"
    return f" [{interval}]" if brackets else f"; {interval}"


def against_rest(row: Mapping | pd.Series) -> str:
    """How an outlet's share compares with the rest of the corpus, as the test allows ("" when untested).

    A difference is stated only when its Benjamini–Hochberg adjusted p-value is below 0.05; otherwise
    the sentence says that no difference is detectable at this size.
    """
    if not _is_outlet(row) or not bool(row.get("tested", False)):
        return ""
    rest, adjusted = float(row["rest_share"]), float(row["p_adjusted"])
    if bool(row.get("stated", False)):
        side = "more" if float(row["share"]) > rest else "less"
        return f", {side} than the rest of the corpus ({rest:.0%}; adjusted p = {adjusted:.2g}){within_period(row)}"
    return f"; no difference from the rest of the corpus ({rest:.0%}) is detectable at this size " \
           f"(adjusted p = {adjusted:.2g})"


def within_period(row: Mapping | pd.Series) -> str:
    """What becomes of a stated difference once the date is taken into account (the test within periods):
    "" when it holds, else that it vanishes or cannot be told apart from the date."""
    if "period_tested" not in row or not bool(row.get("stated", False)):
        return ""
    expected = row.get("period_expected_share")
    expected = f" the corpus's shares in the same periods predict {float(expected):.0%};" if expected is not None \
        and not pd.isna(expected) else ""
    if not bool(row.get("period_tested", False)):
        return ("; but no other article shares its weeks or months, so the difference cannot be told apart from a "
                "difference of date")
    if bool(row.get("vanishes_with_period", False)):
        return (f"; once the date is taken into account{expected} the difference is no longer detectable "
                f"(compared within periods, adjusted p = {float(row['p_within_period_adjusted']):.2g})")
    return (f"; it holds within periods ({expected.strip(' ;')}; adjusted p = "
            f"{float(row['p_within_period_adjusted']):.2g})" if expected else
            f"; it holds within periods (adjusted p = {float(row['p_within_period_adjusted']):.2g})")


class _Ranking:
    """Where each label's value stands among all labels' values (computed once for all labels).

    Only single articles are ranked, and only when every unit is one: an outlet is compared with the
    rest of the corpus by a test instead (an outlet with few articles is described, not ranked).
    """

    def __init__(self, values: pd.Series, kinds: pd.Series | None = None) -> None:
        if kinds is not None and (kinds == "outlet").any():
            values = values.iloc[0:0]
        self.values = values.dropna()
        self.high, self.low = (self.values.max(), self.values.min()) if len(self.values) else (None, None)
        self.n_high = int((self.values == self.high).sum()) if len(self.values) else 0
        self.n_low = int((self.values == self.low).sum()) if len(self.values) else 0

    def phrase(self, label: str, higher: str = "highest", lower: str = "lowest") -> str:
        """", the highest of the five articles" / ", the lowest…" / ", tied highest…" / "" for the others."""
        if label not in self.values.index or len(self.values) < 2 or self.high == self.low:
            return ""
        value, n = self.values[label], _count_word(len(self.values))
        if value == self.high:
            return f", {'tied ' if self.n_high > 1 else 'the '}{higher} of the {n} articles"
        if value == self.low:
            return f", {'tied ' if self.n_low > 1 else 'the '}{lower} of the {n} articles"
        return ""


def _evidence(ids: Iterable[str], sentence_text: Mapping[str, str], labels: Mapping[str, str],
              limit: int) -> list[Evidence]:
    """The first ``limit`` sentence ids that exist in sentences.csv, with their text and label."""
    out = []
    for sid in ids:
        if sid in sentence_text:
            out.append(Evidence(sid, sentence_text[sid], labels.get(sid, "")))
        if len(out) >= limit:
            break
    return out


def findings(comparisons: Mapping[str, pd.DataFrame], sentences: pd.DataFrame,
             evidence_per_finding: int = 2, article_labels: Mapping[str, str] | None = None) -> list[Finding]:
    """Findings per unit (an outlet or an article label), each computed from the tables, with quoted evidence.

    ``comparisons`` are the per-unit tables (:func:`analysis.compare.views.unit_tables`; with one article
    per unit, the per-article tables) and ``outlet_comparison``, whose stated differences become findings
    of their own (measure "difference"). An evidence sentence is shown under its article's label, from
    ``article_labels`` (article id → label) or else from the tables' article_id and label columns.
    """
    sentences = input_frame(sentences, "sentences")
    text_of = dict(zip(text_column(sentences["sentence_id"]), text_column(sentences["text"])))
    article_of = dict(zip(text_column(sentences["sentence_id"]), text_column(sentences["article_id"])))
    label_of_article: dict[str, str] = dict(article_labels or {})
    for table in comparisons.values() if article_labels is None else ():
        if table is not None and len(table) and {"article_id", "label"} <= set(table.columns):
            label_of_article.update(zip(text_column(table["article_id"]), text_column(table["label"])))
    label_of_sentence = {sid: label_of_article.get(aid, "") for sid, aid in article_of.items()}

    def evidence(cell: object) -> list[Evidence]:
        return _evidence(split_list(cell), text_of, label_of_sentence, evidence_per_finding)

    notes = date_notes(comparisons.get("units"))
    comparisons = {name: table.assign(date_note=table["label"].map(notes).fillna(""))
                   if name in ("certainty", "locations") and table is not None and len(table) else table
                   for name, table in comparisons.items()}
    out: list[Finding] = []
    out += _certainty_findings(comparisons.get("certainty"), evidence)
    out += _voice_findings(comparisons.get("voice"), evidence)
    distinct = comparisons.get("figures_distinct")
    if distinct is None and comparisons.get("figures") is not None and comparisons.get("units") is not None:
        distinct = unit_figures(comparisons["figures"], comparisons["units"])  # per-article tables given
    out += _figure_findings(distinct, evidence)
    out += _headline_findings(comparisons.get("headlines"), evidence)
    out += _headline_gap_findings(comparisons.get("headline_gap"), evidence)
    out += _location_findings(comparisons.get("locations"), evidence)
    out += _frame_findings(comparisons.get("frames_matrix"), evidence)
    out += _difference_findings(comparisons.get("outlet_comparison"), _evidence_of_measures(comparisons), evidence)
    order = {name: index for index, name in enumerate(FINDING_MEASURES)}
    return sorted(out, key=lambda finding: (finding.label, order.get(finding.measure, len(order))))


FINDING_MEASURES = ("hedged", "denial", "deployment_unattributed", "voice", "figures", "headline", "headline_gap",
                    "location", "frame_generic", "frame_policy", "difference")


def date_notes(units: pd.DataFrame | None) -> dict[str, str]:
    """Per single-article unit whose week or month no other compared article shares (or that is undated): the
    note a ranking of it carries, since its difference from the others may be one of date (issue 17, item 6)."""
    if units is None or units.empty or "period" not in units:
        return {}
    measured = units.loc[flag_column(units["measured"]) & (text_column(units["unit_kind"]) != "outlet")]
    counts = measured["period"].value_counts()
    kind = "month" if any(len(str(period)) == 7 for period in measured["period"] if period != "undated") else "week"
    notes = {}
    for unit, period in zip(text_column(measured["unit"]), text_column(measured["period"])):
        if period == "undated":
            notes[unit] = " (its date is unknown, so this ranking may reflect its date as much as its outlet)"
        elif counts.get(period, 0) == 1:
            notes[unit] = (f" (no other article is of its {kind}, so this ranking may reflect its date as much as its "
                           "outlet)")
    return notes


def _share_findings(rows: pd.DataFrame, measure: str, evidence,
                    sentence: Callable[[str, pd.Series], str]) -> list[Finding]:
    """One finding per unit of a share measure (units with a zero total skipped): ``sentence(who, row)``,
    then the outlet's comparison with the rest of the corpus, or the article's rank among the articles."""
    rows = rows.set_index("label")
    ranking = _Ranking(rows["share"], rows["unit_kind"] if "unit_kind" in rows else None)
    def rank(label: str, row: pd.Series) -> str:
        phrase = ranking.phrase(label)
        return f"{phrase}{row.get('date_note', '') or ''}" if phrase else ""

    return [Finding(label, measure, f"{sentence(_who(label, row), row)}{against_rest(row)}{rank(label, row)}.",
                    evidence(row["evidence_sentence_ids"]))
            for label, row in rows.iterrows() if row["total"] != 0]


def _certainty_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    if table is None or table.empty:
        return []
    out = _share_findings(table.loc[table["measure"] == "hedged"], "hedged", evidence, lambda who, row: (
        f"{who}: {row['share']:.0%} of body sentences are hedged ({row['count']} of {row['total']})"
        f"{_interval(row)}"))
    denial = table.loc[table["measure"] == "denial"].set_index("label")
    unverified = table.loc[table["measure"] == "unverified"].set_index("label")
    for label, row in denial.iterrows():
        n_unverified = int(unverified.loc[label, "count"]) if label in unverified.index else 0
        if row["count"] == 0 and n_unverified == 0:
            continue
        ids = split_list(row["evidence_sentence_ids"])
        if label in unverified.index:
            ids += split_list(unverified.loc[label, "evidence_sentence_ids"])
        out.append(Finding(label, "denial", (
            f"{_who(label, row)}: {_n(int(row['count']), 'body sentence')} of {row['total']} report a denial and "
            f"{n_unverified} flag a claim as unverified."), evidence(join_list(ids))))
    out += _share_findings(
        table.loc[table["measure"] == "deployment_unattributed"], "deployment_unattributed", evidence,
        lambda who, row: (f"{who}: {row['count']} of {row['total']} body sentences about the North Korean "
                          f"troops ({row['share']:.0%}{_interval(row, brackets=False)}) "
                          "attribute nothing to a source"))
    return out


def _voice_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    if table is None or table.empty:
        return []
    out = []
    table = table.sort_values(["label", "n_attributions", "actor_group"], ascending=[True, False, True],
                              kind="stable")  # sorted once: each label's most cited group comes first
    n_groups = (table["n_attributions"] > 0).groupby(table["label"]).sum().to_dict()
    for top in table.drop_duplicates("label").to_dict("records"):
        label, total, who = top["label"], int(top["n_total"]), _who(top["label"], top)
        if total == 0:
            out.append(Finding(label, "voice", f"{who}: no statement is attributed to any source.", []))
            continue
        out.append(Finding(label, "voice", (
            f"{who}: {top['actor_group_label']} is the most cited source group ({top['n_attributions']} of "
            f"{total} attributions, {top['share']:.0%}{_interval(top, brackets=False)}{_distinct_sources(top)})"
            f"{against_rest(top)}; {_n(int(n_groups[label]), 'source group')} cited in all."),
            evidence(top["evidence_sentence_ids"])))
    return out


def _distinct_sources(row: Mapping) -> str:
    """", from 2 of 11 distinct sources" when repetitions make the attributions differ from the sources (a speaker
    repeated in the lead and the body is one source); "" when every attribution is a source of its own."""
    if "n_sources" not in row or pd.isna(row.get("n_sources")):
        return ""
    n_sources, n_total = int(row["n_sources"]), int(row["n_total_sources"])
    if n_sources == int(row["n_attributions"]) and n_total == int(row["n_total"]):
        return ""
    per = "per article, " if _is_outlet(row) else ""
    return f", from {n_sources} of {n_total} distinct sources, {per}a repeated speaker counted once"


#: Figures are compared only with figures of the same kind and status (issue 17): a planned deployment is not
#: set against a deployment, nor deaths against wounded.
_FIGURE_CLASSES = (("deployed", "deployed", "sent or stationed"), ("deployed", "planned", "planned or preparing"),
                   ("killed", "casualty", "killed"), ("wounded", "casualty", "wounded"),
                   ("killed_or_wounded", "casualty", "killed or wounded"), ("captured", "casualty", "captured"))


def _largest(part: pd.DataFrame, label: str) -> list[str]:
    """For each kind and status the unit reports: its largest point figure (value or bound) with its words, source
    and the other units giving it, or its vague quantities ("plusieurs milliers", bounds only, never a point)."""
    phrases = []
    for kind, status, name in _FIGURE_CLASSES:
        same = part.loc[(part["kind"].astype(str) == kind) & (part["status"].astype(str) == status)]
        if same.empty:
            continue
        points = same.loc[same["figure"].notna()].sort_values(["figure", "claim_id"], ascending=[False, True],
                                                              kind="stable")
        if points.empty:
            words = ", ".join(f"“{text}”" for text in dict.fromkeys(same["figure_text"].astype(str)))
            phrases.append(f"{name}: only {words}, a vague quantity not compared as a number")
            continue
        top = points.iloc[0]
        source = top["source_group_label"] if str(top["source_group"] or "") not in ("", "nan") else "no named source"
        others = [other for other in split_list(top["labels_same_figure"]) if other != label]
        shared = f", also in {_prose_list(others)}" if others else ""
        phrases.append(f"{name}: {_format_number(top['figure'])} (“{top['figure_text']}”, {source}{shared})")
    return phrases


def _figure_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    """Per unit: how many figures about the troops (each once per article, with its mentions) and the largest of
    each kind and status, compared like with like."""
    if table is None or table.empty:
        return []
    out = []
    for label, part in table.groupby("label", sort=True):
        mentions = int(part["mentions"].sum())
        repeated = f" ({mentions} mentions: a figure repeated in an article is counted once)" \
            if mentions != len(part) else ""
        ranked = part.loc[part["figure"].notna()].sort_values(["figure", "claim_id"], ascending=[False, True])
        ids = ranked["sentence_id"].head(2).tolist() if len(ranked) else part["sentence_id"].head(2).tolist()
        out.append(Finding(label, "figures", (
            f"{_who(label, part.iloc[0])}: {_n(len(part), 'figure')} about the North Korean troops{repeated}; the "
            f"largest of each kind and status, compared like with like — {'; '.join(_largest(part, label))}."),
            evidence(join_list(ids))))
    return out


def _headline_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    if table is None or table.empty:
        return []
    out = []
    for row in table.itertuples(index=False):
        if _is_outlet(row._asdict()):
            out.append(_outlet_headlines(row._asdict()))
            continue
        if not row.has_headline:
            out.append(Finding(row.label, "headline", f"{row.label}: the text carries no headline.", []))
            continue
        traits = [
            "is a question" if row.question else "is not a question",
            f"attributes its claim to {row.attributed_to}" if row.attributed else "attributes its claim to no one",
            f"states a figure ({row.figures.replace(' | ', ', ')})" if row.figure else "states no figure",
            "is hedged" if row.hedged else "is not hedged",
        ]
        out.append(Finding(row.label, "headline", f"{row.label}: the headline {', '.join(traits[:-1])} and "
                                                   f"{traits[-1]}.", evidence(row.sentence_id)))
    return out


def _outlet_headlines(row: Mapping) -> Finding:
    """An outlet's headlines counted: how many are questions, attributed, give a figure, are hedged."""
    n, who = int(row["n_headlines"]), _who(row["label"], row)
    if n == 0:
        return Finding(row["label"], "headline", f"{who}: none of its articles carries a headline.", [])
    traits = [f"{int(row['question'])} {'is a question' if int(row['question']) == 1 else 'are questions'}",
              f"{int(row['attributed'])} attribute their claim to a source",
              f"{int(row['figure'])} state a figure", f"{int(row['hedged'])} are hedged"]
    return Finding(row["label"], "headline", f"{who}: of its {_n(n, 'headline')}, {', '.join(traits[:-1])} and "
                                             f"{traits[-1]}.", [])


def _groups_text(cell: object) -> str:
    groups = [group_label(group) for group in split_list(cell) if group]
    return _prose_list(groups) if groups else "no one"


def _gap_clauses(row: Mapping) -> list[str]:
    """What one article's headline does with what its body says of the same content (headline_gap.csv row)."""
    if row["headline_question"]:
        return ["is a question, so it states nothing as fact"]
    qualified = [word for flag, word in (("body_hedged", "hedges"), ("body_attributed",
                 f"attributes to {_groups_text(row['body_source_groups'])}")) if row[flag]]
    if row["states_as_fact"]:
        clauses = [f"states as fact what the body {' and '.join(qualified)}"]
    elif row["drops_hedge"]:
        clauses = ["keeps a source but drops the body's hedge"]
    elif row["drops_attribution"]:
        clauses = [f"drops the body's source ({_groups_text(row['body_source_groups'])})"]
    else:
        clauses = ["qualifies its claim as the body does" if qualified else "is as bare as the body"]
    if row["figure_difference"]:
        differs = row["figure_difference"].replace(" | ", ", ")
        clauses.append(f"gives a figure that differs from the body's in {differs} (headline: "
                       f"{row['headline_figures'] or 'none'}; body: {row['body_figures'] or 'none'})".replace("_", " "))
    if row["credit_differs"] and not row["drops_attribution"]:
        clauses.append(f"credits {_groups_text(row['headline_source_groups'])} where the body cites "
                       f"{_groups_text(row['body_source_groups'])}")
    elif row["credit"] == "same" and row["headline_actors"] != row["body_actors"]:
        clauses.append(f"credits {_groups_text(row['headline_source_groups'])} as the body does "
                       f"({row['headline_actors']} in the headline, {row['body_actors']} in the body)")
    return clauses


def _headline_gap_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    """Per unit: the headline against what the body says of the same content (issue 17, item 4)."""
    if table is None or table.empty:
        return []
    out = []
    for row in table.to_dict("records"):
        who = _who(row["label"], row)
        if _is_outlet(row):
            n = int(row["n_compared"])
            if n:
                counts = [f"{int(row['n_states_as_fact'])} state as fact what the body hedges or attributes",
                          f"{int(row['n_drops_hedge'])} drop the body's hedge",
                          f"{int(row['n_drops_attribution'])} drop its source",
                          f"{int(row['n_figure_differs'])} give another figure",
                          f"{int(row['n_credit_differs'])} credit other sources"]
                out.append(Finding(row["label"], "headline_gap", f"{who}: of its {_n(n, 'headline')} matched to "
                                   f"body sentences, {', '.join(counts[:-1])} and {counts[-1]}.", []))
            continue
        if not row["has_headline"]:
            continue
        if row["match"] not in ("figure", "words"):
            out.append(Finding(row["label"], "headline_gap", f"{who}: no body sentence reports the headline's content "
                               "closely enough to compare them.", evidence(row["headline_sentence_ids"])))
            continue
        clauses = _gap_clauses(row)
        sentence = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
        ids = split_list(row["headline_sentence_ids"])[:1] + split_list(row["body_sentence_ids"])[:1]
        out.append(Finding(row["label"], "headline_gap", f"{who}: against its body, the headline {sentence}.",
                           evidence(join_list(ids))))
    return out


def _location_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    if table is None or table.empty:
        return []
    return _share_findings(table.loc[table["place_group"] == "russia"], "location", evidence, lambda who, row: (
        f"{who}: {row['count']} of {row['total']} placements of the troops are in Russia "
        f"({row['share']:.0%}{_interval(row, brackets=False)}), the rest in Ukraine"))


def _frame_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    if table is None or table.empty:
        return []
    out = []
    table = table.sort_values(["scheme", "label", "score", "frame"], ascending=[True, True, False, True],
                              kind="stable")  # sorted once: each article's strongest frame comes first
    per_article = table.assign(present=table["present"].astype(bool)).groupby(["scheme", "label"])["present"]
    n_present, n_frames = per_article.sum().to_dict(), per_article.size().to_dict()
    for top in table.drop_duplicates(["scheme", "label"]).to_dict("records"):
        scheme, label = top["scheme"], top["label"]
        if float(top["score"]) <= 0:
            continue
        frame, present = str(top["frame"]).replace("_", " "), int(n_present[(scheme, label)])
        if _is_outlet(top):
            sentence = (f"{_who(label, top)}: the strongest {scheme} frame is {frame} (mean score "
                        f"{top['score']:.2f}, present in {int(top['n_present'])} of {int(top['n_articles'])} "
                        f"articles); {present} of {n_frames[(scheme, label)]} {scheme} frames are present in at "
                        "least one article.")
        else:
            sentence = (f"{label}: the strongest {scheme} frame is {frame} (score {top['score']:.2f}); "
                        f"{present} of {n_frames[(scheme, label)]} {scheme} frames are present.")
        out.append(Finding(label, f"frame_{scheme}", sentence, evidence(top["evidence_sentence_ids"])))
    return out


def _evidence_of_measures(comparisons: Mapping[str, pd.DataFrame]) -> dict[tuple[str, str], str]:
    """(unit, measure name of outlet_comparison) → the evidence sentence ids of the unit tables."""
    keys = {"certainty": lambda t: t["measure"], "voice": lambda t: "voice:" + t["actor_group"].astype(str),
            "locations": lambda t: "placed_in_" + t["place_group"].astype(str),
            "frames_matrix": lambda t: "frame_" + t["scheme"].astype(str) + ":" + t["frame"].astype(str)}
    found: dict[tuple[str, str], str] = {}
    for name, key in keys.items():
        table = comparisons.get(name)
        if table is not None and len(table):
            found.update(zip(zip(text_column(table["label"]), key(table)), text_column(table["evidence_sentence_ids"])))
    return found


def _difference_findings(table: pd.DataFrame | None, evidence_of: Mapping[tuple[str, str], str],
                         evidence) -> list[Finding]:
    """One finding per outlet × measure whose difference from the rest of the corpus survives the correction."""
    if table is None or table.empty:
        return []
    out = []
    stated = table.loc[table["stated"].astype(bool)].sort_values(["p_adjusted", "unit", "measure"], kind="stable")
    for row in stated.to_dict("records"):
        row = {**row, "unit_kind": "outlet"}
        out.append(Finding(row["unit"], "difference", (
            f"{_who(row['unit'], row)}: {row['share']:.0%} of {row['measure_label']} ({_format_number(row['count'])} "
            f"of {_format_number(row['total'])}){_interval(row)}{against_rest(row)}."),
            evidence(evidence_of.get((row["unit"], row["measure"]), ""))))
    return out


def findings_table(found: list[Finding]) -> pd.DataFrame:
    """Findings as a table for findings.csv: label, measure, finding, evidence_sentence_ids."""
    rows = [{"label": f.label, "measure": f.measure, "finding": f.sentence_en,
             "evidence_sentence_ids": join_list(e.sentence_id for e in f.evidence)} for f in found]
    return pd.DataFrame(rows, columns=["label", "measure", "finding", "evidence_sentence_ids"])


# --------------------------------------------------------------------------------------------------
