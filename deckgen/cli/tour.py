"""The commands for the visit tour: `tour` builds a whole schedule, `new` makes one visit's
deck by asking step by step, `provenance` tells which decks used which block."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import click

from deckgen.cli import options
from deckgen.cli.language import Command, option
from deckgen.errors import InvalidInput, Problem
from deckgen.i18n import N_, _, decimal, ngettext
from deckgen.project import DEFAULT_OUTPUT_DIR, DEFAULT_PROFILES


@click.command(
    cls=Command,
    help=N_(
        """Build one deck per visit in SCHEDULE (a .csv or .yaml file).

    \b
    Example:
      deckgen tour decks/tour/besoeg-2025-2026.csv -o build/

    Each deck is named date_director_committee.pptx. A row that cannot be built is reported
    with its row number and the others are still built; the exit status is 1 if any failed.
    Decks edited since deckgen built them are left alone unless you pass --force.
    """
    ),
)
@click.argument("schedule", type=click.Path(path_type=Path, dir_okay=False))
@options.output_folder(DEFAULT_OUTPUT_DIR, N_("Folder for the decks."))
@option(
    "--directors",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("The director profiles [default: direktoerer.yaml beside the schedule]."),
)
@option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar=N_("NUMBER"),
    help=N_("Decks built at once [default: one per core]."),
)
@option("--force", is_flag=True, help=N_("Rebuild decks edited since (kept as <name>.bak)."))
@option("--strict", is_flag=True, help=N_("Treat warnings (e.g. text that overflows) as errors."))
def tour(
    schedule: Path,
    output: Path,
    directors: Path | None,
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
    for outcome in result.built:
        if outcome.backup:
            click.echo(_("Kept the edited deck as {file}").format(file=outcome.backup), err=True)
    # An error in a file many rows are made from (the director's deck) is told once.
    for error in dict.fromkeys(e for outcome in result.failed for e in outcome.source_errors):
        click.echo(_("Error: {message}").format(message=error), err=True)
    for outcome in result.failed:
        click.echo(_("Error: {message}").format(message=outcome.error), err=True)
        if outcome.trace:
            click.echo(outcome.trace, err=True)
    built, failed = len(result.built), len(result.failed)
    click.echo(
        _("Built {built} of {total} decks in {folder} in {seconds} s; {failed} failed").format(
            built=built,
            total=built + failed,
            folder=output,
            seconds=decimal(result.seconds),
            failed=failed,
        )
    )
    if failed:
        raise click.ClickException(
            _("{failed} of {total} visits failed; see above").format(
                failed=failed, total=built + failed
            )
        )


@click.command(
    cls=Command,
    help=N_(
        """Make the deck for one visit by answering a few questions; no YAML to write.

    \b
    Example:
      deckgen new

    Asks for the director, the committee, the date and place, and which blocks to add or
    leave out; writes the visit's deck file beside the director's deck (decks/visits/) and builds
    it into build/. Press Enter to take the suggestion in [brackets].
    """
    ),
)
@option(
    "--directors",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_PROFILES,
    show_default=True,
    help=N_("The director profiles."),
)
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("Where to write the .pptx [default: build/<date_director_committee>.pptx]."),
)
@option("--force", is_flag=True, help=N_("Replace an edited deck (kept as <name>.bak)."))
def new(directors: Path, output: Path | None, force: bool) -> None:
    from deckgen.errors import Location, display_path
    from deckgen.tour.profiles import load_profiles
    from deckgen.tour.run import make_visit_deck
    from deckgen.tour.schedule import Visit
    from deckgen.tour.visits import DeckSources, entry_id, plan_visit

    profiles = load_profiles(directors)
    sources = DeckSources()
    people = list(profiles.directors.values())
    click.echo(_("Directors:"))
    for number, person in enumerate(people, 1):
        click.echo(f"  {number}) {person.name}" + (f" – {person.title}" if person.title else ""))
    person_id = click.prompt(
        _("Director (number or name)"),
        type=_Pick({p.id: (p.id, p.name) for p in people}),
        default="1",
    )
    person = profiles.directors[person_id]
    if profiles.committees:
        click.echo(_("Committees:"))
        _columns([f"{n:>2}) {name}" for n, name in enumerate(profiles.committees, 1)])
    committee = click.prompt(
        _("Committee (number, or type the name)"),
        type=_Committee(profiles.committees),
    )
    date = click.prompt(
        _("Date (YYYY-MM-DD or DD-MM-YYYY)"), type=_Date(), default=dt.date.today().isoformat()
    )
    place = click.prompt(_("Place (Enter for none)"), default="", show_default=False)

    deck_path = profiles.deck_path(person)
    library = sources.library(sources.library_folder(deck_path))
    base = plan_visit(Visit(Location(directors), date, person.id, committee), profiles, sources)
    in_deck = [entry_id(entry) for entry in base.data["slides"]]
    click.echo(_("The slides in {name}'s deck:").format(name=person.name))
    for number, block_id in enumerate(in_deck, 1):
        found = library.get(block_id)
        heading = " ".join(found.block.heading.split()) if found else ""
        click.echo(f"  {number:>2}) {block_id}" + (f" – {heading[:60]}" if heading else ""))
    others = [entry.block.id for entry in library if entry.block.id not in in_deck]
    if others:
        click.echo(_("Other blocks in the library: {blocks}").format(blocks=", ".join(others)))
    extra = click.prompt(
        _("Add blocks (ids separated by commas; Enter for none)"),
        type=_Blocks(others),
        default="",
        show_default=False,
    )
    drop = click.prompt(
        _("Leave out blocks (ids separated by commas; Enter for none)"),
        type=_Blocks(in_deck),
        default="",
        show_default=False,
    )
    example = click.prompt(
        _("Local example for the dialogue (Enter for none)"), default="", show_default=False
    )

    visit = Visit(Location(directors), date, person.id, committee, place, extra, drop, example)
    result = make_visit_deck(
        plan_visit(visit, profiles, sources),
        output,
        force=force,
        replace=lambda deck_file: _confirm(
            _(
                "{file} already exists. Write the new one over it (the old one is kept as .bak)?"
            ).format(file=display_path(deck_file))
        ),
        on_deck_file=lambda deck_file: click.echo(
            _("Wrote {file}").format(file=display_path(deck_file))
        ),
    )
    if result is None:
        click.echo(_("Nothing written: the file is unchanged."))
        return
    for warning in result.warnings:
        click.echo(_("Warning: {message}").format(message=warning), err=True)
    click.echo(
        ngettext(
            "Wrote {file} ({count} slide)", "Wrote {file} ({count} slides)", result.slides
        ).format(file=result.output, count=result.slides)
    )
    if result.backup:
        click.echo(_("Kept the file that was there as {file}").format(file=result.backup))


@click.command(
    cls=Command,
    help=N_(
        """Tell what decks (files, or folders searched for .pptx) were built from.

    \b
    Examples:
      deckgen provenance build/ --block vejen-videre
      deckgen provenance build/ --json > provenance.json

    Every deck deckgen builds records its deck file, each slide's block with a version (a
    hash of the block as written) and file, its variables and hashes of its inputs and
    content, in the document's custom properties.
    """
    ),
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@option("--block", "block_id", help=N_("Only decks that show this block, with its version."))
@option("--json", "as_json", is_flag=True, help=N_("Print the records as JSON."))
def provenance(paths: tuple[Path, ...], block_id: str | None, as_json: bool) -> None:
    from deckgen.provenance import decks_using

    problems: list[Problem] = []
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


class _Pick(click.ParamType):
    """One of a few choices, by its number in the list shown, its id or its name."""

    name = "choice"

    def __init__(self, choices: dict[str, tuple[str, ...]]) -> None:
        self.choices = choices

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        text = str(value).strip()
        keys = list(self.choices)
        if text.isdigit() and 1 <= int(text) <= len(keys):
            return keys[int(text) - 1]
        for key, names in self.choices.items():
            if text.casefold() in (name.casefold() for name in names):
                return key
        self.fail(
            _("{answer} is neither one of the numbers 1–{last} nor a name above").format(
                answer=repr(text), last=len(keys)
            )
        )


class _Committee(click.ParamType):
    """A committee from the list by number, or any name typed out."""

    name = "committee"

    def __init__(self, committees: list[str]) -> None:
        self.committees = committees

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        text = " ".join(str(value).split())
        if text.isdigit():
            if 1 <= int(text) <= len(self.committees):
                return self.committees[int(text) - 1]
            self.fail(_("there is no committee number {number}").format(number=text))
        if not text:
            self.fail(_("type the committee's name"))
        return text


class _Date(click.ParamType):
    """A date as 2025-03-12 or 12-03-2025, returned as ISO."""

    name = "date"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from deckgen.variables import parse_date

        try:
            return parse_date(str(value))
        except ValueError:
            self.fail(
                _("{answer} is not a date; write it as 2025-03-12 or 12-03-2025").format(
                    answer=repr(value)
                )
            )


class _Blocks(click.ParamType):
    """Block ids separated by commas or spaces, each one of `allowed`."""

    name = "blocks"

    def __init__(self, allowed: list[str]) -> None:
        self.allowed = allowed

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[str, ...]:
        import difflib

        from deckgen.tour.schedule import block_list

        if isinstance(value, tuple):
            return value
        ids = block_list(value)
        for block_id in ids:
            if block_id not in self.allowed:
                match = difflib.get_close_matches(block_id, self.allowed, n=1, cutoff=0.6)
                hint = (
                    _("did you mean {name}?").format(name=repr(match[0]))
                    if match
                    else _("choose among those above")
                )
                self.fail(
                    _("{answer} is not one of them — {hint}").format(
                        answer=repr(block_id), hint=hint
                    )
                )
        return ids


def _columns(items: list[str], width: int = 44) -> None:
    """Echo `items` in two columns, down the first and then the second."""
    half = (len(items) + 1) // 2
    rights = items[half:] + [""] * (2 * half - len(items))
    for left, right in zip(items[:half], rights, strict=True):
        click.echo(f"  {left:<{width}}{right}".rstrip())


def _confirm(question: str) -> bool:
    """Ask a yes/no question; Danish (j/ja/n/nej) and English answers, Enter for no."""
    return bool(
        click.prompt(
            _("{question} [y/N]").format(question=question),
            type=_YesNo(),
            default="",
            show_default=False,
        )
    )


class _YesNo(click.ParamType):
    """j, ja, y or yes for yes; n, nej, no or nothing for no."""

    name = "yes/no"

    def convert(self, value: Any, param: Any, ctx: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().casefold()
        if text in ("j", "ja", "y", "yes"):
            return True
        if text in ("", "n", "nej", "no"):
            return False
        self.fail(_("{answer}: answer y (yes) or n (no)").format(answer=repr(value)))
