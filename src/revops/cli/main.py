"""The `revops` command: validate the content, score assessments, print sheets, scaffold."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from revops.foundation.problems import InvalidInput
from revops.foundation.version import __version__
from revops.reports import DEFAULT_SITE_URL, FORMATS

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
MAX_SHOWN = 50  # problems printed before the rest are only counted
MAX_PREVIOUS = 40  # earlier assessments in one history: ten years of quarters
EXAMPLES = "assessment/examples"
# Characters that would end a link early in the Markdown or HTML report
URL_BREAKERS = set(" <>\"'`()\\")


def _site_url(text: str) -> str:
    """An absolute http(s) address: anything else (javascript:, a file path) would become a
    link in every report."""
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or URL_BREAKERS.intersection(text)
        or not text.isprintable()
    ):
        raise argparse.ArgumentTypeError(
            f"'{text[:80]}' is not an absolute http:// or https:// address without spaces, "
            "query or fragment; use e.g. https://example.com/playbook/"
        )
    return text


def _label(text: str) -> str:
    if not text.strip() or not text.isprintable():
        raise argparse.ArgumentTypeError("give a name of printable characters")
    return text.strip()


def _date_option(text: str):
    from revops.foundation.values import parse_date

    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _root_option(parser: argparse.ArgumentParser, packaged: bool = False) -> None:
    fallback = (
        ", or the question bank this installation carries when there is none" if packaged else ""
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None if packaged else Path("."),
        metavar="DIR",
        help="project folder holding playbook/ and assessment/ "
        f"(default: the current folder{fallback})",
    )


def _overlay_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--overlay",
        type=Path,
        metavar="FILE",
        help="a company overlay (YAML) that hides, adds or reweights questions "
        "by id; see CONTRIBUTING.md",
    )


def _bank(args: argparse.Namespace):
    """(bank, where it came from, the overlay applied or None); InvalidInput if either is
    invalid."""
    from revops.bank.cache import find_bank

    bank, source = find_bank(args.root)
    if args.overlay is None:
        return bank, source, None
    from revops.content.overlay import load_overlay

    applied = load_overlay(args.overlay, bank)
    return applied.bank, source, applied


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revops",
        description="RevOps Playbook: check the playbook content and score maturity assessments.",
    )
    parser.add_argument("--version", action="version", version=f"revops {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    validate = commands.add_parser(
        "validate",
        help="check every playbook and assessment YAML file and the example answer files",
        description="Check every YAML file under playbook/ and assessment/ against the schema "
        f"and the cross-references, then read every answer file in {EXAMPLES}/ as `revops "
        "score` would. Prints each problem as path:line:column: message and exits 1, or prints "
        "a one-line summary and exits 0.",
    )
    _root_option(validate)
    _overlay_option(validate)
    validate.set_defaults(run=run_validate)

    score = commands.add_parser(
        "score",
        help="score answer files and write a maturity report",
        description="Score one or more answer files (YAML, JSON, or a CSV, .xlsx or .ods "
        "file with one row per respondent) and write a maturity report. Exit codes: 0 "
        "report written, 1 an input file missing, unreadable or invalid, 2 usage error.",
    )
    score.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="answer files; several files (or CSV rows) are several respondents",
    )
    score.add_argument(
        "--format", choices=FORMATS, default="terminal", help="report format (default: terminal)"
    )
    score.add_argument(
        "--output",
        metavar="PATH",  # kept as text: Path drops a final '/'
        help="write the report to PATH instead of printing it: a new file or "
        "an ordinary one to replace, never one of the inputs",
    )
    score.add_argument(
        "--previous",
        type=Path,
        metavar="FILE",
        action="append",
        default=[],
        help="an earlier answer file or JSON report, to show the change per rule "
        "since then; repeat it for a history over several assessments, in any "
        "order",
    )
    score.add_argument(
        "--site-url",
        default=DEFAULT_SITE_URL,
        metavar="URL",
        type=_site_url,
        help="base address for links to the playbook, http:// or https:// "
        f"(default: {DEFAULT_SITE_URL})",
    )
    score.add_argument(
        "--top",
        type=int,
        default=3,
        metavar="N",
        help="how many rules to recommend work on (default: 3)",
    )
    score.add_argument(
        "--sheet",
        metavar="NAME",
        help="the sheet to read in .xlsx and .ods files (default: the first)",
    )
    score.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="how to read a date such as 01/02/2026 in a CSV or sheet: day "
        "first (dmy) or month first (mdy); without it such a date is refused",
    )
    score.add_argument(
        "--ignore-column",
        action="append",
        default=[],
        metavar="NAME",
        help="leave out a column of a CSV or sheet that matches no question (repeatable)",
    )
    score.add_argument(
        "--anonymous",
        action="store_true",
        help="leave every respondent's name and file name out of the report: "
        "respondents become 'sales 1', 'marketing 1', ...",
    )
    score.add_argument(
        "--team",
        metavar="NAME",
        type=_label,
        help="the team's name, for respondents whose file gives none",
    )
    score.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        type=_date_option,
        help="when the answers were given, for respondents whose file gives none",
    )
    score.add_argument(
        "--stage",
        metavar="ID",
        type=_label,
        help="the company's stage (early, scale-up, enterprise): what its "
        "guidance puts first is recommended first; overrides the files' profile",
    )
    score.add_argument(
        "--motion",
        metavar="ID",
        type=_label,
        help="the company's sales motion (sales-led, product-led, hybrid), likewise",
    )
    score.add_argument(
        "--reading",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="a reading of a catalogue metric, e.g. forecast-accuracy=0.82, "
        "checked against its rule's rating (repeatable); for answers in a CSV, "
        "whose rows cannot carry one",
    )
    _root_option(score, packaged=True)
    _overlay_option(score)
    score.set_defaults(run=run_score)

    template = commands.add_parser(
        "template",
        help="print a blank answer sheet",
        description="Print a blank answer sheet with every question present and unanswered. "
        "The YAML sheet carries each question and its options as comments.",
    )
    template.add_argument(
        "--format", choices=("yaml", "csv"), default="yaml", help="sheet format (default: yaml)"
    )
    _root_option(template, packaged=True)
    _overlay_option(template)
    template.set_defaults(run=run_template)

    form = commands.add_parser(
        "form",
        help="print the questionnaire to paste into a survey tool",
        description="Print every question with its options, in order and in the words that "
        "`revops score` reads back from a Google Forms, Microsoft Forms or Typeform export: "
        "first the name, function and team questions, then the assessment.",
    )
    form.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="plain text to paste question by question, or Markdown (default: text)",
    )
    _root_option(form, packaged=True)
    _overlay_option(form)
    form.set_defaults(run=run_form)

    new = commands.add_parser(
        "new",
        help="start a new rule, question, metric or forum from a TODO skeleton",
        description="Write a new rule (with its question file), or add "
        "a question, metric or forum, every field present and marked "
        "TODO. The files validate as written; `revops validate` warns "
        "until every TODO is replaced.",
    )
    kinds = new.add_subparsers(dest="kind", metavar="KIND")
    kinds.required = True
    _new_kind(
        kinds,
        "rule",
        "write playbook/rules/NN-ID.yaml and its questions",
        "ID",
        "the new rule's kebab-case id",
    )
    _new_kind(
        kinds,
        "question",
        "append a question to a rule's file",
        "RULE-ID",
        "the rule the question belongs to",
    )
    _new_kind(
        kinds,
        "metric",
        "add a metric to playbook/metrics/OWNER.yaml",
        "ID",
        "the new metric's kebab-case id",
        owner=dict(
            default="revops",
            metavar="FUNCTION",
            help="the function that owns it, from playbook/team.yaml; the metric goes "
            "into playbook/metrics/FUNCTION.yaml (default: revops)",
        ),
    )
    _new_kind(
        kinds,
        "forum",
        "add a forum to playbook/operating-rhythm.yaml",
        "ID",
        "the new forum's kebab-case id",
    )
    return parser


def _new_kind(
    kinds, name: str, help_text: str, metavar: str, id_help: str, **options: dict
) -> None:
    """One `revops new KIND ID [--OPTION ...] [--root DIR]` subcommand, run by run_new."""
    command = kinds.add_parser(name, help=help_text)
    command.add_argument("id", metavar=metavar, help=id_help)
    for option, settings in options.items():
        command.add_argument(f"--{option}", **settings)
    _root_option(command)
    command.set_defaults(run=run_new)


def run_validate(args: argparse.Namespace) -> int:
    from revops.answers.documents import load_answer_files
    from revops.bank.cache import has_content
    from revops.content.playbook import load_playbook

    if args.overlay is not None and not has_content(args.root) and args.root == Path("."):
        return _validate_overlay_alone(args)  # an installed revops, outside any project
    try:
        playbook = load_playbook(args.root)
        examples = args.root / EXAMPLES
        files = (
            sorted(f for f in examples.iterdir() if f.is_file() and not f.name.startswith("."))
            if examples.is_dir()
            else []
        )
        load_answer_files(files, playbook)
        overlay = _overlay_on(playbook, args.overlay)
    except InvalidInput as error:
        return _report_problems(error)
    for warning in playbook.warnings:
        _say(f"warning: {warning}")
    answers = f"; {len(files)} example answer file{'s' if len(files) != 1 else ''} read"
    return _print(f"OK: {playbook.summary()}{answers if files else ''}{overlay}\n", "the summary")


def _overlay_on(playbook, path: Path | None) -> str:
    """'' or a note on the overlay at path, checked against the playbook's questions."""
    if path is None:
        return ""
    from revops.bank.build import bank
    from revops.content.overlay import load_overlay

    applied = load_overlay(path, bank(playbook))
    return f"; overlay {path.name}: {applied.summary()}"


