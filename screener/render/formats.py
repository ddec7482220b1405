"""The formats a summary is written in: one table, read by every place that lists, names or writes them.

A row says what the user is shown (``name``, ``note``), what the file is called
(``extension``, and any other ending read as it), what a browser is told it is
(``media_type``), which module renders it (``module``: a ``render(summary)``
returning ``str``, or ``bytes`` for a ``binary`` format), and whether the
comparison can be written in it (``comparison``). Adding a format is one row here
and one renderer module; the command line's ``--format``, the export page, plain
mode's menu, the comparison's file endings and the browser download follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True)
class Format:
    key: str  # the --format value
    name: str  # what the user is shown: "Markdown"
    extension: str  # ".md"
    media_type: str  # for a browser download
    module: str  # screener.render.<module>.render(summary) -> str (bytes when binary)
    note: str = ""  # what the export page says beside the name
    described: str = ""  # what --help says it is: "a web page"
    binary: bool = False  # the renderer returns bytes, written as they are
    comparison: bool = True  # screener.compare can be written in it
    also: tuple[str, ...] = ()  # other file endings read as this format
    nrm: bool = False  # the NRM referral preparation (screener.nrm.render) can be written in it

    @property
    def label(self) -> str:
        """The export page's line: name, extension, and the note."""
        return f"{self.name} ({self.extension})" + (f": {self.note}" if self.note else "")


TABLE: tuple[Format, ...] = (
    Format("md", "Markdown", ".md", "text/markdown", "markdown", "the summary as shown", "Markdown", nrm=True),
    Format("txt", "Plain text", ".txt", "text/plain", "text", described="plain text", nrm=True),
    Format("html", "HTML", ".html", "text/html", "html", "opens in a browser", "a web page", also=(".htm",), nrm=True),
    Format(
        "json",
        "JSON",
        ".json",
        "application/json",
        "json",
        "the contract format, for other tools",
        "the contract format",
        nrm=True,
    ),
    # Word and PDF are what the NRM referral service and case-record systems take as attachments.
    Format(
        "docx",
        "Word",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        "for a case record or the NRM service",
        "Word",
        binary=True,
    ),
    Format(
        "pdf",
        "PDF",
        ".pdf",
        "application/pdf",
        "pdf",
        "tagged, prints on A4",
        "tagged PDF (needs pip install 'screener[pdf]')",
        binary=True,
    ),
)

BY_KEY = {f.key: f for f in TABLE}
FORMATS = tuple(f.key for f in TABLE)
# Text formats: shown on a screen, written to standard output, compared line by line.
TEXT_FORMATS = tuple(f.key for f in TABLE if not f.binary)
EXTENSIONS = {f.key: f.extension for f in TABLE}
DEFAULT = "md"


def format_named(key: str) -> Format:
    return BY_KEY[key]


def format_of(path: PurePath, among: tuple[Format, ...] = TABLE) -> Format:
    """The format a file name asks for by its ending (any case); Markdown otherwise."""
    suffix = path.suffix.lower()
    for fmt in among:
        if suffix == fmt.extension or suffix in fmt.also:
            return fmt
    return BY_KEY[DEFAULT]


def nrm_formats() -> tuple[Format, ...]:
    """The formats the NRM referral preparation can be written in."""
    return tuple(f for f in TABLE if f.nrm)


def comparison_formats() -> tuple[Format, ...]:
    """The formats a comparison can be written in."""
    return tuple(f for f in TABLE if f.comparison)


def writable(formats: tuple[Format, ...] = TABLE) -> tuple[Format, ...]:
    """The formats the walkthrough and plain mode offer: PDF only where it looks as if it can be made.

    Quick (importing WeasyPrint takes a second or two): the PDF renderer still checks in full
    when it is asked, and says in one line what is missing.
    """
    from screener.render.pdf import looks_available

    return tuple(f for f in formats if f.key != "pdf" or looks_available())


def described(formats: tuple[Format, ...] = TABLE) -> str:
    """The formats as --help lists them: "md Markdown, txt plain text, ..."."""
    return ", ".join(f"{f.key} {f.described or f.name}" for f in formats)


def media_type(file_name: str) -> str:
    """What a browser is told a download is, by its ending; a case file is YAML; else plain text."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "application/yaml"
    for fmt in TABLE:
        if suffix == fmt.extension or suffix in fmt.also:
            return fmt.media_type
    return "text/plain"
