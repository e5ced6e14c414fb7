"""Who speaks in a sentence: attributions found from spaCy lemmas and dependency parses.

Three kinds of cue, all listed in analysis/resources/reporting_verbs.yaml:

* ``according_to``: "selon X", "d'après X", "de source(s) X";
* reporting verbs matched by LEMMA ("a affirmé", "estiment", "se dit"), whose speaker is the verb's
  subject in the parse: ``nsubj`` (with its noun phrase), the antecedent of a relative "qui", the agent
  of a passive ("publiées par X"), the noun a present participle qualifies ("un média affirmant"), or
  a subject placed after the verb ("« … », a affirmé jeudi le député X");
* a colon that opens a quotation ("L'OTAN reste prudente : « … »"), when no verb gave a speaker.

An attribution from a verb is ``direct`` when the sentence holds a quotation (« », “ ”, " ") outside
the speaker's words, ``indirect`` otherwise. Cues inside a quotation are the quoted speaker's own words
and are ignored ("nous ne pouvons confirmer les informations selon lesquelles…"). Negated verbs
("n'ont pas confirmé") report no speech and are skipped. A speaker found twice in one sentence is
kept once (the first cue in text order).

Pronouns and bare definite roles ("Il a ajouté", "Selon le député", "Selon cette source") are resolved
simply: to the first speaker of the most recent sentence, at most ``pronoun_lookback_sentences`` back,
that has one (see :func:`resolve_pronoun`); a subordinate clause placed before its main clause
("Bien qu'ils reconnaissent…, ni la Russie ni la Corée du Nord…") takes the main clause's subject.
Otherwise the actor is "<pronoun> (unresolved)" in group "other". Gender and number are not checked.

Offsets are relative to the sentence text; the orchestrator adds the sentence's article offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from analysis.annotate.actors import OTHER_GROUP, Gazetteer, fold_name, match_actor
from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml
from analysis.core.nlp import load_nlp
from analysis.core.paths import resource

QUOTE_TYPES = ("direct", "indirect", "according_to")
# Dependents that are not part of a speaker's name: clauses about the speaker, not the speaker.
_CLAUSE_DEPS = {"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "conj", "cc"}
_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "expl:subj", "csubj"}
_NOMINAL = {"NOUN", "PROPN", "PRON"}
_EDGE_PUNCT = " ,;:.-\"'«»“”()[]—–"


@dataclass
class Attribution:
    """One piece of evidence that someone is given voice in a sentence (offsets in the sentence)."""

    actor: str
    actor_group: str
    cue: str
    quote_type: str
    char_start: int
    char_end: int
    source: str = ""  # the speaker's words as written ("le député sud-coréen Lee Seong-kweun")
    resolved_from: str = ""  # the pronoun or anaphor that was resolved ("Il", "le député"); "" when named
    cue_lemma: str = ""  # "affirmer", "selon", "d'après", "de source", ":"


@dataclass(frozen=True)
class CueLexicon:
    """The cue lists of reporting_verbs.yaml, ready for lookups."""

    verbs: frozenset[str]
    selon_not_a_source: frozenset[str]
    speaker_nouns: frozenset[str]
    anaphoric_heads: frozenset[str]
    subject_pronouns: frozenset[str]
    postposed_skip: frozenset[str]
    quote_marks: tuple[tuple[str, str], ...]
    pronoun_lookback_sentences: int


def _lowered(values: Iterable[object]) -> frozenset[str]:
    return frozenset(fold_name(str(value)).lower() for value in values)


@lru_cache(maxsize=8)
def _load_cues_cached(path: str) -> CueLexicon:
    data = load_yaml(path, "the reporting-verb lexicon")
    required = ("verbs", "selon_not_a_source", "speaker_nouns", "anaphoric_heads", "subject_pronouns",
                "postposed_skip", "quote_marks", "pronoun_lookback_sentences")
    if not isinstance(data, dict) or any(key not in data for key in required):
        raise ConfigError(f"the reporting-verb lexicon must define {', '.join(required)}", path=path)
    marks = tuple((str(pair[0]), str(pair[1])) for pair in data["quote_marks"])
    if any(len(opening) != 1 or len(closing) != 1 for opening, closing in marks):
        raise ConfigError("each quote_marks entry must be a pair of single characters", path=path)
    return CueLexicon(
        verbs=_lowered(data["verbs"]),
        selon_not_a_source=_lowered(data["selon_not_a_source"]),
        speaker_nouns=_lowered(data["speaker_nouns"]),
        anaphoric_heads=_lowered(data["anaphoric_heads"]),
        subject_pronouns=_lowered(data["subject_pronouns"]),
        postposed_skip=_lowered(data["postposed_skip"]),
        quote_marks=marks,
        pronoun_lookback_sentences=int(data["pronoun_lookback_sentences"]),
    )


def load_cues(path: str | Path | None = None) -> CueLexicon:
    """The cue lexicon of ``path`` (default analysis/resources/reporting_verbs.yaml), cached per file."""
    return _load_cues_cached(str(Path(path) if path else resource("reporting_verbs.yaml")))


def quote_regions(text: str, marks: Sequence[tuple[str, str]] | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the quoted words in ``text`` (marks excluded).

    A quotation opened and not closed runs to the end of the text; a closing mark with no opening one
    (a sentence that starts inside a quotation) closes a quotation begun at the start of the text.
    """
    # Hand-written: a scan over pairs of marks; spaCy has no quotation component for French.
    marks = marks if marks is not None else load_cues().quote_marks
    openers = {opening: closing for opening, closing in marks}
    closers = {closing for _, closing in marks}
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    expected = ""
    for index, char in enumerate(text):
        if open_at is not None:
            if char == expected:
                regions.append((open_at, index))
                open_at = None
            continue
        glued_to_word = index > 0 and text[index - 1].isalnum() and not text[index + 1:index + 2].isalnum()
        if char in closers and not regions and (char not in openers or glued_to_word):
            regions.append((0, index))  # 'fin de citation", a déclaré…': began inside a quote
        elif char in openers:
            open_at, expected = index + 1, openers[char]
    if open_at is not None:
        regions.append((open_at, len(text)))
    trimmed = []
    for start, end in regions:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if re.search(r"\w", text[start:end]):
            trimmed.append((start, end))
    return trimmed


