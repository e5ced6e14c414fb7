"""Stage 02, annotate: cleaned sentences -> who speaks, how certain, which figures, where, which frames.

In: ``articles.csv``, ``paragraphs.csv``, ``sentences.csv`` (and the parse cache filled by stage 01);
out: ``attributions.csv``, ``stance.csv``, ``claims.csv``, ``places.csv``, ``lemmas.csv`` (one row per
piece of evidence, with its sentence id and offsets) and ``frames.csv`` (per article and frame).

Modules: ``actors`` (the gazetteer), ``attribution`` (reporting verbs, quotes, speakers), ``stance``
(hedges, non-confirmation, corroboration, denials), ``claims_lexicon``/``numbers``/``claims`` (figures
about people), ``places`` (where the troops are placed), ``frames`` (the frame codebook) and ``stage``
(every article; what notebook 02 calls).
"""
