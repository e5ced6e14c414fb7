"""Frame coding (analysis.annotate.frames): the codebook's rules on French sentences of our own, the scoring
arithmetic on a hand-made corpus, and the five seed articles as a careful reader codes them.

Lemmas are built here with spaCy in the format of lemmas.csv (lowercase lemmas of alphabetic,
non-stopword tokens, space-joined), so the tests exercise the real lemmatiser.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
import pytest

from analysis.annotate import frames
from analysis.core import schemas
from analysis.core.errors import ConfigError
from analysis.core.nlp import load_nlp
from analysis.core.paths import RAW_DIR

GENERIC_FRAMES = {"conflict": 4, "responsibility": 5, "human_interest": 5, "economic_consequences": 3,
                  "morality": 3}
POLICY_FRAMES = [
    "economic", "capacity_and_resources", "morality", "fairness_and_equality",
    "legality_constitutionality_jurisprudence", "policy_prescription_and_evaluation", "crime_and_punishment",
    "security_and_defense", "health_and_safety", "quality_of_life", "cultural_identity", "public_opinion",
    "political", "external_regulation_and_reputation",
]


@pytest.fixture(scope="module")
def codebook() -> frames.Codebook:
    return frames.load_codebook()


@lru_cache(maxsize=None)
def lemma_string(text: str) -> str:
    """lemmas.csv format: lowercase lemmas of alphabetic non-stopword tokens, space-joined."""
    doc = load_nlp()(text)
    return " ".join(token.lemma_.lower() for token in doc if token.is_alpha and not token.is_stop)


def one_sentence_tables(text: str, denial: bool = False, groups: tuple[str, ...] = (),
                        claims: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    """Inputs of score_frames for an article made of one body sentence."""
    sid = "t-s000"
    return {
        "sentences": pd.DataFrame([{"sentence_id": sid, "article_id": "t", "kind": "body", "text": text}]),
        "lemmas": pd.DataFrame([{"sentence_id": sid, "article_id": "t", "lemmas": lemma_string(text)}]),
        "attributions": pd.DataFrame({"sentence_id": [sid] * len(groups), "actor_group": list(groups)}),
        "stance": pd.DataFrame([{"sentence_id": sid, "denial": denial}]),
        "claims": pd.DataFrame({"sentence_id": [sid] * len(claims), "kind": list(claims)}),
    }


def coded(text: str, codebook: frames.Codebook, **evidence) -> set[str]:
    """Generic indicators answered yes and policy frames whose cues match, for one sentence."""
    table = frames.score_frames(**one_sentence_tables(text, **evidence), codebook=codebook)
    indicators = {name for cell in table["indicators"] if cell for name in cell.split(" | ")}
    policy = table[(table["scheme"] == "policy") & (table["frame"] != "other")
                   & (table["evidence_sentence_ids"] != "")]
    return indicators | set(policy["frame"])


# --------------------------------------------------------------------------------------------------
# Each rule on sentences of our own: (indicator or policy frame, sentence, coded evidence)
# --------------------------------------------------------------------------------------------------

TRIGGERS = [
    ("conflict_q1", "Les affrontements entre les deux armées se sont intensifiés près de Koursk.", {}),
    ("conflict_q1", "Pyongyang se range désormais derrière Moscou contre l’Ukraine.", {}),
    ("conflict_q2", "Kiev accuse Pyongyang de fournir des obus à l’armée russe.", {}),
    ("conflict_q2", "Washington a vivement critiqué l’envoi de soldats nord-coréens.", {}),
    ("conflict_q3", "Moscou a démenti ces informations.", {"denial": True}),
    ("conflict_q3", "Les deux camps revendiquent le contrôle du village.", {}),
    ("conflict_q3", "Selon Kiev, les soldats sont au front, ce que conteste Moscou.",
     {"groups": ("ukraine", "russia")}),
    ("conflict_q3", "Ni Moscou ni Pyongyang n’ont confirmé la présence de ces troupes.", {}),
    ("conflict_q4", "L’armée ukrainienne a subi une lourde défaite près de Pokrovsk.", {}),
    ("conflict_q4", "Au moins 100 soldats ont été tués, selon Séoul.", {"claims": ("killed",)}),
    ("responsibility_q1", "Séoul envisage des sanctions contre les entreprises russes.", {}),
    ("responsibility_q2", "Le régime de Pyongyang a décidé d’envoyer des milliers de soldats.", {}),
    ("responsibility_q2", "Pour Kiev, le Kremlin est responsable de cette escalade.", {}),
    ("responsibility_q3", "L’Union européenne réclame le retrait des troupes nord-coréennes.", {}),
    ("responsibility_q3", "Des pourparlers pourraient mener à un cessez-le-feu.", {}),
    ("responsibility_q4", "Vladimir Poutine a ordonné le déploiement de ces unités.", {}),
    ("responsibility_q4", "Kim Jong-un a décidé d’envoyer ses meilleures troupes.", {}),
    ("responsibility_q5", "Kiev appelle à une réponse urgente de ses alliés.", {}),
    ("responsibility_q5", "Les États-Unis ont exhorté Pyongyang à rapatrier ses troupes.", {}),
    ("responsibility_q5", "Un nouvel envoi de soldats serait imminent, selon Séoul.", {}),
    ("human_interest_q1", "Dans un témoignage recueilli par la BBC, un déserteur décrit l’entraînement.", {}),
    ("human_interest_q1", "Ri, âgé de 24 ans, a été capturé près de Koursk.", {}),
    ("human_interest_q2", "Ces jeunes soldats sont envoyés comme de la chair à canon.", {}),
    ("human_interest_q2", "C’est une tragédie pour les familles, qui ignorent tout du sort des soldats.", {}),
    ("human_interest_q3", "Les habitants de la région vivent dans la peur des bombardements.", {}),
    ("human_interest_q3", "Les civils fuient les villages bombardés.", {}),
    ("human_interest_q4", "Sa femme n’a reçu aucune nouvelle depuis octobre.", {}),
    ("human_interest_q4",
     "Il a fait deux ans de prison après un dessin anti-guerre que sa fille avait réalisé.",
     {}),
    ("human_interest_q5", "Des vidéos montrent les corps de soldats abandonnés dans la neige.", {}),
    ("economic_consequences_q1", "Pyongyang recevrait des devises et des millions de dollars en paiement.",
     {}),
    ("economic_consequences_q2", "Le coût de l’opération est estimé à plusieurs milliards.", {}),
    ("economic_consequences_q2", "Cette guerre pèse lourdement sur le budget russe.", {}),
    ("economic_consequences_q3", "En échange, Moscou fournirait du pétrole à Pyongyang.", {}),
    ("economic_consequences_q3", "Les sanctions pèsent sur l’économie nord-coréenne.", {}),
    ("morality_q1", "C’est une guerre honteuse et inacceptable.", {}),
    ("morality_q2", "Le patriarche a béni les soldats au nom de Dieu.", {}),
    ("morality_q3", "Il faut respecter le droit de la guerre.", {}),
    ("economic", "Les sanctions ont fait chuter les exportations russes.", {}),
    ("capacity_and_resources", "L’armée russe manque de munitions et cherche des renforts.", {}),
    ("capacity_and_resources", "Pyongyang a fourni des millions d’obus à Moscou.", {}),
    ("morality", "Envoyer ces jeunes gens comme chair à canon est une honte.", {}),
    ("fairness_and_equality", "Les soldats nord-coréens seraient traités comme des esclaves.", {}),
    ("legality_constitutionality_jurisprudence", "Ce déploiement viole le droit international.", {}),
    ("legality_constitutionality_jurisprudence", "Le traité de défense mutuelle est entré en vigueur.", {}),
    ("policy_prescription_and_evaluation", "Washington envisage de nouvelles sanctions contre Pyongyang.",
     {}),
    ("crime_and_punishment", "Les déserteurs risquent la prison.", {}),
    ("security_and_defense", "Des missiles et des drones ont frappé les positions russes.", {}),
    ("health_and_safety", "Les blessés sont soignés dans un hôpital de Koursk.", {}),
    ("quality_of_life", "Les habitants de Koursk vivent sans électricité ni chauffage.", {}),
    ("cultural_identity", "La propagande du régime exalte le patriotisme des soldats.", {}),
    ("public_opinion", "Ces vidéos ont été massivement relayées sur les réseaux sociaux.", {}),
    ("political", "Le président cherche à redorer son image avant les élections.", {}),  # codebook §3.2 example
    ("external_regulation_and_reputation",
     "Ce rapprochement isole davantage la Russie sur la scène internationale.",
     {}),
    ("external_regulation_and_reputation", "Les relations entre Moscou et Pyongyang se resserrent.", {}),
]

COUNTER_EXAMPLES = [
    # near misses: the same words in another sense, or the topic without the indicator
    ("conflict_q1", "La Corée du Nord et la Russie ont signé un accord de coopération économique.", {}),
    ("conflict_q2", "Le soldat a été condamné à cinq ans de prison.", {}),
    ("conflict_q2", "Les deux dirigeants ont salué leur amitié.", {}),
    ("conflict_q3", "Les deux pays ont renforcé leurs liens militaires.", {}),
    ("conflict_q3", "Moscou a démenti ces informations.", {"denial": False}),
    ("conflict_q3", "Selon Kiev et Séoul, les soldats sont au front.",
     {"groups": ("ukraine", "south_korea")}),
    ("conflict_q3", "Selon des médias et des experts, les soldats sont au front.",
     {"groups": ("media", "experts")}),
    ("conflict_q4", "Environ 10 000 soldats ont été envoyés en Russie, selon Séoul.",
     {"claims": ("deployed",)}),
    ("responsibility_q1", "Le gouvernement n’a pas été en mesure de confirmer ces informations.", {}),
    ("responsibility_q2", "Des responsables de Séoul affirment que Moscou soutient Pyongyang.", {}),
    ("responsibility_q3", "Le règlement de comptes entre clans a fait trois morts.", {}),
    ("responsibility_q4", "Le ministre Kim Yong-hyun a décidé de renforcer la surveillance.", {}),
    ("responsibility_q5", "Le traité prévoit une aide militaire immédiate en cas d’agression.", {}),
    ("human_interest_q1", "Une coopération qui témoigne des nouvelles alliances stratégiques.", {}),
    ("human_interest_q2", "Les soldats ont été déployés dans la région de Koursk.", {}),
    ("human_interest_q3", "Environ 1 000 soldats nord-coréens ont été blessés.", {}),
    ("human_interest_q4", "Son armée compte plus d’un million de soldats.", {}),
    ("human_interest_q5", "Des images satellite montrent des navires russes à Vladivostok.", {}),
    ("economic_consequences_q1", "Les pertes nord-coréennes se chiffrent à plusieurs centaines.", {}),
    ("economic_consequences_q2", "Ces combats ont coûté la vie à au moins 30 soldats.", {}),
    ("economic_consequences_q3", "En échange, Moscou pourrait moderniser l’arsenal militaire de Pyongyang.",
     {}),
    ("morality_q1", "Le moral des troupes nord-coréennes serait au plus bas.", {}),
    ("morality_q1", "Paris a assuré Kiev de son soutien moral.", {}),
    ("morality_q2", "Les soldats ont rejoint la ligne de front.", {}),
    ("morality_q3", "Cette alliance ne devrait inquiéter personne.", {}),
    ("economic", "Ces combats ont coûté la vie à 30 soldats.", {}),
    ("capacity_and_resources", "La Russie renforce sa position diplomatique.", {}),
    ("morality", "Le moral des troupes est au plus bas.", {}),
    ("fairness_and_equality", "Les soldats ont été traités dans un hôpital militaire.", {}),
    ("legality_constitutionality_jurisprudence", "Les deux armées ont violemment combattu.", {}),
    ("policy_prescription_and_evaluation", "L’OTAN n’est pas en mesure de confirmer ces informations.", {}),
    ("crime_and_punishment", "Séoul a pris des mesures jugées impensables.", {}),
    ("security_and_defense", "Les exportations de pétrole ont augmenté.", {}),
    ("health_and_safety", "Environ 1 000 soldats ont été blessés.", {}),
    ("quality_of_life", "Les troupes ont été déployées en Russie.", {}),
    ("cultural_identity", "Les soldats ont été déployés en octobre.", {}),
    ("public_opinion", "Le rapport a été publié lundi.", {}),
    ("political", "Les soldats ont franchi la frontière.", {}),
    # codebook §3.2: a parliamentary briefing as the setting of a statement is not political
    ("political", "Le député a présenté ces chiffres aux parlementaires.", {}),
    ("political", "Le porte-parole du Kremlin a démenti ces informations.", {}),
    ("health_and_safety", "Plusieurs pertes ont été enregistrées lors d'attaques de drones ainsi que d'accidents "
                          "durant des entraînements.", {}),
    ("external_regulation_and_reputation", "Des images satellite montrent des navires russes.", {}),
]


@pytest.mark.parametrize(("target", "text", "evidence"), TRIGGERS,
                         ids=[f"{t}:{s[:30]}" for t, s, _ in TRIGGERS])
def test_sentence_triggers_its_indicator(codebook, target, text, evidence):
    assert target in coded(text, codebook, **evidence)


@pytest.mark.parametrize(("target", "text", "evidence"), COUNTER_EXAMPLES,
                         ids=[f"{t}:{s[:30]}" for t, s, _ in COUNTER_EXAMPLES])
def test_counter_example_does_not_trigger(codebook, target, text, evidence):
    assert target not in coded(text, codebook, **evidence)


def test_every_indicator_and_policy_frame_has_a_trigger_and_a_counter_example(codebook):
    targets = {ind.id for frame in codebook.schemes["generic"].frames for ind in frame.indicators}
    targets |= set(POLICY_FRAMES)
    assert targets <= {t for t, _, _ in TRIGGERS}
    assert targets <= {t for t, _, _ in COUNTER_EXAMPLES}


def test_lemmas_match_inflected_forms(codebook):
    # "accusaient" (imperfect plural) is found through its lemma "accuser"
    assert "conflict_q2" in coded("Les Ukrainiens accusaient les Nord-Coréens de pillage.", codebook)


# --------------------------------------------------------------------------------------------------
# The codebook
# --------------------------------------------------------------------------------------------------

def test_codebook_has_both_schemes_with_the_published_frames(codebook):
    generic = {frame.name: len(frame.indicators) for frame in codebook.schemes["generic"].frames}
    assert generic == GENERIC_FRAMES  # Semetko & Valkenburg: 4 + 5 + 5 + 3 + 3 = 20 questions
    assert codebook.frame_names("policy") == [*POLICY_FRAMES, "other"]
    for scheme in codebook.schemes.values():
        for frame in scheme.frames:
            assert frame.definition and frame.label
            assert all(ind.question.endswith("?") for ind in frame.indicators)


def test_codebook_table_lists_every_question(codebook):
    table = frames.codebook_table(codebook)
    assert len(table[table["scheme"] == "generic"]) == 20
    assert len(table[table["scheme"] == "policy"]) == 14


def _write_codebook(tmp_path, text: str):
    path = tmp_path / "frames.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINI_CODEBOOK = """
