"""In a browser session, files go to the browser as downloads: nothing is written on the server.

Under ``screener serve`` the app runs on the trainer's machine but its user is a
browser tab. A save or an export typed there must not land in the server's
working folder; it goes through Textual's delivery API (``App.deliver_text``),
which textual-serve turns into a one-off ``/download/KEY`` the page opens as an
attachment. The app learns the browser has fetched it from ``DeliveryComplete``
(or ``DeliveryFailed``); ``BrowserDownloads.download_to_browser`` waits for them, so
that a save in the browser counts as saved only once the browser has the file,
and "save, then quit" does not quit under a download still being sent.
"""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, cast

from textual import events

from screener.render.formats import media_type
from screener.terminal import served_in_browser

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["BrowserDownloads", "download_name", "served_in_browser"]

# A download the browser has not fetched by then (a blocked pop-up, a closed tab) is reported as not sent.
DELIVERY_TIMEOUT = 60.0


def download_name(typed: str, default: str) -> str:
    """The file name offered to the browser: no folder, only letters, digits, ``.``, ``_`` and ``-``.

    textual-serve puts it unquoted in a ``Content-Disposition`` header, and the
    browser chooses the folder, so anything else is replaced.
    """
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", PurePath(typed.strip()).name).strip(".-")
    return name or default


class BrowserDownloads:
    """Mixed into the App, before ``App``: ``await self.download_to_browser(...)`` ends when the browser has it."""

    _waiting_downloads: dict[str, asyncio.Future[str | None]]

    def _download_waits(self) -> dict[str, asyncio.Future[str | None]]:
        if not hasattr(self, "_waiting_downloads"):
            self._waiting_downloads = {}
        return self._waiting_downloads

    async def download_to_browser(self, data: str | bytes, file_name: str) -> str | None:
        """Send ``data`` to the browser as a download called ``file_name``: None once it has it, else why not."""
        app = cast("App[Any]", self)
        kind = media_type(file_name)
        if isinstance(data, bytes):
            key = app.deliver_binary(io.BytesIO(data), save_filename=file_name, open_method="download", mime_type=kind)
        else:
            key = app.deliver_text(
                io.StringIO(data), save_filename=file_name, open_method="download", encoding="utf-8", mime_type=kind
            )
        if key is None:
            return "this session cannot send files to the browser"
        waiting: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        self._download_waits()[key] = waiting
        try:
            return await asyncio.wait_for(waiting, DELIVERY_TIMEOUT)
        except TimeoutError:
            return "the browser did not fetch the file (are downloads or pop-ups blocked for this page?)"
        finally:
            self._download_waits().pop(key, None)

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        waiting = self._download_waits().get(event.key)
        if waiting is not None and not waiting.done():
            waiting.set_result(None)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        waiting = self._download_waits().get(event.key)
        if waiting is not None and not waiting.done():
            waiting.set_result("the browser could not fetch the file")
