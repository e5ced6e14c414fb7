"""How an example is checked in reporting_verbs.yaml (the annotate stage's attributions).

An example is one or a few sentences of an article. The probe finds their attributions as the annotate
stage does (parsing.code: attribute_sentences over the example's sentences, pronouns resolved against
the earlier ones) and looks at what each one records: the cue and its lemma, the speaker's words as
written (``source``), the pronoun or role that was resolved (``resolved_from``), the actor's group and
whether the quotation is direct.
"""

from __future__ import annotations

from analysis.annotate.actors import fold_name
from analysis.annotate.attribution import Attribution
from lexicon_examples import Entry, FileSpec, Section, probe_through
from lexicon_examples.parsing import code, words


def _found(text: str) -> list[tuple[str, Attribution]]:
    """(sentence text, attribution) of every attribution of the example."""
    return [(coded.sent.text, found) for coded in code(text) for found in coded.attributions]


def _folded(text: str) -> str:
    return fold_name(text).lower()


def _shown(found: list[tuple[str, Attribution]]) -> str:
    return "; ".join(f"{a.cue_lemma}:{a.source!r}->{a.actor}/{a.actor_group}"
                     + (f" (from {a.resolved_from!r})" if a.resolved_from else "") + f" {a.quote_type}"
                     for _, a in found) or "no attribution"


def _source_words(sent_text: str, attribution: Attribution, text: str) -> set[str]:
    """The speaker's words, folded and lower-cased, as written and as lemmatized, and the whole phrase."""
    found = {" ".join(_folded(attribution.source).replace("'", " ").split())}
    for coded in code(text):
        if coded.sent.text != sent_text:
            continue
        start = sent_text.find(attribution.source)
        for token in coded.sent:
            offset = token.idx - coded.sent.start_char
            if start >= 0 and start <= offset < start + len(attribution.source):
                found |= {fold_name(form) for form in words(token)}
    return found


def _holds(entry: Entry, words_found: set[str]) -> bool:
    """The entry (a word, or words such as "premier ministre") is among the speaker's words."""
    name = _folded(entry.name)
    return name in words_found or any(f" {name} " in f" {phrase} " for phrase in words_found if " " in phrase)


_probe = probe_through(_found, _shown)


@_probe
def reporting_verb(entry, text, found):
    """An attribution cued by this verb (or by this light verb and noun)."""
    return any(_folded(a.cue_lemma) == _folded(entry.name) for _, a in found)


@_probe
def content_verb(entry, text, found):
    """The verb is in the example, used for an action or a wish (no que-clause, no quotation): no attribution."""
    lemmas = {fold_name(form) for coded in code(text) for token in coded.sent for form in words(token)}
    return _folded(entry.name) in lemmas and not any(_folded(a.cue_lemma) == _folded(entry.name) for _, a in found)


@_probe
def not_a_source(entry, text, found):
    """"selon" with this word among the three after it, and "selon" puts nothing on anyone's authority."""
    tokens = [token for coded in code(text) for token in coded.sent]
    after = [token for index, token in enumerate(tokens) if any(_folded(before.text) == "selon"
                                                                for before in tokens[max(index - 3, 0):index])]
    return any(_folded(entry.name) in {fold_name(form) for form in words(token)} for token in after) \
        and not any(a.cue_lemma == "selon" for _, a in found)


@_probe
def speaker_noun(entry, text, found):
    """An attribution whose speaker is a phrase headed by (or holding) this noun."""
    return any(_holds(entry, _source_words(sent, a, text)) for sent, a in found)


@_probe
def named_author(entry, text, found):
    """An attribution whose speaker phrase holds this noun and whose actor is a gazetteer actor (the author)."""
    return any(_holds(entry, _source_words(sent, a, text)) and a.actor_group not in ("other", "unresolved")
               for sent, a in found)


@_probe
def resolved_role(entry, text, found):
    """An attribution resolved from a role or possessed noun phrase holding this word to a speaker named earlier."""
    return any(a.resolved_from and not a.actor.endswith("(unresolved)")
               and _holds(entry, _source_words(sent, a, text)) for sent, a in found)


@_probe
def state_noun(entry, text, found):
    """An attribution whose speaker holds this noun and speaks for the country the example is about."""
    return any(_holds(entry, _source_words(sent, a, text)) and a.actor_kind == "institution"
               and a.actor == a.source for sent, a in found)


@_probe
def pronoun(entry, text, found):
    """An attribution whose speaker is this pronoun (for an inverted one, written after its verb)."""
    name = _folded(entry.name)
    return any(_folded(a.source).split()[:1] == [name.lstrip("-")] and (a.resolved_from or name.startswith("-"))
               and (not name.startswith("-") or name in _folded(text)) for _, a in found if a.source)


@_probe
def opinion_phrase(entry, text, found):
    """An attribution on someone's authority cued by this phrase."""
    return any(a.quote_type == "according_to" and _folded(a.cue) == _folded(entry.name) for _, a in found)


@_probe
def postposed_word(entry, text, found):
    """An attribution whose subject comes after the verb, this word between them."""
    for sent, a in found:
        cue_end = sent.find(a.cue) + len(a.cue)
        source_start = sent.find(a.source, cue_end)
        between = _folded(sent[cue_end:source_start]).split() if a.cue and source_start > cue_end else []
        if _folded(entry.name) in between:
            return True
    return False


@_probe
def quote_mark(entry, text, found):
    """A direct quotation between these marks, attributed to its speaker."""
    opening, closing = (str(mark) for mark in entry.value)
    return opening in text and closing in text and any(a.quote_type == "direct" for _, a in found)


REPORTING_VERBS = FileSpec(
    sections=(
        Section("verbs", reporting_verb, "a sentence where this verb reports what its subject said"),
        Section("content_verbs", content_verb, "a sentence using this verb for an action or a wish (and, as "
                "counter-examples, a sentence where it carries a que-clause or a quotation)"),
        Section("verb_phrases", reporting_verb, "a sentence where the verb and this noun report speech"),
        Section("according_to", reporting_verb, "a sentence putting a claim on someone's authority with it"),
        Section("selon_not_a_source", not_a_source, "a sentence where \"selon\" before this word names no source"),
        Section("speaker_nouns", speaker_noun, "a sentence where a phrase headed by this noun speaks"),
        Section("document_nouns", named_author, "a sentence where this publication of a named author speaks"),
        Section("anaphoric_heads", resolved_role, "a speaker named, then a sentence where \"le <noun>\" speaks"),
        Section("state_nouns", state_noun, "an article about one country where this body speaks unnamed"),
        Section("title_complements", resolved_role, "a speaker named, then \"le chef de <this word>\" speaking"),
        Section("possessive_heads", resolved_role, "a speaker named, then \"son <noun>\" speaking"),
        Section("subject_pronouns", pronoun, "a speaker named, then this pronoun speaking"),
        Section("inverted_pronouns", pronoun, "a quotation tagged by a verb with this pronoun after it"),
        Section("opinion_phrases", opinion_phrase, "a sentence putting a claim on someone's authority with it"),
        Section("postposed_skip", postposed_word, "a quotation tagged \"…, a affirmé <this word> le député\""),
        Section("quote_marks", quote_mark, "a sentence quoting its speaker between these marks"),
    ),
    settings={"pronoun_lookback_sentences": "a number", "split_quote_share": "a number"},
)
