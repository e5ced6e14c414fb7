"""Metadata found in an article's text: dates, bylines, agencies vs photo credits, hashtags, site names.

Expected values come from reading the French texts (the seeds in data/raw and sentences written for
these tests), not from the code's output.
"""

from __future__ import annotations

import pytest

from analysis.clean.dates import find_published
from analysis.clean.metadata import (
    find_agency,
    find_agency_credits,
    find_byline,
    find_metadata,
    find_photo_credit,
    find_photo_credits,
    find_site_name,
    find_tags,
    make_label,
)
from analysis.clean.metadata_cues import (
    REASON_AGENCY,
    REASON_BYLINE,
    REASON_DATELINE,
    REASON_PHOTO,
    REASON_SITE,
    load_metadata_config,
)
from analysis.core.paths import RAW_DIR


def seed(prefix: str) -> list[str]:
    """The lines of the seed article whose file name starts with ``prefix``."""
    (path,) = sorted(RAW_DIR.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").splitlines()


# --- the five seeds ---------------------------------------------------------------------------


def test_seed_000_byline_and_date_on_one_line():
    lines = seed("000")
    published = find_published(lines)
    assert published.value == "2024-10-10"
    assert published.source == "text" and published.line_no == 5 and published.reason == REASON_DATELINE
    byline = find_byline(lines)
    assert byline.value == "Jean-Baptiste Le Roux" and byline.line_no == 5
    assert find_agency(lines) is None and find_photo_credit(lines) is None
    assert find_site_name(lines) is None  # "Dans la même rubrique :" is not a site name


def test_seed_001_photo_credit_no_date_no_agency():
    lines = seed("001")
    # "le 3 octobre 2024" and "Ce 21 octobre" date events in the body: no publication date printed
    assert find_published(lines) is None
    credit = find_photo_credit(lines)
    assert credit.value == "Reuters" and credit.line_no == 4 and credit.reason == REASON_PHOTO
    assert find_agency(lines) is None
    assert find_byline(lines) is None
    assert find_site_name(lines) is None


def test_seed_002_nothing_printed():
    lines = seed("002")
    assert find_published(lines) is None
    assert find_byline(lines) is None  # "L'Ukraine alerte par ailleurs …" is prose
    assert find_site_name(lines) is None  # "International" is a section label
    assert find_agency(lines) is None and find_photo_credit(lines) is None
    assert find_tags(lines) is None


def test_seed_003_site_name_and_relative_date():
    lines = seed("003")
    site = find_site_name(lines)
    assert site.value == "News Day FR" and site.line_no == 1 and site.reason == REASON_SITE
    published = find_published(lines)
    # 23 October fell on a Wednesday in 2019, 2024 and 2030; the text mentions "août 2023" as its
    # latest year, so the publication is 2024 (not 2022, the year of "février 2022").
    assert published.value == "2024-10-23"
    assert published.source == "relative"
    assert published.line_no is None  # body text: the line is kept
    assert "mercredi 23 octobre" in published.evidence and "2023" in published.evidence


def test_seed_004_dateline_agency_photo_credit_tags():
    lines = seed("004")
    published = find_published(lines)
    assert published.value == "2024-12-19" and published.line_no == 3 and published.source == "text"
    assert "agrees" in published.evidence  # الخميس = Thursday, and 19/12/2024 was a Thursday
    agency = find_agency(lines)
    assert agency.value == "AFP" and agency.line_no == 4 and agency.reason == REASON_AGENCY
    credit = find_photo_credit(lines)
    assert credit.value == "X" and credit.line_no == 6
    tags = find_tags(lines)
    assert len(tags.tags) == 15
    assert tags.tags[0] == "CoréeNord" and "Oleksandre Syrsky" in tags.tags
    assert tags.tags[-1] == "traité de défense Pyongyang Moscou"
    assert tags.line_nos == tuple(range(60, 75))
    assert find_byline(lines) is None
    assert find_site_name(lines) is None


def test_seed_004_consumed_lines():
    consumed = find_metadata(seed("004")).consumed_lines()
    assert consumed[3] == [(REASON_DATELINE, None)]
    assert consumed[4] == [(REASON_AGENCY, None)]
    assert consumed[6] == [(REASON_PHOTO, None)]
    assert 5 not in consumed and 7 not in consumed  # the captions are the cleaner's business
    assert set(consumed) == {3, 4, 6, *range(60, 75)}


# --- publication date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Publié le: Lundi 23 Décembre 2024"], "2024-12-23"),
        (["Publié le 12/11/2024 à 14h05 Mis à jour le 13/11/2024"], "2024-11-12"),
        (["Par Marie Dupont | Publié le 3 novembre 2024 à 18h12"], "2024-11-03"),
        (["Mis en ligne le 1er décembre 2024"], "2024-12-01"),
        (["Les soldats arrivent", "Jeudi 19 décembre 2024", "Le texte commence ici."], "2024-12-19"),
        (["Titre", "19/12/2024 - 10:39", "Corps."], "2024-12-19"),
        (["Titre", "2024-11-05"], "2024-11-05"),
    ],
)
def test_published_marker_and_dateline_forms(lines, expected):
    found = find_published(lines)
    assert found is not None and found.value == expected and found.source == "text"
    assert found.reason == REASON_DATELINE


