"""`screener compare`: two saved screenings of a shipped scenario, before and after changed answers."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pypdf
import pytest
import yaml

from screener.casefile.model import Case
from screener.casefile.read import load_case
from screener.casefile.write import save_case, stamped
from screener.cli import main
from screener.compare import blocks, compare_screenings
from screener.content import Pack
from screener.engine import screen
from screener.render.formats import TEXT_FORMATS
from tests.clirun import in_this_process
from tests.docxread import block_texts, headings, open_docx, texts

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "indicators" / "scenarios" / "ew-county-lines.yaml"


def scenario_case() -> Case:
    data = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))["case"]
    return Case.model_validate(data)


def saved_pair(pack: Pack, tmp_path: Path) -> tuple[Path, Path]:
    old = stamped(scenario_case(), pack)
    new = old.model_copy(
        update={
            "screening_date": dt.date(2025, 1, 15),
            "facts": {**old.facts, "pr_in_uk": "no", "exceptional_circumstances": "unknown"},
            "nrm": old.nrm.model_copy(update={"status": "referred"}),
            "indicators": [i for i in old.indicators if i != "exclusion-or-suspension"] + ["carrying-knife"],
        }
    )
    return save_case(tmp_path / "old.yaml", old), save_case(tmp_path / "new.yaml", new)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_names_every_change(capsys: pytest.CaptureFixture[str], pack: Pack, tmp_path: Path) -> None:
    assert "carrying-knife" in pack.indicators
    old, new = saved_pair(pack, tmp_path)
    code, out, err = run(capsys, "compare", str(old), str(new), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    changed = {a["id"]: (a["old"], a["new"]) for a in data["answers"]}
    assert changed["screening_date"] == ("2024-11-20", "2025-01-15")
    assert changed["pr_in_uk"] == ("yes", "no")
    assert changed["exceptional_circumstances"] == ("no", "not known")
    assert changed["nrm_status"][1] != changed["nrm_status"][0]
    assert data["indicators_added"] == [pack.indicators["carrying-knife"].title]
    assert data["indicators_dropped"] == [pack.indicators["exclusion-or-suspension"].title]
    direct = next(o for o in data["outcomes"] if o["service"] == "ictg-direct")
    assert direct["old"] != direct["new"]
    assert any(c["old"] == "not-met" and c["new"] == "met" for c in direct["criteria"])
    assert data["signposts_added"] or data["signposts_dropped"]
    assert data["key_dates"] == [] or all(d["old"] != d["new"] for d in data["key_dates"])
    assert not any("different content pack" in v for v in data["versions"])


@pytest.mark.parametrize("fmt", [f for f in TEXT_FORMATS if f != "json"])
def test_every_format_shows_the_changes(
    capsys: pytest.CaptureFixture[str], pack: Pack, tmp_path: Path, fmt: str
) -> None:
    old, new = saved_pair(pack, tmp_path)
    code, out, _ = run(capsys, "compare", str(old), str(new), "--format", fmt)
    assert code == 0
    text = " ".join(out.replace("\\", "").split())
    for words in ("What changed between two screenings", "2024-11-20", "2025-01-15", "The criteria that moved it"):
        assert words in text
    assert pack.indicators["carrying-knife"].title in text


def test_compare_of_a_case_with_itself_says_nothing_changed(
    capsys: pytest.CaptureFixture[str], pack: Pack, tmp_path: Path
) -> None:
    old, _new = saved_pair(pack, tmp_path)
    code, out, _ = run(capsys, "compare", str(old), str(old))
    assert code == 0 and "Nothing changed" in out


def test_different_pack_versions_are_named(capsys: pytest.CaptureFixture[str], pack: Pack, tmp_path: Path) -> None:
    old, new = saved_pair(pack, tmp_path)
    text = old.read_text(encoding="utf-8").replace(f"version: '{pack.info.version}'", "version: '2023.9'")
    text = text.replace(f"version: {pack.info.version}", "version: '2023.9'").replace(pack.digest, "sha256:" + "0" * 64)
    old.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "compare", str(old), str(new), "--format", "json")
    versions = json.loads(out)["versions"]
    assert code == 0
    assert any("different content pack versions: screener-uk 2023.9" in v for v in versions)


def test_different_jurisdictions_are_refused(capsys: pytest.CaptureFixture[str], pack: Pack, tmp_path: Path) -> None:
    old, _new = saved_pair(pack, tmp_path)
    other = scenario_case().model_copy(update={"jurisdiction": "scotland", "facts": {}})
    other_path = save_case(tmp_path / "other.yaml", other)
    code, out, err = run(capsys, "compare", str(old), str(other_path))
    assert (code, out) == (2, "")
    assert err == (
        f"{other_path}: is in scotland but {old} is in england-wales: compare two screenings of one case, "
        "in one jurisdiction\n"
    )


def test_different_references_are_refused(capsys: pytest.CaptureFixture[str], pack: Pack, tmp_path: Path) -> None:
    old, _new = saved_pair(pack, tmp_path)
    other_path = save_case(tmp_path / "other.yaml", scenario_case().model_copy(update={"reference": "TRAIN-EW-99"}))
    code, out, err = run(capsys, "compare", str(old), str(other_path))
    assert (code, out) == (2, "")
    assert "has reference 'TRAIN-EW-99' but" in err and err.count("\n") == 1


def test_a_broken_file_is_refused_with_its_line(capsys: pytest.CaptureFixture[str], pack: Pack, tmp_path: Path) -> None:
    old, new = saved_pair(pack, tmp_path)
    new.write_text(new.read_text(encoding="utf-8").replace("pr_in_uk: no", "pr_in_uk: perhaps"), encoding="utf-8")
    code, out, err = run(capsys, "compare", str(old), str(new))
    assert (code, out) == (2, "")
    line = next(n for n, t in enumerate(new.read_text(encoding="utf-8").splitlines(), 1) if "perhaps" in t)
    assert err == f"{new}:{line}: pr_in_uk: 'perhaps' is not an answer; use yes, no or unknown\n"


def test_the_saved_case_records_what_it_was_screened_with(pack: Pack, tmp_path: Path) -> None:
    old, _new = saved_pair(pack, tmp_path)
    data = yaml.safe_load(old.read_text(encoding="utf-8"))
    assert data["screened_with"]["pack"] == {"id": pack.info.id, "version": pack.info.version, "digest": pack.digest}


def test_compare_writes_word_and_pdf_with_the_same_content(pack: Pack, tmp_path: Path) -> None:
    old, new = saved_pair(pack, tmp_path)
    for fmt in ("docx", "pdf"):
        ran = in_this_process("compare", str(old), str(new), "--format", fmt, "--output", str(tmp_path / f"c.{fmt}"))
        assert (ran.returncode, ran.stdout) == (0, "")
    document = open_docx((tmp_path / "c.docx").read_bytes())
    assert headings(document)[0][0] == "Heading 1"
    assert "2024-11-20 and 2025-01-15" in document.sections[0].header.paragraphs[0].text
    cases = [load_case(p, set(pack.questions), set(pack.indicators)) for p in (old, new)]
    result = compare_screenings(old, cases[0], screen(pack, cases[0]), new, cases[1], screen(pack, cases[1]))
    assert list(texts(document)) == list(block_texts(blocks(result)))
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "c.pdf").read_bytes()))
    assert reader.metadata is not None and reader.metadata.title == blocks(result)[0].text
    last = " ".join(reader.pages[-1].extract_text().split())
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last
