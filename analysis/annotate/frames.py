"""Frame coding: generic (Semetko & Valkenburg 2000) and policy (Boydstun et al. 2014) frames.

The codebook lives in ``analysis/resources/frames.yaml`` (its header explains how a rule matches).
This module loads and checks it, matches its rules against each sentence's lemmas, normalised text
and coded evidence (denials, attributions, claims), and turns matches into one row per article ×
frame, with the sentence ids and cues that produced each score.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core.errors import ConfigError
from analysis.core.executor import map_chunks
from analysis.core.lexicon import load_yaml, stop_words
from analysis.core.nlp import resolve_n_process
from analysis.core.paths import display_path, resource
from analysis.core.schemas import CLAIM_KINDS
from analysis.core.tables import LIST_SEPARATOR, read_csv
from analysis.core.text import fold, squash_spaces

CODEBOOK_FILE = "frames.yaml"
SCHEMES = ("generic", "policy")
SENTENCE_KINDS = ("headline", "heading", "body")
RULE_KEYS = frozenset(
    {"lemmas", "with_lemmas", "regex", "not_regex", "denial", "min_actor_sides", "claim_kinds", "why"}
)
TOP_LEVEL_KEYS = frozenset({"version", "actor_sides", "lexicons", "schemes"})
FRAME_COLUMNS = ["article_id", "scheme", "frame", "score", "present", "evidence_sentence_ids",
                 "indicators", "cues"]
OUTLET_COLUMNS = ["scheme", "frame", "mean_score", "share_present", "n_articles"]

# A stored lemma is the lowercase lemma of an alphabetic token (spaCy's ``is_alpha``).
_LEMMA_WORD = re.compile(r"^[^\W\d_]+$")
_WORD = re.compile(r"[^\W\d_]+")


# --------------------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------------------

def normalize_text(text: str) -> str:
    """Case-fold, turn typographic apostrophes into ', and collapse runs of whitespace to one space."""
    return squash_spaces(fold(unicodedata.normalize("NFC", str(text)))).casefold()


# --------------------------------------------------------------------------------------------------
# The codebook
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SentenceFeatures:
    """What the rules can see of one sentence."""

    sentence_id: str
    text: str
    lemmas: tuple[str, ...]
    denial: bool = False
    actor_groups: frozenset[str] = frozenset()
    claim_kinds: frozenset[str] = frozenset()

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The alphabetic words of the normalised text, as written."""
        return tuple(_WORD.findall(self.text))

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Lemmas plus surface words: a cue also matches a word the lemmatiser got wrong."""
        return frozenset(self.lemmas) | frozenset(self.words)

    @cached_property
    def lines(self) -> tuple[str, str]:
        """Lemmas and words joined by spaces and padded, for multi-word entries."""
        return " " + " ".join(self.lemmas) + " ", " " + " ".join(self.words) + " "


def _find_lemma(entries: tuple[tuple[str, ...], ...], sentence: SentenceFeatures) -> str | None:
    """The first entry (one word or a run of consecutive words) found in the sentence, or None."""
    vocabulary, lines = sentence.vocabulary, sentence.lines
    for entry in entries:
        if len(entry) == 1:
            if entry[0] in vocabulary:
                return entry[0]
        elif any(f" {' '.join(entry)} " in line for line in lines):
            return " ".join(entry)
    return None