def test_update_date_alone_is_not_the_publication_date():
    assert find_published(["Titre", "Mis à jour le 13/11/2024 à 09h00", "Texte."]) is None


def test_update_date_after_a_byline_marker_is_not_the_publication_date():
    assert find_published(["Publié par Marie Dupont · Mis à jour le 13/11/2024 à 10h"]) is None


def test_update_first_then_publication_takes_publication():
    lines = ["Mis à jour le 14/11/2024", "Publié le 10/11/2024"]
    assert find_published(lines).value == "2024-11-10"


def test_dates_in_body_prose_are_not_the_publication_date():
    lines = [
        "Des soldats nord-coréens tués près de Donetsk",
        "Six militaires ont été tués le 3 octobre 2024 près de Donetsk, selon des médias ukrainiens.",
        "Le 3 octobre 2024, six soldats sont morts.",  # short, near the top, but prose
        "Ce 21 octobre, le gouvernement russe a annoncé une coopération renforcée.",
        "Un rapport publié le 4 octobre 2024 par un média ukrainien évoque six morts.",
        "Ce rapport, publié le 4 octobre 2024 par un média ukrainien, évoque six morts.",
    ]
    assert find_published(lines) is None


def test_standalone_date_far_from_the_top_is_not_a_dateline():
    lines = ["Titre"] + [f"Paragraphe {n} du texte." for n in range(20)] + ["19/12/2024"]
    assert find_published(lines) is None


def test_relative_date_year_from_weekday_and_mentioned_years():
    lines = [
        "Les troupes nord-coréennes sont engagées depuis février 2022 aux côtés de Moscou, dit-on.",
        "Le rapprochement s'est accéléré en juin 2024 avec un traité.",
        "Les premières unités doivent arriver aujourd’hui, mardi 5 novembre, selon Kiev.",
    ]
    found = find_published(lines)
    # 5 November was a Tuesday in 2019, 2024 and 2030; latest year mentioned: 2024 -> 2024
    assert found.value == "2024-11-05" and found.source == "relative" and found.line_no is None


def test_relative_date_ignores_numbers_that_are_not_years():
    lines = ["Quelque 2000 soldats sont arrivés depuis 2018.",
             "Ils combattent aujourd'hui, mercredi 23 octobre, dans la région."]
    # "2000 soldats" is a count; the latest year is 2018, and 23 October was a Wednesday in 2019
    assert find_published(lines).value == "2019-10-23"


def test_relative_date_with_anchor_year_and_without_evidence():
    lines = ["Les unités seront déployées à partir d'aujourd'hui, mercredi 23 octobre."]
    assert find_published(lines, anchor_year=2024).value == "2024-10-23"
    assert find_published(lines) is None  # 2019, 2024 or 2030: nothing in the text decides


def test_relative_date_on_a_leap_day():
    lines = ["La ratification a eu lieu en juin 2023.", "Le vote a lieu aujourd'hui, jeudi 29 février."]
    # 29 February fell on a Thursday in 2024 only (within 2015-2030)
    assert find_published(lines).value == "2024-02-29"


def test_relative_date_with_year_printed():
    found = find_published(["Nous sommes aujourd'hui, jeudi 19 décembre 2024, à Séoul."])
    assert found.value == "2024-12-19" and found.source == "relative"


def test_marked_date_wins_over_relative_phrase():
    lines = ["Publié le 22/10/2024", "Ils arrivent aujourd'hui, mercredi 23 octobre, selon Kiev."]
    assert find_published(lines).value == "2024-10-22"


