"""Which file is checked how: the FileSpec of every YAML file of analysis/resources, and the entries
whose removal changes nothing the stage does (so no example can show it)."""

from __future__ import annotations

from analysis.clean import dates
from analysis.compare import mentions
from lexicon_examples import FileSpec, actors, attribution, claims, clean, compare, frames, keyness, places, stance

FILES: dict[str, FileSpec] = {
    "actors.yaml": actors.ACTORS,
    "boilerplate.yaml": clean.BOILERPLATE,
    "claims.yaml": claims.CLAIMS,
    "corpus_columns.yaml": clean.CORPUS_COLUMNS,
    "deployment_mentions.yaml": compare.DEPLOYMENT_MENTIONS,
    "frames.yaml": frames.FRAMES,
    "keyness.yaml": keyness.KEYNESS,
    "metadata.yaml": clean.METADATA,
    "places.yaml": places.PLACES,
    "reporting_verbs.yaml": attribution.REPORTING_VERBS,
    "stance.yaml": stance.STANCE,
}

_OWN_NAME = "a field's own name is always read (analysis/clean/reading.py), listed or not"
_ELIDED = "ends with an apostrophe: `ends_with` joins the next line before the dangling words are looked at"
_GLUED = "words are split at spaces, so an elided l'/d' glued to its noun is never a word of its own"
_SIGN = "not a letter: only lower-case words count against a credit, so a sign never needs to be listed"

_KEY_STOP = "a spaCy French stop word: sentence_terms leaves it out before the stop lemmas are read"
_KEY_ADVERB = ("the parser tags it as an adverb, which sentence_terms leaves out before the stop lemmas are read, "
               "in every sentence tried (the seeds, 600 OrangeSum articles and the deployment sentences written)")
_RV_NOT_READ = "not read: analysis/annotate/attribution.py matches selon, d'après and de source itself"
_RV_SPEAKER_ANYWAY = ("the actor gazetteer (actors.yaml) or the model's name and entity tags make the phrase a "
                      "speaker without it, in the sentences tried")

_CL_FORM = ("another form of the same word (singular or plural, infinitive or participle) is listed too, and "
            "analysis/annotate/claims.py compares a word as written and as lemmatized: that form decides the same")
_CL_TWICE = "listed twice in the same list"
_CL_NOT_PEOPLE = ("the number counts this word, which is no people noun: the count is dropped anyway (rule 2), "
                  "with or without it, in every sentence tried")
_CL_AGE = "an age is followed by \"ans\" (not_people.units_after), which keeps it out too, and \"ans\" is no people noun"
_CL_NO_CLAIM_ANYWAY = ("in every sentence found the number next to it is no claim without it either (it counts no "
                       "people noun, or another rule keeps it out)")
