"""Weighted log-odds with an informative Dirichlet prior, checked against values worked out by hand.

Hand example (two labels): A has the lemmas "guerre guerre guerre paix", B has "guerre paix paix paix".
Corpus counts: guerre 4, paix 4, n = 8.

* α0 = n = 8 (default) → α_guerre = α_paix = 8 · 4/8 = 4.
  guerre, A vs rest: δ = ln[(3+4)/(4+8−3−4)] − ln[(1+4)/(4+8−1−4)] = ln(7/5) − ln(5/7) = 2 ln 1.4 = 0.672944
  σ² = 1/7 + 1/5 = 12/35 = 0.342857, z = 0.672944 / 0.585540 = 1.149271
* α0 = 2 → α = 1 each.
  guerre, A vs rest: δ = ln[4/2] − ln[2/4] = 2 ln 2 = 1.386294; σ² = 1/4 + 1/2 = 0.75; z = 1.386294/0.866025 = 1.600754
By symmetry paix in A has δ = −0.672944 (α0 = 8), and B mirrors A.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.compare.keyness import keep_lemma, keyness, keyness_scores, lemma_tokens, log_odds_dirichlet

ARTICLES = pd.DataFrame({"article_id": ["a", "b"], "label": ["A", "B"]})


def lemma_table(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["sentence_id", "article_id", "lemmas"])


def pairs(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    """(label, lemma, count) rows: the long-format counts keyness_scores takes."""
    return pd.DataFrame(rows, columns=["label", "lemma", "count"])


TWO_LABELS = pairs([("A", "guerre", 3), ("A", "paix", 1), ("B", "guerre", 1), ("B", "paix", 3)])

HAND = lemma_table([
    ("a-s000", "a", "le guerre guerre ."),
    ("a-s001", "a", "guerre de paix"),
    ("b-s000", "b", "guerre paix , paix"),
    ("b-s001", "b", "paix 2022"),
])


def test_log_odds_by_hand_default_prior():
    table = keyness_scores(TWO_LABELS)
    row = table.set_index(["label", "lemma"]).loc[("A", "guerre")]
    assert row["count_label"] == 3 and row["count_rest"] == 1
    assert row["log_odds"] == pytest.approx(0.672944, abs=1e-6)
    assert row["z"] == pytest.approx(1.149271, abs=1e-6)
    assert table.set_index(["label", "lemma"]).loc[("A", "paix"), "log_odds"] == pytest.approx(-0.672944, abs=1e-6)
    assert table.set_index(["label", "lemma"]).loc[("B", "paix"), "z"] == pytest.approx(1.149271, abs=1e-6)


def test_log_odds_by_hand_small_prior():
    delta, variance = log_odds_dirichlet(np.array([3, 1]), np.array([1, 3]), np.array([1.0, 1.0]), alpha0=2.0)
    assert delta[0] == pytest.approx(1.386294, abs=1e-6)
    assert variance[0] == pytest.approx(0.75)
    table = keyness_scores(TWO_LABELS, alpha0=2)
    assert table.loc[(table["label"] == "A") & (table["lemma"] == "guerre"), "z"].iloc[0] == \
        pytest.approx(1.600754, abs=1e-6)


def test_rest_is_all_other_labels_together():
    # C adds "guerre paix paix": corpus guerre 5, paix 6; every label's rest is the two other labels
    table = keyness_scores(pd.concat([TWO_LABELS, pairs([("C", "guerre", 1), ("C", "paix", 2)])]))
    table = table.set_index(["label", "lemma"])
    assert table.loc[("A", "paix"), "count_rest"] == 5
    assert table.loc[("C", "guerre"), "count_rest"] == 4
    assert table.loc[("C", "guerre"), "n_rest"] == 8
    assert table.loc[("A", "guerre"), "n_label"] == 4 and table.loc[("A", "guerre"), "n_rest"] == 7


def test_pairs_that_do_not_occur_are_not_scored_and_min_count_filters():
    # D never uses "paix": no (D, paix) row, but its "guerre" still counts in the rest of every other label
    table = keyness_scores(pd.concat([TWO_LABELS, pairs([("D", "guerre", 2)])]), min_count=2)
    assert ("D", "paix") not in set(zip(table["label"], table["lemma"]))
    assert sorted(zip(table["label"], table["lemma"])) == [("A", "guerre"), ("B", "paix"), ("D", "guerre")]
    assert table.set_index(["label", "lemma"]).loc[("B", "paix"), "count_rest"] == 1
    assert table.set_index(["label", "lemma"]).loc[("B", "paix"), "n_rest"] == 6


def test_lemma_filtering_drops_stop_words_punctuation_and_numbers():
    assert keep_lemma("guerre") and keep_lemma("nord-coréen") and keep_lemma("aujourd'hui", False)
    assert not keep_lemma("le") and not keep_lemma("de")  # spaCy French stop words
    assert not keep_lemma(",") and not keep_lemma("2022") and not keep_lemma("x")
    assert keep_lemma("le", exclude_stop_words=False)
    tokens = lemma_tokens(HAND, ARTICLES)
    assert sorted(tokens.loc[tokens["label"] == "A", "lemma"]) == ["guerre", "guerre", "guerre", "paix"]


def test_keyness_table_from_lemmas_matches_hand_values():
    table = keyness(HAND, ARTICLES, top_k=5, min_count=1)
    assert list(table.columns)[:4] == ["label", "article_id", "rank", "lemma"]
    first = table.iloc[0]
    assert (first["label"], first["lemma"], first["rank"]) == ("A", "guerre", 1)
    assert first["z"] == pytest.approx(1.149271, abs=1e-6)
    assert first["evidence_sentence_ids"] == "a-s000 | a-s001"  # only sentences of label A
    # B's most distinctive lemma is paix; top_k keeps 2 lemmas per label here.
    assert table.loc[table["label"] == "B", "lemma"].tolist() == ["paix", "guerre"]


def test_min_count_and_top_k():
    table = keyness(HAND, ARTICLES, top_k=1, min_count=2)
    assert table[["label", "lemma"]].values.tolist() == [["A", "guerre"], ["B", "paix"]]
    assert keyness(HAND, ARTICLES, min_count=4).empty


def test_one_label_or_no_lemmas_gives_an_empty_table():
    only_a = HAND.loc[HAND["article_id"] == "a"]
    assert keyness(only_a, ARTICLES).empty
    assert keyness(lemma_table([]), ARTICLES).empty
    with pytest.raises(ValueError, match="alpha0 must be positive"):
        keyness(HAND, ARTICLES, alpha0=0)
