"""Calibration: the level a rule's metric readings suggest beside the level it was rated.
docs/assets/revops-score.js mirrors it (Scorer.calibrate)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from revops.answers.readings import rule_readings
from revops.scoring.formula import Bank, Result, RuleResult


class Reading(NamedTuple):
    metric: str  # the metric's id in the catalogue
    name: str  # its name there, which reports show
    value: float  # the reading, as given
    suggests: int  # the level its thresholds give the reading


class Calibration(NamedTuple):
    readings: tuple[Reading, ...] = ()  # the rule's metrics' readings, in catalogue order
    readings_level: int | None = None  # the lowest level they suggest
    calibration_gap: int | None = None  # the rated level minus readings_level
    miscalibrated: bool = False  # rated miscalibrated_gap or more above the readings


def calibrate(bank: Bank, rule: RuleResult, readings: Mapping[str, float]) -> Calibration:
    """The rule's readings, the lowest level they suggest, and how far its rating lies above
    that; an empty Calibration when none of its metrics has a reading."""
    specs = bank.get("readings") or {}
    found = tuple(
        Reading(
            metric=reading["metric"],
            name=specs[reading["metric"]].get("name") or reading["metric"],
            value=reading["value"],
            suggests=reading["suggests"],
        )
        for reading in rule_readings(rule.id, dict(readings), specs)
    )
    if not found:
        return Calibration()
    lowest = min(reading.suggests for reading in found)
    if rule.level is None:
        return Calibration(found, lowest)
    gap = rule.level - lowest
    return Calibration(found, lowest, gap, gap >= bank["parameters"].get("miscalibrated_gap", 2))


def calibrate_all(
    bank: Bank, result: Result, readings: Mapping[str, float]
) -> dict[str, Calibration]:
    """Each rule's calibration, by rule id."""
    return {rule.id: calibrate(bank, rule, readings) for rule in result.rules}
