"""Parsed CSS kept for the process (screener.tui.kept_styles): parsed once, the same rules, never stale."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet, StylesheetParseError

from screener.tui import kept_styles
from screener.tui.kept_styles import KeptStylesheet

CSS = "Static { color: $text; background: $panel; padding: 1 2; }\n.note { text-style: bold; }"
DARK = {"text": "#ffffff", "panel": "#202020"}
LIGHT = {"text": "#000000", "panel": "#e0e0e0"}


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Each CSS text Textual's parser is handed, with nothing kept beforehand."""
    monkeypatch.setattr(KeptStylesheet, "kept", {})
    seen: list[str] = []
    real = kept_styles.Stylesheet._parse_rules

    def counting(self: Stylesheet, css: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(css)
        return real(self, css, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "_parse_rules", counting)
    yield seen


def sheet(variables: dict[str, str], css: str = CSS) -> KeptStylesheet:
    stylesheet = KeptStylesheet(variables=dict(variables))
    stylesheet.add_source(css, read_from=("test.tcss", ""))
    return stylesheet


def rendered(stylesheet: Stylesheet) -> str:
    return stylesheet.css.lower()


def test_a_second_stylesheet_with_the_same_css_and_variables_parses_nothing(parses: list[str]) -> None:
    first = sheet(DARK)
    first.parse()
    assert parses == [CSS]
    second = sheet(DARK)
    second.parse()
    assert parses == [CSS]
    assert rendered(second) == rendered(first)


def test_the_rules_are_those_a_plain_stylesheet_parses(parses: list[str]) -> None:
    plain = Stylesheet(variables=dict(LIGHT))
    plain.add_source(CSS, read_from=("test.tcss", ""))
    plain.parse()
    sheet(LIGHT).parse()
    kept = sheet(LIGHT)
    kept.parse()
    assert rendered(kept) == rendered(plain)
    assert "#000000" in rendered(kept)


def test_other_variables_are_parsed_again_with_their_own_values(parses: list[str]) -> None:
    sheet(DARK).parse()
    light = sheet(LIGHT)
    light.parse()
    assert len(parses) == 2
    assert "#e0e0e0" in rendered(light) and "#202020" not in rendered(light)


def test_a_theme_change_reparses_from_what_is_kept(parses: list[str]) -> None:
    sheet(DARK).parse()
    sheet(LIGHT).parse()
    switching = sheet(DARK)
    switching.parse()
    switching.set_variables(dict(LIGHT))
    switching.reparse()
    assert len(parses) == 2
    assert "#e0e0e0" in rendered(switching)


def test_css_with_errors_is_never_kept(parses: list[str]) -> None:
    broken = "Static { color: not-a-colour; }"
    for _ in range(2):
        with pytest.raises(StylesheetParseError):
            sheet(DARK, broken).parse()
    assert parses == [broken, broken]
    assert KeptStylesheet.kept == {}


def test_like_takes_the_variables_and_sources_of_textuals_own(parses: list[str]) -> None:
    plain = Stylesheet(variables=dict(DARK))
    plain.add_source(CSS, read_from=("test.tcss", ""))
    kept = KeptStylesheet.like(plain)
    kept.parse()
    assert "#202020" in rendered(kept)


def test_a_tab_after_the_warm_parents_first_screen_parses_no_css(parses: list[str]) -> None:
    # What serve's warm parent does before it forks (screener.cli.warm.first_screen), then a tab's app.
    from screener.cli.warm import first_screen
    from screener.content import default_pack_path, load_pack
    from screener.training.load import load_scenarios
    from screener.tui.training import TrainingApp

    pack = load_pack(default_pack_path())
    scenarios = load_scenarios(pack, default_pack_path())
    first_screen(TrainingApp(pack, scenarios, mode="practice"))
    assert len(parses) > 10  # Screener's .tcss files and the widgets' own CSS, in both themes
    parsed = len(parses)
    first_screen(TrainingApp(pack, scenarios, mode="practice"))
    assert len(parses) == parsed
