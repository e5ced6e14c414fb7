"""Scoring one coding against another: observations per unit and variable, F1, alpha, confusion.

The two codings are joined on ``sentence_id`` with the sentence text as a check; rows that cannot be
joined are listed with the reason and left out of the scores: never dropped silently, never matched
by position.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import krippendorff
import numpy as np
import pandas as pd

from analysis.core.tables import LIST_SEPARATOR
from analysis.validate.coding import (
    AGREEMENT_COLUMNS,
    CLAIM_NOMINALS,
    CODER_OF,
    CONFUSION_COLUMNS,
    DISAGREEMENT_COLUMNS,
    FEW_UNITS,
    OBSERVATION_COLUMNS,
    PLACE_SETS,
    PROBLEM_COLUMNS,
    SENTENCE_FLAGS,
    SENTENCE_SETS,
    Coding,
    HandCoding,
    empty_table,
    number_in,
    problem_row,
)

# --------------------------------------------------------------------------------------------------
# Joining two codings into observations (one row per unit × variable)
# --------------------------------------------------------------------------------------------------

def join_sentences(reference: Coding, other: Coding) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentence pairs joined on id whose texts are identical, and every row that could not be paired.

    Not paired (reported, not scored): a reference id the other coding lacks, a sentence the other
    coder did not code, a text that differs (the article was re-segmented: re-code it), and a sentence
    of a reference article that the reference lacks (a new sentence id: code it).
    """
    ref, oth = reference.sentences, other.sentences
    merged = ref.merge(oth, on="sentence_id", how="left", suffixes=("_hand", "_machine"), indicator=True)
    gone = merged["_merge"] == "left_only"
    uncoded = ~gone & ~merged["coded_machine"].fillna(False).astype(bool)
    differs = ~gone & ~uncoded & (merged["text_hand"].astype(str) != merged["text_machine"].astype(str))
    problems = []
    for mask, note in ((gone, "sentence id not in the other coding (re-segmented or removed): re-code"),
                       (uncoded, "sentence not coded by the other coder (article not analysed)"),
                       (differs, "sentence text differs from the other coding (re-segmented): re-code")):
        for row in merged.loc[mask].to_dict("records"):
            problems.append(problem_row("sentence", row["article_id_hand"], row["sentence_id"], note, row["text_hand"],
                                     variable="join", hand=row["text_hand"],
                                     machine="" if pd.isna(row["text_machine"]) else row["text_machine"],
                                     sentence_id=row["sentence_id"]))
    extra = oth.loc[oth["article_id"].isin(set(ref["article_id"])) & ~oth["sentence_id"].isin(set(ref["sentence_id"]))]
    for row in extra.to_dict("records"):
        problems.append(problem_row("sentence", row["article_id"], row["sentence_id"],
                                 "sentence of a hand-coded article missing from the hand coding: code it",
                                 row["text"], variable="join", machine=row["text"], sentence_id=row["sentence_id"]))
    pairs = merged.loc[~(gone | uncoded | differs)].drop(columns=["_merge", "article_id_machine", "text_machine"])
    pairs = pairs.rename(columns={"article_id_hand": "article_id", "text_hand": "text"})
    problem_table = pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS))
    return pairs.sort_values("sentence_id").reset_index(drop=True), problem_table


def _obs(coder: str, variable: str, level: str, kind: str, hand: object, machine: object, *, article_id: str,
         unit_id: str, sentence_id: str = "", text: str = "", main: bool = False, listed: bool = True,
         note: str = "") -> dict:
    return {"coder": coder, "variable": variable, "level": level, "kind": kind, "main": main, "listed": listed,
            "article_id": article_id, "unit_id": unit_id, "sentence_id": sentence_id, "text": text,
            "hand": str(hand), "machine": str(machine), "note": note}


def _members(variable: str, value: str) -> tuple[str, ...]:
    """The members of a set value (a place value as its countries)."""
    if variable == "place":
        return PLACE_SETS.get(value, ())
    return tuple(part for part in value.split(LIST_SEPARATOR) if part)


