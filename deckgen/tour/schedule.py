"""The visit schedule: one row per visit, kept by the secretaries in a spreadsheet or in YAML.

A CSV file as Excel saves it (`;`, `,` or tab between columns; UTF-8, Windows-1252 or
Excel's "Unicode text", UTF-16) with a header row; the column names are Danish, English
ones work too:

```
dato;direktør;udvalg;sted;tilføj;fjern;lokalt eksempel
2025-03-12;Mette Holm;OMU Børn og Familie;Rådhuset, mødelokale 2;tak-for-i-dag;;
```

or a YAML file with the same fields under `visits:`. Dates are written `2025-03-12` or the
Danish way, `12-03-2025` or `12.03.2025`. `tilføj` and `fjern` list block ids separated by
commas or spaces. Each row is checked on its own: a bad row is reported with its row number
(the line in the file, as a spreadsheet numbers it) and does not stop the others.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import msgspec

from deckgen.errors import DeckgenError, InvalidInput, Location, Problem, close_match
from deckgen.i18n import N_, _
from deckgen.source import MAX_YAML_BYTES, byte_location, parse_yaml, read_bytes
from deckgen.tour import cells as cells_problems
from deckgen.tour.dates import WrittenDate, read_date
from deckgen.wording import shown

FIELDS = ("date", "director", "committee", "place", "extra", "drop", "local_example")
REQUIRED = ("date", "director", "committee")
_HEADERS = {
    "dato": "date",
    "date": "date",
    "direktør": "director",
    "direktoer": "director",
    "director": "director",
    "udvalg": "committee",
    "omu": "committee",
    "committee": "committee",
    "sted": "place",
    "place": "place",
    "tilføj": "extra",
    "tilfoej": "extra",
    "ekstra": "extra",
    "extra": "extra",
    "fjern": "drop",
    "drop": "drop",
    "lokalt eksempel": "local_example",
    "local example": "local_example",
}
"""Column names (and YAML keys) a schedule may use, and what they mean."""
DANISH_HEADERS = ("dato", "direktør", "udvalg", "sted", "tilføj", "fjern", "lokalt eksempel")
_SEP_LINE = re.compile(r"sep=([;,\t|])")
_LIST_SPLIT = re.compile(r"[,;\s]+")
_ITEM_SPLIT = re.compile(r"[,;\n]+")
MAX_TITLE_ROWS = 5
"""Rows above the column names (a title, a date line) skipped when looking for them."""
_UTF8_LETTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
"""A letter such as æ, ø or å written in UTF-8: two to four bytes, which Windows-1252 text
hardly ever has in a row."""
_SAVE_AS = N_("in Excel choose File → Save As → CSV UTF-8 (comma delimited) (*.csv)")


@dataclass(frozen=True)
class Visit:
    """One row of the schedule: a director's visit to a committee."""

    row: Location
    """The row in the schedule (file and line), for messages."""
    date: str
    """ISO date, `2025-03-12`."""
    director: str
    """As written: a director's id or name."""
    committee: str
    place: str = ""
    extra: tuple[str, ...] = ()
    """Block ids to add to this visit's deck."""
    drop: tuple[str, ...] = ()
    """Block ids to leave out of this visit's deck."""
    local_example: str = ""
    """An example from this committee's own workplace, for the dialogue slide."""


