"""pandera schemas of every table in data/processed: the contract between stages.

Each stage validates what it writes; the README's data dictionary documents the same columns.
"""

from __future__ import annotations

from pandera.pandas import Check, Column, DataFrameSchema

ARTICLE_STATUSES = ["ok", "duplicate", "rejected", "not_french"]
SENTENCE_KINDS = ["headline", "heading", "body"]
QUOTE_TYPES = ["direct", "indirect", "according_to"]
CLAIM_KINDS = ["deployed", "killed", "wounded", "killed_or_wounded", "captured"]
CLAIM_SUBJECTS = ["north_korean_troops", "russian_troops", "other"]


def _text(nullable: bool = True, **kwargs) -> Column:
    return Column(str, nullable=nullable, **kwargs)


def _span_check(frame) -> bool:
    return bool(((frame["char_start"] <= frame["char_end"]) & (frame["char_start"] >= 0)).all())


ARTICLES = DataFrameSchema(
    {
        "article_id": Column(str, unique=True),
        "source_file": _text(nullable=False),
        "source_record": Column("Int64", nullable=True),
        "sha256": _text(nullable=False),
        "encoding": _text(),
        "encoding_note": _text(),
        "outlet": _text(nullable=False),
        "outlet_source": Column(str, Check.isin(["manifest", "text", "inferred", "unknown"])),
        "outlet_evidence": _text(),
        "label": Column(str, unique=True),
        "title": _text(),
        "url": _text(),
        "published": _text(),
        "published_source": _text(),
        "author": _text(),
        "agency": _text(),
        "photo_credit": _text(),
        "site_name": _text(),
        "tags": _text(),
        "language": _text(),
        "n_paragraphs": Column(int, Check.ge(0)),
        "n_sentences": Column(int, Check.ge(0)),
        "n_words": Column(int, Check.ge(0)),
        "status": Column(str, Check.isin(ARTICLE_STATUSES)),
        "reason": _text(),
        "duplicate_of": _text(),
        "near_duplicate_of": _text(),
    },
    strict=False,
    ordered=False,
    name="articles",
)

PARAGRAPHS = DataFrameSchema(
    {
        "paragraph_id": Column(str, unique=True),
        "article_id": _text(nullable=False),
        "position": Column(int, Check.ge(0)),
        "kind": Column(str, Check.isin(SENTENCE_KINDS)),
        "text": _text(nullable=False),
        "char_start": Column(int),
        "char_end": Column(int),
        "raw_lines": _text(nullable=False),
    },
    checks=Check(_span_check, error="char_start must be >= 0 and <= char_end"),
    strict=False,
    name="paragraphs",
)

SENTENCES = DataFrameSchema(
    {
        "sentence_id": Column(str, unique=True),
        "article_id": _text(nullable=False),
        "paragraph_id": _text(nullable=False),
        "position": Column(int, Check.ge(0)),
        "kind": Column(str, Check.isin(SENTENCE_KINDS)),
        "text": _text(nullable=False),
        "char_start": Column(int),
        "char_end": Column(int),
    },
    checks=Check(_span_check, error="char_start must be >= 0 and <= char_end"),
    strict=False,
    name="sentences",
)

REMOVED_LINES = DataFrameSchema(
    {
        "article_id": _text(nullable=False),
        "source_file": _text(nullable=False),
        "line_no": Column(int, Check.ge(1)),
        "text": _text(),
        "reason": _text(nullable=False),
        "rule": _text(),
    },
    strict=False,
    name="removed_lines",
)

STANCE = DataFrameSchema(
    {
        "sentence_id": Column(str, unique=True),
        "article_id": _text(nullable=False),
        "hedged": Column(bool),
        "hedge_cues": _text(),
        "unverified": Column(bool),
        "unverified_cues": _text(),
        "confirmed": Column(bool),
        "confirmed_cues": _text(),
        "denial": Column(bool),
        "denial_cues": _text(),
        "denial_actor_group": _text(),
        "question": Column(bool),
    },
    strict=False,
    name="stance",
)

ATTRIBUTIONS = DataFrameSchema(
    {
        "attribution_id": Column(str, unique=True),
        "article_id": _text(nullable=False),
        "sentence_id": _text(nullable=False),
        "actor": _text(nullable=False),
        "actor_group": _text(nullable=False),
        "cue": _text(nullable=False),
        "quote_type": Column(str, Check.isin(QUOTE_TYPES)),
        "char_start": Column(int),
        "char_end": Column(int),
    },
    checks=Check(_span_check, error="char_start must be >= 0 and <= char_end"),
    strict=False,
    name="attributions",
)

CLAIMS = DataFrameSchema(
    {
        "claim_id": Column(str, unique=True),
        "article_id": _text(nullable=False),
        "sentence_id": _text(nullable=False),
        "value": Column(float, nullable=True),
        "low": Column(float, nullable=True),
        "high": Column(float, nullable=True),
        "qualifier": _text(),
        "kind": Column(str, Check.isin(CLAIM_KINDS)),
        "subject": Column(str, Check.isin(CLAIM_SUBJECTS)),
        "actor": _text(),
        "source_group": _text(),
        "hedged": Column(bool),
        "text": _text(nullable=False),
        "char_start": Column(int),
        "char_end": Column(int),
    },
    checks=Check(_span_check, error="char_start must be >= 0 and <= char_end"),
    strict=False,
    name="claims",
)

FRAMES = DataFrameSchema(
    {
        "article_id": _text(nullable=False),
        "scheme": Column(str, Check.isin(["generic", "policy"])),
        "frame": _text(nullable=False),
        "score": Column(float, Check.ge(0)),
        "present": Column(bool),
        "evidence_sentence_ids": _text(),
    },
    strict=False,
    name="frames",
)


def validate(frame, schema: DataFrameSchema):
    """Validate a table before it is written, with every failure listed at once."""
    return schema.validate(frame, lazy=True)
