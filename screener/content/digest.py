"""The pack digest: what identifies a pack's files, in every summary's provenance.

It is ``sha256:`` and the hex SHA-256 of every ``.yaml`` and
``.yml`` file in the pack folder and its sub-folders (area files under
``areas/`` excepted: an area has its own digest), taken in the order of their
paths relative to the pack folder (POSIX spelling, compared as text), each fed
to the hash as its relative path, a NUL byte, its length in decimal, a NUL
byte, then its bytes. Anyone can recompute it from a copy of the pack.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from screener.content.files import is_pack_file_name

EXCLUDED = ("areas",)


def pack_files(root: Path) -> list[tuple[str, Path]]:
    """The files the pack digest covers, as (relative POSIX path, path), in digest order."""
    found = []
    for path in root.rglob("*"):
        if not is_pack_file_name(path.name) or not path.is_file():
            continue
        relative = path.relative_to(root)
        if relative.parts[0] in EXCLUDED or any(part.startswith(".") for part in relative.parts):
            continue
        found.append((relative.as_posix(), path))
    return sorted(found)


def pack_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for name, path in pack_files(root):
        data = path.read_bytes()
        digest.update(name.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
        digest.update(data)
    return "sha256:" + digest.hexdigest()


def digest_or_none(root: Path) -> str | None:
    """The pack digest, or None when the folder cannot be read (its loader says why)."""
    try:
        return pack_digest(root)
    except (OSError, ValueError):
        return None
