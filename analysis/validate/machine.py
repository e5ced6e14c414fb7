"""The automatic coders' output in the hand-coding format: the machine as one more coder (README step 8)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.core.errors import ConfigError
from analysis.core.tables import LIST_SEPARATOR
from analysis.validate.coding import (
    CLAIM_COLUMNS,
    FRAME_COLUMNS,
    PLACE_OF_SET,
    PLACE_SETS,
    SENTENCE_COLUMNS,
    SENTENCE_FLAGS,
    Coding,
    hand_indicator_id,
    normalize_list,
    number_key,
    parse_bool,
)

# --------------------------------------------------------------------------------------------------
# The machine's coding in the same format (README step 8)
# --------------------------------------------------------------------------------------------------

def _require(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ConfigError(f"the {name} table lacks the column(s) {', '.join(missing)}", path=f"{name}.csv",
                          hint="rerun the pipeline (`make report`) so that the table is rebuilt")


def _sets_by_sentence(frame: pd.DataFrame, column: str) -> dict[str, str]:
    """Per sentence id, the sorted set of a column's non-empty values, " | "-joined."""
    values = frame.loc[frame[column].fillna("").astype(str).str.strip() != "", ["sentence_id", column]]
    return {str(sentence_id): normalize_list(LIST_SEPARATOR.join(group[column].astype(str)))
            for sentence_id, group in values.groupby("sentence_id", sort=True)}


def machine_sentences(sentences: pd.DataFrame, stance: pd.DataFrame, attributions: pd.DataFrame,
                      places: pd.DataFrame) -> pd.DataFrame:
    """Per sentence: attributed and its sets, the stance flags, the place; ``coded`` False without a stance row."""
    _require(sentences, ("article_id", "sentence_id", "text"), "sentences")
    _require(stance, ("sentence_id", "hedged", "unverified", "confirmed", "denial", "denial_actor_group",
                      "question"), "stance")
    _require(attributions, ("sentence_id", "actor_group", "quote_type"), "attributions")
    _require(places, ("sentence_id", "place_group"), "places")
    groups, quotes = _sets_by_sentence(attributions, "actor_group"), _sets_by_sentence(attributions, "quote_type")
    countries = _sets_by_sentence(places, "place_group")
    stance_by = {str(row["sentence_id"]): row for row in stance.to_dict("records")}
    rows = []
    for record in sentences.sort_values("sentence_id").to_dict("records"):
        sentence_id = str(record["sentence_id"])
        coded = stance_by.get(sentence_id)
        flags = {flag: bool(parse_bool(coded[flag])) if coded else False for flag in SENTENCE_FLAGS[2:]}
        placed = [part for part in countries.get(sentence_id, "").split(LIST_SEPARATOR) if part in PLACE_SETS]
        place_set = normalize_list(LIST_SEPARATOR.join(placed))
        rows.append({"article_id": str(record["article_id"]), "sentence_id": sentence_id,
                     "text": str(record["text"]),
                     # the cleaner keeps only the article's own text: every kept sentence is not boilerplate
                     "boilerplate": False, "attributed": sentence_id in groups or sentence_id in quotes, **flags,
                     "actor_groups": groups.get(sentence_id, ""), "quote_types": quotes.get(sentence_id, ""),
                     "denial_actor_group": normalize_list(coded["denial_actor_group"]) if coded else "",
                     "place": PLACE_OF_SET.get(place_set, "none"), "coded": coded is not None})
    return pd.DataFrame(rows, columns=list(SENTENCE_COLUMNS))


#: Where the claims coder found a figure's source (claims.csv ``source_scope``) -> the hand coding's column:
#: the sentence itself (its quotation included) is ``source_group``; an earlier sentence of the paragraph,
#: the headline or a wire credit is ``context_source_group`` (codebook §2), compared by
#: ``claim.source_group_or_context``.
SENTENCE_SCOPES = ("quote", "sentence")
CONTEXT_SCOPES = ("previous_sentence", "paragraph", "headline", "credit")


def machine_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims table in the hand format (claim_key = claim_id; number_text = the claim's text).

    The source found in the sentence is ``source_group``; one found in its context is
    ``context_source_group`` (a table without ``source_scope`` counts every source as the sentence's).
    """
    _require(claims, ("claim_id", "article_id", "sentence_id", "value", "kind", "subject", "source_group",
                      "hedged", "text"), "claims")
    rows = []
    for r in claims.sort_values("claim_id").to_dict("records"):
        group, scope = normalize_list(r["source_group"]), str(r.get("source_scope", "sentence") or "sentence")
        own = group if scope in SENTENCE_SCOPES or scope not in CONTEXT_SCOPES else ""
        rows.append({"article_id": str(r["article_id"]), "sentence_id": str(r["sentence_id"]),
                     "claim_key": str(r["claim_id"]), "number_text": str(r["text"]),
                     "position": int(r.get("char_start", 0) or 0), "value": number_key(r["value"]),
                     "kind": str(r["kind"]), "subject": str(r["subject"]), "source_group": own or "none",
                     "context_source_group": group if scope in CONTEXT_SCOPES else "",
                     "hedged": bool(parse_bool(r["hedged"])), "precision": str(r.get("precision", "") or "")})
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def machine_frames(frames: pd.DataFrame) -> pd.DataFrame:
    """The frames table in the hand format (indicator ids mapped to the codebook's: conflict_q1 → con1)."""
    _require(frames, ("article_id", "scheme", "frame", "present"), "frames")
    rows = [{"article_id": str(r["article_id"]), "scheme": str(r["scheme"]), "frame": str(r["frame"]),
             "present": bool(parse_bool(r["present"])),
             "indicators": normalize_list(LIST_SEPARATOR.join(
                 hand_indicator_id(i) for i in str(r.get("indicators", "") or "").split("|") if i.strip())),
             "evidence": str(r.get("cues", "") or "")}
            for r in frames.sort_values(["article_id", "scheme", "frame"]).to_dict("records")]
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def machine_coding(sentences: pd.DataFrame, stance: pd.DataFrame, attributions: pd.DataFrame, claims: pd.DataFrame,
                   places: pd.DataFrame, frames: pd.DataFrame) -> Coding:
    """The automatic coders' output as one more coder, in the hand-coding format (README step 8)."""
    return Coding(machine_sentences(sentences, stance, attributions, places), machine_claims(claims),
                  machine_frames(frames))


