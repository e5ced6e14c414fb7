"""spaCy, loaded once per process, and a parse cache keyed by text and model version.

Parsing is the expensive step of the whole pipeline, so every stage gets its Docs from here: the
clean stage parses each article's paragraphs once, and later stages read the same Docs back from the
cache instead of parsing again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.core.paths import CACHE_DIR

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "fr_core_news_sm"

#: n_process = 0 (the default of the runner and the notebooks) means "choose": one spaCy process per
#: core, but only as many as give each process at least this many texts to parse. A forked worker
#: starts in about a second but parses ~10 articles a second on one core (benchmarks/RESULTS.md), so
#: below a few hundred texts a second process costs more than it saves; the seed corpus (≈50
#: paragraphs) is always parsed in one process.
MIN_TEXTS_PER_PROCESS = 150


def resolve_n_process(n_process: int | None, n_texts: int) -> int:
    """Number of spaCy processes for parsing ``n_texts`` texts.

    ``n_process`` ≥ 1 is used as given (never more than there are texts); 0, None or -1 mean
    automatic: ``os.cpu_count()`` processes, reduced so that each gets MIN_TEXTS_PER_PROCESS texts.
    """
    if n_process is None or n_process <= 0:
        n_process = min(os.cpu_count() or 1, n_texts // MIN_TEXTS_PER_PROCESS)
    return max(1, min(n_process, n_texts))


@lru_cache(maxsize=4)
def load_nlp(model: str = MODEL_NAME, exclude: tuple[str, ...] = ()) -> Language:
    """Load a spaCy pipeline once per process (and per set of excluded components)."""
    # spaCy takes a second to import: importing the stage modules does not load it, using a model does
    import spacy

    try:
        return spacy.load(model, exclude=list(exclude))
    except OSError as error:  # the model package is missing from the environment
        raise RuntimeError(
            f"The spaCy model {model!r} is not installed in this environment. "
            "Run `make report` or `make test`, which install it from requirements.txt."
        ) from error


@lru_cache(maxsize=8)  # ``Language.meta`` builds a new dict per read (0.3 ms): the cache key reads it per article
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
        from spacy.tokens import DocBin  # loaded with spaCy by load_nlp, which made self.nlp

        try:
            docs = list(DocBin().from_disk(path).get_docs(self.nlp.vocab))
        except Exception:  # an unreadable entry (a truncated file, another version's format): parse again
            return None
        if [doc.text for doc in docs] != list(texts):  # a corrupt or colliding entry: parse again
            return None
        return docs

    def store(self, texts: Sequence[str], docs: Sequence[Doc]) -> None:
        """Save the Docs of ``texts``; a failure to write only costs a later re-parse."""
        path = self._path(text_key(texts, self.nlp))
        if path is None:
            return
        from spacy.tokens import DocBin  # loaded with spaCy by load_nlp, which made self.nlp

        # a unique temporary name: several processes (spaCy or Dask workers) may store the same entry
        tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=False, docs=docs).to_disk(tmp)
            tmp.replace(path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)

    def is_cached(self, texts: Sequence[str]) -> bool:
        """Whether an entry for ``texts`` exists (cheap: the Docs are not read)."""
        path = self._path(text_key(texts, self.nlp))
        return path is not None and path.exists()

    def iter_groups(
        self,
        groups: Iterable[Sequence[str]],
        n_process: int | None = 1,
        batch_size: int = 64,
    ) -> Iterator[list[Doc]]:
        """Docs of each group of texts, in order: from the cache, or parsed and stored.

        Streams: the groups not in the cache go through ONE ``nlp.pipe`` call (so worker processes
        start once), and only about a batch of Docs is alive at a time, however large the corpus;
        the caller consumes each group's Docs and drops them. ``n_process`` as in
        :func:`resolve_n_process`, applied to the number of texts that need parsing.
        """
        groups = [list(group) for group in groups]  # the texts only: small next to their Docs
        cached = [self.is_cached(group) for group in groups]
        n_texts = sum(len(group) for group, hit in zip(groups, cached) if not hit)
        todo = (text for group, hit in zip(groups, cached) if not hit for text in group)
        parsed: Iterator[Doc] = iter(())
        if n_texts:
            processes = resolve_n_process(n_process, n_texts)
            parsed = iter(self.nlp.pipe(todo, n_process=processes, batch_size=batch_size))
        for group, hit in zip(groups, cached):
            docs = self.load(group) if hit else None
            if docs is not None:
                self.hits += 1
                yield docs
                continue
            if hit:  # the entry vanished or is corrupt since it was checked: parse this group alone
                docs = list(self.nlp.pipe(group, batch_size=batch_size))
            else:
                docs = [next(parsed) for _ in group]
            self.misses += 1
            self.store(group, docs)
            yield docs

    def parse_groups(
        self,
        groups: Iterable[Sequence[str]],
        n_process: int | None = 1,
        batch_size: int = 64,
    ) -> list[list[Doc]]:
        """Docs for every group of texts, from the cache where possible, parsing only the rest.

        Holds every Doc at once: for a whole corpus, iterate over :meth:`iter_groups` instead.
        """
        return list(self.iter_groups(groups, n_process=n_process, batch_size=batch_size))
