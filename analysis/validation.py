"""Validation: each automatic coder's agreement with the adjudicated hand coding.

The hand coding of ``data/annotations`` (see its README and CODEBOOK) is the reference. This module
reads it (the adjudicated sentences, claims and frames, plus both coding passes and the coding log),
turns the processed tables into the same format — the machine as one more coder (README step 8) —
joins the two on ``sentence_id`` with the sentence text as a check, and scores every variable:
precision, recall and F1 for booleans and for each value of a set, Krippendorff's nominal alpha and
the percent agreement for all, with the pass-1/pass-2 figures of the two hand passes beside them.

Rows that cannot be joined (the sentence text changed, the id is gone, the sentence is not coded) are
listed with the reason and left out of the scores: never dropped silently, never matched by position.

Call sequence (notebook 03): ``validate_corpus`` → ``write_validation``; notebook 04 shows
``analysis.report.validation_html``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
import pandas as pd

from analysis.errors import ConfigError
from analysis.paths import ANNOTATIONS_DIR, display_path
from analysis.tables import read_csv, write_csv

JOIN = " | "
SENTENCE_FLAGS = ("boilerplate", "attributed", "hedged", "unverified", "confirmed", "denial", "question")
SENTENCE_SETS = ("actor_groups", "quote_types", "denial_actor_group")
#: A sentence's place as the set of countries it names (codebook §1.9: both = the two countries).
PLACE_SETS = {"ukraine": ("ukraine",), "russia": ("russia",), "both": ("russia", "ukraine"), "none": ()}
PLACE_OF_SET = {JOIN.join(members): value for value, members in PLACE_SETS.items()}
CLAIM_NOMINALS = ("value", "kind", "subject", "source_group", "source_group_or_context")
#: Which automatic coder (analysis module) produces each variable.
CODER_OF = {
    "boilerplate": "clean", "attributed": "attribution", "actor_groups": "attribution",
    "quote_types": "attribution", "hedged": "stance", "unverified": "stance", "confirmed": "stance",
    "denial": "stance", "denial_actor_group": "stance", "question": "stance", "place": "places",
    "claim": "claims", "frame": "frames", "indicator": "frames",
}
LEVELS = ("sentence", "claim", "article")

SENTENCE_COLUMNS = ("article_id", "sentence_id", "text", *SENTENCE_FLAGS, *SENTENCE_SETS, "place", "coded")
CLAIM_COLUMNS = ("article_id", "sentence_id", "claim_key", "number_text", "position", "value", "kind", "subject",
                 "source_group", "context_source_group", "hedged")
FRAME_COLUMNS = ("article_id", "scheme", "frame", "present", "indicators", "evidence")
PROBLEM_COLUMNS = ("coder", "variable", "level", "article_id", "unit_id", "sentence_id", "hand_value",
                   "machine_value", "text", "note")
OBSERVATION_COLUMNS = ("coder", "variable", "level", "kind", "main", "listed", "article_id", "unit_id",
                       "sentence_id", "text", "hand", "machine", "note")
AGREEMENT_COLUMNS = ("coder", "variable", "level", "main", "n_units", "tp", "fp", "fn", "tn", "precision",
                     "recall", "f1", "alpha", "percent_agreement", "human_n_units", "human_f1", "human_alpha",
                     "human_percent_agreement", "note")
CONFUSION_COLUMNS = ("coder", "variable", "level", "hand_value", "machine_value", "n")
DISAGREEMENT_COLUMNS = PROBLEM_COLUMNS
OUTPUT_FILES = {"agreement": "validation_agreement.csv", "confusion": "validation_confusion.csv",
                "disagreements": "validation_disagreements.csv"}
PROCESSED_INPUTS = ("sentences", "stance", "attributions", "claims", "places", "frames")
#: Below this many units an alpha is flagged as unstable (README step 6: five articles = five units).
FEW_UNITS = 20


# --------------------------------------------------------------------------------------------------
# Coding tables (hand or machine, one format)
# --------------------------------------------------------------------------------------------------

@dataclass
class Coding:
    """One coder's coding in the hand-coding format: sentences, claims, frames, and unreadable rows."""

    sentences: pd.DataFrame
    claims: pd.DataFrame
    frames: pd.DataFrame
    problems: pd.DataFrame = field(default_factory=lambda: empty_table(PROBLEM_COLUMNS))

    @property
    def article_ids(self) -> list[str]:
        """The articles this coding covers, sorted."""
        ids = set(self.sentences["article_id"]) | set(self.claims["article_id"]) | set(self.frames["article_id"])
        return sorted(str(article_id) for article_id in ids)


@dataclass
class HandCoding:
    """The adjudicated hand coding (the reference), both coding passes, and the coding log."""

    adjudicated: Coding
    pass1: Coding
    pass2: Coding
    log: pd.DataFrame
    missing: list[str] = field(default_factory=list)  # files that were absent or unreadable, with why

    @property
    def empty(self) -> bool:
        """True when there is no adjudicated sentence, claim or frame row."""
        return not self.adjudicated.article_ids


def empty_table(columns: Sequence[str]) -> pd.DataFrame:
    """A table with these (text) columns and no rows."""
    return pd.DataFrame({column: pd.Series(dtype=str) for column in columns})


def empty_coding() -> Coding:
    """A coding without any row."""
    return Coding(empty_table(SENTENCE_COLUMNS), empty_table(CLAIM_COLUMNS), empty_table(FRAME_COLUMNS))


# --------------------------------------------------------------------------------------------------
# Normalising cell values
# --------------------------------------------------------------------------------------------------

_TRUE, _FALSE = {"true", "1", "yes"}, {"false", "0", "no"}


