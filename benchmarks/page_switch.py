"""How long a page switch takes to render: a number key on a question until the next page is drawn.

Run: ``PYTHONPATH=. python benchmarks/page_switch.py``. It walks the typical England and
Wales case headless at 100x30 and reports the median and worst time from a key press to
the next page being on screen and idle: the CPU time this process spent (steady on a busy,
shared machine) and the wall time. Beside it, on the same machine and in the same run, a
minimal Textual app switches between two screens of one line each, measured the same way;
the ratio of the medians says what Screener's pages cost over Textual's own screen switch.
No timings live in the tests.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import time


async def minimal_switches(count: int = 30) -> list[tuple[float, float]]:
    """A screen switch in the smallest Textual app: a key pushes a one-line screen in place of another."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static

    class Page(Screen[None]):
        def __init__(self, n: int) -> None:
            super().__init__()
            self.n = n

        def compose(self) -> ComposeResult:
            yield Static(f"Page {self.n}")

    class Minimal(App[None]):
        shown = 0

        def on_mount(self) -> None:
            self.push_screen(Page(0))

        def on_key(self) -> None:
            self.shown += 1
            self.switch_screen(Page(self.shown))

    app = Minimal()
    pairs: list[tuple[float, float]] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(count):
            before = app.shown
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("x")
            while app.shown == before or getattr(app.screen, "n", -1) != app.shown:
                await pilot.pause()
            await pilot.pause()
            pairs.append((time.process_time() - cpu, time.perf_counter() - start))
    return pairs


async def main() -> None:
    from screener.content import default_pack_path, load_pack
    from screener.tui.app import ScreenerApp
    from screener.walkthrough.session import Session

    app = ScreenerApp(Session.open(load_pack(default_pack_path()), None, as_at=dt.date(2024, 11, 20)))
    times: dict[str, list[tuple[float, float]]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "1", "enter", "1", "5", "enter")
        await pilot.pause()
        while app.current_key != "review":
            key = app.current_key
            kind = "indicators" if key.startswith("theme:") else "question"
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("enter" if kind == "indicators" or key == "leave_granted_on" else "1")
            while app.current_key == key:
                await pilot.pause()
            await pilot.pause()  # the new page mounted, laid out and drawn
            times.setdefault(kind, []).append((time.process_time() - cpu, time.perf_counter() - start))
        for step in ("summary", "export"):
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("n")
            await pilot.pause()
            times.setdefault(step, []).append((time.process_time() - cpu, time.perf_counter() - start))
    times["minimal"] = await minimal_switches()
    base_cpu = statistics.median(c for c, _ in times["minimal"])
    base_wall = statistics.median(w for _, w in times["minimal"])
    for kind, pairs in times.items():
        ratio = (
            f" · ×{statistics.median(c for c, _ in pairs) / base_cpu:.1f} CPU, "
            f"×{statistics.median(w for _, w in pairs) / base_wall:.1f} wall of a minimal Textual switch"
        )
        cpu_ms = [c * 1000 for c, _ in pairs]
        wall_ms = [w * 1000 for _, w in pairs]
        print(
            f"{kind:<11} {len(pairs):>2} switches: CPU median {statistics.median(cpu_ms):6.1f} ms, "
            f"worst {max(cpu_ms):6.1f} ms · wall median {statistics.median(wall_ms):6.1f} ms, "
            f"worst {max(wall_ms):6.1f} ms{ratio if kind != 'minimal' else ''}"
        )


if __name__ == "__main__":
    asyncio.run(main())