@lru_cache(maxsize=4096)
def _verb_lemma_of(word: str) -> str:
    """Lemma of ``word`` read as a verb, by spaCy's own French rule lemmatizer."""
    nlp = load_nlp()
    if "lemmatizer" not in nlp.pipe_names:
        return word.lower()
    doc = Doc(nlp.vocab, words=[word], pos=["VERB"])
    lemmas = nlp.get_pipe("lemmatizer").rule_lemmatize(doc[0])
    lemma = (lemmas[0] if lemmas else word).lower()
    if lemma == word.lower() and re.search(r"(?:e|es|ent)$", lemma):
        # The small model's tables leave some first-group present forms unchanged ("estime"); the
        # regular -er conjugation gives the infinitive, which the verb list then confirms or not.
        lemma = re.sub(r"(?:e|es|ent)$", "er", lemma)
    return lemma


def _lemma_as_verb(token: Token) -> str:
    """Lemma of a token the tagger did not call a verb, re-read as a verb."""
    return _verb_lemma_of(token.text)


def _rel(token: Token, sent: Span) -> int:
    return token.idx - sent.start_char


def _in_quote(token: Token, sent: Span, regions: Sequence[tuple[int, int]]) -> bool:
    start = _rel(token, sent)
    return any(begin <= start < end for begin, end in regions)


def _negated(verb: Token, first: Token) -> bool:
    """Whether a verb is negated ("n'ont pas confirmé", "ne dément pas"); ``first`` starts its group."""
    if any(child.morph.get("Polarity") == ["Neg"] or fold_name(child.lower_) in {"ne", "n'"}
           for child in verb.children):
        return True
    # The parser sometimes attaches "n'" elsewhere ("ni la Corée du Nord n'ont"): look at the word before.
    before = [token for token in verb.doc[max(first.i - 2, 0):first.i] if not token.is_punct]
    return any(fold_name(token.lower_) in {"ne", "n'"} for token in before)


