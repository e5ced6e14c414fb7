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
#: what state the people a figure counts are in (claims.yaml rule 8) and how precisely it is stated (rule 9)
CLAIM_STATUSES = ["planned", "deployed", "casualty"]
CLAIM_PRECISIONS = ["exact", "bounded", "approximate", "vague"]


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
        "source": _text(nullable=False),
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
        "col_start": Column(int, Check.ge(0)),  # column of the removed text in the raw line
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
        # article-text offsets "start:end" of each cue, " | "-joined in the order of the cue columns
        "hedge_offsets": _text(),
        "unverified_offsets": _text(),
        "confirmed_offsets": _text(),
        "denial_offsets": _text(),
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
        # where the source came from: the quotation holding the figure, the sentence, the preceding
        # sentence of the paragraph, or nowhere
        "source_scope": Column(str, Check.isin(["quote", "sentence", "previous_sentence", "paragraph", "headline",
                                                "credit", "none"])),
        "status": Column(str, Check.isin(CLAIM_STATUSES)),
        "precision": Column(str, Check.isin(CLAIM_PRECISIONS)),
        # False for a figure in a section heading or a question ("10 000 soldats ?"): coded, never counted
        "stated": Column(bool),
    },
    checks=Check(_span_check, error="char_start must be >= 0 and <= char_end"),
    strict=False,
    name="claims",
)

SOURCES = DataFrameSchema(
    {
        "source_id": Column(str, unique=True),
        "article_id": _text(nullable=False),
        "actor": _text(),
        "actor_group": _text(),
        "mentions": Column(int, Check.ge(1)),
        "in_headline": Column(bool),
    },
    strict=False,
    name="sources",
)

ARTICLE_FIGURES = DataFrameSchema(
    {
        "figure_id": Column(str, unique=True),
        "article_id": _text(nullable=False),
        "kind": Column(str, Check.isin(CLAIM_KINDS)),
        "status": Column(str, Check.isin(CLAIM_STATUSES)),
        "precision": Column(str, Check.isin(CLAIM_PRECISIONS)),
        "figure": Column(float, nullable=True),
        "mentions": Column(int, Check.ge(1)),
        "in_headline": Column(bool),
    },
    strict=False,
    name="article_figures",
)

HEADLINE_BODY = DataFrameSchema(
    {
        "article_id": Column(str, unique=True),
        "has_headline": Column(bool),
        "match": Column(str, Check.isin(["figure", "words", "none", ""])),
        "states_as_fact": Column(bool),
        "drops_hedge": Column(bool),
        "drops_attribution": Column(bool),
        "credit": Column(str, Check.isin(["same", "different", "headline_only", "body_only", "none", ""])),
    },
    strict=False,
    name="headline_body",
)

PLACE_GROUPS = ["ukraine", "russia"]

PLACES = DataFrameSchema(
    {
        "place_id": Column(str, unique=True),
        "article_id": _text(nullable=False),
        "sentence_id": _text(nullable=False),
        "place": _text(nullable=False),
        "place_group": Column(str, Check.isin(PLACE_GROUPS)),
        "cue": _text(nullable=False),
        "char_start": Column(int),
        "char_end": Column(int),
    },
    checks=Check(_span_check, error="char_start must be >= 0 and <= char_end"),
    strict=False,
    name="places",
)

LEMMAS = DataFrameSchema(
    {
        "sentence_id": Column(str, unique=True),
        "article_id": _text(nullable=False),
        "lemmas": _text(),
    },
    strict=False,
    name="lemmas",
)

FRAMES = DataFrameSchema(
    {
        "article_id": _text(nullable=False),
        "scheme": Column(str, Check.isin(["generic", "policy"])),
        "frame": _text(nullable=False),
        "score": Column(float, Check.in_range(0, 1)),
        "present": Column(bool),
        "evidence_sentence_ids": _text(),
        "indicators": _text(),
        "cues": _text(),
    },
    unique=["article_id", "scheme", "frame"],
    strict=False,
    name="frames",
)


# Comparison tables (written by analysis.compare.write_comparisons; one row per article label × measure, or per
# unit × measure for the unit tables).
_SHARE = Column(float, Check.in_range(0, 1), nullable=True)
_COUNT = Column(int, Check.ge(0))
_RATE_OR_EMPTY = Column(float, Check.in_range(0, 1), nullable=True)
UNIT_KINDS = ["outlet", "article"]
_MEASURE = {"measure_group": _text(False), "measure": _text(False), "measure_label": _text(False)}
#: Summed counts and totals of a unit's articles, their ratio and its 95 % bootstrap interval.
_SHARES = {"count": Column(float, Check.ge(0)), "total": Column(float, Check.ge(0)), "share": _SHARE,
           "ci_low": _SHARE, "ci_high": _SHARE}
