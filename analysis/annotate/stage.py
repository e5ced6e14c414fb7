"""The annotate stage: stance, attributions, numeric claims, troop locations and lemmas per sentence.

Reads the clean stage's tables (articles, paragraphs, sentences), takes the spaCy Docs of each ok
article's paragraphs from the parse cache (so nothing is parsed twice), codes every sentence with
analysis.annotate.attribution, analysis.annotate.stance, analysis.annotate.claims and
analysis.annotate.places, and returns one table per kind of evidence. Every coded row carries its
sentence id and character offsets into the cleaned article text (``"\\n\\n".join(paragraph
texts)``), so each piece of evidence can be quoted.

Call sequence (notebook 02): ``annotate_corpus`` → ``write_annotated``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.tokens import Doc, Span

from analysis.annotate.attribution import attribute_sentences
from analysis.annotate.claims import Claim, Source, SourceContext, find_claims, wire_credit
from analysis.annotate.headline_gap import headline_gaps
from analysis.annotate.places import Place, find_places
from analysis.annotate.repetition import distinct_figures, distinct_sources
from analysis.annotate.stance import Stance, sentence_stance
from analysis.core.errors import ConfigError
from analysis.core.executor import map_chunks
from analysis.core.nlp import ParseCache, load_nlp, resolve_n_process
from analysis.core.paths import CACHE_DIR
from analysis.core.progress import progress as progress_bar
from analysis.core.schemas import (
    ARTICLE_FIGURES,
    ATTRIBUTIONS,
    CLAIMS,
    HEADLINE_BODY,
    LEMMAS,
    PLACES,
    SOURCES,
    STANCE,
    validate,
)
from analysis.core.tables import LIST_SEPARATOR, write_csv

STANCE_COLUMNS = ("sentence_id", "article_id", "hedged", "hedge_cues", "unverified", "unverified_cues",
                  "confirmed", "confirmed_cues", "denial", "denial_cues", "denial_actor_group", "question",
                  "hedge_offsets", "unverified_offsets", "confirmed_offsets", "denial_offsets")
ATTRIBUTION_COLUMNS = ("attribution_id", "article_id", "sentence_id", "actor", "actor_group", "cue",
                       "quote_type", "char_start", "char_end", "source", "resolved_from")
CLAIM_COLUMNS = ("claim_id", "article_id", "sentence_id", "value", "low", "high", "qualifier", "kind",
                 "subject", "actor", "source_group", "hedged", "text", "char_start", "char_end",
                 "source_scope", "status", "precision", "stated")
PLACE_COLUMNS = ("place_id", "article_id", "sentence_id", "place", "place_group", "cue", "char_start",
                 "char_end")
LEMMA_COLUMNS = ("sentence_id", "article_id", "lemmas", "terms")
OUTPUT_FILES = {"stance": "stance.csv", "attributions": "attributions.csv", "claims": "claims.csv",
                "places": "places.csv", "lemmas": "lemmas.csv"}
#: Per-article tables derived from the sentence-level ones (issue 17): each source and figure once, with its
#: mentions (analysis.annotate.repetition), and the headline against the body (analysis.annotate.headline_gap).
ARTICLE_FILES = {"sources": "sources.csv", "figures": "article_figures.csv", "headline_body": "headline_body.csv"}
_REQUIRED = {
    "articles": ("article_id", "status"),
    "paragraphs": ("paragraph_id", "article_id", "position", "text", "char_start", "char_end"),
    "sentences": ("sentence_id", "article_id", "paragraph_id", "position", "kind", "text", "char_start",
                  "char_end"),
}


@dataclass
class AnnotatedCorpus:
    """The annotate stage's tables (validated, sorted by ids) and what could not be coded."""

    stance: pd.DataFrame
    attributions: pd.DataFrame
    claims: pd.DataFrame
    places: pd.DataFrame
    lemmas: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    headline_body: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass
class _Sentence:
    """One sentence row with its spaCy span and where the span starts in the article text."""

    sentence_id: str
    paragraph_id: str
    kind: str
    span: Span | None
    offset: int  # article offset of span.start_char (or of the row when there is no span)


def _check_columns(frame: pd.DataFrame, name: str) -> None:
    missing = [column for column in _REQUIRED[name] if column not in frame.columns]
    if missing:
        raise ConfigError(f"the {name} table lacks the column(s) {', '.join(missing)}",
                          path=f"{name}.csv", hint="rerun the clean stage (notebook 01_clean)")


