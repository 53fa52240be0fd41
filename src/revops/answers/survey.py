"""Survey-tool exports read as they come: which column holds what, and what a cell means.

A team CSV names its columns respondent, role, team, date and question ids. A Google Forms,
Microsoft Forms, SurveyMonkey, Qualtrics or Typeform export names them by the question's
text (exports.py makes a header of several rows one), puts the chosen option's text in the
cells, and adds columns of its own (a timestamp, an email address, a response id).
`layout` maps any such header to the parts the CSV reader needs; `option_values` maps the
text of a question's options to their levels. docs/assets/answer-survey.js does the same for
the page, and tests/cases/reading-survey.json holds the two together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from revops.foundation.values import RetiredEntry, retired_message
from revops.foundation.wording import (
    Options,
    header_key,
)

FIXED = ("respondent", "role", "team", "date")
_TIMESTAMP = re.compile(r"^(\S+)[ T][0-9]{1,2}:[0-9]{2}")  # the date part of a date and time
_YEAR_FIRST = re.compile(r"^([0-9]{4})[/-]([0-9]{1,2})[/-]([0-9]{1,2})$")

# Columns survey tools add, by their normalised header.
NAME_HEADERS = ("name", "full name", "your name", "what is your name", "respondent name")
EMAIL_HEADERS = (
    "email",
    "email address",
    "e mail",
    "e mail address",
    "username",
    "recipientemail",
)
# The tool's own id of a response: who answered when there is no email and no name.
ID_HEADERS = ("id", "respondent id", "responseid", "response id")
# When the answers were given, most telling first: a response's end beats its start.
TIME_HEADERS = (
    "completion time",
    "submit date utc",
    "submitted at",
    "recordeddate",
    "end date",
    "enddate",
    "timestamp",
)
SKIPPED_HEADERS = (
    "start time",
    "start date utc",
    "stage date utc",
    "last modified time",
    "network id",
    "response type",
    "tags",
    "score",
    "token",
    "total points",
    "quiz feedback",
    "ip address",
    "start date",
    # SurveyMonkey's own columns
    "collector id",
    "first name",
    "last name",
    "custom data 1",
    # Qualtrics' own columns, by the ids of its first header row
    "startdate",
    "status",
    "ipaddress",
    "progress",
    "duration in seconds",
    "finished",
    "recipientlastname",
    "recipientfirstname",
    "externalreference",
    "externaldatareference",
    "locationlatitude",
    "locationlongitude",
    "distributionchannel",
    "userlanguage",
)
ROLE_WORDS = ("function", "role", "department")
TEAM_WORDS = ("team", "company", "organisation", "organization")
ROLE_SET, TEAM_SET = frozenset(ROLE_WORDS), frozenset(TEAM_WORDS)
NO_QUESTION = (
    "no column names a question; the header needs question ids or the questions' "
    "text (run `revops template --format csv` or `revops form`)"
)
MAX_LISTED = 10  # columns named in one message; the rest are counted


class Layout:
    """Which column holds what. Indexes into the header; None when the file has no such
    column. `timestamp` is set when the date comes from a survey tool's date and time."""

    def __init__(self) -> None:
        self.respondent: int | None = None
        self.role: int | None = None
        self.team: int | None = None
        self.date: int | None = None
        self.timestamp = False
        self.questions: list[tuple[int, str]] = []  # (column, question id)
        self.evidence: list[tuple[int, str]] = []  # "<id>:evidence" columns
        self.problems: list[str] = []
        self.notes: list[str] = []  # e.g. a retired question's column
        self.left_out: list[str] = []  # columns `ignore` named
        # who answered: the columns to take the name from, and the person's identity
        # from, the first filled one of each on a row (a name typed in the form first)
        self.shown_as: list[int] = []
        self.identity: list[int] = []


def layout(
    header: list[str],
    questions: dict[str, tuple[str, Options]],
    ignore: tuple[str, ...] = (),
    retired: dict[str, str] | None = None,
    retired_texts: dict[str, str] | None = None,
) -> Layout:
    """Map a stripped header to the parts of an answer. `questions`: id -> (text, options);
    `ignore`: columns to leave out, by name or, as question texts are matched, by text;
    `retired`: retired question id -> the message that names its replacement;
    `retired_texts`: a retired question's wording (header_key) -> that message: an export
    of an earlier form still scores, that column left out with a note.
    Problems (duplicates, columns that match nothing) are listed in the result."""
    reading = _Reading(header, questions, ignore, retired or {})
    reading.retired_texts = retired_texts or {}
    for index, column in enumerate(header):
        reading.place(index, column)
    return reading.finish()


