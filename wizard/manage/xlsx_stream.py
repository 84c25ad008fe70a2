"""An XLSX workbook of one sheet, written as its rows come and sent as it is written: a ZIP streamed (each part
deflated as it grows, its sizes after it), the sheet's cells as inline strings, numbers and dates, a few fixed
styles. The first bytes leave before the first row is read, and nothing sits whole in memory or on disk.

openpyxl's write-only mode builds the whole file in a temporary file before its first byte (275,000 rows: no byte
for minutes) and spends about 30 µs a cell; this writes a cell in about 1 µs. What the exports need only: the
workbook is read back with openpyxl in the tests (types, styles, widths, filter, frozen panes).
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any
from xml.sax.saxutils import quoteattr

from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# The sheet's part stays under ZIP's 32-bit sizes (no ZIP64, which some spreadsheets refuse), and its rows under
# the spreadsheets' own limit (1,048,576 rows).
MAX_SHEET_BYTES = 2**31 - 64 * 1024**2
MAX_ROWS = 1_048_576 - 1
EPOCH = datetime(1899, 12, 30)  # day 0 of the spreadsheets' dates (in the 1900 system, after its 29 February)
# Characters XML 1.0 cannot hold (control characters but tab and line breaks, lone surrogates, non-characters).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Fixed styles: 0 plain, 1 a heading (bold, wrapped, at the top), 2 a note (bold); then one per number format.
HEADING, NOTE, FIRST_FORMAT = 1, 2, 3

Cell = Callable[[str, Any], str]  # (reference, value) → the cell's XML, "" for an empty cell


class SheetFull(Exception):
    """The sheet holds no more rows (the spreadsheets' limit, or its part's size)."""


def escape(text: str) -> str:
    if _UNWRITABLE.search(text):
        text = _UNWRITABLE.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_cell(style: int = 0) -> Cell:
    attribute = f' s="{style}"' if style else ""

    def cell(reference: str, value: Any) -> str:
        if value is None:
            return ""
        return (f'<c r="{reference}"{attribute} t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t>'
                f'</is></c>')
    return cell


def number_cell(style: int = 0) -> Cell:
    """A number (with the style of its format); another value is written as text."""
    attribute, as_text = (f' s="{style}"' if style else ""), text_cell()

    def cell(reference: str, value: Any) -> str:
        if isinstance(value, bool):
            return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int | float):
            return f'<c r="{reference}"{attribute}><v>{value!r}</v></c>'
        return as_text(reference, value)
    return cell


def moment_cell(style: int) -> Cell:
    """A date and time (naive), as the spreadsheets count them: days since EPOCH, with the style of its format."""
    as_number = number_cell(style)

    def cell(reference: str, value: Any) -> str:
        if isinstance(value, datetime):
            delta = value - EPOCH
            value = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
        return as_number(reference, value)
    return cell


class StreamedSheet:
    """`start()`, then `append` rows and `take()` what is ready now and then, then `finish()`: the file's bytes."""

    def __init__(self, title: str, widths: Sequence[float], number_formats: Sequence[str], freeze: str | None = None,
                 compresslevel: int = 1) -> None:
        self.title, self.widths, self.freeze = title, list(widths), freeze
        self.number_formats = list(number_formats)
        self.letters = [get_column_letter(index) for index in range(1, len(self.widths) + 1)]
        self.rows = 0
        self._sink = ZipSink()
        self._archive = zipfile.ZipFile(self._sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self._sheet = None
        self._size = 0
        self._pending: list[str] = []

    def style(self, number_format: str) -> int:
        return FIRST_FORMAT + self.number_formats.index(number_format)

    def start(self) -> bytes:
        self._archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        self._archive.writestr("_rels/.rels", _PACKAGE_RELS)
        self._archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        self._archive.writestr("xl/styles.xml", self._styles())
        self._sheet = self._archive.open("xl/worksheets/sheet1.xml", "w")
        self._write(HEAD + f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONS}">' + self._views() + "<cols>" + "".join(
            f'<col min="{index}" max="{index}" width="{width}" customWidth="1"/>'
            for index, width in enumerate(self.widths, start=1)) + "</cols><sheetData>")
        return self.take()

    def append(self, cells: Iterable[tuple[Cell, Any]]) -> None:
        """One row: each value with the cell that writes it. SheetFull once the sheet can hold no more."""
        if self.rows >= MAX_ROWS or self._size >= MAX_SHEET_BYTES:
            raise SheetFull
        self.rows += 1
        number = str(self.rows)
        letters = self.letters
        self._pending.append(f'<row r="{number}">' + "".join(
            write(letters[index] + number, value) for index, (write, value) in enumerate(cells)) + "</row>")
        if len(self._pending) >= 100:
            self._flush()

    def note(self, text: str) -> None:
        """A last row that says something of the file itself, bold, in its first cell (room is kept for it)."""
        self.rows += 1
        self._pending.append(f'<row r="{self.rows}">' + text_cell(NOTE)(f"A{self.rows}", text) + "</row>")

    def take(self) -> bytes:
        return self._sink.take()

    def finish(self, autofilter: bool = True) -> bytes:
        self._flush()
        last = f"{self.letters[-1]}{max(self.rows, 1)}"
        self._write("</sheetData>" + (f'<autoFilter ref="A1:{last}"/>' if autofilter else "") + "</worksheet>")
        self._sheet.close()
        defined = (f'<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
                   f"{escape(_quoted(self.title))}!$A$1:${self.letters[-1]}${max(self.rows, 1)}</definedName>"
                   f"</definedNames>" if autofilter else "")
        self._archive.writestr("xl/workbook.xml", HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONS}">'
                               f"<bookViews><workbookView/></bookViews><sheets><sheet name={quoteattr(self.title)} "
                               f'sheetId="1" r:id="rId1"/></sheets>{defined}</workbook>')
        self._archive.close()
        return self.take()

    def _flush(self) -> None:
        if self._pending:
            self._write("".join(self._pending))
            self._pending = []

    def _write(self, xml: str) -> None:
        data = xml.encode()
        self._size += len(data)
        self._sheet.write(data)

    def _views(self) -> str:
        if not self.freeze:
            return ""
        column, row = re.fullmatch(r"([A-Z]+)(\d+)", self.freeze).groups()
        x_split, y_split = self.letters.index(column), int(row) - 1
        return (f'<sheetViews><sheetView workbookViewId="0"><pane xSplit="{x_split}" ySplit="{y_split}" '
                f'topLeftCell="{self.freeze}" activePane="bottomRight" state="frozen"/>'
                f'<selection pane="topRight"/><selection pane="bottomLeft"/>'
                f'<selection pane="bottomRight" activeCell="{self.freeze}" sqref="{self.freeze}"/>'
                f"</sheetView></sheetViews>")

    def _styles(self) -> str:
        formats = "".join(f'<numFmt numFmtId="{164 + index}" formatCode={quoteattr(code)}/>'
                          for index, code in enumerate(self.number_formats))
        font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
        plain = 'fontId="0" fillId="0" borderId="0" xfId="0"'
        xfs = [f'<xf numFmtId="0" {plain}/>',
               '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
               '<alignment vertical="top" wrapText="1"/></xf>',
               '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
               *(f'<xf numFmtId="{164 + index}" {plain} applyNumberFormat="1"/>'
                 for index in range(len(self.number_formats)))]
        return (HEAD + f'<styleSheet xmlns="{MAIN}"><numFmts count="{len(self.number_formats)}">{formats}</numFmts>'
                f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
                '<fills count="2"><fill><patternFill patternType="none"/></fill>'
                '<fill><patternFill patternType="gray125"/></fill></fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


_CONTENT_TYPES = (
    HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
_PACKAGE_RELS = (HEAD + f'<Relationships xmlns="{PACKAGE_RELATIONS}"><Relationship Id="rId1" '
                 f'Type="{RELATIONS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK_RELS = (HEAD + f'<Relationships xmlns="{PACKAGE_RELATIONS}">'
                  f'<Relationship Id="rId1" Type="{RELATIONS}/worksheet" Target="worksheets/sheet1.xml"/>'
                  f'<Relationship Id="rId2" Type="{RELATIONS}/styles" Target="styles.xml"/></Relationships>')


class ZipSink:
    """A write-only file that hands over what was written to it (ZipFile writes to it without seeking): a ZIP
    streamed as it is written, here and by the reports' ZIP (wizard/manage/reports_zip.py)."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self._parts = b"".join(self._parts), []
        return data

