"""Every figure of the report as files beside it, to paste into a paper or a slide.

:func:`export_figures` writes ``<name>.png`` and ``<name>.svg`` of each figure, with the rows it is
drawn from as ``<name>.csv``, into the run's ``figures/`` folder (``RunPaths.figures_dir``, beside
report.html), and labels each figure with its name: :func:`analysis.report.html.figure_html` then
lists the three files under the figure, linked relative to the report. The bytes are deterministic
(see ``plots.png_bytes`` and ``plots.svg_bytes``), and files of figures this run does not draw are
removed, so the folder never holds a figure of an earlier corpus.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from analysis.core.tables import write_bytes, write_csv
from analysis.report.plots import png_bytes, svg_bytes

#: What each figure is written as: the figure twice (raster, vector) and the rows it draws.
FIGURE_SUFFIXES = (".png", ".svg", ".csv")


def export_figures(figures: Mapping[str, Figure | None], sources: Mapping[str, pd.DataFrame],
                   folder: Path) -> list[Path]:
    """Write every figure (None: not drawn this run) and its source rows into ``folder``; the paths."""
    folder = Path(folder)
    written: list[Path] = []
    for name, figure in figures.items():
        if figure is None:
            continue
        written += [write_bytes(png_bytes(figure), folder / f"{name}.png"),
                    write_bytes(svg_bytes(figure), folder / f"{name}.svg"),
                    write_csv(sources[name], folder / f"{name}.csv")]
        figure.set_label(name)
    for stale in sorted(folder.glob("*")):
        if stale.suffix in FIGURE_SUFFIXES and stale not in written:
            stale.unlink()
    return written
