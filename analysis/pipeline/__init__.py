"""The pipeline: runs the stage notebooks in order with papermill, skipping the stages that are current.

``stages`` declares each stage (its notebook, subpackages, YAML files, input and output tables) and
fingerprints it; ``runner`` executes them (``python -m analysis run`` / ``baseline``, what ``make report``
and ``make baseline`` call) in the project's kernel (``kernel``: this environment's Python over IPC
sockets); ``lab`` is ``make lab``. It is the only package that knows every stage.
"""
