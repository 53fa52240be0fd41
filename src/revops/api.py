"""revops as a library: `assess` turns the content and a team's answers into the report that
`revops score` prints. The command line, the site's worked examples and the MkDocs glue all
call it. docs/api.md documents it for users."""

from __future__ import annotations

import datetime as dt
import operator
import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeGuard

from revops.advice.assessment import Assessment, advise
from revops.advice.plan_limits import DEFAULT_LOAD, DEFAULT_QUARTERS
from revops.advice.targets import choose_targets, files_targets
from revops.answers.documents import Respondent, Responses, drop_repeats, load_answer_files
from revops.answers.limits import MAX_RESPONDENTS, TooManyRespondents
from revops.answers.readings import combine_readings
from revops.bank.cache import find_bank, fingerprint
from revops.bank.profile import choose_profile, known_profiles
from revops.foundation.problems import InvalidInput, InvalidOption, Problem
from revops.options import (
    Notify,
    Options,
    PathLike,
    as_date,
    check_options,
    option_values,
)
from revops.reports import DEFAULT_SITE_URL
from revops.reports.build import ScoredAgainst, build_report, report_dump
from revops.scoring import fast

if TYPE_CHECKING:  # imported when used: `revops score` needs none of them
    from revops.advice.history import Earlier
    from revops.content.overlay import AppliedOverlay
    from revops.content.playbook import Playbook
    from revops.reports.model import Report


class RevOpsWarning(UserWarning):
    """A note or warning about the input that did not stop the assessment (issued when
    `assess` is given no `notify`)."""


def assess(
    content: PathLike | Playbook | Mapping[str, Any] | None,
    answers: PathLike | Sequence[PathLike] | Sequence[Respondent],
    *,
    previous: Sequence[PathLike | Earlier] = (),
    stage: str | None = None,
    motion: str | None = None,
    readings: Mapping[str, float] | Sequence[str] = (),
    targets: Mapping[str, int] | Sequence[str] = (),
    start: dt.date | str | None = None,
    quarters: int = DEFAULT_QUARTERS,
    load: int = DEFAULT_LOAD,
    anonymous: bool = False,
    team: str | None = None,
    date: dt.date | str | None = None,
    sheet: str | None = None,
    date_order: Literal["dmy", "mdy"] | None = None,
    ignore_columns: Sequence[str] = (),
    top: int = 3,
    site_url: str = DEFAULT_SITE_URL,
    overlay: PathLike | None = None,
    notify: Notify | None = None,
) -> Report:
    """Score a team's answers against the content and return the report (docs/api.md).

    content: the project folder (playbook/ and assessment/), a Playbook or a question bank;
        None: the project in the current folder, else the bank this installation carries.
    answers: answer files (YAML, JSON, CSV, .xlsx, .ods, survey exports) or Respondents.
    previous: earlier assessments (answer files, JSON reports or Earlier values), any order.
    stage, motion: the company's stage and sales motion, guidance ids that order the advice.
    readings: metric readings, {"forecast-accuracy": 0.82} or ["forecast-accuracy=0.82"].
    targets: the level to aim for per rule, {"alignment": 4} or ["alignment=4"].
    start, quarters, load: the improvement plan's first day, length and load per function.
    anonymous: leave names and file names out ("sales 1", "marketing 1", ...).
    team, date: the team's name and when they answered, for answers that give neither.
    sheet, date_order: an .xlsx or .ods file's sheet; "dmy" or "mdy" to read 01/02/2026.
    ignore_columns: columns of a CSV or sheet that match no question, to leave out.
    top: how many rules to recommend work on.
    site_url: the http(s) address of the playbook site the report links to.
    overlay: a company overlay (YAML) applied to the question bank.
    notify: called with each note or warning about the input (default: a RevOpsWarning).

    Raises InvalidInput with every problem found, located in its file or naming the option.
    """
    given = locals()  # the keyword options, as Options names them
    options = Options(**{name: given[name] for name in Options._fields})
    assessment, found = assessment_of(content, answers, options)
    return build_report(assessment, found.bank["parameters"], site_url, found.content)


