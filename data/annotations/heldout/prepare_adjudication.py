#!/usr/bin/env python3
"""Prepare the adjudication of the two held-out passes (data/annotations/README.md, "Procedure" step 7).

Usage::

    python data/annotations/heldout/prepare_adjudication.py PROCESSED

``PROCESSED`` is the processed/ folder of a pipeline run on ``orangesum_heldout.jsonl`` (its sentences.csv
gives the rows and their order). Units on which the two passes agree are copied as they are into
``sentences_adjudicated.csv``, ``claims_adjudicated.csv`` and ``frames_adjudicated.csv`` (with both passes'
notes). Every unit where they differ, or that neither pass coded, is listed with both codings side by side
in ``sheets/adjudication_{sentences,claims,frames}.csv`` and left in the adjudicated file with "TO
ADJUDICATE" in its notes, for the adjudicator to decide. Run once, before the adjudication: it overwrites
the adjudicated files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
SENTENCE_CODES = ["boilerplate", "attributed", "actor_groups", "quote_types", "hedged", "unverified", "confirmed",
                  "denial", "denial_actor_group", "question", "place"]
CLAIM_CODES = ["value", "low", "high", "qualifier", "kind", "subject", "source_group", "context_source_group",
               "hedged"]
FRAME_CODES = ["present", "indicators", "evidence", "primary"]


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(HERE / name, keep_default_na=False, dtype=str)


def write(frame: pd.DataFrame, name: str) -> None:
    frame.to_csv(HERE / name, index=False, lineterminator="\n")


def both_notes(first: str, second: str) -> str:
    return " // ".join(note for note in (f"pass 1: {first}" if first else "", f"pass 2: {second}" if second else "")
                       if note)


def side_by_side(row: dict, codes: list[str], keys: dict) -> dict:
    """One row of an adjudication sheet: the unit's keys, then each code as pass 1 and pass 2 coded it."""
    listed = dict(keys)
    for code in codes:
        listed[f"{code}_pass1"], listed[f"{code}_pass2"] = row[f"{code}_1"], row[f"{code}_2"]
    listed["notes_pass1"], listed["notes_pass2"] = row["notes_1"], row["notes_2"]
    return listed


def sentences(run: pd.DataFrame) -> int:
    passes = [read(f"sentences_pass{number}.csv").drop(columns=["text"]) for number in (1, 2)]
    merged = (run.merge(passes[0], on=["article_id", "sentence_id"], how="left")
              .merge(passes[1], on=["article_id", "sentence_id"], how="left", suffixes=("_1", "_2")).fillna(""))
    adjudicated, to_decide = [], []
    for row in merged.to_dict("records"):
        keys = {"article_id": row["article_id"], "sentence_id": row["sentence_id"], "text": row["text"]}
        differ = [code for code in SENTENCE_CODES if row[f"{code}_1"] != row[f"{code}_2"]]
        uncoded = not row["coder_1"] and not row["coder_2"]
        if differ or uncoded:
            why = ("not coded by either pass (a piece of the title cut off by the sentence splitter)" if uncoded
                   else "passes differ on " + ", ".join(differ))
            adjudicated.append({**keys, **dict.fromkeys(SENTENCE_CODES, ""), "coder": "adjudicated",
                                "notes": f"TO ADJUDICATE: {why}"})
            to_decide.append(side_by_side(row, SENTENCE_CODES, keys))
        else:
            adjudicated.append({**keys, **{code: row[f"{code}_1"] for code in SENTENCE_CODES},
                                "coder": "adjudicated", "notes": both_notes(row["notes_1"], row["notes_2"])})
    write(pd.DataFrame(adjudicated, columns=["article_id", "sentence_id", "text", *SENTENCE_CODES, "coder", "notes"]),
          "sentences_adjudicated.csv")
    write(pd.DataFrame(to_decide), "sheets/adjudication_sentences.csv")
    return len(to_decide)


def claims() -> int:
    passes = [read(f"claims_pass{number}.csv") for number in (1, 2)]
    for frame in passes:  # the claim key of README "Files"
        frame["key"] = (frame["sentence_id"] + "|" + frame["number_text"].str.replace(r"\s+", "", regex=True)
                        + "|" + frame["occurrence"])
    merged = passes[0].merge(passes[1], on="key", how="outer", suffixes=("_1", "_2"), indicator=True).fillna("")
    found_by = {"left_only": "pass 1 only", "right_only": "pass 2 only", "both": "both"}
    agreed, to_decide = [], []
    for row in merged.to_dict("records"):
        side = "_2" if row["_merge"] == "right_only" else "_1"
        keys = {name: row[name + side] for name in ("article_id", "sentence_id", "number_text", "occurrence")}
        differ = row["_merge"] != "both" or any(row[f"{code}_1"] != row[f"{code}_2"] for code in CLAIM_CODES)
        if differ:
            to_decide.append(side_by_side(row, CLAIM_CODES, {**keys, "found_by": found_by[row["_merge"]]}))
        else:
            agreed.append({**keys, **{code: row[f"{code}_1"] for code in CLAIM_CODES}, "coder": "adjudicated",
                           "notes": both_notes(row["notes_1"], row["notes_2"])})
    columns = ["article_id", "sentence_id", "number_text", "occurrence", *CLAIM_CODES, "coder", "notes"]
    write(pd.DataFrame(agreed, columns=columns), "claims_adjudicated.csv")
    write(pd.DataFrame(to_decide), "sheets/adjudication_claims.csv")
    return len(to_decide)


def frames() -> int:
    passes = [read(f"frames_pass{number}.csv") for number in (1, 2)]
    merged = passes[0].merge(passes[1], on=["article_id", "scheme", "frame"], suffixes=("_1", "_2"))
    adjudicated, to_decide = [], []
    for row in merged.to_dict("records"):
        keys = {"article_id": row["article_id"], "scheme": row["scheme"], "frame": row["frame"]}
        if any(row[f"{code}_1"] != row[f"{code}_2"] for code in ("present", "indicators", "primary")):
            to_decide.append(side_by_side(row, FRAME_CODES, keys))
            adjudicated.append({**keys, **dict.fromkeys(FRAME_CODES, ""), "coder": "adjudicated",
                                "notes": "TO ADJUDICATE"})
        else:  # agreed: the first pass's evidence passage (the second's when the first gave none)
            adjudicated.append({**keys, "present": row["present_1"], "indicators": row["indicators_1"],
                                "evidence": row["evidence_1"] or row["evidence_2"], "primary": row["primary_1"],
                                "coder": "adjudicated", "notes": both_notes(row["notes_1"], row["notes_2"])})
    write(pd.DataFrame(adjudicated, columns=["article_id", "scheme", "frame", *FRAME_CODES, "coder", "notes"]),
          "frames_adjudicated.csv")
    write(pd.DataFrame(to_decide), "sheets/adjudication_frames.csv")
    return len(to_decide)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("processed", type=Path, help="processed/ folder of a pipeline run on orangesum_heldout.jsonl")
    args = parser.parse_args()
    run = pd.read_csv(args.processed / "sentences.csv", keep_default_na=False, dtype=str)
    counts = sentences(run[["article_id", "sentence_id", "text"]]), claims(), frames()
    print("to adjudicate: {} sentences, {} claims, {} article × frame rows".format(*counts))


if __name__ == "__main__":
    main()
