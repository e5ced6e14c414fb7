"""Progress bars that reach the person running the pipeline, not the notebook's stored outputs.

Inside a papermill or nbval kernel, ``sys.stderr`` is captured into the notebook, which would make
the stored outputs differ on every run. ``sys.__stderr__`` is the kernel process's own stderr,
inherited from the runner, so the bar shows in the terminal and the notebook stays deterministic.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

Item = TypeVar("Item")


def progress(items: Iterable[Item], description: str, total: int | None = None,
             enabled: bool = True) -> Iterator[Item]:
    """Iterate over ``items`` with a progress bar on the terminal (one line, updated in place)."""
    stream = sys.__stderr__ or sys.stderr
    return iter(tqdm(items, desc=description, total=total, disable=not enabled or stream is None,
                     file=stream, unit="article", mininterval=0.5, leave=False, dynamic_ncols=True))
