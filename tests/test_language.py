"""Language detection with lingua over a fixed list of candidate languages."""

from __future__ import annotations

from analysis.clean.language import MIN_LETTERS, count_letters, detect_language, detect_languages

FRENCH = ("Selon les services de renseignement sud-coréens, plusieurs milliers de soldats nord-coréens "
          "auraient été envoyés en Russie. Le Kremlin n’a ni confirmé ni démenti ces informations, "
          "tandis que Kiev affirme que les premiers combats ont eu lieu dans la région de Koursk.")
ENGLISH = ("According to South Korean intelligence, several thousand North Korean soldiers have been sent "
           "to Russia. The Kremlin has neither confirmed nor denied the reports, while Kyiv says the first "
           "clashes took place in the Kursk region.")
GERMAN = ("Nach Angaben des südkoreanischen Geheimdienstes sollen mehrere tausend nordkoreanische Soldaten "
          "nach Russland geschickt worden sein. Der Kreml hat die Berichte weder bestätigt noch dementiert.")


def test_french_paragraph():
    code, confidence = detect_language(FRENCH)
    assert code == "fr" and confidence > 0.9


def test_english_paragraph():
    code, confidence = detect_language(ENGLISH)
    assert code == "en" and confidence > 0.9


def test_german_paragraph():
    assert detect_language(GERMAN)[0] == "de"


def test_too_short_text_is_unknown():
    assert count_letters("Crédit : AFP 2024") == 9  # C r é d i t, A F P
    assert detect_language("Crédit : AFP 2024") == ("", 0.0)
    assert detect_language("") == ("", 0.0)
    # digits and punctuation are not letters
    assert detect_language("12 000 — 3 000 / 7 000 !!!") == ("", 0.0)


def test_threshold_counts_letters_not_characters():
    nineteen = "Séoul dément. Kiev nie."  # S é o u l d é m e n t K i e v n i e = 18 letters
    assert count_letters(nineteen) == 18 < MIN_LETTERS
    assert detect_language(nineteen) == ("", 0.0)
    assert detect_language(nineteen + " Moscou se tait.")[0] == "fr"


def test_detection_is_deterministic_and_batch_agrees():
    texts = [FRENCH, ENGLISH, "Court.", GERMAN]
    single = [detect_language(text) for text in texts]
    assert single == [detect_language(text) for text in texts]
    assert detect_languages(texts) == single
    assert [code for code, _ in single] == ["fr", "en", "", "de"]
