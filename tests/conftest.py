from __future__ import annotations

import gc
import itertools
import os
import sys
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from screener.content import Pack, default_pack_path
from tests.browser_tools import MARK as VALIDATORS
from tests.browser_tools import Driver, need_tools
from tests.packtools import shipped_pack

ROOT = Path(__file__).resolve().parent.parent

# Every Textual app a test starts leaves a great deal of cyclic garbage, and with Python's default
# thresholds the collector ran a full collection over the whole session's heap some sixty times in
# the TUI tests alone: a quarter of their time. Collecting less often frees the same garbage.
gc.set_threshold(50_000, 20, 50)


@pytest.fixture(scope="session")
def pack() -> Pack:
    return shipped_pack()


@pytest.fixture(scope="session")
def _config_homes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every test's own config folder, each named by a number and made only when
    written (``screener area use`` makes it, as it would a user's). ``mktemp`` lists the whole base
    folder to number each new folder, so one per test made every test slower than the last (some
    2 ms each by the end of a worker's share)."""
    return tmp_path_factory.mktemp("config")


_TESTS = itertools.count()


@pytest.fixture(autouse=True)
def _no_default_area(monkeypatch: pytest.MonkeyPatch, _config_homes: Path) -> None:
    """No test reads the machine's own default area file (screener area use / SCREENER_AREA)."""
    monkeypatch.delenv("SCREENER_AREA", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(_config_homes / str(next(_TESTS))))


@pytest.fixture(autouse=True, scope="session")
def _the_shipped_pack_is_loaded_once() -> Iterator[None]:
    """Every load of the shipped pack in this process (the CLI called in process loads it on each call)
    gives the one already loaded and validated: no test changes the shipped files. So do its
    scenarios, kept as the warm server's parent keeps them (``keep_loaded_scenarios``: taken while
    the pack's files keep their digest), after one full load and check here. Any other folder,
    a copy of the pack or a broken one, is loaded afresh every time; a real ``python -m screener``
    process (tests/clirun.py's ``in_a_process``) always loads it for itself."""
    from screener.content import loader
    from screener.training import load as training

    real = loader._load_pack
    shipped = default_pack_path().resolve()
    # The one the pack fixture gives and the rule tables were collected with (tests/packtools.py).
    loaded: list[Pack] = [shipped_pack()]

    def load_once(root: Path) -> Pack:
        try:
            same = Path(root).resolve() == shipped
        except (OSError, ValueError):
            same = False
        return loaded[0] if same else real(root)

    patch = pytest.MonkeyPatch()
    patch.setattr(loader, "_load_pack", load_once)
    patch.setattr(training, "_kept", {})
    training.keep_loaded_scenarios(loaded[0], default_pack_path())
    yield
    patch.undo()


@pytest.fixture(autouse=True, scope="session")
def _unchanged_pack_files_are_parsed_once() -> Iterator[None]:
    """Most packs a test loads are copies of the shipped one with one file broken, so the same
    text is read again and again: every load read and checked each file afresh, a third of
    the time of the corpus and fuzz tests. Here a pack file (content, scenario, feature) whose
    text this worker has already read as a good document is given again as that document, a
    fresh copy (nothing can change another test's), named as this load names it. A file that
    fails to read is read in full every time, and ``screener.yamlio`` itself is never cached."""
    import pickle

    from screener import yamlio
    from screener.content import files
    from screener.errors import InputError
    from screener.training import features
    from screener.training import load as training

    real = yamlio.load_document
    documents: dict[tuple[object, ...], bytes] = {}

    def parse_once(path: Path, display: str | None = None, **policy: object) -> yamlio.Document:
        try:
            text = yamlio.read_text(path)
        except InputError:
            return real(path, display, **policy)  # type: ignore[arg-type]
        key = (Path(path).suffix.lower(), text, *sorted(policy.items()))
        kept = documents.get(key)
        if kept is None:
            doc = real(path, display, **policy)  # type: ignore[arg-type]
            documents[key] = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
            return doc
        doc = pickle.loads(kept)
        doc.path = display or str(path)
        return doc

    patch = pytest.MonkeyPatch()
    for module in (files, training, features):
        patch.setattr(module, "load_document", parse_once)
    yield
    patch.undo()


@pytest.fixture(autouse=True, scope="session")
def _pilot_waits_in_short_slices() -> Iterator[None]:
    """Pilot waits after every key until the process looks idle, in 20 ms sleeps: most of a walk's
    time was spent asleep. 2 ms slices find the same idle moment sooner; the screen-drain
    (``_wait_for_screen``) that makes the waits reliable is unchanged. Idle is under a quarter of a
    slice's time busy: waking from the sleep alone can cost a tenth of a millisecond on a loaded
    machine, and a tighter bar was then never met, so every wait ran to its one-second limit."""
    from textual import _wait

    patch = pytest.MonkeyPatch()
    patch.setattr(_wait, "SLEEP_GRANULARITY", 0.002)
    patch.setattr(_wait, "SLEEP_IDLE", 0.0005)
    yield
    patch.undo()


@pytest.fixture(autouse=True, scope="session")
def _no_animations() -> Iterator[None]:
    """Apps a test starts scroll and fade at once (Textual's TEXTUAL_ANIMATIONS=none), as a user can ask
    for: an animation only delays the state a test checks, and drew every frame on the way (a sixth of
    the Pilot tests' CPU). tests/test_tui.py's summary-scroll walk keeps them, so the animated path is
    still driven."""
    from textual import constants

    patch = pytest.MonkeyPatch()
    patch.setattr(constants, "TEXTUAL_ANIMATIONS", "none")
    yield
    patch.undo()


@pytest.fixture(autouse=True, scope="session")
def _textual_css_is_parsed_once() -> Iterator[None]:
    """Screener's apps keep the stylesheets they parse for the process (``tui/kept_styles.py``, for serve's
    warm tabs); here every app a test starts does so too, the tests' own small apps among them, where
    Textual would parse the same stylesheets afresh for each."""
    from textual import app as textual_app

    from screener.tui.kept_styles import KeptStylesheet

    patch = pytest.MonkeyPatch()
    patch.setattr(textual_app, "Stylesheet", KeptStylesheet)
    yield
    patch.undo()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{VALIDATORS}: needs the HTML validators and Chromium (tests/browser_tools.py)")
    _bytecode_is_kept(config)
    _plugins_left_unrewritten(config)


def _bytecode_is_kept(config: pytest.Config) -> None:
    """Where the environment forbids bytecode files (PYTHONDONTWRITEBYTECODE), every worker and every
    ``python -m screener`` a test starts compiled the package from source again: some 15 s of the
    suite's CPU, a sixth of it. For the test run, Python keeps its bytecode as it does by default,
    in the ``__pycache__`` folders beside the sources (which git ignores). Set before the workers
    start, so they and every process they start inherit it."""
    if sys.dont_write_bytecode and not hasattr(config, "workerinput"):
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        sys.dont_write_bytecode = False


def _plugins_left_unrewritten(config: pytest.Config) -> None:
    """pytest rewrites the asserts of every module in every plugin's distribution, hypothesis's 73
    among them, and a rewritten module cannot use the bytecode pip compiled: each worker compiled
    them all from source, some 2.5 s a worker. Only the tests' own asserts are worth explaining, and
    pytest still rewrites those (test files and conftest match on their names, not on this list)."""
    hook = getattr(config.pluginmanager, "rewrite_hook", None)
    marked = getattr(hook, "_must_rewrite", None)
    if isinstance(marked, set):
        marked.clear()


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is alive once the tests are collected (modules, the shipped pack, hypothesis's tables)
    lives to the end: frozen, it is no longer walked by every full collection the tests cause."""
    gc.collect()
    gc.freeze()


def pytest_unconfigure(config: pytest.Config) -> None:
    """At the very end pytest collects five times over, to report an exception raised in a finaliser:
    over the whole session's heap that was some 2 s a worker, on the suite's critical path. One
    collection here frees every object left unreachable (and pytest still reports what its finaliser
    raises); the survivors are frozen, so pytest's own passes see only what that frees."""
    gc.collect()
    gc.freeze()


@pytest.fixture(scope="session")
def browser() -> Iterator[Driver]:
    """One Node process (html-validate, axe-core) and, once asked for, one headless Chromium for this worker."""
    need_tools()
    driver = Driver()
    yield driver
    driver.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Under CI (``CI=true``, as .ci/run runs), a validator test that skipped fails: CI installs the
    validators and a browser, so a skip there means a check silently did not run."""
    report = yield
    under_ci = os.environ.get("CI", "").lower() in ("true", "1")
    if report.skipped and under_ci and item.get_closest_marker(VALIDATORS) is not None:
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"skipped under CI, where the validators must run: {reason}"
    return report


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than there are cores: about a tenth of the suite waits on servers, browsers
    and child processes, and a spare worker keeps both cores busy meanwhile (measured on 2 cores:
    82 s against 92 s for the same tests)."""
    return (os.cpu_count() or 1) + 1
