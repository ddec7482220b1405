"""Option lists whose state reads without colour.

Textual's RadioSet and SelectionList mark the chosen item by colour alone (the
same glyph is drawn, in another colour, when unselected). These lists draw
``(•)``/``( )`` or ``[x]``/``[ ]`` and a pointer ``›`` on the highlighted line,
so the state survives a monochrome terminal, NO_COLOR and a high-contrast theme.
Labels are content text, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from screener.tui.widgets.hanging import Hanging
from screener.walkthrough import Option

# Past the ninth line, a letter: none of the page keys (b back, n next, r review, w why, v the case).
LETTERS = "acdefghijklmopqstuxyz"


def key_for(index: int) -> str:
    """The one key that chooses the line at ``index``: 1-9, then a letter; a blank past those."""
    if index < 9:
        return str(index + 1)
    return LETTERS[index - 9] if index - 9 < len(LETTERS) else " "


class PointerList(OptionList):
    """An option list that marks the highlighted line with ``›`` as well as colour."""

    def __init__(self, labels: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        # labels: (option id, text) pairs.
        self.labels = tuple(labels)
        super().__init__(*self._label_options(), markup=False, id=id)

    def _label_options(self) -> list[ListOption]:
        return [ListOption(Hanging("  ", text), id=key) for key, text in self.labels]

    def show_labels(self, labels: Sequence[tuple[str, str]]) -> None:
        """Show other lines, as a new list of them would."""
        self.labels = ()  # nothing to redraw while the old lines go
        self.set_options([])
        self.labels = tuple(labels)
        self.add_options(self._label_options())

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index, (_, text) in enumerate(self.labels):
            lead = "› " if index == highlighted else "  "
            self.replace_option_prompt_at_index(index, Hanging(lead, text))


class ChoiceList(OptionList, inherit_bindings=False):
    """One choice from a few options (``multiple=False``), or any number (``multiple=True``).

    Every option shows its number. For one choice, a number key records that
    option and asks to go on; Enter records the highlighted option and asks to go
    on; Space records it and stays. For a checklist, a number key or Space marks
    or unmarks, and Enter asks to go on with the marks as they are.
    """

    # One choice and checklists use the same keys for different things; check_action
    # enables one set or the other, so the footer names what each key does here.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("1", "choose_number(1)", "Answer", key_display="1-9", tooltip="Record that answer and go on"),
        *[Binding(str(n), f"choose_number({n})", f"Answer {n}", show=False) for n in range(2, 10)],
        Binding("space", "choose", "Choose", show=False, tooltip="Choose the highlighted answer and stay"),
        Binding("space", "mark", "Mark", key_display="space/1-9/a-z", tooltip="Mark or unmark a line (its number)"),
        *[Binding(str(n), f"toggle_number({n})", f"Mark {n}", show=False) for n in range(1, 10)],
        Binding("enter", "select", "Choose", show=False, tooltip="Record the highlighted answer and go on"),
        Binding("enter", "go_on", "Next", show=False, tooltip="Go on with the marks as they are"),
    ]
    SINGLE_ACTIONS: ClassVar[frozenset[str]] = frozenset({"choose", "choose_number", "select"})
    MULTIPLE_ACTIONS: ClassVar[frozenset[str]] = frozenset({"mark", "toggle_number", "go_on"})

    class Changed(Message):
        """The chosen value(s) changed; ``advance`` when the user asked to go on too."""

        def __init__(self, choice_list: ChoiceList, chosen: frozenset[str], advance: bool) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.chosen = chosen
            self.advance = advance
            self.choices = choice_list.choices

        @property
        def current(self) -> bool:
            """Whether the list still shows the options chosen from: a key pressed fast can choose on a
            page the list has since been filled for another (``show_choices``)."""
            return self.choices is self.choice_list.choices

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
        start: str | None = None,
        marked_words: Mapping[str, str] | None = None,
    ) -> None:
        """``start``: the option the cursor starts on (the first when ``None``). ``marked_words``: what a
        marked line says instead of ``marked_word``, by option (an indicator marked from another answer)."""
        self.choices = tuple(options)
        self.marked_word = marked_word
        self.marked_words: Mapping[str, str] = marked_words or {}
        self.multiple = multiple
        self.chosen: frozenset[str] = frozenset(chosen)
        super().__init__(
            *[ListOption(self._prompt(n, o, False), id=o.value) for n, o in enumerate(self.choices)],
            markup=False,
            id=id,
            classes=classes,
        )
        self.highlighted = self._start(start)

    def _start(self, start: str | None) -> int | None:
        first = next((n for n, o in enumerate(self.choices) if o.value == start), 0)
        return first if self.choices else None

    def show_choices(
        self,
        options: Sequence[Option],
        chosen: Iterable[str] = (),
        *,
        start: str | None = None,
        marked_words: Mapping[str, str] | None = None,
    ) -> None:
        """Show other options (the next page's), as a new list of them would: the arguments are the constructor's."""
        self.choices = ()  # nothing to redraw while the old options go
        self.set_options([])
        self.choices = tuple(options)
        self.chosen = frozenset(chosen)
        self.marked_words = marked_words or {}
        self.add_options([ListOption(self._prompt(n, o, False), id=o.value) for n, o in enumerate(self.choices)])
        self.highlighted = self._start(start)

    def _prompt(self, index: int, option: Option, pointer: bool) -> Hanging:
        if self.multiple:
            mark = "[x]" if option.value in self.chosen else "[ ]"
            said = self.marked_words.get(option.value, self.marked_word)
            word = f" — {said}" if option.value in self.chosen else ""
        else:
            mark = "(•)" if option.value in self.chosen else "( )"
            word = ""
        lead = "›" if pointer else " "
        number = key_for(index)
        return Hanging(f"{lead} {number} {mark} ", f"{option.label}{word}")

    def show_marked_words(self, words: Mapping[str, str]) -> None:
        self.marked_words = words
        self._redraw()

    def _redraw(self) -> None:
        for index, option in enumerate(self.choices):
            self.replace_option_prompt_at_index(index, self._prompt(index, option, index == self.highlighted))

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

    def on_key(self, event: events.Key) -> None:
        """A line past the ninth is chosen by the letter it shows, as the first nine by their numbers."""
        if event.character is None or event.character not in LETTERS:
            return
        index = 9 + LETTERS.index(event.character)
        if index < len(self.choices):
            event.stop()
            event.prevent_default()
            if self.multiple:
                self.action_toggle_number(index + 1)
            else:
                self.action_choose_number(index + 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.SINGLE_ACTIONS:
            return not self.multiple
        if action in self.MULTIPLE_ACTIONS:
            return self.multiple
        return True

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self._choose(self.highlighted, advance=False)

    def action_mark(self) -> None:
        self.action_choose()

    def action_toggle_number(self, number: int) -> None:
        if 1 <= number <= len(self.choices):
            self.highlighted = number - 1
            self._choose(number - 1, advance=False)

    def action_select(self) -> None:
        # Enter on one choice: record the highlighted answer and go on.
        if self.highlighted is not None:
            self._choose(self.highlighted, advance=True)

    def action_go_on(self) -> None:
        # Enter on a checklist: go on with the marks as they are.
        self.post_message(self.Changed(self, self.chosen, True))

    def action_choose_number(self, number: int) -> None:
        if 1 <= number <= len(self.choices):
            self.highlighted = number - 1
            self._choose(number - 1, advance=True)

    async def _on_click(self, event: events.Click) -> None:
        # A click chooses but never moves on: the base class would select (and so advance).
        event.prevent_default()
        clicked = event.style.meta.get("option")
        if clicked is not None:
            self.highlighted = clicked
            self._choose(clicked, advance=False)
