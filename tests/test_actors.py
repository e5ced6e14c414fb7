"""Tests of the actor gazetteer: expected actors and groups written from reading the French phrases."""

from __future__ import annotations

from dataclasses import replace

import pytest

from analysis.annotate.actors import (
    ACTOR_GROUPS,
    ActorMatch,
    Gazetteer,
    find_actors,
    fold_name,
    group_label,
    load_gazetteer,
    match_actor,
)
from analysis.core.errors import ConfigError
from analysis.core.lexicon import read_yaml
from analysis.core.paths import RAW_DIR, resource


@pytest.mark.parametrize(
    ("phrase", "actor", "group"),
    [
        ("le député sud-coréen Lee Seong-kweun", "Lee Seong-kweun", "south_korea"),
        ("Séoul", "Séoul", "south_korea"),
        ("le NIS", "NIS", "south_korea"),
        ("le ministre sud-coréen de la Défense, Kim Yong-hyun", "Kim Yong-hyun", "south_korea"),
        ("Christophe Lemoine, le porte-parole du ministère français des Affaires étrangères",
         "Christophe Lemoine", "france"),
        ("le Quai d'Orsay", "Quai d'Orsay", "france"),
        ("Le nouveau secrétaire général de l’Alliance atlantique, Mark Rutte", "Mark Rutte", "nato"),
        ("l’OTAN", "OTAN", "nato"),
        ("Kim Jong Un", "Kim Jong-un", "north_korea"),
        ("le Kremlin", "Kremlin", "russia"),
        ("Vladimir Poutine", "Vladimir Poutine", "russia"),
        ("Oleksandre Syrsky, commandant en chef de l’armée ukrainienne", "Oleksandr Syrsky", "ukraine"),
        ("le SPRAVDI, une institution gouvernementale ukrainienne", "SPRAVDI", "ukraine"),
        ("le GUR", "GUR", "ukraine"),
        ("Volodymyr Zelensky", "Volodymyr Zelensky", "ukraine"),
        ("Les États-Unis", "États-Unis", "united_states"),
        ("La Corée du Sud", "Corée du Sud", "south_korea"),
        ("Bruxelles", "Bruxelles", "eu"),
        ("des sources occidentales", "sources occidentales", "unnamed_western"),
        ("des experts", "experts", "experts"),
        ("des observateurs", "observateurs", "experts"),
    ],
)
def test_match_actor_names_the_speaker_and_side(phrase: str, actor: str, group: str) -> None:
    match = match_actor(phrase)
    assert match is not None
    assert (match.actor, match.group) == (actor, group)


@pytest.mark.parametrize(
    ("phrase", "group"),
    [
        ("les renseignements ukrainiens", "ukraine"),
        ("les services de renseignement sud-coréens", "south_korea"),
        ("Un haut responsable américain", "united_states"),
        ("la diplomatie russe", "russia"),
        ("le ministère ukrainien de la Défense", "ukraine"),
        ("des responsables nord-coréens", "north_korea"),
        ("des médias ukrainiens", "media"),  # the press is not the government's voice
        ("un média sud-coréen", "media"),
        ("des comptes pro-ukrainiens", "media"),  # "pro-ukrainiens" is not the adjective "ukrainiens"
        ("l'état-major ukrainien", "ukraine"),
    ],
)
def test_role_phrases_and_adjectives_give_the_side(phrase: str, group: str) -> None:
    match = match_actor(phrase)
    assert match is not None and match.group == group


@pytest.mark.parametrize("spelling", ["Kiev", "Kyiv", "Kyïv", "KYIV"])
def test_spelling_variants_of_kyiv_are_ukraine(spelling: str) -> None:
    match = match_actor(f"Selon {spelling}")
    assert match is not None and (match.actor, match.group) == ("Kiev", "ukraine")


def test_typographic_and_straight_apostrophes_match_alike() -> None:
    straight, curly = match_actor("l'OTAN"), match_actor("l’OTAN")
    assert straight is not None and curly is not None
    assert (straight.actor, straight.group, straight.start) == (curly.actor, curly.group, curly.start)


