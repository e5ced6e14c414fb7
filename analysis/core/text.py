"""Text folding for matching: the one place that says which characters count as the same.

Pasted pages mix typographic and ASCII punctuation (l’OTAN and l'OTAN, « » and " ", no-break and
plain spaces). Every matcher of the project (boilerplate rules, metadata cues, the actor and place
gazetteers, the lexicons, duplicate detection) compares text through :func:`fold`, so a lexicon
entry written once matches every spelling. Folding keeps one character for one character, so an
offset found in folded text is an offset in the original; kept text itself is never folded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Apostrophes and marks typed for them -> "'".
APOSTROPHES = "\u2019\u2018\u02bc\u00b4`\u201a\u201b\u2032"
#: Double quotation marks and guillemets -> '"'.
QUOTES = "\u201c\u201d\u00ab\u00bb\u201e\u201f\u2033"
#: Spaces of other widths (no-break, narrow no-break, thin, figure, en, em, hair) and tabs -> " ".
SPACES = "\u00a0\u202f\u2009\u2007\u200a\u2002\u2003\t"
#: Hyphens and dashes -> "-".
DASHES = "\u2010\u2011\u2012\u2013\u2014"

_BASE = {**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(SPACES, " ")}
_TABLES = {
    (quotes, dashes): str.maketrans({**_BASE, **(dict.fromkeys(QUOTES, '"') if quotes else {}),
                                     **(dict.fromkeys(DASHES, "-") if dashes else {})})
    for quotes in (False, True) for dashes in (False, True)
}


def _strip_accent(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


def fold(text: str, *, quotes: bool = False, dashes: bool = False, accents: bool = False) -> str:
    """``text`` with ASCII apostrophes and plain spaces; optionally ASCII quotes, dashes, no accents.

    Always the same length as ``text``. ``accents=True`` keeps each letter's base letter
    (Séoul -> Seoul, Kyïv -> Kyiv). Case is left to the caller (``.lower()`` or ``.casefold()``).
    """
    text = str(text)
    if len(text) <= CACHED_LENGTH:
        return _fold_word(text, quotes, dashes, accents)
    return _fold(text, quotes, dashes, accents)


#: The characters each table replaces, as one character class: a regex scan that replaces only those is
#: fourteen times faster than ``str.translate`` on an article (20 µs against 280 µs for 2,700 characters;
#: the clean stage folds each article's text some twenty times), and gives the same text.
_REPLACED = {key: re.compile("[" + re.escape("".join(map(chr, table))) + "]") for key, table in _TABLES.items()}


def _fold(text: str, quotes: bool, dashes: bool, accents: bool) -> str:
    table = _TABLES[quotes, dashes]
    folded = _REPLACED[quotes, dashes].sub(lambda found: table[ord(found.group())], text)
    if accents and not folded.isascii():
        # Hand-written rather than unidecode: matching needs exactly one character per character.
        folded = "".join(char if char.isascii() else _strip_accent(char) for char in folded)
    return folded


#: Words and short phrases are folded once per process: the coders fold every token's text and lemma
#: against every lexicon (some 15 million calls at 1,000 articles), and folding a French word costs
#: about 1.8 µs against 0.4 µs for a cache hit. Longer texts (sentences, articles) are not kept: their
#: folding is a scan, and a cache of them would hold whole articles.
CACHED_LENGTH = 40
_fold_word = lru_cache(maxsize=1 << 17)(_fold)


def squash_spaces(text: str) -> str:
    """Runs of whitespace made one space, stripped (changes offsets: for comparing, not locating)."""
    return " ".join(str(text).split())
