"""The managers' XLSX export: the columns of the CSV export (wizard/manage/columns.py) as typed cells — dates
as dates, percents and levels as numbers — which a spreadsheet sorts and sums without conversion; each column as
wide as its kind reads well, the headings wrapped, the header row frozen (with the number column) and filtered.

Streamed (wizard/manage/xlsx_stream.py): the download starts at once and grows row by row. A failure midway (the
database lost…) ends the sheet with a last row that says the file is incomplete; a list longer than a sheet holds
ends with a row that says so. Never a file cut without a word."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from wizard.core import words
from wizard.manage import xlsx_stream
from wizard.manage.columns import INTEGER, MOMENT, NUMBER, TEXT, columns
from wizard.manage.export import interrupted
from wizard.rules.model import Rules
from wizard.store.models import Assessment

FORMATS = {MOMENT: "dd/mm/yyyy hh:mm", NUMBER: "0.0"}
# Widths in characters: a date and time, a number, a text (a longer text wraps in the spreadsheet's cell).
WIDTHS = {MOMENT: 17, NUMBER: 10, INTEGER: 10, TEXT: 30}
ROWS_PER_CHUNK = 200

log = logging.getLogger(__name__)


def stream_xlsx(rules: Rules, assessments: Iterable[Assessment]) -> Iterator[bytes]:
    """The workbook, piece by piece: its first bytes before the first row is read."""
    chosen = columns(rules)
    sheet = xlsx_stream.StreamedSheet("Auto-évaluations", [WIDTHS[column.kind] for column in chosen],
                                      list(FORMATS.values()), freeze="B2")
    yield sheet.start()
    heading = xlsx_stream.text_cell(xlsx_stream.HEADING)
    sheet.append((heading, column.heading) for column in chosen)
    cells = [_cell(sheet, column.kind) for column in chosen]
    rows = 0
    try:
        for assessment in assessments:
            sheet.append(zip(cells, [column.value(assessment) for column in chosen], strict=True))
            rows += 1
            if rows % ROWS_PER_CHUNK == 0:
                yield sheet.take()
    except xlsx_stream.SheetFull:
        sheet.note(rules.messages["export"]["too_long"].format(rows=words.whole(rows)))
    except Exception:
        log.exception("Export XLSX interrompu après %d ligne(s)", rows)
        sheet.note(interrupted(rules, rows))
    yield sheet.finish()


def _cell(sheet: xlsx_stream.StreamedSheet, kind: str) -> xlsx_stream.Cell:
    # Text is written as text (an inline string): a leading "=" is never read as a formula.
    if kind == MOMENT:
        return xlsx_stream.moment_cell(sheet.style(FORMATS[MOMENT]))
    if kind == NUMBER:
        return xlsx_stream.number_cell(sheet.style(FORMATS[NUMBER]))
    if kind == INTEGER:
        return xlsx_stream.number_cell()
    return xlsx_stream.text_cell()