COMPARISON_SCHEMAS = {
    name: DataFrameSchema(columns, strict=True, coerce=True, name=name)
    for name, columns in {
        "corpus_summary": {"status": _text(nullable=False), "reason": _text(), "n_articles": _COUNT,
                           "source_files": _text(), "article_ids": _text()},
        "voice": {"article_id": _text(nullable=False), "label": _text(nullable=False), "actor_group": _text(False),
                  "actor_group_label": _text(False), "n_attributions": _COUNT, "n_total": _COUNT, "share": _SHARE,
                  "n_sources": _COUNT, "n_total_sources": _COUNT, "evidence_sentence_ids": _text()},
        "named_sources": {"article_id": _text(False), "label": _text(False), "actor": _text(False),
                          "actor_group": _text(False), "actor_group_label": _text(False), "n_attributions": _COUNT,
                          "quote_types": _text(), "evidence_sentence_ids": _text()},
        "certainty": {"article_id": _text(False), "label": _text(False), "measure": _text(False), "count": _COUNT,
                      "total": _COUNT, "share": _SHARE, "evidence_sentence_ids": _text()},
        "figures": {"claim_id": Column(str, unique=True), "figure_id": _text(), "article_id": _text(False),
                    "label": _text(False),
                    "published": _text(), "sentence_id": _text(False), "kind": Column(str, Check.isin(CLAIM_KINDS)),
                    "status": _text(), "precision": _text(), "subject": _text(), "value": Column(float, nullable=True),
                    "low": Column(float, nullable=True),
                    "high": Column(float, nullable=True), "figure": Column(float, nullable=True),
                    "figure_text": _text(), "qualifier": _text(), "actor": _text(), "source_group": _text(),
                    "source_group_label": _text(),
                    "hedged": Column(bool), "text": _text()},
        "claims_timeline": {"published": _text(), "date_known": Column(bool), "label": _text(False),
                            "article_id": _text(False), "kind": _text(False), "status": _text(),
                            "precision": _text(), "figure": Column(float),
                            "figure_text": _text(),
                            "value": Column(float, nullable=True), "low": Column(float, nullable=True),
                            "high": Column(float, nullable=True), "qualifier": _text(), "source_group": _text(),
                            "source_group_label": _text(), "hedged": Column(bool), "n_labels_same_figure": _COUNT,
                            "labels_same_figure": _text(), "claim_id": _text(False), "sentence_id": _text(False)},
        "frames_matrix": {"scheme": _text(False), "frame": _text(False), "article_id": _text(False),
                          "label": _text(False), "score": Column(float, Check.ge(0)), "present": Column(bool),
                          "evidence_sentence_ids": _text()},
        "keyness": {"label": _text(False), "article_id": _text(False), "rank": Column(int, Check.ge(1)),
                    "lemma": _text(False), "count_label": _COUNT, "count_rest": _COUNT, "n_label": _COUNT,
                    "n_rest": _COUNT, "log_odds": Column(float), "z": Column(float), "distinctive": Column(bool),
                    "evidence_sentence_ids": _text()},
        "headline_gap": {"article_id": Column(str, unique=True), "label": _text(False), "has_headline": Column(bool),
                         **{name: _text() for name in ("headline_sentence_ids", "headline_text",
                                                       "headline_source_groups", "headline_actors", "match",
                                                       "body_sentence_ids", "body_source_groups", "body_actors",
                                                       "headline_figures", "body_figures", "figure_difference",
                                                       "credit")},
                         **{name: Column(bool) for name in ("headline_question", "headline_hedged",
                                                            "headline_attributed", "body_hedged", "body_attributed",
                                                            "states_as_fact", "drops_hedge", "drops_attribution",
                                                            "figure_differs", "credit_differs")}},
        "headlines": {"article_id": Column(str, unique=True), "label": _text(False), "has_headline": Column(bool),
                      "sentence_id": _text(), "text": _text(), "attributed": Column(bool), "attributed_to": _text(),
                      "question": Column(bool), "figure": Column(bool), "figures": _text(), "hedged": Column(bool),
                      "hedge_cues": _text()},
        "locations": {"article_id": _text(False), "label": _text(False),
                      "place_group": Column(str, Check.isin(["ukraine", "russia"])), "count": _COUNT, "total": _COUNT,
                      "share": _SHARE, "evidence_sentence_ids": _text()},
        "wire_copy": {"article_id": Column(str, unique=True), "label": _text(), "status": _text(), "agency": _text(),
                      "exact_duplicate_of": _text(), "exact_duplicate_of_label": _text(), "near_duplicate_of": _text(),
                      "near_duplicate_of_label": _text(), "shares_copy": Column(bool), "family_id": _text(),
                      "family_size": Column(int, Check.ge(1))},
        "findings": {"label": _text(False), "measure": _text(False), "finding": _text(False),
                     "evidence_sentence_ids": _text()},
        "units": {"article_id": Column(str, unique=True), "label": _text(False), "outlet": _text(False),
                  "unit": _text(False), "unit_kind": Column(str, Check.isin(UNIT_KINDS)), "unit_articles": _COUNT,
                  "published": _text(), "period": _text(False), "family_id": _text(), "wire_copy": Column(bool),
                  "measured": Column(bool)},
        "corpus_measures": {**_MEASURE, "n_articles": _COUNT, **_SHARES, "n_articles_without_wire_copy": _COUNT,
                            "share_without_wire_copy": _SHARE},
        "outlet_comparison": {"unit": _text(False), "n_articles": _COUNT, **_MEASURE, **_SHARES,
                              "rest_share": _SHARE, "corpus_share": _SHARE,
                              "difference": Column(float, Check.in_range(-1, 1), nullable=True),
                              "tested": Column(bool), "p_value": _RATE_OR_EMPTY, "p_adjusted": _RATE_OR_EMPTY,
                              "stated": Column(bool), "n_articles_without_wire_copy": _COUNT,
                              "share_without_wire_copy": _SHARE, "period_expected_share": _SHARE,
                              "period_tested": Column(bool), "p_within_period": _RATE_OR_EMPTY,
                              "p_within_period_adjusted": _RATE_OR_EMPTY, "stated_within_period": Column(bool),
                              "vanishes_with_period": Column(bool)},
        "period_measures": {"period_kind": Column(str, Check.isin(["week", "month"])), "period": _text(False),
                            "period_start": _text(), "scope": _text(False),
                            "scope_kind": Column(str, Check.isin(["corpus", "outlet"])), **_MEASURE,
                            "n_articles": _COUNT, **_SHARES},
        "outlet_profiles": {"unit": Column(str, unique=True), "n_articles": _COUNT, "first_published": _text(),
                            "last_published": _text(), "n_undated": _COUNT, "top_sources": _text(),
                            "hedged_share": _SHARE, "hedged_ci_low": _SHARE, "hedged_ci_high": _SHARE,
                            "hedged_tested": Column(bool), "hedged_p_adjusted": _RATE_OR_EMPTY,
                            "top_frames": _text(), "distinctive_lemmas": _text(), "n_wire_copy": _COUNT,
                            "wire_copy_share": _SHARE, "n_families": _COUNT, "n_agency": _COUNT,
                            "agency_share": _SHARE},
        "settings": {"parameter": Column(str, unique=True), "value": _text()},
    }.items()
}