def test_fold_name_keeps_one_character_per_character() -> None:
    text = "Séoul, l’OTAN et Kyïv — à l\u00a0Élysée"
    assert len(fold_name(text)) == len(text)
    assert fold_name(text) == "Seoul, l'OTAN et Kyiv - a l Elysee"


def test_find_actors_lists_every_actor_in_order_with_offsets() -> None:
    text = "Bien que Moscou et Pyongyang aient nié, Séoul reste vigilante face aux comptes pro-ukrainiens."
    matches = find_actors(text)
    assert [(m.actor, m.group) for m in matches] == [
        ("Moscou", "russia"), ("Pyongyang", "north_korea"), ("Séoul", "south_korea"),
        ("comptes pro-ukrainiens", "media"),
    ]
    for match in matches:
        assert text[match.start:match.end] == match.text


def test_longest_match_wins_over_its_parts() -> None:
    # "Kyiv Independent" is a newspaper, not Kyiv; "Corée du Nord" is not "Nord".
    matches = find_actors("Le Kyiv Independent cite la Corée du Nord.")
    assert [(m.actor, m.group) for m in matches] == [("Kyiv Independent", "media"), ("Corée du Nord", "north_korea")]


def test_north_korean_adjective_is_not_south_korean_or_korean() -> None:
    matches = find_actors("des responsables nord-coréens")
    assert [m.group for m in matches] == ["north_korea"]


def test_spacy_person_names_an_unknown_speaker_but_the_role_gives_the_side() -> None:
    phrase = "le député sud-coréen Park Ji-won"
    start = phrase.index("Park")
    match = match_actor(phrase, person_spans=[(start, len(phrase))])
    assert match == ActorMatch("Park Ji-won", "south_korea", start, len(phrase), "person", "Park Ji-won")


def test_unknown_person_alone_is_group_other() -> None:
    phrase = "Jean Dupont"
    match = match_actor(phrase, person_spans=[(0, len(phrase))])
    assert match is not None and (match.actor, match.group) == ("Jean Dupont", "other")
    assert match_actor(phrase) is None  # without spaCy's help nothing in the gazetteer names him


def test_genitive_person_is_not_the_speaker() -> None:
    match = match_actor("le porte-parole de Poutine, Dmitri Peskov")
    assert match is not None and match.actor == "Dmitri Peskov"


@pytest.mark.parametrize("phrase", ["", "   ", "une conférence de presse", "selon les cas", "cette révélation"])
def test_phrases_without_an_actor_give_none(phrase: str) -> None:
    assert match_actor(phrase) is None


def test_bad_input_never_crashes() -> None:
    assert find_actors(None) == []  # type: ignore[arg-type]
    assert match_actor(None) is None  # type: ignore[arg-type]


def test_every_group_has_an_english_label() -> None:
    gazetteer = load_gazetteer()
    assert set(gazetteer.labels) == set(ACTOR_GROUPS)
    assert group_label("south_korea") == "South Korea"
    assert group_label("unnamed_western") == "Unnamed Western sources"
    assert group_label("not_a_group") == "Not a group"