def parse_bool(value: object) -> bool | None:
    """A True/False cell as a bool (spreadsheet spellings too); None when it is neither."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    return None


def normalize_list(value: object) -> str:
    """A " | "-joined cell as its sorted, stripped, de-duplicated values, " | "-joined ("" when empty)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return JOIN.join(sorted({part.strip() for part in str(value).split("|") if part.strip()}))


def number_key(value: object) -> str:
    """A number as comparable text: 10000, 10000.0 and "10000" all give "10000"; empty stays ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        return text
    if math.isnan(number):
        return ""
    return str(int(number)) if number.is_integer() else f"{number:g}"


def squeeze(text: object) -> str:
    """Text without any whitespace (spaces, no-break spaces, line breaks), case-folded: "10 000" → "10000"."""
    return re.sub(r"\s+", "", str(text or "")).casefold()


def number_in(needle: str, haystack: str) -> bool:
    """Whether a number text occurs in a claim's text, whitespace and case ignored, not inside a longer
    number ("30" is in "au moins 30" but not in "300"). Written with re: no library matches number
    expressions across the two codings' different spans ("10 000" vs "quelque 10 000")."""
    needle, haystack = squeeze(needle), squeeze(haystack)
    if not needle:
        return False
    return re.search(rf"(?<!\d){re.escape(needle)}(?!\d)", haystack) is not None


def claim_key(sentence_id: str, number_text: str, occurrence: object) -> str:
    """The hand claim key of the README: sentence id, number text without whitespace, occurrence."""
    squeezed = re.sub(r"\s+", "", str(number_text))
    return f"{sentence_id}#{squeezed}#{occurrence}"


def hand_indicator_id(machine_id: str) -> str:
    """The codebook's id of a frames.yaml indicator: "conflict_q1" → "con1", "human_interest_q3" → "hum3".

    The codebook (§3.1) names each generic indicator by the first three letters of its frame and its
    question number; frames.yaml numbers the same questions in the same order.
    """
    match = re.fullmatch(r"([a-z_]+)_q(\d+)", machine_id.strip())
    return f"{match.group(1)[:3]}{match.group(2)}" if match else machine_id.strip()


# --------------------------------------------------------------------------------------------------
# Reading the hand coding
# --------------------------------------------------------------------------------------------------

_HAND_REQUIRED = {
    "sentences": ("article_id", "sentence_id", "text", *SENTENCE_FLAGS[1:], *SENTENCE_SETS, "place"),
    "claims": ("article_id", "sentence_id", "number_text", "kind", "subject", "source_group", "hedged"),
    "frames": ("article_id", "scheme", "frame", "present"),
}


def _problem(level: str, article_id: object, unit_id: object, note: str, text: object = "",
             variable: str = "input", hand: object = "", machine: object = "", sentence_id: object = "") -> dict:
    return {"coder": "", "variable": variable, "level": level, "article_id": str(article_id or ""),
            "unit_id": str(unit_id or ""), "sentence_id": str(sentence_id or ""), "hand_value": str(hand),
            "machine_value": str(machine), "text": str(text or ""), "note": note}


def read_hand_file(path: Path, required: Sequence[str]) -> tuple[pd.DataFrame | None, str]:
    """A hand-coding CSV as text cells, or (None, why) when it is absent, unreadable or lacks columns."""
    if not path.exists():
        return None, f"{path.name}: absent"
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as error:
        return None, f"{path.name}: unreadable ({type(error).__name__}: {error})"
    missing = [column for column in required if column not in frame.columns]
    if missing:
        return None, f"{path.name}: lacks the column(s) {', '.join(missing)}"
    return frame, ""


def _hand_sentences(raw: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[dict]]:
    rows, problems, seen = [], [], set()
    for record in raw.to_dict("records"):
        sentence_id, article_id = record["sentence_id"].strip(), record["article_id"].strip()
        flags = {flag: parse_bool(record.get(flag, "False" if flag == "boilerplate" else None))
                 for flag in SENTENCE_FLAGS}
        place = str(record["place"]).strip().lower() or "none"
        bad = [f"{flag}={record.get(flag)!r}" for flag, value in flags.items() if value is None]
        if place not in PLACE_SETS:
            bad.append(f"place={record['place']!r}")
        if bad or sentence_id in seen or not sentence_id:
            why = f"invalid value(s) {', '.join(bad)}" if bad else "sentence id empty or repeated"
            problems.append(_problem("sentence", article_id, sentence_id, f"{name}: {why}; row not scored",
                                     record.get("text", ""), sentence_id=sentence_id))
            continue
        seen.add(sentence_id)
        rows.append({"article_id": article_id, "sentence_id": sentence_id, "text": record["text"], **flags,
                     **{column: normalize_list(record[column]) for column in SENTENCE_SETS}, "place": place,
                     "coded": True})
    return pd.DataFrame(rows, columns=list(SENTENCE_COLUMNS)), problems


def _hand_claims(raw: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[dict]]:
    rows, problems, seen = [], [], set()
    for record in raw.to_dict("records"):
        sentence_id = record["sentence_id"].strip()
        occurrence = str(record.get("occurrence", "") or "1").strip()
        hedged = parse_bool(record["hedged"])
        key = claim_key(sentence_id, record["number_text"], occurrence)
        if hedged is None or not occurrence.isdigit() or not squeeze(record["number_text"]) or key in seen:
            problems.append(_problem("claim", record["article_id"], key,
                                     f"{name}: invalid hedged/occurrence/number_text or repeated key; not scored",
                                     sentence_id=sentence_id))
            continue
        seen.add(key)
        rows.append({"article_id": record["article_id"].strip(), "sentence_id": sentence_id, "claim_key": key,
                     "number_text": record["number_text"].strip(), "position": int(occurrence),
                     "value": number_key(record.get("value", "")), "kind": record["kind"].strip(),
                     "subject": record["subject"].strip(),
                     "source_group": normalize_list(record["source_group"]) or "none",
                     "context_source_group": normalize_list(record.get("context_source_group", "")),
                     "hedged": hedged})
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS)), problems


