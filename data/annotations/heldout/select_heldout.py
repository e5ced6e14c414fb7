#!/usr/bin/env python3
"""Select the held-out validation set from the OrangeSum 10k corpus (deterministic, seeded).

What it does
============
Reads the shared corpus ``orangesum_10k.jsonl.gz`` (OrangeSum, CC BY-SA 4.0; see README.md beside this
script), keeps the articles that mention North Korea, Russia or Ukraine, applies five transparent keyword
filters (the topic filter in two parts), draws N = 64 articles with a fixed seed, splits them into
``dev`` and ``test``, and writes two files beside this script:

- ``orangesum_heldout.jsonl``: the selected records, one JSON object a line, in ``id`` order, with the
  corpus fields ``id, outlet, outlet_domain, date, title, text, source_path, source_blob, repo, commit,
  license`` (UTF-8, ``ensure_ascii=False``, ``\\n`` line ends). The project's pipeline reads ``title``,
  ``text``, ``outlet`` and ``date`` (alias of ``published``) from it.
- ``split.csv``: ``corpus_id, article_id, split``, in ``id`` order. ``article_id`` is the id the
  pipeline gives the record: ``orangesum_heldout-r<line number, 5 digits>`` (line 1 = first record).

Rerunning the script on the same corpus gives the same two files byte for byte. It prints the number
of articles left after every step.

Independence from the automatic coders
======================================
The filters are plain regular expressions written for this script. It imports nothing from the
project's ``analysis`` package and reads none of its YAML lexicons: choosing the articles with the
coders themselves would bias the validation towards what they already find. It uses the standard
library only.

Matching
========
Every filter (except length) runs on a *folded* copy of the title and text: Unicode NFKD with the
combining accents removed, lower case, typographic apostrophes turned into ``'``, no-break and thin
spaces into plain spaces. So ``Armée``, ``armee`` and ``ARMÉE`` match alike, and the lists below are
written without accents. Words are matched whole (``\\b`` on both sides) unless a stem is marked with a
trailing ``\\w*``.

Filters, in the order applied
=============================
0. ``mentions_nk_ru_ua`` is ``True`` (the corpus's own flag: the article names North Korea, Russia or
   Ukraine). The project is about how French news frames the war around these countries.
1. **Topic**: war, the military or diplomacy around Russia, Ukraine or North Korea, in two parts.
   (a) At least two occurrences (not necessarily of distinct words) of war, military or diplomacy words
   (``TOPIC_WORDS``): guerre, conflit, armee, militaire, soldat, troupes, combat, combattant, missile,
   nucleaire, bombardement, offensive, invasion, annexion, cessez-le-feu, sanction, diplomat-,
   ambassad-, OTAN, Kremlin, Pyongyang, Kiev/Kyiv, Donbass, Donetsk, Lougansk, Crimee, separatiste,
   rebelle, insurge, artillerie, obus, blindes, ligne de front, ministre de la defense, Pentagone,
   etat-major, espion(nage)... (b) At least one sentence where such a word stands together with a
   term naming Russia, Ukraine or North Korea (``COUNTRY_WORDS``: the countries, their peoples,
   capitals, leaders, Donbass, Crimee, URSS), the two at different places in the sentence: Kremlin or
   Pyongyang, which are in both lists, count only with a second match (« le Kremlin a dénoncé les
   sanctions », « Poutine et le Kremlin »). The corpus flag of step 0 is also set by articles on sport,
   business, the pandemic or accidents that name one of the countries in passing; (a) drops articles
   where the army or a sanction is a single word, (b) asks that the war/military/diplomacy vocabulary
   be about these countries at least once, not only somewhere else in the article. (Sentences are
   cut, for this test only, after ``.``, ``!`` or ``?`` followed by a space, a letter or a quote, and at
   line ends.)
2. **Attribution cue**: at least one of ``selon``, ``d'apres``, ``de source ...``, a reporting verb in
   the compound past (``a declare``, ``ont affirme``, ``a-t-il indique``, ``a annonce``, ``a estime``,
   ``a assure``, ``a precise``, ``a ajoute``, ``a explique``, ``a souligne``, ``a rapporte``,
   ``a confirme``, ``a dementi``, ``a dit``, ``a fait savoir``...), such a verb followed by ``que``/
   ``qu'``, or a quotation between guillemets « … », English quotes “ … ” or straight double quotes of
   at least three characters. The set validates the attribution, source-group and quote-type coding,
   so its articles must contain sourced statements.
3. **Hedge cue**: at least one conditional form (``aurait, auraient, serait, seraient, pourrait,
   pourraient, devrait, devraient``), or ``presume``, ``suppose``, ``pretendu``, ``apparemment``,
   ``vraisemblablement``, ``probablement``, ``possiblement``, ``peut-etre``, ``sembl-``, ``il est
   possible``, ``non confirme``, ``non verifie``, ``selon toute vraisemblance``. The set validates the
   hedging and unverified-claim coding; without the cue many articles would have no positive unit. A
   conditional is not always a hedge (future in the past), which is fine: the cue only enriches the set,
   the coders decide.
4. **Figure about people**: a number followed, within at most three words and without punctuation in
   between, by a plural noun for people (``PEOPLE_NOUNS``: soldats, militaires, morts, tues, blesses,
   personnes, civils, combattants, victimes, prisonniers, rebelles, separatistes, hommes, otages,
   mercenaires, insurges, disparus, detenus, marins, conscrits, reservistes, volontaires,
   parachutistes, pilotes, gardes-frontieres, membres d'equipage, refugies, deplaces, manifestants,
   policiers, habitants, enfants, femmes). A number is written in digits, with French thousands
   separators or none (``1 000``, ``1.000``, ``10000``, ``2,5``), or as a number word (``deux`` ...
   ``seize``, ``vingt`` ... ``soixante``, ``quatre-vingt(s)``, ``cent(s)``, ``mille``, ``million(s)``,
   ``milliard(s)``, ``dizaine(s)``, ``centaine(s)``, ``millier(s)``). Examples that pass: ``2 000
   soldats``, ``des centaines de civils``, ``dizaines de milliers de personnes``, ``16 militaires``,
   ``128.000 militaires``. Only plural nouns count, since a count of two or more takes the plural in
   French: this keeps out ``1.700 euros par personne``, ``temoigner en personne`` or ``a 21 ans est
   mort``. ``un``/``une`` are not counted as numbers (too common). The set validates the numeric-claim
   coding (deployed, killed, wounded, captured).
5. **Length**: 150 to 700 words (inclusive) in ``text``, words being whitespace-separated tokens of the
   raw text. Every sentence of a selected article is coded by hand twice, so length is coding cost:
   below 150 words an article has too few units, above 700 a single article would take a large part of
   the coders' budget.

Draw and split
==============
The candidates left after step 5 are sorted by ``id`` (as strings) and
``random.Random(SAMPLE_SEED).sample(candidates, N)`` draws the N = 64 articles (``SAMPLE_SEED`` =
20261202). The same generator then orders the remaining candidates
(``rng.sample(rest_sorted_by_id, len(rest))``): this is the *reserve*, used only for replacements.
On the shared corpus of December 2026 only 66 candidates are left, so the draw takes 64 of 66 and the
reserve holds 2: the filters, not the draw, decide most of the set.

Split: the 64 selected ids sorted, shuffled with ``random.Random(SPLIT_SEED).shuffle`` (``SPLIT_SEED``
= 20261203); the first 32 are ``dev``, the other 32 ``test``. The split is fixed once made.

Replacements
============
Two kinds of article are taken out of the draw and replaced:

- **Versions of one dispatch.** Orange Actu often published the same AFP dispatch twice (an update, a
  shorter version). Coding both would count nearly the same sentences twice and, with one in ``dev``
  and one in ``test``, would leak the test set into development. The script checks every pair of
  selected articles: when at least ``SAME_DISPATCH`` = 80 % of the shorter article's word 5-shingles
  (five consecutive words of the folded text) are also in the other one, the article that comes later
  in ``id`` order is excluded. The check is the script's own (standard library), run on every rerun.
- **Articles the pipeline does not keep.** All 64 must come out of the pipeline's cleaning with status
  ``ok`` (not rejected, not an exact duplicate, French). An article that does not is listed by hand in
  ``EXCLUDED`` with the reason, after a pipeline run.

An excluded id is dropped from the draw, and its place is taken by the first reserve candidate (in the
reserve's seeded order) that is not excluded itself; the check is repeated until no pair is left. The
split is then made by the same rule on the final 64 ids, so the script alone reproduces the final
files. Every exclusion and replacement is printed.

Usage
=====
    python data/annotations/heldout/select_heldout.py [CORPUS] [--out-dir DIR]

``CORPUS`` defaults to ``<project root>/../shared/corpora/orangesum_10k.jsonl.gz``, the project root being
``Path(__file__).resolve().parents[3]``; ``--out-dir`` defaults to this script's folder.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_CORPUS = PROJECT_ROOT / ".." / "shared" / "corpora" / "orangesum_10k.jsonl.gz"

N = 64
SAMPLE_SEED = 20261202
SPLIT_SEED = 20261203
N_DEV = 32
MIN_WORDS, MAX_WORDS = 150, 700
MIN_TOPIC_HITS = 2
MIN_TOPIC_SENTENCES = 1
SHINGLE_SIZE = 5
SAME_DISPATCH = 0.8

OUTPUT_JSONL = "orangesum_heldout.jsonl"
OUTPUT_SPLIT = "split.csv"
#: The pipeline names a corpus record ``<file stem>-r<line, 5 digits>``.
ARTICLE_ID_FORMAT = Path(OUTPUT_JSONL).stem + "-r{line:05d}"

KEPT_FIELDS = ("id", "outlet", "outlet_domain", "date", "title", "text", "source_path", "source_blob",
               "repo", "commit", "license")

#: Articles taken out of the draw after a pipeline run, with the reason (see "Replacements").
EXCLUDED: dict[str, str] = {}

# --- word lists (folded: no accents, lower case) ---------------------------------------------------

TOPIC_WORDS = [
    r"guerres?", r"conflits?", r"armees?", r"militaire\w*", r"soldats?", r"troupes?",
    r"combats?", r"combattants?", r"combattre", r"missiles?", r"nucleaires?",
    r"bombard\w*", r"offensives?", r"invasion", r"annexion", r"annexee?s?", r"cessez-le-feu",
    r"sanctions?", r"diplomat\w*", r"ambassad\w*", r"otan", r"kremlin", r"pyongyang", r"kiev", r"kyiv",
    r"donbass?", r"donetsk", r"lougansk", r"louhansk", r"crimee", r"separatistes?", r"rebelles?",
    r"insurges?", r"artillerie", r"obus", r"blindes?", r"chars d'assaut", r"frappes? aeriennes?",
    r"lignes? de front", r"sur le front", r"ministres? de la defense", r"ministere de la defense",
    r"pentagone", r"etat-major", r"espionn\w*", r"espions?",
]
COUNTRY_WORDS = [
    r"russie", r"russes?", r"moscou", r"kremlin", r"poutine", r"medvedev", r"lavrov", r"ukraine",
    r"ukrainien(?:ne)?s?", r"kiev", r"kyiv", r"zelensky", r"porochenko", r"coree du nord",
    r"nord-coreen(?:ne)?s?", r"pyongyang", r"kim jong[- ]?(?:un|il)", r"donbass?", r"donetsk",
    r"lougansk", r"louhansk", r"crimee", r"sovietiques?", r"urss",
]
PEOPLE_NOUNS = [
    r"soldats", r"militaires", r"morts", r"tues", r"tuees", r"blesses", r"blessees", r"personnes",
    r"civils", r"combattants", r"victimes", r"prisonniers", r"rebelles", r"separatistes", r"hommes",
    r"otages", r"mercenaires", r"insurges", r"disparus", r"detenus", r"marins", r"conscrits",
    r"reservistes", r"volontaires", r"parachutistes", r"pilotes", r"gardes-frontieres",
    r"membres d'equipage", r"refugies", r"deplaces", r"manifestants", r"policiers", r"habitants",
    r"enfants", r"femmes",
]
NUMBER_WORDS = [
    r"deux", r"trois", r"quatre", r"cinq", r"six", r"sept", r"huit", r"neuf", r"dix", r"onze", r"douze",
    r"treize", r"quatorze", r"quinze", r"seize", r"vingts?", r"trente", r"quarante", r"cinquante",
    r"soixante", r"soixante-dix", r"quatre-vingts?", r"quatre-vingt-dix", r"cents?", r"mille",
    r"millions?", r"milliards?", r"dizaines?", r"centaines?", r"milliers?",
]
REPORTING_VERBS = [
    r"declare", r"affirme", r"indique", r"annonce", r"estime", r"assure", r"precise", r"ajoute",
    r"explique", r"souligne", r"rapporte", r"confirme", r"dementi", r"dit", r"ecrit", r"raconte",
    r"temoigne", r"revele", r"accuse", r"denonce", r"reconnu", r"fait savoir",
]
HEDGE_CUES = [
    r"aurait", r"auraient", r"serait", r"seraient", r"pourrait", r"pourraient", r"devrait", r"devraient",
    r"presumee?s?", r"presumement", r"supposee?s?", r"supposement", r"pretendue?s?", r"pretendument",
    r"apparemment", r"vraisemblablement", r"probablement", r"possiblement", r"peut-etre",
    r"sembl(?:e|ent|ait|aient|erait|eraient|er)", r"il est possible", r"non confirmee?s?",
    r"non verifiee?s?", r"selon toute vraisemblance",
]


def _alternation(words: list[str]) -> str:
    # longest first, so that a longer form ("soixante-dix") wins over its prefix ("soixante")
    return "|".join(sorted(set(words), key=lambda word: (-len(word), word)))


TOPIC = re.compile(rf"\b(?:{_alternation(TOPIC_WORDS)})\b")
COUNTRY = re.compile(rf"\b(?:{_alternation(COUNTRY_WORDS)})\b")
#: Sentence ends for the topic test (b) only, on folded text: the corpus often glues sentences ("fin.Debut").
SENTENCE_END = re.compile(r"(?<=[.!?])(?=\s|[a-z\"«])|\n")
ATTRIBUTION = re.compile(
    r"\bselon\b|\bd'apres\b|\bde sources?\b"
    rf"|\b(?:a|ont|avait|avaient)(?:-t-(?:il|elle|on)|-(?:ils|elles))?\s+(?:\w+\s+)?"
    rf"(?:{_alternation(REPORTING_VERBS)})(?:e|s|es)?\b"
    rf"|\b(?:affirm|declar|indiqu|annonc|estim|assur|expliqu|precis|soulign|ajout|rapport|confirm|dement)"
    rf"\w*\s+(?:que\b|qu')"
    r"|«[^»]{3,}»|“[^”]{3,}”|\"[^\"\n]{3,}\""
)
HEDGE = re.compile(rf"\b(?:{_alternation(HEDGE_CUES)})\b")
DIGITS = r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
NUMBER = rf"(?:(?<![\d.,]){DIGITS}(?![\d]))|\b(?:{_alternation(NUMBER_WORDS)})\b"
PEOPLE_FIGURE = re.compile(
    rf"(?:{NUMBER})(?:[ '\-]+[\w\-]+){{0,3}}?[ '\-]+(?:{_alternation(PEOPLE_NOUNS)})\b"
)

SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2005": " ", "\u2007": " ",
                        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00ad": "", "\u200b": ""})


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes and spaces made plain (for matching only)."""
    text = unicodedata.normalize("NFKD", text.translate(SPACES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def topic_sentences(folded: str) -> int:
    """Sentences holding a topic word and a country word at another position (topic test b)."""
    count = 0
    for sentence in SENTENCE_END.split(folded):
        topic = {match.span() for match in TOPIC.finditer(sentence)}
        country = {match.span() for match in COUNTRY.finditer(sentence)}
        if topic and country and len(topic | country) >= 2:  # a place name alone (Kremlin) is not enough
            count += 1
    return count


def n_words(text: str) -> int:
    """Whitespace-separated tokens of the raw text."""
    return len(text.split())


FILTERS = [
    ("1a", "topic (a): >= 2 war/military/diplomacy words",
     lambda folded, record: len(TOPIC.findall(folded)) >= MIN_TOPIC_HITS),
    ("1b", "topic (b): >= 1 sentence with such a word and Russia/Ukraine/North Korea",
     lambda folded, record: topic_sentences(folded) >= MIN_TOPIC_SENTENCES),
    ("2", "attribution cue", lambda folded, record: ATTRIBUTION.search(folded) is not None),
    ("3", "hedge cue", lambda folded, record: HEDGE.search(folded) is not None),
    ("4", "figure about people", lambda folded, record: PEOPLE_FIGURE.search(folded) is not None),
    ("5", f"length {MIN_WORDS}-{MAX_WORDS} words",
     lambda folded, record: MIN_WORDS <= n_words(record["text"]) <= MAX_WORDS),
]


def read_corpus(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def candidates(records: list[dict], report=print) -> list[dict]:
    """The records passing every filter, sorted by id; prints the count after each step."""
    report(f"corpus: {len(records)} articles")
    kept = [record for record in records if record.get("mentions_nk_ru_ua") is True]
    report(f"0. mentions_nk_ru_ua == True: {len(kept)}")
    folded = {record["id"]: fold(f"{record.get('title') or ''}\n{record['text']}") for record in kept}
    for number, name, test in FILTERS:
        kept = [record for record in kept if test(folded[record["id"]], record)]
        report(f"{number}. {name}: {len(kept)}")
    return sorted(kept, key=lambda record: record["id"])


def shingles(text: str) -> set[str]:
    """Word 5-shingles of the folded text (words = runs of letters and digits)."""
    words = re.findall(r"\w+", fold(text))
    return {" ".join(words[start:start + SHINGLE_SIZE]) for start in range(len(words) - SHINGLE_SIZE + 1)}


def overlap(first: set[str], second: set[str]) -> float:
    """Share of the smaller shingle set found in the other one (0.0 when one is empty)."""
    smaller = min(len(first), len(second))
    return len(first & second) / smaller if smaller else 0.0


def same_dispatch(selected: list[dict]) -> tuple[str, str, float] | None:
    """The first pair (in id order) of selected articles that are versions of one dispatch, or None."""
    ordered = sorted(selected, key=lambda record: record["id"])
    sets = {record["id"]: shingles(record["text"]) for record in ordered}
    for index, first in enumerate(ordered):
        for second in ordered[index + 1:]:
            share = overlap(sets[first["id"]], sets[second["id"]])
            if share >= SAME_DISPATCH:
                return first["id"], second["id"], share
    return None


def draw(pool: list[dict], report=print) -> tuple[list[dict], dict[str, str]]:
    """The N selected records in id order and the split of their ids (see "Draw and split")."""
    rng = random.Random(SAMPLE_SEED)
    primary = rng.sample(pool, N)
    chosen_ids = {record["id"] for record in primary}
    rest = [record for record in pool if record["id"] not in chosen_ids]
    reserve = rng.sample(rest, len(rest))
    excluded = dict(EXCLUDED)
    while True:
        selected = [record for record in primary if record["id"] not in excluded]
        replacements = [record for record in reserve if record["id"] not in excluded][:N - len(selected)]
        selected += replacements
        if len(selected) != N:
            sys.exit(f"only {len(selected)} candidates left after the exclusions, {N} needed")
        pair = same_dispatch(selected)
        if pair is None:
            break
        kept, dropped, share = pair
        excluded[dropped] = f"same dispatch as {kept} ({share:.1%} of the shorter text's 5-shingles shared)"
    for corpus_id, reason in sorted(excluded.items()):
        report(f"excluded: {corpus_id}: {reason}")
    for record in replacements:
        report(f"replacement from the reserve: {record['id']}")
    report(f"reserve (seeded order): {', '.join(record['id'] for record in reserve)}")
    selected.sort(key=lambda record: record["id"])
    order = [record["id"] for record in selected]
    random.Random(SPLIT_SEED).shuffle(order)
    split = {corpus_id: ("dev" if rank < N_DEV else "test") for rank, corpus_id in enumerate(order)}
    return selected, split


def write(selected: list[dict], split: dict[str, str], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({field: record[field] for field in KEPT_FIELDS}, ensure_ascii=False)
             for record in selected]
    (out_dir / OUTPUT_JSONL).write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["corpus_id", "article_id", "split"])
    for line, record in enumerate(selected, start=1):
        writer.writerow([record["id"], ARTICLE_ID_FORMAT.format(line=line), split[record["id"]]])
    (out_dir / OUTPUT_SPLIT).write_text(buffer.getvalue(), encoding="utf-8", newline="")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help=f"the corpus file (default: {DEFAULT_CORPUS})")
    parser.add_argument("--out-dir", type=Path, default=HERE, help=f"where to write (default: {HERE})")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        sys.exit(f"corpus not found: {args.corpus} (see the shared corpora README)")
    pool = candidates(read_corpus(args.corpus))
    selected, split = draw(pool)
    write(selected, split, args.out_dir)
    counts = {name: sum(value == name for value in split.values()) for name in ("dev", "test")}
    print(f"selected: {len(selected)} (dev {counts['dev']}, test {counts['test']}) -> "
          f"{args.out_dir / OUTPUT_JSONL}, {args.out_dir / OUTPUT_SPLIT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
