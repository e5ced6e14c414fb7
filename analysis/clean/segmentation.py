"""Sentences: spaCy's segmentation of each paragraph, with its known errors undone, and word counts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from analysis.clean.boilerplate import CLOSING_QUOTES, OPENING_QUOTES, CleanedDocument, last_meaningful_char
from analysis.core.nlp import ParseCache, load_nlp
from analysis.core.paths import CACHE_DIR

# --------------------------------------------------------------------------------------------------
# Sentences

#: Characters that end a sentence (before any closing quote or bracket).
SENTENCE_ENDINGS = ".!?…"
#: A sentence cannot start with these: a split before them is a spaCy error ("Mardi | , Oleksandre").
NON_INITIAL = ",;:)]»”%"


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each closed quotation in ``text``: «…», “…”, "…", in any mix of marks.

    Hand-written because spaCy has no quotation annotator. Any closing mark closes the open
    quotation, since pasted pages mix them (“gravement préoccupée … domaine"); an unclosed
    quotation yields no span.
    """
    spans = []
    opened: int | None = None
    for position, char in enumerate(text):
        if opened is None and char in OPENING_QUOTES:
            opened = position
        elif opened is not None and char in CLOSING_QUOTES:
            spans.append((opened, position + 1))
            opened = None
    return spans


def _merge_with_previous(previous: str, current: str, boundary: int,
                         quotes: Sequence[tuple[int, int]]) -> bool:
    """Whether spaCy's split at ``boundary`` between two sentences is an error to undo."""
    if not any(char.isalnum() for char in current):  # a lone closing quote or bracket
        return True
    if current[0] in NON_INITIAL or current[0].islower():
        return True
    if last_meaningful_char(previous) not in SENTENCE_ENDINGS:  # nothing ended the previous sentence
        return True
    return any(start < boundary < end for start, end in quotes)  # inside a quotation


def sentence_spans(doc: Any, text: str | None = None) -> list[tuple[int, int]]:
    """Sentences of one paragraph's spaCy Doc as (start, end) character offsets, with bad splits undone.

    spaCy's parser-based splits are kept except where (1) the next "sentence" has no letter or digit
    (a lone closing quote), starts with a lowercase letter or with , ; : ) ] » ”, (2) the previous one
    does not end with . ! ? … (before closing quotes), or (3) the split falls inside a quotation:
    a quotation and the clause that attributes it stay one sentence. ``text`` is ``doc.text`` when the
    caller has it already (rebuilding it walks every token).
    """
    text = doc.text if text is None else text
    quotes = quotation_spans(text)
    spans: list[list[int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if spans and _merge_with_previous(text[spans[-1][0]:spans[-1][1]], text[start:end], start, quotes):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [(start, end) for start, end in spans]


def count_words(doc: Any) -> int:
    """Tokens that are words or numbers (not punctuation, spaces or symbols)."""
    # From doc.to_array, with one test per distinct word form, rather than a Token object per token:
    # at 10,000 articles, iterating Tokens here cost more CPU than reading the parse cache.
    is_word: dict[int, bool] = {}
    count = 0
    for orth, punct, space in doc.to_array(["ORTH", "IS_PUNCT", "IS_SPACE"]).tolist():
        if punct or space:
            continue
        if orth not in is_word:
            is_word[orth] = any(char.isalnum() for char in doc.vocab.strings[orth])
        count += is_word[orth]
    return count



def _document_tables(cleaned: CleanedDocument, docs: Sequence[Any]) -> tuple[list[dict], list[dict], int]:
    """Paragraph rows, sentence rows and word count of one article from its parsed paragraphs."""
    paragraph_rows, sentence_rows, words, offset = [], [], 0, 0
    for position, (paragraph, doc) in enumerate(zip(cleaned.paragraphs, docs)):
        paragraph_id = f"{cleaned.article_id}-p{position:03d}"
        paragraph_rows.append({
            "paragraph_id": paragraph_id, "article_id": cleaned.article_id, "position": position,
            "kind": paragraph.kind, "text": paragraph.text, "char_start": offset,
            "char_end": offset + len(paragraph.text),
            "raw_lines": " | ".join(str(number) for number in paragraph.raw_lines), "source": paragraph.source})
        for start, end in sentence_spans(doc, paragraph.text):  # the Doc's text (checked by the parse cache)
            number = len(sentence_rows)
            sentence_rows.append({
                "sentence_id": f"{cleaned.article_id}-s{number:03d}", "article_id": cleaned.article_id,
                "paragraph_id": paragraph_id, "position": number, "kind": paragraph.kind,
                "text": paragraph.text[start:end], "char_start": offset + start, "char_end": offset + end})
        words += count_words(doc)
        offset += len(paragraph.text) + 2  # the "\n\n" of article_text
    return paragraph_rows, sentence_rows, words


def sentence_tables(documents: Sequence[CleanedDocument], *, cache_dir: Path | None = CACHE_DIR / "parses",
                    n_process: int = 0, batch_size: int = 64) -> Iterator[tuple[list[dict], list[dict], int]]:
    """Paragraph rows, sentence rows and word count of each document, in order, parsed as they go.

    Streams (one ``nlp.pipe`` over the documents not in the parse cache): each article's Docs are
    dropped once its rows are made, so memory does not grow with the corpus.
    """
    cache = ParseCache(load_nlp(), cache_dir)
    groups = [[paragraph.text for paragraph in cleaned.paragraphs] for cleaned in documents]
    for cleaned, docs in zip(documents, cache.iter_groups(groups, n_process=n_process, batch_size=batch_size)):
        yield _document_tables(cleaned, docs)


