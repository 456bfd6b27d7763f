"""The `deckgen` command: a thin shell over `deckgen.api`."""

from __future__ import annotations

import contextlib
import signal
import sys
import unicodedata
from pathlib import Path

import click

from deckgen import __version__, api
from deckgen.cli import options
from deckgen.cli.importing import import_presentation
from deckgen.cli.language import Command, Group, Option, argument, language_option, option
from deckgen.cli.new import new
from deckgen.cli.serve import serve
from deckgen.cli.theme import theme
from deckgen.cli.tour import provenance, tour
from deckgen.cli.visits import db, visits
from deckgen.errors import DeckgenError, Location, Problem, tally
from deckgen.i18n import N_, _, ngettext
from deckgen.project import APPROVED_DIR, DEFAULT_CATALOGUE_DIR, DEFAULT_PREVIEW_DIR


def _parse_sets(values: tuple[str, ...]) -> dict[str, str]:
    result = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(
                _('{value} is not NAME=VALUE; write e.g. --set omu="OMU Børn og Familie"').format(
                    value=repr(value)
                ),
                param_hint="--set",
            )
        name, text = (unicodedata.normalize("NFC", part) for part in (name.strip(), text))
        if name == "dato" and text.strip():
            # The visit's date, read by the one date grammar (`12/3`, `12. marts 2026`) and
            # passed on as ISO, which the slides print the Danish way: never raw.
            from deckgen.tour.dates import parse_visit_date

            try:
                text = parse_visit_date(text)
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint="--set dato") from None
        # One form of each letter (NFC), as every file deckgen reads is.
        result[name] = text
    return result


_set_option = option(
    "--set",
    "sets",
    multiple=True,
    metavar=N_("NAME=VALUE"),
    help=N_('Set a variable, e.g. --set omu="OMU Børn og Familie" --set dato=2025-03-12.'),
)


_force_outputs = option(
    "--force",
    is_flag=True,
    help=N_(
        "Replace files in the folder that deckgen did not make, or that were changed since "
        "(each kept beside it: a presentation as '<name> (før genopbygning).pptx', other "
        "files as <name>.bak)."
    ),
)


def _warn(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(_("Warning: {problem}").format(problem=problem), err=True)


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_(
        """Compose tailored PowerPoint decks for OMU dialogue meetings from a YAML block library.

    \b
    Build the sample deck:
      deckgen build decks/omu-dialogmoede.yaml --set omu="OMU Børn og Familie"
    """
    ),
)
@click.version_option(
    __version__, prog_name="deckgen", help=N_("Show the version and exit."), cls=Option
)
@language_option
def main() -> None:
    """The `deckgen` command group."""
    # Stopped with SIGTERM (CI timeouts, `kill`), unwind like Ctrl+C so that no half-written
    # temporary file is left behind and any earlier deck stays as it was.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    # A file name that is not UTF-8 (made on a system with another encoding) reaches the
    # output as text Python cannot encode: printed escaped, never a crash after the work
    # is done (`Wrote build/d\udce6k.pptx`, into a pipe or the journal).
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # a TextIOWrapper's
        if reconfigure is not None:
            with contextlib.suppress(ValueError):
                reconfigure(errors="backslashreplace")


@main.command(
    help=N_(
        """Build DECK (a deck file) into a PowerPoint file.

    \b
    Example:
      deckgen build decks/omu-dialogmoede.yaml -o build/boern.pptx \\
        --set omu="OMU Børn og Familie" --set dato=2025-03-12

    A deck that deckgen built and nobody has edited since is simply replaced; an edited deck
    or any other file is left alone unless you pass --force, and then kept as
    '<name> (før genopbygning).pptx'. Nothing is written when the deck has an error.
    """
    )
)
@argument("deck", N_("DECK"), type=click.Path(path_type=Path, dir_okay=False))
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help=N_("Where to write the .pptx [default: build/<deck name>.pptx]."),
)
@_set_option
@option(
    "--force",
    is_flag=True,
    help=N_(
        "Replace an edited deck or a file deckgen did not make "
        "(kept as '<name> (før genopbygning).pptx')."
    ),
)
@option("--strict", is_flag=True, help=N_("Treat warnings (e.g. text that overflows) as errors."))
def build(
    deck: Path, output: Path | None, sets: tuple[str, ...], force: bool, strict: bool
) -> None:
    result = api.build_deck(deck, output, _parse_sets(sets), force=force, strict=strict)
    _warn(result.warnings)
    for problem in result.library_problems:
        click.echo(
            _("Warning: {problem} (this deck does not show that block, so it was built)").format(
                problem=problem
            ),
            err=True,
        )
    options.echo_written(result)


