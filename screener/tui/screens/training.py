"""Training mode's own pages: the scenario list, the vignette, the predictions and the marked results."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static

from screener.tui.screens.page import PageScreen
from screener.tui.widgets.choices import ChoiceList, PointerList
from screener.tui.widgets.indented import IndentedLines
from screener.walkthrough import Page

if TYPE_CHECKING:
    from screener.tui.training import TrainingApp

LINE_STYLES = {"heading": "bold underline", "item": "bold", "detail": "", "": ""}
INDENT = 2  # columns a line of the results is indented for each depth


def _depth(line: tuple[str, str]) -> int:
    text = line[1]
    return min((len(text) - len(text.lstrip(" "))) // 2, 3)


class TrainingPage(PageScreen):
    @property
    def trainer(self) -> TrainingApp:
        return cast("TrainingApp", self.app)


class ScenarioListScreen(TrainingPage):
    OFFERS = frozenset()
    # Enter opens the scenario as the app reads the key, not when the list gets to it: keys typed
    # straight after (Enter n) then reach the vignette, where the list would have dropped them.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "open", "Open", show=False, priority=True)]
    HELP = (
        "Training mode uses fictional cases only: nothing about a real child is asked or kept.\n\n"
        "Move with ↑ and ↓ and press Enter to open a scenario. You read the case, walk through "
        "its answers (change any to explore), predict the guardianship outcomes and signposts, "
        "then see where your predictions matched the rules and why.\n\n"
        "ctrl+q quits."
    )

    def compose_body(self) -> ComposeResult:
        app = self.trainer
        yield Static(Content("Choose a fictional scenario · Enter opens it"), classes="prompt")
        names = {j: place.name for j, place in app.flow.pack.jurisdictions.items()}
        labels = [
            (s.id, f"{s.title} · {names.get(s.jurisdiction, s.jurisdiction)}") for s in app.training_flow.scenarios
        ]
        yield PointerList(labels, id="scenario-list")
        yield Static(Content(""), id="scenario-detail")

    def on_mount(self) -> None:
        scenarios = self.query_one("#scenario-list", OptionList)
        current = self.trainer.scenario
        if current is not None:
            scenarios.highlighted = scenarios.get_option_index(current.id)
        elif scenarios.option_count:
            scenarios.highlighted = 0
        scenarios.focus()
        self._show_detail()

    def _show_detail(self) -> None:
        scenarios = self.query_one("#scenario-list", OptionList)
        if scenarios.highlighted is None:
            return
        scenario = self.trainer.training_flow.scenarios[scenarios.highlighted]
        wording = self.trainer.flow.pack.wording
        forms = ", ".join(wording.exploitation_type(e) for e in scenario.exploitation)
        teaches = "; ".join(wording.feature(f) for f in scenario.features)
        text = f"{scenario.summary}\nExploitation: {forms}." + (f"\nAlso: {teaches}." if teaches else "")
        self.query_one("#scenario-detail", Static).update(Content(text))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.is_mounted:
            self._show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.trainer.choose(self.trainer.training_flow.scenarios[event.option_index])

    def action_open(self) -> None:
        highlighted = self.query_one("#scenario-list", OptionList).highlighted
        if highlighted is not None:
            self.trainer.choose(self.trainer.training_flow.scenarios[highlighted])


class VignetteScreen(TrainingPage):
    OFFERS = frozenset({"back", "next", "review"})
    BODY_FOCUS = True
    HELP = (
        "The case as a practitioner would meet it. Read it, then press n to walk through the "
        "answers it gives, or r to see them all on one screen.\n\n"
        "b goes back to the list of scenarios. ↑ ↓ scroll."
    )

    def compose_body(self) -> ComposeResult:
        played = self.trainer.round
        assert played is not None
        yield Static(Content(f"{played.scenario.title} — TRAINING, FICTIONAL CASE"), classes="prompt")
        yield Static(Content(played.vignette()), id="vignette")
        if self.trainer.practice:
            hint = "n: answer the questions yourself from what you read · v shows the case again on any page"
        else:
            hint = "n: walk through the answers · r: see them all on one screen"
        yield Static(Content(hint), classes="hint", id="begin")

    def help_text(self) -> str:
        if self.trainer.practice:
            return (
                "Practice: read the case, then press n and answer every question yourself from what you "
                "read: nothing is filled in. Note each indicator you spot. Then predict the outcomes; the "
                "results compare your reading with the scenario's answer key, line by line.\n\n"
                "v shows the case again on any page. b goes back to the list of scenarios. ↑ ↓ scroll."
            )
        return super().help_text()

    def on_mount(self) -> None:
        self.query_one("#body").focus()


class PredictScreen(TrainingPage):
    """One prediction: a guardianship service's outcome, or the signposts expected."""

    OFFERS = frozenset({"back", "next", "review"})
    IN_PLACE = True
    HELP = (
        "Predict what the summary will say before you see it. For a guardianship service, choose "
        "one outcome by its number, or with ↑ ↓ and Enter; either goes on. For signposts, mark each one "
        "you expect with its number or Space, then press Enter or n.\n\n"
        "The outcomes are what the criteria say, never a decision: criteria met, may be met (an "
        "answer not known, or a service's discretion), or not met. r lists the case's answers."
    )

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        assert page.question is not None
        self.question = page.question

    def body_scrolls(self) -> bool:
        # The signposts' question stays on screen at 80x24: their list scrolls within the page, and the
        # highlighted one's action shows whole under it.
        return self.variant(self.page) != "signposts"

    @property
    def predictions(self) -> dict[str, frozenset[str]]:
        played = self.trainer.round
        return played.predictions if played is not None else {}

    @property
    def multiple(self) -> bool:
        return self.question.kind == "indicators"

    @staticmethod
    def variant(page: Page) -> str:
        # A service's outcome is one choice; the signposts are marked, with the highlighted one's action.
        return "signposts" if page.question is not None and page.question.kind == "indicators" else "outcome"

    def compose_body(self) -> ComposeResult:
        yield Static(Content(self.question.prompt), id="prompt", classes="prompt")
        chosen = self.predictions.get(self.question.id, frozenset())
        yield ChoiceList(self.question.options, chosen, multiple=self.multiple, id="choices", marked_word="expected")
        yield Static(Content(self._answer_line()), id="answer-line")
        if self.multiple:
            yield Static(Content(""), id="indicator-detail")

    def fill_body(self) -> None:
        assert self.page.question is not None
        self.question = self.page.question
        self.query_one("#prompt", Static).update(Content(self.question.prompt))
        choices = self.query_one("#choices", ChoiceList)
        choices.show_choices(self.question.options, self.predictions.get(self.question.id, frozenset()))
        self.query_one("#answer-line", Static).update(Content(self._answer_line()))
        self.set_focus(choices)
        self._show_detail()

    def on_mount(self) -> None:
        self.query_one("#choices").focus()
        self._show_detail()

    def _answer_line(self) -> str:
        chosen = self.predictions.get(self.question.id, frozenset())
        if self.multiple:
            return f"Expected: {len(chosen)} of {len(self.question.options)} signposts"
        option = self.question.option(next(iter(chosen))) if chosen else None
        return f"Your prediction: {option.label if option else 'none yet'}"

    def _show_detail(self) -> None:
        if not self.multiple:
            return
        choices = self.query_one("#choices", ChoiceList)
        if choices.highlighted is None:
            return
        option = self.question.options[choices.highlighted]
        self.query_one("#indicator-detail", Static).update(Content(f"What it asks of you: {option.detail}"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.is_mounted:
            self._show_detail()

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        if not event.current:
            return  # a key for the prediction before, which this screen showed until it went on
        played = self.trainer.round
        assert played is not None
        played.predict(self.question.id, event.chosen)
        # A prediction goes on as n does (go_next): it is not an answer the session records.
        if event.advance and self.went_on(self.trainer.go_next):
            return
        self.query_one("#answer-line", Static).update(Content(self._answer_line()))


class ResultsScreen(TrainingPage):
    OFFERS = frozenset({"back", "next", "review"})
    BODY_FOCUS = True
    HELP = (
        "Your predictions against the rules in the content pack. ✓ Match: as the rules give. "
        "✗ Miss: an outcome predicted wrongly, or a signpost that applies but was left out. "
        "+ Extra: a signpost listed that does not apply. ? Open: it depends on answers not known.\n\n"
        "Under each are the criteria or answers behind the rules' result, and their sources. "
        "In practice mode your reading comes first: each key answer ✓ Matched or ✗ Missed, with "
        "the vignette's line that shows it, and + Extra for answers the case does not give; then "
        "where your answers lead the rules elsewhere than the key's, and why. "
        "b goes back to change a prediction; n shows the summary, marked as a training case."
    )

    def compose_body(self) -> ComposeResult:
        app = self.trainer
        played = app.round
        assert played is not None
        if played.practice:
            yield Static(
                Content("TRAINING — FICTIONAL CASE · your reading and predictions, against the key"), classes="prompt"
            )
        else:
            yield Static(Content("Your predictions, marked against the rules"), classes="prompt")
        lines = played.result_lines(app.flow, app.answers, app.summary())
        # One widget for every line, each wrapped under its indent (a widget for each run of lines at
        # one depth was a hundred widgets, and each costs a served tab memory of its own).
        yield IndentedLines(
            [(INDENT * _depth(line), Content.styled(line[1].lstrip(" "), LINE_STYLES[line[0]])) for line in lines],
            id="results",
        )
        yield Static(Content("n: the summary, marked TRAINING — FICTIONAL CASE"), classes="hint", id="begin")

    def on_mount(self) -> None:
        self.query_one("#body").focus()
        self.trainer.round_finished()
