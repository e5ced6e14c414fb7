"""Outlet differences that are differences of date (issue 17, item 6) and keyness significance (item 5).

The synthetic corpus: outlet "Octobre" publishes only in October and hedges 6 of its 10 body sentences, outlet
"Décembre" only in December and hedges 1 of 10, and outlet "Mixte" publishes in both months, hedging like the
others of the same week (6 in October, 1 in December). Overall, Octobre hedges far more than the rest of the
corpus; week by week it hedges exactly like Mixte. The difference is one of date, and the report must say so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.annotate.stage import sentence_terms
from analysis.compare import stage as compare
from analysis.compare.findings import against_rest, findings
from analysis.compare.keyness import keep_lemma, keyness, load_keyness_rules
from analysis.compare.uncertainty import within_period_pvalues
from analysis.compare.views import unit_tables
from analysis.core.nlp import load_nlp

BODY = 10
OCTOBER = [(pd.Timestamp("2024-10-07") + pd.Timedelta(days=7 * i)).date().isoformat() for i in range(6)]
DECEMBER = [(pd.Timestamp("2024-12-02") + pd.Timedelta(days=7 * i)).date().isoformat() for i in range(6)]
PLAN = {"Octobre": [(date, 6) for date in OCTOBER], "Décembre": [(date, 1) for date in DECEMBER],
        "Mixte": [(date, 6) for date in OCTOBER[:3]] + [(date, 1) for date in DECEMBER[:3]]}


def dated_inputs() -> dict[str, pd.DataFrame]:
    articles, sentences, stance, lemmas = [], [], [], []
    for outlet, plan in PLAN.items():
        for index, (date, n_hedged) in enumerate(plan):
            article_id = f"{outlet.lower()[:3]}{index}"
            articles.append({"article_id": article_id, "source_file": "corpus.jsonl", "sha256": "0" * 64,
                             "label": f"{outlet} · {index}", "outlet": outlet, "outlet_source": "manifest",
                             "status": "ok", "reason": "", "published": date, "agency": "", "duplicate_of": "",
                             "near_duplicate_of": "", "n_words": 100})
            for position in range(BODY):
                sid = f"{article_id}-s{position:03d}"
                hedged = position < n_hedged
                sentences.append({"sentence_id": sid, "article_id": article_id, "paragraph_id": f"{article_id}-p0",
                                  "position": position, "kind": "body",
                                  "text": "Des soldats seraient là." if hedged else "Des soldats sont là."})
                stance.append({"sentence_id": sid, "article_id": article_id, "hedged": hedged, "unverified": False,
                               "confirmed": False, "denial": False, "question": False})
                lemmas.append({"sentence_id": sid, "article_id": article_id,
                               "lemmas": f"soldat koursk {outlet.lower()} {'rumeur' if hedged else 'front'}"})
    return {"articles": pd.DataFrame(articles), "sentences": pd.DataFrame(sentences),
            "stance": pd.DataFrame(stance), "lemmas": pd.DataFrame(lemmas)}


@pytest.fixture(scope="module")
def dated() -> dict[str, pd.DataFrame]:
    return compare.compare_all(dated_inputs(), settings=compare.Settings(min_count=1, n_resamples=199,
                                                                        n_permutations=1999))


def _hedged(table: pd.DataFrame, unit: str) -> pd.Series:
    return table.loc[(table["unit"] == unit) & (table["measure"] == "hedged")].iloc[0]


def test_a_difference_of_date_vanishes_within_periods(dated):
    october = _hedged(dated["outlet_comparison"], "Octobre")
    # overall: 36 of 60 hedged against 27 of 120 in the rest (Décembre 6 × 1, Mixte 3 × 6 + 3 × 1): stated
    assert october["share"] == pytest.approx(0.6) and october["rest_share"] == pytest.approx(27 / 120)
    assert october["stated"]
    # within weeks: Octobre hedges exactly like Mixte's articles of the same weeks, so the corpus's weekly shares
    # predict its share, and nothing remains
    assert october["period_expected_share"] == pytest.approx(0.6)
    assert october["period_tested"] and october["p_within_period"] == pytest.approx(1.0)
    assert not october["stated_within_period"] and october["vanishes_with_period"]
    sentence = against_rest({**october.to_dict(), "unit_kind": "outlet"})
    assert "once the date is taken into account the corpus's shares in the same periods predict 60%;" in sentence
    assert "the difference is no longer detectable" in sentence


def test_the_report_finding_says_the_difference_may_be_one_of_date(dated):
    views = unit_tables(dated, dated["units"])
    found = {(f.label, f.measure): f.sentence_en for f in findings(
        {**views, "outlet_comparison": dated["outlet_comparison"], "units": dated["units"]}, dated_inputs()["sentences"])}
    assert "no longer detectable" in found[("Octobre", "hedged")]


def test_within_period_test_keeps_a_difference_that_is_not_one_of_date():
    # four articles in each of two weeks; the unit (rows 0 and 4) hedges more than the others in both weeks
    counts = np.array([[8], [2], [3], [2], [7], [1], [2], [1]], float)
    totals = np.full((8, 1), 10.0)
    periods = ["w1"] * 4 + ["w2"] * 4
    p, testable, expected = within_period_pvalues(counts, totals, [np.array([0, 4])], periods)
    # by hand: week shares 15/40 and 11/40; residuals of the unit 8 - 3.75 and 7 - 2.75, D = 8.5; per week
    # Σ e² = 4.25² + 1.75² + 0.75² + 1.75² = 24.75 (w1) and 4.25² + 1.75² + 0.75² + 1.75² = 24.75 (w2);
    # Var = 2 × (1 × 3 / (4 × 3)) × 24.75 = 12.375, z = 8.5 / √12.375 = 2.416, p = 0.0157
    assert testable[0, 0] and p[0, 0] == pytest.approx(0.0157, abs=0.0005)
    assert expected[0, 0] == pytest.approx((3.75 + 2.75) / 20)
    # a unit alone in its week cannot be told apart from its date
    _, alone, _ = within_period_pvalues(counts, totals, [np.array([0, 1, 2, 3])], periods)
    assert not alone[0, 0]


# --- keyness ---------------------------------------------------------------------------------------

def test_names_are_one_term_and_adverbs_and_dates_are_left_out():
    nlp = load_nlp()
    terms = sentence_terms(nlp("Le président sud-coréen Yoon Suk-yeol a déclaré lundi qu’il allait ici "
                               "intensifier le partage d’informations avec l’OTAN.")[:]).split()
    assert "yoon_suk-yeol" in terms and "suk" not in terms and "yeol" not in terms
    assert "otan" in terms and "ici" not in terms  # the elided article goes; "ici" is an adverb
    rules = load_keyness_rules()
    for word in ("ici", "fois", "partir", "octobre", "lundi"):  # the seeds' keyness lists held these (issue 17)
        assert not keep_lemma(word), word
    assert keep_lemma("escalade") and rules.min_z == pytest.approx(1.96)


def test_a_lemma_is_distinctive_only_from_z_196():
    # A says "rumeur" 12 times, B never; both say "soldat" and B "front" as often
    texts = ["rumeur rumeur soldat"] * 6 + ["soldat front"] * 6
    lemmas = pd.DataFrame({"sentence_id": [f"s{i:02d}" for i in range(12)], "article_id": ["a"] * 6 + ["b"] * 6,
                           "lemmas": texts})
    articles = pd.DataFrame({"article_id": ["a", "b"], "label": ["A", "B"]})
    table = keyness(lemmas, articles, min_count=1)
    row = table.loc[(table["label"] == "A") & (table["lemma"] == "rumeur")].iloc[0]
    assert row["z"] >= 1.96 and row["distinctive"]
    assert not table.loc[table["z"] < 1.96, "distinctive"].any()
    strict = keyness(lemmas, articles, min_count=1, min_z=10.0)
    assert not strict["distinctive"].any()
