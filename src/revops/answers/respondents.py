"""Who answered and what: the respondents every reader returns, and the questions a bank
knows, which every reader checks answers against."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from revops.bank.profile import known_profiles
from revops.foundation.values import Evidence, Value


@dataclass(slots=True)
class Respondent:
    source: str
    team: str | None
    date: dt.date | None
    name: str | None
    role: str | None
    answers: Mapping[str, Value] = field(default_factory=dict)
    evidence: Mapping[str, Evidence] = field(default_factory=dict)  # only answers that name it
    profile: dict | None = None  # the company's stage and motion, as the file names them
    readings: dict[str, float] | None = None  # metric id -> the company's reading


class Responses(list):
    """Respondents in file order; `columns` holds each question's answers in the same order
    when the reader has them as columns already (CSV), else None; `evidence_texts` likewise
    holds the text of each "<id>:evidence" column (None where a cell is empty)."""

    columns: dict[str, list[Value]] | None = None
    evidence_texts: dict[str, list[str | None]] | None = None

    def __init__(self, *args):
        super().__init__(*args)
        self.notices: list[str] = []  # e.g. the encoding a file was read in
        self.left_out: list[str] = []  # columns or answer ids ignored or set aside, as asked

    def column(self, question_id: str) -> list[Value]:
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


class KnownQuestions(dict):
    """Question id -> rule id, in bank order; `texts` holds each question's text and
    options (level -> text), by which a survey tool's export names them. `set_aside` holds
    the questions a company overlay hid (id -> text): answers to them are left out."""

    def __init__(
        self,
        items,
        texts: dict[str, tuple[str, dict]],
        set_aside: dict[str, str] | None = None,
        retired: dict | None = None,
        profiles: dict[str, list[str]] | None = None,
        readings: dict | None = None,
    ):
        super().__init__(items)
        self.texts, self.set_aside = texts, set_aside or {}
        self.retired: dict[str, dict] = retired or {}  # id -> {replaced_by, reason}
        # 'stage' and 'motion' -> the ids an answer file's profile may name
        self.profiles = profiles or {"stage": [], "motion": []}
        self.readings = readings or {}  # metric id -> its thresholds, for `metrics:` readings


def question_ids(source) -> KnownQuestions:
    """The known questions of a Playbook or a bank mapping (or the map itself, if given)."""
    if isinstance(source, KnownQuestions):
        return source
    if isinstance(source, dict):
        pairs = [(q, rule["id"]) for rule in source["rules"] for q in rule["questions"]]
        return KnownQuestions(
            ((q["id"], rule_id) for q, rule_id in pairs),
            {q["id"]: (q["text"], q["options"]) for q, _ in pairs},
            (source.get("overlay") or {}).get("set_aside"),
            source.get("retired"),
            known_profiles(source),
            source.get("readings"),
        )
    # Imported here: bank/build.py needs the content model, which a bank mapping does not.
    from revops.bank.build import readings as bank_readings

    pairs = [(q, rule_id) for rule_id, qs in source.questions.items() for q in qs]
    return KnownQuestions(
        ((q.id, rule_id) for q, rule_id in pairs),
        {q.id: (q.text, q.options) for q, _ in pairs},
        None,
        {
            entry.id: {"replaced_by": entry.replaced_by, "reason": entry.reason}
            for entry in source.retired.values()
        },
        {
            "stage": [s.id for s in source.reference.stages.stages],
            "motion": [m.id for m in source.reference.stages.motions],
        },
        bank_readings(source),
    )
