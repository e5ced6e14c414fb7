"""Whom a pronoun, a bare role or a surname points back to, within one article.

A deliberately small resolver (no coreference model for French is among the project's dependencies):

* :func:`sentence_mentions` lists the people a sentence names: gazetteer persons and spaCy PER entities,
  each with the group its own words give ("le ministre américain de la Santé Alex Azar" -> united_states);
* :class:`ArticleMemory` keeps, for the sentences already read, their attributions and mentions, and
  answers :meth:`ArticleMemory.antecedent` (the most recent salient speaker or person, at most
  ``lookback`` sentences back: a person who spoke, else a person named, else whoever spoke) and
  :meth:`ArticleMemory.group_of_name` (a surname already seen with a group: "M. Azar" after "Alex Azar").

Gender and number are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Span

from analysis.annotate.actors import OTHER_GROUP, Gazetteer, find_actors, fold_name, match_actor
from analysis.annotate.attribution_lexicon import load_cues


class SpeakerLike(Protocol):
    """What the memory needs of an attribution (analysis.annotate.attribution.Attribution)."""

    actor: str
    actor_group: str
    actor_kind: str
    source: str


@dataclass(frozen=True)
class Mention:
    """A person named in a sentence, with the group the sentence gives (other when it gives none)."""

    actor: str
    actor_group: str
    actor_kind: str = "person"
    source: str = ""


#: Words before and after a name that are read with it to find its side ("le ministre américain de la
#: Santé Alex Azar", "Ahn Chan-il, un transfuge devenu chercheur").
_ROLE_WINDOW = 7
#: A name (two or three capitalised words) right after a role phrase.
_NAME_AFTER_ROLE = re.compile(r"\s+((?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+)")
#: How many sentences back a role with modifiers ("le responsable militaire") looks for its first mention.
DESCRIBED_LOOKBACK = 8
#: Groups that are no country: never an article's home country.
_NOT_STATES = ("media", "experts", "unnamed_western", "nato", "eu", "")


def sentence_mentions(sent: Span, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """The people a sentence names, in text order: gazetteer persons and spaCy PER entities."""
    if not isinstance(sent, Span):
        return []
    found: list[tuple[int, Mention]] = []
    for ent in sent.ents:
        if ent.label_ not in ("PER", "PERSON"):
            continue
        window_start = sent.doc[max(sent.start, ent.start - _ROLE_WINDOW)].idx
        after = [t for t in sent.doc[ent.end:min(sent.end, ent.end + _ROLE_WINDOW)]]
        stop = next((i for i, t in enumerate(after) if t.is_punct and t.text != ","), len(after))
        window_end = after[stop - 1].idx + len(after[stop - 1].text) if stop else ent.end_char
        text = sent.text[window_start - sent.start_char:window_end - sent.start_char]
        offset = ent.start_char - window_start
        match = match_actor(text, [(offset, offset + len(ent.text))], gazetteer)
        if match is not None and match.kind == "person":
            mention = Mention(match.actor, match.group, source=ent.text)
        elif match is not None and len(ent.text.split()) > 1:  # "Ahn Chan-il, … chercheur": the role's group
            mention = Mention(ent.text, match.group, source=ent.text)
        else:
            continue
        if len(mention.actor.split()) > 1 or mention.actor_group != OTHER_GROUP:  # not "César" of "la loi César"
            found.append((ent.start_char, mention))
    for match in find_actors(sent.text, gazetteer):  # "le ministre américain de la Santé Alex Azar": NER missed it
        name = _NAME_AFTER_ROLE.match(sent.text, match.end) if match.kind == "role" else None
        if name is not None and not any(m.actor == name.group(1) for _, m in found):
            found.append((sent.start_char + name.start(1), Mention(name.group(1), match.group, source=name.group(1))))
    return [mention for _, mention in sorted(found, key=lambda item: item[0])]


def home_group(texts: Sequence[str], gazetteer: Gazetteer | None = None) -> str:
    """The group of the country an article is mostly about: the state most often named (its capital, seat
    of power, adjective), if it is named at least twice and more often than any other; "" otherwise."""
    counts: dict[str, int] = {}
    for text in texts:
        for match in find_actors(text, gazetteer):
            if match.group in _NOT_STATES or match.kind not in ("place", "adjective", "role", "institution"):
                continue
            counts[match.group] = counts.get(match.group, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return ""
    return ranked[0][0]


def surname(actor: str) -> str:
    """The last word of a name, folded and lower-cased ("Alex Azar" -> "azar"); "" for a non-name."""
    words = [word for word in fold_name(actor).replace("-", " ").split() if word[:1].isalpha()]
    return words[-1].lower() if words and any(word[:1].isupper() for word in words) else ""


@dataclass
class ArticleMemory:
    """What the sentences already read say about who speaks and who is named."""

    lookback: int
    home_group: str = ""  # the article's country (home_group): the side of "les autorités"
    sentences: list[tuple[Sequence[SpeakerLike], Sequence[Mention]]] = field(default_factory=list)
    names: dict[str, Mention] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    gazetteer: Gazetteer | None = None

    def add(self, attributions: Sequence[SpeakerLike], mentions: Sequence[Mention], text: str = "") -> None:
        """Remember one more sentence (its attributions, the people it names, its text)."""
        self.sentences.append((list(attributions), list(mentions)))
        self.texts.append(text)
        for item in [*mentions, *attributions]:
            key = surname(item.actor)
            if key and item.actor_group not in ("", OTHER_GROUP) and key not in self.names:
                self.names[key] = Mention(item.actor, item.actor_group, item.actor_kind)

    def antecedent(self) -> SpeakerLike | Mention | None:
        """The most recent salient speaker or person: per sentence, going back, a person who spoke, else a
        person named, else whoever spoke (a state, an institution)."""
        for attributions, mentions in self.sentences[::-1][:max(self.lookback, 0)]:
            people = [a for a in attributions if a.actor_kind == "person" and a.actor_group != ""]
            if people:
                return people[0]
            if mentions:
                return mentions[0]
            spoken = [a for a in attributions if a.actor_group != ""]
            if spoken:
                return spoken[0]
        return None

    def antecedent_described_as(self, word: str) -> SpeakerLike | Mention | None:
        """The most recent speaker whose words contain ``word`` ("un responsable militaire sud-coréen" for
        "le responsable militaire"), at most DESCRIBED_LOOKBACK sentences back."""
        for (attributions, _), text in list(zip(self.sentences, self.texts))[::-1][:DESCRIBED_LOOKBACK]:
            for attribution in attributions:
                if attribution.actor_group not in ("", OTHER_GROUP) \
                        and word in fold_name(attribution.source).lower().split():
                    return attribution
            folded = fold_name(text).lower()  # "… un responsable militaire sud-coréen …", not a speaker there
            for hit in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
                phrase = " ".join(re.split(r"[,;:.()]", text[hit.start():hit.start() + 80])[0].split()[:8])
                match = match_actor(phrase, (), self.gazetteer)
                if match is None or match.group == OTHER_GROUP:
                    continue
                named = [a for a in attributions if a.actor_group == match.group and a.actor in phrase]
                return named[0] if named else Mention(match.actor, match.group, match.kind, phrase)
        return None

    def group_of_name(self, actor: str) -> Mention | None:
        """The person already seen with a group whose surname ``actor`` ends with, or None."""
        key = surname(actor)
        return self.names.get(key) if key else None


def resolve_pronoun(previous: Sequence[Sequence[SpeakerLike]],
                    lookback: int | None = None) -> SpeakerLike | None:
    """The speaker a pronoun points back to: the first attribution of the most recent sentence that has one.

    ``previous`` holds the attributions of the article's earlier sentences, oldest first, one list per
    sentence; only the last ``lookback`` sentences are searched.
    """
    lookback = load_cues().pronoun_lookback_sentences if lookback is None else lookback
    for attributions in list(previous)[::-1][:max(lookback, 0)]:
        if attributions:
            return attributions[0]
    return None
