"""Parsing in parallel and in a stream: process count rule, streaming parse cache, worker processes,
runner options."""

from __future__ import annotations

import signal

import pandas as pd
import pytest

from analysis.core import nlp as nlp_module
from analysis.core.chunking import MAX_CHUNK, chunk_size, chunks
from analysis.core.errors import ConfigError
from analysis.core.executor import map_chunks
from analysis.core.nlp import MIN_TEXTS_PER_PROCESS, ParseCache, load_nlp, resolve_n_process
from analysis.core.paths import run_paths
from analysis.pipeline.runner import check_options
from analysis.pipeline.stages import STAGES, stage_fingerprint

#: Articles of our own, one paragraph list each (short, so that the tests stay fast).
ARTICLES = [
    ["Des soldats nord-coréens ont été vus dans la région de Koursk.",
     "Selon Kiev, ils seraient plusieurs milliers. Moscou n'a pas confirmé."],
    ["Le Kremlin a démenti toute présence de troupes étrangères sur son sol."],
    ["Séoul affirme que 3 000 hommes sont arrivés en octobre.", "L'information n'a pas pu être vérifiée."],
    ["Washington se dit « très préoccupé ».", "Le Pentagone prépare une réponse."],
    ["Les pertes seraient lourdes, d'après un responsable ukrainien."],
]


def _signature(docs_of_groups):
    """Everything a stage reads from a parse, token by token."""
    return [[[(t.text, t.lemma_, t.pos_, t.dep_, t.head.i, str(t.morph), t.ent_type_, t.is_sent_start)
              for t in doc] for doc in docs] for docs in docs_of_groups]


# --- the process-count rule --------------------------------------------------------------------------

def test_explicit_process_counts_are_kept_but_never_exceed_the_texts():
    assert resolve_n_process(1, 10_000) == 1
    assert resolve_n_process(3, 10_000) == 3
    assert resolve_n_process(4, 2) == 2  # no idle worker processes
    assert resolve_n_process(2, 0) == 1


@pytest.mark.parametrize("automatic", [0, -1, None])
def test_automatic_uses_every_core_only_for_enough_texts(monkeypatch, automatic):
    monkeypatch.setattr(nlp_module.os, "cpu_count", lambda: 4)
    assert resolve_n_process(automatic, 50) == 1  # the seed corpus: one process, no start-up cost
    assert resolve_n_process(automatic, MIN_TEXTS_PER_PROCESS - 1) == 1
    assert resolve_n_process(automatic, 2 * MIN_TEXTS_PER_PROCESS) == 2
    assert resolve_n_process(automatic, 10_000) == 4  # never more than the cores


def test_automatic_on_an_unknown_core_count_is_one_process(monkeypatch):
    monkeypatch.setattr(nlp_module.os, "cpu_count", lambda: None)
    assert resolve_n_process(0, 10_000) == 1


# --- the streaming parse cache -----------------------------------------------------------------------

class CountingPipeline:
    """A spaCy pipeline that counts how many texts its ``pipe`` has taken from its input."""

    def __init__(self, nlp):
        self._nlp = nlp
        self.taken = 0

    def __getattr__(self, name):
        return getattr(self._nlp, name)

    def pipe(self, texts, **kwargs):
        def counted():
            for text in texts:
                self.taken += 1
                yield text
        return self._nlp.pipe(counted(), **kwargs)


def test_groups_are_parsed_lazily_a_batch_at_a_time(tmp_path):
    pipeline = CountingPipeline(load_nlp())
    cache = ParseCache(pipeline, tmp_path)
    groups = [[f"Le soldat numéro {n} a été capturé près de Koursk."] for n in range(12)]
    stream = cache.iter_groups(groups, n_process=1, batch_size=2)
    first = next(stream)
    assert first[0].text == groups[0][0]
    assert pipeline.taken <= 4  # a batch or two, not the 12 texts: the corpus is never held parsed
    rest = list(stream)
    assert pipeline.taken == 12 and len(rest) == 11
    assert [docs[0].text for docs in rest] == [group[0] for group in groups[1:]]


def test_cached_groups_are_read_back_and_only_new_ones_parsed(tmp_path):
    nlp = load_nlp()
    first = ParseCache(nlp, tmp_path)
    parsed = first.parse_groups(ARTICLES[:3])
    assert (first.hits, first.misses) == (0, 3)
    pipeline = CountingPipeline(nlp)
    second = ParseCache(pipeline, tmp_path)
    again = second.parse_groups(ARTICLES)
    assert (second.hits, second.misses) == (3, 2)
    assert pipeline.taken == len(ARTICLES[3]) + len(ARTICLES[4])  # only the two new articles' paragraphs
    assert _signature(again[:3]) == _signature(parsed)
    assert [[doc.text for doc in docs] for docs in again] == ARTICLES


def test_a_corrupt_cache_entry_is_parsed_again(tmp_path):
    nlp = load_nlp()
    cache = ParseCache(nlp, tmp_path)
    expected = _signature(cache.parse_groups(ARTICLES[:2]))
    [entry] = tmp_path.rglob(f"{nlp_module.text_key(ARTICLES[0], nlp)}.spacy")
    entry.write_bytes(b"not a DocBin")
    fresh = ParseCache(nlp, tmp_path)
    assert fresh.load(ARTICLES[0]) is None  # unreadable: no exception
    assert _signature(fresh.parse_groups(ARTICLES[:2])) == expected
    assert (fresh.hits, fresh.misses) == (1, 1)
    assert fresh.load(ARTICLES[0]) is not None  # and stored again


