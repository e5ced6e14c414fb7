"""Stage 01, clean: raw article files -> articles, paragraphs, sentences, removed lines, warnings.

In: a raw folder (``.txt``, ``.html``, ``.jsonl``, ``.csv`` files and an optional ``manifest.csv``);
out: ``articles.csv``, ``paragraphs.csv``, ``sentences.csv``, ``removed_lines.csv``, ``warnings.csv``.
Lossless: every raw line ends up in a paragraph, a metadata field or ``removed_lines`` with a reason.

Modules, in the order the data flows: ``decoding`` (bytes to text), ``tabular`` (CSV rows of corpus
files and the manifest), ``reading`` (files, corpus records and their column names), ``manifest``,
``metadata_cues``/``dates``/``metadata`` (what the text prints about itself), ``characters`` (control
and invisible characters out of the text), ``boilerplate`` (which lines are the article), ``document``
(one article cleaned, the ledger checked), ``language``, ``dedupe``, ``segmentation`` (spaCy sentences)
and ``stage`` (the whole folder; what notebook 01 calls).
"""
