#!/usr/bin/env python3
"""Write the held-out set's sentence tables and blank coding sheets from a pipeline run.

Usage::

    python data/annotations/heldout/make_sheets.py /tmp/heldout-run/processed [--out-dir DIR]

``PROCESSED`` is the ``processed/`` folder of a pipeline run on ``orangesum_heldout.jsonl`` alone
(``python -m analysis run --raw-dir <folder holding only that file> --out-dir /tmp/heldout-run``). Only
its ``articles.csv`` (ids, title, date, counts, status) and ``sentences.csv`` (ids and texts) are read:
none of the automatic coders' tables. The split comes from ``split.csv`` beside this script.

It writes, to ``--out-dir`` (default: this script's folder):

- ``heldout_sentences.csv``: ``article_id, sentence_id, paragraph_id, kind, text`` of every sentence of
  the 64 articles, copied from ``sentences.csv`` (articles in ``article_id`` order, sentences in text
  order);
- ``heldout_articles.csv``: ``article_id, corpus_id, split, title, published, n_sentences, n_words``
  from ``articles.csv`` and ``split.csv``, in ``article_id`` order;
- ``sentences_pass1_blank.csv`` and ``sentences_pass2_blank.csv``: the blank sheets of
  ``data/annotations/README.md`` ("Prepare blank sheets"): ``article_id, sentence_id, text`` then the
  empty coding columns, all 64 articles in one sheet, ordered ``sorted(article_ids)`` shuffled with
  ``random.Random(11)`` for pass 1 and ``random.Random(22)`` for pass 2, sentences in ``sentence_id``
  (text) order within an article.

Files are UTF-8 CSV, comma-separated, minimal quoting, ``\\n`` line ends (the bytes the project's
``write_csv`` gives). The script stops if an article of ``split.csv`` is missing from the run, has a
status other than ``ok``, or has no sentence, or if the run holds articles not in ``split.csv``. It uses
the standard library only and gives the same bytes on every run.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLIT_FILE = HERE / "split.csv"

PASS_SEEDS = {1: 11, 2: 22}
CODING_COLUMNS = ["boilerplate", "attributed", "actor_groups", "quote_types", "hedged", "unverified",
                  "confirmed", "denial", "denial_actor_group", "question", "place", "coder", "notes"]
SENTENCE_COLUMNS = ["article_id", "sentence_id", "paragraph_id", "kind", "text"]
ARTICLE_COLUMNS = ["article_id", "corpus_id", "split", "title", "published", "n_sentences", "n_words"]


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def write_rows(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    print(f"{path}: {len(rows)} rows")


def blank_sheet(sentences: list[dict[str, str]], article_ids: list[str], seed: int) -> list[dict[str, str]]:
    """The README's blank_sheet: articles in a seeded order, sentences in id order, empty coding cells."""
    order = sorted(article_ids)
    random.Random(seed).shuffle(order)
    rank = {article_id: index for index, article_id in enumerate(order)}
    rows = [row for row in sentences if row["article_id"] in rank]
    rows.sort(key=lambda row: (rank[row["article_id"]], row["sentence_id"]))
    return [{"article_id": row["article_id"], "sentence_id": row["sentence_id"], "text": row["text"]}
            for row in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("processed", type=Path, help="the processed/ folder of the pipeline run")
    parser.add_argument("--out-dir", type=Path, default=HERE, help=f"where to write (default: {HERE})")
    args = parser.parse_args(argv)

    split_rows = read_rows(SPLIT_FILE)
    wanted = {row["article_id"]: row for row in split_rows}
    articles = {row["article_id"]: row for row in read_rows(args.processed / "articles.csv")}
    sentences = read_rows(args.processed / "sentences.csv")

    problems = []
    for article_id in sorted(wanted):
        if article_id not in articles:
            problems.append(f"{article_id}: not in the run's articles.csv")
        elif articles[article_id]["status"] != "ok":
            problems.append(f"{article_id}: status {articles[article_id]['status']} "
                            f"({articles[article_id].get('reason', '')})")
    extra = sorted(set(articles) - set(wanted))
    if extra:
        problems.append(f"the run holds articles that are not in split.csv: {', '.join(extra[:5])}")
    per_article = {article_id: 0 for article_id in wanted}
    for row in sentences:
        if row["article_id"] in per_article:
            per_article[row["article_id"]] += 1
    problems += [f"{article_id}: no sentence"
                 for article_id, count in sorted(per_article.items()) if not count]
    if problems:
        sys.exit("cannot make the sheets:\n  " + "\n  ".join(problems))

    kept = sorted((row for row in sentences if row["article_id"] in wanted),
                  key=lambda row: (row["article_id"], row["sentence_id"]))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_rows(args.out_dir / "heldout_sentences.csv", SENTENCE_COLUMNS, kept)
    write_rows(args.out_dir / "heldout_articles.csv", ARTICLE_COLUMNS, [
        {**articles[article_id], "corpus_id": wanted[article_id]["corpus_id"],
         "split": wanted[article_id]["split"]}
        for article_id in sorted(wanted)])
    for number, seed in PASS_SEEDS.items():
        write_rows(args.out_dir / f"sentences_pass{number}_blank.csv",
                   ["article_id", "sentence_id", "text"] + CODING_COLUMNS,
                   blank_sheet(kept, list(wanted), seed))
    counts = {name: sum(per_article[a] for a, row in wanted.items() if row["split"] == name)
              for name in ("dev", "test")}
    print(f"sentences: {len(kept)} (dev {counts['dev']}, test {counts['test']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
