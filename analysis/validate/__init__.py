"""Stage 04, validate: the automatic coders' tables against the adjudicated hand coding.

In: the annotation tables and ``data/annotations`` (codebook, two blind passes, adjudication);
out: ``validation_agreement.csv``, ``validation_confusion.csv``, ``validation_disagreements.csv``.

Modules: ``coding`` (codings in one format; reading the hand coding), ``machine`` (the coders' output in
that format), ``scoring`` (F1, alpha, confusion, disagreements) and ``stage`` (what notebook 04 calls).
"""
