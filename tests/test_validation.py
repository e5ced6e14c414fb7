"""Validation against the hand coding: metric code, the join check, regression thresholds on the seeds.

The metric tests use tiny tables whose precision, recall, F1 and Krippendorff's alpha were computed by
hand (the working is written beside each expected value). The seed tests run the real coders from code
(clean → annotate → frames, on data/raw, with the repository's parse cache) — not the committed CSVs —
and check that no coder falls below the agreement it reaches today.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.core.paths import ANNOTATIONS_DIR, CACHE_DIR, resource
from analysis.report import validation as report_validation
from analysis.validate import coding as validate_coding
from analysis.validate import heldout as heldout_module
from analysis.validate import stage as validation
from analysis.validate.calibration import calibrate_policy_frames, dev_calibration
from analysis.validate.coding import (
    Coding,
    HandCoding,
    claim_key,
    hand_indicator_id,
    load_hand_coding,
    normalize_list,
    number_in,
    parse_bool,
)
from analysis.validate.heldout import HELDOUT_DIR, HELDOUT_TABLES, code_heldout, coding_key, read_split
from analysis.validate.machine import machine_claims, machine_coding
from analysis.validate.scoring import (
    agreement,
    confusion_tables,
    disagreements,
    human_agreement,
    match_claims,
    nominal_alpha,
    score_variable,
)
from analysis.validate.stage import coders_statement, validate_corpus, validate_heldout, write_validation

# Seeds (in-sample). First measured on 2026-11-21; re-measured on 2026-12-02 after the coders were revised on the
# held-out dev split (issue 14), with
#   .venv/bin/python -m pytest tests/test_validation.py -q   (fixture `seed_run`: clean_corpus on data/raw,
#   annotate_corpus, score_frames, then validation.agreement against data/annotations/*_adjudicated.csv)
# Each threshold is the measured value rounded DOWN to 2 decimals. Never loosen a threshold to pass:
# a lower score is a regression to fix (or, if the hand coding changed, a re-measurement to document).
# Raised on 2026-12-02 (the old value in brackets), each by a change read against the seeds' text:
#   attributed [0.96]: "L'Ukraine alerte sur…" (the verb tagged an adjective after the name) is now found;
#   hedged [0.81]: the codebook's rule that predictions are no hedges ("pourrait être imminent", "7 000
#     devraient être envoyés d'ici décembre", "pourrait avoir des répercussions") removes the 6 false positives;
#   quote_types [0.82], claim.hedged [0.57] (a figure is hedged by its own clause, codebook §2: "6 militaires …
#     ont été tués" after "seraient … d'après des médias, qui affirment" is not), claim.source_group [0.95]
#     (the source of "1500 seraient déjà arrivés" is now the context's, as the hand coding has it),
#   frames:policy [0.76]: the political frame's cues are elections and parties, no longer any official's title.
THRESHOLDS = {  # F1 of each variable (micro-averaged over the values of a set)
    "attributed": 0.97,          # measured 0.9730 (54 tp, 1 fp, 2 fn)
    "actor_groups": 0.91,        # measured 0.9106
    "quote_types": 0.83,         # measured 0.8333
    "hedged": 1.00,              # measured 1.0000 (13 tp, 0 fp, 0 fn)
    "unverified": 0.90,          # measured 0.9091
    "confirmed": 0.75,           # measured 0.7500
    "denial": 1.00,              # measured 1.0000
    "denial_actor_group": 0.85,  # measured 0.8571
    "question": 1.00,            # measured 1.0000
    "place": 0.86,               # measured 0.8621
    "claim_detection": 1.00,     # measured 1.0000 (23 of 23 hand claims found, no extra claim)
    "claim.hedged": 1.00,        # measured 1.0000 (2 tp)
    "frames:generic": 0.84,      # measured 0.8421
    "frames:policy": 0.87,       # measured 0.8780
}
ACCURACY_THRESHOLDS = {  # share of units agreeing, where F1 is undefined (nominal, or no positive)
    "boilerplate": 1.00,                    # measured 1.0000 (no hand-coded boilerplate kept by the cleaner)
    "actor_groups_when_attributed": 0.90,   # measured 0.9074 (49 of 54 sentences both attribute)
    "claim.value": 1.00,                    # measured 1.0000
    "claim.kind": 1.00,                     # measured 1.0000
    "claim.subject": 1.00,                  # measured 1.0000
    "claim.source_group": 1.00,             # measured 1.0000 (23 of 23)
    "claim.source_group_or_context": 1.00,  # measured 1.0000
}

# The held-out TEST split (data/annotations/heldout, 32 articles never read while the coders were changed),
# first computed on 2026-12-02 by the fixture `heldout_run` (code_heldout then validate_heldout); the values
# below are those after the later changes listed in the held-out README (attributed 0.8243 -> 0.8254 and
# actor_groups 0.6103 -> 0.6110; nothing else moved). Rounded down, never loosened; the dev split is not
# guarded here (it was tuned on). The targets and the gaps are reported in the held-out README.
HELDOUT_TEST_THRESHOLDS = {  # F1
    "attributed": 0.82,          # measured 0.8254 (319 tp, 11 fp, 124 fn)
    "hedged": 0.76,              # measured 0.7654 (31 tp, 15 fp, 4 fn)
    "unverified": 0.57,          # measured 0.5714
    "confirmed": 0.40,           # measured 0.4000
    "denial": 0.30,              # measured 0.3077
    "question": 0.90,            # measured 0.9091
    "actor_groups": 0.61,        # measured 0.6110
    "quote_types": 0.69,         # measured 0.6947
    "denial_actor_group": 0.08,  # measured 0.0870
    "claim_detection": 0.70,     # measured 0.7071 (35 of 57 hand claims found, 7 extra)
    "frames:generic": 0.78,      # measured 0.7879
    "frames:policy": 0.74,       # measured 0.7452 (136 tp, 56 fp, 37 fn)
}
HELDOUT_TEST_ACCURACY_THRESHOLDS = {
    "actor_groups_when_attributed": 0.69,   # measured 0.6991 (of 319 sentences both attribute)
    "claim.value": 1.00,                    # measured 1.0000 (35 matched claims)
    "claim.kind": 0.97,                     # measured 0.9714
    "claim.subject": 0.88,                  # measured 0.8857
    "claim.source_group": 0.60,             # measured 0.6000
    "claim.source_group_or_context": 0.51,  # measured 0.5143
    "claim.hedged": 0.97,                   # measured 0.9714
    "place": 1.00,                          # measured 1.0000 (no sentence places North Korean soldiers)
}


# --------------------------------------------------------------------------------------------------
# Metric code on hand-computed tables
# --------------------------------------------------------------------------------------------------

def test_binary_scores_match_hand_computation():
    # hand T T F F, machine T F F F: tp 1, fp 0, fn 1, tn 2; P = 1, R = 1/2, F1 = 2/3.
    # Alpha: coincidences o_TT = 2, o_TF = o_FT = 1, o_FF = 4; n_T = 3, n_F = 5, n = 8;
    # alpha = 1 - (n - 1) * 2 / (2 * 3 * 5) = 1 - 14/30 = 16/30.
    scores = score_variable("binary", "hedged", ["True", "True", "False", "False"],
                            ["True", "False", "False", "False"])
    assert (scores["tp"], scores["fp"], scores["fn"], scores["tn"]) == (1, 0, 1, 2)
    assert scores["precision"] == 1 and scores["recall"] == 0.5
    assert scores["f1"] == pytest.approx(2 / 3)
    assert scores["alpha"] == pytest.approx(16 / 30)
    assert scores["percent_agreement"] == pytest.approx(75.0)


def test_binary_scores_second_example():
    # hand T F T F T, machine T T F F T: tp 2, fp 1, fn 1, tn 1; P = R = F1 = 2/3.
    # o_TT = 4, o_TF = o_FT = 2, o_FF = 2; n_T = 6, n_F = 4, n = 10; alpha = 1 - 9 * 4 / 48 = 0.25.
    scores = score_variable("binary", "denial", ["True", "False", "True", "False", "True"],
                            ["True", "True", "False", "False", "True"])
    assert (scores["tp"], scores["fp"], scores["fn"], scores["tn"]) == (2, 1, 1, 1)
    assert scores["f1"] == pytest.approx(2 / 3)
    assert scores["alpha"] == pytest.approx(0.25)


def test_set_scores_are_micro_averaged_and_alpha_is_on_the_whole_set():
    # {a,b}/{a}: tp 1 fn 1; {}/{b}: fp 1; {a}/{a}: tp 1 → tp 2, fp 1, fn 1; universe {a,b}: tn 0 + 1 + 1 = 2.
    # Alpha on the whole sets: values "a | b", "", "a", "b"; o(a|b,a) = o(a,a|b) = o("",b) = o(b,"") = 1,
    # o(a,a) = 2; n_a = 3, others 1, n = 6; Σ n_c n_k (c≠k) = 36 - 12 = 24; alpha = 1 - 5 * 4 / 24 = 1/6.
    scores = score_variable("set", "actor_groups", ["a | b", "", "a"], ["a", "b", "a"])
    assert (scores["tp"], scores["fp"], scores["fn"], scores["tn"]) == (2, 1, 1, 2)
    assert scores["precision"] == pytest.approx(2 / 3) and scores["recall"] == pytest.approx(2 / 3)
    assert scores["alpha"] == pytest.approx(1 / 6)
    assert scores["percent_agreement"] == pytest.approx(100 / 3)


def test_place_values_are_sets_of_countries():
    # both = {russia, ukraine}; the machine says russia: one country found, one missed.
    scores = score_variable("set", "place", ["both", "none", "ukraine"], ["russia", "none", "ukraine"])
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 0, 1)


def test_claim_detection_scores_and_alpha_undefined():
    # hand "30" found as "au moins 30" (tp); machine "100" extra (fp); hand "6" missed (fn).
    scores = score_variable("detection", "claim_detection", ["30", "", "6"], ["au moins 30", "100", ""])
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 1, 1)
    assert scores["f1"] == pytest.approx(0.5)
    assert math.isnan(scores["alpha"]) and math.isnan(scores["tn"])


def test_alpha_undefined_with_one_value_and_perfect_with_two():
    assert math.isnan(nominal_alpha(["False"] * 4, ["False"] * 4))
    assert math.isnan(nominal_alpha([], []))
    assert nominal_alpha(["a", "b", "a"], ["a", "b", "a"]) == pytest.approx(1.0)
    assert nominal_alpha(["1", "0"], ["0", "1"]) == pytest.approx(-0.5)  # total disagreement on two units


def test_cell_normalisation():
    assert parse_bool("True") is True and parse_bool(" false ") is False and parse_bool("peut-être") is None
    assert normalize_list("russia |north_korea| russia") == "north_korea | russia"
    assert normalize_list(float("nan")) == ""
    assert claim_key("a-s001", "10 000", 1) == "a-s001#10000#1"
    assert hand_indicator_id("conflict_q3") == "con3" and hand_indicator_id("human_interest_q1") == "hum1"


@pytest.mark.parametrize(("needle", "haystack", "expected"), [
    ("30", "au moins 30", True),
    ("30", "300 soldats", False),                     # not inside a longer number
    ("10 000", "quelque 10\u202f000", True),          # narrow no-break space in the article
    ("Plusieurs milliers", "plusieurs milliers", True),
    ("1.000", "environ 1.000", True),
    ("six", "sixième", True),                          # words: containment only, as the README says
    ("", "30", False),
])
def test_number_in(needle, haystack, expected):
    assert number_in(needle, haystack) is expected


def _claims(rows):
    columns = list(validate_coding.CLAIM_COLUMNS)
    return pd.DataFrame([{**dict.fromkeys(columns, ""), "context_source_group": "", "hedged": False, **row}
                         for row in rows], columns=columns)


def test_match_claims_by_text_then_value_in_order():
    # « Au moins 100 tués en décembre et 100 autres blessés ; un millier de soldats » : two "100", one
    # "un millier" that the machine wrote as "mille" (matched by value 1000).
    hand = _claims([{"sentence_id": "x-s000", "claim_key": "x-s000#100#1", "number_text": "100", "position": 1,
                     "value": "100"},
                    {"sentence_id": "x-s000", "claim_key": "x-s000#100#2", "number_text": "100", "position": 2,
                     "value": "100"},
                    {"sentence_id": "x-s000", "claim_key": "x-s000#unmillier#1", "number_text": "un millier",
                     "position": 1, "value": "1000"}])
    machine = _claims([{"sentence_id": "x-s000", "claim_key": "x-s000-c0", "number_text": "Au moins 100",
                        "position": 0, "value": "100"},
                       {"sentence_id": "x-s000", "claim_key": "x-s000-c1", "number_text": "100", "position": 40,
                        "value": "100"},
                       {"sentence_id": "x-s000", "claim_key": "x-s000-c2", "number_text": "mille", "position": 70,
                        "value": "1000"},
                       {"sentence_id": "x-s001", "claim_key": "x-s001-c0", "number_text": "7 000", "position": 0,
                        "value": "7000"}])
    pairs = {(h["claim_key"] if h else None, m["claim_key"] if m else None) for h, m in match_claims(hand, machine)}
    assert pairs == {("x-s000#100#1", "x-s000-c0"), ("x-s000#100#2", "x-s000-c1"),
                     ("x-s000#unmillier#1", "x-s000-c2"), (None, "x-s001-c0")}


# --------------------------------------------------------------------------------------------------
# A tiny corpus coded by hand and by (hand-written) machine tables
# --------------------------------------------------------------------------------------------------

TINY = [  # (sentence id, text) — sentences of our own
    ("t1-s000", "Selon Kiev, 3 000 soldats nord-coréens seraient arrivés à Koursk."),
    ("t1-s001", "Pyongyang a démenti ces informations."),
    ("t1-s002", "Des soldats nord-coréens combattent près de Donetsk."),
    ("t1-s003", "La guerre dure depuis 2022."),
]


def tiny_hand() -> Coding:
    """The hand coding of TINY, from a careful reading of each sentence."""
    base = {flag: False for flag in validate_coding.SENTENCE_FLAGS} | {s: "" for s in validate_coding.SENTENCE_SETS}
    rows = [
        {**base, "sentence_id": "t1-s000", "attributed": True, "actor_groups": "ukraine",
         "quote_types": "according_to", "hedged": True, "place": "russia"},
        {**base, "sentence_id": "t1-s001", "attributed": True, "actor_groups": "north_korea",
         "quote_types": "indirect", "denial": True, "denial_actor_group": "north_korea", "place": "none"},
        {**base, "sentence_id": "t1-s002", "place": "ukraine"},
        {**base, "sentence_id": "t1-s003", "place": "none"},
    ]
    text = dict(TINY)
    sentences = pd.DataFrame([{**row, "article_id": "t1", "text": text[row["sentence_id"]], "coded": True}
                              for row in rows], columns=list(validate_coding.SENTENCE_COLUMNS))
    claims = _claims([{"article_id": "t1", "sentence_id": "t1-s000", "claim_key": "t1-s000#3000#1",
                       "number_text": "3 000", "position": 1, "value": "3000", "kind": "deployed",
                       "subject": "north_korean_troops", "source_group": "ukraine", "hedged": True}])
    frames = pd.DataFrame([{"article_id": "t1", "scheme": "generic", "frame": "conflict", "present": True,
                            "indicators": "con1", "evidence": "Pyongyang a démenti ces informations."}],
                          columns=list(validate_coding.FRAME_COLUMNS))
    return Coding(sentences, claims, frames)


def tiny_processed(texts: dict[str, str] | None = None) -> dict[str, pd.DataFrame]:
    """Processed tables for TINY as the coders would write them; the machine misses Donetsk."""
    text = dict(TINY) | (texts or {})
    sentences = pd.DataFrame([{"article_id": "t1", "sentence_id": sid, "text": text[sid]} for sid, _ in TINY])
    flags = {"hedged": False, "unverified": False, "confirmed": False, "denial": False, "question": False,
             "denial_actor_group": ""}
    stance = pd.DataFrame([{"sentence_id": "t1-s000", **flags, "hedged": True},
                           {"sentence_id": "t1-s001", **flags, "denial": True, "denial_actor_group": "north_korea"},
                           {"sentence_id": "t1-s002", **flags}, {"sentence_id": "t1-s003", **flags}])
    attributions = pd.DataFrame([{"sentence_id": "t1-s000", "actor_group": "ukraine", "quote_type": "according_to"},
                                 {"sentence_id": "t1-s001", "actor_group": "north_korea", "quote_type": "indirect"}])
    places = pd.DataFrame([{"sentence_id": "t1-s000", "place_group": "russia"}])
    claims = pd.DataFrame([{"claim_id": "t1-s000-c0", "article_id": "t1", "sentence_id": "t1-s000", "value": 3000.0,
                            "kind": "deployed", "subject": "north_korean_troops", "source_group": "ukraine",
                            "hedged": False, "text": "3 000", "char_start": 12}])
    frames = pd.DataFrame([{"article_id": "t1", "scheme": "generic", "frame": "conflict", "present": True,
                            "indicators": "conflict_q1 | conflict_q2", "cues": "démenti"},
                           {"article_id": "t1", "scheme": "policy", "frame": "other", "present": False,
                            "indicators": "", "cues": ""}])
    return {"sentences": sentences, "stance": stance, "attributions": attributions, "claims": claims,
            "places": places, "frames": frames}


def rows_by_variable(table: pd.DataFrame) -> dict[str, dict]:
    return {row["variable"]: row for row in table.to_dict("records")}


def test_tiny_corpus_scores():
    machine = machine_coding(**tiny_processed())
    scores = rows_by_variable(agreement(tiny_hand(), machine))
    assert scores["attributed"]["tp"] == 2 and scores["attributed"]["tn"] == 2 and scores["attributed"]["f1"] == 1
    # place: hand russia, none, ukraine, none; machine russia, none, none, none → tp 1, fn 1.
    assert (scores["place"]["tp"], scores["place"]["fn"], scores["place"]["fp"]) == (1, 1, 0)
    assert scores["place=ukraine"]["recall"] == 0 and scores["place=russia"]["f1"] == 1
    # the claim is found; its hedging is missed by the machine (hand True, machine False)
    assert scores["claim_detection"]["f1"] == 1
    assert scores["claim.hedged"]["fn"] == 1 and scores["claim.value"]["percent_agreement"] == 100
    # indicators mapped from frames.yaml ids: con1 agreed, con2 a machine extra
    assert scores["indicator:con1"]["tp"] == 1 and scores["indicator:con2"]["fp"] == 1
    assert "frame:policy/other" not in scores  # not a hand-codebook frame: nothing to compare with
    assert math.isnan(scores["attributed"]["human_alpha"])  # a bare Coding has no passes
    listed = disagreements(tiny_hand(), machine)
    place = listed.loc[listed["variable"] == "place"].iloc[0]
    assert (place["sentence_id"], place["hand_value"], place["machine_value"]) == ("t1-s002", "ukraine", "none")
    assert place["text"] == "Des soldats nord-coréens combattent près de Donetsk."
    confusion = confusion_tables(tiny_hand(), machine)
    cell = confusion.loc[(confusion["variable"] == "place") & (confusion["hand_value"] == "none")]
    assert cell["n"].tolist() == [2]


def test_changed_sentence_text_is_reported_not_scored():
    changed = "Pyongyang a démenti ces informations, selon KCNA."
    machine = machine_coding(**tiny_processed({"t1-s001": changed}))
    scores = rows_by_variable(agreement(tiny_hand(), machine))
    assert scores["attributed"]["n_units"] == 3  # t1-s001 left out of every sentence score
    assert scores["denial"]["tp"] == 0
    listed = disagreements(tiny_hand(), machine)
    join = listed.loc[listed["variable"] == "join"]
    assert join["unit_id"].tolist() == ["t1-s001"]
    assert "text differs" in join["note"].iloc[0]
    assert join["hand_value"].iloc[0] == "Pyongyang a démenti ces informations."
    assert join["machine_value"].iloc[0] == changed


def test_missing_sentence_id_and_new_sentence_are_reported():
    processed = tiny_processed()
    processed["sentences"] = pd.concat([processed["sentences"].iloc[[0, 1, 3]], pd.DataFrame(
        [{"article_id": "t1", "sentence_id": "t1-s004", "text": "Une phrase ajoutée par un nouveau découpage."}])])
    machine = machine_coding(**processed)
    listed = disagreements(tiny_hand(), machine)
    join = listed.loc[listed["variable"] == "join"].set_index("unit_id")["note"]
    assert "not in the other coding" in join["t1-s002"]
    assert "missing from the hand coding" in join["t1-s004"]
    assert rows_by_variable(agreement(tiny_hand(), machine))["place"]["n_units"] == 3


def test_hand_article_absent_from_the_run_is_one_row():
    hand = tiny_hand()
    hand.sentences = pd.concat([hand.sentences, hand.sentences.iloc[[0]].assign(
        article_id="t2", sentence_id="t2-s000")], ignore_index=True)
    listed = disagreements(hand, machine_coding(**tiny_processed()))
    join = listed.loc[listed["variable"] == "join"]
    assert join["unit_id"].tolist() == ["t2"] and join["level"].tolist() == ["article"]
    assert "not in this run" in join["note"].iloc[0]
    # a run on other articles only: nothing to score, the report says there is no hand coding for them
    other = tiny_processed()
    other["sentences"] = other["sentences"].assign(article_id="z9")
    assert agreement(tiny_hand(), machine_coding(**other)).empty


def test_claims_on_an_unjoined_sentence_are_reported():
    machine = machine_coding(**tiny_processed({"t1-s000": "Selon Kiev, 3 000 soldats sont arrivés à Koursk."}))
    listed = disagreements(tiny_hand(), machine)
    claim = listed.loc[listed["level"] == "claim"]
    assert claim["unit_id"].tolist() == ["t1-s000#3000#1"] and "not scored" in claim["note"].iloc[0]
    assert "claim_detection" not in rows_by_variable(agreement(tiny_hand(), machine))


# --------------------------------------------------------------------------------------------------
# Reading the hand coding: absent folder, bad values
# --------------------------------------------------------------------------------------------------

def test_absent_hand_coding_gives_empty_tables_and_the_report_says_so(tmp_path):
    hand = load_hand_coding(tmp_path / "nowhere")
    assert hand.empty and "no such folder" in hand.missing[0]
    tables = validate_corpus(tmp_path / "processed_not_needed", tmp_path / "nowhere")
    assert tables["agreement"].empty and tables["disagreements"].empty
    paths = write_validation(tables, tmp_path)
    assert [p.name for p in paths] == ["validation_agreement.csv", "validation_confusion.csv",
                                       "validation_disagreements.csv"]
    assert (tmp_path / "validation_agreement.csv").read_text(encoding="utf-8").startswith("split,coder,variable,level,")
    html = report_validation.validation_html(tables["agreement"], tables["disagreements"])
    assert "No hand coding for these articles" in html


def test_invalid_hand_values_are_reported(tmp_path):
    header = ("article_id,sentence_id,text,boilerplate,attributed,actor_groups,quote_types,hedged,unverified,"
              "confirmed,denial,denial_actor_group,question,place,coder,notes\n")
    (tmp_path / "sentences_adjudicated.csv").write_text(
        header + 't1,t1-s000,"La guerre dure depuis 2022.",False,False,,,False,False,False,False,,False,none,a,\n'
                 't1,t1-s001,"Pyongyang a démenti.",False,peut-être,,,False,False,False,False,,False,none,a,\n',
        encoding="utf-8")
    hand = load_hand_coding(tmp_path)
    assert hand.adjudicated.sentences["sentence_id"].tolist() == ["t1-s000"]
    assert "invalid value(s) attributed='peut-être'" in hand.adjudicated.problems["note"].iloc[0]
    assert any("claims_adjudicated.csv: absent" in why for why in hand.missing)


# --------------------------------------------------------------------------------------------------
# The real hand coding: passes recomputed as the adjudicator did; who the coders were
# --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hand() -> HandCoding:
    return load_hand_coding(ANNOTATIONS_DIR)


def test_pass_agreement_recomputed_equals_the_adjudicators_file(hand):
    # agreement_pass1_pass2.csv was computed by the adjudicator with the README's snippet, not this code
    recomputed = rows_by_variable(human_agreement(hand))
    assert recomputed["place"]["alpha"] == pytest.approx(0.979, abs=5e-4)  # file: place 0.979 (1 disagreement)
    assert recomputed["frame:generic/responsibility"]["alpha"] == pytest.approx(0.0)
    assert recomputed["indicator:con3"]["alpha"] == pytest.approx(0.25)
    assert recomputed["indicator:res2"]["alpha"] == pytest.approx(-0.125)
    assert recomputed["claim_detection"]["tp"] == 23 and recomputed["claim_detection"]["f1"] == 1
    assert recomputed["hedged"]["alpha"] == 1 and recomputed["hedged"]["n_units"] == 95


def test_coders_statement_says_who_coded_from_the_log(hand):
    text = coders_statement(hand.log)
    assert "pass 1 by coder_A" in text and "pass 2 by coder_B" in text
    assert "on the same day (2026-11-21)" in text and "blind" in text and "log id: adjudicated" in text
    assert "AI coding agent" in text and "not human inter-coder reliability" in text
    other = pd.DataFrame([{"pass": "1", "coder": "MB", "started": "2025-01-03", "finished": "2025-01-04",
                           "notes": "", "coder_kind": "trained human coders (two doctoral students)"},
                          {"pass": "2", "coder": "JL", "started": "2025-01-12", "finished": "2025-01-13",
                           "notes": "", "coder_kind": "trained human coders (two doctoral students)"}])
    text = coders_statement(other)
    assert "between 2025-01-03 and 2025-01-13" in text and "trained human coders" in text
    assert "AI coding agents" not in text and "does not say whether the passes were blind" in text
    assert "not recorded" in coders_statement(pd.DataFrame())


# --------------------------------------------------------------------------------------------------
# The report block
# --------------------------------------------------------------------------------------------------

def test_validation_html_is_generated_from_values_and_escaped(hand):
    machine = machine_coding(**tiny_processed())
    table = agreement(tiny_hand(), machine)
    listed = disagreements(tiny_hand(), machine)
    listed.loc[listed["variable"] == "place", "text"] = "Près de Donetsk <script>alert(1)</script>"
    html = report_validation.validation_html(table, listed, coding_log=hand.log)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<details>" in html and "AI coding agent" in html
    # the weakest variable with a quote: place (F1 2/3: 1 tp, 1 missed) → "place (places coder): F1 0.67"
    assert "place (places coder): F1 0.67" in html
    assert '<q lang="fr">Près de Donetsk &lt;script&gt;' in html
    assert "is not recorded" in report_validation.validation_html(table, listed)  # no coding log: says so


# --------------------------------------------------------------------------------------------------
# Regression thresholds: the real coders on the seeds, from code
# --------------------------------------------------------------------------------------------------

def run_coders(clean, processed_dir: Path):
    """Annotate and score frames from cleaned seed tables; write them as the pipeline would."""
    from analysis.annotate.frames import score_frames
    from analysis.annotate.stage import annotate_corpus, write_annotated
    from analysis.clean.stage import write_cleaned
    from analysis.core.tables import write_csv

    annotated = annotate_corpus(clean.articles, clean.paragraphs, clean.sentences, cache_dir=CACHE_DIR / "parses",
                                progress=False)
    frames = score_frames(clean.sentences, annotated.lemmas, annotated.attributions, annotated.stance,
                          annotated.claims)
    write_cleaned(clean, processed_dir)
    write_annotated(annotated, processed_dir)
    write_csv(frames, processed_dir / "frames.csv")
    return annotated


@pytest.fixture(scope="module")
def seed_run(cleaned_seeds, tmp_path_factory):
    processed = tmp_path_factory.mktemp("seeds_processed")
    run_coders(cleaned_seeds, processed)
    return processed, validate_corpus(processed, ANNOTATIONS_DIR)


def test_every_hand_sentence_joins_on_the_seeds(seed_run):
    _, tables = seed_run
    listed = tables["disagreements"]
    assert not listed["variable"].isin(["join", "input"]).any(), listed.loc[listed["variable"] == "join"]
    assert rows_by_variable(tables["agreement"])["attributed"]["n_units"] == 95


@pytest.mark.parametrize("variable", sorted(THRESHOLDS))
def test_f1_does_not_fall_below_threshold(seed_run, variable):
    row = rows_by_variable(seed_run[1]["agreement"])[variable]
    assert row["f1"] >= THRESHOLDS[variable], (variable, row["f1"], row["tp"], row["fp"], row["fn"])


@pytest.mark.parametrize("variable", sorted(ACCURACY_THRESHOLDS))
def test_accuracy_does_not_fall_below_threshold(seed_run, variable):
    row = rows_by_variable(seed_run[1]["agreement"])[variable]
    assert row["percent_agreement"] / 100 >= ACCURACY_THRESHOLDS[variable], (variable, row["percent_agreement"])


def test_written_tables_are_deterministic(seed_run, tmp_path):
    processed, tables = seed_run
    first = write_validation(tables, tmp_path / "a")
    second = write_validation(validate_corpus(processed, ANNOTATIONS_DIR), tmp_path / "b")
    for one, two in zip(first, second):
        assert one.read_bytes() == two.read_bytes(), one.name
    back = validation.read_validation(tmp_path / "a")
    assert len(back["agreement"]) == len(tables["agreement"])
    assert len(back["disagreements"]) == len(tables["disagreements"])


def test_dropping_a_hedge_cue_lowers_hedged_f1(cleaned_seeds, tmp_path, monkeypatch):
    # "présumé" is the only hedge in two hand-hedged seed sentences: « L'implication présumée de la
    # Corée du Nord » (000) and « des soldats nord-coréens présumés » (001). Without it both are missed.
    lexicon = yaml.safe_load(resource("stance.yaml").read_text(encoding="utf-8"))
    before = len(lexicon["hedge_words"])
    lexicon["hedge_words"] = [entry for entry in lexicon["hedge_words"] if entry["cue"] != "présumé"]
    assert len(lexicon["hedge_words"]) == before - 1
    broken = tmp_path / "stance.yaml"
    broken.write_text(yaml.safe_dump(lexicon, allow_unicode=True), encoding="utf-8")
    import analysis.annotate.stance

    real_resource = analysis.annotate.stance.resource
    monkeypatch.setattr(analysis.annotate.stance, "resource",
                        lambda name: broken if name == "stance.yaml" else real_resource(name))
    processed = tmp_path / "processed"
    run_coders(cleaned_seeds, processed)
    hedged = rows_by_variable(validate_corpus(processed, ANNOTATIONS_DIR)["agreement"])["hedged"]
    assert hedged["fn"] == 2
    assert hedged["f1"] < THRESHOLDS["hedged"]


def test_coders_statement_follows_the_logged_coder_kind():
    log = pd.DataFrame({"pass": ["1", "2"], "coder": ["ana", "bruno"], "coder_kind": ["person", "person"],
                        "started": ["2026-01-05", "2026-01-14"], "finished": ["2026-01-06", "2026-01-15"],
                        "notes": ["blind", "blind"]})
    text = coders_statement(log)
    assert "The coders were: person." in text and "between 2026-01-05 and 2026-01-15" in text
    assert "instances of one model" not in text and "not adjudicated" in text


# --------------------------------------------------------------------------------------------------
# Splits: one block of rows per split, the summary, the report led by the test split
# --------------------------------------------------------------------------------------------------

def tiny_splits():
    """The tiny corpus scored as if it were a seed split and a held-out test split."""
    machine = machine_coding(**tiny_processed())
    hand = HandCoding(tiny_hand(), tiny_hand(), tiny_hand(), pd.DataFrame())
    seeds = validation.score_split(hand, machine, "seeds")
    test = validation.score_split(hand, machine, "test")
    return validation.combine_validation(test, seeds)


def test_every_table_has_its_split_and_the_splits_stay_apart():
    tables = tiny_splits()
    for name in ("agreement", "confusion", "disagreements"):
        assert tables[name].columns[0] == "split"
        assert list(dict.fromkeys(tables[name]["split"])) == ["test", "seeds"], name
    agreement = tables["agreement"]
    # the same hand-computed place scores in both blocks (tp 1, fn 1), none doubled
    place = agreement.loc[agreement["variable"] == "place"].set_index("split")
    assert place.loc["test", "tp"] == 1 and place.loc["seeds", "fn"] == 1
    # both passes equal the adjudicated coding here, so the passes agree perfectly on every split
    assert (agreement.loc[agreement["variable"] == "attributed", "human_percent_agreement"] == 100).all()


def test_split_summary_puts_the_splits_side_by_side():
    summary = validation.split_summary(tiny_splits()["agreement"]).set_index("variable")
    # attributed: F1 1 on both; claim.value has no F1, so its measure is the share of matched claims agreeing
    assert summary.loc["attributed", ["measure", "test", "seeds"]].tolist() == ["F1", 1.0, 1.0]
    assert summary.loc["claim.value", "measure"] == "accuracy" and summary.loc["claim.value", "test"] == 1.0
    assert pd.isna(summary.loc["attributed", "dev"])  # no dev block in this table
    # the speaker measure: the two sentences both codings attribute name the same groups
    assert summary.loc["actor_groups_when_attributed", "n_test"] == 2


def test_report_leads_with_the_test_split_and_never_quotes_it(hand):
    tables = tiny_splits()
    test_rows = tables["disagreements"]["split"] == "test"
    tables["disagreements"].loc[test_rows, "text"] = "PHRASE DU TEST"
    html = report_validation.validation_html(tables["agreement"], tables["disagreements"], coding_log=hand.log,
                                             heldout_log=hand.log)
    assert "test (held-out, never tuned on)" in html and "seeds (in-sample)" in html
    assert html.index("test (held-out, never tuned on)") < html.index("seeds (in-sample)")
    assert "PHRASE DU TEST" not in html  # test disagreements are counted, never shown
    assert "only in validation_disagreements.csv" in html
    assert "held-out set&#39;s hand coding was made in 2 pass(es)" in html and "instances of one model" in html


def test_report_lists_the_first_disagreements_outside_test_and_counts_the_rest(hand, monkeypatch):
    tables = tiny_splits()
    outside = int((tables["disagreements"]["split"] != "test").sum())
    assert outside >= 2
    monkeypatch.setattr(report_validation, "LISTED_DISAGREEMENTS", 1)
    html = report_validation.validation_html(tables["agreement"], tables["disagreements"], coding_log=hand.log,
                                             heldout_log=hand.log)
    assert f"the first 1 of {outside} rows" in html
    assert f"{outside - 1} more row(s) in the CSV file." in html


def test_machine_sources_outside_the_sentence_are_context():
    claims = pd.DataFrame([
        {"claim_id": "a-s001-c0", "article_id": "a", "sentence_id": "a-s001", "value": 1500.0, "kind": "deployed",
         "subject": "north_korean_troops", "source_group": "south_korea", "hedged": True, "text": "1500",
         "char_start": 0, "source_scope": "previous_sentence"},
        {"claim_id": "a-s002-c0", "article_id": "a", "sentence_id": "a-s002", "value": 30.0, "kind": "killed",
         "subject": "other", "source_group": "ukraine", "hedged": False, "text": "30", "char_start": 0,
         "source_scope": "sentence"}])
    coded = machine_claims(claims).set_index("claim_key")
    # "1500 seraient déjà arrivés": the source is the paragraph's, as the hand coding's context_source_group
    assert coded.loc["a-s001-c0", ["source_group", "context_source_group"]].tolist() == ["none", "south_korea"]
    assert coded.loc["a-s002-c0", ["source_group", "context_source_group"]].tolist() == ["ukraine", ""]


def test_policy_calibration_chooses_the_best_f1_then_the_closest_count():
    # one frame, four articles; matching sentences 0, 1, 2, 3; hand present in the last two.
    frames = pd.DataFrame({"article_id": list("abcd"), "scheme": "policy", "frame": "economic",
                           "evidence_sentence_ids": ["", "x", "x | y", "x | y | z"]})
    hand = pd.DataFrame({"article_id": list("abcd"), "scheme": "policy", "frame": "economic",
                         "present": [False, False, True, True]})
    # threshold 1: tp 2, fp 1 (F1 0.8); 2: tp 2, fp 0 (F1 1.0); 3: tp 1, fn 1 (F1 0.67); 4: F1 0
    table = calibrate_policy_frames(frames, hand, list("abcd"))
    assert table.iloc[0][["frame", "threshold", "tp", "fp", "fn"]].tolist() == ["economic", 2, 2, 0, 0]


# --------------------------------------------------------------------------------------------------
# The held-out set: the real coders on articles they were not written on, test split guarded
# --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def heldout_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("heldout_tables_cache")


@pytest.fixture(scope="module")
def heldout_run(tmp_path_factory, heldout_cache):
    coded = tmp_path_factory.mktemp("heldout_processed")
    # an empty cache of tables: the set is coded afresh, these tests check the coders
    tables = code_heldout(coded, cache_dir=CACHE_DIR / "parses", tables_cache=heldout_cache)
    return coded, tables, validate_heldout(coded)


@pytest.mark.slow
def test_heldout_tables_are_read_back_from_the_cache_without_coding_again(heldout_run, heldout_cache, tmp_path,
                                                                         monkeypatch):
    def no_coding(*args, **kwargs):
        raise AssertionError("the held-out set was coded again")

    monkeypatch.setattr("analysis.clean.stage.clean_corpus", no_coding)
    again = code_heldout(tmp_path, cache_dir=CACHE_DIR / "parses", tables_cache=heldout_cache)
    coded, tables, _ = heldout_run
    for name in HELDOUT_TABLES:
        assert (tmp_path / f"{name}.csv").read_bytes() == (coded / f"{name}.csv").read_bytes(), name
        pd.testing.assert_frame_equal(again[name], tables[name])


def test_the_heldout_cache_key_follows_what_the_tables_are_made_from(tmp_path, monkeypatch):
    copy = tmp_path / "heldout"
    copy.mkdir()
    for name in ("orangesum_heldout.jsonl", "split.csv"):
        shutil.copy(HELDOUT_DIR / name, copy / name)
    key = coding_key(copy)
    assert key == coding_key(HELDOUT_DIR)  # the files' contents, not where the folder is
    assert coding_key(copy, ("dev",)) != key  # coding the dev split only gives other tables
    split = copy / "split.csv"
    lines = split.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",dev", ",test") if ",dev" in lines[1] else lines[1].replace(",test", ",dev")
    split.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert coding_key(copy) != key  # one article moved to the other split
    # a project whose one resource file is edited: the key changes with it
    project = tmp_path / "project"
    (project / "analysis" / "resources").mkdir(parents=True)
    lexicon = project / "analysis" / "resources" / "hedges.yaml"
    lexicon.write_text("hedges: [peut-être]\n", encoding="utf-8")
    monkeypatch.setattr(heldout_module, "PROJECT_ROOT", project)
    before = coding_key(HELDOUT_DIR)
    lexicon.write_text("hedges: [peut-être, semble]\n", encoding="utf-8")
    assert coding_key(HELDOUT_DIR) != before
    # and with this module, which picks the rows of the tables
    (project / "analysis" / "validate").mkdir(parents=True)
    picker = project / "analysis" / "validate" / "heldout.py"
    picker.write_text("KEEP = 'ok'\n", encoding="utf-8")
    before = coding_key(HELDOUT_DIR)
    picker.write_text("KEEP = 'all'\n", encoding="utf-8")
    assert coding_key(HELDOUT_DIR) != before


@pytest.mark.slow
def test_every_heldout_hand_sentence_joins(heldout_run):
    _, _, scored = heldout_run
    listed = scored["disagreements"]
    assert not listed["variable"].isin(["join", "input"]).any(), listed.loc[listed["variable"] == "join"]
    attributed = scored["agreement"].loc[scored["agreement"]["variable"] == "attributed"].set_index("split")
    # 1,375 sentences: 657 in the dev articles, 718 in the test articles (split.csv)
    assert attributed["n_units"].to_dict() == {"dev": 657, "test": 718}


@pytest.mark.slow
@pytest.mark.parametrize("variable", sorted(HELDOUT_TEST_THRESHOLDS))
def test_heldout_test_f1_does_not_fall_below_threshold(heldout_run, variable):
    table = heldout_run[2]["agreement"]
    row = rows_by_variable(table.loc[table["split"] == "test"])[variable]
    assert row["f1"] >= HELDOUT_TEST_THRESHOLDS[variable], (variable, row["f1"])


@pytest.mark.slow
@pytest.mark.parametrize("variable", sorted(HELDOUT_TEST_ACCURACY_THRESHOLDS))
def test_heldout_test_accuracy_does_not_fall_below_threshold(heldout_run, variable):
    table = heldout_run[2]["agreement"]
    row = rows_by_variable(table.loc[table["split"] == "test"])[variable]
    assert row["percent_agreement"] / 100 >= HELDOUT_TEST_ACCURACY_THRESHOLDS[variable], variable


@pytest.mark.slow
def test_policy_thresholds_in_use_are_the_dev_calibration(heldout_run):
    # frames.yaml's per-frame thresholds must be what the dev split gives today: a coder change that moves
    # the calibration must recalibrate (on dev, never on test) and say so in frames.yaml
    _, tables, scored = heldout_run
    dev_ids = [article_id for article_id, split in read_split().items() if split == "dev"]
    table = dev_calibration(tables["frames"], scored["hand"].adjudicated.frames, dev_ids)
    assert dict(zip(table["frame"], table["threshold"])) == dict(zip(table["frame"], table["in_use"]))
    assert len(table) == 14
