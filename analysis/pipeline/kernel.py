"""The Jupyter kernel of the project: the one papermill runs the stages in, and the one JupyterLab offers.

Both are this environment's Python with ipykernel, named ``framing`` ("framing (.venv)" in JupyterLab's
launcher). papermill does not look the name up among the kernels the machine has registered (a
``python3`` kernel of the user's other Python would win over this one): the runner's kernel manager
always starts the interpreter that runs the pipeline, as nbval's ``--nbval-current-env`` does. Its
sockets are Unix-domain (IPC) files in a temporary folder rather than TCP ports on localhost, so nothing
listens on the network and ipykernel has no "running over TCP without encryption" warning to print.
:func:`register_kernel` writes the kernelspec JupyterLab lists into this environment's own prefix
(``.venv/share/jupyter/kernels/framing``): nothing is written outside the project.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import ipykernel.kernelspec
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from traitlets import default
from traitlets.config import Config

KERNEL_NAME = "framing"
KERNEL_DISPLAY_NAME = "framing (.venv)"
#: The longest socket path the runner uses: a Unix socket path holds at most 104 bytes on macOS and
#: 108 on Linux. A temporary folder deeper than that (a long TMPDIR) gets TCP on localhost instead.
SOCKET_PATH_MAX = 100
CONNECTION_FILE = "kernel.json"


def kernel_dict() -> dict[str, Any]:
    """The kernelspec of this interpreter's ipykernel, under the project's display name."""
    return {**ipykernel.kernelspec.get_kernel_dict(), "display_name": KERNEL_DISPLAY_NAME}


class CurrentEnvironmentKernels(KernelSpecManager):
    """Kernelspecs in which ``framing`` is always this interpreter's ipykernel, registered or not."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        """This environment's kernelspec for ``framing``; the registered one for any other name."""
        if kernel_name == KERNEL_NAME:
            return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES, **kernel_dict())
        return super().get_kernel_spec(kernel_name)


class StageKernelManager(AsyncKernelManager):
    """The kernel manager of a stage: starts this interpreter's kernel for ``framing``."""

    @default("kernel_spec_manager")
    def _this_environment(self) -> KernelSpecManager:
        return CurrentEnvironmentKernels()


def stage_kernel_options(connection_dir: Path) -> dict[str, Any]:
    """papermill's keyword arguments for one stage: the project kernel, with IPC sockets in ``connection_dir``.

    papermill's notebook client creates the kernel manager from them, so it also shuts the kernel down
    and removes its connection file and sockets; ``connection_dir`` is a temporary folder the caller
    removes afterwards. Windows has no IPC transport, and a folder too deep for a Unix socket path
    cannot hold one: both get TCP on localhost (with ipykernel's warning about it).
    """
    ip = Path(connection_dir) / "kernel-ipc"
    settings: dict[str, str] = {"connection_file": str(Path(connection_dir) / CONNECTION_FILE)}
    if os.name == "posix" and len(str(ip)) + len("-99") <= SOCKET_PATH_MAX:
        settings.update(transport="ipc", ip=str(ip))
    return {"kernel_name": KERNEL_NAME, "kernel_manager_class": StageKernelManager,
            "config": Config({StageKernelManager.__name__: settings})}


def register_kernel() -> Path:
    """Write the ``framing`` kernelspec into this environment's prefix (``sys.prefix``); return its folder.

    Idempotent: rewriting it also repoints it at this interpreter when the project folder has moved.
    """
    folder = ipykernel.kernelspec.install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME,
                                          prefix=sys.prefix)
    return Path(folder)
