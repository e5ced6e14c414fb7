"""Codings in one format (hand or machine): the tables, the cell normalisation, reading the hand coding.

The hand coding of ``data/annotations`` (see its README and CODEBOOK) is the reference: the adjudicated
sentences, claims and frames, both coding passes and the coding log.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.core.paths import ANNOTATIONS_DIR, display_path
from analysis.core.tables import LIST_SEPARATOR

SENTENCE_FLAGS = ("boilerplate", "attributed", "hedged", "unverified", "confirmed", "denial", "question")
SENTENCE_SETS = ("actor_groups", "quote_types", "denial_actor_group")
#: A sentence's place as the set of countries it names (codebook §1.9: both = the two countries).
PLACE_SETS = {"ukraine": ("ukraine",), "russia": ("russia",), "both": ("russia", "ukraine"), "none": ()}
PLACE_OF_SET = {LIST_SEPARATOR.join(members): value for value, members in PLACE_SETS.items()}
CLAIM_NOMINALS = ("value", "kind", "subject", "source_group", "source_group_or_context", "precision")
#: The codebook's qualifier (§2) in the claims coder's four precision classes (claims.yaml rule 9).
PRECISION_OF_QUALIFIER = {"exact": "exact", "at_least": "bounded", "at_most": "bounded", "range": "bounded",
                          "about": "approximate", "vague": "vague"}
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
                 "source_group", "context_source_group", "hedged", "precision")
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
    return LIST_SEPARATOR.join(sorted({part.strip() for part in str(value).split("|") if part.strip()}))


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


def problem_row(level: str, article_id: object, unit_id: object, note: str, text: object = "",
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
            problems.append(problem_row("sentence", article_id, sentence_id, f"{name}: {why}; row not scored",
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
            problems.append(problem_row("claim", record["article_id"], key,
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
                     "hedged": hedged,
                     "precision": PRECISION_OF_QUALIFIER.get(str(record.get("qualifier", "") or "").strip(), "")})
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS)), problems


def _hand_frames(raw: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[dict]]:
    rows, problems, seen = [], [], set()
    for record in raw.to_dict("records"):
        key = (record["article_id"].strip(), record["scheme"].strip(), record["frame"].strip())
        present = parse_bool(record["present"])
        if present is None or key in seen:
            problems.append(problem_row("article", key[0], "/".join(key[1:]),
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


