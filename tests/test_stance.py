"""Epistemic stance of single sentences: every cue and counter-case of analysis/resources/stance.yaml.

Expected values come from reading the French sentences, not from running the code: each test says
what a careful reader sees (a journalistic conditional, a future-in-the-past, a negated
verification...). Sentences are parsed whole (``doc[:]``), as the annotate stage passes them.
"""

from __future__ import annotations

import pytest

from analysis.annotate.stance import Stance, is_conditional, load_stance_lexicon, sentence_stance
from analysis.core.errors import ConfigError
from analysis.core.nlp import load_nlp


def stance_of(text: str, kind: str = "body") -> Stance:
    """The stance of ``text`` read as one sentence."""
    return sentence_stance(load_nlp()(text)[:], kind)


# --- hedges: the journalistic conditional and hedge words -----------------------------------------

@pytest.mark.parametrize("text, cue", [
    ("Des soldats nord-coréens auraient été tués près de la frontière.", "auraient"),
    ("Les renforts seraient déjà sur place.", "seraient"),
    ("Il pourrait s'agir de soldats nord-coréens.", "pourrait"),          # codebook §1.4: on a present fact
    ("Ils devraient déjà se trouver à Koursk.", "devraient"),             # codebook §1.4: "déjà"
    ("Les victimes pourraient avoir été enterrées sur place.", "pourraient"),  # perfect infinitive: a past fact
    ("D'après des comptes anonymes, les images montreraient un camp d'entraînement.", "montreraient"),
])
def test_journalistic_conditional_is_a_hedge(text, cue):
    stance = stance_of(text)
    assert stance.hedged
    assert cue in stance.hedge_cues


@pytest.mark.parametrize("text, cue", [
    ("L'implication présumée de Pyongyang inquiète Séoul.", "présumée"),
    ("Les soldats ont vraisemblablement quitté la base.", "vraisemblablement"),
    ("Les deux régimes semblent se rapprocher.", "semblent"),
    ("Ces photos, censées prouver le déploiement, circulent depuis lundi.", "censées"),
    ("Une issue probable se dessine.", "probable"),
    ("Le navire a apparemment quitté le port.", "apparemment"),
    ("Le régime est accusé d'avoir livré des obus.", "accusé d'"),
    ("Il est possible que des officiers soient parmi les morts.", "Il est possible qu"),
])
def test_hedge_words(text, cue):
    stance = stance_of(text)
    assert stance.hedged
    assert any(found.startswith(cue) for found in stance.hedge_cues), stance.hedge_cues


@pytest.mark.parametrize("text", [
    "Selon Séoul, des soldats nord-coréens sont arrivés en Russie.",
    "Le ministre a déclaré que les troupes étaient prêtes.",
    "Les États-Unis estiment que 10 000 soldats sont stationnés dans la région.",
])
def test_attribution_alone_is_not_a_hedge(text):
    assert not stance_of(text).hedged


def test_indicative_imperfect_of_r_stem_verbs_is_not_a_conditional():
    # "déclarait", "montrait", "préparait": the stem ends in r, the mood is the imperfect indicative.
    stance = stance_of("Le général déclarait que la vidéo montrait des soldats qui se préparaient.")
    assert not stance.hedged


# --- conditionals that are not hedges ----------------------------------------------------------------

@pytest.mark.parametrize("text", ["Je voudrais vous poser une question.", "Nous aimerions connaître le bilan."])
def test_conditional_of_politeness_is_not_a_hedge(text):
    stance = stance_of(text)
    assert not stance.hedged
    assert [cue.rule for cue in stance.excluded_conditionals] == ["politeness"]


def test_future_in_the_past_is_not_a_hedge():
    stance = stance_of("Il a annoncé qu'il viendrait à Séoul la semaine suivante.")
    assert not stance.hedged
    assert [(cue.text, cue.rule) for cue in stance.excluded_conditionals] == [("viendrait", "future_in_past")]


def test_aller_future_in_the_past_has_no_conditional():
    assert not stance_of("Le président a dit qu'il allait renforcer la coopération.").hedged


