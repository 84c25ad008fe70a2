"""The managers' XLSX export: the columns of the CSV export (wizard/manage/columns.py) as typed cells — dates
as dates, percents and levels as numbers — which a spreadsheet sorts and sums without conversion; each column as
wide as its kind reads well, the headings wrapped, the header row frozen (with the number column) and filtered."""
from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from wizard.manage.columns import INTEGER, MOMENT, NUMBER, TEXT, columns
from wizard.rules.model import Rules
from wizard.store.models import Assessment

FORMATS = {MOMENT: "dd/mm/yyyy hh:mm", NUMBER: "0.0"}
# Widths in characters: a date and time, a number, a text (a longer text wraps in the spreadsheet's cell).
WIDTHS = {MOMENT: 17, NUMBER: 10, INTEGER: 10, TEXT: 30}
CHUNK = 64 * 1024


def stream_xlsx(rules: Rules, assessments: Iterable[Assessment]) -> Iterator[bytes]:
    """The workbook, written row by row to a temporary file (openpyxl's write-only mode), then sent in chunks."""
    chosen = columns(rules)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Auto-évaluations")
    sheet.freeze_panes = "B2"
    for index, column in enumerate(chosen, start=1):  # before any row: the write-only sheet writes them first
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[column.kind]
    sheet.append([_header(sheet, column.heading) for column in chosen])
    rows = 1
    for assessment in assessments:
        sheet.append([_typed(sheet, column.kind, column.value(assessment)) for column in chosen])
        rows += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(chosen))}{rows}"
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        while chunk := file.read(CHUNK):
            yield chunk


BOLD, WRAPPED = Font(bold=True), Alignment(wrap_text=True, vertical="top")


def _header(sheet, heading: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=heading)
    cell.font, cell.alignment = BOLD, WRAPPED
    return cell


def _typed(sheet, kind: str, value) -> WriteOnlyCell:
    # Text is stored as text (data_type "s"): openpyxl would otherwise read a leading "=" as a formula.
    cell = WriteOnlyCell(sheet, value=value)
    if value is not None and kind == TEXT:
        cell.data_type = "s"
    if kind in FORMATS:
        cell.number_format = FORMATS[kind]
    return cell
