"""Running chunks of per-article work on a Dask cluster (dask.distributed).

When a run is given a scheduler address (``make report SCHEDULER=tcp://host:8786``, the
``scheduler`` parameter of notebooks 01 and 02), analysis.core.executor.map_chunks sends the chunks
of per-article work (cleaning, parsing, sentence rows, coding) here. What needs the whole corpus stays
on the client: reading the folder and the manifest, article ids, language, duplicates, labels, and
putting the tables together. The workers run the very chunk functions of the in-process run, on the
same chunks in the same order, so the tables are identical.

Every worker loads spaCy once (the :class:`LoadSpacy` plugin, then ``analysis.core.nlp.load_nlp``'s
per-process cache) and reads and writes the parse cache at the client's path (``ANALYSIS_CACHE_DIR``
or ``.cache/``): on a shared filesystem the workers share it; elsewhere each machine keeps its own.
Workers must run the project's environment and the same ``analysis`` code; :func:`get_client`
checks the code and the spaCy model before any work is sent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

from distributed import Client
from distributed.diagnostics.plugin import WorkerPlugin

from analysis.core.chunking import chunk_size, chunks
from analysis.core.errors import ConfigError
from analysis.core.nlp import MODEL_NAME, load_nlp

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Seconds to wait for the scheduler to answer.
CONNECT_TIMEOUT = 30
PLUGIN_NAME = "analysis-load-spacy"

_clients: dict[str, Client] = {}


class LoadSpacy(WorkerPlugin):
    """Loads the spaCy pipeline once in each worker process, when the worker starts."""

    def setup(self, worker: Any) -> None:
        """Load the pipeline into ``analysis.core.nlp.load_nlp``'s per-process cache."""
        load_nlp()


def code_fingerprint() -> tuple[str, str, str]:
    """(hash of the analysis package's code and resources, spaCy version, model version) here."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.glob("resources/*")]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    try:
        model = version(MODEL_NAME)
    except PackageNotFoundError:
        model = "missing"
    return digest.hexdigest(), version("spacy"), model


def check_workers(client: Client) -> None:
    """Raise ConfigError unless every worker runs this ``analysis`` code and spaCy model."""
    here = code_fingerprint()
    found = client.run(code_fingerprint)
    if not found:
        raise ConfigError("the Dask cluster has no workers.",
                          hint="start workers with `dask worker <scheduler address>` in the project's environment.")
    differing = sorted(address for address, fingerprint in found.items() if tuple(fingerprint) != here)
    if differing:
        raise ConfigError(f"{len(differing)} Dask worker(s) run other analysis code or another spaCy model "
                          f"than this run ({', '.join(differing[:3])}{' …' if len(differing) > 3 else ''}); "
                          "their results could differ.",
                          hint="restart the workers from this project's folder and environment "
                               "(`.venv/bin/dask worker <scheduler address>`).")


def get_client(scheduler: str, timeout: float = CONNECT_TIMEOUT) -> Client:
    """A client of the scheduler at ``scheduler``, made once per process, its workers checked and ready.

    Raises ConfigError when the scheduler cannot be reached or its workers do not match this run.
    """
    client = _clients.get(scheduler)
    if client is not None and client.status == "running":
        return client
    try:
        client = Client(scheduler, set_as_default=False, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as error:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler!r} ({type(error).__name__}: {error}).",
                          hint="start one with `dask scheduler` and workers with `dask worker <address>` "
                               "in the project's environment, or leave SCHEDULER empty to run here.") from error
    try:
        check_workers(client)
        client.register_plugin(LoadSpacy(), name=PLUGIN_NAME)
    except BaseException:
        client.close()
        raise
    _clients[scheduler] = client
    return client


def close_clients() -> None:
    """Close every client this process opened (the cluster itself keeps running)."""
    while _clients:
        _, client = _clients.popitem()
        client.close()


def cluster_chunk_size(client: Client, n_items: int) -> int:
    """Articles per task, as on one machine (analysis.core.chunking.chunk_size), one worker per thread."""
    return chunk_size(n_items, sum(client.nthreads().values()))


def map_on_cluster(scheduler: str, function: Callable[..., list[Result]], items: Sequence[Item],
                   **kwargs: Any) -> Iterator[Result]:
    """``function(chunk, **kwargs)`` over consecutive chunks of ``items`` on the cluster; results in order.

    Each chunk's results are fetched and released in turn; on an error (re-raised here, with the
    worker's traceback) or an early stop, the remaining tasks are cancelled.
    """
    if not items:
        return
    client = get_client(scheduler)
    futures = client.map(function, chunks(items, cluster_chunk_size(client, len(items))), pure=False, **kwargs)
    try:
        for future in futures:
            yield from future.result()
            future.release()
    except BaseException:
        client.cancel(futures)
        raise