def test_gazetteer_with_a_missing_group_is_refused(tmp_path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("groups:\n  south_korea:\n    entries: [{names: [Séoul]}]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="missing"):
        load_gazetteer(path)


def _gazetteer_file(tmp_path, group: str, spec: str):
    """A gazetteer file whose groups are empty but ``group``, given the YAML flow mapping ``spec``."""
    groups = "\n".join(f"  {name}: {{entries: []}}" for name in ACTOR_GROUPS if name != group)
    path = tmp_path / "actors.yaml"
    path.write_text(f"groups:\n{groups}\n  {group}: {spec}\n", encoding="utf-8")
    return path


def test_gazetteer_with_a_bad_regex_names_the_entry(tmp_path) -> None:
    path = _gazetteer_file(tmp_path, "media", "{entries: [{patterns: ['m[edias']}]}")
    with pytest.raises(ConfigError, match="media"):
        load_gazetteer(path)


def test_gazetteer_can_be_extended_without_code(tmp_path) -> None:
    gazetteer = load_gazetteer(_gazetteer_file(tmp_path, "other",
                                               "{label: Others, entries: [{actor: ONU, names: [Nations unies]}]}"))
    match = match_actor("les Nations unies", gazetteer=gazetteer)
    assert match is not None and (match.actor, match.group) == ("ONU", "other")
    assert group_label("other", gazetteer) == "Others"


def _every_example(node: object) -> list[str]:
    """Every example and counter-example sentence written in a parsed YAML file."""
    if isinstance(node, dict):
        return [text for key, value in node.items() for text in
                (list(value) if key in ("examples", "counter_examples") else _every_example(value))]
    return [text for item in node for text in _every_example(item)] if isinstance(node, list) else []


def _unanchored(gazetteer: Gazetteer) -> Gazetteer:
    """The same gazetteer with every rule scanned on every text (no anchor check)."""
    return Gazetteer(tuple(replace(rule, anchors=frozenset()) for rule in gazetteer.rules), gazetteer.labels,
                     gazetteer.source)


# Spellings the anchors must survive: other separators and case, typographic dashes, accents, and
# non-ASCII text, where the case-insensitive anchors are not checked (the long s of "Moſcou" is an s to
# the regex engine's case-insensitive comparison, but not to str.lower()).
_HARD_SPELLINGS = [
    "KIM JONG-UN a reçu Sergueï Choïgou à Pyongyang.", "Kim  Jong\u2011un et le PREMIER MINISTRE russe.",
    "Le président SUD-CORÉEN Yoon Suk Yeol (윤석열) a parlé.", "Kim Jong Un à Moſcou.",
    "le gur et le nis ne sont pas des sigles ici", "Le GUR et le NIS ont parlé, selon l'OTAN.",
    "La porte\u2010parole du Kremlin, Maria Zakharova.", "le Quai d’Orsay et l’Élysée",
]


def test_anchors_never_change_what_the_gazetteer_finds() -> None:
    gazetteer = load_gazetteer()
    reference = _unanchored(gazetteer)
    seeds = [line for path in sorted(RAW_DIR.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = seeds + _every_example(read_yaml(resource("actors.yaml"), "actors")) + _HARD_SPELLINGS
    assert len(seeds) > 50 and len(texts) > 300
    differing = [text for text in texts if find_actors(text, gazetteer) != find_actors(text, reference)]
    assert differing == []
    # and the check is not vacuous: the actors are found, and most rules do skip most texts
    assert sum(bool(find_actors(text, gazetteer)) for text in texts) > 200
    anchored = [rule for rule in gazetteer.rules if rule.anchors]
    assert len(anchored) > 100


def test_anchors_are_the_longest_part_of_each_name() -> None:
    rules = load_gazetteer().rules
    anchors = {(rule.actor, anchor) for rule in rules for anchor in rule.anchors}
    assert ("Kim Jong-un", ("jong", True)) in anchors  # "Kim Jong-un", "Kim Jong Un": ignoring case
    assert {("GUR", ("GUR", False)), ("GUR", ("HUR", False))} <= anchors  # case-sensitive acronyms
    roles = [rule for rule in rules if rule.kind == "role"]
    assert roles and all({("parole", True), ("ministre", True)} <= rule.anchors for rule in roles)
    # written as regular expressions: no literal is known, so they are always scanned
    assert all(not rule.anchors for rule in rules if rule.kind == "adjective")


def test_a_name_whose_longest_part_is_not_ascii_is_always_scanned(tmp_path) -> None:
    # to the regex engine's case-insensitive comparison, the long s of "Moſcou" is any s: the ASCII
    # "Moscou" matches it, though str.lower() of the text does not contain the name
    gazetteer = load_gazetteer(_gazetteer_file(tmp_path, "russia", "{entries: [{actor: Moscou, names: [Moſcou]}]}"))
    assert [rule.anchors for rule in gazetteer.rules] == [frozenset()]
    assert [match.actor for match in find_actors("Selon Moscou, rien n'a changé.", gazetteer)] == ["Moscou"]
