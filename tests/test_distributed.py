"""The clean and annotate stages on a Dask cluster give the same tables as in one process."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.annotate import stage as annotate
from analysis.clean import stage as clean
from analysis.core import chunking as core_chunking
from analysis.core import dask_cluster as distributed
from analysis.core.errors import ConfigError
from analysis.core.paths import RAW_DIR

pytestmark = pytest.mark.slow  # starts a local Dask cluster

dask_distributed = pytest.importorskip("distributed")

TABLES_CLEAN = ("articles", "paragraphs", "sentences", "removed_lines")
TABLES_ANNOTATE = ("stance", "attributions", "claims", "places", "lemmas")


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes, as a small real cluster would have."""
    with dask_distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40) as local:
        yield local
    distributed.close_clients()


def _run(tmp_path, name: str, scheduler: str | None):
    cache = tmp_path / f"cache-{name}"  # each run parses for itself: nothing is read from the other's cache
    cleaned = clean.clean_corpus(RAW_DIR, cache_dir=cache, progress=False, scheduler=scheduler)
    annotated = annotate.annotate_corpus(cleaned.articles, cleaned.paragraphs, cleaned.sentences,
                                         cache_dir=cache, progress=False, scheduler=scheduler)
    return cleaned, annotated, cache


def test_cluster_output_is_identical_to_in_process(tmp_path, cluster):
    local_clean, local_annotated, _ = _run(tmp_path, "local", None)
    dask_clean, dask_annotated, dask_cache = _run(tmp_path, "dask", cluster.scheduler_address)

    assert len(local_clean.articles) == 5 and len(local_annotated.stance) > 50  # the seeds were really coded
    for name in TABLES_CLEAN:
        pd.testing.assert_frame_equal(getattr(dask_clean, name), getattr(local_clean, name), obj=name)
    for name in TABLES_ANNOTATE:
        pd.testing.assert_frame_equal(getattr(dask_annotated, name), getattr(local_annotated, name), obj=name)
    assert dask_clean.warnings == local_clean.warnings
    assert dask_annotated.warnings == local_annotated.warnings
    # the workers parsed (and cached) the articles: one cache entry per article with paragraphs
    assert len(list(dask_cache.rglob("*.spacy"))) == (local_clean.articles["n_paragraphs"] > 0).sum()


def test_work_is_spread_over_the_workers(cluster):
    client = distributed.get_client(cluster.scheduler_address)
    # five articles on two one-thread workers: one article per task, so both workers get some
    assert distributed.cluster_chunk_size(client, 5) == 1
    assert distributed.cluster_chunk_size(client, 10_000) == core_chunking.MAX_CHUNK
    assert list(distributed.map_on_cluster(cluster.scheduler_address, _double_all, list(range(7)))) == [0, 2, 4, 6, 8, 10, 12]


def _double_all(chunk: list[int]) -> list[int]:
    return [2 * value for value in chunk]


def test_every_worker_has_spacy_loaded_once(cluster):
    client = distributed.get_client(cluster.scheduler_address)
    loaded = client.run(_spacy_cache_info)
    assert len(loaded) == 2
    assert [currsize for _, currsize in loaded.values()] == [1, 1]  # one pipeline in each worker process


def _spacy_cache_info() -> tuple[int, int]:
    from analysis.core.nlp import load_nlp

    info = load_nlp.cache_info()
    return info.hits, info.currsize


def test_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        distributed.get_client("tcp://127.0.0.1:9", timeout=3)  # port 9 (discard): nothing listens there