def assess_dump(
    content: PathLike | Playbook | Mapping[str, Any] | None,
    answers: PathLike | Sequence[PathLike] | Sequence[Respondent],
    **options: Any,
) -> dict[str, Any]:
    """assess(content, answers, **options).dump(): the report as plain values, made without
    pydantic (which takes longer to import than one answer file takes to score). What
    `revops score` writes."""
    chosen = Options(**options)
    assessment, found = assessment_of(content, answers, chosen)
    return report_dump(assessment, found.bank["parameters"], chosen.site_url, found.content)


def assessment_of(
    content: PathLike | Playbook | Mapping[str, Any] | None,
    answers: PathLike | Sequence[PathLike] | Sequence[Respondent],
    options: Options,
) -> tuple[Assessment, FoundContent]:
    """The assessment a report is built from, and the content it was scored against."""
    say = options.notify or _warn
    check_options(options)
    found = find_content(content, options.overlay)
    given_readings, given = option_values(options, found.bank)
    respondents = read_answers(
        answers,
        found.bank,
        sheet=options.sheet,
        date_order=options.date_order,
        ignore_columns=options.ignore_columns,
        team=options.team or (found.overlay.overlay.organisation if found.overlay else None),
        date=as_date(options.date),
        notify=say,
    )
    if options.anonymous:
        respondents = anonymised(respondents)
    bank = found.bank
    profile = choose_profile(respondents, options.stage, options.motion, known_profiles(bank))
    readings = {
        **combine_readings(respondents),
        **given_readings,
    }
    result = fast.score(bank, respondents)
    earlier = read_earlier(options.previous, bank, found.content.bank, say)
    assessment = advise(
        bank,
        result,
        top=options.top,
        profile=profile,
        readings=readings,
        earlier=_in_order(earlier, result.date) if earlier else (),
        targets=choose_targets(
            bank, {**files_targets(respondents, given), **given}, profile["stage"]
        ),
    )
    if assessment.targets:
        from revops.advice.plan import make_plan  # here: a plan needs a target

        start = as_date(options.start) or as_date(result.date) or dt.date.today()
        _check_plan_end(start, options.quarters)
        plan = make_plan(bank, assessment, start, options.quarters, options.load)
        assessment = assessment._replace(plan=plan)
    return assessment, found


def _check_plan_end(start: dt.date, quarters: int) -> None:
    """A plan's last quarter must end in a year a date can hold (9999 at most)."""
    if start.year + (start.month - 1 + 3 * quarters) // 12 > dt.MAXYEAR:
        raise InvalidOption(
            [
                Problem(
                    "start", 0, 0, f"a plan from {start} over {quarters} quarters ends after 9999"
                )
            ]
        )


class FoundContent(NamedTuple):
    bank: dict[str, Any]  # the question bank, with the overlay applied
    content: ScoredAgainst  # what the report says it was scored against
    overlay: AppliedOverlay | None


def find_content(
    content: PathLike | Playbook | Mapping[str, Any] | None, overlay: PathLike | None = None
) -> FoundContent:
    """The question bank to score with, where it came from, and the overlay applied to it.
    Raises InvalidInput if the content or the overlay is not valid."""
    printed = None  # the bank's fingerprint, when the cache knows it
    if content is None or isinstance(content, str | os.PathLike):
        bank, source, printed = find_bank(None if content is None else Path(content))
    elif isinstance(content, Mapping):
        bank, source = dict(content), "a question bank given to revops.assess"
    else:
        bank, source = _playbook_bank(content)
    applied = None
    if overlay is not None:
        from revops.content.overlay import load_overlay

        applied = load_overlay(Path(overlay), bank)
        bank, printed = applied.bank, None
    # The report names the content by a hash; earlier reports are checked against it.
    described = ScoredAgainst(
        source, printed or fingerprint(bank), applied.report if applied else None
    )
    return FoundContent(bank, described, applied)


def _playbook_bank(playbook: object) -> tuple[dict[str, Any], str]:
    from revops.bank.build import bank
    from revops.content.playbook import Playbook

    if not isinstance(playbook, Playbook):
        raise TypeError(f"content is a folder, a Playbook or a bank, not {type(playbook)}")
    return bank(playbook), f"the playbook content in folder '{playbook.root.resolve().name}'"


