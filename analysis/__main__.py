"""``python -m analysis``: the pipeline's command line (see analysis.pipeline.runner)."""

import sys

from analysis.pipeline.runner import main

sys.exit(main())
