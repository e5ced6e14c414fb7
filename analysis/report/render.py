"""Render the executed report notebook as one self-contained HTML file (nbconvert, code hidden).

The nbconvert "lab" template is used with its script blocks emptied: require.js, MathJax, mermaid
and the widget manager would otherwise be loaded from a CDN, and the report must open offline with
nothing beside it. Figures are PNG data URIs already (analysis.report.html.figure_html, or inline PNG
outputs, which nbconvert embeds as data URIs), and the CSS is inlined by the template.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from analysis.core.errors import ConfigError
from analysis.core.paths import display_path
from analysis.core.tables import write_text

if TYPE_CHECKING:
    from nbconvert import HTMLExporter

REPORT_TITLE = "How French-language outlets framed the deployment of North Korean troops to Russia"
REMOVED_CELL_TAGS = ("parameters", "injected-parameters")
TEMPLATE_NAME = "nkr_report.html.j2"

#: The lab template with every block that loads a script from the network emptied.
TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""

#: A <script src>, <link href>, CSS @import or url() that points outside the file.
EXTERNAL_RESOURCE = re.compile(
    r"""<script\b[^>]*\bsrc\s*=|<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//|@import\s+(?:url\()?\s*["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|<img\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def report_exporter() -> HTMLExporter:
    """An HTMLExporter that hides code and prompts, drops parameter cells and loads nothing from the network."""
    # nbconvert takes seconds to import (nbformat's schema validator): only rendering pays for it
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.HTMLExporter.embed_images = True  # markdown images as data URIs too
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(REMOVED_CELL_TAGS)
    exporter = HTMLExporter(config=config, template_name="lab",
                            extra_loaders=[jinja2.DictLoader({TEMPLATE_NAME: TEMPLATE})])
    exporter.template_file = TEMPLATE_NAME
    return exporter


def prepared_exporter() -> HTMLExporter:
    """:func:`report_exporter` with its templates already loaded and compiled (by exporting an empty
    notebook): what the runner prepares in a thread while the stages run."""
    exporter = report_exporter()
    import nbformat  # loaded with nbconvert by report_exporter, just above

    exporter.from_notebook_node(nbformat.v4.new_notebook())
    return exporter


def external_resources(html_text: str) -> list[str]:
    """The places where an HTML page would load something from outside itself (empty when self-contained)."""
    return [match.group(0) for match in EXTERNAL_RESOURCE.finditer(html_text)]


def render_report(executed_notebook: Path, html_path: Path, title: str = REPORT_TITLE,
                  exporter: HTMLExporter | None = None) -> Path:
    """Render an executed notebook to a self-contained HTML report, written atomically; returns its path.

    ``exporter``: one made by :func:`report_exporter` or :func:`prepared_exporter` (default: a new one).
    """
    executed_notebook = Path(executed_notebook)
    if not executed_notebook.is_file():
        raise ConfigError(
            f"the executed report notebook does not exist: {display_path(executed_notebook)}",
            hint="run the report stage first (`make report`, or papermill notebooks/05_report.ipynb "
                 f"{display_path(executed_notebook)}).",
        )
    if exporter is None:
        exporter = report_exporter()
    import nbformat  # loaded with nbconvert by report_exporter

    try:
        notebook = nbformat.read(executed_notebook, as_version=4)
    except Exception as error:  # nbformat raises several unrelated types for a damaged file
        raise ConfigError(f"cannot read the executed notebook: {error}", path=display_path(executed_notebook),
                          hint="re-run the report stage; the notebook file is damaged.") from error
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    found = external_resources(body)
    if found:
        raise RuntimeError(f"the rendered report would load {len(found)} external resource(s), e.g. {found[0]!r}; "
                           "the report must be self-contained")
    return write_text(body, Path(html_path))
