"""HTML building blocks of the report: escaping, tables, figures, evidence quotes.

Article text is untrusted: every value put into HTML goes through :func:`esc`.
"""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import mistune
import pandas as pd
from IPython.display import display

from analysis.compare.findings import Evidence, Finding
from analysis.core.paths import FIGURES_DIRNAME
from analysis.report.figure_files import FIGURE_SUFFIXES
from analysis.report.plots import png_bytes

STYLE = """<style>
.nkr-report { max-width: 60rem; font-size: 0.95rem; line-height: 1.45; }
.nkr-report table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.85rem; }
.nkr-report table.nkr-table th, .nkr-report table.nkr-table td { border-bottom: 1px solid #ccc; padding: 0.2rem 0.6rem;
  text-align: left; vertical-align: top; }
.nkr-report table.nkr-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.nkr-report .evidence { list-style: none; padding-left: 1rem; border-left: 3px solid #ddd; margin: 0.2rem 0 0.8rem; }
.nkr-report .evidence q { font-style: italic; }
.nkr-report .source { color: #555; font-size: 0.85em; }
.nkr-report .swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em;
  vertical-align: baseline; }
.nkr-report figure { margin: 0.8rem 0; }
.nkr-report figure img { max-width: 100%; height: auto; }
.nkr-report .note { color: #444; font-size: 0.9em; }
.nkr-report .scroll { overflow-x: auto; max-width: 100%; }
.nkr-report .cards { display: flex; flex-wrap: wrap; gap: 0.8rem; }
.nkr-report .card { border: 1px solid #ccc; border-radius: 4px; padding: 0.4rem 0.8rem; flex: 1 1 22rem;
  font-size: 0.85rem; }
.nkr-report .card dt { font-weight: bold; margin-top: 0.3rem; }
.nkr-report .card dd { margin-left: 0.8rem; }
.nkr-report nav ul { columns: 2; }
</style>"""


# --------------------------------------------------------------------------------------------------
# The escaping helper and the building blocks
# --------------------------------------------------------------------------------------------------

