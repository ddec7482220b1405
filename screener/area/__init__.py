"""Area files: an area's own contacts, local notes and settled facts, kept apart from the pack.

The contract is ``shared/spec/area-file.md``. An area file is read with the
project's careful YAML reader, validated by the pydantic model below (extra keys
forbidden) and cross-checked against the pack; every problem is reported at
once as ``file:line: message``.

What an area does to a screening, all here so the engine's hook stays small:

- ``settle``: a fact the area settles for the screening date fills an answer the
  practitioner left not known; a yes or no given in the case always wins. Each
  settled fact carries a marker the summary shows ("from the area file (NAME,
  checked DATE)"), so it never reads as the practitioner's own answer.
- ``attach``: contacts and local notes go on the signposts they serve, the
  area's reference on the summary, and a stale area file becomes a notice.

The default area (one per machine) is the file named in ``SCREENER_AREA``, or
else in ``$XDG_CONFIG_HOME/screener/area`` (``~/.config/screener/area``), which
``screener area use FILE`` writes.
"""

from screener.area.default import ENV, config_dir, config_file, default_area_path, resolve, use_area
from screener.area.model import SCHEMA, Area, AreaFile, Contact, Note, unsafe_text
from screener.area.read import load_area, parse_area
from screener.area.show import TEMPLATE, attach, contact_text, settled_hint, template, welcome_area_lines

__all__ = [
    "ENV",
    "SCHEMA",
    "TEMPLATE",
    "Area",
    "AreaFile",
    "Contact",
    "Note",
    "attach",
    "config_dir",
    "config_file",
    "contact_text",
    "default_area_path",
    "load_area",
    "parse_area",
    "resolve",
    "settled_hint",
    "template",
    "unsafe_text",
    "use_area",
    "welcome_area_lines",
]
