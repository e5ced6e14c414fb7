"""Shared machinery of every stage; imports nothing from the stages.

- ``paths``: the project root and every default path (the only place that resolves them);
- ``errors``: ConfigError, the one error a person can act on (file, line, what to do);
- ``tables``: reading and writing CSV tables atomically and deterministically, list cells;
- ``text``: the one text-folding function used by every matcher;
- ``lexicon``: the one loader of the researcher-editable YAML files;
- ``groups``: the actor groups' display names;
- ``schemas``: the pandera schema of every processed table;
- ``nlp``: spaCy, loaded once per process, and the parse cache;
- ``executor`` (with ``chunking`` and ``dask_cluster``): running per-article work in chunks, here, on
  forked workers or on a Dask cluster;
- ``progress``: progress bars for the terminal; ``notebook``: the set-up cell of every notebook.
"""
