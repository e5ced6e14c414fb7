"""Comparisons between articles: who speaks, how certain, which figures, which frames, where.

Every function takes processed tables (see analysis/schemas.py) and returns a tidy DataFrame whose
unit is the article, labelled by its outlet label (articles.label). Only articles with status "ok"
are compared; the others appear in ``corpus_summary`` and ``wire_copy`` with their reason. Every row
carries the sentence ids that produced it (``evidence_sentence_ids``, " | "-joined), so each number
in the report traces back to sentences.csv.

Call sequence (notebook 03): ``load_inputs`` → ``compare_all`` → ``write_comparisons``;
(notebook 04): ``load_comparisons`` + ``load_inputs`` → ``findings`` → analysis.plots / analysis.report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml

from analysis import schemas
from analysis.errors import ConfigError
from analysis.keyness import keyness
from analysis.paths import display_path, resource
from analysis.tables import read_csv, write_csv

#: Tables read from data/processed by the comparison stage, in the order the stages write them.
INPUT_TABLES = ("articles", "sentences", "stance", "attributions", "claims", "places", "lemmas", "frames")

#: Columns of each input table that the comparisons use; a missing optional table is an empty frame.
INPUT_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "source_file", "sha256", "label", "outlet", "outlet_source", "status", "reason",
                 "published", "agency", "duplicate_of", "near_duplicate_of"),
    "sentences": ("sentence_id", "article_id", "paragraph_id", "position", "kind", "text"),
    "stance": ("sentence_id", "article_id", "hedged", "hedge_cues", "unverified", "unverified_cues", "confirmed",
               "confirmed_cues", "denial", "denial_cues", "denial_actor_group", "question"),
    "attributions": ("attribution_id", "article_id", "sentence_id", "actor", "actor_group", "cue", "quote_type"),
    "claims": ("claim_id", "article_id", "sentence_id", "value", "low", "high", "qualifier", "kind", "subject",
               "actor", "source_group", "hedged", "text"),
    "places": ("place_id", "article_id", "sentence_id", "place", "place_group", "cue"),
    "lemmas": ("sentence_id", "article_id", "lemmas"),
    "frames": ("article_id", "scheme", "frame", "score", "present", "evidence_sentence_ids"),
}

#: Tables that a run cannot do without (the others, when absent, give empty comparisons).
REQUIRED_TABLES = ("articles", "sentences")

#: The comparison tables written by :func:`write_comparisons`, in order, with their file names.
COMPARISON_FILES = {
    "corpus_summary": "corpus_summary.csv",
    "voice": "voice.csv",
    "named_sources": "named_sources.csv",
    "certainty": "certainty.csv",
    "figures": "figures.csv",
    "claims_timeline": "claims_timeline.csv",
    "frames_matrix": "frames_matrix.csv",
    "keyness": "keyness.csv",
    "headlines": "headlines.csv",
    "locations": "locations.csv",
    "wire_copy": "wire_copy.csv",
    "findings": "findings.csv",
}

STANCE_FLAGS = ("hedged", "unverified", "confirmed", "denial", "question")
CERTAINTY_MEASURES = ("hedged", "unverified", "confirmed", "denial", "deployment_attributed",
                      "deployment_unattributed")
PLACE_GROUPS = ("ukraine", "russia")
LIST_SEPARATOR = " | "


# --------------------------------------------------------------------------------------------------
# Small helpers shared by every comparison
# --------------------------------------------------------------------------------------------------

def group_label(group: str) -> str:
    """Display name of an actor group key, from analysis.actors when available ("south_korea" → "South Korea")."""
    text = str(group or "").strip()
    if not text or text == "nan":
        return "no source"
    try:
        from analysis.actors import group_label as actors_group_label  # the gazetteer's display names
        return str(actors_group_label(text))
    except (ImportError, KeyError, ValueError, OSError, ConfigError):
        return " ".join(word.upper() if word in _ACRONYMS else word.capitalize() for word in text.split("_"))


_ACRONYMS = {"eu", "nato", "un", "us", "uk"}


def _text(series: pd.Series) -> pd.Series:
    """A text column with missing values as empty strings."""
    return series.astype(object).where(series.notna(), "").astype(str)


def _flag(series: pd.Series) -> pd.Series:
    """A boolean column from booleans or their CSV spellings; missing values are False."""
    if series.dtype == bool:
        return series
    return series.map(lambda value: str(value).strip().lower() in {"true", "1", "yes"}).astype(bool)


def _join(values: Iterable[str]) -> str:
    """Cell value of a list: its items " | "-joined (empty items dropped)."""
    return LIST_SEPARATOR.join(str(value) for value in values if str(value))


def split_list(cell: object) -> list[str]:
    """The items of a " | "-joined cell ("" or missing → [])."""
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return []
    return [item.strip() for item in str(cell).split("|") if item.strip()]


def _share(count: float, total: float) -> float:
    """count / total, NaN when there is nothing to divide (written as an empty cell)."""
    return float(count) / float(total) if total else float("nan")


def _frame(table: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """An input table with every column the comparisons use (missing ones empty)."""
    table = pd.DataFrame() if table is None else table.copy()
    for column in INPUT_COLUMNS[name]:
        if column not in table.columns:
            table[column] = pd.Series(dtype=object)
    return table.reset_index(drop=True)


def compared_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles that are compared (status "ok"): article_id, label, outlet, published, agency; sorted by label."""
    articles = _frame(articles, "articles")
    ok = articles.loc[_text(articles["status"]) == "ok"].copy()
    for column in ("article_id", "label", "outlet", "outlet_source", "published", "agency"):
        ok[column] = _text(ok[column])
    ok["label"] = ok["label"].where(ok["label"] != "", ok["article_id"])
    ok["published"] = ok["published"].map(published_date)
    columns = ["article_id", "label", "outlet", "outlet_source", "published", "agency"]
    return ok[columns].sort_values(["label", "article_id"], kind="stable").reset_index(drop=True)


