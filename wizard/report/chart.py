"""The per-criterion chart of the result, laid out on the server for an SVG drawn without JavaScript.

One row per criterion: its label, then the bar of its level. A bar has one segment per level above 0 (the
scale's size comes from the rules), one filled per level reached, and its level written after it ("2/3");
the bars, one per level, are drawn once and each row shows its own. The template draws it (templates/macros/chart.html), with a description that lists every level in
words: its text alternative, as the list of criteria after it on the result page.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from collections.abc import Sequence

WIDTH = 400  # viewBox units; the SVG scales to its column, the text with it
ROW_HEIGHT = 52
TEXT_SIZE = 14
# On paper (the report) the text is larger, 8 pt once scaled to its column, and the rows closer.
PAPER_ROW_HEIGHT = 36
PAPER_TEXT_SIZE = 16
LABEL_HEIGHT = 20
BAR_HEIGHT = 14
GAP = 4
LEVEL_TEXT_WIDTH = 44


@dataclass(frozen=True)
class Segment:
    x: str  # formatted once, when the module loads
    width: str
    filled: bool


@dataclass(frozen=True)
class Bar:
    level: int
    segments: tuple[Segment, ...]
    blocking: bool  # level 0: a blocking point


@dataclass(frozen=True)
class Row:
    label: str
    level: int
    label_y: int
    bar_y: int
    blocking: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    text_size: int
    bar_height: int
    level_x: int
    top: int  # the scale's highest level
    bars: tuple[Bar, ...]  # one per level, 0 to top
    rows: tuple[Row, ...]


@cache  # formatted once per scale
def bars(top: int) -> tuple[Bar, ...]:
    """The bar of each level 0 to `top`: `top` segments, as many filled as the level."""
    width = (WIDTH - LEVEL_TEXT_WIDTH - GAP * (top - 1)) / top
    return tuple(Bar(level, tuple(Segment(x=f"{n * (width + GAP):.1f}", width=f"{width:.1f}", filled=n < level)
                                  for n in range(top)), blocking=level == 0)
                 for level in range(top + 1))


def criteria_chart(criteria: Sequence[dict[str, Any]], top: int, paper: bool = False) -> Chart:
    """`criteria` as the engine's result lists them, each with its level (0 to `top`, the scale's highest);
    `paper` for the report."""
    row_height = PAPER_ROW_HEIGHT if paper else ROW_HEIGHT
    rows = tuple(Row(label=criterion["label"], level=criterion["level"], label_y=index * row_height + LABEL_HEIGHT - 6,
                     bar_y=index * row_height + LABEL_HEIGHT, blocking=criterion["level"] == 0)
                 for index, criterion in enumerate(criteria))
    return Chart(width=WIDTH, height=len(rows) * row_height,
                 text_size=PAPER_TEXT_SIZE if paper else TEXT_SIZE, bar_height=BAR_HEIGHT, level_x=WIDTH, top=top,
                 bars=bars(top), rows=rows)
