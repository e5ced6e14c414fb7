"""Uncertainty over articles: bootstrap intervals, permutation tests and the Benjamini–Hochberg correction.

A share such as "hedged body sentences" is a ratio of counts summed over a unit's articles
(Σ count / Σ total). Sentences are clustered in articles — an article's sentences share an author,
an angle, a dispatch — so the resampling unit is the article, never the sentence:

- **Bootstrap interval**: the unit's articles are resampled with replacement, the ratio of the summed
  counts over the summed totals of each resample is computed, and the 2.5th and 97.5th percentiles
  of those ratios are the 95 % interval (percentile bootstrap). One resample weights every article by
  how often it was drawn, so every measure of a unit is computed at once as a matrix product; the
  random generator of a unit is seeded from the run's seed and the unit's name only, so adding an
  outlet or a measure never changes another unit's interval.
- **Permutation test**: is a unit's share different from the rest of the corpus? Under the null
  hypothesis the unit's articles are a random set of the corpus's articles of that size. The
  statistic is D = Σ_unit (count − r · total), observed minus expected counts with r the corpus
  share (its sign is that of share_unit − share_rest); its null distribution comes from random
  article sets of the unit's size, and p = (1 + #{|D_perm| ≥ |D_obs|}) / (1 + n_permutations),
  two-sided. The random sets are prefixes of one set of random orderings of the corpus shared by
  every unit and measure (each prefix is a uniform random set of its size; the sums over every
  prefix length needed come from one sparse matrix product per block of orderings), and a unit
  larger than half the corpus is tested through its complement, which has the same |D|.

- **Within-period test** (issue 17): is the unit's share different from what the corpus's share *in the
  same periods* predicts? Articles are compared only with articles of their own week or month (undated
  ones with each other): the statistic is D_s = Σ_unit (count − r_p · total) with r_p the share of the
  article's period, and its null distribution is that of the unit's articles drawn at random within each
  period (as many per period as the unit has there). Its mean is 0 and its variance, summed over periods
  p holding k_p of the unit's n_p articles, is Σ_p k_p (n_p − k_p) / (n_p (n_p − 1)) · Σ_i∈p e_i² (e_i the
  article's residual against its period's share; sampling without replacement). The p-value is the
  normal approximation 2 (1 − Φ(|D_s| / √Var)) — the stratified (Cochran–Mantel–Haenszel-type) form of the
  permutation test above — and ``expected`` is the share the unit would have if each of its articles had
  its period's share. A unit whose articles are alone in their periods cannot be told apart from its
  dates, and is not testable.

Written with numpy because the bootstrap and permutation functions of scipy.stats resample one
statistic at a time over the whole sample; here thousands of (unit, measure) pairs share their
resamples, which is what keeps 10,000 articles and 100 outlets within seconds. The correction is
scipy's ``false_discovery_control`` (Benjamini & Hochberg 1995).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.special import erfc  # the normal tail; scipy.special imports in 0.1 s, scipy.stats in 1-2 s

#: Upper bound on the cells of one block of resamples (resamples × articles), to bound memory.
MAX_BLOCK_CELLS = 2_000_000


def unit_generator(seed: int, *keys: str) -> np.random.Generator:
    """A random generator seeded from the run's seed and names (e.g. a unit's), the same on every machine."""
    digest = hashlib.sha256("\x1f".join([str(seed), *map(str, keys)]).encode("utf-8")).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def ratio(counts: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """counts / totals elementwise, NaN where the total is zero."""
    counts, totals = np.asarray(counts, float), np.asarray(totals, float)
    out = np.full(np.broadcast(counts, totals).shape, np.nan)
    np.divide(counts, totals, out=out, where=totals > 0)
    return out


def bootstrap_interval(counts: np.ndarray, totals: np.ndarray, n_resamples: int, generator: np.random.Generator,
                       level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of Σ counts / Σ totals over articles, for every column at once.

    ``counts`` and ``totals`` are (articles × measures). Returns (low, high), NaN for a measure whose
    total is zero in every resample. Resamples with a zero total for a measure are left out of its
    percentiles (its share is undefined there).
    """
    counts, totals = np.asarray(counts, float), np.asarray(totals, float)
    n_articles, n_measures = counts.shape
    if n_articles == 0 or n_resamples < 1:
        return np.full(n_measures, np.nan), np.full(n_measures, np.nan)
    shares = np.empty((n_resamples, n_measures))
    block = max(1, MAX_BLOCK_CELLS // n_articles)
    for start in range(0, n_resamples, block):  # blocks of resamples, each one vectorised
        size = min(block, n_resamples - start)
        draws = generator.integers(0, n_articles, size=(size, n_articles))
        offsets = (np.arange(size) * n_articles)[:, None]
        weights = np.bincount((draws + offsets).ravel(), minlength=size * n_articles).reshape(size, n_articles)
        weights = weights.astype(float)  # a float matrix product runs on BLAS; counts stay exact integers
        shares[start:start + size] = ratio(weights @ counts, weights @ totals)
    tail = (1.0 - level) / 2.0
    return column_quantile(shares, tail), column_quantile(shares, 1.0 - tail)


def column_quantile(values: np.ndarray, q: float) -> np.ndarray:
    """The q-quantile of each column, NaN left out (numpy's default "linear" method); NaN for an all-NaN column.

    Equal to ``np.nanpercentile(values, 100 * q, axis=0)``, which loops over the columns in Python.
    """
    ordered = np.sort(values, axis=0)  # NaN sorts last
    n_valid = (~np.isnan(values)).sum(axis=0)
    position = q * np.maximum(n_valid - 1, 0)
    below = np.floor(position).astype(int)
    above = np.minimum(below + 1, np.maximum(n_valid - 1, 0))
    columns = np.arange(values.shape[1])
    low, high = ordered[below, columns], ordered[above, columns]
    out = low + (high - low) * (position - below)
    return np.where(n_valid > 0, out, np.nan)


def _random_prefixes(generator: np.random.Generator, size: int, n_articles: int, length: int) -> np.ndarray:
    """``size`` rows, each the first ``length`` positions of a uniformly random ordering of the articles."""
    keys = generator.random((size, n_articles))
    if length < n_articles:
        chosen = np.argpartition(keys, length - 1, axis=1)[:, :length]
    else:
        chosen = np.broadcast_to(np.arange(n_articles), (size, n_articles)).copy()
    order = np.take_along_axis(keys, chosen, axis=1).argsort(axis=1, kind="stable")
    return np.take_along_axis(chosen, order, axis=1)


def permutation_pvalues(counts: np.ndarray, totals: np.ndarray, members: Sequence[np.ndarray],
                        n_permutations: int, generator: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided permutation p-values of each unit against the rest of the corpus, for every measure.

    ``counts``/``totals`` are (articles × measures) over the whole corpus; ``members`` holds each
    unit's article rows. Returns (p, testable), both (units × measures): a pair is testable when the
    unit and the rest both have a non-zero total and the corpus's residuals are not all zero (some
    article differs from the corpus share); p is NaN where it is not. See the module docstring.
    """
    counts, totals = np.asarray(counts, float), np.asarray(totals, float)
    n_articles, n_measures = counts.shape
    corpus_share = np.nan_to_num(ratio(counts.sum(axis=0), totals.sum(axis=0)))
    residuals = counts - corpus_share * totals
    observed = np.array([residuals[index].sum(axis=0) for index in members]).reshape(len(members), n_measures)
    unit_totals = np.array([totals[index].sum(axis=0) for index in members]).reshape(len(members), n_measures)
    varies = np.abs(residuals).max(axis=0, initial=0.0) > 1e-12
    testable = (unit_totals > 0) & (totals.sum(axis=0) - unit_totals > 0) & varies
    sizes = np.array([min(len(index), n_articles - len(index)) for index in members], dtype=int)
    testable &= (sizes > 0)[:, None]
    p = np.full((len(members), n_measures), np.nan)
    if not testable.any() or n_permutations < 1:
        return p, testable
    length = int(sizes.max())
    set_sizes = np.unique(sizes[sizes > 0])  # the distinct sizes of the random sets
    # position j of an ordering falls in bucket b when set_sizes[b-1] <= j < set_sizes[b]: the sum over the
    # first set_sizes[b] positions is the cumulative sum of buckets 0..b
    bucket = np.searchsorted(set_sizes, np.arange(length), side="right")
    column_of_unit = np.searchsorted(set_sizes, np.maximum(sizes, 1))
    exceed = np.zeros((len(members), n_measures))
    threshold = np.abs(observed) - 1e-9 * (1.0 + np.abs(observed))  # equal sums summed in another order count
    block = max(1, MAX_BLOCK_CELLS // n_articles)
    for start in range(0, n_permutations, block):  # blocks of permutations, each one vectorised
        size = min(block, n_permutations - start)
        prefixes = _random_prefixes(generator, size, n_articles, length)
        rows = (np.arange(size)[:, None] * len(set_sizes) + bucket[None, :]).ravel()
        buckets = csr_matrix((np.ones(rows.size), (rows, prefixes.ravel())), shape=(size * len(set_sizes), n_articles))
        sums = (buckets @ residuals).reshape(size, len(set_sizes), n_measures).cumsum(axis=1)
        null = np.abs(sums[:, column_of_unit, :])  # (permutations × units × measures)
        exceed += (null >= threshold[None]).sum(axis=0)
    p[testable] = ((1.0 + exceed) / (1.0 + n_permutations))[testable]
    return p, testable


def within_period_pvalues(counts: np.ndarray, totals: np.ndarray, members: Sequence[np.ndarray],
                          periods: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(p, testable, expected share) of each unit against the corpus within periods (module docstring).

    ``counts``/``totals`` are (articles × measures), ``periods`` the period of each article row, ``members``
    each unit's rows. All three results are (units × measures); p is NaN where not testable.
    """
    counts, totals = np.asarray(counts, float), np.asarray(totals, float)
    codes, _ = pd.factorize(pd.Series(list(periods), dtype=object), sort=True)
    n_periods, n_measures = int(codes.max(initial=-1)) + 1, counts.shape[1]
    period_count, period_total = np.zeros((n_periods, n_measures)), np.zeros((n_periods, n_measures))
    np.add.at(period_count, codes, counts)
    np.add.at(period_total, codes, totals)
    rate = np.nan_to_num(ratio(period_count, period_total))
    residuals = counts - rate[codes] * totals
    squares = np.zeros((n_periods, n_measures))
    np.add.at(squares, codes, residuals ** 2)
    n_in = np.bincount(codes, minlength=n_periods).astype(float)
    shape = (len(members), n_measures)
    p, testable, expected = np.full(shape, np.nan), np.zeros(shape, dtype=bool), np.full(shape, np.nan)
    for unit, rows in enumerate(members):
        k = np.bincount(codes[rows], minlength=n_periods).astype(float)
        factor = np.where(n_in > 1, k * (n_in - k) / np.maximum(n_in * (n_in - 1), 1.0), 0.0)
        variance = factor @ squares
        observed = residuals[rows].sum(axis=0)
        unit_total = totals[rows].sum(axis=0)
        expected[unit] = ratio((rate[codes[rows]] * totals[rows]).sum(axis=0), unit_total)
        # comparable: some period holds both the unit's articles and others; with no variance there the
        # unit's articles have exactly their periods' shares (D = 0, p = 1)
        testable[unit] = bool((factor > 0).any()) & (unit_total > 0)
        z = np.divide(np.abs(observed), np.sqrt(variance), out=np.zeros(n_measures), where=variance > 1e-12)
        p[unit] = np.where(testable[unit], erfc(z / np.sqrt(2.0)), np.nan)  # two-sided: 2 × P(Z > z)
    return p, testable, expected


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values of the finite entries (NaN entries stay NaN, not counted)."""
    p_values = np.asarray(p_values, float)
    adjusted = np.full(p_values.shape, np.nan)
    finite = np.isfinite(p_values)
    if finite.any():
        from scipy.stats import false_discovery_control  # scipy.stats imports in 1-2 s: only when tests are run

        adjusted[finite] = false_discovery_control(p_values[finite], method="bh")
    return adjusted
