"""The per-article work of the stages, on several processes of this machine.

Cleaning an article, parsing it, making its sentence rows, coding its sentences and scoring its
frames depend on that article only, so the stages cut their articles into consecutive chunks, hand
the chunks to a pool of forked worker processes and read the results back in order: the tables are
the same as with one process. Each worker parses its own chunk with ``nlp.pipe`` (one process per worker) and
writes the parse cache itself. This beats one ``nlp.pipe(n_process=N)`` feeding a single process:
there, every Doc is serialised by a worker and rebuilt in the main process, which then also makes
all the rows, so the main process becomes the bottleneck (benchmarks/RESULTS.md).

The pool forks after spaCy is loaded, so workers share the model's memory pages instead of loading
it again. The chunk functions here are also what the Dask workers run (analysis.distributed).
"""

from __future__ import annotations

import math
import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: At most this many articles per chunk: enough for spaCy to batch well, small enough to balance.
MAX_CHUNK = 64
#: Aim for this many chunks per worker, so that a slow chunk does not leave the others idle.
CHUNKS_PER_WORKER = 4


def chunk_size(n_items: int, n_workers: int) -> int:
    """Articles per chunk: about CHUNKS_PER_WORKER chunks per worker, at most MAX_CHUNK articles."""
    return max(1, min(MAX_CHUNK, math.ceil(n_items / (max(1, n_workers) * CHUNKS_PER_WORKER))))


def chunks(items: Sequence[Item], size: int) -> list[list[Item]]:
    """Consecutive chunks of ``size`` items (the last one shorter), in order."""
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def _ignore_interrupts() -> None:
    """A worker leaves Ctrl-C to its parent, which then stops the whole pool (a worker that died of
    KeyboardInterrupt in mid-chunk would leave the parent waiting for a result that never comes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def map_chunks(function: Callable[..., list[Result]], items: Sequence[Item], n_workers: int,
               **kwargs: Any) -> Iterator[Result]:
    """``function(chunk, **kwargs)`` over consecutive chunks of ``items``; every result, in item order.

    With one worker the chunks run in this process, one after the other (results still come a chunk
    at a time). Otherwise a pool of ``n_workers`` forked processes runs them; an error in a worker is
    raised here, and stopping early (or an error) terminates the pool.
    """
    work = partial(function, **kwargs)
    parts = chunks(items, chunk_size(len(items), n_workers))
    if n_workers <= 1 or len(parts) <= 1:
        for part in parts:
            yield from work(part)
        return
    # fork, not spawn: the workers inherit the loaded spaCy model and the analysis modules at no cost
    with multiprocessing.get_context("fork").Pool(min(n_workers, len(parts)), _ignore_interrupts) as pool:
        for result in pool.imap(work, parts):
            yield from result


# --------------------------------------------------------------------------------------------------
# What a worker runs: the in-process functions of the stages, on one chunk of articles
# (spaCy's batch size is passed as ``texts_per_batch``: ``batch_size`` is an argument of Dask's Client.map)


def clean_chunk(chunk: list[tuple[Any, str, int | None]], rules: Any) -> list[Any]:
    """``analysis.clean.clean_document`` of each (raw document, article id, anchor year)."""
    from analysis.clean import clean_document

    return [clean_document(doc, rules, article_id=article_id, anchor_year=anchor_year)
            for doc, article_id, anchor_year in chunk]


def sentence_tables_chunk(chunk: list[Any], cache_dir: Path | None, texts_per_batch: int) -> list[Any]:
    """``analysis.clean.sentence_tables`` of cleaned documents, parsed in this process."""
    from analysis.clean import sentence_tables

    return list(sentence_tables(chunk, cache_dir=cache_dir, n_process=1, batch_size=texts_per_batch))


def annotate_chunk(chunk: list[Any], cache_dir: Path | None, texts_per_batch: int) -> list[Any]:
    """``analysis.annotate.annotate_articles`` of (article id, paragraphs, sentences) items, in this process."""
    from analysis.annotate import annotate_articles

    return list(annotate_articles(chunk, cache_dir=cache_dir, n_process=1, batch_size=texts_per_batch))
