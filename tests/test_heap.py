"""The collector is held while a command starts and runs again before any front end takes input."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from screener import heap
from screener.cli import main


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    assert gc.isenabled()
    yield
    gc.enable()  # a failing test must not leave the rest of the worker without a collector


def test_starting_holds_the_collector_and_gives_it_back_however_the_block_ends() -> None:
    with heap.starting():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), heap.starting():
        assert not gc.isenabled()
        raise RuntimeError("a broken pack, say")
    assert gc.isenabled()


def test_settle_freezes_what_exists_and_runs_the_collector_again_once() -> None:
    with heap.starting():
        frozen = gc.get_freeze_count()
        heap.settle()
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen
        gc.disable()  # the rest of the block is no longer the start-up's: leaving it does not touch the collector
    assert not gc.isenabled()


def test_settle_outside_a_start_and_a_start_inside_another_change_nothing() -> None:
    frozen = gc.get_freeze_count()
    heap.settle()  # a front end run by a test, not by a command: no freeze
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    with heap.starting():
        with heap.starting():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not end the outer start
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("argv", "front_end"),
    [
        ([], "screener.tui.app.ScreenerApp.run"),
        (["--plain"], "screener.plain.session.Plain.run"),
        (["train"], "screener.tui.training.TrainingApp.run"),
        (["train", "--plain"], "screener.plain.training.PlainTraining.run"),
    ],
)
def test_every_front_end_takes_input_with_the_collector_running(
    argv: list[str], front_end: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def run(self: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr("screener.cli.cases.can_run_app", lambda: True)
    monkeypatch.setattr("screener.cli.train.can_run_app", lambda: True)
    monkeypatch.setattr(front_end, run)
    assert main(argv) == 0
    assert seen == [True]
    assert gc.isenabled()


def test_a_refused_start_leaves_the_collector_running(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--pack", str(tmp_path / "no-pack")]) == 2
    assert gc.isenabled()
    case = tmp_path / "case.yaml"
    case.write_text("schema: screener-case/1\nnot: a case\n")
    assert main(["summarise", str(case)]) == 2
    assert main(["compare", str(case), str(case)]) == 2
    assert gc.isenabled()
    assert "case.yaml" in capsys.readouterr().err
