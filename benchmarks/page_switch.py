"""What a page switch costs, beside a minimal Textual screen switch on the same machine, in the same run.

Run: ``PYTHONPATH=. python benchmarks/page_switch.py [--repeat N]``. It walks the typical England
and Wales case headless at 100x30 (N times, default 4) and times each key press until the next
page is on screen and idle, grouped by the page switched to: a question, an indicator page,
the review, the summary and the export page. Every other walk spends two seconds on the review
before n, as a person reading it would (the review readies the summary meanwhile): those switches
to the summary are "summary, read"; the others press n at once, the first with the imports a
summary needs. Beside it a minimal Textual app switches between
two screens of one line each, measured the same way. Each line gives the median and worst CPU
time this process spent (steady on a busy, shared machine) and wall time, and the ratio of the
medians to the minimal switch's: issue 25 asks that a page switch cost what a minimal Textual
screen switch costs. Then the same minimal app shows the typical case's own review lines (an
option list) and summary text (one Static, Textual's cheapest way; its Markdown widget takes
seconds) with no Screener code: what that content costs any Textual app, beside what the
review and summary cost here. The same switches are then listed again by how the page was shown: in
place (the screen up, a question's or a theme's, changed its words for the next page of its kind),
in a screen kept from before (a question's after a theme's) or as a new screen. The machine's
load average is printed first, since other work shares it.

The walk chooses its key by the page it is on (a choice: ``1``; an indicator page, a date or
a reference: Enter), so a question added to the flow does not stall it; a switch that takes
over 20 seconds stops the run with the page it stuck on. No timings live in the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

Pair = tuple[float, float]  # (CPU seconds, wall seconds)
STUCK = 20.0
CONTENT: dict[str, Any] = {}  # the typical case's review lines and summary text, for the stock screens
READ = 2.0  # seconds on the review in every other walk, as a person reads it (it readies the summary after 1)


async def _until(pilot: object, done: Callable[[], bool], what: str) -> None:
    """Pause the pilot until ``done()``; stop the run, naming ``what``, if it takes over STUCK seconds."""
    start = time.perf_counter()
    while not done():
        if time.perf_counter() - start > STUCK:
            raise SystemExit(f"page_switch: stuck on {what}")
        await pilot.pause()  # type: ignore[attr-defined]


async def minimal_switches(count: int = 30, body: Callable[[], list[Any]] | None = None) -> list[Pair]:
    """A screen switch in the smallest Textual app: a key puts a one-line screen in place of another.

    With ``body``, each screen holds what ``body()`` makes instead of one line: a stock Textual screen
    of a page's own content, to weigh what that content costs any Textual app to show."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static

    class Page(Screen[None]):
        def __init__(self, n: int) -> None:
            super().__init__()
            self.n = n

        def compose(self) -> ComposeResult:
            if body is None:
                yield Static(f"Page {self.n}")
            else:
                yield from body()

    class Minimal(App[None]):
        shown = 0

        def on_mount(self) -> None:
            self.push_screen(Page(0))

        def on_key(self) -> None:
            self.shown += 1
            self.switch_screen(Page(self.shown))

    app = Minimal()
    pairs: list[Pair] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(count):
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("x")
            await _until(pilot, lambda: getattr(app.screen, "n", -1) == app.shown, "the minimal switch")
            await pilot.pause()
            pairs.append((time.process_time() - cpu, time.perf_counter() - start))
    return pairs


def stock_review(labels: list[str]) -> Callable[[], list[Any]]:
    """The review's content as stock Textual shows it: a title, a hint and an option list of its lines."""

    def body() -> list[Any]:
        from textual.widgets import OptionList, Static

        return [Static("Review every answer"), Static("Enter changes the highlighted answer"), OptionList(*labels)]

    return body


def stock_summary(markdown: str) -> Callable[[], list[Any]]:
    """The summary's content as stock Textual shows it most cheaply: its Markdown text, scrolled, in one
    Static (Textual's Markdown widget takes over a second for it)."""

    def body() -> list[Any]:
        from textual.containers import VerticalScroll
        from textual.widgets import Static

        return [VerticalScroll(Static(markdown, markup=False))]

    return body


def _kind(key: str) -> str:
    """The group a switch to page ``key`` is timed in."""
    if key.startswith("theme:"):
        return "indicators"
    return key if key in ("review", "summary", "export") else "question"


def _moved_from(app: Any, key: str) -> bool:
    return bool(app.current_key != key)