class _Reading:
    """A header being mapped column by column; each kind of column has its own step."""

    def __init__(
        self,
        header: list[str],
        questions: dict[str, tuple[str, Options]],
        ignore: tuple[str, ...],
        retired: dict[str, str],
    ) -> None:
        self.header, self.questions, self.retired = header, questions, retired
        self.by_text: dict[str, str] = {}
        for question_id, (text, _) in questions.items():
            self.by_text.setdefault(header_key(text), question_id)
        self.ignored = {name.strip().lower() for name in ignore}
        self.ignored_keys = {header_key(name) for name in ignore} - {""}
        self.found = Layout()
        self.names: dict[str, int] = {}  # the columns that could name the respondent or date
        self.people: dict[str, list[int]] = {"name": [], "email": [], "id": []}
        self.taken: dict[str, int] = {}  # question id (or fixed column) -> its column
        self.unknown: list[str] = []
        self.retired_texts: dict[str, str] = {}
        self.steps = (  # in order: the first that knows a column takes it
            self._ignored,
            self._evidence,
            self._ignored_evidence,
            self._fixed,
            self._question,
            self._retired,
        )

    def place(self, index: int, column: str) -> None:
        """Note what one column holds: the first step that knows the column takes it. The
        header is normalised once here: a million-column header must stay within the limit."""
        key = header_key(column)
        for step in self.steps:
            if step(index, column, key):
                return
        self._metadata(index, column, key)

    def _ignored(self, index: int, column: str, key: str) -> bool:
        """A column --ignore-column names."""
        if column.lower() in self.ignored or key in self.ignored_keys:
            self.found.left_out.append(column)
            return True
        return False

    def _evidence(self, index: int, column: str, key: str) -> bool:
        """An "<id>:evidence" column of a question."""
        evidence_of = _evidence_column(column)
        if not evidence_of or evidence_of not in self.questions:
            return False
        self._take(f"{evidence_of}:evidence", index, column)
        self.found.evidence.append((index, evidence_of))
        return True

    def _ignored_evidence(self, index: int, column: str, key: str) -> bool:
        """The evidence of a question that is left out: left out too."""
        evidence_of = _evidence_column(column)
        if evidence_of and evidence_of.lower() in self.ignored:
            self.found.left_out.append(column)
            return True
        return False

    def _fixed(self, index: int, column: str, key: str) -> bool:
        """One of the columns of a team CSV: respondent, role, team, date."""
        if column.lower() not in FIXED:
            return False
        self._take(column.lower(), index, column)
        return True

    def _take(self, part: str, index: int, column: str) -> None:
        """The column holds this part; a second column for it is a duplicate (the later wins)."""
        if part in self.taken:
            self.found.problems.append(f"duplicate column '{column[:60]}'")
        self.taken[part] = index

    def _question(self, index: int, column: str, key: str) -> bool:
        """A question, by its id or its text."""
        question_id = column if column in self.questions else self.by_text.get(key)
        if question_id is None:
            return False
        if question_id not in self.taken:
            self.taken[question_id] = index
            self.found.questions.append((index, question_id))
            return True
        first = self.header[self.taken[question_id]]
        self.found.problems.append(
            f"duplicate column '{column[:60]}'"
            if first == column
            else f"columns '{first[:60]}' and '{column[:60]}' both match question "
            f"'{question_id}'; keep one of them"
        )
        return True

    def _retired(self, index: int, column: str, key: str) -> bool:
        """A question since replaced: say by what. Named by its id, it is a problem (the
        file names it on purpose); by its wording, an earlier form's export: a note."""
        if column in self.retired:
            self.found.problems.append(self.retired[column])
            return True
        if message := self.retired_texts.get(key):
            self.found.notes.append(f"column '{column[:60]}' left out: {message}")
            return True
        return False

    def _metadata(self, index: int, column: str, key: str) -> None:
        """A survey tool's own column, the first of its kind; else a column matching nothing."""
        kind = _metadata(key, column)
        if kind == "skip":
            return
        if kind in self.people:  # a name typed in the form before the tool's own
            people = self.people[kind]
            people.insert(len(people) if key == "name" else 0, index)
            self.names.setdefault(kind, index)
        elif kind is not None and kind not in self.names:
            self.names[kind] = index
        else:
            self.unknown.append(column)

    def finish(self) -> Layout:
        """The layout, with survey tools' own columns standing in for missing fixed ones."""
        found, names = self.found, self.names
        for fixed in FIXED:
            setattr(found, fixed, self.taken.get(fixed))
        people = self.people
        if found.respondent is None:
            found.shown_as = people["name"] + people["email"]
            found.identity = people["email"] + people["name"] + people["id"]
            found.respondent = found.shown_as[0] if found.shown_as else None
        else:
            found.shown_as = found.identity = [found.respondent]
        found.role = found.role if found.role is not None else names.get("role")
        found.team = found.team if found.team is not None else names.get("team")
        if found.date is None:
            times = [names[kind] for kind in TIME_HEADERS if kind in names]
            found.date, found.timestamp = (times[0], True) if times else (None, False)
        if self.unknown:
            found.problems.append(_unknown_message(self.unknown, self.questions))
        elif not found.questions:
            found.problems.append(NO_QUESTION)
        return found


