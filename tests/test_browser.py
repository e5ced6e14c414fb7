"""A real browser opens a rendered report: images load, no console error, hostile text stays text.

The report is rendered by analysis.report.render.render_report from a tiny synthetic notebook whose outputs are
built by analysis.report (findings, a table, a figure) from an article sentence and a label that carry
`<script>document.title='PWNED'</script>` and `<img src=x onerror="document.body.dataset.pwned=1">`,
plus a plain inline PNG output. Chromium (Debian's /usr/bin/chromium) runs headless and is driven over
the DevTools protocol (websocket-client) so that the page's own state can be read: image sizes, title,
data attributes, console messages. A control page with the same hostile text left unescaped must be
caught by the same checks, so the test cannot pass by failing to look.

Without chromium the test is skipped — except when the CI variable is set, where it fails.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import bad_input_runs as runs  # the session's runner runs, loaded once by tests/conftest.py
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.compare.findings import Evidence, Finding
from analysis.core.paths import REPORTS_DIR
from analysis.report import html as report_html
from analysis.report import overview, plots
from analysis.report import sections as report
from analysis.report.render import render_report

pytestmark = pytest.mark.slow  # starts headless Chromium

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE_SENTENCE = ("Selon Séoul, <script>document.title='PWNED'</script> 3 000 soldats "
                    "<img src=x onerror=\"document.body.dataset.pwned=1\"> seraient en Russie.")
HOSTILE_LABEL = "<img src=x onerror=\"document.body.dataset.pwned=1\">unknown outlet · AFP dispatch"
PARAMETER_SENTINEL = "PARAMETER-CELL-OUTPUT-MUST-NOT-APPEAR"
TIMEOUT = 15.0

try:
    import websocket  # websocket-client
except ImportError:  # pragma: no cover - it is in requirements.txt
    websocket = None


def require_chromium() -> Path:
    """The chromium binary, or skip (fail under CI) with a plain message."""
    found = CHROMIUM if CHROMIUM.exists() else (Path(shutil.which("chromium")) if shutil.which("chromium") else None)
    problem = ""
    if found is None:
        problem = "chromium is not installed at /usr/bin/chromium (apt-get install -y chromium chromium-driver)"
    elif websocket is None:
        problem = "the websocket-client package is not installed"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser check cannot run under CI: {problem}")
        pytest.skip(f"browser check skipped: {problem}")
    return found


class Browser:
    """A headless chromium with one page, driven over the DevTools protocol."""

    def __init__(self, binary: Path, profile: Path) -> None:
        self.profile = profile
        self.process = subprocess.Popen(
            [str(binary), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--remote-debugging-port=0", "--remote-allow-origins=*",
             "--window-size=1280,900", f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = self._port()
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5).read())
        page = next(target for target in targets if target.get("type") == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=TIMEOUT,
                                                  suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []
        for method in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.call(method)

    def _port(self) -> int:
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if port_file.exists() and port_file.read_text().strip():
                return int(port_file.read_text().splitlines()[0])
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with code {self.process.returncode}")
            time.sleep(0.05)
        raise TimeoutError("chromium did not open its DevTools port")

    def call(self, method: str, **params) -> dict:
        """Send one command and return its result; events received meanwhile are kept in self.events."""
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not any(message.get("method") == event for message in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {event} within {TIMEOUT} s")
            self.events.append(json.loads(self.socket.recv()))

    def open(self, url: str, width: int = 1280) -> None:
        self.events.clear()
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors seen since the last open()."""
        found = []
        for message in self.events:
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(arg.get("value", arg.get("description", ""))) for arg in params["args"]))
            elif method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"{params['entry'].get('source')}: {params['entry'].get('text')}")
        return found

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()


PAGE_STATE = """JSON.stringify({
  title: document.title,
  pwned: document.body.dataset.pwned || null,
  images: Array.from(document.images).map(img => ({complete: img.complete, width: img.naturalWidth,
                                                    src: img.src.slice(0, 30)})),
  scripts: document.scripts.length,
  text: document.body.innerText
})"""