def sentence_span(doc: Doc, sentence_start: int, sentence_end: int, paragraph_start: int) -> Span | None:
    """The span of a sentence in its paragraph's Doc (article offsets in, paragraph offsets used)."""
    start, end = sentence_start - paragraph_start, sentence_end - paragraph_start
    # the text's length from its last token: doc.text would rebuild the whole text for every sentence
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if start < 0 or end > length or start >= end:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def sentence_lemmas(span: Span) -> str:
    """Lower-case lemmas of the alphabetic tokens that are stopwords neither as written nor as lemmas
    ("été" is not in spaCy's French stopword list, its lemma "être" is), space-joined."""
    stop_words = load_nlp().Defaults.stop_words
    return " ".join(token.lemma_.lower() for token in span
                    if token.is_alpha and not token.is_stop and token.lemma_.lower() not in stop_words)


#: Entity types joined into one keyness term (MISC, which the small model gives to "qu’" and the like, is not).
TERM_ENTITY_TYPES = ("PER", "ORG", "LOC")
_ARTICLE = re.compile(r"^(?:(?:l|d|qu)['’]\s*|(?:le|la|les|du|des)\s+)", re.IGNORECASE)  # "l’OTAN", "La France"


def sentence_terms(span: Span) -> str:
    """The keyness terms of a sentence (lemmas.csv ``terms``): its lemmas as :func:`sentence_lemmas` keeps them,
    with each named person, organisation or place joined into one term ("Yoon Suk-yeol" -> "yoon_suk-yeol", "la
    Corée du Nord" -> "corée_du_nord") and without the words the parser tags as adverbs ("ici", "déjà")."""
    stop_words = load_nlp().Defaults.stop_words
    entity_of = {token.i: entity for entity in span.ents if entity.label_ in TERM_ENTITY_TYPES
                 for token in entity}
    terms, done = [], set()
    for token in span:
        entity = entity_of.get(token.i)
        if entity is not None:
            if entity.start not in done:
                done.add(entity.start)
                name = _ARTICLE.sub("", entity.text.strip()).lower()
                name = "_".join(part for part in re.split(r"\s+", name) if part)
                if name and name[0].isalpha():
                    terms.append(name)
            continue
        if token.is_alpha and not token.is_stop and token.pos_ != "ADV" and token.lemma_.lower() not in stop_words \
                and not token.text.endswith(("'", "’")):
            terms.append(token.lemma_.lower())
    return " ".join(terms)


def _offsets(cues: Sequence[Any], base: int) -> str:
    return LIST_SEPARATOR.join(f"{base + cue.start}:{base + cue.end}" for cue in cues)


def _stance_row(sentence: _Sentence, article_id: str, stance: Stance) -> dict[str, Any]:
    spans = stance.spans
    return {
        "sentence_id": sentence.sentence_id, "article_id": article_id,
        "hedged": stance.hedged, "hedge_cues": LIST_SEPARATOR.join(stance.hedge_cues),
        "unverified": stance.unverified, "unverified_cues": LIST_SEPARATOR.join(stance.unverified_cues),
        "confirmed": stance.confirmed, "confirmed_cues": LIST_SEPARATOR.join(stance.confirmed_cues),
        "denial": stance.denial, "denial_cues": LIST_SEPARATOR.join(stance.denial_cues),
        "denial_actor_group": stance.denial_actor_group, "question": stance.question,
        "hedge_offsets": _offsets(spans.get("hedge", []), sentence.offset),
        "unverified_offsets": _offsets(spans.get("unverified", []), sentence.offset),
        "confirmed_offsets": _offsets(spans.get("confirmed", []), sentence.offset),
        "denial_offsets": _offsets(spans.get("denial", []), sentence.offset),
    }


def _attribution_row(sentence: _Sentence, article_id: str, n: int, attribution: Any) -> dict[str, Any]:
    return {
        "attribution_id": f"{sentence.sentence_id}-a{n}", "article_id": article_id,
        "sentence_id": sentence.sentence_id, "actor": attribution.actor,
        "actor_group": attribution.actor_group, "cue": attribution.cue, "quote_type": attribution.quote_type,
        "char_start": sentence.offset + attribution.char_start,
        "char_end": sentence.offset + attribution.char_end,
        "source": getattr(attribution, "source", ""),
        "resolved_from": getattr(attribution, "resolved_from", ""),
    }