def esc(value: object) -> str:
    """HTML-escaped text of any value (quotes included); None and NaN become ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def show(*fragments: str) -> None:
    """Display HTML fragments in a notebook: one output per call, styled by the report's CSS.

    The output also carries a ``text/plain`` rendering of the same fragments (:func:`html_text`): that is
    what nbval compares and what the committed notebook keeps (figures' bytes are never compared).
    """
    fragment = "".join(fragments)
    display({"text/html": wrap(fragment), "text/plain": html_text(fragment)}, raw=True)


class _TextOf(HTMLParser):
    """Collects the text of an HTML fragment: blocks on their own lines, table cells joined by " | "."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "tr", "dt", "dd", "figure", "figcaption", "summary",
              "table", "ul", "ol", "details", "br", "section", "nav"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.cells: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.skip += 1
        elif tag == "img":
            self.parts.append(f"[figure: {dict(attrs).get('alt') or ''}]")
        elif tag == "tr":
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self.BLOCKS and not (self.parts and self.parts[-1] == "\n- "):  # "<li><p>" is one item
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.skip -= 1
        elif tag == "tr" and self.cells is not None:
            self.parts.append("\n" + " | ".join(" ".join(cell.split()) for cell in self.cells))
            self.cells = None
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = data.replace("\n", " ")  # a line break inside a block is a space: blocks make the lines
        if self.cells:
            self.cells[-1] += data
        elif self.cells is None:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment (no figure bytes, no CSS): what a reader reads, line by line."""
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def wrap(fragment: str) -> str:
    """A fragment inside the report's container, with the report's inline CSS."""
    return f'{STYLE}<div class="nkr-report">{fragment}</div>'


def figure_html(figure, alt: str, caption: str = "") -> str:
    """A matplotlib figure as an <img> with a PNG data URI (self-contained) and an escaped alt text,
    followed by links to its files when it was written as files (labelled by
    :func:`analysis.report.figure_files.export_figures`); "" when there is no figure (None)."""
    if figure is None:
        return ""
    data = base64.b64encode(png_bytes(figure)).decode("ascii")
    width = int(figure.get_figwidth() * figure.dpi)
    caption_html = f"<figcaption class=\"note\">{esc(caption)}</figcaption>" if caption else ""
    name = figure.get_label()
    files_html = ""
    if name:
        links = ", ".join(f'<a href="{FIGURES_DIRNAME}/{esc(name)}{suffix}">{esc(name)}{suffix}</a>'
                          for suffix in FIGURE_SUFFIXES)
        files_html = (f'<p class="note">This figure as files, beside the report in {FIGURES_DIRNAME}/: {links} '
                      "(the CSV holds the rows it draws).</p>")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}" width="{width}">'
            f"{caption_html}</figure>{files_html}")


def percent(value: object) -> str:
    """A share as "42%" ("" when missing)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return "" if math.isnan(number) else f"{number:.0%}"


def _cell(value: object, formatter: Callable[[object], str] | None) -> tuple[str, bool]:
    if formatter is not None:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        return formatter(value), numeric
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return "", True
        return (f"{value:g}" if isinstance(value, float) else str(value)), True
    return ("" if value is None else str(value)), False


def table_html(frame: pd.DataFrame, columns: Mapping[str, str] | Sequence[str] | None = None,
               formats: Mapping[str, Callable[[object], str]] | None = None, max_rows: int = 20,
               colours: Mapping[str, str] | None = None) -> str:
    """A short table: chosen columns (name → header), formatted and escaped; rows beyond max_rows counted.

    The table scrolls sideways inside its box when it is wider than the page.

    When ``colours`` is given, a "label" column gets its figure colour as a swatch.
    """
    if columns is None:
        columns = {column: column for column in frame.columns}
    elif not isinstance(columns, Mapping):
        columns = {column: column for column in columns}
    formats = formats or {}
    head = "".join(f"<th>{esc(header)}</th>" for header in columns.values())
    body = []
    for record in frame.head(max_rows).to_dict("records"):
        cells = []
        for column in columns:
            text, numeric = _cell(record.get(column), formats.get(column))
            swatch = ""
            if colours and column == "label" and str(record.get(column)) in colours:
                swatch = f'<span class="swatch" style="background:{esc(colours[str(record[column])])}"></span>'
            opening = '<td class="num">' if numeric else "<td>"
            cells.append(f"{opening}{swatch}{esc(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    more = ""
    if len(frame) > max_rows:
        more = f'<p class="note">{len(frame) - max_rows} more row(s) in the CSV file.</p>'
    rows = "".join(body)
    return (f'<div class="scroll"><table class="nkr-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>'
            f"</table></div>{more}")


def evidence_html(evidence: Iterable[Evidence]) -> str:
    """Quoted French sentences, each with its article label and sentence id."""
    items = [f'<li><q lang="fr">{esc(item.text)}</q> <span class="source">— {esc(item.label)}, '
             f"<code>{esc(item.sentence_id)}</code></span></li>" for item in evidence]
    return f'<ul class="evidence">{"".join(items)}</ul>' if items else ""


def finding_html(finding: Finding) -> str:
    """One finding sentence with its evidence beneath it."""
    return f"<li><p>{esc(finding.sentence_en)}</p>{evidence_html(finding.evidence)}</li>"


#: The findings shown at the top of the report (all findings appear again in their sections).


# --------------------------------------------------------------------------------------------------
# Prose written in markdown (the notebooks' method cells, the files of report/prose/)
# --------------------------------------------------------------------------------------------------

PROSE_DIR = Path(__file__).resolve().parent / "prose"
#: Markdown to HTML; raw HTML in the markdown is escaped, never passed through.
_MARKDOWN = mistune.create_markdown(escape=True)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)
#: ASCII punctuation, backslash-escaped in values so that markdown reads them as literal characters.
_MARKDOWN_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def markdown_html(text: str) -> str:
    """HTML of a markdown text (HTML comments dropped, any other raw HTML escaped)."""
    return str(_MARKDOWN(_COMMENT.sub("", text)))


@lru_cache(maxsize=None)
def _prose_file(name: str) -> str:
    return _COMMENT.sub("", (PROSE_DIR / f"{name}.md").read_text(encoding="utf-8"))


def prose_text(name: str, **values: object) -> str:
    """The markdown of ``report/prose/<name>.md`` (comments dropped, one line), its placeholders filled, unescaped:
    a value for another prose file's placeholder."""
    return " ".join(_prose_file(name).format(**values).split())


def prose(name: str, **values: object) -> str:
    """The markdown file ``report/prose/<name>.md`` as HTML, its ``{placeholders}`` filled with ``values``.

    Values are escaped for markdown and HTML (they may come from the data): ``*``, ``_``, ``<`` and the
    like in a value stay literal characters.
    """
    safe = {key: _MARKDOWN_PUNCTUATION.sub(r"\\\g<0>", str(value)) for key, value in values.items()}
    return markdown_html(_prose_file(name).format(**safe))
