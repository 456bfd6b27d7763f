"""`deckgen visits` (list, show, export, restore, delete, plan) and `deckgen db` (upgrade,
backup): the visit register from the command line, for secretaries' scripts and for IT."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from deckgen import api
from deckgen.cli import options
from deckgen.cli.language import Group, argument, option
from deckgen.i18n import N_, _, ngettext


@click.group(
    cls=Group,
    help=N_(
        """The visits kept in the visit register: list, show, export and restore them.

    \b
    Examples:
      deckgen visits list --director "Mette Holm" --from 1/1 --to 30/6
      deckgen visits show 12
      deckgen visits export 12
      deckgen visits restore 12 --revision 2
      deckgen visits plan besoeg.xlsx
    """
    ),
)
def visits() -> None:
    """The `visits` command group."""


def _register(project: Path | None) -> Any:
    return api.project_register(project)


def _date(text: str | None) -> str | None:
    if not text:
        return None
    from deckgen.tour.dates import parse_visit_date

    try:
        return parse_visit_date(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@visits.command("list", help=N_("List the visits, by date; filter by director, committee, period."))
@option("--director", metavar=N_("NAME"), help=N_("Only this director's visits (name or id)."))
@option("--committee", metavar=N_("NAME"), help=N_("Only the visits to this committee."))
@option("--from", "start", metavar=N_("DATE"), help=N_("Only visits on or after this date."))
@option("--to", "end", metavar=N_("DATE"), help=N_("Only visits on or before this date."))
@option("--deleted", is_flag=True, help=N_("List the deleted visits instead."))
@options.project_folder()
def list_visits(
    director: str | None,
    committee: str | None,
    start: str | None,
    end: str | None,
    deleted: bool,
    project: Path | None,
) -> None:
    profiles = api.load_directors(api.find_directors(project))
    if director:
        found = profiles.find(director)
        director = found.id if found is not None else director
    if committee:
        committee = profiles.register.find(committee) or committee
    register = _register(project)
    try:
        filters: dict[str, Any] = {
            "director": director,
            "committee": committee,
            "start": _date(start),
            "end": _date(end),
            "deleted": deleted,
        }
        found_visits = register.list_visits(**filters, limit=100_000)
    finally:
        register.close()
    for visit in found_visits:
        record = visit.record
        person = profiles.directors.get(record.director)
        name = person.name if person is not None else record.director
        place = f" · {record.place}" if record.place else ""
        click.echo(
            f"{visit.id:>5}  {record.date}  {name} → {record.committee}{place}  "
            + _("(revision {revision})").format(revision=visit.revision)
        )
    click.echo(
        ngettext("{count} visit", "{count} visits", len(found_visits)).format(
            count=len(found_visits)
        )
    )


@visits.command("show", help=N_("Show a visit and its history: who changed what, and when."))
@argument("visit_id", N_("NUMBER"), type=int)
@options.project_folder()
def show_visit(visit_id: int, project: Path | None) -> None:
    register = _register(project)
    try:
        visit = register.get(visit_id)
        if visit is None:
            raise api.DeckgenError(
                _("there is no visit {id}").format(id=visit_id),
                None,
                _("`deckgen visits list` lists the visits and their numbers"),
            )
        history = register.history(visit_id)
        decks = register.decks(visit_id)
    finally:
        register.close()
    state = _("deleted") if visit.deleted else _("active")
    click.echo(
        _("Visit {id}, revision {revision} ({state})").format(
            id=visit.id, revision=visit.revision, state=state
        )
    )
    for column, value in api.visit_columns(visit.record).items():
        shown = ", ".join(value) if isinstance(value, list) else value
        if shown:
            click.echo(f"  {column}: {shown}")
    click.echo(_("History:"))
    for revision in history:
        when = revision.at.astimezone().strftime("%Y-%m-%d %H:%M")
        click.echo(f"  {revision.number:>3}  {when}  {revision.who}  {_action(revision.action)}")
        for column, (before, after) in revision.changes.items():
            if before in (None, "", []) and revision.action != "changed":
                continue
            click.echo(f"         {column}: {_value(before)} → {_value(after)}")
    for deck in decks[:5]:
        when = deck.built_at.astimezone().strftime("%Y-%m-%d %H:%M")
        click.echo(
            _("  Built {when} from revision {revision}: {file}").format(
                when=when, revision=deck.revision, file=deck.file
            )
        )


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(value) or "–"
    return repr(value) if value not in (None, "") else "–"


def _action(action: str) -> str:
    words = {
        "created": N_("made"),
        "changed": N_("changed"),
        "deleted": N_("deleted"),
        "restored": N_("restored"),
        "imported": N_("taken in from a deck file"),
    }
    return _(words[action]) if action in words else action


@visits.command(
    "export",
    help=N_(
        """Write a visit as the deck file it builds from, beside the director's deck
    (decks/visits/), for anyone who builds by hand: deckgen build <the file>."""
    ),
)
@argument("visit_id", N_("NUMBER"), type=int)
@option("--force", is_flag=True, help=N_("Write over a deck file of the same name."))
@options.project_folder()
def export_visit(visit_id: int, force: bool, project: Path | None) -> None:
    path = api.export_visit(visit_id, project=project, force=force)
    click.echo(_("Wrote {file}").format(file=api.shown_path(path)))


@visits.command(
    "restore",
    help=N_(
        """Bring back a deleted visit, or (with --revision) an earlier version of a visit, as
    its newest revision: nothing is ever lost."""
    ),
)
@argument("visit_id", N_("NUMBER"), type=int)
@option("--revision", type=int, metavar=N_("NUMBER"), help=N_("The revision to bring back."))
@options.project_folder()
def restore_visit(visit_id: int, revision: int | None, project: Path | None) -> None:
    from deckgen.visits.register import Conflict

    register = _register(project)
    try:
        restored = register.restore(visit_id, api.system_user(), revision)
    except Conflict as conflict:
        raise api.DeckgenError(
            _("another visit {id} has the same date, director and committee").format(
                id=conflict.current.id
            ),
            None,
            _("delete or change that one first"),
        ) from None
    finally:
        register.close()
    click.echo(
        _("Visit {id} is at revision {revision}").format(id=restored.id, revision=restored.revision)
    )


@visits.command("delete", help=N_("Delete a visit (it is kept, and can be restored)."))
@argument("visit_id", N_("NUMBER"), type=int)
@options.project_folder()
def delete_visit(visit_id: int, project: Path | None) -> None:
    register = _register(project)
    try:
        gone = register.delete(visit_id, api.system_user())
    finally:
        register.close()
    click.echo(
        _("Visit {id} is deleted; deckgen visits restore {id} brings it back").format(id=gone.id)
    )


@visits.command(
    "plan",
    help=N_(
        """Write the kept visits as a visit schedule (FILE: .xlsx or .csv), with the columns
    deckgen tour reads, so it can be changed in Excel and run again."""
    ),
)
@argument("target", N_("FILE"), type=click.Path(path_type=Path, dir_okay=False))
@option("--empty", is_flag=True, help=N_("Only the header row: an empty plan to fill in."))
@option("--from", "start", metavar=N_("DATE"), help=N_("Only visits on or after this date."))
@option("--to", "end", metavar=N_("DATE"), help=N_("Only visits on or before this date."))
@options.project_folder()
def plan(
    target: Path, empty: bool, start: str | None, end: str | None, project: Path | None
) -> None:
    kind = target.suffix.lower().lstrip(".")
    if kind not in ("csv", "xlsx"):
        raise click.BadParameter(_("name a .xlsx or .csv file"))
    count = api.write_plan(target, project=project, empty=empty, start=_date(start), end=_date(end))
    click.echo(
        ngettext("Wrote {file} ({count} visit)", "Wrote {file} ({count} visits)", count).format(
            file=api.shown_path(target), count=count
        )
    )


@click.group(
    cls=Group,
    help=N_(
        """The visit register's database, for IT: bring its schema up to date, back it up.

    The register is a SQLite file in the project (.deckgen/besoeg.sqlite) unless
    DECKGEN_DATABASE_URL names a PostgreSQL database (see docs/web.md).

    \b
    Examples:
      deckgen db upgrade
      deckgen db backup /backup/besoeg-$(date +%F).sqlite
    """
    ),
)
def db() -> None:
    """The `db` command group."""


@db.command("upgrade", help=N_("Bring the register's schema up to date (done on start, too)."))
@options.project_folder()
def upgrade(project: Path | None) -> None:
    register = api.project_register(project, upgrade=False)
    try:
        changed = register.upgrade()
        where = register.where
    finally:
        register.close()
    if changed:
        click.echo(_("The visit register {where} is up to date now").format(where=where))
    else:
        click.echo(_("The visit register {where} was up to date").format(where=where))


@db.command(
    "backup",
    help=N_(
        """Copy the whole register into a new SQLite file FILE, consistent while the server
    runs (from PostgreSQL too). Restore by pointing DECKGEN_DATABASE_URL at it, or copying it
    to .deckgen/besoeg.sqlite while the server is stopped."""
    ),
)
@argument("target", N_("FILE"), type=click.Path(path_type=Path, dir_okay=False))
@options.project_folder()
def backup(target: Path, project: Path | None) -> None:
    register = _register(project)
    try:
        count = register.backup(target)
    finally:
        register.close()
    click.echo(
        ngettext(
            "Backed up {count} visit to {file}", "Backed up {count} visits to {file}", count
        ).format(count=count, file=api.shown_path(target))
    )
