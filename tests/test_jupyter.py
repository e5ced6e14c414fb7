"""The project's Jupyter kernel: what papermill runs the stages in, and what `make lab` serves.

- ``make lab`` starts JupyterLab on the project as root and as a user (``--allow-root`` only as root),
  with the kernel "framing (.venv)" registered in the environment, and a notebook cell run through the
  server's REST and websocket API imports ``analysis`` and calls it (slow: it starts a server).
- The runner's kernels use IPC sockets, so ipykernel prints no "running over TCP without encryption"
  warning; a TCP kernel started the same way does print it, so the check can fail (slow: it starts
  kernels).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import papermill as pm
import pytest
import websocket
from jupyter_client.jsonutil import json_default
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.session import Session
from traitlets.config import Config

from analysis.core.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from analysis.pipeline import kernel, lab

TCP_WARNING = "running over TCP without encryption"
#: How long the server may take to answer at all on a busy machine (a liveness limit, not a timing test).
SERVER_START_LIMIT_S = 180


# --------------------------------------------------------------------------------------------------
# The command `make lab` runs, and the kernel the runner starts (no process started)


def test_lab_allows_root_only_as_root(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    as_root = lab.lab_command(["--port=9999"])
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    as_user = lab.lab_command(["--port=9999"])
    assert "--allow-root" in as_root and "--allow-root" not in as_user
    assert as_user[:3] == [sys.executable, "-m", "jupyterlab"] and as_user[-1] == "--port=9999"
    assert f"--notebook-dir={PROJECT_ROOT}" in as_user and "--LabApp.default_url=/lab/tree/notebooks" in as_user


def _stage_manager(connection_dir: Path) -> AsyncKernelManager:
    """The kernel manager papermill's client makes from the runner's options (as nbclient does)."""
    options = kernel.stage_kernel_options(connection_dir)
    return options["kernel_manager_class"](kernel_name=options["kernel_name"], config=options["config"])


def test_runner_kernel_is_this_interpreter_even_when_another_is_registered(tmp_path, monkeypatch):
    # a "framing" kernelspec of some other Python, first on the Jupyter path, must not be the one started
    foreign = tmp_path / "kernels" / "framing"
    foreign.mkdir(parents=True)
    (foreign / "kernel.json").write_text(json.dumps({"argv": ["/opt/other/bin/python", "-m", "ipykernel_launcher",
                                                             "-f", "{connection_file}"],
                                                    "display_name": "someone else's", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    manager = _stage_manager(tmp_path / "sockets")
    assert manager.kernel_spec.argv[0] == sys.executable
    assert manager.kernel_spec.display_name == "framing (.venv)"
    assert manager.transport == "ipc"
    assert manager.connection_file == str(tmp_path / "sockets" / "kernel.json")
    assert manager.ip == str(tmp_path / "sockets" / "kernel-ipc")  # the sockets are files in that folder


def test_a_socket_folder_too_deep_for_a_unix_socket_falls_back_to_tcp(tmp_path):
    deep = tmp_path / ("d" * (kernel.SOCKET_PATH_MAX - len(str(tmp_path))))
    assert _stage_manager(deep).transport == "tcp"


def test_committed_notebooks_name_the_project_kernel():
    for path in sorted(NOTEBOOKS_DIR.glob("0*.ipynb")):
        spec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        assert (spec["name"], spec["display_name"]) == ("framing", "framing (.venv)"), path.name


# --------------------------------------------------------------------------------------------------
# No transport warning from the runner's kernels


def _tiny_notebook(path: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import analysis\nfrom analysis.core.text import fold\n"
                                                "fold('Séoul', accents=True)")]
    notebook.metadata["kernelspec"] = {"name": "framing", "display_name": "framing (.venv)", "language": "python"}
    nbformat.write(notebook, path)
    return path


def _run(notebook: Path, options: dict) -> str:
    output = notebook.with_name("out.ipynb")
    pm.execute_notebook(str(notebook), str(output), progress_bar=False, **options)
    return nbformat.read(output, as_version=4).cells[0].outputs[0]["data"]["text/plain"]


@pytest.mark.slow
def test_runner_kernels_print_no_transport_warning_and_are_shut_down(tmp_path, capfd):
    notebook = _tiny_notebook(tmp_path / "tiny.ipynb")
    sockets = tmp_path / "ipc"
    sockets.mkdir()
    assert _run(notebook, kernel.stage_kernel_options(sockets)) == "'Seoul'"
    assert TCP_WARNING not in capfd.readouterr().err  # the kernel's stderr is this process's
    # the kernel was shut down by papermill's client: its connection file and sockets are gone
    assert list(sockets.iterdir()) == []
    # the control: the same kernel over TCP prints the warning, so the check above can fail
    tcp = {**kernel.stage_kernel_options(sockets), "config": Config()}
    assert _run(notebook, tcp) == "'Seoul'"
    assert TCP_WARNING in capfd.readouterr().err


# --------------------------------------------------------------------------------------------------
# `make lab`, started for real on a free port, driven through the server's API


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LabServer:
    """`make lab` on a free local port with a token, in its own process group; its log in a file."""

    def __init__(self, folder: Path) -> None:
        self.port, self.token = _free_port(), secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = folder / "lab.log"
        # Jupyter's own folders in the test's folder: the user's settings and kernels play no part
        env = {**os.environ, **{name: str(folder / name.lower()) for name in
                                ("JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR")}}
        options = f"--no-browser --ip=127.0.0.1 --port={self.port} --IdentityProvider.token={self.token}"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={options}"], cwd=PROJECT_ROOT,
                                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def request(self, path: str, method: str = "GET", body: dict | None = None) -> object:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read()
        return json.loads(text) if text else None

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + SERVER_START_LIMIT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"make lab exited ({self.process.returncode}):\n{self.log.read_text()}")
            try:
                self.request("/api/status")
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        pytest.fail(f"the server did not answer within {SERVER_START_LIMIT_S} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def run_cell(server: LabServer, kernel_id: str, code: str) -> list[dict]:
    """Execute ``code`` in a kernel through the server's websocket; the messages it caused, in order."""
    connection = websocket.create_connection(f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels",
                                             header=[f"Authorization: token {server.token}"], timeout=120)
    try:
        request = Session().msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                                    "user_expressions": {}, "allow_stdin": False,
                                                    "stop_on_error": True})
        connection.send(json.dumps({**request, "channel": "shell"}, default=json_default))
        replies = []
        while not replies or replies[-1]["msg_type"] != "execute_reply":
            message = json.loads(connection.recv())
            if message["parent_header"].get("msg_id") == request["header"]["msg_id"]:
                replies.append(message)
        return replies
    finally:
        connection.close()


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    server = LabServer(tmp_path_factory.mktemp("lab"))
    try:
        server.wait_until_up()
        yield server
    finally:
        server.stop()


