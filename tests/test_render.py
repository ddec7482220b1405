"""The four summary formats: golden files, same content, escaping, training banner.

Golden files are the output of ``screener summarise`` for the sample cases in
``tests/cases``. After a deliberate change to the pack or a renderer, rewrite
them with ``SCREENER_UPDATE_GOLDEN=1 pytest tests/test_render.py`` and read the
diff before committing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from screener.casefile.read import load_case
from screener.cli import main
from screener.content import Pack
from screener.engine import screen
from screener.render import render
from screener.render.document import TRAINING_BANNER, Notes
from screener.render.formats import TEXT_FORMATS
from screener.render.markdown import escape
from screener.summary import Summary
from tests.golden import assert_golden

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "cases").glob("*.yaml"))
EW_CASE = HERE / "cases" / "england-wales-county-lines.yaml"
GOLDEN = HERE / "golden"
HOSTILE = "<script>alert(1)</script> [bold] **x** _y_ `z` |t| &amp; # [/]"


def summarise(capsys: pytest.CaptureFixture[str], case: Path, fmt: str, *extra: str) -> str:
    assert main(["summarise", str(case), "--format", fmt, *extra]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


PACK_DIGEST = "sha256:<pack-digest>"


def normalise_digest(text: str, pack: Pack) -> str:
    assert pack.digest.startswith("sha256:") and pack.digest in text
    return text.replace(pack.digest, PACK_DIGEST)


def summary_of(pack: Pack, case: Path) -> Summary:
    return screen(pack, load_case(case, set(pack.questions), set(pack.indicators)))


# --- reading each format back as plain text -------------------------------------------------


def words(text: str) -> str:
    return " ".join(text.split())


def md_text(text: str) -> str:
    return words(re.sub(r"\\(.)", r"\1", text))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "title"):
            self._skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def parse_html(text: str) -> _Text:
    parser = _Text()
    parser.feed(text)
    parser.close()
    return parser


def html_text(text: str) -> str:
    return words("".join(parse_html(text).parts))


def txt_text(text: str) -> str:
    return words(text)


READ_BACK = {"md": md_text, "txt": txt_text, "html": html_text}


def contract_strings(data: dict) -> list[str]:
    """The strings from the JSON summary that every other format must show too.

    Text that cites its sources in brackets is shown with the citations as note numbers
    (``Notes.text``), and every source is shown once, in the numbered notes at the end.
    """
    cited = Notes(data["sources"]).text
    strings = [data["jurisdiction_name"], *data["follow_up"], *map(cited, data["notices"]), *data["sources"]]
    strings += map(cited, data["framing"])
    if data["reference"]:
        strings.append(data["reference"])
    for service in data["guardianship"]:
        strings += [service["name"], service["status_text"], cited(service["next_steps"]), *service["settle_by_text"]]
        strings += [c["text"] for c in service["criteria"]] + [cited(n) for n in service["notes"]]
    for signpost in data["signposts"]:
        strings += [signpost["title"], cited(signpost["action"]), signpost["who"], *signpost["why"]]
        strings += map(cited, signpost["local"])
    for day in data["key_dates"]:
        strings += [day["date"], cited(day["text"])]
    for indicator in data["indicators"]:
        # Every format says whether the indicator is a sign or a risk factor, beside its title.
        kind = {"sign": "sign", "risk-factor": "risk factor"}[indicator["kind"]]
        strings += [f"{indicator['text']} ({kind})", indicator["why"], indicator["theme_title"]]
    for answer in data["answers"]:
        strings += [answer["label"], answer["value"]]
    return [words(s) for s in strings]


# --- golden files -------------------------------------------------------------------------


def test_there_is_a_sample_case_for_each_jurisdiction_and_an_age_dispute() -> None:
    texts = [c.read_text(encoding="utf-8") for c in CASES]
    for jurisdiction in ("england-wales", "scotland", "northern-ireland"):
        assert any(f"jurisdiction: {jurisdiction}\n" in t for t in texts), jurisdiction
    assert any("age_disputed: yes" in t for t in texts)
    assert all("screening_date:" in t for t in texts), "golden output must not depend on today's date"


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_summarise_matches_golden_file(capsys: pytest.CaptureFixture[str], pack: Pack, case: Path, fmt: str) -> None:
    # The pack digest changes with every edit of the pack, so the golden files hold a stand-in for
    # it (tests/test_provenance.py checks the real digest); everything else is pinned byte for byte.
    out = normalise_digest(summarise(capsys, case, fmt), pack)
    golden = GOLDEN / f"{case.stem}.{fmt}"
    assert_golden(golden, out)


def test_every_golden_file_belongs_to_a_sample_case() -> None:
    # The facilitator pack's golden files belong to tests/test_train_cli.py, the debrief's to tests/test_room.py.
    stems = {c.stem for c in CASES} | {"facilitator-pack", "debrief"}
    strays = [p.name for p in GOLDEN.iterdir() if p.stem not in stems or p.suffix[1:] not in TEXT_FORMATS]
    assert strays == []


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_same_input_gives_the_same_bytes(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    case = CASES[0]
    assert summarise(capsys, case, fmt) == summarise(capsys, case, fmt)


# --- the four formats say the same thing --------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_every_format_carries_the_json_content(capsys: pytest.CaptureFixture[str], case: Path, fmt: str) -> None:
    data = json.loads(summarise(capsys, case, "json"))
    shown = READ_BACK[fmt](summarise(capsys, case, fmt))
    missing = [s for s in contract_strings(data) if s not in shown]
    assert missing == []


def test_the_content_check_can_fail(pack: Pack) -> None:
    summary = summary_of(pack, CASES[0])
    data = json.loads(render(summary, "json"))
    data["follow_up"].append("A follow-up question no renderer was given")
    shown = md_text(render(summary, "md"))
    assert [s for s in contract_strings(data) if s not in shown] == ["A follow-up question no renderer was given"]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_formats_have_the_same_headings(pack: Pack, case: Path) -> None:
    summary = summary_of(pack, case)
    md = [md_text(line.lstrip("#")) for line in render(summary, "md").splitlines() if line.startswith("#")]
    lines = render(summary, "txt").splitlines()
    txt = []
    for n, line in enumerate(lines):
        if line and set(line) <= set("=-~") and n:
            # A heading may wrap: gather its lines back up to the blank line before it.
            start = n - 1
            while start > 0 and lines[start - 1]:
                start -= 1
            txt.append(words(" ".join(lines[start:n])))
    parsed = parse_html(render(summary, "html"))
    page = render(summary, "html")
    htm = [html_text(m) for m in re.findall(r"<h[1-6]>(.*?)</h[1-6]>", page)]
    assert md == txt == htm
    assert parsed.tags  # the page parsed at all


# --- plain text ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_text_fits_78_columns_and_has_no_control_characters(pack: Pack, case: Path) -> None:
    text = render(summary_of(pack, case), "txt")
    for line in text.splitlines():
        assert len(line) <= 78 or " " not in line.strip(), line
        assert line == line.rstrip(), f"trailing space: {line!r}"
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert "\n\n\n" not in text


def test_text_underlines_headings_to_their_length(pack: Pack) -> None:
    lines = render(summary_of(pack, CASES[0]), "txt").splitlines()
    assert lines[1] == "=" * len(lines[0])
    n = lines.index("Today: the outcomes and what to do")
    assert lines[n + 1] == "-" * len("Today: the outcomes and what to do")


def test_text_neutralises_terminal_escapes(pack: Pack) -> None:
    summary = dataclasses.replace(summary_of(pack, CASES[0]), notices=["\x1b]0;owned\x07\x1b[2Jcleared\x9b31m"])
    text = render(summary, "txt")
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "cleared" in text


# --- HTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_html_is_self_contained_and_accessible(pack: Pack, case: Path) -> None:
    page = render(summary_of(pack, case), "html")
    parsed = parse_html(page)
    tags = [t for t, _ in parsed.tags]
    assert page.startswith("<!DOCTYPE html>\n")
    assert ("html", {"lang": "en-GB"}) in parsed.tags
    assert tags.count("title") == 1 and tags.count("h1") == 1 and tags.count("main") == 1
    assert "@media print" in page
    for forbidden in ("script", "link", "img", "iframe", "object", "embed", "base", "form"):
        assert forbidden not in tags, forbidden
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "srcset", "action"):
            assert name not in attrs, (tag, name)
        if tag == "th":
            assert attrs.get("scope") in ("col", "row"), attrs
    assert "url(" not in page and "@import" not in page and "@font-face" not in page
    assert re.search(r"<table>\s*<thead>", page)


def test_hostile_text_is_escaped_in_every_block_of_html_and_markdown(pack: Pack) -> None:
    summary = dataclasses.replace(
        summary_of(pack, CASES[0]),
        reference=HOSTILE,
        notices=[HOSTILE],
        framing=[HOSTILE],
        follow_up=[HOSTILE],
        answers=[dataclasses.replace(a, value=HOSTILE) for a in summary_of(pack, CASES[0]).answers],
    )
    page = render(summary, "html")
    assert "<script>" not in page and "</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp;" in page
    # title, heading, notice, framing, follow-up and answer cells
    assert page.count(html.escape(HOSTILE)) >= 5
    assert words(HOSTILE) in html_text(page)

    md = render(summary, "md")
    assert "<script>" not in md and "**x**" not in md and "[bold]" not in md
    assert r"\<script\>alert(1)\</script\>" in md
    assert r"\*\*x\*\*" in md and r"\[bold\]" in md and r"\&amp;" in md
    assert md_text(md).count(HOSTILE) >= 5


def test_hostile_reference_from_a_case_file_is_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reference = "<script>alert(1)</script> [bold] **x**"
    case = tmp_path / "hostile.yaml"
    text = EW_CASE.read_text(encoding="utf-8")
    assert "reference: SAMPLE-EW-01" in text and "notes: " in text
    text = text.replace("reference: SAMPLE-EW-01", f"reference: '{reference}'")
    case.write_text(text.replace("notes: ", "notes: <script>alert(2)</script> "), encoding="utf-8")
    page = summarise(capsys, case, "html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; [bold] **x**" in page
    md = summarise(capsys, case, "md")
    assert r"\<script\>alert(1)\</script\> \[bold\] \*\*x\*\*" in md
    # Notes stay in the case file: the summary is for sharing, the notes may not be.
    assert "alert(2)" not in page and "alert(2)" not in md


def test_markdown_text_cannot_start_a_list_or_an_entity() -> None:
    assert escape("- x") == r"\- x"
    assert escape("12. x") == r"12\. x"
    assert escape("+") == r"\+"
    assert escape("&lt; &#60;") == r"\&lt; &\#60;"
    assert escape("a & b, 2024 - 2025") == "a & b, 2024 - 2025"


def test_markdown_note_numbers_read_cleanly_and_render_as_written(pack: Pack) -> None:
    from markdown_it import MarkdownIt

    summary = summary_of(pack, EW_CASE)
    md = render(summary, "md")
    assert "\\[" not in md.replace("\\[bold", "")  # no escaped bracket is left in the raw text
    assert re.search(r" \[[0-9]+\]", md) and "Sources: [" in md
    shown = html_text(MarkdownIt("commonmark").render(md))
    # Rendered, the numbers are the same as in the plain text, and nothing became a link.
    assert "<a " not in MarkdownIt("commonmark").render(md)
    for number in re.findall(r"\[[0-9, ]+\]", render(summary, "txt")):
        assert number in shown
    # Content that would make a link, a reference or a definition stays escaped.
    assert escape("[1](javascript:x)") == r"\[1\](javascript:x)"
    assert escape("[1]: https://x") == r"\[1\]: https://x"
    assert escape("[1][2]") == r"\[1\][2]"
    assert escape("see [2, 5].") == "see [2, 5]."
    # No definition can be written (content's is escaped), so no number can become a link.
    for hostile in ("[1](javascript:x)", "[1][2]", "\\[1](x)", "[2] (x)"):
        page = f"{escape(hostile)}\n\n{escape('[2]: https://x')}\n"
        assert "<a " not in MarkdownIt("commonmark").render(page), hostile


# --- training -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_training_summary_says_so_in_every_format(pack: Pack, fmt: str) -> None:
    summary = summary_of(pack, CASES[0])
    assert "TRAINING" not in render(summary, fmt)
    out = render(dataclasses.replace(summary, training=True), fmt)
    if fmt == "json":
        assert json.loads(out)["training"] is True
    else:
        assert "TRAINING — FICTIONAL CASE" in out
        assert out.count("TRAINING — FICTIONAL CASE") >= 2  # in the title and in the banner


def test_training_banner_heads_the_html_page(pack: Pack) -> None:
    page = render(dataclasses.replace(summary_of(pack, CASES[0]), training=True), "html")
    body = page[page.index("<main>") :]
    first = body.splitlines()[1]
    assert first == f'<p class="training" role="note"><strong>{html.escape(TRAINING_BANNER)}</strong></p>'
    assert "<title>TRAINING — FICTIONAL CASE." in page
    assert "@top-center" in page


def test_follow_up_questions_are_questions_for_every_input(pack: Pack) -> None:
    # Every input the engine can ask about has a question of its own: no "What is whether …?".
    for words in pack.wording.inputs.values():
        assert words.question.endswith(("?", "?)")) and not words.question.startswith("What is whether"), words


def test_a_route_ruled_out_by_age_is_one_line_and_outcomes_name_criteria(pack: Pack) -> None:
    summary = summary_of(pack, HERE / "cases" / "scotland-labour.yaml")
    text = render(summary, "md")
    assert "Continuing support after 18: not applicable at 17 (its criteria: " in text
    assert "Route: Continuing support after 18" not in text
    glance = text.split("## Today: the outcomes and what to do", 1)[1].split("## ", 1)[0]
    assert "criteria met" not in glance  # no "4 of 5 criteria met": the criteria are named
    assert "every criterion appears to be met" in glance
    ew = render(summary_of(pack, HERE / "cases" / "england-wales-county-lines.yaml"), "md")
    assert (
        "direct support: criteria may be met; one criterion is not known: vulnerability or risk that may "
        "justify direct support — route: Exceptional direct support (Annex C)." in ew
    )
    # The heading's outcome comes from the first route shown; the route not met follows as another route.
    section = ew.split("### Independent Child Trafficking Guardian, direct support — criteria may be met", 1)[1]
    assert section.index("Route: Exceptional direct support (Annex C) — may be met") < section.index(
        "Another route: Direct support — not met"
    )


def test_a_criterion_shared_by_routes_is_shown_once_with_its_answers(pack: Pack) -> None:
    summary = summary_of(pack, EW_CASE)
    section = render(summary, "txt").split("\nGuardianship\n", 1)[1].split("\nSignposts", 1)[0]
    # Every criterion of every route is in the section; one that several routes share, with the same
    # answers, is shown in the first table only, and the later routes say so.
    for service in summary.guardianship:
        for criterion in service.criteria:
            assert words(criterion.text) in words(section)
    assert section.count("Under 18, or treated as a child while their age is assessed") == 1
    assert "Another route: Direct support — not met. Shared criteria are shown above, with the same answers; " in words(
        section
    )
    assert "No one with parental responsibility for the child is in the UK" in section


def test_who_is_said_once_a_signpost(pack: Pack) -> None:
    summary = summary_of(pack, EW_CASE)
    text = md_text(render(summary, "md"))
    for signpost in summary.signposts:
        assert text.count(words(f"Who: {signpost.who}")) == 1, signpost.id
    assert text.count("Who: see Today.") == sum(s.urgency == "today" for s in summary.signposts)


# --- a summary that reads in a minute --------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_page_one_says_the_outcomes_and_what_to_do_today_who_with_and_when(pack: Pack, case: Path) -> None:
    summary = summary_of(pack, case)
    text = render(summary, "md")
    head, page_one = text.split("## Today: the outcomes and what to do", 1)
    page_one = md_text(page_one.split("\n## ", 1)[0])
    # Only the title, the meta line and the record come before it; the dated notices follow the outcomes.
    assert head.count("\n## ") == 0 and "> " not in head and "Notice: " not in head
    for notice in summary.notices:
        assert page_one.index(words(Notes(summary.sources).text(notice))) > page_one.index("Do today")
    for service in summary.guardianship:
        assert words(f"{service.name}:") in page_one
    for signpost in summary.signposts:
        assert signpost.title in page_one
        if signpost.urgency == "today":
            assert words(signpost.who) in page_one
        else:
            assert f"{signpost.title} — {summary.words.urgency[signpost.urgency]}." in page_one
    if summary.key_dates:
        assert "key date" in page_one
    if summary.follow_up:
        assert "not known could change an outcome" in page_one


@pytest.mark.parametrize(
    ("as_at", "named", "label"),
    [
        # Born 2009-03-14: the pilot's 100-day mark is 2026-12-04, the 18th birthday 2027-03-14.
        (dt.date(2026, 12, 3), "2026-12-04", "Next key date"),
        (dt.date(2026, 12, 4), "2026-12-04", "Next key date"),
        (dt.date(2026, 12, 5), "2027-03-14", "Next key date"),
        (dt.date(2027, 3, 14), "2027-03-14", "Next key date"),
        (dt.date(2027, 3, 15), "2027-03-14", "Every key date has passed; the last"),
    ],
)
def test_page_one_names_the_first_key_date_still_to_come(pack: Pack, as_at: dt.date, named: str, label: str) -> None:
    case = load_case(EW_CASE, set(pack.questions), set(pack.indicators))
    summary = screen(pack, case, as_at)
    if as_at == dt.date(2026, 12, 5):  # the passed date still heads the list: page one must look past it
        assert summary.key_dates[0].date.isoformat() == "2026-12-04"
    page_one = md_text(render(summary, "md").split("## Today: the outcomes and what to do", 1)[1].split("\n## ", 1)[0])
    assert f"{label}: {named} — " in page_one


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_sources_are_numbered_notes_and_confirm_locally_is_said_once_a_source(pack: Pack, case: Path) -> None:
    summary = summary_of(pack, case)
    text = md_text(render(summary, "md"))
    body, notes = text.split("Notes: the sources", 1)
    for n, source in enumerate(summary.sources, 1):
        assert f"{n}. {words(source)}" in notes
    needs = [s for s in summary.sources if "confirm locally" in s]
    assert notes.count("confirm locally") == len(needs)
    # In the body no citation says it again, nor a sentence beside one that does: "[n]" says it. A
    # sentence stays only for a statement of its own to confirm (its wording, not its sources).
    assert "(confirm locally" not in body
    for match in re.finditer(r"Confirm locally, last checked [0-9-]+\.[^\[]*\[([0-9, ]+)\]", body):
        said_by_source = [n for n in match[1].split(", ") if "confirm locally" in summary.sources[int(n) - 1]]
        assert not said_by_source, f"said again beside notes {said_by_source}: {match[0][:80]}"
    cited = {int(n) for group in re.findall(r"\[([0-9, ]+)\]", body) for n in group.split(", ")}
    # Every number cited is a note (a few notes are the criteria's sources, which the summary lists but
    # never cited in the text, as before).
    assert cited and cited <= set(range(1, len(summary.sources) + 1))


def test_a_confirm_locally_sentence_goes_only_where_its_source_says_it() -> None:
    notes = Notes(["Guide A (confirm locally, last checked 2026-12-01)", "Report B, p.3"])
    assert (
        notes.text(
            "Do X. Confirm locally, last checked 2026-12-01. (Guide A (confirm locally, last checked 2026-12-01))"
        )
        == "Do X. [1]"
    )
    assert notes.text("Do Y. Confirm locally, last checked 2026-12-01. (Report B, p.3)") == (
        "Do Y. Confirm locally, last checked 2026-12-01. [2]"
    )
    assert notes.text("Note (as of 2024-05-01; Report B, p.3; Guide A (confirm locally, last checked 2026-12-01))") == (
        "Note (as of 2024-05-01) [1, 2]"
    )
    assert (
        notes.text("Report B, p.3 is named in passing, not cited.") == "Report B, p.3 is named in passing, not cited."
    )
    assert notes.refs(["Report B, p.3", "Unlisted C"]) == "Unlisted C; [2]"
