"""Find the shipped content pack, in a wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def default_pack_path() -> Path:
    # A wheel carries the pack inside the package (hatchling force-include);
    # an editable install or a checkout has it at the repository root.
    bundled = _PACKAGE / "indicators"
    if (bundled / "pack.yaml").is_file():
        return bundled
    return _PACKAGE.parent / "indicators"
