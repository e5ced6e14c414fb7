"""The clean stage: from raw pasted pages to articles, paragraphs, sentences and a ledger of removals.

A raw file is a web page pasted as text: around the article sit navigation, related-article links,
photo captions and credits, buttons, comment counters and hashtags. :func:`clean_document` keeps the
article (headline, sub-headings, body paragraphs) and puts every other line in ``removed`` with a
reason and the rule that removed it, so that the cleaning is lossless: every raw line is either in a
paragraph, or in the ledger (:func:`ledger_check` proves it). The rules are data
(``analysis/resources/boilerplate.yaml``), loaded by :func:`load_rules`.

:func:`clean_corpus` runs the whole stage on a raw folder: reading, manifest, cleaning, language,
duplicates, sentence segmentation with spaCy, and the four tables of ``data/processed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd
import yaml
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH

from analysis.errors import ConfigError
from analysis.io import RawDocument
from analysis.metadata import find_metadata, make_label
from analysis.nlp import ParseCache, load_nlp, resolve_n_process
from analysis.parallel import clean_chunk, map_chunks, sentence_tables_chunk
from analysis.paths import CACHE_DIR, resource
from analysis.schemas import ARTICLES, PARAGRAPHS, REMOVED_LINES, SENTENCES, validate
from analysis.tables import write_csv

RULES_FILE = "boilerplate.yaml"

#: analysis.metadata's removal reasons -> the reason codes of removed_lines.csv.
METADATA_REASONS = {"dateline": "dateline", "byline": "byline", "agency credit": "agency",
                    "photo credit": "photo_credit", "hashtags": "hashtag", "site name": "site_name"}
#: When one line holds several metadata ("Publié par X le 10 octobre 2024"), the first of these names it.
METADATA_REASON_PRIORITY = ("byline", "dateline", "agency", "photo_credit", "site_name", "hashtag")

#: Characters that close a quotation or a bracket; skipped when looking at how a line ends.
CLOSING_MARKS = "\"»”’)]'"
OPENING_QUOTES = "\"«“"
CLOSING_QUOTES = "\"»”"
APOSTROPHES = "'’"

#: Length-preserving folding used only to MATCH text (rules, duplicates); kept text is never folded.
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'", "“": '"', "”": '"', "«": '"',
                       "»": '"', "„": '"', "‟": '"', "\u00a0": " ", "\u202f": " ", "\u2007": " ",
                       "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ", "\t": " "})


# --------------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class LineRule:
    """A boilerplate rule matched against one stripped line (see boilerplate.yaml for the fields)."""

    name: str
    reason: str
    patterns: tuple[re.Pattern[str], ...]
    max_words: int | None = None
    where: str = "anywhere"  # "anywhere" or "top" (above the first paragraph of prose)
    extends: str = ""  # "" or "next_title_line"

    def match(self, folded_line: str) -> re.Match[str] | None:
        """The first pattern's match on a folded, stripped line, or None (also when too long)."""
        if self.max_words is not None and len(folded_line.split()) > self.max_words:
            return None
        for pattern in self.patterns:
            found = pattern.search(folded_line)
            if found:
                return found
        return None


@dataclass(frozen=True)
class Rules:
    """Everything the cleaner reads from boilerplate.yaml."""

    line_rules: tuple[LineRule, ...]
    prefix_rules: tuple[LineRule, ...]
    continuation_starts: str
    continuation_ends: str
    dangling_words: frozenset[str]
    quote_fragment_needs_adjacent_line: bool
    duplicate_min_chars: int
    prose_endings: str
    headline_max_words: int
    headline_min_chars: int
    heading_max_words: int


def _compile(patterns: Any, case_sensitive: bool, where: str) -> tuple[re.Pattern[str], ...]:
    """Compile one pattern or a list of them, with a ConfigError that names the bad one."""
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{where}: `pattern` must be a regular expression or a list of them.",
                          path=RULES_FILE, hint="Write pattern: '^...$' or pattern: ['^...', '^...'].")
    flags = 0 if case_sensitive else re.IGNORECASE
    compiled = []
    for text in patterns:
        try:
            compiled.append(re.compile(text.translate(_FOLD), flags))
        except re.error as error:
            raise ConfigError(f"{where}: the pattern {text!r} is not a valid regular expression ({error}).",
                              path=RULES_FILE, hint="Fix the pattern (Python `re` syntax).") from error
    return tuple(compiled)


def _line_rule(entry: Any, section: str, index: int) -> LineRule:
    """One rule of a YAML list, checked."""
    where = f"{section}[{index}]"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a mapping with name, reason and pattern.", path=RULES_FILE)
    missing = [key for key in ("name", "reason", "pattern") if not entry.get(key)]
    if missing:
        raise ConfigError(f"{where} lacks {', '.join(missing)}.", path=RULES_FILE,
                          hint="Every rule needs a name, a reason and a pattern (and a comment why).")
    position = entry.get("where", "anywhere")
    extends = entry.get("extends", "") or ""
    if position not in ("anywhere", "top"):
        raise ConfigError(f"{where}: where must be 'anywhere' or 'top', not {position!r}.", path=RULES_FILE)
    if extends not in ("", "next_title_line"):
        raise ConfigError(f"{where}: extends must be 'next_title_line', not {extends!r}.", path=RULES_FILE)
    max_words = entry.get("max_words")
    return LineRule(name=str(entry["name"]), reason=str(entry["reason"]),
                    patterns=_compile(entry["pattern"], bool(entry.get("case_sensitive", False)), where),
                    max_words=int(max_words) if max_words is not None else None, where=position,
                    extends=extends)


def rules_from_dict(data: dict[str, Any]) -> Rules:
    """Build the cleaner's rules from the parsed YAML (tests pass their own rule sets here)."""
    if not isinstance(data, dict):
        raise ConfigError("The boilerplate rules must be a YAML mapping.", path=RULES_FILE)
    continuation = data.get("continuation") or {}
    duplicates = data.get("duplicates") or {}
    structure = data.get("structure") or {}
    return Rules(
        line_rules=tuple(_line_rule(entry, "line_rules", index)
                         for index, entry in enumerate(data.get("line_rules") or [])),
        prefix_rules=tuple(_line_rule(entry, "prefix_rules", index)
                           for index, entry in enumerate(data.get("prefix_rules") or [])),
        continuation_starts=str(continuation.get("starts_with", ",.;:)]»”")),
        continuation_ends=str(continuation.get("ends_with", "'’«“(")),
        dangling_words=frozenset(str(word).translate(_FOLD).lower()
                                 for word in continuation.get("dangling_words") or []),
        quote_fragment_needs_adjacent_line=bool(continuation.get("quote_fragment_needs_adjacent_line", True)),
        duplicate_min_chars=int(duplicates.get("min_chars", 40)),
        prose_endings=str(structure.get("prose_endings", ".…:;,")),
        headline_max_words=int(structure.get("headline_max_words", 30)),
        headline_min_chars=int(structure.get("headline_min_chars", 16)),
        heading_max_words=int(structure.get("heading_max_words", 12)),
    )