def published_date(value: object) -> str:
    """The ISO date (YYYY-MM-DD) at the start of a published value, or "" when unknown.

    A regular expression rather than a date parser: the clean stage already normalised dates to ISO,
    and anything else (an empty cell, "unknown", a free-text date) must count as unknown, not be guessed.
    """
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", str(value or ""))
    return match.group(1) if match else ""


def unit_note(articles: pd.DataFrame) -> str:
    """One sentence saying what a row is: one article, and how many articles each outlet label has."""
    ok = compared_articles(articles)
    if ok.empty:
        return "No article could be compared (none has status ok)."
    known = ok.loc[(ok["outlet_source"] != "unknown") & ~ok["outlet"].str.lower().isin(["", "unknown"])]
    per_outlet = known.groupby("outlet").size()  # unknown outlets are not one outlet
    most = int(per_outlet.max()) if len(per_outlet) else 1
    base = f"Each row is one article; {len(ok)} article(s) are compared, each under its own label"
    if most <= 1:
        return base + ": no outlet has more than one article, so a difference between labels is a " \
                      "difference between single articles, not between outlets' coverage."
    return base + f"; up to {most} articles share an outlet, and each is still shown separately."


# --------------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------------

def load_inputs(processed_dir: Path) -> dict[str, pd.DataFrame]:
    """Read the processed tables the comparisons use; a missing required table is a ConfigError."""
    processed_dir = Path(processed_dir)
    missing = [name for name in REQUIRED_TABLES if not (processed_dir / f"{name}.csv").exists()]
    if missing:
        raise ConfigError(
            f"missing processed table(s): {', '.join(name + '.csv' for name in missing)}",
            path=display_path(processed_dir),
            hint="run the clean and annotate stages first (notebooks 01_clean and 02_annotate, or `make report`).",
        )
    tables = {}
    for name in INPUT_TABLES:
        path = processed_dir / f"{name}.csv"
        tables[name] = _frame(read_csv(path) if path.exists() else None, name)
    return tables


def load_comparisons(processed_dir: Path) -> dict[str, pd.DataFrame]:
    """Read back the tables written by :func:`write_comparisons` (a missing one is a ConfigError)."""
    processed_dir = Path(processed_dir)
    missing = [file for file in COMPARISON_FILES.values() if not (processed_dir / file).exists()]
    if missing:
        raise ConfigError(
            f"missing comparison table(s): {', '.join(missing)}",
            path=display_path(processed_dir),
            hint="run the comparison stage first (notebook 03_compare, or `make report`).",
        )
    return {name: read_comparison(processed_dir / file, name) for name, file in COMPARISON_FILES.items()}


