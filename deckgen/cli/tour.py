"""The commands for the visit tour: `tour` builds a whole schedule, `provenance` tells which
decks used which block (`new`, one visit's deck asked for step by step, is in `cli/new.py`)."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any

import click

from deckgen.cli import options
from deckgen.errors import display_path
from deckgen.i18n import _, ngettext
from deckgen.project import DEFAULT_OUTPUT_DIR


@click.command()
@click.argument("schedule", type=click.Path(path_type=Path, dir_okay=False))
@options.output_folder(DEFAULT_OUTPUT_DIR, "Folder for the decks.")
@click.option(
    "--directors",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The director profiles [default: direktoerer.yaml beside the schedule, else the "
    "project's decks/tour/direktoerer.yaml].",
)
@options.project_folder()
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
    project: Path | None,
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