# --- byline -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Par Marie Dupont", "Marie Dupont"),
        ("Par Marie Dupont avec AFP", "Marie Dupont"),
        ("Auteur : Paul-Henri Martin", "Paul-Henri Martin"),
        ("Par Anne-Sophie de La Tour, envoyée spéciale à Kiev", "Anne-Sophie de La Tour"),
        ("Par Marie Dupont et Paul Martin", "Marie Dupont | Paul Martin"),
        ("Publié par Claire Lenoir le 2 décembre 2024", "Claire Lenoir"),
        ("Par la rédaction", "La rédaction"),
        ("Par la rédaction de News Day FR", "La rédaction"),
        ("Rédaction", "La rédaction"),
        ("La Rédaction avec AFP", "La rédaction"),
    ],
)
def test_byline_forms(line, author):
    found = find_byline(["Un titre", line, "Le texte de l'article commence ici."])
    assert found is not None and found.value == author and found.line_no == 2
    assert found.reason == REASON_BYLINE


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, Séoul a convoqué l'ambassadeur russe.",
        "Par Vladimir Poutine lui-même, la décision a été prise.",
        "Par Moscou",
        "Par AFP",  # an agency, not a person
        "La rédaction vous recommande",
        "La rédaction de ce traité a pris des mois.",
        "La rédaction, qui a enquêté, révèle les pertes.",
        "Par Vladimir Poutine, la décision a été prise sans consulter le Parlement russe.",
        "Parmi les soldats, Marie Dupont a été blessée.",
        "Marie Dupont",  # a bare name line could be a caption
    ],
)
def test_not_bylines(line):
    assert find_byline(["Un titre", line]) is None


# --- agency vs photo credit -------------------------------------------------------------------


def test_credit_label_makes_a_photo_credit_even_for_an_agency():
    lines = ["Des soldats nord-coréens à l'entraînement.", "Crédit : AFP"]
    assert find_photo_credit(lines).value == "AFP"
    assert find_agency(lines) is None


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("© AFP", "AFP"),
        ("Photo : AFP", "AFP"),
        ("Crédit Photo : X /", "X"),
        ("Crédits photo : Reuters / Gleb Garanich", "Reuters / Gleb Garanich"),
        ("Photo : Ministère ukrainien de la Défense", "Ministère ukrainien de la Défense"),
        # ends like an agency signature ("- AFP"), but the label makes it a photo credit
        ("Crédit photo : Kim Won-jin - AFP", "Kim Won-jin - AFP"),
    ],
)
def test_photo_credit_lines(line, credit):
    found = find_photo_credit([line])
    assert found.value == credit and found.span is None
    assert find_agency([line]) is None


def test_photo_credit_at_the_end_of_a_caption():
    line = "Kim Jong-un et Vladimir Poutine à Pyongyang. Photo : KCNA via AP"
    found = find_photo_credit([line])
    assert found.value == "KCNA via AP"
    assert line[found.span[0]:found.span[1]].strip() == "Photo : KCNA via AP"
    bracketed = find_photo_credit(["Des soldats à Koursk (© Reuters)"])
    assert bracketed.value == "Reuters"


@pytest.mark.parametrize(
    "line",
    [
        "Photos de soldats nord-coréens diffusées par Kiev",
        "Photo : Les soldats nord-coréens à l'entraînement près de Koursk",
        "© 2024 Info Hebdo. Tous droits réservés",  # a site copyright
    ],
)
def test_not_photo_credits(line):
    assert find_photo_credit([line]) is None


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("AFP", "AFP"),
        ("(AFP)", "AFP"),
        ("Source : AFP", "AFP"),
        ("Sources : AFP, Reuters", "AFP | Reuters"),
        ("Associated Press", "AP"),
        ("Par Marie Dupont avec AFP", "AFP"),
        ("La rédaction avec Belga", "Belga"),
        ("Par AFP", "AFP"),
    ],
)
def test_text_agency_lines(line, agency):
    found = find_agency(["Titre", line, "Texte."])
    assert found.value == agency and found.line_no == 2 and found.span is None
    assert find_photo_credit(["Titre", line]) is None


def test_agency_dateline_opening_a_paragraph():
    line = "(AFP) - Les soldats nord-coréens ont subi de lourdes pertes, selon Séoul."
    found = find_agency([line])
    assert found.value == "AFP"
    assert line[found.span[0]:found.span[1]] == "(AFP) - "
    place = "SÉOUL (Yonhap) – Le service de renseignement a informé les députés."
    found = find_agency([place])
    assert found.value == "Yonhap" and place[found.span[0]:found.span[1]] == "SÉOUL (Yonhap) – "


def test_agency_signature_at_the_end_of_a_paragraph():
    line = "Le Kremlin n'a pas confirmé ces informations. — AFP"
    found = find_agency([line])
    assert found.value == "AFP" and line[found.span[0]:].strip() == "— AFP"
    bracketed = "Kiev affirme que 30 soldats ont été tués (avec Reuters)"
    assert find_agency([bracketed]).value == "Reuters"