actor_sides:
  side_a: [g1]
  side_b: [g2, g3]
schemes:
  generic:
    sentence_kinds: [headline, body]
    present_min_indicators: 2
    frames:
      f:
        definition: test frame f
        indicators:
          - {id: f_q1, question: 'cat?', rules: [{lemmas: [chat]}]}
          - {id: f_q2, question: 'dog?', rules: [{regex: 'chien'}]}
          - {id: f_q3, question: 'denial?', rules: [{denial: true}]}
      g:
        definition: test frame g
        indicators:
          - {id: g_q1, question: 'two sides?', rules: [{min_actor_sides: 2}]}
          - {id: g_q2, question: 'killed?', rules: [{claim_kinds: [killed]}]}
  policy:
    sentence_kinds: [headline, body]
    present_min_sentences: 2
    other_frame: other
    frames:
      p:
        definition: test frame p
        rules: [{lemmas: [chat]}, {regex: 'chien'}]
      r:
        definition: test frame r
        rules: [{lemmas: [oiseau]}]
"""


@pytest.mark.parametrize(("old", "new", "message"), [
    ("lemmas: [oiseau]", "lemmas: [le oiseau]", "can never occur"),
    ("lemmas: [oiseau]", "lemmas: [nord-coréen]", "can never occur"),
    ("rules: [{regex: 'chien'}]}", "rules: [{regex: 'chien('}]}", "not a valid regular expression"),
    ("lemmas: [oiseau]", "lemma: [oiseau]", "unknown key"),
    ("lemmas: [oiseau]", "lemmas: ['@birds']", "no lexicon"),
    ("claim_kinds: [killed]", "claim_kinds: [murdered]", "claim_kinds"),
    ("present_min_sentences: 2", "present_min_sentences: 0", "whole number"),
    ("  policy:", "  policies:", "missing scheme"),
    ("definition: test frame r", "label: r", "definition"),
    ("side_b: [g2, g3]", "side_b: [g1, g3]", "two sides"),
    ("actor_sides:", "actor_side:", "unknown key"),
])
def test_bad_codebook_raises_a_clear_config_error(tmp_path, old, new, message):
    assert old in MINI_CODEBOOK
    path = _write_codebook(tmp_path, MINI_CODEBOOK.replace(old, new, 1))
    with pytest.raises(ConfigError, match=message):
        frames.load_codebook(path)


def test_missing_codebook_and_invalid_yaml(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        frames.load_codebook(tmp_path / "absent.yaml")
    with pytest.raises(ConfigError, match="not valid YAML"):
        frames.load_codebook(_write_codebook(tmp_path, "schemes: [unclosed"))


# --------------------------------------------------------------------------------------------------
# Scoring arithmetic on a hand-made corpus with the mini codebook (expected values by hand)
# --------------------------------------------------------------------------------------------------

def _mini_corpus():
    sentences = pd.DataFrame([
        ("A-s000", "A", "headline", "Le chat dort."),
        ("A-s001", "A", "heading", "Un chien"),           # heading: not counted by the mini codebook
        ("A-s002", "A", "body", "Les chiens aboient."),
        ("A-s003", "A", "body", "Rien."),                # coded as a denial below
        ("A-s004", "A", "body", "Un oiseau."),           # voices g1 and g2 (two sides); a deployed claim
        ("B-s000", "B", "body", "Rien à signaler."),
        ("C-s000", "C", "heading", "Un chat"),           # C has no counted sentence
    ], columns=["sentence_id", "article_id", "kind", "text"])
    lemmas = pd.DataFrame({"sentence_id": sentences["sentence_id"],
                           "lemmas": ["chat dormir", "chien", "chien aboyer", "", "oiseau", "signaler",
                                      "chat"]})
    attributions = pd.DataFrame({"sentence_id": ["A-s004", "A-s004", "Z-s009"],
                                 "actor_group": ["g1", "g2", "g3"]})
    stance = pd.DataFrame({"sentence_id": ["A-s003", "A-s004"], "denial": ["True", "False"]})
    claims = pd.DataFrame({"sentence_id": ["A-s004"], "kind": ["deployed"]})
    return sentences, lemmas, attributions, stance, claims


def test_scoring_arithmetic_on_a_hand_made_corpus(tmp_path):
    codebook = frames.load_codebook(_write_codebook(tmp_path, MINI_CODEBOOK))
    table = frames.score_frames(*_mini_corpus(), codebook=codebook)
    got = {(r.article_id, r.frame): (r.score, r.present, r.evidence_sentence_ids, r.indicators)
           for r in table.itertuples()}
    assert got == {
        # f: cat (s000), dog (s002; the heading s001 is not counted), denial (s003) -> 3/3
        ("A", "f"): (1.0, True, "A-s000 | A-s002 | A-s003", "f_q1 | f_q2 | f_q3"),
        # g: two sides voiced in s004 (g1 on side_a, g2 on side_b); the claim is "deployed", not killed
        ("A", "g"): (0.5, False, "A-s004", "g_q1"),
        # policy over the 4 counted sentences: p in s000 and s002 -> 2/4, present (>= 2 sentences)
        ("A", "p"): (0.5, True, "A-s000 | A-s002", ""),
        ("A", "r"): (0.25, False, "A-s004", ""),
        # other: only s003 matched no frame -> 1/4; absent because p is present
        ("A", "other"): (0.25, False, "A-s003", ""),
        ("B", "f"): (0.0, False, "", ""), ("B", "g"): (0.0, False, "", ""),
        ("B", "p"): (0.0, False, "", ""), ("B", "r"): (0.0, False, "", ""),
        ("B", "other"): (1.0, True, "B-s000", ""),
        ("C", "f"): (0.0, False, "", ""), ("C", "g"): (0.0, False, "", ""),
        ("C", "p"): (0.0, False, "", ""), ("C", "r"): (0.0, False, "", ""),
        ("C", "other"): (0.0, False, "", ""),
    }
    assert list(table.columns) == frames.FRAME_COLUMNS
    assert table[["article_id", "scheme", "frame"]].values.tolist() == sorted(
        table[["article_id", "scheme", "frame"]].values.tolist())
    schemas.validate(table, schemas.FRAMES)


def test_scores_are_deterministic_and_cues_are_reported(tmp_path):
    codebook = frames.load_codebook(_write_codebook(tmp_path, MINI_CODEBOOK))
    first = frames.score_frames(*_mini_corpus(), codebook=codebook)
    shuffled = [table.iloc[::-1] for table in _mini_corpus()]
    second = frames.score_frames(*shuffled, codebook=codebook)
    assert first.to_csv(index=False) == second.to_csv(index=False)
    cues = first.set_index(["article_id", "frame"])["cues"]
    assert cues[("A", "f")] == "chat | chien | denial"
    assert cues[("A", "g")] == "sides:side_a+side_b"


def test_missing_lemma_rows_leave_text_rules_working(tmp_path):
    codebook = frames.load_codebook(_write_codebook(tmp_path, MINI_CODEBOOK))
    sentences, _, *rest = _mini_corpus()
    no_lemmas = pd.DataFrame(columns=["sentence_id", "lemmas"])
    table = frames.score_frames(sentences, no_lemmas, *rest, codebook=codebook)
    row = table[(table["article_id"] == "A") & (table["frame"] == "f")].iloc[0]
    # the regex "chien" and the denial still match; "chat" is still found as a word of the text
    assert row["indicators"] == "f_q1 | f_q2 | f_q3"


def test_empty_and_malformed_inputs(codebook):
    empty = frames.score_frames(pd.DataFrame(columns=["sentence_id", "article_id", "kind", "text"]),
                                pd.DataFrame(columns=["sentence_id", "lemmas"]), codebook=codebook)
    assert empty.empty and list(empty.columns) == frames.FRAME_COLUMNS
    with pytest.raises(ValueError, match="sentences lacks the column"):
        frames.score_frames(pd.DataFrame({"sentence_id": ["x"]}),
                            pd.DataFrame(columns=["sentence_id", "lemmas"]),
                            codebook=codebook)


def test_every_article_gets_every_frame(codebook):
    tables = one_sentence_tables("Rien à signaler.")
    table = frames.score_frames(**tables, codebook=codebook)
    assert len(table) == 5 + 15
    assert set(table["frame"]) == set(GENERIC_FRAMES) | set(POLICY_FRAMES) | {"other"}


def test_outlet_frame_scores_averages_by_label():
    table = pd.DataFrame([
        ("a1", "generic", "conflict", 1.0, True), ("a2", "generic", "conflict", 0.5, False),
        ("a3", "generic", "conflict", 0.25, False), ("a9", "generic", "conflict", 0.75, True),
    ], columns=["article_id", "scheme", "frame", "score", "present"])
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet": ["X", "X", "Y"],
                             "label": ["X · 1", "X · 2", "Y · 1"]})
    summary = frames.outlet_frame_scores(table, articles, by="outlet")
    got = {r.outlet: (r.mean_score, r.share_present, r.n_articles) for r in summary.itertuples()}
    # a9 is missing from the articles table: shown under its own id, not dropped
    assert got == {"X": (0.75, 0.5, 2), "Y": (0.25, 0.0, 1), "a9": (0.75, 1.0, 1)}
    assert list(frames.outlet_frame_scores(table, articles).columns) == ["label", *frames.OUTLET_COLUMNS]


# --------------------------------------------------------------------------------------------------
# The five seed articles
# --------------------------------------------------------------------------------------------------
# The clean stage is written elsewhere; here each seed is cut into paragraphs by hand from our reading:
# navigation, captions, photo credits, related-article links and hashtags are dropped, subheads are
# "heading", the first line is the headline (003 prints none), and lines broken inside a quote are joined.

DROPPED_LINES = {
    "000": ["Dans la même rubrique :", "Un soldat en Corée du Nord Wikipedia",
            "Publié par Jean-Baptiste Le Roux le 10 Octobre 2024"],
    "001": ["Crédit : Reuters", "A voir aussi",
            "Il a fait deux ans de prison après un dessin anti-guerre en Ukraine que sa fille avait réalisé",
            "Olena Zelenska, \"Première dame\" d'Ukraine ne veut pas que son peuple soit oublié",
            "La tension monte en Corée entre le Nord et le Sud"],
    "002": ["International", "Aucun commentaire", "Loading"],
    "003": ["News Day FR", "Ajouter", "Article ajouté", "Téléchargez le PDF", "Belgique",
            "For Latest Updates Follow us on Google News"],
    "004": ["10:3919/12/2024, الخميس", "AFP", "Crédit Photo : X /", "À lire également:",
            "Plusieurs milliers de soldats nord-coréens auraient été envoyés en Russie ces dernières "
            "semaines "
            "pour renforcer l'armée russe, selon des sources occidentales."],
}
HEADINGS = {
    "000": ["Une implication militaire nord-coréenne en Ukraine",
            "Un soutien croissant de Pyongyang à Moscou"],
    "001": ["10 000 soldats ?", "La France prudente"],
    "002": ["Des soldats nord-coréens en première ligne",
            "Un accord de défense mutuelle entre Moscou et Pyongyang",
            "Une coopération militaire aux enjeux géopolitiques"],
    "003": [],
    "004": ["Victimes et rôle des troupes nord-coréennes", "Une intensification des offensives",
            "Contexte des relations Russie-Corée du Nord"],
}
# Hand coding of the other stages' evidence, from our reading (a fragment of text in the sentence).
DENIALS = {"000": ["aient nié toute implication", "malgré les démentis officiels"],
           "003": ["Pyongyang a démenti"]}
CLAIMS = {
    "000": [("tués dans le conflit", "killed"), ("auraient été tués en Ukraine", "killed"),
            ("la mort de six officiers", "killed")],
    "001": [("ont été tués le 3 octobre", "killed"), ("jusqu'à 12 000 soldats", "deployed")],
    "002": [("ont été tués ou blessés", "killed_or_wounded"),
            ("au moins 30 soldats nord-coréens morts", "killed")],
    "003": [("environ 10 000 soldats", "deployed")],
    "004": [("ont été tués en décembre", "killed"), ("ont été blessés", "wounded")],
}
ATTRIBUTIONS = {"000": [("aient nié toute implication", group)
                        for group in ("russia", "north_korea", "south_korea")]}


def _seed_paragraphs(key: str) -> list[tuple[str, str]]:
    path = sorted(RAW_DIR.glob(f"{key}_*.txt"))[0]
    drop = set(DROPPED_LINES[key])
    out: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.replace("\xa0", " ").strip().lstrip("•").strip()
        if not line or line in drop or line.startswith(("#", "À lire aussi")):
            continue
        if out and out[-1][1] == "body" and (not re.search(r"[.!?:»”]$", out[-1][0])
                                             or line[0].islower() or line[0] in ",."):
            out[-1] = (out[-1][0] + " " + line, "body")
            continue
        kind = "headline" if not out and key != "003" else ("heading" if line in HEADINGS[key] else "body")
        out.append((line, kind))
    return out


def _rows_containing(rows: list[dict], fragments) -> list[str]:
    ids = [row["sentence_id"] for row in rows for fragment in fragments if fragment in row["text"]]
    assert len(ids) >= len(fragments), f"a hand-coded fragment was not found: {fragments}"
    return ids


@pytest.fixture(scope="module")
def seed_frames(codebook) -> pd.DataFrame:
    nlp = load_nlp()
    sentences, lemmas, stance, claims, attributions = [], [], [], [], []
    for key in ["000", "001", "002", "003", "004"]:
        article_id = sorted(RAW_DIR.glob(f"{key}_*.txt"))[0].stem
        rows = []
        for text, kind in _seed_paragraphs(key):
            for sent in nlp(text).sents:
                if sent.text.strip():
                    sid = f"{article_id}-s{len(rows):03d}"
                    rows.append({"sentence_id": sid, "article_id": article_id, "kind": kind,
                                 "text": sent.text.strip()})
                    lemmas.append({"sentence_id": sid, "lemmas": " ".join(
                        t.lemma_.lower() for t in sent if t.is_alpha and not t.is_stop)})
        sentences += rows
        denials = _rows_containing(rows, DENIALS.get(key, []))
        stance += [{"sentence_id": sid, "denial": True} for sid in denials]
        for fragment, kind in CLAIMS.get(key, []):
            claims += [{"sentence_id": sid, "kind": kind} for sid in _rows_containing(rows, [fragment])]
        for fragment, group in ATTRIBUTIONS.get(key, []):
            attributions += [{"sentence_id": sid, "actor_group": group}
                             for sid in _rows_containing(rows, [fragment])]
    table = frames.score_frames(pd.DataFrame(sentences), pd.DataFrame(lemmas), pd.DataFrame(attributions),
                                pd.DataFrame(stance), pd.DataFrame(claims), codebook=codebook)
    table["seed"] = table["article_id"].str[:3]
    table.attrs["text"] = {row["sentence_id"]: row["text"] for row in sentences}
    return table


def _cell(table: pd.DataFrame, seed: str, frame: str, scheme: str = "generic") -> pd.Series:
    return table[(table["seed"] == seed) & (table["scheme"] == scheme) & (table["frame"] == frame)].iloc[0]


def _evidence_texts(table: pd.DataFrame, row: pd.Series) -> list[str]:
    ids = row["evidence_sentence_ids"].split(" | ") if row["evidence_sentence_ids"] else []
    return [table.attrs["text"][sid] for sid in ids]


SEEDS = ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_conflict_and_security_are_present_everywhere(seed_frames, seed):
    # every seed reports fighting, a denial or non-confirmation, and losses
    assert _cell(seed_frames, seed, "conflict")["present"]
    assert _cell(seed_frames, seed, "security_and_defense", "policy")["present"]


def test_seed_conflict_indicators(seed_frames):
    # 002 voices no reproach (Zelensky speaks of "une autre étape dans l'escalade", Ukraine "alerte");
    # every other seed has one: accusé (000), a dénoncé (001), diffamer (003), ont dénoncé (004).
    scores = {seed: _cell(seed_frames, seed, "conflict")["score"] for seed in SEEDS}
    assert scores == {"000": 1.0, "001": 1.0, "002": 0.75, "003": 1.0, "004": 1.0}
    assert "conflict_q2" not in _cell(seed_frames, "002", "conflict")["indicators"]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_human_interest_and_morality_are_absent(seed_frames, seed):
    # no named ordinary person, no emotive vignette, no civilians, no moral or religious language once the
    # related-article links of 001 (Zelenska, the father jailed for his daughter's drawing) are removed
    assert _cell(seed_frames, seed, "human_interest")["score"] == 0.0
    assert _cell(seed_frames, seed, "morality")["score"] == 0.0


def test_seed_economic_consequences_only_in_002_and_weak(seed_frames):
    # 002: Moscow supplies fuel, anti-aircraft missiles and "une aide économique" in exchange for the troops:
    # an economic consequence of the course of action (q3), but no money figure (q1) and no cost (q2);
    # "des combats ... ont coûté la vie" is about deaths.
    row = _cell(seed_frames, "002", "economic_consequences")
    assert row["indicators"] == "economic_consequences_q3"
    assert row["score"] == pytest.approx(1 / 3) and not row["present"]
    assert any("carburant" in text for text in _evidence_texts(seed_frames, row))
    for seed in ["000", "001", "003", "004"]:
        assert _cell(seed_frames, seed, "economic_consequences")["score"] == 0.0
    # The policy frame needs one sentence since its threshold was calibrated on the held-out dev split
    # (frames.yaml, 2026-12): "Moscou soutient Pyongyang en lui fournissant du carburant … et une aide
    # économique" makes it present, as the adjudicated seed coding has it (data/annotations).
    policy = _cell(seed_frames, "002", "economic", "policy")
    assert policy["score"] > 0 and policy["present"]


def test_seed_responsibility(seed_frames):
    # 000: Pyongyang accused of supplying arms (q2); Putin signed the defence pact with Kim Jong Un (q4);
    #      more troops "pourrait être imminent" (q5)
    row = _cell(seed_frames, "000", "responsibility")
    assert row["indicators"] == "responsibility_q2 | responsibility_q4 | responsibility_q5" and row["present"]
    texts = _evidence_texts(seed_frames, row)
    assert any("Poutine" in text and "signé" in text for text in texts)
    assert not any("Kim Yong-hyun" in text for text in texts)  # the South Korean minister is not "Kim"
    # 001: North Korea "a décidé d'envoyer" (q2); Seoul demands "le retrait immédiat" (q3, q5)
    assert _cell(seed_frames, "001", "responsibility")["indicators"] == \
        "responsibility_q2 | responsibility_q3 | responsibility_q5"
    # 002 assigns no responsibility and proposes nothing;
    # the treaty's "aide militaire immédiate" is no call to act
    assert _cell(seed_frames, "002", "responsibility")["score"] == 0.0
    # 003: Seoul "a pris plusieurs mesures" (q1)
    assert "responsibility_q1" in _cell(seed_frames, "003", "responsibility")["indicators"]
    # 004: the US and allies "ont exhorté Pyongyang à rapatrier ses troupes" (q3, q5)
    row = _cell(seed_frames, "004", "responsibility")
    assert row["indicators"] == "responsibility_q3 | responsibility_q5" and row["present"]
    assert not any("aide militaire immédiate" in text for text in _evidence_texts(seed_frames, row))


def test_seed_policy_frames(seed_frames):
    present = {seed: set(seed_frames[(seed_frames["seed"] == seed) & (seed_frames["scheme"] == "policy")
                                     & seed_frames["present"]]["frame"]) for seed in SEEDS}
    # viral videos on social networks open 001 and only 001
    assert [seed for seed in SEEDS if "public_opinion" in present[seed]] == ["001"]
    # 002 spends three sentences on the mutual defence pact (signed, in force, what it stipulates)
    assert "legality_constitutionality_jurisprudence" in present["002"]
    # nobody writes about crime, fairness, culture, morality or daily life
    for seed in SEEDS:
        assert not present[seed] & {"crime_and_punishment", "fairness_and_equality", "cultural_identity",
                                    "morality", "quality_of_life", "health_and_safety"}
        assert "other" not in present[seed]


def test_seed_output_is_valid(seed_frames):
    schemas.validate(seed_frames.drop(columns="seed"), schemas.FRAMES)
    assert len(seed_frames) == 5 * (5 + 15)


def test_score_frames_from_dir(tmp_path, codebook):
    tables = one_sentence_tables("Kiev accuse Moscou de mentir.")
    for name in ("sentences", "lemmas"):
        tables[name].to_csv(tmp_path / f"{name}.csv", index=False)
    table = frames.score_frames_from_dir(tmp_path, codebook)  # no attributions, stance or claims: words only
    assert _cell(table.assign(seed="t"), "t", "conflict")["indicators"] == "conflict_q2"
    (tmp_path / "lemmas.csv").unlink()
    with pytest.raises(ConfigError, match="lemmas.csv is missing"):
        frames.score_frames_from_dir(tmp_path, codebook)
