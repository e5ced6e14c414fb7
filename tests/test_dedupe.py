"""Exact and near-duplicate detection (normalised hash, MinHash LSH confirmed by true Jaccard)."""

from __future__ import annotations

import math
import random
import re

import pytest

from analysis.clean.dedupe import find_duplicates, lsh_bands, normalize_text, shingles, text_hash

# A dispatch of our own, republished with two different lead sentences.
BODY = (
    "Les services de renseignement sud-coréens estiment que près de 11 000 militaires nord-coréens se "
    "trouvent désormais en Russie, dont une partie a été déployée dans la région frontalière de Koursk. "
    "D’après un député qui a assisté à une réunion à huis clos, les pertes se compteraient par centaines, "
    "en raison notamment du manque d’expérience de ces unités face aux drones ukrainiens. Le ministère "
    "russe de la Défense n’a fait aucun commentaire. À Pyongyang, l’agence officielle KCNA a qualifié ces "
    "informations de propagande destinée à salir l’image du pays. Washington et ses alliés ont de leur "
    "côté dénoncé une escalade dangereuse et appelé la Corée du Nord à retirer ses troupes. Selon des "
    "analystes, Moscou pourrait en échange fournir à son allié des technologies militaires, du pétrole et "
    "une aide alimentaire, ce qui renforcerait durablement le rapprochement entre les deux régimes. "
    "Le traité de défense mutuelle signé en juin prévoit une assistance militaire immédiate si l’un des "
    "deux pays est attaqué. Kiev redoute que de nouveaux contingents soient envoyés au printemps, et "
    "réclame à ses partenaires occidentaux davantage de systèmes de défense aérienne ainsi que des "
    "munitions d’artillerie pour tenir la ligne de front pendant l’hiver."
)
LEAD_A = ("Au moins une centaine de soldats nord-coréens auraient été tués depuis le début du mois, "
          "affirme Séoul.")
LEAD_B = ("La Corée du Sud a de nouveau alerté jeudi sur l’engagement de soldats de Pyongyang aux côtés "
          "de l’armée russe.")
UNRELATED = (
    "La récolte de pommes a été excellente cette année dans la vallée de la Loire, selon la chambre "
    "d’agriculture. Les producteurs se félicitent d’un été ensoleillé et de pluies régulières en automne, "
    "qui ont permis d’obtenir des fruits sucrés et de bonne taille. Les prix devraient toutefois baisser "
    "sur les marchés, car l’offre dépasse largement la demande des grossistes et des coopératives."
)


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def expected_lead_jaccard() -> float:
    """Jaccard of two copies sharing BODY but not their lead, from the shingle counts.

    Each copy has (words - 4) 5-shingles. The shingles inside BODY are shared: words(BODY) - 4 of
    them. Every shingle that starts in the lead (its own words(lead) of them, the last 4 reaching
    into BODY) belongs to one copy only. Jaccard = shared / (shared + words(LEAD_A) + words(LEAD_B)).
    """
    shared = words(BODY) - 4
    return shared / (shared + words(LEAD_A) + words(LEAD_B))


def test_different_lead_sentence_is_a_near_duplicate():
    texts = {"site-b-001": LEAD_B + "\n\n" + BODY, "site-a-001": LEAD_A + "\n\n" + BODY}
    expected = expected_lead_jaccard()
    assert 0.8 < expected < 0.9  # the fixture is what the test says it is: close, not identical
    duplicates = find_duplicates(texts)
    assert set(duplicates) == {"site-b-001"}  # the smaller id, site-a-001, is the one kept
    kind, original, similarity = duplicates["site-b-001"]
    assert (kind, original) == ("near", "site-a-001")
    assert similarity == pytest.approx(expected, abs=1e-4)


def test_a_higher_threshold_keeps_both_copies():
    texts = {"a": LEAD_A + " " + BODY, "b": LEAD_B + " " + BODY}
    assert find_duplicates(texts, threshold=0.95) == {}


