"""Reading the pack's files: each one parsed into its model, every problem kept as ``file:line: message``.

Nothing here looks across files; ``crosscheck`` does that with what was read, and
``loader`` puts the pack together.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from screener.errors import InputError, Problem
from screener.yamlio import Document, Loc, load_document

M = TypeVar("M", bound=BaseModel)
MAX_FILES = 500


class PackFiles:
    """The pack's files as they are read: each parsed into its model, every problem kept at ``file:line``."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.problems: list[Problem] = []
        # Kinds of id whose defining file could not be read at all: references to
        # them are not checked, or one bad file would bury its own error under
        # hundreds of "unknown" lines.
        self.incomplete: set[str] = set()
        # Ids of items that failed validation but name themselves plainly; they
        # count as defined, for the same reason.
        self.salvaged: list[tuple[str, str, Document, Loc]] = []
        self.docs: dict[Path, Document] = {}
        self.last: Document | None = None

    def display(self, path: Path) -> str:
        # Paths stay as the user gave the pack's, so they open from where they ran it.
        return str(path)

    def read(self, path: Path) -> Document | None:
        self.last = None
        if not path.exists() and not path.is_symlink():
            self.problems.append(Problem(self.display(path), None, "required file is missing"))
            return None
        problem = not_a_pack_file(path, self.root) if self.root is not None else None
        if problem is not None:
            self.problems.append(Problem(self.display(path), None, problem))
            return None
        try:
            doc = load_document(path, self.display(path))
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None
        self.docs[path] = self.last = doc
        return doc

    def salvage(self, kind: str, raw: Any, doc: Document, loc: Loc) -> None:
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            self.salvaged.append((kind, raw["id"], doc, (*loc, "id")))

    def parse(self, path: Path, model: type[M]) -> tuple[Document, M] | None:
        doc = self.read(path)
        if doc is None:
            return None
        if not isinstance(doc.data, dict):
            self.problems.append(doc.problem((), "expected a mapping of keys to values"))
            return None
        try:
            return doc, model.model_validate(doc.data)
        except ValidationError as exc:
            self.problems.extend(doc.pydantic_problems(exc))
            return None

    def parse_list(
        self, path: Path, model: type[M], key: str, kind: str | None = None
    ) -> list[tuple[Document, Loc, M]]:
        doc = self.read(path)
        if doc is None:
            if kind:
                self.incomplete.add(kind)
            return []
        data = doc.data
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            where: Loc = (key,) if isinstance(data, dict) and key in data else ()
            self.problems.append(doc.problem(where, f"expected a mapping with a list under '{key}'"))
            if kind:
                self.incomplete.add(kind)
            return []
        for extra in sorted(set(data) - {key}):
            self.problems.append(doc.problem((extra,), f"unknown key '{extra}'"))
        items = []
        for index, raw in enumerate(data[key]):
            loc: Loc = (key, index)
            try:
                items.append((doc, loc, model.model_validate(raw)))
            except ValidationError as exc:
                self.problems.extend(doc.pydantic_problems(exc, loc))
                if kind:
                    self.salvage(kind, raw, doc, loc)
        return items


SUFFIXES = (".yaml", ".yml")


def is_pack_file_name(name: str) -> bool:
    """Whether a file of this name in a pack folder belongs to the pack: ``.yaml`` or ``.yml``, not hidden.

    The loader reads exactly these and the digest covers exactly these, so a hidden
    file (an editor's backup, say) can neither add content the digest never saw nor
    change the digest without changing the content.
    """
    return not name.startswith(".") and name.endswith(SUFFIXES)


def yaml_files(folder: Path, collector: PackFiles, kinds: tuple[str, ...]) -> list[Path]:
    """The ``.yaml`` files of one of the pack's folders.

    ``kinds``: the kinds of id they define, marked unknowable when a file cannot be read.
    """
    if not folder.is_dir():
        collector.problems.append(Problem(collector.display(folder), None, "required folder is missing"))
        collector.incomplete.update(kinds)
        return []
    try:
        found = []
        for path in sorted(p for p in folder.iterdir() if is_pack_file_name(p.name)):
            problem = not_a_pack_file(path, folder.parent)
            if problem is None:
                found.append(path)
            else:
                collector.problems.append(Problem(collector.display(path), None, problem))
                collector.incomplete.update(kinds)
    except OSError as exc:
        collector.problems.append(Problem(collector.display(folder), None, f"cannot read: {exc.strerror or exc}"))
        collector.incomplete.update(kinds)
        return []
    if not found:
        collector.problems.append(Problem(collector.display(folder), None, "folder has no .yaml files"))
    if len(found) > MAX_FILES:
        collector.problems.append(Problem(collector.display(folder), None, f"more than {MAX_FILES} files"))
        return found[:MAX_FILES]
    return found


def not_a_pack_file(path: Path, root: Path) -> str | None:
    """Why ``path`` cannot be one of the pack's files, or None: it must be a regular file inside the pack.

    A pipe or device would block or never end, and a link to a file outside the
    pack would make the pack's content something its digest and review never saw.
    """
    try:
        if path.is_symlink():
            inside = path.resolve().is_relative_to(root.resolve())
            if not inside:
                return "is a link to a file outside the pack; pack files must be inside the pack"
        if path.is_dir():
            return "is a folder, not a file"
        if not path.is_file():
            return "is not a regular file (a pipe, device or broken link)"
    except (OSError, RuntimeError) as exc:
        return f"cannot read: {getattr(exc, 'strerror', None) or exc}"
    return None


def salvage_theme(collector: PackFiles, path: Path) -> None:
    """Keep the ids of a theme file that did not validate, or mark them unknowable."""
    doc = collector.last
    if doc is None or doc.path != collector.display(path) or not isinstance(doc.data, dict):
        collector.incomplete.update(("theme", "indicator"))
        return
    collector.salvage("theme", doc.data.get("theme"), doc, ("theme",))
    indicators = doc.data.get("indicators")
    if isinstance(indicators, list):
        for index, raw in enumerate(indicators):
            collector.salvage("indicator", raw, doc, ("indicators", index))
