"""Checks on the published figures beside a metric and its ladder: a published median never
reads as level 4 or 5, and a median the ladder could misplace is given as a number."""

from __future__ import annotations

from collections.abc import Iterator

from revops.content.known import Found
from revops.content.loaded import Content

HIGHEST_FOR_A_MEDIAN = 3  # a company at a published median is defined at most, never managed


def _laddered(content: Content):
    """(file, place of the metric, metric) for each metric with thresholds and figures."""
    for metric_id, metric in (content.metrics or {}).items():
        if metric.suggests is not None and metric.benchmarks:
            path, index = content.metric_places[metric_id]
            yield path, ("metrics", index), metric


def medians_read_level_3_at_most(content: Content) -> Iterator[Found]:
    """A published median falls at level 3 or below on its metric's ladder."""
    for path, loc, metric in _laddered(content):
        ladder = metric.suggests
        for i, figure in enumerate(metric.benchmarks):
            if figure.median is None:
                continue
            level = ladder.level_of(figure.median)
            if level > HIGHEST_FOR_A_MEDIAN:
                bars = ", ".join(f"{n}: {bar:g}" for n, bar in sorted(ladder.levels.items()))
                yield (
                    content.at(path, (*loc, "benchmarks", i, "median")),
                    f"the published median {figure.median:g} reads as level {level} on this "
                    f"metric's ladder ({bars}); a median company is level "
                    f"{HIGHEST_FOR_A_MEDIAN} at most, so move levels 4 and 5 beyond it, or "
                    f"check that the median is written in the ladder's unit ({ladder.unit})",
                )


def ladder_medians_given(content: Content) -> Iterator[Found]:
    """A figure that reports a median beside a ladder gives it as `median`, so it is placed."""
    for path, loc, metric in _laddered(content):
        for i, figure in enumerate(metric.benchmarks):
            if figure.median is None and "median" in figure.figure.casefold():
                yield (
                    content.at(path, (*loc, "benchmarks", i, "figure")),
                    "this figure reports a median beside a ladder; give it as `median` in the "
                    f"ladder's unit ({metric.suggests.unit}) so validate can check that it "
                    "reads as level 3 at most",
                )