def test_past_conditional_after_past_reporting_verb_is_a_hedge():
    # Not a future-in-the-past: the reported fact (soldiers killed) is presented with reserve.
    stance = stance_of("Les services ukrainiens ont affirmé que des soldats auraient été tués.")
    assert stance.hedged
    assert stance.hedge_cues == ["auraient"]


def test_past_conditional_with_a_time_limit_is_a_future_in_the_past():
    stance = stance_of("Le ministre a promis que les travaux auraient été achevés d'ici lundi.")
    assert not stance.hedged


@pytest.mark.parametrize("text, rule", [
    # codebook §1.4, Exclude: "predictions and plans about the future" are not hedges
    ("Séoul a estimé que l'envoi de renforts pourrait être imminent.", "prediction"),
    ("Cette alliance pourrait durer des années.", "prediction"),
    ("7 000 devraient être envoyés d'ici décembre.", "prediction"),
    ("La rencontre ne devrait pas suffire à régler le dossier.", "prediction"),
    # a consequence foreseen, no source: not the conditional of reported information
    ("Une telle assistance permettrait au Kremlin de rappeler sa puissance.", "prediction"),
    # counterfactual past of a modal, obligation, ability
    ("La parade aurait dû se tenir le 9 mai.", "counterfactual"),
    ("Pour relancer les négociations, il faudrait une nouvelle lettre.", "obligation"),
    ("Cette participation ne saurait être assimilée à une intervention.", "obligation"),
    # the speaker's own hypothesis inside a quotation
    ("« Ce serait un symbole formidable », a-t-il déclaré.", "quoted"),
])
def test_conditionals_that_are_not_hedges(text, rule):
    stance = stance_of(text)
    assert not stance.hedged, stance.hedge_cues
    assert rule in [cue.rule for cue in stance.excluded_conditionals]


@pytest.mark.parametrize("text", [
    "Ils seront probablement jugés par contumace.",            # a forecast: future tense
    "On vit un moment démocratique, mais il sera sans doute éphémère.",
    "Le fils de l'entrepreneur les a accusés d'être appuyés par l'étranger.",  # active: who accuses
])
def test_hedge_words_that_do_not_hedge(text):
    assert not stance_of(text).hedged


@pytest.mark.parametrize("text, cue", [
    ("La marine avance l'hypothèse d'une collision avec un sous-marin.", "l'hypothèse d'"),
    ("Certains médias ont évoqué une possible intoxication.", "une possible"),
    ("Son corps a été brûlé à priori par crainte d'une contamination.", "à priori"),
    ("Si ce scénario se confirmait, la réunion aurait lieu à Camp David.", None),  # si-clause: no hedge
])
def test_new_hedge_words_and_si_ce(text, cue):
    stance = stance_of(text)
    assert stance.hedged is (cue is not None)
    if cue:
        assert cue in stance.hedge_cues


def test_si_clause_apodosis_is_a_hypothesis_not_a_hedge():
    stance = stance_of("S'il venait à combattre, il s'agirait d'un fait nouveau.")
    assert not stance.hedged
    assert [cue.rule for cue in stance.excluded_conditionals] == ["hypothesis"]


def test_meme_si_is_not_a_hypothesis():
    # "même si" is a concession: the conditional of the main clause stays a journalistic hedge.
    stance = stance_of("Même si Moscou dément, des soldats nord-coréens seraient déjà au front.")
    assert stance.hedged


def test_question_headline():
    stance = stance_of("La Corée du Nord va-t-elle envoyer des militaires en Ukraine ?", "headline")
    assert stance.question
    assert not stance.hedged


def test_conditional_in_a_question_is_not_a_hedge():
    stance = stance_of("Pyongyang pourrait-il envoyer d'autres soldats ?", "headline")
    assert stance.question and not stance.hedged


def test_a_statement_is_not_a_question():
    assert not stance_of("Pyongyang a envoyé des soldats.").question


