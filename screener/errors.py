"""Problems in user-supplied files, reported as ``file:line: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return _printable(f"{self.path}: {self.message}")
        return _printable(f"{self.path}:{self.line}: {self.message}")


def _printable(text: str) -> str:
    # Messages quote names and values from the user's file; shown raw, an escape
    # sequence among them would drive the terminal instead of being read.
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class InputError(Exception):
    """One or more problems with a file the user gave us; never a bug of ours."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    @classmethod
    def single(cls, path: str | Path, message: str, line: int | None = None) -> InputError:
        return cls([Problem(str(path), line, message)])
