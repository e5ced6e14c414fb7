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

from spacy.tokens import Span, Token

from analysis.annotate.actors import OTHER_GROUP, Gazetteer, fold_name, match_actor
from analysis.annotate.attribution_lexicon import CueLexicon, load_cues, quote_regions, quoted_share
from analysis.annotate.coreference import ArticleMemory, home_group, resolve_pronoun, sentence_mentions
from analysis.annotate.speech_parse import (
    in_quote,
    lemma_as_verb,
    negated,
    person_spans,
    pronoun_word,
    rel,
    source_tokens,
    span_of,
)

QUOTE_TYPES = ("direct", "indirect", "according_to")
#: Group of a speaker who is a pronoun the coder could not resolve: no group (never counted as "other").
UNRESOLVED_GROUP = ""
_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "expl:subj", "csubj"}
_NOMINAL = {"NOUN", "PROPN", "PRON"}
#: The words that open an "according to" phrase (selon, d'après, "d' après" cut in two); "de source" is read by lemma.
_ACCORDING_TO_WORDS = {"selon", "d'apres", "apres"}


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
    actor_kind: str = ""  # the gazetteer's kind of the actor ("person", "place", …); "" when unknown


@dataclass
class _Speaker:
    """A speaker phrase located in the sentence, before it is turned into an Attribution."""

    tokens: list[Token]
    head: Token


