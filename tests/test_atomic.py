"""Nothing is lost when a run is interrupted: every output is replaced atomically, or not at all.

The end-to-end tests start the runner on a copy of the seeds, over the outputs of a finished run,
and kill it (SIGKILL, then Ctrl-C) while the annotate stage runs: every previous table must still
hold exactly its previous bytes. The unit tests interrupt the writers in the middle of a write, and
a static check makes sure no module of analysis/ writes a file without going through them.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.core import tables
from analysis.core.paths import PROJECT_ROOT
from analysis.core.tables import read_csv, write_csv, write_text
from analysis.report import plots

ANALYSIS_DIR = PROJECT_ROOT / "analysis"


import bad_input_runs as runs  # noqa: E402 - loaded once per session by tests/conftest.py

# --------------------------------------------------------------------------------------------------
# The writers, interrupted in the middle of a write


class Interrupted(BaseException):
    """Stands for a KeyboardInterrupt or a kill arriving while a file is being written."""


def test_write_csv_interrupted_mid_write_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "claims.csv"
    write_csv(pd.DataFrame({"claim_id": ["a-s000-c0"], "text": ["3 000 soldats"]}), path)
    before = path.read_bytes()

    def half_then_interrupt(frame, stream, **kwargs):
        stream.write("claim_id,text\nb-s001-c0,la moi")  # half a row reaches the disk...
        stream.flush()
        raise Interrupted  # ...then the run stops

    monkeypatch.setattr(pd.DataFrame, "to_csv", half_then_interrupt)
    with pytest.raises(Interrupted):
        write_csv(pd.DataFrame({"claim_id": ["b-s001-c0"], "text": ["la moitié"]}), path)
    assert path.read_bytes() == before
    assert sorted(item.name for item in tmp_path.iterdir()) == ["claims.csv"]  # no temporary file left


def test_write_text_interrupted_mid_write_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "report.html"
    write_text("<p>rapport complet</p>\n", path)

    class BrokenStream:
        def __init__(self, stream):
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def write(self, text):
            self.stream.write(text[:5])
            self.stream.flush()
            raise Interrupted

    class BrokenOs:  # the os module as analysis.core.tables sees it, with a stream that breaks mid-write
        def __getattr__(self, name):
            return getattr(os, name)

        @staticmethod
        def fdopen(*args, **kwargs):
            return BrokenStream(os.fdopen(*args, **kwargs))

    monkeypatch.setattr(tables, "os", BrokenOs())
    with pytest.raises(Interrupted):
        write_text("<p>nouveau rapport</p>\n", path)
    assert path.read_text(encoding="utf-8") == "<p>rapport complet</p>\n"
    assert [item.name for item in tmp_path.iterdir()] == ["report.html"]


def test_save_png_failure_keeps_the_previous_figure(tmp_path, monkeypatch):
    path = tmp_path / "voice.png"
    path.write_bytes(b"\x89PNG previous figure")

    def fail(figure):
        raise Interrupted

    monkeypatch.setattr(plots, "png_bytes", fail)
    with pytest.raises(Interrupted):
        plots.save_png(object(), path)
    assert path.read_bytes() == b"\x89PNG previous figure"
    assert [item.name for item in tmp_path.iterdir()] == ["voice.png"]


# --------------------------------------------------------------------------------------------------
# Every file analysis/ writes goes through the atomic writers

#: Calls that write a file (method names, and module-level functions).
WRITING_METHODS = {"to_csv", "to_parquet", "to_json", "to_excel", "to_pickle", "to_feather", "write_text",
                   "write_bytes", "to_disk", "savefig", "mkstemp"}
WRITING_FUNCTIONS = {("json", "dump"), ("yaml", "dump"), ("yaml", "safe_dump"), ("pickle", "dump"),
                     ("nbformat", "write"), ("shutil", "copy"), ("shutil", "copyfile"), ("shutil", "move")}
#: (module, function) allowed to write: the atomic writers themselves (temporary file + os.replace),
#: figures drawn into memory, the parse cache (a temporary file renamed into place) and the held-out
#: tables' cache (a staging folder renamed into place whole).
ATOMIC_WRITERS = {("tables", "_write_atomically"), ("tables", "write_csv"), ("plots", "png_bytes"),
                  ("plots", "svg_bytes"), ("nlp", "store"), ("heldout", "_keep")}


def _writes(call: ast.Call) -> str:
    """What file-writing operation a call is ("" when it is none)."""
    func = call.func
    if isinstance(func, ast.Attribute):
        if func.attr in WRITING_METHODS:
            return func.attr
        if isinstance(func.value, ast.Name) and (func.value.id, func.attr) in WRITING_FUNCTIONS:
            return f"{func.value.id}.{func.attr}"
        if func.attr == "fdopen" or func.attr == "open":
            mode = call.args[1] if len(call.args) > 1 else next(
                (keyword.value for keyword in call.keywords if keyword.arg == "mode"), None)
            if isinstance(mode, ast.Constant) and any(flag in str(mode.value) for flag in "wax+"):
                return f"{func.attr}({mode.value!r})"
    if isinstance(func, ast.Name) and func.id == "open":
        mode = call.args[1] if len(call.args) > 1 else next(
            (keyword.value for keyword in call.keywords if keyword.arg == "mode"), None)
        if isinstance(mode, ast.Constant) and any(flag in str(mode.value) for flag in "wax+"):
            return f"open({mode.value!r})"
    return ""


def file_writes(source: str) -> list[tuple[str, str]]:
    """(enclosing function, operation) of every file-writing call in a module's source."""
    found = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Call) and _writes(child):
                found.append((function, _writes(child)))
            visit(child, name)

    visit(ast.parse(source), "<module>")
    return found