def _hand_frames(raw: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[dict]]:
    rows, problems, seen = [], [], set()
    for record in raw.to_dict("records"):
        key = (record["article_id"].strip(), record["scheme"].strip(), record["frame"].strip())
        present = parse_bool(record["present"])
        if present is None or key in seen:
            problems.append(_problem("article", key[0], "/".join(key[1:]),
                                     f"{name}: invalid present={record['present']!r} or repeated row; not scored"))
            continue
        seen.add(key)
        rows.append({"article_id": key[0], "scheme": key[1], "frame": key[2], "present": present,
                     "indicators": normalize_list(record.get("indicators", "")),
                     "evidence": str(record.get("evidence", "") or "")})
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS)), problems


_HAND_PARSERS = {"sentences": _hand_sentences, "claims": _hand_claims, "frames": _hand_frames}


def read_hand_coding(annotations_dir: Path, suffix: str, missing: list[str]) -> Coding:
    """One pass's (or the adjudicated) sentences, claims and frames; absent files give empty tables."""
    tables, problems = {}, []
    for kind, parser in _HAND_PARSERS.items():
        raw, why = read_hand_file(Path(annotations_dir) / f"{kind}_{suffix}.csv", _HAND_REQUIRED[kind])
        if raw is None:
            missing.append(why)
            raw = pd.DataFrame(columns=list(_HAND_REQUIRED[kind]))
        tables[kind], found = parser(raw, f"{kind}_{suffix}.csv")
        problems.extend(found)
    return Coding(tables["sentences"], tables["claims"], tables["frames"],
                  pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS)))


