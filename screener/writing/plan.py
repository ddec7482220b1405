"""The one write decision: every save and export, in every face, asks ``plan_write`` what to do.

``plan_write`` decides, and writes nothing; each face asks its questions in its own
way (a dialog, a typed yes/no, a refusal on the command line) and then ``write``
writes what was planned. The order is fixed here:

1. the privacy check: when the reference or notes look like they hold personal
   details, the user is asked whether to go on (no: they edit first);
2. the target check: a path that cannot be written at all (a folder, a device, a
   bad name) is refused before anything else is asked;
3. the replace question: an existing regular file is replaced without asking only
   when it is the caller's own (``ours``: the case file opened or saved already, the
   summary just exported from the same page); otherwise the user is asked, and
   "no" keeps it.

The write itself is whole or nothing, mode 0600 (``screener.safewrite``). A face
that asks for the file name after the privacy question plans with no path first:
``Go(None)`` then means "go on and ask for the name".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from screener.errors import InputError, Problem
from screener.safewrite import EXISTS, target_state, write_private

if TYPE_CHECKING:
    from screener.privacy import Finding


@dataclass(frozen=True)
class Refused:
    """Nothing can be written there: why, as ``path: message`` problems."""

    problems: tuple[Problem, ...]

    def message(self) -> str:
        return "; ".join(str(p) for p in self.problems)

    def error(self) -> InputError:
        """The refusal as the command line reports it (exit 2)."""
        return InputError(list(self.problems))


@dataclass(frozen=True)
class Ask:
    """A question to put before anything is written; "yes" goes on to ``yes()``, "no" writes nothing."""

    question: Literal["privacy", "replace"]
    path: Path | None
    findings: tuple[Finding, ...] = ()
    ours: bool = field(default=False, repr=False)

    def yes(self) -> WritePlan:
        """The plan once the user has said yes to this question."""
        return plan_write(
            self.path,
            findings=self.findings,
            ours=self.ours,
            go_on=True,
            replace=self.question == "replace",
        )


@dataclass(frozen=True)
class Go:
    """Write ``path`` (replacing the file there when ``replace``); no path: go on and ask for the name."""

    path: Path | None
    replace: bool = False


WritePlan = Refused | Ask | Go


def plan_write(
    path: Path | None,
    *,
    findings: Sequence[Finding] = (),
    ours: bool = False,
    go_on: bool = False,
    replace: bool = False,
) -> WritePlan:
    """What to do about writing ``path``: refuse, ask a question first, or go.

    ``findings`` are the privacy check's (``screener.privacy.check_case``); ``go_on``
    says the user has already chosen to go on despite them, ``replace`` that they
    have agreed to replace the file there (on the command line: ``--force``).
    """
    if findings and not go_on:
        return Ask("privacy", path, tuple(findings), ours)
    if path is None:
        return Go(None)
    try:
        exists = target_state(path) == "file"
    except InputError as exc:
        return Refused(tuple(exc.problems))
    if exists and not (ours or replace):
        return Ask("replace", path, tuple(findings), ours)
    return Go(path, replace=exists)


def write(plan: Go, data: str | bytes) -> Path | Refused:
    """Carry out a ``Go`` plan: the path written, or why not (the target changed, the disk is full, ...)."""
    assert plan.path is not None, "a plan without a path is a question still to ask"
    try:
        return write_private(plan.path, data, force=plan.replace)
    except InputError as exc:
        return Refused(tuple(exc.problems))


def refuse_unasked(plan: WritePlan) -> Go:
    """For a face that cannot ask (the command line): the plan, or its refusal raised as an InputError.

    A file already there is replaced only with ``--force`` (``replace=True`` when planned)."""
    if isinstance(plan, Refused):
        raise plan.error()
    if isinstance(plan, Ask):
        if plan.question == "replace" and plan.path is not None:
            raise InputError.single(plan.path.expanduser(), EXISTS)
        raise AssertionError("the command line plans no privacy question: it warns on stderr")
    return plan
