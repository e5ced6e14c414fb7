"""Findings: sentences with numbers, generated from the comparison tables, each with its evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis.compare.inputs import input_frame, text_column
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


class _Ranking:
    """Where each label's value stands among all labels' values (computed once for all labels)."""

    def __init__(self, values: pd.Series) -> None:
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
             evidence_per_finding: int = 2) -> list[Finding]:
    """Findings per article label, each computed from the comparison tables, with quoted evidence."""
    sentences = input_frame(sentences, "sentences")
    text_of = dict(zip(text_column(sentences["sentence_id"]), text_column(sentences["text"])))
    article_of = dict(zip(text_column(sentences["sentence_id"]), text_column(sentences["article_id"])))
    label_of_article: dict[str, str] = {}
    for table in comparisons.values():
        if table is not None and len(table) and {"article_id", "label"} <= set(table.columns):
            label_of_article.update(zip(text_column(table["article_id"]), text_column(table["label"])))
    label_of_sentence = {sid: label_of_article.get(aid, "") for sid, aid in article_of.items()}

    def evidence(cell: object) -> list[Evidence]:
        return _evidence(split_list(cell), text_of, label_of_sentence, evidence_per_finding)

    out: list[Finding] = []
    out += _certainty_findings(comparisons.get("certainty"), evidence)
    out += _voice_findings(comparisons.get("voice"), evidence)
    out += _figure_findings(comparisons.get("claims_timeline"), evidence)
    out += _headline_findings(comparisons.get("headlines"), evidence)
    out += _location_findings(comparisons.get("locations"), evidence)
    out += _frame_findings(comparisons.get("frames_matrix"), evidence)
    order = {name: index for index, name in enumerate(FINDING_MEASURES)}
    return sorted(out, key=lambda finding: (finding.label, order.get(finding.measure, len(order))))


FINDING_MEASURES = ("hedged", "denial", "deployment_unattributed", "voice", "figures", "headline", "location",
                    "frame_generic", "frame_policy")


def _share_findings(rows: pd.DataFrame, measure: str, evidence,
                    sentence: Callable[[str, pd.Series], str]) -> list[Finding]:
    """One finding per label of a share measure (labels with a zero total skipped): ``sentence(label, row)``
    followed by the label's rank among all labels' shares."""
    rows = rows.set_index("label")
    ranking = _Ranking(rows["share"])
    return [Finding(label, measure, f"{sentence(label, row)}{ranking.phrase(label)}.",
                    evidence(row["evidence_sentence_ids"]))
            for label, row in rows.iterrows() if row["total"] != 0]


def _certainty_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    if table is None or table.empty:
        return []
    out = _share_findings(table.loc[table["measure"] == "hedged"], "hedged", evidence, lambda label, row: (
        f"{label}: {row['share']:.0%} of body sentences are hedged ({row['count']} of {row['total']})"))
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
            f"{label}: {_n(int(row['count']), 'body sentence')} of {row['total']} report a denial and "
            f"{n_unverified} flag a claim as unverified."), evidence(join_list(ids))))
    out += _share_findings(
        table.loc[table["measure"] == "deployment_unattributed"], "deployment_unattributed", evidence,
        lambda label, row: (f"{label}: {row['count']} of {row['total']} body sentences about the North Korean "
                            f"troops ({row['share']:.0%}) attribute nothing to a source"))
    return out


def _voice_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    if table is None or table.empty:
        return []
    out = []
    table = table.sort_values(["label", "n_attributions", "actor_group"], ascending=[True, False, True],
                              kind="stable")  # sorted once: each label's most cited group comes first
    n_groups = (table["n_attributions"] > 0).groupby(table["label"]).sum().to_dict()
    for top in table.drop_duplicates("label").to_dict("records"):
        label, total = top["label"], int(top["n_total"])
        if total == 0:
            out.append(Finding(label, "voice", f"{label}: no statement is attributed to any source.", []))
            continue
        out.append(Finding(label, "voice", (
            f"{label}: {top['actor_group_label']} is the most cited source group ({top['n_attributions']} of "
            f"{total} attributions, {top['share']:.0%}); {_n(int(n_groups[label]), 'source group')} cited in all."),
            evidence(top["evidence_sentence_ids"])))
    return out


def _figure_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    if table is None or table.empty:
        return []
    out = []
    for label, part in table.groupby("label", sort=True):
        exact = part.loc[part["value"].notna()] if "value" in part else part
        ranked = (exact if len(exact) else part).sort_values(["figure", "claim_id"], ascending=[False, True],
                                                              kind="stable")
        top = ranked.iloc[0]
        source = top["source_group_label"] if str(top["source_group"] or "") not in ("", "nan") else "no named source"
        shared = ""
        if int(top["n_labels_same_figure"]) > 1:
            others = [other for other in split_list(top["labels_same_figure"]) if other != label]
            shared = f"; the same figure appears in {_prose_list(others)}"
        kind = str(top["kind"]).replace("_", " ")
        written = f"; as written: “{top['figure_text']}”" if str(top.get("figure_text", "") or "") else ""
        out.append(Finding(label, "figures", (
            f"{label}: {_n(len(part), 'figure')} about the North Korean troops; the largest is "
            f"{_format_number(top['figure'])} ({kind}{written}), on the authority of {source}{shared}."),
            evidence(top["sentence_id"])))
    return out


def _headline_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    if table is None or table.empty:
        return []
    out = []
    for row in table.itertuples(index=False):
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


def _location_findings(table: pd.DataFrame | None, evidence) -> list[Finding]:
    if table is None or table.empty:
        return []
    return _share_findings(table.loc[table["place_group"] == "russia"], "location", evidence, lambda label, row: (
        f"{label}: {row['count']} of {row['total']} placements of the troops are in Russia "
        f"({row['share']:.0%}), the rest in Ukraine"))


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
        out.append(Finding(label, f"frame_{scheme}", (
            f"{label}: the strongest {scheme} frame is {str(top['frame']).replace('_', ' ')} "
            f"(score {top['score']:.2f}); "
            f"{int(n_present[(scheme, label)])} of {n_frames[(scheme, label)]} {scheme} frames are present."),
            evidence(top["evidence_sentence_ids"])))
    return out


def findings_table(found: list[Finding]) -> pd.DataFrame:
    """Findings as a table for findings.csv: label, measure, finding, evidence_sentence_ids."""
    rows = [{"label": f.label, "measure": f.measure, "finding": f.sentence_en,
             "evidence_sentence_ids": join_list(e.sentence_id for e in f.evidence)} for f in found]
    return pd.DataFrame(rows, columns=["label", "measure", "finding", "evidence_sentence_ids"])


# --------------------------------------------------------------------------------------------------