@dataclass(frozen=True)
class Rule:
    """One cue rule: every condition given must hold (see the codebook header)."""

    lemmas: tuple[tuple[str, ...], ...] = ()
    with_lemmas: tuple[tuple[str, ...], ...] = ()
    regex: re.Pattern | None = None
    not_regex: re.Pattern | None = None
    denial: bool | None = None
    min_actor_sides: int | None = None
    claim_kinds: frozenset[str] | None = None
    why: str = ""

    def match(self, sentence: SentenceFeatures, sides: Mapping[str, str] | None = None) -> str | None:
        """The cue that matched (e.g. "séoul+mesure"), or None when the rule does not match."""
        cues: list[str] = []
        for entries in (self.lemmas, self.with_lemmas):
            if entries:
                found = _find_lemma(entries, sentence)
                if found is None:
                    return None
                cues.append(found)
        if self.regex is not None:
            found_text = self.regex.search(sentence.text)
            if found_text is None:
                return None
            cues.append(found_text.group(0).strip())
        if self.not_regex is not None and self.not_regex.search(sentence.text):
            return None
        if self.denial is not None:
            if sentence.denial != self.denial:
                return None
            cues.append("denial" if self.denial else "no denial")
        if self.min_actor_sides is not None:
            voiced = sorted({sides[group] for group in sentence.actor_groups if group in (sides or {})})
            if len(voiced) < self.min_actor_sides:
                return None
            cues.append("sides:" + "+".join(voiced))
        if self.claim_kinds is not None:
            kinds = sorted(sentence.claim_kinds & self.claim_kinds)
            if not kinds:
                return None
            cues.append("claim:" + "+".join(kinds))
        return "+".join(cues)


@dataclass(frozen=True)
class Indicator:
    """A yes/no question of the generic scheme, answered through its rules."""

    id: str
    question: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Frame:
    """A frame: its label, definition, and either indicators (generic) or cue rules (policy)."""

    name: str
    label: str
    definition: str
    indicators: tuple[Indicator, ...] = ()
    rules: tuple[Rule, ...] = ()
    present_min_sentences: int | None = None  # policy: this frame's own threshold (None: the scheme's)


@dataclass(frozen=True)
class Scheme:
    """A frame scheme with its counting settings."""

    name: str
    title: str
    reference: str
    sentence_kinds: tuple[str, ...]
    frames: tuple[Frame, ...]
    present_min_indicators: int = 2
    present_min_sentences: int = 2
    other_frame: str | None = None


@dataclass(frozen=True)
class Codebook:
    """Both frame schemes, ready for matching."""

    schemes: Mapping[str, Scheme]
    side_of_group: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def frame_names(self, scheme: str) -> list[str]:
        """Frame names of a scheme in codebook order (the residual frame last)."""
        named = [frame.name for frame in self.schemes[scheme].frames]
        other = self.schemes[scheme].other_frame
        return named + ([other] if other else [])


