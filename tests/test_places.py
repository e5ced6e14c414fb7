"""Where sentences place the North Korean soldiers (analysis/resources/places.yaml rules).

Expected places are read off each French sentence by hand: a place counts only when the sentence is
about North Korean troops and locates them (not the war, not another actor).
"""

from __future__ import annotations

import pytest

from analysis.annotate.places import find_places, load_places_gazetteer
from analysis.core.errors import ConfigError
from analysis.core.nlp import load_nlp


def span(text: str):
    return load_nlp()(text)[:]


def places_of(text: str, previous: str | None = None) -> list[tuple[str, str, str]]:
    found = find_places(span(text), span(previous) if previous else None)
    for place in found:
        assert text[place.char_start:place.char_end] == place.cue
    return [(place.place, place.place_group, place.cue) for place in found]


@pytest.mark.parametrize("text, expected", [
    ("Des soldats nord-coréens ont été envoyés en Ukraine.", [("Ukraine", "ukraine", "en Ukraine")]),
    ("Les troupes nord-coréennes sont stationnées en Russie.", [("Russia", "russia", "en Russie")]),
    ("Des soldats nord-coréens combattent sur le front ukrainien.",
     [("Ukrainian front", "ukraine", "sur le front ukrainien")]),
    ("Des militaires nord-coréens ont été tués dans la région de Donetsk.",
     [("Donetsk", "ukraine", "dans la région de Donetsk")]),
    ("Les unités nord-coréennes sont engagées dans l'oblast de Koursk.",
     [("Kursk", "russia", "dans l'oblast de Koursk")]),
    ("Des soldats nord-coréens s'entraînent dans une base militaire russe.",
     [("Russian front", "russia", "base militaire russe")]),
    ("Les forces spéciales nord-coréennes ont été transportées vers Vladivostok.",
     [("Vladivostok", "russia", "vers Vladivostok")]),
    ("Au moins 100 Nord-Coréens ont été tués à Koursk.", [("Kursk", "russia", "à Koursk")]),
    ("Des soldats nord-coréens sont arrivés dans l'Extrême-Orient russe.",
     [("Russian Far East", "russia", "dans l'Extrême-Orient russe")]),
])
def test_places_of_the_troops(text, expected):
    assert places_of(text) == expected


@pytest.mark.parametrize("text", [
    # not about North Korean troops
    "La guerre en Ukraine entre dans sa troisième année.",
    "Des soldats russes sont massés à Koursk.",
    "La Corée du Nord soutient la Russie.",
    # the place locates the war, not the troops
    "Les soldats nord-coréens changent la guerre en Ukraine.",
    # a country name that is not a location ("occupée par la Russie", "contre l'Ukraine")
    "Des soldats nord-coréens combattent contre l'Ukraine.",
    # another actor sent to Ukraine; the North Koreans are in a purpose clause
    "Séoul envisage d'envoyer une équipe en Ukraine pour interroger des Nord-Coréens capturés.",
])
def test_not_places_of_the_troops(text):
    assert places_of(text) == []


def test_place_of_a_relative_clause_on_the_place():
    text = ("Le commandant a signalé des offensives dans la région de Koursk, où des unités nord-coréennes "
            "auraient subi de lourdes pertes.")
    assert places_of(text) == [("Kursk", "russia", "dans la région de Koursk")]


def test_infinitive_takes_the_subject_of_its_governing_verb():
    text = "Des soldats nord-coréens se préparent avec pour objectif de se battre en Ukraine."
    assert places_of(text) == [("Ukraine", "ukraine", "en Ukraine")]


def test_pronoun_continuation():
    previous = "Des soldats nord-coréens ont quitté Pyongyang la semaine dernière."
    assert places_of("Ils ont été déployés dans l'oblast de Koursk.", previous) == [
        ("Kursk", "russia", "dans l'oblast de Koursk")]
    assert places_of("Ils ont été déployés dans l'oblast de Koursk.") == []  # no previous sentence
    assert places_of("Ils ont été déployés dans l'oblast de Koursk.", "Le Kremlin se tait.") == []


@pytest.mark.parametrize("text, expected", [
    ("Séoul annonce que des soldats nord-coréens auraient été tués en Ukraine, vraisemblablement envoyés pour "
     "soutenir les forces russes.", [("Ukraine", "ukraine", "en Ukraine")]),
    ("Il a évoqué des circonstances \"très probables\" quant à la présence de militaires nord-coréens parmi les "
     "victimes d'une attaque de missile ukrainien dans la région de Donetsk, occupée par la Russie.",
     [("Donetsk", "ukraine", "dans la région de Donetsk")]),
    ("Plusieurs milliers de soldats nord-coréens auraient été envoyés en Russie ces dernières semaines pour "
     "renforcer l'armée russe, selon des sources occidentales.", [("Russia", "russia", "en Russie")]),
    ("Le chef de la Direction générale des renseignements du ministère ukrainien de la Défense prévoit que les "
     "premiers éléments nord-coréens seront déployés dans l’oblast russe de Koursk à partir d’aujourd’hui, "
     "mercredi 23 octobre.", [("Kursk", "russia", "dans l’oblast russe de Koursk")]),
    ("La Corée du Sud a annoncé mardi 22 octobre qu’elle envisageait d’envoyer « une équipe » de soldats du "
     "renseignement en Ukraine pour « analyser les tactiques nord-coréennes sur le champ de bataille ou "
     "participer aux interrogatoires des Nord-Coréens capturés ».", []),
    ("Cette révélation souligne les rapports de plus en plus étroits entre la Corée du Nord et la Russie, une "
     "situation qui pourrait avoir des répercussions significatives sur la guerre en Ukraine.", []),
])
def test_seed_sentences(text, expected):
    assert places_of(text) == expected


def test_bad_gazetteer_is_a_config_error(tmp_path):
    path = tmp_path / "places.yaml"
    path.write_text("places:\n  - {place: X, group: mars, names: [X]}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_places_gazetteer(path)


def test_bad_input_gives_no_places():
    assert find_places(None) == []
    assert find_places(span("")) == []


def test_bare_figure_continues_the_troop_sentence():
    previous = "Pyongyang a décidé d'envoyer jusqu'à 12 000 soldats nord-coréens."
    assert places_of("1500 seraient déjà arrivés dans la région de Koursk.", previous) == [
        ("Kursk", "russia", "dans la région de Koursk")]
