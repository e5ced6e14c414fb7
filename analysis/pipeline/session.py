"""One Jupyter kernel for every stage of a run: the interpreter, the imports and the spaCy model once.

Each stage notebook used to get a kernel of its own, so a run started five interpreters, imported the
analysis modules five times and loaded spaCy's French pipeline in every stage that reads parses
(benchmarks/README.md). The runner now starts one kernel when the first stage must run (a run whose
stages are all current starts none) and papermill executes the stale notebooks in it, one after the
other, through a kernel manager it does not own.

A notebook must not see what the previous one left: before every notebook but the first, the
kernel's namespace is reset (IPython's ``reset``: every user variable, the output history and the
execution counter, so the executed notebook is numbered from 1 as in a fresh kernel; it collects the
garbage). What stays is what a fresh kernel would rebuild identically: imported modules and what
they cache (the loaded model, the lexicons read from YAML). nbval still runs every notebook in a
kernel of its own (``make test``), so a stage that relied on another's variables would fail there too.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from analysis.pipeline.kernel import stage_kernel_options

#: What runs in the kernel between two notebooks (silently: no output, no execution count). IPython's
#: reset collects the garbage; what survives it (modules, the loaded model, cached lexicons) is then
#: frozen (gc.freeze), so that the next resets and collections stop scanning those ~600,000 objects
#: again (0.25 s each) and forked workers do not copy their pages by touching them.
RESET_CODE = "get_ipython().reset(new_session=True)\nimport gc as _gc\n_gc.freeze()\ndel _gc"
#: Seconds to wait for the kernel to answer (start-up, reset).
TIMEOUT = 120


class KernelResetError(RuntimeError):
    """The kernel did not reset its namespace between two notebooks."""


class StageKernel:
    """The kernel the stages of one run share (a context manager that shuts it down at the end).

    :meth:`manager_for_next_notebook` returns a started kernel manager for papermill's ``km``
    argument, reset if a notebook ran in it before; a kernel that died (a stage that crashed it) is
    replaced by a new one.
    """

    def __init__(self, cwd: Path) -> None:
        self.cwd = Path(cwd)
        self._manager: AsyncKernelManager | None = None
        self._sockets: tempfile.TemporaryDirectory | None = None  # its connection file and IPC sockets
        self._used = False

    def start(self) -> None:
        """Launch the kernel process now (it boots while the caller goes on) unless it runs already."""
        if self._manager is not None and run_sync(self._is_alive)():
            return
        self.close()
        # the project's kernel over IPC sockets (analysis.pipeline.kernel), in a folder removed by close
        self._sockets = tempfile.TemporaryDirectory(prefix="kernel-")
        options = stage_kernel_options(Path(self._sockets.name))
        manager = options["kernel_manager_class"](kernel_name=options["kernel_name"], config=options["config"])
        # nbclient gives the kernels it starts an in-memory history; so does this one
        run_sync(manager.start_kernel)(cwd=str(self.cwd), extra_arguments=["--HistoryManager.hist_file=:memory:"])
        self._manager, self._used = manager, False

    def manager_for_next_notebook(self) -> AsyncKernelManager:
        """The running kernel's manager, its namespace reset when a notebook ran in it before."""
        self.start()
        assert self._manager is not None
        if self._used:
            run_sync(self._reset)()
        self._used = True
        return self._manager

    async def _is_alive(self) -> bool:
        return self._manager is not None and await self._manager.is_alive()

    async def _reset(self) -> None:
        assert self._manager is not None
        client = self._manager.client()
        client.start_channels()
        try:  # the shell channel only: a client's wait_for_ready would spend 0.2 s flushing IOPub
            request = client.execute(RESET_CODE, silent=True, store_history=False)
            reply: dict[str, Any] = await client.get_shell_msg(timeout=TIMEOUT)
            while reply["parent_header"].get("msg_id") != request:
                reply = await client.get_shell_msg(timeout=TIMEOUT)
        finally:
            client.stop_channels()
        if reply["content"].get("status") != "ok":
            raise KernelResetError(f"the kernel could not reset its namespace: {reply['content'].get('evalue', '')}")

    def close(self) -> None:
        """Shut the kernel down (at once: every output was written atomically) and free its files."""
        manager, self._manager = self._manager, None
        if manager is not None:
            run_sync(self._shutdown)(manager)
        sockets, self._sockets = self._sockets, None
        if sockets is not None:
            sockets.cleanup()

    @staticmethod
    async def _shutdown(manager: AsyncKernelManager) -> None:
        if await manager.is_alive():
            await manager.shutdown_kernel(now=True)  # removes its connection file too
        else:
            await manager.cleanup_resources()

    def __enter__(self) -> StageKernel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
