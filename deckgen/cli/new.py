"""`deckgen new`: one visit's deck, asked for question by question.

The prompts are here; what the answers mean (Danish dates, blocks by number or heading, the
answers kept between runs) is `deckgen.tour.answers`. The deck is planned by
`deckgen.tour.visits`, as the tour's and the web page's are, and made by `deckgen.tour.made`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from deckgen.cli import options
from deckgen.cli.language import Command, option
from deckgen.i18n import N_, _

if TYPE_CHECKING:
    from deckgen.committees import Committees


@click.command(
    cls=Command,
    help=N_(
        """Make the deck for one visit by answering a few questions; no YAML to write.

    \b
    Example:
      deckgen new

    Asks for the director, the committee, the date and place, and which blocks to add or
    leave out; shows what it will make and asks before it keeps the visit in the visit
    register (as the web page does) and builds its deck into build/. Press Enter to take the
    suggestion in [brackets]. Stopped midway (Ctrl+C), it offers the answers next time.
    """
    ),
)
@option(
    "--directors",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("The director profiles [default: decks/tour/direktoerer.yaml in the project]."),
)
@options.project_folder()
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("Where to write the .pptx [default: build/<date_director_committee>.pptx]."),
)
@options.force(N_("Replace an edited deck (kept as '<name> (før genopbygning).pptx')."))
def new(directors: Path | None, project: Path | None, output: Path | None, force: bool) -> None:
    from deckgen.tour.answers import forget_answers, load_answers, save_answers
    from deckgen.tour.profiles import find_profiles

    directors = directors or find_profiles(None, project)
    saved = load_answers(directors)
    if saved and not _confirm_yes(
        _("You stopped midway last time ({answers}). Go on with those answers?").format(
            answers=", ".join(v for v in saved.values() if v)
        )
    ):
        saved = {}
    answers: dict[str, str] = {}

    def keep(name: str, value: str) -> None:
        answers[name] = value
        save_answers(directors, answers)

    try:
        visit, profiles = _ask(directors, saved, keep)
    except click.Abort:
        if answers:
            click.echo("")
            click.echo(_("Your answers are kept: run deckgen new again to go on."), err=True)
        raise
    _write_visit(visit, profiles, output, force, directors)
    forget_answers(directors)


def _ask(directors: Path, saved: dict[str, str], keep: Any) -> tuple[Any, Any]:
    """Ask for the visit, question by question (`saved` answers as suggestions), handing
    each answer to `keep`; the visit and the profiles, once the summary is confirmed."""
    from deckgen.errors import Location
    from deckgen.tour.schedule import Visit
    from deckgen.tour.visits import entry_id, plan_visit
    from deckgen.variables import danish_date
    from deckgen.visits.service import Project

    project = Project.load(directors)
    profiles, sources = project.profiles, project.sources
    people = list(profiles.directors.values())
    click.echo(_("Directors:"))
    for number, person in enumerate(people, 1):
        click.echo(f"  {number}) {person.name}" + (f" – {person.title}" if person.title else ""))
    person_id = click.prompt(
        _("Director (number or name)"),
        type=_Pick({p.id: (p.id, p.name) for p in people}),
        default=saved.get("director", "1"),
    )
    person = profiles.directors[person_id]
    keep("director", person.name)
    if profiles.committees:
        click.echo(_("Committees:"))
        _columns([f"{n:>2}) {name}" for n, name in enumerate(profiles.committees, 1)])
    committee = click.prompt(
        _("Committee (number, or type the name)"),
        type=_Committee(profiles.register),
        default=saved.get("committee"),
    )
    keep("committee", committee)
    date = _ask_date(saved.get("date", danish_date(dt.date.today())))
    keep("date", danish_date(dt.date.fromisoformat(date)))
    place = click.prompt(
        _("Place (Enter for none)"), default=saved.get("place", ""), show_default=False
    )
    keep("place", place)

    deck_path = profiles.deck_path(person)
    library = sources.library(sources.library_folder(deck_path))
    base = plan_visit(Visit(Location(directors), date, person.id, committee), profiles, sources)
    in_deck = list(dict.fromkeys(entry_id(entry) for entry in base.data["slides"]))
    others = [entry.block.id for entry in library if entry.block.id not in in_deck]
    shown = [(block_id, _heading(library, block_id)) for block_id in [*in_deck, *others]]
    click.echo(_("The slides in {name}'s deck:").format(name=person.name))
    for number, (block_id, heading) in enumerate(shown[: len(in_deck)], 1):
        click.echo(f"  {number:>2}) {block_id}" + (f" – {heading[:60]}" if heading else ""))
    if others:
        click.echo(_("Other blocks in the library (`deckgen catalogue` shows them all):"))
        for number, (block_id, heading) in enumerate(shown[len(in_deck) :], len(in_deck) + 1):
            click.echo(f"  {number:>2}) {block_id}" + (f" – {heading[:60]}" if heading else ""))
    extra = click.prompt(
        _("Add blocks (numbers or names, separated by commas; Enter for none)"),
        type=_Blocks(shown, others),
        default=saved.get("extra", ""),
        show_default=bool(saved.get("extra")),
    )
    keep("extra", ", ".join(extra))
    drop = click.prompt(
        _("Leave out blocks (numbers or names, separated by commas; Enter for none)"),
        type=_Blocks(shown, in_deck),
        default=saved.get("drop", ""),
        show_default=bool(saved.get("drop")),
    )
    keep("drop", ", ".join(drop))
    example = click.prompt(
        _("Local example for the dialogue (Enter for none)"),
        default=saved.get("example", ""),
        show_default=False,
    )
    keep("example", example)

    checked = _checked(
        {
            "dato": date,
            "direktør": person.id,
            "udvalg": committee,
            "sted": place,
            "tilføj": list(extra),
            "fjern": list(drop),
            "lokalt eksempel": example,
        },
        project,
        Location(directors),
    )
    _summary(checked.planned, person.name)
    if not _confirm_yes(_("Make this presentation?")):
        click.echo(_("Nothing written. Your answers are kept for the next deckgen new."))
        raise SystemExit(0)
    return checked, project


def _checked(fields: dict[str, Any], project: Any, where: Any) -> Any:
    """The visit read by the visit service, as the web page and the API read one (the date
    was confirmed when asked); raises with every problem."""
    from deckgen.errors import InvalidInput, Problem
    from deckgen.visits.service import read_visit

    checked = read_visit(fields, project, confirmed=True)
    if not checked.ok:
        raise InvalidInput(
            [Problem(where, problem.message, problem.hint) for problem in checked.all_problems]
        )
    return checked


def _ask_date(default: str) -> str:
    """Ask for the date until it is one, and confirmed if it is unlikely (a year ago, or
    more than three years ahead): the date as understood is named in words."""
    from deckgen.tour.dates import doubt

    while True:
        date = click.prompt(
            _("Date (e.g. 12. marts 2026, 12-03-2026 or 12/3)"), type=_Date(), default=default
        )
        found = doubt(dt.date.fromisoformat(date))
        if found is None:
            return str(date)
        if not found.confirmable:
            click.echo(_("Error: {message}").format(message=f"{found.message} — {found.hint}"))
            continue
        if _confirm(_("{message}. Is that right?").format(message=found.message.capitalize())):
            return str(date)


def _summary(planned: Any, director: str) -> None:
    """Show what `deckgen new` is about to make, before anything is written."""
    from deckgen.tour.dates import understood

    visit = planned.visit
    none = _("(none)")
    click.echo(_("Summary:"))
    for label, value in (
        (_("Director"), director),
        (_("Committee"), visit.committee),
        (_("Date"), understood(dt.date.fromisoformat(visit.date))),
        (_("Place"), visit.place or none),
        (_("Added"), ", ".join(visit.extra) or none),
        (_("Left out"), ", ".join(visit.drop) or none),
        (_("Local example"), visit.local_example or none),
    ):
        click.echo(f"  {label}: {value}")


def _write_visit(
    checked: Any, project: Any, output: Path | None, force: bool, directors: Path
) -> None:
    """Keep the visit in the register, build its deck, and say what was done."""
    from deckgen import api
    from deckgen.build import BuildResult
    from deckgen.output import check_target, write_atomic
    from deckgen.project import DEFAULT_OUTPUT_DIR
    from deckgen.visits.service import draw

    planned = checked.planned
    target = output or DEFAULT_OUTPUT_DIR / f"{planned.stem}.pptx"
    keep_old = check_target(target, [planned.deck_path], force)
    deck = draw(planned, project)  # drawn before anything is kept: a visit that fails, isn't
    register = api.open_register(directors)
    try:
        saved = register.save(checked.record, api.system_user())
        backup = write_atomic(target, deck.data, backup=keep_old)
        register.record_deck(
            saved.visit.id,
            saved.visit.revision,
            deck.inputs_hash(),
            str(target.resolve()),
            api.system_user(),
        )
    finally:
        register.close()
    said = {
        "created": _("Kept as visit {id} in the visit register"),
        "changed": _("Kept as revision {revision} of visit {id} in the visit register"),
        "unchanged": _("Visit {id} in the visit register is unchanged"),
    }[saved.outcome]
    click.echo(said.format(id=saved.visit.id, revision=saved.visit.revision))
    for warning in deck.warnings:
        click.echo(_("Warning: {message}").format(message=warning), err=True)
    options.echo_written(BuildResult(target, len(deck.composed.slides), deck.warnings, backup))


def _heading(library: Any, block_id: str) -> str:
    found = library.get(block_id)
    return " ".join(found.block.heading.split()) if found else ""


class _Pick(click.ParamType):
    """One of a few choices, by its number in the list shown, its id or its name."""

    name = "choice"

    def __init__(self, choices: dict[str, tuple[str, ...]]) -> None:
        self.choices = choices

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        text = str(value).strip()
        keys = list(self.choices)
        # `²` is a digit to Python but no number to `int`: a name, then (not a traceback).
        if text.isascii() and text.isdigit() and 1 <= int(text) <= len(keys):
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
    """A committee of the register, by its number in the list or its name."""

    name = "committee"

    def __init__(self, register: Committees) -> None:
        self.register = register

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        text = " ".join(str(value).split())
        names = self.register.names
        if text.isascii() and text.isdigit() and names:
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
    """A date as Danes write it (12. marts 2026, 12/3, 12-03-26, 2026-03-12), returned as ISO."""

    name = "date"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from deckgen.tour.dates import parse_visit_date

        try:
            return parse_visit_date(str(value))
        except ValueError as exc:
            self.fail(str(exc))


class _Blocks(click.ParamType):
    """Blocks by the numbers shown, ids or headings, separated by commas; each one of `allowed`."""

    name = "blocks"

    def __init__(self, shown: list[tuple[str, str]], allowed: list[str]) -> None:
        self.shown = shown
        self.allowed = allowed

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[str, ...]:
        from deckgen.tour.answers import choose_blocks

        if isinstance(value, tuple):
            return value
        try:
            return choose_blocks(str(value), self.shown, self.allowed)
        except ValueError as exc:
            self.fail(str(exc))


def _columns(items: list[str], width: int = 44) -> None:
    """Echo `items` in two columns, down the first and then the second."""
    half = (len(items) + 1) // 2
    rights = items[half:] + [""] * (2 * half - len(items))
    for left, right in zip(items[:half], rights, strict=True):
        click.echo(f"  {left:<{width}}{right}".rstrip())


def _confirm_yes(question: str) -> bool:
    """Ask a yes/no question whose answer is usually yes (Enter for yes)."""
    return bool(
        click.prompt(
            _("{question} [Y/n]").format(question=question),
            type=_YesNo(),
            default="y",
            show_default=False,
        )
    )


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