def sentence_observations(pairs: pd.DataFrame) -> list[dict]:
    """Observations of every sentence variable: flags, sets (whole and per value) and place."""
    out: list[dict] = []
    records = pairs.to_dict("records")
    for flag in SENTENCE_FLAGS:
        out += [_obs(CODER_OF[flag], flag, "sentence", "binary", r[f"{flag}_hand"], r[f"{flag}_machine"],
                     article_id=r["article_id"], unit_id=r["sentence_id"], sentence_id=r["sentence_id"],
                     text=r["text"], main=True) for r in records]
    # The speaker measure of quotation studies (the Gender Gap Tracker's "speaker accuracy"): on the
    # sentences both codings attribute, whether they name the same set of source groups.
    out += [_obs(CODER_OF["actor_groups"], "actor_groups_when_attributed", "sentence", "nominal",
                 r["actor_groups_hand"], r["actor_groups_machine"], article_id=r["article_id"],
                 unit_id=r["sentence_id"], sentence_id=r["sentence_id"], text=r["text"], main=True)
            for r in records if bool(r["attributed_hand"]) and bool(r["attributed_machine"])]
    for variable in (*SENTENCE_SETS, "place"):
        coder = CODER_OF[variable]
        out += [_obs(coder, variable, "sentence", "set", r[f"{variable}_hand"], r[f"{variable}_machine"],
                     article_id=r["article_id"], unit_id=r["sentence_id"], sentence_id=r["sentence_id"],
                     text=r["text"], main=True) for r in records]
        values = sorted({member for r in records for side in ("hand", "machine")
                         for member in _members(variable, r[f"{variable}_{side}"])})
        for value in values:
            out += [_obs(coder, f"{variable}={value}", "sentence", "binary",
                         value in _members(variable, r[f"{variable}_hand"]),
                         value in _members(variable, r[f"{variable}_machine"]), article_id=r["article_id"],
                         unit_id=r["sentence_id"], sentence_id=r["sentence_id"], text=r["text"], listed=False)
                    for r in records]
    return out


def match_claims(reference: pd.DataFrame, other: pd.DataFrame) -> list[tuple[dict | None, dict | None]]:
    """Pairs (reference claim, other claim) within each sentence; None where a claim has no partner.

    A pair is made when the other claim's text contains the reference number text (whitespace removed,
    README step 8), else when both give the same value; claims are taken in order (occurrence, text
    position), so the second "100" of a sentence pairs with the second.
    """
    pairs: list[tuple[dict | None, dict | None]] = []
    sentence_ids = sorted(set(reference["sentence_id"]) | set(other["sentence_id"]))
    ref_by = {key: group.sort_values(["position", "claim_key"]).to_dict("records")
              for key, group in reference.groupby("sentence_id")}
    oth_by = {key: group.sort_values(["position", "claim_key"]).to_dict("records")
              for key, group in other.groupby("sentence_id")}
    for sentence_id in sentence_ids:
        refs, others = ref_by.get(sentence_id, []), list(oth_by.get(sentence_id, []))
        partner: dict[int, dict] = {}
        for test in (lambda r, o: number_in(r["number_text"], o["number_text"]),
                     lambda r, o: r["value"] != "" and r["value"] == o["value"]):
            for index, ref in enumerate(refs):
                if index in partner:
                    continue
                found = next((o for o in others if test(ref, o)), None)
                if found is not None:
                    partner[index] = found
                    others.remove(found)
        pairs += [(ref, partner.get(index)) for index, ref in enumerate(refs)]
        pairs += [(None, o) for o in others]
    return pairs


def _with_context(claim: dict) -> dict:
    """A claim with ``source_group_or_context``: its own source group, else the context's (hand
    ``context_source_group``; the machine's source found outside the sentence), else none."""
    own = claim["source_group"]
    return {**claim, "source_group_or_context": own if own != "none" else (claim["context_source_group"] or "none")}


