"""Python's cycle collector held off while Screener starts, then told what lives for good.

Nearly everything made while the walkthrough starts (the modules and classes of
Textual, pydantic and Screener, and the shipped pack: hundreds of thousands of
objects) lives as long as the process. The collector's passes walk them again and
again and free nothing: on this project's two-core machine they cost about 90 ms
of a 0.9 s start, one full pass, set off by unpickling the pack, 50 ms of it. So
a command holds the collector while it starts (``starting``, a context manager
or a decorator), and a front end
that then keeps running calls ``settle`` just before it takes input:
``gc.freeze()`` sets what exists aside, and later passes walk only what the
session itself makes. Reference counting still frees memory while the collector
is held, and every file read meanwhile is bounded (1 MB), so holding it costs
nothing but the odd start-up cycle, kept rather than freed.

Only a caller that holds the collector settles or releases it, so a test (or any
code) that runs a front end without ``starting`` keeps the collector as it was.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_held = False


@contextlib.contextmanager
def starting() -> Iterator[None]:
    """Hold the collector for the block, unless it is already off; it runs again when the block ends, however."""
    global _held
    if _held or not gc.isenabled():
        yield
        return
    gc.disable()
    _held = True
    try:
        yield
    finally:
        if _held:
            _held = False
            gc.enable()


def settle() -> None:
    """Start-up is over: what exists is kept out of later passes, and the collector runs again."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
