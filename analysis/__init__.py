"""Framing of the North Korean deployment to Russia in French news: the analysis package.

Every piece of logic the notebooks call lives here, as plain tested functions. A researcher can
``import analysis`` in JupyterLab and call exactly what a notebook calls.
"""

__version__ = "0.1.0"
