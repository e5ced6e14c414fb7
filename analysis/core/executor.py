"""The one executor of per-article work: in this process, on a pool of forked workers, or on Dask.

Cleaning an article, parsing it, making its sentence rows, coding its sentences and scoring its
frames depend on that article only, so the stages cut their articles into consecutive chunks, run a
chunk function of their own on each chunk and read the results back in order: the tables are the
same whichever way the chunks ran. The chunk functions live with their stage (e.g.
``analysis.clean.stage.clean_chunk``); this module only knows how to run them.

- One worker: the chunks run here, one after the other.
- Several workers: a pool of forked processes. Forked after spaCy is loaded, the workers share the
  model's memory pages instead of loading it again; each parses its own chunk with ``nlp.pipe`` and
  returns only rows. This beats ``nlp.pipe(n_process=N)`` feeding one process, where every Doc is
  serialised by a worker and rebuilt in the main process (benchmarks/README.md).
- A Dask scheduler address: the chunks go to the cluster's workers (analysis.core.dask_cluster).
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, TypeVar

from analysis.core.chunking import chunk_size, chunks

Item = TypeVar("Item")
Result = TypeVar("Result")


def _ignore_interrupts() -> None:
    """A worker leaves Ctrl-C to its parent, which then stops the whole pool (a worker that died of
    KeyboardInterrupt in mid-chunk would leave the parent waiting for a result that never comes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _local_chunks(work: Callable[[list[Item]], list[Result]], items: Sequence[Item],
                  n_workers: int) -> Iterator[Result]:
    parts = chunks(items, chunk_size(len(items), n_workers))
    if n_workers <= 1 or len(parts) <= 1:
        for part in parts:
            yield from work(part)
        return
    # fork, not spawn: the workers inherit the loaded spaCy model and the analysis modules at no cost
    with multiprocessing.get_context("fork").Pool(min(n_workers, len(parts)), _ignore_interrupts) as pool:
        for result in pool.imap(work, parts):
            yield from result


def map_chunks(function: Callable[..., list[Result]], items: Sequence[Item], *, n_process: int = 1,
               scheduler: str | None = None, **kwargs: Any) -> Iterator[Result]:
    """``function(chunk, **kwargs)`` over consecutive chunks of ``items``; every result, in item order.

    ``n_process``: worker processes on this machine (1 = this process; the caller resolves "automatic"
    with analysis.core.nlp.resolve_n_process). ``scheduler``: a Dask scheduler address; when given, the
    chunks run on that cluster and ``n_process`` is not used. An error in a worker is raised here, and
    stopping early (or an error) stops the remaining work. ``kwargs`` must not use the names of Dask's
    ``Client.map`` arguments (``batch_size``, ``key``, ...).
    """
    if scheduler:
        # dask_cluster imports dask.distributed (about a second); only runs given a scheduler pay for it
        from analysis.core.dask_cluster import map_on_cluster

        yield from map_on_cluster(scheduler, function, items, **kwargs)
        return
    yield from _local_chunks(partial(function, **kwargs), items, n_process)