def read_comparison(path: Path, name: str) -> pd.DataFrame:
    """One comparison table from CSV, text columns read as text ("30" stays "30", empty stays "")."""
    schema = getattr(schemas, "COMPARISON_SCHEMAS", {}).get(name)
    text_columns = {column: str for column, spec in (schema.columns.items() if schema else [])
                    if str(spec.dtype).startswith("str")}
    frame = pd.read_csv(path, dtype=text_columns, keep_default_na=False, encoding="utf-8")
    return restore_types(frame, name)


def restore_types(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """A comparison table read from CSV with its schema's types: empty text cells "", flags bool, counts int."""
    schema = getattr(schemas, "COMPARISON_SCHEMAS", {}).get(name)
    if schema is None:
        return frame
    frame = frame.copy()
    for column, spec in schema.columns.items():
        if column not in frame.columns:
            continue
        kind = str(spec.dtype)
        if kind.startswith("str"):
            frame[column] = _text(frame[column])
        elif kind == "bool":
            frame[column] = _flag(frame[column])
        elif kind.startswith("int"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0).astype(int)
        elif kind.startswith("float"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    return frame


# --------------------------------------------------------------------------------------------------
# (a) Voice: who is given voice
# --------------------------------------------------------------------------------------------------

def _tally(rows: pd.DataFrame, key: str) -> tuple[dict, dict, dict]:
    """Rows per (article_id, ``key`` value), their sorted " | "-joined sentence ids, and rows per article.

    One pass over the table (grouped once), instead of one scan of it per article and value, so the
    comparisons stay linear in the corpus size.
    """
    pairs = rows.groupby(["article_id", key], sort=False)
    evidence = pairs["sentence_id"].agg(lambda ids: _join(sorted(set(ids)))).to_dict()
    return pairs.size().to_dict(), evidence, rows.groupby("article_id", sort=False).size().to_dict()


def voice(articles: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """Share of each article's attributions per actor group (every group seen in the corpus, zeros included).

    Columns: article_id, label, actor_group, actor_group_label, n_attributions, n_total, share,
    evidence_sentence_ids. share is empty when the article has no attribution at all.
    """
    ok = compared_articles(articles)
    rows = _frame(attributions, "attributions")
    rows = rows.assign(article_id=_text(rows["article_id"]), sentence_id=_text(rows["sentence_id"]))
    rows = rows.loc[rows["article_id"].isin(ok["article_id"])].copy()
    rows["actor_group"] = _text(rows["actor_group"]).replace("", "other")
    groups = sorted(set(rows["actor_group"]))
    counts, evidence, totals = _tally(rows, "actor_group")
    out = []
    for article in ok.itertuples(index=False):
        total = int(totals.get(article.article_id, 0))
        for group in groups:
            count = int(counts.get((article.article_id, group), 0))
            out.append({
                "article_id": article.article_id, "label": article.label, "actor_group": group,
                "actor_group_label": group_label(group), "n_attributions": count, "n_total": total,
                "share": _share(count, total), "evidence_sentence_ids": evidence.get((article.article_id, group), ""),
            })
    columns = ["article_id", "label", "actor_group", "actor_group_label", "n_attributions", "n_total", "share",
               "evidence_sentence_ids"]
    frame = pd.DataFrame(out, columns=columns)
    frame = frame.sort_values(["label", "n_attributions", "actor_group"], ascending=[True, False, True],
                              kind="stable")
    return frame.astype({"n_attributions": int, "n_total": int, "share": float}).reset_index(drop=True)


def named_sources(articles: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """Every source an article gives voice to, as written, with its group, how often and how it is quoted.

    Columns: article_id, label, actor, actor_group, actor_group_label, n_attributions, quote_types,
    evidence_sentence_ids.
    """
    ok = compared_articles(articles)
    rows = _frame(attributions, "attributions")
    rows = rows.loc[_text(rows["article_id"]).isin(ok["article_id"])].copy()
    for column in ("actor", "actor_group", "quote_type", "sentence_id"):
        rows[column] = _text(rows[column])
    rows["actor_group"] = rows["actor_group"].replace("", "other")
    rows = rows.merge(ok[["article_id", "label"]], on="article_id")
    out = []
    for (article_id, label, actor, group), part in rows.groupby(["article_id", "label", "actor", "actor_group"],
                                                                 sort=True):
        out.append({
            "article_id": article_id, "label": label, "actor": actor, "actor_group": group,
            "actor_group_label": group_label(group), "n_attributions": len(part),
            "quote_types": _join(sorted(set(part["quote_type"]))),
            "evidence_sentence_ids": _join(sorted(set(part["sentence_id"]))),
        })
    columns = ["article_id", "label", "actor", "actor_group", "actor_group_label", "n_attributions",
               "quote_types", "evidence_sentence_ids"]
    frame = pd.DataFrame(out, columns=columns)
    frame = frame.sort_values(["label", "n_attributions", "actor"], ascending=[True, False, True], kind="stable")
    return frame.astype({"n_attributions": int}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (b) Certainty: hedging, unverified, confirmed, denied; attributed vs unattributed deployment claims
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MentionRules:
    """When a sentence is about the North Korean troops (analysis/resources/deployment_mentions.yaml)."""

    north_korea: tuple[re.Pattern, ...]
    troop_lemmas: frozenset[str]
    people: tuple[re.Pattern, ...] = field(default=())


@lru_cache(maxsize=4)
def load_mention_rules(path: Path | None = None) -> MentionRules:
    """Read the deployment-mention rules; a malformed file is a ConfigError naming the problem."""
    path = Path(path) if path else resource("deployment_mentions.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read the deployment-mention rules: {error}", path=display_path(path),
                          hint="restore the file from the repository or fix its YAML syntax.") from error
    try:
        north_korea = tuple(re.compile(p, re.IGNORECASE) for p in data.get("north_korea_patterns") or [])
        people = tuple(re.compile(p) for p in data.get("people_patterns") or [])
    except re.error as error:
        raise ConfigError(f"invalid regular expression {error.pattern!r}: {error}", path=display_path(path),
                          hint="fix the pattern (Python `re` syntax).") from error
    lemmas = frozenset(str(lemma).strip().lower() for lemma in data.get("troop_lemmas") or [])
    if not north_korea or not lemmas:
        raise ConfigError("north_korea_patterns and troop_lemmas must both list at least one entry",
                          path=display_path(path), hint="restore the file from the repository.")
    return MentionRules(north_korea, lemmas, people)


def mentions_deployment(text: str, lemmas: Iterable[str] | str, rules: MentionRules | None = None) -> bool:
    """Whether a sentence is about the North Korean troops: North Korea + a troop lemma, or "Nord-Coréens"."""
    rules = rules or load_mention_rules()
    text = str(text or "")
    if any(pattern.search(text) for pattern in rules.people):
        return True
    if not any(pattern.search(text) for pattern in rules.north_korea):
        return False
    words = lemmas.split() if isinstance(lemmas, str) else list(lemmas)
    return any(str(word).lower() in rules.troop_lemmas for word in words)


def body_sentences(articles: pd.DataFrame, sentences: pd.DataFrame, stance: pd.DataFrame,
                   attributions: pd.DataFrame, lemmas: pd.DataFrame,
                   rules: MentionRules | None = None) -> pd.DataFrame:
    """Body sentences of compared articles with their stance flags, attribution count and deployment mention."""
    ok = compared_articles(articles)
    sentences = _frame(sentences, "sentences")
    sentences = sentences.loc[(_text(sentences["kind"]) == "body")
                              & _text(sentences["article_id"]).isin(ok["article_id"])]
    body = sentences[["sentence_id", "article_id", "position", "text"]].copy()
    body["text"] = _text(body["text"])
    stance = _frame(stance, "stance").drop(columns=["article_id"]).drop_duplicates("sentence_id")
    body = body.merge(stance, on="sentence_id", how="left")
    for flag in STANCE_FLAGS:
        body[flag] = _flag(body[flag])
    counts = _frame(attributions, "attributions").groupby("sentence_id").size().rename("n_attributions")
    body = body.merge(counts, left_on="sentence_id", right_index=True, how="left")
    body["n_attributions"] = body["n_attributions"].fillna(0).astype(int)
    lemma_map = _frame(lemmas, "lemmas").drop_duplicates("sentence_id").set_index("sentence_id")["lemmas"]
    rules = rules or load_mention_rules()
    body["deployment"] = [
        mentions_deployment(text, str(lemma_map.get(sid, "") or ""), rules)
        for sid, text in zip(body["sentence_id"], body["text"])
    ]
    body = body.merge(ok[["article_id", "label"]], on="article_id")
    return body.sort_values("sentence_id", kind="stable").reset_index(drop=True)


def certainty(articles: pd.DataFrame, sentences: pd.DataFrame, stance: pd.DataFrame,
              attributions: pd.DataFrame, lemmas: pd.DataFrame, rules: MentionRules | None = None) -> pd.DataFrame:
    """Per article × measure: count, total and share of body sentences (see CERTAINTY_MEASURES).

    hedged/unverified/confirmed/denial: body sentences with that stance flag, over all body sentences.
    deployment_attributed/unattributed: body sentences about the North Korean troops with ≥1 / no
    attribution, over all body sentences about the troops.
    Columns: article_id, label, measure, count, total, share, evidence_sentence_ids.
    """
    ok = compared_articles(articles)
    body = body_sentences(articles, sentences, stance, attributions, lemmas, rules)
    every, about = pd.Series(True, index=body.index), body["deployment"].astype(bool)
    selections = {  # measure: (the sentences counted, the sentences of the total)
        "hedged": (body["hedged"], every), "unverified": (body["unverified"], every),
        "confirmed": (body["confirmed"], every), "denial": (body["denial"], every),
        "deployment_attributed": (about & (body["n_attributions"] > 0), about),
        "deployment_unattributed": (about & (body["n_attributions"] == 0), about),
    }
    out = []
    for measure in CERTAINTY_MEASURES:  # grouped once per measure, not one scan of the sentences per article
        chosen, of_total = selections[measure]
        counts = body.loc[chosen].groupby("article_id", sort=False).size().to_dict()
        totals = body.loc[of_total].groupby("article_id", sort=False).size().to_dict()
        evidence = body.loc[chosen].groupby("article_id", sort=False)["sentence_id"].agg(_join).to_dict()
        for article in ok.itertuples(index=False):
            count, total = int(counts.get(article.article_id, 0)), int(totals.get(article.article_id, 0))
            out.append({
                "article_id": article.article_id, "label": article.label, "measure": measure,
                "count": count, "total": total, "share": _share(count, total),
                "evidence_sentence_ids": evidence.get(article.article_id, ""),
            })
    columns = ["article_id", "label", "measure", "count", "total", "share", "evidence_sentence_ids"]
    frame = pd.DataFrame(out, columns=columns)
    frame["measure_order"] = frame["measure"].map(CERTAINTY_MEASURES.index)
    frame = frame.sort_values(["measure_order", "label"], kind="stable").drop(columns="measure_order")
    return frame.astype({"count": int, "total": int, "share": float}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (c) Figures: which figure, on whose authority, when
# --------------------------------------------------------------------------------------------------

def figures(articles: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The claims table joined with each article's label and published date (ISO or "" when unknown).

    Columns: claim_id, article_id, label, published, sentence_id, kind, subject, value, low, high, figure,
    figure_text, qualifier, actor, source_group, source_group_label, hedged, text. ``figure`` is the
    number used to plot and compare: the value, else the lower bound ("au moins 30" → 30; "plusieurs
    milliers" → 2000, its weakest reading), else the upper bound ("jusqu'à 12 000"); ``figure_text`` is
    the claim as written.
    """
    ok = compared_articles(articles)
    claims = _frame(claims, "claims")
    claims = claims.loc[_text(claims["article_id"]).isin(ok["article_id"])].copy()
    for column in ("value", "low", "high"):
        claims[column] = pd.to_numeric(claims[column], errors="coerce").astype(float)
    for column in ("claim_id", "sentence_id", "kind", "subject", "qualifier", "actor", "source_group", "text"):
        claims[column] = _text(claims[column])
    claims["hedged"] = _flag(claims["hedged"])
    claims["figure"] = claims["value"].fillna(claims["low"]).fillna(claims["high"])
    claims["figure_text"] = claims["text"]
    claims["source_group_label"] = [group_label(group) if group else "no source"
                                    for group in claims["source_group"]]
    claims = claims.drop(columns=["label", "published"], errors="ignore").merge(
        ok[["article_id", "label", "published"]], on="article_id")
    columns = ["claim_id", "article_id", "label", "published", "sentence_id", "kind", "subject", "value", "low",
               "high", "figure", "figure_text", "qualifier", "actor", "source_group", "source_group_label", "hedged",
               "text"]
    return claims[columns].sort_values("claim_id", kind="stable").reset_index(drop=True)


def claims_timeline(figure_table: pd.DataFrame, subject: str = "north_korean_troops") -> pd.DataFrame:
    """Figures about ``subject`` by publication date, with which other labels reported the same figure.

    "Same figure" means the same kind and the same number. Unknown dates are kept (date_known False)
    and sorted last. Columns: published, date_known, label, article_id, kind, figure, figure_text, value,
    low, high, qualifier, source_group, source_group_label, hedged, n_labels_same_figure, labels_same_figure,
    claim_id, sentence_id.
    """
    table = figure_table.loc[_text(figure_table["subject"]) == subject].copy()
    table["published"] = _text(table["published"])
    table["date_known"] = table["published"] != ""
    table = table.loc[table["figure"].notna()] if len(table) else table
    key = table["kind"].astype(str) + "\x1f" + table["figure"].astype(str)
    labels_by_key = table.groupby(key)["label"].agg(lambda labels: sorted(set(labels))) if len(table) else {}
    table["labels_same_figure"] = [_join(labels_by_key[k]) for k in key] if len(table) else []
    table["n_labels_same_figure"] = [len(labels_by_key[k]) for k in key] if len(table) else []
    columns = ["published", "date_known", "label", "article_id", "kind", "figure", "figure_text", "value", "low",
               "high", "qualifier", "source_group", "source_group_label", "hedged", "n_labels_same_figure",
               "labels_same_figure", "claim_id", "sentence_id"]
    table = table.reindex(columns=columns)
    table = table.sort_values(["date_known", "published", "kind", "figure", "label", "claim_id"],
                              ascending=[False, True, True, True, True, True], kind="stable")
    return table.astype({"n_labels_same_figure": int, "date_known": bool}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (d) Frames
# --------------------------------------------------------------------------------------------------

def frames_matrix(articles: pd.DataFrame, frames: pd.DataFrame) -> pd.DataFrame:
    """Frame score per scheme × frame × article, every combination present (missing → score 0, absent).

    Columns: scheme, frame, article_id, label, score, present, evidence_sentence_ids.
    """
    ok = compared_articles(articles)
    frames = _frame(frames, "frames")
    frames = frames.loc[_text(frames["article_id"]).isin(ok["article_id"])].copy()
    frames["scheme"], frames["frame"] = _text(frames["scheme"]), _text(frames["frame"])
    frames["score"] = pd.to_numeric(frames["score"], errors="coerce").fillna(0.0).astype(float)
    frames["present"] = _flag(frames["present"])
    frames["evidence_sentence_ids"] = _text(frames["evidence_sentence_ids"])
    grid = frames[["scheme", "frame"]].drop_duplicates().merge(ok[["article_id", "label"]], how="cross")
    keep = ["article_id", "scheme", "frame", "score", "present", "evidence_sentence_ids"]
    table = grid.merge(frames[keep].drop_duplicates(["article_id", "scheme", "frame"]),
                       on=["article_id", "scheme", "frame"], how="left")
    table["score"] = table["score"].fillna(0.0).astype(float)
    table["present"] = table["present"].fillna(False).astype(bool)
    table["evidence_sentence_ids"] = _text(table["evidence_sentence_ids"])
    columns = ["scheme", "frame", "article_id", "label", "score", "present", "evidence_sentence_ids"]
    return table[columns].sort_values(["scheme", "frame", "label"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (f) Headlines
# --------------------------------------------------------------------------------------------------

def headlines(articles: pd.DataFrame, sentences: pd.DataFrame, stance: pd.DataFrame,
              attributions: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Per article, its headline (first sentence of kind headline): attributed, question, figure, hedged.

    One row per article (the measures are yes/no properties of one sentence). An article without a
    headline has has_headline False and the other flags False. Columns: article_id, label, has_headline,
    sentence_id, text, attributed, attributed_to, question, figure, figures, hedged, hedge_cues.
    """
    ok = compared_articles(articles)
    sentences = _frame(sentences, "sentences")
    heads = sentences.loc[_text(sentences["kind"]) == "headline"].copy()
    heads["position"] = pd.to_numeric(heads["position"], errors="coerce")
    heads = heads.sort_values(["article_id", "position", "sentence_id"], kind="stable")
    first = heads.drop_duplicates("article_id").set_index("article_id")
    stance = _frame(stance, "stance").drop_duplicates("sentence_id").set_index("sentence_id")
    attributions, claims = _frame(attributions, "attributions"), _frame(claims, "claims")
    # the attributions and claims of headline sentences, grouped once by sentence
    headline_ids = set(_text(first["sentence_id"]))
    attributions = attributions.assign(sentence_id=_text(attributions["sentence_id"]),
                                       actor_group=_text(attributions["actor_group"]))
    attributions = attributions.loc[attributions["sentence_id"].isin(headline_ids)]
    groups_of = attributions.groupby("sentence_id")["actor_group"].agg(lambda groups: sorted(set(groups))).to_dict()
    claims = claims.assign(sentence_id=_text(claims["sentence_id"]), value=pd.to_numeric(claims["value"],
                                                                                           errors="coerce"))
    claims = claims.loc[claims["sentence_id"].isin(headline_ids) & claims["value"].notna()]
    numbers_of = claims.groupby("sentence_id")["value"].agg(lambda numbers: sorted(numbers)).to_dict()
    out = []
    for article in ok.itertuples(index=False):
        row = {"article_id": article.article_id, "label": article.label, "has_headline": False, "sentence_id": "",
               "text": "", "attributed": False, "attributed_to": "", "question": False, "figure": False,
               "figures": "", "hedged": False, "hedge_cues": ""}
        if article.article_id in first.index:
            sid = str(first.loc[article.article_id, "sentence_id"])
            text = str(first.loc[article.article_id, "text"])
            groups, numbers = groups_of.get(sid, []), numbers_of.get(sid, [])
            flags = stance.loc[sid] if sid in stance.index else None
            row.update({
                "has_headline": True, "sentence_id": sid, "text": text, "attributed": bool(groups),
                "attributed_to": _join(group_label(group) for group in groups),
                "question": bool(flags is not None and _flag(pd.Series([flags["question"]])).iloc[0]),
                "figure": bool(numbers), "figures": _join(f"{value:g}" for value in numbers),
                "hedged": bool(flags is not None and _flag(pd.Series([flags["hedged"]])).iloc[0]),
                "hedge_cues": str(flags["hedge_cues"]) if flags is not None and pd.notna(flags["hedge_cues"])
                else "",
            })
        out.append(row)
    columns = ["article_id", "label", "has_headline", "sentence_id", "text", "attributed", "attributed_to",
               "question", "figure", "figures", "hedged", "hedge_cues"]
    return pd.DataFrame(out, columns=columns).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (g) Location framing
# --------------------------------------------------------------------------------------------------

def locations(articles: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Per article × place group (ukraine, russia): how often the text places the troops there, and the share.

    Columns: article_id, label, place_group, count, total, share, evidence_sentence_ids.
    """
    ok = compared_articles(articles)
    places = _frame(places, "places")
    places = places.assign(article_id=_text(places["article_id"]), place_group=_text(places["place_group"]),
                           sentence_id=_text(places["sentence_id"]))
    places = places.loc[places["article_id"].isin(ok["article_id"]) & places["place_group"].isin(PLACE_GROUPS)]
    counts, evidence, totals = _tally(places, "place_group")
    out = []
    for article in ok.itertuples(index=False):
        total = int(totals.get(article.article_id, 0))
        for group in PLACE_GROUPS:
            count = int(counts.get((article.article_id, group), 0))
            out.append({"article_id": article.article_id, "label": article.label, "place_group": group,
                        "count": count, "total": total, "share": _share(count, total),
                        "evidence_sentence_ids": evidence.get((article.article_id, group), "")})
    columns = ["article_id", "label", "place_group", "count", "total", "share", "evidence_sentence_ids"]
    frame = pd.DataFrame(out, columns=columns)
    return frame.astype({"count": int, "total": int, "share": float}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# (h) Wire copy and the corpus
# --------------------------------------------------------------------------------------------------

def wire_copy(articles: pd.DataFrame) -> pd.DataFrame:
    """Per article (every status): its agency credit and the articles it duplicates exactly or nearly.

    Columns: article_id, label, status, agency, exact_duplicate_of, exact_duplicate_of_label,
    near_duplicate_of, near_duplicate_of_label, shares_copy.
    """
    articles = _frame(articles, "articles")
    labels = dict(zip(_text(articles["article_id"]), _text(articles["label"])))
    out = []
    for row in articles.itertuples(index=False):
        exact, near = split_list(row.duplicate_of), split_list(row.near_duplicate_of)
        out.append({
            "article_id": str(row.article_id), "label": str(labels.get(str(row.article_id), "")),
            "status": "" if pd.isna(row.status) else str(row.status),
            "agency": "" if pd.isna(row.agency) else str(row.agency),
            "exact_duplicate_of": _join(exact), "exact_duplicate_of_label": _join(labels.get(a, a) for a in exact),
            "near_duplicate_of": _join(near), "near_duplicate_of_label": _join(labels.get(a, a) for a in near),
            "shares_copy": bool(exact or near),
        })
    columns = ["article_id", "label", "status", "agency", "exact_duplicate_of", "exact_duplicate_of_label",
               "near_duplicate_of", "near_duplicate_of_label", "shares_copy"]
    return pd.DataFrame(out, columns=columns).sort_values("article_id", kind="stable").reset_index(drop=True)


def corpus_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """How many input files/articles have each status, grouped by reason, with the files listed.

    Columns: status, reason, n_articles, source_files, article_ids. Statuses in schema order.
    """
    articles = _frame(articles, "articles")
    table = pd.DataFrame({
        "status": _text(articles["status"]), "reason": _text(articles["reason"]),
        "source_file": _text(articles["source_file"]), "article_id": _text(articles["article_id"]),
    })
    out = []
    for (status, reason), part in table.groupby(["status", "reason"], sort=True):
        out.append({"status": status, "reason": reason, "n_articles": len(part),
                    "source_files": _join(sorted(set(part["source_file"]))),
                    "article_ids": _join(sorted(part["article_id"]))})
    columns = ["status", "reason", "n_articles", "source_files", "article_ids"]
    frame = pd.DataFrame(out, columns=columns)
    order = {status: index for index, status in enumerate(schemas.ARTICLE_STATUSES)}
    frame["order"] = frame["status"].map(lambda status: order.get(status, len(order)))
    frame = frame.sort_values(["order", "status", "reason"], kind="stable").drop(columns="order")
    return frame.astype({"n_articles": int}).reset_index(drop=True)


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
    sentences = _frame(sentences, "sentences")
    text_of = dict(zip(_text(sentences["sentence_id"]), _text(sentences["text"])))
    article_of = dict(zip(_text(sentences["sentence_id"]), _text(sentences["article_id"])))
    label_of_article: dict[str, str] = {}
    for table in comparisons.values():
        if table is not None and len(table) and {"article_id", "label"} <= set(table.columns):
            label_of_article.update(zip(_text(table["article_id"]), _text(table["label"])))
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
            f"{n_unverified} flag a claim as unverified."), evidence(_join(ids))))
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
             "evidence_sentence_ids": _join(e.sentence_id for e in f.evidence)} for f in found]
    return pd.DataFrame(rows, columns=["label", "measure", "finding", "evidence_sentence_ids"])


# --------------------------------------------------------------------------------------------------
# Everything at once
# --------------------------------------------------------------------------------------------------

def compare_all(inputs: Mapping[str, pd.DataFrame], alpha0: float | None = None, top_k: int = 15,
                min_count: int = 2) -> dict[str, pd.DataFrame]:
    """Every comparison table (keys of COMPARISON_FILES) from the input tables of :func:`load_inputs`."""
    t = {name: _frame(inputs.get(name), name) for name in INPUT_TABLES}
    figure_table = figures(t["articles"], t["claims"])
    out = {
        "corpus_summary": corpus_summary(t["articles"]),
        "voice": voice(t["articles"], t["attributions"]),
        "named_sources": named_sources(t["articles"], t["attributions"]),
        "certainty": certainty(t["articles"], t["sentences"], t["stance"], t["attributions"], t["lemmas"]),
        "figures": figure_table,
        "claims_timeline": claims_timeline(figure_table),
        "frames_matrix": frames_matrix(t["articles"], t["frames"]),
        "keyness": keyness(t["lemmas"], compared_articles(t["articles"]), alpha0=alpha0, top_k=top_k,
                           min_count=min_count),
        "headlines": headlines(t["articles"], t["sentences"], t["stance"], t["attributions"], t["claims"]),
        "locations": locations(t["articles"], t["places"]),
        "wire_copy": wire_copy(t["articles"]),
    }
    out["findings"] = findings_table(findings(out, t["sentences"]))
    return out


def write_comparisons(comparisons: Mapping[str, pd.DataFrame], processed_dir: Path) -> list[Path]:
    """Validate and write every comparison table as CSV (names in COMPARISON_FILES); returns the paths."""
    paths = []
    for name, file in COMPARISON_FILES.items():
        if name not in comparisons:
            raise KeyError(f"comparison table {name!r} is missing: compute it with compare_all() first")
        frame = comparisons[name]
        schema = schemas.COMPARISON_SCHEMAS.get(name) if hasattr(schemas, "COMPARISON_SCHEMAS") else None
        if schema is not None:
            frame = schemas.validate(frame, schema)
        paths.append(write_csv(frame, Path(processed_dir) / file))
    return paths