def _source_tokens(head: Token, sent: Span, regions: Sequence[tuple[int, int]]) -> list[Token]:
    """The contiguous noun phrase of ``head``: its subtree without clauses, quotes or outer punctuation."""
    excluded: set[int] = set()
    doc = head.doc
    for child in head.children:
        after_comma = child.i > head.i and child.left_edge.i > 0 and doc[child.left_edge.i - 1].text == ","
        coordinated = child.dep_ == "conj" and any(c.dep_ == "cc" for c in child.children)
        if (child.dep_ in _CLAUSE_DEPS - {"conj"} or coordinated
                # "selon", the "d'" of "d'après"
                or (child.dep_ in {"case", "mark", "advmod"} and child.i < head.i)
                or (child.dep_ == "nmod" and after_comma and child.pos_ != "PROPN"
                    and not any(c.dep_ == "case" for c in child.children))):  # a misattached ", des soldats"
            excluded.update(token.i for token in child.subtree)
    kept = {token.i for token in head.subtree
            if token.i not in excluded and sent.start <= token.i < sent.end
            and not _in_quote(token, sent, regions)}
    start = end = head.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    # Names split by the tokenizer at a hyphen ("Suk" "-yeol") stay whole.
    while (end + 1 < sent.end and not doc[end].whitespace_
           and (doc[end + 1].text.startswith("-") or doc[end].text.endswith("-"))
           and not doc[end + 1].is_quote):
        end += 1
    tokens = [sent.doc[i] for i in range(start, end + 1)]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tokens or [head]


def _span_of(tokens: Sequence[Token], sent: Span) -> tuple[int, int]:
    """Sentence-relative (start, end) of a run of tokens, trimmed of edge punctuation and spaces."""
    start = _rel(tokens[0], sent)
    end = _rel(tokens[-1], sent) + len(tokens[-1].text)
    text = sent.text
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    if text[start:end].count("(") > text[start:end].count(")") and text[end:end + 1] == ")":
        end += 1  # "les services de renseignement militaire ukrainien (GUR)"
    return start, end


def _person_spans(sent: Span, start: int, end: int) -> list[tuple[int, int]]:
    """spaCy PERSON entities inside sentence offsets [start, end), relative to ``start``."""
    spans = []
    for ent in sent.ents:
        ent_start, ent_end = ent.start_char - sent.start_char, ent.end_char - sent.start_char
        if ent.label_ in {"PER", "PERSON"} and start <= ent_start and ent_end <= end:
            spans.append((ent_start - start, ent_end - start))
    return spans


def resolve_pronoun(previous: Sequence[Sequence[Attribution]],
                    lookback: int | None = None) -> Attribution | None:
    """The speaker a pronoun points back to: the first attribution of the most recent sentence that has one.

    ``previous`` holds the attributions of the article's earlier sentences, oldest first, one list per
    sentence; only the last ``lookback`` sentences are searched.
    """
    lookback = load_cues().pronoun_lookback_sentences if lookback is None else lookback
    for attributions in list(previous)[::-1][:max(lookback, 0)]:
        if attributions:
            return attributions[0]
    return None


@dataclass
class _Speaker:
    """A speaker phrase located in the sentence, before it is turned into an Attribution."""

    tokens: list[Token]
    head: Token


