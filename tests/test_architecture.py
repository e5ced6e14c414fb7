"""The package's shape: one subpackage per stage plus a shared core, imports flowing one way.

These tests read the code (ast), they do not run it: an import added in the wrong direction, a
module grown past 700 lines, a function past 80 lines or an unexplained function-level import fails
here with the file and line to look at.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.core.paths import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "analysis"
#: Which subpackages each subpackage may import (besides itself). Stages import only core; the report
#: stage reads the findings and validation helpers of the stages whose tables it shows; the pipeline
#: knows the stages it runs (clean's reader for the pre-flight check, report's renderer at the end).
ALLOWED = {
    "core": set(),
    "clean": {"core"},
    "annotate": {"core"},
    "compare": {"core"},
    "validate": {"core", "clean", "annotate"},  # it reruns the coders it validates on the held-out set
    "report": {"core", "compare", "validate"},
    "pipeline": {"core", "clean", "report"},
}
MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 80


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts).removesuffix(".__init__")


def imports_of(path: Path) -> list[tuple[int, str, bool]]:
    """(line, imported module, at module level?) of every ``analysis`` import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else \
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        for name in names:
            if name == "analysis" or name.startswith("analysis."):
                found.append((node.lineno, name, id(node) in top))
    return found


def subpackage(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and (PACKAGE / parts[1]).is_dir() else None


def test_every_module_is_in_a_subpackage_but_the_package_face():
    loose = [path.name for path in PACKAGE.glob("*.py") if path.name not in ("__init__.py", "__main__.py")]
    assert loose == [], "modules belong in a subpackage (core, clean, annotate, compare, validate, report, pipeline)"
    assert {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()} \
        == set(ALLOWED)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_subpackage_opens_with_what_goes_in_and_what_comes_out(package):
    docstring = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and len(docstring.split()) >= 20, f"analysis/{package}/__init__.py needs a docstring"


def test_imports_flow_one_way():
    wrong = []
    for path in modules():
        here = subpackage(module_name(path))
        for line, name, _ in imports_of(path):
            there = subpackage(name)
            if here and there and there != here and there not in ALLOWED[here]:
                wrong.append(f"{path.relative_to(PROJECT_ROOT)}:{line} imports {name}")
    assert wrong == []


def test_no_import_cycle_between_modules():
    graph = {module_name(path): {name for _, name, _ in imports_of(path)} for path in modules()}
    graph = {name: {dep for dep in deps if dep in graph and dep != name} for name, deps in graph.items()}
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> list[str] | None:
        state[name] = 1
        for dep in sorted(graph[name]):
            if state.get(dep) == 1:
                return trail + [name, dep]
            if dep not in state and (cycle := visit(dep, trail + [name])):
                return cycle
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state:
            cycle = visit(name, [])
            assert cycle is None, " -> ".join(cycle)


def test_no_module_or_function_is_too_long():
    long = []
    for path in modules():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(PROJECT_ROOT)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno} {node.name}: {length} lines")
    assert long == []


def test_a_function_level_import_says_why():
    unexplained = []
    for path in modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        top = {id(node) for node in tree.body}
        checking = {id(child) for node in tree.body if isinstance(node, ast.If) for child in node.body}  # TYPE_CHECKING
        explained: set[int] = set()  # lines of function-level imports that a comment explains
        for node in sorted((node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                            and id(node) not in top | checking), key=lambda node: node.lineno):
            before = lines[node.lineno - 2].strip()
            # a comment on the line or just above, or the import continues an explained block of imports
            if "#" in lines[node.lineno - 1] or before.startswith("#") or node.lineno - 1 in explained:
                explained.add(node.end_lineno)
            else:
                unexplained.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert unexplained == [], "a function-level import needs a one-line comment saying why"


def test_the_check_finds_a_wrong_way_import(tmp_path):
    # the rule can fail: core importing a stage is reported
    bad = tmp_path / "bad.py"
    bad.write_text("from analysis.clean.stage import clean_corpus\n", encoding="utf-8")
    (line, name, at_top), = imports_of(bad)
    assert (line, name, at_top) == (1, "analysis.clean.stage", True)
    assert subpackage(name) not in ALLOWED["core"]


# The heavy libraries load where they are used, not when a stage's modules are imported (in JupyterLab,
# `from analysis.clean.stage import clean_corpus` must not wait for spaCy's French pipeline code).
HEAVY = ("spacy", "datasketch", "lingua", "scipy.stats", "matplotlib", "nbconvert", "papermill", "jupyter_client",
         "dask")
LOADED_BY = {  # what each stage's notebook may load by importing its modules, of HEAVY
    "analysis.clean.stage": {"lingua"},  # its language check (the detector is built when first used)
    "analysis.annotate.stage": {"spacy"},  # the coders take spaCy's Token and Span types
    "analysis.compare.stage": set(),
    "analysis.validate.stage": set(),
    "analysis.report.plots": {"matplotlib"},
    "analysis.report.assemble": {"matplotlib"},  # it draws the figures
    "analysis.report.validation": {"matplotlib"},  # through report.html; it reads the held-out tables, no coder
    "analysis.pipeline.runner": set(),
}


@pytest.mark.parametrize("module", sorted(LOADED_BY))
def test_importing_a_stage_loads_only_the_heavy_libraries_it_names(module):
    code = f"import sys, {module}; print(' '.join(name for name in {HEAVY!r} if name in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert set(loaded) == LOADED_BY[module]
