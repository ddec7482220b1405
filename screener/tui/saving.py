"""The app's saving: the case file written (or, in a browser, downloaded) through the one write decision.

What to ask, in what order, and when a file is replaced unasked is
``screener.writing.plan``'s; this module puts its questions as dialogs, and says
what happened. The export page and the comparison window ask through it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from screener.textsafe import printable
from screener.tui.browser import served_in_browser
from screener.tui.dialogs import ConfirmDialog, PathDialog
from screener.walkthrough.session import Blocked
from screener.writing.plan import Ask, Go, Refused, WritePlan, write

if TYPE_CHECKING:
    from screener.tui.app import ScreenerApp

EDIT_FIRST = "Edit the reference first, or go on?"


async def answer(app: ScreenerApp, question: Ask, what: str, edit_first: str = EDIT_FIRST) -> bool:
    """Put one of the plan's questions as a dialog; True for yes."""
    if question.question == "privacy":
        from screener.privacy import warning

        text = warning(list(question.findings), "The answers") + ". " + edit_first
        go_on = await app.push_screen_wait(ConfirmDialog("Personal details?", text, yes="Go on", no="Edit"))
        return bool(go_on)
    replace = await app.push_screen_wait(
        ConfirmDialog(
            "Replace the file?",
            f"{printable(question.path)} already exists. Replace it with {what}?",
            yes="Replace it",
            no="Keep it",
        )
    )
    return bool(replace)


async def settle(app: ScreenerApp, plan: WritePlan, what: str, edit_first: str = EDIT_FIRST) -> WritePlan:
    """Ask the plan's questions in turn: the ``Go`` or ``Refused`` it comes to, or the ``Ask`` answered no."""
    while isinstance(plan, Ask):
        if not await answer(app, plan, what, edit_first):
            return plan
        plan = plan.yes()
    return plan


async def privacy_ok(app: ScreenerApp) -> bool:
    """Before a save or an export: warn of what looks like personal details; True to go on, False to edit."""
    if isinstance(await settle(app, app.session.plan_privacy(), "the answers"), Ask):
        app.apply(app.session.edit_and_return("reference"))
        return False
    return True


async def save_case_file(app: ScreenerApp, ask: bool = False) -> bool:
    """Write the case file; True once written.

    The case file opened, or already saved in this session, is saved again straight
    away; otherwise (or with ``ask``) a file name is asked for, and replacing a file
    is confirmed first.
    """
    session = app.session
    blocked = session.can_save()
    if isinstance(blocked, Blocked):
        app.notify(blocked.reason, severity="warning")
        return False
    if not await privacy_ok(app):
        return False
    if served_in_browser():
        return await download_case(app)
    if session.case_path is not None and not ask:
        path: Path | None = session.case_path
    else:
        path = await app.push_screen_wait(
            PathDialog(
                "Save the answers as a case file",
                "The case file holds case details: keep it private. Open it again with: screener FILE. "
                f"A name without a folder is saved in {Path.cwd()}.",
                session.default_case_path(),
            )
        )
    if path is None:
        return False
    plan = await settle(app, session.plan_save(path), "these answers")
    if isinstance(plan, Ask):
        app.notify("Not saved: the existing file is kept.", markup=False)
        return False
    written = write(plan, session.case_file()) if isinstance(plan, Go) else plan
    if isinstance(written, Refused):
        app.notify(written.message(), title="Not saved", severity="error", markup=False)
        return False
    session.saved_to(path)
    app.notify(f"Saved {printable(written)} (readable by you only).", markup=False)
    return True


async def download_case(app: ScreenerApp) -> bool:
    """In a browser session: the case file goes to the browser as a download; True once it has it."""
    name = app.session.default_case_path(numbered=False).name
    if not await app.push_screen_wait(
        ConfirmDialog(
            "Download the answers as a case file",
            f"Your browser saves {name}. It holds case details: keep it private. Open it again with: screener FILE.",
            yes="Download",
            no="Cancel",
        )
    ):
        return False
    # The same file a save on disk writes: with what it was screened with, for ``screener compare``.
    problem = await app.download_to_browser(app.session.case_file(), name)
    if problem is not None:
        app.notify(f"Not downloaded: {problem}.", title="Not saved", severity="error", markup=False)
        return False
    app.session.saved_to(None)
    app.notify(f"Downloaded {name}: your browser has it (keep it private).", markup=False)
    return True