# --- unverified and confirmed -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ces vidéos n'ont pas été authentifiées.",
    "Les autorités n'ont pas confirmé ces chiffres.",
    "Nous ne pouvons confirmer ces informations.",
    "Ni Moscou ni Pyongyang n'ont confirmé la présence de ces troupes.",
    "Aucune source indépendante n'a été en mesure de les vérifier.",
    "Ce bilan n'a pas pu être vérifié de manière indépendante.",
    "Il s'agit d'une information non confirmée.",
    "Si cette information était avérée, ce serait grave.",
])
def test_unverified(text):
    stance = stance_of(text)
    assert stance.unverified, text
    assert not stance.confirmed


@pytest.mark.parametrize("text, cue", [
    ("Les services sud-coréens confirment l'envoi de troupes.", "confirment"),
    ("Le bilan a été confirmé par l'armée.", "confirmé"),
    ("Ces informations, corroborées par des sources occidentales, inquiètent.", "corroborées"),
    ("Les deux pays ont confirmé la signature du traité.", "confirmé"),
])
def test_confirmed(text, cue):
    stance = stance_of(text)
    assert stance.confirmed and not stance.unverified
    assert stance.confirmed_cues == [cue]


def test_negation_in_another_clause_does_not_reach_the_verb():
    stance = stance_of("Moscou ne commente pas, mais Séoul confirme le déploiement.")
    assert stance.confirmed and not stance.unverified


def test_conditional_confirmation_is_neither():
    stance = stance_of("Une enquête pourrait confirmer ces informations.")
    assert not stance.confirmed and not stance.unverified


# --- denials ----------------------------------------------------------------------------------------

def test_denial_with_subject_group():
    stance = stance_of("Pyongyang a démenti ces informations lundi.")
    assert stance.denial and stance.denial_cues == ["démenti"]
    assert stance.denial_actor_group == "north_korea"


def test_denial_by_two_actors():
    stance = stance_of("Bien que Moscou et Pyongyang aient nié toute implication, Séoul reste vigilante.")
    assert stance.denial
    assert stance.denial_actor_group == "russia | north_korea"


def test_denial_noun_without_actor():
    stance = stance_of("Des experts l'affirment, malgré les démentis officiels.")
    assert stance.denial and stance.denial_cues == ["démentis"]
    assert stance.denial_actor_group == ""


def test_rejeter_is_a_denial_only_when_it_rejects_information():
    assert stance_of("Le Kremlin a rejeté ces accusations comme des rumeurs.").denial
    assert not stance_of("Le parlement a rejeté le budget.").denial


def test_negated_denial_is_not_a_denial():
    assert not stance_of("Le Kremlin n'a pas démenti la présence de soldats.").denial


# --- seed sentences (read by hand) ---------------------------------------------------------------------

