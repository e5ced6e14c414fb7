"""Exact and near-duplicate articles (the same dispatch republished by several sites).

Exact duplicates have the same text once whitespace, quote marks and Unicode compatibility forms are
normalised. Near duplicates share most of their word 5-shingles: MinHash signatures indexed in an
LSH table find the candidates without comparing every pair (so 10,000 articles take seconds), and
each candidate is confirmed with the true Jaccard similarity of the two shingle sets.

Every duplicate points to an article that stays in the analysis: articles are taken in article_id
order, and only the ones that are not duplicates are indexed, so the smallest id of a group wins.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

from analysis.core.text import fold, squash_spaces

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
MINHASH_SEED = 1  # fixed: the same texts always give the same signatures
SHINGLE_SIZE = 5  # words per shingle
#: Chance that a pair exactly at the threshold becomes an LSH candidate (candidates are then confirmed
#: with the true Jaccard, so a high recall only costs a few more exact comparisons).
LSH_RECALL = 0.99

#: Words for shingling: runs of word characters. A regular expression rather than spaCy because
#: shingles only need a stable split of the text, and parsing 10,000 articles for it would be slow.
WORD = re.compile(r"\w+")


def normalize_text(text: str) -> str:
    """Text as compared for exact duplicates: NFKC, one form of quote marks, single spaces, stripped."""
    # one form of quote mark: the same dispatch is often republished with straight instead of curly quotes
    return squash_spaces(fold(unicodedata.normalize("NFKC", text), quotes=True))


def text_hash(text: str) -> str:
    """sha256 of the normalised text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8", "surrogatepass")).hexdigest()


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """Word ``size``-shingles of the case-folded normalised text; empty when it has fewer words."""
    words = WORD.findall(normalize_text(text).casefold())
    return {" ".join(words[start:start + size]) for start in range(len(words) - size + 1)}


def jaccard(first: set[str], second: set[str]) -> float:
    """Jaccard similarity of two sets (0.0 when both are empty)."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def minhash(shingle_set: set[str]) -> MinHash:
    """MinHash signature of a shingle set (NUM_PERM permutations, fixed seed)."""
    # datasketch imports scipy.integrate (about 0.4 s): paid by a run that looks for duplicates, not on import
    from datasketch import MinHash

    signature = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    signature.update_batch([shingle.encode("utf-8", "surrogatepass") for shingle in sorted(shingle_set)])
    return signature


def lsh_bands(threshold: float, num_perm: int = NUM_PERM, recall: float = LSH_RECALL) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index: the most selective banding that still makes a pair of
    Jaccard ``threshold`` a candidate with probability >= ``recall``.

    Chosen here rather than by datasketch's own optimiser, which balances false positives against
    false negatives and so misses about 60% of the pairs that sit exactly at a 0.8 threshold.
    """
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold ** rows) ** bands >= recall:
            return bands, rows
    return num_perm, 1


def find_duplicates(texts: Mapping[str, str], threshold: float = 0.8) -> dict[str, tuple[str, str, float]]:
    """Duplicates among articles: article_id -> (kind "exact"|"near", id of the kept article, Jaccard).

    ``texts`` maps article_id to cleaned text. The kept article of a group is the one with the
    smallest article_id. "exact" pairs have Jaccard 1.0; "near" pairs have a true shingle Jaccard of
    at least ``threshold``. Articles too short to shingle (fewer than SHINGLE_SIZE words) can only be
    exact duplicates. Articles that duplicate nothing are absent from the result.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    duplicates: dict[str, tuple[str, str, float]] = {}
    first_by_hash: dict[str, str] = {}
    kept_shingles: dict[str, set[str]] = {}
    # datasketch imports scipy.integrate (about 0.4 s): paid by a run that looks for duplicates, not on import
    from datasketch import MinHashLSH

    index = MinHashLSH(num_perm=NUM_PERM, params=lsh_bands(threshold))
    for article_id in sorted(texts):
        text = texts[article_id]
        if not text or not text.strip():
            continue
        digest = text_hash(text)
        if digest in first_by_hash:
            duplicates[article_id] = ("exact", first_by_hash[digest], 1.0)
            continue
        first_by_hash[digest] = article_id
        shingle_set = shingles(text)
        if not shingle_set:
            continue
        signature = minhash(shingle_set)
        matches = []
        for candidate in sorted(index.query(signature)):  # candidates: kept articles with earlier ids
            similarity = jaccard(shingle_set, kept_shingles[candidate])
            if similarity >= threshold:
                matches.append((candidate, similarity))
        if matches:
            kept_id, similarity = matches[0]  # the smallest article_id wins
            duplicates[article_id] = ("near", kept_id, round(similarity, 4))
            continue
        index.insert(article_id, signature)
        kept_shingles[article_id] = shingle_set
    return duplicates
