"""Reading ``nrm.yaml`` beside a pack: parsed, then checked against the pack's ids, every problem at its line."""

from __future__ import annotations

from pathlib import Path

from screener.content.files import PackFiles
from screener.content.models.base import JURISDICTIONS
from screener.content.pack import Pack
from screener.errors import InputError
from screener.nrm.model import Cite, NrmForm

FILE = "nrm.yaml"


def load_form(root: Path, pack: Pack) -> NrmForm:
    """The NRM form of the pack at ``root``; InputError with ``file:line: message`` for every problem."""
    files = PackFiles(root)
    parsed = files.parse(root / FILE, NrmForm)
    if parsed is None:
        raise InputError(files.problems)
    doc, form = parsed
    problems = []
    documents = {d.id for d in form.documents}
    if form.form.document not in documents:
        problems.append(doc.problem(("form", "document"), f"unknown document '{form.form.document}'"))
    seen: set[str] = set()
    for index, section in enumerate(form.sections):
        if section.id in seen:
            problems.append(doc.problem(("sections", index, "id"), f"section '{section.id}' is defined twice"))
        seen.add(section.id)
    for index, kind in enumerate(form.types):
        for t_index, theme in enumerate(kind.themes):
            if all(t.id != theme for t in pack.themes):
                problems.append(doc.problem(("types", index, "themes", t_index), f"unknown theme '{theme}'"))
        for i_index, indicator in enumerate(kind.indicators):
            if indicator not in pack.indicators:
                where = ("types", index, "indicators", i_index)
                problems.append(doc.problem(where, f"unknown indicator '{indicator}'"))
    cites: list[tuple[tuple[str | int, ...], Cite]] = [
        (("checklist", "cite", n), c) for n, c in enumerate(form.checklist.cite)
    ]
    for jurisdiction, steps in form.separate.items():
        cites += [(("separate", jurisdiction, "cite", n), c) for n, c in enumerate(steps.cite)]
    for loc, cite in cites:
        if cite.source not in documents and cite.source not in pack.sources:
            problems.append(doc.problem((*loc, "source"), f"unknown source '{cite.source}'"))
    missing = [j for j in JURISDICTIONS if j not in form.separate]
    if missing:
        problems.append(doc.problem(("separate",), f"no separate steps for: {', '.join(missing)}"))
    if problems:
        raise InputError(problems)
    return form


def form_of(pack: Pack) -> NrmForm:
    """The NRM form beside ``pack``, read once: from the folder the pack was read from
    (``pack.memo["root"]``, set by the command that loaded it), else the shipped pack's."""
    form: NrmForm | None = pack.memo.get("nrm_form")
    if form is None:
        from screener.content import default_pack_path

        root = pack.memo.get("root") or default_pack_path()
        form = load_form(Path(root), pack)
        pack.memo["nrm_form"] = form
    return form