class _Loader:
    """Turns the YAML mapping into a :class:`Codebook`, with errors that name the faulty entry."""

    def __init__(self, raw: Any, path: Path) -> None:
        self.raw = raw
        self.path = path
        self.lexicons: dict[str, list[str]] = {}

    def fail(self, where: str, problem: str, hint: str = "") -> ConfigError:
        """A ConfigError located in the codebook."""
        return ConfigError(f"{where}: {problem}", path=display_path(self.path),
                           hint=hint or "Fix the entry in the frame codebook (its header explains the keys).")

    def load(self) -> Codebook:
        """Check and build the whole codebook."""
        if not isinstance(self.raw, dict):
            raise self.fail("top level", "the codebook must be a mapping with a `schemes:` key")
        unknown = sorted(set(self.raw) - TOP_LEVEL_KEYS)
        if unknown:
            raise self.fail("top level", f"unknown key(s) {unknown}; allowed: {sorted(TOP_LEVEL_KEYS)}")
        lexicons = self.raw.get("lexicons") or {}
        if not isinstance(lexicons, dict):
            raise self.fail("lexicons", "must map a name to a list of lemmas")
        for name, words in lexicons.items():
            if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
                raise self.fail(f"lexicons.{name}", "must be a list of words")
            self.lexicons[str(name)] = words
        schemes_raw = self.raw.get("schemes")
        if not isinstance(schemes_raw, dict):
            raise self.fail("schemes", "missing or not a mapping")
        missing = [name for name in SCHEMES if name not in schemes_raw]
        if missing:
            raise self.fail("schemes", f"missing scheme(s) {missing}; both {list(SCHEMES)} are required")
        extra = sorted(set(schemes_raw) - set(SCHEMES))
        if extra:
            raise self.fail("schemes", f"unknown scheme(s) {extra}; allowed: {list(SCHEMES)}")
        schemes = {name: self.scheme(name, schemes_raw[name]) for name in SCHEMES}
        return Codebook(schemes, self.sides(self.raw.get("actor_sides") or {}), display_path(self.path))

    def sides(self, raw: Any) -> dict[str, str]:
        """Actor group -> side, each group on one side only."""
        if not isinstance(raw, dict):
            raise self.fail("actor_sides", "must map a side name to a list of actor groups")
        side_of: dict[str, str] = {}
        for side, groups in raw.items():
            if not isinstance(groups, list):
                raise self.fail(f"actor_sides.{side}", "must be a list of actor groups")
            for group in map(str, groups):
                if group in side_of and side_of[group] != side:
                    raise self.fail("actor_sides",
                                    f"group {group!r} is on two sides ({side_of[group]}, {side})")
                side_of[group] = str(side)
        return side_of

    def scheme(self, name: str, raw: Any) -> Scheme:
        """One scheme and its frames."""
        where = f"schemes.{name}"
        if not isinstance(raw, dict) or not isinstance(raw.get("frames"), dict) or not raw["frames"]:
            raise self.fail(where, "needs a non-empty `frames:` mapping")
        kinds = tuple(raw.get("sentence_kinds") or SENTENCE_KINDS)
        unknown = [kind for kind in kinds if kind not in SENTENCE_KINDS]
        if unknown:
            raise self.fail(f"{where}.sentence_kinds",
                            f"unknown kind(s) {unknown}; allowed: {list(SENTENCE_KINDS)}")
        frames = tuple(self.frame(name, frame_name, frame_raw)
                       for frame_name, frame_raw in raw["frames"].items())
        ids = [indicator.id for frame in frames for indicator in frame.indicators]
        duplicated = sorted({indicator_id for indicator_id in ids if ids.count(indicator_id) > 1})
        if duplicated:
            raise self.fail(where, f"indicator ids used twice: {duplicated}")
        other = raw.get("other_frame")
        if other is not None and other in raw["frames"]:
            raise self.fail(f"{where}.other_frame", f"{other!r} is also a named frame")
        return Scheme(
            name=name,
            title=str(raw.get("title", name)),
            reference=str(raw.get("reference", "")),
            sentence_kinds=kinds,
            frames=frames,
            present_min_indicators=self.positive_int(raw.get("present_min_indicators", 2),
                                                     f"{where}.present_min_indicators"),
            present_min_sentences=self.positive_int(raw.get("present_min_sentences", 2),
                                                    f"{where}.present_min_sentences"),
            other_frame=str(other) if other is not None else None,
        )

    def positive_int(self, value: Any, where: str) -> int:
        """A threshold that must be a whole number >= 1."""
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(where, f"must be a whole number >= 1, found {value!r}")
        return value

    def frame(self, scheme: str, name: str, raw: Any) -> Frame:
        """One frame: generic frames have indicators, policy frames have rules."""
        where = f"schemes.{scheme}.frames.{name}"
        if not isinstance(raw, dict) or not raw.get("definition"):
            raise self.fail(where, "needs a `definition:` (one sentence saying what the frame is)")
        label, definition = str(raw.get("label", name)), str(raw["definition"]).strip()
        if scheme == "generic":
            indicators_raw = raw.get("indicators")
            if not isinstance(indicators_raw, list) or not indicators_raw:
                raise self.fail(where, "a generic frame needs a non-empty `indicators:` list")
            indicators = tuple(self.indicator(f"{where}.indicators[{index}]", item)
                               for index, item in enumerate(indicators_raw))
            return Frame(name, label, definition, indicators=indicators)
        own = raw.get("present_min_sentences")
        own = None if own is None else self.positive_int(own, f"{where}.present_min_sentences")
        return Frame(name, label, definition, rules=self.rules(where, raw.get("rules")), present_min_sentences=own)

    def indicator(self, where: str, raw: Any) -> Indicator:
        """One indicator question with its rules."""
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("question"):
            raise self.fail(where, "an indicator needs `id:`, `question:` and `rules:`")
        return Indicator(str(raw["id"]), str(raw["question"]).strip(), self.rules(f"{where} ({raw['id']})",
                                                                                  raw.get("rules")))

    def rules(self, where: str, raw: Any) -> tuple[Rule, ...]:
        """A non-empty list of rules."""
        if not isinstance(raw, list) or not raw:
            raise self.fail(where, "needs a non-empty `rules:` list")
        return tuple(self.rule(f"{where}.rules[{index}]", item) for index, item in enumerate(raw))

    def rule(self, where: str, raw: Any) -> Rule:
        """One rule, every key checked."""
        if not isinstance(raw, dict):
            raise self.fail(where, "a rule must be a mapping of conditions")
        unknown = sorted(set(raw) - RULE_KEYS)
        if unknown:
            raise self.fail(where, f"unknown key(s) {unknown}; allowed: {sorted(RULE_KEYS)}")
        if not set(raw) - {"why", "not_regex"}:
            raise self.fail(where, "the rule has no positive condition (lemmas, regex, denial, ...)")
        min_sides = raw.get("min_actor_sides")
        if min_sides is not None:
            min_sides = self.positive_int(min_sides, f"{where}.min_actor_sides")
        denial = raw.get("denial")
        if denial is not None and not isinstance(denial, bool):
            raise self.fail(where, f"`denial` must be true or false, found {denial!r}")
        kinds = raw.get("claim_kinds")
        if kinds is not None and (not isinstance(kinds, list) or not kinds
                                  or any(kind not in CLAIM_KINDS for kind in kinds)):
            raise self.fail(where, f"`claim_kinds` must be a non-empty list drawn from {CLAIM_KINDS}, "
                            f"found {kinds!r}")
        return Rule(
            lemmas=self.lemma_entries(where, raw.get("lemmas"), "lemmas"),
            with_lemmas=self.lemma_entries(where, raw.get("with_lemmas"), "with_lemmas"),
            regex=self.pattern(where, raw.get("regex"), "regex"),
            not_regex=self.pattern(where, raw.get("not_regex"), "not_regex"),
            denial=denial,
            min_actor_sides=min_sides,
            claim_kinds=frozenset(str(kind) for kind in kinds) if kinds is not None else None,
            why=str(raw.get("why", "")).strip(),
        )

    def lemma_entries(self, where: str, raw: Any, key: str) -> tuple[tuple[str, ...], ...]:
        """Expand lexicon references and check that every entry can occur in the lemma column."""
        if raw is None:
            return ()
        if not isinstance(raw, list) or not raw:
            raise self.fail(where, f"`{key}` must be a non-empty list")
        words: list[str] = []
        for item in raw:
            item = str(item)
            if item.startswith("@"):
                if item[1:] not in self.lexicons:
                    raise self.fail(where, f"`{key}` refers to {item!r} but there is no lexicon "
                                    f"{item[1:]!r}; known: {sorted(self.lexicons)}")
                words.extend(self.lexicons[item[1:]])
            else:
                words.append(item)
        entries: list[tuple[str, ...]] = []
        for word in words:
            entry = tuple(normalize_text(word).split(" "))
            bad = [part for part in entry if not _LEMMA_WORD.match(part) or part in stop_words()]
            if bad:
                raise self.fail(where, f"`{key}` entry {word!r} contains {bad}, which can never occur in "
                                "lemmas.csv (only alphabetic, non-stopword lemmas are stored)",
                                hint="Use `regex:` on the text for stopwords, digits and hyphenated words.")
            if entry not in entries:
                entries.append(entry)
        return tuple(entries)

    def pattern(self, where: str, raw: Any, key: str) -> re.Pattern | None:
        """A compiled, normalised regular expression."""
        if raw is None:
            return None
        try:
            return re.compile(fold(str(raw)), re.IGNORECASE)
        except re.error as error:
            raise self.fail(where, f"`{key}` is not a valid regular expression ({error}): {raw!r}") from error


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and check the frame codebook (default: ``analysis/resources/frames.yaml``)."""
    path = Path(path) if path is not None else resource(CODEBOOK_FILE)
    raw = load_yaml(path, "the frame codebook")
    return _Loader(raw, path).load()


def codebook_table(codebook: Codebook | None = None) -> pd.DataFrame:
    """The codebook as a table (scheme, frame, label, definition, indicator, question) for the methods."""
    codebook = codebook or load_codebook()
    rows = []
    for scheme in codebook.schemes.values():
        for frame in scheme.frames:
            base = {"scheme": scheme.name, "frame": frame.name, "label": frame.label,
                    "definition": frame.definition}
            if frame.indicators:
                rows += [{**base, "indicator": ind.id, "question": ind.question} for ind in frame.indicators]
            else:
                rows.append({**base, "indicator": "", "question": ""})
    return pd.DataFrame(rows, columns=["scheme", "frame", "label", "definition", "indicator", "question"])


# --------------------------------------------------------------------------------------------------
# Inputs: one SentenceFeatures per sentence
# --------------------------------------------------------------------------------------------------

def _require(frame: pd.DataFrame | None, columns: Iterable[str], name: str) -> pd.DataFrame:
    """The table, or an empty one with the columns when None; a clear error when columns are missing."""
    columns = list(columns)
    if frame is None:
        return pd.DataFrame(columns=columns)
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks the column(s) {missing}; it has {list(frame.columns)}. "
                         f"Pass the {name} table written by the earlier stage.")
    return frame


def _as_bool(value: Any) -> bool:
    """True/False from a CSV cell that may hold a bool, a string or nothing."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value) if pd.notna(value) else False