def claim_observations(reference: Coding, other: Coding, pairs: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Claim detection (found by both, by one) and, on matched claims, value, kind, subject, source, hedged."""
    scored = set(pairs["sentence_id"])
    text_of = dict(zip(pairs["sentence_id"], pairs["text"]))
    ref, oth = reference.claims, other.claims
    problems = [problem_row("claim", r["article_id"], r["claim_key"],
                         "claim on a sentence that could not be joined (see the join rows): not scored",
                         sentence_id=r["sentence_id"], hand=r["number_text"])
                for r in ref.loc[~ref["sentence_id"].isin(scored)].to_dict("records")]
    out: list[dict] = []
    matched = match_claims(ref.loc[ref["sentence_id"].isin(scored)], oth.loc[oth["sentence_id"].isin(scored)])
    for hand, machine in matched:
        some = hand or machine
        unit = hand["claim_key"] if hand else machine["claim_key"]
        note = f"matched {machine['claim_key']}" if hand and machine else ""
        common = {"article_id": some["article_id"], "unit_id": unit, "sentence_id": some["sentence_id"],
                  "text": text_of.get(some["sentence_id"], "")}
        out.append(_obs("claims", "claim_detection", "claim", "detection", hand["number_text"] if hand else "",
                        machine["number_text"] if machine else "", main=True, note=note, **common))
        if not (hand and machine):
            continue
        hand_values, machine_values = _with_context(hand), _with_context(machine)
        for attribute in CLAIM_NOMINALS:
            out.append(_obs("claims", f"claim.{attribute}", "claim", "nominal", hand_values[attribute],
                            machine_values[attribute], main=True, note=note, **common))
        out.append(_obs("claims", "claim.hedged", "claim", "binary", hand["hedged"], machine["hedged"], main=True,
                        note=note, **common))
    return out, problems


def frame_observations(reference: Coding, other: Coding) -> tuple[list[dict], list[dict]]:
    """Frames present per (article, scheme, frame), pooled per scheme, and the generic indicators."""
    keys = ["article_id", "scheme", "frame"]
    merged = reference.frames.merge(other.frames, on=keys, how="left", suffixes=("_hand", "_machine"), indicator=True)
    missing = merged["_merge"] == "left_only"
    problems = [problem_row("article", r["article_id"], f"{r['scheme']}/{r['frame']}",
                         "frame not coded by the other coder (article not analysed): not scored")
                for r in merged.loc[missing].to_dict("records")]
    records = merged.loc[~missing].sort_values(keys).to_dict("records")
    out: list[dict] = []
    for r in records:
        common = {"article_id": r["article_id"], "unit_id": f"{r['scheme']}/{r['frame']}",
                  "text": r["evidence_hand"], "note": f"machine cues: {r['evidence_machine']}"
                  if r["evidence_machine"] else ""}
        out.append(_obs("frames", f"frame:{r['scheme']}/{r['frame']}", "article", "binary", r["present_hand"],
                        r["present_machine"], **common))
    for scheme in sorted({r["scheme"] for r in records}):
        out += [_obs("frames", f"frames:{scheme}", "article", "binary", r["present_hand"], r["present_machine"],
                     article_id=r["article_id"], unit_id=f"{r['scheme']}/{r['frame']}", main=True, listed=False)
                for r in records if r["scheme"] == scheme]
    for frame in sorted({r["frame"] for r in records if r["scheme"] == "generic"}):
        rows = [r for r in records if r["scheme"] == "generic" and r["frame"] == frame]
        ids = sorted({i for r in rows for side in ("hand", "machine") for i in _members("", r[f"indicators_{side}"])},
                     key=lambda i: (re.sub(r"\d+$", "", i), int(re.sub(r"^\D*", "", i) or 0)))
        for indicator in ids:
            out += [_obs("frames", f"indicator:{indicator}", "article", "binary",
                         indicator in _members("", r["indicators_hand"]),
                         indicator in _members("", r["indicators_machine"]), article_id=r["article_id"],
                         unit_id=f"generic/{frame}/{indicator}") for r in rows]
    return out, problems


def restrict(coding: Coding, article_ids: Iterable[str]) -> Coding:
    """The part of a coding about these articles."""
    keep = set(article_ids)
    return Coding(*(table.loc[table["article_id"].isin(keep)].reset_index(drop=True)
                    for table in (coding.sentences, coding.claims, coding.frames)),
                  coding.problems.loc[coding.problems["article_id"].isin(keep)].reset_index(drop=True))


def shared_articles(reference: Coding, other: Coding) -> list[str]:
    """The reference's articles that the other coding has sentences of (the run's hand-coded articles)."""
    present = set(other.sentences["article_id"])
    return [article_id for article_id in reference.article_ids if article_id in present]


def observations(reference: Coding, other: Coding) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every scored unit × variable with both codings (as text), and every row left out, with why.

    A hand-coded article absent from the other coding altogether (a run on another corpus) gives one
    row saying so, not one row per sentence.
    """
    shared = shared_articles(reference, other)
    absent = [problem_row("article", article_id, article_id, "hand-coded article not in this run's sentences.csv: "
                       "its hand coding is not used", variable="join") for article_id in reference.article_ids
              if article_id not in shared]
    reference = restrict(reference, shared)
    pairs, join_problems = join_sentences(reference, other)
    claims, claim_problems = claim_observations(reference, other, pairs)
    frames, frame_problems = frame_observations(reference, other)
    rows = sentence_observations(pairs) + claims + frames
    problems = [*absent, *reference.problems.to_dict("records"), *other.problems.to_dict("records"),
                *join_problems.to_dict("records"), *claim_problems, *frame_problems]
    return (pd.DataFrame(rows, columns=list(OBSERVATION_COLUMNS)),
            pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS)))


