"""Stage 05, report: comparison and validation tables -> figures and the rendered HTML report.

In: every table of the processed folder; out: the report notebook's outputs, rendered by ``render``
into a self-contained ``report.html`` (code hidden, figures embedded, no script), and every figure
as files in ``figures/`` beside it.

Modules: ``plots`` and ``plots_units`` (matplotlib figures), ``html`` (escaping and HTML building
blocks), ``overview`` (summary, contents, the corpus view), ``outlets`` (the outlet comparison, time,
outlet profiles), ``sections`` (one section per comparison, the units drawn), ``assemble`` (every
fragment in order: what notebook 05 shows), ``figure_files`` (each figure as PNG, SVG and CSV
beside the report), ``methods`` (methods, limitations, provenance),
``validation`` (the validation section) and ``render`` (nbconvert export).
"""
