"""The raw folder's manifest.csv: entries, warnings for bad rows, errors for unreadable manifests."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.clean.manifest import ManifestEntry, parse_iso_date, read_manifest
from analysis.clean.reading import list_raw_files
from analysis.core.errors import ConfigError
from analysis.core.paths import RAW_DIR

FILES = ["000_a.txt", "001_b.txt", "corpus.jsonl"]


def manifest_in(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    (tmp_path / "manifest.csv").write_bytes(text.encode(encoding))
    return tmp_path


def test_absent_manifest_is_empty(tmp_path):
    manifest = read_manifest(tmp_path, FILES)
    assert manifest.entries == {} and manifest.warnings == []
    assert manifest.entry("000_a.txt") is None


def test_full_row_is_read(tmp_path):
    raw = manifest_in(tmp_path, (
        "file,outlet,outlet_source,outlet_evidence,url,published,language,notes\n"
        "000_a.txt,Le Journal d’Essai,,,https://journal-essai.example/a,2024-10-23,fr,\"Signé, daté\"\n"
        "corpus.jsonl,Le Site d’Essai,inferred,même titre sur le site,,,FR-fr,toutes les lignes\n"))
    manifest = read_manifest(raw, FILES)
    assert manifest.warnings == []
    assert manifest.entry("000_a.txt") == ManifestEntry(
        file="000_a.txt", outlet="Le Journal d’Essai", outlet_source="manifest", outlet_evidence="",
        url="https://journal-essai.example/a", published="2024-10-23", language="fr", notes="Signé, daté",
        line=2)
    corpus = manifest.entry("corpus.jsonl")
    assert (corpus.outlet_source, corpus.outlet_evidence, corpus.language) == (
        "inferred", "même titre sur le site", "fr")


def test_missing_file_column_is_a_config_error(tmp_path):
    raw = manifest_in(tmp_path, "fichier,outlet\n000_a.txt,Le Journal\n")
    with pytest.raises(ConfigError) as caught:
        read_manifest(raw, FILES)
    message = str(caught.value)
    assert "manifest.csv, line 1" in message
    assert "no 'file' column (columns found: fichier, outlet)" in message
    assert "Add a first column named 'file'" in message


def test_unknown_file_is_a_warning_and_the_row_is_ignored(tmp_path):
    raw = manifest_in(tmp_path, "file,outlet\n000_a.txt,Un\n000_c.txt,Deux\n")
    manifest = read_manifest(raw, FILES)
    assert set(manifest.entries) == {"000_a.txt"}
    assert manifest.warnings == [
        "manifest.csv, line 3: file '000_c.txt' is not an article file of the raw folder "
        "(did you mean '000_a.txt'?); row ignored"]


def test_bad_date_is_a_warning_and_only_that_field_is_dropped(tmp_path):
    raw = manifest_in(tmp_path, "file,outlet,published\n000_a.txt,Un,23/10/2024\n001_b.txt,Deux,2024-02-30\n")
    manifest = read_manifest(raw, FILES)
    assert manifest.entry("000_a.txt").outlet == "Un" and manifest.entry("000_a.txt").published == ""
    assert manifest.warnings == [
        "manifest.csv, line 2: published '23/10/2024' is not an ISO date (YYYY-MM-DD); field ignored",
        "manifest.csv, line 3: published '2024-02-30' is not an ISO date (YYYY-MM-DD); field ignored"]


def test_duplicate_row_keeps_the_first(tmp_path):
    raw = manifest_in(tmp_path, "file,outlet\n001_b.txt,Premier\n./001_b.txt,Second\n")
    manifest = read_manifest(raw, FILES)
    assert manifest.entry("001_b.txt").outlet == "Premier"
    assert manifest.warnings == [
        "manifest.csv, line 3: second row for '001_b.txt' (first on line 2); this row ignored"]


def test_garbled_csv_is_a_config_error_with_the_line(tmp_path):
    raw = manifest_in(tmp_path, 'file,outlet\n000_a.txt,Un\n001_b.txt,"Deux"x\n')
    with pytest.raises(ConfigError, match=r"manifest.csv, line 3: the manifest is not a readable CSV table"):
        read_manifest(raw, FILES)


def test_unquoted_comma_is_a_config_error(tmp_path):
    raw = manifest_in(tmp_path, "file,outlet,notes\n000_a.txt,Un,signé, daté\n")
    with pytest.raises(ConfigError, match=r"line 2: 4 fields on this line but the header has 3"):
        read_manifest(raw, FILES)


def test_binary_manifest_is_a_config_error(tmp_path):
    (tmp_path / "manifest.csv").write_bytes(b"file\x00\x00\x00outlet\x00\x01\x02")
    with pytest.raises(ConfigError, match="cannot be read: binary file"):
        read_manifest(tmp_path, FILES)


def test_excel_style_manifest_with_semicolons_in_cp1252(tmp_path):
    raw = manifest_in(tmp_path, "File;Outlet;Published\r\n000_a.txt;Le Média d’Essai;2024-12-19\r\n",
                      "cp1252")
    manifest = read_manifest(raw, FILES)
    assert manifest.entry("000_a.txt").outlet == "Le Média d’Essai"
    assert manifest.entry("000_a.txt").published == "2024-12-19"
    # offset: "File;Outlet;Published\r\n" is 23 bytes, "000_a.txt;" 10, "Le M" 4 -> the é is byte 37
    assert manifest.warnings == ["manifest.csv: not valid UTF-8 (byte 0xe9 at offset 37); read as cp1252"]


def test_cell_level_warnings(tmp_path):
    raw = manifest_in(tmp_path, (
        "file,outlet,outlet_source,url,language,couleur\n"
        "000_a.txt,,inferred,journal-essai.example/a,français,bleu\n"
        "001_b.txt,Un Site,certain,,fr,\n"
        "corpus.jsonl,Un Autre,inferred,,,\n"
        ",Sans fichier,,,,\n"))
    manifest = read_manifest(raw, FILES)
    assert manifest.entry("000_a.txt") == ManifestEntry(file="000_a.txt", line=2)
    assert manifest.entry("001_b.txt").outlet_source == "manifest"
    assert manifest.entry("corpus.jsonl").outlet_source == "inferred"
    assert manifest.warnings == [
        "manifest.csv, line 1: unknown column(s) 'couleur' ignored (known columns: file, outlet, "
        "outlet_source, outlet_evidence, url, published, language, title, notes)",
        "manifest.csv, line 2: outlet_source 'inferred' given without an outlet; ignored",
        "manifest.csv, line 2: url 'journal-essai.example/a' is not an http(s) address; field ignored",
        "manifest.csv, line 2: language 'français' is not a two-letter ISO 639-1 code (e.g. fr); "
        "field ignored",
        "manifest.csv, line 3: outlet_source 'certain' is not one of manifest, inferred; 'manifest' used",
        "manifest.csv, line 4: inferred outlet without outlet_evidence: say what the inference rests on",
        "manifest.csv, line 5: empty 'file' cell; row ignored",
    ]


@pytest.mark.parametrize("value, expected", [
    ("2024-10-23", "2024-10-23"), ("2024-10-23T08:30:00+02:00", "2024-10-23"), ("20241023", "2024-10-23"),
    ("23 octobre 2024", ""), ("2024-13-01", ""), ("", ""),
])
def test_parse_iso_date(value, expected):
    assert parse_iso_date(value) == expected


def test_the_seed_manifest():
    names = [path.relative_to(RAW_DIR).as_posix() for path in list_raw_files(RAW_DIR)]
    manifest = read_manifest(RAW_DIR, names)
    assert manifest.warnings == []
    assert sorted(manifest.entries) == sorted(names) and len(names) == 5
    assert all(entry.language == "fr" and entry.published == "" for entry in manifest.entries.values())
    frontieres = manifest.entry("002_5c88694267f7b2aa.txt")
    assert (frontieres.outlet, frontieres.outlet_source) == ("Frontières Média", "inferred")
    assert "À lire aussi" in frontieres.outlet_evidence and "frontieresmedia.fr" in frontieres.outlet_evidence
    assert "No date printed" in frontieres.notes
    for prefix in ("000", "001", "003", "004"):
        entry = next(entry for name, entry in manifest.entries.items() if name.startswith(prefix))
        assert (entry.outlet, entry.outlet_source) == ("", "")  # unknown: never guessed
        assert entry.notes
    assert "Jean-Baptiste Le Roux" in manifest.entry("000_86ef5fc6a3b7a9e5.txt").notes
    assert "Reuters" in manifest.entry("001_ac609c1b67fdfd14.txt").notes
    assert "News Day FR" in manifest.entry("003_d65a453aca90a03a.txt").notes
    assert "AFP" in manifest.entry("004_0192dcd3d7aa3a3f.txt").notes