_CL_MORT = "\"mort\" (kinds.killed) is read in the same tier and gives the same kind"
_CL_PRISONNIER = "\"prisonnier\"/\"prisonniers\" (kinds.captured) is read in the same tier and gives the same kind"
_CL_HORS = "\"hors de combat\" and \"mis hors de combat\" are both listed: either gives the kind"
_CL_BARE = ("without it the number is read as a bare count whose predicate has the same noun as subject, so the "
            "claim is the same")

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
    **{f"reporting_verbs.yaml:speaker_nouns:{noun}": "also a document noun (document_nouns)"
       for noun in ("communiqué", "document", "enquête", "rapport", "étude")},
    **{f"reporting_verbs.yaml:speaker_nouns:{noun}": _RV_SPEAKER_ANYWAY
       for noun in ("Kremlin", "analyste", "avocate", "beaucoup", "blogueur", "candidate", "celle", "celles", "ceux", "chercheur", "dirigeante", "expert", "hebdomadaire", "historienne", "infirmière", "institut", "journal", "leader", "m.", "manifestante", "me", "militante", "mlle", "mme", "média", "observateur", "opposante", "parti", "pr", "premier ministre", "presse", "quotidien", "retraitée", "service", "soignante", "spécialiste", "spécialiste", "une", "union", "état-major", "étudiante")},
    **{f"reporting_verbs.yaml:according_to:{word}": _RV_NOT_READ
       for word in ("d'après", "de source", "selon")},
    **{f"reporting_verbs.yaml:anaphoric_heads:{word}": "its lemma (dirigeant, président) is listed too"
       for word in ("dirigeante", "présidente")},
    **{f"reporting_verbs.yaml:content_verbs:{word}": "the subject of the action tried (\"un vol assurant\") is no speaker: no attribution either way"
       for word in ("assurer",)},
    **{f"reporting_verbs.yaml:document_nouns:{word}": "the author named in the phrase (\"de l'AFP\") is found by the gazetteer without it"
       for word in ("article", "bilan", "chiffre", "chiffres", "communiqué", "conclusion", "conclusions", "courrier", "document", "déclaration", "décompte", "enquête", "estimation", "estimations", "lettre", "message", "missive", "rapport", "recensement", "relevé", "sondage", "statistique", "statistiques", "texte", "tweet", "étude", "évaluation")},
    **{f"reporting_verbs.yaml:inverted_pronouns:{word}": "the parser makes the inverted pronoun the verb's subject, resolved as a subject pronoun"
       for word in ("-elle", "-elles", "-ils")},
    **{f"reporting_verbs.yaml:opinion_phrases:{word}": "folded like its twin with (or without) the accent, listed too"
       for word in ("a leurs yeux", "a ses yeux", "à leurs yeux", "à ses yeux")},
    **{f"reporting_verbs.yaml:possessive_heads:{word}": "its lemma (avocat, conseiller, service) is listed too"
       for word in ("avocate", "conseillère", "services")},
    **{f"reporting_verbs.yaml:postposed_skip:{word}": "the parser found the subject after the verb itself in the sentences tried"
       for word in ("ainsi", "alors", "aujourd'hui", "aussi", "dernier", "encore", "hier", "lors", "lundi", "mi-novembre", "notamment", "récemment", "également")},
    **{f"reporting_verbs.yaml:selon_not_a_source:{word}": "the word after selon is no speaker anyway (no person, organisation or name; relatives are "
       "PronType=Rel)"
       for word in ("besoin", "cas", "circonstance", "lequel", "modalité", "probabilité", "que", "qui", "quoi", "règle", "saison", "scénario", "vraisemblance")},
    **{f"reporting_verbs.yaml:state_nouns:{word}": "its lemma (autorité, militaire) is listed too"
       for word in ("autorités", "militaires")},
    **{f"reporting_verbs.yaml:subject_pronouns:{word}": "the model lemmatizes it to a listed pronoun (il, lui, celui-ci)"
       for word in ("celle-ci", "elle", "elles", "eux", "ils")},
    **{f"places.yaml:troop_nouns:{plural}": "the troop noun is also compared by lemma: the singular is listed"
       for plural in ("soldats", "militaires", "troupes", "combattants", "forces", "unités", "contingents",
                      "officiers", "éléments", "renforts", "recrues", "bataillons", "brigades", "déploiements")},
    **{f"places.yaml:clause_boundaries:{word}": "always followed by `que` (listed) in French: \"alors que\", "
       "\"tandis que\"" for word in ("alors", "tandis")},
    **{f"reporting_verbs.yaml:title_complements:{word}": "folded like its twin with (or without) the accent, listed too"
       for word in ("etat", "état")},
    **{f"keyness.yaml:stop_lemmas.adverbs.lemmas:{word}": _KEY_STOP
       for word in ("là", "également", "notamment", "ainsi", "cependant", "encore", "aussi", "déjà", "désormais",
                    "alors", "puis", "enfin", "environ", "près", "moins", "plus", "très", "toujours", "souvent")},
    **{f"keyness.yaml:stop_lemmas.phrase_parts.lemmas:{word}": _KEY_STOP for word in ("lors", "façon")},
    **{f"keyness.yaml:stop_lemmas.adverbs.lemmas:{word}": _KEY_ADVERB
       for word in ("ici", "toutefois", "pourtant", "récemment", "actuellement", "ensuite", "aujourd'hui", "hier",
                    "demain", "parallèlement", "ailleurs", "particulièrement", "principalement", "officiellement",
                    "massivement", "réellement", "tard", "tôt", "jamais")},
    **{f"claims.yaml:not_people.before:{word}": _CL_AGE for word in ('âge de', "âgé d'", 'âgé de', "âgée d'", 'âgée de', "âgées d'", 'âgées de', "âgés d'", 'âgés de')},
    **{f"claims.yaml:kinds.captured:{word}": _CL_FORM for word in ('capturer', 'capturé', 'capturés')},
    **{f"claims.yaml:kinds.deployed:{word}": _CL_FORM for word in ('acheminé', 'acheminés', 'contingent', 'contingents', 'déployé', 'déployés', 'dépêcher', 'dépêché', 'dépêchés', 'envoyer', 'envoyé', 'envoyés', 'impliqué', 'impliquée', 'impliquées', 'impliqués', 'manoeuvre', 'manoeuvres', 'massé', 'massés', 'mobilisé', 'mobilisés', 'renforts', 'stationner', 'stationné', 'stationnés', 'transférer', 'transféré', 'transférés')},
    **{f"claims.yaml:kinds.killed:{word}": _CL_FORM for word in ('mort', 'mortel', 'mortels', 'morts', 'tué', 'tués', 'éliminer', 'éliminé', 'éliminés')},
    **{f"claims.yaml:kinds.killed_or_wounded:{word}": _CL_FORM for word in ('perte', 'pertes', 'victime', 'victimes')},
    **{f"claims.yaml:kinds.wounded:{word}": _CL_FORM for word in ('blessé', 'blessés')},
    **{f"claims.yaml:people_nouns.casualty.captured:{word}": _CL_FORM for word in ('captif', 'captifs')},
    **{f"claims.yaml:people_nouns.casualty.killed:{word}": _CL_FORM for word in ('cadavre', 'cadavres', 'mortels', 'morts', 'tué')},
    **{f"claims.yaml:people_nouns.casualty.killed_or_wounded:{word}": _CL_FORM for word in ('pertes', 'victime', 'victimes')},
    **{f"claims.yaml:people_nouns.generic_troop:{word}": _CL_FORM for word in ('hommes', 'individu', 'individus', 'membre', 'membres', 'personnel', 'personnels', 'élément', 'éléments')},
    **{f"claims.yaml:people_nouns.other:{word}": _CL_FORM for word in ('afghan', 'allemand', 'allemands', 'américain', 'américains', 'arménien', 'arméniens', 'assaillant', 'assaillants', 'australien', 'australiens', 'bélarusse', 'bélarusses', 'canadien', 'canadiens', 'citoyen', 'citoyens', 'civil', 'civils', 'coréen', 'coréens', 'djihadiste', 'djihadistes', 'détenu', 'détenus', 'enfants', 'femmes', 'gendarme', 'gendarmes', 'géorgien', 'géorgiens', 'habitant', 'habitants', 'indien', 'indiens', 'insurgé', 'insurgés', 'irakien', 'irakiens', 'iranien', 'iraniens', 'israélien', 'israéliens', 'jihadiste', 'jihadistes', 'journaliste', 'journalistes', 'libyen', 'libyens', 'malade', 'malades', 'malaisien', 'malaisiens', 'manifestant', 'manifestants', 'migrant', 'migrants', 'mineur', 'mineurs', 'opposant', 'opposants', 'otage', 'otages', 'ouvrier', 'ouvriers', 'passager', 'passagers', 'patient', 'patients', 'personnes', 'policier', 'policiers', 'pompier', 'pompiers', 'pèlerin', 'pèlerins', 'rebelle', 'rebelles', 'ressortissant', 'ressortissants', 'russe', 'russes', 'réfugié', 'réfugiés', 'secouriste', 'secouristes', 'sud-coréen', 'sud-coréens', 'suspect', 'suspects', 'syrien', 'syriens', 'séparatiste', 'séparatistes', 'terroriste', 'terroristes', 'touriste', 'touristes', 'travailleur', 'travailleurs', 'ukrainien', 'ukrainiens', 'vénézuélien', 'vénézuéliens', 'étudiant', 'étudiants')},
    **{f"claims.yaml:people_nouns.troop:{word}": _CL_FORM for word in ('combattant', 'combattants', 'commando', 'commandos', 'conscrits', 'fantassins', 'marin', 'marins', 'mercenaires', 'militaires', 'nord-coréen', 'nord-coréens', 'officier', 'officiers', 'parachutistes', 'paramilitaires', 'pilote', 'pilotes', 'recrues', 'réservistes', 'sapeur', 'sapeurs', 'soldat', 'soldate', 'soldates', 'soldats', 'troupes')},
    **{f"claims.yaml:status.planned_lemmas:{word}": _CL_FORM for word in ('préparatifs',)},
    **{f"claims.yaml:weak_deployment_cues:{word}": _CL_FORM for word in ('arrivé', 'arrivés', 'engagé', 'engagés', 'présent', 'présents')},
    **{f"claims.yaml:kinds.killed_or_wounded:{word}": _CL_HORS for word in ('hors de combat', 'mis hors de combat')},
    **{f"claims.yaml:kinds.killed:{word}": _CL_MORT for word in ('trouve la mort', 'trouvent la mort', 'trouver la mort', 'trouvèrent la mort')},
    **{f"claims.yaml:not_people.units_after:{word}": _CL_NOT_PEOPLE for word in ('%', 'an', 'ans', 'dollars', 'euros', 'fois', 'h', 'heure', 'heures', 'jour', 'jours', 'kilomètres', 'km', 'minutes', 'mois', 'mètres', 'pour cent', 'pour mille', 'semaine', 'semaines')},
    **{f"claims.yaml:not_people.before:{word}": _CL_NO_CLAIM_ANYWAY for word in ('h',)},
    **{f"claims.yaml:kinds.captured:{word}": _CL_PRISONNIER for word in ('faire prisonnier', 'fait prisonnier', 'faits prisonniers', 'prisonnier', 'prisonniers')},
    **{f"claims.yaml:people_nouns.casualty.captured:{word}": _CL_PRISONNIER for word in ('prisonniers',)},
    **{f"claims.yaml:people_nouns.troop:{word}": _CL_TWICE for word in ('militaire',)},
    "claims.yaml:skip_between:“": _CL_BARE,
    "claims.yaml:skip_between:'": _CL_BARE,
    "claims.yaml:reporting_predicates:dénombrer": "the model tags \"dénombré\" as an adverb in the sentence tried: "
    "the count has no predicate, and a count of soldiers with none is deployed anyway (rule 5)",
    "claims.yaml:russian_cues.patterns:\\brusses?\\b": "the only pattern: without it the list is empty and the loader "
    "joins it into an empty regular expression, which matches every noun phrase (every count with a noun becomes "
    "russian_troops), so the example still fires: a loader bug, reported",
    "claims.yaml:vague_quantities.quantifiers:de": "the code leaves \"de\" out of the claim's words "
    "(analysis/annotate/numbers.py), so \"de milliers\" is found as the bare unit \"milliers\" with or without it",
    "claims.yaml:people_nouns.other:victime": "also a casualty noun (people_nouns.casualty.killed_or_wounded), which "
    "makes \"victimes\" a count of people without it",
    "claims.yaml:kinds.killed:décès": "also a casualty noun (people_nouns.casualty.killed), which gives the same kind",
    "keyness.yaml:stop_lemmas.adverbs.lemmas:bien": _KEY_ADVERB + "; the only \"bien\" it drops is the noun "
    "(\"les biens de la famille\", property), a content word it should not drop",
}