class _SentenceAttributor:
    """Finds the attributions of one sentence; holds what every rule needs."""

    def __init__(self, sent: Span, previous: Sequence[Sequence[Attribution]], lexicon: CueLexicon,
                 gazetteer: Gazetteer | None, memory: ArticleMemory | None = None) -> None:
        self.sent = sent
        self.previous = previous
        self.memory = memory
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        # a Span joins its tokens at every .text and makes a new Token at every step of a loop: both are
        # read once per sentence, with each word folded as the rules compare it
        self.text = sent.text
        self.tokens: list[Token] = list(sent)
        self.words = [fold_name(token.lower_) for token in self.tokens]
        self.regions = quote_regions(self.text, lexicon.quote_marks)

    # ----- deciding who a phrase is -------------------------------------------------------------

    def _is_pronoun(self, head: Token) -> bool:
        words = {pronoun_word(head), fold_name(head.lemma_.lower())}
        return (head.pos_ == "PRON" or head.text.startswith("-")) and bool(words & self.lexicon.subject_pronouns)

    def _is_anaphor(self, head: Token) -> bool:
        """A definite role without a name ("le député", "cette source", "le président de la République",
        "l'intéressé") or a possessed entourage ("son entourage", "ses proches", "son cabinet") that
        points back to a speaker or person already named (its phrase matched no gazetteer actor)."""
        lemma = fold_name(head.lemma_.lower())
        dets = [child for child in head.children if child.dep_ == "det"]
        if lemma in self.lexicon.possessive_heads and any(d.morph.get("Poss") == ["Yes"] for d in dets):
            return True
        if lemma not in self.lexicon.anaphoric_heads:
            return False
        definite = any(d.morph.get("Definite") == ["Def"] or d.morph.get("PronType") == ["Dem"] for d in dets)
        return definite and not any((t.pos_ == "PROPN" or t.ent_type_ == "PER") and t.text[:1].isupper()
                                    and t.i != head.i
                                    and fold_name(t.lemma_.lower()) not in self.lexicon.title_complements
                                    for t in head.subtree if self.sent.start <= t.i < self.sent.end)

    def _is_speaker_like(self, speaker: _Speaker) -> bool:
        """Whether a phrase can be a speaker: a person, organisation, state or medium (a pronoun, a name,
        a spaCy PER/ORG entity, a gazetteer actor, a person/organisation noun or a publication), not
        "cette révélation", « une note de 0 à 10 » or « plusieurs critères »."""
        head = speaker.head
        words = {fold_name(head.lemma_.lower()), fold_name(head.lower_)}
        return (self._is_pronoun(head) or head.pos_ == "PROPN" or head.ent_type_ in ("PER", "ORG")
                or bool(words & (self.lexicon.speaker_nouns | self.lexicon.document_nouns))
                or self._actor_of(speaker) is not None)

    def _is_document(self, head: Token) -> bool:
        return bool({fold_name(head.lemma_.lower()), fold_name(head.lower_)} & self.lexicon.document_nouns)

    def _actor_of(self, speaker: _Speaker):
        start, end = span_of(speaker.tokens, self.sent, self.text)
        if self._is_document(speaker.head):  # "un comptage réalisé par l'AFP": the author, clauses included
            inner = [t for t in speaker.head.subtree if self.sent.start <= t.i < self.sent.end
                     and not in_quote(t, self.sent, self.regions)]
            start, end = span_of(inner, self.sent, self.text) if inner else (start, end)
        phrase = self.text[start:end]
        return match_actor(phrase, person_spans(self.sent, start, end), self.gazetteer)

    def _cataphora(self, head: Token) -> _Speaker | None:
        """The later main subject, for a pronoun in a subordinate clause ("Bien qu'ils…, ni la Russie")."""
        verb = head.head
        if not any(child.dep_ == "mark" for child in verb.children):
            return None
        later = [t for t in self.tokens
                 if t.i > verb.i and t.dep_ in {"nsubj", "nsubj:pass"} and t.pos_ != "PRON"
                 and not in_quote(t, self.sent, self.regions)]
        return _Speaker(source_tokens(later[0], self.sent, self.regions), later[0]) if later else None

    def _identify(self, speaker: _Speaker) -> tuple[str, str, str, str]:
        """(actor, group, resolved_from, kind) of a speaker phrase, resolving pronouns and anaphors."""
        start, end = span_of(speaker.tokens, self.sent, self.text)
        written = self.text[start:end]
        match = None if self._is_pronoun(speaker.head) else self._actor_of(speaker)
        if match is not None and match.group == OTHER_GROUP and match.kind == "person" \
                and self._is_anaphor(speaker.head):
            match = None  # "le président de la République" tagged as a person's name: a role, resolved below
        if match is None and self.memory is not None and self.memory.home_group and self._is_state_noun(speaker):
            return written, self.memory.home_group, "", "institution"  # "les autorités" of the article's country
        if match is not None:
            known = self.memory.group_of_name(match.actor) if self.memory and match.group == OTHER_GROUP \
                and match.kind == "person" else None  # "M. Azar" after "le ministre américain … Alex Azar"
            return (known.actor, known.actor_group, written, "person") if known else \
                (match.actor, match.group, "", match.kind)
        if self._is_pronoun(speaker.head) or self._is_anaphor(speaker.head):
            main = self._cataphora(speaker.head) if self._is_pronoun(speaker.head) else None
            if main is not None and not self._is_pronoun(main.head):
                actor, group, _, kind = self._identify(main)
                return actor, group, written, kind
            earlier = self._earlier_speaker(speaker.head)
            if earlier is not None:
                return earlier.actor, earlier.actor_group, written, earlier.actor_kind
            if not self._is_pronoun(speaker.head):
                return written, OTHER_GROUP, "", ""  # a role no earlier speaker fits: a new speaker
            return f"{written} (unresolved)", UNRESOLVED_GROUP, written, ""
        return written, OTHER_GROUP, "", ""

    def _is_state_noun(self, speaker: _Speaker) -> bool:
        """A state body named without its country ("les autorités", "le ministère de la Défense", "la marine")."""
        head = speaker.head
        return fold_name(head.lemma_.lower()) in self.lexicon.state_nouns and not any(
            d.morph.get("Poss") == ["Yes"] for d in head.children)

    def _earlier_speaker(self, head: Token):
        """Whom a pronoun or role points back to (analysis.annotate.coreference), or None. A role with
        modifiers ("le responsable militaire") needs an earlier speaker described by the same noun."""
        if self.memory is None:
            return resolve_pronoun(self.previous, self.lexicon.pronoun_lookback_sentences)
        if self._is_pronoun(head) or any(d.morph.get("Poss") == ["Yes"] for d in head.children):
            return self.memory.antecedent()
        same = self.memory.antecedent_described_as(fold_name(head.lemma_.lower()))
        modified = any(c.dep_ == "amod" or (c.dep_ in ("nmod", "appos")
                                            and fold_name(c.lemma_.lower()) not in self.lexicon.title_complements)
                       for c in head.children)
        return same if same is not None or modified else self.memory.antecedent()

    def _attribution(self, speaker: _Speaker, cue_tokens: Sequence[Token], cue_lemma: str,
                     quote_type: str) -> Attribution:
        actor, group, resolved_from, kind = self._identify(speaker)
        src_start, src_end = span_of(speaker.tokens, self.sent, self.text)
        cue_start = rel(cue_tokens[0], self.sent)
        cue_end = rel(cue_tokens[-1], self.sent) + len(cue_tokens[-1].text)
        return Attribution(
            actor=actor, actor_group=group, cue=self.text[cue_start:cue_end], quote_type=quote_type,
            char_start=min(src_start, cue_start), char_end=max(src_end, cue_end),
            source=self.text[src_start:src_end], resolved_from=resolved_from, cue_lemma=cue_lemma,
            actor_kind=kind,
        )

    def _quote_type(self, speaker: _Speaker) -> str:
        start, end = span_of(speaker.tokens, self.sent, self.text)
        quoted = any(not (start <= begin and stop <= end) for begin, stop in self.regions)
        return "direct" if quoted else "indirect"

    # ----- according_to ---------------------------------------------------------------------------

    def _according_to(self) -> list[Attribution]:
        found = []
        for token, folded in zip(self.tokens, self.words):
            word = folded.lstrip("-")  # "-Selon" glued to a heading's closing dash
            if word not in _ACCORDING_TO_WORDS and token.lemma_.lower() != "source" \
                    or in_quote(token, self.sent, self.regions):
                continue
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
                speaker = _Speaker(source_tokens(token, self.sent, self.regions), token)
                found.append(self._attribution(speaker, [previous, token], "de source", "according_to"))
                continue
            else:
                continue
            head = self._governed_noun(cue[-1])
            if head is None or not any(char.isalpha() for char in head.text) or self._not_a_source(head):
                continue
            speaker = _Speaker(source_tokens(head, self.sent, self.regions), head)
            if self._is_speaker_like(speaker):
                found.append(self._attribution(speaker, cue, lemma, "according_to"))
        return found

    def _opinion(self) -> list[Attribution]:
        """« Pour l'opposition, … », « De l'avis des experts, … », « A ses yeux, … »: on X's authority."""
        found, words = [], self.words
        openers = {p[0] if p else "" for p in self.lexicon.opinion_phrases}
        for index, token in enumerate(self.tokens):
            if words[index] not in openers and "" not in openers:  # no phrase starts with this word
                continue
            phrase = next((p for p in self.lexicon.opinion_phrases if tuple(words[index:index + len(p)]) == p), None)
            if phrase is None or in_quote(token, self.sent, self.regions):
                continue
            last = self.tokens[index + len(phrase) - 1]
            if phrase == ("pour",) and not self._opens_clause(index):
                continue
            if phrase[-1] == "yeux" and phrase[-2] in ("ses", "leurs"):  # "à ses yeux": the possessor
                earlier = self._earlier_speaker(last)
                actor, group = (earlier.actor, earlier.actor_group) if earlier else \
                    (f"{last.text} (unresolved)", UNRESOLVED_GROUP)
                start, end = rel(token, self.sent), rel(last, self.sent) + len(last.text)
                found.append(Attribution(actor, group, self.text[start:end], "according_to", start, end,
                                         self.text[start:end], self.text[start:end], "pour"))
                continue
            head = self._governed_noun(last)
            if head is None or (phrase == ("pour",) and not self._comma_after(head)):
                continue
            speaker = _Speaker(source_tokens(head, self.sent, self.regions), head)
            if self._is_speaker_like(speaker) and not self._not_a_source(head):
                found.append(self._attribution(speaker, list(self.sent[index:index + len(phrase)]), "pour",
                                               "according_to"))
        return found

    def _relayed(self, attribution: Attribution) -> Attribution:
        """Codebook §1.2: an agency relaying an official takes the official's group ("Selon Yonhap, citant des
        responsables sud-coréens" -> south_korea)."""
        if attribution.actor_group != "media":
            return attribution
        after = [t for t in self.tokens if t.idx - self.sent.start_char >= attribution.char_end][:3]
        citing = next((t for t in after if fold_name(t.lower_) in ("citant", "citee", "cite")), None)
        cited = self._governed_noun(citing) if citing is not None else None
        if cited is None:
            following = [t for t in self.tokens if citing is not None and t.i > citing.i and t.pos_ in _NOMINAL][:1]
            cited = following[0] if following else None
        match = self._actor_of(_Speaker(source_tokens(cited, self.sent, self.regions), cited)) if cited else None
        if match is None or match.group in ("media", OTHER_GROUP):
            return attribution
        return Attribution(match.actor, match.group, attribution.cue, attribution.quote_type, attribution.char_start,
                           attribution.char_end, attribution.source, attribution.actor, attribution.cue_lemma,
                           match.kind)

    def _opens_clause(self, index: int) -> bool:
        """Whether the index-th word of the sentence opens it (after "mais", "et", a dash or a quote)."""
        before = [t for t in self.tokens[:index] if not (t.is_punct or t.is_space)]
        return not before or (len(before) == 1 and fold_name(before[0].lower_) in ("mais", "et", "or"))

    def _comma_after(self, head: Token) -> bool:
        """Whether the noun phrase of ``head`` is closed by a comma before any verb ("Pour X, …")."""
        for token in self.sent.doc[head.i + 1:min(head.i + 12, self.sent.end)]:
            if token.text == ",":
                return True
            if token.pos_ in ("VERB", "AUX"):
                return False
        return False

    def _governed_noun(self, preposition: Token) -> Token | None:
        """The noun a preposition introduces ("selon [les renseignements] ukrainiens")."""
        head = preposition.head
        if (preposition.dep_ in {"case", "fixed"} and head.i > preposition.i
                and head.pos_ in _NOMINAL | {"ADJ", "NUM"}):
            return head
        following = [t for t in self.tokens if t.i > preposition.i and t.pos_ in _NOMINAL][:1]
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
        parts = [verb] + [c for c in verb.children if verb.i - 4 <= c.i and not in_quote(c, self.sent, self.regions)
                          and (c.dep_.startswith("aux")
                               or (c.i < verb.i and (c.dep_ == "expl:comp" or c.morph.get("Reflex") == ["Yes"])))]
        start, end = min(t.i for t in parts), max(t.i for t in parts)
        return [self.sent.doc[start], self.sent.doc[end]] if start != end else [verb]

    def _clause_children(self, verb: Token) -> list[Token]:
        """The verb's dependents outside quotations, plus its auxiliary's when the parser hung it there
        ("aient nié"). A quotation's own subject is never the reporting verb's ("« … le monde aurait été »,
        a proclamé M. Poutine")."""
        children = [c for c in verb.children if not in_quote(c, self.sent, self.regions)]
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
            subjects = [c for c in node.children if c.dep_ == "nsubj" and not in_quote(c, self.sent, self.regions)]
            if subjects:
                return subjects[0]
            if in_quote(node, self.sent, self.regions):
                return None  # coordinated with a verb of the quotation: not a shared subject
        return None

    def _speakers_of(self, subject: Token) -> list[_Speaker]:
        """One speaker per coordinated noun ("Moscou et Pyongyang"), the name kept with its apposition."""
        if subject.dep_ == "appos":
            subject = subject.head  # "Christophe Lemoine, le porte-parole…": the named head speaks
        heads = [subject] + [c for c in subject.children if c.dep_ == "conj" and c.pos_ in _NOMINAL
                             and any(cc.dep_ == "cc" for cc in c.children)]  # "X et Y", not "X, Y"
        return [_Speaker(source_tokens(head, self.sent, self.regions), head) for head in heads]

    def _apposition_anchor(self, head: Token) -> Token:
        """The named noun an indefinite apposition describes ("le SPRAVDI, une institution…, qui").

        Only used for the antecedent of a relative "qui", where the apposition is closed by a comma.
        """
        doc = head.doc
        first = head.left_edge.i
        indefinite = any(c.dep_ == "det" and c.morph.get("Definite") == ["Ind"] for c in head.children)
        if (indefinite and first - 2 >= self.sent.start and doc[first - 1].text == ","
                and doc[first - 2].pos_ in {"NOUN", "PROPN"}
                and not in_quote(doc[first - 2], self.sent, self.regions)):
            return doc[first - 2]
        return head

    def _after_quotation(self, token: Token) -> bool:
        """Whether a word comes right after a closed quotation, a comma between ("« … », a-t-il dit")."""
        start = rel(token, self.sent)
        before = self.text[:start].rstrip().rstrip(",").rstrip()
        return bool(before) and any(end in (len(before) - 1, len(before)) for _, end in self.regions) \
            and before[-1] in {closing for _, closing in self.lexicon.quote_marks}

    def _verb_speakers(self, verb: Token) -> list[_Speaker]:
        """The speakers of a reporting verb from the parse; none when nobody speaks. Right after a quotation
        ("« … », a affirmé jeudi le député X") the subject placed after the verb comes first: the parse
        of such sentences is unreliable."""
        if self._after_quotation(self._cue_tokens(verb)[0]):
            postposed = self._postposed_subject(verb)
            if postposed is not None:
                return [postposed]
        children = self._clause_children(verb)
        subjects = [c for c in children if c.dep_ == "nsubj" and not in_quote(c, self.sent, self.regions)]
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
                    or in_quote(token, self.sent, self.regions)):
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
            skip = self.lexicon.postposed_skip
            if word in skip or lemma in skip or pronoun_word(token) == "t":
                continue
            if f"-{pronoun_word(token)}" in self.lexicon.inverted_pronouns and token.text.startswith("-"):
                return _Speaker([token], token)  # "raconte-t-il": the inverted pronoun is the subject
            if token.pos_ in {"ADV", "DET", "ADP", "NUM", "ADJ"}:
                continue
            if token.pos_ in _NOMINAL and not in_quote(token, self.sent, self.regions):
                if any(child.dep_ == "case" for child in token.children):
                    continue  # a prepositional phrase ("à l'AFP"), not the subject
                tokens = source_tokens(token, self.sent, self.regions)
                while tokens[-1].i + 1 < self.sent.end and tokens[-1].text.istitle() \
                        and self.sent.doc[tokens[-1].i + 1].text.istitle() \
                        and fold_name(self.sent.doc[tokens[-1].i + 1].lower_) not in self.lexicon.postposed_skip:
                    tokens.append(self.sent.doc[tokens[-1].i + 1])  # "Donald" "Trump": the parse split the name
                return _Speaker(tokens, token)
            break
        return None

    def _reporting_lemma(self, token: Token) -> str | None:
        """The reporting-verb lemma of a token, also when the tagger got its part of speech wrong."""
        if token.pos_ == "VERB":
            lemmas = [token.lemma_.lower(), lemma_as_verb(token)]  # "qui estime" lemmatized "estime"
        elif token.pos_ in {"NOUN", "ADJ", "ADV", "PROPN"} and (
                any(c.dep_ == "nsubj" or c.dep_.startswith("aux") for c in token.children)
                or (token.head.pos_ == "AUX" and token.head.i == token.i - 1)
                or (self._before_que(token) and not any(c.dep_ == "det" for c in token.children))
                or self._after_quotation(token)
                or (token.dep_ == "acl" and token.head.pos_ == "PROPN" and token.i > self.sent.start
                    and self.sent.doc[token.i - 1].pos_ == "PROPN")):
            # Mis-tagged verbs: "Séoul annonce que" (NOUN), "a signalé" (ADV), "… prévoit que" (ADJ),
            # « "…", note M. Wang » (NOUN right after a quotation), "L'Ukraine alerte sur…" (ADJ hung on the name).
            lemmas = [lemma_as_verb(token)]
        else:
            return None
        verbs = self.lexicon.verbs
        found = next((lemma for lemma in lemmas if lemma in verbs or fold_name(lemma) in verbs), None)
        return found or self._verb_phrase(token, lemmas)

    def _before_que(self, token: Token) -> bool:
        """Whether the next word of the sentence is "que" ("Séoul annonce que")."""
        return token.i + 1 < self.sent.end and fold_name(self.sent.doc[token.i + 1].lower_) in {"que", "qu'"}

    def _verb_phrase(self, token: Token, lemmas: Sequence[str]) -> str | None:
        """A reporting phrase led by this verb ("a fait savoir", "ont fait part de", "met en garde")."""
        following = [fold_name(t.lemma_.lower()) for t in self.sent.doc[token.i + 1:min(token.i + 4, self.sent.end)]]
        for lemma in lemmas:
            for first, second in self.lexicon.verb_phrases:
                if fold_name(lemma) == first and second in following:
                    return f"{first} {second}"
        return None

    def _inverted(self) -> list[Attribution]:
        """Inverted subject pronouns of a reporting verb: "a-t-il tweeté", "raconte-t-il", "relève-t-on"
        (the tokenizer cuts them as "-il", "-t" "-il", or "-" "il": the hyphen before the pronoun decides)."""
        found = []
        for token in self.tokens:
            word = pronoun_word(token)
            hyphen = token.text.startswith("-") or self.text[max(rel(token, self.sent) - 1, 0)] == "-"
            if f"-{word}" not in self.lexicon.inverted_pronouns or not hyphen or token.i == self.sent.start \
                    or in_quote(token, self.sent, self.regions):
                continue
            before = [t for t in self.sent.doc[max(self.sent.start, token.i - 3):token.i]
                      if pronoun_word(t) not in ("t", "") and not t.is_punct]
            verb = before[-1] if before else None
            if verb is not None and verb.pos_ == "AUX" and token.i + 1 < self.sent.end:
                verb = self.sent.doc[token.i + 1]  # "a-t-il tweeté": the participle after the pronoun
            lemma = self._any_reporting_lemma(verb) if verb is not None else None
            if lemma is None:
                continue
            speaker = _Speaker([token], token)
            if word == "on":  # "relève-t-on au cabinet français": the place that follows
                phrase = [t for t in self.sent.doc[token.i + 1:min(token.i + 6, self.sent.end)] if not t.is_punct]
                match = match_actor(" ".join(t.text for t in phrase), (), self.gazetteer) if phrase else None
                if match is None:
                    continue
                speaker = _Speaker([token] + phrase, token)
            cue = sorted({verb.i, *(t.i for t in before if t.pos_ == "AUX")})
            found.append(self._attribution(speaker, [self.sent.doc[cue[0]], self.sent.doc[cue[-1]]], lemma,
                                           self._quote_type(speaker)))
        return found

    def _any_reporting_lemma(self, token: Token) -> str | None:
        """The reporting-verb lemma of a word whatever its tag ("raconte" tagged ADJ, "relève" PROPN)."""
        for lemma in (token.lemma_.lower(), lemma_as_verb(token)):
            if lemma in self.lexicon.verbs or fold_name(lemma) in self.lexicon.verbs:
                return lemma
        return None

    def _verbs(self) -> list[Attribution]:
        found = []
        for token in self.tokens:
            lemma = self._reporting_lemma(token)
            if lemma is None or in_quote(token, self.sent, self.regions):
                continue
            cue = self._cue_tokens(token)
            if negated(token, cue[0]) or (fold_name(lemma) in self.lexicon.content_verbs
                                             and not self._has_content(token, cue)):
                continue
            for speaker in self._verb_speakers(token):
                if self._is_speaker_like(speaker):
                    found.append(self._attribution(speaker, cue, lemma, self._quote_type(speaker)))
        return found

    def _has_content(self, verb: Token, cue: Sequence[Token]) -> bool:
        """Whether a verb reports words: a que-clause, a quotation right after it, or a quotation it tags
        ("« … », lance Marina"); "assurant la liaison", "espèrent renouveler l'opération" report none."""
        after = self.sent.doc[verb.i + 1:min(verb.i + 4, self.sent.end)]
        return (any(fold_name(t.lower_) in {"que", "qu'"} for t in after)
                or any(begin <= rel(t, self.sent) < end for t in after for begin, end in self.regions)
                or any(t.is_quote for t in after) or self._after_quotation(cue[0]))

    # ----- a colon opening a quotation ------------------------------------------------------------

    def _colon_quote(self) -> list[Attribution]:
        """"L'OTAN reste prudente : « … »": the main clause's subject speaks the quotation."""
        for token in self.tokens:
            if token.text != ":" or in_quote(token, self.sent, self.regions):
                continue
            after = rel(token, self.sent) + 1
            text = self.text
            if not any(begin >= after and not re.search(r"\w", text[after:begin]) and begin - after <= 4
                       for begin, _ in self.regions):
                continue  # the colon must open the quotation: only spaces and a quote mark between
            verb = token.head if token.head.pos_ in {"VERB", "AUX", "ADJ", "NOUN"} else self.sent.root
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i]
            if not subjects:
                continue
            speaker = _Speaker(source_tokens(subjects[0], self.sent, self.regions), subjects[0])
            if self._actor_of(speaker) is None and not self._is_pronoun(subjects[0]):
                continue
            return [self._attribution(speaker, [token], ":", "direct")]
        return []

    def run(self) -> list[Attribution]:
        """All attributions of the sentence, in text order, one per speaker."""
        found = [self._relayed(a) for a in self._according_to() + self._opinion() + self._verbs() + self._inverted()]
        if not any(a.cue_lemma not in {"selon", "d'après", "de source", "pour"} for a in found):
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
                      lexicon: CueLexicon | None = None, gazetteer: Gazetteer | None = None,
                      memory: ArticleMemory | None = None) -> list[Attribution]:
    """Attributions of one sentence (offsets relative to the sentence text).

    ``previous`` is the attributions of the article's earlier sentences, one list per sentence, oldest
    first; it is only used to resolve pronouns ("Il a ajouté…"). Anything that is not a non-empty
    spaCy Span gives no attribution.
    """
    if not isinstance(sent, Span) or not sent.text.strip():
        return []
    return _SentenceAttributor(sent, previous, lexicon or load_cues(), gazetteer, memory).run()


