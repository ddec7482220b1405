"""The app's saving: the case file written (or, in a browser, downloaded) after the privacy check.

The decision of when to ask before replacing a file is ``screener.confirmed_write``'s;
this module supplies the dialogs that ask, and says what happened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from screener.casefile.write import default_stem, dump_case, first_free, save_case
from screener.confirmed_write import write_confirmed
from screener.textsafe import printable
from screener.tui.browser import served_in_browser
from screener.tui.dialogs import ConfirmDialog, PathDialog

if TYPE_CHECKING:
    from screener.tui.app import ScreenerApp


def default_case_path(app: ScreenerApp) -> Path:
    return app.case_path or first_free(Path(f"{default_stem(app.answers.screening_date)}.yaml"))


async def privacy_ok(app: ScreenerApp) -> bool:
    """Before a save or an export: warn of what looks like personal details; True to go on, False to edit."""
    from screener.privacy import check_case, warning

    findings = check_case(app.case(), app.flow.pack)
    if not findings:
        return True
    go_on = await app.push_screen_wait(
        ConfirmDialog(
            "Personal details?",
            warning(findings, "The answers") + ". Edit the reference first, or go on?",
            yes="Go on",
            no="Edit",
        )
    )
    if not go_on:
        app.go_to("reference")
    return bool(go_on)


async def ask_replace(app: ScreenerApp, path: Path, what: str) -> bool:
    """The dialog that asks before a file is replaced; ``what`` is what would replace it."""
    replace = await app.push_screen_wait(
        ConfirmDialog(
            "Replace the file?",
            f"{printable(path)} already exists. Replace it with {what}?",
            yes="Replace it",
            no="Keep it",
        )
    )
    return bool(replace)


async def save_case_file(app: ScreenerApp, ask: bool = False) -> bool:
    """Write the case file; True once written.

    The case file opened, or already saved in this session, is saved again straight
    away; otherwise (or with ``ask``) a file name is asked for, and replacing a file
    is confirmed first.
    """
    if app.answers.jurisdiction is None:
        app.notify("Choose the part of the UK first: a case file needs it.", severity="warning")
        return False
    if not await app.privacy_ok():
        return False
    if served_in_browser():
        return await download_case(app)
    if app.case_path is not None and not ask:
        path: Path | None = app.case_path
    else:
        path = await app.push_screen_wait(
            PathDialog(
                "Save the answers as a case file",
                "The case file holds case details: keep it private. Open it again with: screener FILE. "
                f"A name without a folder is saved in {Path.cwd()}.",
                default_case_path(app),
            )
        )
    if path is None:
        return False

    async def asking(target: Path) -> bool:
        return await ask_replace(app, target, "these answers")

    outcome = await write_confirmed(
        path,
        lambda target, force: save_case(target, app.recorded_case(), force=force),
        asking,
        ours=path == app.case_path,
    )
    if outcome.kept:
        app.notify("Not saved: the existing file is kept.", markup=False)
        return False
    if outcome.written is None:
        app.notify("; ".join(outcome.problems), title="Not saved", severity="error", markup=False)
        return False
    app.saved_answers = app.answers
    app.case_path = path
    app.notify(f"Saved {printable(outcome.written)} (readable by you only).", markup=False)
    return True


async def download_case(app: ScreenerApp) -> bool:
    """In a browser session: the case file goes to the browser as a download; True once it has it."""
    name = default_case_path(app).name
    if not await app.push_screen_wait(
        ConfirmDialog(
            "Download the answers as a case file",
            f"Your browser saves {name}. It holds case details: keep it private. Open it again with: screener FILE.",
            yes="Download",
            no="Cancel",
        )
    ):
        return False
    problem = await app.download_to_browser(dump_case(app.case()), name)
    if problem is not None:
        app.notify(f"Not downloaded: {problem}.", title="Not saved", severity="error", markup=False)
        return False
    app.saved_answers = app.answers
    app.notify(f"Downloaded {name}: your browser has it (keep it private).", markup=False)
    return True
