"""Corpus files with the column names a newsroom's export really has (French or English, any case or accents).

The names read as each field are data (analysis/resources/corpus_columns.yaml); a warning says which names
were read as which field and which were not read; a file without a text column is rejected with one
message that lists what it has and what is accepted. Fixtures are written here.
"""

from __future__ import annotations

import pytest

from analysis.clean.reading import column_key, load_column_names, read_raw_folder
from analysis.clean.stage import clean_corpus
from analysis.core.errors import ConfigError

#: The message for a file without a text column, once the columns found are filled in.
NO_TEXT = ("no text {what} ({what}s found: {found}; the article text is read from a {what} named text, texte, "
           "contenu, body, corps or corps_de_texte, whatever the case and accents; add your export's name under "
           "`text` in analysis/resources/corpus_columns.yaml)")

FRENCH_EXPORT = (
    "Titre;Texte;Média;Date de publication;Lien;Auteur;Rubrique\n"
    "Koursk : Séoul confirme;Le renseignement sud-coréen affirme que des soldats nord-coréens combattent à Koursk."
    ";Le Journal d’Essai;23/10/2024;https://journal-essai.example/koursk;Marie Durand;International\n"
)


def test_column_names_ignore_case_accents_and_separators():
    assert column_key("Média") == column_key("MEDIA") == column_key(" media ") == "media"
    assert column_key("Date de publication") == column_key("date_de-publication") == "date_de_publication"
    assert column_key("ti\u200btre") == "titre"


def test_a_french_newsroom_export_is_read_with_every_field(tmp_path):
    (tmp_path / "export.csv").write_text(FRENCH_EXPORT, encoding="utf-8")
    (document,) = read_raw_folder(tmp_path)
    assert document.error == ""
    assert document.lines == ["Le renseignement sud-coréen affirme que des soldats nord-coréens combattent à Koursk."]
    assert document.metadata == {"title": "Koursk : Séoul confirme", "outlet": "Le Journal d’Essai",
                                 "published": "2024-10-23", "url": "https://journal-essai.example/koursk",
                                 "author": "Marie Durand"}
    assert document.warnings == ["columns read as Titre → title, Texte → text, Média → outlet, Date de publication → "
                                 "published, Lien → url, Auteur → author; columns not read: Rubrique"]


def test_the_export_reaches_the_articles_table_and_the_warnings(tmp_path):
    (tmp_path / "export.csv").write_text(FRENCH_EXPORT, encoding="utf-8")
    corpus = clean_corpus(tmp_path, cache_dir=None, progress=False, n_process=1)
    row = corpus.articles.iloc[0]
    assert (row.title, row.outlet, row.outlet_source, row.published, row.author) == (
        "Koursk : Séoul confirme", "Le Journal d’Essai", "manifest", "2024-10-23", "Marie Durand")
    assert "export.csv: columns read as Titre → title, Texte → text, Média → outlet, Date de publication → " \
           "published, Lien → url, Auteur → author; columns not read: Rubrique" in corpus.warnings
    # the headline the text does not print comes from the French title column
    headline = corpus.paragraphs[corpus.paragraphs.kind == "headline"]
    assert headline[["text", "source"]].values.tolist() == [["Koursk : Séoul confirme", "title column of the csv row"]]


def test_a_date_column_that_is_no_full_date_is_said_and_not_used(tmp_path):
    (tmp_path / "c.csv").write_text("texte;date\nLe Kremlin dément, a dit Peskov.;octobre 2024\n", encoding="utf-8")
    (document,) = read_raw_folder(tmp_path)
    assert "published" not in document.metadata
    assert document.warnings == ["columns read as texte → text, date → published",
                                 "line 2: 'date' 'octobre 2024' is not a full date (day, month, year); the date "
                                 "printed in the text, if any, is used"]


def test_of_two_names_for_one_field_the_one_listed_first_is_read(tmp_path):
    (tmp_path / "c.csv").write_text("titre,title,source,outlet,texte\nUn,Deux,AFP,Le Monde,Un texte court.\n",
                                    encoding="utf-8")
    (document,) = read_raw_folder(tmp_path)
    assert document.metadata == {"title": "Deux", "outlet": "Le Monde"}
    assert document.warnings == ["columns read as texte → text; columns not read: titre, source"]


def test_jsonl_keys_may_differ_from_record_to_record(tmp_path):
    (tmp_path / "c.jsonl").write_text(
        '{"titre": "Séoul s’inquiète", "texte": "La Corée du Sud s’inquiète."}\n'
        '{"title": "Kiev accuse", "contenu": "Kiev accuse Pyongyang.", "id": 7}\n', encoding="utf-8")
    first, second = read_raw_folder(tmp_path)
    assert (first.metadata, first.lines) == ({"title": "Séoul s’inquiète"}, ["La Corée du Sud s’inquiète."])
    assert (second.metadata, second.lines) == ({"title": "Kiev accuse"}, ["Kiev accuse Pyongyang."])
    assert first.warnings == ["keys read as titre → title, texte → text, contenu → text; keys not read: id"]
    assert second.warnings == []  # one note per file


def test_a_csv_without_a_text_column_is_one_clear_rejection_and_the_run_goes_on(tmp_path):
    (tmp_path / "inconnu.csv").write_text("headline_fr;corps_html;rubrique\nUn titre;<p>Un corps</p>;Monde\n",
                                          encoding="utf-8")
    (tmp_path / "bon.txt").write_text("Kiev affirme que des soldats nord-coréens combattent à Koursk, selon son armée.\n",
                                      encoding="utf-8")
    corpus = clean_corpus(tmp_path, cache_dir=None, progress=False, n_process=1)
    rows = corpus.articles.set_index("source_file")
    assert rows.loc["inconnu.csv", "status"] == "rejected"
    assert rows.loc["inconnu.csv", "reason"] == NO_TEXT.format(what="column", found="headline_fr, corps_html, rubrique")
    assert rows.loc["bon.txt", "status"] == "ok"


def test_a_jsonl_file_without_a_text_key_is_one_rejection(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"headline": "A", "summary": "B"}\n{"headline": "C", "corps_html": "D"}\n',
                                      encoding="utf-8")
    (document,) = read_raw_folder(tmp_path)
    assert document.error == NO_TEXT.format(what="key", found="headline, summary, corps_html")
    assert document.source_record is None


def test_a_researcher_adds_a_name(tmp_path):
    names = tmp_path / "columns.yaml"
    names.write_text("text: [corps_article]\ntitle: [titre]\n", encoding="utf-8")
    columns = load_column_names(names)
    assert columns.choose(["Corps article", "TITRE", "rubrique"]) == {"text": "Corps article", "title": "TITRE"}
    assert columns.names["outlet"] == ("outlet",)  # a field left out still reads its own name


@pytest.mark.parametrize("text, problem", [
    ("text: [texte]\nresume: [chapo]\n", "unknown field(s) resume"),
    ("text: [texte]\ntitle: [source]\noutlet: [source]\n", "the name 'source' is listed under both `title` and `outlet`"),
    ("text: texte\n", "`text` must be a list of column names"),
])
def test_a_broken_column_file_is_a_config_error(tmp_path, text, problem):
    names = tmp_path / "columns.yaml"
    names.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        load_column_names(names)