# --------------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------------

def nominal_alpha(first: Sequence[object], second: Sequence[object]) -> float:
    """Krippendorff's alpha (nominal) of two codings of the same units; NaN when undefined (one value only)."""
    first, second = [str(v) for v in first], [str(v) for v in second]
    values = sorted(set(first) | set(second))
    if not first or len(values) < 2:
        return float("nan")
    codes = {value: code for code, value in enumerate(values)}
    data = np.array([[codes[v] for v in first], [codes[v] for v in second]], dtype=float)
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except (ValueError, ZeroDivisionError):
        return float("nan")


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def confusion_counts(kind: str, variable: str, hand: Sequence[str], machine: Sequence[str]) -> dict[str, float]:
    """tp, fp, fn, tn of one variable (micro over the values of a set; tn undefined for claim detection)."""
    if kind == "binary":
        pairs = [(h == "True", m == "True") for h, m in zip(hand, machine)]
        return {"tp": sum(h and m for h, m in pairs), "fp": sum(m and not h for h, m in pairs),
                "fn": sum(h and not m for h, m in pairs), "tn": sum(not h and not m for h, m in pairs)}
    if kind == "detection":
        return {"tp": sum(bool(h) and bool(m) for h, m in zip(hand, machine)),
                "fp": sum(bool(m) and not h for h, m in zip(hand, machine)),
                "fn": sum(bool(h) and not m for h, m in zip(hand, machine)), "tn": float("nan")}
    if kind == "set":
        sets = [(set(_members(variable, h)), set(_members(variable, m))) for h, m in zip(hand, machine)]
        universe = set().union(*(h | m for h, m in sets)) if sets else set()
        return {"tp": sum(len(h & m) for h, m in sets), "fp": sum(len(m - h) for h, m in sets),
                "fn": sum(len(h - m) for h, m in sets), "tn": sum(len(universe - (h | m)) for h, m in sets)}
    return {"tp": float("nan"), "fp": float("nan"), "fn": float("nan"), "tn": float("nan")}


def score_variable(kind: str, variable: str, hand: Sequence[str], machine: Sequence[str]) -> dict[str, float]:
    """n, confusion counts, precision, recall, F1, alpha and percent agreement of one variable."""
    counts = confusion_counts(kind, variable, hand, machine)
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    n = len(hand)
    if kind == "detection":
        alpha, agreement = float("nan"), 100 * _ratio(tp, tp + fp + fn)
    else:
        alpha = nominal_alpha(hand, machine)
        agreement = 100 * _ratio(sum(h == m for h, m in zip(hand, machine)), n)
    return {"n_units": n, **counts, "precision": precision, "recall": recall, "f1": f1, "alpha": alpha,
            "percent_agreement": agreement}


def _note(kind: str, n: int, alpha: float) -> str:
    notes = []
    if kind == "detection":
        notes.append("agreed absences are not rows: no alpha")
    elif math.isnan(alpha) and n:
        notes.append("alpha undefined: one value only")
    if kind == "set":
        notes.append("P/R/F1 micro-averaged over the set's values; alpha on the whole set")
    if 0 < n < FEW_UNITS:
        notes.append(f"n={n}: alpha unstable")
    return "; ".join(notes)


def score(observed: pd.DataFrame) -> pd.DataFrame:
    """One row per variable (in the order observed): counts, P/R/F1, alpha, percent agreement, note."""
    rows = []
    for variable, part in observed.groupby("variable", sort=False):
        first = part.iloc[0]
        scores = score_variable(first["kind"], variable, list(part["hand"]), list(part["machine"]))
        rows.append({"coder": first["coder"], "variable": variable, "level": first["level"],
                     "main": bool(first["main"]), **scores,
                     "note": _note(first["kind"], scores["n_units"], scores["alpha"])})
    columns = [c for c in AGREEMENT_COLUMNS if not c.startswith("human_")]
    return pd.DataFrame(rows, columns=columns)


def _reference(hand: HandCoding | Coding) -> Coding:
    return hand.adjudicated if isinstance(hand, HandCoding) else hand