@dataclass
class Schedule:
    """The visits of a schedule file, and the rows that could not be read."""

    path: Path
    visits: list[Visit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unread_directors: list[tuple[Location, str]] = field(default_factory=list)
    """The director named on each row that could not be read, so that a misspelled name is
    reported together with the row's other problems."""
    yearless: dict[int, WrittenDate] = field(default_factory=dict)
    """The dates written without a year, by the index of their visit (see `_date_years`)."""


def load_schedule(path: Path) -> Schedule:
    """Read a schedule (`.csv`, or `.yaml`/`.yml`); problems with a row are kept per row.

    Raises for problems with the file as a whole (not found, no header, unknown columns).
    """
    if path.suffix.lower() == ".xlsx":
        return _date_years(_from_csv(_workbook_text(path), path))
    text = _read_text(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return _date_years(_from_yaml(text, path))
    return _date_years(_from_csv(text, path))


def _date_years(schedule: Schedule) -> Schedule:
    """Give each date written without a year the year of its next such day from the first
    visit whose year is written (from today if none is): a schedule of the visits from August
    on means next March by `12/3`, this year and next."""
    dated = [
        dt.date.fromisoformat(visit.date)
        for index, visit in enumerate(schedule.visits)
        if index not in schedule.yearless
    ]
    start = min(dated, default=dt.date.today())
    for index, written in schedule.yearless.items():
        visit = schedule.visits[index]
        schedule.visits[index] = replace(visit, date=written.on_or_after(start).isoformat())
    return schedule


def block_list(value: Any) -> tuple[str, ...]:
    """Block ids from a cell (`a, b c`) or a YAML list."""
    if isinstance(value, list):
        return tuple(str(item).strip() for item in value if str(item).strip())
    return tuple(part for part in _LIST_SPLIT.split(str(value or "")) if part)


def block_items(value: Any) -> tuple[str, ...]:
    """The slides a `tilføj` or `fjern` cell names, as written: separated by commas (or
    semicolons, or lines), each a block id, a slide's title (`Tak for i dag`), or block ids
    separated by spaces (`a b`); the visit's planning tells them apart by the library."""
    if isinstance(value, list):
        return tuple(" ".join(str(item).split()) for item in value if str(item).strip())
    return tuple(
        " ".join(part.split()) for part in _ITEM_SPLIT.split(str(value or "")) if part.strip()
    )


MAX_WORKBOOK_ROWS = 10_000
"""The most rows an Excel schedule read from disk may have (an upload has its own bound)."""


def _workbook_text(path: Path) -> str:
    """An Excel schedule's first visible sheet as CSV text, row for row."""
    from deckgen.tour.workbook import BadWorkbook, xlsx_text

    raw = read_bytes(
        path,
        _("schedule"),
        _("name the schedule's .csv, .xlsx (or .yaml) file"),
        _("split it into several schedules (one per half year, say)"),
    )
    try:
        return xlsx_text(raw, MAX_WORKBOOK_ROWS)
    except BadWorkbook as exc:
        raise DeckgenError(str(exc), Location(path), _(_SAVE_AS)) from None


def _read_text(path: Path) -> str:
    raw = read_bytes(
        path,
        _("schedule"),
        _("name the schedule's .csv (or .yaml) file"),
        _("split it into several schedules (one per half year, say)"),
    )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text": UTF-16 with tabs between the columns.
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DeckgenError(
                _("the file starts as UTF-16 text but is not"), Location(path, 1, 1), _(_SAVE_AS)
            ) from None
    if raw.count(b"\0") > cells_problems.MOST_STRAY_NULS:
        raise DeckgenError(
            _("this is a binary file, not a schedule"), Location(path, 1, 1), _(_SAVE_AS)
        )
    # A stray NUL or two stay in their cell, to be reported at their row.
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _UTF8_LETTER.search(raw):
            # UTF-8 letters elsewhere: a UTF-8 file with a bad byte, not a Windows-1252 one.
            raise DeckgenError(
                _("not UTF-8 text (byte 0x{value:02x}), though the rest of the file is").format(
                    value=raw[exc.start]
                ),
                byte_location(raw, exc.start, path),
                _("fix the character there and save as UTF-8: {how}").format(how=_(_SAVE_AS)),
            ) from None
        # Excel's plain "CSV" on a Danish Windows is Windows-1252, which holds æ, ø and å.
        return raw.decode("cp1252", errors="replace")


def _from_csv(text: str, path: Path) -> Schedule:
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    declared = _SEP_LINE.fullmatch(first_line.strip())
    if declared:  # Excel's "sep=;" first line names the separator; the header follows it
        delimiter = declared.group(1)
    # A cell may be as long as the file (the reader's default limit, 128 KiB, is not).
    csv.field_size_limit(max(csv.field_size_limit(), MAX_YAML_BYTES + 1))
    last_line = len(io.StringIO(text, newline="").readlines())  # counted as the reader counts
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    if declared:
        _next_record(reader, path, 1)
    # A title row or two above the column names ("Besøgsplan efterår 2026") are skipped.
    for _title in range(_title_rows(text, delimiter, bool(declared))):
        _next_record(reader, path, reader.line_num + 1)
    before = reader.line_num
    header = _next_record(reader, path, before + 1)
    if not header or not any(cell.strip() for cell in header):
        raise DeckgenError(
            _("the schedule is empty; it needs a header row"),
            Location(path, 1, 1),
            _("start with: {join}").format(join=";".join(DANISH_HEADERS)),
        )
    if reader.line_num > before + 1:
        raise DeckgenError(
            _(
                'a quote (") in the header row is not closed, so the lines after '
                "it were read as column names"
            ),
            Location(path, before + 1),
            _("close the quote or remove it"),
        )
    columns = _columns(header, path, before + 1)
    schedule = Schedule(path)
    # Count records, not lines: a cell with a line break in it is still one spreadsheet row.
    number = reader.line_num
    while True:
        number += 1
        start = reader.line_num + 1
        cells = _next_record(reader, path, number)
        if cells is None:
            break
        row = Location(path, number)
        if not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#"):
            continue
        swallowed = cells_problems.swallowed_rows(
            cells, header, delimiter, start, reader.line_num, last_line
        )
        if swallowed is not None:
            schedule.problems.append(Problem(row, *swallowed))
            continue
        if len(cells) > len(columns):
            extra = [cell for cell in cells[len(columns) :] if cell.strip()]
            if extra:
                schedule.problems.append(
                    Problem(
                        row,
                        _("the row has {count} cells but the header only {count2}").format(
                            count=len(cells), count2=len(columns)
                        ),
                        _("check for a stray {delimiter} in a cell, or quote the cell").format(
                            delimiter=repr(delimiter)
                        ),
                    )
                )
                continue
        values = {name: cell for name, cell in zip(columns, cells, strict=False) if name}
        values, bad = cells_problems.clean_cells(values, _label)
        if bad is not None:
            schedule.problems.append(Problem(row, *bad))
            continue
        _add_row(schedule, row, values)
    return schedule


def _next_record(reader: Any, path: Path, number: int) -> list[str] | None:
    """The next record of `reader` (row `number`), or None at the end of the file."""
    try:
        return next(reader, None)
    except csv.Error as exc:  # the field size limit is raised below; this is a last resort
        raise DeckgenError(
            _("row {number} cannot be read as CSV ({exc})").format(number=number, exc=exc),
            Location(path, number),
            _('check the quotes (") in this row; {how}').format(how=_(_SAVE_AS)),
        ) from None


def _title_rows(text: str, delimiter: str, declared: bool) -> int:
    """How many rows above the column names are a title (0 if the first row holds them, or
    no row near the top does: then the first row's words are reported)."""
    probe = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        if declared:
            next(probe, None)
        for index in range(MAX_TITLE_ROWS + 1):
            record = next(probe, None)
            if record is None:
                return 0
            known = {_HEADERS.get(_normal(cell)) for cell in record} - {None}
            if len(known) >= 2 and known & set(REQUIRED):
                return index
    except csv.Error:
        return 0
    return 0


def _columns(header: list[str], path: Path, line: int = 1) -> list[str | None]:
    columns: list[str | None] = []
    for number, cell in enumerate(header, 1):
        name = _normal(cell)
        if not name:
            columns.append(None)
            continue
        if name not in _HEADERS:
            raise DeckgenError(
                _("unknown column {shown} (column {number})").format(
                    shown=shown(cell.strip()), number=number
                ),
                Location(path, line),
                close_match(name, DANISH_HEADERS) or _use_headers(),
            )
        if _HEADERS[name] in columns:
            first = columns.index(_HEADERS[name]) + 1
            raise DeckgenError(
                _("column {number} ({strip}) says the same as column {first} ({strip2})").format(
                    number=number,
                    strip=repr(cell.strip()),
                    first=first,
                    strip2=repr(header[first - 1].strip()),
                ),
                Location(path, line),
                _("remove one of the two columns, or rename it"),
            )
        columns.append(_HEADERS[name])
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        wanted = [DANISH_HEADERS[FIELDS.index(name)] for name in missing]
        raise DeckgenError(
            _("the schedule has no column {join}").format(join=_(" or ").join(map(repr, wanted))),
            Location(path, line),
            _("the header row needs at least: {join}").format(join=", ".join(DANISH_HEADERS[:3])),
        )
    return columns


def _from_yaml(text: str, path: Path) -> Schedule:
    doc = parse_yaml(text, path)
    entries = doc.mapping(
        _("a YAML schedule must be a mapping with a `visits:` list"),
        _("list the visits under `visits:`, one `- dato: …` per visit"),
        list_key="visits",
    )["visits"]
    schedule = Schedule(path)
    for index, entry in enumerate(entries):
        row = doc.locate(("visits", index))
        row = Location(path, row.line)
        if not isinstance(entry, dict):
            schedule.problems.append(
                Problem(row, _("a visit must be a mapping"), _("write `dato:`, `direktør:`, …"))
            )
            continue
        values, unknown = _known_fields(entry)
        if unknown:
            schedule.problems.append(_unknown_field(row, unknown[0]))
            continue
        _add_cleaned_row(schedule, row, values)
    return schedule


MAX_FIELDS = 30
"""The most fields one row may be sent with (a schedule has seven columns): more is not a
visit, and is refused before any field is looked at."""
MAX_IDS = 200
"""The most block ids one cell of `tilføj` or `fjern` may name (a deck has some twenty)."""
MAX_UNKNOWN_SHOWN = 5
"""Unknown fields of one row named one by one, each with a suggestion; the rest counted."""


def read_row(fields: Mapping[str, Any], row: Location) -> Visit:
    """The visit that one row's `fields` describe (named as a schedule's header may name
    them: `dato`, `direktør`, `udvalg`, …), read as a row of a schedule file is; a row typed
    on the web page or sent to the API is read exactly as the same row in a file.

    Raises `InvalidInput` with every problem of the row, each at its cell when it concerns
    one column (`column_cell`)."""
    if len(fields) > MAX_FIELDS:
        raise InvalidInput(
            [
                Problem(
                    row,
                    _("{count} fields sent; a visit has at most {most}").format(
                        count=len(fields), most=len(DANISH_HEADERS) + 1
                    ),
                    _use_headers(),
                )
            ]
        )
    values, unknown = _known_fields(fields)
    schedule = Schedule(row.file)
    # Each unknown field is looked at once (a suggestion costs a comparison with every
    # column), and only the first few: a row of hundreds of made-up keys costs no more.
    schedule.problems.extend(_unknown_field(row, key) for key in unknown[:MAX_UNKNOWN_SHOWN])
    if len(unknown) > MAX_UNKNOWN_SHOWN:
        schedule.problems.append(
            Problem(
                row,
                _("and {count} more unknown fields").format(count=len(unknown) - MAX_UNKNOWN_SHOWN),
                _use_headers(),
            )
        )
    if not unknown:
        _add_cleaned_row(schedule, row, values)
    if schedule.problems:
        raise InvalidInput(schedule.problems)
    return schedule.visits[0]


def _known_fields(entry: Mapping[Any, Any]) -> tuple[dict[str, Any], list[Any]]:
    """The fields of `entry` by their field names (`date`, …), and the keys that name none."""
    values: dict[str, Any] = {}
    unknown = []
    for key, value in entry.items():
        name = _HEADERS.get(_normal(str(key)))
        if name is None:
            unknown.append(key)
        else:
            values[name] = value
    return values, unknown


def _unknown_field(row: Location, key: Any) -> Problem:
    return Problem(
        row,
        _("unknown field {value}").format(value=repr(key)),
        close_match(_normal(str(key)), DANISH_HEADERS) or _use_headers(),
    )


def _add_cleaned_row(schedule: Schedule, row: Location, values: dict[str, Any]) -> None:
    """Add the row's visit, its cells' line breaks made `\\n`; or its control character."""
    texts = {name: value for name, value in values.items() if isinstance(value, str)}
    cleaned, bad = cells_problems.clean_cells(texts, _label)
    if bad is not None:
        schedule.problems.append(Problem(row, *bad))
        return
    _add_row(schedule, row, {**values, **cleaned})


def _add_row(schedule: Schedule, row: Location, values: dict[str, Any]) -> None:
    """Add the row's visit, or every problem the row has (not just the first)."""

    def text(name: str) -> str:
        value = values.get(name)
        return "" if value is None else str(value).strip()

    problems = []
    for name, value in values.items():
        ids = name in ("extra", "drop")  # block ids may be a YAML list of them
        items = value if ids and isinstance(value, list) else [value]
        if any(isinstance(item, (list, dict)) for item in items):
            label = DANISH_HEADERS[FIELDS.index(name)]
            hint = _("the block ids separated by commas") if ids else _("as text on one line")
            problems.append(
                Problem(
                    column_cell(row, name),
                    _("expected text, not a list or mapping"),
                    _("write {hint}").format(hint=hint),
                )
            )
    for name in REQUIRED:
        if not text(name) and not any(
            p.location is not None and p.location.heading == _label(name) for p in problems
        ):
            label = DANISH_HEADERS[FIELDS.index(name)]
            problems.append(
                Problem(
                    column_cell(row, name),
                    _("no {label} given").format(label=label),
                    _("fill in `{label}`").format(label=label),
                )
            )
    written, date = None, ""
    if text("date") and not isinstance(values.get("date"), (list, dict)):
        try:
            written = read_date(text("date"))
            # Without a year, from today for now; `_date_years` gives it the schedule's year.
            date = written.on_or_after(dt.date.today()).isoformat()
        except ValueError as exc:
            problems.append(Problem(column_cell(row, "date"), str(exc)))
    for name in ("extra", "drop"):
        if not problems and len(block_items(values.get(name))) > MAX_IDS:
            problems.append(
                Problem(
                    column_cell(row, name),
                    _("{count} block ids; a visit adds or leaves out at most {most}").format(
                        count=len(block_items(values.get(name))), most=MAX_IDS
                    ),
                    _("name each block once"),
                )
            )
    if problems:
        schedule.problems.extend(problems)
        if text("director") and not isinstance(values.get("director"), (list, dict)):
            schedule.unread_directors.append((row, text("director")))
        return
    if written is not None and written.year is None:
        schedule.yearless[len(schedule.visits)] = written
    schedule.visits.append(
        Visit(
            row,
            date,
            text("director"),
            text("committee"),
            text("place"),
            block_items(values.get("extra")),
            block_items(values.get("drop")),
            text("local_example"),
        )
    )


def _use_headers() -> str:
    return _("use: {columns}").format(columns=", ".join(DANISH_HEADERS))


def _label(name: str) -> str:
    """The Danish column name of field `name`."""
    return DANISH_HEADERS[FIELDS.index(name)]


def column_cell(row: Location, name: str) -> Location:
    """The cell of field `name` (`director`, `committee`, …) in `row`, for a message that
    names the column the user wrote in (`række 14, kolonne "udvalg"`)."""
    return msgspec.structs.replace(row, heading=_label(name))


def _normal(name: str) -> str:
    # NFC: a header typed on a Mac ("direktør" with a combining stroke) is the same header.
    plain = " ".join(name.replace("_", " ").replace("-", " ").split()).casefold()
    return unicodedata.normalize("NFC", plain)


def schedule_column(name: str) -> str | None:
    """The schedule's Danish column name for `name` (any spelling a header may use), or None."""
    meaning = _HEADERS.get(_normal(name))
    return DANISH_HEADERS[FIELDS.index(meaning)] if meaning else None
