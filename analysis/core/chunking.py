"""Cutting a stage's articles into consecutive chunks: one rule for the worker pool and for Dask."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

Item = TypeVar("Item")

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
