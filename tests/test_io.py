"""Reading the raw folder: encodings, unusable files, corpus files, HTML, folder listing, the seeds."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
from pathlib import Path

import pytest

from analysis.clean.reading import (
    IgnoredFile,
    decode_bytes,
    list_ignored_files,
    list_raw_files,
    read_raw_file,
    read_raw_folder,
    repair_mojibake,
    split_lines,
)
from analysis.core.errors import ConfigError
from analysis.core.paths import RAW_DIR

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def read_one(relative: str, **limits) -> list:
    """The RawDocuments of one fixture file."""
    return read_raw_file(INPUTS / relative, INPUTS, **limits)


def read_single(relative: str, **limits):
    documents = read_one(relative, **limits)
    assert len(documents) == 1
    return documents[0]


def test_fixtures_match_their_generator(tmp_path):
    spec = importlib.util.spec_from_file_location("make_inputs", INPUTS / "make_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for relative, data in module.fixture_files().items():
        assert (INPUTS / relative).read_bytes() == data, f"{relative}: rerun make_inputs.py"


# --- encodings ------------------------------------------------------------------------------------

UTF16_LINES = ["Le Kremlin n’a pas confirmé la présence de troupes nord-coréennes.",
               "Kiev parle d’« escalade »."]


def test_plain_utf8_keeps_typography_exactly():
    document = read_single("encodings/utf8.txt")
    assert (document.encoding, document.encoding_note, document.error) == ("utf-8", "", "")
    # curly quotes, guillemets, NBSP, narrow NBSP, the ﬁ ligature, ellipsis and dash all untouched
    assert document.lines == [
        "Les soldats nord-coréens seraient « plusieurs milliers »,\u00a0selon l’armée ukrainienne.",
        "Le ministère a déclaré\u202f: “Nous ne confirmons pas.” La ﬁn du communiqué… — rien de plus.",
    ]
    assert document.sha256 == hashlib.sha256((INPUTS / "encodings/utf8.txt").read_bytes()).hexdigest()
    assert document.source_record is None and document.file_format == "txt"


def test_utf8_with_bom_and_crlf():
    document = read_single("encodings/utf8_bom.txt")
    assert document.encoding == "utf-8-sig"
    assert document.lines == ["Séoul affirme que 3\u00a0000 soldats sont déjà en Russie.",
                              "Pyongyang dément."]


@pytest.mark.parametrize("name, encoding", [("utf16le_bom.txt", "utf-16-le"),
                                            ("utf16be_bom.txt", "utf-16-be")])
def test_utf16_with_bom(name, encoding):
    document = read_single(f"encodings/{name}")
    assert (document.encoding, document.error) == (encoding, "")
    assert document.lines == UTF16_LINES


def test_utf16_without_bom_is_recognised_from_its_nul_pattern():
    document = read_single("encodings/utf16le_nobom.txt")
    assert document.encoding == "utf-16-le"
    assert "no byte order mark" in document.encoding_note
    assert document.lines == UTF16_LINES


def test_cp1252_file_is_decoded_with_a_note():
    document = read_single("encodings/cp1252.txt")
    assert document.encoding == "cp1252"
    # the first byte that is not UTF-8 is the cp1252 apostrophe (0x92) right after "L"
    assert document.encoding_note == "not valid UTF-8 (byte 0x92 at offset 1); read as cp1252"
    assert document.lines == ["L’armée russe aurait reçu l’aide de soldats nord-coréens, d’après Séoul.",
                              "« Une escalade », juge l’OTAN… — dit un diplomate."]


def test_latin1_is_the_last_resort_when_cp1252_fails():
    document = read_single("encodings/latin1.txt")
    assert document.encoding == "latin-1" and document.error == ""
    assert "nor cp1252; read as latin-1" in document.encoding_note
    assert document.lines[0].startswith("Dépêche reçue à Séoul :\x8d des troupes")


def test_mojibake_is_repaired_and_said():
    document = read_single("encodings/mojibake.txt")
    assert document.encoding == "utf-8"
    assert document.encoding_note == "mojibake repaired by ftfy"
    assert document.lines == ["Les soldats nord-coréens déployés à Koursk, selon l’armée.",
                              "« Une escalade », a dit l’OTAN à Bruxelles."]


@pytest.mark.parametrize("text", [
    "« Nous ne confirmons pas », a dit le porte-parole.",
    "L’OTAN parle d’un “élargissement dangereux”\u00a0; Séoul s’inquiète.",
    "Coût\u202f: 10\u00a0000\u00a0€, soit l’équivalent d’une œuvre — ﬁnancée… par Moscou.",
    "Naïve question : où est passé l'« accord » ?",
])
def test_ftfy_leaves_legitimate_french_typography_alone(text):
    assert repair_mojibake(text) == (text, "")


def test_ftfy_repairs_double_encoded_french():
    broken = "La CorÃ©e du Nord a envoyÃ© des troupes, dâ€™aprÃ¨s SÃ©oul."
    assert repair_mojibake(broken) == ("La Corée du Nord a envoyé des troupes, d’après Séoul.",
                                       "mojibake repaired by ftfy")


def test_split_lines_counts_lines_like_an_editor():
    assert split_lines("un\r\ndeux\rtrois\nquatre\n") == ["un", "deux", "trois", "quatre"]
    assert split_lines("a\n\nb") == ["a", "", "b"]
    assert split_lines("avec\u2028séparateur\x0cet saut") == ["avec\u2028séparateur\x0cet saut"]
    assert split_lines("") == []


def test_decode_bytes_prefers_a_declared_charset_over_cp1252():
    data = "Москва отрицает".encode("cp1251")
    decoded = decode_bytes(data, declared_charset="windows-1251")
    assert (decoded.text, decoded.encoding) == ("Москва отрицает", "cp1251")
    assert decoded.note.endswith("the charset the file declares")


# --- unusable files --------------------------------------------------------------------------------


@pytest.mark.parametrize("relative, error", [
    ("unusable/empty.txt", "empty file (0 bytes)"),
    ("unusable/whitespace.txt", "only whitespace"),
    # a PNG header: 17 of its 29 bytes are control characters (12 NULs, 0x1a, 0x01 twice, 0x08, 0x06)
    ("unusable/binary.txt", "binary file (not text: 59% control characters, 12 of them NUL bytes)"),
])
def test_unusable_files_say_why(relative, error):
    document = read_single(relative)
    assert document.error == error
    assert document.lines == []


def test_control_characters_make_a_file_binary():
    assert read_single("unusable/control.txt").error.startswith("binary file (not text: ")


def test_file_above_the_size_limit_is_not_read(monkeypatch):
    def refuse(self):
        raise AssertionError(f"{self} was read although it is above the limit")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    document = read_single("unusable/large.txt", max_file_mb=0.001)  # the file is 60 x 50 = 3000 bytes
    assert document.error == "file is 2.9 KB, above the limit of 1.0 KB (max_file_mb parameter)"


def test_file_below_the_size_limit_is_read():
    document = read_single("unusable/large.txt", max_file_mb=0.01)
    assert document.error == "" and document.lines[0].startswith("Les combats continuent")


# --- corpus files ----------------------------------------------------------------------------------


def test_jsonl_reads_good_lines_and_reports_bad_ones():
    documents = read_one("corpus/articles.jsonl")
    assert [document.source_record for document in documents] == [1, 3, 4, 5, 6]  # line 2 is blank
    first, second, malformed, textless, multiline = documents
    assert first.lines == [
        "Des soldats nord-coréens combattent désormais dans la région de Koursk, selon Kiev."]
    assert first.metadata == {"title": "Koursk : des soldats nord-coréens au front",
                              "outlet": "Le Journal d’Essai", "published": "2024-12-16", "url": "https://journal-essai.example/koursk"}
    assert first.error == "" and first.file_format == "jsonl"
    assert second.metadata == {"title": "Séoul s’inquiète", "published": "2024-10-23"}  # "date" alias
    assert malformed.error.startswith("line 4: malformed JSON (Expecting ',' delimiter")
    assert malformed.lines == []
    assert textless.error == "line 5: no text key (keys found: title, outlet)"
    assert first.warnings == ["keys read as date → published"]  # record 3's "date" (no other alias, no extra key)
    assert multiline.lines == ["Premier paragraphe sur le front.", "Second paragraphe : Moscou dément."]
    assert first.sha256 == hashlib.sha256(first.lines[0].encode("utf-8")).hexdigest()


def test_jsonl_record_that_is_not_an_object(tmp_path):
    (tmp_path / "c.jsonl").write_text('["une", "liste"]\n{"text": 42}\n{"text": "  "}\n', encoding="utf-8")
    errors = [document.error for document in read_raw_folder(tmp_path)]
    assert errors == ["line 1: not a JSON object (found array)", "line 2: 'text' is not a string (found int)",
                      "line 3: empty 'text'"]


def test_csv_rows_with_multiline_text_and_a_bad_row():
    documents = read_one("corpus/articles.csv")
    records_and_lines = [(document.source_record, document.source_line) for document in documents]
    assert records_and_lines == [(1, 2), (2, 4), (3, 6)]  # row 1 spans file lines 2-3; line 5 is blank
    first, bad, third = documents
    assert first.lines == ["Pyongyang dément avoir envoyé des troupes.",
                           "Le démenti a été publié par l’agence KCNA."]
    assert first.metadata["outlet"] == "Le Journal d’Essai"
    assert bad.error == "line 4: 6 fields but the header has 5 (quote fields that contain the delimiter)"
    assert third.metadata == {"title": "Washington prudent"}  # empty cells are unknown, not ""
    assert third.lines == ["Les États-Unis disent n’avoir « pas de confirmation »."]


def test_semicolon_csv_in_cp1252():
    document = read_single("corpus/semicolon_cp1252.csv")
    assert document.encoding == "cp1252"
    assert document.lines == ["« L’armée nord-coréenne est arrivée », affirme Séoul."]
    # "titre;text;date": the French title column is read too (it used to be dropped without a word), and
    # the French day-first date is read as the ISO date it is
    assert document.metadata == {"title": "Séoul", "published": "2024-10-23"}
    assert document.warnings == ["columns read as titre → title, date → published"]


def test_csv_with_french_column_names_is_read():
    document = read_single("corpus/no_text_column.csv")  # "titre,contenu": no column is named "text"
    assert document.error == ""
    assert document.lines == ["Un article sans colonne text."]
    assert document.metadata == {"title": "Séoul"}
    assert document.warnings == ["columns read as titre → title, contenu → text"]


def test_corpus_record_above_the_size_limit(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"text": "' + "x" * 2000 + '"}\n{"text": "court"}\n', encoding="utf-8")
    documents = read_raw_folder(tmp_path, max_file_mb=0.001)
    assert documents[0].error == "line 1: text is 2.0 KB, above the limit of 1.0 KB (max_file_mb parameter)"
    assert documents[1].lines == ["court"]


def test_corpus_file_has_its_own_size_limit(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"text": "court"}\n' * 200, encoding="utf-8")  # 3600 bytes
    documents = read_raw_folder(tmp_path, max_file_mb=0.001)  # each record is far below 1 KB
    assert len(documents) == 200 and all(document.error == "" for document in documents)
    documents = read_raw_folder(tmp_path, max_corpus_mb=0.002)
    assert [document.error for document in documents] == [
        "file is 3.5 KB, above the limit of 2.0 KB (max_corpus_mb parameter)"]


# --- HTML ------------------------------------------------------------------------------------------


def test_html_main_text_and_metadata_without_scripts():
    document = read_single("html/page.html")
    assert document.error == "" and document.file_format == "html"
    assert document.lines[0] == "Des soldats nord-coréens repérés près de Koursk"
    assert document.lines[-1].startswith("Les États-Unis estiment de leur côté")
    assert not any("SCRIPT_MARKER" in line or "tracker" in line for line in document.lines)
    assert not any("Accueil" in line or "droits réservés" in line for line in document.lines)
    assert document.metadata == {
        "title": "Des soldats nord-coréens repérés près de Koursk",
        "published": "2024-11-05",
        "site_name": "Le Quotidien d’Essai",
        "author": "Marie Dupont",
        "url": "https://www.quotidien-essai.example/international/soldats-koursk",
    }


def test_html_without_main_text():
    assert read_single("html/script_only.html").error.startswith("no main text found in the page")


# --- the folder ------------------------------------------------------------------------------------


@pytest.fixture
def raw_folder(tmp_path):
    folder = tmp_path / "raw"
    shutil.copytree(INPUTS / "folder", folder)
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "a-checkpoint.txt").write_text("copie\n", encoding="utf-8")
    return folder


def test_folder_listing_is_sorted_and_skips_non_articles(raw_folder):
    assert [path.relative_to(raw_folder).as_posix() for path in list_raw_files(raw_folder)] == [
        "a.txt", "b.txt", "sub/c.txt"]
    ignored = {item.source_file: item.reason for item in list_ignored_files(raw_folder)}
    assert set(ignored) == {".DS_Store", ".ipynb_checkpoints/", "README.md", "manifest.csv", "notes.pdf"}
    assert ignored["notes.pdf"].startswith("unsupported extension '.pdf'")
    assert ignored["manifest.csv"].startswith("the manifest")
    assert ignored["README.md"].startswith("README")
    assert all(isinstance(item, IgnoredFile) for item in list_ignored_files(raw_folder))


def test_reading_never_changes_the_folder(raw_folder):
    def snapshot():
        return sorted((path.relative_to(raw_folder).as_posix(), path.stat().st_mtime_ns, path.read_bytes())
                      for path in raw_folder.rglob("*") if path.is_file())

    before = snapshot()
    documents = read_raw_folder(raw_folder)
    assert [document.source_file for document in documents] == ["a.txt", "b.txt", "sub/c.txt"]
    assert snapshot() == before


def test_missing_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist") as caught:
        read_raw_folder(tmp_path / "absent")
    assert "RAW_DIR=" in str(caught.value)


def test_a_file_given_as_folder_is_a_config_error(tmp_path):
    (tmp_path / "a.txt").write_text("texte", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a folder"):
        read_raw_folder(tmp_path / "a.txt")


def test_folder_without_articles_is_a_config_error(tmp_path):
    (tmp_path / "README.md").write_text("# rien\n", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    with pytest.raises(ConfigError) as caught:
        read_raw_folder(tmp_path)
    message = str(caught.value)
    assert "No article files (.txt, .html, .htm, .jsonl, .csv)" in message
    assert "notes.docx (unsupported extension '.docx'" in message
    assert str(tmp_path.name) in message and "RAW_DIR=" in message


# --- the seeds -------------------------------------------------------------------------------------


def test_the_five_seeds_are_read_unchanged():
    documents = read_raw_folder(RAW_DIR)
    assert [document.source_file for document in documents] == sorted(
        path.name for path in RAW_DIR.glob("*.txt"))
    assert len(documents) == 5
    for document in documents:
        data = (RAW_DIR / document.source_file).read_bytes()
        assert (document.encoding, document.encoding_note, document.error) == ("utf-8", "", "")
        assert document.lines == data.decode("utf-8").split("\n")[:len(document.lines)]
        assert "\n".join(document.lines) == data.decode("utf-8").rstrip("\n")
        assert document.sha256 == hashlib.sha256(data).hexdigest()
    by_file = {document.source_file[:3]: document for document in documents}
    assert by_file["000"].lines[4] == "Publié par Jean-Baptiste Le Roux le 10 Octobre 2024"
    # line 14 of the file: headline, 3 blank lines, byline, blank, lead, 3 blank, heading, blank, caption
    assert by_file["000"].lines[13].startswith("La guerre en Ukraine prend une tournure inattendue")
    assert '"très probables"\u00a0quant à' in by_file["000"].lines[13]  # the NBSP survives
    assert by_file["003"].lines[0] == "News Day FR"
    assert any("« une aide militaire immédiate »" in line for line in by_file["002"].lines)
