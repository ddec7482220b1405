"""Option lists whose state reads without colour.

Textual's RadioSet and SelectionList mark the chosen item by colour alone (the
same glyph is drawn, in another colour, when unselected). These lists draw
``(•)``/``( )`` or ``[x]``/``[ ]`` and a pointer ``›`` on the highlighted line,
so the state survives a monochrome terminal, NO_COLOR and a high-contrast theme.
Labels are content text, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from screener.flow import Option


class PointerList(OptionList):
    """An option list that marks the highlighted line with ``›`` as well as colour."""

    def __init__(self, labels: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        # labels: (option id, text) pairs.
        self.labels = tuple(labels)
        super().__init__(*[ListOption(Content(f"  {text}"), id=key) for key, text in self.labels], markup=False, id=id)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index, (_, text) in enumerate(self.labels):
            lead = "› " if index == highlighted else "  "
            self.replace_option_prompt_at_index(index, Content(f"{lead}{text}"))


class ChoiceList(OptionList):
    """One choice from a few options (``multiple=False``), or any number (``multiple=True``).

    Space chooses (or toggles); Enter chooses and asks to go on (single choice)
    or toggles (multiple); the digits 1 to 9 choose an option directly.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "choose", "Choose", show=False, id="choose", tooltip="Choose the highlighted answer"),
        *[Binding(str(n), f"choose_number({n})", f"Choose {n}", show=False) for n in range(1, 10)],
    ]

    class Changed(Message):
        """The chosen value(s) changed; ``advance`` when the user asked to go on too."""

        def __init__(self, choice_list: ChoiceList, chosen: frozenset[str], advance: bool) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.chosen = chosen
            self.advance = advance

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self,
        options: Sequence[Option],
        chosen: Iterable[str] = (),
        *,
        multiple: bool = False,
        id: str | None = None,
        classes: str | None = "choices",
        marked_word: str = "noted",
    ) -> None:
        self.choices = tuple(options)
        self.marked_word = marked_word
        self.multiple = multiple
        self.chosen: frozenset[str] = frozenset(chosen)
        super().__init__(
            *[ListOption(self._prompt(o, False), id=o.value) for o in self.choices],
            markup=False,
            id=id,
            classes=classes,
        )
        start = next((n for n, o in enumerate(self.choices) if o.value in self.chosen), 0)
        self.highlighted = start if self.choices else None

    def _prompt(self, option: Option, pointer: bool) -> Content:
        if self.multiple:
            mark = "[x]" if option.value in self.chosen else "[ ]"
            word = f" — {self.marked_word}" if option.value in self.chosen else ""
        else:
            mark = "(•)" if option.value in self.chosen else "( )"
            word = ""
        lead = "› " if pointer else "  "
        return Content(f"{lead}{mark} {option.label}{word}")

    def _redraw(self) -> None:
        for index, option in enumerate(self.choices):
            self.replace_option_prompt_at_index(index, self._prompt(option, index == self.highlighted))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if self.choices:
            self._redraw()

    def _choose(self, index: int, advance: bool) -> None:
        value = self.choices[index].value
        if self.multiple:
            self.chosen = self.chosen ^ {value}
        else:
            self.chosen = frozenset({value})
        self._redraw()
        self.post_message(self.Changed(self, self.chosen, advance and not self.multiple))

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self._choose(self.highlighted, advance=False)

    def action_select(self) -> None:
        # Enter: for one choice, choose and go on; for a checklist, toggle.
        if self.highlighted is not None:
            self._choose(self.highlighted, advance=True)

    def action_choose_number(self, number: int) -> None:
        if 1 <= number <= len(self.choices):
            self.highlighted = number - 1
            self._choose(number - 1, advance=False)

    async def _on_click(self, event: events.Click) -> None:
        # A click chooses but never moves on: the base class would select (and so advance).
        event.prevent_default()
        clicked = event.style.meta.get("option")
        if clicked is not None:
            self.highlighted = clicked
            self._choose(clicked, advance=False)
