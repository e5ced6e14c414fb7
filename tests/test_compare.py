"""Comparisons per article on a small synthetic corpus whose expected values are worked out by hand.

The corpus (three compared articles, one exact duplicate, one rejected file):

Alpha · test (a1, 2024-10-23)
  s000 headline  "Des soldats nord-coréens tués, selon Séoul"            attributed to south_korea
  s001 body      "Selon Séoul, 3 000 soldats nord-coréens seraient déjà en Russie."  hedged; south_korea;
                 about the troops; claim 3000 deployed; place russia
  s002 body      "Les troupes nord-coréennes combattent dans la région de Koursk."  about the troops,
                 no attribution; place russia
  s003 body      "Pyongyang a démenti ces rumeurs."  denial; north_korea; NOT about the troops (no troop word)
  s004 body      "La guerre dure depuis 2022."
Bravo · test (b1, date unknown, agency AFP)
  s000 headline  "La Corée du Nord va-t-elle envoyer des soldats ?"       question
  s001 body      "Au moins 100 Nord-Coréens auraient été tués en Ukraine, affirme Kiev."  hedged; ukraine;
                 about the troops ("Nord-Coréens"); claim 100 killed; place ukraine
  s002 body      "Ces vidéos n'ont pas été authentifiées."  unverified
  s003 body      "Des experts affirment que 10 000 soldats nord-coréens sont au front."  experts; about the
                 troops; claim 10000 deployed
Echo · test (e1, 2024-12-19, no headline)
  s000 body      "Les soldats nord-coréens seraient 10 000."  hedged; about the troops, no attribution;
                 claim 10000 deployed
  s001 body      "Selon Washington, 10 000 soldats nord-coréens sont stationnés en Russie."  united_states;
                 about the troops; claim 10000 deployed; place russia
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.compare import inputs as compare_inputs
from analysis.compare import mentions as compare_mentions
from analysis.compare import stage as compare
from analysis.compare import units as compare_units
from analysis.compare import views as compare_views
from analysis.core import errors as core_errors

SENTENCES = [
    # sentence_id, kind, text, lemmas
    ("a1-s000", "headline", "Des soldats nord-coréens tués, selon Séoul", "un soldat nord-coréen tuer , selon Séoul"),
    ("a1-s001", "body", "Selon Séoul, 3 000 soldats nord-coréens seraient déjà en Russie.",
     "selon Séoul , 3 000 soldat nord-coréen être déjà en Russie ."),
    ("a1-s002", "body", "Les troupes nord-coréennes combattent dans la région de Koursk.",
     "le troupe nord-coréen combattre dans le région de Koursk ."),
    ("a1-s003", "body", "Pyongyang a démenti ces rumeurs.", "Pyongyang avoir démentir ce rumeur ."),
    ("a1-s004", "body", "La guerre dure depuis 2022.", "le guerre durer depuis 2022 ."),
    ("b1-s000", "headline", "La Corée du Nord va-t-elle envoyer des soldats ?",
     "le Corée de le Nord aller -t-elle envoyer un soldat ?"),
    ("b1-s001", "body", "Au moins 100 Nord-Coréens auraient été tués en Ukraine, affirme Kiev.",
     "au moins 100 nord-coréen avoir être tuer en Ukraine , affirmer Kiev ."),
    ("b1-s002", "body", "Ces vidéos n'ont pas été authentifiées.", "ce vidéo ne avoir pas être authentifier ."),
    ("b1-s003", "body", "Des experts affirment que 10 000 soldats nord-coréens sont au front.",
     "un expert affirmer que 10 000 soldat nord-coréen être à le front ."),
    ("e1-s000", "body", "Les soldats nord-coréens seraient 10 000.", "le soldat nord-coréen être 10 000 ."),
    ("e1-s001", "body", "Selon Washington, 10 000 soldats nord-coréens sont stationnés en Russie.",
     "selon Washington , 10 000 soldat nord-coréen être stationner en Russie ."),
]
HEDGED = {"a1-s001", "b1-s001", "e1-s000"}
DENIAL = {"a1-s003"}
UNVERIFIED = {"b1-s002"}
QUESTION = {"b1-s000"}


def synthetic_inputs() -> dict[str, pd.DataFrame]:
    """The hand-described corpus of the module docstring as input tables."""
    articles = pd.DataFrame([
        # article_id, source_file, label, status, reason, published, agency, duplicate_of, near_duplicate_of
        ("a1", "a1.txt", "Alpha · test", "ok", "", "2024-10-23", "", "", ""),
        ("b1", "b1.txt", "Bravo · test", "ok", "", "", "AFP", "", ""),
        ("c1", "c1.txt", "Charlie · test", "duplicate", "exact duplicate of a1", "2024-10-23", "", "a1", ""),
        ("d1", "d1.txt", "Delta · test", "rejected", "empty file", "", "", "", ""),
        ("e1", "e1.txt", "Echo · test", "ok", "", "2024-12-19T10:39", "", "", "b1"),
    ], columns=["article_id", "source_file", "label", "status", "reason", "published", "agency", "duplicate_of",
                "near_duplicate_of"])
    articles["outlet"] = ["Alpha", "Bravo", "Alpha", "unknown", "Echo"]
    articles["sha256"] = ["0" * 64] * 5
    sentences = pd.DataFrame([
        {"sentence_id": sid, "article_id": sid.split("-")[0], "paragraph_id": sid.replace("-s", "-p"),
         "position": int(sid[-3:]), "kind": kind, "text": text} for sid, kind, text, _ in SENTENCES])
    lemmas = pd.DataFrame([{"sentence_id": sid, "article_id": sid.split("-")[0], "lemmas": lem}
                           for sid, _, _, lem in SENTENCES])
    stance = pd.DataFrame([{
        "sentence_id": sid, "article_id": sid.split("-")[0], "hedged": sid in HEDGED,
        "hedge_cues": "seraient" if sid in HEDGED else "", "unverified": sid in UNVERIFIED, "unverified_cues": "",
        "confirmed": False, "confirmed_cues": "", "denial": sid in DENIAL, "denial_cues": "",
        "denial_actor_group": "north_korea" if sid in DENIAL else "", "question": sid in QUESTION,
    } for sid, *_ in SENTENCES])
    attributions = pd.DataFrame([
        ("a1-s000-a00", "a1", "a1-s000", "Séoul", "south_korea", "selon", "according_to"),
        ("a1-s001-a00", "a1", "a1-s001", "Séoul", "south_korea", "selon", "according_to"),
        ("a1-s003-a00", "a1", "a1-s003", "Pyongyang", "north_korea", "démentir", "indirect"),
        ("b1-s001-a00", "b1", "b1-s001", "Kiev", "ukraine", "affirmer", "indirect"),
        ("b1-s003-a00", "b1", "b1-s003", "experts", "experts", "affirmer", "indirect"),
        ("e1-s001-a00", "e1", "e1-s001", "Washington", "united_states", "selon", "according_to"),
    ], columns=["attribution_id", "article_id", "sentence_id", "actor", "actor_group", "cue", "quote_type"])
    claims = pd.DataFrame([
        ("a1-c000", "a1", "a1-s001", 3000.0, "deployed", "Séoul", "south_korea", True),
        ("b1-c000", "b1", "b1-s001", 100.0, "killed", "Kiev", "ukraine", True),
        ("b1-c001", "b1", "b1-s003", 10000.0, "deployed", "experts", "experts", False),
        ("e1-c000", "e1", "e1-s000", 10000.0, "deployed", "", "", True),
        ("e1-c001", "e1", "e1-s001", 10000.0, "deployed", "Washington", "united_states", False),
    ], columns=["claim_id", "article_id", "sentence_id", "value", "kind", "actor", "source_group", "hedged"])
    claims["low"], claims["high"], claims["qualifier"] = float("nan"), float("nan"), ""
    claims["subject"] = "north_korean_troops"
    claims["text"] = claims["value"].map(lambda value: f"{value:,.0f}".replace(",", " "))
    places = pd.DataFrame([
        ("a1-s001-l00", "a1", "a1-s001", "Russie", "russia"),
        ("a1-s002-l00", "a1", "a1-s002", "Koursk", "russia"),
        ("b1-s001-l00", "b1", "b1-s001", "Ukraine", "ukraine"),
        ("e1-s001-l00", "e1", "e1-s001", "Russie", "russia"),
    ], columns=["place_id", "article_id", "sentence_id", "place", "place_group"])
    frames = pd.DataFrame([
        ("a1", "generic", "conflict", 0.5, True, "a1-s002"),
        ("b1", "generic", "conflict", 0.2, True, "b1-s001"),
        ("a1", "policy", "security", 1.0, True, "a1-s001 | a1-s002"),
    ], columns=["article_id", "scheme", "frame", "score", "present", "evidence_sentence_ids"])
    return {"articles": articles, "sentences": sentences, "stance": stance, "attributions": attributions,
            "claims": claims, "places": places, "lemmas": lemmas, "frames": frames}


@pytest.fixture(scope="module")
def inputs() -> dict[str, pd.DataFrame]:
    return synthetic_inputs()


@pytest.fixture(scope="module")
def comparisons(inputs) -> dict[str, pd.DataFrame]:
    return compare.compare_all(inputs, top_k=3, min_count=1)


def _value(table: pd.DataFrame, label: str, measure: str, column: str, key: str = "measure"):
    row = table.loc[(table["label"] == label) & (table[key] == measure)]
    assert len(row) == 1, (label, measure, row)
    return row.iloc[0][column]


def test_only_ok_articles_are_compared_sorted_by_label(inputs):
    ok = compare.compared_articles(inputs["articles"])
    assert ok["label"].tolist() == ["Alpha · test", "Bravo · test", "Echo · test"]
    assert ok["published"].tolist() == ["2024-10-23", "", "2024-12-19"]


def test_voice_shares_per_actor_group(comparisons):
    voice = comparisons["voice"]
    # Alpha: 3 attributions, 2 to South Korea, 1 to North Korea; five groups in the corpus → 5 rows per article.
    assert len(voice) == 3 * 5
    assert _value(voice, "Alpha · test", "south_korea", "share", "actor_group") == pytest.approx(2 / 3)
    assert _value(voice, "Alpha · test", "north_korea", "n_attributions", "actor_group") == 1
    assert _value(voice, "Alpha · test", "ukraine", "share", "actor_group") == 0
    assert _value(voice, "Bravo · test", "experts", "share", "actor_group") == pytest.approx(0.5)
    assert _value(voice, "Echo · test", "united_states", "share", "actor_group") == 1
    assert _value(voice, "Alpha · test", "south_korea", "evidence_sentence_ids", "actor_group") == \
        "a1-s000 | a1-s001"
    # sorted by label, then most attributions first
    assert voice.loc[voice["label"] == "Alpha · test", "actor_group"].iloc[0] == "south_korea"


def test_named_sources_lists_each_actor_once_per_article(comparisons):
    sources = comparisons["named_sources"]
    alpha = sources.loc[sources["label"] == "Alpha · test"]
    assert alpha["actor"].tolist() == ["Séoul", "Pyongyang"]
    assert alpha["n_attributions"].tolist() == [2, 1]
    assert alpha["quote_types"].tolist() == ["according_to", "indirect"]


def test_certainty_counts_and_shares(comparisons):
    table = comparisons["certainty"]
    # Alpha: 4 body sentences, 1 hedged, 1 denial; 2 sentences about the troops (s001 attributed, s002 not).
    assert _value(table, "Alpha · test", "hedged", "share") == pytest.approx(0.25)
    assert _value(table, "Alpha · test", "denial", "count") == 1
    assert _value(table, "Alpha · test", "deployment_attributed", "total") == 2
    assert _value(table, "Alpha · test", "deployment_unattributed", "evidence_sentence_ids") == "a1-s002"
    # Bravo: 3 body sentences; "Nord-Coréens" alone makes s001 about the troops; both troop sentences attributed.
    assert _value(table, "Bravo · test", "hedged", "count") == 1
    assert _value(table, "Bravo · test", "unverified", "share") == pytest.approx(1 / 3)
    assert _value(table, "Bravo · test", "deployment_attributed", "count") == 2
    assert _value(table, "Bravo · test", "deployment_unattributed", "share") == 0
    # Echo: 2 body sentences, 1 hedged.
    assert _value(table, "Echo · test", "hedged", "share") == pytest.approx(0.5)
    assert _value(table, "Echo · test", "confirmed", "count") == 0
    assert len(table) == 3 * len(compare_inputs.CERTAINTY_MEASURES)


def test_headlines_are_not_counted_as_body(comparisons):
    # Bravo's headline is a question with "soldats": it must not enter the body counts.
    table = comparisons["certainty"]
    assert _value(table, "Bravo · test", "hedged", "total") == 3


@pytest.mark.parametrize("text, lemmas, expected", [
    ("Des soldats nord-coréens seraient arrivés.", "un soldat nord-coréen être arriver .", True),
    ("Au moins 100 Nord-Coréens ont été tués.", "au moins 100 nord-coréen avoir être tuer .", True),
    ("L'envoi par Pyongyang de milliers de combattants inquiète.", "le envoi par Pyongyang de millier de "
                                                                   "combattant inquiéter .", True),
    ("Pyongyang a démenti ces rumeurs.", "Pyongyang avoir démentir ce rumeur .", False),  # no troop word
    ("Des soldats russes reprennent le village.", "un soldat russe reprendre le village .", False),  # not NK
    ("Le régime nord-coréen multiplie les essais.", "le régime nord-coréen multiplier le essai .", False),
])
def test_mentions_deployment(text, lemmas, expected):
    assert compare_mentions.mentions_deployment(text, lemmas) is expected


def test_figures_joined_with_label_and_date(comparisons):
    figures = comparisons["figures"]
    assert figures["claim_id"].tolist() == ["a1-c000", "b1-c000", "b1-c001", "e1-c000", "e1-c001"]
    assert figures.set_index("claim_id").loc["e1-c001", "published"] == "2024-12-19"
    assert figures.set_index("claim_id").loc["e1-c000", "source_group_label"] == "no source"


def test_vague_figures_are_no_points_and_the_largest_compares_like_with_like(inputs):
    claims = inputs["claims"].copy()
    extra = pd.DataFrame([
        # "plusieurs milliers": bounds 2000-9999 kept, no point; "jusqu'à 12 000": its ceiling; "au moins 30": floor
        {"claim_id": "b1-c002", "article_id": "b1", "sentence_id": "b1-s003", "value": float("nan"), "low": 2000.0,
         "high": 9999.0, "qualifier": "plusieurs milliers", "kind": "deployed", "subject": "north_korean_troops",
         "actor": "", "source_group": "", "hedged": False, "text": "plusieurs milliers", "status": "deployed",
         "precision": "vague", "stated": True},
        {"claim_id": "b1-c003", "article_id": "b1", "sentence_id": "b1-s003", "value": float("nan"),
         "low": float("nan"), "high": 12000.0, "qualifier": "jusqu'à", "kind": "deployed",
         "subject": "north_korean_troops", "actor": "", "source_group": "", "hedged": False, "text": "jusqu'à 12 000",
         "status": "planned", "precision": "bounded", "stated": True},
        {"claim_id": "b1-c004", "article_id": "b1", "sentence_id": "b1-s001", "value": float("nan"), "low": 30.0,
         "high": float("nan"), "qualifier": "au moins", "kind": "killed", "subject": "russian_troops",
         "actor": "", "source_group": "", "hedged": False, "text": "au moins 30", "status": "casualty",
         "precision": "bounded", "stated": True},
    ])
    table = compare.figures(inputs["articles"], pd.concat([claims, extra], ignore_index=True)).set_index("claim_id")
    assert math.isnan(table.loc["b1-c002", "figure"]) and table.loc["b1-c002", "low"] == 2000
    assert table.loc["b1-c003", "figure"] == 12000 and table.loc["b1-c002", "figure_text"] == "plusieurs milliers"
    timeline = compare.claims_timeline(table.reset_index())
    assert "b1-c004" not in set(timeline["claim_id"])  # about Russian troops: not on the timeline
    assert "b1-c002" not in set(timeline["claim_id"])  # a vague quantity is never a point
    # the planned 12 000 is not set against the deployed 10 000: each kind and status has its own largest figure
    units = compare_units.assign_units(inputs["articles"])
    distinct = compare_views.unit_figures(table.reset_index(), units)
    found = compare.findings({"figures_distinct": distinct}, inputs["sentences"])
    bravo = next(f for f in found if f.label == "Bravo · test" and f.measure == "figures")
    assert "sent or stationed: 10\u202f000 (“10 000”" in bravo.sentence_en
    assert "planned or preparing: 12\u202f000 (“jusqu'à 12 000”" in bravo.sentence_en
    assert "“plusieurs milliers”" not in bravo.sentence_en.split("sent or stationed:")[0]
    assert bravo.evidence[0].label == "Bravo · test"


def test_claims_timeline_orders_by_date_and_keeps_unknown_dates(comparisons):
    timeline = comparisons["claims_timeline"]
    # Known dates first (Alpha 23 Oct, Echo 19 Dec ×2), then Bravo (date unknown): deployed before killed.
    assert timeline["claim_id"].tolist() == ["a1-c000", "e1-c000", "e1-c001", "b1-c001", "b1-c000"]
    assert timeline["date_known"].tolist() == [True, True, True, False, False]
    # 10 000 deployed is reported by Bravo and Echo.
    row = timeline.set_index("claim_id").loc["b1-c001"]
    assert row["n_labels_same_figure"] == 2
    assert row["labels_same_figure"] == "Bravo · test | Echo · test"


def test_frames_matrix_is_complete(comparisons):
    matrix = comparisons["frames_matrix"]
    # 2 (scheme, frame) pairs × 3 articles; Echo has no frame rows → score 0, absent.
    assert len(matrix) == 6
    echo = matrix.loc[(matrix["label"] == "Echo · test") & (matrix["frame"] == "conflict")].iloc[0]
    assert echo["score"] == 0 and not echo["present"]
    assert _value(matrix, "Alpha · test", "security", "score", "frame") == 1.0


def test_headlines(comparisons):
    heads = comparisons["headlines"].set_index("label")
    assert heads.loc["Alpha · test", "attributed"] and not heads.loc["Alpha · test", "question"]
    assert heads.loc["Alpha · test", "attributed_to"] == "South Korea"
    assert heads.loc["Bravo · test", "question"] and not heads.loc["Bravo · test", "attributed"]
    assert not heads.loc["Bravo · test", "figure"]
    assert not heads.loc["Echo · test", "has_headline"]


def test_locations(comparisons):
    table = comparisons["locations"]
    assert _value(table, "Alpha · test", "russia", "share", "place_group") == 1
    assert _value(table, "Bravo · test", "ukraine", "count", "place_group") == 1
    assert _value(table, "Bravo · test", "russia", "share", "place_group") == 0
    assert _value(table, "Echo · test", "russia", "total", "place_group") == 1


def test_wire_copy_and_corpus_summary(comparisons):
    wire = comparisons["wire_copy"].set_index("article_id")
    assert wire.loc["c1", "exact_duplicate_of_label"] == "Alpha · test"
    assert wire.loc["e1", "near_duplicate_of_label"] == "Bravo · test"
    assert wire.loc["b1", "agency"] == "AFP" and not wire.loc["b1", "shares_copy"]
    summary = comparisons["corpus_summary"]
    assert summary["status"].tolist() == ["ok", "duplicate", "rejected"]
    assert summary["n_articles"].tolist() == [3, 1, 1]
    assert summary.loc[summary["status"] == "rejected", "source_files"].iloc[0] == "d1.txt"
    assert summary.loc[summary["status"] == "rejected", "reason"].iloc[0] == "empty file"


DATE_NOTE = " (no other article is of its week, so this ranking may reflect its date as much as its outlet)."


def test_findings_are_computed_with_evidence(comparisons, inputs):
    found = compare.findings(comparisons, inputs["sentences"])
    hedging = {f.label: f for f in found if f.measure == "hedged"}
    assert hedging["Echo · test"].sentence_en == \
        "Echo · test: 50% of body sentences are hedged (1 of 2), the highest of the three articles" + DATE_NOTE
    # Alpha (2024-10-23) and Echo (2024-12-19) are alone in their weeks and Bravo is undated: a ranking of them may
    # be a ranking of dates (issue 17, item 6), and says so
    assert hedging["Alpha · test"].sentence_en.endswith("(1 of 4), the lowest of the three articles" + DATE_NOTE)
    assert hedging["Bravo · test"].sentence_en == "Bravo · test: 33% of body sentences are hedged (1 of 3)."
    evidence = hedging["Alpha · test"].evidence
    assert evidence == [("a1-s001", "Selon Séoul, 3 000 soldats nord-coréens seraient déjà en Russie.",
                         "Alpha · test")]
    figures = {f.label: f for f in found if f.measure == "figures"}
    assert "10\u202f000" in figures["Echo · test"].sentence_en
    assert "Bravo · test" in figures["Echo · test"].sentence_en  # same figure reported elsewhere
    # every finding names its label first, and findings are grouped by label
    assert all(f.sentence_en.startswith(f.label + ":") for f in found)
    assert [f.label for f in found] == sorted(f.label for f in found)


def test_findings_change_with_the_data(inputs):
    changed = {name: table.copy() for name, table in inputs.items()}
    changed["stance"].loc[changed["stance"]["sentence_id"] == "a1-s004", "hedged"] = True
    found = compare.findings(compare.compare_all(changed, min_count=1), changed["sentences"])
    alpha = next(f for f in found if f.label == "Alpha · test" and f.measure == "hedged")
    assert alpha.sentence_en == "Alpha · test: 50% of body sentences are hedged (2 of 4), tied highest of the " \
                                "three articles" + DATE_NOTE


def test_write_comparisons_is_deterministic(comparisons, tmp_path):
    first = compare.write_comparisons(comparisons, tmp_path / "one")
    second = compare.write_comparisons(compare.compare_all(synthetic_inputs(), top_k=3, min_count=1),
                                       tmp_path / "two")
    assert [p.name for p in first] == list(compare.COMPARISON_FILES.values())
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    back = compare_inputs.load_comparisons(tmp_path / "one")
    certainty = back["certainty"]
    assert _value(certainty, "Alpha · test", "hedged", "share") == pytest.approx(0.25)
    # read back with its types: empty text stays "", flags are bool, and findings are the same
    heads = back["headlines"].set_index("label")
    assert heads.loc["Echo · test", "figures"] == "" and heads.loc["Echo · test", "has_headline"] is not True
    assert back["claims_timeline"]["figure_text"].tolist()[0] == "3 000"
    sentences = synthetic_inputs()["sentences"]
    assert compare.findings(back, sentences) == compare.findings(comparisons, sentences)


def test_unit_note_does_not_treat_unknown_outlets_as_one(inputs):
    articles = inputs["articles"].assign(outlet="unknown", outlet_source="unknown")
    assert "no outlet has more than one article" in compare_units.unit_note(compare_units.assign_units(articles))
    # the three compared articles of one outlet: pooled at min_articles=3, shown one by one at 4
    shared = inputs["articles"].assign(outlet="Le Monde", outlet_source="manifest")
    assert "1 outlet(s) with at least 3 articles each are compared as outlets (3 articles" in \
        compare_units.unit_note(compare_units.assign_units(shared, 3), 3)
    assert "up to 3 articles share an outlet, fewer than the 4 needed" in \
        compare_units.unit_note(compare_units.assign_units(shared, 4), 4)


def test_empty_and_missing_inputs_do_not_crash(tmp_path):
    articles = synthetic_inputs()["articles"]
    out = compare.compare_all({"articles": articles})
    assert out["voice"].empty and out["keyness"].empty and out["claims_timeline"].empty
    hedged = out["certainty"].loc[out["certainty"]["measure"] == "hedged"]
    assert hedged["total"].tolist() == [0, 0, 0] and all(math.isnan(s) for s in hedged["share"])
    compare.write_comparisons(out, tmp_path)
    with pytest.raises(core_errors.ConfigError, match="sentences.csv"):
        articles.to_csv(tmp_path / "articles.csv", index=False)
        compare_inputs.load_inputs(tmp_path)


def test_load_inputs_reads_csv_round_trip(inputs, tmp_path):
    for name, table in inputs.items():
        table.to_csv(tmp_path / f"{name}.csv", index=False)
    loaded = compare_inputs.load_inputs(tmp_path)
    from_csv = compare.compare_all(loaded, top_k=3, min_count=1)
    direct = compare.compare_all(inputs, top_k=3, min_count=1)
    for name in ("certainty", "voice", "headlines", "claims_timeline"):
        pd.testing.assert_frame_equal(from_csv[name], direct[name], check_dtype=False)
