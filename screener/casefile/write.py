"""Saving a case as a case file in the contract's order, privately and atomically.

The file is YAML that ``screener summarise`` and the walkthrough read back to the
same case. Answers are written as the contract spells them (``yes``, ``no``,
``unknown``, ``2024-11-20``), unquoted: the dumper below resolves plain scalars
as this project's reader does, so ``yes`` and dates stay plain, while a string
that would read back as something else (``true``, ``12``, ``null``, ``on``) is
quoted.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import yaml

from screener.casefile.model import Case
from screener.safewrite import write_private

HEADER = (
    "# Screener case file. It holds case details: keep it private and delete it when it is no longer needed.\n"
    "# Open it again with: screener FILE   ·   summarise it with: screener summarise FILE\n"
)


class _Dumper(yaml.SafeDumper):
    """A dumper that writes ``yes``/``no`` and dates plain.

    PyYAML would quote them, since YAML 1.1 reads them as a boolean and a date.
    Our reader keeps both as strings and the contract accepts either reading, so
    they are written as the contract spells them. ``true``, ``on``, ``y``,
    numbers and ``null`` stay quoted when they are strings, so that no YAML
    reader misreads a free-text value such as a reference.
    """


_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in pairs if tag not in (_BOOL, _TIMESTAMP)]
    for first, pairs in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_Dumper.add_implicit_resolver(
    _BOOL,
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N)$"),
    list("tTfFoOyYnN"),
)


def dump_case(case: Case) -> str:
    """The case file's text: a short warning header, then the case in contract order."""
    body = yaml.dump(
        case.to_data(),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return HEADER + body


def stamped(case: Case, pack: object, area: object = None) -> Case:
    """The case stamped with what it is screened with (pack, area file, Screener), for ``screener compare``."""
    from screener import __version__
    from screener.casefile.model import RecordedArea, RecordedPack, ScreenedWith

    info = pack.info  # type: ignore[attr-defined]
    used = area if area is not None and area.jurisdiction == case.jurisdiction else None  # type: ignore[attr-defined]
    screened = ScreenedWith(
        pack=RecordedPack(id=info.id, version=info.version, digest=pack.digest or None),  # type: ignore[attr-defined]
        area=(
            RecordedArea(id=used.id, verified_on=used.model.verified_on, digest=used.digest)  # type: ignore[attr-defined]
            if used is not None
            else None
        ),
        screener_version=__version__,
    )
    return case.model_copy(update={"screened_with": screened})


def save_case(path: Path, case: Case, *, force: bool = False) -> Path:
    """Write ``case`` to ``path`` (atomic, mode 0600); refuse to replace a file unless ``force``."""
    return write_private(path, dump_case(case), force=force)


def first_free(path: Path) -> Path:
    """``path`` when nothing has that name, else the first of ``stem-2.ext``, ``stem-3.ext`` … that is free.

    Default names carry only the screening date, so a second child screened the same day
    would meet the first one's file: a new number, never a "replace it?" that one
    keystroke answers, keeps another child's file safe. (A name typed by the user is theirs:
    it is written as typed, and replacing a file is still asked first.)
    """
    if not _taken(path):
        return path
    suffix = "".join(path.suffixes[-1:])
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    n = 2
    while _taken(candidate := path.with_name(f"{stem}-{n}{suffix}")):
        n += 1
    return candidate


def _taken(path: Path) -> bool:
    try:
        return os.path.lexists(path.expanduser())
    except (OSError, ValueError):
        return False  # a name the system cannot look up: writing it says why


def default_stem(screening_date: dt.date) -> str:
    """A default file name's stem: ``screening-2024-11-20``, the screening date and nothing of the case.

    A file name is seen in folder listings, recent-file menus and backups, where a case's
    reference or anything else from it would say more than it should. The date tells one
    screening's files from another's in the folder shown.
    """
    return f"screening-{screening_date.isoformat()}"