def _validate_overlay_alone(args: argparse.Namespace) -> int:
    args.root = None  # the packaged bank
    try:
        bank, source, applied = _bank(args)
    except InvalidInput as error:
        return _report_problems(error)
    return _print(
        f"OK: overlay {args.overlay.name} fits {source}: {applied.summary()}\n", "the summary"
    )


def _report_problems(error: InvalidInput) -> int:
    for problem in error.problems[:MAX_SHOWN]:
        _say(problem)
    count = len(error.problems)
    if count > MAX_SHOWN:
        rest = count - MAX_SHOWN
        _say(f"... and {rest} more problem{'s' if rest != 1 else ''}")
    _say(f"{count} problem{'s' if count != 1 else ''} found")
    return EXIT_INVALID


def _say(text: object) -> None:
    """A line on standard error, with any control character from a file name or a file's
    text shown as an escape rather than sent to the terminal."""
    from revops.foundation.characters import shown

    print(shown(str(text)), file=sys.stderr)


def _usage(message: str) -> int:
    _say(f"revops: error: {message}")
    return EXIT_USAGE


def _inputs(args: argparse.Namespace) -> list[Path]:
    """Every file score reads: the answers, earlier assessments, overlay and content."""
    from revops.bank.cache import content_files, has_content

    folder = Path(".") if args.root is None else args.root
    content = content_files(folder) if has_content(folder) else []
    overlay = [] if args.overlay is None else [args.overlay]
    return [*args.files, *args.previous, *overlay, *content]