class _SentenceAttributor:
    """Finds the attributions of one sentence; holds what every rule needs."""

    def __init__(self, sent: Span, previous: Sequence[Sequence[Attribution]], lexicon: CueLexicon,
                 gazetteer: Gazetteer | None) -> None:
        self.sent = sent
        self.previous = previous
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.regions = quote_regions(sent.text, lexicon.quote_marks)

    # ----- deciding who a phrase is -------------------------------------------------------------

    def _is_pronoun(self, head: Token) -> bool:
        words = {fold_name(head.lower_).strip("-"), fold_name(head.lemma_.lower())}
        return head.pos_ == "PRON" and bool(words & self.lexicon.subject_pronouns)

    def _is_anaphor(self, head: Token) -> bool:
        """A bare definite role ("le député", "cette source") that points back to a named speaker."""
        if fold_name(head.lemma_.lower()) not in self.lexicon.anaphoric_heads:
            return False
        dets = [child for child in head.children if child.dep_ == "det"]
        definite = any(d.morph.get("Definite") == ["Def"] or d.morph.get("PronType") == ["Dem"] for d in dets)
        words = [t for t in head.subtree
                 if not t.is_punct and not (t.dep_ in {"case", "advmod"} and t.head == head)]
        return definite and len(words) <= 2

    def _is_speaker_like(self, speaker: _Speaker) -> bool:
        """Whether a subject can be a speaker (not "cette révélation", "ces informations")."""
        head = speaker.head
        return (self._is_pronoun(head) or head.pos_ == "PROPN"
                or fold_name(head.lemma_.lower()) in self.lexicon.speaker_nouns
                or fold_name(head.lower_) in self.lexicon.speaker_nouns
                or self._actor_of(speaker) is not None)

    def _actor_of(self, speaker: _Speaker):
        start, end = _span_of(speaker.tokens, self.sent)
        phrase = self.sent.text[start:end]
        return match_actor(phrase, _person_spans(self.sent, start, end), self.gazetteer)

    def _cataphora(self, head: Token) -> _Speaker | None:
        """The later main subject, for a pronoun in a subordinate clause ("Bien qu'ils…, ni la Russie")."""
        verb = head.head
        if not any(child.dep_ == "mark" for child in verb.children):
            return None
        later = [t for t in self.sent
                 if t.i > verb.i and t.dep_ in {"nsubj", "nsubj:pass"} and t.pos_ != "PRON"
                 and not _in_quote(t, self.sent, self.regions)]
        return _Speaker(_source_tokens(later[0], self.sent, self.regions), later[0]) if later else None

    def _identify(self, speaker: _Speaker) -> tuple[str, str, str]:
        """(actor, group, resolved_from) of a speaker phrase, resolving pronouns and anaphors."""
        start, end = _span_of(speaker.tokens, self.sent)
        written = self.sent.text[start:end]
        match = self._actor_of(speaker)
        if match is not None:
            return match.actor, match.group, ""
        if self._is_pronoun(speaker.head) or self._is_anaphor(speaker.head):
            main = self._cataphora(speaker.head) if self._is_pronoun(speaker.head) else None
            if main is not None and not self._is_pronoun(main.head):
                actor, group, _ = self._identify(main)
                return actor, group, written
            earlier = resolve_pronoun(self.previous, self.lexicon.pronoun_lookback_sentences)
            if earlier is not None:
                return earlier.actor, earlier.actor_group, written
            return f"{written} (unresolved)", OTHER_GROUP, written
        return written, OTHER_GROUP, ""

    def _attribution(self, speaker: _Speaker, cue_tokens: Sequence[Token], cue_lemma: str,
                     quote_type: str) -> Attribution:
        actor, group, resolved_from = self._identify(speaker)
        src_start, src_end = _span_of(speaker.tokens, self.sent)
        cue_start = _rel(cue_tokens[0], self.sent)
        cue_end = _rel(cue_tokens[-1], self.sent) + len(cue_tokens[-1].text)
        return Attribution(
            actor=actor, actor_group=group, cue=self.sent.text[cue_start:cue_end], quote_type=quote_type,
            char_start=min(src_start, cue_start), char_end=max(src_end, cue_end),
            source=self.sent.text[src_start:src_end], resolved_from=resolved_from, cue_lemma=cue_lemma,
        )

    def _quote_type(self, speaker: _Speaker) -> str:
        start, end = _span_of(speaker.tokens, self.sent)
        quoted = any(not (start <= begin and stop <= end) for begin, stop in self.regions)
        return "direct" if quoted else "indirect"

    # ----- according_to ---------------------------------------------------------------------------

    def _according_to(self) -> list[Attribution]:
        found = []
        for token in self.sent:
            if _in_quote(token, self.sent, self.regions):
                continue
            word = fold_name(token.lower_)
            previous = self.sent.doc[token.i - 1] if token.i > self.sent.start else None
            prev_word = fold_name(previous.lower_) if previous is not None else ""
            if word == "selon":
                cue, lemma = [token], "selon"
            elif word == "d'apres":
                cue, lemma = [token], "d'après"
            elif word == "apres" and prev_word in {"d'", "d"}:
                cue, lemma = [previous, token], "d'après"
            elif (token.lemma_.lower() == "source" and prev_word == "de"
                  and not any(child.dep_ == "det" for child in token.children)
                  # "de source militaire", not a bare "de source"
                  and any(child.dep_ in {"amod", "nmod"} for child in token.children)):
                speaker = _Speaker(_source_tokens(token, self.sent, self.regions), token)
                found.append(self._attribution(speaker, [previous, token], "de source", "according_to"))
                continue
            else:
                continue
            head = self._governed_noun(cue[-1])
            if head is None or not any(char.isalpha() for char in head.text) or self._not_a_source(head):
                continue
            speaker = _Speaker(_source_tokens(head, self.sent, self.regions), head)
            found.append(self._attribution(speaker, cue, lemma, "according_to"))
        return found

    def _governed_noun(self, preposition: Token) -> Token | None:
        """The noun a preposition introduces ("selon [les renseignements] ukrainiens")."""
        head = preposition.head
        if (preposition.dep_ in {"case", "fixed"} and head.i > preposition.i
                and head.pos_ in _NOMINAL | {"ADJ", "NUM"}):
            return head
        following = [t for t in self.sent if t.i > preposition.i and t.pos_ in _NOMINAL][:1]
        if following and following[0].head.i >= preposition.i and not any(
                t.pos_ in {"VERB", "PUNCT", "SCONJ"}
                for t in self.sent.doc[preposition.i + 1:following[0].i]):
            return following[0]
        return None

    def _not_a_source(self, head: Token) -> bool:
        """"selon les cas", "selon lesquelles": selon that does not name a source."""
        lemma = fold_name(head.lemma_.lower())
        not_sources = self.lexicon.selon_not_a_source
        return (lemma in not_sources or fold_name(head.lower_) in not_sources
                or head.morph.get("PronType") == ["Rel"])

    # ----- reporting verbs ------------------------------------------------------------------------

    def _cue_tokens(self, verb: Token) -> list[Token]:
        """The verb with its auxiliaries and reflexive pronoun ("a affirmé", "se dit")."""
        parts = [verb] + [c for c in verb.children
                          if c.dep_.startswith("aux")
                          or (c.i < verb.i and (c.dep_ == "expl:comp" or c.morph.get("Reflex") == ["Yes"]))]
        start, end = min(t.i for t in parts), max(t.i for t in parts)
        return [self.sent.doc[start], self.sent.doc[end]] if start != end else [verb]

    def _clause_children(self, verb: Token) -> list[Token]:
        """The verb's dependents, plus its auxiliary's when the parser hung it there ("aient nié")."""
        children = list(verb.children)
        head = verb.head
        if (not any(c.dep_ in _SUBJECT_DEPS for c in children) and head.pos_ == "AUX" and head.i < verb.i
                and verb.dep_ in {"obj", "xcomp", "amod", "advmod"}):
            children += [c for c in head.children if c.i != verb.i]
        return children

    def _inherited_subject(self, verb: Token) -> Token | None:
        """The subject shared by coordinated verbs ("Séoul reste vigilante et considère que…")."""
        node = verb
        while node.dep_ in {"conj", "xcomp"} and node.head.i != node.i:
            node = node.head
            subjects = [c for c in node.children if c.dep_ == "nsubj"]
            if subjects:
                return subjects[0]
        return None

    def _speakers_of(self, subject: Token) -> list[_Speaker]:
        """One speaker per coordinated noun ("Moscou et Pyongyang"), the name kept with its apposition."""
        if subject.dep_ == "appos":
            subject = subject.head  # "Christophe Lemoine, le porte-parole…": the named head speaks
        heads = [subject] + [c for c in subject.children if c.dep_ == "conj" and c.pos_ in _NOMINAL
                             and any(cc.dep_ == "cc" for cc in c.children)]  # "X et Y", not "X, Y"
        return [_Speaker(_source_tokens(head, self.sent, self.regions), head) for head in heads]

    def _apposition_anchor(self, head: Token) -> Token:
        """The named noun an indefinite apposition describes ("le SPRAVDI, une institution…, qui").

        Only used for the antecedent of a relative "qui", where the apposition is closed by a comma.
        """
        doc = head.doc
        first = head.left_edge.i
        indefinite = any(c.dep_ == "det" and c.morph.get("Definite") == ["Ind"] for c in head.children)
        if (indefinite and first - 2 >= self.sent.start and doc[first - 1].text == ","
                and doc[first - 2].pos_ in {"NOUN", "PROPN"}
                and not _in_quote(doc[first - 2], self.sent, self.regions)):
            return doc[first - 2]
        return head

    def _verb_speakers(self, verb: Token) -> list[_Speaker]:
        """The speakers of a reporting verb from the parse; none when nobody speaks."""
        children = self._clause_children(verb)
        subjects = [c for c in children if c.dep_ == "nsubj" and not _in_quote(c, self.sent, self.regions)]
        if subjects:
            subject = subjects[0]
            if subject.morph.get("PronType") == ["Rel"]:
                subject = self._antecedent(subject, verb)  # "des médias ukrainiens, qui affirment…"
                if subject is None:
                    return []
            return self._speakers_of(subject)
        agents = [c for c in children if c.dep_ == "obl:agent"]
        if agents and verb.i == self.sent.start and not any(c.dep_.startswith("aux") for c in children):
            return []  # a byline ("Publié par Jean Dupont le 10 octobre"), not reported speech
        if agents:
            return self._speakers_of(agents[0])
        if any(c.dep_ in _SUBJECT_DEPS for c in children):
            return []  # a passive or impersonal subject: nobody speaks ("Pyongyang est accusé")
        present_participle = verb.morph.get("VerbForm") == ["Part"] and verb.morph.get("Tense") == ["Pres"]
        if verb.dep_ == "acl" and present_participle:  # "un média ukrainien affirmant…"
            return self._speakers_of(verb.head)
        inherited = self._inherited_subject(verb)
        if inherited is not None and inherited.i < verb.i:
            return self._speakers_of(inherited)
        has_aux = any(c.dep_.startswith("aux") for c in children)
        if verb.morph.get("VerbForm") in (["Inf"], ["Part"]) and not has_aux:
            return []  # infinitive or bare participle ("la zone dite grise", "pour annoncer")
        postposed = self._postposed_subject(verb) or self._preceding_subject(verb)
        return [postposed] if postposed is not None else []

    def _antecedent(self, relative: Token, verb: Token) -> Token | None:
        """The noun a relative "qui" stands for: the relative clause's head, else the noun just before it."""
        if verb.dep_.startswith("acl") and verb.head.pos_ in _NOMINAL:
            return self._apposition_anchor(verb.head)
        # The parser sometimes hangs the relative clause on the main verb; in French "qui" follows its
        # antecedent, so the nearest noun before it (over a comma) is taken.
        for token in reversed(list(self.sent.doc[self.sent.start:relative.i])):
            if token.is_punct or token.pos_ == "ADJ":
                continue
            return self._apposition_anchor(token) if token.pos_ in {"NOUN", "PROPN"} else None
        return None

    def _preceding_subject(self, verb: Token) -> _Speaker | None:
        """A subject the parser missed, read from the words just before the verb group, up to a comma.

        "En réponse, les États-Unis et leurs alliés ont dénoncé…": the noun phrase between the last
        punctuation and the verb is taken, and its first noun is its head.
        """
        cue = self._cue_tokens(verb)
        words: list[Token] = []
        for token in reversed(list(self.sent.doc[self.sent.start:cue[0].i])):
            if (token.is_punct or token.pos_ in {"VERB", "SCONJ", "AUX"}
                    or _in_quote(token, self.sent, self.regions)):
                break
            words.insert(0, token)
        while words and words[-1].pos_ == "ADV":
            words.pop()
        nouns = [t for t in words if t.pos_ in _NOMINAL]
        if not nouns or words[-1].pos_ not in _NOMINAL | {"ADJ"}:
            return None
        return _Speaker(words, nouns[0])

    def _postposed_subject(self, verb: Token) -> _Speaker | None:
        """The subject after an inverted verb: "« … », a affirmé jeudi le député X"."""
        cue = self._cue_tokens(verb)
        before = self.sent.doc[cue[0].i - 1] if cue[0].i > self.sent.start else None
        if before is not None and not (before.is_punct or before.is_quote):
            return None
        for token in self.sent.doc[verb.i + 1:min(verb.i + 9, self.sent.end)]:
            word, lemma = fold_name(token.lower_), fold_name(token.lemma_.lower())
            if word in self.lexicon.postposed_skip or lemma in self.lexicon.postposed_skip:
                continue
            if token.pos_ in {"ADV", "DET", "ADP", "NUM", "ADJ"}:
                continue
            if token.pos_ in _NOMINAL and not _in_quote(token, self.sent, self.regions):
                if any(child.dep_ == "case" for child in token.children):
                    continue  # a prepositional phrase ("à l'AFP"), not the subject
                return _Speaker(_source_tokens(token, self.sent, self.regions), token)
            break
        return None

    def _reporting_lemma(self, token: Token) -> str | None:
        """The reporting-verb lemma of a token, also when the tagger got its part of speech wrong."""
        following = self.sent.doc[token.i + 1] if token.i + 1 < self.sent.end else None
        before_que = following is not None and fold_name(following.lower_) in {"que", "qu'"}
        if token.pos_ == "VERB":
            lemmas = [token.lemma_.lower(), _lemma_as_verb(token)]  # "qui estime" lemmatized "estime"
        elif token.pos_ in {"NOUN", "ADJ", "ADV"} and (
                any(c.dep_ == "nsubj" or c.dep_.startswith("aux") for c in token.children)
                or (token.head.pos_ == "AUX" and token.head.i == token.i - 1)
                or (before_que and not any(c.dep_ == "det" for c in token.children))):
            # Mis-tagged verbs: "Séoul annonce que" (NOUN), "a signalé" (ADV), "… prévoit que" (ADJ).
            lemmas = [_lemma_as_verb(token)]
        else:
            return None
        verbs = self.lexicon.verbs
        return next((lemma for lemma in lemmas if lemma in verbs or fold_name(lemma) in verbs), None)

    def _verbs(self) -> list[Attribution]:
        found = []
        for token in self.sent:
            lemma = self._reporting_lemma(token)
            if lemma is None or _in_quote(token, self.sent, self.regions):
                continue
            cue = self._cue_tokens(token)
            if _negated(token, cue[0]):
                continue
            for speaker in self._verb_speakers(token):
                if self._is_speaker_like(speaker):
                    found.append(self._attribution(speaker, cue, lemma, self._quote_type(speaker)))
        return found

    # ----- a colon opening a quotation ------------------------------------------------------------

    def _colon_quote(self) -> list[Attribution]:
        """"L'OTAN reste prudente : « … »": the main clause's subject speaks the quotation."""
        for token in self.sent:
            if token.text != ":" or _in_quote(token, self.sent, self.regions):
                continue
            after = _rel(token, self.sent) + 1
            text = self.sent.text
            if not any(begin >= after and not re.search(r"\w", text[after:begin]) and begin - after <= 4
                       for begin, _ in self.regions):
                continue  # the colon must open the quotation: only spaces and a quote mark between
            verb = token.head if token.head.pos_ in {"VERB", "AUX", "ADJ", "NOUN"} else self.sent.root
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i]
            if not subjects:
                continue
            speaker = _Speaker(_source_tokens(subjects[0], self.sent, self.regions), subjects[0])
            if self._actor_of(speaker) is None and not self._is_pronoun(subjects[0]):
                continue
            return [self._attribution(speaker, [token], ":", "direct")]
        return []

    def run(self) -> list[Attribution]:
        """All attributions of the sentence, in text order, one per speaker."""
        found = self._according_to() + self._verbs()
        if not any(a.cue_lemma not in {"selon", "d'après", "de source"} for a in found):
            found += self._colon_quote()
        found.sort(key=lambda a: (a.char_start, a.char_end))
        unique, seen = [], set()
        for attribution in found:
            key = (attribution.actor, attribution.actor_group)
            if key not in seen:
                seen.add(key)
                unique.append(attribution)
        return unique