def load_hand_coding(annotations_dir: str | Path = ANNOTATIONS_DIR) -> HandCoding:
    """The adjudicated hand coding, both passes and the log; empty tables when the folder or files are absent."""
    folder = Path(annotations_dir)
    missing: list[str] = []
    if not folder.is_dir():
        missing.append(f"{display_path(folder)}: no such folder")
        coding = empty_coding()
        return HandCoding(coding, empty_coding(), empty_coding(), pd.DataFrame(), missing)
    codings = {suffix: read_hand_coding(folder, suffix, missing) for suffix in ("adjudicated", "pass1", "pass2")}
    log, why = read_hand_file(folder / "coding_log.csv", ("pass", "coder"))
    if log is None:
        missing.append(why)
        log = pd.DataFrame()
    return HandCoding(codings["adjudicated"], codings["pass1"], codings["pass2"], log, missing)


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
    return {str(sentence_id): normalize_list(JOIN.join(group[column].astype(str)))
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
        place_set = normalize_list(JOIN.join(part for part in countries.get(sentence_id, "").split(JOIN)
                                             if part in PLACE_SETS))
        rows.append({"article_id": str(record["article_id"]), "sentence_id": sentence_id,
                     "text": str(record["text"]),
                     # the cleaner keeps only the article's own text: every kept sentence is not boilerplate
                     "boilerplate": False, "attributed": sentence_id in groups or sentence_id in quotes, **flags,
                     "actor_groups": groups.get(sentence_id, ""), "quote_types": quotes.get(sentence_id, ""),
                     "denial_actor_group": normalize_list(coded["denial_actor_group"]) if coded else "",
                     "place": PLACE_OF_SET.get(place_set, "none"), "coded": coded is not None})
    return pd.DataFrame(rows, columns=list(SENTENCE_COLUMNS))


def machine_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims table in the hand format (claim_key = claim_id; number_text = the claim's text)."""
    _require(claims, ("claim_id", "article_id", "sentence_id", "value", "kind", "subject", "source_group",
                      "hedged", "text"), "claims")
    rows = [{"article_id": str(r["article_id"]), "sentence_id": str(r["sentence_id"]), "claim_key": str(r["claim_id"]),
             "number_text": str(r["text"]), "position": int(r.get("char_start", 0) or 0),
             "value": number_key(r["value"]), "kind": str(r["kind"]), "subject": str(r["subject"]),
             "source_group": normalize_list(r["source_group"]) or "none", "context_source_group": "",
             "hedged": bool(parse_bool(r["hedged"]))}
            for r in claims.sort_values("claim_id").to_dict("records")]
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def machine_frames(frames: pd.DataFrame) -> pd.DataFrame:
    """The frames table in the hand format (indicator ids mapped to the codebook's: conflict_q1 → con1)."""
    _require(frames, ("article_id", "scheme", "frame", "present"), "frames")
    rows = [{"article_id": str(r["article_id"]), "scheme": str(r["scheme"]), "frame": str(r["frame"]),
             "present": bool(parse_bool(r["present"])),
             "indicators": normalize_list(JOIN.join(hand_indicator_id(i) for i in str(r.get("indicators", "") or "")
                                                    .split("|") if i.strip())),
             "evidence": str(r.get("cues", "") or "")}
            for r in frames.sort_values(["article_id", "scheme", "frame"]).to_dict("records")]
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def machine_coding(sentences: pd.DataFrame, stance: pd.DataFrame, attributions: pd.DataFrame, claims: pd.DataFrame,
                   places: pd.DataFrame, frames: pd.DataFrame) -> Coding:
    """The automatic coders' output as one more coder, in the hand-coding format (README step 8)."""
    return Coding(machine_sentences(sentences, stance, attributions, places), machine_claims(claims),
                  machine_frames(frames))


# --------------------------------------------------------------------------------------------------
# Joining two codings into observations (one row per unit × variable)
# --------------------------------------------------------------------------------------------------

def join_sentences(reference: Coding, other: Coding) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentence pairs joined on id whose texts are identical, and every row that could not be paired.

    Not paired (reported, not scored): a reference id the other coding lacks, a sentence the other
    coder did not code, a text that differs (the article was re-segmented: re-code it), and a sentence
    of a reference article that the reference lacks (a new sentence id: code it).
    """
    ref, oth = reference.sentences, other.sentences
    merged = ref.merge(oth, on="sentence_id", how="left", suffixes=("_hand", "_machine"), indicator=True)
    gone = merged["_merge"] == "left_only"
    uncoded = ~gone & ~merged["coded_machine"].fillna(False).astype(bool)
    differs = ~gone & ~uncoded & (merged["text_hand"].astype(str) != merged["text_machine"].astype(str))
    problems = []
    for mask, note in ((gone, "sentence id not in the other coding (re-segmented or removed): re-code"),
                       (uncoded, "sentence not coded by the other coder (article not analysed)"),
                       (differs, "sentence text differs from the other coding (re-segmented): re-code")):
        for row in merged.loc[mask].to_dict("records"):
            problems.append(_problem("sentence", row["article_id_hand"], row["sentence_id"], note, row["text_hand"],
                                     variable="join", hand=row["text_hand"],
                                     machine="" if pd.isna(row["text_machine"]) else row["text_machine"],
                                     sentence_id=row["sentence_id"]))
    extra = oth.loc[oth["article_id"].isin(set(ref["article_id"])) & ~oth["sentence_id"].isin(set(ref["sentence_id"]))]
    for row in extra.to_dict("records"):
        problems.append(_problem("sentence", row["article_id"], row["sentence_id"],
                                 "sentence of a hand-coded article missing from the hand coding: code it",
                                 row["text"], variable="join", machine=row["text"], sentence_id=row["sentence_id"]))
    pairs = merged.loc[~(gone | uncoded | differs)].drop(columns=["_merge", "article_id_machine", "text_machine"])
    pairs = pairs.rename(columns={"article_id_hand": "article_id", "text_hand": "text"})
    return pairs.sort_values("sentence_id").reset_index(drop=True), pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS))


def _obs(coder: str, variable: str, level: str, kind: str, hand: object, machine: object, *, article_id: str,
         unit_id: str, sentence_id: str = "", text: str = "", main: bool = False, listed: bool = True,
         note: str = "") -> dict:
    return {"coder": coder, "variable": variable, "level": level, "kind": kind, "main": main, "listed": listed,
            "article_id": article_id, "unit_id": unit_id, "sentence_id": sentence_id, "text": text,
            "hand": str(hand), "machine": str(machine), "note": note}


def _members(variable: str, value: str) -> tuple[str, ...]:
    """The members of a set value (a place value as its countries)."""
    if variable == "place":
        return PLACE_SETS.get(value, ())
    return tuple(part for part in value.split(JOIN) if part)


def sentence_observations(pairs: pd.DataFrame) -> list[dict]:
    """Observations of every sentence variable: flags, sets (whole and per value) and place."""
    out: list[dict] = []
    records = pairs.to_dict("records")
    for flag in SENTENCE_FLAGS:
        out += [_obs(CODER_OF[flag], flag, "sentence", "binary", r[f"{flag}_hand"], r[f"{flag}_machine"],
                     article_id=r["article_id"], unit_id=r["sentence_id"], sentence_id=r["sentence_id"],
                     text=r["text"], main=True) for r in records]
    for variable in (*SENTENCE_SETS, "place"):
        coder = CODER_OF[variable]
        out += [_obs(coder, variable, "sentence", "set", r[f"{variable}_hand"], r[f"{variable}_machine"],
                     article_id=r["article_id"], unit_id=r["sentence_id"], sentence_id=r["sentence_id"],
                     text=r["text"], main=True) for r in records]
        values = sorted({member for r in records for side in ("hand", "machine")
                         for member in _members(variable, r[f"{variable}_{side}"])})
        for value in values:
            out += [_obs(coder, f"{variable}={value}", "sentence", "binary",
                         value in _members(variable, r[f"{variable}_hand"]),
                         value in _members(variable, r[f"{variable}_machine"]), article_id=r["article_id"],
                         unit_id=r["sentence_id"], sentence_id=r["sentence_id"], text=r["text"], listed=False)
                    for r in records]
    return out


def match_claims(reference: pd.DataFrame, other: pd.DataFrame) -> list[tuple[dict | None, dict | None]]:
    """Pairs (reference claim, other claim) within each sentence; None where a claim has no partner.

    A pair is made when the other claim's text contains the reference number text (whitespace removed,
    README step 8), else when both give the same value; claims are taken in order (occurrence, text
    position), so the second "100" of a sentence pairs with the second.
    """
    pairs: list[tuple[dict | None, dict | None]] = []
    sentence_ids = sorted(set(reference["sentence_id"]) | set(other["sentence_id"]))
    ref_by = {key: group.sort_values(["position", "claim_key"]).to_dict("records")
              for key, group in reference.groupby("sentence_id")}
    oth_by = {key: group.sort_values(["position", "claim_key"]).to_dict("records")
              for key, group in other.groupby("sentence_id")}
    for sentence_id in sentence_ids:
        refs, others = ref_by.get(sentence_id, []), list(oth_by.get(sentence_id, []))
        partner: dict[int, dict] = {}
        for test in (lambda r, o: number_in(r["number_text"], o["number_text"]),
                     lambda r, o: r["value"] != "" and r["value"] == o["value"]):
            for index, ref in enumerate(refs):
                if index in partner:
                    continue
                found = next((o for o in others if test(ref, o)), None)
                if found is not None:
                    partner[index] = found
                    others.remove(found)
        pairs += [(ref, partner.get(index)) for index, ref in enumerate(refs)]
        pairs += [(None, o) for o in others]
    return pairs


def _with_context(claim: dict) -> dict:
    """A claim with ``source_group_or_context``: its own source group, else the paragraph's (hand
    ``context_source_group``), else none. The machine inherits the preceding sentence's source into
    ``source_group`` itself, so this is the variable that compares like with like."""
    own = claim["source_group"]
    return {**claim, "source_group_or_context": own if own != "none" else (claim["context_source_group"] or "none")}


def claim_observations(reference: Coding, other: Coding, pairs: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Claim detection (found by both, by one) and, on matched claims, value, kind, subject, source, hedged."""
    scored = set(pairs["sentence_id"])
    text_of = dict(zip(pairs["sentence_id"], pairs["text"]))
    ref, oth = reference.claims, other.claims
    problems = [_problem("claim", r["article_id"], r["claim_key"],
                         "claim on a sentence that could not be joined (see the join rows): not scored",
                         sentence_id=r["sentence_id"], hand=r["number_text"])
                for r in ref.loc[~ref["sentence_id"].isin(scored)].to_dict("records")]
    out: list[dict] = []
    for hand, machine in match_claims(ref.loc[ref["sentence_id"].isin(scored)], oth.loc[oth["sentence_id"].isin(scored)]):
        some = hand or machine
        unit = hand["claim_key"] if hand else machine["claim_key"]
        note = f"matched {machine['claim_key']}" if hand and machine else ""
        common = {"article_id": some["article_id"], "unit_id": unit, "sentence_id": some["sentence_id"],
                  "text": text_of.get(some["sentence_id"], "")}
        out.append(_obs("claims", "claim_detection", "claim", "detection", hand["number_text"] if hand else "",
                        machine["number_text"] if machine else "", main=True, note=note, **common))
        if not (hand and machine):
            continue
        hand_values, machine_values = _with_context(hand), _with_context(machine)
        for attribute in CLAIM_NOMINALS:
            out.append(_obs("claims", f"claim.{attribute}", "claim", "nominal", hand_values[attribute],
                            machine_values[attribute], main=True, note=note, **common))
        out.append(_obs("claims", "claim.hedged", "claim", "binary", hand["hedged"], machine["hedged"], main=True,
                        note=note, **common))
    return out, problems


