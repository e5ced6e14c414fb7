"""nbval settings for the stage notebooks (used by `make test`).

- The notebooks are re-executed in order (01 → 05) against data/raw, but write their datasets into a
  temporary folder (ANALYSIS_OUT_DIR), so a test run never rewrites data/processed.
- Only what a reader reads as text is compared: the ``text/plain`` of every output. stderr (progress
  bars), ``text/html`` (the report's HTML, DataFrames' HTML twins) and images are not compared: figures
  are checked through the tables they draw, which the notebooks print as text.
"""

import atexit
import os
import shutil
import tempfile

_run_dir = tempfile.mkdtemp(prefix="nbval-run-")
os.environ["ANALYSIS_OUT_DIR"] = _run_dir
atexit.register(shutil.rmtree, _run_dir, ignore_errors=True)


def pytest_collectstart(collector):
    """Skip comparing outputs that are not plain text."""
    if hasattr(collector, "skip_compare"):
        collector.skip_compare = collector.skip_compare + ("stderr", "text/html", "image/png", "image/svg+xml")