def _print(text: str, what: str) -> int:
    from revops.foundation.output import write_stdout

    return EXIT_OK if write_stdout(text, what) else EXIT_INVALID


def run_score(args: argparse.Namespace) -> int:
    from revops.answers.documents import drop_repeats, load_answer_files
    from revops.answers.readings import combine_readings, option_readings
    from revops.bank.cache import fingerprint
    from revops.bank.profile import choose_profile, known_profiles
    from revops.foundation.output import UnsafeTarget, check_target, write_atomically
    from revops.previous import in_order
    from revops.reports import render, to_dict
    from revops.scoring.formula import Scorer

    if args.top < 0:
        return _usage("--top must be 0 or more")
    if len(args.previous) > MAX_PREVIOUS:
        return _usage(
            f"--previous is given {len(args.previous)} times; a history takes at "
            f"most {MAX_PREVIOUS} earlier assessments, so leave out the oldest"
        )
    inputs = [] if args.output is None else _inputs(args)
    try:
        target = None if args.output is None else check_target(args.output, inputs)
    except UnsafeTarget as error:
        return _usage(str(error))
    try:
        bank, source, overlay = _bank(args)
        bank_hash = fingerprint(bank)  # names the content in the report; earlier reports checked
        scorer = Scorer(bank)
        team = args.team or (overlay and overlay.overlay.organisation)
        respondents = load_answer_files(
            args.files,
            scorer.bank,
            args.sheet,
            args.date_order,
            tuple(args.ignore_column),
            given={"team": team, "date": args.date},
        )
        respondents, repeats = drop_repeats(respondents)
        for warning in repeats:
            _say(f"warning: {warning}")
        for notice in respondents.notices:
            _say(f"note: {notice}")
        for respondent in respondents:  # the options fill what the files leave out
            respondent.team = respondent.team or team
            respondent.date = respondent.date or args.date
        if args.anonymous:
            _anonymise(respondents)
        profile = choose_profile(respondents, args.stage, args.motion, known_profiles(bank))
        readings = {**combine_readings(respondents), **option_readings(args.reading, bank)}
        result = scorer.score(respondents, top=args.top, profile=profile, readings=readings)
        if args.previous:
            scorer.add_history(
                result, in_order(_earlier(args.previous, scorer, bank_hash), result.date)
            )
    except InvalidInput as error:
        return _report_problems(error)
    report = to_dict(
        result,
        scorer.params,
        args.site_url,
        content={
            "source": source,
            "revops": __version__,
            "bank": bank_hash,
            **({"overlay": overlay.report} if overlay else {}),
        },
    )
    text = render(report, args.format)
    if target is None:
        return _print(text, "the report")
    try:
        write_atomically(target, text, inputs)
    except UnsafeTarget as error:
        return _usage(str(error))
    except OSError as error:
        return _usage(f"cannot write {args.output}: {error.strerror}")
    _say(f"wrote {args.format} report to {args.output}")
    return EXIT_OK