_NOT_A_SPEAKER = ("not a speaker noun (speaker_nouns): a phrase headed by it is never a speaker, so the rule "
                  "that needs a speaker first is never reached")
_GAZETTEER_ROLE = ("a role noun of actors.yaml (group experts): the gazetteer gives \"l'expert\" its group "
                   "before the anaphor rule is tried, so the role is never resolved to an earlier speaker")

#: Entries whose examples show what they are for but do not fire: a gap in the matching code (or the model),
#: found by writing the examples and left for a code change (the outputs must not change with the examples).
#: Their test is expected to fail (strict: it reports when the gap is closed); the removal test skips them.
GAPS: dict[str, str] = {
    "reporting_verbs.yaml:verb_phrases:lancer appel": "\"lancer\" is itself a listed verb (a content verb): "
    "the verb is found before the phrase is tried, and without a que-clause or quotation it is dropped",
    **{f"reporting_verbs.yaml:anaphoric_heads:{word}": "the model tags \"l'intéressé(e)\" as a verb "
       "(lemma intéresser), which is neither an anaphor nor a speaker" for word in ("intéressé", "intéressée")},
    **{f"reporting_verbs.yaml:anaphoric_heads:{role}": _GAZETTEER_ROLE
       for role in ("expert", "chercheur", "spécialiste", "analyste")},
    **{f"reporting_verbs.yaml:state_nouns:{noun}": _NOT_A_SPEAKER
       for noun in ("présidence", "douane", "douanes", "garde-frontière", "garde-frontières", "exécutif",
                    "préfecture")},
    "reporting_verbs.yaml:state_nouns:état-major": "the tokenizer splits \"état-major\" into état, -, major: "
    "the head is never \"état-major\" (the phrase speaks as \"État\", group other)",
    **{f"reporting_verbs.yaml:possessive_heads:{noun}": _NOT_A_SPEAKER for noun in ("équipe", "camp", "bureau")},
    **{f"reporting_verbs.yaml:subject_pronouns:{pronoun}": "the model does not tag it as a pronoun: it speaks "
       "as the speaker noun \"ceux\"/\"celles\" (group other), never resolved" for pronoun in ("ceux-ci", "celles-ci")},
    "places.yaml:troop_nouns:combattant": "the model tags the singular \"un combattant nord-coréen\" as a verb "
    "(lemma combattre) with the adjective as its object: troop_mentions wants a noun",
    "places.yaml:north_korean_patterns:cor[ée]e du nord": "the words read around a troop noun are its nmod/amod "
    "children and the next three tokens, joined: \"soldats de Corée du Nord\" gives \"Corée Nord de Corée du\", "
    "never \"Corée du Nord\" (known since the last session)",
    **{f"places.yaml:continuation_subjects:{pronoun}": "the tokenizer splits it into three tokens (Ceux, -, ci): "
       "the subject phrase is \"ceux - ci\", never the listed word" for pronoun in ("ceux-ci", "celles-ci")},
    **{f"places.yaml:clause_boundaries:{mark}": "spaCy ends the sentence there, so the place is never in the "
       "troops' sentence" for mark in (";", "—")},
    **{f"places.yaml:clause_boundaries:{word}": "no example found: in the sentences tried the parse attaches the "
       "selon phrase (and a participle after it) inside the troops' clause, so the place is linked whatever "
       "separates it" for word in ("selon", "d'après")},
    "keyness.yaml:stop_lemmas.adverbs.lemmas:activement": "the model lemmatizes \"activement\" as a verb "
    "(\"activemer\"): the term counted is \"activemer\", which no stop lemma names",
    "keyness.yaml:stop_lemmas.adverbs.lemmas:jusqu'ici": "the tokenizer splits \"jusqu'ici\" into \"jusqu'\" and "
    "\"ici\": no word is ever \"jusqu'ici\" (\"ici\" is left out as an adverb)",
    "keyness.yaml:stop_lemmas.date_words.lemmas:mi": "in the sentences tried alone (\"rouvrir mi-juin\", \"à la "
    "mi-novembre\") no term is \"mi\" (the date is taken whole, not counted); one OrangeSum article parsed whole "
    "gave \"mi\" as a term",
    "keyness.yaml:stop_lemmas.date_words.lemmas:week-end": "the tokenizer splits \"week-end\" into week, - and "
    "end: \"week\" and \"end\" are counted as two terms, and no term is ever \"week-end\"",
    "claims.yaml:vague_quantities.quantifiers:d'": "can never fire: no unit begins with a vowel, so \"d'\" is never "
    "right before one (a dead entry)",
    "claims.yaml:people_nouns.other:membres d'équipage": "a counted noun is one token: \"12 membres d'équipage\" "
    "counts \"membres\" (generic_troop), so a two-word entry never matches",
    **{f"claims.yaml:people_nouns.other:{word}": "a count is plural and the model keeps the plural as the lemma "
       "(\"Britanniques\", \"Turcs\"): the singular is never the counted word" for word in ("britannique", "turc")},
    "claims.yaml:presence_prepositions:près": "the model makes \"près\" an adverb (with \"de\" as the case): "
    "\"sont près de Koursk\" has no case child \"près\" and is no presence",
    **{f"claims.yaml:before_capitalised_ok:{word}": "never right before a number in French (\"Selon X, 300\", "
       "\"Plus de 300\", \"Au moins 300\" put another word between): a dead entry"
       for word in ("selon", "d'après", "plus", "moins", "au")},
    **{f"claims.yaml:before_capitalised_ok:{word}": "in the sentences tried the capitalised word after a quotation "
       "mark or colon starts a sentence of its own for spaCy, where the rule does not apply"
       for word in ("dont", "environ", "ou", "mais")},
    "claims.yaml:singular_casualty:disparu": "\"disparu\" is no people noun nor kind cue (people_nouns, kinds): "
    "\"un disparu\" is read as the number one counting a noun that is not people, never a claim",
}

def reset_caches() -> None:
    """Clear the caches of loaders that are not keyed by their file's path (see resources_without)."""
    dates._parse_date.cache_clear()
    mentions.load_mention_rules.cache_clear()
