"""Problems in user-supplied files, reported as ``file:line: message``."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from screener.textsafe import printable


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return printable(f"{self.path}: {self.message}")
        # Messages quote paths, names and values from the user; shown raw, an escape
        # sequence among them would drive the terminal instead of being read.
        return printable(f"{self.path}:{self.line}: {self.message}")


class InputError(Exception):
    """One or more problems with a file the user gave us; never a bug of ours."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    @classmethod
    def single(cls, path: str | Path, message: str, line: int | None = None) -> InputError:
        return cls([Problem(str(path), line, message)])


def reason(exc: BaseException) -> str:
    """One line saying what is wrong with a path, from the error a check or write raised."""
    if isinstance(exc, ValueError):
        text = str(exc)
        if "null" in text.lower():
            return "a file name cannot contain a NUL character"
        return text or "not a usable file name"
    if isinstance(exc, OSError):
        if exc.errno == errno.ENAMETOOLONG:
            return "the name is too long (at most 255 bytes a part)"
        return exc.strerror or str(exc)
    return str(exc)
