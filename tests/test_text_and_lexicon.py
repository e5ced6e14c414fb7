"""The shared text folding, YAML loading and stop-word list of analysis.core."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.lang.fr.stop_words import STOP_WORDS

from analysis.core.errors import ConfigError
from analysis.core.lexicon import load_yaml, stop_words
from analysis.core.tables import join_list, split_list
from analysis.core.text import _fold, fold, squash_spaces

PASTED = "« L’OTAN » a dit\u00a0: “10\u202f000” — à Kyïv, l‘ʼ"


def test_fold_keeps_offsets_and_makes_apostrophes_and_spaces_ascii():
    folded = fold(PASTED)
    assert len(folded) == len(PASTED)
    assert folded == "« L'OTAN » a dit : “10 000” — à Kyïv, l''"


def test_fold_options_add_quotes_dashes_and_accents():
    assert fold(PASTED, quotes=True) == "\" L'OTAN \" a dit : \"10 000\" — à Kyïv, l''"
    assert fold(PASTED, dashes=True, accents=True) == "« L'OTAN » a dit : “10 000” - a Kyiv, l''"
    for options in ({}, {"quotes": True}, {"dashes": True, "accents": True}):
        assert len(fold(PASTED, **options)) == len(PASTED)


def test_squash_spaces_collapses_every_kind_of_whitespace():
    assert squash_spaces("  a\u00a0\tb\n\nc  ") == "a b c"


def test_list_cells_round_trip():
    assert join_list(["south_korea", "", "ukraine"]) == "south_korea | ukraine"
    assert split_list("south_korea | ukraine") == ["south_korea", "ukraine"]
    assert split_list(float("nan")) == [] and split_list("") == []


def test_stop_word_file_is_spacys_list():
    # the file is a copy, so that keyness and the frame codebook need not build spaCy's French data
    assert stop_words() == frozenset(STOP_WORDS)


def test_missing_yaml_names_the_file_and_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="does not exist") as caught:
        load_yaml(tmp_path / "actors.yaml", "the actor gazetteer")
    assert "actors.yaml" in caught.value.message and "restore analysis/resources/actors.yaml" in caught.value.message


def test_broken_yaml_gives_the_line(tmp_path):
    path = tmp_path / "stance.yaml"
    path.write_text("hedge_words:\n  - cue: présumé\n  - cue: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML") as caught:
        load_yaml(path, "the stance lexicon")
    assert caught.value.line == 4
    assert "stance.yaml, line 4" in caught.value.message


@given(st.text(alphabet=st.sampled_from("aé’«»\u00a0\u2013`\t K"), max_size=60))
def test_fold_of_a_word_is_the_same_from_the_cache_as_computed(text):
    # every combination of options, one after the other on the same text: a cache that mixed up the
    # options (or words with longer texts) would give one combination another's answer
    options = [dict(quotes=q, dashes=d, accents=a) for q in (False, True) for d in (False, True) for a in (False, True)]
    for option in options + options[::-1]:
        assert fold(text, **option) == _fold(text, option["quotes"], option["dashes"], option["accents"])
        assert len(fold(text, **option)) == len(text)
