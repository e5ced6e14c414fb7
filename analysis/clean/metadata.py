"""Metadata printed in an article's text: date line, byline, wire agency, photo credit, hashtags, site name.

Every finder is a pure function over a RawDocument's lines (1-based line numbers = index + 1). It
returns a :class:`Found` (or ``None``) that says what was found, on which line, which part of the line
(``span``; ``None`` = the whole line) and the reason the cleaner records when it moves that line to
removed_lines. A finding whose ``line_no`` is ``None`` (a relative date inside body prose) removes
nothing.

Division of labour: dateparser parses every date (French month names, numeric orders, weekday
names in any language come from its locale data); the regular expressions here only LOCATE where a
date line, a byline or a credit is printed. The cues they use (markers, labels, agency names, site
words) live in ``analysis/resources/metadata.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.clean.dates import find_published
from analysis.clean.metadata_cues import (
    REASON_AGENCY,
    REASON_BYLINE,
    REASON_PHOTO,
    REASON_SITE,
    SOURCE_TEXT,
    Found,
    FoundTags,
    alternation,
    canonical_agencies,
    cues,
    is_capitalised,
    nonempty_lines,
    safe_lines,
    words_of,
)
from analysis.core.text import fold

# ----------------------------------------------------------------------------------------------
# Byline


def _read_name(text: str, start: int) -> tuple[str, int] | None:
    """A capitalised personal name at ``start`` ("Jean-Baptiste Le Roux"): (name, end) or None."""
    byline = cues().raw["byline"]
    particles = {word.casefold() for word in byline["name_particles"]}
    tokens = list(re.finditer(r"[^\s,;|:()\[\]]+", text[start:]))
    taken: list[re.Match[str]] = []
    for position, token in enumerate(tokens):
        if taken and text[start + taken[-1].end():start + token.start()].strip():
            break  # punctuation between two words ends the name
        word = token.group(0)
        if is_capitalised(word) and not word[0].isdigit():
            taken.append(token)
        elif word.casefold() in particles and position + 1 < len(tokens) and taken \
                and is_capitalised(tokens[position + 1].group(0)):
            taken.append(token)
        else:
            break
        if len(taken) > byline["max_name_words"]:
            return None
    capitalised = [token for token in taken if is_capitalised(token.group(0))]
    if len(capitalised) < byline["min_name_words"]:
        return None
    end = start + taken[-1].end()
    name = text[start:end]
    if canonical_agencies(name):
        return None  # "Par AFP Reuters" is an agency credit, not a person
    return name, end


def _collective_at(text: str, start: int) -> int | None:
    """End of a collective byline ("la rédaction") at ``start``, or None."""
    byline = cues().raw["byline"]
    match = re.compile(alternation(byline["collective"]) + r"(?!\w)").match(text, start)
    return match.end() if match else None


def _tail_is_byline(tail: str) -> bool:
    """What follows a name on a byline line: nothing, a separator, or a byline word ("avec AFP").

    After a comma only a short complement counts ("Par Marie Dupont, envoyée spéciale à Kiev"); a
    long clause makes it a sentence ("Par Vladimir Poutine, la décision a été prise sans …").
    """
    stripped = tail.strip()
    if not stripped:
        return True
    if stripped[0] == ",":
        return len(words_of(stripped[1:])) <= cues().raw["byline"]["max_comma_tail_words"]
    if stripped[0] in "|•·–—-/(":
        return True
    first = re.match(r"[^\W\d_]+", stripped)
    tail_words = {word.casefold() for word in cues().raw["byline"]["tail_words"]}
    return bool(first) and first.group(0).casefold() in tail_words


def _byline_on_line(line: str) -> tuple[str, tuple[int, int]] | None:
    """(author, span of the author) when ``line`` is a byline line."""
    byline = cues().raw["byline"]
    folded = fold(line)
    if not folded.strip() or len(words_of(folded)) > byline["max_words"]:
        return None
    marker = re.compile(rf"^\s*(?:{alternation(byline['markers'])})\s*:?\s+").match(folded)
    start = marker.end() if marker else len(folded) - len(folded.lstrip())
    collective_end = _collective_at(folded, start)
    if collective_end is not None:
        # "La rédaction", "Par la rédaction de News Day FR", "La Rédaction avec AFP"; not prose such as
        # "La rédaction de ce traité a pris des mois." (no capitalised site name after "de").
        rest = folded[collective_end:].strip()
        site = re.fullmatch(r"(?i:de|d')\s*(?:(?i:la|le|l')\s*)?(?P<name>\S+)(?:\s+\S+){0,4}", rest)
        short = marker is not None or len(words_of(folded)) <= byline["max_collective_words"]
        if short and (not rest or (site and is_capitalised(site.group("name")))
                      or (not re.match(r"(?i:de|d')\b", rest) and _tail_is_byline(rest))):
            return byline["collective_value"], (start, collective_end)
        return None
    if not marker:
        return None  # a bare name on a line could be anything (a caption, a heading): not a byline
    names: list[str] = []
    name = _read_name(folded, start)
    if not name:
        return None
    names.append(name[0])
    end = name[1]
    while True:  # co-authors: "Par Marie Dupont et Paul Martin"
        more = re.compile(r"\s*(?:,|(?i:et|and))\s*").match(folded, end)
        following = _read_name(folded, more.end()) if more else None
        if not following:
            break
        names.append(following[0])
        end = following[1]
    if not _tail_is_byline(folded[end:]):
        return None  # "Par Vladimir Poutine lui-même, …" is a sentence
    return " | ".join(names), (start, end)


def find_byline(lines: Sequence[str]) -> Found | None:
    """The author printed in a byline: "Publié par X le …", "Par X", "Auteur : X", "Par la rédaction".

    A byline is a short line that opens with a marker followed directly by a capitalised name
    (2–5 words, particles allowed) and then nothing, a separator or a byline word ("avec AFP", "le
    10 octobre"). Form, not NER, decides: the small spaCy model is unreliable on a lone name line,
    and "Par ailleurs," fails the form (no capitalised name). A collective byline is "La rédaction".
    """
    for index, line in enumerate(safe_lines(lines)):
        found = _byline_on_line(line)
        if found:
            author, span = found
            return Found(author, SOURCE_TEXT, index + 1, REASON_BYLINE, None,
                         f"line {index + 1}: byline \u00ab{line.strip()}\u00bb")
    return None


# ----------------------------------------------------------------------------------------------
# Credits: photo credit vs text agency
#
# Decision rule (also in metadata.yaml):
#   * a credit LABEL ("Crédit", "Crédit photo", "Photo", "©", "Illustration") makes a PHOTO credit,
#     whatever name follows ("Crédit : Reuters" under a caption credits the picture);
#   * an agency name alone on a line ("AFP"), after "Par"/"Source :", in parentheses at the start of
#     a paragraph ("(AFP) -", "MOSCOU (Reuters) –"), or in a signature at the end of a line
#     ("avec AFP" after a byline, "(avec AFP)", "(AFP)", "— AFP") credits the TEXT;
#   * an agency named in prose ("a indiqué à l'AFP", "un entretien avec Reuters") is neither.


def _photo_label_re() -> str:
    return alternation(cues().raw["credits"]["photo_labels"])


def _clean_credit(text: str) -> str:
    """A credit without the trailing slash, bar, period or stray bracket ("X /" -> "X")."""
    cleaned = text.strip()
    cleaned = re.sub(r"[\s/|.;,:\-–—]+$", "", cleaned)
    if cleaned.endswith(")") and "(" not in cleaned:
        cleaned = cleaned[:-1].rstrip()
    if cleaned.startswith("(") and ")" not in cleaned:
        cleaned = cleaned[1:].lstrip()
    return cleaned


def _looks_like_credit(credit: str) -> bool:
    """A credit names someone ("Reuters / Gleb Garanich", "X", "Ministère ukrainien de la Défense").

    A caption ("Photo : Les soldats nord-coréens à l'entraînement") is mostly lower-case words.
    """
    words = words_of(credit)
    if not words or len(words) > 6 or re.match(r"^\d{4}\b", credit):
        return False  # "© 2024 Site" is a site copyright, not a photo credit
    if not (is_capitalised(words[0]) or canonical_agencies(credit) or words[0][0].isdigit()):
        return False
    connectors = {fold(word).casefold() for word in cues().raw["credits"]["credit_connectors"]}
    lower = [w for w in words if w.casefold() not in connectors and w[0].isalpha() and not is_capitalised(w)]
    return len(lower) * 2 <= len(words)


def _photo_credit_on_line(line: str) -> tuple[str, tuple[int, int] | None] | None:
    """(credit, span) when the line is or ends with a photo credit; span None = the whole line."""
    folded = fold(line)
    label = _photo_label_re()
    if len(words_of(folded)) <= cues().raw["credits"]["max_words"]:
        whole = re.match(rf"^\s*[(\[]?\s*(?P<label>{label})(?P<colon>\s*:)?\s*(?P<credit>.*?)\s*$", folded)
        if whole:
            credit = _clean_credit(whole.group("credit"))
            symbol = whole.group("label") in ("©", "(c)", "(C)")
            ok_form = whole.group("colon") or symbol or (credit and is_capitalised(credit))
            word_break = symbol or not folded[whole.end("label"):whole.end("label") + 1].isalpha()
            if ok_form and word_break and _looks_like_credit(credit):
                return credit, None
    tail = re.search(
        rf"(?:(?<=[.!?»\"”)\]])\s+|\s*\(\s*|\s+[|/—–-]\s+)"  # after a sentence, "(" or a separator
        rf"(?P<label>{label})\s*:\s*(?P<credit>[^()]{{1,60}}?)"
        r"\s*\)?\s*$", folded)
    if not tail:
        tail = re.search(r"(?:\s*\(\s*|\s+)(?P<label>©|\((?i:c)\))\s*(?P<credit>[^©()]{1,60}?)\s*\)?\s*$",
                         folded)
    if tail and tail.start() > 0:
        credit = _clean_credit(tail.group("credit"))
        if _looks_like_credit(credit):
            return credit, (tail.start(), len(line))
    return None


def _find_photo_credits(lines: Sequence[str]) -> list[Found]:
    found = []
    for index, line in enumerate(lines):
        credit = _photo_credit_on_line(line)
        if credit:
            found.append(Found(credit[0], SOURCE_TEXT, index + 1, REASON_PHOTO, credit[1],
                               f"line {index + 1}: credit label \u00ab{line.strip()}\u00bb"))
    return found


def _agency_on_line(line: str) -> tuple[list[str], tuple[int, int] | None, str] | None:
    """(agencies, span, form) when the line credits the text to a wire agency."""
    config = cues()
    if _photo_credit_on_line(line):
        return None  # a credit label wins: that agency took the picture
    folded = fold(line)
    agencies = config.agency_list_re
    source = alternation(config.raw["credits"]["source_labels"])
    alone = re.match(rf"^\s*[(\[—–\-•]*\s*(?:(?:(?i:par|avec)|{source}\s*:?)\s*)?(?P<ag>{agencies})"
                     r"\s*[)\]]?\s*\.?\s*$", folded)
    if alone:
        return canonical_agencies(alone.group("ag")), None, "agency alone on its line"
    opening = re.match(rf"^\s*(?:[^\W\d_][^().!?()]{{0,60}}?\s*)?"  # optional place/date: "SÉOUL, 19 déc"
                       rf"\(\s*(?P<ag>{agencies})\s*\)\s*[-–—:]\s*", folded)
    if opening:
        return canonical_agencies(opening.group("ag")), (0, opening.end()), "dateline (agency) -"
    signature = re.search(rf"\s*\(\s*(?:(?i:avec|source\s*:?)\s+)?(?P<ag>{agencies})\s*\)\s*\.?\s*$",
                          folded)  # "(AFP)", "(avec AFP)" closing a line
    if not signature:
        signature = re.search(  # "— AFP", "Marie Dupont - AFP" closing a line
            rf"(?:^|(?<=[.!?»\"”])|(?<=\S\s))\s*[—–-]\s*(?P<ag>{agencies})\s*\.?\s*$", folded)
        if signature and len(words_of(folded[:signature.start()])) > 5 \
                and not re.search(r"[.!?»\"”]\s*$", folded[:signature.start()]):
            signature = None  # "le bilan - AFP" inside a long sentence is not a signature
    if signature:
        whole = not folded[:signature.start()].strip() or _byline_on_line(line[:signature.start()])
        return (canonical_agencies(signature.group("ag")), None if whole else (signature.start(), len(line)),
                "signature")
    with_agency = re.search(rf"\s+(?i:avec)\s+(?P<ag>{agencies})\s*\.?\s*$", folded)
    if with_agency and _byline_on_line(line):  # "Par Marie Dupont avec AFP", "La rédaction avec AFP"
        return canonical_agencies(with_agency.group("ag")), None, "byline signature"
    return None


def _find_agency_credits(lines: Sequence[str]) -> list[Found]:
    found = []
    for index, line in enumerate(lines):
        credit = _agency_on_line(line)
        if credit and credit[0]:
            names, span, form = credit
            found.append(Found(" | ".join(names), SOURCE_TEXT, index + 1, REASON_AGENCY, span,
                               f"line {index + 1}: {form} \u00ab{line.strip()}\u00bb"))
    return found


def find_agency(lines: Sequence[str]) -> Found | None:
    """The wire agency credited for the TEXT (first credit in the text); see the decision rule above."""
    found = _find_agency_credits(safe_lines(lines))
    return found[0] if found else None


def find_agency_credits(lines: Sequence[str]) -> list[Found]:
    """Every text-agency credit, one per line, for the cleaner to remove them all."""
    return _find_agency_credits(safe_lines(lines))


def find_photo_credit(lines: Sequence[str]) -> Found | None:
    """The first photo credit ("Crédit : Reuters", "Crédit Photo : X /", "© AFP", "Photo : AFP")."""
    found = _find_photo_credits(safe_lines(lines))
    return found[0] if found else None


def find_photo_credits(lines: Sequence[str]) -> list[Found]:
    """Every photo credit, one per line (a caption repeated three times has three)."""
    return _find_photo_credits(safe_lines(lines))


# ----------------------------------------------------------------------------------------------
# Hashtags

_INLINE_TAG = re.compile(r"(?<![\w&#/])#(?P<tag>[^\W\d_][\w-]*)")


def _tag_line(line: str) -> list[str] | None:
    """The tags of a line made only of hashtags ("#Oleksandre Syrsky", "#Russie #Ukraine"), else None."""
    config = cues().raw["tags"]
    stripped = fold(line).strip()
    if not re.match(r"#[^\W\d_]", stripped) or len(stripped) > config["max_line_chars"]:
        return None
    pieces = [piece.strip() for piece in stripped.split("#") if piece.strip()]
    too_long = any(len(words_of(piece)) > config["max_words_per_tag"] for piece in pieces)
    if too_long or any(re.search(r"[.!?]$", piece) for piece in pieces):
        return None  # a sentence that starts with a hashtag is not a tag line
    return pieces


def find_tags(lines: Sequence[str]) -> FoundTags | None:
    """Hashtags: whole tag lines (a tag may hold spaces), "Mots-clés : a, b" lines, inline "#Tag"s.

    Tag lines and label lines are removed by the cleaner; inline tags stay in the text and are only
    collected (with their spans).
    """
    lines = safe_lines(lines)
    config = cues().raw["tags"]
    label = re.compile(rf"^\s*(?:{alternation(config['labels'])})\s*:\s*(?P<rest>.*)$")
    tags: list[str] = []
    consumed: list[int] = []
    inline: list[tuple[int, tuple[int, int]]] = []
    pending_label: int | None = None
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        pieces = _tag_line(line)
        labelled = label.match(fold(line))
        if pieces is not None:
            if pending_label is not None:
                consumed.append(pending_label + 1)
                pending_label = None
            tags.extend(pieces)
            consumed.append(index + 1)
            continue
        pending_label = None
        if labelled:
            rest = labelled.group("rest").strip()
            if not rest:
                pending_label = index  # removed only if tag lines follow
                continue
            tags.extend(piece.strip() for piece in re.split(r"[,;|#]", rest) if piece.strip())
            consumed.append(index + 1)
            continue
        for match in _INLINE_TAG.finditer(line):
            tags.append(match.group("tag"))
            inline.append((index + 1, match.span()))
    unique = list(dict.fromkeys(tags))
    if not unique:
        return None
    return FoundTags(tuple(unique), tuple(sorted(consumed)), tuple(inline))


# ----------------------------------------------------------------------------------------------
# Site name


def _site_from_rights(line: str) -> str | None:
    """The site of a copyright notice: "© 2024 News Day FR", "X © 2024", "© X. Tous droits réservés"."""
    config = cues().raw["site_name"]
    folded = fold(line).strip()
    rights = alternation(config["rights_markers"])
    symbol = r"(?:©|\((?i:c)\)|(?i:copyright))"
    years = r"\d{4}(?:\s*[-–]\s*\d{4})?"
    patterns = (
        rf"^{symbol}\s*{years}\s*[,.\-–]?\s*(?P<name>[^.©]+?)\s*(?:[.,\-–]\s*{rights})?\s*\.?$",
        rf"^(?P<name>[^.©]+?)\s*{symbol}\s*{years}\s*(?:[.,\-–]\s*{rights})?\s*\.?$",
        rf"^{symbol}\s*(?P<name>[^.©\d][^.©]*?)\s*[.,\-–]\s*{rights}\s*\.?$",
    )
    for pattern in patterns:
        match = re.match(pattern, folded)
        if match:
            name = match.group("name").strip(" .,-–")
            if name and len(words_of(name)) <= config["max_words"] and not canonical_agencies(name):
                return name
    return None


def _site_from_title_case(line: str) -> bool:
    """A short Title Case line holding a site word ("News Day FR", "Le Journal de Lille")."""
    config = cues().raw["site_name"]
    stripped = fold(line).strip()
    folded = stripped.casefold()
    if (not stripped or stripped.startswith("#") or len(stripped) > config["max_chars"]
            or any(fold(word).casefold() in folded for word in config["exclude"])):
        return False
    words = words_of(stripped)
    if not 2 <= len(words) <= config["max_words"]:
        return False
    connectors = {fold(word).casefold() for word in config["connectors"]}
    site_words = {fold(str(word)).casefold() for word in config["words"]}
    for word in words:
        if not (is_capitalised(word) or word.casefold() in connectors or word.isdigit()):
            return False
    if canonical_agencies(stripped) and len(canonical_agencies(stripped)) == len(words):
        return False
    return any(re.sub(r"[^\w]", "", word.casefold()) in site_words for word in words)


def find_site_name(lines: Sequence[str]) -> Found | None:
    """The site name the page prints: a copyright notice, or a short Title Case line at the top/bottom.

    Never guessed from the content: the line must hold a cue word from metadata.yaml ("News Day FR")
    or be a copyright notice ("© 2024 Info Hebdo. Tous droits réservés").
    """
    lines = safe_lines(lines)
    config = cues().raw["site_name"]
    nonempty = nonempty_lines(lines)
    for index in nonempty[-10:] + nonempty[:3]:
        name = _site_from_rights(lines[index])
        if name:
            return Found(name, SOURCE_TEXT, index + 1, REASON_SITE, None,
                         f"line {index + 1}: copyright notice \u00ab{lines[index].strip()}\u00bb")
    top, bottom = nonempty[: config["top_lines"]], nonempty[-config["bottom_lines"]:]
    for index in dict.fromkeys(top + bottom):
        if _site_from_title_case(lines[index]):
            return Found(lines[index].strip(), SOURCE_TEXT, index + 1, REASON_SITE, None,
                         f"line {index + 1}: short Title Case line with a site word at the "
                         f"{'top' if index in top else 'bottom'} of the page")
    return None


# ----------------------------------------------------------------------------------------------
# All together, and the display label


@dataclass(frozen=True)
class TextMetadata:
    """Everything metadata.py found in one article's lines."""

    published: Found | None = None
    byline: Found | None = None
    agency: Found | None = None
    photo_credit: Found | None = None
    tags: FoundTags | None = None
    site_name: Found | None = None
    agency_credits: tuple[Found, ...] = field(default_factory=tuple)
    photo_credits: tuple[Found, ...] = field(default_factory=tuple)

    def columns(self) -> dict[str, str]:
        """The articles-table columns this metadata fills ("" when not found)."""
        def value(found: Found | FoundTags | None) -> str:
            return found.value if found else ""
        return {
            "published": value(self.published),
            "published_source": self.published.source if self.published else "",
            "author": value(self.byline),
            "agency": value(self.agency),
            "photo_credit": value(self.photo_credit),
            "site_name": value(self.site_name),
            "tags": value(self.tags),
        }

    def consumed_lines(self) -> dict[int, list[tuple[str, tuple[int, int] | None]]]:
        """1-based line -> [(reason, span)] of every line (part) the cleaner should remove."""
        consumed: dict[int, list[tuple[str, tuple[int, int] | None]]] = {}
        singles = [self.published, self.byline, self.site_name, *self.agency_credits, *self.photo_credits]
        for found in singles:
            if found is not None and found.line_no is not None:
                consumed.setdefault(found.line_no, []).append((found.reason, found.span))
        if self.tags:
            for line_no in self.tags.line_nos:
                consumed.setdefault(line_no, []).append((self.tags.reason, None))
        return dict(sorted(consumed.items()))


def find_metadata(lines: Sequence[str], anchor_year: int | None = None) -> TextMetadata:
    """Run every finder on one article's lines."""
    lines = safe_lines(lines)
    agency_credits = tuple(find_agency_credits(lines))
    photo_credits = tuple(find_photo_credits(lines))
    return TextMetadata(
        published=find_published(lines, anchor_year),
        byline=find_byline(lines),
        agency=agency_credits[0] if agency_credits else None,
        photo_credit=photo_credits[0] if photo_credits else None,
        tags=find_tags(lines),
        site_name=find_site_name(lines),
        agency_credits=agency_credits,
        photo_credits=photo_credits,
    )


def make_label(outlet: str, outlet_source: str, site_name: str, agency: str, author: str,
               article_id: str, photo_credit: str = "") -> str:
    """A short display label saying what is known about an article's origin.

    Outlet from the manifest or the text -> the outlet; inferred -> "Frontières Média (inferred)";
    else the site name the page prints; else "unknown outlet · " + the strongest clue (agency
    dispatch, byline, photo credit); else "unknown outlet". ``article_id`` is never printed: making
    labels unique is the caller's job (it is accepted so every caller passes the same row fields).
    """
    del article_id  # see docstring
    outlet = (outlet or "").strip()
    if outlet and outlet.casefold() != "unknown" and outlet_source != "unknown":
        return f"{outlet} (inferred)" if outlet_source == "inferred" else outlet
    if (site_name or "").strip():
        return site_name.strip()
    if (agency or "").strip():
        agencies = "/".join(part.strip() for part in agency.split("|") if part.strip())
        return f"unknown outlet \u00b7 {agencies} dispatch"
    if (author or "").strip():
        authors = ", ".join(part.strip() for part in author.split("|") if part.strip())
        return f"unknown outlet \u00b7 byline {authors}"
    if (photo_credit or "").strip():
        return f"unknown outlet \u00b7 photo: {photo_credit.strip()}"
    return "unknown outlet"
