"""The run's shared kernel: notebooks executed one after the other in it see nothing of each other's
variables, are numbered from 1 as in a fresh kernel, and share only imported modules."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import DeadKernelError

from analysis.pipeline.runner import StageFailed, execute_stage
from analysis.pipeline.session import StageKernel
from analysis.pipeline.stages import Stage


def _stage(folder, name: str, *cells: str) -> Stage:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(notebook, folder / f"{name}.ipynb")
    return Stage(name, (), (), (), ())


@pytest.fixture()
def notebooks(tmp_path, monkeypatch):
    monkeypatch.setattr(Stage, "notebook", property(lambda stage: tmp_path / f"{stage.name}.ipynb"))
    return tmp_path


def _outputs(path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return ["".join(output.get("text", "") or output.get("data", {}).get("text/plain", ""))
            for cell in notebook.cells for output in cell.outputs]


def test_a_notebook_sees_no_variable_of_the_previous_one_but_its_imports_stay(notebooks, tmp_path):
    first = _stage(notebooks, "first", "import sys, json\nleaked = 41", "print(leaked + 1)")
    second = _stage(notebooks, "second", "print('leaked' in dir(), 'json' in dir())",
                    "import sys\nprint('json' in sys.modules)")
    with StageKernel(tmp_path) as kernel:
        execute_stage(first, tmp_path / "out" / "first.ipynb", {}, False, kernel)
        execute_stage(second, tmp_path / "out" / "second.ipynb", {}, False, kernel)
    assert _outputs(tmp_path / "out" / "first.ipynb") == ["42\n"]
    # the variable and the name bound by the first notebook's import are gone; the module stays loaded
    assert _outputs(tmp_path / "out" / "second.ipynb") == ["False False\n", "True\n"]
    counts = [cell.execution_count for cell in nbformat.read(tmp_path / "out" / "second.ipynb", as_version=4).cells]
    assert counts == [1, 2]  # numbered as in a fresh kernel


def test_a_stage_that_uses_a_previous_stage_variable_fails(notebooks, tmp_path):
    first = _stage(notebooks, "first", "corpus = [1, 2, 3]")
    second = _stage(notebooks, "second", "len(corpus)")
    with StageKernel(tmp_path) as kernel:
        execute_stage(first, tmp_path / "out" / "first.ipynb", {}, False, kernel)
        with pytest.raises(StageFailed, match="NameError"):
            execute_stage(second, tmp_path / "out" / "second.ipynb", {}, False, kernel)


def test_a_kernel_that_died_is_replaced(notebooks, tmp_path):
    crash = _stage(notebooks, "crash", "import os\nos._exit(1)")
    after = _stage(notebooks, "after", "print('alive')")
    with StageKernel(tmp_path) as kernel:
        with pytest.raises(DeadKernelError):
            execute_stage(crash, tmp_path / "out" / "crash.ipynb", {}, False, kernel)
        execute_stage(after, tmp_path / "out" / "after.ipynb", {}, False, kernel)
    assert _outputs(tmp_path / "out" / "after.ipynb") == ["alive\n"]


def test_nbformat_schemas_use_no_string_format_so_the_runner_may_skip_the_iri_parser():
    # the runner blocks jsonschema's optional "iri" checker; that is safe only while no notebook schema
    # asks for a string format (an upgrade of nbformat that adds one must fail here)
    def string_formats(node) -> list[str]:  # the "format" keywords of a JSON schema (not properties named so)
        if isinstance(node, list):
            return [found for child in node for found in string_formats(child)]
        if not isinstance(node, dict):
            return []
        own = [node["format"]] if isinstance(node.get("format"), str) else []
        return own + [found for child in node.values() for found in string_formats(child)]

    schemas = sorted(Path(nbformat.__file__).parent.rglob("*.schema.json"))
    assert len(schemas) >= 8  # v3 and v4.0 to v4.5
    assert [found for path in schemas for found in string_formats(json.loads(path.read_text(encoding="utf-8")))] == []


def test_without_the_iri_parser_notebooks_still_validate_and_bad_ones_are_still_rejected():
    code = textwrap.dedent("""
        import contextlib, io, sys
        from analysis.pipeline.runner import IRI_PARSER, main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            main(["--help"])  # the block comes before the arguments are read
        import jsonschema, nbformat
        from analysis.core.paths import NOTEBOOKS_DIR
        print(sys.modules[IRI_PARSER] is None, "iri" in jsonschema.FormatChecker.checkers)
        for path in sorted(NOTEBOOKS_DIR.glob("0*.ipynb")):
            nbformat.validate(nbformat.read(path, as_version=4))
        broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
        broken.cells[0]["outputs"] = [{"output_type": "stream"}]  # a stream output needs a name and text
        try:
            nbformat.validate(broken)
        except nbformat.ValidationError:
            print("rejected")
    """)
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert printed.split() == ["True", "False", "rejected"]