def _clean_str(value: Any) -> str:
    """A cell as text, with missing values as ''."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def sentence_features(
    sentences: pd.DataFrame,
    lemmas: pd.DataFrame | None,
    attributions: pd.DataFrame | None = None,
    stance: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
) -> dict[str, list[tuple[str, SentenceFeatures]]]:
    """Per article id, its (kind, features) sentences in id order; other sentences' coded rows are ignored."""
    sentences = _require(sentences, ["sentence_id", "article_id", "kind", "text"], "sentences")
    lemmas = _require(lemmas, ["sentence_id", "lemmas"], "lemmas")
    attributions = _require(attributions, ["sentence_id", "actor_group"], "attributions")
    stance = _require(stance, ["sentence_id", "denial"], "stance")
    claims = _require(claims, ["sentence_id", "kind"], "claims")

    lemma_of = {_clean_str(row.sentence_id): _clean_str(row.lemmas) for row in lemmas.itertuples()}
    denial_of = {_clean_str(row.sentence_id): _as_bool(row.denial) for row in stance.itertuples()}
    groups_of: dict[str, set[str]] = {}
    for row in attributions.itertuples():
        group = _clean_str(row.actor_group).strip()
        if group:
            groups_of.setdefault(_clean_str(row.sentence_id), set()).add(group)
    kinds_of: dict[str, set[str]] = {}
    for row in claims.itertuples():
        kinds_of.setdefault(_clean_str(row.sentence_id), set()).add(_clean_str(row.kind).strip())

    by_article: dict[str, list[tuple[str, SentenceFeatures]]] = {}
    ordered = sentences.assign(sentence_id=sentences["sentence_id"].map(_clean_str))
    ordered = ordered.sort_values("sentence_id", kind="stable")
    for row in ordered.itertuples():
        sentence_id = row.sentence_id
        features = SentenceFeatures(
            sentence_id=sentence_id,
            text=normalize_text(_clean_str(row.text)),
            lemmas=tuple(normalize_text(lemma_of.get(sentence_id, "")).split()),
            denial=denial_of.get(sentence_id, False),
            actor_groups=frozenset(groups_of.get(sentence_id, ())),
            claim_kinds=frozenset(kinds_of.get(sentence_id, ())),
        )
        by_article.setdefault(_clean_str(row.article_id), []).append((_clean_str(row.kind), features))
    return by_article