@pytest.mark.parametrize("text, hedged, unverified, confirmed, denial", [
    # 000: conditional and hedge adverb
    ("Séoul annonce que des soldats nord-coréens auraient été tués en Ukraine, vraisemblablement envoyés "
     "pour soutenir les forces russes.", True, False, False, False),
    # 000: denial by Moscow and Pyongyang; "pourrait être imminent" is a prediction (codebook §1.4), no hedge
    ("Bien que Moscou et Pyongyang aient nié toute implication de troupes régulières nord-coréennes, Séoul "
     "reste vigilante et considère que l’envoi de soldats supplémentaires pourrait être imminent.",
     False, False, False, True),
    # 000: a foreseen consequence, not a fact (codebook §1.4): "pourrait avoir des répercussions" is no hedge
    ("Cette révélation souligne les rapports de plus en plus étroits entre la Corée du Nord et la Russie, une "
     "situation qui pourrait avoir des répercussions significatives sur la guerre en Ukraine et sur les relations "
     "internationales.", False, False, False, False),
    # 000: an allegation
    ("Pyongyang est également accusé d’avoir fourni des armes à la Russie, notamment des missiles et de "
     "l'artillerie, utilisés par les forces russes en Ukraine.", True, False, False, False),
    # 001: two negated verifications
    ("Ces vidéos de mauvaise qualité n’ont cependant pas été authentifiées : aucune date, aucun lien ni "
     "aucune source indépendante n’a été en mesure de les vérifier.", False, True, False, False),
    # 001: the Russian government's quoted "ought not" (« ne devrait inquiéter personne ») is an obligation or a
    # forecast in the speaker's words, not the outlet's reserve: no hedge
    ("Ce 21 octobre, le gouvernement russe a annoncé qu’il allait “poursuivre le développement de cette "
     "coopération” avec le régime de Kim Jong-un : “Cette alliance (...) ne devrait inquiéter personne (...) car "
     "elle n'est pas dirigée contre des pays tiers\".", False, False, False, False),
    # 003: a plan ("7 000 devraient être envoyés d'ici décembre") beside an indicative: no hedge
    ("Selon Séoul, 3 000 de ces combattants se trouvent déjà en Russie et 7 000 devraient être envoyés dans le pays "
     "d’ici décembre.", False, False, False, False),
    # 001: hypothesis about the information's truth: unverified, the apodosis is no hedge
    ("“Si cette information était avérée, il s'agirait d'un fait nouveau extrêmement préoccupant et "
     "extrêmement grave.", False, True, False, False),
    # 001: NATO cannot confirm; "faits présumés" is a hedge word
    ("L’OTAN reste elle aussi prudente concernant ces faits présumés : \"À ce stade, notre position "
     "officielle est que nous ne pouvons confirmer les informations selon lesquelles des Nord-Coréens sont "
     "activement engagés comme soldats dans l'effort de guerre russe.\"", True, True, False, False),
    # 002: plain attributed figures, no hedge at all
    ("Les États-Unis estiment qu’environ 10 000 soldats nord-coréens sont actuellement stationnés dans "
     "cette région.", False, False, False, False),
    # 002: corroboration
    ("Ces informations, corroborées par des sources occidentales, indiquent une montée en puissance de "
     "cette coopération militaire.", False, False, True, False),
    # 003: confirmation and denial
    ("Quatre jours plus tard, les services de renseignement sud-coréens confirmaient qu’environ 10 000 "
     "soldats nord-coréens avaient déjà commencé à être envoyés en Russie.", False, False, True, False),
    ("Pyongyang a démenti lundi 21 octobre ces “rumeurs stéréotypées sans fondement visant à diffamer "
     "l’image de la Corée du Nord”.", False, False, False, True),
    # 004: attributed casualty figure, indicative: not hedged
    ("Au moins 100 Nord-Coréens ont été tués en décembre alors qu’ils combattaient aux côtés des forces "
     "russes contre l’Ukraine, a affirmé jeudi le député sud-coréen Lee Seong-kweun.", False, False, False, False),
    ("Mardi, Oleksandre Syrsky, commandant en chef de l’armée ukrainienne, a signalé des offensives intenses "
     "dans la région de Koursk, où des unités nord-coréennes auraient subi de lourdes pertes.",
     True, False, False, False),
])
def test_seed_sentences(text, hedged, unverified, confirmed, denial):
    stance = stance_of(text)
    assert (stance.hedged, stance.unverified, stance.confirmed, stance.denial) == (
        hedged, unverified, confirmed, denial), stance


# --- robustness ------------------------------------------------------------------------------------------

def test_empty_span_and_unknown_kind_give_a_neutral_stance():
    nlp = load_nlp()
    assert sentence_stance(nlp("")[:], "body") == Stance()
    assert sentence_stance(nlp("Des soldats auraient été tués.")[:], "caption") == Stance()


def test_is_conditional_on_imperfect_labelled_forms():
    doc = load_nlp()("Il a dit qu'il viendrait, et elle déclarait qu'il montrait la voie.")
    forms = {token.text: is_conditional(token) for token in doc if token.pos_ in ("VERB", "AUX")}
    assert forms["viendrait"] is True
    assert forms["déclarait"] is False and forms["montrait"] is False


def test_broken_lexicon_is_a_config_error(tmp_path):
    path = tmp_path / "stance.yaml"
    path.write_text("hedge_words: [\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_stance_lexicon(path)
    path.write_text("hedge_words: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="future_in_past"):
        load_stance_lexicon(path)
