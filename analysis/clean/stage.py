"""The clean stage on a whole raw folder: read, manifest, clean, language, duplicates, sentences.

:func:`clean_corpus` runs the stage; :func:`write_cleaned` writes its tables. The per-article work
(cleaning a document, parsing its paragraphs) runs in chunks through analysis.core.executor, with the
chunk functions defined here; ids, language, duplicates and labels need the whole corpus and run here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from analysis.clean.boilerplate import CleanedDocument, Rules, load_rules
from analysis.clean.dedupe import find_duplicates
from analysis.clean.document import GIVEN_TITLE_SOURCES, article_id_for, clean_document
from analysis.clean.language import detect_languages
from analysis.clean.manifest import read_manifest
from analysis.clean.metadata import make_label
from analysis.clean.reading import MANIFEST_NAME, RawDocument, list_ignored_files, read_raw_folder
from analysis.clean.segmentation import sentence_tables
from analysis.core.executor import map_chunks
from analysis.core.nlp import load_nlp, resolve_n_process
from analysis.core.paths import CACHE_DIR
from analysis.core.progress import progress as progress_bar
from analysis.core.schemas import ARTICLES, PARAGRAPHS, REMOVED_LINES, SENTENCES, validate
from analysis.core.tables import write_csv

# --------------------------------------------------------------------------------------------------
# The whole stage


@dataclass
class CleanedCorpus:
    """The clean stage's tables (validated, sorted by ids) and the run's warnings."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    removed_lines: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    documents: list[CleanedDocument] = field(default_factory=list, repr=False)  # for notebooks and tests


ARTICLE_COLUMNS = tuple(ARTICLES.columns)
PARAGRAPH_COLUMNS = ("paragraph_id", "article_id", "position", "kind", "text", "char_start", "char_end",
                     "raw_lines", "source")
SENTENCE_COLUMNS = ("sentence_id", "article_id", "paragraph_id", "position", "kind", "text", "char_start",
                    "char_end")
REMOVED_COLUMNS = ("article_id", "source_file", "line_no", "col_start", "text", "reason", "rule")


def assign_article_ids(documents: Sequence[RawDocument]) -> list[str]:
    """article_id of each document; ids shared by two files (x.txt, x.html) get the extension added."""
    ids = [article_id_for(doc) for doc in documents]
    counts: dict[str, int] = {}
    for article_id in ids:
        counts[article_id] = counts.get(article_id, 0) + 1
    result = []
    for doc, article_id in zip(documents, ids):
        if counts[article_id] > 1:
            suffix = PurePosixPath(doc.source_file).suffix.lstrip(".").lower() or "file"
            if doc.source_record is not None:  # "<stem>-r00001" -> "<stem>-<ext>-r00001"
                base, _, record = article_id.rpartition("-r")
                article_id = f"{base}-{suffix}-r{record}"
            else:
                article_id = f"{article_id}-{suffix}"
        result.append(article_id)
    seen: dict[str, int] = {}
    for index, article_id in enumerate(result):  # still colliding (a/x.txt vs a__x.txt): number them
        seen[article_id] = seen.get(article_id, 0) + 1
        if seen[article_id] > 1:
            result[index] = f"{article_id}-{seen[article_id]}"
    return result


