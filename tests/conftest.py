from __future__ import annotations

from pathlib import Path

import pytest

from screener.content import Pack, default_pack_path, load_pack

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack(default_pack_path())
