"""The one runner: executes the stage notebooks in order with papermill, skipping current stages.

``python -m analysis run`` (what ``make report`` calls) runs every stage on a raw folder, writes the
datasets, the executed notebooks and the rendered report. ``python -m analysis baseline`` (what
``make baseline`` calls) re-executes the committed notebooks in place, so that their stored outputs,
the references nbval compares against, are those of the default run on the seeds.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import json
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.core.errors import ConfigError
from analysis.core.paths import NOTEBOOKS_DIR, RunPaths, display_path, run_paths
from analysis.pipeline.stages import STAGES, Stage, code_files, stage_fingerprint

if TYPE_CHECKING:
    from analysis.pipeline.session import StageKernel


def _state_path(paths: RunPaths) -> Path:
    return paths.processed_dir / ".stages.json"


def _load_state(paths: RunPaths) -> dict[str, str]:
    try:
        return json.loads(_state_path(paths).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_state(paths: RunPaths, state: dict[str, str]) -> None:
    from analysis.core.tables import write_text  # pandas: see preflight

    write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", _state_path(paths))


def _outputs_present(stage: Stage, paths: RunPaths, executed: Path) -> bool:
    wanted = [paths.processed_dir / name for name in stage.outputs] + [executed]
    if stage.name == STAGES[-1].name:
        wanted += [paths.report_path, paths.figures_dir]
    return all(path.exists() for path in wanted)


def preflight(paths: RunPaths) -> None:
    """Check the raw folder and manifest before anything is written; raise ConfigError if unusable."""
    # the readers import pandas (most of a second): a forced run's kernel boots meanwhile (see run)
    from analysis.clean.manifest import read_manifest
    from analysis.clean.reading import list_raw_files, read_raw_folder, readable_name

    files = list_raw_files(paths.raw_dir)  # raises ConfigError for a missing folder or a file
    if not files:
        read_raw_folder(paths.raw_dir)  # raises the ConfigError that lists what the folder holds
    read_manifest(paths.raw_dir, [readable_name(path.relative_to(paths.raw_dir).as_posix())
                                           for path in files])
    for output in (paths.processed_dir, paths.notebooks_dir, paths.report_path.parent):
        if output == paths.raw_dir or paths.raw_dir in output.parents:
            raise ConfigError(f"the run would write into the raw folder ({display_path(output)}), and the next "
                              "run would read its tables as articles.", path=display_path(paths.raw_dir),
                              hint="pass an OUT_DIR outside RAW_DIR, or point RAW_DIR at the folder that "
                                   "holds only the articles (e.g. data/raw, not data).")


def _stage_parameters(stage: Stage, paths: RunPaths, options: dict) -> dict:
    return {key: value for key, value in options.items() if key in stage.parameters}


def _without_images(output: dict) -> dict:
    """An output without image bytes: no image/* data, and no HTML that embeds images (its text/plain stays)."""
    data = output.get("data")
    if data and "text/plain" in data:
        for mime in [mime for mime in data if mime.startswith("image/")
                     or (mime == "text/html" and "data:image/" in "".join(data[mime]))]:
            del data[mime]
    return output


def sanitize_notebook(path: Path) -> None:
    """Strip what differs between runs of the same notebook (timings, papermill paths, stderr) and
    figures' bytes, which nbval does not compare: the committed references stay small and reviewable."""
    # nbformat's schema validator takes seconds to import; only baselines write notebooks
    import nbformat

    from analysis.core.tables import write_text  # pandas: see preflight

    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.pop("papermill", None)
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = [_without_images(out) for out in cell.outputs
                            if not (out.get("output_type") == "stream" and out.get("name") == "stderr")]
    write_text(nbformat.writes(notebook) + "\n", path)


@contextlib.contextmanager
def _interrupt_guard() -> Iterator[threading.Event]:
    """Note a Ctrl-C during a stage even when the notebook client swallows the KeyboardInterrupt."""
    interrupted = threading.Event()

    def on_interrupt(signum: int, frame: object) -> None:
        interrupted.set()
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread: leave signal handling as it is
        yield interrupted
        return
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGINT, previous)


class StageFailed(Exception):
    """A stage notebook raised; the message says where and what."""


def execute_stage(stage: Stage, output: Path, parameters: dict, debug: bool,
                  kernel: StageKernel | None = None) -> None:
    """Run one stage notebook with papermill, turning its failure into one readable message.

    ``kernel``: the run's shared kernel (analysis.pipeline.session); without it papermill starts a
    kernel of the notebook's own.
    """
    # papermill takes seconds to import: a configuration error is reported before paying for it
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    # (so does jupyter_client, which the kernel module imports)
    from analysis.pipeline.kernel import KERNEL_NAME, stage_kernel_options

    output.parent.mkdir(parents=True, exist_ok=True)
    # the executed notebook is written once, when it ends or fails (not re-serialised after every cell)
    options = {"parameters": parameters or None, "progress_bar": True, "cwd": str(NOTEBOOKS_DIR),
               "log_output": False, "request_save_on_cell_execute": False}
    try:
        if kernel is not None:
            pm.execute_notebook(str(stage.notebook), str(output), kernel_name=KERNEL_NAME,
                                km=kernel.manager_for_next_notebook(), **options)
        else:
            with tempfile.TemporaryDirectory(prefix="kernel-") as connection_dir:  # the kernel's sockets
                pm.execute_notebook(str(stage.notebook), str(output), **options,
                                    **stage_kernel_options(Path(connection_dir)))
    except PapermillExecutionError as error:
        if debug:
            print("\n".join(error.traceback), file=sys.stderr)
        message = f"{error.ename}: {error.evalue}".strip()
        raise StageFailed(
            f"stage {stage.name} failed in cell {error.cell_index} (execution count {error.exec_count}):\n"
            f"  {message}\n"
            f"The partly executed notebook is saved at {display_path(output)}; open it to see the full "
            f"traceback{'' if debug else ', or rerun with --debug (DEBUG=1) to print it here'}."
        ) from None


def check_options(max_file_mb: float, n_process: int, batch_size: int) -> None:
    """Raise ConfigError for run options that cannot work (checked before anything is written)."""
    if not max_file_mb > 0:  # also catches NaN
        raise ConfigError(f"max_file_mb must be a positive number of megabytes, got {max_file_mb}.",
                          hint="pass --max-file-mb 5 (the default), or a larger limit for long articles.")
    if n_process < -1:
        raise ConfigError(f"n_process must be 0 (automatic), -1 (every CPU) or at least 1, got {n_process}.",
                          hint="pass N_PROCESS=0 (or --n-process 0) to let the run choose.")
    if batch_size < 1:
        raise ConfigError(f"batch_size must be at least 1, got {batch_size}.", hint="pass --batch-size 64.")


def run(raw_dir: str | None = None, out_dir: str | None = None, *, force: bool = False,
        debug: bool = False, n_process: int = 0, batch_size: int = 64, max_file_mb: float = 5.0,
        run_date: str | None = None, scheduler: str | None = None) -> Path:
    """Run every stage on ``raw_dir`` (default data/raw); return the report's path.

    ``n_process``: worker processes that parse, code and score chunks of articles (0 = automatic:
    every core when there is enough work, see analysis.core.nlp.resolve_n_process and
    analysis.core.executor). ``scheduler``: address of a Dask scheduler that runs the per-article work
    of the clean and annotate stages (see analysis.core.dask_cluster).
    Raises ConfigError (before anything is written) when the raw folder, the manifest, an option or
    the scheduler cannot be used, and StageFailed when a stage fails.
    """
    paths = run_paths(raw_dir, out_dir)
    check_options(max_file_mb, n_process, batch_size)
    shared = _SharedWork()
    try:
        if force:  # every stage will run: its kernel boots, and imports the first notebook's modules, meanwhile
            shared.launch(STAGES[0])
        preflight(paths)
        _run_checked(paths, shared, force, debug, n_process=n_process, batch_size=batch_size,
                     max_file_mb=max_file_mb, run_date=run_date, scheduler=scheduler, raw_dir=raw_dir,
                     out_dir=out_dir)
    finally:
        shared.close()
    print(f"Report: {display_path(paths.report_path)}")
    return paths.report_path


def _run_checked(paths: RunPaths, shared: _SharedWork, force: bool, debug: bool, *, n_process: int,
                 batch_size: int, max_file_mb: float, run_date: str | None, scheduler: str | None,
                 raw_dir: str | None, out_dir: str | None) -> None:
    """:func:`run` once the raw folder passed its checks: the options, then every stage."""
    options = {"n_process": n_process, "batch_size": batch_size, "max_file_mb": max_file_mb,
               "run_date": run_date or dt.date.today().isoformat()}
    if scheduler:
        # dask.distributed takes a second to import; only runs given a scheduler need it
        from analysis.core.dask_cluster import close_clients, get_client

        get_client(scheduler)  # reachable, with workers that run this code: else ConfigError now
        close_clients()
        options["scheduler"] = scheduler
    if raw_dir:
        options["raw_dir"] = str(paths.raw_dir)
    if out_dir:
        options["out_dir"] = str(Path(out_dir).expanduser().resolve())
    try:
        _run_stages(paths, options, force, debug, shared)
    except ConfigError as error:  # after the preflight, outputs may exist: not "nothing was written"
        raise StageFailed(f"{error.message}\nOutputs finished before this point were written "
                          "atomically; fix the problem and rerun.") from error


class _SharedWork:
    """What the stages of one run share, made when the first stage must run (a run whose stages are all
    current makes none): one kernel for every notebook (analysis.pipeline.session), launched before
    papermill is imported (before the raw folder's checks in a forced run) so that it boots and imports
    the first notebook's modules meanwhile; and, in a thread while the kernel runs the stages, the list
    of every stage's code files (the next fingerprints read it) and the report's HTML exporter
    (nbconvert's import and templates), which the runner would otherwise spend between the stages and
    after the last one."""

    def __init__(self) -> None:
        self.kernel: StageKernel | None = None
        self._exporter: concurrent.futures.Future | None = None
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="exporter")

    def launch(self, first: Stage) -> None:
        """Launch the kernel unless it runs (``first``: the stage it is launched for)."""
        if self.kernel is None:
            # jupyter_client: imported only by runs that execute a stage
            from analysis.pipeline.session import StageKernel

            self.kernel = StageKernel(NOTEBOOKS_DIR)
            # the kernel boots while the runner checks the raw folder and papermill is imported
            self.kernel.start()

    def start(self, stage: Stage) -> StageKernel:
        """The kernel for ``stage`` (launched if needed), and the thread's work under way."""
        self.launch(stage)
        if self._exporter is None:
            # nbconvert: imported (in the thread) only by runs that execute a stage
            from analysis.report.render import prepared_exporter

            self._pool.submit(lambda: [code_files(stage) for stage in STAGES])
            self._exporter = self._pool.submit(prepared_exporter)
        assert self.kernel is not None
        return self.kernel

    def render(self, executed: Path, report_path: Path) -> None:
        """Render the executed report notebook (after the kernel is shut down: it is not needed)."""
        # nbconvert is imported by the exporter's thread (see start)
        from analysis.report.render import render_report

        self.close_kernel()
        render_report(executed, report_path, exporter=self._exporter.result() if self._exporter else None)

    def close_kernel(self) -> None:
        if self.kernel is not None:
            self.kernel.close()

    def close(self) -> None:
        self.close_kernel()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _run_stages(paths: RunPaths, options: dict, force: bool, debug: bool, shared: _SharedWork) -> None:
    """Execute every stage that is not current, recording each one's fingerprint when it succeeds."""
    state = {} if force else _load_state(paths)
    stale_upstream = False
    for number, stage in enumerate(STAGES, start=1):
        parameters = _stage_parameters(stage, paths, options)
        executed = paths.notebooks_dir / stage.notebook.name
        fingerprint = stage_fingerprint(stage, paths, parameters)
        header = f"[{number}/{len(STAGES)}] {stage.name}"
        if not stale_upstream and state.get(stage.name) == fingerprint and _outputs_present(stage, paths, executed):
            print(f"{header}: skipped (notebook, parameters, inputs and code unchanged since its last run)")
            continue
        reason = "forced" if force else \
            ("first run" if stage.name not in state else "inputs, code or parameters changed")
        print(f"{header}: running ({reason})", flush=True)
        started = time.perf_counter()
        kernel = shared.start(stage)
        state.pop(stage.name, None)
        _save_state(paths, state)
        with _interrupt_guard() as interrupted:
            execute_stage(stage, executed, parameters, debug, kernel)
        if interrupted.is_set():  # Ctrl-C reached papermill, which may let the stage finish: stop here
            raise KeyboardInterrupt
        if stage.name == STAGES[-1].name:
            shared.render(executed, paths.report_path)
        # recompute: the stage may have written inputs of its own fingerprint (none do today)
        state[stage.name] = stage_fingerprint(stage, paths, parameters)
        _save_state(paths, state)
        stale_upstream = True
        print(f"{header}: done in {time.perf_counter() - started:.1f} s", flush=True)


def baseline(debug: bool = False) -> None:
    """Re-execute the committed notebooks in place with their default parameters (the nbval references)."""
    paths = run_paths(None, None)
    if os.environ.get("ANALYSIS_OUT_DIR"):
        raise ConfigError("ANALYSIS_OUT_DIR is set; baselines are made from the default run only.",
                          hint="unset ANALYSIS_OUT_DIR and run `make baseline` again.")
    preflight(paths)
    for number, stage in enumerate(STAGES, start=1):
        print(f"[{number}/{len(STAGES)}] {stage.name}: re-executing the committed notebook", flush=True)
        execute_stage(stage, stage.notebook, {}, debug)
        sanitize_notebook(stage.notebook)
    state_file = _state_path(paths)
    state_file.unlink(missing_ok=True)  # the datasets were rewritten: let the next run re-check
    print("Baselines updated: review `git diff notebooks/` and commit.")


#: jsonschema's optional checker of the "iri" string format, which this process does without.
IRI_PARSER = "rfc3987_syntax"


def without_iri_parser() -> None:
    """Keep jsonschema from importing rfc3987-syntax in this process.

    jsonschema, which nbformat imports (for papermill and nbconvert), builds that package's grammar
    parser at import (1.6 s of a runner's start, 4.8 s on a loaded machine) to check the "iri" and
    "iri-reference" formats. nbformat's notebook schemas use no string format and it validates without
    a format checker, so nothing the runner validates changes; jsonschema imports the package inside
    ``suppress(ImportError)`` and only lacks those two checkers. A ``None`` entry in ``sys.modules`` is
    Python's documented way to make an import fail (it raises ImportError); the library is not patched.
    tests/test_session.py checks both facts against the installed versions.
    """
    sys.modules.setdefault(IRI_PARSER, None)  # type: ignore[assignment]


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point of ``python -m analysis``."""
    without_iri_parser()
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run every stage and render the report")
    run_parser.add_argument("--raw-dir", help="folder of raw articles (default data/raw)")
    run_parser.add_argument("--out-dir", help="run folder for datasets, notebooks and report "
                                              "(default data/processed and reports/)")
    run_parser.add_argument("--force", action="store_true", help="rerun every stage")
    run_parser.add_argument("--n-process", type=int, default=0,
                            help="worker processes (default 0: automatic, every core for large corpora)")
    run_parser.add_argument("--scheduler", default=None,
                            help="Dask scheduler address (tcp://host:8786) for the per-article work")
    run_parser.add_argument("--batch-size", type=int, default=64, help="texts per spaCy batch")
    run_parser.add_argument("--max-file-mb", type=float, default=5.0,
                            help="input files above this size are rejected (default 5 MB)")
    base_parser = commands.add_parser("baseline", help="re-execute the committed notebooks in place")
    for sub in (run_parser, base_parser):
        sub.add_argument("--debug", action="store_true", default=os.environ.get("DEBUG", "") not in ("", "0"),
                         help="print full tracebacks (also DEBUG=1)")
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            run(args.raw_dir or None, args.out_dir or None, force=args.force, debug=args.debug,
                n_process=args.n_process, batch_size=args.batch_size, max_file_mb=args.max_file_mb,
                scheduler=args.scheduler or None)
        else:
            baseline(debug=args.debug)
    except ConfigError as error:
        if args.debug:
            traceback.print_exc()
        print(f"error: {error.message}\nNothing was written.", file=sys.stderr)
        return 2
    except StageFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: finished outputs were written atomically; rerun to complete.", file=sys.stderr)
        return 130
    except Exception as error:  # an unexpected failure of the runner itself
        if args.debug:
            traceback.print_exc()
        print(f"error: {type(error).__name__}: {error}\nRerun with --debug (DEBUG=1) for the traceback.",
              file=sys.stderr)
        return 1
    return 0
