"""Bad input never crashes a run or loses data, and errors say what to do — end to end, through the runner.

One combined run (``python -m analysis run``) reads the five seeds plus every bad file of
tests/fixtures/bad/make_bad.py; each case is checked on its articles.csv row and in report.html. A
seeds-only run shows the bad files change nothing in the seeds' analysis. Configuration errors
(missing or empty raw folder, unreadable manifest, impossible option) are separate small runs, which
stop before any stage.
"""

from __future__ import annotations

import concurrent.futures
import html
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.clean.reading import readable_name
from analysis.clean.stage import unique_labels

HERE = Path(__file__).resolve().parent
BAD = HERE / "fixtures" / "bad"


import bad_input_runs as runs  # noqa: E402 - loaded once per session by tests/conftest.py

pytestmark = pytest.mark.slow  # runs the whole pipeline on the bad-input fixtures

make_bad = runs.make_bad

SEEDS = ["000_86ef5fc6a3b7a9e5", "001_ac609c1b67fdfd14", "002_5c88694267f7b2aa", "003_d65a453aca90a03a",
         "004_0192dcd3d7aa3a3f"]


def read_table(path: Path) -> pd.DataFrame:
    """A processed table with every cell as written (text, empty cells as "")."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def combined():
    run = runs.combined_run()
    assert run.result.returncode == 0, f"the combined run failed:\n{run.result.stdout}\n{run.result.stderr}"
    return run


@pytest.fixture(scope="module")
def seeds():
    run = runs.seeds_run()
    assert run.result.returncode == 0, f"the seeds-only run failed:\n{run.result.stdout}\n{run.result.stderr}"
    return run


@pytest.fixture(scope="module")
def articles(combined) -> pd.DataFrame:
    return read_table(combined.processed / "articles.csv")


def row_of(articles: pd.DataFrame, source_file: str) -> pd.Series:
    rows = articles[articles.source_file == source_file]
    assert len(rows) == 1, f"{source_file}: {len(rows)} rows in articles.csv"
    return rows.iloc[0]


def sentences_of(combined, article_id: str) -> list[str]:
    sentences = read_table(combined.processed / "sentences.csv")
    return list(sentences.loc[sentences.article_id == article_id, "text"])


def test_committed_bad_files_match_their_generator():
    for relative, data in make_bad.own_files().items():
        assert (make_bad.FILES_DIR / relative).read_bytes() == data, f"{relative}: rerun make_bad.py"


def test_labels_of_analysed_articles_do_not_depend_on_set_aside_files():
    """A copy, an English text or an empty file sharing a label must not rename an analysed article."""
    labels = ["unknown outlet · AFP dispatch", "Le Monde", "unknown outlet · AFP dispatch", "unknown outlet",
              "unknown outlet", "Le Monde", "Le Monde"]
    ids = ["004_0192dcd3d7aa3a3f", "005_aaaa", "copie", "vide", "english", "006_bbbb", "007_cccc"]
    analysed = [True, True, False, False, False, True, False]
    assert unique_labels(labels, ids, analysed) == [
        "unknown outlet · AFP dispatch",  # alone among the analysed articles: unchanged
        "Le Monde · 005", "unknown outlet · AFP dispatch · copie", "unknown outlet · vide",
        "unknown outlet · english", "Le Monde · 006",  # two analysed Le Monde articles: each gets its id
        "Le Monde · 007"]
    assert unique_labels(["A", "A · x", "A"], ["000_y", "x", "x"], [True, True, False]) == ["A", "A · x", "A · x (2)"]


# --------------------------------------------------------------------------------------------------
# The combined run: exits 0, goes through every stage, lists every file


def test_combined_run_exits_0_and_runs_every_stage(combined):
    # (the Jupyter kernel may log its own shutdown noise on stderr; nothing may come from the analysis)
    assert not re.search(r'File "[^"]*analysis/\w+\.py"', combined.result.stderr)
    assert not re.search(r"^error:", combined.result.stderr, re.M)
    for stage in ("01_clean", "02_annotate", "03_compare", "04_validate", "05_report"):
        assert f"{stage}: running" in combined.result.stdout
    assert combined.report.is_file()


def test_every_input_file_has_a_row(combined, articles):
    inputs = {readable_name(name) for name in combined.raw_before
              if name not in ("manifest.csv", make_bad.UNSUPPORTED_NAME)}
    assert len(inputs) == 20 and inputs == set(articles.source_file)
    # the corpus file gives one row per line, the malformed one included
    assert list(articles.loc[articles.source_file == "dépêches.jsonl", "source_record"]) == ["1", "2", "3"]


#: source_file -> (status, exact reason) of the files that cannot be used, reason as written by hand.
UNUSABLE = {
    "vide.txt": ("rejected", "empty file (0 bytes)"),
    "espaces seulement.txt": ("rejected", "only whitespace"),
    "image.txt": ("rejected", "binary file (not text: 59% control characters, 12 of them NUL bytes)"),
    make_bad.LARGE_FILE_NAME: ("rejected", "file is 20.0 MB, above the limit of 8.0 MB (max_file_mb parameter)"),
    "boilerplate seulement.txt": ("rejected", "nothing left after cleaning"),
    make_bad.DUPLICATE_NAME: ("duplicate", "same cleaned text as 000_86ef5fc6a3b7a9e5"),
}


@pytest.mark.parametrize("source_file", sorted(UNUSABLE))
def test_unusable_file_is_a_row_with_its_reason(articles, source_file):
    row = row_of(articles, source_file)
    assert (row.status, row.reason) == UNUSABLE[source_file]


def test_large_file_reason_names_its_size_and_the_limit_given_on_the_command_line(articles):
    reason = row_of(articles, make_bad.LARGE_FILE_NAME).reason
    assert f"{make_bad.LARGE_FILE_MB}.0 MB" in reason
    assert f"limit of {float(runs.COMBINED_MAX_FILE_MB):.1f} MB" in reason and "max_file_mb" in reason


def test_english_article_is_set_aside_as_not_french(articles):
    row = row_of(articles, "english.txt")
    assert row.status == "not_french" and row.language == "en"
    assert row.reason.startswith("language detected as en (")


def test_duplicate_names_the_kept_seed_and_the_seed_stays_ok(articles):
    row = row_of(articles, make_bad.DUPLICATE_NAME)
    assert row.duplicate_of == "000_86ef5fc6a3b7a9e5"
    assert row.article_id == "copie__article 000 recopié"  # subfolder + spaces + accents in the id
    assert row_of(articles, "000_86ef5fc6a3b7a9e5.txt").status == "ok"


def test_boilerplate_only_file_is_still_accounted_for_line_by_line(combined, articles):
    article_id = row_of(articles, "boilerplate seulement.txt").article_id
    removed = read_table(combined.processed / "removed_lines.csv")
    removed = removed[removed.article_id == article_id]
    assert list(removed.line_no) == ["1", "2", "3", "4", "5"]
    assert list(removed.text) == make_bad.BOILERPLATE_ONLY.splitlines()
    assert sentences_of(combined, article_id) == []


def test_jsonl_malformed_line_is_a_rejected_row_naming_the_line_and_the_others_are_read(combined, articles):
    rows = articles[articles.source_file == "dépêches.jsonl"].set_index("source_record")
    assert rows.loc["2", "status"] == "rejected"
    assert rows.loc["2", "reason"].startswith("line 2: malformed JSON (")
    assert rows.loc["2", "article_id"] == "dépêches-r00002"
    assert list(rows.loc[["1", "3"], "status"]) == ["ok", "ok"]
    assert list(rows.loc[["1", "3"], "outlet"]) == ["Le Journal d’Essai"] * 2
    assert list(rows.loc[["1", "3"], "published"]) == ["2024-12-16", "2024-11-18"]
    text = " ".join(sentences_of(combined, "dépêches-r00001"))
    assert "plusieurs dizaines de soldats nord-coréens ont été blessés" in text


@pytest.mark.parametrize("source_file, encoding, note", [
    ("utf16.txt", "utf-16-le", ""),
    ("windows-1252.txt", "cp1252", "not valid UTF-8 (byte 0x92 at offset 1); read as cp1252"),
    ("mojibake.txt", "utf-8", "mojibake repaired by ftfy"),
])
def test_other_encodings_are_read_and_analysed(combined, articles, source_file, encoding, note):
    row = row_of(articles, source_file)
    assert (row.status, row.reason, row.encoding, row.encoding_note) == ("ok", "", encoding, note)
    assert row.language == "fr" and int(row.n_sentences) > 0


def test_decoded_text_is_the_french_text(combined, articles):
    utf16 = " ".join(sentences_of(combined, row_of(articles, "utf16.txt").article_id))
    assert "Le Kremlin n’a pas confirmé la présence de troupes nord-coréennes." in utf16
    cp1252 = " ".join(sentences_of(combined, row_of(articles, "windows-1252.txt").article_id))
    assert "L’armée russe aurait reçu l’aide de soldats nord-coréens, d’après Séoul." in cp1252
    repaired = " ".join(sentences_of(combined, row_of(articles, "mojibake.txt").article_id))
    assert "Les soldats nord-coréens déployés à Koursk, selon l’armée." in repaired
    assert "Ã" not in repaired and "â€" not in repaired


def test_html_page_is_read_without_its_scripts(combined, articles):
    row = row_of(articles, "page avec scripts.html")
    assert row.status == "ok" and row.encoding == "utf-8"
    assert row.title == "Des soldats nord-coréens repérés près de Koursk"
    assert row.site_name == "Le Quotidien d’Essai" and row.author == "Marie Dupont"
    text = " ".join(sentences_of(combined, row.article_id))
    assert "plusieurs milliers de soldats nord-coréens ont été observés mardi" in text
    assert "SCRIPT_MARKER" not in text and "tracker" not in text and "console.log" not in text
    for name in ("paragraphs.csv", "sentences.csv", "removed_lines.csv"):
        assert "SCRIPT_MARKER" not in (combined.processed / name).read_text(encoding="utf-8")


def test_file_names_with_spaces_and_accents_keep_them_in_ids(combined, articles):
    row = row_of(articles, "Dépêche de Séoul – n°2 (brouillon).txt")
    assert row.status == "ok"
    assert row.article_id == "Dépêche de Séoul – n°2 (brouillon)"
    sentence_ids = read_table(combined.processed / "sentences.csv").sentence_id
    assert "Dépêche de Séoul – n°2 (brouillon)-s000" in set(sentence_ids)
    assert any("a déclaré mardi un responsable du ministère" in text for text in sentences_of(combined, row.article_id))


def clean_stage_printed(combined) -> str:
    """What the executed clean notebook printed (its warnings)."""
    notebook = nbformat.read(combined.out_dir / "notebooks" / "01_clean.ipynb", as_version=4)
    return "".join(output.get("text", "") for cell in notebook.cells for output in cell.get("outputs", [])
                   if output.get("name") == "stdout")


def test_file_name_that_is_not_utf8_is_read_and_shown_decoded(combined, articles):
    row = row_of(articles, make_bad.LATIN1_NAME_READ)
    assert (row.status, row.article_id) == ("ok", "nom en latin-1 dépêche")
    assert any("artilleurs nord-coréens" in text for text in sentences_of(combined, row.article_id))
    assert (f"- {make_bad.LATIN1_NAME_READ}: file name is not valid UTF-8; shown as "
            f"'{make_bad.LATIN1_NAME_READ}' (its bytes read as cp1252)") in clean_stage_printed(combined)


def test_file_of_an_unsupported_format_is_not_skipped_silently(combined, articles):
    assert make_bad.UNSUPPORTED_NAME not in set(articles.source_file)
    assert (f"- {make_bad.UNSUPPORTED_NAME}: not read (unsupported extension '.docx' (supported: .txt, "
            ".html, .htm, .jsonl, .csv))") in clean_stage_printed(combined)


def test_manifest_problems_are_warnings_and_the_rest_is_used(combined, articles):
    """Unknown file, bad date, repeated row, missing optional column (url): warnings, not errors."""
    printed = clean_stage_printed(combined)
    assert "- manifest.csv, line 7: file 'absent du dossier.txt' is not an article file of the raw folder; " \
           "row ignored" in printed
    assert "- manifest.csv, line 8: published '23/10/2024' is not an ISO date (YYYY-MM-DD); field ignored" \
        in printed
    assert "- manifest.csv, line 9: second row for 'windows-1252.txt' (first on line 8); this row ignored" \
        in printed
    assert "url" not in printed  # the manifest has no url column: nothing to say about it
    row = row_of(articles, "windows-1252.txt")
    assert (row.outlet, row.outlet_source) == ("Le Journal d’Essai", "manifest")  # line 8 kept, line 9 not
    assert row.published == ""  # the bad date is dropped, not guessed
    assert row_of(articles, "002_5c88694267f7b2aa.txt").outlet == "Frontières Média"  # seeds' rows still read


# --------------------------------------------------------------------------------------------------
# The report lists every file that cannot be used, and shows article text as text


def corpus_rows(report_html: str) -> list[list[str]]:
    """Cells (unescaped text) of the table of the report's corpus section."""
    start = report_html.index(">The corpus</h2>")
    table = report_html[start:report_html.index("</table>", start)]
    rows = [[html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    return [row for row in rows if row]  # the header row has <th> cells only


def test_report_lists_every_unusable_file_with_its_reason(combined, articles):
    rows = corpus_rows(combined.report.read_text(encoding="utf-8"))
    listed = {(status, reason, file) for status, reason, _, files in rows for file in files.split(" | ")}
    not_ok = articles[articles.status != "ok"]
    assert len(not_ok) == 8  # the 6 unusable files, the English one and the malformed JSONL line
    for row in not_ok.itertuples():
        assert (row.status, row.reason, row.source_file) in listed, row.source_file
    ok_files = {file for status, _, _, files in rows if status == "ok" for file in files.split(" | ")}
    assert ok_files == set(articles.loc[articles.status == "ok", "source_file"])


def test_report_shows_hostile_article_text_escaped(combined, articles):
    assert row_of(articles, "hostile_article.txt").status == "ok"
    report_html = combined.report.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in report_html  # the article's tags are shown, as text
    lowered = report_html.lower()
    for live in ("<script", "<img src=x", "<iframe", "<b onmouseover", "<style>body{display:none}"):
        assert live not in lowered, live
    assert "SCRIPT_MARKER" not in report_html  # the HTML page's scripts never reach the report


# --------------------------------------------------------------------------------------------------
# The seeds' analysis does not depend on the other files of the raw folder


@pytest.mark.parametrize("table", runs.PER_ARTICLE_TABLES)
def test_seed_rows_are_the_same_as_in_a_seeds_only_run(combined, seeds, table):
    alone = read_table(seeds.processed / table)
    together = read_table(combined.processed / table)
    assert set(alone.article_id) <= set(SEEDS)
    together = together[together.article_id.isin(SEEDS)].reset_index(drop=True)
    pd.testing.assert_frame_equal(alone.reset_index(drop=True), together)


def test_seed_voice_rows_are_the_same_where_a_seed_has_attributions(combined, seeds):
    """voice.csv also lists 0-rows for groups quoted elsewhere in the corpus: compare the others."""
    alone = read_table(seeds.processed / "voice.csv")
    together = read_table(combined.processed / "voice.csv")
    alone = alone[alone.n_attributions != "0"].reset_index(drop=True)
    together = together[together.article_id.isin(SEEDS) & (together.n_attributions != "0")]
    pd.testing.assert_frame_equal(alone, together.reset_index(drop=True))


def test_seed_labels_do_not_change_when_a_copy_is_added(combined, seeds):
    alone = read_table(seeds.processed / "articles.csv").set_index("article_id").label
    together = read_table(combined.processed / "articles.csv").set_index("article_id").label
    assert together.loc["000_86ef5fc6a3b7a9e5"] == alone.loc["000_86ef5fc6a3b7a9e5"] == \
        "unknown outlet · byline Jean-Baptiste Le Roux"
    assert together.is_unique


# --------------------------------------------------------------------------------------------------
# The raw folder is only read


def test_seeds_run_never_writes_data_raw(seeds):
    assert seeds.raw_before and seeds.raw_after == seeds.raw_before


def test_combined_run_never_writes_its_raw_folder(combined):
    assert len(combined.raw_before) == 22 and combined.raw_after == combined.raw_before


# --------------------------------------------------------------------------------------------------
# Configuration errors: one message, non-zero exit, nothing written


def _config_cases(root: Path) -> dict[str, tuple[Path, list[str], dict[str, str]]]:
    """name -> (raw folder, extra arguments, extra environment) of each configuration error case."""
    empty = root / "empty raw"
    empty.mkdir()
    unclosed = make_bad.build_raw_folder(root / "unclosed quote", bad=False)
    manifest = unclosed / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("Frontières Média,", '"Frontières Média,', 1)  # line 4: a quote never closed
    manifest.write_text("".join(lines), encoding="utf-8")
    no_file_column = make_bad.build_raw_folder(root / "no file column", bad=False)
    manifest = no_file_column / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("file,", "fichier,", 1), encoding="utf-8")
    inside = make_bad.build_raw_folder(root / "raw with out inside", bad=False)
    return {
        "missing": (root / "does not exist", [], {}),
        "missing_debug": (root / "does not exist", [], {"DEBUG": "1"}),
        "missing_debug_flag": (root / "does not exist", ["--debug"], {}),
        "out_inside_raw": (inside, [], {}),
        "empty": (empty, [], {}),
        "unclosed_quote": (unclosed, [], {}),
        "no_file_column": (no_file_column, [], {}),
        "zero_limit": (runs.SEEDS_DIR, ["--max-file-mb", "0"], {}),
    }


@pytest.fixture(scope="module")
def config_errors(tmp_path_factory):
    """Each configuration error case run through the runner (in parallel: none gets past the checks)."""
    root = tmp_path_factory.mktemp("config errors")
    cases = _config_cases(root)

    def run(name: str):
        raw_dir, extra, env = cases[name]
        out_dir = raw_dir / "out" if name == "out_inside_raw" else root / f"out-{name}"
        result = runs.run_runner(raw_dir, out_dir, *extra, env=runs.runner_env(**env), timeout=120)
        return name, (result, out_dir, raw_dir)

    with concurrent.futures.ThreadPoolExecutor(len(cases)) as pool:
        return dict(pool.map(run, cases))


#: case -> (what the message must name, the problem, the hint) — written from the inputs, by hand.
CONFIG_MESSAGES = {
    "missing": ("does not exist", "The raw folder does not exist.", "What to do: Create the folder"),
    "empty": ("empty raw", "No article files (.txt, .html, .htm, .jsonl, .csv) in this folder.",
              "What to do: Put the articles there, or pass RAW_DIR="),
    "unclosed_quote": ("unclosed quote/manifest.csv, line 4",
                       "a double quote opened on this line is probably never closed",
                       "What to do: Check the quotes on that line"),
    "no_file_column": ("no file column/manifest.csv, line 1",
                       "the manifest has no 'file' column (columns found: fichier, outlet, outlet_source",
                       "What to do: Add a first column named 'file'"),
    "zero_limit": ("", "max_file_mb must be a positive number of megabytes, got 0.0.",
                   "What to do: pass --max-file-mb 5"),
    "out_inside_raw": ("raw with out inside: ", "the run would write into the raw folder (",
                       "What to do: pass an OUT_DIR outside RAW_DIR"),
}


@pytest.mark.parametrize("case", sorted(CONFIG_MESSAGES))
def test_configuration_error_is_one_message_and_nothing_is_written(config_errors, case):
    result, out_dir, _ = config_errors[case]
    where, problem, hint = CONFIG_MESSAGES[case]
    assert result.returncode == 2
    assert not out_dir.exists()
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert message.startswith("error: ") and message.count("error: ") == 1
    assert where in message and problem in message and hint in message
    assert message.endswith("Nothing was written.")


@pytest.mark.parametrize("case", ["missing_debug", "missing_debug_flag"])
def test_debug_shows_the_traceback_of_a_configuration_error(config_errors, case):
    result, out_dir, _ = config_errors[case]
    assert result.returncode == 2 and not out_dir.exists()
    assert "Traceback (most recent call last)" in result.stderr
    assert "analysis.core.errors.ConfigError" in result.stderr
    assert "The raw folder does not exist." in result.stderr


def test_runs_record_no_absolute_path_of_the_raw_folder(combined):
    """The run folders differ from run to run: tables must not depend on them."""
    for path in combined.processed.glob("*.csv"):
        assert str(combined.raw_dir) not in path.read_text(encoding="utf-8"), path.name
    state = json.loads((combined.processed / ".stages.json").read_text(encoding="utf-8"))
    assert set(state) == {"01_clean", "02_annotate", "03_compare", "04_validate", "05_report"}
