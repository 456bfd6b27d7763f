"""The commands for the visit tour: `tour` builds a whole schedule, `new` makes one visit's
deck by asking step by step, `provenance` tells which decks used which block."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from deckgen.cli import options
from deckgen.errors import display_path
from deckgen.i18n import _, ngettext
from deckgen.project import DEFAULT_OUTPUT_DIR, DEFAULT_PROFILES

if TYPE_CHECKING:
    from deckgen.tour.committees import Committees


@click.command()
@click.argument("schedule", type=click.Path(path_type=Path, dir_okay=False))
@options.output_folder(DEFAULT_OUTPUT_DIR, "Folder for the decks.")
@click.option(
    "--directors",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The director profiles [default: direktoerer.yaml beside the schedule].",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Decks built at once [default: one per core].",
)
@click.option(
    "--force",
    is_flag=True,
    help="Rebuild decks edited since (kept as '<name> (før genopbygning).pptx').",
)
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. text that overflows) as errors.")
def tour(
    schedule: Path,
    output: Path,
    directors: Path | None,
    jobs: int | None,
    force: bool,
    strict: bool,
) -> None:
    """Build one deck per visit in SCHEDULE (a .csv or .yaml file).

    \b
    Example:
      deckgen tour decks/tour/besoeg-2025-2026.csv -o build/

    Each deck is named date_director_committee.pptx. A row that cannot be built is reported
    with its row number and the others are still built; the exit status is 1 if any failed.
    Decks edited since deckgen built them are left alone unless you pass --force.
    """
    from deckgen import api

    with contextlib.ExitStack() as stack:
        bars: list[Any] = []

        def start(total: int) -> None:
            bar = click.progressbar(
                length=total, label="Building decks", file=sys.stderr, show_pos=True
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
        suffix = f" (in {count} decks)" if count > 1 else ""
        click.echo(f"Warning: {warning}{suffix}", err=True)
    for outcome in result.built:
        if outcome.backup:
            click.echo(f"Kept the edited deck as {outcome.backup}", err=True)
        if outcome.visit_file:
            click.echo(
                _(
                    "{row}: built from {file}, which `deckgen new` made for this visit; "
                    "delete that file to build the visit from its row"
                ).format(row=outcome.row, file=display_path(outcome.visit_file)),
                err=True,
            )
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
        click.echo(f"Error: {error}", err=True)
    # A broken block no visit shows stops nothing: told once, as a warning.
    for problem in (p for p in result.library_problems if p not in errors):
        click.echo(
            _("Warning: {problem} (no visit shows that block, so it stopped none)").format(
                problem=problem
            ),
            err=True,
        )
    for outcome in result.failed:
        click.echo(f"Error: {outcome.error}", err=True)
        if outcome.trace:
            click.echo(outcome.trace, err=True)
    for outcome in result.skipped:
        click.echo(outcome.skipped, err=True)
    built, failed = len(result.built), len(result.failed) + len(result.skipped)
    workers = "1 worker" if result.jobs == 1 else f"{result.jobs} workers"
    click.echo(
        f"Built {built} of {built + failed} decks in {output} in {result.seconds:.1f} s "
        f"({workers}); {len(result.failed)} failed"
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
        total = len(result.outcomes)
        raise click.ClickException(f"{failed} of {total} visits failed; see above")


@click.command()
@click.option(
    "--directors",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_PROFILES,
    show_default=True,
    help="The director profiles.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the .pptx [default: build/<date_director_committee>.pptx].",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an edited deck (kept as '<name> (før genopbygning).pptx').",
)
def new(directors: Path, output: Path | None, force: bool) -> None:
    """Make the deck for one visit by answering a few questions; no YAML to write.

    \b
    Example:
      deckgen new

    Asks for the director, the committee, the date and place, and which blocks to add or
    leave out; writes the visit's deck file beside the director's deck (decks/visits/) and builds
    it into build/. Press Enter to take the suggestion in [brackets].
    """
    from deckgen.errors import Location, display_path
    from deckgen.tour.profiles import load_profiles
    from deckgen.tour.run import make_visit_deck
    from deckgen.tour.schedule import Visit
    from deckgen.tour.visits import DeckSources, entry_id, plan_visit

    profiles = load_profiles(directors)
    sources = DeckSources()
    people = list(profiles.directors.values())
    click.echo("Direktører:")
    for number, person in enumerate(people, 1):
        click.echo(f"  {number}) {person.name}" + (f" – {person.title}" if person.title else ""))
    person_id = click.prompt(
        "Direktør (nummer eller navn)",
        type=_Pick({p.id: (p.id, p.name) for p in people}),
        default="1",
    )
    person = profiles.directors[person_id]
    if profiles.committees:
        click.echo("Udvalg:")
        _columns([f"{n:>2}) {name}" for n, name in enumerate(profiles.committees, 1)])
    committee = click.prompt(
        "Udvalg (nummer, eller skriv navnet)",
        type=_Committee(profiles.register),
    )
    date = click.prompt(
        "Dato (ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ)", type=_Date(), default=dt.date.today().isoformat()
    )
    place = click.prompt("Sted (Enter for intet)", default="", show_default=False)

    deck_path = profiles.deck_path(person)
    library = sources.library(sources.library_folder(deck_path))
    base = plan_visit(Visit(Location(directors), date, person.id, committee), profiles, sources)
    in_deck = [entry_id(entry) for entry in base.data["slides"]]
    click.echo(f"Diasene i {person.name}s dæk:")
    for number, block_id in enumerate(in_deck, 1):
        found = library.get(block_id)
        heading = " ".join(found.block.heading.split()) if found else ""
        click.echo(f"  {number:>2}) {block_id}" + (f" – {heading[:60]}" if heading else ""))
    others = [entry.block.id for entry in library if entry.block.id not in in_deck]
    if others:
        click.echo(f"Andre blokke i biblioteket: {', '.join(others)}")
    extra = click.prompt(
        "Tilføj blokke (id'er adskilt af komma; Enter for ingen)",
        type=_Blocks(others),
        default="",
        show_default=False,
    )
    drop = click.prompt(
        "Fjern blokke (id'er adskilt af komma; Enter for ingen)",
        type=_Blocks(in_deck),
        default="",
        show_default=False,
    )
    example = click.prompt(
        "Lokalt eksempel til dialogen (Enter for intet)", default="", show_default=False
    )

    visit = Visit(Location(directors), date, person.id, committee, place, extra, drop, example)
    result = make_visit_deck(
        plan_visit(visit, profiles, sources),
        output,
        force=force,
        replace=lambda deck_file: _confirm(
            f"{display_path(deck_file)} findes allerede. "
            "Skriv den nye over den (den gamle gemmes som .bak)?"
        ),
        on_deck_file=lambda deck_file: click.echo(f"Wrote {display_path(deck_file)}"),
    )
    if result is None:
        click.echo("Intet skrevet: filen er uændret.")
        return
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Wrote {result.output} ({result.slides} slides)")
    if result.backup:
        click.echo(f"Kept the file that was there as {result.backup}")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--block", "block_id", help="Only decks that show this block, with its version.")
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON.")
def provenance(paths: tuple[Path, ...], block_id: str | None, as_json: bool) -> None:
    """Tell what decks (files, or folders searched for .pptx) were built from.

    \b
    Examples:
      deckgen provenance build/ --block vejen-videre
      deckgen provenance build/ --json > provenance.json

    Every deck deckgen builds records its deck file, each slide's block with a version (a
    hash of the block as written) and file, its variables and hashes of its inputs and
    content, in the document's custom properties.
    """
    from deckgen.provenance import decks_using

    found = decks_using(paths, block_id)
    if as_json:
        records = [{"file": str(path), **record.to_json()} for path, record in found]
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    versions: dict[str, int] = {}
    for path, record in found:
        if block_id is None:
            click.echo(f"{path}  {record.deck}  {len(record.slides)} slides")
            continue
        for slide in record.slides:
            if slide.block_id == block_id:
                versions[slide.version] = versions.get(slide.version, 0) + 1
                click.echo(f"{path}  {slide.text()}")
    if block_id is not None:
        summary = ", ".join(f"{version} in {count}" for version, count in versions.items())
        click.echo(f"{len(found)} decks show {block_id}" + (f": {summary}" if summary else ""))


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
        self.fail(f"{text!r} er hverken et af numrene 1–{len(keys)} eller et navn ovenfor")


class _Committee(click.ParamType):
    """A committee of the register, by its number in the list or its name."""

    name = "committee"

    def __init__(self, register: Committees) -> None:
        self.register = register

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        text = " ".join(str(value).split())
        names = self.register.names
        if text.isdigit() and names:
            if 1 <= int(text) <= len(names):
                return names[int(text) - 1]
            self.fail(_("there is no committee number {number}").format(number=text))
        if not text:
            self.fail(_("type the committee's name"))
        found = self.register.find(text)
        if found is None:
            self.fail(
                _("{name!r} is not in the committee register — {hint}").format(
                    name=text, hint=self.register.unknown_hint(text)
                )
            )
        return found


class _Date(click.ParamType):
    """A date as 2025-03-12 or 12-03-2025, returned as ISO."""

    name = "date"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from deckgen.variables import parse_date

        try:
            return parse_date(str(value))
        except ValueError:
            self.fail(f"{value!r} er ikke en dato; skriv den som 2025-03-12 eller 12-03-2025")


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
                hint = f"mente du {match[0]!r}?" if match else "vælg blandt dem ovenfor"
                self.fail(f"{block_id!r} er ikke en af dem — {hint}")
        return ids


def _columns(items: list[str], width: int = 44) -> None:
    """Echo `items` in two columns, down the first and then the second."""
    half = (len(items) + 1) // 2
    rights = items[half:] + [""] * (2 * half - len(items))
    for left, right in zip(items[:half], rights, strict=True):
        click.echo(f"  {left:<{width}}{right}".rstrip())


def _confirm(question: str) -> bool:
    """Ask a yes/no question; Danish (j/ja/n/nej) and English answers, Enter for no."""
    return bool(click.prompt(f"{question} [j/N]", type=_YesNo(), default="", show_default=False))


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
        self.fail(f"{value!r}: svar j (ja) eller n (nej)")
