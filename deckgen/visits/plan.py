"""Kept visits written out as a visit schedule (.csv or .xlsx), the columns the tour reads.

So a plan goes round through Excel: export the register, change it in Excel, and run it
again as a tour (`deckgen tour`, Besøgsturné); each row finds its visit by date, director
and committee. The director is written by name, as secretaries write them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from deckgen.visits.record import SCHEDULE_COLUMNS, VisitRecord, as_columns


def plan_rows(visits: Iterable[VisitRecord], profiles: Any) -> list[list[str]]:
    """The header and one row per visit, as a schedule's cells."""
    rows = [list(SCHEDULE_COLUMNS)]
    for visit in visits:
        values = as_columns(visit)
        director = profiles.directors.get(visit.director) if profiles is not None else None
        values["direktør"] = director.name if director is not None else visit.director
        rows.append(
            [
                ", ".join(value) if isinstance(value, list) else str(value)
                for value in (values[column] for column in SCHEDULE_COLUMNS)
            ]
        )
    return rows


def plan_bytes(visits: Iterable[VisitRecord], profiles: Any, kind: str) -> bytes:
    """The visits as a schedule file: `csv` (semicolons, UTF-8 with the mark Excel looks
    for) or `xlsx` (one sheet)."""
    rows = plan_rows(visits, profiles)
    if kind == "csv":
        buffer = io.StringIO()
        safe = [[_inert(cell) for cell in row] for row in rows]
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(safe)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Besøg")
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text, always: a name starting with = is no formula
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _inert(cell: str) -> str:
    """A cell Excel would take for a formula (`=`, `+`, `-`, `@` first), kept as text."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell
