"""Figures: computed titles, one colour per label everywhere, the "date unknown" lane, deterministic PNGs."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import pandas as pd
import pytest
from matplotlib.colors import to_hex
from PIL import Image

from analysis.report import plots

LABELS = ["Zulu · site", "Alpha · AFP dispatch", "Mike · blog"]


def certainty_table() -> pd.DataFrame:
    # Alpha: 2 of 25 hedged (8%); Mike: 11 of 18 (61%); Zulu: 3 of 10 (30%).
    rows = [("Alpha · AFP dispatch", "hedged", 2, 25), ("Mike · blog", "hedged", 11, 18),
            ("Zulu · site", "hedged", 3, 10), ("Alpha · AFP dispatch", "denial", 1, 25),
            ("Mike · blog", "denial", 0, 18), ("Zulu · site", "denial", 2, 10)]
    table = pd.DataFrame(rows, columns=["label", "measure", "count", "total"])
    table["share"] = table["count"] / table["total"]
    table["article_id"] = table["label"].str[:1]
    return table


def voice_table() -> pd.DataFrame:
    rows = [("Alpha · AFP dispatch", "South Korea", 3, 4), ("Alpha · AFP dispatch", "Ukraine", 1, 4),
            ("Mike · blog", "South Korea", 2, 2), ("Mike · blog", "Ukraine", 0, 2),
            ("Zulu · site", "South Korea", 0, 1), ("Zulu · site", "Ukraine", 1, 1)]
    table = pd.DataFrame(rows, columns=["label", "actor_group_label", "n_attributions", "n_total"])
    table["share"] = table["n_attributions"] / table["n_total"]
    table["actor_group"] = table["actor_group_label"].str.lower().str.replace(" ", "_")
    return table


def timeline_table() -> pd.DataFrame:
    rows = [("2024-10-23", True, "Mike · blog", "deployed", 12000.0, "South Korea", 1),
            ("2024-12-19", True, "Alpha · AFP dispatch", "killed", 100.0, "South Korea", 1),
            ("", False, "Zulu · site", "deployed", 10000.0, "United States", 1)]
    return pd.DataFrame(rows, columns=["published", "date_known", "label", "kind", "figure", "source_group_label",
                                       "n_labels_same_figure"])


def test_label_colours_follow_sorted_label_order():
    colours = plots.label_colours(LABELS)
    assert list(colours) == ["Alpha · AFP dispatch", "Mike · blog", "Zulu · site"]
    assert colours["Alpha · AFP dispatch"] == plots.OKABE_ITO[0]
    assert colours["Zulu · site"] == plots.OKABE_ITO[2]
    assert plots.label_colours(reversed(LABELS)) == colours
    assert len(set(plots.label_colours([f"l{i}" for i in range(8)]).values())) == 8


def _bar_colours(figure) -> set[str]:
    return {to_hex(patch.get_facecolor()) for axes in figure.axes for patch in axes.patches}


def test_same_label_same_colour_in_every_figure():
    colours = plots.label_colours(LABELS)
    certainty = plots.plot_certainty(certainty_table(), colours)
    voice = plots.plot_voice(voice_table(), colours)
    expected = {to_hex(colour) for colour in colours.values()}
    assert _bar_colours(certainty) == expected
    assert _bar_colours(voice) <= expected
    # the first bar drawn in the certainty figure is Alpha's hedged share (8%), in Alpha's colour
    first = certainty.axes[0].patches[0]
    assert to_hex(first.get_facecolor()) == colours["Alpha · AFP dispatch"]
    assert first.get_width() == pytest.approx(0.08)


def test_titles_state_the_finding():
    assert plots.plot_certainty(certainty_table())._suptitle.get_text() == \
        "Hedging ranges from 8% to 61% of body sentences"
    # South Korea is the top group of Alpha and Mike (2 of 3 articles)
    assert plots.plot_voice(voice_table())._suptitle.get_text().replace("\n", " ") == \
        "South Korea is the most cited source group in two of the three articles"
    assert "No figure is repeated" in plots.plot_claims_timeline(timeline_table())._suptitle.get_text()


def test_timeline_keeps_undated_figures_in_their_own_lane():
    figure = plots.plot_claims_timeline(timeline_table())
    dated_axes, unknown_axes = figure.axes[:2]
    assert unknown_axes.get_xlabel() == "date unknown"
    assert len(dated_axes.collections) == 2  # Mike and Alpha
    assert len(unknown_axes.collections) == 1  # Zulu, undated, not dropped
    assert unknown_axes.collections[0].get_offsets()[0][1] == 10000.0
    assert dated_axes.get_yscale() == "log"


def test_frames_heatmap_uses_a_colour_blind_safe_map():
    matrix = pd.DataFrame({"scheme": "generic", "frame": ["conflict", "conflict", "economic", "economic"],
                           "label": ["A", "B", "A", "B"], "score": [0.5, 0.0, 0.25, 1.0],
                           "present": [True, False, True, True]})
    figure = plots.plot_frames(matrix, "generic")
    image = figure.axes[0].images[0]
    assert image.get_cmap().name == "cividis"
    assert image.get_array().tolist() == [[0.5, 0.25], [0.0, 1.0]]  # rows A, B; columns conflict, economic
    assert figure._suptitle.get_text().replace("\n", " ") == \
        "Most widespread generic frame: economic (present in two of the two articles)"


def test_png_is_deterministic_and_has_no_software_or_date(tmp_path):
    first = plots.png_bytes(plots.plot_certainty(certainty_table()))
    second = plots.png_bytes(plots.plot_certainty(certainty_table()))
    assert first == second
    image = Image.open(io.BytesIO(first))
    assert image.size == (int(plots.FIGSIZE[0] * plots.DPI), int(plots.FIGSIZE[1] * plots.DPI))
    assert "Software" not in image.info and not any("date" in key.lower() for key in image.info)
    path = plots.save_png(plots.plot_certainty(certainty_table()), tmp_path / "certainty.png")
    assert path.read_bytes() == first


def test_a_figure_is_laid_out_and_drawn_once_and_its_svg_keeps_that_layout():
    figure = plots.plot_certainty(certainty_table())
    first = plots.png_bytes(figure)
    positions = [axes.get_position().bounds for axes in figure.axes]
    assert plots.png_bytes(figure) is first  # the report's image and the exported file: one drawing
    svg = plots.svg_bytes(figure).decode("utf-8")
    assert [axes.get_position().bounds for axes in figure.axes] == positions  # not laid out again
    assert svg.startswith("<?xml") and "<svg" in svg


def test_the_words_of_an_svg_figure_are_text_not_outlines():
    figure = plots.plot_certainty(certainty_table())
    root = ElementTree.fromstring(plots.svg_bytes(figure))
    texts = [" ".join("".join(element.itertext()).split()) for element in root.iter("{http://www.w3.org/2000/svg}text")]
    title = " ".join(figure._suptitle.get_text().split())
    assert title and title in " ".join(texts)
    assert plots.svg_bytes(figure) == plots.svg_bytes(figure)


def test_empty_tables_give_a_figure_that_says_so():
    empty_voice = voice_table().iloc[0:0]
    figure = plots.plot_voice(empty_voice)
    assert figure._suptitle.get_text() == "No article attributes a statement to a source"
    assert plots.plot_claims_timeline(timeline_table().iloc[0:0])._suptitle.get_text().startswith("No figure")
    assert plots.plot_keyness(pd.DataFrame(columns=["label", "lemma", "z"]))._suptitle.get_text().startswith(
        "Keyness needs")


def test_titles_count_over_the_units_drawn_not_over_the_corpus():
    # 12 000 deployed is in 21 articles of the corpus (n_labels_same_figure), but in two of the three drawn
    rows = [("2024-10-23", True, "Mike · blog", "deployed", 12000.0, "South Korea", 21),
            ("2024-10-24", True, "Zulu · site", "deployed", 12000.0, "South Korea", 21),
            ("", False, "Alpha · AFP dispatch", "killed", 100.0, "Ukraine", 3)]
    timeline = pd.DataFrame(rows, columns=["published", "date_known", "label", "kind", "figure", "source_group_label",
                                           "n_labels_same_figure"])
    title = plots.plot_claims_timeline(timeline)._suptitle.get_text().replace("\n", " ")
    assert title == "The most repeated figure, 12\u202f000 (deployed), appears in two of the three articles that give " \
                    "figures"
    # none of the drawn units is dated: the dated lane says so about these units, not about the corpus
    figure = plots.plot_claims_timeline(timeline.loc[[2]].assign(label="Le Monde", unit_kind="outlet"))
    assert [text.get_text() for text in figure.axes[0].texts] == ["no dated figure among these outlets"]
    # an outlet's frame counts its articles: present in 3 of Le Monde's 4 articles and in article B
    matrix = pd.DataFrame({"scheme": "generic", "frame": ["conflict", "conflict"], "label": ["Le Monde", "B"],
                           "score": [0.5, 1.0], "present": [True, True], "n_present": [3, 1], "n_articles": [4, 1],
                           "unit_kind": ["outlet", "article"]})
    assert plots.plot_frames(matrix, "generic")._suptitle.get_text().replace("\n", " ") == \
        "Most widespread generic frame: conflict (present in four of the five articles)"
    voice = voice_table().assign(unit_kind=lambda t: (t["label"] == "Mike · blog").map({True: "outlet", False: "article"}))
    assert plots.plot_voice(voice)._suptitle.get_text().replace("\n", " ") == \
        "South Korea is the most cited source group in two of the three outlets and articles"