# --------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------

def _match_rules(rules: Iterable[Rule], sentence: SentenceFeatures,
                 sides: Mapping[str, str] | None) -> list[str]:
    """Cues of every rule that matches the sentence."""
    return [cue for rule in rules if (cue := rule.match(sentence, sides)) is not None]


def _row(article_id: str, scheme: str, frame: str, score: float, present: bool,
         evidence: Iterable[str], indicators: Iterable[str] = (), cues: Iterable[str] = ()) -> dict:
    """One output row, lists sorted and joined."""
    return {"article_id": article_id, "scheme": scheme, "frame": frame, "score": float(score),
            "present": bool(present), "evidence_sentence_ids": LIST_SEPARATOR.join(sorted(set(evidence))),
            "indicators": LIST_SEPARATOR.join(sorted(set(indicators))), "cues": LIST_SEPARATOR.join(sorted(set(cues)))}


def score_generic(article_id: str, sentences: list[SentenceFeatures], scheme: Scheme,
                  sides: Mapping[str, str] | None = None) -> list[dict]:
    """Rows of the generic scheme: share of each frame's indicator questions answered yes."""
    rows = []
    for frame in scheme.frames:
        yes, evidence, cues = [], [], []
        for indicator in frame.indicators:
            hits = [(sentence.sentence_id, cue) for sentence in sentences
                    for cue in _match_rules(indicator.rules, sentence, sides)]
            if hits:
                yes.append(indicator.id)
                evidence += [sentence_id for sentence_id, _ in hits]
                cues += [cue for _, cue in hits]
        score = len(yes) / len(frame.indicators)
        rows.append(_row(article_id, scheme.name, frame.name, score,
                         len(yes) >= scheme.present_min_indicators, evidence, yes, cues))
    return rows


