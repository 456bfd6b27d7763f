"""The commands for the visit tour: `tour` builds a whole schedule, `provenance` tells which
decks used which block (`new`, one visit's deck asked for step by step, is in `cli/new.py`)."""

from __future__ import annotations

import contextlib
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import click

from deckgen.cli import options
from deckgen.cli.language import Command, argument, option
from deckgen.errors import InvalidInput, Problem, display_path
from deckgen.i18n import N_, _, decimal, ngettext
from deckgen.project import DEFAULT_OUTPUT_DIR, project_root


@click.command(
    cls=Command,
    help=N_(
        """Build one deck per visit in SCHEDULE (a .csv or .yaml file).

    \b
    Example:
      deckgen tour decks/tour/besoeg-2025-2026.csv -o build/

    Each deck is named date_director_committee.pptx. A row that cannot be built is reported
    with its row number and the others are still built; the exit status is 1 if any failed.
    A deck already up to date (nothing it is made of has changed) is not built again, and
    decks edited since deckgen built them are left alone, unless you pass --force.
    """
    ),
)
@argument("schedule", N_("SCHEDULE"), type=click.Path(path_type=Path, dir_okay=False))
@options.output_folder(DEFAULT_OUTPUT_DIR, N_("Folder for the decks."))
@option(
    "--directors",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_(
        "The director profiles [default: direktoerer.yaml beside the schedule, else the "
        "project's decks/tour/direktoerer.yaml]."
    ),
)
@options.project_folder()
@option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar=N_("NUMBER"),
    help=N_("Decks built at once [default: one per core]."),
)
@options.force(
    N_(
        "Rebuild every deck, those up to date too, and those edited since (kept as "
        "'<name> (før genopbygning).pptx')."
    )
)
@options.strict()
def tour(
    schedule: Path,
    output: Path,
    directors: Path | None,
    project: Path | None,
    jobs: int | None,
    force: bool,
    strict: bool,
) -> None:
    from deckgen import api

    with contextlib.ExitStack() as stack:
        bars: list[Any] = []

        def start(total: int) -> None:
            bar = click.progressbar(
                length=total, label=_("Building decks"), file=sys.stderr, show_pos=True
            )
            bars.append(stack.enter_context(bar))

        result = api.build_tour(
            schedule,
            output,
            directors=directors,
            project=project,
            jobs=jobs,
            force=force,
            strict=strict,
            on_start=start,
            on_outcome=lambda _: bars[0].update(1),
        )
    warnings: dict[str, int] = {}
    for outcome in result.built:
        for warning in outcome.warnings:
            warnings[warning] = warnings.get(warning, 0) + 1
    for warning, count in warnings.items():
        suffix = (
            ngettext(" (in {count} deck)", " (in {count} decks)", count).format(count=count)
            if count > 1
            else ""
        )
        click.echo(_("Warning: {message}").format(message=f"{warning}{suffix}"), err=True)
    doubts = [outcome.doubt for outcome in result.outcomes if outcome.doubt]
    if doubts:
        click.echo(
            _("Warning: {message}").format(
                message=ngettext(
                    "{count} visit has an unlikely date; check its year: {first}",
                    "{count} visits have an unlikely date; check their years (the first: {first})",
                    len(doubts),
                ).format(count=len(doubts), first=doubts[0])
            ),
            err=True,
        )
    for outcome in result.built:
        if outcome.backup:
            click.echo(_("Kept the edited deck as {file}").format(file=outcome.backup), err=True)
    if result.stale:
        click.echo(
            ngettext(
                "{count} deck in {folder} is made by no row of the schedule any more (a visit "
                "moved or was removed); it was left alone — delete it if it is not needed:",
                "{count} decks in {folder} are made by no row of the schedule any more (a "
                "visit moved or was removed); they were left alone — delete those not needed:",
                len(result.stale),
            ).format(count=len(result.stale), folder=output),
            err=True,
        )
        for path in result.stale:
            click.echo(f"  {path.name}", err=True)
    # An error in a file many rows are made from (the director's deck) is told once.
    errors = dict.fromkeys(e for outcome in result.failed for e in outcome.source_errors)
    for error in errors:
        click.echo(_("Error: {message}").format(message=error), err=True)
    # A broken block no visit shows stops nothing: told once, as a warning.
    for problem in (p for p in result.library_problems if p not in errors):
        click.echo(
            _("Warning: {problem} (no visit shows that block, so it stopped none)").format(
                problem=problem
            ),
            err=True,
        )
    for outcome in result.failed:
        click.echo(_("Error: {message}").format(message=outcome.error), err=True)
        if outcome.trace:
            click.echo(outcome.trace, err=True)
    for outcome in result.skipped:
        click.echo(outcome.skipped, err=True)
    built, failed = len(result.built), len(result.failed)
    click.echo(
        _("Built {built} of {total} decks in {folder} in {seconds} s; {failed} failed").format(
            built=built,
            total=len(result.outcomes),
            folder=output,
            seconds=decimal(result.seconds),
            failed=failed,
        )
    )
    if result.changes:
        click.echo(
            _(
                "The visit register: {created} new, {changed} changed, {unchanged} unchanged "
                "visits."
            ).format(
                created=result.changes.get("created", 0),
                changed=result.changes.get("changed", 0),
                unchanged=result.changes.get("unchanged", 0),
            )
        )
    if result.current:
        click.echo(
            ngettext(
                "{count} was already up to date (no block, value or theme it is made of has "
                "changed since it was built) and was left as it is.",
                "{count} were already up to date (no block, value or theme they are made of has "
                "changed since they were built) and were left as they are.",
                len(result.current),
            ).format(count=len(result.current))
        )
    if result.skipped:
        click.echo(
            ngettext(
                "{count} skipped because it was edited since it was built; it was left as it "
                "is. To rebuild it anyway, run the same command with --force: the edited deck "
                "is kept beside the new one as '<name> (før genopbygning).pptx'.",
                "{count} skipped because they were edited since they were built; they were "
                "left as they are. To rebuild them anyway, run the same command with --force: "
                "each edited deck is kept beside the new one as "
                "'<name> (før genopbygning).pptx'.",
                len(result.skipped),
            ).format(count=len(result.skipped))
        )
    failed = len(result.failed)
    if failed:
        raise click.ClickException(
            _("{failed} of {total} visits failed; see above").format(
                failed=failed, total=len(result.outcomes)
            )
        )