def load_rules(path: Path | None = None) -> Rules:
    """Read the boilerplate rules (default: analysis/resources/boilerplate.yaml)."""
    path = Path(path) if path else resource(RULES_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"Cannot read the boilerplate rules ({error.strerror or error}).",
                          path=path) from error
    except yaml.YAMLError as error:
        raise ConfigError(f"The boilerplate rules are not valid YAML ({error}).", path=path) from error
    return rules_from_dict(data)


# --------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Segment:
    """A piece of one raw line inside a paragraph: ``text == raw_line[col_start:col_end]``."""

    line_no: int  # 1-based
    col_start: int
    col_end: int
    offset: int  # where the piece starts in the paragraph text
    text: str


@dataclass
class Paragraph:
    """A kept paragraph: its kind, its text and the raw line pieces it is made of."""

    kind: str  # headline | heading | body
    text: str
    segments: list[Segment]

    @property
    def raw_lines(self) -> list[int]:
        """The raw line numbers (1-based) the paragraph came from, in order."""
        return sorted({segment.line_no for segment in self.segments})


@dataclass(frozen=True)
class RemovedPiece:
    """A line, or a piece of one, that is not article text, with why it was removed."""

    line_no: int  # 1-based
    text: str  # exactly raw_line[col_start:col_start + len(text)]
    reason: str
    rule: str
    col_start: int = 0


