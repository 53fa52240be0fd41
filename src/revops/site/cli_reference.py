"""The command-line reference page, made from the `revops` argument parser itself.

The parser is handed in (the site may not import the command line): the glue in scripts/
passes `revops.cli.main.build_parser()`, so the page lists exactly what `--help` prints.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from functools import partial

from revops.site.generated import REFERENCE_INDEX, GeneratedPage
from revops.site.pages import render

CLI_PAGE = "reference/cli.md"
CLI_TITLE = "Command line"
USAGE_WIDTH = 88  # fixed, so the page does not follow the terminal it was built in


@dataclass(frozen=True)
class Argument:
    form: str  # as a reader types it, e.g. "--format {terminal,markdown}" or "FILE [FILE ...]"
    help: str


@dataclass(frozen=True)
class Command:
    name: str  # e.g. "revops new rule"
    anchor: str  # its heading id, e.g. "new-rule"
    summary: str  # the one line the parent command's help shows
    description: str
    usage: str
    arguments: list[Argument]  # positional ones first, then options


def _value_form(action: argparse.Action) -> str:
    """What follows an option or stands for a positional argument, as argparse prints it."""
    if action.metavar is not None:
        metavar = str(action.metavar)
    elif action.choices is not None:
        metavar = "{" + ",".join(str(choice) for choice in action.choices) + "}"
    else:
        metavar = action.dest.upper() if action.option_strings else action.dest
    if action.nargs == argparse.ONE_OR_MORE:
        return f"{metavar} [{metavar} ...]"
    if action.nargs == argparse.ZERO_OR_MORE:
        return f"[{metavar} ...]"
    if action.nargs == argparse.OPTIONAL:
        return f"[{metavar}]"
    return metavar


def _argument(action: argparse.Action) -> Argument:
    value = "" if action.nargs == 0 else _value_form(action)
    if not action.option_strings:
        return Argument(value, action.help or "")
    names = ", ".join(action.option_strings)
    return Argument(f"{names} {value}".strip(), action.help or "")


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = argparse.HelpFormatter(prog=parser.prog, width=USAGE_WIDTH)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    return formatter.format_help().strip()


def _subcommands(parser: argparse.ArgumentParser):
    """(name, summary, parser) of each subcommand, in the order the parser lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            summaries = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, child in action.choices.items():
                yield name, summaries.get(name, ""), child


def commands(parser: argparse.ArgumentParser, summary: str = "", path=()) -> list[Command]:
    """The command and every subcommand under it, depth first, in the parser's order."""
    arguments = [
        _argument(action)
        for action in parser._actions
        if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction))
    ]
    found = [
        Command(
            name=" ".join((parser.prog.split()[0], *path)),
            anchor="-".join(path) or "revops",
            summary=summary,
            description=parser.description or "",
            usage=_usage(parser),
            arguments=sorted(arguments, key=lambda argument: argument.form.startswith("-")),
        )
    ]
    for name, child_summary, child in _subcommands(parser):
        found += commands(child, child_summary, (*path, name))
    return found


def cli_reference(parser: argparse.ArgumentParser) -> str:
    """The page's Markdown."""
    return render("cli.md.j2", commands=commands(parser))


def cli_page(parser: argparse.ArgumentParser, edit_path: str) -> GeneratedPage:
    """The reference page for `parser`, listed after the reference pages; its edit link opens
    `edit_path`, the file that builds the parser."""
    return GeneratedPage(
        CLI_PAGE, CLI_TITLE, REFERENCE_INDEX, edit_path, partial(cli_reference, parser)
    )
