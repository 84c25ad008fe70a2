"""The managers' CSV export: one row per assessment, for a spreadsheet in French locale.

UTF-8 with a byte order mark (so that Excel reads the accents), `;` between cells, a decimal comma, and dates
written year first (2026-11-23 13:05), which sort as text and which spreadsheets read as dates. The columns are
those of wizard/manage/columns.py, shared with the XLSX export.

A failure midway (the database lost…) ends the file with a last line that says it is incomplete, never a file cut
without a word.
"""
from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from wizard.core import words
from wizard.manage.columns import MOMENT, NUMBER, Column, columns
from wizard.rules.model import Rules
from wizard.store.models import Assessment

# A spreadsheet runs a cell starting with one of these as a formula: such text gets a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_CHUNK = 200

log = logging.getLogger(__name__)


def stream_csv(rules: Rules, assessments: Iterable[Assessment]) -> Iterator[str]:
    """The file, piece by piece: a long export starts at once and never sits whole in memory."""
    chosen = columns(rules)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    buffer.write("\ufeff")
    writer.writerow([_text(column.heading) for column in chosen])
    yield _drain(buffer)
    rows, cells = 0, [(column.value, _writer(column)) for column in chosen]
    try:
        for assessment in assessments:
            writer.writerow([write(value(assessment)) for value, write in cells])
            rows += 1
            if rows % ROWS_PER_CHUNK == 0:
                yield _drain(buffer)
    except Exception:
        log.exception("Export CSV interrompu après %d ligne(s)", rows)
        writer.writerow([interrupted(rules, rows)])
    yield _drain(buffer)


def interrupted(rules: Rules, rows: int) -> str:
    """The last line of an export that failed midway: the file says itself that it is incomplete."""
    return rules.messages["export"]["interrupted"].format(rows=words.whole(rows))


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _cell(column: Column, value: Any) -> str:
    return _writer(column)(value)


def _writer(column: Column) -> Callable[[Any], str]:
    """How a column's values are written, chosen once per export (not once per cell)."""
    if column.kind == MOMENT:
        return lambda value: "" if value is None else value.strftime("%Y-%m-%d %H:%M")
    if column.kind == NUMBER:
        return lambda value: "" if value is None else words.decimal(value)
    return lambda value: "" if value is None else _text(str(value))


def _text(value: str) -> str:
    """Every cell is escaped: no text of an agent or a manager runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
