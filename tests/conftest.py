"""Shared test set-up.

The bad-input runs (tests/fixtures/bad/runs.py) are slow, so the module that caches them is loaded
once per session under one name, ``bad_input_runs``, and every test file imports that same object.
"""

import importlib.util
import sys
from pathlib import Path

_RUNS = Path(__file__).resolve().parent / "fixtures" / "bad" / "runs.py"

if "bad_input_runs" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("bad_input_runs", _RUNS)
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["bad_input_runs"] = _module
    _spec.loader.exec_module(_module)
