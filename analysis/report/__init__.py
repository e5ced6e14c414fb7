"""Stage 05, report: comparison and validation tables -> figures and the rendered HTML report.

In: every table of the processed folder; out: the report notebook's outputs, rendered by ``render``
into a self-contained ``report.html`` (code hidden, figures embedded, no script).

Modules: ``plots`` (matplotlib figures), ``html`` (escaping and HTML building blocks), ``sections``
(one section per comparison), ``methods`` (methods, limitations, provenance), ``validation`` (the
validation section) and ``render`` (nbconvert export).
"""