@main.command(
    help=N_(
        """Check block, deck and theme files (or whole folders) and report every problem.

    \b
    Example:
      deckgen validate decks/

    Exits with status 1 if anything is wrong. Variables a deck leaves empty for --set are
    not required here.
    """
    )
)
@argument("paths", N_("PATH"), nargs=-1, required=True, type=click.Path(path_type=Path))
@_set_option
@option("--strict", is_flag=True, help=N_("Treat warnings as errors."))
def validate(paths: tuple[Path, ...], sets: tuple[str, ...], strict: bool) -> None:
    errors, warnings, checked = api.validate_paths(paths, _parse_sets(sets))
    _warn(warnings)
    for problem in errors:
        click.echo(_("Error: {message}").format(message=problem), err=True)
    failed = errors or (strict and warnings)
    summary = _("{checked}: {found}").format(
        checked=ngettext("{count} file checked", "{count} files checked", checked).format(
            count=checked
        ),
        found=tally(len(errors), len(warnings)),
    )
    if failed:
        raise click.ClickException(summary)
    click.echo(summary)


@main.group(
    invoke_without_command=True,
    help=N_(
        """List the block library: id, kind, title and tags.

    \b
    Examples:
      deckgen blocks
      deckgen blocks show vejen-videre
    """
    ),
)
@options.library_folder()
@click.pass_context
def blocks(ctx: click.Context, library: Path) -> None:
    ctx.obj = library
    if ctx.invoked_subcommand is None:
        lib = api.list_blocks(library)
        rows = [(e.block.id, _kind(e.block), e.block.heading, ", ".join(e.block.tags)) for e in lib]
        if not rows:
            raise DeckgenError(_("no blocks here"), Location(library), _("add block files (.yaml)"))
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        for block_id, kind, heading, tags in rows:
            line = f"{block_id:<{widths[0]}}  {kind:<{widths[1]}}  {_one_line(heading)}"
            click.echo(f"{line}  [{tags}]" if tags else line)


@blocks.command("show", help=N_("""Show one block: where it is written and all its fields."""))
@argument("block_id", N_("BLOCK"))
@click.pass_obj
def blocks_show(library: Path, block_id: str) -> None:
    lib = api.list_blocks(library)
    entry = lib.get(block_id)
    if entry is None:
        raise DeckgenError(
            _("no block with id {name}").format(name=repr(block_id)),
            hint=lib.unknown_id_hint(block_id),
        )
    click.echo(f"# {entry.location}")
    import yaml

    from deckgen.record import dump

    fields = dump(entry.block)
    fields = {"id": fields.pop("id"), "kind": fields.pop("kind"), **fields}
    click.echo(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100), nl=False)


@main.command(
    help=N_(
        """Print a JSON Schema for deck files, block files, or both (the default); or theme files.

    \b
    Example (validation and completion in VS Code's YAML extension):
      deckgen schema deck > deck.schema.json
      # then, first line of a deck file:
      # yaml-language-server: $schema=deck.schema.json
    """
    )
)
@click.argument("kind", type=click.Choice(["all", "deck", "blocks", "theme"]), default="all")
def schema(kind: str) -> None:
    click.echo(api.schema_text(kind), nl=False)


