"""The clean stage: boilerplate removal, broken lines, repeated captions, structure, sentences, tables.

Expected values come from reading the seed pages (data/raw) and from French examples written for
each rule and its counter-case; none is copied from the code's output.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.clean.boilerplate import CleanedDocument, article_text, load_rules, rules_from_dict
from analysis.clean.document import clean_document, ledger_check
from analysis.clean.reading import RawDocument
from analysis.clean.stage import assign_article_ids, clean_corpus, unique_labels, write_cleaned
from analysis.core.errors import ConfigError
from analysis.core.paths import RAW_DIR
from analysis.core.schemas import ARTICLES

SEEDS = {
    "000": "000_86ef5fc6a3b7a9e5",
    "001": "001_ac609c1b67fdfd14",
    "002": "002_5c88694267f7b2aa",
    "003": "003_d65a453aca90a03a",
    "004": "004_0192dcd3d7aa3a3f",
}

#: Lines of the seed pages that are not article text, read off the pages one by one.
SEED_NOISE = {
    "000": ["Publié par Jean-Baptiste Le Roux le 10 Octobre 2024", "Un soldat en Corée du Nord Wikipedia",
            "Dans la même rubrique :"],
    "001": ["Crédit : Reuters", "A voir aussi",
            "Il a fait deux ans de prison après un dessin anti-guerre en Ukraine que sa fille avait réalisé",
            "Olena Zelenska, \"Première dame\" d'Ukraine ne veut pas que son peuple soit oublié",
            "La tension monte en Corée entre le Nord et le Sud"],
    "002": ["International", "Aucun commentaire", "Loading",
            "À lire aussi : États-Unis : une strip-teaseuse avoue avoir faussement témoigné après 18 ans, "
            "la fin d’un scandale national"],
    "003": ["News Day FR", "Ajouter", "Article ajouté", "Téléchargez le PDF", "Belgique",
            "For Latest Updates Follow us on Google\u00a0News", "•"],
    "004": ["10:3919/12/2024, الخميس", "AFP", "Crédit Photo : X /", "À lire également:", "#CoréeNord",
            "#Oleksandre Syrsky", "#traité de défense Pyongyang Moscou", "#guerre en Ukraine"],
}


def raw_seed(code: str) -> RawDocument:
    """A seed page as a RawDocument (lines as in the file)."""
    path = RAW_DIR / f"{SEEDS[code]}.txt"
    return RawDocument(path.name, None, path.read_text(encoding="utf-8").splitlines(), "sha")


def page(*lines: str) -> RawDocument:
    """A made-up page from its lines."""
    return RawDocument("exemple.txt", None, list(lines), "sha")


def kept(cleaned: CleanedDocument, kind: str | None = None) -> list[str]:
    """Texts of the kept paragraphs (of one kind)."""
    return [p.text for p in cleaned.paragraphs if kind is None or p.kind == kind]


def removed_reasons(cleaned: CleanedDocument) -> dict[str, str]:
    """Removed text -> reason."""
    return {piece.text: piece.reason for piece in cleaned.removed}


@pytest.fixture(scope="module")
def seeds() -> dict[str, CleanedDocument]:
    return {code: clean_document(raw_seed(code)) for code in SEEDS}


@pytest.fixture(scope="module")
def seed_corpus(cleaned_seeds):
    return cleaned_seeds


# ------------------------------------------------------------------------------------------------
# Seeds: what goes, what stays


@pytest.mark.parametrize("code", sorted(SEEDS))
def test_no_noise_line_remains_in_any_seed_body(seeds, code):
    bodies = kept(seeds[code])
    for noise in SEED_NOISE[code]:
        assert noise not in bodies
        if noise != "•" and len(noise) > 3:
            assert not any(noise in text for text in bodies), noise
    text = seeds[code].text
    for marker in ("Crédit", "Wikipedia", "lire aussi", "lire également", "A voir aussi", "commentaire",
                   "Loading", "Téléchargez", "Follow us", "#", "•", "Publié par", "News Day FR"):
        assert marker not in text, marker


def test_seed_noise_goes_to_the_ledger_with_its_reason(seeds):
    assert removed_reasons(seeds["000"])["Publié par Jean-Baptiste Le Roux le 10 Octobre 2024"] == "byline"
    assert removed_reasons(seeds["000"])["Un soldat en Corée du Nord Wikipedia"] == "caption"
    assert removed_reasons(seeds["000"])["Dans la même rubrique :"] == "related_link"
    assert removed_reasons(seeds["001"])["Crédit : Reuters"] == "photo_credit"
    assert removed_reasons(seeds["002"])["International"] == "section_label"
    assert removed_reasons(seeds["002"])["Aucun commentaire"] == "comments"
    assert removed_reasons(seeds["002"])["Loading"] == "button"
    assert removed_reasons(seeds["003"])["News Day FR"] == "site_name"
    assert removed_reasons(seeds["003"])["Téléchargez le PDF"] == "button"
    assert removed_reasons(seeds["003"])["For Latest Updates Follow us on Google\u00a0News"] == "social"
    reasons_004 = removed_reasons(seeds["004"])
    assert reasons_004["10:3919/12/2024, الخميس"] == "dateline"
    assert reasons_004["AFP"] == "agency"
    assert reasons_004["Crédit Photo : X /"] == "photo_credit"
    assert reasons_004["#Russie et Corée du Nord"] == "hashtag"
    assert reasons_004["À lire également:"] == "related_link"


def test_seed_headlines(seeds):
    assert kept(seeds["000"], "headline") == [
        "Des soldats nord-coréens envoyés en Ukraine et tués dans le conflit, selon Séoul"]
    assert kept(seeds["001"], "headline") == ["La Corée du Nord va-t-elle envoyer des militaires en Ukraine ?"]
    assert kept(seeds["002"], "headline") == [
        "Guerre en Ukraine : au moins 30 soldats nord-coréens morts dans la région de Koursk"]
    assert kept(seeds["004"], "headline") == [
        "Au moins 100 Nord-Coréens tués dans les combats Russie-Ukraine, affirme Séoul"]
    for code in SEEDS:
        headline = [p for p in seeds[code].paragraphs if p.kind == "headline"]
        assert not headline or seeds[code].paragraphs[0] is headline[0]


def test_003_prints_no_headline_and_none_is_invented(seeds):
    cleaned = seeds["003"]
    assert kept(cleaned, "headline") == []
    assert cleaned.metadata["title"] == ""
    first = cleaned.paragraphs[0]
    assert first.kind == "body"
    assert first.text.startswith("Le déploiement de troupes nord-coréennes en Russie représente")
    assert first.raw_lines == [3]


def test_seed_sub_headings(seeds):
    assert kept(seeds["000"], "heading") == ["Une implication militaire nord-coréenne en Ukraine",
                                             "Un soutien croissant de Pyongyang à Moscou"]
    assert kept(seeds["001"], "heading") == ["10 000 soldats ?", "La France prudente"]
    assert kept(seeds["002"], "heading") == ["Des soldats nord-coréens en première ligne",
                                             "Un accord de défense mutuelle entre Moscou et Pyongyang",
                                             "Une coopération militaire aux enjeux géopolitiques"]
    assert kept(seeds["003"], "heading") == []
    assert kept(seeds["004"], "heading") == ["Victimes et rôle des troupes nord-coréennes",
                                             "Une intensification des offensives",
                                             "Contexte des relations Russie-Corée du Nord"]


def test_001_interleaved_related_titles_are_removed_as_related_links(seeds):
    cleaned = seeds["001"]
    by_line = {piece.line_no: piece for piece in cleaned.removed}
    assert by_line[10].reason == by_line[20].reason == by_line[32].reason == "related_link"
    assert by_line[10].text.startswith("Il a fait deux ans de prison")
    assert by_line[20].text.startswith("Olena Zelenska")
    # the paragraphs around them are still there, and separate
    assert any(text.startswith("Une aute vidéo très partagée") for text in kept(cleaned, "body"))
    assert any(text.startswith("La Corée du Sud se dit “gravement préoccupée") and text.endswith("domaine\".")
               for text in kept(cleaned, "body"))


def test_001_lead_under_the_headline_is_kept_and_its_credit_removed(seeds):
    body = kept(seeds["001"], "body")
    assert body[0].startswith("Volodymyr Zelensky assure que “quelque 10 000 soldats nord-coréens”")


def test_003_bullets_are_body_paragraphs_without_their_marker(seeds):
    cleaned = seeds["003"]
    bullets = {p.raw_lines[0]: p for p in cleaned.paragraphs if p.raw_lines in ([16], [17], [18], [24], [25])}
    assert sorted(bullets) == [16, 17, 18, 24, 25]
    assert all(p.kind == "body" for p in bullets.values())
    assert bullets[16].text.startswith("Selon Séoul, 3 000 de ces combattants")
    assert bullets[17].text.startswith("Il s’agit de l’une des escalades")
    assert bullets[18].text.endswith("à partir d’aujourd’hui, mercredi 23 octobre.")
    assert bullets[24].text.startswith("La Corée du Sud a annoncé mardi 22 octobre")
    assert bullets[25].text.startswith("Le président sud-coréen Yoon Suk-yeol")
    markers = [piece for piece in cleaned.removed if piece.reason == "bullet_marker"]
    assert [(piece.line_no, piece.text, piece.col_start) for piece in markers] == [
        (16, "•", 2), (17, "•", 2), (18, "•", 2), (24, "•", 2), (25, "•", 2)]


def test_004_broken_quotes_are_joined_into_their_sentences(seeds):
    body = kept(seeds["004"], "body")
    assert ('"En décembre, ils ont participé à des combats réels, au cours desquels au moins 100 décès sont '
            'survenus", a déclaré Lee Seong-kweun à l\'issue d\'un briefing') in " ".join(body)
    assert ("le NIS a également rapporté qu'\"environ 1.000 soldats nord-coréens ont été blessés\". Il a ajouté"
            in " ".join(body))
    assert 'se chiffrent à "plusieurs centaines", allant de blessés légers à des morts au combat.' in " ".join(body)
    assert ('ont dénoncé "un élargissement dangereux" de la guerre en Ukraine et ont exhorté Pyongyang'
            in " ".join(body))
    assert 'prévoyant une "aide militaire immédiate" en cas d’agression extérieure.' in " ".join(body)
    joined = [p.raw_lines for p in seeds["004"].paragraphs if len(p.raw_lines) > 1]
    assert joined == [[14, 15], [17, 18, 19], [37, 38, 39], [41, 42, 43], [48, 49, 50]]


def test_004_repeated_caption_is_kept_once_and_the_new_sentence_after_it_stays(seeds):
    cleaned = seeds["004"]
    caption = ("Plusieurs milliers de soldats nord-coréens auraient été envoyés en Russie ces dernières semaines "
               "pour renforcer l'armée russe, selon des sources occidentales.")
    assert cleaned.text.count(caption) == 1
    assert "Cependant, le Kremlin continue d’éluder les questions à ce sujet." in kept(cleaned, "body")
    duplicates = [(piece.line_no, piece.text) for piece in cleaned.removed if piece.reason == "duplicate"]
    assert duplicates == [(7, caption), (29, caption)]


def test_original_characters_are_kept_in_the_body(seeds):
    text = seeds["002"].text
    assert "« une aide militaire immédiate »" in text  # guillemets and their spaces as printed
    assert "n’ont confirmé officiellement" in text  # typographic apostrophe not folded
    assert "Nord-Coréens" in seeds["004"].text


def test_seed_metadata_read_from_the_text(seeds):
    assert seeds["000"].metadata["author"] == "Jean-Baptiste Le Roux"
    assert seeds["004"].metadata["agency"] == "AFP"
    assert seeds["003"].metadata["site_name"] == "News Day FR"
    assert seeds["004"].metadata["title"] == "Au moins 100 Nord-Coréens tués dans les combats Russie-Ukraine, affirme Séoul"
    assert sorted(seeds["004"].metadata_lines["hashtag"]) == list(range(60, 75))


# ------------------------------------------------------------------------------------------------
# Rules on French examples of our own (noise the seeds do not show, and counter-cases)

HEADLINE = "Séoul affirme que Pyongyang a envoyé de nouvelles troupes en Russie"
LEAD = "Le renseignement sud-coréen a fait état mercredi de nouveaux envois de soldats."


@pytest.mark.parametrize("line", ["Aucun commentaire", "12 commentaires", "1 commentaire", "3 Commentaires"])
def test_comment_counters_are_removed(line):
    cleaned = clean_document(page(HEADLINE, line, LEAD), read_metadata=False)
    assert removed_reasons(cleaned)[line] == "comments"
    assert kept(cleaned) == [HEADLINE, LEAD]


def test_a_sentence_about_comments_is_kept():
    sentence = "Les 12 commentaires publiés sous la vidéo ont été supprimés par la modération."
    cleaned = clean_document(page(HEADLINE, LEAD, sentence), read_metadata=False)
    assert kept(cleaned, "body") == [LEAD, sentence]


@pytest.mark.parametrize("line", ["Lire aussi : Kim Jong-un reçoit Sergueï Choïgou à Pyongyang",
                                  "À lire aussi: Les soldats nord-coréens arrivent à Koursk",
                                  "A LIRE AUSSI - Pourquoi la Corée du Nord aide la Russie",
                                  "Voir aussi : notre carte des combats"])
def test_read_also_lines_are_related_links(line):
    cleaned = clean_document(page(HEADLINE, LEAD, line, "Moscou n'a pas commenté."), read_metadata=False)
    assert removed_reasons(cleaned)[line] == "related_link"
    assert kept(cleaned, "body") == [LEAD, "Moscou n'a pas commenté."]


def test_a_bare_read_also_marker_takes_the_title_on_the_next_line():
    lines = [HEADLINE, "", LEAD, "", "Lire aussi", "", "Kim Jong-un promet un soutien « total » à Moscou", "",
             "Moscou n'a pas commenté ces informations.", "", "Les experts restent prudents.", ""]
    cleaned = clean_document(page(*lines), read_metadata=False)
    reasons = removed_reasons(cleaned)
    assert reasons["Lire aussi"] == reasons["Kim Jong-un promet un soutien « total » à Moscou"] == "related_link"
    assert kept(cleaned, "body") == [LEAD, "Moscou n'a pas commenté ces informations.",
                                     "Les experts restent prudents."]


def test_a_bare_marker_never_takes_a_paragraph_of_prose():
    lines = [HEADLINE, LEAD, "Lire aussi :", "Le ministère a démenti ces informations dans la soirée.",
             "Les experts restent prudents."]
    cleaned = clean_document(page(*lines), read_metadata=False)
    assert "Le ministère a démenti ces informations dans la soirée." in kept(cleaned, "body")


@pytest.mark.parametrize("line", ["Partager", "Partager sur Facebook", "Partager via WhatsApp", "Tweeter",
                                  "Copier le lien", "Suivez-nous sur Google Actualités"])
def test_share_buttons_are_removed(line):
    cleaned = clean_document(page(HEADLINE, line, LEAD), read_metadata=False)
    assert removed_reasons(cleaned)[line] == "social"


def test_a_sentence_starting_with_partager_is_kept():
    sentence = "Partager les renseignements avec Kiev reste une priorité pour Séoul, a-t-il déclaré."
    cleaned = clean_document(page(HEADLINE, LEAD, sentence), read_metadata=False)
    assert sentence in kept(cleaned, "body")


@pytest.mark.parametrize("line", ["Inscrivez-vous à notre newsletter", "Abonnez-vous à nos newsletters gratuites",
                                  "Recevez gratuitement notre newsletter Monde", "Newsletter"])
def test_newsletter_prompts_are_removed(line):
    cleaned = clean_document(page(HEADLINE, LEAD, line), read_metadata=False)
    assert removed_reasons(cleaned)[line] == "newsletter"


def test_an_invitation_in_the_text_is_not_a_newsletter_prompt():
    sentence = "Le ministère a invité les journalistes à s'inscrire avant le briefing de jeudi."
    cleaned = clean_document(page(HEADLINE, LEAD, sentence), read_metadata=False)
    assert sentence in kept(cleaned, "body")


@pytest.mark.parametrize("line", ["Publié le 21/10/2024 à 10h05, mis à jour le 22/10/2024 à 08h00",
                                  "Mis à jour le 22 octobre 2024 à 08h00",
                                  "Publié le 21 octobre 2024 Mis à jour le 22 octobre 2024"])
def test_published_and_updated_lines_are_datelines(line):
    for read_metadata in (False, True):  # the YAML rule alone, and with analysis.clean.metadata first
        cleaned = clean_document(page(HEADLINE, line, LEAD), read_metadata=read_metadata)
        assert removed_reasons(cleaned)[line] == "dateline"
        assert kept(cleaned) == [HEADLINE, LEAD]


def test_a_sentence_with_publie_le_is_kept():
    sentence = "Le rapport publié le 3 octobre par le NIS fait état de pertes importantes."
    cleaned = clean_document(page(HEADLINE, LEAD, sentence), read_metadata=False)
    assert sentence in kept(cleaned, "body")


@pytest.mark.parametrize("line,reason", [("© AFP", "photo_credit"), ("Photo : Jung Yeon-je / AFP", "photo_credit"),
                                         ("Crédits photo : KCNA via KNS", "photo_credit"),
                                         ("Kim Jong-un lors d'un défilé à Pyongyang AFP", "caption"),
                                         ("Par Marie Durand, envoyée spéciale à Séoul", "byline"),
                                         ("Jeudi 19 décembre 2024", "dateline"), ("(AFP)", "agency"),
                                         ("#Koursk", "hashtag"), ("Publicité", "advertising"),
                                         ("Temps de lecture : 3 min", "navigation")])
def test_credits_bylines_dates_and_widgets(line, reason):
    cleaned = clean_document(page(HEADLINE, line, LEAD, "Moscou n'a pas commenté."), read_metadata=False)
    assert removed_reasons(cleaned)[line] == reason


def test_par_ailleurs_is_not_a_byline():
    sentence = "Par ailleurs, Séoul a convoqué l'ambassadeur russe."
    cleaned = clean_document(page(HEADLINE, LEAD, sentence), read_metadata=False)
    assert sentence in kept(cleaned, "body")


# ------------------------------------------------------------------------------------------------
# Broken lines


def test_a_quote_on_its_own_line_and_the_attribution_after_it_are_one_paragraph():
    lines = [HEADLINE, "", "Le porte-parole du Kremlin a qualifié ces informations de", '"pure invention"',
             ", selon l'agence Tass."]
    cleaned = clean_document(page(*lines), read_metadata=False)
    assert kept(cleaned, "body") == ['Le porte-parole du Kremlin a qualifié ces informations de "pure invention", '
                                     "selon l'agence Tass."]
    assert cleaned.paragraphs[1].raw_lines == [3, 4, 5]


def test_a_line_starting_in_lowercase_continues_the_previous_one():
    lines = [HEADLINE, "Les services ukrainiens affirment que les soldats",
             "ont été déployés dans la région de Koursk."]
    cleaned = clean_document(page(*lines), read_metadata=False)
    assert kept(cleaned, "body") == ["Les services ukrainiens affirment que les soldats ont été déployés dans la "
                                     "région de Koursk."]


def test_an_elision_at_the_end_of_a_line_is_joined_without_a_space():
    lines = [HEADLINE, "Le ministre a précisé qu’", "« aucune décision n'a été prise »", "."]
    cleaned = clean_document(page(*lines), read_metadata=False)
    assert kept(cleaned, "body") == ["Le ministre a précisé qu’« aucune décision n'a été prise »."]


def test_finished_sentences_are_not_joined():
    lines = [HEADLINE, "Le Kremlin dément.", "Pyongyang n'a pas réagi.", "",
             "« Nous ne confirmons rien », a dit le porte-parole."]
    cleaned = clean_document(page(*lines), read_metadata=False)
    assert kept(cleaned, "body") == ["Le Kremlin dément.", "Pyongyang n'a pas réagi.",
                                     "« Nous ne confirmons rien », a dit le porte-parole."]


def test_a_heading_followed_by_a_full_quotation_is_not_joined():
    lines = [HEADLINE, LEAD, "", "La réaction de Kiev", "\"Nous sommes prêts à les affronter.\"", "",
             "Zelensky a appelé ses alliés à réagir."]
    cleaned = clean_document(page(*lines), read_metadata=False)
    assert kept(cleaned, "heading") == ["La réaction de Kiev"]
    assert "\"Nous sommes prêts à les affronter.\"" in kept(cleaned, "body")


# ------------------------------------------------------------------------------------------------
# Repeated text


def test_a_repeated_caption_is_removed_with_normalised_quotes_and_apostrophes():
    caption = "Des soldats nord-coréens à l'entraînement dans l'Extrême-Orient russe, selon Séoul."
    repeat = "Des soldats nord-coréens à l’entraînement dans l’Extrême-Orient  russe, selon Séoul."
    cleaned = clean_document(page(HEADLINE, caption, repeat, LEAD), read_metadata=False)
    assert kept(cleaned, "body") == [caption, LEAD]
    assert removed_reasons(cleaned)[repeat] == "duplicate"


def test_a_paragraph_starting_with_a_repeated_caption_keeps_its_new_sentences():
    caption = "Des soldats nord-coréens à l'entraînement dans l'Extrême-Orient russe, selon Séoul."
    cleaned = clean_document(page(HEADLINE, caption, LEAD, caption + "  Moscou n'a pas commenté."),
                             read_metadata=False)
    assert kept(cleaned, "body") == [caption, LEAD, "Moscou n'a pas commenté."]
    piece = next(piece for piece in cleaned.removed if piece.reason == "duplicate")
    assert (piece.line_no, piece.text, piece.col_start) == (4, caption, 0)


def test_short_repeated_paragraphs_are_not_duplicates():
    cleaned = clean_document(page(HEADLINE, "Non.", LEAD, "Non."), read_metadata=False)
    assert kept(cleaned, "body") == ["Non.", LEAD, "Non."]


# ------------------------------------------------------------------------------------------------
# Headline, sub-headings and related-article titles


def test_sub_headings_and_related_titles_are_told_apart_by_layout():
    lines = [HEADLINE, "", LEAD, "", "Une réponse prudente de Paris", "", "Paris a appelé à la retenue.", "",
             "Pourquoi Kim Jong-un envoie ses soldats en Russie", "", "Les enjeux de l'alliance", "",
             "L'alliance inquiète Séoul.", "", "Le Japon renforce sa défense"]
    cleaned = clean_document(page(*lines), read_metadata=False)
    assert kept(cleaned, "heading") == ["Une réponse prudente de Paris", "Les enjeux de l'alliance"]
    by_text = {piece.text: piece for piece in cleaned.removed}
    assert by_text["Pourquoi Kim Jong-un envoie ses soldats en Russie"].rule == "title_followed_by_title"
    assert by_text["Le Japon renforce sa défense"].rule == "trailing_title"
    assert by_text["Le Japon renforce sa défense"].reason == "related_link"


def test_a_question_can_be_a_sub_heading():
    lines = [HEADLINE, LEAD, "Combien de soldats ?", "Les estimations varient de 10 000 à 12 000 hommes."]
    cleaned = clean_document(page(*lines), read_metadata=False)
    assert kept(cleaned, "heading") == ["Combien de soldats ?"]


def test_a_long_title_alone_between_paragraphs_is_a_related_link():
    title = "Un ancien soldat russe raconte comment il a fui le front après trois mois de combats à Koursk"
    cleaned = clean_document(page(HEADLINE, LEAD, title, "Moscou n'a pas commenté."), read_metadata=False)
    assert removed_reasons(cleaned)[title] == "related_link"


def test_known_limitation_a_short_related_title_alone_between_paragraphs_stays_a_heading():
    # Documented in boilerplate.yaml (structure): layout alone cannot tell it from a sub-heading.
    cleaned = clean_document(page(HEADLINE, LEAD, "Le Japon renforce sa défense", "Moscou n'a pas commenté."),
                             read_metadata=False)
    assert kept(cleaned, "heading") == ["Le Japon renforce sa défense"]


def test_the_longest_title_above_the_first_paragraph_is_the_headline():
    lines = ["Péninsule coréenne", HEADLINE, "", LEAD]
    cleaned = clean_document(page(*lines), read_metadata=False)
    assert kept(cleaned, "headline") == [HEADLINE]
    assert removed_reasons(cleaned)["Péninsule coréenne"] == "navigation"


def test_a_page_starting_with_prose_has_no_headline():
    cleaned = clean_document(page(LEAD, "Moscou n'a pas commenté."), read_metadata=False)
    assert kept(cleaned, "headline") == []
    assert kept(cleaned, "body") == [LEAD, "Moscou n'a pas commenté."]


# ------------------------------------------------------------------------------------------------
# Rules as data


def test_custom_rule_sets_can_be_loaded():
    rules = rules_from_dict({"line_rules": [{"name": "sponsor", "reason": "advertising",
                                             "pattern": "^sponsorisé par\\b", "comment": "test"}]})
    cleaned = clean_document(page(HEADLINE, "Sponsorisé par Exemple SA", LEAD), rules, read_metadata=False)
    assert removed_reasons(cleaned)["Sponsorisé par Exemple SA"] == "advertising"
    # without the project's rules, "Aucun commentaire" is just a short line at the end
    cleaned = clean_document(page(HEADLINE, LEAD, "Aucun commentaire"), rules, read_metadata=False)
    assert removed_reasons(cleaned)["Aucun commentaire"] == "related_link"  # trailing title-like line


def test_every_shipped_rule_has_a_name_reason_and_pattern():
    rules = load_rules()
    assert {rule.reason for rule in rules.line_rules} >= {"related_link", "caption", "photo_credit", "comments",
                                                          "social", "newsletter", "button", "hashtag", "byline",
                                                          "dateline", "agency", "section_label", "site_name"}
    assert len({rule.name for rule in rules.line_rules}) == len(rules.line_rules)


@pytest.mark.parametrize("data,problem", [
    ({"line_rules": [{"name": "x", "reason": "y", "pattern": "(unclosed"}]}, "not a valid regular expression"),
    ({"line_rules": [{"name": "x", "pattern": "^a$"}]}, "lacks reason"),
    ({"line_rules": [{"name": "x", "reason": "y", "pattern": "^a$", "where": "bottom"}]}, "where must be"),
])
def test_bad_rules_raise_a_config_error(data, problem):
    with pytest.raises(ConfigError, match=problem):
        rules_from_dict(data)


# ------------------------------------------------------------------------------------------------
# Bad input


def test_bad_documents_never_crash():
    assert clean_document(RawDocument("x.txt", None, [], "sha", error="empty file (0 bytes)")).error == \
        "empty file (0 bytes)"
    only_noise = clean_document(page("Aucun commentaire", "", "Partager", "Loading"), read_metadata=False)
    assert only_noise.paragraphs == [] and only_noise.error == "nothing left after cleaning"
    assert clean_document(page("", "  ", "\u00a0")).error == "only whitespace"


# ------------------------------------------------------------------------------------------------
# Sentences and tables (the whole stage on the seeds)


def sentence_with(corpus, article: str, fragment: str) -> str:
    rows = corpus.sentences[(corpus.sentences.article_id == SEEDS[article])
                            & corpus.sentences.text.str.contains(fragment, regex=False)]
    assert len(rows) == 1, (fragment, list(rows.text))
    return rows.text.iloc[0]


def test_004_broken_quotes_are_single_sentences(seed_corpus):
    assert "a déclaré Lee Seong-kweun" in sentence_with(seed_corpus, "004", "au moins 100 décès sont survenus")
    assert "a également rapporté qu'" in sentence_with(seed_corpus, "004", "environ 1.000 soldats")
    sentence = sentence_with(seed_corpus, "004", "plusieurs centaines")
    assert sentence.startswith("Un haut responsable américain") and sentence.endswith("des morts au combat.")
    sentence = sentence_with(seed_corpus, "004", "un élargissement dangereux")
    assert sentence.startswith("En réponse") and sentence.endswith("à rapatrier ses troupes.")
    assert sentence_with(seed_corpus, "004", "aide militaire immédiate").startswith("En juin, un traité")


def test_bad_spacy_splits_are_undone(seed_corpus):
    assert sentence_with(seed_corpus, "004", "Oleksandre Syrsky").startswith("Mardi, Oleksandre Syrsky")
    assert sentence_with(seed_corpus, "003", "Quatre jours plus tard").startswith("Quatre jours plus tard, les")
    assert sentence_with(seed_corpus, "004", "affirme Séoul") == (
        "Au moins 100 Nord-Coréens tués dans les combats Russie-Ukraine, affirme Séoul")
    assert sentence_with(seed_corpus, "001", "À ce stade").endswith("l'effort de guerre russe.\"")
    # a quotation and its attribution are one sentence
    assert sentence_with(seed_corpus, "001", "Si cette information était avérée").endswith(
        "ministère français des Affaires étrangères.")
    # what spaCy already splits well stays split
    assert sentence_with(seed_corpus, "004", "Il a ajouté que plusieurs pertes").startswith("Il a ajouté")
    assert sentence_with(seed_corpus, "001", "1500 seraient").startswith("1500 seraient déjà arrivés")
    assert "10 000 soldats nord-coréens" in sentence_with(seed_corpus, "002", "environ 10 000")
    # "(...)" inside a quotation does not end it
    sentence = sentence_with(seed_corpus, "001", "Cette alliance (...)")
    assert sentence.startswith("Ce 21 octobre") and sentence.endswith("contre des pays tiers\".")
    # guillemets: the whole « … » quotation and what follows stay in the sentence
    assert sentence_with(seed_corpus, "003", "« une équipe »").endswith("des Nord-Coréens capturés ».")


def test_sentence_and_paragraph_offsets_point_into_the_article_text(seed_corpus):
    for article_id, paragraphs in seed_corpus.paragraphs.groupby("article_id"):
        text = article_text(list(paragraphs.sort_values("position").text))
        for row in paragraphs.itertuples():
            assert text[row.char_start:row.char_end] == row.text
        sentences = seed_corpus.sentences[seed_corpus.sentences.article_id == article_id]
        assert list(sentences.position) == list(range(len(sentences)))
        for row in sentences.itertuples():
            assert text[row.char_start:row.char_end] == row.text
        kinds = dict(zip(paragraphs.paragraph_id, paragraphs.kind))
        assert all(kinds[row.paragraph_id] == row.kind for row in sentences.itertuples())


def test_article_text_joins_paragraphs_with_a_blank_line():
    assert article_text(["Titre", "Premier paragraphe."]) == "Titre\n\nPremier paragraphe."
    assert article_text([]) == ""


def test_seed_articles_table(seed_corpus):
    articles = seed_corpus.articles
    assert set(ARTICLES.columns) <= set(articles.columns)
    assert list(articles.article_id) == sorted(SEEDS.values())
    assert set(articles.status) == {"ok"}
    assert articles.label.is_unique
    row = articles.set_index("article_id").loc[SEEDS["002"]]
    assert (row.outlet, row.outlet_source) == ("Frontières Média", "inferred")
    row = articles.set_index("article_id").loc[SEEDS["003"]]
    assert (row.outlet, row.outlet_source, row.site_name, row.title) == ("News Day FR", "text", "News Day FR", "")
    row = articles.set_index("article_id").loc[SEEDS["004"]]
    assert (row.outlet, row.agency, row.published) == ("unknown", "AFP", "2024-12-19")
    counts = seed_corpus.paragraphs.groupby("article_id").size()
    assert dict(zip(articles.article_id, articles.n_paragraphs)) == counts.to_dict()
    assert (articles.n_words > 300).all() and (articles.n_sentences >= 15).all()


def test_unique_labels_add_the_short_id_only_where_labels_collide():
    labels = unique_labels(["unknown outlet · AFP dispatch", "Le Monde", "unknown outlet · AFP dispatch"],
                           ["004_0192dcd3d7aa3a3f", "005_aaaa", "009_bbbb"])
    assert labels == ["unknown outlet · AFP dispatch · 004", "Le Monde", "unknown outlet · AFP dispatch · 009"]


ENGLISH = ("North Korea has sent thousands of soldiers to Russia, according to South Korean intelligence. "
           "The troops are expected to fight in the Kursk region, officials said on Wednesday.\n")


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for code in ("002", "004"):
        shutil.copy(RAW_DIR / f"{SEEDS[code]}.txt", raw / f"{SEEDS[code]}.txt")
    shutil.copy(RAW_DIR / f"{SEEDS['004']}.txt", raw / "900_copie.txt")  # the same dispatch again
    (raw / "901_english.txt").write_text("North Korean troops in Kursk\n\n" + ENGLISH, encoding="utf-8")
    (raw / "902_vide.txt").write_bytes(b"")
    (raw / "903_bruit.txt").write_text("Aucun commentaire\nPartager\nLoading\n", encoding="utf-8")
    cache = tmp_path_factory.mktemp("parses")
    return raw, clean_corpus(raw, cache_dir=cache, progress=False), cache


def test_statuses_and_reasons(mixed_corpus):
    _, corpus, _ = mixed_corpus
    rows = corpus.articles.set_index("article_id")
    assert rows.loc["900_copie", "status"] == "duplicate"
    assert rows.loc["900_copie", "duplicate_of"] == SEEDS["004"]
    assert rows.loc["901_english", "status"] == "not_french"
    assert rows.loc["901_english", "reason"].startswith("language detected as en (")
    assert rows.loc["902_vide", "status"] == "rejected" and "empty" in rows.loc["902_vide", "reason"]
    assert (rows.loc["903_bruit", "status"], rows.loc["903_bruit", "reason"]) == (
        "rejected", "nothing left after cleaning")
    assert rows.loc[SEEDS["004"], "status"] == "ok"
    assert corpus.articles.label.is_unique
    assert rows.loc["900_copie", "label"] == "unknown outlet · AFP dispatch · 900"
    # the noise-only file is still accounted for, line by line
    removed = corpus.removed_lines[corpus.removed_lines.article_id == "903_bruit"]
    assert list(removed.line_no) == [1, 2, 3]
    # the English article's sentences are written (its status keeps it out of the analysis)
    assert (corpus.sentences.article_id == "901_english").any()


def test_write_cleaned_is_deterministic(mixed_corpus, tmp_path):
    raw, corpus, cache = mixed_corpus
    first = write_cleaned(corpus, tmp_path / "a")
    from_cache = clean_corpus(raw, cache_dir=cache, progress=False)  # Docs read back from the parse cache
    fresh = clean_corpus(raw, cache_dir=None, progress=False)  # parsed again, nothing cached
    write_cleaned(from_cache, tmp_path / "b")
    again = write_cleaned(fresh, tmp_path / "c")
    assert [path.read_bytes() for path in first] == [(tmp_path / "b" / path.name).read_bytes() for path in first]
    assert [path.name for path in first] == ["articles.csv", "paragraphs.csv", "sentences.csv", "removed_lines.csv",
                                            "warnings.csv"]
    for one, two in zip(first, again):
        assert one.read_bytes() == two.read_bytes()
    articles = pd.read_csv(first[0], keep_default_na=False)
    assert list(articles.article_id) == sorted(articles.article_id)


@pytest.mark.parametrize("sentence", ["Lire aussi les déclarations du ministre, publiées mardi, permet de comprendre.",
                                      "À la une de la presse russe, l'accord avec Pyongyang est salué."])
def test_prose_starting_like_a_related_link_marker_is_kept(sentence):
    cleaned = clean_document(page(HEADLINE, LEAD, sentence), read_metadata=False)
    assert sentence in kept(cleaned, "body")


def test_article_ids_are_file_stems_and_stay_unique():
    docs = [RawDocument("000_abc.txt", None, [], "s"), RawDocument("000_abc.html", None, [], "s"),
            RawDocument("corpus/news-report.jsonl", 3, [], "s"), RawDocument("corpus/news-report.csv", 3, [], "s"),
            RawDocument("b.txt", None, [], "s")]
    assert assign_article_ids(docs) == ["000_abc-txt", "000_abc-html", "corpus__news-report-jsonl-r00003",
                                        "corpus__news-report-csv-r00003", "b"]


@pytest.mark.parametrize("text, expected", [
    ("Les soldats sont arrivés, selon Kiev.", 6),  # Les soldats sont arrivés selon Kiev
    ("Les soldats sont arrivés — 3 000, selon Kiev !", 8),  # the two digit groups are two words
    ("« … » ; — !", 0),  # punctuation only
])
def test_count_words_counts_words_and_numbers_not_punctuation(text, expected):
    from analysis.clean.segmentation import count_words
    from analysis.core.nlp import load_nlp

    doc = load_nlp()(text)
    assert count_words(doc) == expected
    # the same as asking every Token (what count_words computes without building the Tokens)
    assert count_words(doc) == sum(1 for token in doc if not (token.is_punct or token.is_space)
                                   and any(char.isalnum() for char in token.text))


# --------------------------------------------------------------------------------------------------
# Headlines given outside the text (corpus title field, HTML metadata, manifest)

BODY = ["Des soldats nord-coréens ont été vus près de Koursk, selon Kiev.", "", "Le Kremlin n'a pas réagi."]


def _record(title: str, lines: list[str] = BODY, file_format: str = "jsonl") -> RawDocument:
    return RawDocument(f"corpus.{file_format}", 1, list(lines), "sha", metadata={"title": title},
                       file_format=file_format)


def test_a_corpus_title_the_text_does_not_print_becomes_the_headline():
    doc = _record("Des Nord-Coréens  aperçus à Koursk")
    cleaned = clean_document(doc)
    first = cleaned.paragraphs[0]
    assert (first.kind, first.text, first.source, first.raw_lines) == (
        "headline", "Des Nord-Coréens aperçus à Koursk", "title field of the jsonl record", [])
    assert [paragraph.kind for paragraph in cleaned.paragraphs[1:]] == ["body", "body"]
    assert cleaned.metadata["title"] == "Des Nord-Coréens aperçus à Koursk"
    assert ledger_check(doc, cleaned) == []  # the added headline comes from no raw line, and says so


def test_a_title_the_text_repeats_is_not_added_twice():
    doc = _record("Le Kremlin n’a pas réagi.")  # typographic apostrophe: the same words
    cleaned = clean_document(doc)
    assert [paragraph.text for paragraph in cleaned.paragraphs] == [BODY[0], BODY[2]]


def test_a_text_that_prints_its_own_headline_keeps_it():
    lines = ["Pyongyang dément tout envoi de soldats", "", *BODY]
    cleaned = clean_document(_record("Pyongyang dément - Le Site", lines, "html"))
    assert [(p.kind, p.source) for p in cleaned.paragraphs][:1] == [("headline", "text")]
    assert cleaned.paragraphs[0].text == "Pyongyang dément tout envoi de soldats"


def test_a_manifest_title_heads_a_text_file_that_prints_none(tmp_path):
    (tmp_path / "a.txt").write_text("\n".join(BODY) + "\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,title\na.txt,Des soldats nord-coréens près de Koursk\n",
                                           encoding="utf-8")
    corpus = clean_corpus(tmp_path, cache_dir=None, progress=False)
    headline = corpus.paragraphs.iloc[0]
    assert (headline["kind"], headline["text"], headline["raw_lines"], headline["source"]) == (
        "headline", "Des soldats nord-coréens près de Koursk", "", "title column of manifest.csv")
    assert corpus.sentences.iloc[0]["text"] == "Des soldats nord-coréens près de Koursk"
    assert corpus.articles.iloc[0]["title"] == "Des soldats nord-coréens près de Koursk"