def _earlier(paths: list[Path], scorer, bank_hash: str) -> list:
    """Every earlier assessment given to --previous; InvalidInput lists the problems of all."""
    from revops.answers.documents import MAX_RESPONDENTS, TooManyRespondents
    from revops.previous import load_earlier

    found, problems = [], []
    room = MAX_RESPONDENTS  # shared by every earlier assessment, as by the current files
    for path in paths:
        try:
            found.append(load_earlier(path, scorer, bank_hash, room))
            room -= found[-1].respondents
        except TooManyRespondents as error:  # the files past it are not read
            problems += error.problems
            break
        except InvalidInput as error:
            problems += error.problems
    if problems:
        raise InvalidInput(problems)
    return found


def _anonymise(respondents) -> None:
    """Names become the function and a number; file names, which often carry a name, go."""
    counts: dict[str, int] = {}
    files: dict[str, int] = {}
    for respondent in respondents:
        label = respondent.role or "respondent"
        counts[label] = counts.get(label, 0) + 1
        respondent.name = f"{label} {counts[label]}"
        files.setdefault(respondent.source, len(files) + 1)
        respondent.source = f"answer file {files[respondent.source]}"


def run_template(args: argparse.Namespace) -> int:
    from revops.bank.sheets import csv_sheet, yaml_sheet

    try:
        bank, _, _ = _bank(args)
    except InvalidInput as error:
        return _report_problems(error)
    return _print(
        yaml_sheet(bank) if args.format == "yaml" else csv_sheet(bank), "the answer sheet"
    )


def run_form(args: argparse.Namespace) -> int:
    from revops.bank.sheets import survey_form

    try:
        bank, _, _ = _bank(args)
    except InvalidInput as error:
        return _report_problems(error)
    return _print(survey_form(bank, markdown=args.format == "markdown"), "the questionnaire")


def run_new(args: argparse.Namespace) -> int:
    from revops.content.playbook import load_playbook
    from revops.content.scaffold import ScaffoldError, new_forum, new_metric, new_question, new_rule
    from revops.foundation.output import UnsafeTarget

    try:
        playbook = load_playbook(args.root)
        if args.kind == "rule":
            written = new_rule(playbook, args.id)
        elif args.kind == "metric":
            written = [new_metric(playbook, args.id, args.owner)]
        elif args.kind == "forum":
            written = [new_forum(playbook, args.id)]
        else:
            path, question_id = new_question(playbook, args.id)
            written = [f"{path} (question {question_id})"]
    except InvalidInput as error:
        return _report_problems(error)
    except ScaffoldError as error:
        return _usage(str(error))
    except UnsafeTarget as error:  # a scaffold's file that must not be replaced
        return _usage(str(error))
    except OSError as error:
        return _usage(f"{error.filename or 'a file'}: {error.strerror}; nothing more written")
    return _print(
        "".join(f"wrote {path}\n" for path in written)
        + "Replace every TODO, then run `revops validate`.\n",
        "the summary",
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