async def walk(times: dict[str, list[Pair]], ways: dict[str, list[Pair]], read: float) -> None:
    """One walk of the typical England and Wales case, each switch timed under the page it goes to,
    and again in ``ways`` under the page and how it was shown: in place, in a kept screen or a new one.

    ``read``: seconds on the review before n, as a person reads it (the page readies the summary
    meanwhile); the switch to the summary is then timed as "summary, read".
    """
    from screener import heap

    # As `screener` starts (screener.cli.cases.run_walkthrough, then run_app): the collector held
    # while the pack and the app are made, then what exists frozen out of its later passes.
    with heap.starting():
        from screener.content import default_pack_path, load_pack
        from screener.tui.app import ScreenerApp
        from screener.tui.widgets.choices import PointerList
        from screener.walkthrough.session import Session

        app = ScreenerApp(Session.open(load_pack(default_pack_path()), None, as_at=dt.date(2024, 11, 20)))
        heap.settle()
    shown: list[object] = []  # every screen shown so far
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        while app.current_key != "export":
            key = app.current_key
            question = app.session.page.question if app.session.page else None
            if key == "age":
                keys: tuple[str, ...] = ("1", "5", "enter")  # aged 15
            elif key in ("welcome", "review", "summary"):
                keys = ("n",)
            elif question is not None and question.kind == "choice":
                keys = ("1",)
            else:
                keys = ("enter",)  # an indicator page, a date or a reference: kept as it is
            await pilot.press(*keys[:-1])
            await pilot.pause()
            if key == "review" and read:
                await asyncio.sleep(read)
            screen = app.screen
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press(keys[-1])
            await _until(pilot, partial(_moved_from, app, key), f"the page {key}")
            await pilot.pause()  # the new page mounted, laid out and drawn
            if key != "welcome":
                pair = (time.process_time() - cpu, time.perf_counter() - start)
                kind = _kind(app.current_key)
                kind += ", read" if kind == "summary" and read else ""
                times.setdefault(kind, []).append(pair)
                # Also by how it was shown: the screen up changed its words, one kept from before did, or a new one.
                way = "in place" if app.screen is screen else "kept screen" if app.screen in shown else "new screen"
                ways.setdefault(f"{kind}, {way}", []).append(pair)
            shown.append(app.screen)
            if app.current_key == "review" and "review" not in CONTENT:
                CONTENT["review"] = [text for _, text in app.screen.query_one("#review-list", PointerList).labels]
                CONTENT["summary"] = str(app.render_summary("md"))


def report(times: dict[str, list[Pair]]) -> list[str]:
    base_cpu = statistics.median(c for c, _ in times["minimal"])
    base_wall = statistics.median(w for _, w in times["minimal"])
    lines = []
    width = max(len(kind) for kind in times)
    for kind, pairs in times.items():
        cpu_ms = [c * 1000 for c, _ in pairs]
        wall_ms = [w * 1000 for _, w in pairs]
        line = (
            f"{kind:<{width}} {len(pairs):>3} switches: CPU median {statistics.median(cpu_ms):6.1f} ms, "
            f"worst {max(cpu_ms):6.1f} · wall median {statistics.median(wall_ms):6.1f} ms, "
            f"worst {max(wall_ms):6.1f}"
        )
        if kind != "minimal":
            line += (
                f" · x{statistics.median(c for c, _ in pairs) / base_cpu:.1f} CPU, "
                f"x{statistics.median(w for _, w in pairs) / base_wall:.1f} wall"
            )
        lines.append(line)
    return lines


async def main(repeat: int) -> None:
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())} on {os.cpu_count()} cores")
    times: dict[str, list[Pair]] = {}
    ways: dict[str, list[Pair]] = {}
    times["minimal"] = await minimal_switches()
    for n in range(repeat):
        await walk(times, ways, READ if n % 2 else 0.0)
    times["minimal"] += await minimal_switches()  # before and after, so a change of load is shared
    stock = {
        "stock review": await minimal_switches(12, stock_review(CONTENT["review"])),
        "stock summary": await minimal_switches(12, stock_summary(CONTENT["summary"])),
    }
    for line in report(times):
        print(line)
    print("Stock Textual screens of the same content (no Screener code), against which the review and summary weigh:")
    for line in report({"minimal": times["minimal"], **stock})[1:]:
        print(line)
    print("The same switches by how the page was shown:")
    for line in report({"minimal": times["minimal"], **dict(sorted(ways.items()))})[1:]:
        print(line)
    print("(x: the median over a minimal Textual screen switch's, measured in the same run)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--repeat",
        type=int,
        default=4,
        help="walks of the typical case, every other one reading the review (default: 4)",
    )
    asyncio.run(main(parser.parse_args().repeat))