def _labels_of_group(labels: Sequence[str], article_ids: Sequence[str], taken: set[str]) -> list[str]:
    """Labels of one group made unique among themselves and distinct from ``taken`` (see unique_labels)."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    clashes = [counts[label] > 1 or label in taken for label in labels]
    short = [article_id.split("_")[0] if "_" in article_id else article_id for article_id in article_ids]
    result = [f"{label} · {code}" if clash else label for label, code, clash in zip(labels, short, clashes)]
    if len(set(result)) < len(result) or taken & set(result):  # the short ids collide too: use the full ids
        result = [f"{label} · {article_id}" if clash else label
                  for label, article_id, clash in zip(labels, article_ids, clashes)]
    used = set(taken)
    for index, label in enumerate(result):  # still colliding (a label that ends like an id): number them
        candidate, number = label, 1
        while candidate in used:
            number += 1
            candidate = f"{label} ({number})"
        used.add(candidate)
        result[index] = candidate
    return result


def unique_labels(labels: Sequence[str], article_ids: Sequence[str],
                  analysed: Sequence[bool] | None = None) -> list[str]:
    """Display labels made unique: a label shared by several articles gets each article's short id.

    ``analysed`` says which articles are compared (status "ok"; default: all). Their labels are made
    unique among themselves only, so that adding a rejected, duplicate or non-French file to the raw
    folder never changes the label of an analysed article; the other articles get their id whenever
    their label is also an analysed article's label (before or after its id was added) or another one's.
    """
    analysed = [True] * len(labels) if analysed is None else [bool(flag) for flag in analysed]
    result = list(labels)
    taken: set[str] = set()
    for flag in (True, False):
        group = [index for index, is_analysed in enumerate(analysed) if is_analysed == flag]
        for index, label in zip(group, _labels_of_group([labels[i] for i in group],
                                                        [article_ids[i] for i in group], taken)):
            result[index] = label
        taken |= {result[index] for index in group} | {labels[index] for index in group}
    return result


def _given(doc: RawDocument, entry: Any, name: str) -> str:
    """A value given outside the text: the manifest's, else the container's (HTML/JSONL/CSV field)."""
    value = getattr(entry, name, "") if entry is not None else ""
    return (value or (doc.metadata or {}).get(name, "") or "").strip()


def _outlet(doc: RawDocument, entry: Any, metadata: dict[str, str], evidence: str) -> tuple[str, str, str]:
    """(outlet, outlet_source, outlet_evidence): manifest > container > site name printed > unknown."""
    if entry is not None and entry.outlet:
        return entry.outlet, entry.outlet_source or "manifest", entry.outlet_evidence or "manifest.csv"
    if (doc.metadata or {}).get("outlet"):
        return doc.metadata["outlet"], "manifest", f"outlet field of {doc.source_file}"
    if metadata.get("site_name"):
        return metadata["site_name"], "text", evidence or "site name printed in the page"
    if (doc.metadata or {}).get("site_name"):
        return doc.metadata["site_name"], "text", f"site name in the page's HTML metadata ({doc.source_file})"
    return "unknown", "unknown", ""


def _give_manifest_title(doc: RawDocument, entry: Any) -> None:
    """A title written in the manifest is the document's given title (it wins over the container's)."""
    if entry is not None and entry.title:
        doc.metadata = {**(doc.metadata or {}), "title": entry.title, "title_source": GIVEN_TITLE_SOURCES["manifest"]}


def _anchor_year(entry: Any) -> int | None:
    published = getattr(entry, "published", "") if entry is not None else ""
    return int(published[:4]) if published[:4].isdigit() else None


def _article_row(doc: RawDocument, cleaned: CleanedDocument, entry: Any) -> dict[str, Any]:
    """The articles-table row of one document, before language, duplicates and counts."""
    text_meta = cleaned.metadata
    outlet, outlet_source, outlet_evidence = _outlet(doc, entry, text_meta,
                                                     cleaned.metadata_evidence.get("site_name", ""))
    published = _given(doc, entry, "published")
    published_source = ("manifest" if entry is not None and entry.published else "file") if published else ""
    if not published and text_meta.get("published"):
        published, published_source = text_meta["published"], text_meta.get("published_source", "text")
    return {
        "article_id": cleaned.article_id, "source_file": doc.source_file, "source_record": doc.source_record,
        "sha256": doc.sha256, "encoding": doc.encoding, "encoding_note": doc.encoding_note,
        "outlet": outlet, "outlet_source": outlet_source, "outlet_evidence": outlet_evidence,
        "title": (doc.metadata or {}).get("title", "") or text_meta.get("title", ""),
        "url": _given(doc, entry, "url"), "published": published, "published_source": published_source,
        "author": (doc.metadata or {}).get("author", "") or text_meta.get("author", ""),
        "agency": text_meta.get("agency", ""), "photo_credit": text_meta.get("photo_credit", ""),
        "site_name": text_meta.get("site_name", "") or (doc.metadata or {}).get("site_name", ""),
        "tags": text_meta.get("tags", ""), "language": "", "n_paragraphs": len(cleaned.paragraphs),
        "n_sentences": 0, "n_words": 0, "status": "rejected" if cleaned.error else "ok",
        "reason": cleaned.error, "duplicate_of": "", "near_duplicate_of": "",
    }


#: A manifest language that lingua contradicts with at least this confidence is reported in the warnings.
LANGUAGE_DISAGREEMENT = 0.9


def _set_languages(rows: list[dict[str, Any]], documents: Sequence[CleanedDocument],
                   manifest: Any) -> list[str]:
    """Language of each usable article (manifest value, else lingua); non-French ones set aside.

    Returns warnings for manifest languages that lingua contradicts with high confidence.
    """
    warnings = []
    usable = [index for index, row in enumerate(rows) if row["status"] == "ok"]
    detected = detect_languages([documents[index].text for index in usable])
    for index, (code, confidence) in zip(usable, detected):
        row = rows[index]
        entry = manifest.entry(row["source_file"])
        if entry is not None and entry.language:
            row["language"], how = entry.language, f"language given as {entry.language} by manifest.csv"
            if code and code != entry.language and confidence >= LANGUAGE_DISAGREEMENT:
                warnings.append(f"{row['source_file']}: manifest.csv says language {entry.language}, but the "
                                f"text reads as {code} ({confidence:.2f}); the manifest's value is used")
        else:
            row["language"], how = code, f"language detected as {code} ({confidence:.2f})"
        if row["language"] and row["language"] != "fr":
            row["status"], row["reason"] = "not_french", how
    return warnings


def _set_duplicates(rows: list[dict[str, Any]], documents: Sequence[CleanedDocument]) -> None:
    """Exact duplicates leave the analysis (status duplicate); near duplicates are only flagged."""
    texts = {row["article_id"]: documents[index].text for index, row in enumerate(rows)
             if row["status"] == "ok"}
    by_id = {row["article_id"]: row for row in rows}
    for article_id, (kind, kept_id, similarity) in find_duplicates(texts).items():
        row = by_id[article_id]
        if kind == "exact":
            row["status"], row["duplicate_of"] = "duplicate", kept_id
            row["reason"] = f"same cleaned text as {kept_id}"
        else:
            row["near_duplicate_of"] = kept_id
            row["reason"] = f"near duplicate of {kept_id} (shingle Jaccard {similarity:.2f})"


def _removed_rows(cleaned: CleanedDocument) -> list[dict[str, Any]]:
    return [{"article_id": cleaned.article_id, "source_file": cleaned.source_file, "line_no": piece.line_no,
             "col_start": piece.col_start, "text": piece.text, "reason": piece.reason, "rule": piece.rule}
            for piece in cleaned.removed]


def _frame(rows: Sequence[dict[str, Any]], columns: Sequence[str], sort_by: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(columns))
    if not frame.empty:
        frame = frame.sort_values(list(sort_by), kind="stable")
    return frame.reset_index(drop=True)


def _articles_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    frame = _frame(rows, ARTICLE_COLUMNS, ["article_id"])
    frame["source_record"] = frame["source_record"].astype("Int64")
    for column in ("n_paragraphs", "n_sentences", "n_words"):
        frame[column] = frame[column].astype(int)
    for column in ARTICLE_COLUMNS:
        if column not in ("source_record", "n_paragraphs", "n_sentences", "n_words"):
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def _typed(frame: pd.DataFrame, int_columns: Sequence[str]) -> pd.DataFrame:
    for column in frame.columns:
        frame[column] = frame[column].astype(int) if column in int_columns else frame[column].astype(str)
    return frame


def clean_corpus(raw_dir: Path, *, cache_dir: Path | None = CACHE_DIR / "parses", n_process: int = 0,
                 batch_size: int = 64, max_file_mb: float = 5.0, progress: bool = True,
                 rules: Rules | None = None, scheduler: str | None = None) -> CleanedCorpus:
    """Run the clean stage on a raw folder: read, manifest, clean, language, duplicates, sentences.

    Every input file gives an articles row (rejected files too, with the reason); paragraphs and
    sentences are written for every article that has any (``status`` says which ones the analysis
    uses: only "ok"); every raw line is in a paragraph or in removed_lines. ``n_process``: worker
    processes that clean and parse chunks of articles (0 = automatic, see analysis.core.nlp.resolve_n_process
    and analysis.core.executor). With ``scheduler`` (a Dask scheduler address) the per-article work
    (cleaning, parsing, sentence tables) runs on that cluster instead. Either way the corpus-level
    steps (ids, language, duplicates, labels) stay here, and the output is the same.
    """
    raw_dir = Path(raw_dir)
    rules = rules or load_rules()
    raw_documents = read_raw_folder(raw_dir, max_file_mb=max_file_mb)
    manifest = read_manifest(raw_dir, sorted({doc.source_file for doc in raw_documents}))
    warnings = list(manifest.warnings)
    warnings.extend(f"{item.source_file}: not read ({item.reason})" for item in list_ignored_files(raw_dir)
                    if item.source_file != MANIFEST_NAME)  # nothing in the folder is skipped silently
    for doc in raw_documents:
        warnings.extend(f"{doc.source_file}: {warning}" for warning in getattr(doc, "warnings", []) or [])
    for doc in raw_documents:
        _give_manifest_title(doc, manifest.entry(doc.source_file))
    article_ids = assign_article_ids(raw_documents)
    anchor_years = [_anchor_year(manifest.entry(doc.source_file)) for doc in raw_documents]
    items = list(zip(raw_documents, article_ids, anchor_years))
    cleaned_documents = map_chunks(clean_chunk, items, n_process=resolve_n_process(n_process, len(items)),
                                   scheduler=scheduler, rules=rules)
    documents: list[CleanedDocument] = []
    rows: list[dict[str, Any]] = []
    for doc, cleaned in progress_bar(zip(raw_documents, cleaned_documents), "cleaning",
                                     total=len(raw_documents), enabled=progress):
        entry = manifest.entry(doc.source_file)
        warnings.extend(f"{doc.source_file}: {note}" for note in cleaned.notes)
        documents.append(cleaned)
        rows.append(_article_row(doc, cleaned, entry))
    warnings.extend(_set_languages(rows, documents, manifest))
    _set_duplicates(rows, documents)
    labels = [make_label(row["outlet"], row["outlet_source"], row["site_name"], row["agency"], row["author"],
                         row["article_id"], row["photo_credit"]) for row in rows]
    analysed = [row["status"] == "ok" for row in rows]
    for row, label in zip(rows, unique_labels(labels, [row["article_id"] for row in rows], analysed)):
        row["label"] = label

    parsed = [index for index, cleaned in enumerate(documents) if cleaned.paragraphs]
    to_parse = [documents[index] for index in parsed]
    if not scheduler:
        load_nlp()  # before the worker processes fork, so that they share the loaded model
    workers = resolve_n_process(n_process, sum(len(cleaned.paragraphs) for cleaned in to_parse))
    tables = map_chunks(sentence_tables_chunk, to_parse, n_process=workers, scheduler=scheduler,
                        cache_dir=cache_dir, texts_per_batch=batch_size)
    paragraph_rows, sentence_rows, removed_rows = [], [], []
    for index, (paragraphs, sentences, words) in progress_bar(zip(parsed, tables), "parsing",
                                                               total=len(parsed), enabled=progress):
        paragraph_rows.extend(paragraphs)
        sentence_rows.extend(sentences)
        rows[index].update(n_sentences=len(sentences), n_words=words)
    for cleaned in documents:
        removed_rows.extend(_removed_rows(cleaned))

    articles = validate(_articles_frame(rows), ARTICLES)
    paragraphs = validate(_typed(_frame(paragraph_rows, PARAGRAPH_COLUMNS, ["paragraph_id"]),
                                 ("position", "char_start", "char_end")), PARAGRAPHS)
    sentences = validate(_typed(_frame(sentence_rows, SENTENCE_COLUMNS, ["sentence_id"]),
                                ("position", "char_start", "char_end")), SENTENCES)
    removed = validate(_typed(_frame(removed_rows, REMOVED_COLUMNS, ["article_id", "line_no", "col_start"]),
                              ("line_no", "col_start")), REMOVED_LINES)
    return CleanedCorpus(articles, paragraphs, sentences, removed, warnings, documents)


def write_cleaned(corpus: CleanedCorpus, processed_dir: Path) -> list[Path]:
    """Write articles.csv, paragraphs.csv, sentences.csv, removed_lines.csv and warnings.csv; return their paths."""
    processed_dir = Path(processed_dir)
    tables = {"articles.csv": corpus.articles, "paragraphs.csv": corpus.paragraphs,
              "sentences.csv": corpus.sentences, "removed_lines.csv": corpus.removed_lines,
              "warnings.csv": pd.DataFrame({"warning": list(corpus.warnings)}, columns=["warning"])}
    return [write_csv(frame, processed_dir / name) for name, frame in tables.items()]


# --------------------------------------------------------------------------------------------------
# What a worker runs on one chunk of articles (here, on a forked worker or on a Dask worker).
# spaCy's batch size is passed as ``texts_per_batch``: ``batch_size`` is an argument of Dask's Client.map.


def clean_chunk(chunk: list[tuple[RawDocument, str, int | None]], rules: Rules) -> list[CleanedDocument]:
    """:func:`clean_document` of each (raw document, article id, anchor year)."""
    return [clean_document(doc, rules, article_id=article_id, anchor_year=anchor_year)
            for doc, article_id, anchor_year in chunk]


def sentence_tables_chunk(chunk: list[CleanedDocument], cache_dir: Path | None,
                          texts_per_batch: int) -> list[tuple[list[dict], list[dict], int]]:
    """:func:`sentence_tables` of cleaned documents, parsed in this process."""
    return list(sentence_tables(chunk, cache_dir=cache_dir, n_process=1, batch_size=texts_per_batch))
