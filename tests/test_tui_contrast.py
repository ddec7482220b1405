"""Contrast you can measure: every foreground/background pair the app draws, in each of its themes.

The ratios are worked out from what is on screen (the compositor's cells, after every
theme variable, tint and blend is applied), with the WCAG 2 formula, and each must be at
least 4.5:1 (AA for normal text). Cells that draw no text (blank space, box edges) are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from rich.color import Color as RichColor
from rich.segment import Segment

from screener.content import Pack
from screener.tui.app import ScreenerApp
from screener.tui.themes import DEFAULT_THEME, HIGH_CONTRAST
from screener.walkthrough import Flow
from screener.walkthrough.session import Session

DAY = dt.date(2024, 11, 20)
AA = 4.5
# Characters that draw edges and bars rather than text.
NOT_TEXT = set(" ▔▁▂▃▄▅▆▇▊▎█▀▐▌▏│─┃━╭╮╰╯┌┐└┘")


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula_matches_wcag() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((255, 255, 255), (192, 192, 192)) == pytest.approx(1.81, abs=0.01)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


def rgb(color: RichColor | None) -> tuple[int, int, int] | None:
    if color is None or color.is_default:
        return None
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def low_pairs(app: ScreenerApp, where: str) -> Iterator[str]:
    screen = app.screen
    # Behind a dialog the page is dimmed on purpose and cannot be used: only the dialog is read.
    boxes = screen.query(".dialog-box")
    region = boxes.first().region if boxes else screen.region
    strips = screen._compositor.render_strips()
    for y, strip in enumerate(strips):
        x = 0
        for segment in strip:
            text, style = segment.text, segment.style
            start, x = x, x + segment.cell_length
            inside = region.y <= y < region.bottom and start < region.right and x > region.x
            if inside and isinstance(segment, Segment) and style is not None and set(text) - NOT_TEXT:
                fg, bg = rgb(style.color), rgb(style.bgcolor)
                if fg is None or bg is None:
                    continue
                if style.reverse:
                    fg, bg = bg, fg
                ratio = contrast(fg, bg)
                if ratio < AA:
                    yield f"{where} row {y}: {text.strip()!r} {fg} on {bg} = {ratio:.2f}:1"


@pytest.mark.parametrize("theme", [DEFAULT_THEME, HIGH_CONTRAST.name])
async def test_every_pair_on_screen_is_at_least_aa(pack: Pack, theme: str) -> None:
    app = ScreenerApp(Session(Flow(pack), Flow(pack).new_answers(DAY)))
    problems: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()

        async def look(where: str) -> None:
            await pilot.pause()
            problems.extend(low_pairs(app, where))

        await look("welcome")
        await pilot.press("n")
        await look("jurisdiction, list focused")
        await pilot.press("1")
        await look("reference, box waiting")
        await pilot.press("R")
        await look("reference, box focused")
        await pilot.press("enter", *"2009-02-30")
        await look("age with an error")
        await pilot.press("escape", "f1")
        await look("help dialog")
        await pilot.press("escape")
        app.go_to("theme:criminal-exploitation")
        await pilot.press("1")
        await look("indicators, one marked")
        app.go_to("review")
        await look("review")
        app.go_to("summary")
        await look("summary")
        app.go_to("export")
        await pilot.press("2")  # plain text chosen: the list loses focus to the Export button
        await look("export, format chosen")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await look("quit dialog")
    assert problems == [], "\n".join(problems)