def test_a_pair_exactly_at_the_threshold_is_a_near_duplicate():
    """The threshold is inclusive: a pair whose Jaccard equals it is a near duplicate, one just below is not."""
    texts = {"site-b-001": LEAD_B + "\n\n" + BODY, "site-a-001": LEAD_A + "\n\n" + BODY}
    at = expected_lead_jaccard()  # the same integer ratio find_duplicates computes, so the same float
    assert find_duplicates(texts, threshold=at) == {"site-b-001": ("near", "site-a-001", round(at, 4))}
    assert find_duplicates(texts, threshold=math.nextafter(at, 1.0)) == {}


def test_same_text_with_other_spacing_and_quotes_is_an_exact_duplicate():
    copy = (LEAD_A + "\n\n" + BODY).replace("’", "'").replace(". ", ".  \n")
    texts = {"b-copy": copy, "a-original": LEAD_A + "\n\n" + BODY}
    assert find_duplicates(texts) == {"b-copy": ("exact", "a-original", 1.0)}


def test_guillemets_and_english_quotes_hash_alike():
    assert text_hash("Il a parlé d’une « escalade dangereuse ».") == text_hash(
        'Il a parlé d\'une " escalade dangereuse ".')
    assert normalize_text("  Kiev\u00a0 et\n\nSéoul ") == "Kiev et Séoul"


def test_unrelated_articles_are_not_duplicates():
    assert find_duplicates({"a": LEAD_A + " " + BODY, "b": UNRELATED}) == {}


def test_smallest_id_wins_and_duplicates_point_to_a_kept_article():
    texts = {"z": LEAD_A + " " + BODY, "m": LEAD_B + " " + BODY, "b": LEAD_A + " " + BODY, "c": UNRELATED}
    duplicates = find_duplicates(texts)
    assert duplicates["m"][:2] == ("near", "b")
    assert duplicates["z"] == ("exact", "b", 1.0)
    assert "b" not in duplicates and "c" not in duplicates
    # the order of the dict is irrelevant
    assert find_duplicates(dict(reversed(list(texts.items())))) == duplicates


def test_short_and_empty_texts():
    texts = {"a": "Moscou dément.", "b": "Moscou  dément.", "c": "Kiev confirme.", "d": "", "e": "   "}
    assert find_duplicates(texts) == {"b": ("exact", "a", 1.0)}
    assert shingles("Moscou dément tout.") == set()


def test_shingles_are_word_five_grams():
    assert shingles("Séoul affirme que Pyongyang a envoyé") == {"séoul affirme que pyongyang a",
                                                                 "affirme que pyongyang a envoyé"}


def test_threshold_must_be_a_proportion():
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates({"a": BODY}, threshold=0)


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.8, 0.9])
def test_lsh_bands_find_pairs_at_the_threshold(threshold):
    bands, rows = lsh_bands(threshold)
    assert bands * rows <= 128
    assert 1 - (1 - threshold ** rows) ** bands >= 0.99


def test_pairs_just_above_the_threshold_are_all_found():
    """40 documents of 300 random words, each with a copy whose first 30 words differ.

    Each copy has 296 shingles; the 30 that start within the first 30 words are its own, the other
    266 are shared (random words from a 20,000-word vocabulary almost never repeat a 5-gram), so
    Jaccard = 266 / (266 + 30 + 30) = 0.816, just above the 0.8 threshold.
    """
    generator = random.Random(7)
    vocabulary = [f"mot{index}" for index in range(20000)]
    texts = {}
    for number in range(40):
        document = generator.choices(vocabulary, k=300)
        texts[f"doc{number:03d}-a"] = " ".join(document)
        texts[f"doc{number:03d}-b"] = " ".join(generator.choices(vocabulary, k=30) + document[30:])
    duplicates = find_duplicates(texts)
    assert set(duplicates) == {f"doc{number:03d}-b" for number in range(40)}
    for article_id, (kind, original, similarity) in duplicates.items():
        assert (kind, original) == ("near", article_id.replace("-b", "-a"))
        assert similarity == pytest.approx(266 / 326, abs=0.01)