def frame_observations(reference: Coding, other: Coding) -> tuple[list[dict], list[dict]]:
    """Frames present per (article, scheme, frame), pooled per scheme, and the generic indicators."""
    keys = ["article_id", "scheme", "frame"]
    merged = reference.frames.merge(other.frames, on=keys, how="left", suffixes=("_hand", "_machine"), indicator=True)
    missing = merged["_merge"] == "left_only"
    problems = [_problem("article", r["article_id"], f"{r['scheme']}/{r['frame']}",
                         "frame not coded by the other coder (article not analysed): not scored")
                for r in merged.loc[missing].to_dict("records")]
    records = merged.loc[~missing].sort_values(keys).to_dict("records")
    out: list[dict] = []
    for r in records:
        common = {"article_id": r["article_id"], "unit_id": f"{r['scheme']}/{r['frame']}",
                  "text": r["evidence_hand"], "note": f"machine cues: {r['evidence_machine']}"
                  if r["evidence_machine"] else ""}
        out.append(_obs("frames", f"frame:{r['scheme']}/{r['frame']}", "article", "binary", r["present_hand"],
                        r["present_machine"], **common))
    for scheme in sorted({r["scheme"] for r in records}):
        out += [_obs("frames", f"frames:{scheme}", "article", "binary", r["present_hand"], r["present_machine"],
                     article_id=r["article_id"], unit_id=f"{r['scheme']}/{r['frame']}", main=True, listed=False)
                for r in records if r["scheme"] == scheme]
    for frame in sorted({r["frame"] for r in records if r["scheme"] == "generic"}):
        rows = [r for r in records if r["scheme"] == "generic" and r["frame"] == frame]
        ids = sorted({i for r in rows for side in ("hand", "machine") for i in _members("", r[f"indicators_{side}"])},
                     key=lambda i: (re.sub(r"\d+$", "", i), int(re.sub(r"^\D*", "", i) or 0)))
        for indicator in ids:
            out += [_obs("frames", f"indicator:{indicator}", "article", "binary",
                         indicator in _members("", r["indicators_hand"]),
                         indicator in _members("", r["indicators_machine"]), article_id=r["article_id"],
                         unit_id=f"generic/{frame}/{indicator}") for r in rows]
    return out, problems


def restrict(coding: Coding, article_ids: Iterable[str]) -> Coding:
    """The part of a coding about these articles."""
    keep = set(article_ids)
    return Coding(*(table.loc[table["article_id"].isin(keep)].reset_index(drop=True)
                    for table in (coding.sentences, coding.claims, coding.frames)),
                  coding.problems.loc[coding.problems["article_id"].isin(keep)].reset_index(drop=True))


def shared_articles(reference: Coding, other: Coding) -> list[str]:
    """The reference's articles that the other coding has sentences of (the run's hand-coded articles)."""
    present = set(other.sentences["article_id"])
    return [article_id for article_id in reference.article_ids if article_id in present]


