"""Stage 04, validate: the automatic coders against the adjudicated hand coding, on three splits.

In: the annotation tables and ``data/annotations`` (codebook, two blind passes, adjudication) for the run's
hand-coded articles (``seeds``: the five seed articles, in-sample); the held-out set of
``data/annotations/heldout`` (64 OrangeSum articles, a fixed ``dev``/``test`` split, the same hand coding).
Out: ``validation_agreement.csv``, ``validation_confusion.csv``, ``validation_disagreements.csv`` (each with a
``split`` column) and the held-out set's coded tables in ``heldout/``.

Unlike the other stages, validate imports two stages besides ``analysis.core``: ``analysis.clean`` and
``analysis.annotate``, because it reruns the coders it validates on the held-out corpus.

Modules: ``coding`` (codings in one format; reading the hand coding), ``machine`` (the coders' output in
that format), ``scoring`` (F1, alpha, confusion, disagreements), ``heldout`` (coding the held-out set),
``calibration`` (policy-frame thresholds chosen on dev) and ``stage`` (what notebook 04 calls).
"""
