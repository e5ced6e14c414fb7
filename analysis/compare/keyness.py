"""Keyness: which lemmas set one article apart from all the others.

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
Words: Lexical Feature Selection and Evaluation for Identifying the Content of Political Conflict",
Political Analysis 16(4), eq. 22 and the variance approximation that follows it). For lemma w, article
label i and the rest of the corpus j (all other labels together):

    α_w = α0 · y_w / n                       prior, proportional to the lemma's count y_w in the corpus
    δ_w = log[(y_wi + α_w) / (n_i + α0 − y_wi − α_w)] − log[(y_wj + α_w) / (n_j + α0 − y_wj − α_w)]
    σ²_w ≈ 1 / (y_wi + α_w) + 1 / (y_wj + α_w)
    z_w  = δ_w / √σ²_w

α0 (``alpha0``) is the total weight of the prior, in tokens. By default it is the corpus size n, so
that α_w = y_w: the prior adds the corpus's own counts once (the convention of the tidylo package).
A smaller α0 shrinks less and lets rare lemmas rank higher. Written with numpy because the formula is
four vector operations; no maintained Python package implements this estimator.

What is counted and when a lemma is called distinctive is set in analysis/resources/keyness.yaml: the
``terms`` of lemmas.csv (named entities joined into one term: "yoon_suk-yeol", not "suk" and "yeol"), without
its stop lemmas (adverbs, date words, parts of fixed phrases); a listed lemma is ``distinctive`` only when its
z reaches ``min_z`` (1.96).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml, stop_words
from analysis.core.paths import resource

#: A lemma kept for keyness: starts with a letter, then letters, digits, hyphens or apostrophes.
WORD_PATTERN = re.compile(r"[^\W\d_][\w'’-]*")

KEYNESS_COLUMNS = ["label", "article_id", "rank", "lemma", "count_label", "count_rest", "n_label", "n_rest",
                   "log_odds", "z", "distinctive", "evidence_sentence_ids"]


@dataclass(frozen=True)
class KeynessRules:
    """The compiled content of keyness.yaml."""

    min_z: float
    stop_lemmas: frozenset[str]


@lru_cache(maxsize=4)
def _load_rules(path: str) -> KeynessRules:
    data = load_yaml(path, "the keyness rules")
    if not isinstance(data, dict) or "min_z" not in data:
        raise ConfigError("the keyness rules need `min_z:` and `stop_lemmas:`", path=path,
                          hint="restore analysis/resources/keyness.yaml from the repository")
    try:
        min_z = float(data["min_z"])
    except (TypeError, ValueError) as error:
        raise ConfigError(f"`min_z` must be a number, not {data['min_z']!r}", path=path) from error
    lemmas = set()
    for name, entry in (data.get("stop_lemmas") or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("lemmas"), list):
            raise ConfigError(f"stop_lemmas.{name} needs a `lemmas:` list", path=path)
        lemmas.update(str(lemma).strip().lower() for lemma in entry["lemmas"])
    return KeynessRules(min_z, frozenset(lemmas))


def load_keyness_rules(path: str | Path | None = None) -> KeynessRules:
    """The keyness rules of ``path`` (default analysis/resources/keyness.yaml), cached."""
    return _load_rules(str(Path(path) if path else resource("keyness.yaml")))


def keep_lemma(lemma: str, exclude_stop_words: bool = True) -> bool:
    """Whether a lemma counts: a word of two or more characters, neither a spaCy French stop word nor a stop
    lemma of keyness.yaml (adverbs, date words, parts of fixed phrases)."""
    if len(lemma) < 2 or not WORD_PATTERN.fullmatch(lemma):
        return False
    return not (exclude_stop_words and (lemma in stop_words() or lemma in load_keyness_rules().stop_lemmas))


def lemma_tokens(lemmas: pd.DataFrame, articles: pd.DataFrame, exclude_stop_words: bool = True) -> pd.DataFrame:
    """One row per kept lemma token, in sentence order: label, article_id, sentence_id, lemma (lower-cased).

    The tokens are the ``terms`` column of lemmas.csv (entities joined) when it has one, else its ``lemmas``.
    """
    labels = dict(zip(articles["article_id"].astype(str), articles["label"].astype(str)))
    column = "terms" if "terms" in lemmas.columns else "lemmas"
    table = lemmas.assign(sentence_id=lemmas["sentence_id"].astype(str),
                          article_id=lemmas["article_id"].astype(str))
    table = table.loc[table["article_id"].isin(labels.keys())
                      & table[column].map(lambda text: isinstance(text, str))]
    table = table.sort_values("sentence_id", kind="stable")
    tokens = (table.assign(lemma=table[column].str.lower().str.split())[["article_id", "sentence_id", "lemma"]]
              .explode("lemma").dropna(subset=["lemma"]))
    kept = {lemma: keep_lemma(lemma, exclude_stop_words) for lemma in tokens["lemma"].unique()}
    tokens = tokens.loc[tokens["lemma"].map(kept).astype(bool)]
    tokens.insert(0, "label", tokens["article_id"].map(labels))
    return tokens[["label", "article_id", "sentence_id", "lemma"]].reset_index(drop=True)


def log_odds_dirichlet(count_group: np.ndarray, count_rest: np.ndarray, alpha: np.ndarray, alpha0: float,
                       n_group: np.ndarray | float | None = None,
                       n_rest: np.ndarray | float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """δ and σ² of Monroe et al. eq. 22 for a group against the rest, vectorised over lemmas.

    ``n_group`` and ``n_rest`` are the token totals of the group and of the rest; by default the sums of
    ``count_group`` and ``count_rest`` (one group's full vocabulary).
    """
    count_group, count_rest = np.asarray(count_group, float), np.asarray(count_rest, float)
    alpha = np.asarray(alpha, float)
    n_group = count_group.sum() if n_group is None else np.asarray(n_group, float)
    n_rest = count_rest.sum() if n_rest is None else np.asarray(n_rest, float)
    log_group = np.log(count_group + alpha) - np.log(n_group + alpha0 - count_group - alpha)
    log_rest = np.log(count_rest + alpha) - np.log(n_rest + alpha0 - count_rest - alpha)
    variance = 1.0 / (count_group + alpha) + 1.0 / (count_rest + alpha)
    return log_group - log_rest, variance


SCORE_COLUMNS = ["label", "lemma", "count_label", "count_rest", "n_label", "n_rest", "log_odds", "z"]


def keyness_scores(pair_counts: pd.DataFrame, alpha0: float | None = None, min_count: int = 1) -> pd.DataFrame:
    """Log-odds and z of every (label, lemma) pair that occurs at least ``min_count`` times in its label.

    ``pair_counts`` has one row per (label, lemma) pair that occurs: columns label, lemma, count. The
    corpus and label totals are taken from all its rows, so memory grows with the pairs that occur, not
    with labels × vocabulary. Returns SCORE_COLUMNS; empty with fewer than two labels. Needs α0 > 0.
    """
    if pair_counts["label"].nunique() < 2:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    count = pair_counts["count"].to_numpy(dtype=float)
    corpus = pair_counts.groupby("lemma")["count"].transform("sum").to_numpy(dtype=float)
    n_label = pair_counts.groupby("label")["count"].transform("sum").to_numpy(dtype=float)
    n = float(pair_counts["count"].sum())
    alpha0 = float(n if alpha0 is None else alpha0)
    if alpha0 <= 0:
        raise ValueError(f"alpha0 must be positive (it is the prior's total weight in tokens); got {alpha0}")
    keep = count >= max(min_count, 1)
    count, corpus, n_label = count[keep], corpus[keep], n_label[keep]
    delta, variance = log_odds_dirichlet(count, corpus - count, alpha0 * corpus / n, alpha0, n_label, n - n_label)
    scores = pair_counts.loc[keep, ["label", "lemma"]].reset_index(drop=True)
    return scores.assign(count_label=count.astype(int), count_rest=(corpus - count).astype(int),
                         n_label=n_label.astype(int), n_rest=(n - n_label).astype(int),
                         log_odds=delta, z=delta / np.sqrt(variance))


def keyness(lemmas: pd.DataFrame, articles: pd.DataFrame, alpha0: float | None = None, top_k: int = 15,
            min_count: int = 2, exclude_stop_words: bool = True, evidence_limit: int = 3,
            min_z: float | None = None) -> pd.DataFrame:
    """Top ``top_k`` lemmas per article label by z (over-represented against all other labels).

    ``articles`` are the compared articles (article_id, label); a lemma must occur ``min_count`` times in
    the label to be listed; it is ``distinctive`` when its z reaches ``min_z`` (default keyness.yaml's, 1.96).
    Columns: KEYNESS_COLUMNS; evidence_sentence_ids are the first sentences of the label that contain the
    lemma. Empty when fewer than two labels have lemmas.
    """
    min_z = load_keyness_rules().min_z if min_z is None else float(min_z)
    tokens = lemma_tokens(lemmas, articles, exclude_stop_words)
    if tokens.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    pair_counts = tokens.groupby(["label", "lemma"], sort=True).size().rename("count").reset_index()
    scores = keyness_scores(pair_counts, alpha0, min_count)
    if scores.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    scores = scores.sort_values(["label", "z", "lemma"], ascending=[True, False, True], kind="stable")
    top = scores.groupby("label", sort=True).head(top_k).copy()
    top["rank"] = top.groupby("label").cumcount() + 1
    top["distinctive"] = top["z"] >= min_z
    top["article_id"] = top["label"].map(tokens.drop_duplicates("label").set_index("label")["article_id"])
    # evidence only for the listed pairs: the first sentences (in id order) of the label using the lemma
    used = (tokens.merge(top[["label", "lemma"]], on=["label", "lemma"])
            .drop_duplicates(["label", "lemma", "sentence_id"])
            .groupby(["label", "lemma"], sort=False).head(evidence_limit))
    evidence = used.groupby(["label", "lemma"])["sentence_id"].agg(" | ".join)
    top["evidence_sentence_ids"] = [evidence.get((label, lemma), "")
                                    for label, lemma in zip(top["label"], top["lemma"])]
    return top[KEYNESS_COLUMNS].reset_index(drop=True)
