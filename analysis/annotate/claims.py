"""Numeric claims about people in one sentence: how many soldiers were sent, killed, wounded, captured.

The lexicon (approximators, vague quantities, people nouns, kind cues, date filters) lives in
analysis/resources/claims.yaml, whose header documents the rules step by step. In short:

1. numbers are found in the sentence text (digits with French separators, number words read by
   text2num, vague quantities such as "plusieurs milliers", ranges);
2. a number is kept only when it counts people (a noun of ``people_nouns`` follows it) or, standing
   alone, is the subject or complement of a casualty/deployment predicate in a sentence about troops;
3. its kind comes from cues read in tiers of the dependency parse, nearest first (``kind_tiers``):
   the counted noun, the nouns governing it, the clause's predicate (with its coordinated verbs that
   carry no number of their own), the noun's participles and adjectives, and, as a fallback for
   parse errors, the words after it in its clause; the first tier that names a kind decides.
   ``deployed`` needs a deployment cue, except for a count of soldiers in a clause with no other
   predicate (a headline such as "10 000 soldats ?"); its subject comes from the noun phrase, then
   the sentence, then the preceding sentences;
4. its source is the attribution closest to it in the sentence (the one whose quotation holds it
   first), else the last attribution of the preceding sentence of the paragraph.

Numbers are located with regular expressions on the text because spaCy splits "10 000" into two
tokens and glues quotes to words ("qu'\"environ"); the parse and lemmas are used for everything else.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Span, Token

from analysis.annotate.attribution_lexicon import quote_regions
from analysis.annotate.claims_lexicon import ClaimsLexicon, load_claims_lexicon
from analysis.annotate.numbers import FoundNumber, find_numbers, word_value
from analysis.core.text import fold

CLAIM_KINDS = ("deployed", "killed", "wounded", "killed_or_wounded", "captured")
#: values of Claim.source_scope: where the figure's source was found
SOURCE_SCOPES = ("quote", "sentence", "previous_sentence", "paragraph", "headline", "credit", "none")


class AttributionLike(Protocol):
    """What a claim needs of an attribution (analysis.annotate.attribution.Attribution)."""

    actor: str
    actor_group: str
    quote_type: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Claim:
    """A figure about people, with its bounds, kind, subject, source and offsets in the sentence."""

    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    subject: str
    actor: str
    source_group: str
    hedged: bool
    text: str
    char_start: int
    char_end: int
    source_scope: str = "none"
    status: str = "deployed"  # planned, deployed or casualty (claims.yaml rule 8)
    precision: str = "exact"  # exact, bounded, approximate or vague (claims.yaml rule 9)


# --- is it a count of people? ---------------------------------------------------------------------

# "20 et 26 ans", "3 000 ou 4 000 soldats": one noun for both; "108 des 112 personnes": 108 counts "personnes"
_COORDINATORS = frozenset({"et", "ou", "des"})


def _tokens_in(sent: Span, start: int, end: int) -> list[Token]:
    """Tokens of the sentence overlapping sentence-relative offsets [start, end)."""
    lo, hi = sent.start_char + start, sent.start_char + end
    return [token for token in sent if token.idx < hi and token.idx + len(token.text) > lo]


def _after(sent: Span, end: int) -> list[Token]:
    """Tokens that start at or after sentence-relative offset ``end``."""
    return [token for token in sent if token.idx >= sent.start_char + end]


def _word(token: Token) -> str:
    return fold(token.text).lower()


def _lemma(token: Token) -> str:
    return fold(token.lemma_).lower()


def _is_number_token(token: Token) -> bool:
    return token.like_num or token.pos_ == "NUM" or word_value(_word(token)) is not None


def _skip_coordinated_number(tokens: Sequence[Token], index: int) -> int:
    """Index after "et 26" / "ou 4 000" at ``index``, or ``index`` when there is none."""
    if _word(tokens[index]) not in _COORDINATORS or index + 1 >= len(tokens) \
            or not _is_number_token(tokens[index + 1]):
        return index
    index += 1
    while index < len(tokens) and _is_number_token(tokens[index]):
        index += 1
    return index


def counted_noun(sent: Span, number: FoundNumber, lexicon: ClaimsLexicon) -> tuple[Token | None, bool]:
    """(noun the number counts, whether a noun follows at all).

    Read left to right, because the small model attaches split digits inconsistently ("1 200
    soldats": "200" becomes the subject and "soldats" its nmod, "10 000" two determiners). Skips "de",
    "ces", quotes ("3 000 de ces combattants", "“6 militaires”"), at most two adjectives that are not
    people words ("10 000 nouveaux soldats") and a coordinated number ("20 et 26 ans": "20" counts
    "ans" too). When no word follows, the parse decides: a number that modifies a noun after it
    (``nummod``) counts that noun.
    """
    adjectives, tokens, index = 0, _after(sent, number.end)[:8], 0
    while index < len(tokens):
        token = tokens[index]
        skipped = _skip_coordinated_number(tokens, index)
        if skipped != index:
            index = skipped
            continue
        index += 1
        if re.search(r"[).;:!?]", sent.text[number.end:token.idx - sent.start_char]):
            return None, False  # "l'Espagne (27.940).La Sécurité sociale": the phrase has ended
        if _word(token) in lexicon.skip_between or token.is_space:
            continue
        if _word(token) in lexicon.elision_words:
            return None, False  # "37.000 côté américain": the noun is elided, not "côté"
        if _is_people_word(token, lexicon):
            return token, True
        if token.pos_ == "ADJ" and adjectives < 2:
            adjectives += 1
            continue
        return (token, True) if token.pos_ in ("NOUN", "PROPN") else (None, False)
    number_tokens = _tokens_in(sent, number.number_start, number.end)
    last = number_tokens[-1] if number_tokens else None
    if last is not None and last.dep_ == "nummod" and last.head.i > last.i and _in_sentence(last.head, sent) \
            and last.head.pos_ in ("NOUN", "PROPN"):
        return last.head, True
    return None, False


def _is_people_word(token: Token, lexicon: ClaimsLexicon) -> bool:
    forms = {_word(token), _lemma(token)}
    return bool(forms & (lexicon.troop_nouns | lexicon.generic_troop_nouns | lexicon.other_nouns
                         | set(lexicon.casualty_nouns)))


def noun_class(noun: Token | None, lexicon: ClaimsLexicon) -> str:
    """The ``people_nouns`` group of a counted noun: casualty, troop, generic_troop, other, or ""."""
    if noun is None:
        return ""
    forms = {_word(noun), _lemma(noun)}
    for name, words in (("casualty", set(lexicon.casualty_nouns)), ("troop", lexicon.troop_nouns),
                        ("generic_troop", lexicon.generic_troop_nouns), ("other", lexicon.other_nouns)):
        if forms & words:
            return name
    return ""


def _subject_counted(number_tokens: Sequence[Token], sent: Span, lexicon: ClaimsLexicon) -> Token | None:
    """The people noun a bare number is predicated of: its own subject ("les soldats seraient 10 000") or
    the subject of the verb it complements ("les pertes se chiffrent à plusieurs centaines")."""
    candidates = [child for token in number_tokens for child in token.children
                  if child.dep_.startswith("nsubj")]
    predicate = _predicate(number_tokens[-1], sent)
    if predicate is not None:
        heads = [predicate] + ([predicate.head] if predicate.dep_ == "conj" else [])
        candidates += [child for head in heads for child in head.children if child.dep_.startswith("nsubj")]
    return next((token for token in candidates
                 if _in_sentence(token, sent) and _is_people_word(token, lexicon)), None)


def _in_sentence(token: Token, sent: Span) -> bool:
    return sent.start <= token.i < sent.end


def _ends_with_phrase(text: str, phrase: str) -> bool:
    """Whether ``text`` ends with the words ``phrase`` (not with the end of a longer word)."""
    return text.endswith(phrase) and (len(text) == len(phrase) or not text[-len(phrase) - 1].isalnum())


def _is_date_or_measure(sent: Span, number: FoundNumber, lexicon: ClaimsLexicon) -> bool:
    """A date ("3 octobre", "octobre 2024", "lundi 21"), a year ("depuis 1990"), an age ("âgés de 20"),
    a time ("10 h 39"), a number in a name ("résolution 1718"), a duration or a measure ("18 ans")."""
    before = [t for t in _tokens_in(sent, 0, number.number_start) if not t.is_space]
    after = _after(sent, number.end)
    previous = _word(before[-1]) if before else ""
    following = _word(after[0]) if after else ""
    if previous in lexicon.months | lexicon.weekdays or following in lexicon.months:
        return True
    if before and before[-1].text[:1].isupper() and before[-1].i > sent.start and not before[-1].is_punct \
            and sent.text[:number.number_start].endswith(before[-1].text + " ") \
            and word_value(previous) is None and previous not in lexicon.before_capitalised_ok:
        return True  # a model or a name: "Boeing 747", "Mig 29", "Caucase 2020"
    after_words = " ".join(_word(token) for token in after[:2])
    if following in lexicon.units_after or after_words in lexicon.units_after:
        return True  # "18 ans", "5 pour cent" (but "400.000 pour la Chine" is a count)
    for start in {number.start, number.number_start}:
        text_before = fold(sent.text[:start]).lower().rstrip(" \u00a0\"«“'(")
        if any(_ends_with_phrase(text_before, phrase) for phrase in lexicon.before):
            return True
    value = number.value
    is_year = value is not None and 1800 <= value <= 2100 and float(value).is_integer() \
        and re.fullmatch(r"\d{4}", sent.text[number.number_start:number.end].strip() or "")
    previous_two = _word(before[-2]) + previous if len(before) >= 2 else ""  # "d'ici": cut in two by the tokenizer
    return bool(is_year and (previous in lexicon.year_before or previous_two in lexicon.year_before or not following))


# --- kind and subject ----------------------------------------------------------------------------------

def _kind_of_token(token: Token, sent: Span, lexicon: ClaimsLexicon) -> str | None:
    """Kind named by one token (word or lemma), or by a phrase starting at it ("coûté la vie")."""
    rest = fold(sent.text[token.idx - sent.start_char:]).lower()  # not sent.doc.text: that rebuilds the paragraph
    for phrase, kind in lexicon.kind_phrases:
        if rest.startswith(phrase) and (len(rest) == len(phrase) or not rest[len(phrase)].isalnum()):
            return kind
    return (lexicon.kind_words.get(_word(token)) or lexicon.kind_words.get(_lemma(token))
            or lexicon.casualty_nouns.get(_word(token)) or lexicon.casualty_nouns.get(_lemma(token)))


def _is_weak_deployment(token: Token, lexicon: ClaimsLexicon) -> bool:
    return bool({_word(token), _lemma(token)} & lexicon.weak_deployment)


def _predicate(anchor: Token, sent: Span) -> Token | None:
    """The nearest predicate above ``anchor`` in the parse, in the sentence: a verb, a participle or
    adjective, or a noun with a copula ("sont déjà en Russie" -> "Russie")."""
    token, steps = anchor, 0
    while token.head.i != token.i and steps < 6:
        token, steps = token.head, steps + 1
        if not (sent.start <= token.i < sent.end):
            return None
        if token.pos_ in ("VERB", "AUX", "ADJ") or any(child.dep_ == "cop" for child in token.children):
            return token
    return None


def is_presence(predicate: Token | None, lexicon: ClaimsLexicon) -> bool:
    """Whether a copular predicate places its subject somewhere ("sont déjà en Russie", "sont au front")."""
    if predicate is None or not any(child.dep_ == "cop" for child in predicate.children):
        return False
    return any(child.dep_ == "case" and _word(child) in lexicon.presence_prepositions
               for child in predicate.children)


def _carries_number(token: Token, others: frozenset[int], inside: Token | None = None) -> bool:
    """Whether a conjunct has a number of its own in its subtree (outside the subtree of ``inside``)."""
    excluded = {t.i for t in inside.subtree} if inside is not None else set()
    return any(t.i in others and t.i not in excluded for t in token.subtree)


def _conjuncts(token: Token, others: frozenset[int]) -> list[Token]:
    """Words coordinated with ``token`` that carry no number of their own ("tués ou blessés"; not "tués"
    for "2 700" in "300 ont été tués et 2 700 blessés"): its conj children, and its head when it is one."""
    found = [child for child in token.children if child.dep_ == "conj" and not _carries_number(child, others)]
    if token.dep_ == "conj" and token.head.i != token.i and not _carries_number(token.head, others, token):
        found.append(token.head)
    return found


def _predicate_cues(predicate: Token, bare: bool, others: frozenset[int] = frozenset()) -> list[Token]:
    """The predicate, its conjuncts without a number of their own ("tués ou blessés"), their
    infinitive/participle complements ("avaient commencé à être envoyés") and, for a bare number,
    their subjects ("les pertes se chiffrent à")."""
    heads = [predicate] + _conjuncts(predicate, others)
    cues = list(heads)
    for head in heads:
        for child in head.children:
            if child.dep_ == "xcomp" or (bare and child.dep_.startswith("nsubj")):
                cues.append(child)
                cues.extend(grand for grand in child.children if grand.dep_ == "xcomp")
    return cues


def _governing_nouns(anchor: Token, sent: Span) -> list[Token]:
    """Nouns above the counted phrase: "la mort de six officiers", "le rassemblement de 50 000 soldats"."""
    found, head, steps = [], anchor, 0
    while head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN") and steps < 3:
        head, steps = head.head, steps + 1
        if _in_sentence(head, sent):
            found.append(head)
    return found


def _modifiers(noun: Token, others: frozenset[int]) -> list[Token]:
    """Participles, adjectives and relative clauses of the counted noun ("soldats blessés", "soldats
    capturés", "combattant aux côtés"), with their conjuncts and infinitive complements."""
    found = []
    for child in noun.children:
        if child.dep_ in ("acl", "amod", "acl:relcl"):
            found.append(child)
            found.extend(_conjuncts(child, others))
            found.extend(grand for grand in child.children if grand.dep_ == "xcomp")
    return found


def _window_cues(sent: Span, end_char: int, numbers: Sequence[FoundNumber]) -> list[Token]:
    """Words that follow the counted phrase up to the end of its clause (at most ten)."""
    next_number = min((n.start for n in numbers if n.start >= end_char), default=len(sent.text))
    cues = []
    for token in _after(sent, end_char)[:10]:
        if token.idx - sent.start_char >= next_number or _word(token) in (
                ",", ";", ":", "que", "qu'", "qui", "selon", "d'après", "dont", "(", ")"):
            break
        cues.append(token)
    return cues


def claim_kind(cues: Sequence[Token], sent: Span, lexicon: ClaimsLexicon,
               weak_deployment: bool = True) -> str | None:
    """Kind of a claim from one tier of cue words: casualties beat deployment; killed + wounded is both.
    With ``weak_deployment`` False, presence cues ("se trouver", "arriver") do not make it deployed."""
    kinds = set()
    for token in cues:
        kind = _kind_of_token(token, sent, lexicon)
        if kind == "deployed" and not weak_deployment and _is_weak_deployment(token, lexicon):
            continue
        if kind:
            kinds.add(kind)
    if "killed_or_wounded" in kinds or {"killed", "wounded"} <= kinds:
        return "killed_or_wounded"
    for kind in ("killed", "wounded", "captured", "deployed"):
        if kind in kinds:
            return kind
    return None


KIND_TIERS = ("casualty_predicate", "counted_noun", "governing_noun", "predicate", "modifier", "window",
              "preceding")
_ARGUMENT_DEPS = ("nsubj", "nsubj:pass", "obj")


def kind_tiers(noun: Token | None, anchor: Token, predicate: Token | None, sent: Span, end_char: int,
               numbers: Sequence[FoundNumber], others: frozenset[int]) -> list[tuple[str, list[Token]]]:
    """The cue words of a count in the order they are read (claims.yaml rule 4): the counted noun and
    its conjuncts, the nouns governing it, the predicate, the noun's modifiers, the rest of the clause.

    When the counted noun is the subject or object of the predicate itself ("ont capturé deux
    blessés"), the predicate is read first, for casualty and capture kinds only (``casualty_predicate``).
    """
    counted = [] if noun is None else [noun] + [
        child for child in noun.children if child.dep_ == "conj" and not _carries_number(child, others)]
    predicate_cues = _predicate_cues(predicate, noun is None, others) if predicate is not None else []
    is_argument = noun is not None and predicate is not None and noun.head.i == predicate.i \
        and noun.dep_ in _ARGUMENT_DEPS
    return [("casualty_predicate", predicate_cues if is_argument else []), ("counted_noun", counted),
            ("governing_noun", _governing_nouns(anchor, sent)), ("predicate", predicate_cues),
            ("modifier", _modifiers(noun, others) if noun is not None else []),
            ("window", _window_cues(sent, end_char, numbers)), ("preceding", _preceding_verbs(sent, anchor))]


def _preceding_verbs(sent: Span, anchor: Token) -> list[Token]:
    """Verbs among the six words before the counted phrase, back to a punctuation mark: a last fallback for
    parse errors ("les opérations impliqueront 12.900 soldats" with "impliqueront" tagged a copula, "a vu
    défiler sur la Place rouge quelque 14.000 soldats")."""
    start = min((t.i for t in anchor.subtree if sent.start <= t.i < sent.end and t.pos_ in ("NUM", "DET", "ADJ",
                                                                                          "NOUN", "PROPN")),
                default=anchor.i)
    found = []
    for token in reversed(list(sent.doc[max(sent.start, start - 6):start])):
        if token.is_punct:
            break
        if token.pos_ in ("VERB", "AUX"):
            found.append(token)
    return found


def kind_from_tiers(tiers: Sequence[tuple[str, Sequence[Token]]], sent: Span, lexicon: ClaimsLexicon, *,
                    weak_deployment: bool = True, presence: bool = False) -> tuple[str | None, str]:
    """(kind, tier that gave it) from the first tier naming a kind; a presence predicate counts as a
    weak deployment cue in the predicate tier; the casualty_predicate tier gives no deployment."""
    for name, cues in tiers:
        kind = claim_kind(cues, sent, lexicon, weak_deployment)
        if name == "casualty_predicate" and kind == "deployed":
            kind = None  # "12 prisonniers se trouvent à Kiev" stays captured
        if kind is None and name == "predicate" and presence and weak_deployment:
            kind = "deployed"
        if kind is not None:
            return kind, name
    return None, ""


def _mentions_north_korea(texts: Sequence[str], lexicon: ClaimsLexicon) -> bool:
    return any(lexicon.north_korean.search(text) for text in texts)


def _nationality(noun: Token, sent: Span, lexicon: ClaimsLexicon) -> str | None:
    """north_korean_troops / russian_troops when a noun or its modifiers say so ("soldats russes")."""
    following = list(sent.doc[noun.i + 1: min(noun.i + 3, sent.end)])
    modifiers = [child for child in noun.children if child.dep_ in ("amod", "nmod")]
    # the next word whatever its tag (the small model tags "russes" in "les pertes russes" as a verb),
    # the one after only as an adjective or name
    modifiers += following[:1] + [t for t in following[1:] if t.pos_ in ("ADJ", "PROPN")]
    if lexicon.north_korean.search(" ".join(token.text for token in [noun] + modifiers)):
        return "north_korean_troops"
    if lexicon.russian.search(" ".join(token.text for token in modifiers)):
        return "russian_troops"
    return None


def claim_subject(noun: Token | None, sent: Span, context: Sequence[Span], lexicon: ClaimsLexicon,
                  related: Sequence[Token] = ()) -> str:
    """Whose troops: the noun phrase first ("soldats russes"), then the nouns it is predicated of
    (``related``: "les pertes russes s'élèvent à 1 500 morts"), then the sentence, then the context."""
    if noun is not None:
        if _word(noun) in lexicon.other_nouns or _lemma(noun) in lexicon.other_nouns:
            return "other"
    for candidate in ([noun] if noun is not None else []) + list(related):
        nationality = _nationality(candidate, sent, lexicon)
        if nationality:
            return nationality
    if _mentions_north_korea([sent.text] + [s.text for s in context], lexicon):
        return "north_korean_troops"
    return "other"


# --- status ----------------------------------------------------------------------------------------

_CLAUSE_EDGES = ("ccomp", "advcl", "parataxis", "acl:relcl", "ROOT")


def clause_path(anchor: Token, sent: Span) -> list[Token]:
    """The words above ``anchor`` in the parse, up to and including the verb of its clause: "soldats" of
    « a décidé d'envoyer jusqu'à 12 000 soldats » gives envoyer, décidé; of « Zelensky assure que 10 000
    soldats se préparent » gives préparent (the que-clause's verb ends the path)."""
    path, token = [], anchor
    while token.head.i != token.i and _in_sentence(token.head, sent) and len(path) < 8:
        if token.dep_ in _CLAUSE_EDGES and token is not anchor:
            break
        token = token.head
        path.append(token)
    return path


def _modal_on_simple_infinitive(modal: Token, sent: Span) -> bool:
    """Whether a modal bears on a simple infinitive (« devraient être envoyés »), not a perfect one
    (« pourraient avoir été envoyés »: a past) — read on the words after it, which the small model parses badly."""
    after = list(sent.doc[modal.i + 1: min(modal.i + 4, sent.end)])
    words = [_word(token) for token in after if not token.is_punct and _word(token) not in ("ne", "n'", "pas")]
    return bool(words) and not (words[0] == "avoir" and len(words) > 1 and words[1] in ("ete", "été")
                                or words[0] == "avoir" and any("Part" in t.morph.get("VerbForm") for t in after[1:]))


def _is_planned(token: Token, sent: Span, lexicon: ClaimsLexicon) -> bool:
    """Whether one word of a deployment figure's clause path makes it a plan (claims.yaml rule 8)."""
    if {_word(token), _lemma(token)} & lexicon.planned_lemmas:
        return True
    for word in [token] + [child for child in token.children if child.dep_.startswith("aux")]:
        if "Fut" in word.morph.get("Tense") and word.pos_ in ("VERB", "AUX"):
            return True
        lemma = _lemma(word)
        if lemma in lexicon.planned_modals and "Part" not in word.morph.get("VerbForm") \
                and (lemma != "aller" or "Inf" not in word.morph.get("VerbForm")) \
                and _modal_on_simple_infinitive(word, sent):
            return True
    is_sending = lexicon.kind_words.get(_lemma(token)) == "deployed" and not _is_weak_deployment(token, lexicon)
    return is_sending and token.pos_ == "VERB" and "Cnd" in token.morph.get("Mood")


def claim_status(kind: str, anchor: Token, sent: Span, lexicon: ClaimsLexicon) -> str:
    """casualty for the casualty and capture kinds; for a deployment, planned when a word on the path to its
    clause's verb says it is decided, to be sent or preparing, else deployed (claims.yaml rule 8)."""
    if kind != "deployed":
        return "casualty"
    words = [anchor] + clause_path(anchor, sent)
    return "planned" if any(_is_planned(token, sent, lexicon) for token in words) else "deployed"


# --- source ----------------------------------------------------------------------------------------

def _distance(start: int, end: int, attribution: AttributionLike) -> int:
    if attribution.char_start < end and start < attribution.char_end:
        return 0
    return min(abs(attribution.char_start - end), abs(start - attribution.char_end))


@dataclass(frozen=True)
class Source:
    """A source found outside the figure's sentence: its actor and group (an AttributionLike)."""

    actor: str
    actor_group: str
    quote_type: str = "according_to"
    char_start: int = 0
    char_end: int = 0


@dataclass(frozen=True)
class SourceContext:
    """Where a figure's source may be given outside its sentence (claims.yaml rule 7)."""

    paragraph: Sequence[AttributionLike] = ()  # sources of figures in earlier sentences of the paragraph
    headline: Sequence[AttributionLike] = ()  # attributions of the article's headline
    credit: AttributionLike | None = None  # the article's wire credit ("SÉOUL (Reuters) -")


def wire_credit(text: str, lexicon: ClaimsLexicon | None = None) -> Source | None:
    """The news agency of a dateline credit in a text ("SÉOUL (Reuters) -", "(AFP) -"), or None."""
    lexicon = lexicon or load_claims_lexicon()
    hit = lexicon.wire_credit.search(text)
    return Source(hit.group(1), "media") if hit else None


def claim_source(start: int, end: int, sent: Span, attributions: Sequence[AttributionLike],
                 inherited: Sequence[AttributionLike] = (), hedged: bool = True,
                 sources: SourceContext | None = None) -> tuple[AttributionLike | None, str]:
    """(attribution, scope) of a figure: its quote's speaker > the nearest attribution of the sentence >
    for a hedged sentence, the preceding sentence of the paragraph (it continues that source: "1500
    seraient déjà arrivés") > the source of an earlier figure of the paragraph (one count, several
    sentences) > the headline's source > the wire credit > none."""
    if attributions:
        in_quote = any(q_start <= start < q_end for q_start, q_end in quote_regions(sent.text))
        direct = [a for a in attributions if a.quote_type == "direct"]
        pool = direct if in_quote and direct else list(attributions)
        best = min(pool, key=lambda a: (_distance(start, end, a), a.char_start))
        return best, "quote" if in_quote and direct else "sentence"
    sources = sources or SourceContext()
    if inherited and hedged:
        return inherited[-1], "previous_sentence"
    for pool, scope in ((sources.paragraph, "paragraph"), (sources.headline, "headline")):
        if pool:
            return pool[-1] if scope == "paragraph" else pool[0], scope
    if sources.credit is not None:
        return sources.credit, "credit"
    return None, "none"


# --- the whole sentence ---------------------------------------------------------------------------

def find_claims(sent: Span, attributions: Sequence[AttributionLike] = (), hedged: bool = False, *,
                context: Sequence[Span] = (), inherited: Sequence[AttributionLike] = (),
                sources: SourceContext | None = None, hedge_cues: Sequence[tuple[int, int]] | None = None,
                lexicon: ClaimsLexicon | None = None) -> list[Claim]:
    """Numeric claims about people in one sentence (offsets relative to the sentence).

    ``attributions`` are the sentence's own (analysis.annotate.attribution); ``hedged`` comes from
    analysis.annotate.stance; ``context`` is the preceding sentences of the article (for "ils", "ces
    combattants", "1500 seraient déjà arrivés"); ``inherited`` is the attributions of the preceding
    sentence of the same paragraph, used when the sentence has none and is hedged; ``sources`` holds the
    other places a figure's source may be given (earlier figures of the paragraph, headline, wire credit).
    ``hedge_cues`` are the sentence-relative offsets of the stance coder's hedge cues: a claim is hedged
    when one of them is in its own clause (codebook §2); without them, when the sentence is.
    """
    lexicon = lexicon or load_claims_lexicon()
    if not isinstance(sent, Span) or not sent.text.strip():
        return []
    context = list(context)[-lexicon.context_sentences:] if lexicon.context_sentences else []
    numbers = find_numbers(sent, lexicon)
    claims: list[Claim] = []
    for number in numbers:
        claim = _claim_of(number, sent, numbers, attributions, hedged, context, inherited, lexicon, claims)
        if claim is not None:
            claims.append(claim)
    if hedge_cues is not None:
        claims = [dataclasses.replace(claim, hedged=hedged and _clause_hedged(sent, claim, hedge_cues))
                  for claim in claims]
    if sources is not None or inherited:  # sources outside the sentence: only for figures without one
        claims = [claim if claim.source_scope in ("quote", "sentence") else _with_source(
            claim, *claim_source(claim.char_start, claim.char_end, sent, (), inherited, hedged, sources))
            for claim in claims]
    return claims


def _with_source(claim: Claim, source: AttributionLike | None, scope: str) -> Claim:
    return dataclasses.replace(claim, actor=source.actor if source else "",
                               source_group=source.actor_group if source else "", source_scope=scope)


def clause_head(token: Token, sent: Span) -> Token:
    """The head of the clause a token is in: the nearest ancestor (or itself) that is a verb with a subject
    or a predicate with a copula, else the sentence's root ("seraient" of "1500 seraient déjà arrivés"
    -> "arrivés"; "présumés" of "des soldats présumés ont été tués" -> "tués")."""
    node = token
    while node.head.i != node.i and sent.start <= node.head.i < sent.end:
        if node.pos_ == "VERB" and not node.dep_.startswith(("aux", "amod", "acl")) and node is not token:
            return node
        if any(child.dep_ in ("cop", "nsubj", "nsubj:pass") for child in node.children) and node is not token:
            return node
        node = node.head
    return node


def _clause_hedged(sent: Span, claim: Claim, cues: Sequence[tuple[int, int]]) -> bool:
    """Whether a hedge cue is in the claim's own clause (codebook §2: "the claim's own clause is hedged"):
    « Certains seraient au front d'après des médias, qui affirment que 6 militaires ont été tués » is not."""
    number = _tokens_in(sent, claim.char_start, claim.char_end)
    if not number:
        return False
    own = clause_head(number[-1], sent)
    return any(clause_head(token, sent).i == own.i or token.i == own.i
               for start, end in cues for token in _tokens_in(sent, start, end)[:1])


def _in_list_after(claim: Claim, number: FoundNumber, sent: Span, lexicon: ClaimsLexicon) -> bool:
    """Whether ``number`` continues a list opened by an earlier figure of the sentence, with no verb between
    ("31.587 morts, l'Italie (30.395)", "quatre morts, deux civils et deux militaires", "dont 535 mortels")."""
    between = _tokens_in(sent, claim.char_end, number.number_start)
    return len(sent.text[claim.char_end:number.number_start]) <= 60 and not any(
        t.pos_ in ("VERB", "AUX") and _word(t) not in lexicon.elision_words for t in between)


def _count_tokens(sent: Span, numbers: Sequence[FoundNumber], number: FoundNumber,
                  lexicon: ClaimsLexicon) -> frozenset[int]:
    """Token indices of the sentence's other numbers that may be counts (dates and measures left out)."""
    return frozenset(token.i for other in numbers if other is not number
                     and not _is_date_or_measure(sent, other, lexicon)
                     for token in _tokens_in(sent, other.number_start, other.end))


def _claim_of(number: FoundNumber, sent: Span, numbers: Sequence[FoundNumber],
              attributions: Sequence[AttributionLike], hedged: bool, context: Sequence[Span],
              inherited: Sequence[AttributionLike],
              lexicon: ClaimsLexicon, earlier: Sequence[Claim] = ()) -> Claim | None:
    """The claim a number makes, or None when it is not a count of people (claims.yaml rules 2-5)."""
    if _is_date_or_measure(sent, number, lexicon) or _is_partitive_total(sent, number, numbers):
        return None
    noun, has_noun = counted_noun(sent, number, lexicon)
    if has_noun and (noun is None or not _is_people_word(noun, lexicon)):
        return None  # "neuf jours", "des milliers de conteneurs", "millions d'obus", "20 et 26 ans"
    number_tokens = _tokens_in(sent, number.number_start, number.end)
    if not number_tokens:
        return None
    if noun is None:
        noun = _subject_counted(number_tokens, sent, lexicon)  # "les soldats nord-coréens seraient 10 000"
    anchor = noun if noun is not None else number_tokens[-1]
    group = noun_class(noun, lexicon)
    predicate = _predicate(anchor, sent)
    end_char = (noun.idx + len(noun.text) - sent.start_char) if noun is not None else number.end
    tiers = kind_tiers(noun, anchor, predicate, sent, end_char, numbers,
                       _count_tokens(sent, numbers, number, lexicon))
    kind, _tier = kind_from_tiers(tiers, sent, lexicon, weak_deployment=group in ("", "troop", "casualty"),
                                  presence=is_presence(predicate, lexicon))
    related = [] if predicate is None else [
        child for head in [predicate] + ([predicate.head] if predicate.dep_ == "conj" else [])
        for child in head.children
        if child.dep_.startswith("nsubj") and child.i != anchor.i and _is_people_word(child, lexicon)]
    subject = claim_subject(noun, sent, context, lexicon, related)
    listed = next((claim for claim in reversed(earlier) if _in_list_after(claim, number, sent, lexicon)), None)
    if listed is not None and kind is None and group in ("", "other", "troop", "generic_troop"):
        kind = listed.kind  # the noun is elided or names who the dead are: the list's kind
    if listed is not None and noun is None:
        subject = listed.subject  # "37.000 côté américain", "aux 300.000 mobilisés": the list's people
    if kind is None and group == "troop" and subject != "other" and (
            predicate is None or _lemma(predicate) in lexicon.reporting_predicates):
        kind = "deployed"  # a count of soldiers in a clause saying nothing else: the deployment's size
    if kind is None:
        return None
    if noun is None and subject == "other" and listed is None:
        return None  # a bare number outside any talk of troops
    source, scope = claim_source(number.start, number.end, sent, attributions, inherited, hedged)
    text = sent.text[number.start:number.end]
    return Claim(
        value=_clean(number.value), low=_clean(number.low), high=_clean(number.high),
        qualifier=number.qualifier, kind=kind, subject=subject,
        actor=source.actor if source else "", source_group=source.actor_group if source else "",
        hedged=bool(hedged), text=text, char_start=number.start, char_end=number.end, source_scope=scope,
        status=claim_status(kind, anchor, sent, lexicon), precision=number.precision,
    )


def _is_partitive_total(sent: Span, number: FoundNumber, numbers: Sequence[FoundNumber]) -> bool:
    """The total of a partitive ("108 des 112 personnes à bord"): the figure counted is the first number."""
    return any(other.end <= number.start and fold(sent.text[other.end:number.start]).lower().split()
               in (["des"], ["d'entre", "les"]) for other in numbers)


def _clean(value: float | None) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
