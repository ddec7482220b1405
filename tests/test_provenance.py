"""Provenance in every export: the pack and its digest, the area file, Screener's version, the day.

The golden files in ``tests/golden_area/`` pin a whole summary with an area file
in all four formats. The pack digest in them is a stand-in (it changes with any
edit of the pack); ``test_the_pack_digest_is_the_sha256_of_the_pack_files``
checks the real one. Rewrite them with
``SCREENER_UPDATE_GOLDEN=1 pytest tests/test_provenance.py`` and read the diff.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from screener import __version__
from screener.cli import main
from screener.content import Pack, default_pack_path, load_pack
from screener.content.digest import pack_digest
from screener.render.formats import TEXT_FORMATS
from tests.golden import assert_golden
from tests.packtools import copy_pack

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "cases").glob("*.yaml"))
EW_CASE = HERE / "cases" / "england-wales-county-lines.yaml"
BOROUGH = HERE.parent / "indicators" / "areas" / "example-borough.yaml"
GOLDEN = HERE / "golden_area"
STAND_IN = "sha256:<pack-digest>"


def summarise(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["summarise", *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def independent_digest(root: Path) -> str:
    """The digest as docs/content.md and screener.content.digest describe it, written again from the description."""
    names = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            rel = os.path.relpath(os.path.join(dirpath, filename), root).replace(os.sep, "/")
            if filename.endswith((".yaml", ".yml")) and not rel.startswith("areas/") and not filename.startswith("."):
                names.append(rel)
    h = hashlib.sha256()
    for rel in sorted(names):
        data = (root / rel).read_bytes()
        h.update(f"{rel}\0{len(data)}\0".encode())
        h.update(data)
    return "sha256:" + h.hexdigest()


def test_the_pack_digest_is_the_sha256_of_the_pack_files(pack: Pack) -> None:
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", pack.digest)
    assert pack.digest == independent_digest(default_pack_path())


def test_the_digest_follows_every_byte_of_the_pack_but_not_its_area_files(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    before = pack_digest(root)
    (root / "areas").mkdir(exist_ok=True)
    (root / "areas" / "new.yaml").write_text("id: x\n", encoding="utf-8")
    assert pack_digest(root) == before
    signposts = root / "signposts.yaml"
    signposts.write_bytes(signposts.read_bytes() + b"\n")
    after = pack_digest(root)
    assert after != before
    assert load_pack(root).digest == after == independent_digest(root)


def test_validate_prints_the_digest(capsys: pytest.CaptureFixture[str], pack: Pack) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(f" sections; digest {pack.digest}\n") and out.count("\n") == 1


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_every_export_carries_the_provenance(
    capsys: pytest.CaptureFixture[str], pack: Pack, case: Path, fmt: str
) -> None:
    data = json.loads(summarise(capsys, str(case), "--format", "json"))
    prov = data["provenance"]
    assert prov["pack"] == {"id": pack.info.id, "version": pack.info.version, "digest": pack.digest}
    assert prov["screener_version"] == __version__
    assert prov["screening_date"] == data["as_at"]
    assert prov["area"] is None
    text = " ".join(summarise(capsys, str(case), "--format", fmt).replace("\\", "").split())
    assert "Provenance" in text
    for value in (pack.info.id, pack.info.version, pack.digest, __version__, data["as_at"]):
        assert value in text


def test_the_area_file_is_in_the_provenance(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(summarise(capsys, str(EW_CASE), "--format", "json", "--area", str(BOROUGH)))
    digest = "sha256:" + hashlib.sha256(BOROUGH.read_bytes()).hexdigest()
    assert data["provenance"]["area"] == {"id": "example-borough", "verified_on": "2026-11-30", "digest": digest}
    for fmt in ("md", "txt", "html"):
        text = " ".join(summarise(capsys, str(EW_CASE), "--format", fmt, "--area", str(BOROUGH)).split())
        assert digest in text and "example-borough, checked 2026-11-30" in text


def test_the_provenance_block_has_the_contract_shape(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(summarise(capsys, str(EW_CASE), "--format", "json", "--area", str(BOROUGH)))
    prov = data["provenance"]
    assert list(prov) == ["pack", "area", "screener_version", "screening_date"]
    assert list(prov["pack"]) == ["id", "version", "digest"]
    assert list(prov["area"]) == ["id", "verified_on", "digest"]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_a_summary_with_an_area_matches_its_golden_file(
    capsys: pytest.CaptureFixture[str], pack: Pack, fmt: str
) -> None:
    out = summarise(capsys, str(EW_CASE), "--format", fmt, "--area", str(BOROUGH))
    assert pack.digest in out
    out = out.replace(pack.digest, STAND_IN)
    golden = GOLDEN / f"england-wales-county-lines.{fmt}"
    assert_golden(golden, out)


def test_a_hidden_file_in_the_pack_is_neither_loaded_nor_digested(tmp_path: Path) -> None:
    # The digest leaves hidden files out (an editor's or a version control's); the loader
    # read them all the same, so a hidden theme added indicators the digest never saw.
    from screener.training import load_scenarios

    root = copy_pack(tmp_path)
    before = load_pack(root, use_record=False)
    scenarios = len(load_scenarios(before, root))
    theme = (root / "themes" / "education.yaml").read_text(encoding="utf-8")
    hidden = theme.replace("  id: education\n", "  id: hidden-theme\n").replace("  - id: ", "  - id: hidden-")
    (root / "themes" / ".hidden.yaml").write_text(hidden, encoding="utf-8")
    scenario = sorted((root / "scenarios").glob("*.yaml"))[0]
    (root / "scenarios" / ".copy.yaml").write_bytes(scenario.read_bytes())
    after = load_pack(root, use_record=False)
    assert not [i for i in after.indicators if i.startswith("hidden-")]
    assert after.digest == before.digest == pack_digest(root)
    assert len(load_scenarios(after, root)) == scenarios  # a loaded copy would be a duplicate id