class _CheckCommand(Command):
    """`deckgen check`, whose help ends with the list of its checks."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section(_("Checks")):
            formatter.write_dl(api.check_descriptions())
        super().format_epilog(ctx, formatter)


@main.command(
    cls=_CheckCommand,
    help=N_(
        """Check decks for fit, accessibility, brand and a sound file; report every finding.

    DECKS are deck files (built in memory first), built .pptx files, or folders of them.
    Each finding names the block's file:line, the slide and the check:

    \b
      Error: decks/blocks/x.yaml:4:5: slide 3 (x): [fit.text] the text runs off … — hint

    \b
    Example:
      deckgen check --strict decks/omu-dialogmoede.yaml build/boern.pptx

    Exits with status 1 if a deck has an error, or with --strict a warning.
    """
    ),
)
@argument("decks", N_("DECKS"), nargs=-1, required=True, type=click.Path(path_type=Path))
@_set_option
@options.theme_file(
    N_("Theme file to check a .pptx against [default: the one it was built in, else the default].")
)
@option("--strict", is_flag=True, help=N_("Fail on warnings too."))
@option("--json", "as_json", is_flag=True, help=N_("Print the findings as JSON."))
def check(
    decks: tuple[Path, ...], sets: tuple[str, ...], theme: Path | None, strict: bool, as_json: bool
) -> None:
    import json

    reports = api.check_decks(decks, _parse_sets(sets), theme)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], indent=2, ensure_ascii=False))
    for report in [] if as_json else reports:
        for found in report.findings:
            click.echo(_(_SEVERITY[found.severity.value]).format(message=found))
        summary = _("{source}: {checked}: {found}").format(
            source=report.source,
            checked=ngettext(
                "{count} slide checked", "{count} slides checked", report.slides
            ).format(count=report.slides),
            found=tally(len(report.errors), len(report.warnings)),
        )
        click.echo(f"{summary} ({report.note})" if report.note else summary)
    failed = [report for report in reports if report.failed(strict)]
    if failed:
        raise click.ClickException(
            _("{failed} of {count} decks failed the check").format(
                failed=len(failed), count=len(reports)
            )
        )


@main.command(
    help=N_(
        """Render decks with LibreOffice: a PDF, a PNG per slide and a contact sheet of all slides.

    DECKS are deck files, built .pptx files, or folders of them; one LibreOffice converts
    them all. For each deck NAME it writes NAME.pdf, NAME/01.png … and NAME-contact-sheet.png.

    \b
    Example:
      deckgen render decks/omu-dialogmoede.yaml -o build/preview

    After a deliberate change to how slides look, approve the new renders for the visual
    regression test (tests/visual/approved), from the project's root:

    \b
      deckgen render decks/ --approve
    """
    )
)
@argument("decks", N_("DECKS"), nargs=-1, required=True, type=click.Path(path_type=Path))
@options.output_folder(
    DEFAULT_PREVIEW_DIR, N_("Folder for the PDFs, slide PNGs and contact sheets.")
)
@_set_option
@option(
    "--approve",
    is_flag=True,
    help=N_("Also make these renders the approved references (tests/visual/approved)."),
)
@_force_outputs
def render(
    decks: tuple[Path, ...], output: Path, sets: tuple[str, ...], approve: bool, force: bool
) -> None:
    if approve and sets:
        raise click.UsageError(_("--approve renders decks as they are written; leave out --set"))
    previews = api.render_previews(decks, output, _parse_sets(sets), approve=approve, force=force)
    for preview in previews:
        click.echo(
            ngettext(
                "{deck}: {pdf}, {count} slide in {folder}/, contact sheet {sheet}",
                "{deck}: {pdf}, {count} slides in {folder}/, contact sheet {sheet}",
                len(preview.slides),
            ).format(
                deck=preview.deck,
                pdf=preview.pdf,
                count=len(preview.slides),
                folder=preview.pdf.with_suffix(""),
                sheet=preview.sheet,
            )
        )
    if approve:
        click.echo(
            ngettext(
                "Approved the renders of {count} deck in {folder}/",
                "Approved the renders of {count} decks in {folder}/",
                len(previews),
            ).format(count=len(previews), folder=APPROVED_DIR)
        )


@main.command(
    help=N_(
        """Show every block of the library as it renders: a web page and one contact sheet.

    \b
    Example:
      deckgen catalogue -o build/catalogue   # then open build/catalogue/index.html
    """
    )
)
@options.output_folder(
    DEFAULT_CATALOGUE_DIR, N_("Folder for the page, its pictures and the contact sheet.")
)
@options.library_folder()
@options.theme_file()
@_force_outputs
def catalogue(output: Path, library: Path, theme: Path | None, force: bool) -> None:
    result = api.make_catalogue(output, library, theme, force=force)
    _warn(result.problems)
    click.echo(
        ngettext(
            "Wrote {page} and {sheet} ({count} block)",
            "Wrote {page} and {sheet} ({count} blocks)",
            len(result.entries),
        ).format(page=result.page, sheet=result.sheet, count=len(result.entries))
    )


_SEVERITY = {"error": N_("Error: {message}"), "warning": N_("Warning: {message}")}

main.add_command(tour)
main.add_command(new)
main.add_command(provenance)
main.add_command(import_presentation)
main.add_command(theme)
main.add_command(serve)
main.add_command(visits)
main.add_command(db)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _kind(block: object) -> str:
    return str(getattr(block, "kind", "?"))


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 60 else line[:59] + "…"