@click.command(
    cls=Command,
    help=N_(
        """Tell what decks (files, or folders searched for .pptx) were built from.

    \b
    Examples:
      deckgen provenance build/ --block vejen-videre
      deckgen provenance --outdated
      deckgen provenance build/ --json > provenance.json

    Every deck deckgen builds records its deck file, each slide's block with a version (a
    hash of the block as written) and file, its variables and hashes of its inputs and
    content, in the document's custom properties. With --outdated, it lists the decks that
    show a block that has changed in the library since, a block at a time: the tour's
    (`deckgen tour` rebuilds those) and, always, the visits whose deck was made on the web
    page (make them again there). Without PATH, it looks at the project's build/.
    """
    ),
)
@argument(
    "paths", N_("PATH"), nargs=-1, required=False, type=click.Path(path_type=Path, exists=True)
)
@option("--block", "block_id", help=N_("Only decks that show this block, with its version."))
@option(
    "--outdated",
    is_flag=True,
    help=N_("Only decks that show an older version of a block than the library holds now."),
)
@options.project_folder(
    N_(
        "The project whose block files the decks are compared with [default: the current "
        "folder's project]."
    )
)
@options.as_json(N_("Print the records as JSON."))
def provenance(
    paths: tuple[Path, ...],
    block_id: str | None,
    outdated: bool,
    project: Path | None,
    as_json: bool,
) -> None:
    from deckgen.provenance import decks_using

    problems: list[Problem] = []
    if not paths and not outdated:
        raise click.UsageError(
            _("name the decks or folders to look at, or ask for --outdated (the whole project)")
        )
    if outdated:
        _print_outdated(paths, block_id, project, as_json, problems)
        if problems:
            raise InvalidInput(problems)
        return
    found = decks_using(paths, block_id, problems)
    if as_json:
        records = [{"file": str(path), **record.to_json()} for path, record in found]
        text = json.dumps(records, indent=2, ensure_ascii=False)
        click.echo("".join(_json_escaped(char) for char in text))
    else:
        _print_provenance(found, block_id)
    if problems:
        raise InvalidInput(problems)


