"""Boilerplate removal: which lines of a pasted page are the article, and which are not.

A raw file is a web page pasted as text: around the article sit navigation, related-article links,
photo captions and credits, buttons, comment counters and hashtags. :func:`clean_lines` keeps the
article (headline, sub-headings, body paragraphs) and puts every other line in ``removed`` with a
reason and the rule that removed it. The rules are data (``analysis/resources/boilerplate.yaml``),
loaded by :func:`load_rules`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml
from analysis.core.paths import resource
from analysis.core.text import fold

RULES_FILE = "boilerplate.yaml"

#: analysis.clean.metadata's removal reasons -> the reason codes of removed_lines.csv.
METADATA_REASONS = {"dateline": "dateline", "byline": "byline", "agency credit": "agency",
                    "photo credit": "photo_credit", "hashtags": "hashtag", "site name": "site_name"}
#: When one line holds several metadata ("Publié par X le 10 octobre 2024"), the first of these names it.
METADATA_REASON_PRIORITY = ("byline", "dateline", "agency", "photo_credit", "site_name", "hashtag")

#: Characters that close a quotation or a bracket; skipped when looking at how a line ends.
CLOSING_MARKS = "\"»”’)]'"
OPENING_QUOTES = "\"«“"
CLOSING_QUOTES = "\"»”"
APOSTROPHES = "'’"



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
            compiled.append(re.compile(fold_line(text), flags))
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
        dangling_words=frozenset(fold_line(str(word)).lower()
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
    data = load_yaml(path, "the boilerplate rules")
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
    #: where the text comes from: "text" (raw lines), or the metadata that gave a headline the text does
    #: not print (e.g. "title field of the jsonl record"); such a paragraph has no segments
    source: str = "text"

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


def fold_line(text: str) -> str:
    """A line as the rules see it (never as it is kept): typographic quotes and apostrophes, odd spaces
    made ASCII, one character per character."""
    return fold(text, quotes=True)


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def last_meaningful_char(text: str) -> str:
    """The last character of ``text`` once closing quotes, brackets and spaces are skipped."""
    stripped = text.rstrip().rstrip(CLOSING_MARKS + " \u00a0\u202f")
    return stripped[-1] if stripped else ""


def ends_as_prose(text: str, rules: Rules) -> bool:
    """Whether ``text`` ends like a sentence (final . … : ; , before any closing quote or bracket)."""
    return last_meaningful_char(text) in rules.prose_endings and last_meaningful_char(text) != ""


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
    for position, char in enumerate(fold_line(text)):
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
            found = rule.match(fold_line(line.content))
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
        folded = fold_line(line.content)
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
            folded = fold_line(following.content)
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
    if fold_line(before).split()[-1].lower() in rules.dangling_words:
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


