"""The managers' CSV export: one row per assessment, for a spreadsheet in French locale.

UTF-8 with a byte order mark (so that Excel reads the accents), `;` between cells, a decimal comma, and dates
written year first (2026-11-23 13:05), which sort as text and which spreadsheets read as dates. The columns are
those of wizard/manage/columns.py, shared with the XLSX export.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from wizard.core import words
from wizard.manage.columns import MOMENT, NUMBER, Column, columns
from wizard.rules.model import Rules
from wizard.store.models import Assessment

# A spreadsheet runs a cell starting with one of these as a formula: such text gets a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def stream_csv(rules: Rules, assessments: Iterable[Assessment]) -> Iterator[str]:
    """The file, piece by piece: a long export starts at once and never sits whole in memory."""
    chosen = columns(rules)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    buffer.write("\ufeff")
    writer.writerow([_text(column.heading) for column in chosen])
    for number, assessment in enumerate(assessments, start=1):
        writer.writerow([_cell(column, column.value(assessment)) for column in chosen])
        if number % 200 == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _cell(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == MOMENT:
        return value.strftime("%Y-%m-%d %H:%M")
    if column.kind == NUMBER:
        return words.decimal(value)
    return _text(str(value))


def _text(value: str) -> str:
    """Every cell is escaped: no text of an agent or a manager runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