def _print_provenance(found: list[tuple[Path, Any]], block_id: str | None) -> None:
    versions: dict[str, int] = {}
    if not found and block_id is None:
        # Saying nothing would read as a deck with nothing in it.
        click.echo(_("no deck deckgen made is there (no presentation with a deckgen record)"))
    for path, record in found:
        if block_id is None:
            click.echo(
                ngettext(
                    "{file}  {deck}  {count} slide",
                    "{file}  {deck}  {count} slides",
                    len(record.slides),
                ).format(file=path, deck=_printable(record.deck), count=len(record.slides))
            )
            continue
        for slide in record.slides:
            if slide.block_id == block_id:
                versions[slide.version] = versions.get(slide.version, 0) + 1
                click.echo(f"{path}  {_printable(slide.text())}")
    if block_id is not None:
        summary = ", ".join(
            _("{version} in {count}").format(version=_printable(version), count=count)
            for version, count in versions.items()
        )
        shows = ngettext("{count} deck shows {block}", "{count} decks show {block}", len(found))
        click.echo(
            shows.format(count=len(found), block=block_id) + (f": {summary}" if summary else "")
        )


def _print_outdated(
    paths: tuple[Path, ...],
    block_id: str | None,
    project: Path | None,
    as_json: bool,
    problems: list[Problem],
) -> None:
    from deckgen import api

    # The decks the web page made for kept visits are the project's too: always looked at,
    # wherever PATH points (they lie in `.deckgen/`, where nobody would point).
    page = api.page_decks(project, problems)
    looked_at = list(paths)
    if not looked_at:
        root = project_root((project or Path.cwd()) / "_")
        looked_at = [root / DEFAULT_OUTPUT_DIR] if (root / DEFAULT_OUTPUT_DIR).is_dir() else []
    given = [path.resolve() for path in looked_at]
    looked_at += [
        deck
        for deck, visit in page.items()
        if not visit.missing and not any(deck == p or deck.is_relative_to(p) for p in given)
    ]
    found = api.outdated_decks(looked_at, project, block_id, problems) if looked_at else []
    # Deleted since the page made them, and made from other inputs than the visit has now:
    # which blocks they show is not known, so they count for every block and none.
    gone = [visit for visit in page.values() if visit.missing] if block_id is None else []
    if as_json:
        records = [
            {
                "file": str(deck.path),
                "deck": deck.record.deck,
                "slides": [
                    {
                        "slide": slide.number,
                        "block": slide.source.block_id,
                        "file": slide.source.file,
                        "built_with": slide.source.version,
                        "now": slide.version,
                    }
                    for slide in deck.slides
                ],
                "changed_files": list(deck.files),
                **_visit_json(page.get(deck.path.resolve())),
            }
            for deck in found
        ]
        records += [
            {
                "file": str(visit.path),
                "deck": "",
                "slides": [],
                "changed_files": [],
                "missing": True,
                **_visit_json(visit),
            }
            for visit in gone
        ]
        text = json.dumps(records, indent=2, ensure_ascii=False)
        click.echo("".join(_json_escaped(char) for char in text))
        return
    # A to-do list, a block at a time: what changed, and the decks to build again.
    todos = api.outdated_todo(found, project)
    for todo in todos:
        block = _printable(todo.block_id)
        where = str(todo.location) if todo.location else _printable(todo.file)
        head = (
            ngettext(
                "{block} is no longer in {file}: {count} deck still shows it",
                "{block} is no longer in {file}: {count} decks still show it",
                len(todo.decks),
            )
            if todo.gone
            else ngettext(
                "{block} ({where}) has changed: {count} deck shows the older version",
                "{block} ({where}) has changed: {count} decks show the older version",
                len(todo.decks),
            )
        )
        click.echo(
            head.format(block=block, file=_printable(todo.file), where=where, count=len(todo.decks))
        )
        for text in todo.new_text:
            click.echo("  " + _("now says: {text}").format(text=_one_line(text)))
        for behind in todo.decks[:_SHOWN_DECKS]:
            click.echo("  " + _behind_line(behind, page.get(behind.path.resolve())))
        if len(todo.decks) > _SHOWN_DECKS:
            click.echo("  " + _("… and {count} more").format(count=len(todo.decks) - _SHOWN_DECKS))
    # A file a deck carries as it was (a picture, a reused slide) that has changed since.
    for file, decks in api.outdated_files(found):
        click.echo(
            ngettext(
                "{file} has changed since (or is gone): {count} deck shows it as it was",
                "{file} has changed since (or is gone): {count} decks show it as it was",
                len(decks),
            ).format(file=_printable(file), count=len(decks))
        )
        for behind in decks[:_SHOWN_DECKS]:
            line = display_path(behind.path)
            if behind.edited:
                line += " " + _("(edited since it was built: rebuilding replaces the edits)")
            click.echo("  " + line)
        if len(decks) > _SHOWN_DECKS:
            click.echo("  " + _("… and {count} more").format(count=len(decks) - _SHOWN_DECKS))
    if gone:
        click.echo(
            ngettext(
                "{count} visit's deck made on the web page is gone from {folder}, and the "
                "visit is now made from other blocks or values than it was",
                "{count} visits' decks made on the web page are gone from {folder}, and each "
                "visit is now made from other blocks or values than it was",
                len(gone),
            ).format(count=len(gone), folder=display_path(api.page_decks_folder(project)))
        )
        for visit in gone[:_SHOWN_DECKS]:
            click.echo("  " + _visit_line(visit))
        if len(gone) > _SHOWN_DECKS:
            click.echo("  " + _("… and {count} more").format(count=len(gone) - _SHOWN_DECKS))
    count = len(found) + len(gone)
    click.echo(
        ngettext(
            "{count} deck shows an older version of a block or file than the project holds now",
            "{count} decks show an older version of a block or file than the project holds now",
            count,
        ).format(count=count)
        + (_("; `deckgen tour` rebuilds the tour's decks among them") if found else "")
    )
    visits = {page[deck.path.resolve()].visit_id for deck in found if deck.path.resolve() in page}
    visits |= {visit.visit_id for visit in gone}
    if visits:
        click.echo(
            ngettext(
                "{count} of them is a visit's deck made on the web page: open the visit there "
                "and download it again (Hent PowerPoint), and send it to whoever has the old one",
                "{count} of them are visits' decks made on the web page: open each visit there "
                "and download it again (Hent PowerPoint), and send it to whoever has the old one",
                len(visits),
            ).format(count=len(visits))
        )


