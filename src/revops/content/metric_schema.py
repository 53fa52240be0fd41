"""Typed shape of the metric catalogue (playbook/metrics/<owner>.yaml): each metric, its
formula, the published figures beside it with their sources, and the thresholds that turn a
reading into a suggested maturity level. No source, no number: a figure names where it was
published and where it was read, and a ladder without one says it is the playbook's own."""

from __future__ import annotations

import itertools
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from revops.content.schema import Id, Ids, Items, Line, Strict, Text
from revops.foundation.counts import noun_for

Abbreviation = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9:/&+-]{0,11}$")]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"]+$", max_length=300)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Reading = Annotated[float, Field(ge=0, allow_inf_nan=False)]
SUGGESTED_LEVELS = (2, 3, 4, 5)  # below level 2's threshold a reading suggests level 1
# The company's revenue metrics, or RevOps' measures of its own process (data quality,
# request cycle times, adoption): the catalogue shows the two apart.
MetricGroup = Literal["revenue", "revops-process"]
SOURCE_FIELDS = "publisher, report, year, sample, url and read_in"


def _error_at(key, message: str, value) -> ValidationError:
    """An error located at one key inside the field being validated, so validate points at
    the line that is wrong rather than at the whole mapping."""
    error = PydanticCustomError("value_error", message)
    return ValidationError.from_exception_data(
        "Metric", [InitErrorDetails(type=error, loc=(key,), input=value)]
    )


class Formula(Strict):
    calculation: Line  # the whole formula on one line
    numerator: Line
    denominator: Line | None = None  # absent for totals such as ARR
    window: Line  # the period or point in time it covers


class Source(Strict):
    """Where a published figure comes from: enough for a reader to find the report, judge
    whom it describes, and know whether the page it was read on is the report itself."""

    # Editors learn the rule the validator below enforces: a secondary page is named.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"read_in": {"const": "secondary"}}},
            "then": {"required": ["page", "page_publisher"]},
            "else": {"not": {"anyOf": [{"required": ["page"]}, {"required": ["page_publisher"]}]}},
        }
    )

    publisher: Line  # who ran the survey or analysis
    report: Line  # the report's title
    year: Year  # the year the report was published
    sample: Line  # how many of whom, e.g. "1,000+ private B2B SaaS companies"
    url: HttpsUrl  # the page the figure was read on
    read_in: Literal["primary", "secondary"]  # the report (or a full copy), or a page quoting it
    page: Line | None = None  # secondary only: the quoting page's title
    page_publisher: Line | None = None  # secondary only: who publishes that page

    @model_validator(mode="after")
    def _secondary_names_its_page(self):
        named = [key for key in ("page", "page_publisher") if getattr(self, key) is not None]
        if self.read_in == "secondary" and len(named) < 2:
            missing = [key for key in ("page", "page_publisher") if key not in named]
            raise _error_at(
                "read_in",
                f"a figure read in a secondary source names that page; add {', '.join(missing)}",
                self.read_in,
            )
        if self.read_in == "primary" and named:
            raise _error_at(
                named[0],
                f"the report itself was read, so there is no secondary page; remove "
                f"{', '.join(named)}, or say read_in: secondary",
                getattr(self, named[0]),
            )
        return self


class Benchmark(Strict):
    """A published figure. The playbook invents no benchmarks: each names its source."""

    segment: Line  # the companies or teams the figure describes
    figure: Line  # the figure, in the playbook's words
    # The published median as a reading in the unit of the metric's `suggests`, when the
    # figure is one: checks place it on the ladder, which must not call it level 4 or 5.
    median: Reading | None = None
    note: Line | None = None  # where the source's definition differs from the metric's
    source: Source

    @model_validator(mode="before")
    @classmethod
    def _names_a_source(cls, data: Any) -> Any:
        if isinstance(data, dict) and "source" not in data:
            raise ValueError(
                f"a published figure needs its source ({SOURCE_FIELDS}); add a source, or "
                "remove the figure: the playbook publishes no number without one"
            )
        return data


