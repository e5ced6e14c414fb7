"""Control and invisible characters: removed from the cleaned text, kept in the ledger, never a lost article.

A stray NUL (a damaged export) no longer makes a whole article "binary": the byte is removed with a warning
naming the file and line and a removed_lines row with its reason. Zero-width and bidi characters are
normalised out of titles and text the same way. The fixtures are written here, byte by byte.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.clean.boilerplate import clean_lines
from analysis.clean.characters import find_hidden, hide_characters, restore_columns, visible_text
from analysis.clean.document import clean_document, ledger_check
from analysis.clean.reading import RawDocument, read_raw_file, read_raw_folder
from analysis.clean.stage import clean_corpus, write_cleaned
from analysis.core.tables import read_csv

NUL_ARTICLE = (
    "Des soldats nord-coréens déployés près de Koursk\n"
    "\n"
    "Selon le renseignement sud-coréen, plusieurs milliers de soldats nord-coréens ont été envoyés en Rus\x00sie "
    "pour combattre l'armée ukrainienne.\n"
    "Moscou et Pyongyang démentent toute présence de ces troupes sur le front, selon leurs porte-parole.\n"
)


def test_find_hidden_groups_runs_by_kind():
    runs = find_hidden("a\u200b\u200bb\x00\u202bc\u00ad")
    assert [(run.col, run.text, run.reason, run.rule) for run in runs] == [
        (1, "\u200b\u200b", "invisible_character", "zero_width:U+200B"),
        (4, "\x00", "control_character", "control:U+0000"),
        (5, "\u202b", "invisible_character", "bidi:U+202B"),
        (7, "\u00ad", "invisible_character", "soft_hyphen:U+00AD"),
    ]
    assert visible_text("Kou\u200brsk\u202c\x7f") == "Koursk"
    # tab, no-break spaces and typographic apostrophes are text, not hidden characters
    assert find_hidden("l\u2019OTAN\u00a0: \tnon") == []


def test_a_stray_nul_byte_does_not_make_a_file_binary(tmp_path):
    (tmp_path / "article.txt").write_bytes(NUL_ARTICLE.encode("utf-8"))
    (document,) = read_raw_file(tmp_path / "article.txt", tmp_path)
    assert document.error == ""
    assert document.lines[2].count("\x00") == 1  # reading keeps the raw line; the cleaner removes the byte


def test_a_file_that_is_mostly_control_characters_is_still_binary(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02 Koursk \x03\x04\x05\x06\x07\x08\x00\x00")
    (document,) = read_raw_file(tmp_path / "image.txt", tmp_path)
    # 11 of the 19 characters are control characters (3 of them NUL); without the 2 NULs that end it, 9 of 17
    assert document.error == "binary file (not text: 58% control characters, 3 of them NUL bytes)"


def test_nul_padding_at_the_end_of_an_export_is_not_binary(tmp_path):
    (tmp_path / "coupe.txt").write_bytes(NUL_ARTICLE.encode("utf-8") + b"\x00" * 4000)
    (document,) = read_raw_file(tmp_path / "coupe.txt", tmp_path)
    assert document.error == "" and document.lines[-1] == "\x00" * 4000


@pytest.fixture(scope="module")
def damaged_run(tmp_path_factory):
    """The clean stage on a folder with a NUL in a .txt, a zero-width space in a headline, bidi marks in a jsonl."""
    raw = tmp_path_factory.mktemp("raw")
    (raw / "nul.txt").write_bytes(NUL_ARTICLE.encode("utf-8"))
    (raw / "zws.txt").write_text(
        "Koursk\u200b : Séoul affirme que des soldats nord-coréens sont au front\n\n"
        "Le service de renseignement sud-coréen affirme que des soldats nord-coréens combattent à Koursk.\n",
        encoding="utf-8")
    records = [
        {"titre": "Le Kremlin\u200b dément", "texte": "\u202bLe Kremlin dément\u202c toute présence de soldats "
                                                      "nord-coréens sur le sol russe, a déclaré un porte-parole."},
        {"title": "\u2066Kiev\u2069 accuse", "text": "Kiev affirme que des soldats nord-coréens\u200e ont été "
                                                     "engagés dans la région de Koursk, selon son armée."},
    ]
    (raw / "corpus.jsonl").write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
                                      encoding="utf-8")
    corpus = clean_corpus(raw, cache_dir=None, progress=False, n_process=1)
    processed = tmp_path_factory.mktemp("processed")
    write_cleaned(corpus, processed)
    return raw, corpus, processed


def test_the_nul_is_removed_with_a_warning_and_a_ledger_row(damaged_run):
    raw, corpus, processed = damaged_run
    articles = read_csv(processed / "articles.csv").set_index("source_file")
    assert articles.loc["nul.txt", "status"] == "ok"
    body = corpus.paragraphs[corpus.paragraphs.article_id == "nul"].text.tolist()
    assert any("envoyés en Russie pour combattre" in text for text in body)
    assert not any("\x00" in text for text in corpus.paragraphs.text)
    removed = read_csv(processed / "removed_lines.csv")  # read back from the written file, NUL and all
    row = removed[(removed.article_id == "nul") & (removed.reason == "control_character")]
    assert len(row) == 1
    line = NUL_ARTICLE.split("\n")[2]
    assert (int(row.line_no.iloc[0]), int(row.col_start.iloc[0])) == (3, line.index("\x00"))
    assert (row.text.iloc[0], row.rule.iloc[0]) == ("\x00", "control:U+0000")
    warnings = read_csv(processed / "warnings.csv").warning.tolist()
    assert ("nul.txt: line 3: control character(s) U+0000 removed (a damaged export?); kept in removed_lines.csv "
            "with reason control_character") in warnings


def test_a_zero_width_space_leaves_the_headline(damaged_run):
    _, corpus, _ = damaged_run
    articles = corpus.articles.set_index("source_file")
    assert articles.loc["zws.txt", "title"] == "Koursk : Séoul affirme que des soldats nord-coréens sont au front"
    headline = corpus.paragraphs[(corpus.paragraphs.article_id == "zws") & (corpus.paragraphs.kind == "headline")]
    assert headline.text.tolist() == ["Koursk : Séoul affirme que des soldats nord-coréens sont au front"]
    removed = corpus.removed_lines[corpus.removed_lines.article_id == "zws"]
    zero_width = removed[removed.reason == "invisible_character"]
    assert zero_width[["line_no", "col_start", "text", "rule"]].values.tolist() == [[1, 6, "\u200b", "zero_width:U+200B"]]


def test_bidi_marks_and_invisible_characters_leave_corpus_records(damaged_run):
    _, corpus, _ = damaged_run
    records = corpus.articles[corpus.articles.source_file == "corpus.jsonl"].set_index("source_record")
    assert records.loc[1, "title"] == "Le Kremlin dément"  # the given title, from the French "titre" key
    assert records.loc[2, "title"] == "Kiev accuse"
    sentences = corpus.sentences[corpus.sentences.article_id.str.startswith("corpus")].text.tolist()
    assert "Le Kremlin dément toute présence de soldats nord-coréens sur le sol russe, a déclaré un " \
           "porte-parole." in sentences
    assert not any(set(text) & set("\u202b\u202c\u2066\u2069\u200e\u200b") for text in corpus.sentences.text)
    removed = corpus.removed_lines[corpus.removed_lines.source_file == "corpus.jsonl"]
    assert sorted(removed[removed.reason == "invisible_character"].rule) == \
        ["bidi:U+200E", "bidi:U+202B", "bidi:U+202C"]
    # bidi and zero-width characters are normalised silently: only control characters are warned about
    assert not any("control character" in warning for warning in corpus.warnings if "corpus.jsonl" in warning)


def test_every_damaged_line_is_accounted_for(damaged_run):
    raw, corpus, _ = damaged_run
    documents = {(doc.source_file, doc.source_record): doc for doc in read_raw_folder(raw)}
    for cleaned in corpus.documents:
        assert ledger_check(documents[cleaned.source_file, cleaned.source_record], cleaned) == []


def test_a_control_character_in_a_corpus_record_names_the_record(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"text": "Ligne une.\\nLa deuxi\\u00e8me ligne\\u0000 du texte."}\n'
                                      '{"text": "Un autre article sans d\\u00e9faut."}\n', encoding="utf-8")
    (document, _) = read_raw_folder(tmp_path)
    cleaned = clean_document(document)
    assert cleaned.notes[0].startswith("record 1 (line 1 of the file), line 2: control character(s) U+0000 removed")
    assert [paragraph.text for paragraph in cleaned.paragraphs] == ["Ligne une.", "La deuxième ligne du texte."]


def test_restore_columns_splits_a_segment_around_hidden_characters():
    raw = ["Ko\u200burs\x00k tient, dit Kiev."]
    visible, hidden = hide_characters(raw)
    assert visible == ["Koursk tient, dit Kiev."]
    paragraphs, removed, _ = clean_lines(visible)
    restored, pieces = restore_columns(paragraphs, removed, raw, hidden)
    assert [(segment.col_start, segment.col_end, segment.offset, segment.text) for segment in restored[0].segments] \
        == [(0, 2, 0, "Ko"), (3, 6, 2, "urs"), (7, 25, 5, "k tient, dit Kiev.")]
    assert restored[0].text == "Koursk tient, dit Kiev."
    assert [(piece.col_start, piece.text, piece.reason) for piece in pieces] == [
        (2, "\u200b", "invisible_character"), (6, "\x00", "control_character")]


# --------------------------------------------------------------------------------------------------
# Any page: hidden characters change nothing but the ledger

PAGE_LINES = st.sampled_from([
    "", "Aucun commentaire", "Partager sur Facebook", "Par Marie Durand", "Crédit : Reuters", "#Russie",
    "Séoul affirme que Pyongyang a envoyé de nouvelles troupes en Russie",
    "Des soldats nord-coréens à l’entraînement dans l’Extrême-Orient russe, selon Séoul.",
    "« une aide militaire immédiate »", ", a déclaré le porte-parole.", "Le Kremlin dément ces informations.",
])
HIDDEN = st.sampled_from(["\x00", "\x01", "\x1f", "\x7f", "\x85", "\u200b", "\u200d", "\ufeff", "\u200e", "\u202b",
                          "\u202c", "\u2066", "\u00ad"])


@st.composite
def damaged_pages(draw):
    lines = draw(st.lists(PAGE_LINES, min_size=1, max_size=12))
    damaged = []
    for line in lines:
        for _ in range(draw(st.integers(0, 2))):
            position = draw(st.integers(0, len(line)))
            line = line[:position] + draw(HIDDEN) + line[position:]
        damaged.append(line)
    return damaged


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_pages())
def test_hidden_characters_change_nothing_but_the_ledger(lines):
    damaged = clean_document(RawDocument("page.txt", None, lines, "sha"))
    clean = clean_document(RawDocument("page.txt", None, [visible_text(line) for line in lines], "sha"))
    assert ledger_check(RawDocument("page.txt", None, lines, "sha"), damaged) == []
    assert [(p.kind, p.text) for p in damaged.paragraphs] == [(p.kind, p.text) for p in clean.paragraphs]
    hidden = [piece for piece in damaged.removed if piece.reason in ("control_character", "invisible_character")]
    assert "".join(piece.text for piece in hidden) == "".join(run.text for line in lines for run in find_hidden(line))
