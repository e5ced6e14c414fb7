"""Stage 03, compare: annotated tables -> comparison tables and findings.

In: every table of stages 01 and 02; out, per article: ``voice.csv``, ``named_sources.csv``,
``certainty.csv``, ``figures.csv``, ``claims_timeline.csv``, ``frames_matrix.csv``, ``headlines.csv``,
``locations.csv``, ``wire_copy.csv`` and ``corpus_summary.csv``; per unit (an outlet with enough
articles, or a single article): ``units.csv``, ``keyness.csv``, ``corpus_measures.csv``,
``outlet_comparison.csv``, ``period_measures.csv``, ``outlet_profiles.csv`` and ``findings.csv``; and
``compare_settings.csv``.

Modules: ``inputs`` (the tables read, typed; the articles compared), ``mentions`` (sentences about the
troops), ``measures`` (one function per comparison, per article), ``units`` (which articles are compared
as an outlet, dispatch families, periods), ``uncertainty`` (bootstrap over articles, permutation tests,
Benjamini–Hochberg), ``outlets`` (every measure per outlet, for the corpus and by period), ``views`` (the
per-article tables seen per unit), ``profiles`` (one row per outlet), ``keyness`` (weighted log-odds),
``findings`` (sentences with numbers and evidence) and ``stage`` (everything at once; what notebook 03
calls).
"""
