"""Tests of attribution: who speaks in a French sentence, with expectations from reading the sentences."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from analysis.annotate.attribution import (
    Attribution,
    attribute_sentences,
    find_attributions,
    quote_regions,
    resolve_pronoun,
)
from analysis.core.nlp import load_nlp
from analysis.core.paths import RAW_DIR


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def attributions(nlp, *sentences: str) -> list[Attribution]:
    """All attributions of sentences given one by one, pronouns resolved across them.

    Each sentence is parsed alone and passed whole (``doc[:]``), as the annotate stage passes the
    clean stage's sentences: the small model's own segmenter splits at « » and would cut them.
    """
    sents = [nlp(sentence)[:] for sentence in sentences]
    found = attribute_sentences(sents)
    for sent, atts in zip(sents, found):
        for att in atts:  # every piece of evidence points at the words it names
            assert 0 <= att.char_start < att.char_end <= len(sent.text)
            assert att.cue in sent.text[att.char_start:att.char_end]
            assert att.source in sent.text[att.char_start:att.char_end]
    return [att for atts in found for att in atts]


def who(atts: list[Attribution]) -> list[tuple[str, str, str]]:
    return [(a.actor, a.actor_group, a.quote_type) for a in atts]


# ----- according_to ------------------------------------------------------------------------------

def test_selon_names_the_source(nlp) -> None:
    atts = attributions(nlp, "Selon le ministère russe de la Défense, les frappes ont visé des dépôts de munitions.")
    assert [(a.actor_group, a.quote_type, a.cue) for a in atts] == [("russia", "according_to", "Selon")]


def test_d_apres_names_the_source(nlp) -> None:
    atts = attributions(nlp, "D'après Kiev, les soldats nord-coréens ont subi de lourdes pertes près de Koursk.")
    assert who(atts) == [("Kiev", "ukraine", "according_to")]


def test_de_source_names_the_source(nlp) -> None:
    atts = attributions(nlp, "Les pertes seraient lourdes, de source militaire ukrainienne.")
    assert [(a.actor_group, a.quote_type, a.cue_lemma) for a in atts] == [("ukraine", "according_to", "de source")]


def test_selon_des_sources_occidentales(nlp) -> None:
    atts = attributions(nlp, "Des milliers de soldats auraient été envoyés en Russie, selon des sources occidentales.")
    assert who(atts) == [("sources occidentales", "unnamed_western", "according_to")]


@pytest.mark.parametrize(
    "text",
    [
        "Les sanctions varient selon les cas et selon les besoins.",
        "Les rumeurs selon lesquelles des soldats seraient arrivés circulent depuis des semaines.",
        "Selon toute vraisemblance, l'offensive reprendra au printemps.",
    ],
)
def test_selon_that_names_no_source_is_no_attribution(nlp, text: str) -> None:
    assert attributions(nlp, text) == []


# ----- reporting verbs ---------------------------------------------------------------------------

def test_reporting_verb_with_subject_noun_phrase(nlp) -> None:
    atts = attributions(nlp, "Le porte-parole du Kremlin, Dmitri Peskov, a démenti ces informations mardi.")
    assert who(atts) == [("Dmitri Peskov", "russia", "indirect")]
    assert atts[0].cue == "a démenti"


def test_any_conjugation_matches_by_lemma(nlp) -> None:
    atts = attributions(nlp, "Les services de renseignement sud-coréens estimaient que 3 000 soldats étaient arrivés.")
    assert [(a.actor_group, a.quote_type, a.cue_lemma) for a in atts] == [("south_korea", "indirect", "estimer")]


def test_assure_que_is_indirect_speech(nlp) -> None:
    atts = attributions(nlp, "Le Pentagone assure que ses analystes suivent de près la situation.")
    assert who(atts) == [("Pentagone", "united_states", "indirect")]


def test_postposed_subject_after_a_quotation(nlp) -> None:
    text = "« La situation est extrêmement préoccupante », a affirmé lundi le porte-parole de l'OTAN."
    atts = attributions(nlp, text)
    assert [(a.actor_group, a.quote_type) for a in atts] == [("nato", "direct")]


def test_se_dire_with_a_quotation(nlp) -> None:
    atts = attributions(nlp, "Washington se dit « profondément inquiet » de ce déploiement.")
    assert who(atts) == [("Washington", "united_states", "direct")]
    assert atts[0].cue == "se dit"


@pytest.mark.parametrize("quoted", ["« une escalade dangereuse »", "“une escalade dangereuse”", '"une escalade dangereuse"'])
def test_all_quotation_marks_make_a_direct_quote(nlp, quoted: str) -> None:
    atts = attributions(nlp, f"La France a dénoncé {quoted} du conflit.")
    assert who(atts) == [("France", "france", "direct")]


def test_selon_and_a_verb_give_two_speakers(nlp) -> None:
    atts = attributions(nlp, "Selon l'agence Yonhap, le NIS a confirmé l'envoi de nouvelles troupes.")
    assert [(a.actor_group, a.quote_type) for a in atts] == [("media", "according_to"), ("south_korea", "indirect")]


def test_relative_qui_gives_the_antecedent(nlp) -> None:
    atts = attributions(nlp, "L'information vient de médias sud-coréens, qui affirment que 200 soldats ont été tués.")
    assert who(atts) == [("médias sud-coréens", "media", "indirect")]


def test_passive_with_agent_names_the_source(nlp) -> None:
    atts = attributions(nlp, "Ces images ont été publiées par les services de renseignement ukrainiens.")
    assert [(a.actor_group, a.cue_lemma) for a in atts] == [("ukraine", "publier")]


def test_colon_opening_a_quotation_gives_the_main_subject(nlp) -> None:
    text = "L'OTAN reste prudente : « Nous confirmons les informations selon lesquelles des soldats sont arrivés. »"
    atts = attributions(nlp, text)
    # one speaker: the cues inside the quotation ("confirmons", "selon lesquelles") are NATO's own words
    assert [(a.actor_group, a.quote_type) for a in atts] == [("nato", "direct")]


@pytest.mark.parametrize(
    "text",
    [
        "Le bilan a été confirmé hier soir.",  # passive without agent: nobody speaks
        "Pyongyang est accusé d'avoir fourni des obus à la Russie.",  # the accused does not speak
        "Le soi-disant volontaire a été capturé près de Koursk.",  # "dit" inside an adjective
        "Cette révélation souligne les liens étroits entre les deux régimes.",  # inanimate subject
        "Le Kremlin n'a pas confirmé la présence de ces troupes.",  # negated: no speech reported
        "Ni Moscou ni Pyongyang n'ont confirmé ces informations.",
        "Publié par Jean Dupont le 10 octobre 2024",  # a byline
    ],
)
def test_counter_cases_give_no_attribution(nlp, text: str) -> None:
    assert attributions(nlp, text) == []


# ----- pronouns ----------------------------------------------------------------------------------

def test_pronoun_resolves_to_the_previous_speaker(nlp) -> None:
    atts = attributions(nlp, "Le président sud-coréen Yoon Suk-yeol a annoncé de nouvelles mesures.",
                        "Il a ajouté que Séoul étudiait l'envoi d'armes défensives.")
    assert [(a.actor, a.actor_group, a.resolved_from) for a in atts] == [
        ("Yoon Suk-yeol", "south_korea", ""), ("Yoon Suk-yeol", "south_korea", "Il")]


def test_anaphoric_role_resolves_to_the_previous_speaker(nlp) -> None:
    atts = attributions(nlp, "Le ministre ukrainien Andriï Sybiga a dénoncé cette alliance.",
                        "Selon le ministre, 11 000 soldats sont arrivés.")
    assert [(a.actor, a.resolved_from, a.quote_type) for a in atts][1] == ("Andriï Sybiga", "le ministre", "according_to")


def test_pronoun_without_an_earlier_speaker_stays_unresolved(nlp) -> None:
    # marked unresolved, with no actor group: an unresolved "il" is never counted under "other"
    atts = attributions(nlp, "Il a déclaré que la situation était grave.")
    assert who(atts) == [("Il (unresolved)", "", "indirect")]


def test_resolve_pronoun_looks_back_only_a_few_sentences() -> None:
    earlier = Attribution("Séoul", "south_korea", "selon", "according_to", 0, 11)
    assert resolve_pronoun([[earlier], []], lookback=2) is earlier
    assert resolve_pronoun([[earlier], [], []], lookback=2) is None
    assert resolve_pronoun([], lookback=2) is None


# ----- quotation regions and bad input -----------------------------------------------------------

def test_quote_regions_pairs_marks() -> None:
    text = "Il a parlé d'« escalade » et de “provocation”."
    assert [text[a:b] for a, b in quote_regions(text)] == ["escalade", "provocation"]


def test_quote_regions_unbalanced() -> None:
    assert quote_regions('a dit : "la suite ne se ferme pas') == [(9, 33)]
    text = 'fin de citation", a déclaré le député.'
    assert [text[a:b] for a, b in quote_regions(text)] == ["fin de citation"]
    assert quote_regions('des guillemets vides "" ici') == []


def test_bad_input_gives_no_attribution(nlp) -> None:
    assert find_attributions(None) == []  # type: ignore[arg-type]
    assert find_attributions(nlp(" ")[0:0]) == []


# ----- seed articles (sentences quoted from data/raw) --------------------------------------------

def test_seed_004_postposed_deputy(nlp) -> None:
    text = ("Au moins 100 Nord-Coréens ont été tués en décembre alors qu’ils combattaient aux côtés des forces "
            "russes contre l’Ukraine, a affirmé jeudi le député sud-coréen Lee Seong-kweun.")
    atts = attributions(nlp, text)
    assert who(atts) == [("Lee Seong-kweun", "south_korea", "indirect")]
    assert atts[0].source == "le député sud-coréen Lee Seong-kweun"


def test_seed_002_selon_les_renseignements_ukrainiens(nlp) -> None:
    text = ("Dans la région de Koursk, théâtre de violents affrontements, au moins 30 soldats nord-coréens "
            "combattant aux côtés des forces russes ont été tués ou blessés ce week-end, selon les renseignements ukrainiens.")
    assert [(a.actor_group, a.quote_type) for a in attributions(nlp, text)] == [("ukraine", "according_to")]


def test_seed_001_nato_quote_and_no_speaker_lesquelles(nlp) -> None:
    text = ("L’OTAN reste elle aussi prudente concernant ces faits présumés : \"À ce stade, notre position "
            "officielle est que nous ne pouvons confirmer les informations selon lesquelles des Nord-Coréens sont "
            "activement engagés comme soldats dans l'effort de guerre russe.\"")
    atts = attributions(nlp, text)
    assert who(atts) == [("OTAN", "nato", "direct")]
    assert all("lesquelles" not in a.source for a in atts)


def test_seed_001_lemoine_direct_quote(nlp) -> None:
    text = ("“Si cette information était avérée, il s'agirait d'un fait nouveau extrêmement préoccupant et "
            "extrêmement grave”, a déclaré Christophe Lemoine, le porte-parole du ministère français des Affaires étrangères.")
    assert who(attributions(nlp, text)) == [("Christophe Lemoine", "france", "direct")]


def test_seed_002_united_states_estimate(nlp) -> None:
    text = "Les États-Unis estiment qu’environ 10 000 soldats nord-coréens sont actuellement stationnés dans cette région."
    assert who(attributions(nlp, text)) == [("États-Unis", "united_states", "indirect")]


def test_seed_000_d_apres_the_minister(nlp) -> None:
    text = ("D’après le ministre sud-coréen de la Défense, Kim Yong-hyun, des soldats nord-coréens auraient été "
            "envoyés sur le front ukrainien pour soutenir les forces russes.")
    atts = attributions(nlp, text)
    assert who(atts) == [("Kim Yong-hyun", "south_korea", "according_to")]
    assert "soldats" not in atts[0].source


def test_seed_003_selon_seoul_and_pyongyang_denial(nlp) -> None:
    assert who(attributions(nlp, "Selon Séoul, 3 000 de ces combattants se trouvent déjà en Russie.")) == [
        ("Séoul", "south_korea", "according_to")]
    text = ("Pyongyang a démenti lundi 21 octobre ces “rumeurs stéréotypées sans fondement visant à diffamer "
            "l’image de la Corée du Nord”.")
    assert [(a.actor, a.actor_group, a.cue_lemma) for a in attributions(nlp, text)] == [
        ("Pyongyang", "north_korea", "démentir")]


def test_seed_004_selon_le_depute_and_nis_are_two_speakers_then_il(nlp) -> None:
    atts = attributions(
        nlp,
        "\"En décembre, ils ont participé à des combats réels\", a déclaré Lee Seong-kweun à l'issue d'un "
        "briefing du Service national du renseignement (NIS) à des parlementaires à Séoul.",
        "Selon le député, le NIS a également rapporté qu'\"environ 1.000 soldats nord-coréens ont été blessés\".",
        "Il a ajouté que plusieurs pertes ont été enregistrées lors d’attaques de missiles et de drones ukrainiens.",
    )
    assert [(a.actor, a.actor_group) for a in atts] == [
        ("Lee Seong-kweun", "south_korea"), ("Lee Seong-kweun", "south_korea"), ("NIS", "south_korea"),
        ("Lee Seong-kweun", "south_korea")]
    assert [a.quote_type for a in atts] == ["direct", "according_to", "direct", "indirect"]
    assert [a.resolved_from for a in atts] == ["", "le député", "", "Il"]


def _seed_groups(nlp, stem_prefix: str) -> Counter:
    """Attributed groups of a raw seed article, its non-empty lines taken as paragraphs."""
    path = next(Path(RAW_DIR).glob(f"{stem_prefix}_*.txt"))
    paragraphs = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sents = [sent for doc in nlp.pipe(paragraphs) for sent in doc.sents]
    return Counter(a.actor_group for atts in attribute_sentences(sents) for a in atts)


@pytest.mark.parametrize(
    ("seed", "group"),
    [
        ("000", "south_korea"),  # Séoul, the South Korean defence minister, "La Corée du Sud a signalé"
        ("001", "ukraine"),  # Zelensky (twice) and SPRAVDI carry the 10 000 claim; Seoul comes second
        ("002", "ukraine"),  # Ukrainian intelligence (GUR) and Zelensky
        ("003", "south_korea"),  # Séoul, its intelligence services, President Yoon
        ("004", "south_korea"),  # the deputy Lee Seong-kweun reporting the NIS briefing
    ],
)
def test_most_cited_group_of_each_seed(nlp, seed: str, group: str) -> None:
    counts = _seed_groups(nlp, seed)
    assert counts.most_common(1)[0][0] == group
    assert len(counts) > 1  # every seed cites more than one group (see the comments above)
    assert counts[group] > sorted(counts.values())[-2]


# ----- added 2026-12 (issue 14): forms found on the held-out dev split ------------------------------
# Each expectation is what the sentence says, read by hand; the sentences are written for these tests
# after the patterns of the dev articles.

@pytest.mark.parametrize("text", [
    "Selon une note de 0 à 10, le pays est en tête.",        # a rating, not a speaker
    "Selon plusieurs critères, la situation s'améliore.",    # criteria
    "Selon les facultés contributives de chacun, l'impôt varie.",
    "Pour relancer les négociations, il faudrait une nouvelle lettre.",  # "pour" + infinitive: a purpose
    "Un Boeing 777, assurant la liaison entre Amsterdam et Kuala Lumpur, s'écrase.",  # "assurer" = ensure
    "Ses détracteurs espèrent renouveler l'opération dimanche.",  # a wish, no words reported
])
def test_non_speakers_and_non_statements_give_no_attribution(nlp, text) -> None:
    assert attributions(nlp, text) == []


def test_inverted_pronoun_resolves_to_the_person_named_before(nlp) -> None:
    # « "…", a-t-il déclaré. » after a sentence naming the South Korean president (not as a speaker)
    atts = attributions(nlp, "Le président sud-coréen Moon Jae-in a rencontré les familles.",
                        "\"C'est un grand jour\", a-t-il déclaré.")
    assert who(atts) == [("Moon Jae-in", "south_korea", "direct")]
    atts = attributions(nlp, "\"Nous respecterons cet accord\", raconte-t-il.")
    assert who(atts) == [("il (unresolved)", "", "direct")]  # nobody before: unresolved, no group


def test_postposed_speaker_after_a_quotation(nlp) -> None:
    # the parse of these sentences hangs the verb on the quotation; the words after the verb are the speaker
    assert who(attributions(nlp, "\"La guerre commerciale n'a fait que révéler cette rivalité\", note M. Wang.")) \
        == [("Wang", "other", "direct")]
    assert who(attributions(nlp, "\"On est à un moment de bascule\" avait prévenu Emmanuel Macron en amont du sommet.")) \
        == [("Emmanuel Macron", "france", "direct")]


def test_pour_x_and_de_l_avis_de(nlp) -> None:
    assert who(attributions(nlp, "Pour l'opposition, cette réforme n'a qu'un seul but.")) == [
        ("l'opposition", "other", "according_to")]
    assert who(attributions(nlp, "De l'avis des experts, la rencontre ne suffira pas.")) == [
        ("experts", "experts", "according_to")]


def test_split_quote_takes_the_speaker_of_the_neighbouring_sentence(nlp) -> None:
    # codebook §1.1 H2: a quote-only sentence of the same paragraph continues the quotation
    doc = nlp("\"Est-ce que Trump veut la guerre? Je ne crois pas\", renchérit Yu Jihua. \"C'est un grand homme "
              "d'affaires.\"")
    cut = doc.text.index("\"C'est")
    first, second = doc.char_span(0, cut - 1), doc.char_span(cut, len(doc.text))
    assert second.text.startswith("\"C'est") and first.text.endswith("Yu Jihua.")
    found = attribute_sentences([first, second])
    assert [(a.actor, a.quote_type, a.resolved_from) for a in found[1]] == [("Yu Jihua", "direct", "split quote")]


def test_document_author_and_relaying_agency(nlp) -> None:
    # « selon un comptage réalisé par l'AFP »: the agency counts; « selon Yonhap, citant des responsables
    # sud-coréens »: an agency relaying officials takes the officials' group (codebook §1.2)
    assert who(attributions(nlp, "Selon un comptage réalisé par l'AFP, 300 personnes sont mortes.")) == [
        ("AFP", "media", "according_to")]
    assert who(attributions(nlp, "Selon Yonhap, citant des responsables sud-coréens, l'ordre a été donné.")) == [
        ("responsables sud-coréens", "south_korea", "according_to")]


def test_restrictive_ne_que_is_not_a_negation(nlp) -> None:
    # « ne reconnaîtra sa responsabilité que cinq jours plus tard » is an admission, not a refusal
    assert who(attributions(nlp, "Moscou ne reconnaîtra sa responsabilité que cinq jours plus tard.")) == [
        ("Moscou", "russia", "indirect")]
    assert attributions(nlp, "Moscou ne reconnaît pas sa responsabilité.") == []


def test_role_and_state_body_from_the_article(nlp) -> None:
    # a role with modifiers points back to the speaker it describes; "les autorités" are the country the
    # article is about (named most often)
    atts = attributions(nlp, "\"Il a été abattu\", a expliqué un responsable militaire sud-coréen.",
                        "La situation reste confuse.", "Selon le responsable militaire, les soldats ont tiré.")
    assert [(a.actor_group, a.quote_type) for a in atts] == [("south_korea", "direct"), ("south_korea", "according_to")]
    atts = attributions(nlp, "La Russie organise des manoeuvres au Caucase.", "La Russie a annoncé des exercices.",
                        "Les autorités ont enregistré deux cents participants.")
    assert [(a.actor, a.actor_group) for a in atts] == [("Russie", "russia"), ("Les autorités", "russia")]