def observations(reference: Coding, other: Coding) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every scored unit × variable with both codings (as text), and every row left out, with why.

    A hand-coded article absent from the other coding altogether (a run on another corpus) gives one
    row saying so, not one row per sentence.
    """
    shared = shared_articles(reference, other)
    absent = [_problem("article", article_id, article_id, "hand-coded article not in this run's sentences.csv: "
                       "its hand coding is not used", variable="join") for article_id in reference.article_ids
              if article_id not in shared]
    reference = restrict(reference, shared)
    pairs, join_problems = join_sentences(reference, other)
    claims, claim_problems = claim_observations(reference, other, pairs)
    frames, frame_problems = frame_observations(reference, other)
    rows = sentence_observations(pairs) + claims + frames
    problems = [*absent, *reference.problems.to_dict("records"), *other.problems.to_dict("records"),
                *join_problems.to_dict("records"), *claim_problems, *frame_problems]
    return (pd.DataFrame(rows, columns=list(OBSERVATION_COLUMNS)),
            pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS)))


# --------------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------------

def nominal_alpha(first: Sequence[object], second: Sequence[object]) -> float:
    """Krippendorff's alpha (nominal) of two codings of the same units; NaN when undefined (one value only)."""
    first, second = [str(v) for v in first], [str(v) for v in second]
    values = sorted(set(first) | set(second))
    if not first or len(values) < 2:
        return float("nan")
    codes = {value: code for code, value in enumerate(values)}
    data = np.array([[codes[v] for v in first], [codes[v] for v in second]], dtype=float)
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except (ValueError, ZeroDivisionError):
        return float("nan")


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def confusion_counts(kind: str, variable: str, hand: Sequence[str], machine: Sequence[str]) -> dict[str, float]:
    """tp, fp, fn, tn of one variable (micro over the values of a set; tn undefined for claim detection)."""
    if kind == "binary":
        pairs = [(h == "True", m == "True") for h, m in zip(hand, machine)]
        return {"tp": sum(h and m for h, m in pairs), "fp": sum(m and not h for h, m in pairs),
                "fn": sum(h and not m for h, m in pairs), "tn": sum(not h and not m for h, m in pairs)}
    if kind == "detection":
        return {"tp": sum(bool(h) and bool(m) for h, m in zip(hand, machine)),
                "fp": sum(bool(m) and not h for h, m in zip(hand, machine)),
                "fn": sum(bool(h) and not m for h, m in zip(hand, machine)), "tn": float("nan")}
    if kind == "set":
        sets = [(set(_members(variable, h)), set(_members(variable, m))) for h, m in zip(hand, machine)]
        universe = set().union(*(h | m for h, m in sets)) if sets else set()
        return {"tp": sum(len(h & m) for h, m in sets), "fp": sum(len(m - h) for h, m in sets),
                "fn": sum(len(h - m) for h, m in sets), "tn": sum(len(universe - (h | m)) for h, m in sets)}
    return {"tp": float("nan"), "fp": float("nan"), "fn": float("nan"), "tn": float("nan")}


def score_variable(kind: str, variable: str, hand: Sequence[str], machine: Sequence[str]) -> dict[str, float]:
    """n, confusion counts, precision, recall, F1, alpha and percent agreement of one variable."""
    counts = confusion_counts(kind, variable, hand, machine)
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    n = len(hand)
    if kind == "detection":
        alpha, agreement = float("nan"), 100 * _ratio(tp, tp + fp + fn)
    else:
        alpha = nominal_alpha(hand, machine)
        agreement = 100 * _ratio(sum(h == m for h, m in zip(hand, machine)), n)
    return {"n_units": n, **counts, "precision": precision, "recall": recall, "f1": f1, "alpha": alpha,
            "percent_agreement": agreement}


def _note(kind: str, n: int, alpha: float) -> str:
    notes = []
    if kind == "detection":
        notes.append("agreed absences are not rows: no alpha")
    elif math.isnan(alpha) and n:
        notes.append("alpha undefined: one value only")
    if kind == "set":
        notes.append("P/R/F1 micro-averaged over the set's values; alpha on the whole set")
    if 0 < n < FEW_UNITS:
        notes.append(f"n={n}: alpha unstable")
    return "; ".join(notes)


def score(observed: pd.DataFrame) -> pd.DataFrame:
    """One row per variable (in the order observed): counts, P/R/F1, alpha, percent agreement, note."""
    rows = []
    for variable, part in observed.groupby("variable", sort=False):
        first = part.iloc[0]
        scores = score_variable(first["kind"], variable, list(part["hand"]), list(part["machine"]))
        rows.append({"coder": first["coder"], "variable": variable, "level": first["level"],
                     "main": bool(first["main"]), **scores,
                     "note": _note(first["kind"], scores["n_units"], scores["alpha"])})
    columns = [c for c in AGREEMENT_COLUMNS if not c.startswith("human_")]
    return pd.DataFrame(rows, columns=columns)


def _reference(hand: HandCoding | Coding) -> Coding:
    return hand.adjudicated if isinstance(hand, HandCoding) else hand


