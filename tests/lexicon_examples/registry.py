"""Which file is checked how: the FileSpec of every YAML file of analysis/resources, and the entries
whose removal changes nothing the stage does (so no example can show it)."""

from __future__ import annotations

from analysis.clean import dates
from analysis.compare import mentions
from lexicon_examples import FileSpec, clean, compare, stance

FILES: dict[str, FileSpec] = {
    "boilerplate.yaml": clean.BOILERPLATE,
    "corpus_columns.yaml": clean.CORPUS_COLUMNS,
    "deployment_mentions.yaml": compare.DEPLOYMENT_MENTIONS,
    "metadata.yaml": clean.METADATA,
    "stance.yaml": stance.STANCE,
}

_OWN_NAME = "a field's own name is always read (analysis/clean/reading.py), listed or not"
_ELIDED = "ends with an apostrophe: `ends_with` joins the next line before the dangling words are looked at"
_GLUED = "words are split at spaces, so an elided l'/d' glued to its noun is never a word of its own"
_SIGN = "not a letter: only lower-case words count against a credit, so a sign never needs to be listed"

#: Entries that fire on their examples but whose removal alone changes nothing: another entry or the code
#: does the same. The removal test skips them; each is a candidate for deletion by a researcher.
REDUNDANT: dict[str, str] = {
    "boilerplate.yaml:continuation.dangling_words:d'": _ELIDED,
    "boilerplate.yaml:continuation.dangling_words:l'": _ELIDED,
    "boilerplate.yaml:continuation.dangling_words:qu'": _ELIDED,
    **{f"corpus_columns.yaml:{field}:{field}": _OWN_NAME
       for field in ("text", "title", "outlet", "published", "url", "author")},
    "metadata.yaml:dates.updated_markers:mis à jour le": "`mis à jour` matches wherever `mis à jour le` does",
    "metadata.yaml:dates.filler_words:h": "a time (10h, 10 h 39) is taken out of a date line before its words are",
    "metadata.yaml:dates.year_context_words:jusqu'en": "the word read before a year is `en` (listed too)",
    "metadata.yaml:dates.year_context_words:l'année": "the word read before a year is `année` (listed too)",
    "metadata.yaml:byline.collective:la rédaction": "`rédaction` matches wherever `la rédaction` does",
    **{f"metadata.yaml:credits.joiners:{joiner}": "not read: analysis/clean/metadata_cues.py fixes the joiners "
       "of an agency list (/ , & et and)" for joiner in ("et", "avec", "&", "/", ",")},
    "metadata.yaml:credits.credit_connectors:l'": _GLUED,
    "metadata.yaml:credits.credit_connectors:d'": _GLUED,
    **{f"metadata.yaml:credits.credit_connectors:{sign}": _SIGN for sign in ("/", "|", "-")},
    "stance.yaml:modal_conditional.fact_infinitives:s'agit": "the infinitive after a modal is `s'agir` (listed too)",
    **{f"stance.yaml:modal_conditional.state_lemmas:{verb}": "also a hedge word: its conditional is a hedge either "
       "way" for verb in ("sembler", "paraître")},
    "stance.yaml:verification:forms": "the model lemmatized every listed form right in the sentences tried",
    **{f"stance.yaml:negation.particles:{word}": "spaCy marks it Polarity=Neg, which negates as well"
       for word in ("ne", "n'")},
    **{f"stance.yaml:negation.boundaries:{mark}": "spaCy ends the sentence there" for mark in (";", "—")},
    **{f"stance.yaml:denial.nouns:{noun}": "also in `denial.forms`" for noun in ("démenti", "démentis")},
    "stance.yaml:denial:reject_forms": "the model lemmatized every listed form right in the sentences tried",
    **{f"stance.yaml:denial.reject_objects:{plural}": "objects are also compared by lemma: the singular is listed"
       for plural in ("informations", "accusations", "allégations", "affirmations", "rumeurs", "rapports")},
    "stance.yaml:question.marks:?": "an empty list falls back to \"?\" (analysis/annotate/stance.py)",
}

#: Files whose entries carry no examples yet (say so in the closing note; remove a file from here once its
#: entries have examples and its FileSpec is in FILES).
PENDING: dict[str, str] = {name: "examples to be written" for name in (
    "actors.yaml", "claims.yaml", "frames.yaml", "keyness.yaml", "places.yaml", "reporting_verbs.yaml")}


def reset_caches() -> None:
    """Clear the caches of loaders that are not keyed by their file's path (see resources_without)."""
    dates._parse_date.cache_clear()
    mentions.load_mention_rules.cache_clear()