@dataclass
class CleanedDocument:
    """One article after cleaning: kept paragraphs, the ledger of removed pieces, and metadata."""

    article_id: str
    source_file: str
    source_record: int | None
    paragraphs: list[Paragraph]
    removed: list[RemovedPiece]
    metadata: dict[str, str] = field(default_factory=dict)  # values read from the text (title, author...)
    metadata_lines: dict[str, list[int]] = field(default_factory=dict)  # reason -> lines it removed
    metadata_evidence: dict[str, str] = field(default_factory=dict)  # field -> how it was found
    error: str = ""  # why the document could not be cleaned ("" when it could)
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cleaned article text (paragraphs joined by blank lines)."""
        return article_text([paragraph.text for paragraph in self.paragraphs])


def article_text(paragraph_texts: Sequence[str]) -> str:
    """The cleaned article text: paragraph texts, in position order, joined by a blank line."""
    return "\n\n".join(paragraph_texts)


# --------------------------------------------------------------------------------------------------
# Small text helpers


def fold(text: str) -> str:
    """Text folded for matching only: typographic quotes/apostrophes made ASCII, odd spaces made plain."""
    return text.translate(_FOLD)


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def _last_meaningful_char(text: str) -> str:
    """The last character of ``text`` once closing quotes, brackets and spaces are skipped."""
    stripped = text.rstrip().rstrip(CLOSING_MARKS + " \u00a0\u202f")
    return stripped[-1] if stripped else ""


def ends_as_prose(text: str, rules: Rules) -> bool:
    """Whether ``text`` ends like a sentence (final . … : ; , before any closing quote or bracket)."""
    return _last_meaningful_char(text) in rules.prose_endings and _last_meaningful_char(text) != ""


def looks_like_title(text: str, rules: Rules) -> bool:
    """A title-like line: no final punctuation of prose ("?" and "!" allowed) and not too long."""
    return (bool(text.strip()) and not ends_as_prose(text, rules)
            and word_count(text) <= rules.headline_max_words)


def is_quote_fragment(text: str, rules: Rules) -> bool:
    """A line that is only a quotation without final punctuation: ``"un élargissement dangereux"``."""
    text = text.strip()
    return (len(text) >= 2 and text[0] in OPENING_QUOTES and text[-1] in CLOSING_QUOTES
            and not ends_as_prose(text, rules))


def _ends_inside_quote(text: str) -> bool:
    """Whether a line leaves a quotation open (an unmatched « or “, or an odd number of ")."""
    return (text.count("«") > text.count("»") or text.count("“") > text.count("”")
            or text.count('"') % 2 == 1)


def normalise_for_matching(text: str) -> tuple[str, list[int]]:
    """Folded, lower-cased text with runs of spaces collapsed, and the original index of each char."""
    chars: list[str] = []
    index: list[int] = []
    for position, char in enumerate(fold(text)):
        if char.isspace():
            if not chars or chars[-1] == " ":
                continue
            char = " "
        lowered = char.lower()
        if len(lowered) != 1:  # a rare case change that alters length: keep the char as written
            lowered = char
        chars.append(lowered)
        index.append(position)
    while chars and chars[-1] == " ":
        chars.pop()
        index.pop()
    return "".join(chars), index


# --------------------------------------------------------------------------------------------------
# Cleaning one document


@dataclass
class _Line:
    """Working state of one raw line while it is being cleaned."""

    no: int
    raw: str
    start: int
    end: int
    reason: str = ""  # set when what is left of the line is removed
    rule: str = ""
    pieces: list[RemovedPiece] = field(default_factory=list)  # pieces cut from the start or end of the line
    bulleted: bool = False  # a prefix rule (a list bullet) cut its start: it begins a new paragraph

    @property
    def content(self) -> str:
        """What is left of the line to keep (no surrounding whitespace)."""
        return self.raw[self.start:self.end]

    @property
    def kept(self) -> bool:
        """Whether the rest of the line is still article text."""
        return not self.reason and self.start < self.end

    def remove(self, reason: str, rule: str) -> None:
        """Send what is left of the line to the ledger."""
        self.reason, self.rule = reason, rule

    def cut_prefix(self, length: int, reason: str, rule: str) -> None:
        """Move the first ``length`` characters of the content to the ledger; the rest stays."""
        piece = self.raw[self.start:self.start + length]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            self.pieces.append(RemovedPiece(self.no, piece.strip(), reason, rule, self.start + lead))
        self.start += length
        while self.start < self.end and self.raw[self.start].isspace():
            self.start += 1

    def cut_suffix(self, start: int, reason: str, rule: str) -> None:
        """Move the content from raw column ``start`` to its end to the ledger; the start stays."""
        start = max(start, self.start)
        piece = self.raw[start:self.end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            self.pieces.append(RemovedPiece(self.no, piece.strip(), reason, rule, start + lead))
        self.end = start
        while self.end > self.start and self.raw[self.end - 1].isspace():
            self.end -= 1


def _make_lines(raw_lines: Sequence[str]) -> list[_Line]:
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        stripped = raw.strip()
        start = len(raw) - len(raw.lstrip())
        lines.append(_Line(number, raw, start, start + len(stripped)))
        if not stripped:
            lines[-1].remove("blank", "blank_line")
    return lines


def _first_prose_line(lines: Sequence[_Line], rules: Rules) -> int:
    """Index of the first kept line that reads as prose (above it is the page's 'top')."""
    for index, line in enumerate(lines):
        if line.kept and not looks_like_title(line.content, rules):
            return index
    return len(lines)


def _apply_prefix_rules(lines: Sequence[_Line], rules: Rules) -> None:
    for line in lines:
        if not line.kept:
            continue
        for rule in rules.prefix_rules:
            found = rule.match(fold(line.content))
            if found and found.start() == 0 and found.end() > 0:
                line.cut_prefix(found.end(), rule.reason, rule.name)
                line.bulleted = True
                if not line.content:
                    line.remove("blank", "blank_after_" + rule.name)
                break


def _apply_line_rules(lines: Sequence[_Line], rules: Rules) -> None:
    top_end = _first_prose_line(lines, rules)
    for index, line in enumerate(lines):
        if not line.kept:
            continue
        folded = fold(line.content)
        for rule in rules.line_rules:
            if rule.where == "top" and index >= top_end:
                continue
            found = rule.match(folded)
            if not found:
                continue
            line.remove(rule.reason, rule.name)
            rest = found.groupdict().get("rest") if found.re.groupindex.get("rest") else None
            if rule.extends == "next_title_line" and not (rest or "").strip():
                _extend_marker(lines, index, rule, rules)
            break


def _extend_marker(lines: Sequence[_Line], index: int, rule: LineRule, rules: Rules) -> None:
    """Remove the title line a bare related-link marker announces (the next non-blank line)."""
    for following in lines[index + 1:]:
        if following.reason == "blank":
            continue
        if following.kept and looks_like_title(following.content, rules):
            # Rules for later lines have not run yet: a line another rule would claim is left to it.
            folded = fold(following.content)
            if not any(other.match(folded) for other in rules.line_rules):
                following.remove(rule.reason, f"{rule.name}:next_title_line")
        return


def _continues(previous: _Line, line: _Line, adjacent: bool, rules: Rules) -> bool:
    """Whether ``line`` continues the sentence of ``previous`` (a quote or clause broken off)."""
    if line.bulleted:
        return False
    text, before = line.content, previous.content
    first = text[0]
    if first in rules.continuation_starts or first.islower():
        return True
    if ends_as_prose(before, rules):  # a finished sentence ("… dans ce domaine".) is not cut off
        return False
    if before[-1] in rules.continuation_ends or _ends_inside_quote(before):
        return True
    if fold(before).split()[-1].lower() in rules.dangling_words:
        return True
    return is_quote_fragment(text, rules) and (adjacent or not rules.quote_fragment_needs_adjacent_line)


def _group_paragraphs(lines: Sequence[_Line], rules: Rules) -> list[list[_Line]]:
    """Kept lines grouped into paragraphs: each line starts one, unless it continues the previous."""
    groups: list[list[_Line]] = []
    previous: _Line | None = None
    for line in lines:
        if not line.kept:
            continue
        adjacent = previous is not None and line.no == previous.no + 1
        if previous is not None and groups and _continues(previous, line, adjacent, rules):
            groups[-1].append(line)
        else:
            groups.append([line])
        previous = line
    return groups


def _separator(before: str, after: str, rules: Rules) -> str:
    """What joins two pieces of a broken sentence: nothing before punctuation or after an elision."""
    if after[0] in rules.continuation_starts or before[-1] in APOSTROPHES + "(":
        return ""
    if before[-1] == '"' and _ends_inside_quote(before):  # an opening straight quote ends the line
        return ""
    return " "


def _build_paragraph(group: Sequence[_Line], kind: str, rules: Rules) -> Paragraph:
    text = ""
    segments = []
    for line in group:
        if text:
            text += _separator(text, line.content, rules)
        segments.append(Segment(line.no, line.start, line.end, len(text), line.content))
        text += line.content
    return Paragraph(kind, text, segments)


def _group_text(group: Sequence[_Line], rules: Rules) -> str:
    return _build_paragraph(group, "body", rules).text


def _remove_duplicates(groups: list[list[_Line]], rules: Rules) -> list[list[_Line]]:
    """Drop repeated paragraphs, and repeated text at the start of a paragraph (first occurrence stays)."""
    seen: list[str] = []
    kept: list[list[_Line]] = []
    for group in groups:
        normalised, _ = normalise_for_matching(_group_text(group, rules))
        if len(normalised) >= rules.duplicate_min_chars and normalised in seen:
            for line in group:
                line.remove("duplicate", "repeated_paragraph")
            continue
        first = group[0]
        first_text, first_index = normalise_for_matching(first.content)
        for earlier in seen:
            if (len(earlier) >= rules.duplicate_min_chars and len(earlier) < len(first_text)
                    and first_text.startswith(earlier) and first_text[len(earlier)] == " "):
                first.cut_prefix(first_index[len(earlier) - 1] + 1, "duplicate", "repeated_prefix")
                normalised, _ = normalise_for_matching(_group_text(group, rules))
                break
        seen.append(normalised)
        kept.append(group)
    return kept


def _classify(groups: list[list[_Line]], rules: Rules) -> list[str]:
    """Kind of each group (headline, heading, body) or the removal rule of a title that is a link."""
    texts = [_group_text(group, rules) for group in groups]
    titles = [looks_like_title(text, rules) for text in texts]
    kinds = ["body" if not title else "" for title in titles]
    first_prose = next((index for index, title in enumerate(titles) if not title), len(groups))
    # Headline: the longest title-like paragraph above the first prose, if long enough.
    candidates = [index for index in range(first_prose) if len(texts[index]) >= rules.headline_min_chars]
    headline = max(candidates, key=lambda index: (len(texts[index]), -index)) if candidates else None
    if headline is not None:
        kinds[headline] = "headline"
    for index in range(first_prose):
        if headline is None or index < headline:
            kinds[index] = "remove:navigation:top_title_run"
    for index, title in enumerate(titles):
        if not title or kinds[index]:
            continue
        following = titles[index + 1] if index + 1 < len(groups) else None
        if following is None:
            kinds[index] = "remove:related_link:trailing_title"
        elif following:
            kinds[index] = "remove:related_link:title_followed_by_title"
        elif word_count(texts[index]) > rules.heading_max_words:
            kinds[index] = "remove:related_link:long_title_between_paragraphs"
        else:
            kinds[index] = "heading"
    return kinds


Claims = dict[int, list[tuple[str, tuple[int, int] | None]]]


def _apply_claims(lines: Sequence[_Line], claims: Claims, rules: Rules) -> list[str]:
    """Remove what the metadata step found (whole lines, or a credit at the start/end of a line).

    Returns notes about claims that could not be honoured (a span in the middle of a line).
    """
    notes = []
    for number, found in sorted(claims.items()):
        if not 1 <= number <= len(lines) or not lines[number - 1].kept or not found:
            continue
        line = lines[number - 1]
        reasons = list(dict.fromkeys(reason for reason, _ in found))
        rule = "metadata:" + "+".join(reasons)
        if any(span is None for _, span in found):
            line.remove(min(reasons, key=_metadata_priority), rule)
            continue
        for reason, (start, end) in sorted(found, key=lambda item: item[1], reverse=True):
            if not line.raw[end:line.end].strip() and start > line.start:
                line.cut_suffix(start, reason, f"metadata:{reason}")
                if reason == "photo_credit" and line.kept and looks_like_title(line.content, rules):
                    # A title-like text printed on one line with a photo credit is that photo's caption.
                    line.remove("caption", "caption_before_credit")
            elif not line.raw[line.start:start].strip():
                line.cut_prefix(max(0, end - line.start), reason, f"metadata:{reason}")
            else:
                notes.append(f"line {number}: {reason} found inside the line (columns {start}-{end}); "
                             "the line is kept whole in the body")
            if not line.kept:
                break
        if line.start >= line.end and not line.reason:
            line.remove("blank", "blank_after_metadata")
    return notes


def _metadata_priority(reason: str) -> int:
    return METADATA_REASON_PRIORITY.index(reason) if reason in METADATA_REASON_PRIORITY else len(
        METADATA_REASON_PRIORITY)


def clean_lines(raw_lines: Sequence[str], rules: Rules | None = None,
                claims: Claims | None = None) -> tuple[list[Paragraph], list[RemovedPiece], list[str]]:
    """Clean a page's lines: kept paragraphs, the ledger of removed pieces, and notes.

    ``claims`` maps 1-based line numbers to [(reason, span)] for what the metadata step found (a
    byline, a date line, a credit; span None = the whole line, else raw columns); they are removed
    before any boilerplate rule runs.
    """
    rules = rules or load_rules()
    lines = _make_lines(raw_lines)
    notes = _apply_claims(lines, claims or {}, rules)
    _apply_prefix_rules(lines, rules)
    _apply_line_rules(lines, rules)
    groups = _remove_duplicates(_group_paragraphs(lines, rules), rules)
    kinds = _classify(groups, rules)
    paragraphs = []
    for group, kind in zip(groups, kinds):
        if kind.startswith("remove:"):
            _, reason, rule = kind.split(":", 2)
            for line in group:
                line.remove(reason, rule)
        else:
            paragraphs.append(_build_paragraph(group, kind, rules))
    removed: list[RemovedPiece] = []
    for line in lines:
        removed.extend(line.pieces)
        if line.reason == "blank" and not line.pieces:  # an empty line: recorded as it is
            removed.append(RemovedPiece(line.no, line.raw, "blank", line.rule, 0))
        elif line.reason and line.content:
            removed.append(RemovedPiece(line.no, line.content, line.reason, line.rule, line.start))
    return paragraphs, removed, notes


# --------------------------------------------------------------------------------------------------
# The ledger


def ledger_check(raw_doc: RawDocument, cleaned: CleanedDocument) -> list[str]:
    """Problems with the lossless ledger (empty when every raw line is accounted for exactly once).

    Every raw line must be covered by body segments and removed pieces that are exact substrings at
    their recorded columns, do not overlap, and leave nothing but whitespace uncovered; every
    paragraph's text must be its segments joined by at most a space.
    """
    problems: list[str] = []
    pieces: dict[int, list[tuple[int, str, str]]] = {}
    for position, paragraph in enumerate(cleaned.paragraphs):
        cursor = 0
        for segment in paragraph.segments:
            if paragraph.text[segment.offset:segment.offset + len(segment.text)] != segment.text:
                problems.append(f"paragraph {position}: segment of line {segment.line_no} is not at offset "
                                f"{segment.offset}")
            gap = paragraph.text[cursor:segment.offset]
            if gap.strip() or len(gap) > 1:
                problems.append(f"paragraph {position}: text {gap!r} comes from no raw line")
            cursor = segment.offset + len(segment.text)
            pieces.setdefault(segment.line_no, []).append((segment.col_start, segment.text, "body"))
        if paragraph.text[cursor:].strip() or not paragraph.segments:
            problems.append(f"paragraph {position}: text {paragraph.text[cursor:]!r} comes from no raw line")
    for piece in cleaned.removed:
        if not piece.reason:
            problems.append(f"line {piece.line_no}: removed piece without a reason")
        pieces.setdefault(piece.line_no, []).append((piece.col_start, piece.text, f"removed:{piece.reason}"))
    for number in sorted(set(pieces) - set(range(1, len(raw_doc.lines) + 1))):
        problems.append(f"line {number}: no such line in {raw_doc.source_file} ({len(raw_doc.lines)} lines)")
    for number, raw in enumerate(raw_doc.lines, start=1):
        found = sorted(pieces.get(number, []))
        if not found:
            problems.append(f"line {number}: {raw!r} is in no paragraph and not in removed_lines")
            continue
        cursor = 0
        for col, text, where in found:
            if raw[col:col + len(text)] != text:
                problems.append(f"line {number}: {where} piece {text!r} is not at column {col} of {raw!r}")
                continue
            if col < cursor:
                problems.append(f"line {number}: {where} piece {text!r} overlaps another piece")
            elif raw[cursor:col].strip():
                problems.append(f"line {number}: {raw[cursor:col]!r} is in no paragraph and not removed")
            cursor = max(cursor, col + len(text))
        if raw[cursor:].strip():
            problems.append(f"line {number}: {raw[cursor:]!r} is in no paragraph and not removed")
    return problems


# --------------------------------------------------------------------------------------------------
# One document: metadata + cleaning


def article_id_for(doc: RawDocument) -> str:
    """Stable readable id: the file's stem (folders joined by "__"), plus "-r<row>" for a corpus row."""
    path = PurePosixPath(doc.source_file)
    stem = "__".join([*path.parent.parts, path.stem]) if path.parent.parts else path.stem
    return f"{stem}-r{doc.source_record:05d}" if doc.source_record is not None else stem


def metadata_claims(found: Any) -> Claims:
    """analysis.metadata's consumed lines with removed_lines reason codes."""
    claims: Claims = {}
    for number, items in found.consumed_lines().items():
        claims[number] = [(METADATA_REASONS.get(reason, reason.replace(" ", "_")), span)
                          for reason, span in items]
    return claims


def _text_metadata(lines: Sequence[str],
                   anchor_year: int | None) -> tuple[dict[str, str], Claims, dict[str, str]]:
    """Values printed in the text (analysis.metadata), the lines they take, and the evidence of each."""
    found = find_metadata(list(lines), anchor_year=anchor_year)
    items = {"published": found.published, "author": found.byline, "agency": found.agency,
             "photo_credit": found.photo_credit, "site_name": found.site_name}
    evidence = {name: item.evidence for name, item in items.items() if item is not None}
    return found.columns(), metadata_claims(found), evidence


def clean_document(doc: RawDocument, rules: Rules | None = None, *, article_id: str | None = None,
                   anchor_year: int | None = None, read_metadata: bool = True) -> CleanedDocument:
    """Clean one raw document: paragraphs (headline, headings, body), removed pieces, text metadata.

    Lines the metadata step reads (byline, date line, agency, photo credit, hashtags, site name)
    are removed with that reason; their values go to ``metadata``. ``title`` is the headline kept
    as the first paragraph ("" when the page prints none). A document that cannot be used returns
    no paragraphs and ``error`` set; a bad input never raises.
    """
    article_id = article_id or article_id_for(doc)
    cleaned = CleanedDocument(article_id, doc.source_file, doc.source_record, [], [])
    lines = [line if isinstance(line, str) else str(line) for line in (doc.lines or [])]
    if doc.error:
        cleaned.error = doc.error
        cleaned.removed = [RemovedPiece(number, raw, "rejected", "unreadable_file", 0)
                           for number, raw in enumerate(lines, start=1)]
        return cleaned
    rules = rules or load_rules()
    claims: Claims = {}
    if read_metadata:
        try:
            cleaned.metadata, claims, cleaned.metadata_evidence = _text_metadata(lines, anchor_year)
        except ConfigError:
            raise
        except Exception as error:  # a metadata bug must not lose the article: clean without it
            cleaned.notes.append(f"metadata not read ({type(error).__name__}: {error})")
            claims = {}
    for number, items in claims.items():
        for reason, _ in items:
            cleaned.metadata_lines.setdefault(reason, []).append(number)
    cleaned.paragraphs, cleaned.removed, notes = clean_lines(lines, rules, claims)
    cleaned.notes.extend(notes)
    headline = next((paragraph.text for paragraph in cleaned.paragraphs if paragraph.kind == "headline"), "")
    cleaned.metadata["title"] = headline
    if not cleaned.paragraphs:
        cleaned.error = ("nothing left after cleaning" if any(line.strip() for line in lines)
                         else "only whitespace")
    return cleaned


# --------------------------------------------------------------------------------------------------
# Sentences

#: Characters that end a sentence (before any closing quote or bracket).
SENTENCE_ENDINGS = ".!?…"
#: A sentence cannot start with these: a split before them is a spaCy error ("Mardi | , Oleksandre").
NON_INITIAL = ",;:)]»”%"


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each closed quotation in ``text``: «…», “…”, "…", in any mix of marks.

    Hand-written because spaCy has no quotation annotator. Any closing mark closes the open
    quotation, since pasted pages mix them (“gravement préoccupée … domaine"); an unclosed
    quotation yields no span.
    """
    spans = []
    opened: int | None = None
    for position, char in enumerate(text):
        if opened is None and char in OPENING_QUOTES:
            opened = position
        elif opened is not None and char in CLOSING_QUOTES:
            spans.append((opened, position + 1))
            opened = None
    return spans


def _merge_with_previous(previous: str, current: str, boundary: int,
                         quotes: Sequence[tuple[int, int]]) -> bool:
    """Whether spaCy's split at ``boundary`` between two sentences is an error to undo."""
    if not any(char.isalnum() for char in current):  # a lone closing quote or bracket
        return True
    if current[0] in NON_INITIAL or current[0].islower():
        return True
    if _last_meaningful_char(previous) not in SENTENCE_ENDINGS:  # nothing ended the previous sentence
        return True
    return any(start < boundary < end for start, end in quotes)  # inside a quotation


def sentence_spans(doc: Any, text: str | None = None) -> list[tuple[int, int]]:
    """Sentences of one paragraph's spaCy Doc as (start, end) character offsets, with bad splits undone.

    spaCy's parser-based splits are kept except where (1) the next "sentence" has no letter or digit
    (a lone closing quote), starts with a lowercase letter or with , ; : ) ] » ”, (2) the previous one
    does not end with . ! ? … (before closing quotes), or (3) the split falls inside a quotation:
    a quotation and the clause that attributes it stay one sentence. ``text`` is ``doc.text`` when the
    caller has it already (rebuilding it walks every token).
    """
    text = doc.text if text is None else text
    quotes = quotation_spans(text)
    spans: list[list[int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if spans and _merge_with_previous(text[spans[-1][0]:spans[-1][1]], text[start:end], start, quotes):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [(start, end) for start, end in spans]


def count_words(doc: Any) -> int:
    """Tokens that are words or numbers (not punctuation, spaces or symbols)."""
    # From doc.to_array, with one test per distinct word form, rather than a Token object per token:
    # at 10,000 articles, iterating Tokens here cost more CPU than reading the parse cache.
    is_word: dict[int, bool] = {}
    count = 0
    for orth, punct, space in doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).tolist():
        if punct or space:
            continue
        if orth not in is_word:
            is_word[orth] = any(char.isalnum() for char in doc.vocab.strings[orth])
        count += is_word[orth]
    return count


# --------------------------------------------------------------------------------------------------
# The whole stage


@dataclass
class CleanedCorpus:
    """The clean stage's tables (validated, sorted by ids) and the run's warnings."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    removed_lines: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    documents: list[CleanedDocument] = field(default_factory=list, repr=False)  # for notebooks and tests


ARTICLE_COLUMNS = tuple(ARTICLES.columns)
PARAGRAPH_COLUMNS = ("paragraph_id", "article_id", "position", "kind", "text", "char_start", "char_end",
                     "raw_lines")
SENTENCE_COLUMNS = ("sentence_id", "article_id", "paragraph_id", "position", "kind", "text", "char_start",
                    "char_end")
REMOVED_COLUMNS = ("article_id", "source_file", "line_no", "col_start", "text", "reason", "rule")


def assign_article_ids(documents: Sequence[RawDocument]) -> list[str]:
    """article_id of each document; ids shared by two files (x.txt, x.html) get the extension added."""
    ids = [article_id_for(doc) for doc in documents]
    counts: dict[str, int] = {}
    for article_id in ids:
        counts[article_id] = counts.get(article_id, 0) + 1
    result = []
    for doc, article_id in zip(documents, ids):
        if counts[article_id] > 1:
            suffix = PurePosixPath(doc.source_file).suffix.lstrip(".").lower() or "file"
            if doc.source_record is not None:  # "<stem>-r00001" -> "<stem>-<ext>-r00001"
                base, _, record = article_id.rpartition("-r")
                article_id = f"{base}-{suffix}-r{record}"
            else:
                article_id = f"{article_id}-{suffix}"
        result.append(article_id)
    seen: dict[str, int] = {}
    for index, article_id in enumerate(result):  # still colliding (a/x.txt vs a__x.txt): number them
        seen[article_id] = seen.get(article_id, 0) + 1
        if seen[article_id] > 1:
            result[index] = f"{article_id}-{seen[article_id]}"
    return result


def _labels_of_group(labels: Sequence[str], article_ids: Sequence[str], taken: set[str]) -> list[str]:
    """Labels of one group made unique among themselves and distinct from ``taken`` (see unique_labels)."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    clashes = [counts[label] > 1 or label in taken for label in labels]
    short = [article_id.split("_")[0] if "_" in article_id else article_id for article_id in article_ids]
    result = [f"{label} · {code}" if clash else label for label, code, clash in zip(labels, short, clashes)]
    if len(set(result)) < len(result) or taken & set(result):  # the short ids collide too: use the full ids
        result = [f"{label} · {article_id}" if clash else label
                  for label, article_id, clash in zip(labels, article_ids, clashes)]
    used = set(taken)
    for index, label in enumerate(result):  # still colliding (a label that ends like an id): number them
        candidate, number = label, 1
        while candidate in used:
            number += 1
            candidate = f"{label} ({number})"
        used.add(candidate)
        result[index] = candidate
    return result


def unique_labels(labels: Sequence[str], article_ids: Sequence[str],
                  analysed: Sequence[bool] | None = None) -> list[str]:
    """Display labels made unique: a label shared by several articles gets each article's short id.

    ``analysed`` says which articles are compared (status "ok"; default: all). Their labels are made
    unique among themselves only, so that adding a rejected, duplicate or non-French file to the raw
    folder never changes the label of an analysed article; the other articles get their id whenever
    their label is also an analysed article's label (before or after its id was added) or another one's.
    """
    analysed = [True] * len(labels) if analysed is None else [bool(flag) for flag in analysed]
    result = list(labels)
    taken: set[str] = set()
    for flag in (True, False):
        group = [index for index, is_analysed in enumerate(analysed) if is_analysed == flag]
        for index, label in zip(group, _labels_of_group([labels[i] for i in group],
                                                        [article_ids[i] for i in group], taken)):
            result[index] = label
        taken |= {result[index] for index in group} | {labels[index] for index in group}
    return result


def _given(doc: RawDocument, entry: Any, name: str) -> str:
    """A value given outside the text: the manifest's, else the container's (HTML/JSONL/CSV field)."""
    value = getattr(entry, name, "") if entry is not None else ""
    return (value or (doc.metadata or {}).get(name, "") or "").strip()


def _outlet(doc: RawDocument, entry: Any, metadata: dict[str, str], evidence: str) -> tuple[str, str, str]:
    """(outlet, outlet_source, outlet_evidence): manifest > container > site name printed > unknown."""
    if entry is not None and entry.outlet:
        return entry.outlet, entry.outlet_source or "manifest", entry.outlet_evidence or "manifest.csv"
    if (doc.metadata or {}).get("outlet"):
        return doc.metadata["outlet"], "manifest", f"outlet field of {doc.source_file}"
    if metadata.get("site_name"):
        return metadata["site_name"], "text", evidence or "site name printed in the page"
    if (doc.metadata or {}).get("site_name"):
        return doc.metadata["site_name"], "text", f"site name in the page's HTML metadata ({doc.source_file})"
    return "unknown", "unknown", ""


def _anchor_year(entry: Any) -> int | None:
    published = getattr(entry, "published", "") if entry is not None else ""
    return int(published[:4]) if published[:4].isdigit() else None


def _article_row(doc: RawDocument, cleaned: CleanedDocument, entry: Any) -> dict[str, Any]:
    """The articles-table row of one document, before language, duplicates and counts."""
    text_meta = cleaned.metadata
    outlet, outlet_source, outlet_evidence = _outlet(doc, entry, text_meta,
                                                     cleaned.metadata_evidence.get("site_name", ""))
    published = _given(doc, entry, "published")
    published_source = ("manifest" if entry is not None and entry.published else "file") if published else ""
    if not published and text_meta.get("published"):
        published, published_source = text_meta["published"], text_meta.get("published_source", "text")
    return {
        "article_id": cleaned.article_id, "source_file": doc.source_file, "source_record": doc.source_record,
        "sha256": doc.sha256, "encoding": doc.encoding, "encoding_note": doc.encoding_note,
        "outlet": outlet, "outlet_source": outlet_source, "outlet_evidence": outlet_evidence,
        "title": (doc.metadata or {}).get("title", "") or text_meta.get("title", ""),
        "url": _given(doc, entry, "url"), "published": published, "published_source": published_source,
        "author": (doc.metadata or {}).get("author", "") or text_meta.get("author", ""),
        "agency": text_meta.get("agency", ""), "photo_credit": text_meta.get("photo_credit", ""),
        "site_name": text_meta.get("site_name", "") or (doc.metadata or {}).get("site_name", ""),
        "tags": text_meta.get("tags", ""), "language": "", "n_paragraphs": len(cleaned.paragraphs),
        "n_sentences": 0, "n_words": 0, "status": "rejected" if cleaned.error else "ok",
        "reason": cleaned.error, "duplicate_of": "", "near_duplicate_of": "",
    }


#: A manifest language that lingua contradicts with at least this confidence is reported in the warnings.
LANGUAGE_DISAGREEMENT = 0.9


def _set_languages(rows: list[dict[str, Any]], documents: Sequence[CleanedDocument],
                   manifest: Any) -> list[str]:
    """Language of each usable article (manifest value, else lingua); non-French ones set aside.

    Returns warnings for manifest languages that lingua contradicts with high confidence.
    """
    from analysis.language import detect_languages

    warnings = []
    usable = [index for index, row in enumerate(rows) if row["status"] == "ok"]
    detected = detect_languages([documents[index].text for index in usable])
    for index, (code, confidence) in zip(usable, detected):
        row = rows[index]
        entry = manifest.entry(row["source_file"])
        if entry is not None and entry.language:
            row["language"], how = entry.language, f"language given as {entry.language} by manifest.csv"
            if code and code != entry.language and confidence >= LANGUAGE_DISAGREEMENT:
                warnings.append(f"{row['source_file']}: manifest.csv says language {entry.language}, but the "
                                f"text reads as {code} ({confidence:.2f}); the manifest's value is used")
        else:
            row["language"], how = code, f"language detected as {code} ({confidence:.2f})"
        if row["language"] and row["language"] != "fr":
            row["status"], row["reason"] = "not_french", how
    return warnings


def _set_duplicates(rows: list[dict[str, Any]], documents: Sequence[CleanedDocument]) -> None:
    """Exact duplicates leave the analysis (status duplicate); near duplicates are only flagged."""
    from analysis.dedupe import find_duplicates

    texts = {row["article_id"]: documents[index].text for index, row in enumerate(rows)
             if row["status"] == "ok"}
    by_id = {row["article_id"]: row for row in rows}
    for article_id, (kind, kept_id, similarity) in find_duplicates(texts).items():
        row = by_id[article_id]
        if kind == "exact":
            row["status"], row["duplicate_of"] = "duplicate", kept_id
            row["reason"] = f"same cleaned text as {kept_id}"
        else:
            row["near_duplicate_of"] = kept_id
            row["reason"] = f"near duplicate of {kept_id} (shingle Jaccard {similarity:.2f})"


def _document_tables(cleaned: CleanedDocument, docs: Sequence[Any]) -> tuple[list[dict], list[dict], int]:
    """Paragraph rows, sentence rows and word count of one article from its parsed paragraphs."""
    paragraph_rows, sentence_rows, words, offset = [], [], 0, 0
    for position, (paragraph, doc) in enumerate(zip(cleaned.paragraphs, docs)):
        paragraph_id = f"{cleaned.article_id}-p{position:03d}"
        paragraph_rows.append({
            "paragraph_id": paragraph_id, "article_id": cleaned.article_id, "position": position,
            "kind": paragraph.kind, "text": paragraph.text, "char_start": offset,
            "char_end": offset + len(paragraph.text),
            "raw_lines": " | ".join(str(number) for number in paragraph.raw_lines)})
        for start, end in sentence_spans(doc, paragraph.text):  # the Doc's text (checked by the parse cache)
            number = len(sentence_rows)
            sentence_rows.append({
                "sentence_id": f"{cleaned.article_id}-s{number:03d}", "article_id": cleaned.article_id,
                "paragraph_id": paragraph_id, "position": number, "kind": paragraph.kind,
                "text": paragraph.text[start:end], "char_start": offset + start, "char_end": offset + end})
        words += count_words(doc)
        offset += len(paragraph.text) + 2  # the "\n\n" of article_text
    return paragraph_rows, sentence_rows, words


def sentence_tables(documents: Sequence[CleanedDocument], *, cache_dir: Path | None = CACHE_DIR / "parses",
                    n_process: int = 0, batch_size: int = 64) -> Iterator[tuple[list[dict], list[dict], int]]:
    """Paragraph rows, sentence rows and word count of each document, in order, parsed as they go.

    Streams (one ``nlp.pipe`` over the documents not in the parse cache): each article's Docs are
    dropped once its rows are made, so memory does not grow with the corpus.
    """
    cache = ParseCache(load_nlp(), cache_dir)
    groups = [[paragraph.text for paragraph in cleaned.paragraphs] for cleaned in documents]
    for cleaned, docs in zip(documents, cache.iter_groups(groups, n_process=n_process, batch_size=batch_size)):
        yield _document_tables(cleaned, docs)


def _removed_rows(cleaned: CleanedDocument) -> list[dict[str, Any]]:
    return [{"article_id": cleaned.article_id, "source_file": cleaned.source_file, "line_no": piece.line_no,
             "col_start": piece.col_start, "text": piece.text, "reason": piece.reason, "rule": piece.rule}
            for piece in cleaned.removed]


def _frame(rows: Sequence[dict[str, Any]], columns: Sequence[str], sort_by: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(columns))
    if not frame.empty:
        frame = frame.sort_values(list(sort_by), kind="stable")
    return frame.reset_index(drop=True)


def _articles_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    frame = _frame(rows, ARTICLE_COLUMNS, ["article_id"])
    frame["source_record"] = frame["source_record"].astype("Int64")
    for column in ("n_paragraphs", "n_sentences", "n_words"):
        frame[column] = frame[column].astype(int)
    for column in ARTICLE_COLUMNS:
        if column not in ("source_record", "n_paragraphs", "n_sentences", "n_words"):
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def _typed(frame: pd.DataFrame, int_columns: Sequence[str]) -> pd.DataFrame:
    for column in frame.columns:
        frame[column] = frame[column].astype(int) if column in int_columns else frame[column].astype(str)
    return frame


def clean_corpus(raw_dir: Path, *, cache_dir: Path | None = CACHE_DIR / "parses", n_process: int = 0,
                 batch_size: int = 64, max_file_mb: float = 5.0, progress: bool = True,
                 rules: Rules | None = None, scheduler: str | None = None) -> CleanedCorpus:
    """Run the clean stage on a raw folder: read, manifest, clean, language, duplicates, sentences.

    Every input file gives an articles row (rejected files too, with the reason); paragraphs and
    sentences are written for every article that has any (``status`` says which ones the analysis
    uses: only "ok"); every raw line is in a paragraph or in removed_lines. ``n_process``: worker
    processes that clean and parse chunks of articles (0 = automatic, see analysis.nlp.resolve_n_process
    and analysis.parallel). With ``scheduler`` (a Dask scheduler address) the per-article work
    (cleaning, parsing, sentence tables) runs on that cluster instead. Either way the corpus-level
    steps (ids, language, duplicates, labels) stay here, and the output is the same.
    """
    from analysis.io import MANIFEST_NAME, list_ignored_files, read_raw_folder
    from analysis.manifest import read_manifest
    from analysis.progress import progress as progress_bar

    raw_dir = Path(raw_dir)
    rules = rules or load_rules()
    raw_documents = read_raw_folder(raw_dir, max_file_mb=max_file_mb)
    manifest = read_manifest(raw_dir, sorted({doc.source_file for doc in raw_documents}))
    warnings = list(manifest.warnings)
    warnings.extend(f"{item.source_file}: not read ({item.reason})" for item in list_ignored_files(raw_dir)
                    if item.source_file != MANIFEST_NAME)  # nothing in the folder is skipped silently
    for doc in raw_documents:
        warnings.extend(f"{doc.source_file}: {warning}" for warning in getattr(doc, "warnings", []) or [])
    article_ids = assign_article_ids(raw_documents)
    anchor_years = [_anchor_year(manifest.entry(doc.source_file)) for doc in raw_documents]
    if scheduler:
        from analysis.distributed import clean_documents

        cleaned_documents = clean_documents(scheduler, raw_documents, article_ids, anchor_years, rules)
    else:
        items = list(zip(raw_documents, article_ids, anchor_years))
        cleaned_documents = map_chunks(clean_chunk, items, resolve_n_process(n_process, len(items)), rules=rules)
    documents: list[CleanedDocument] = []
    rows: list[dict[str, Any]] = []
    for doc, cleaned in progress_bar(zip(raw_documents, cleaned_documents), "cleaning",
                                     total=len(raw_documents), enabled=progress):
        entry = manifest.entry(doc.source_file)
        warnings.extend(f"{doc.source_file}: {note}" for note in cleaned.notes)
        documents.append(cleaned)
        rows.append(_article_row(doc, cleaned, entry))
    warnings.extend(_set_languages(rows, documents, manifest))
    _set_duplicates(rows, documents)
    labels = [make_label(row["outlet"], row["outlet_source"], row["site_name"], row["agency"], row["author"],
                         row["article_id"], row["photo_credit"]) for row in rows]
    analysed = [row["status"] == "ok" for row in rows]
    for row, label in zip(rows, unique_labels(labels, [row["article_id"] for row in rows], analysed)):
        row["label"] = label

    parsed = [index for index, cleaned in enumerate(documents) if cleaned.paragraphs]
    to_parse = [documents[index] for index in parsed]
    if scheduler:
        from analysis.distributed import sentence_tables as distributed_sentence_tables

        tables = distributed_sentence_tables(scheduler, to_parse, cache_dir=cache_dir, batch_size=batch_size)
    else:
        load_nlp()  # before the worker processes fork, so that they share the loaded model
        workers = resolve_n_process(n_process, sum(len(cleaned.paragraphs) for cleaned in to_parse))
        tables = map_chunks(sentence_tables_chunk, to_parse, workers, cache_dir=cache_dir,
                            texts_per_batch=batch_size)
    paragraph_rows, sentence_rows, removed_rows = [], [], []
    for index, (paragraphs, sentences, words) in progress_bar(zip(parsed, tables), "parsing",
                                                               total=len(parsed), enabled=progress):
        paragraph_rows.extend(paragraphs)
        sentence_rows.extend(sentences)
        rows[index].update(n_sentences=len(sentences), n_words=words)
    for cleaned in documents:
        removed_rows.extend(_removed_rows(cleaned))

    articles = validate(_articles_frame(rows), ARTICLES)
    paragraphs = validate(_typed(_frame(paragraph_rows, PARAGRAPH_COLUMNS, ["paragraph_id"]),
                                 ("position", "char_start", "char_end")), PARAGRAPHS)
    sentences = validate(_typed(_frame(sentence_rows, SENTENCE_COLUMNS, ["sentence_id"]),
                                ("position", "char_start", "char_end")), SENTENCES)
    removed = validate(_typed(_frame(removed_rows, REMOVED_COLUMNS, ["article_id", "line_no", "col_start"]),
                              ("line_no", "col_start")), REMOVED_LINES)
    return CleanedCorpus(articles, paragraphs, sentences, removed, warnings, documents)


def write_cleaned(corpus: CleanedCorpus, processed_dir: Path) -> list[Path]:
    """Write articles.csv, paragraphs.csv, sentences.csv, removed_lines.csv and warnings.csv; return their paths."""
    processed_dir = Path(processed_dir)
    tables = {"articles.csv": corpus.articles, "paragraphs.csv": corpus.paragraphs,
              "sentences.csv": corpus.sentences, "removed_lines.csv": corpus.removed_lines,
              "warnings.csv": pd.DataFrame({"warning": list(corpus.warnings)}, columns=["warning"])}
    return [write_csv(frame, processed_dir / name) for name, frame in tables.items()]