def score_policy(article_id: str, sentences: list[SentenceFeatures], scheme: Scheme,
                 sides: Mapping[str, str] | None = None) -> list[dict]:
    """Rows of the policy scheme: share of sentences carrying each frame's cues, plus the residual."""
    rows, matched_any = [], set()
    n_sentences = len(sentences)
    for frame in scheme.frames:
        evidence, cues = [], []
        for sentence in sentences:
            found = _match_rules(frame.rules, sentence, sides)
            if found:
                evidence.append(sentence.sentence_id)
                cues += found
        matched_any.update(evidence)
        score = len(evidence) / n_sentences if n_sentences else 0.0
        threshold = frame.present_min_sentences or scheme.present_min_sentences
        rows.append(_row(article_id, scheme.name, frame.name, score, len(evidence) >= threshold, evidence, (), cues))
    if scheme.other_frame:
        unmatched = [sentence.sentence_id for sentence in sentences
                     if sentence.sentence_id not in matched_any]
        score = len(unmatched) / n_sentences if n_sentences else 0.0
        any_present = any(row["present"] for row in rows)
        rows.append(_row(article_id, scheme.name, scheme.other_frame, score,
                         n_sentences > 0 and not any_present, unmatched))
    return rows


def score_articles(items: list[tuple[str, list[tuple[str, SentenceFeatures]]]], codebook: Codebook) -> list[dict]:
    """Rows of every scheme for each (article id, its (sentence kind, features) list), in order."""
    rows: list[dict] = []
    for article_id, sentences in items:
        for scheme in codebook.schemes.values():
            counted = [features for kind, features in sentences if kind in scheme.sentence_kinds]
            score = score_generic if scheme.name == "generic" else score_policy
            rows += score(article_id, counted, scheme, codebook.side_of_group)
    return rows