def _evidence_column(column: str) -> str | None:
    """The question id of an "<id>:evidence" column, which holds what backs each answer."""
    question_id, colon, suffix = column.rpartition(":")
    return question_id.strip() if colon and suffix.strip().lower() == "evidence" else None


def _metadata(key: str, column: str) -> str | None:
    """What a survey tool's own column holds: 'name', 'email', 'id', 'role', 'team', a time
    header, 'skip' for columns of no use here, or None."""
    if key in SKIPPED_HEADERS:
        return "skip"
    if column == "#" or key in ID_HEADERS:  # Typeform's token, the others' response ids
        return "id"
    if key in NAME_HEADERS:
        return "name"
    if key in EMAIL_HEADERS:
        return "email"
    if key in TIME_HEADERS:
        return key
    words = key.split()
    if not ROLE_SET.isdisjoint(words):
        return "role"
    if not TEAM_SET.isdisjoint(words):
        return "team"
    return None


def _unknown_message(columns: list[str], questions: dict[str, tuple[str, Options]]) -> str:
    """One message for the columns that matched nothing: the first few by name, each with
    the nearest question, then how many more (a header may hold a million)."""
    by_key = {header_key(text): (question_id, text) for question_id, (text, _) in questions.items()}
    shown, rest = columns[:MAX_LISTED], len(columns) - MAX_LISTED
    import difflib  # here: only a problem's message needs it

    hints = []
    for column in shown:
        if " " in column.strip():  # question text: the question whose text is closest
            close = difflib.get_close_matches(header_key(column), list(by_key), n=1, cutoff=0.6)
            hints += [
                f"'{column[:100]}' is closest to {by_key[close[0]][0]}: "
                f"'{by_key[close[0]][1][:100]}'"
                for _ in close[:1]
            ]
        else:  # an id
            close = difflib.get_close_matches(column, list(questions), n=1)
            hints += [f"'{column[:100]}' is closest to '{close[0]}'" for _ in close[:1]]
    listed = ", ".join(f"'{column[:100]}'" for column in shown)
    listed += f" and {rest:,} more" if rest > 0 else ""
    closest = f" ({'; '.join(hints)})" if hints else ""
    return (
        f"columns that match no question: {listed}{closest}; leave a column out with "
        "--ignore-column NAME, or run `revops form` for the questions' wording"
    )


def timestamp_date_text(raw: str) -> str:
    """The date part of a survey tool's date and time ("2026/06/30 10:15:22 AM GMT+1"),
    with a year-first date written YYYY-MM-DD, ready for the CSV date reader."""
    text = raw.strip()
    if match := _TIMESTAMP.match(text):
        text = match.group(1)
    if match := _YEAR_FIRST.match(text):
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


def retired_texts(retired: Mapping[str, RetiredEntry]) -> dict[str, str]:
    """A retired question's wording (as headers are matched) -> the message naming what
    replaced it, for the retired questions whose wording the bank keeps."""
    return {
        header_key(text): retired_message(question_id, entry)
        for question_id, entry in retired.items()
        if (text := entry.get("text"))
    }
