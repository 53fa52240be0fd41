"""The `revops` command line: every command, option and help text, each command pointing at
the function that runs it (cli/commands.py, cli/score.py)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from revops.advice.plan_limits import DEFAULT_LOAD, DEFAULT_QUARTERS, MAX_QUARTERS
from revops.cli.commands import EXAMPLES, run_form, run_new, run_template, run_validate
from revops.cli.help_width import Parser
from revops.cli.plan import run_plan
from revops.cli.score import run_score
from revops.foundation.version import __version__
from revops.reports import DEFAULT_SITE_URL, FORMATS, PLAN_FORMATS, site_url_problem

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]  # add_subparsers() gives it


def _site_url(text: str) -> str:
    """An absolute http(s) address: anything else (javascript:, a file path) would become a
    link in every report."""
    if message := site_url_problem(text):
        raise argparse.ArgumentTypeError(message)
    return text


def _label(text: str) -> str:
    if not text.strip() or not text.isprintable():
        raise argparse.ArgumentTypeError("give a name of printable characters")
    return text.strip()


def _date_option(text: str) -> dt.date:
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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given a command's name, the parser with that command
    alone, which parses its arguments as the whole one does, its others left unbuilt."""
    parser: argparse.ArgumentParser = Parser(  # the commands' parsers are of its class too
        prog="revops",
        description="RevOps Playbook: check the playbook content and score maturity assessments.",
    )
    parser.add_argument("--version", action="version", version=f"revops {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for name, add in COMMANDS.items():
        if command in (None, name):
            add(commands)
    return parser


def _validate(commands: Commands) -> None:
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


def _score(commands: Commands) -> None:
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
    _history_and_links(score)
    _answer_options(score)
    _company_options(score)
    _root_option(score, packaged=True)
    _overlay_option(score)
    score.set_defaults(run=run_score)


def _plan(commands: Commands) -> None:
    plan = commands.add_parser(
        "plan",
        help="turn the gaps to each rule's target into an improvement plan",
        description="Score the answer files as `revops score` does, then write a plan for "
        "each rule below its target: the items that lift it a level at a time, each with "
        "an owner, a forum, a metric, the evidence that proves it done and a due date. Exit "
        "codes: 0 plan written (an overloaded function is marked, and warned about), 1 an "
        "input file missing, unreadable or invalid, 2 usage error.",
    )
    plan.add_argument("files", nargs="+", type=Path, metavar="FILE", help="answer files")
    plan.add_argument(
        "--format", choices=PLAN_FORMATS, default="terminal", help="plan format (default: terminal)"
    )
    plan.add_argument(
        "--output",
        metavar="PATH",
        help="write the plan to PATH instead of printing it: a new file or an ordinary one "
        "to replace, never one of the inputs",
    )
    plan.add_argument(
        "--start",
        type=_date_option,
        metavar="YYYY-MM-DD",
        help="the first day of the plan (default: the assessment's date, else today)",
    )
    plan.add_argument(
        "--quarters",
        type=int,
        default=DEFAULT_QUARTERS,
        metavar="N",
        help=f"three-month periods the plan spans, 1 to {MAX_QUARTERS} (default: "
        f"{DEFAULT_QUARTERS})",
    )
    plan.add_argument(
        "--load",
        type=int,
        default=DEFAULT_LOAD,
        metavar="N",
        help=f"the most items one function takes in a quarter (default: {DEFAULT_LOAD}, the "
        "playbook's heuristic for work beside a function's day job)",
    )
    _history_and_links(plan)
    _answer_options(plan)
    _company_options(plan)
    _root_option(plan, packaged=True)
    _overlay_option(plan)
    plan.set_defaults(run=run_plan)


def _answer_options(score: argparse.ArgumentParser) -> None:
    """How `revops score` reads the answers: sheet, dates, columns, names, team."""
    score.add_argument(
        "--sheet",
        metavar="NAME",
        help="the sheet to read in .xlsx and .ods files (default: the first)",
    )
    score.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="how to read a date such as 01/02/2026 in a CSV or sheet: day "
        "first (dmy) or month first (mdy); without it the column's other dates "
        "settle the order, and a column none of them settles is refused",
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


def _history_and_links(score: argparse.ArgumentParser) -> None:
    """Earlier assessments, the site the report links to, how much advice."""
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


def _company_options(score: argparse.ArgumentParser) -> None:
    """What `revops score` knows of the company besides the answers: stage, motion, readings."""
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
    score.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="RULE=LEVEL",
        help="the level to aim for on a rule, e.g. alignment=4 (repeatable), in place of "
        "the answer files' targets for that rule; rules without one take the stage's "
        "default target when a stage is known",
    )


def _template(commands: Commands) -> None:
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


def _form(commands: Commands) -> None:
    form = commands.add_parser(
        "form",
        help="print the questionnaire to paste into a survey tool",
        description="Print every question with its options, in order and in the words that "
        "`revops score` reads back from a survey tool's export (Google Forms, Microsoft Forms, "
        "SurveyMonkey, Qualtrics or Typeform): "
        "first the name, function and team questions, then the assessment.",
    )
    form.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="plain text to paste question by question, or Markdown (default: text)",
    )
    from revops.bank.form_tools import TOOLS  # here: only `form` and the whole help show them

    form.add_argument(
        "--tool",
        choices=TOOLS,
        help="add how to set the questions up in this survey tool and which export to take",
    )
    _root_option(form, packaged=True)
    _overlay_option(form)
    form.set_defaults(run=run_form)


def _new(commands: Commands) -> None:
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


def _new_kind(
    kinds: Commands, name: str, help_text: str, metavar: str, id_help: str, **options: Any
) -> None:
    """One `revops new KIND ID [--OPTION ...] [--root DIR]` subcommand, run by run_new."""
    command = kinds.add_parser(name, help=help_text)
    command.add_argument("id", metavar=metavar, help=id_help)
    for option, settings in options.items():
        command.add_argument(f"--{option}", **settings)
    _root_option(command)
    command.set_defaults(run=run_new)


# Each command's name and the function that adds it, in the order --help lists them
COMMANDS = {
    "validate": _validate,
    "score": _score,
    "plan": _plan,
    "template": _template,
    "form": _form,
    "new": _new,
}