def synthetic_report_notebook(hostile_fragment: str) -> nbformat.NotebookNode:
    """A small executed-looking notebook: title, parameter cells, report fragments, an inline PNG."""
    figure = plots.plot_certainty(_certainty())
    png = base64.b64encode(plots.png_bytes(figure)).decode("ascii")
    parameters = new_code_cell("run_date = None", outputs=[new_output("stream", name="stdout",
                                                                       text=PARAMETER_SENTINEL + "\n")])
    parameters.metadata["tags"] = ["parameters"]
    injected = new_code_cell("run_date = '2024-12-31'")
    injected.metadata["tags"] = ["injected-parameters"]
    notebook = new_notebook(cells=[
        new_markdown_cell("# Report\n\nA synthetic report for the browser check."),
        parameters, injected,
        new_code_cell("report.show(...)", outputs=[new_output("display_data", data={
            "text/html": hostile_fragment, "text/plain": "<IPython.core.display.HTML object>"})]),
        new_code_cell("figure", outputs=[new_output("display_data", data={
            "image/png": png, "text/plain": "<Figure size 800x450 with 1 Axes>"})]),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def _certainty():
    import pandas as pd

    return pd.DataFrame({"label": [HOSTILE_LABEL, "Bravo · test"], "measure": "hedged", "count": [1, 3],
                         "total": [4, 6], "share": [0.25, 0.5], "article_id": ["a1", "b1"]})


def escaped_fragment() -> str:
    """Report fragments carrying hostile text, built by the report helpers (so escaped)."""
    finding = Finding(HOSTILE_LABEL, "hedged", f"{HOSTILE_LABEL}: 25% of body sentences are hedged (1 of 4).",
                      [Evidence("a1-s001", HOSTILE_SENTENCE, HOSTILE_LABEL)])
    table = report.table_html(_certainty(), {"label": "article", "share": "hedged"}, formats={"share": report.percent},
                              colours=plots.label_colours(_certainty()["label"]))
    figure = report.figure_html(plots.plot_certainty(_certainty()), alt=HOSTILE_LABEL, caption=HOSTILE_SENTENCE)
    contents = overview.toc_html([("hostile", HOSTILE_LABEL)])
    return report_html.wrap(contents + f"<ul>{report_html.finding_html(finding)}</ul>" + report.section_html(
        HOSTILE_LABEL, HOSTILE_SENTENCE, figure, table, anchor="hostile"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary = require_chromium()
    started = Browser(binary, tmp_path_factory.mktemp("chromium-profile"))
    yield started
    started.close()


def test_rendered_report_in_a_real_browser(browser, tmp_path):
    notebook_path = tmp_path / "05_report.ipynb"
    nbformat.write(synthetic_report_notebook(escaped_fragment()), notebook_path)
    html_path = render_report(notebook_path, tmp_path / "report.html")

    browser.open(html_path.as_uri())
    state = json.loads(browser.evaluate(PAGE_STATE))
    screenshot = browser.screenshot(REPORTS_DIR / "artifacts" / "browser_report.png")

    assert state["title"] != "PWNED" and state["pwned"] is None, state
    assert state["scripts"] == 0  # nothing executable in the report at all
    assert len(state["images"]) == 2  # the figure of report.figure_html and the inline PNG output
    assert all(image["complete"] and image["width"] > 0 for image in state["images"]), state["images"]
    assert all(image["src"].startswith("data:image/png") for image in state["images"])
    assert browser.errors() == []
    # the hostile text is shown as text, in French, with its label and sentence id
    assert "<script>document.title='PWNED'</script>" in state["text"]
    assert "a1-s001" in state["text"]
    assert PARAMETER_SENTINEL not in state["text"] and "run_date" not in state["text"]
    assert screenshot.stat().st_size > 1000


def test_the_browser_check_catches_unescaped_text(browser, tmp_path):
    """Control: the same hostile text inserted raw must trip the checks used above."""
    notebook_path = tmp_path / "05_report.ipynb"
    nbformat.write(synthetic_report_notebook(f"<p>{HOSTILE_SENTENCE}</p>"), notebook_path)
    html_path = render_report(notebook_path, tmp_path / "control.html")

    browser.open(html_path.as_uri())
    state = json.loads(browser.evaluate(PAGE_STATE))
    assert state["title"] == "PWNED"
    assert state["pwned"] == "1"
    assert any(image["width"] == 0 for image in state["images"])
    assert browser.errors()  # the broken image is reported


#: In the page: every link of the table of contents, whether its target exists, and where the target
#: is after the link is clicked (0 = at the top of the window; the last sections may stop short of the
#: top when the page ends); and the policy-frames table's box: how wide it is against its table, whether
#: the page itself scrolls sideways, and whether the table's last column can be scrolled into the box.
NAVIGATION_STATE = """(async () => {
  const links = Array.from(document.querySelectorAll('nav#contents a'));
  const targets = [];
  for (const link of links) {
    const id = link.getAttribute('href').slice(1);
    const target = document.getElementById(id);
    window.scrollTo(0, 0);
    link.click();
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    targets.push({id, exists: target !== null, hash: location.hash,
                  top: target ? Math.round(target.getBoundingClientRect().top) : null, atBottom});
  }
  const box = document.querySelector('#frames-policy .scroll');
  const table = box.querySelector('table');
  const lastHeader = Array.from(table.querySelectorAll('th')).pop();
  const before = {boxWidth: box.clientWidth, tableWidth: table.scrollWidth,
                  lastHidden: lastHeader.getBoundingClientRect().right > box.getBoundingClientRect().right};
  box.scrollLeft = box.scrollWidth;
  const lastShown = lastHeader.getBoundingClientRect().right <= box.getBoundingClientRect().right + 1;
  return JSON.stringify({targets, ...before, lastShown, lastHeader: lastHeader.textContent,
                         pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth});
})()"""


def test_contents_links_reach_their_sections_and_the_wide_table_scrolls_in_its_box(browser):
    """The seeds' report as the runner renders it (``make report`` into a temporary run folder)."""
    seeds = runs.seeds_run()
    assert seeds.result.returncode == 0, seeds.result.stderr

    browser.open(seeds.report.as_uri(), width=1024)  # a laptop window
    state = json.loads(browser.evaluate(NAVIGATION_STATE))
    browser.screenshot(REPORTS_DIR / "artifacts" / "browser_wide_table.png")

    assert len(state["targets"]) >= 15, state["targets"]  # corpus, outlets, time, profiles, every comparison, …
    assert {"methods", "limitations", "validation", "provenance"} <= {target["id"] for target in state["targets"]}
    for target in state["targets"]:
        assert target["exists"] and target["hash"] == f"#{target['id']}", target
        assert target["top"] == 0 or (target["atBottom"] and target["top"] > 0), target
    # the policy frames (15 columns) are wider than the page: the table scrolls inside its box, the page does not
    assert state["tableWidth"] > state["boxWidth"] and state["lastHidden"], state
    assert state["lastShown"] and not state["pageScrollsSideways"], state
    assert browser.errors() == []
    # every figure's files are beside the report, where its links point
    files = re.findall(r'href="(figures/[\w.]+)"', seeds.report.read_text(encoding="utf-8"))
    assert len(files) >= 27 and all((seeds.out_dir / name).is_file() for name in files), files


def test_missing_chromium_skips_locally_and_fails_under_ci(monkeypatch, tmp_path):
    import test_browser

    monkeypatch.setattr(test_browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setattr(test_browser.shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        test_browser.require_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="cannot run under CI"):
        test_browser.require_chromium()
