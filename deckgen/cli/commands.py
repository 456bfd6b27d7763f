"""The `deckgen` command: a thin shell over `deckgen.api`."""

from __future__ import annotations

import contextlib
import signal
import sys
from pathlib import Path
from typing import Any

import click

from deckgen import __version__, api
from deckgen.cli import options
from deckgen.cli.language import Command, Group, Option, argument, language_option, option
from deckgen.errors import DeckgenError, Location, Problem, tally
from deckgen.i18n import N_, _, ngettext
from deckgen.project import APPROVED_DIR, DEFAULT_CATALOGUE_DIR, DEFAULT_PREVIEW_DIR

_force_outputs = options.force(
    N_(
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
@options.variables()
@options.force(
    N_(
        "Replace an edited deck or a file deckgen did not make "
        "(kept as '<name> (før genopbygning).pptx')."
    )
)
@options.strict()
def build(
    deck: Path, output: Path | None, sets: tuple[str, ...], force: bool, strict: bool
) -> None:
    result = api.build_deck(deck, output, options.parse_sets(sets), force=force, strict=strict)
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
        """Check the library: every file, and every reference between them.

    Without PATH, the decks/ folder of the project you are in: the block library, the decks,
    the director profiles, the committee register and the visits, each picture and reused
    slide, and each director's visit drawn as the tour and the web page would.

    \b
    Examples:
      deckgen validate
      deckgen validate decks/blocks/ledelse.yaml

    Exits with status 1 if anything is wrong. Variables a deck leaves empty for --set are
    not required here.
    """
    )
)
@argument("paths", N_("PATH"), nargs=-1, type=click.Path(path_type=Path))
@options.variables()
@options.strict(N_("Treat warnings as errors."))
def validate(paths: tuple[Path, ...], sets: tuple[str, ...], strict: bool) -> None:
    errors, warnings, checked = api.validate_paths(paths, options.parse_sets(sets))
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
        # Every block that reads, even when another file of the library does not: one broken
        # file hides none of the rest; its problems follow, and the status is 1.
        lib = api.read_library(library)
        rows = [(e.block.id, _kind(e.block), e.block.heading, _marks(e.block)) for e in lib]
        if not rows and not lib.problems:
            raise DeckgenError(_("no blocks here"), Location(library), _("add block files (.yaml)"))
        widths = [max((len(row[i]) for row in rows), default=0) for i in range(2)]
        for block_id, kind, heading, marks in rows:
            line = f"{block_id:<{widths[0]}}  {kind:<{widths[1]}}  {_one_line(heading)}"
            click.echo(f"{line}  {marks}" if marks else line)
        if lib.problems:
            raise api.InvalidInput(lib.problems)


@blocks.command("show", help=N_("""Show one block: where it is written and all its fields."""))
@argument("block_id", N_("BLOCK"))
@click.pass_obj
def blocks_show(library: Path, block_id: str) -> None:
    lib = api.read_library(library)
    entry = lib.get(block_id)
    if entry is None:
        if lib.problems_for(block_id):
            raise api.InvalidInput(lib.problems_for(block_id))
        raise DeckgenError(
            _("no block with id {name}").format(name=repr(block_id)),
            hint=lib.unknown_id_hint(block_id),
        )
    click.echo(f"# {entry.location}")
    from deckgen.record import dump
    from deckgen.source import write_yaml

    fields = dump(entry.block)
    fields = {"id": fields.pop("id"), "kind": fields.pop("kind"), **fields}
    click.echo(write_yaml(fields), nl=False)
    usage = api.library_usage(library)
    uses = usage.of(block_id)
    click.echo("# " + _("Used in: {summary}").format(summary=usage.summary(block_id)))
    for use in uses:
        click.echo(f"#   {use}")


