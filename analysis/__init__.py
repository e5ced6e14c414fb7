"""Framing of the North Korean deployment to Russia in French news: the analysis package.

One subpackage per stage, plus a shared core; imports flow one way, ``core`` <- stages <- ``pipeline``:

- ``analysis.core``: paths, errors, tables, text folding, YAML loading, schemas, spaCy, the executor;
- ``analysis.clean`` (01): raw files -> articles, paragraphs, sentences, removed lines;
- ``analysis.annotate`` (02): sentences -> attributions, stance, claims, places, lemmas, frames;
- ``analysis.compare`` (03): annotations -> comparison tables and findings;
- ``analysis.validate`` (04): the coders against the hand coding of ``data/annotations``;
- ``analysis.report`` (05): figures and the rendered report;
- ``analysis.pipeline``: the runner of the stage notebooks.

A researcher can ``import analysis.<stage>`` in JupyterLab and call exactly what a notebook calls.
"""

__version__ = "0.1.0"
