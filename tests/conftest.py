from __future__ import annotations

from pathlib import Path

import pytest

from screener.content import Pack, default_pack_path, load_pack

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack(default_pack_path())


@pytest.fixture(autouse=True)
def _no_default_area(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads the machine's own default area file (screener area use / SCREENER_AREA)."""
    monkeypatch.delenv("SCREENER_AREA", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
