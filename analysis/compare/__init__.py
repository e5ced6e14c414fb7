"""Stage 03, compare: annotated tables -> comparison tables and findings.

In: every table of stages 01 and 02; out: ``voice.csv``, ``named_sources.csv``, ``certainty.csv``,
``figures.csv``, ``claims_timeline.csv``, ``frames_matrix.csv``, ``keyness.csv``, ``headlines.csv``,
``locations.csv``, ``wire_copy.csv``, ``corpus_summary.csv`` and ``findings.csv``.

Modules: ``inputs`` (the tables read, typed; the articles compared), ``mentions`` (sentences about the
troops), ``measures`` (one function per comparison), ``keyness`` (weighted log-odds), ``findings``
(sentences with numbers and evidence) and ``stage`` (everything at once; what notebook 03 calls).
"""
