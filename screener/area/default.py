"""The default area, one per machine: ``$SCREENER_AREA``, else the file ``screener area use`` recorded."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from screener.area.model import Area
from screener.area.read import load_area

if TYPE_CHECKING:
    from screener.content.pack import Pack

ENV = "SCREENER_AREA"


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "screener"


def config_file() -> Path:
    return config_dir() / "area"


def default_area_path() -> Path | None:
    """The machine's default area file: ``$SCREENER_AREA``, else the one ``screener area use`` chose."""
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    path = config_file()
    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return Path(lines[0].strip()).expanduser() if lines else None


def use_area(path: Path | None) -> Path:
    """Record ``path`` (absolute) as the default area, or forget the default when None; mode 0600."""
    from screener.safewrite import write_private

    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = config_file()
    if path is None:
        if target.exists():
            target.unlink()
        return target
    text = f"# The default area file for Screener, written by 'screener area use'.\n{path.resolve()}\n"
    return write_private(target, text, force=True)


def resolve(option: Path | None, no_area: bool, pack: Pack, jurisdiction: str | None = None) -> Area | None:
    """The area to screen with: ``--area``, else none with ``--no-area``, else the machine's default."""
    if no_area:
        return None
    path = option or default_area_path()
    if path is None:
        return None
    return load_area(path, pack, jurisdiction)
