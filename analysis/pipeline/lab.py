"""``make lab``: JupyterLab on the project, with its kernel registered as "framing (.venv)".

``python -m analysis.pipeline.lab [jupyter lab options]`` registers the kernel (analysis.pipeline.kernel)
and replaces itself with JupyterLab. The server's root is the project folder, so that the file
browser reaches the YAML lexicons (``analysis/resources``), the datasets (``data/processed``) and the
report beside the notebooks; it opens on ``notebooks/``. As root (a Docker container, a cloud notebook
VM) it passes ``--allow-root``, which Jupyter refuses to start without; as any other user it does not.
Its kernels get CurveZMQ-encrypted sockets when pyzmq supports it (the server's IPC sockets would live in
Jupyter's runtime folder, whose path can be longer than a Unix socket allows).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import zmq

from analysis.core.paths import NOTEBOOKS_DIR, PROJECT_ROOT, display_path
from analysis.pipeline.kernel import KERNEL_DISPLAY_NAME, KERNEL_NAME, register_kernel

#: Where the browser opens: the notebooks folder, under the project root.
START_PAGE = f"/lab/tree/{NOTEBOOKS_DIR.relative_to(PROJECT_ROOT).as_posix()}"


def running_as_root() -> bool:
    """Whether this process runs as root (uid 0); never on systems without user ids."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(options: Sequence[str] = ()) -> list[str]:
    """The command that starts JupyterLab on the project; ``options`` are passed on (they come last)."""
    command = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={PROJECT_ROOT}",
               f"--LabApp.default_url={START_PAGE}", f"--MappingKernelManager.default_kernel_name={KERNEL_NAME}"]
    if zmq.has("curve"):
        command.append("--MappingKernelManager.transport_encryption=auto")
    if running_as_root():
        command.append("--allow-root")
    return command + list(options)


def main(argv: Sequence[str] | None = None) -> None:
    """Register the kernel, then become JupyterLab (Ctrl-C then stops the server directly)."""
    folder = register_kernel()
    print(f"Kernel '{KERNEL_DISPLAY_NAME}' registered in {display_path(folder)}; starting JupyterLab on "
          f"{display_path(NOTEBOOKS_DIR)}/ (stop it with Ctrl-C).", flush=True)
    command = lab_command(sys.argv[1:] if argv is None else argv)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