class LevelThresholds(Strict):
    """The level a reading of the metric suggests for one rule's practice. The playbook's
    own rule of thumb unless `basis` is `source`; a reading is evidence to set beside a
    self-rating, never a score on its own."""

    # Editors learn the rule the validator below enforces: a source basis names its source.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"basis": {"const": "source"}}},
            "then": {"required": ["source"]},
            "else": {"not": {"required": ["source"]}},
        }
    )

    rule: Id  # the rule whose practice a reading reflects
    higher_is_better: bool  # declared before levels: their order depends on it
    unit: Literal["ratio", "percent", "months", "days", "hours"]  # how readings are written
    # Level -> the lowest reading that suggests it (the highest when lower is better).
    levels: Annotated[
        dict[int, Reading],
        Field(
            json_schema_extra={
                "propertyNames": {"enum": [str(n) for n in SUGGESTED_LEVELS]},
                "required": [str(n) for n in SUGGESTED_LEVELS],
            }
        ),
    ]
    basis: Literal["heuristic", "source"]
    source: Source | None = None  # only with basis: source
    note: Line  # what the thresholds assume: segment, period, snapshot
    reasoning: Line  # why the cut points sit where they do

    @field_validator("levels")
    @classmethod
    def _ordered(cls, levels: dict[int, float], info) -> dict[int, float]:
        for level in levels:
            if level not in SUGGESTED_LEVELS:
                raise _error_at(
                    level,
                    f"no threshold for level {level}: thresholds are given "
                    "for levels 2 to 5, and a reading short of level 2's suggests "
                    "level 1; remove it",
                    levels[level],
                )
        missing = [str(n) for n in SUGGESTED_LEVELS if n not in levels]
        if missing:
            raise ValueError(
                f"missing {noun_for(len(missing), 'threshold')} for "
                f"{noun_for(len(missing), 'level')} {', '.join(missing)}; give one "
                "for each of levels 2, 3, 4 and 5"
            )
        higher = info.data.get("higher_is_better")
        if higher is None:  # reported on its own field
            return levels
        for below, level in itertools.pairwise(SUGGESTED_LEVELS):
            bar, prior = levels[level], levels[below]
            if not (bar > prior if higher else bar < prior):
                way = "above" if higher else "below"
                raise _error_at(
                    level,
                    f"level {level}'s threshold {bar:g} breaks the order: "
                    f"it must be {way} level {below}'s {prior:g}, since "
                    f"{'higher' if higher else 'lower'} readings are better",
                    bar,
                )
        return levels

    @model_validator(mode="after")
    def _basis_matches_source(self):
        if self.basis == "source" and self.source is None:
            raise _error_at(
                "basis",
                f"basis 'source' needs its source ({SOURCE_FIELDS}); add a source, "
                "or say basis: heuristic and state what the thresholds assume in note",
                self.basis,
            )
        if self.basis == "heuristic" and self.source is not None:
            raise _error_at(
                "source",
                "a heuristic names no source; remove source, or say basis: source",
                "source",
            )
        return self

    def level_of(self, reading: float) -> int:
        """The highest level whose threshold the reading reaches (reaching it exactly
        counts); 1 when it reaches none."""
        higher = self.higher_is_better
        reached = [
            level
            for level, bar in self.levels.items()
            if (reading >= bar if higher else reading <= bar)
        ]
        return max(reached, default=1)


class Metric(Strict):
    id: Id
    name: Line
    abbreviation: Abbreviation | None = None
    owner: Id  # a function in playbook/team.yaml
    group: MetricGroup
    measures: Text
    formula: Formula
    reading: Text
    mistakes: Items
    benchmarks: list[Benchmark] = Field(default_factory=list)
    suggests: LevelThresholds | None = None
    see_also: Ids = Field(default_factory=list)


class MetricFile(Strict):
    metrics: Annotated[list[Metric], Field(min_length=1)]
