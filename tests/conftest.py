"""Shared test set-up.

- The seed corpus is cleaned and annotated once per session (``cleaned_seeds``, ``annotated_seeds``).
- The bad-input runs (tests/fixtures/bad/runs.py) are slow, so the module that caches them is loaded
  once per session under one name, ``bad_input_runs``, and every test file imports that same object.
- Tests marked ``slow`` run the pipeline end to end or start servers: ``pytest -m "not slow"`` leaves them
  out for a quick check; ``make test`` runs everything.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

from analysis.annotate.stage import AnnotatedCorpus, annotate_corpus
from analysis.clean.stage import CleanedCorpus, clean_corpus
from analysis.core.paths import RAW_DIR

_RUNS = Path(__file__).resolve().parent / "fixtures" / "bad" / "runs.py"

if "bad_input_runs" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("bad_input_runs", _RUNS)
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["bad_input_runs"] = _module
    _spec.loader.exec_module(_module)


@pytest.fixture(scope="session")
def seed_parse_cache(tmp_path_factory) -> Path:
    """A parse cache of the test session's own (the seeds are parsed once, then read back)."""
    return tmp_path_factory.mktemp("seed_parses")


@pytest.fixture(scope="session")
def cleaned_seeds(seed_parse_cache) -> CleanedCorpus:
    """The clean stage on data/raw, run once for the whole session (tests must not modify it)."""
    return clean_corpus(RAW_DIR, cache_dir=seed_parse_cache, progress=False)


@pytest.fixture(scope="session")
def annotated_seeds(cleaned_seeds, seed_parse_cache) -> AnnotatedCorpus:
    """The annotate stage on the cleaned seeds, run once for the whole session."""
    return annotate_corpus(cleaned_seeds.articles, cleaned_seeds.paragraphs, cleaned_seeds.sentences,
                           cache_dir=seed_parse_cache, progress=False)
