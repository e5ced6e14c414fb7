"""Each figure of the report is also written as files a researcher can paste into a paper or a slide:
``figures/<name>.png`` and ``.svg`` beside report.html, with ``<name>.csv`` holding the rows it draws,
and the report lists the three files under the figure (issue: "figures exist only inside the HTML").

The corpus is the hand-described one of test_compare.py (Alpha, Bravo, Echo: three single articles,
no outlet with enough articles), whose certainty counts are worked out by hand in that module.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

import test_compare  # the hand-described corpus of test_compare.py

from analysis.compare import stage as compare
from analysis.core.paths import run_paths
from analysis.core.tables import read_csv
from analysis.report import assemble
from analysis.report.figure_files import FIGURE_SUFFIXES

#: The figures the synthetic corpus draws at least: every per-article comparison and the corpus timeline.
ARTICLE_FIGURES = {"certainty", "voice", "claims_timeline", "frames_generic", "frames_policy", "keyness",
                   "headlines", "headline_gap", "locations", "corpus_timeline"}


def synthetic_report(folder):
    inputs = test_compare.synthetic_inputs()
    comparisons = compare.compare_all(inputs, top_k=3, min_count=1)
    return assemble.report_fragments(inputs, comparisons, [], max_outlets=8, figures_dir=folder)


def listed_files(fragments) -> list[str]:
    """The figure files the report links to, in order (``certainty.png``, …)."""
    return re.findall(r'href="figures/([\w.]+)"', "".join(fragments.values()))


def test_every_drawn_figure_is_written_as_png_svg_and_the_rows_it_draws(tmp_path):
    folder = tmp_path / "figures"
    report = synthetic_report(folder)
    listed = listed_files(report.fragments)
    names = {name.rsplit(".", 1)[0] for name in listed}
    assert ARTICLE_FIGURES <= names
    assert "outlet_comparison" not in names  # no outlet has three articles: no forest plot, no file
    # every file listed exists, and the folder holds nothing else
    assert sorted(listed) == sorted(path.name for path in folder.iterdir())
    assert len(listed) == len(names) * len(FIGURE_SUFFIXES)
    for name in names:
        assert (folder / f"{name}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert ElementTree.parse(folder / f"{name}.svg").getroot().tag == "{http://www.w3.org/2000/svg}svg"
    # the certainty chart's CSV holds its rows: Alpha 1 of 4 body sentences hedged, Echo 1 of 2 (test_compare)
    certainty = read_csv(folder / "certainty.csv")
    hedged = certainty.loc[certainty["measure"] == "hedged"].set_index("label")
    assert (hedged.loc["Alpha · test", "count"], hedged.loc["Alpha · test", "total"]) == (1, 4)
    assert (hedged.loc["Echo · test", "count"], hedged.loc["Echo · test", "total"]) == (1, 2)
    # the policy heatmap's CSV is the policy scheme only
    assert set(read_csv(folder / "frames_policy.csv")["scheme"]) == {"policy"}


def test_the_files_are_listed_under_their_own_figure(tmp_path):
    report = synthetic_report(tmp_path / "figures")
    certainty = report.fragments["certainty"]
    figure_end = certainty.index("</figure>")
    files_note = certainty[figure_end:certainty.index("</p>", figure_end)]
    assert re.findall(r'href="figures/([\w.]+)"', files_note) == ["certainty.png", "certainty.svg", "certainty.csv"]


def test_figure_files_are_the_same_bytes_every_run(tmp_path):
    synthetic_report(tmp_path / "first")
    synthetic_report(tmp_path / "second")
    first = {path.name: path.read_bytes() for path in (tmp_path / "first").iterdir()}
    second = {path.name: path.read_bytes() for path in (tmp_path / "second").iterdir()}
    assert first and first == second


def test_a_figure_not_drawn_this_run_leaves_no_file_behind(tmp_path):
    folder = tmp_path / "figures"
    folder.mkdir()
    (folder / "outlet_comparison.png").write_bytes(b"\x89PNG of an earlier corpus")
    (folder / "outlet_comparison.csv").write_text("unit\nLe Monde\n", encoding="utf-8")
    (folder / "README.txt").write_text("a researcher's own note", encoding="utf-8")
    synthetic_report(folder)
    assert not (folder / "outlet_comparison.png").exists() and not (folder / "outlet_comparison.csv").exists()
    assert (folder / "README.txt").read_text(encoding="utf-8") == "a researcher's own note"


def test_without_a_folder_nothing_is_written_and_nothing_is_listed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = synthetic_report(None)
    assert listed_files(report.fragments) == [] and list(tmp_path.iterdir()) == []


def test_the_figures_folder_is_beside_the_report(tmp_path):
    assert run_paths(None, tmp_path / "run").figures_dir == tmp_path / "run" / "figures"
    assert run_paths().figures_dir == run_paths().report_path.parent / "figures"