def human_agreement(hand: HandCoding, article_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Pass 1 against pass 2 (on ``article_ids``, default all) with the same variables and code as the
    machine's scores (README step 6)."""
    first, second = hand.pass1, hand.pass2
    if article_ids is not None:
        first, second = restrict(first, article_ids), restrict(second, article_ids)
    if not first.article_ids or not second.article_ids:
        return score(pd.DataFrame(columns=list(OBSERVATION_COLUMNS)))
    return score(observations(first, second)[0])


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    for column in ("n_units", "human_n_units", "tp", "fp", "fn", "tn"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("Int64")
    for column in ("precision", "recall", "f1", "alpha", "percent_agreement", "human_f1", "human_alpha",
                   "human_percent_agreement"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype(float)
    table["main"] = table["main"].astype(bool)
    for column in ("coder", "variable", "level", "note"):
        table[column] = table[column].fillna("").astype(str)
    return table


def agreement(hand: HandCoding | Coding, machine: Coding) -> pd.DataFrame:
    """Each variable's agreement of the machine with the adjudicated coding, the two passes' beside it."""
    table = score(observations(_reference(hand), machine)[0])
    if isinstance(hand, HandCoding):  # the passes on the articles the machine is scored on
        human = human_agreement(hand, shared_articles(hand.adjudicated, machine))
    else:
        human = score(pd.DataFrame(columns=list(OBSERVATION_COLUMNS)))
    human = human[["variable", "n_units", "f1", "alpha", "percent_agreement"]].rename(
        columns={"n_units": "human_n_units", "f1": "human_f1", "alpha": "human_alpha",
                 "percent_agreement": "human_percent_agreement"})
    table = table.merge(human, on="variable", how="left")
    return _typed(table.reindex(columns=list(AGREEMENT_COLUMNS)))


def confusion_tables(hand: HandCoding | Coding, machine: Coding) -> pd.DataFrame:
    """Counts of (hand value, machine value) for every variable listed (per-value and pooled rows aside)."""
    observed, _ = observations(_reference(hand), machine)
    observed = observed.loc[observed["listed"].astype(bool)].copy()
    detection = observed["kind"] == "detection"
    for side in ("hand", "machine"):
        observed.loc[detection, side] = observed.loc[detection, side].map(lambda v: "claim" if v else "no claim")
    if observed.empty:
        return empty_table(CONFUSION_COLUMNS).astype({"n": int})
    order = {variable: rank for rank, variable in enumerate(dict.fromkeys(observed["variable"]))}
    table = (observed.groupby(["coder", "variable", "level", "hand", "machine"], sort=False).size()
             .reset_index(name="n").rename(columns={"hand": "hand_value", "machine": "machine_value"}))
    table["_rank"] = table["variable"].map(order)
    table = table.sort_values(["_rank", "hand_value", "machine_value"], kind="stable").drop(columns="_rank")
    return table.reset_index(drop=True)[list(CONFUSION_COLUMNS)]


def disagreements(hand: HandCoding | Coding, machine: Coding) -> pd.DataFrame:
    """Every unit where the machine differs from the hand coding, then every row that could not be scored."""
    observed, problems = observations(_reference(hand), machine)
    detection = observed["kind"] == "detection"
    differs = (observed["hand"] != observed["machine"]) & ~detection
    missed = detection & ((observed["hand"] == "") != (observed["machine"] == ""))
    differ = observed.loc[observed["listed"].astype(bool) & (differs | missed)]
    differ = differ.rename(columns={"hand": "hand_value", "machine": "machine_value"})
    order = {variable: rank for rank, variable in enumerate(dict.fromkeys(observed["variable"]))}
    differ = differ.assign(_rank=differ["variable"].map(order)).sort_values(
        ["_rank", "article_id", "unit_id"], kind="stable")
    problems = problems.assign(_rank=len(order)).sort_values(["_rank", "variable", "article_id", "unit_id"],
                                                              kind="stable")
    table = pd.concat([frame for frame in (differ, problems) if len(frame)], ignore_index=True) \
        if len(differ) or len(problems) else empty_table(DISAGREEMENT_COLUMNS)
    table = table.reindex(columns=list(DISAGREEMENT_COLUMNS))
    return table.fillna("").astype(str).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Whole corpus: read, score, write
# --------------------------------------------------------------------------------------------------

def read_processed(processed_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The processed tables the machine coding needs; a missing one is a ConfigError that says what to run."""
    folder = Path(processed_dir)
    missing = [f"{name}.csv" for name in PROCESSED_INPUTS if not (folder / f"{name}.csv").exists()]
    if missing:
        raise ConfigError(f"missing processed table(s): {', '.join(missing)}", path=display_path(folder),
                          hint="run notebooks 01_clean, 02_annotate and the frames step of 03_compare first "
                               "(or `make report`)")
    tables = {}
    for name in PROCESSED_INPUTS:
        frame = read_csv(folder / f"{name}.csv")
        for column in frame.columns:
            if frame[column].dtype == object or str(frame[column].dtype).startswith(("str", "string")):
                frame[column] = frame[column].fillna("").astype(str)
        tables[name] = frame
    return tables


def validate_corpus(processed_dir: str | Path, annotations_dir: str | Path = ANNOTATIONS_DIR) -> dict[str, Any]:
    """Score the automatic coders of a processed folder against the hand coding.

    Returns the tables ``agreement``, ``confusion``, ``disagreements`` (written by
    :func:`write_validation`), ``human_agreement`` (pass 1 vs pass 2, recomputed) and the ``hand``
    coding itself (for its log). Without hand coding the tables are empty and the report says so.
    """
    hand = load_hand_coding(annotations_dir)
    if hand.empty:
        empty = {name: validate_table(pd.DataFrame(), name) for name in OUTPUT_FILES}
        return {**empty, "human_agreement": empty["agreement"], "hand": hand}
    tables = read_processed(processed_dir)
    machine = machine_coding(tables["sentences"], tables["stance"], tables["attributions"], tables["claims"],
                             tables["places"], tables["frames"])
    if not shared_articles(hand.adjudicated, machine):  # another corpus: none of its articles is hand-coded
        empty = {name: validate_table(pd.DataFrame(), name) for name in OUTPUT_FILES}
        return {**empty, "human_agreement": empty["agreement"], "hand": hand}
    return {"agreement": validate_table(agreement(hand, machine), "agreement"),
            "confusion": validate_table(confusion_tables(hand, machine), "confusion"),
            "disagreements": validate_table(disagreements(hand, machine), "disagreements"),
            "human_agreement": _typed(human_agreement(hand, shared_articles(hand.adjudicated, machine))
                                      .reindex(columns=list(AGREEMENT_COLUMNS))),
            "hand": hand}


def validate_table(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """A validation table checked against its pandera schema (an empty frame gets the schema's columns)."""
    from analysis.schemas import VALIDATION_SCHEMAS, validate

    columns = {"agreement": AGREEMENT_COLUMNS, "confusion": CONFUSION_COLUMNS,
               "disagreements": DISAGREEMENT_COLUMNS}[name]
    if frame.empty:
        frame = empty_table(columns)
        if name == "agreement":
            frame = _typed(frame)
        elif name == "confusion":
            frame = frame.astype({"n": int})
    return validate(frame.reset_index(drop=True), VALIDATION_SCHEMAS[name])


def write_validation(tables: Mapping[str, pd.DataFrame], processed_dir: str | Path) -> list[Path]:
    """Write validation_agreement.csv, validation_confusion.csv and validation_disagreements.csv."""
    return [write_csv(validate_table(tables[name], name), Path(processed_dir) / file_name)
            for name, file_name in OUTPUT_FILES.items()]


def read_validation(processed_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read back the validation tables (empty tables where a file is absent)."""
    out = {}
    for name, file_name in OUTPUT_FILES.items():
        path = Path(processed_dir) / file_name
        frame = read_csv(path) if path.exists() else pd.DataFrame()
        if name == "agreement" and len(frame):
            frame = _typed(frame)
        elif len(frame):
            text = [c for c in frame.columns if c != "n"]
            frame[text] = frame[text].fillna("").astype(str)
        out[name] = validate_table(frame, name)
    return out


# --------------------------------------------------------------------------------------------------
# What the report says: the weakest variables and who the coders were
# --------------------------------------------------------------------------------------------------

def weakest_variables(table: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The main-table variables with the lowest F1 below 1 (accuracy for nominal claim attributes)."""
    if table.empty:
        return table
    main = table.loc[table["main"].astype(bool)].copy()
    main["_score"] = main["f1"].where(main["f1"].notna(), main["percent_agreement"] / 100)
    weak = main.loc[main["_score"].notna() & (main["_score"] < 1)]
    return weak.sort_values(["_score", "variable"], kind="stable").head(n).drop(columns="_score")


#: Who the hand coders were, when coding_log.csv has no `coder_kind` column to say it. Source: the
#: project lead's record of how the seed articles were hand-coded (two AI coding agents, blind, one day,
#: adjudicated by a third). Add a `coder_kind` column to the log to override it for new batches.
DEFAULT_CODER_KIND = "not recorded (coding_log.csv has no coder_kind column)"


def _dates(log: pd.DataFrame) -> list[str]:
    columns = [c for c in ("started", "finished") if c in log.columns]
    return sorted({str(v).strip() for c in columns for v in log[c] if str(v).strip()})


def coders_statement(log: pd.DataFrame) -> str:
    """Who made the hand coding, from coding_log.csv, and what the pass-1/pass-2 alpha therefore measures."""
    if log is None or log.empty or "pass" not in log.columns:
        return ("No coding log (data/annotations/coding_log.csv) was found: who made the hand coding, and how, "
                "is not recorded, so its reliability cannot be judged.")
    passes = log.loc[log["pass"].astype(str).str.strip().isin(["1", "2"])]
    adjudication = log.loc[log["pass"].astype(str).str.strip() == "adjudication"]
    coders = [f"pass {str(row['pass']).strip()} by {str(row['coder']).strip()}" for row in passes.to_dict("records")]
    kinds = sorted({str(v).strip() for v in log.get("coder_kind", pd.Series(dtype=str)) if str(v).strip()})
    kind = "; ".join(kinds) if kinds else DEFAULT_CODER_KIND
    dates = _dates(passes)
    when = (f"on the same day ({dates[0]})" if len(dates) == 1 else f"between {dates[0]} and {dates[-1]}") \
        if dates else "on dates not recorded"
    notes = " ".join(str(v) for v in passes.get("notes", pd.Series(dtype=str)))
    blind = "each blind to the other pass and to the automatic coders" if "blind" in notes.lower() else \
        "the log does not say whether the passes were blind"
    adjudicator = ", and adjudicated by a third coder (log id: " + ", ".join(
        str(c).strip() for c in adjudication["coder"]) + ")" if len(adjudication) else ", and not adjudicated"
    same_coder = len({str(c).strip() for c in passes["coder"]}) < len(passes)
    gap = " by one coder, without the 7-day gap the README asks for" if same_coder and len(dates) == 1 else ""
    opening = (f"The hand coding was made in {len(passes)} pass(es) ({'; '.join(coders)}){gap}, {when}, working "
               f"from the codebook, {blind}{adjudicator}, according to data/annotations/coding_log.csv. "
               f"The coders were: {kind}.")
    if any(word in kind.lower() for word in ("language model", "ai ")):
        return opening + (" The pass-1/pass-2 alpha therefore measures the agreement between two independent "
                          "readings by instances of one model, not human inter-coder reliability; it is a "
                          "limitation of this validation that no person coded the articles, and the adjudicated "
                          "coding is a reference only in this sense.")
    return opening + " The pass-1/pass-2 alpha measures the agreement between these coders."
