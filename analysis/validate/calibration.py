"""Calibrating the policy frames' presence on the held-out dev split (never on test).

A policy frame is present in an article when at least ``present_min_sentences`` of its sentences match
the frame's cues (analysis/resources/frames.yaml). :func:`calibrate_policy_frames` chooses that number per
frame on a set of hand-coded articles: the smallest count of matching sentences that maximises F1 against
the hand coding, ties broken by how close the number of articles marked present comes to the hand
coding's, then by the larger threshold (fewer frames per article). The frames table's
``evidence_sentence_ids`` lists every matching sentence whatever the threshold, so one scoring run
serves every candidate. The chosen values are written into frames.yaml by hand, with the date and the
split they were chosen on (see the comment there).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.annotate.frames import Codebook, load_codebook
from analysis.core.tables import LIST_SEPARATOR
from analysis.validate.coding import parse_bool

CALIBRATION_COLUMNS = ("frame", "threshold", "tp", "fp", "fn", "f1", "n_hand", "n_machine")
CANDIDATES = (1, 2, 3, 4)


def matching_sentences(frames: pd.DataFrame) -> pd.Series:
    """Per row of a frames table, how many sentences matched the frame's cues."""
    return frames["evidence_sentence_ids"].fillna("").astype(str).map(
        lambda ids: len([part for part in ids.split(LIST_SEPARATOR.strip()) if part.strip()]))


def _scores(counts: Sequence[int], hand: Sequence[bool], threshold: int) -> dict[str, float]:
    machine = [count >= threshold for count in counts]
    tp = sum(m and h for m, h in zip(machine, hand))
    fp = sum(m and not h for m, h in zip(machine, hand))
    fn = sum(h and not m for m, h in zip(machine, hand))
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "f1": f1, "n_hand": sum(hand), "n_machine": sum(machine)}


def calibrate_policy_frames(frames: pd.DataFrame, hand_frames: pd.DataFrame, article_ids: Iterable[str],
                            candidates: Sequence[int] = CANDIDATES) -> pd.DataFrame:
    """The threshold chosen for every policy frame on ``article_ids``, with its scores there."""
    keep = set(article_ids)
    machine = frames.loc[(frames["scheme"] == "policy") & frames["article_id"].isin(keep)].copy()
    machine["_count"] = matching_sentences(machine)
    hand = hand_frames.loc[(hand_frames["scheme"] == "policy") & hand_frames["article_id"].isin(keep)]
    present = {(r["article_id"], r["frame"]): bool(parse_bool(r["present"])) for r in hand.to_dict("records")}
    rows = []
    for frame in sorted(set(hand["frame"])):
        part = machine.loc[machine["frame"] == frame].sort_values("article_id")
        pairs = [(int(r["_count"]), present[(r["article_id"], frame)]) for r in part.to_dict("records")
                 if (r["article_id"], frame) in present]
        if not pairs:
            continue
        counts, truth = [c for c, _ in pairs], [h for _, h in pairs]
        scored = [{"threshold": t, **_scores(counts, truth, t)} for t in candidates]
        best = max(scored, key=lambda s: (round(s["f1"], 9), -abs(s["n_machine"] - s["n_hand"]), s["threshold"]))
        rows.append({"frame": frame, **best})
    return pd.DataFrame(rows, columns=list(CALIBRATION_COLUMNS))


def thresholds_in_use(codebook: Codebook | None = None) -> dict[str, int]:
    """Each policy frame's threshold in frames.yaml (its own, else the scheme's)."""
    scheme = (codebook or load_codebook()).schemes["policy"]
    return {frame.name: frame.present_min_sentences or scheme.present_min_sentences for frame in scheme.frames}


def dev_calibration(coded_frames: pd.DataFrame, hand_frames: pd.DataFrame, dev_ids: Iterable[str]) -> pd.DataFrame:
    """The dev calibration beside the thresholds in use (column ``in_use``), one row per policy frame."""
    table = calibrate_policy_frames(coded_frames, hand_frames, dev_ids)
    table.insert(2, "in_use", table["frame"].map(thresholds_in_use()).astype("Int64"))
    return table
