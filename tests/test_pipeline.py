"""The stage declarations: outputs as the stages write them, code fingerprinted by subpackage."""

from __future__ import annotations

from analysis.annotate.stage import ARTICLE_FILES
from analysis.annotate.stage import OUTPUT_FILES as ANNOTATION_FILES
from analysis.clean.stage import write_cleaned
from analysis.compare.inputs import COMPARISON_FILES
from analysis.core.paths import PROJECT_ROOT
from analysis.pipeline.stages import (
    ANNOTATE_OUTPUTS,
    CLEAN_OUTPUTS,
    COMPARE_OUTPUTS,
    STAGES,
    VALIDATION_OUTPUTS,
    code_files,
    code_packages,
)
from analysis.validate.coding import OUTPUT_FILES as VALIDATION_FILES
from analysis.validate.heldout import HELDOUT_SUBDIR, HELDOUT_TABLES

BY_NAME = {stage.name: stage for stage in STAGES}


def test_declared_outputs_are_what_the_stages_write(cleaned_seeds, tmp_path):
    assert tuple(path.name for path in write_cleaned(cleaned_seeds, tmp_path)) == CLEAN_OUTPUTS
    assert ANNOTATE_OUTPUTS == (*ANNOTATION_FILES.values(), *ARTICLE_FILES.values(), "frames.csv")
    assert COMPARE_OUTPUTS == tuple(COMPARISON_FILES.values())
    assert VALIDATION_OUTPUTS == (*VALIDATION_FILES.values(),
                                  *(f"{HELDOUT_SUBDIR}/{name}.csv" for name in HELDOUT_TABLES))


def test_every_stage_has_its_notebook_and_reads_what_earlier_stages_write():
    written: set[str] = set()
    for stage in STAGES:
        assert stage.notebook.is_file(), stage.notebook
        assert set(stage.inputs) <= written, stage.name
        written |= set(stage.outputs)


def test_code_of_a_stage_is_its_subpackage_what_it_imports_and_core():
    assert code_packages(("clean",)) == ("clean", "core")
    # validate reruns the clean and annotate stages on the held-out set, so what imports validate runs them too
    assert code_packages(("validate",)) == ("annotate", "clean", "core", "validate")
    assert code_packages(("report",)) == ("annotate", "clean", "compare", "core", "report", "validate")
    clean = {path.relative_to(PROJECT_ROOT).as_posix() for path in code_files(BY_NAME["01_clean"])}
    report = {path.relative_to(PROJECT_ROOT).as_posix() for path in code_files(BY_NAME["05_report"])}
    assert {"analysis/clean/boilerplate.py", "analysis/core/tables.py", "analysis/__init__.py"} <= clean
    assert not any(name.startswith(("analysis/report/", "analysis/annotate/")) for name in clean)
    assert {"analysis/compare/findings.py", "analysis/validate/stage.py", "analysis/report/plots.py"} <= report
    assert not any(name.startswith("analysis/pipeline/") for name in report)
