"""``python -m analysis``: the pipeline's command line (see analysis.runner)."""

import sys

from analysis.runner import main

sys.exit(main())
