"""The offline install (packaging/wheelhouse.sh) and the supported Pythons, named once in pyproject.toml.

Making a wheelhouse downloads wheels for two systems and three Pythons, so the suite does not:
the install test runs when ``SCREENER_WHEELHOUSE`` names a folder the script made, or is
``build`` (make one now, from the package index, and install from it with no index).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.clirun import ROOT, in_this_process

CLASSIFIER = re.compile(r"Programming Language :: Python :: (3\.\d+)")


def supported() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [m[1] for c in project["classifiers"] if (m := CLASSIFIER.fullmatch(c))]


def test_the_supported_pythons_run_from_the_oldest_without_a_gap() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    minors = [int(v.split(".")[1]) for v in supported()]
    assert project["requires-python"] == f">=3.{minors[0]}"
    assert minors == list(range(minors[0], minors[-1] + 1)) and minors[0] == 11 and len(minors) >= 3
    assert sys.version_info[:2] >= (3, minors[0])


def test_ci_and_the_wheelhouse_read_the_pythons_from_the_classifiers() -> None:
    # One list: the script that tests the other Pythons and the one that gathers wheels both read it.
    for script in (ROOT / ".ci" / "other-pythons", ROOT / "packaging" / "wheelhouse.sh"):
        assert "Programming Language :: Python :: (3\\.\\d+)" in script.read_text(encoding="utf-8"), script
    assert "bash .ci/other-pythons" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    wheelhouse = (ROOT / "packaging" / "wheelhouse.sh").read_text(encoding="utf-8")
    assert "win_amd64" in wheelhouse and "manylinux" in wheelhouse and "--only-binary=:all:" in wheelhouse


def test_the_quick_start_command_is_the_last_line_of_ci() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(.*?)\n```", readme.split("## Quick start", 1)[1], re.S)[:2]
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip("\n").splitlines()[-1] == commands[1]


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    asked = os.environ.get("SCREENER_WHEELHOUSE", "")
    if not asked:
        pytest.skip("no wheelhouse: set SCREENER_WHEELHOUSE=build, or to a folder packaging/wheelhouse.sh made")
    if asked != "build":
        return Path(asked).resolve()
    folder = tmp_path_factory.mktemp("wheelhouse") / "wheels"
    subprocess.run(["bash", "packaging/wheelhouse.sh", str(folder)], cwd=ROOT, check=True, timeout=1800)
    return folder


def test_the_wheelhouse_holds_each_binary_wheel_for_each_system_and_python(wheelhouse: Path) -> None:
    names = {p.name for p in wheelhouse.glob("*.whl")}
    for python in supported():
        tag = "cp" + python.replace(".", "")
        for binary in ("pydantic_core", "pyyaml", "lxml"):
            for system in ("win_amd64", "manylinux"):
                assert any(n.startswith(f"{binary}-") and f"-{tag}-" in n and system in n for n in names), (
                    binary,
                    tag,
                    system,
                )


def test_screener_installs_from_the_wheelhouse_with_no_index(wheelhouse: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    # No configuration file either: nothing but the folder may supply a wheel.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")} | {"PIP_CONFIG_FILE": os.devnull}
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(wheelhouse), "screener"],
        check=True,
        env=env,
        timeout=600,
    )
    screener = venv / ("Scripts/screener.exe" if sys.platform == "win32" else "bin/screener")
    validated = subprocess.run([str(screener), "validate"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout == in_this_process("validate").stdout
    case = ROOT / "tests" / "cases" / "scotland-labour.yaml"
    summary = subprocess.run([str(screener), "summarise", str(case)], capture_output=True, text=True, timeout=120)
    assert summary.returncode == 0 and summary.stdout == in_this_process("summarise", str(case)).stdout
