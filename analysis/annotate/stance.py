"""Epistemic stance of one sentence: is it hedged, unverified, confirmed, a denial, a question?

The cues live in analysis/resources/stance.yaml (commented, researcher-editable); this module applies
them to a spaCy sentence span. The rules, and the counter-cases they guard against, are documented
in the YAML header and beside each function here:

* hedged: the journalistic conditional ("auraient été tués") or a hedge word ("présumé"), but not a
  conditional of politeness, a future-in-the-past, the apodosis of a si-clause or a conditional in a
  question. Attribution alone ("selon X") is never a hedge.
* unverified: a verification verb under negation or in a si-clause ("n'ont pas été authentifiées",
  "Si cette information était avérée"); confirmed: the same verbs, asserted ("confirment").
* denial: "démentir", "nier", ... not negated, with the denier's actor group from analysis.annotate.actors.

The small French model (fr_core_news_sm) mislabels many tokens (it tags conditionals as imperfects,
"vérifier" as a noun, "n’" as a pronoun), so every rule reads word forms and lemmas first and uses the
dependency parse only where it adds something (subjects, que-clauses), with a surface fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from analysis.annotate.actors import find_actors
from analysis.annotate.attribution import find_attributions
from analysis.annotate.attribution_lexicon import quote_regions
from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml
from analysis.core.nlp import load_nlp
from analysis.core.paths import resource
from analysis.core.text import fold

SENTENCE_KINDS = ("headline", "heading", "body")
_CLOSERS = {'"', "'", "»", "”", "’", ")", "]", "\u201d"}


@dataclass(frozen=True)
class Cue:
    """One piece of evidence for a stance: its words and offsets relative to the sentence."""

    text: str
    start: int
    end: int
    rule: str  # which rule found it, e.g. "conditional", "hedge_word:présumé", "negated_verification"


@dataclass
class Stance:
    """The stance of one sentence, with the exact words (cues) that decided each flag."""

    hedged: bool = False
    hedge_cues: list[str] = field(default_factory=list)
    unverified: bool = False
    unverified_cues: list[str] = field(default_factory=list)
    confirmed: bool = False
    confirmed_cues: list[str] = field(default_factory=list)
    denial: bool = False
    denial_cues: list[str] = field(default_factory=list)
    denial_actor_group: str = ""
    question: bool = False
    #: Every cue with its offsets, by flag ("hedge", "unverified", "confirmed", "denial").
    spans: dict[str, list[Cue]] = field(default_factory=dict)
    #: Conditionals that were not counted as hedges, with the reason (for auditing the rules).
    excluded_conditionals: list[Cue] = field(default_factory=list)


@dataclass(frozen=True)
class StanceLexicon:
    """The compiled content of stance.yaml."""

    endings: tuple[str, ...]
    politeness_lemmas: frozenset[str]
    epistemic_modals: frozenset[str]
    fact_infinitives: frozenset[str]  # "il pourrait s'agir": a modal bearing on a present fact
    fact_adverbs: tuple[str, ...]  # "ils devraient déjà se trouver", "en réalité"
    obligation_lemmas: frozenset[str]  # "il faudrait": an obligation, never a hedge
    state_lemmas: frozenset[str]  # present conditionals that hedge even without a source ("seraient")
    governing_lemmas: frozenset[str]
    limit_phrases: tuple[str, ...]
    si_markers: frozenset[str]
    si_not_before: frozenset[str]
    si_not_after: frozenset[str]
    hedge_words: dict[str, tuple[str, ...]]  # cue -> phrases
    hedge_lemmas: dict[str, frozenset[str]]  # cue -> lemmas
    predictive_hedges: frozenset[str]  # cues that are a forecast, not a hedge, in a future clause
    hedge_not_after: dict[str, frozenset[str]]  # cue -> words right before it that cancel it
    verification_lemmas: frozenset[str]
    verification_forms: frozenset[str]
    verification_nouns: frozenset[str]
    negation_particles: frozenset[str]
    boundaries: frozenset[str]
    negation_window: int
    unverified_phrases: tuple[str, ...]
    denial_lemmas: frozenset[str]
    denial_forms: frozenset[str]
    denial_nouns: frozenset[str]
    reject_lemmas: frozenset[str]
    reject_forms: frozenset[str]
    reject_objects: frozenset[str]
    question_marks: frozenset[str]
    source: str = ""


def _words(values: object) -> list[str]:
    return [fold(str(value)).lower() for value in (values or [])]


def _require(data: dict, key: str, path: str) -> object:
    if key not in data:
        raise ConfigError(f"missing section `{key}:`", path=path,
                          hint="restore it from the repository version of the file")
    return data[key]


def _parse_lexicon(data: object, path: str) -> StanceLexicon:
    """Check the YAML structure of stance.yaml and compile it."""
    if not isinstance(data, dict):
        raise ConfigError("the stance lexicon must be a YAML mapping", path=path)
    hedge_words: dict[str, tuple[str, ...]] = {}
    hedge_lemmas: dict[str, frozenset[str]] = {}
    predictive: set[str] = set()
    not_after: dict[str, frozenset[str]] = {}
    for entry in _require(data, "hedge_words", path) or []:
        if not isinstance(entry, dict) or "cue" not in entry:
            raise ConfigError(f"a hedge word entry needs a `cue:` name: {entry!r}", path=path)
        hedge_words[str(entry["cue"])] = tuple(_words(entry.get("phrases")))
        hedge_lemmas[str(entry["cue"])] = frozenset(_words(entry.get("lemmas")))
        if entry.get("not_in_forecast"):
            predictive.add(str(entry["cue"]))
        not_after[str(entry["cue"])] = frozenset(_words(entry.get("not_after")))
    modal = data.get("modal_conditional") or {}
    future = _require(data, "future_in_past", path) or {}
    si_clause = _require(data, "si_clause", path) or {}
    verification = _require(data, "verification", path) or {}
    negation = _require(data, "negation", path) or {}
    denial = _require(data, "denial", path) or {}
    unverified = [phrase for entry in data.get("unverified_phrases") or []
                  for phrase in _words(entry.get("phrases"))]
    conditional = _require(data, "conditional", path) or {}
    endings = sorted(_words(conditional.get("endings")), key=len, reverse=True)
    if not endings:
        raise ConfigError("`conditional.endings` is empty", path=path)
    return StanceLexicon(
        endings=tuple(endings),
        politeness_lemmas=frozenset(_words(data.get("politeness_lemmas"))),
        epistemic_modals=frozenset(_words(data.get("epistemic_modals"))),
        fact_infinitives=frozenset(_words(modal.get("fact_infinitives"))),
        fact_adverbs=tuple(_words(modal.get("fact_adverbs"))),
        obligation_lemmas=frozenset(_words(modal.get("obligation_lemmas"))),
        state_lemmas=frozenset(_words(modal.get("state_lemmas"))),
        governing_lemmas=frozenset(_words(future.get("governing_lemmas"))),
        limit_phrases=tuple(_words(future.get("limit_phrases"))),
        si_markers=frozenset(_words(si_clause.get("markers"))),
        si_not_before=frozenset(_words(si_clause.get("not_hypothetical"))),
        si_not_after=frozenset(_words(si_clause.get("not_hypothetical_after"))),
        hedge_words=hedge_words,
        hedge_lemmas=hedge_lemmas,
        predictive_hedges=frozenset(predictive),
        hedge_not_after=not_after,
        verification_lemmas=frozenset(_words(verification.get("lemmas"))),
        verification_forms=frozenset(_words(verification.get("forms"))),
        verification_nouns=frozenset(_words(verification.get("nouns"))),
        negation_particles=frozenset(_words(negation.get("particles"))),
        boundaries=frozenset(_words(negation.get("boundaries"))),
        negation_window=int(negation.get("window", 8)),
        unverified_phrases=tuple(unverified),
        denial_lemmas=frozenset(_words(denial.get("lemmas"))),
        denial_forms=frozenset(_words(denial.get("forms"))),
        denial_nouns=frozenset(_words(denial.get("nouns"))),
        reject_lemmas=frozenset(_words(denial.get("reject_lemmas"))),
        reject_forms=frozenset(_words(denial.get("reject_forms"))),
        reject_objects=frozenset(_words(denial.get("reject_objects"))),
        question_marks=frozenset(_words((data.get("question") or {}).get("marks") or ["?"])),
        source=path,
    )


@lru_cache(maxsize=8)
def _load_cached(path: str) -> StanceLexicon:
    return _parse_lexicon(load_yaml(path, "the stance lexicon"), path)


def load_stance_lexicon(path: str | Path | None = None) -> StanceLexicon:
    """The compiled stance lexicon of ``path`` (default analysis/resources/stance.yaml), cached."""
    return _load_cached(str(Path(path) if path else resource("stance.yaml")))


# --- phrase matching -------------------------------------------------------------------------------

_MATCHERS: dict[tuple[int, tuple[tuple[str, tuple[str, ...]], ...]], tuple[Vocab, PhraseMatcher]] = {}


def phrase_matcher(vocab: Vocab, phrases: dict[str, Iterable[str]]) -> PhraseMatcher:
    """A PhraseMatcher on lower-cased tokens for ``{label: phrases}``, built once per vocab.

    Patterns are tokenized by the French pipeline's own tokenizer (so "accusé d'" splits exactly like
    the text), and each phrase with a straight apostrophe is also added with a typographic one.
    """
    key_phrases = tuple((label, tuple(items)) for label, items in sorted(phrases.items()))
    key = (id(vocab), key_phrases)
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is vocab:
        return cached[1]
    tokenizer = load_nlp().tokenizer
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for label, items in key_phrases:
        variants = {variant for item in items for variant in (item, item.replace("'", "\u2019"))}
        matcher.add(label, [_tokenize_phrase(tokenizer, variant) for variant in sorted(variants)])
    _MATCHERS[key] = (vocab, matcher)
    return matcher


def _tokenize_phrase(tokenizer, phrase: str):
    """Tokens of a phrase as they appear in running text.

    A phrase ending in an apostrophe ("accusé d'") is tokenized with a following word, then cut, so
    that "d'" stays one token as in "accusé d'avoir".
    """
    if phrase.endswith(("'", "\u2019")):
        doc = tokenizer(phrase + "avoir")
        return doc[: len(doc) - 1].as_doc()
    return tokenizer(phrase)


def match_phrases(sent: Span, phrases: dict[str, Iterable[str]]) -> list[tuple[str, Span]]:
    """Longest non-overlapping matches of ``{label: phrases}`` in the sentence, in text order."""
    matcher = phrase_matcher(sent.doc.vocab, phrases)
    found = []
    for match_id, start, end in matcher(sent):  # offsets are positions in the whole Doc
        if sent.start <= start and end <= sent.end:
            found.append((sent.doc.vocab.strings[match_id], sent.doc[start:end]))
    found.sort(key=lambda item: (item[1].start, -(item[1].end - item[1].start)))
    chosen: list[tuple[str, Span]] = []
    for label, span in found:
        if all(span.end <= other.start or span.start >= other.end for _, other in chosen):
            chosen.append((label, span))
    return chosen


def cue_of(tokens: Span | Token | Sequence[Token], sent: Span, rule: str) -> Cue:
    """A Cue for a token, a span or a run of tokens, with offsets relative to the sentence."""
    if isinstance(tokens, Token):
        start, end = tokens.idx, tokens.idx + len(tokens.text)
    elif isinstance(tokens, Span):
        start, end = tokens.start_char, tokens.end_char
    else:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    # the sentence's own text, not sent.doc.text: that rebuilds the whole paragraph's text on every call
    text = sent.text[start - sent.start_char:end - sent.start_char]
    return Cue(text, start - sent.start_char, end - sent.start_char, rule)


# --- the conditional -------------------------------------------------------------------------------

def is_conditional(token: Token, lexicon: StanceLexicon | None = None) -> bool:
    """Whether a verb or auxiliary is in the conditional mood.

    Hand-written on top of spaCy's morphology because fr_core_news_sm labels many conditionals as
    imperfect indicative ("viendrait", "agirait", "montreraient"). The conditional is the future stem
    (ending in r) plus the imperfect endings, so a verb labelled Cnd or Imp ending in r+ais/ait/...
    is a conditional unless its stem is the verb's own r-stem, i.e. an imperfect ("déclarait" of
    déclarer, "courait" of courir). A token left unlemmatized must carry spaCy's Mood=Cnd.
    """
    lexicon = lexicon or load_stance_lexicon()
    if token.pos_ not in ("VERB", "AUX"):
        return False
    form = fold(token.text).lower()
    if not form.isalpha():
        return False
    ending = next((ending for ending in lexicon.endings if form.endswith(ending)), None)
    if ending is None:
        return False
    mood, tense = token.morph.get("Mood"), token.morph.get("Tense")
    lemma = fold(token.lemma_).lower()
    if lemma == form:  # left unlemmatized: only spaCy's label can tell
        return "Cnd" in mood
    r_stem = form[: len(form) - len(ending) + 1]  # "déclar" of "déclarait", "viendr" of "viendrait"
    if "Cnd" in mood or "Imp" in tense:
        return r_stem != lemma[:-2]
    # Labelled present ("montreraient"): accept only a regular future stem, i.e. the infinitive
    # ("montrer") or the infinitive without its final e ("prendr" of prendre).
    return r_stem in (lemma, lemma[:-1]) and lemma.endswith(("er", "ir", "re"))


def _clause_head(token: Token) -> Token:
    """The verb an auxiliary or copula belongs to; the token itself otherwise."""
    return token.head if token.dep_.startswith(("aux", "cop")) and token.head.i != token.i else token


def _is_past_conditional(token: Token) -> bool:
    """Conditional auxiliary of a compound past ("auraient été tués", "seraient arrivés")."""
    head = token.head
    return (token.dep_ == "aux:tense" or (fold(token.lemma_).lower() == "avoir" and token.dep_.startswith("aux"))) \
        and head.i != token.i and "Part" in head.morph.get("VerbForm")


def _is_past_tense(verb: Token) -> bool:
    """Whether a verb is in a past tense: compound past ("a annoncé") or imperfect/simple past; a present
    participle takes the tense of the verb it depends on ("avait assuré …, précisant que")."""
    if "Part" in verb.morph.get("VerbForm") and any(child.dep_.startswith("aux") for child in verb.children):
        return True
    if "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense") and verb.head.i != verb.i:
        return verb.head.pos_ in ("VERB", "AUX") and _is_past_tense(verb.head)
    return "Fin" in verb.morph.get("VerbForm") and bool({"Imp", "Past"} & set(verb.morph.get("Tense")))


def _person(token: Token) -> set[str]:
    """Grammatical person of a finite verb (from its morphology or its subject pronoun)."""
    persons = set(token.morph.get("Person"))
    for child in _clause_head(token).children:
        if child.dep_.startswith("nsubj") or fold(child.text).lower() in ("-vous", "-tu", "-je", "-nous"):
            persons |= set(child.morph.get("Person"))
    return persons


def _governing_reporting_verb(token: Token, sent: Span, lexicon: StanceLexicon) -> Token | None:
    """The past-tense reporting verb whose que-clause holds ``token``, or None.

    Parse first (clause head is a ccomp with a "que" mark under a governing verb), then the surface:
    the nearest "que" before the token, preceded within four words by a governing verb.
    """
    head = _clause_head(token)
    marks = [child for child in head.children if child.dep_ == "mark" and fold(child.text).lower() in ("que", "qu'")]
    if marks and head.dep_ in ("ccomp", "conj") and head.head.i != head.i:
        governor = head.head
        if governor.dep_ == "conj" and governor.head.i != governor.i and head.dep_ == "conj":
            governor = governor.head
        if fold(governor.lemma_).lower() in lexicon.governing_lemmas and _is_past_tense(governor):
            return governor
    for index in range(token.i - 1, sent.start - 1, -1):
        word = fold(sent.doc[index].text).lower()
        if word in (".", ";", "?", "!"):
            return None
        if word in ("que", "qu'"):
            for back in range(index - 1, max(sent.start, index - 5) - 1, -1):
                candidate = sent.doc[back]
                if candidate.pos_ in ("VERB", "AUX") and fold(candidate.lemma_).lower() in lexicon.governing_lemmas:
                    return candidate if _is_past_tense(candidate) else None
            return None
    return None


def si_markers(sent: Span, lexicon: StanceLexicon | None = None) -> list[Token]:
    """Tokens opening a hypothetical si-clause ("Si cette information était avérée", "S'il venait").

    "s'" counts only before "il"/"ils" (otherwise it is the reflexive pronoun); "même si", "comme si",
    "si bien que" and "si ce n'est" are not hypotheses; "si" as an adverb ("si grand") is not a mark.
    """
    lexicon = lexicon or load_stance_lexicon()
    markers = []
    for token in sent:
        word = fold(token.text).lower()
        if word not in lexicon.si_markers:
            continue
        after = fold(token.nbor(1).text).lower() if token.i + 1 < sent.end else ""
        rest = fold(sent.text[token.idx + len(token.text) - sent.start_char:]).lower().split()
        before = fold(token.nbor(-1).text).lower() if token.i - 1 >= sent.start else ""
        if word == "s'" and after not in ("il", "ils"):
            continue
        following = token.nbor(1) if token.i + 1 < sent.end else None
        adverb = token.pos_ == "ADV" and token.dep_ != "mark" and (
            following is None or following.pos_ in ("ADJ", "ADV"))
        if word == "si" and (adverb or any(rest[:len(phrase.split())] == phrase.split()
                                           for phrase in lexicon.si_not_after)):
            continue  # "si grand", "si bien que"; a "si" the tagger calls an adverb before a noun is a mark
        if before in lexicon.si_not_before:
            continue
        markers.append(token)
    return markers


def _has_limit_phrase(token: Token, sent: Span, lexicon: StanceLexicon) -> bool:
    """Whether the words after a conditional hold a time limit ("d'ici lundi", "avant midi")."""
    rest = " " + fold(sent.text[token.idx - sent.start_char:]).lower() + " "
    return any(f" {phrase} " in rest or f" {phrase}" in rest and phrase.endswith("'")
               for phrase in lexicon.limit_phrases)


def _modal_infinitive(modal: Token, sent: Span) -> Token | None:
    """The infinitive a conditional modal governs: its xcomp, else the next infinitive within four words."""
    for child in modal.children:
        if child.dep_ == "xcomp" and "Inf" in child.morph.get("VerbForm"):
            return child
    for token in sent.doc[modal.i + 1: min(modal.i + 5, sent.end)]:
        if token.is_punct:
            return None
        if "Inf" in token.morph.get("VerbForm"):
            return token
    return None


def bears_on_fact(modal: Token, sent: Span, lexicon: StanceLexicon) -> bool:
    """Whether a conditional "pouvoir"/"devoir" bears on a present or past fact (codebook §1.4: "il
    pourrait s'agir de soldats", "ils devraient déjà se trouver à Koursk", "pourraient avoir été tués")
    rather than on the future ("l'envoi pourrait être imminent", "7 000 devraient être envoyés")."""
    infinitive = _modal_infinitive(modal, sent)
    if infinitive is not None:
        before = fold(sent.doc[infinitive.i - 1].text).lower() if infinitive.i > sent.start else ""
        lemma = fold(infinitive.lemma_).lower()
        if {lemma, f"{before}{lemma}", f"{before} {lemma}"} & lexicon.fact_infinitives:
            return True
        after = sent.doc[infinitive.i + 1: min(infinitive.i + 3, sent.end)]
        if lemma == "avoir" and any("Part" in t.morph.get("VerbForm") and t.pos_ in ("VERB", "AUX") for t in after):
            return True  # a perfect infinitive: "pourraient avoir été tués" ("être envoyés" is a passive)
    rest = " " + fold(sent.text[modal.idx - sent.start_char:]).lower() + " "
    return any(re.search(rf"(?<!\w){re.escape(adverb)}(?!\w)", rest) for adverb in lexicon.fact_adverbs)


def _in_quotation(token: Token, sent: Span) -> bool:
    start = token.idx - sent.start_char
    return any(begin <= start < end for begin, end in quote_regions(sent.text))


def conditional_use(token: Token, sent: Span, question: bool, has_si: bool,
                    lexicon: StanceLexicon | None = None, attributed: bool = False) -> str:
    """Why a conditional is or is not a hedge: "hedge", "politeness", "question", "hypothesis",
    "quoted", "obligation", "counterfactual", "prediction" or "future_in_past" (see the header of
    stance.yaml for the rules and their reasons). ``attributed``: the sentence gives a source."""
    lexicon = lexicon or load_stance_lexicon()
    lemma = fold(token.lemma_).lower()
    head = _clause_head(token)
    if lemma in lexicon.politeness_lemmas and _person(token) & {"1", "2"}:
        return "politeness"
    if question:
        return "question"
    if has_si:
        return "hypothesis"
    if _in_quotation(token, sent):
        return "quoted"
    if lemma in lexicon.obligation_lemmas or fold(head.lemma_).lower() in lexicon.obligation_lemmas:
        return "obligation"
    if _is_past_conditional(token) and fold(head.lemma_).lower() in lexicon.epistemic_modals:
        return "counterfactual"  # "aurait dû se tenir le 9 mai", "aurait pu être évité"
    if lemma in lexicon.epistemic_modals:
        return "hedge" if bears_on_fact(token, sent, lexicon) else "prediction"
    if _governing_reporting_verb(token, sent, lexicon) is not None:
        if not _is_past_conditional(token) or _has_limit_phrase(token, sent, lexicon):
            return "future_in_past"
    if not _is_past_conditional(token) and not attributed and lemma not in lexicon.state_lemmas \
            and fold(head.lemma_).lower() not in lexicon.state_lemmas:
        return "prediction"  # "une telle assistance permettrait au Kremlin de…": a consequence foreseen
    return "hedge"


def _clause_around(start: int, end: int, sent: Span, lexicon: StanceLexicon) -> list[Token]:
    """The tokens of the clause around doc positions [start, end): out to a boundary on each side
    (a "que" right after the span is skipped: "peut-être que l'Europe devrait")."""
    left = []
    for index in range(start - 1, sent.start - 1, -1):
        if fold(sent.doc[index].text).lower() in lexicon.boundaries | {"."}:
            break
        left.append(sent.doc[index])
    right = []
    for index in range(end, sent.end):
        word = fold(sent.doc[index].text).lower()
        if word in lexicon.boundaries | {"."} and not (index == end and word in ("que", "qu'")):
            break
        right.append(sent.doc[index])
    return left[::-1] + right


def is_forecast(span: Span, sent: Span, lexicon: StanceLexicon) -> bool:
    """Whether a hedge adverb's clause is about the future ("Ils seront probablement jugés", "il sera
    sans doute éphémère", "peut-être que l'Europe devrait payer"): a forecast, not a hedge (codebook §1.4)."""
    for token in _clause_around(span.start, span.end, sent, lexicon):
        if "Fut" in token.morph.get("Tense") and token.pos_ in ("VERB", "AUX"):
            return True
        if is_conditional(token, lexicon) and fold(token.lemma_).lower() in lexicon.epistemic_modals \
                and not bears_on_fact(token, sent, lexicon):
            return True
    return False


# --- negation, verification, denial ---------------------------------------------------------------

def clause_lookback(token: Token, sent: Span, lexicon: StanceLexicon) -> list[Token]:
    """The words before ``token`` in its clause: back to a boundary, at most ``negation.window``."""
    tokens = []
    for index in range(token.i - 1, max(sent.start, token.i - lexicon.negation_window) - 1, -1):
        previous = sent.doc[index]
        if fold(previous.text).lower() in lexicon.boundaries:
            break
        tokens.append(previous)
    return tokens[::-1]


def negation_before(token: Token, sent: Span, lexicon: StanceLexicon | None = None) -> Token | None:
    """The first negation particle in the token's clause before it ("n'", "ne", "non", "sans"), or None.

    A surface rule: the parser attaches "n’" (typographic apostrophe) as a pronoun or a name, so
    dependency arcs cannot be trusted for negation; the look-back stops at a clause boundary.
    """
    lexicon = lexicon or load_stance_lexicon()
    for previous in clause_lookback(token, sent, lexicon):
        if fold(previous.text).lower() in lexicon.negation_particles or "Neg" in previous.morph.get("Polarity"):
            return previous
    return None


def _si_before(token: Token, sent: Span, lexicon: StanceLexicon, markers: Sequence[Token]) -> Token | None:
    """The si-marker opening the clause that holds ``token`` (no boundary in between), or None."""
    for marker in markers:
        if marker.i < token.i and all(fold(sent.doc[i].text).lower() not in (",", ";", ":")
                                      for i in range(marker.i + 1, token.i)):
            return marker
    return None


def _is_verification(token: Token, lexicon: StanceLexicon) -> bool:
    return (fold(token.lemma_).lower() in lexicon.verification_lemmas
            or fold(token.text).lower() in lexicon.verification_forms)


def _is_denial(token: Token, sent: Span, lexicon: StanceLexicon) -> bool:
    """Whether a token is a denial verb or noun ("a démenti", "aient nié", "les démentis")."""
    word, lemma = fold(token.text).lower(), fold(token.lemma_).lower()
    if word in lexicon.denial_nouns or (token.pos_ != "NOUN" and (lemma in lexicon.denial_lemmas
                                                                  or word in lexicon.denial_forms)):
        return True
    if token.pos_ == "NOUN" and word in lexicon.denial_forms:  # "démenti" tagged as a noun: still a denial
        return True
    if lemma in lexicon.reject_lemmas or word in lexicon.reject_forms:
        after = sent.doc[token.i + 1: sent.end]
        return any(fold(t.text).lower() in lexicon.reject_objects or fold(t.lemma_).lower() in lexicon.reject_objects
                   for t in after[:8])
    return False


def _subject_text(token: Token, sent: Span) -> str:
    """The words naming who denies: the verb's subject (or passive agent, or "de X" complement)."""
    heads = [token]
    if token.head.i != token.i and token.dep_ in ("obj", "xcomp", "ccomp", "acl", "amod") \
            and token.head.pos_ in ("AUX", "VERB"):
        heads.append(token.head)  # "aient nié" parsed as nié <-obj- aient
    for head in heads:
        for child in head.children:
            if child.dep_.startswith("nsubj") or child.dep_ == "obl:agent" or (
                    token.pos_ == "NOUN" and child.dep_ == "nmod"):
                if fold(child.text).lower() in ("qui", "que") and head.dep_ == "acl:relcl":
                    child = head.head  # "le Kremlin, qui dément": the antecedent
                span = sent.doc[child.left_edge.i: child.right_edge.i + 1]
                return span.text
    # Surface fallback: the words before the verb in its clause ("Bien que Moscou et Pyongyang aient nié").
    words = []
    for index in range(token.i - 1, sent.start - 1, -1):
        previous = sent.doc[index]
        if fold(previous.text).lower() in (",", ";", ":", "que", "qu'", "qui"):
            break
        words.append(previous.text_with_ws)
    return "".join(reversed(words))


def actor_groups(text: str) -> str:
    """Groups of the actors named in ``text``, in text order, joined with " | " ("russia | north_korea")."""
    groups: list[str] = []
    for match in find_actors(text):
        if match.group not in groups:
            groups.append(match.group)
    return " | ".join(groups)


def is_question(sent: Span, kind: str = "body", lexicon: StanceLexicon | None = None) -> bool:
    """Whether the sentence asks: its last word, closing quotes and brackets aside, is "?".

    In headlines and headings a "?" closing an elliptical line ("10 000 soldats ?") counts too; the
    rule is the same for every kind, so ``kind`` only needs to be a known sentence kind.
    """
    lexicon = lexicon or load_stance_lexicon()
    words = [token for token in sent if not token.is_space and token.text not in _CLOSERS]
    return bool(words) and fold(words[-1].text).lower() in lexicon.question_marks


# --- the whole sentence ---------------------------------------------------------------------------

def _dedupe(cues: list[Cue]) -> list[Cue]:
    """Cues sorted by position, without exact duplicates or cues inside a longer one."""
    cues = sorted(set(cues), key=lambda cue: (cue.start, -(cue.end - cue.start)))
    kept: list[Cue] = []
    for cue in cues:
        if not any(other.start <= cue.start and cue.end <= other.end for other in kept):
            kept.append(cue)
    return kept


def _hedges(sent: Span, question: bool, lexicon: StanceLexicon,
            attributed: bool = False) -> tuple[list[Cue], list[Cue]]:
    """Hedge cues of a sentence, and the conditionals and forecasts excluded from hedging (with the reason)."""
    hedges, excluded = [], []
    has_si = bool(si_markers(sent, lexicon))
    for token in sent:
        if is_conditional(token, lexicon):
            use = conditional_use(token, sent, question, has_si, lexicon, attributed)
            target = hedges if use == "hedge" else excluded
            target.append(cue_of(token, sent, "conditional" if use == "hedge" else use))
    for label, span in match_phrases(sent, lexicon.hedge_words):
        previous = fold(sent.doc[span.start - 1].text).lower() if span.start > sent.start else ""
        if previous in lexicon.hedge_not_after.get(label, ()):
            continue  # "les a accusés d'être appuyés": the active verb reports an accusation
        if label in lexicon.predictive_hedges and is_forecast(span, sent, lexicon):
            excluded.append(cue_of(span, sent, "forecast"))
            continue
        hedges.append(cue_of(span, sent, f"hedge_word:{label}"))
    for token in sent:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = fold(token.lemma_).lower()
        hedges += [cue_of(token, sent, f"hedge_word:{label}") for label, lemmas in lexicon.hedge_lemmas.items()
                   if lemma in lemmas]
    return _dedupe(hedges), excluded


def _verification(sent: Span, question: bool, lexicon: StanceLexicon) -> tuple[list[Cue], list[Cue]]:
    """Unverified and confirmed cues of a sentence."""
    unverified, confirmed = [], []
    markers = si_markers(sent, lexicon)
    for token in sent:
        if fold(token.text).lower() in lexicon.verification_nouns:
            negation = negation_before(token, sent, lexicon)
            if negation is not None:
                unverified.append(cue_of(sent.doc[negation.i: token.i + 1], sent, "negated_verification"))
            continue
        if not _is_verification(token, lexicon):
            continue
        negation = negation_before(token, sent, lexicon)
        marker = _si_before(token, sent, lexicon, markers)
        if negation is not None:
            unverified.append(cue_of(sent.doc[negation.i: token.i + 1], sent, "negated_verification"))
        elif marker is not None:
            unverified.append(cue_of(sent.doc[marker.i: token.i + 1], sent, "si_clause"))
        elif not question and not is_conditional(token, lexicon) and not any(
                is_conditional(previous, lexicon) for previous in clause_lookback(token, sent, lexicon)):
            confirmed.append(cue_of(token, sent, "verification"))
    for _, span in match_phrases(sent, {"unverified": lexicon.unverified_phrases}):
        unverified.append(cue_of(span, sent, "unverified_phrase"))
    return _dedupe(unverified), _dedupe(confirmed)


def _denials(sent: Span, lexicon: StanceLexicon) -> tuple[list[Cue], str]:
    """Denial cues of a sentence and the groups of the deniers."""
    cues, groups = [], []
    for token in sent:
        if not _is_denial(token, sent, lexicon) or negation_before(token, sent, lexicon) is not None:
            continue
        cues.append(cue_of(token, sent, "denial"))
        for group in actor_groups(_subject_text(token, sent)).split(" | "):
            if group and group not in groups:
                groups.append(group)
    return _dedupe(cues), " | ".join(groups)


def sentence_stance(sent: Span, kind: str = "body", lexicon: StanceLexicon | None = None,
                    attributed: bool | None = None) -> Stance:
    """The stance of one sentence (``kind``: headline, heading or body), with its cues.

    ``attributed``: whether the sentence gives a source, which makes a present conditional of an action
    verb the conditional of reported information rather than a forecast; None: found here by
    analysis.annotate.attribution (the annotate stage passes what it found with the article's context).

    An empty span or an unknown kind gives an all-False Stance rather than an error: a bad row must
    not stop the annotation of a corpus.
    """
    lexicon = lexicon or load_stance_lexicon()
    if sent is None or len(sent) == 0 or kind not in SENTENCE_KINDS:
        return Stance()
    question = is_question(sent, kind, lexicon)
    if attributed is None:
        attributed = bool(find_attributions(sent))
    hedges, excluded = _hedges(sent, question, lexicon, attributed)
    unverified, confirmed = _verification(sent, question, lexicon)
    denials, denial_group = _denials(sent, lexicon)
    return Stance(
        hedged=bool(hedges), hedge_cues=[cue.text for cue in hedges],
        unverified=bool(unverified), unverified_cues=[cue.text for cue in unverified],
        confirmed=bool(confirmed), confirmed_cues=[cue.text for cue in confirmed],
        denial=bool(denials), denial_cues=[cue.text for cue in denials],
        denial_actor_group=denial_group, question=question,
        spans={"hedge": hedges, "unverified": unverified, "confirmed": confirmed, "denial": denials},
        excluded_conditionals=excluded,
    )