def human_agreement(hand: HandCoding, article_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Pass 1 against pass 2 (on ``article_ids``, default all) with the same variables and code as the
    machine's scores (README step 6)."""
    first, second = hand.pass1, hand.pass2
    if article_ids is not None:
        first, second = restrict(first, article_ids), restrict(second, article_ids)
    if not first.article_ids or not second.article_ids:
        return score(pd.DataFrame(columns=list(OBSERVATION_COLUMNS)))
    return score(observations(first, second)[0])


def typed_scores(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    for column in ("n_units", "human_n_units", "tp", "fp", "fn", "tn"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("Int64")
    for column in ("precision", "recall", "f1", "alpha", "percent_agreement", "human_f1", "human_alpha",
                   "human_percent_agreement"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype(float)
    table["main"] = table["main"].astype(bool)
    for column in ("coder", "variable", "level", "note"):
        table[column] = table[column].fillna("").astype(str)
    return table


def agreement(hand: HandCoding | Coding, machine: Coding) -> pd.DataFrame:
    """Each variable's agreement of the machine with the adjudicated coding, the two passes' beside it."""
    return scored_against(hand, machine)["agreement"]


def scored_against(hand: HandCoding | Coding, machine: Coding) -> dict[str, pd.DataFrame]:
    """The machine against the hand coding, every table from one pass over the observations: ``agreement``
    (with the two passes' agreement beside it), ``confusion``, ``disagreements`` and ``human_agreement``."""
    observed, problems = observations(_reference(hand), machine)
    if isinstance(hand, HandCoding):  # the passes on the articles the machine is scored on
        human = human_agreement(hand, shared_articles(hand.adjudicated, machine))
    else:
        human = score(pd.DataFrame(columns=list(OBSERVATION_COLUMNS)))
    return {"agreement": _agreement_table(score(observed), human), "confusion": _confusion_table(observed),
            "disagreements": _disagreement_table(observed, problems), "human_agreement": human}


def _agreement_table(table: pd.DataFrame, human: pd.DataFrame) -> pd.DataFrame:
    human = human[["variable", "n_units", "f1", "alpha", "percent_agreement"]].rename(
        columns={"n_units": "human_n_units", "f1": "human_f1", "alpha": "human_alpha",
                 "percent_agreement": "human_percent_agreement"})
    table = table.merge(human, on="variable", how="left")
    return typed_scores(table.reindex(columns=list(AGREEMENT_COLUMNS)))


def confusion_tables(hand: HandCoding | Coding, machine: Coding) -> pd.DataFrame:
    """Counts of (hand value, machine value) for every variable listed (per-value and pooled rows aside)."""
    return scored_against(hand, machine)["confusion"]


def _confusion_table(observed: pd.DataFrame) -> pd.DataFrame:
    observed = observed.loc[observed["listed"].astype(bool)].copy()
    detection = observed["kind"] == "detection"
    for side in ("hand", "machine"):
        observed.loc[detection, side] = observed.loc[detection, side].map(lambda v: "claim" if v else "no claim")
    if observed.empty:
        return empty_table(CONFUSION_COLUMNS).astype({"n": int})
    order = {variable: rank for rank, variable in enumerate(dict.fromkeys(observed["variable"]))}
    table = (observed.groupby(["coder", "variable", "level", "hand", "machine"], sort=False).size()
             .reset_index(name="n").rename(columns={"hand": "hand_value", "machine": "machine_value"}))
    table["_rank"] = table["variable"].map(order)
    table = table.sort_values(["_rank", "hand_value", "machine_value"], kind="stable").drop(columns="_rank")
    return table.reset_index(drop=True)[list(CONFUSION_COLUMNS)]


def disagreements(hand: HandCoding | Coding, machine: Coding) -> pd.DataFrame:
    """Every unit where the machine differs from the hand coding, then every row that could not be scored."""
    return scored_against(hand, machine)["disagreements"]


def _disagreement_table(observed: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    detection = observed["kind"] == "detection"
    differs = (observed["hand"] != observed["machine"]) & ~detection
    missed = detection & ((observed["hand"] == "") != (observed["machine"] == ""))
    differ = observed.loc[observed["listed"].astype(bool) & (differs | missed)]
    differ = differ.rename(columns={"hand": "hand_value", "machine": "machine_value"})
    order = {variable: rank for rank, variable in enumerate(dict.fromkeys(observed["variable"]))}
    differ = differ.assign(_rank=differ["variable"].map(order)).sort_values(
        ["_rank", "article_id", "unit_id"], kind="stable")
    problems = problems.assign(_rank=len(order)).sort_values(["_rank", "variable", "article_id", "unit_id"],
                                                              kind="stable")
    table = pd.concat([frame for frame in (differ, problems) if len(frame)], ignore_index=True) \
        if len(differ) or len(problems) else empty_table(DISAGREEMENT_COLUMNS)
    table = table.reindex(columns=list(DISAGREEMENT_COLUMNS))
    return table.fillna("").astype(str).reset_index(drop=True)


