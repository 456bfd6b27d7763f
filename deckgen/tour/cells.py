"""Cells of a CSV schedule that would lose a visit silently, found and told at their row.

A quote (`"`) that opens a cell and is not closed where the cell ends makes the CSV reader
read every later line into that one cell, up to the next quote or the end of the file: the
rows in between vanish into a committee's name. A NUL or other control character pasted
into a cell cannot stand in a slide. Both are reported at the row where they are, so every
row of a schedule is either built or reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from deckgen.i18n import _

MOST_STRAY_NULS = 8
"""More NUL bytes than this and the file is binary (a workbook saved as .csv by name only);
fewer are stray characters in a cell, reported at their row."""
_ROW_SEPARATORS = 2
"""Separators in the shortest row a schedule can have (date, director, committee)."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters a slide cannot hold; tab and line breaks are allowed."""
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
"""Line breaks other than `\\n`: Excel's `\\r\\n` inside a cell, and the next-line, line and
paragraph separators that text pasted from Word or a web page brings."""


def swallowed_rows(
    cells: Sequence[str],
    header: Sequence[str],
    delimiter: str,
    start: int,
    end: int,
    last_line: int,
) -> tuple[str, str] | None:
    """Why the record read from lines `start`–`end` swallowed later rows, if it did.

    A cell may hold a line break (Excel quotes it), but a cell with a later line that holds
    the column separator twice — as the shortest row does, date;director;committee — is rows
    run together by a quote that was not closed where it should be.
    """
    if end <= start:
        return None
    for index, cell in enumerate(cells):
        later = cell.split("\n")[1:]
        if any(line.count(delimiter) >= _ROW_SEPARATORS for line in later):
            name = (
                repr(header[index].strip())
                if index < len(header)
                else _("column {number}").format(number=index + 1)
            )
            message = (
                _(
                    'a quote (") opens in the cell {name} of this row and is never closed, so '
                    "lines {first}–{last} were read into that cell and not built"
                )
                if end >= last_line
                else _(
                    'a quote (") opens in the cell {name} of this row and closes only at line '
                    "{last}, so lines {first}–{last} were read into that cell and not built"
                )
            )
            return (
                message.format(name=name, first=start + 1, last=end),
                _(
                    "close the quote at the end of the cell, or remove it; "
                    'write a quote inside a cell as two: ""'
                ),
            )
    return None


def clean_cells(
    values: Mapping[str, str], label: Callable[[str], str]
) -> tuple[dict[str, str], tuple[str, str] | None]:
    """The cells in NFC, with line breaks made `\\n` (Excel writes `\\r\\n` inside a cell;
    pasted text may bring U+0085, U+2028 or U+2029), and the first control character a cell
    holds, if any, as a message and a hint."""
    # One form of each letter (NFC): an "å" pasted from a Mac is "a" and a ring, which no
    # committee name, director or block heading matches though it looks the same.
    cleaned = {
        name: unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", value))
        for name, value in values.items()
    }
    for name, value in cleaned.items():
        match = _CONTROL.search(value)
        if match:
            return cleaned, (
                _(
                    "the cell {name} holds the control character U+{code} at position "
                    "{position}, which a slide cannot hold"
                ).format(
                    name=repr(label(name)),
                    code=f"{ord(match.group()):04X}",
                    position=match.start() + 1,
                ),
                _("delete it (it often comes from copying text out of another program)"),
            )
    return cleaned, None