# Validation tables (written by analysis.validate.stage.write_validation): the automatic coders against the
# adjudicated hand coding. Counts are empty where undefined (tn of claim detection; nominal variables).
_RATE = Column(float, Check.in_range(0, 1), nullable=True)
_PERCENT = Column(float, Check.in_range(0, 100), nullable=True)
_MAYBE_COUNT = Column("Int64", Check.ge(0), nullable=True)
VALIDATION_LEVELS = ["sentence", "claim", "article"]
#: seeds: the run's hand-coded articles (in-sample for the seed corpus); dev, test: the held-out halves.
VALIDATION_SPLITS = ["test", "dev", "seeds"]
_SPLIT = Column(str, Check.isin(VALIDATION_SPLITS))
VALIDATION_SCHEMAS = {
    "agreement": DataFrameSchema(
        {"split": _SPLIT, "coder": _text(False), "variable": _text(False),
         "level": Column(str, Check.isin(VALIDATION_LEVELS)),
         "main": Column(bool), "n_units": _MAYBE_COUNT, "tp": _MAYBE_COUNT, "fp": _MAYBE_COUNT, "fn": _MAYBE_COUNT,
         "tn": _MAYBE_COUNT, "precision": _RATE, "recall": _RATE, "f1": _RATE,
         "alpha": Column(float, Check.le(1), nullable=True), "percent_agreement": _PERCENT,
         "human_n_units": _MAYBE_COUNT, "human_f1": _RATE, "human_alpha": Column(float, Check.le(1), nullable=True),
         "human_percent_agreement": _PERCENT, "note": _text()},
        unique=["split", "variable"], strict=True, ordered=True, name="validation_agreement"),
    "confusion": DataFrameSchema(
        {"split": _SPLIT, "coder": _text(False), "variable": _text(False),
         "level": Column(str, Check.isin(VALIDATION_LEVELS)),
         "hand_value": _text(), "machine_value": _text(), "n": Column(int, Check.ge(1))},
        unique=["split", "variable", "hand_value", "machine_value"], strict=True, ordered=True,
        name="validation_confusion"),
    "disagreements": DataFrameSchema(
        {"split": _SPLIT, "coder": _text(), "variable": _text(False),
         "level": Column(str, Check.isin(VALIDATION_LEVELS)), "article_id": _text(), "unit_id": _text(),
         "sentence_id": _text(), "hand_value": _text(), "machine_value": _text(), "text": _text(), "note": _text()},
        strict=True, ordered=True, name="validation_disagreements"),
}


def validate(frame, schema: DataFrameSchema):
    """Validate a table before it is written, with every failure listed at once."""
    return schema.validate(frame, lazy=True)
