"""Stage 01, clean: raw article files -> articles, paragraphs, sentences, removed lines, warnings.

In: a raw folder (``.txt``, ``.html``, ``.jsonl``, ``.csv`` files and an optional ``manifest.csv``);
out: ``articles.csv``, ``paragraphs.csv``, ``sentences.csv``, ``removed_lines.csv``, ``warnings.csv``.
Lossless: every raw line ends up in a paragraph, a metadata field or ``removed_lines`` with a reason.

Modules, in the order the data flows: ``reading`` (files, encodings, corpus records), ``manifest``,
``metadata_cues``/``dates``/``metadata`` (what the text prints about itself), ``boilerplate`` (which
lines are the article), ``document`` (one article cleaned, the ledger checked), ``language``,
``dedupe``, ``segmentation`` (spaCy sentences) and ``stage`` (the whole folder; what notebook 01 calls).
"""