def _claim_row(sentence: _Sentence, article_id: str, n: int, claim: Claim, question: bool = False) -> dict[str, Any]:
    """One claims.csv row; ``stated`` is False for a figure in a section heading or a question (« 10 000
    soldats ? »): the hand coding codes it (codebook §2), the comparisons do not count it (issue 17)."""
    return {
        "claim_id": f"{sentence.sentence_id}-c{n}", "article_id": article_id,
        "sentence_id": sentence.sentence_id,
        "value": claim.value, "low": claim.low, "high": claim.high, "qualifier": claim.qualifier,
        "kind": claim.kind, "subject": claim.subject, "actor": claim.actor,
        "source_group": claim.source_group,
        "hedged": claim.hedged, "text": claim.text, "char_start": sentence.offset + claim.char_start,
        "char_end": sentence.offset + claim.char_end, "source_scope": claim.source_scope,
        "status": claim.status, "precision": claim.precision,
        "stated": sentence.kind != "heading" and not question,
    }


def _place_row(sentence: _Sentence, article_id: str, n: int, place: Place) -> dict[str, Any]:
    return {
        "place_id": f"{sentence.sentence_id}-l{n}", "article_id": article_id,
        "sentence_id": sentence.sentence_id,
        "place": place.place, "place_group": place.place_group, "cue": place.cue,
        "char_start": sentence.offset + place.char_start, "char_end": sentence.offset + place.char_end,
    }


def _article_sentences(article_id: str, paragraphs: pd.DataFrame, sentences: pd.DataFrame,
                       docs: Sequence[Doc], warnings: list[str]) -> list[_Sentence]:
    """The article's sentences in order, each with its span in the paragraph Docs."""
    paragraph_rows = {row.paragraph_id: (row, doc) for row, doc in zip(paragraphs.itertuples(), docs)}
    result = []
    for row in sentences.itertuples():
        paragraph = paragraph_rows.get(row.paragraph_id)
        span = None
        if paragraph is not None:
            paragraph_row, doc = paragraph
            span = sentence_span(doc, int(row.char_start), int(row.char_end), int(paragraph_row.char_start))
        if span is None:
            warnings.append(f"{row.sentence_id}: no span in the parse of {row.paragraph_id}; coded as empty")
            result.append(_Sentence(row.sentence_id, row.paragraph_id, str(row.kind), None,
                                    int(row.char_start)))
        else:
            offset = int(paragraph[0].char_start) + span.start_char
            result.append(_Sentence(row.sentence_id, row.paragraph_id, str(row.kind), span, offset))
    return result


def _attributions(sents: Sequence[_Sentence]) -> list[list[Any]]:
    """Attributions of each sentence, resolving pronouns against the article's earlier sentences."""
    spans = [sentence.span for sentence in sents if sentence.span is not None]
    found = iter(attribute_sentences(spans))
    return [next(found) if sentence.span is not None else [] for sentence in sents]


def _inherited(index: int, sents: Sequence[_Sentence], attributions: Sequence[Sequence[Any]]) -> list[Any]:
    """Attributions of the nearest preceding sentence of the same paragraph that has any."""
    for back in range(index - 1, -1, -1):
        if sents[back].paragraph_id != sents[index].paragraph_id:
            return []
        if attributions[back]:
            return list(attributions[back])
    return []


def _article_sources(sents: Sequence[_Sentence], attributions: Sequence[Sequence[Any]]) -> tuple[list[Any], Any]:
    """The headline's attributions and the article's wire credit ("SÉOUL (Reuters) -"), for figures whose
    sentence and paragraph give no source (claims.yaml rule 7)."""
    headline = [a for sentence, found in zip(sents, attributions) if sentence.kind == "headline" for a in found
                if a.actor_group]
    credit = next((found for found in (wire_credit(s.span.text) for s in sents if s.span is not None) if found), None)
    return headline, credit