def empty_frames() -> pd.DataFrame:
    """A frames table with no rows and the right column types."""
    return pd.DataFrame({"article_id": pd.Series(dtype=str), "scheme": pd.Series(dtype=str),
                         "frame": pd.Series(dtype=str), "score": pd.Series(dtype=float),
                         "present": pd.Series(dtype=bool), "evidence_sentence_ids": pd.Series(dtype=str),
                         "indicators": pd.Series(dtype=str), "cues": pd.Series(dtype=str)})


def score_frames(
    sentences: pd.DataFrame,
    lemmas: pd.DataFrame,
    attributions: pd.DataFrame | None = None,
    stance: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
    codebook: Codebook | None = None,
    n_process: int = 0,
) -> pd.DataFrame:
    """One row per article × scheme × frame (zeros included), sorted by article, scheme and frame.

    ``n_process``: worker processes that score chunks of articles (0 = automatic, as for parsing:
    see analysis.core.nlp.resolve_n_process); the table is the same for any number.
    """
    codebook = codebook or load_codebook()
    by_article = sentence_features(sentences, lemmas, attributions, stance, claims)
    items = [(article_id, by_article[article_id]) for article_id in sorted(by_article)]
    workers = resolve_n_process(n_process, len(items))
    rows = list(map_chunks(score_articles, items, n_process=workers, codebook=codebook))
    if not rows:
        return empty_frames()
    table = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    return table.sort_values(["article_id", "scheme", "frame"], kind="stable").reset_index(drop=True)


def score_frames_from_dir(processed_dir: str | Path, codebook: Codebook | None = None,
                          n_process: int = 0) -> pd.DataFrame:
    """Score frames from the tables of a processed folder (sentences, lemmas, and the coded evidence).

    sentences.csv and lemmas.csv are required; a missing attributions, stance or claims table only
    switches off the rules that use it (the rows then rest on words alone).
    """
    folder = Path(processed_dir)
    tables: dict[str, pd.DataFrame | None] = {}
    for name in ("sentences", "lemmas", "attributions", "stance", "claims"):
        path = folder / f"{name}.csv"
        if path.exists():
            tables[name] = read_csv(path)
        elif name in ("sentences", "lemmas"):
            raise ConfigError(f"{name}.csv is missing", path=display_path(folder),
                              hint="Run notebooks 01_clean and 02_annotate first.")
        else:
            tables[name] = None
    if tables["stance"] is None and "denial" in tables["sentences"].columns:
        tables["stance"] = tables["sentences"]  # stance columns may travel on the sentences table
    return score_frames(codebook=codebook, n_process=n_process, **tables)


def outlet_frame_scores(frames: pd.DataFrame, articles: pd.DataFrame, by: str = "label") -> pd.DataFrame:
    """Mean frame score and share of articles where it is present, per ``by`` value × scheme × frame."""
    _require(frames, ["article_id", "scheme", "frame", "score", "present"], "frames")
    _require(articles, ["article_id", by], "articles")
    columns = [by, *OUTLET_COLUMNS]
    if frames.empty:
        return pd.DataFrame(columns=columns)
    names = articles.drop_duplicates("article_id").set_index("article_id")[by]
    merged = frames.assign(**{by: frames["article_id"].map(names)})
    # An article missing from the articles table is shown under its id rather than dropped silently.
    merged[by] = merged[by].where(merged[by].notna(), merged["article_id"]).astype(str)
    merged["present"] = merged["present"].map(_as_bool)
    summary = (
        merged.groupby([by, "scheme", "frame"], sort=True)
        .agg(mean_score=("score", "mean"), share_present=("present", "mean"),
             n_articles=("article_id", "nunique"))
        .reset_index()
    )
    summary["mean_score"] = summary["mean_score"].astype(float)
    summary["share_present"] = summary["share_present"].astype(float)
    return summary[columns].sort_values([by, "scheme", "frame"], kind="stable").reset_index(drop=True)
