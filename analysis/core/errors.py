"""Errors that stop a run before anything is written, with a message a person can act on."""

from __future__ import annotations

from pathlib import Path


class ConfigError(Exception):
    """A problem with what the run was asked to read (a missing folder, an unreadable manifest).

    The message names the file, the line where there is one, what is wrong and what to do; the
    runner prints it without a traceback and exits non-zero.
    """

    def __init__(self, problem: str, *, path: Path | str | None = None, line: int | None = None,
                 hint: str = "") -> None:
        self.problem = problem
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One readable paragraph: where, what, and what to do."""
        where = ""
        if self.path is not None:
            where = f"{self.path}" + (f", line {self.line}" if self.line is not None else "") + ": "
        return f"{where}{self.problem}" + (f"\n  What to do: {self.hint}" if self.hint else "")
