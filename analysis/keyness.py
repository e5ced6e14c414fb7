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
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from spacy.lang.fr.stop_words import STOP_WORDS

#: A lemma kept for keyness: starts with a letter, then letters, digits, hyphens or apostrophes.
WORD_PATTERN = re.compile(r"[^\W\d_][\w'’-]*")

KEYNESS_COLUMNS = ["label", "article_id", "rank", "lemma", "count_label", "count_rest", "n_label", "n_rest",
                   "log_odds", "z", "evidence_sentence_ids"]


def keep_lemma(lemma: str, exclude_stop_words: bool = True) -> bool:
    """Whether a lemma counts: a word of two or more characters, not a spaCy French stop word."""
    if len(lemma) < 2 or not WORD_PATTERN.fullmatch(lemma):
        return False
    return not (exclude_stop_words and lemma in STOP_WORDS)


def lemma_tokens(lemmas: pd.DataFrame, articles: pd.DataFrame, exclude_stop_words: bool = True) -> pd.DataFrame:
    """One row per kept lemma token: label, article_id, sentence_id, lemma (lower-cased)."""
    labels = dict(zip(articles["article_id"].astype(str), articles["label"].astype(str)))
    rows = []
    ordered = lemmas.assign(sentence_id=lemmas["sentence_id"].astype(str)).sort_values("sentence_id", kind="stable")
    for sid, aid, text in zip(ordered["sentence_id"], ordered["article_id"].astype(str), ordered["lemmas"]):
        if aid not in labels or not isinstance(text, str):
            continue
        for lemma in text.lower().split():
            if keep_lemma(lemma, exclude_stop_words):
                rows.append((labels[aid], aid, sid, lemma))
    return pd.DataFrame(rows, columns=["label", "article_id", "sentence_id", "lemma"])


def log_odds_dirichlet(count_group: np.ndarray, count_rest: np.ndarray, alpha: np.ndarray,
                       alpha0: float) -> tuple[np.ndarray, np.ndarray]:
    """δ and σ² of Monroe et al. eq. 22 for one group against the rest, vectorised over lemmas."""
    count_group, count_rest = np.asarray(count_group, float), np.asarray(count_rest, float)
    alpha = np.asarray(alpha, float)
    n_group, n_rest = count_group.sum(), count_rest.sum()
    log_group = np.log(count_group + alpha) - np.log(n_group + alpha0 - count_group - alpha)
    log_rest = np.log(count_rest + alpha) - np.log(n_rest + alpha0 - count_rest - alpha)
    variance = 1.0 / (count_group + alpha) + 1.0 / (count_rest + alpha)
    return log_group - log_rest, variance


def keyness_scores(counts: pd.DataFrame, alpha0: float | None = None) -> pd.DataFrame:
    """Every lemma × label: counts, log-odds and z, from a label × lemma count matrix.

    ``counts`` has one row per label and one column per lemma. Returns columns label, lemma, count_label,
    count_rest, n_label, n_rest, log_odds, z. Needs at least two labels and α0 > 0.
    """
    if counts.shape[0] < 2 or counts.shape[1] == 0:
        return pd.DataFrame(columns=["label", "lemma", "count_label", "count_rest", "n_label", "n_rest",
                                     "log_odds", "z"])
    matrix = counts.to_numpy(dtype=float)
    corpus = matrix.sum(axis=0)
    n = corpus.sum()
    alpha0 = float(n if alpha0 is None else alpha0)
    if alpha0 <= 0:
        raise ValueError(f"alpha0 must be positive (it is the prior's total weight in tokens); got {alpha0}")
    alpha = alpha0 * corpus / n
    frames = []
    for index, label in enumerate(counts.index):
        rest = corpus - matrix[index]
        delta, variance = log_odds_dirichlet(matrix[index], rest, alpha, alpha0)
        frames.append(pd.DataFrame({
            "label": label, "lemma": counts.columns, "count_label": matrix[index].astype(int),
            "count_rest": rest.astype(int), "n_label": int(matrix[index].sum()), "n_rest": int(rest.sum()),
            "log_odds": delta, "z": delta / np.sqrt(variance),
        }))
    return pd.concat(frames, ignore_index=True)


def keyness(lemmas: pd.DataFrame, articles: pd.DataFrame, alpha0: float | None = None, top_k: int = 15,
            min_count: int = 2, exclude_stop_words: bool = True, evidence_limit: int = 3) -> pd.DataFrame:
    """Top ``top_k`` lemmas per article label by z (over-represented against all other labels).

    ``articles`` are the compared articles (article_id, label); a lemma must occur ``min_count`` times in
    the label to be listed. Columns: KEYNESS_COLUMNS; evidence_sentence_ids are the first sentences of
    the label that contain the lemma. Empty when fewer than two labels have lemmas.
    """
    tokens = lemma_tokens(lemmas, articles, exclude_stop_words)
    if tokens.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    counts = tokens.groupby(["label", "lemma"]).size().unstack(fill_value=0).sort_index().sort_index(axis=1)
    scores = keyness_scores(counts, alpha0)
    if scores.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    scores = scores.loc[scores["count_label"] >= max(min_count, 1)]
    scores = scores.sort_values(["label", "z", "lemma"], ascending=[True, False, True], kind="stable")
    top = scores.groupby("label", sort=True).head(top_k).copy()
    top["rank"] = top.groupby("label").cumcount() + 1
    article_of = tokens.drop_duplicates("label").set_index("label")["article_id"]
    top["article_id"] = top["label"].map(article_of)
    first_sentences = (tokens.drop_duplicates(["label", "lemma", "sentence_id"])
                       .groupby(["label", "lemma"])["sentence_id"]
                       .agg(lambda ids: " | ".join(list(ids)[:evidence_limit])))
    top["evidence_sentence_ids"] = [first_sentences.get((label, lemma), "")
                                    for label, lemma in zip(top["label"], top["lemma"])]
    return top[KEYNESS_COLUMNS].reset_index(drop=True)
