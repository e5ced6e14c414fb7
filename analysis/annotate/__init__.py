"""Stage 02, annotate: cleaned sentences -> who speaks, how certain, which figures, where, which frames.

In: ``articles.csv``, ``paragraphs.csv``, ``sentences.csv`` (and the parse cache filled by stage 01);
out: ``attributions.csv``, ``stance.csv``, ``claims.csv``, ``places.csv``, ``lemmas.csv`` (one row per
piece of evidence, with its sentence id and offsets) and ``frames.csv`` (per article and frame).

Modules: ``actors`` (the gazetteer), ``attribution_lexicon``/``speech_parse``/``coreference``/``attribution``
(reporting verbs and quotations; speakers read off the parse; pronouns, roles and names resolved within an
article; the attributions of a sentence and of an article), ``stance``
(hedges, non-confirmation, corroboration, denials), ``claims_lexicon``/``numbers``/``claims`` (figures
about people), ``places`` (where the troops are placed), ``frames`` (the frame codebook) and ``stage``
(every article; what notebook 02 calls).
"""
