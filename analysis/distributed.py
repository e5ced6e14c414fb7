"""The per-article work of the clean and annotate stages, run on a Dask cluster (dask.distributed).

When a run is given a scheduler address (``make report SCHEDULER=tcp://host:8786``, the
``scheduler`` parameter of notebooks 01 and 02), the work that depends on one article only —
cleaning it, parsing it with spaCy, making its sentence rows, coding its sentences — is cut into
chunks of articles and sent to the cluster's workers. What needs the whole corpus stays on the
client: reading the folder and the manifest, article ids, language, duplicates, labels, and putting
the tables together, sorting and validating them. The functions run on the workers are the very
functions of the in-process run (the chunk functions of analysis.parallel, which also runs them on
this machine's cores), applied to the same articles in the same order, so the tables are identical.

Every worker loads spaCy once (the :class:`LoadSpacy` plugin, then ``analysis.nlp.load_nlp``'s
per-process cache) and reads and writes the parse cache at the client's path (``ANALYSIS_CACHE_DIR``
or ``.cache/``): on a shared filesystem the workers share it; elsewhere each machine keeps its own.
Workers must run the project's environment and the same ``analysis`` code; :func:`get_client`
checks the code and the spaCy model before any work is sent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from distributed import Client
from distributed.diagnostics.plugin import WorkerPlugin

from analysis import parallel
from analysis.errors import ConfigError
from analysis.parallel import annotate_chunk, chunks, clean_chunk, sentence_tables_chunk
from analysis.paths import CACHE_DIR

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Seconds to wait for the scheduler to answer.
CONNECT_TIMEOUT = 30
PLUGIN_NAME = "analysis-load-spacy"

_clients: dict[str, Client] = {}


class LoadSpacy(WorkerPlugin):
    """Loads the spaCy pipeline once in each worker process, when the worker starts."""

    def setup(self, worker: Any) -> None:
        """Load the pipeline into ``analysis.nlp.load_nlp``'s per-process cache."""
        from analysis.nlp import load_nlp

        load_nlp()


def code_fingerprint() -> tuple[str, str, str]:
    """(hash of the analysis package's code and resources, spaCy version, model version) here."""
    from importlib.metadata import PackageNotFoundError, version

    from analysis.nlp import MODEL_NAME

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("resources/*.yaml")]):
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


def chunk_size(client: Client, n_items: int) -> int:
    """Articles per task, as on one machine (analysis.parallel.chunk_size), one worker per thread."""
    return parallel.chunk_size(n_items, sum(client.nthreads().values()))


def map_chunks(client: Client, function: Callable[..., list[Result]], items: Sequence[Item],
               **kwargs: Any) -> Iterator[Result]:
    """``function(chunk, **kwargs)`` over consecutive chunks of ``items`` on the cluster; results in order.

    ``kwargs`` must not use the names of Client.map's own arguments (``batch_size``, ``key``, ...).
    Each chunk's results are fetched and released in turn; on an error (re-raised here, with the
    worker's traceback) or an early stop, the remaining tasks are cancelled.
    """
    if not items:
        return
    futures = client.map(function, chunks(items, chunk_size(client, len(items))), pure=False, **kwargs)
    try:
        for future in futures:
            yield from future.result()
            future.release()
    except BaseException:
        client.cancel(futures)
        raise


# --------------------------------------------------------------------------------------------------
# What the stages call


def clean_documents(scheduler: str, raw_documents: Sequence[Any], article_ids: Sequence[str],
                    anchor_years: Sequence[int | None], rules: Any) -> Iterator[Any]:
    """``analysis.clean.clean_document`` of every raw document, on the cluster; CleanedDocuments in order."""
    client = get_client(scheduler)
    yield from map_chunks(client, clean_chunk, list(zip(raw_documents, article_ids, anchor_years)), rules=rules)


def sentence_tables(scheduler: str, documents: Sequence[Any], *, cache_dir: Path | None = CACHE_DIR / "parses",
                    batch_size: int = 64) -> Iterator[tuple[list[dict], list[dict], int]]:
    """``analysis.clean.sentence_tables`` of cleaned documents, parsed on the cluster; in order."""
    client = get_client(scheduler)
    yield from map_chunks(client, sentence_tables_chunk, documents, cache_dir=cache_dir,
                          texts_per_batch=batch_size)


def annotate_articles(scheduler: str, items: Sequence[Any], *, cache_dir: Path | None = CACHE_DIR / "parses",
                      batch_size: int = 64) -> Iterator[tuple[dict[str, list[dict]], list[str]]]:
    """``analysis.annotate.annotate_articles`` of (article id, paragraphs, sentences) items, on the cluster."""
    client = get_client(scheduler)
    yield from map_chunks(client, annotate_chunk, items, cache_dir=cache_dir, texts_per_batch=batch_size)
