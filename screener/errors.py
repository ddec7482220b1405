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
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class InputError(Exception):
    """One or more problems with a file the user gave us; never a bug of ours."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    @classmethod
    def single(cls, path: str | Path, message: str, line: int | None = None) -> InputError:
        return cls([Problem(str(path), line, message)])
