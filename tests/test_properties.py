"""Properties that must hold for any input (hypothesis): nothing raises, nothing is lost, offsets are exact.

- the cleaner: any Unicode text, or any bytes, saved as a .txt is read and cleaned without an
  exception, and every raw line is accounted for (clean.ledger_check);
- the sentence table: for any French-like article, article_text[char_start:char_end] is the
  sentence's text (and the same for paragraphs);
- the claim extractor: analysis.annotate.claims.find_claims never raises, and every claim's offsets slice its
  sentence back to the claim's ``text``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.annotate.claims import find_claims
from analysis.clean.boilerplate import article_text
from analysis.clean.document import clean_document, ledger_check
from analysis.clean.reading import read_raw_file
from analysis.clean.stage import clean_corpus
from analysis.core.nlp import load_nlp

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------------------------------
# French-like text: our own vocabulary of news about the deployment, with the typography, numbers and
# page furniture French news pages carry, mixed with arbitrary Unicode.

WORDS = st.sampled_from([
    "Séoul", "Pyongyang", "Moscou", "Kiev", "Koursk", "l’armée", "d’après", "selon", "le", "la", "les", "des",
    "soldats", "nord-coréens", "militaires", "troupes", "Nord-Coréens", "auraient", "seraient", "ont", "été",
    "tués", "blessés", "déployés", "envoyé", "a", "déclaré", "affirme", "dément", "renseignement",
    "sud-coréen", "ukrainien", "russe", "région", "front", "mardi", "octobre", "2024", "M.", "Kim", "Jong-un",
    "Poutine", "Zelensky", "OTAN", "l’Ukraine", "qu’", "n’a", "pas", "confirmé", "environ", "près", "de",
    "plus", "moins", "entre", "et", "au", "moins", "quelque", "plusieurs", "milliers", "centaines",
    "dizaines", "trois", "mille", "deux", "cents", "douze", "cinq", "onze", "premier", "1er", "etc.",
])
NUMBERS = st.sampled_from([
    "3 000", "10\u00a0000", "12\u202f000", "1 500", "11.000", "1,5", "100", "19/12/2024", "10:39", "2",
    "entre 10 000 et 12 000", "de 8 000 à 10 000", "10 000 à 12 000", "près de 3 000", "quelque 500",
    "au moins 200", "plusieurs milliers de", "des centaines de", "trois mille", "deux cents", "1000s",
    "−5", "-3", "50 %", "3e", "XXe", "200 km", "10 000 000", "0", "007",
])
PUNCTUATION = st.sampled_from([
    ".", ",", ";", ":", "?", "!", "…", "«", "»", "« ", " »", "“", "”", '"', "'", "’", "(", ")", "[", "]", "—",
    "–", "-", "/", "•", "#", "@", "%", "\u00a0", "\u202f", "\t", " ", "  ", "\n", "\n\n", "\r\n", "\r",
])
NOISE_LINES = st.sampled_from([
    "Aucun commentaire", "Partager sur Facebook", "Lire aussi", "À lire aussi :", "Crédit : Reuters", "© AFP",
    "AFP", "#Russie", "Publié le 21/10/2024 à 10h05", "Par Marie Durand", "Loading", "News Day FR",
    "10:3919/12/2024, الخميس", "International",
])
UNICODE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
TOKENS = st.one_of(WORDS, WORDS, WORDS, NUMBERS, PUNCTUATION, PUNCTUATION, UNICODE)


@st.composite
def french_like_text(draw, max_lines: int = 8) -> str:
    """Lines of French-like prose (words, figures, quotes, odd spacing), headlines and page furniture."""
    lines = []
    for _ in range(draw(st.integers(0, max_lines))):
        kind = draw(st.sampled_from(["prose", "prose", "noise", "blank", "title"]))
        if kind == "noise":
            lines.append(draw(NOISE_LINES))
        elif kind == "blank":
            lines.append(draw(st.sampled_from(["", " ", "\u00a0", "\t"])))
        else:
            tokens = draw(st.lists(TOKENS, min_size=1, max_size=25 if kind == "prose" else 8))
            ending = draw(st.sampled_from([".", ".", "!", "?", "…", " »", "", ":"])) if kind == "prose" else ""
            lines.append(" ".join(tokens) + ending)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# The cleaner


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A raw folder the cleaner tests rewrite for each example."""
    return tmp_path_factory.mktemp("properties raw")


def _read_and_clean(folder: Path, data: bytes) -> list[str]:
    """Read and clean ``data`` as a .txt file; return the ledger's problems (empty when lossless)."""
    path = folder / "article généré.txt"
    path.write_bytes(data)
    documents = read_raw_file(path, folder)
    assert len(documents) == 1
    (document,) = documents
    cleaned = clean_document(document)  # must not raise, whatever the bytes
    assert all(paragraph.text.strip() for paragraph in cleaned.paragraphs)
    if document.error:
        assert cleaned.paragraphs == [] and cleaned.error == document.error
    elif not cleaned.paragraphs:
        assert cleaned.error in ("nothing left after cleaning", "only whitespace")
    return ledger_check(document, cleaned)