@pytest.mark.parametrize(
    "line",
    [
        "Le porte-parole a indiqué à l'AFP que les pertes étaient lourdes.",
        "Il l'a dit dans un entretien avec Reuters.",
        "Selon l'agence Yonhap, 100 soldats ont été tués au combat en décembre.",
        "Le bilan a été établi par les agences de presse Reuters - AFP",  # a list inside a sentence
    ],
)
def test_agencies_named_in_prose_are_not_credits(line):
    assert find_agency([line]) is None


def test_all_credits_listed_for_the_cleaner():
    lines = ["AFP", "Légende de la photo.", "Crédit : Reuters", "Texte.", "Légende.", "© Reuters"]
    assert [found.line_no for found in find_agency_credits(lines)] == [1]
    assert [found.line_no for found in find_photo_credits(lines)] == [3, 6]


# --- hashtags ---------------------------------------------------------------------------------


def test_tag_lines_and_labels():
    lines = ["Texte de l'article.", "", "Mots-clés :", "#Russie #Ukraine", "#Corée du Nord"]
    found = find_tags(lines)
    assert found.tags == ("Russie", "Ukraine", "Corée du Nord")
    assert found.line_nos == (3, 4, 5)
    labelled = find_tags(["Texte.", "Mots-clés : Russie, Corée du Nord, Ukraine"])
    assert labelled.tags == ("Russie", "Corée du Nord", "Ukraine") and labelled.line_nos == (2,)
    assert labelled.value == "Russie | Corée du Nord | Ukraine"


def test_inline_hashtags_are_collected_not_removed():
    line = "Suivez notre direct #Ukraine et #CoréeDuNord sur le site."
    found = find_tags([line])
    assert found.tags == ("Ukraine", "CoréeDuNord")
    assert found.line_nos == ()
    assert [line[start:end] for _, (start, end) in found.inline] == ["#Ukraine", "#CoréeDuNord"]


@pytest.mark.parametrize("line", ["# Titre de section", "Le numéro #1 du classement", "Mots-clés :",
                                  "https://exemple.fr/page#section"])
def test_not_hashtags(line):
    assert find_tags([line]) is None


# --- site name --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["Le Journal de Lille", "Un titre d'article sur la guerre", "Texte."], "Le Journal de Lille"),
        (["Un titre", "Texte de l'article.", "© 2024 Info Hebdo. Tous droits réservés"], "Info Hebdo"),
        (["Un titre", "Texte.", "Actu Défense © 2024"], "Actu Défense"),
    ],
)
def test_site_names(lines, name):
    assert find_site_name(lines).value == name


@pytest.mark.parametrize(
    "lines",
    [
        ["International", "Guerre en Ukraine : 30 soldats morts", "Texte."],
        ["Un titre", "Texte.", "For Latest Updates Follow us on Google News"],
        ["Un titre", "Texte.", "© AFP"],
        ["Des soldats nord-coréens en Russie, selon les infos de Séoul", "Texte."],
    ],
)
def test_not_site_names(lines):
    assert find_site_name(lines) is None


# --- labels -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "label"),
    [
        (dict(outlet="Frontières Média", outlet_source="inferred"), "Frontières Média (inferred)"),
        (dict(outlet="Le Monde", outlet_source="manifest", site_name="News Day FR"), "Le Monde"),
        (dict(site_name="News Day FR"), "News Day FR"),
        (dict(agency="AFP", photo_credit="X"), "unknown outlet · AFP dispatch"),
        (dict(author="Jean-Baptiste Le Roux"), "unknown outlet · byline Jean-Baptiste Le Roux"),
        (dict(photo_credit="Reuters"), "unknown outlet · photo: Reuters"),
        (dict(agency="AFP | Reuters"), "unknown outlet · AFP/Reuters dispatch"),
        (dict(), "unknown outlet"),
    ],
)
def test_make_label(kwargs, label):
    fields = dict(outlet="unknown", outlet_source="unknown", site_name="", agency="", author="",
                  article_id="000_x")
    fields.update(kwargs)
    assert make_label(**fields) == label


# --- robustness -------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [[], None, ["", "   "], [None, 3, "texte"]])
def test_bad_input_never_crashes(bad):
    assert find_published(bad) is None
    assert find_byline(bad) is None
    assert find_agency(bad) is None
    assert find_photo_credit(bad) is None
    assert find_tags(bad) is None
    assert find_site_name(bad) is None


def test_config_has_commented_cue_lists():
    config = load_metadata_config()
    assert "AFP" in config["agencies"] and "Yonhap" in config["agencies"]
    assert "crédit" in config["credits"]["photo_labels"]