def read_answers(
    answers: PathLike | Sequence[PathLike] | Sequence[Respondent],
    bank: Mapping[str, Any],
    *,
    sheet: str | None = None,
    date_order: str | None = None,
    ignore_columns: Sequence[str] = (),
    team: str | None = None,
    date: dt.date | None = None,
    notify: Notify = lambda text: None,
) -> Responses:
    """The respondents: read from answer files, or as given; one answer set per person (the
    later counts), and team and date filled in where the answers leave them out. Never
    changes the respondents it is given."""
    if isinstance(answers, str | os.PathLike):
        answers = [answers]
    if _all_respondents(answers):
        read = answers if isinstance(answers, Responses) else Responses(answers)
    else:
        # paths: the signature allows no mix with respondents, and a TypeGuard narrows one way
        paths = [Path(item) for item in answers]  # type: ignore[arg-type]
        given = {"team": team, "date": date}
        read = load_answer_files(paths, bank, sheet, date_order, tuple(ignore_columns), given=given)
    read, repeats = drop_repeats(read)
    for warning in repeats:
        notify(f"warning: {warning}")
    for notice in read.notices:
        notify(f"note: {notice}")
    if not team and not date:  # nothing to fill in
        return read
    return _with_people(
        read,
        [
            r
            if (r.team or not team) and (r.date or not date)
            else r._replace(team=r.team or team, date=r.date or date)
            for r in read
        ],
    )


def _all_respondents(answers: Sequence[object]) -> TypeGuard[Sequence[Respondent]]:
    return all(isinstance(item, Respondent) for item in answers)


def anonymised(respondents: Responses) -> Responses:
    """Names become the function and a number; file names, which often carry a name, and
    the email or response id a person was known by, go."""
    counts: dict[str, int] = {}
    files: dict[str, int] = {}
    people = []
    for respondent in respondents:
        label = respondent.role or "respondent"
        counts[label] = counts.get(label, 0) + 1
        files.setdefault(respondent.source, len(files) + 1)
        people.append(
            respondent._replace(
                name=f"{label} {counts[label]}",
                source=f"answer file {files[respondent.source]}",
                key=None,  # an email address or a tool's id: not carried past this point
            )
        )
    return _with_people(respondents, people)


def _with_people(respondents: Responses, people: list[Respondent]) -> Responses:
    """The respondents with these in their place, row for row; their answers and evidence
    columns, notes and left-out columns kept."""
    if all(map(operator.is_, people, respondents)):
        return respondents
    changed = Responses(people)
    changed.notices, changed.left_out = respondents.notices, respondents.left_out
    changed.columns, changed.evidence_texts = respondents.columns, respondents.evidence_texts
    return changed


def read_earlier(
    sources: Sequence[PathLike | Earlier],
    bank: Mapping[str, Any],
    bank_hash: str | None = None,
    notify: Notify = lambda text: None,
) -> list[Earlier]:
    """Every earlier assessment, in the order given. The respondents of all earlier answer
    files together are limited as the current ones are. Raises InvalidInput listing the
    problems of them all."""
    if not sources:
        return []
    from revops.advice.history import Earlier  # here: most runs compare with none
    from revops.previous import load_earlier

    found: list[Earlier] = []
    problems: list[Problem] = []
    room = MAX_RESPONDENTS  # shared by every earlier assessment, as by the current files
    for source in sources:
        if isinstance(source, Earlier):
            found.append(source.as_floats())
            continue
        try:
            found.append(load_earlier(Path(source), bank, bank_hash, room, notify))
            room -= found[-1].respondents
        except TooManyRespondents as error:  # the files past it are not read
            problems += error.problems
            break
        except InvalidInput as error:
            problems += error.problems
    if problems:
        raise InvalidInput(problems)
    return found


def _in_order(earlier: list[Earlier], date: str | None) -> list[Earlier]:
    from revops.previous import in_order

    return in_order(earlier, date)


def _warn(text: str) -> None:
    warnings.warn(text, RevOpsWarning, stacklevel=2)