def _behind_line(behind: Any, visit: Any) -> str:
    """A deck of the to-do list: its file and slide, or the visit it was made on the page
    for (committee, date, director); marked if edited since it was made."""
    if visit is None:
        line = _("{deck}, slide {number}").format(
            deck=display_path(behind.path), number=behind.slide
        )
    else:
        line = _("{visit}, slide {number}").format(visit=_visit_line(visit), number=behind.slide)
    if behind.edited or (visit is not None and visit.replaced):
        line += " " + _("(edited since it was built: rebuilding replaces the edits)")
    return line


def _visit_line(visit: Any) -> str:
    """The visit a deck was made on the page for: its number, committee, date, director."""
    return _("visit {id} on the web page: {committee}, {date}, {director}").format(
        id=visit.visit_id,
        committee=_printable(visit.committee),
        date=_day(visit.date),
        director=_printable(visit.director),
    )


def _day(iso: str) -> str:
    import datetime as dt

    from deckgen.variables import danish_date

    try:
        return danish_date(dt.date.fromisoformat(iso))
    except ValueError:
        return _printable(iso)


def _visit_json(visit: Any) -> dict[str, Any]:
    """The visit a deck made on the web page is, for --json (nothing for another deck)."""
    if visit is None:
        return {}
    return {
        "visit": {
            "id": visit.visit_id,
            "date": visit.date,
            "director": visit.director,
            "committee": visit.committee,
            "edited": visit.replaced,
        }
    }


_SHOWN_DECKS = 5
"""Decks listed per block of the to-do list; the rest are counted (`--json` lists every one)."""


def _one_line(text: str, most: int = 100) -> str:
    line = " ".join(_printable(text).split())
    return line if len(line) <= most else line[: most - 1] + "…"


def _json_escaped(char: str) -> str:
    """A character of JSON text, as `\\uXXXX` if it is a control or format character (JSON
    escapes only those below U+0020 itself); the JSON means the same."""
    if unicodedata.category(char)[0] == "C" and char not in "\n\t":
        return f"\\u{ord(char):04x}"
    return char


def _printable(text: str) -> str:
    """Text from a deck's record with control characters (a terminal's escape codes, which
    a deck from elsewhere can carry) shown escaped instead of acted on."""
    return "".join(
        char if unicodedata.category(char)[0] != "C" else ascii(char)[1:-1] for char in text
    )
