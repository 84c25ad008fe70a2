"""The managers' XLSX export: the columns of the CSV export (wizard/manage/columns.py) as typed cells — dates
as dates, percents and levels as numbers — which a spreadsheet sorts and sums without conversion."""
from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from wizard.manage.columns import MOMENT, NUMBER, TEXT, columns
from wizard.rules.model import Rules
from wizard.store.models import Assessment

FORMATS = {MOMENT: "dd/mm/yyyy hh:mm", NUMBER: "0.0"}
CHUNK = 64 * 1024


def stream_xlsx(rules: Rules, assessments: Iterable[Assessment]) -> Iterator[bytes]:
    """The workbook, written row by row to a temporary file (openpyxl's write-only mode), then sent in chunks."""
    chosen = columns(rules)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Auto-évaluations")
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    sheet.append([_header(sheet, column.heading, bold) for column in chosen])
    for assessment in assessments:
        sheet.append([_typed(sheet, column.kind, column.value(assessment)) for column in chosen])
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        while chunk := file.read(CHUNK):
            yield chunk


def _header(sheet, heading: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=heading)
    cell.font = font
    return cell


def _typed(sheet, kind: str, value) -> WriteOnlyCell:
    # Text is stored as text (data_type "s"): openpyxl would otherwise read a leading "=" as a formula.
    cell = WriteOnlyCell(sheet, value=value)
    if value is not None and kind == TEXT:
        cell.data_type = "s"
    if kind in FORMATS:
        cell.number_format = FORMATS[kind]
    return cell
