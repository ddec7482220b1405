"""The shipped pack's record: used only for the unchanged shipped pack, made by this very stack."""

from __future__ import annotations

import io
import pickle
import shutil
from pathlib import Path

import pytest

from screener.content import locate, shipped
from screener.content.loader import load_pack
from screener.content.pack import Pack
from screener.content.words import pack_words
from screener.errors import InputError
from screener.privacy import vocabulary

ROOT = Path(__file__).resolve().parent.parent / "indicators"


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A copy of the pack standing in for the shipped one, and where its record goes."""
    pack_dir = tmp_path / "indicators"
    shutil.copytree(ROOT, pack_dir)
    monkeypatch.setattr(locate, "default_pack_path", lambda: pack_dir)
    record_path = tmp_path / "shipped_pack.pickle"
    shipped.record(load_pack(pack_dir, use_record=False), record_path)
    monkeypatch.setattr(shipped, "RECORD", record_path)
    return pack_dir, record_path


def test_the_record_gives_the_pack_the_loader_gives(copy: tuple[Path, Path]) -> None:
    pack_dir, record_path = copy
    from_record = shipped.from_record(pack_dir, record_path)
    assert isinstance(from_record, Pack)
    assert from_record == load_pack(pack_dir, use_record=False)
    assert from_record.digest.startswith("sha256:")
    # The pack's words (the privacy check's vocabulary) were made at build time and travel with the record.
    assert "words" in from_record.memo and pack_words(from_record) == from_record.memo["words"]
    assert pack_words(from_record) <= vocabulary(from_record)


def test_the_unchanged_shipped_pack_is_not_loaded_again(
    copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack_dir, _ = copy
    from screener.content import loader

    def refuse(root: Path) -> Pack:
        raise AssertionError("the full loader ran")

    monkeypatch.setattr(loader, "_load_pack", refuse)
    assert load_pack(pack_dir).digest == load_pack.__globals__["pack_digest"](pack_dir)
    with pytest.raises(AssertionError):
        load_pack(pack_dir, use_record=False)


def test_one_changed_byte_sends_the_pack_through_the_loader(copy: tuple[Path, Path]) -> None:
    pack_dir, record_path = copy
    info = pack_dir / "pack.yaml"
    info.write_text(info.read_text().replace("title:", "titel:", 1))
    assert shipped.from_record(pack_dir, record_path) is None
    with pytest.raises(InputError) as caught:
        load_pack(pack_dir)  # the record is not used: the broken file is reported
    assert any("pack.yaml" in str(p) for p in caught.value.problems)


def test_an_added_file_is_not_covered_by_the_record(copy: tuple[Path, Path]) -> None:
    pack_dir, record_path = copy
    (pack_dir / "themes" / "zz-extra.yaml").write_text("theme: {id: x}\n")
    assert shipped.from_record(pack_dir, record_path) is None


def test_a_record_made_by_another_stack_or_unreadable_is_set_aside(copy: tuple[Path, Path]) -> None:
    pack_dir, record_path = copy
    stream = record_path.read_bytes()
    stamp = pickle.loads(stream)
    rest = stream[len(pickle.dumps(stamp, protocol=pickle.HIGHEST_PROTOCOL)) :]
    for changed in ({**stamp, "pydantic": "0.0"}, {**stamp, "screener": "0.0.0"}, {**stamp, "format": 0}):
        record_path.write_bytes(pickle.dumps(changed, protocol=pickle.HIGHEST_PROTOCOL) + rest)
        assert shipped.from_record(pack_dir, record_path) is None
    record_path.write_bytes(b"not a pickle")
    assert shipped.from_record(pack_dir, record_path) is None
    record_path.unlink()
    assert shipped.from_record(pack_dir, record_path) is None


def test_a_pack_elsewhere_never_uses_the_record(copy: tuple[Path, Path], tmp_path: Path) -> None:
    pack_dir, record_path = copy
    other = tmp_path / "mine"
    shutil.copytree(pack_dir, other)
    assert shipped.from_record(other, record_path) is None


def test_validate_always_runs_every_check(copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    pack_dir, _ = copy
    used: list[bool] = []
    real = shipped.from_record

    def recorded(root: Path, *rest: Path | None) -> object:
        used.append(True)
        return real(root, *rest)

    monkeypatch.setattr(shipped, "from_record", recorded)
    from screener.cli import main

    assert main(["validate", str(pack_dir)]) == 0
    assert used == []


def test_a_record_that_names_anything_but_content_is_refused_unrun(copy: tuple[Path, Path], tmp_path: Path) -> None:
    pack_dir, record_path = copy
    stream = record_path.read_bytes()
    stamp = pickle.loads(stream)
    marker = tmp_path / "ran"

    class Call:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            import os

            return (os.system, (f"touch {marker}",))

    record_path.write_bytes(
        pickle.dumps(stamp, protocol=pickle.HIGHEST_PROTOCOL)
        + pickle.dumps({"digest": "x", "pack": Call()}, protocol=pickle.HIGHEST_PROTOCOL)
    )
    assert shipped.from_record(pack_dir, record_path) is None
    assert not marker.exists()


def test_the_allow_list_names_exactly_the_modules_the_record_uses(copy: tuple[Path, Path]) -> None:
    """A content class moved to a new module must be allowed by its new name, and a stale name dropped."""
    _, record_path = copy
    named: set[str] = set()

    class Listing(shipped._ContentUnpickler):
        def find_class(self, module: str, name: str) -> object:
            named.add(module)
            return super().find_class(module, name)

    stream = io.BytesIO(record_path.read_bytes())
    Listing(stream).load()
    Listing(stream).load()
    assert named - {"datetime"} == shipped._CONTENT_MODULES