def test_an_article_without_paragraphs_gets_no_docs(tmp_path):
    cache = ParseCache(load_nlp(), tmp_path)
    result = cache.parse_groups([ARTICLES[1], [], ARTICLES[3]])
    assert [len(docs) for docs in result] == [1, 0, 2]


def test_two_processes_parse_exactly_as_one(tmp_path):
    nlp = load_nlp()
    one = ParseCache(nlp, tmp_path / "one").parse_groups(ARTICLES * 3, n_process=1, batch_size=4)
    two = ParseCache(nlp, tmp_path / "two").parse_groups(ARTICLES * 3, n_process=2, batch_size=4)
    assert _signature(two) == _signature(one)


def test_without_a_cache_folder_everything_is_parsed(tmp_path):
    cache = ParseCache(load_nlp(), None)
    assert not cache.is_cached(ARTICLES[0])
    assert [[doc.text for doc in docs] for docs in cache.parse_groups(ARTICLES[:2])] == ARTICLES[:2]
    assert cache.misses == 2


# --- runner options ----------------------------------------------------------------------------------

def test_runner_accepts_automatic_process_counts_and_rejects_nonsense():
    check_options(5.0, 0, 64)
    check_options(5.0, -1, 64)
    check_options(5.0, 2, 64)
    with pytest.raises(ConfigError, match="n_process must be 0"):
        check_options(5.0, -2, 64)


def test_where_the_work_runs_does_not_make_a_stage_stale():
    paths = run_paths(None, None)
    annotate_stage = next(stage for stage in STAGES if stage.name == "02_annotate")
    here = {"n_process": 0, "batch_size": 64}
    on_cluster = dict(here, scheduler="tcp://10.0.0.5:8786")
    assert "scheduler" in annotate_stage.parameters
    assert stage_fingerprint(annotate_stage, paths, on_cluster) == stage_fingerprint(annotate_stage, paths, here)
    assert stage_fingerprint(annotate_stage, paths, dict(here, batch_size=32)) != \
        stage_fingerprint(annotate_stage, paths, here)


# --- worker processes on this machine ----------------------------------------------------------------

def _square_all(chunk: list[int]) -> list[int]:
    return [value * value for value in chunk]


def _fail_on_seven(chunk: list[int]) -> list[int]:
    if 7 in chunk:
        raise ValueError("seven is not allowed")
    return chunk


def _sigint_ignored(chunk: list[int]) -> list[bool]:
    return [signal.getsignal(signal.SIGINT) == signal.SIG_IGN for _ in chunk]


def test_workers_leave_ctrl_c_to_the_parent_which_keeps_its_handler():
    assert list(map_chunks(_sigint_ignored, list(range(8)), n_process=2)) == [True] * 8
    assert signal.getsignal(signal.SIGINT) != signal.SIG_IGN  # the caller still stops on Ctrl-C


def test_chunks_are_consecutive_and_sized_for_the_workers():
    assert chunks(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert chunks([], 3) == []
    assert chunk_size(5, 2) == 1  # few articles: one per chunk, so both workers get some
    assert chunk_size(100, 2) == 13  # about four chunks per worker: ceil(100 / 8)
    assert chunk_size(10_000, 2) == MAX_CHUNK


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_worker_processes_give_every_result_in_item_order(workers):
    assert list(map_chunks(_square_all, list(range(20)), n_process=workers)) == [value * value for value in range(20)]
    assert list(map_chunks(_square_all, [], n_process=workers)) == []


def test_an_error_in_a_worker_is_raised_in_the_caller():
    with pytest.raises(ValueError, match="seven is not allowed"):
        list(map_chunks(_fail_on_seven, list(range(20)), n_process=2))


@pytest.mark.slow
def test_the_stages_on_two_worker_processes_write_the_same_tables_as_on_one(tmp_path):
    from analysis.annotate import stage as annotate
    from analysis.clean import stage as clean
    from analysis.core.paths import RAW_DIR

    runs = {}
    for workers in (1, 2):
        cache = tmp_path / f"cache-{workers}"  # each run parses for itself
        cleaned = clean.clean_corpus(RAW_DIR, cache_dir=cache, n_process=workers, progress=False)
        annotated = annotate.annotate_corpus(cleaned.articles, cleaned.paragraphs, cleaned.sentences,
                                             cache_dir=cache, n_process=workers, progress=False)
        runs[workers] = (cleaned, annotated, cache)
    (one_clean, one_annotated, _), (two_clean, two_annotated, two_cache) = runs[1], runs[2]
    for name in ("articles", "paragraphs", "sentences", "removed_lines"):
        pd.testing.assert_frame_equal(getattr(two_clean, name), getattr(one_clean, name), obj=name)
    for name in ("stance", "attributions", "claims", "places", "lemmas"):
        pd.testing.assert_frame_equal(getattr(two_annotated, name), getattr(one_annotated, name), obj=name)
    assert two_clean.warnings == one_clean.warnings and two_annotated.warnings == one_annotated.warnings
    assert len(two_annotated.stance) > 0  # the seeds were really coded
    # the workers wrote the parse cache: one entry per article with paragraphs
    assert len(list(two_cache.rglob("*.spacy"))) == (two_clean.articles["n_paragraphs"] > 0).sum()
