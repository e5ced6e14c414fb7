#!/usr/bin/env python3
"""Assemble the held-out coding batches into one file per pass, keyed by the pipeline's sentence ids.

Usage::

    python data/annotations/heldout/assemble_passes.py PROCESSED

``PROCESSED`` is the ``processed/`` folder of a pipeline run on ``orangesum_heldout.jsonl`` alone (only its
``sentences.csv`` is read). The coders coded batch sheets (``sheets/sentences_pass<N>_batch<B>.csv``) whose
rows were the run's sentences plus, first in each article, the article's title with the provisional id
``<article_id>-title``: the title is the headline of the article, which the pipeline now keeps as its first
paragraph. This script gives every coded row the id of the run's sentence with the same article and text
(never a position): a title row takes the id of the headline sentence with its text, or, when spaCy cut the
title into several sentences, of the headline sentence that holds most of its words (the other pieces are
then left uncoded and listed, for the adjudicator). Rows whose text is not in the run stop the script.

It writes, beside itself: ``sentences_pass<N>.csv``, ``claims_pass<N>.csv``, ``frames_pass<N>.csv`` (the
batches of a pass, in coding order) and ``coding_log.csv`` (one row per batch); and prints the sentences
of the run that no pass coded. Standard library only; the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHEETS = HERE / "sheets"
PASSES = (1, 2)
BATCHES = (1, 2)
LOG_COLUMNS = ["pass", "coder", "coder_kind", "batch_seed", "article_ids", "started", "finished", "notes"]


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def write(rows: list[dict[str, str]], columns: list[str], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def squash(text: str) -> str:
    return " ".join(text.split())


def id_map(run: list[dict[str, str]], coded: list[dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Provisional or old sentence id -> (run's sentence id, run's text), by article and text."""
    by_text = {(row["article_id"], squash(row["text"])): row for row in run}
    headlines: dict[str, list[dict[str, str]]] = {}
    for row in run:
        if row["kind"] == "headline":
            headlines.setdefault(row["article_id"], []).append(row)
    mapping: dict[str, tuple[str, str]] = {}
    for row in coded:
        found = by_text.get((row["article_id"], squash(row["text"])))
        if found is None and row["sentence_id"].endswith("-title"):
            pieces = headlines.get(row["article_id"], [])
            found = max(pieces, key=lambda piece: len(piece["text"].split()), default=None)
            if found is not None and squash(found["text"]) not in squash(row["text"]):
                found = None
        if found is None:
            sys.exit(f"{row['sentence_id']}: text not in the run's sentences.csv: {row['text'][:80]!r}")
        mapping[row["sentence_id"]] = (found["sentence_id"], found["text"])
    return mapping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("processed", type=Path, help="processed/ folder of a pipeline run on orangesum_heldout.jsonl")
    args = parser.parse_args()
    run = read(args.processed / "sentences.csv")
    logs: list[dict[str, str]] = []
    coded_ids: set[str] = set()
    for number in PASSES:
        sentences, claims, frames = [], [], []
        columns: dict[str, list[str]] = {}
        for batch in BATCHES:
            stem = f"pass{number}_batch{batch}"
            coded = read(SHEETS / f"sentences_{stem}.csv")
            mapping = id_map(run, coded)
            for row in coded:
                row["sentence_id"], row["text"] = mapping[row["sentence_id"]]
            sentences += coded
            for row in read(SHEETS / f"claims_{stem}.csv"):
                row["sentence_id"] = mapping[row["sentence_id"]][0]
                claims.append(row)
            frames += read(SHEETS / f"frames_{stem}.csv")
            logs += read(SHEETS / f"coding_log_{stem}.csv")
            for name, rows in (("sentences", coded), ("claims", claims), ("frames", frames)):
                columns.setdefault(name, list(rows[0].keys()) if rows else [])
        coded_ids |= {row["sentence_id"] for row in sentences}
        write(sentences, columns["sentences"], HERE / f"sentences_pass{number}.csv")
        write(claims, columns["claims"], HERE / f"claims_pass{number}.csv")
        write(frames, columns["frames"], HERE / f"frames_pass{number}.csv")
    write(logs, LOG_COLUMNS, HERE / "coding_log.csv")
    uncoded = [row for row in run if row["sentence_id"] not in coded_ids]
    for row in uncoded:
        print(f"not coded by the passes: {row['sentence_id']} {row['text']!r}")
    print(f"{len(run)} sentences in the run; {len(uncoded)} not coded by the passes")


if __name__ == "__main__":
    main()
