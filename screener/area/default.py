"""The default area, one per machine: ``$SCREENER_AREA``, else the file ``screener area use`` recorded."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from screener.area.model import Area
from screener.area.read import load_area
from screener.errors import InputError, reason

if TYPE_CHECKING:
    from screener.content.pack import Pack

ENV = "SCREENER_AREA"


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "screener"


def config_file() -> Path:
    return config_dir() / "area"


FIX = "set it again with 'screener area use FILE', or forget it with 'screener area use --none'"


def default_area_path() -> Path | None:
    """The machine's default area file: ``$SCREENER_AREA``, else the one ``screener area use`` chose.

    A setting that cannot be read as ``area use`` writes it is an InputError, never
    read as "no default": a screening would go ahead without the local contacts the
    machine was set up with, and nobody would know.
    """
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    path = config_file()
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise InputError.single(path, f"is not UTF-8 text; {FIX}") from None
    except (OSError, ValueError) as exc:
        raise InputError.single(path, f"cannot read the default area setting: {reason(exc)}; {FIX}") from None
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    paths = [(n, line) for n, line in lines if not line.startswith("#")]
    if not paths:
        raise InputError.single(path, f"names no area file; {FIX}")
    if len(paths) > 1:
        raise InputError.single(path, f"more than one area file path; {FIX}", line=paths[1][0])
    return Path(paths[0][1]).expanduser()


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
