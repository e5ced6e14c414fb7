"""nbval settings for the stage notebooks (used by `make test`).

- The notebooks are re-executed in order (01 → 04) against data/raw, but write their datasets into a
  temporary folder (ANALYSIS_OUT_DIR), so a test run never rewrites data/processed.
- stderr (progress bars) and images are not compared, as nbval's documentation suggests: figures are
  checked through the tables they are drawn from, which are printed in the notebooks.
"""

import atexit
import os
import shutil
import tempfile

_run_dir = tempfile.mkdtemp(prefix="nbval-run-")
os.environ["ANALYSIS_OUT_DIR"] = _run_dir
atexit.register(shutil.rmtree, _run_dir, ignore_errors=True)


def pytest_collectstart(collector):
    """Skip comparing outputs that cannot be identical from run to run."""
    if hasattr(collector, "skip_compare"):
        collector.skip_compare = collector.skip_compare + ("stderr", "image/png", "image/svg+xml")