def test_the_write_check_finds_direct_writes():
    """The check below can fail: a direct to_csv or open(..., "w") is found."""
    source = ("import json\n"
              "def save(frame, path):\n    frame.to_csv(path)\n"
              "def dump(data, path):\n    with open(path, 'w') as stream:\n        json.dump(data, stream)\n"
              "def read(path):\n    return open(path).read()\n")
    assert file_writes(source) == [("save", "to_csv"), ("dump", "open('w')"), ("dump", "json.dump")]


def test_every_writer_in_analysis_is_atomic():
    direct = []
    modules = sorted(ANALYSIS_DIR.rglob("*.py"))
    assert len(modules) > 40  # every module of every stage, not only the package's top level
    for path in modules:
        for function, operation in file_writes(path.read_text(encoding="utf-8")):
            if (path.stem, function) not in ATOMIC_WRITERS:
                direct.append(f"{path.relative_to(ANALYSIS_DIR.parent)}: {function} calls {operation}")
    assert direct == [], "write through analysis.core.tables.write_csv / write_text instead:\n" + "\n".join(direct)


# --------------------------------------------------------------------------------------------------
# The runner, killed while the annotate stage runs


def _descendants(pid: int) -> list[int]:
    """Process ids of every child of ``pid`` (and theirs), read from /proc."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return children + [grandchild for child in children for grandchild in _descendants(child)]


def _kill(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


@pytest.fixture()
def previous_run(tmp_path):
    """A raw folder (a copy of the seeds) and a run folder holding the outputs of a finished run."""
    seeds = runs.seeds_run()
    assert seeds.result.returncode == 0, seeds.result.stderr
    raw_dir = tmp_path / "raw"
    shutil.copytree(runs.SEEDS_DIR, raw_dir)
    out_dir = tmp_path / "out"
    shutil.copytree(seeds.out_dir, out_dir)
    return raw_dir, out_dir


def _interrupt_during_annotate(raw_dir: Path, out_dir: Path, sig: int, stderr_path: Path) -> tuple[int, str]:
    """Start a forced run, send ``sig`` once the annotate stage has been running a moment; (exit code, stdout)."""
    with open(stderr_path, "w", encoding="utf-8") as stderr:
        process = subprocess.Popen(runs.runner_command(raw_dir, out_dir, "--force"), cwd=PROJECT_ROOT,
                                   env=runs.runner_env(), stdout=subprocess.PIPE, stderr=stderr, text=True,
                                   start_new_session=True)
        children: list[int] = []
        printed = ""
        try:
            for line in process.stdout:
                printed += line
                if "02_annotate: running" in line:
                    # the shared kernel is already up and annotates the five seeds in about 2 s: stop it early
                    time.sleep(0.3)
                    children = _descendants(process.pid)
                    _kill(process.pid, sig)
                    break
            printed += process.stdout.read()
            code = process.wait(timeout=120)
        finally:
            _kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            for child in children:  # the stage's kernel, if it outlived the runner
                _kill(child, signal.SIGKILL)
    return code, printed


def _snapshot(out_dir: Path) -> dict[str, bytes]:
    return {path.relative_to(out_dir).as_posix(): path.read_bytes()
            for path in sorted(out_dir.rglob("*")) if path.is_file() and path.suffix in (".csv", ".html")}


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_interrupted_run_keeps_every_previous_output(previous_run, tmp_path, sig):
    raw_dir, out_dir = previous_run
    before = _snapshot(out_dir)
    raw_before = runs.sha256_tree(raw_dir)
    assert len([name for name in before if name.endswith(".csv")]) >= 20 and "report.html" in before
    code, printed = _interrupt_during_annotate(raw_dir, out_dir, sig, tmp_path / "stderr.txt")
    stderr = (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert "02_annotate: running" in printed, f"the run stopped before the annotate stage:\n{printed}\n{stderr}"
    assert "03_compare" not in printed  # it was interrupted during the annotate stage
    if sig == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:  # Ctrl-C: one message saying what to do
        assert code == 130
        assert "interrupted: finished outputs were written atomically; rerun to complete." in stderr
    after = _snapshot(out_dir)
    changed = sorted(name for name in before if after.get(name) != before[name])
    assert changed == [], f"outputs changed or lost: {changed}"
    for name in after:
        if name.endswith(".csv"):
            read_csv(out_dir / name)  # parseable
    # the interrupted stage and those after it are not recorded as done: the next run redoes them
    state = json.loads((out_dir / "processed" / ".stages.json").read_text(encoding="utf-8"))
    assert "02_annotate" not in state and "03_compare" not in state and "05_report" not in state
    assert runs.sha256_tree(raw_dir) == raw_before
