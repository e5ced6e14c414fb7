"""Outlets as units: assignment, intervals over articles, permutation tests with BH, periods, wire families.

The synthetic multi-outlet corpus of :func:`outlet_inputs` is built here, with every count chosen by hand:

- "Le Haut" (12 articles, dated weekly from 2024-10-07) hedges 5, 6 or 7 of its 10 body sentences per article:
  72 of 120, 60 %;
- "La Basse" (12 articles, dated weekly from 2024-10-09) hedges 0, 1 or 2: 12 of 120, 10 %;
- "Nul Un" and "Nul Deux" (12 articles each; Nul Un's undated) hedge 2, 3 or 4: 36 of 120, 30 % each;
- "Le Petit" (2 articles, 3 hedged each) is below min_articles = 3, and 4 articles of unknown outlet hedge 3 each.

The corpus hedges 174 of 540 body sentences (32 %). Against the rest of the corpus, Le Haut (102 of 420 = 24 %)
and La Basse (162 of 420 = 39 %) differ by far more than article-to-article variation allows (their articles'
shares do not even overlap the others'); Nul Un and Nul Deux (rest: 138 of 420 = 33 %) do not.
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import pytest

from analysis.compare import stage as compare
from analysis.compare import uncertainty, units
from analysis.compare.findings import findings
from analysis.compare.views import unit_tables
from analysis.report import assemble
from analysis.report.html import html_text
from analysis.report.plots_units import plot_forest

HEDGED_PER_ARTICLE = {
    "Le Haut": [5, 6, 7, 6, 5, 7, 6, 6, 5, 7, 6, 6],
    "La Basse": [1, 0, 2, 1, 1, 0, 2, 1, 1, 0, 2, 1],
    "Nul Un": [3, 2, 4, 3, 3, 2, 4, 3, 3, 2, 4, 3],
    "Nul Deux": [3, 2, 4, 3, 3, 2, 4, 3, 3, 2, 4, 3],
    "Le Petit": [3, 3],
    "unknown": [3, 3, 3, 3],
}
#: A word only each planted outlet uses, for keyness per outlet.
OWN_LEMMA = {"Le Haut": "rumeur", "La Basse": "confirmation"}
BODY = 10


def _published(outlet: str, index: int) -> str:
    if outlet in ("Nul Un", "unknown"):
        return ""
    start = {"Le Haut": "2024-10-07", "La Basse": "2024-10-09"}.get(outlet, "2024-10-15")
    return (pd.Timestamp(start) + pd.Timedelta(days=7 * index)).date().isoformat()


def outlet_inputs(extra: dict[str, list[int]] | None = None) -> dict[str, pd.DataFrame]:
    """The corpus of the module docstring as processed tables (``extra`` adds outlets: name → hedged counts)."""
    plan = {**HEDGED_PER_ARTICLE, **(extra or {})}
    articles, sentences, stance, lemmas = [], [], [], []
    number = 0
    for outlet, hedged_counts in plan.items():
        for index, n_hedged in enumerate(hedged_counts):
            article_id = f"{number:03d}_{outlet.lower().replace(' ', '')}"
            number += 1
            articles.append({"article_id": article_id, "source_file": "corpus.jsonl", "sha256": "0" * 64,
                             "label": f"{'unknown outlet' if outlet == 'unknown' else outlet} · {article_id[:3]}",
                             "outlet": outlet, "outlet_source": "unknown" if outlet == "unknown" else "manifest",
                             "status": "ok", "reason": "", "published": _published(outlet, index), "agency": "",
                             "duplicate_of": "", "near_duplicate_of": "", "n_words": 100 + number})
            for position in range(BODY + 1):
                sid = f"{article_id}-s{position:03d}"
                kind = "headline" if position == 0 else "body"
                hedged = kind == "body" and position <= n_hedged
                text = "Des soldats nord-coréens seraient à Koursk." if hedged else "Des soldats nord-coréens sont à Koursk."
                sentences.append({"sentence_id": sid, "article_id": article_id, "paragraph_id": sid.replace("-s", "-p"),
                                  "position": position, "kind": kind, "text": text})
                stance.append({"sentence_id": sid, "article_id": article_id, "hedged": hedged,
                               "hedge_cues": "seraient" if hedged else "", "unverified": False, "confirmed": False,
                               "denial": False, "question": False})
                lemmas.append({"sentence_id": sid, "article_id": article_id,
                               "lemmas": f"soldat nord-coréen être koursk {OWN_LEMMA.get(outlet, 'front')}"})
    return {"articles": pd.DataFrame(articles), "sentences": pd.DataFrame(sentences), "stance": pd.DataFrame(stance),
            "lemmas": pd.DataFrame(lemmas)}


FAST = compare.Settings(min_count=1, n_resamples=999, n_permutations=1999)


@pytest.fixture(scope="module")
def compared() -> dict[str, pd.DataFrame]:
    return compare.compare_all(outlet_inputs(), settings=FAST)


def _row(table: pd.DataFrame, unit: str, measure: str = "hedged") -> pd.Series:
    rows = table.loc[(table["unit"] == unit) & (table["measure"] == measure)]
    assert len(rows) == 1, (unit, measure)
    return rows.iloc[0]


# --------------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------------

def test_outlets_with_enough_articles_are_pooled_and_the_others_listed_one_by_one(compared):
    table = compared["units"]
    kinds = table.drop_duplicates("unit").set_index("unit")["unit_kind"]
    assert sorted(kinds.loc[kinds == "outlet"].index) == ["La Basse", "Le Haut", "Nul Deux", "Nul Un"]
    # Le Petit (2 articles) and the 4 unknown-outlet articles are 6 units of one article each: never pooled
    singles = table.loc[table["unit_kind"] == "article"]
    assert len(singles) == 6 and singles["unit"].nunique() == 6 and (singles["unit_articles"] == 1).all()
    assert set(singles["unit"]) == set(singles["label"])
    assert (table.loc[table["unit"] == "Le Haut", "unit_articles"] == 12).all()
    # outlets first, most articles first; then single articles by label
    assert list(table["unit_kind"].drop_duplicates()) == ["outlet", "article"]
    # at min_articles = 13 no outlet is pooled: every article is its own unit
    assert set(units.assign_units(outlet_inputs()["articles"], min_articles=13)["unit_kind"]) == {"article"}


def test_seed_like_corpus_has_only_article_units(compared):
    articles = outlet_inputs()["articles"].groupby("outlet").head(1)  # one article per outlet
    table = units.assign_units(articles)
    assert set(table["unit_kind"]) == {"article"} and list(table["unit"]) == sorted(table["label"])


def test_periods_are_weeks_over_a_short_span_and_months_over_a_long_one():
    dates = pd.Series(["2024-10-10", "2024-12-19", ""])
    assert units.period_kind(dates) == "week"  # 70 days
    assert units.period_kind(pd.Series(["2024-10-01", "2025-01-21"])) == "week"  # exactly 16 weeks
    assert units.period_kind(pd.Series(["2024-10-01", "2025-01-22"])) == "month"
    assert units.period_of("2024-10-10", "week") == "2024-10-07"  # a Thursday: its week starts on Monday 7
    assert units.period_of("2024-10-10", "month") == "2024-10"
    assert units.period_of("", "week") == "undated"


def test_dispatch_families_are_connected_components_named_by_their_first_article():
    articles = pd.DataFrame({"article_id": ["a", "b", "c", "d", "e"], "status": ["ok", "ok", "ok", "duplicate", "ok"],
                             "duplicate_of": ["", "", "", "e", ""], "near_duplicate_of": ["", "a", "b", "", ""]})
    families = units.wire_families(articles).set_index("article_id")
    # b is near a, c near b: a, b, c are one family although a and c were never paired; d copies e exactly
    assert families["family_id"].to_dict() == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "d"}
    assert families["family_size"].to_dict() == {"a": 3, "b": 3, "c": 3, "d": 2, "e": 2}


def test_wire_copy_can_be_left_out_and_outlets_are_recounted_without_it():
    inputs = outlet_inputs()
    ids = inputs["articles"]["article_id"]
    haut = ids.loc[inputs["articles"]["outlet"] == "Le Haut"].tolist()
    petit = ids.loc[inputs["articles"]["outlet"] == "Le Petit"].tolist()
    # ten of Le Haut's articles are near copies of one Le Petit article
    inputs["articles"].loc[ids.isin(haut[:10]), "near_duplicate_of"] = petit[0]
    kept = units.assign_units(inputs["articles"])
    assert kept["measured"].all() and int(kept["wire_copy"].sum()) == 11
    left_out = units.assign_units(inputs["articles"], include_wire_copy=False)
    assert int((~left_out["measured"]).sum()) == 11
    # Le Haut keeps 2 measured articles, fewer than 3: its two own articles are now single articles
    assert set(left_out.loc[left_out["outlet"] == "Le Haut"].query("measured")["unit_kind"]) == {"article"}
    compared = compare.compare_all(inputs, settings=FAST)
    row = _row(compared["outlet_comparison"], "Le Haut")
    # its two own articles (the last two: 6 and 6 hedged) without the wire copy
    assert row["n_articles_without_wire_copy"] == 2 and row["share_without_wire_copy"] == pytest.approx(12 / 20)
    profile = compared["outlet_profiles"].set_index("unit").loc["Le Haut"]
    assert profile["n_wire_copy"] == 10 and profile["wire_copy_share"] == pytest.approx(10 / 12)
    assert profile["n_families"] == 1


# --------------------------------------------------------------------------------------------------
# Intervals and tests
# --------------------------------------------------------------------------------------------------

def test_the_planted_difference_is_stated_and_the_null_is_not(compared):
    table = compared["outlet_comparison"]
    high, low = _row(table, "Le Haut"), _row(table, "La Basse")
    assert (high["count"], high["total"], high["share"]) == (72, 120, pytest.approx(0.6))
    assert high["rest_share"] == pytest.approx(102 / 420) and low["rest_share"] == pytest.approx(162 / 420)
    assert high["corpus_share"] == pytest.approx(174 / 540)
    assert high["stated"] and low["stated"] and high["p_adjusted"] < 0.01 and low["p_adjusted"] < 0.01
    for null in ("Nul Un", "Nul Deux"):
        row = _row(table, null)
        assert row["tested"] and not row["stated"] and row["p_adjusted"] > 0.2, row
    # nothing else varies (no denial, no attribution): those measures are not tested, so not corrected for
    assert set(table.loc[table["tested"], "measure"]) == {"hedged"}


def test_findings_state_a_difference_only_when_the_test_supports_it(compared):
    sentences = outlet_inputs()["sentences"]
    views = unit_tables(compared, compared["units"])
    found = {(f.label, f.measure): f.sentence_en for f in findings({**views, "outlet_comparison":
                                                                   compared["outlet_comparison"]}, sentences)}
    high = found[("Le Haut", "hedged")]
    assert high.startswith("Le Haut (n = 12 articles): 60% of body sentences are hedged (72 of 120) [95% CI ")
    assert ", more than the rest of the corpus (24%; adjusted p = " in high
    assert ", less than the rest of the corpus (39%; adjusted p = " in found[("La Basse", "hedged")]
    assert "; no difference from the rest of the corpus (33%) is detectable at this size" in found[("Nul Un", "hedged")]
    assert ("Le Haut", "difference") in found and ("Nul Un", "difference") not in found
    # outlets are not ranked ("the highest of …"), and single articles are not ranked beside them
    assert not any("highest" in sentence or "lowest" in sentence for sentence in found.values())


def test_intervals_cover_the_outlet_share_and_are_reproducible(compared):
    table = compared["outlet_comparison"]
    high = _row(table, "Le Haut")
    # its articles hedge 50, 60 or 70 %: the interval of their pooled share lies well inside that range
    assert 0.5 < high["ci_low"] < 0.6 < high["ci_high"] < 0.7
    again = compare.compare_all(outlet_inputs(), settings=FAST)["outlet_comparison"]
    pd.testing.assert_frame_equal(table, again)
    # adding an outlet changes no other outlet's interval (each unit's generator is seeded from its name)
    more = compare.compare_all(outlet_inputs({"Le Nouveau": [9, 9, 9, 9, 9]}), settings=FAST)["outlet_comparison"]
    for unit in ("Le Haut", "La Basse", "Nul Un"):
        assert (_row(more, unit)["ci_low"], _row(more, unit)["ci_high"]) == \
            (_row(table, unit)["ci_low"], _row(table, unit)["ci_high"])
    assert _row(more, "Le Nouveau")["stated"]


def test_article_bootstrap_covers_the_true_share_when_sentences_are_clustered():
    """300 outlets of 20 articles whose articles each have their own hedging rate (beta around 30 %): the
    interval over articles covers the true 30 % about 95 % of the time; an interval that treats the
    sentences as independent (Wald, binomial) covers far less often — which is why articles are resampled."""
    rng = np.random.default_rng(2024)
    covered, naive = 0, 0
    n_outlets, n_articles, n_sentences = 300, 20, 15
    for outlet in range(n_outlets):
        rates = rng.beta(1.5, 3.5, n_articles)  # mean 0.3, strong article-to-article variation
        counts = rng.binomial(n_sentences, rates).astype(float)[:, None]
        totals = np.full((n_articles, 1), float(n_sentences))
        low, high = uncertainty.bootstrap_interval(counts, totals, 999, uncertainty.unit_generator(1, str(outlet)))
        covered += bool(low[0] <= 0.3 <= high[0])
        share, n = counts.sum() / totals.sum(), totals.sum()
        half = 1.96 * np.sqrt(share * (1 - share) / n)
        naive += bool(share - half <= 0.3 <= share + half)
    assert 0.90 <= covered / n_outlets <= 0.98
    assert naive / n_outlets < 0.85


def test_permutation_p_value_matches_the_exact_enumeration():
    # six articles of four sentences; the unit is the first three: hedged 4, 3 and 2 sentences, the rest 0
    counts = np.array([[4.0], [3.0], [2.0], [0.0], [0.0], [0.0]])
    totals = np.full((6, 1), 4.0)
    # of the 20 sets of three articles, only the unit itself and its complement are as extreme: p = 2/20
    extreme = sum(abs(sum(counts[list(s), 0]) - 1.5 * 3) >= 4.5 for s in itertools.combinations(range(6), 3))
    assert extreme == 2
    p, testable = uncertainty.permutation_pvalues(counts, totals, [np.array([0, 1, 2])], 19999,
                                                  uncertainty.unit_generator(7, "exact"))
    assert testable[0, 0] and p[0, 0] == pytest.approx(0.1, abs=0.01)
    # nothing varies: not testable
    p, testable = uncertainty.permutation_pvalues(np.zeros((6, 1)), totals, [np.array([0, 1, 2])], 99,
                                                  uncertainty.unit_generator(7, "flat"))
    assert not testable[0, 0] and np.isnan(p[0, 0])


def test_benjamini_hochberg_by_hand():
    # sorted 0.01, 0.03, 0.04, 0.2 of m = 4: 0.04, 0.06 → 0.0533 (monotone), 0.0533, 0.2; NaN is not a test
    adjusted = uncertainty.benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.2, np.nan]))
    assert adjusted[:4] == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.2]) and np.isnan(adjusted[4])


def test_column_quantile_is_numpys_nanpercentile():
    values = np.random.default_rng(3).random((51, 4))
    values[::3, 1] = np.nan
    values[:, 2] = np.nan
    with np.errstate(all="ignore"), pytest.warns(RuntimeWarning):
        expected = np.nanpercentile(values, 2.5, axis=0)
    np.testing.assert_allclose(uncertainty.column_quantile(values, 0.025), expected, equal_nan=True)


# --------------------------------------------------------------------------------------------------
# Corpus view, time, keyness and profiles
# --------------------------------------------------------------------------------------------------

def test_corpus_shares_and_periods(compared):
    corpus = compared["corpus_measures"].set_index("measure")
    assert (corpus.loc["hedged", "count"], corpus.loc["hedged", "total"]) == (174, 540)
    assert corpus.loc["hedged", "ci_low"] < 174 / 540 < corpus.loc["hedged", "ci_high"]
    periods = compared["period_measures"]
    # Le Haut's and La Basse's articles span 2024-10-07 to 2024-12-23: 11 weeks, so weeks
    assert set(periods["period_kind"]) == {"week"}
    corpus_hedged = periods.loc[(periods["scope"] == "corpus") & (periods["measure"] == "hedged")]
    # the first week holds Le Haut's first article (5 hedged) and La Basse's (1 hedged)
    first = corpus_hedged.iloc[0]
    assert (first["period"], first["n_articles"], first["count"], first["total"]) == ("2024-10-07", 2, 6, 20)
    undated = corpus_hedged.loc[corpus_hedged["period"] == "undated"].iloc[0]
    assert undated["n_articles"] == 12 + 4 and undated["count"] == 36 + 12  # Nul Un and the unknown outlets
    assert corpus_hedged["period"].iloc[-1] == "undated"
    haut = periods.loc[(periods["scope"] == "Le Haut") & (periods["measure"] == "hedged")]
    assert len(haut) == 12 and haut["n_articles"].eq(1).all() and haut["ci_low"].isna().all()


def test_keyness_is_per_outlet_and_profiles_say_what_each_outlet_is(compared):
    keyness = compared["keyness"]
    top = keyness.loc[keyness["rank"] == 1].set_index("label")
    assert top.loc["Le Haut", "lemma"] == "rumeur" and top.loc["Le Haut", "count_label"] == 12 * 11
    assert top.loc["Le Haut", "article_id"] == ""  # an outlet, not one article
    profile = compared["outlet_profiles"].set_index("unit").loc["Le Haut"]
    assert (profile["n_articles"], profile["first_published"], profile["last_published"]) == \
        (12, "2024-10-07", "2024-12-23")
    assert profile["hedged_share"] == pytest.approx(0.6) and profile["distinctive_lemmas"].startswith("rumeur")
    assert compared["outlet_profiles"].set_index("unit").loc["Nul Un", "n_undated"] == 12


def test_the_report_compares_every_outlet_with_its_count_and_interval(compared):
    inputs = outlet_inputs()
    result = assemble.report_fragments(inputs, compared, [], max_outlets=5)
    outlets = html_text(result.fragments["outlets"])
    for name, n in (("Le Haut", 12), ("La Basse", 12), ("Nul Un", 12), ("Nul Deux", 12)):
        line = next(line for line in outlets.splitlines() if line.startswith(f"{name} | {n} | "))
        assert "[" in line  # the interval
    assert "Le Haut | 12 | 60% (72/120) [" in outlets and "] *" in outlets.split("Le Haut | 12 |")[1].split("\n")[0]
    # the forest plot's title counts over the outlets it draws
    title = plot_forest(compared["outlet_comparison"], compared["corpus_measures"], result.drawn[:4])._suptitle
    assert " ".join(title.get_text().split()).startswith("Two of the four outlets drawn differ from the rest of the corpus")
    title = plot_forest(compared["outlet_comparison"], compared["corpus_measures"], ["Nul Un", "Nul Deux"])._suptitle
    assert " ".join(title.get_text().split()).startswith("None of the two outlets drawn differs detectably")
    assert "Differences that survive the correction (2)" in outlets
    # the five drawn units are the four outlets (12 articles each, by name) and the longest single article
    assert result.drawn[:4] == ["La Basse", "Le Haut", "Nul Deux", "Nul Un"] and len(result.drawn) == 5
    time = html_text(result.fragments["time"])
    assert "week | articles | hedged" in time and "undated | 16 |" in time
    assert "Le Haut" in html_text(result.fragments["profiles"])


# --------------------------------------------------------------------------------------------------
# End to end: a multi-outlet corpus file through the clean and annotate stages (spaCy) and the comparison
# --------------------------------------------------------------------------------------------------

TIMES = ["Lundi", "Mardi soir", "Mercredi matin", "Jeudi", "Vendredi", "Samedi", "Dimanche", "Ce week-end"]
PLACES = ["dans la région de Koursk", "près de la frontière", "dans l'oblast de Koursk", "sur une base russe",
          "dans l'Extrême-Orient russe", "près de Belgorod", "à Vladivostok", "dans un camp d'entraînement"]
NUMBERS = ["3 000", "1 500", "8 000", "500", "2 000", "10 000", "12 000", "4 000", "600", "7 000"]
SOURCES = ["le renseignement sud-coréen", "Kiev", "le Pentagone", "des responsables ukrainiens", "Séoul",
           "l'OTAN"]


def _sentence(conditional: bool, article: int, position: int) -> str:
    """One sentence about the troops: "seraient arrivés" (conditional, hedged) or "sont arrivés" (not)."""
    verb = "seraient arrivés" if conditional else "sont arrivés"
    time = TIMES[(article * 3 + position) % len(TIMES)]
    place = PLACES[(article * 5 + position * 3) % len(PLACES)]
    number = NUMBERS[(article * 7 + position) % len(NUMBERS)]
    source = SOURCES[(article + position * 2) % len(SOURCES)]
    return f"{time}, {number} soldats nord-coréens {verb} {place}, selon {source}."


def test_a_multi_outlet_corpus_file_end_to_end(tmp_path):
    """Three outlets of four articles (one writes in the conditional, one in the indicative, one mixes), two
    articles of unknown outlet, every record titled; a fifth article of "Le Mixte" is a near copy of the first
    of "Le Factuel" (one word of 85 changed), so the two are one dispatch family."""
    from analysis.annotate.stage import annotate_corpus  # the annotate and clean stages, only for this test
    from analysis.clean.stage import clean_corpus

    plan = {"Le Conditionnel": [True] * 4, "Le Factuel": [False] * 4, "Le Mixte": [True, False, True, False],
            "": [True, False]}
    records, article = [], 0
    for outlet, conditional in plan.items():
        for flag in conditional:
            text = " ".join(_sentence(flag, article, position) for position in range(6))
            record = {"title": f"Des troupes nord-coréennes en Russie, épisode {article}", "text": text,
                      "published": f"2024-11-{article + 1:02d}"}
            records.append(record | ({"outlet": outlet} if outlet else {}))
            article += 1
    records.append(records[4] | {"outlet": "Le Mixte", "text": records[4]["text"].replace("soldats", "militaires", 1)})
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "corpus.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                      encoding="utf-8")
    cleaned = clean_corpus(raw, cache_dir=tmp_path / "cache", progress=False)
    annotated = annotate_corpus(cleaned.articles, cleaned.paragraphs, cleaned.sentences,
                                cache_dir=tmp_path / "cache", progress=False)
    tables = {"articles": cleaned.articles, "sentences": cleaned.sentences, "stance": annotated.stance,
              "attributions": annotated.attributions, "claims": annotated.claims, "places": annotated.places,
              "lemmas": annotated.lemmas}
    compared = compare.compare_all(tables, settings=FAST)
    assert (cleaned.articles["status"] == "ok").all(), cleaned.articles[["status", "reason"]]
    table = compared["units"]
    pooled = table.loc[table["unit_kind"] == "outlet"].groupby("unit").size().to_dict()
    assert pooled == {"Le Conditionnel": 4, "Le Factuel": 4, "Le Mixte": 5}
    assert (table.loc[table["outlet"] == "unknown", "unit_kind"] == "article").all()
    # every record has a title: every article has a headline, taken from the record when the text lacks it
    assert compared["headlines"]["has_headline"].all()
    # the near copy and its original are one dispatch family, across two outlets
    copied = table.loc[table["wire_copy"]]
    assert len(copied) == 2 and copied["family_id"].nunique() == 1 and set(copied["unit"]) == {"Le Factuel", "Le Mixte"}
    hedged = compared["outlet_comparison"].query("measure == 'hedged'").set_index("unit")
    # six body sentences an article, each hedged by "seraient" or not: Le Mixte's five articles are two
    # conditional ones, two indicative ones and the copy of Le Factuel's
    counts = {unit: (int(row["count"]), int(row["total"])) for unit, row in hedged.iterrows()}
    assert counts == {"Le Conditionnel": (24, 24), "Le Factuel": (0, 24), "Le Mixte": (12, 30)}


def test_the_report_says_when_the_permutations_cannot_resolve_a_single_difference():
    from analysis.report.outlets import resolution_note  # the report's sentence, only for this test

    # 4,019 tests: one difference alone needs p <= 0.05 / 4019 = 1.2e-5, below 1 / 10,000; with every p at
    # 1e-4, BH rejects once 1e-4 <= 0.05 k / 4019, i.e. from k = 9
    assert "at least 9 of them reach the smallest p-value 9999 permutations can give (1/10000)" in \
        resolution_note(4019, 9999)
    assert resolution_note(4, 1999) == ""  # 1/2000 is below 0.05 / 4: a single difference can be stated
