"""How to build the questionnaire in each survey tool and export its answers: what `revops
form --tool NAME` adds to the questionnaire.

A menu item or setting is named only where documentation of the tool confirmed it; elsewhere
a step says what the file must hold rather than where to click.
"""

from __future__ import annotations

from typing import NamedTuple


class ToolGuide(NamedTuple):
    name: str  # as the tool calls itself
    setup: tuple[str, ...]  # how to set the questions up, one step a line
    export: tuple[str, ...]  # how to export the answers, one step a line


# The steps every tool shares, said once.
_CHOICE = (
    "Make every assessment question a single-answer choice question with its options in the "
    "order given, no 'Other' option, options not shuffled and the question not required: a "
    'leader who does not know skips it or picks "Don\'t know".'
)
_AS_COMES = "Score the file as it comes: `revops score FILE`. Do not delete or rename its columns."

TOOLS: dict[str, ToolGuide] = {
    "google": ToolGuide(
        "Google Forms",
        (
            "Make the name, function and team questions Short answer questions.",
            _CHOICE + " In Google Forms: Multiple choice, not Checkboxes.",
            "To know who answered without asking, turn on collecting email addresses in the "
            "form's settings: the export then has an email column, which tells two "
            "submissions of one person apart from two people. The name question may then go.",
        ),
        (
            "Download the responses as a CSV file, or download the response spreadsheet linked "
            "to the form as CSV or .xlsx.",
            "Each row is one submission, headed by the timestamp and the question texts.",
            _AS_COMES,
        ),
    ),
    "microsoft": ToolGuide(
        "Microsoft Forms",
        (
            "Make the name, function and team questions Text questions.",
            _CHOICE + " In Microsoft Forms: Choice, with multiple answers off.",
            "Who can fill in the form decides whether names are recorded: when anyone may "
            "respond, answers arrive without names; when only people in your organisation may, "
            "the form can record their names. With names recorded, the name question may go; "
            "without them, keep it.",
        ),
        (
            "Open the form's responses and take the Excel workbook the responses are kept in.",
            "`revops score` reads the workbook as it is, with Microsoft's own columns beside "
            "the questions.",
            _AS_COMES,
        ),
    ),
    "surveymonkey": ToolGuide(
        "SurveyMonkey",
        (
            "Make the name, function and team questions questions with one text box each.",
            _CHOICE,
        ),
        (
            "Export every response as a CSV file with the answers written as the options' "
            "text, not as numbers.",
            "The file has two header rows, the question texts and then the words under them, "
            "and SurveyMonkey's own columns first (Respondent ID, Collector ID, Start Date, "
            "End Date, IP Address, Email Address, First Name, Last Name, Custom Data): keep "
            "both header rows and every column.",
            _AS_COMES,
        ),
    ),
    "qualtrics": ToolGuide(
        "Qualtrics",
        (
            "Make the name, function and team questions Text Entry questions.",
            _CHOICE + " In Qualtrics: Multiple Choice, single answer.",
            "To know who answered without asking, send the survey by email distribution or "
            "personal links: the export then names each recipient (RecipientFirstName, "
            "RecipientLastName, RecipientEmail), and the name question may go.",
        ),
        (
            "On the Data & Analysis tab, open Export & Import, choose Export Data and pick CSV.",
            "Choose choice text (Use choice text), not numeric values: `revops score` reads "
            "the options' words.",
            "The file has three header rows (the field ids such as Q1, the question texts, and "
            "Qualtrics' import ids): keep all three, and every column.",
            _AS_COMES,
        ),
    ),
    "typeform": ToolGuide(
        "Typeform",
        (
            "Make the name, function and team questions short text questions.",
            _CHOICE + " Leave multiple selection off.",
        ),
        (
            "Download all the responses from the form's Results as a CSV file.",
            "Each row is one submission, headed by the question texts.",
            _AS_COMES,
        ),
    ),
}


def tool_lines(tool: str, markdown: bool) -> list[str]:
    """The setup and export steps for one tool, as a section of the questionnaire."""
    import textwrap

    guide = TOOLS[tool]
    lines: list[str] = []
    for title, steps in (
        (f"Setting it up in {guide.name}", guide.setup),
        (f"Exporting the answers from {guide.name}", guide.export),
    ):
        lines += [f"## {title}" if markdown else title, ""]
        for step in steps:
            if markdown:
                lines.append(f"- {step}")
            else:
                lines += textwrap.wrap(step, width=92, initial_indent="- ", subsequent_indent="  ")
        lines.append("")
    return lines