def annotate_article(article_id: str, paragraphs: pd.DataFrame, sentences: pd.DataFrame,
                     docs: Sequence[Doc],
                     warnings: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Rows of every annotation table for one article (paragraphs and sentences in position order)."""
    warnings = warnings if warnings is not None else []
    sents = _article_sentences(article_id, paragraphs, sentences, docs, warnings)
    attributions = _attributions(sents)
    headline, credit = _article_sources(sents, attributions)
    paragraph_sources: list[Any] = []
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in OUTPUT_FILES}
    for index, sentence in enumerate(sents):
        if index and sentence.paragraph_id != sents[index - 1].paragraph_id:
            paragraph_sources = []
        span = sentence.span
        stance = sentence_stance(span, sentence.kind, attributed=bool(attributions[index])) \
            if span is not None else Stance()
        rows["stance"].append(_stance_row(sentence, article_id, stance))
        rows["lemmas"].append({"sentence_id": sentence.sentence_id, "article_id": article_id,
                               "lemmas": sentence_lemmas(span) if span is not None else "",
                               "terms": sentence_terms(span) if span is not None else ""})
        if span is None:
            continue
        for n, attribution in enumerate(attributions[index]):
            rows["attributions"].append(_attribution_row(sentence, article_id, n, attribution))
        context = [s.span for s in sents[:index] if s.span is not None]
        sources = SourceContext(tuple(paragraph_sources), tuple(headline), credit)
        claims = find_claims(span, attributions[index], stance.hedged, context=context,
                             inherited=_inherited(index, sents, attributions), sources=sources,
                             hedge_cues=[(cue.start, cue.end) for cue in stance.spans.get("hedge", [])])
        for n, claim in enumerate(claims):
            rows["claims"].append(_claim_row(sentence, article_id, n, claim, stance.question))
        paragraph_sources += [Source(claim.actor, claim.source_group) for claim in claims
                              if claim.source_scope in ("quote", "sentence") and claim.source_group]
        previous = sents[index - 1].span if index and sents[index - 1].paragraph_id == sentence.paragraph_id \
            else None
        for n, place in enumerate(find_places(span, previous)):
            rows["places"].append(_place_row(sentence, article_id, n, place))
    return rows


def _frame(rows: Sequence[dict[str, Any]], columns: Sequence[str], key: str) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(columns))
    return frame.sort_values(key, kind="stable").reset_index(drop=True)


def _typed_tables(rows: dict[str, list[dict[str, Any]]]) -> dict[str, pd.DataFrame]:
    """The five tables with the column types their schemas expect (also when empty)."""
    stance = _frame(rows["stance"], STANCE_COLUMNS, "sentence_id")
    for column in ("hedged", "unverified", "confirmed", "denial", "question"):
        stance[column] = stance[column].astype(bool)
    attributions = _frame(rows["attributions"], ATTRIBUTION_COLUMNS, "attribution_id")
    claims = _frame(rows["claims"], CLAIM_COLUMNS, "claim_id")
    for column in ("value", "low", "high"):
        claims[column] = pd.to_numeric(claims[column], errors="coerce").astype(float)
    claims["hedged"] = claims["hedged"].astype(bool)
    claims["stated"] = claims["stated"].astype(bool)
    places = _frame(rows["places"], PLACE_COLUMNS, "place_id")
    for frame in (attributions, claims, places):
        for column in ("char_start", "char_end"):
            frame[column] = frame[column].astype(int)
    text_columns = {
        "stance": stance, "attributions": attributions, "claims": claims, "places": places,
        "lemmas": _frame(rows["lemmas"], LEMMA_COLUMNS, "sentence_id"),
    }
    for frame in text_columns.values():
        _text_columns(frame)
    return text_columns


def _text_columns(frame: pd.DataFrame) -> None:
    """Text columns as str, empty cells as "" (in place), so that the schemas also accept empty tables."""
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype).startswith(("str", "string")):
            frame[column] = frame[column].fillna("").astype(str)


#: One article's inputs to :func:`annotate_article`: its id, paragraph rows, sentence rows (position order).
ArticleRows = tuple[str, pd.DataFrame, pd.DataFrame]


def annotate_articles(items: Sequence[ArticleRows], *, cache_dir: Path | None = CACHE_DIR / "parses",
                      n_process: int = 0,
                      batch_size: int = 64) -> Iterator[tuple[dict[str, list[dict[str, Any]]], list[str]]]:
    """(rows of every table, warnings) of each article, in order, with its Docs from the parse cache.

    Streams: the Docs of one article at a time (what the cache lacks goes through one ``nlp.pipe``).
    """
    cache = ParseCache(load_nlp(), cache_dir)
    groups = [list(paragraph_rows["text"].astype(str)) for _, paragraph_rows, _ in items]
    parsed = cache.iter_groups(groups, n_process=n_process, batch_size=batch_size)
    for (article_id, paragraph_rows, sentence_rows), docs in zip(items, parsed):
        article_warnings: list[str] = []
        yield annotate_article(article_id, paragraph_rows, sentence_rows, docs, article_warnings), article_warnings


def annotate_corpus(articles: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame, *,
                    cache_dir: Path | None = CACHE_DIR / "parses", n_process: int = 0, batch_size: int = 64,
                    progress: bool = True, scheduler: str | None = None) -> AnnotatedCorpus:
    """Code every sentence of the ok articles: stance, attributions, claims, places and lemmas.

    ``n_process``: worker processes that code chunks of articles, each parsing what the cache lacks
    (0 = automatic, see analysis.core.nlp.resolve_n_process and analysis.core.executor). With ``scheduler`` (a
    Dask scheduler address) the articles are coded on that cluster; same output.
    """
    for frame, name in ((articles, "articles"), (paragraphs, "paragraphs"), (sentences, "sentences")):
        _check_columns(frame, name)
    ok_ids = sorted(articles.loc[articles["status"] == "ok", "article_id"].astype(str))
    paragraphs_by = {key: group.sort_values("position") for key, group in paragraphs.groupby("article_id")}
    sentences_by = {key: group.sort_values("position") for key, group in sentences.groupby("article_id")}
    coded = [article_id for article_id in ok_ids if article_id in paragraphs_by]
    warnings = [f"{article_id}: status ok but no paragraphs; nothing to code" for article_id in ok_ids
                if article_id not in paragraphs_by]
    no_sentences = sentences.iloc[0:0]
    items = [(article_id, paragraphs_by[article_id], sentences_by.get(article_id, no_sentences))
             for article_id in coded]
    if not scheduler:
        load_nlp()  # before the worker processes fork, so that they share the loaded model
    workers = resolve_n_process(n_process, sum(len(paragraph_rows) for _, paragraph_rows, _ in items))
    annotated = map_chunks(annotate_chunk, items, n_process=workers, scheduler=scheduler, cache_dir=cache_dir,
                           texts_per_batch=batch_size)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in OUTPUT_FILES}
    for found, article_warnings in progress_bar(annotated, "annotating", total=len(items), enabled=progress):
        warnings.extend(article_warnings)
        for name, article_rows in found.items():
            rows[name].extend(article_rows)
    tables = _typed_tables(rows)
    coded_sentences = sentences.loc[sentences["article_id"].astype(str).isin(coded)]
    derived = {"sources": distinct_sources(tables["attributions"], coded_sentences),
               "figures": distinct_figures(tables["claims"], coded_sentences),
               "headline_body": headline_gaps(coded_sentences, tables["stance"], tables["attributions"],
                                              tables["claims"], tables["lemmas"])}
    for frame in derived.values():
        _text_columns(frame)
    return AnnotatedCorpus(
        stance=validate(tables["stance"], STANCE),
        attributions=validate(tables["attributions"], ATTRIBUTIONS),
        claims=validate(tables["claims"], CLAIMS), places=validate(tables["places"], PLACES),
        lemmas=validate(tables["lemmas"], LEMMAS), warnings=warnings,
        sources=validate(derived["sources"], SOURCES), figures=validate(derived["figures"], ARTICLE_FIGURES),
        headline_body=validate(derived["headline_body"], HEADLINE_BODY),
    )


def write_annotated(corpus: AnnotatedCorpus, processed_dir: Path) -> list[Path]:
    """Write stance.csv, attributions.csv, claims.csv, places.csv, lemmas.csv and the per-article sources.csv,
    article_figures.csv and headline_body.csv; return their paths."""
    schemas = {"stance": STANCE, "attributions": ATTRIBUTIONS, "claims": CLAIMS, "places": PLACES,
               "lemmas": LEMMAS, "sources": SOURCES, "figures": ARTICLE_FIGURES, "headline_body": HEADLINE_BODY}
    paths = []
    for name, file_name in {**OUTPUT_FILES, **ARTICLE_FILES}.items():
        frame = validate(getattr(corpus, name), schemas[name])
        paths.append(write_csv(frame, Path(processed_dir) / file_name))
    return paths


def annotate_chunk(chunk: list[ArticleRows], cache_dir: Path | None,
                   texts_per_batch: int) -> list[tuple[dict[str, list[dict[str, Any]]], list[str]]]:
    """:func:`annotate_articles` of one chunk, in this process (what a pool or Dask worker runs).

    spaCy's batch size is passed as ``texts_per_batch``: ``batch_size`` is an argument of Dask's Client.map.
    """
    return list(annotate_articles(chunk, cache_dir=cache_dir, n_process=1, batch_size=texts_per_batch))
