"""The commands that read case files: ``summarise``, ``compare``, and the walkthrough (``screener [CASE]``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from screener import heap
from screener.cli.output import check_format, emit
from screener.cli.pack import load
from screener.terminal import OLD_CONSOLE_ADVICE, can_run_app, old_console


@heap.starting()  # a short command, all start-up
def summarise(args: argparse.Namespace) -> int:
    from screener.area.default import resolve
    from screener.casefile.read import load_case
    from screener.engine import screen
    from screener.render import render_file

    check_format(args.format, args.output, args.force)
    pack = load(args.pack)
    case = load_case(args.case, set(pack.questions), set(pack.indicators), args.as_at)
    if not _privacy_ok(args, case, pack):
        return 2
    area = resolve(args.area, args.no_area, pack, case.jurisdiction)
    summary = screen(pack, case, args.as_at, area)
    if args.age_only:
        from screener.privacy import age_only

        summary = age_only(summary, case)
    return emit(render_file(summary, args.format), args.output, args.force)


@heap.starting()  # a short command, all start-up
def nrm(args: argparse.Namespace) -> int:
    from screener.casefile.read import load_case
    from screener.content import default_pack_path
    from screener.engine import screen
    from screener.nrm.load import load_form
    from screener.nrm.prepare import prepare
    from screener.nrm.render import render

    check_format(args.format, args.output, args.force)
    pack = load(args.pack)
    form = load_form(args.pack or default_pack_path(), pack)
    case = load_case(args.case, set(pack.questions), set(pack.indicators), args.as_at)
    if not _privacy_ok(args, case, pack):
        return 2
    # No area file: the preparation holds the case's answers, never local contacts.
    summary = screen(pack, case, args.as_at, None)
    return emit(render(prepare(form, pack, case, summary), args.format), args.output, args.force)


def _privacy_ok(args: argparse.Namespace, case: object, pack: object) -> bool:
    """Warn on stderr (one line) when the case's reference or notes look like they hold personal details."""
    from screener.privacy import check_case, warning

    findings = check_case(case, pack)  # type: ignore[arg-type]
    if not findings:
        return True
    if args.strict_privacy:
        sys.stderr.write(f"{args.case}: {warning(findings, 'the case')} (refused: --strict-privacy)\n")
        return False
    sys.stderr.write(f"screener: warning: {args.case}: {warning(findings, 'the case')}\n")
    return True


@heap.starting()  # a short command, all start-up
def compare(args: argparse.Namespace) -> int:
    from screener.area.default import resolve
    from screener.casefile.read import load_case
    from screener.compare import check_pair, compare_screenings, comparison_output
    from screener.engine import screen
    from screener.errors import InputError

    check_format(args.format, args.output, args.force)
    pack = load(args.pack)
    cases = []
    problems = []
    for path in (args.old, args.new):
        try:
            cases.append(load_case(path, set(pack.questions), set(pack.indicators)))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    old, new = cases
    check_pair(args.old, old, args.new, new)
    area = resolve(args.area, args.no_area, pack, new.jurisdiction)
    old_summary, new_summary = screen(pack, old, None, area), screen(pack, new, None, area)
    result = compare_screenings(args.old, old, old_summary, args.new, new, new_summary)
    return emit(comparison_output(result, args.format), args.output, args.force)


@heap.starting()  # the front end settles the collector just before it takes input
def run_walkthrough(args: argparse.Namespace) -> int:
    pack = load(args.pack)
    if args.pack is not None:
        pack.memo["root"] = args.pack  # where the NRM preparation's form (nrm.yaml) is read from
    case = None
    case_path = Path(args.case) if args.case is not None else None
    if case_path is not None:
        from screener.casefile.read import load_case

        case = load_case(case_path, set(pack.questions), set(pack.indicators), args.as_at)
    from screener.area.default import resolve
    from screener.walkthrough.session import Session

    area = resolve(args.area, args.no_area, pack, case.jurisdiction if case is not None else None)
    session = Session.open(pack, case, as_at=args.as_at, case_path=case_path, area=area)
    if args.plain or not can_run_app():
        from screener.plain import run_plain

        return run_plain(session)
    from screener.tui.app import ScreenerApp, run_app

    app = ScreenerApp(session)
    if old_console():
        app.start_notice = OLD_CONSOLE_ADVICE
    return run_app(app)