@pytest.mark.slow
def test_make_lab_serves_the_notebooks_with_the_project_kernel(lab_server):
    specs = lab_server.request("/api/kernelspecs")
    assert specs["default"] == "framing"
    assert specs["kernelspecs"]["framing"]["spec"]["display_name"] == "framing (.venv)"
    assert specs["kernelspecs"]["framing"]["spec"]["argv"][0] == sys.executable
    listed = {item["name"] for item in lab_server.request("/api/contents/notebooks")["content"]}
    assert {"01_clean.ipynb", "05_report.ipynb"} <= listed
    log = lab_server.log.read_text()
    assert f"http://127.0.0.1:{lab_server.port}/lab/tree/notebooks?token=" in log  # where the browser opens
    assert ("--allow-root" in " ".join(lab.lab_command())) == (os.geteuid() == 0)


@pytest.mark.slow
def test_a_cell_run_through_the_server_imports_analysis(lab_server):
    started = lab_server.request("/api/kernels", "POST", {"name": "framing"})
    try:
        replies = run_cell(lab_server, started["id"], "import sys\nimport analysis\n"
                           "from analysis.clean.reading import split_lines\nprint(sys.prefix)\n"
                           "split_lines('Séoul dément.\\r\\nKoursk\\n')")
    finally:
        lab_server.request(f"/api/kernels/{started['id']}", "DELETE")
    by_type = {message["msg_type"]: message["content"] for message in replies}
    assert by_type["execute_reply"]["status"] == "ok", by_type.get("error")
    assert by_type["stream"]["text"].strip() == sys.prefix  # the kernel is this environment's Python
    assert by_type["execute_result"]["data"]["text/plain"] == "['Séoul dément.', 'Koursk']"
    assert TCP_WARNING not in lab_server.log.read_text()
    assert not re.search(r"Traceback", lab_server.log.read_text())
