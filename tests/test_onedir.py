"""The one-folder build (packaging/build-onedir.sh): what it carries, always; how it runs, where a build exists.

The build takes minutes, so the suite does not make one. The tests of the built program run
when ``dist/screener/`` exists in the checkout, or ``SCREENER_ONEDIR`` names a built folder,
or ``SCREENER_ONEDIR=build`` asks for a build from a fresh clone of this checkout's HEAD
(what the CI workflow .github/workflows/onedir.yml does on Windows, macOS and Linux). They run
it with a PATH that holds no Python, as on a desktop without Python.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.clirun import ROOT, in_this_process


def _contents() -> ModuleType:
    """packaging/onedir_contents.py, the lists the build's spec uses (packaging/ is not a package)."""
    spec = importlib.util.spec_from_file_location("onedir_contents", ROOT / "packaging" / "onedir_contents.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = _contents()
BY_NAME, DATA_OF, LEFT_OUT, data_files = contents.BY_NAME, contents.DATA_OF, contents.LEFT_OUT, contents.data_files

CASE = ROOT / "tests" / "cases" / "scotland-labour.yaml"
WORKFLOW = ROOT / ".github" / "workflows" / "onedir.yml"


def _installed_layout(tmp_path: Path) -> Path:
    """The package as a wheel installs it: the pack inside, and the record beside the modules."""
    package = tmp_path / "screener"
    shutil.copytree(ROOT / "screener", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "indicators", package / "indicators")
    (package / "shipped_pack.pickle").write_bytes(b"a record")
    return package


def test_the_build_carries_every_pack_file_and_every_data_file(tmp_path: Path) -> None:
    package = _installed_layout(tmp_path)
    carried = {(Path(src).relative_to(package), Path(dest)) for src, dest in data_files(package)}
    expected = {
        (path.relative_to(package), Path("screener") / path.parent.relative_to(package))
        for path in package.rglob("*")
        if path.is_file() and path.suffix != ".py"
    }
    assert carried == expected
    pack_files = {p.relative_to(ROOT / "indicators") for p in (ROOT / "indicators").rglob("*.yaml")}
    assert {Path("indicators") / p for p in pack_files} <= {src for src, _ in carried}
    assert (Path("shipped_pack.pickle"), Path("screener")) in carried
    assert {Path("tui/screener.tcss"), Path("tui/training.tcss")} <= {src for src, _ in carried}
    assert not any(src.suffix == ".py" for src, _ in carried)


def test_the_modules_imported_by_name_are_collected() -> None:
    # Screener's commands are imported only when they run: every module of the package is collected.
    assert "screener" in BY_NAME and "textual" in BY_NAME and "rich" in BY_NAME
    for module in LEFT_OUT:
        assert (ROOT / Path(*module.split("."))).with_suffix(".py").is_file(), module
    # python-docx reads its templates from files, through its own modules' folders.
    assert "docx" in DATA_OF and "docx" in contents.ON_DISK
    spec = (ROOT / "packaging" / "screener.spec").read_text(encoding="utf-8")
    assert (
        "data_files(package)" in spec
        and "BY_NAME" in spec
        and "DATA_OF" in spec
        and "ON_DISK" in spec
        and "exclude_binaries=True" in spec
    )
    script = (ROOT / "packaging" / "build-onedir.sh").read_text(encoding="utf-8")
    assert "--onefile" not in script.replace("never --onefile", "")


def test_the_workflow_builds_and_tests_on_three_systems() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for system in ("windows-latest", "macos-latest", "ubuntu-latest"):
        assert system in text
    assert "packaging/build-onedir.sh" in text and "tests/test_onedir.py" in text


@pytest.fixture(scope="module")
def onedir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    asked = os.environ.get("SCREENER_ONEDIR", "")
    if asked == "build":
        clone = tmp_path_factory.mktemp("clone") / "screener"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        subprocess.run(["bash", "packaging/build-onedir.sh"], cwd=clone, check=True, timeout=1800)
        folder = clone / "dist" / "screener"
    elif asked:
        folder = Path(asked).resolve()
    else:
        folder = ROOT / "dist" / "screener"
        if not folder.is_dir():
            pytest.skip("no one-folder build: run packaging/build-onedir.sh, or set SCREENER_ONEDIR=build")
    yield folder


def _run(folder: Path, tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The built program with no Python on PATH, a HOME of its own, from an empty folder."""
    bare = tmp_path / "bare-path"
    bare.mkdir(exist_ok=True)
    assert shutil.which("python3", path=str(bare)) is None and shutil.which("python", path=str(bare)) is None
    env = {"PATH": str(bare), "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / ".config")}
    for name in ("SYSTEMROOT", "SystemRoot", "TEMP", "TMP"):  # Windows cannot start a program without these
        if name in os.environ:
            env[name] = os.environ[name]
    executable = folder / ("screener.exe" if sys.platform == "win32" else "screener")
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    return subprocess.run(
        [str(executable), *args], input=stdin, capture_output=True, text=True, env=env, cwd=work, timeout=120
    )


def test_the_build_summarises_a_case_as_the_package_does(onedir: Path, tmp_path: Path) -> None:
    ran = _run(onedir, tmp_path, "summarise", str(CASE))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == in_this_process("summarise", str(CASE)).stdout


def test_the_build_validates_its_pack(onedir: Path, tmp_path: Path) -> None:
    ran = _run(onedir, tmp_path, "validate")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == in_this_process("validate").stdout


def test_the_build_ends_plain_mode_cleanly_at_end_of_input(onedir: Path, tmp_path: Path) -> None:
    ran = _run(onedir, tmp_path, "--plain")
    assert ran.returncode == 0, ran.stderr
    assert "End of input." in ran.stdout and "Nothing was written." in ran.stdout
    assert "Traceback" not in ran.stderr


def test_the_build_uses_its_record_and_says_it_is_the_build(onedir: Path, tmp_path: Path) -> None:
    ran = _run(onedir, tmp_path, "doctor")
    assert ran.returncode == 0, ran.stderr
    assert "(the one-folder build)" in ran.stdout
    assert "the shipped record is used" in ran.stdout


def test_the_build_lists_the_training_scenarios(onedir: Path, tmp_path: Path) -> None:
    ran = _run(onedir, tmp_path, "train", "--list")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == in_this_process("train", "--list").stdout


def test_the_build_writes_a_word_file(onedir: Path, tmp_path: Path) -> None:
    ran = _run(onedir, tmp_path, "summarise", str(CASE), "--format", "docx", "--output", str(tmp_path / "case.docx"))
    assert ran.returncode == 0, ran.stderr
    assert (tmp_path / "case.docx").read_bytes() == _docx_here(tmp_path)


def _docx_here(tmp_path: Path) -> bytes:
    target = tmp_path / "here.docx"
    assert in_this_process("summarise", str(CASE), "--format", "docx", "--output", str(target)).returncode == 0
    return target.read_bytes()


def test_the_build_says_pdf_needs_what_it_leaves_out(onedir: Path, tmp_path: Path) -> None:
    ran = _run(onedir, tmp_path, "summarise", str(CASE), "--format", "pdf", "--output", str(tmp_path / "case.pdf"))
    assert ran.returncode == 2 and len(ran.stderr.splitlines()) == 1 and "pdf" in ran.stderr
    assert not (tmp_path / "case.pdf").exists()
