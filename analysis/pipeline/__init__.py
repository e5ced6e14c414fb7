"""The pipeline: runs the stage notebooks in order with papermill, skipping the stages that are current.

``stages`` declares each stage (its notebook, subpackages, YAML files, input and output tables) and
fingerprints it; ``runner`` executes them (``python -m analysis run`` / ``baseline``, what ``make report``
and ``make baseline`` call). It is the only package that knows every stage.
"""
