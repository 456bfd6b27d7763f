"""An Excel schedule (.xlsx) as the CSV the tour reads, row for row.

Secretaries keep the tour in Excel; saving it as CSV UTF-8 first is a step that goes wrong
(the wrong CSV kind, a semicolon lost). The first sheet is read with openpyxl and written as
a semicolon CSV, every sheet row as the line of the same number, so the tour's messages name
the rows Excel shows. A hostile or broken file is refused before openpyxl parses it: not a
zip, a zip that unpacks to far more than it weighs (a zip bomb), a sheet with more rows or
columns than a schedule has. The first sheet is the first one Excel shows (not a hidden one).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

from deckgen.i18n import _

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
"""The most an .xlsx may unpack to: a schedule of 1,000 rows is under 1 MB unpacked."""
MAX_COLUMNS = 50


class BadWorkbook(ValueError):
    """Why an .xlsx cannot be read as a schedule, in words for the person who sent it."""


def xlsx_to_csv(data: bytes, target: Path, max_rows: int) -> None:
    """Write the first visible sheet of the workbook `data` to `target` as a semicolon CSV."""
    target.write_text(xlsx_text(data, max_rows), encoding="utf-8")


def xlsx_text(data: bytes, max_rows: int) -> str:
    """The first visible sheet of the workbook `data` as the text of a semicolon CSV."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BadWorkbook(
            _("the file is not an Excel workbook (.xlsx); save it from Excel as .xlsx or CSV")
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise BadWorkbook(
            _("the workbook unpacks to more than {mb} MB; a schedule is far smaller").format(
                mb=MAX_UNPACKED_BYTES // 1024 // 1024
            )
        )
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken workbook
        raise BadWorkbook(
            _("Excel's workbook could not be read; open it in Excel and save it again")
        ) from None
    try:
        # The first sheet Excel shows: a hidden one is an old plan or a list of names.
        shown = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
        sheet = shown[0] if shown else None
        if sheet is None:
            raise BadWorkbook(_("the workbook has no sheet"))
        lines: list[list[str]] = []
        blank = 0
        # A sheet may declare any size (A1:XFD1048576 in a 5 KB file): only one column more
        # than a schedule may have is read of each row, and an empty row is told in one
        # pass of C (not a Python loop over 16,384 cells), so the work is bounded by the
        # rows Excel has, whatever the sheet says of itself.
        rows = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
        for number, row in enumerate(rows, 1):
            if row.count(None) + row.count("") == len(row):
                # Empty rows Excel keeps for their formatting, down to row 1,048,576, are no
                # visits; they count only when a visit follows them.
                blank += 1
                continue
            lines += [[] for _row in range(blank)]
            blank = 0
            if number > max_rows + 1:
                raise BadWorkbook(
                    _("the schedule has more than {rows} rows; split it into several").format(
                        rows=max_rows
                    )
                )
            cells = list(row)
            while cells and cells[-1] in (None, ""):
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise BadWorkbook(
                    _("row {row} has more than {columns} columns").format(
                        row=number, columns=MAX_COLUMNS
                    )
                )
            lines.append([_text(cell) for cell in cells])
    finally:
        book.close()
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(lines)
    return buffer.getvalue()


def _text(cell: object) -> str:
    """A cell as the schedule's text: a date as 2025-03-12, a whole number without `.0`."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split("\n")).strip()
