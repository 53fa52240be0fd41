"""Who answered and what: the respondents every reader returns, and the questions a bank
knows, which every reader checks answers against."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from revops.answers.coded import Answers
from revops.bank.profile import known_profiles
from revops.foundation.values import Evidence, RetiredEntry, Value
from revops.foundation.wording import Options

if TYPE_CHECKING:
    from revops.answers.readings import ReadingSpec
    from revops.content.playbook import Playbook


class Respondent(NamedTuple):
    source: str
    team: str | None
    date: dt.date | None
    name: str | None
    role: str | None
    answers: Mapping[str, Value] = MappingProxyType({})
    evidence: Mapping[str, Evidence] = MappingProxyType({})  # only answers that name it
    # the company's stage and motion, as the file names them
    profile: dict[str, str | None] | None = None
    readings: dict[str, float] | None = None  # metric id -> the company's reading
    targets: dict[str, int] | None = None  # rule id -> the level the file aims for
    # who answered, where the name alone does not tell: an export's email address or
    # response id (identity.py); None to go by the name
    key: str | None = None
    line: int | None = None  # the row of a table it was read from


class Responses(list[Respondent]):
    """Respondents in file order; `columns` holds each question's answers in the same order
    when the reader has them as columns already (CSV), else None; `evidence_texts` likewise
    holds the text of each "<id>:evidence" column (None where a cell is empty)."""

    columns: dict[str, Answers] | None = None
    evidence_texts: dict[str, list[str | None]] | None = None

    def __init__(self, *args: Iterable[Respondent]) -> None:
        super().__init__(*args)
        self.notices: list[str] = []  # e.g. the encoding a file was read in
        self.left_out: list[str] = []  # columns or answer ids ignored or set aside, as asked

    def column(self, question_id: str) -> Answers:
        if self.columns is not None:
            return self.columns.get(question_id) or [None] * len(self)
        return [r.answers.get(question_id) for r in self]

    def evidence_column(self, question_id: str) -> list[str | None]:
        """Each respondent's evidence text for the question, or None."""
        if self.evidence_texts is not None:
            return self.evidence_texts.get(question_id) or [None] * len(self)
        return [found.text if (found := r.evidence.get(question_id)) else None for r in self]

    def evidenced(self, question_id: str) -> list[bool]:
        """Whether each respondent's answer to the question names its evidence."""
        return list(map(bool, self.evidence_column(question_id)))

    @functools.cached_property
    def any_evidence(self) -> bool:
        """Whether any answer names evidence (read once: scoring asks for every rule)."""
        if self.evidence_texts is not None:
            return any(map(any, self.evidence_texts.values()))
        return any(r.evidence for r in self)


class KnownQuestions(dict[str, str]):
    """Question id -> rule id, in bank order; `texts` holds each question's text and
    options (level -> text), by which a survey tool's export names them. `set_aside` holds
    the questions a company overlay hid (id -> text): answers to them are left out."""

    def __init__(
        self,
        items: Iterable[tuple[str, str]],
        texts: dict[str, tuple[str, Options]],
        set_aside: dict[str, str] | None = None,
        retired: dict[str, RetiredEntry] | None = None,
        profiles: dict[str, list[str]] | None = None,
        readings: dict[str, ReadingSpec] | None = None,
    ) -> None:
        super().__init__(items)
        self.texts, self.set_aside = texts, set_aside or {}
        self.retired: dict[str, RetiredEntry] = retired or {}
        # 'stage' and 'motion' -> the ids an answer file's profile may name
        self.profiles = profiles or {"stage": [], "motion": []}
        self.readings = readings or {}  # metric id -> its thresholds, for `metrics:` readings
        self.rules = list(dict.fromkeys(self.values()))  # rule ids, for `targets:`


# What the readers check answers against: a Playbook, a bank mapping, or its known questions
QuestionSource: TypeAlias = "KnownQuestions | Mapping[str, Any] | Playbook"


def question_ids(source: QuestionSource) -> KnownQuestions:
    """The known questions of a Playbook or a bank mapping (or the map itself, if given)."""
    if isinstance(source, KnownQuestions):
        return source
    if isinstance(source, Mapping):
        return _bank_questions(source)
    # Imported here: bank/build.py needs the content model, which a bank mapping does not.
    from revops.bank.build import readings as bank_readings

    asked = [(q, rule_id) for rule_id, qs in source.questions.items() for q in qs]
    return KnownQuestions(
        ((q.id, rule_id) for q, rule_id in asked),
        {q.id: (q.text, q.options) for q, _ in asked},
        None,
        {
            entry.id: {"replaced_by": entry.replaced_by, "reason": entry.reason, "text": entry.text}
            for entry in source.retired.values()
        },
        {
            "stage": [s.id for s in source.reference.stages.stages],
            "motion": [m.id for m in source.reference.stages.motions],
        },
        bank_readings(source),
    )


def _bank_questions(bank: Mapping[str, Any]) -> KnownQuestions:
    pairs = [(q, rule["id"]) for rule in bank["rules"] for q in rule["questions"]]
    return KnownQuestions(
        ((q["id"], rule_id) for q, rule_id in pairs),
        {q["id"]: (q["text"], q["options"]) for q, _ in pairs},
        (bank.get("overlay") or {}).get("set_aside"),
        bank.get("retired"),
        known_profiles(bank),
        bank.get("readings"),
    )
