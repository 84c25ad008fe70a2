"""The per-criterion chart of the result, laid out on the server for an SVG drawn without JavaScript.

One row per criterion: its label, then a bar of three segments, one filled per level reached.
The template draws it (templates/macros/chart.html); a data table beside it is its text alternative.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

WIDTH = 400  # viewBox units; the SVG scales to its column, the text with it
ROW_HEIGHT = 52
LABEL_HEIGHT = 20
BAR_HEIGHT = 14
GAP = 4
LEVEL_TEXT_WIDTH = 44
SEGMENTS = 3


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    filled: bool


@dataclass(frozen=True)
class Row:
    label: str
    level: int
    label_y: float
    bar_y: float
    segments: tuple[Segment, ...]
    blocking: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_height: int
    level_x: float
    rows: tuple[Row, ...]


def criteria_chart(criteria: Sequence[dict[str, Any]]) -> Chart:
    """`criteria` as the engine's result lists them, each with its level (0 to 3)."""
    track = WIDTH - LEVEL_TEXT_WIDTH
    segment_width = (track - GAP * (SEGMENTS - 1)) / SEGMENTS
    rows = []
    for index, criterion in enumerate(criteria):
        top = index * ROW_HEIGHT
        segments = tuple(Segment(x=n * (segment_width + GAP), width=segment_width, filled=n < criterion["level"])
                         for n in range(SEGMENTS))
        rows.append(Row(label=criterion["label"], level=criterion["level"], label_y=top + LABEL_HEIGHT - 6,
                        bar_y=top + LABEL_HEIGHT, segments=segments, blocking=criterion["level"] == 0))
    return Chart(width=WIDTH, height=len(rows) * ROW_HEIGHT, bar_height=BAR_HEIGHT, level_x=WIDTH, rows=tuple(rows))