def find_attributions(sent: Span, previous: Sequence[Sequence[Attribution]] = (),
                      lexicon: CueLexicon | None = None,
                      gazetteer: Gazetteer | None = None) -> list[Attribution]:
    """Attributions of one sentence (offsets relative to the sentence text).

    ``previous`` is the attributions of the article's earlier sentences, one list per sentence, oldest
    first; it is only used to resolve pronouns ("Il a ajouté…"). Anything that is not a non-empty
    spaCy Span gives no attribution.
    """
    if not isinstance(sent, Span) or not sent.text.strip():
        return []
    return _SentenceAttributor(sent, previous, lexicon or load_cues(), gazetteer).run()


def attribute_sentences(sents: Iterable[Span], lexicon: CueLexicon | None = None,
                        gazetteer: Gazetteer | None = None) -> list[list[Attribution]]:
    """Attributions of an article's sentences in order, each resolving pronouns against the ones before."""
    lexicon = lexicon or load_cues()
    results: list[list[Attribution]] = []
    history: list[list[Attribution]] = []  # sentences that count for the pronoun look-back
    for sent in sents:
        found = find_attributions(sent, history, lexicon, gazetteer)
        results.append(found)
        if found or _has_own_words(sent, lexicon):
            history.append(found)
    return results


def _has_own_words(sent: Span, lexicon: CueLexicon) -> bool:
    """Whether a sentence has words outside quotation marks (a quote-only fragment continues a speaker)."""
    if not isinstance(sent, Span):
        return False
    regions = quote_regions(sent.text, lexicon.quote_marks)
    return any(token.is_alpha and not _in_quote(token, sent, regions) for token in sent)
