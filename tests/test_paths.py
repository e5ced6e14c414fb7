"""Paths resolve from the project root, never from the working directory."""

import os
from pathlib import Path

from analysis.core import paths


def test_project_root_holds_the_fixed_layout():
    for name in ("notebooks", "analysis", "data/raw", "tests", "README.md", "environment.yml"):
        assert (paths.PROJECT_ROOT / name).exists(), name


def test_default_run_paths_do_not_depend_on_cwd(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.OUT_DIR_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    run = paths.run_paths()
    assert run.raw_dir == paths.PROJECT_ROOT / "data" / "raw"
    assert run.processed_dir == paths.PROJECT_ROOT / "data" / "processed"
    assert run.report_path == paths.PROJECT_ROOT / "reports" / "report.html"


def test_out_dir_gets_processed_notebooks_and_report(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.OUT_DIR_ENV, raising=False)
    run = paths.run_paths(tmp_path / "raw", tmp_path / "run")
    assert run.processed_dir == (tmp_path / "run" / "processed").resolve()
    assert run.notebooks_dir == (tmp_path / "run" / "notebooks").resolve()
    assert run.report_path == (tmp_path / "run" / "report.html").resolve()
    assert run.manifest_path == (tmp_path / "raw" / "manifest.csv").resolve()


def test_relative_out_dir_is_resolved_against_the_callers_directory(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.OUT_DIR_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert paths.run_paths(None, "somewhere").processed_dir == tmp_path / "somewhere" / "processed"


def test_environment_variable_redirects_default_outputs(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.OUT_DIR_ENV, str(tmp_path))
    run = paths.run_paths()
    assert run.processed_dir == tmp_path.resolve() / "processed"
    assert run.raw_dir == paths.RAW_DIR


def test_display_path_is_relative_inside_the_project():
    assert paths.display_path(paths.PROJECT_ROOT / "data" / "raw") == os.path.join("data", "raw")
    assert paths.display_path(Path("/elsewhere/x")) == "/elsewhere/x"