def attribute_sentences(sents: Iterable[Span], lexicon: CueLexicon | None = None,
                        gazetteer: Gazetteer | None = None) -> list[list[Attribution]]:
    """Attributions of an article's sentences in order, each resolving pronouns against the ones before."""
    lexicon = lexicon or load_cues()
    sents = list(sents)
    results: list[list[Attribution]] = []
    history: list[list[Attribution]] = []  # sentences that count for the pronoun look-back
    memory = ArticleMemory(lexicon.pronoun_lookback_sentences,
                           home_group([sent.text for sent in sents if isinstance(sent, Span)], gazetteer),
                           gazetteer=gazetteer)
    for sent in sents:
        found = find_attributions(sent, history, lexicon, gazetteer, memory)
        results.append(found)
        if found or _has_own_words(sent, lexicon):
            history.append(found)
            memory.add(found, sentence_mentions(sent, gazetteer), sent.text)
    return _split_quotes(sents, results, lexicon)


def _split_quotes(sents: Sequence[Span], results: list[list[Attribution]],
                  lexicon: CueLexicon) -> list[list[Attribution]]:
    """Codebook §1.1 H2: a sentence that is (nearly) all quoted words and has no attribution continues the
    direct quotation of the previous sentence of its paragraph, else of the next one, and gets its speaker.

    Sentences of one paragraph share one spaCy Doc (analysis.annotate.stage parses paragraphs)."""
    out = [list(found) for found in results]
    for index, sent in enumerate(sents):
        if results[index] or not isinstance(sent, Span):
            continue
        opens = sent.text.lstrip()[:1] in {opening for opening, _ in lexicon.quote_marks}
        if not opens and quoted_share(sent.text, lexicon.quote_marks) < lexicon.quoted_share:
            continue
        for neighbour in (index - 1, index + 1):
            if not 0 <= neighbour < len(sents) or not isinstance(sents[neighbour], Span) \
                    or sents[neighbour].doc is not sent.doc:
                continue
            direct = [a for a in out[neighbour] if a.quote_type == "direct"]  # chains: out, not results
            if direct:
                speaker = direct[0]
                out[index] = [Attribution(speaker.actor, speaker.actor_group, "split quote", "direct", 0,
                                          len(sent.text), speaker.source, "split quote", "split quote",
                                          speaker.actor_kind)]
                break
    return out


def _has_own_words(sent: Span, lexicon: CueLexicon) -> bool:
    """Whether a sentence has words outside quotation marks (a quote-only fragment continues a speaker)."""
    if not isinstance(sent, Span):
        return False
    regions = quote_regions(sent.text, lexicon.quote_marks)
    return any(token.is_alpha and not in_quote(token, sent, regions) for token in sent)