@main.command(
    help=N_(
        """Print a JSON Schema for deck files, block files, or both (the default); or for theme
    files, the director profiles or the committee register.

    \b
    Example (validation and completion in VS Code's YAML extension):
      deckgen schema deck > deck.schema.json
      # then, first line of a deck file:
      # yaml-language-server: $schema=deck.schema.json

    The schemas of the sample project are in decks/schema/.
    """
    )
)
@click.argument(
    "kind",
    type=click.Choice(["all", "deck", "blocks", "theme", "profiles", "committees"]),
    default="all",
)
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

    Many findings of one kind (every picture without alt text, every colour off the
    theme's) are listed as one line, with how often and on which slides: a short list
    of things to do; --all lists each one.

    Exits with status 1 if a deck has an error, or with --strict a warning.
    """
    ),
)
@argument("decks", N_("DECKS"), nargs=-1, required=True, type=click.Path(path_type=Path))
@options.variables()
@options.theme_file(
    N_("Theme file to check a .pptx against [default: the one it was built in, else the default].")
)
@options.strict(N_("Fail on warnings too."))
@options.as_json(N_("Print the findings as JSON."))
@option(
    "--all",
    "every",
    is_flag=True,
    help=N_("List every finding, also where there are many (else they are listed by cause)."),
)
def check(
    decks: tuple[Path, ...],
    sets: tuple[str, ...],
    theme: Path | None,
    strict: bool,
    as_json: bool,
    every: bool,
) -> None:
    import json

    from deckgen.check.todo import ONE_BY_ONE, todo

    reports = api.check_decks(decks, options.parse_sets(sets), theme)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], indent=2, ensure_ascii=False))
    for report in [] if as_json else reports:
        grouped = not every and len(report.findings) > ONE_BY_ONE
        if grouped:
            for cause in todo(report.findings):
                message = f"{report.source}: {cause}"
                click.echo(_(_SEVERITY[cause.severity.value]).format(message=message))
        for found in [] if grouped else report.findings:
            click.echo(_(_SEVERITY[found.severity.value]).format(message=found))
        summary = _("{source}: {checked}: {found}").format(
            source=report.source,
            checked=ngettext(
                "{count} slide checked", "{count} slides checked", report.slides
            ).format(count=report.slides),
            found=tally(len(report.errors), len(report.warnings)),
        )
        click.echo(f"{summary} ({report.note})" if report.note else summary)
        if grouped:
            click.echo(_("Listed by cause, one line each; --all lists every finding."))
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

    With --compare, each deck's slides are held against its approved renders
    (decks/approved/) and the command fails if one has changed, with a picture of the
    difference. When the change is the one you meant, approve the new renders:

    \b
      deckgen render decks/ --approve
    """
    )
)
@argument("decks", N_("DECKS"), nargs=-1, required=True, type=click.Path(path_type=Path))
@options.output_folder(
    DEFAULT_PREVIEW_DIR, N_("Folder for the PDFs, slide PNGs and contact sheets.")
)
@options.variables()
@option(
    "--approve",
    is_flag=True,
    help=N_("Also make these renders the approved ones (decks/approved/ in the deck's project)."),
)
@option(
    "--compare",
    is_flag=True,
    help=N_("Fail if a slide no longer looks as its approved render (decks/approved/)."),
)
@_force_outputs
def render(
    decks: tuple[Path, ...],
    output: Path,
    sets: tuple[str, ...],
    approve: bool,
    compare: bool,
    force: bool,
) -> None:
    if (approve or compare) and sets:
        raise click.UsageError(
            _("--approve and --compare render decks as they are written; leave out --set")
        )
    if approve and compare:
        raise click.UsageError(_("choose --approve or --compare, not both"))
    previews = api.render_previews(
        decks,
        output,
        options.parse_sets(sets),
        approve=approve,
        force=force,
        visits=not (approve or compare),  # a visit's deck has no approved renders
    )
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
    if compare:
        _compare(previews)


def _compare(previews: list[Any]) -> None:
    """Say, per deck, whether it looks as approved; fail if one does not."""
    changed = 0
    for preview, changes in api.compare_previews(previews):
        if not changes:
            click.echo(_("{deck}: looks as approved").format(deck=preview.deck))
            continue
        changed += 1
        click.echo(_("{deck}: no longer looks as approved:").format(deck=preview.deck), err=True)
        for change in changes:
            click.echo(f"  {change}", err=True)
    if changed:
        raise click.ClickException(
            ngettext(
                "{count} deck no longer looks as approved. Look at the pictures of the "
                "differences; if the change is the one you meant, approve it with: "
                "deckgen render decks/ --approve",
                "{count} decks no longer look as approved. Look at the pictures of the "
                "differences; if the changes are the ones you meant, approve them with: "
                "deckgen render decks/ --approve",
                changed,
            ).format(count=changed)
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
@option(
    "--all",
    "everything",
    is_flag=True,
    help=N_("Show drafts (status: kladde) and retired blocks (status: udgået) too."),
)
@_force_outputs
def catalogue(
    output: Path, library: Path, theme: Path | None, everything: bool, force: bool
) -> None:
    result = api.make_catalogue(output, library, theme, force=force, everything=everything)
    click.echo(
        ngettext(
            "Wrote {page} and {sheet} ({count} block)",
            "Wrote {page} and {sheet} ({count} blocks)",
            len(result.entries),
        ).format(page=result.page, sheet=result.sheet, count=len(result.entries))
    )
    if result.unoffered:
        click.echo(
            ngettext(
                "{count} draft or retired block is not in it (--all shows it)",
                "{count} drafts and retired blocks are not in it (--all shows them)",
                result.unoffered,
            ).format(count=result.unoffered)
        )
    if result.problems:
        # A catalogue without some blocks is not one to hand out: say so, and fail.
        for problem in result.problems:
            click.echo(_("Error: {message}").format(message=problem), err=True)
        raise click.ClickException(
            ngettext(
                "{count} block could not be shown, so the catalogue is not complete; fix it "
                "before you hand the catalogue out",
                "{count} blocks could not be shown, so the catalogue is not complete; fix them "
                "before you hand the catalogue out",
                len(result.problems),
            ).format(count=len(result.problems))
        )


_SEVERITY = {"error": N_("Error: {message}"), "warning": N_("Warning: {message}")}

# The other commands' modules load when one of them runs (or with the command list's help).
for _name, _where in {
    "tour": "deckgen.cli.tour:tour",
    "new": "deckgen.cli.new:new",
    "provenance": "deckgen.cli.tour:provenance",
    "import": "deckgen.cli.importing:import_presentation",
    "theme": "deckgen.cli.theme:theme",
    "serve": "deckgen.cli.serve:serve",
    "visits": "deckgen.cli.visits:visits",
    "db": "deckgen.cli.visits:db",
}.items():
    main.add_later(_name, _where)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _kind(block: object) -> str:
    return str(getattr(block, "kind", "?"))


def _marks(block: object) -> str:
    """The block's tags and, if it has one, its status, as `deckgen blocks` lists them."""
    tags = ", ".join(getattr(block, "tags", ()))
    status = getattr(block, "status", None)
    shown = [f"[{tags}]"] if tags else []
    return " ".join([*shown, f"({status})"] if status else shown)


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 60 else line[:59] + "…"
