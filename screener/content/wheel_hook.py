"""Hatchling build hook: record the shipped pack when a wheel is built (see ``screener.content.shipped``).

Used only by the build (``pyproject.toml``: ``[tool.hatch.build.hooks.custom]``) and left out
of the wheel. An editable install gets no record and loads the pack in full on every run,
as a checkout should. If the pack cannot be loaded here the wheel is built without the
record, with a warning: the installed copy then checks the pack on every run, and
reports what is wrong with it then.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface  # type: ignore[import-not-found]


class ShippedPackHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._folder = Path(tempfile.mkdtemp(prefix="screener-build-"))
        target = self._folder / "shipped_pack.pickle"
        sys.path.insert(0, self.root)
        try:
            from screener.content.loader import load_pack
            from screener.content.shipped import record

            record(load_pack(Path(self.root) / "indicators", use_record=False), target)
        except Exception as exc:  # the wheel still works without the record
            self.app.display_warning(f"screener: the shipped pack is not recorded ({exc}); it is checked on every run")
            return
        finally:
            sys.path.remove(self.root)
        build_data["force_include"][str(target)] = "screener/shipped_pack.pickle"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
