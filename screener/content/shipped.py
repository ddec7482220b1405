"""The shipped pack, checked once when the wheel is built instead of on every run.

Building a wheel loads the pack that ships in it through the full loader (every
file read, every model validated, every cross-reference checked) and records the
result beside the package with the pack's digest (``screener.content.digest``) and the
versions it was made with. At run time the shipped pack is taken from that record
only when the files in the pack folder still have exactly that digest and the
record was made by this Screener, this pydantic and this Python; anything else (a
changed or added file, a user's own pack, an editable install, which has no
record) goes through the full loader, so a broken pack is still refused with
``file:line`` before any screen is shown.

The record is a pickle, read only from inside the installed package and never
written at run time; even so it is read by an unpickler that can build nothing but
the pack's own classes and dates, so a record that names anything else (a function
to call, say) is refused and the pack goes through the full loader.
"""

from __future__ import annotations

import io
import pickle
import sys
from pathlib import Path
from typing import Any

from screener import __version__
from screener.content.pack import Pack

RECORD = Path(__file__).resolve().parent.parent / "shipped_pack.pickle"
FORMAT = 1
# What a record may contain besides plain data: the content classes and dates.
# Each module is named in full: a prefix would admit any module put under it later.
_CONTENT_MODULES = frozenset(
    {
        "screener.content.conditions",
        "screener.content.models.base",
        "screener.content.models.framing",
        "screener.content.models.jurisdictions",
        "screener.content.models.parameters",
        "screener.content.models.questions",
        "screener.content.models.signposts",
        "screener.content.models.sources",
        "screener.content.models.themes",
        "screener.content.pack",
        "screener.content.wording",
    }
)


class _ContentUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("datetime", "date"):
            return super().find_class(module, name)
        if module in _CONTENT_MODULES:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"a pack record may not name {module}.{name}")


def _stamp() -> dict[str, Any]:
    import pydantic

    return {"format": FORMAT, "screener": __version__, "pydantic": pydantic.VERSION, "python": sys.version_info[:2]}


def record(pack: Pack, target: Path) -> None:
    """Write the record of a fully loaded ``pack`` to ``target`` (at wheel build time only)."""
    from screener.content.words import pack_words

    pack_words(pack)  # made once here, kept in the pack's memo, so no run has to
    # The stamp comes first and is read alone, so a record from another pydantic is set aside unopened.
    target.write_bytes(
        pickle.dumps(_stamp(), protocol=pickle.HIGHEST_PROTOCOL)
        + pickle.dumps({"digest": pack.digest, "pack": pack}, protocol=pickle.HIGHEST_PROTOCOL)
    )


def from_record(root: Path, record_path: Path | None = None) -> Pack | None:
    """The shipped pack from its record, when ``root`` is the pack it records, unchanged; else None."""
    from screener.content.locate import default_pack_path

    record_path = record_path or RECORD
    try:
        if root.resolve() != default_pack_path().resolve() or not record_path.is_file():
            return None
        stream = io.BytesIO(record_path.read_bytes())
        # One unpickler for each of the two pickles: a second load() would read the first one's memo.
        if _ContentUnpickler(stream).load() != _stamp():
            return None
        payload = _ContentUnpickler(stream).load()
        pack = payload["pack"]
        if not isinstance(pack, Pack) or pack.digest != payload["digest"]:
            return None
        from screener.content.digest import pack_digest

        # The files as they are now, not as they were: one changed byte sends the pack through the loader.
        return pack if pack_digest(root) == pack.digest else None
    except Exception:  # any doubt about the record means the full loader, never an error
        return None