@SETTINGS
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_unicode_text_file_is_cleaned_without_loss(scratch, text):
    assert _read_and_clean(scratch, text.encode("utf-8")) == []


@SETTINGS
@given(text=french_like_text(max_lines=12), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16",
                                                                     "utf-16-le", "cp1252"]))
def test_any_french_like_page_in_any_encoding_is_cleaned_without_loss(scratch, text, encoding):
    assert _read_and_clean(scratch, text.encode(encoding, errors="replace")) == []


@SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes_named_txt_never_raise(scratch, data):
    assert _read_and_clean(scratch, data) == []


# --------------------------------------------------------------------------------------------------
# Sentence and paragraph offsets, through the whole clean stage


@pytest.fixture(scope="module")
def article_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties article")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=french_like_text(max_lines=8))
def test_sentence_offsets_slice_the_article_text(article_folder, text):
    shutil.rmtree(article_folder)
    article_folder.mkdir()
    (article_folder / "article.txt").write_text(text, encoding="utf-8")
    corpus = clean_corpus(article_folder, cache_dir=None, progress=False)
    assert len(corpus.articles) == 1
    paragraphs = corpus.paragraphs.sort_values("position")
    full = article_text(list(paragraphs.text))
    for row in paragraphs.itertuples():
        assert full[row.char_start:row.char_end] == row.text
    previous_end = 0
    for row in corpus.sentences.sort_values("position").itertuples():
        assert full[row.char_start:row.char_end] == row.text
        assert row.text == row.text.strip() and row.text
        assert row.char_start >= previous_end  # in text order, never overlapping
        previous_end = row.char_end
    assert corpus.articles.n_sentences.iloc[0] == len(corpus.sentences)


# --------------------------------------------------------------------------------------------------
# The claim extractor


def _check_claims(text: str, hedged: bool) -> None:
    doc = load_nlp()(text)
    sentences = list(doc.sents)
    for position, sentence in enumerate(sentences):
        claims = find_claims(sentence, [], hedged, context=sentences[max(0, position - 2):position])
        for claim in claims:
            assert 0 <= claim.char_start < claim.char_end <= len(sentence.text)
            assert sentence.text[claim.char_start:claim.char_end] == claim.text
    find_claims(doc[:], [], hedged)  # the whole text as one span


OPENERS = st.sampled_from(["", "Selon Séoul, ", "D’après Kiev, ", "« ", "Le Pentagone estime que ",
                           "Moscou dément : ", "M. Zelensky affirme qu’", "Au moins "])
COUNTED = st.sampled_from(["soldats nord-coréens", "militaires", "Nord-Coréens", "hommes", "combattants",
                           "soldats", "morts", "blessés", "officiers", "km", "ans", "%"])
PREDICATES = st.sampled_from(["seraient déployés en Russie", "ont été tués", "ont été blessés",
                              "sont arrivés à Koursk", "auraient été capturés", "combattent", "", "»,",
                              "selon le renseignement sud-coréen", "le 19 décembre"])


@st.composite
def claim_like_text(draw) -> str:
    """Sentences built around a figure of people, with arbitrary tokens slipped in anywhere."""
    sentences = []
    for _ in range(draw(st.integers(1, 3))):
        parts = [draw(OPENERS), draw(NUMBERS), draw(COUNTED), draw(PREDICATES)]
        for _ in range(draw(st.integers(0, 3))):
            parts.insert(draw(st.integers(0, len(parts))), draw(TOKENS))
        sentences.append(" ".join(part for part in parts if part) + draw(st.sampled_from([".", " ?", "…", ""])))
    return " ".join(sentences)


@SETTINGS
@given(text=st.one_of(claim_like_text(), claim_like_text(), french_like_text(max_lines=4)), hedged=st.booleans())
def test_claims_of_any_french_like_text_slice_back_to_their_text(text, hedged):
    _check_claims(text, hedged)


@SETTINGS
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_claims_of_any_unicode_text_never_raise(text):
    _check_claims(text, False)


@pytest.mark.parametrize("text", [
    "Selon Séoul, entre 10 000 et 12 000 soldats nord-coréens seraient déployés.",
    "« Près de 3 000 militaires ont été tués », a déclaré M. Zelensky… 1 500 autres blessés.",
    "Plusieurs milliers de Nord-Coréens, dont 200 officiers — selon Kiev.",
])
def test_claims_of_example_sentences_slice_back(text):
    """Sentences of our own that certainly hold figures: the property is checked on real claims too."""
    doc = load_nlp()(text)
    found = [claim for sentence in doc.sents for claim in find_claims(sentence, [], False)]
    assert found, "these sentences each state a number of soldiers"
    _check_claims(text, False)
