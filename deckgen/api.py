"""What a Python user calls: build, validate, list and describe decks; the CLI and the web
page wrap this, and nothing below imports it.

Most functions hand their work to the pipeline (`deckgen.build.Builder`) or to a feature
package. A few do a little of their own for the web page's visits: `plan_one_visit` puts the
slides in the order the page shows, `visit_pptx` composes and draws a visit in memory,
`save_visit_file` writes its deck file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen import files
from deckgen.build import Builder, BuildResult, render_composed
from deckgen.compose import ComposedDeck, compose_deck
from deckgen.errors import DeckgenError, InvalidInput, Location, Problem
from deckgen.library import BlockLibrary, block_files, load_library, read_block_file
from deckgen.output import check_target, write_atomic
from deckgen.project import DEFAULT_LIBRARY, DEFAULT_OUTPUT_DIR, default_output
from deckgen.source import YamlDoc, read_yaml
from deckgen.theme import Theme, load_theme
from deckgen.variables import names_in, substitute

if TYPE_CHECKING:
    from deckgen.check import DeckReport as CheckReport
    from deckgen.preview.catalogue import Catalogue
    from deckgen.preview.render import Preview
    from deckgen.visits.files import TakenIn
    from deckgen.visits.record import VisitRecord
    from deckgen.visits.register import Register, StoredVisit
    from deckgen.visits.service import Project

# Names this module has always offered; the library-level ones are kept for callers that
# found them here.
__all__ = [
    "DEFAULT_OUTPUT_DIR",
    "BlockLibrary",
    "BuildResult",
    "ComposedDeck",
    "DeckgenError",
    "InvalidInput",
    "Location",
    "Problem",
    "Theme",
    "YamlDoc",
    "block_files",
    "build_deck",
    "build_tour",
    "build_visit",
    "check_decks",
    "check_target",
    "compare_previews",
    "compose_deck",
    "deck_files",
    "default_output",
    "json_schema",
    "list_blocks",
    "load_library",
    "load_theme",
    "make_catalogue",
    "names_in",
    "read_block_file",
    "read_visit",
    "read_yaml",
    "render_composed",
    "render_previews",
    "save_visit",
    "schema_text",
    "substitute",
    "validate_paths",
    "write_atomic",
]


def build_deck(
    deck_path: Path,
    output: Path | None = None,
    variables: Mapping[str, str] | None = None,
    *,
    force: bool = False,
    strict: bool = False,
    library: BlockLibrary | None = None,
) -> BuildResult:
    """Build the deck file at `deck_path` into a .pptx; nothing is written if anything fails."""
    return Builder().build(
        deck_path, output, variables, force=force, strict=strict, library=library
    )


def validate_paths(
    paths: Iterable[Path], variables: Mapping[str, str] | None = None
) -> tuple[list[Problem], list[Problem], int]:
    """Check every block, deck, theme, profile and schedule file under `paths`, and every
    reference between them (`paths` empty: the `decks/` folder of the current project).

    Returns (errors, warnings, files checked). Decks are composed and drawn in memory, and
    each director's visit is planned and drawn as the tour would, so everything a build, the
    tour or the web page would find is found, and all of it is reported at once.
    """
    from deckgen.librarian.inspection import project_decks, validate

    paths = list(paths) or [project_decks()]
    found = validate(paths, variables)
    return found.errors, found.warnings, found.files


def build_tour(
    schedule: Path,
    output_dir: Path = DEFAULT_OUTPUT_DIR,
    *,
    directors: Path | None = None,
    project: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    strict: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_outcome: Callable[[Any], None] | None = None,
    who: str | None = None,
    register: Register | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> Any:
    """Build one deck per visit of `schedule` into `output_dir`; a `deckgen.tour.run.TourResult`.

    Each row is kept in the visit register (`register`, default the schedule's project's)
    as a visit, matched by date, director and committee; its `changes` count the visits
    created, changed and left unchanged. `directors` is the profile file (default:
    `direktoerer.yaml` beside the schedule, else `decks/tour/direktoerer.yaml` in `project`,
    else in the current folder's project); `jobs` how many decks are built at once (default:
    one per core). A bad row is that row's outcome, not an exception. `on_start` hears the
    number of rows, `on_outcome` each row's outcome; `who` made the changes (default: the
    system user); `max_rows` and `max_bytes` bound one run.
    """
    from deckgen.tour.profiles import find_profiles
    from deckgen.visits.tour import tour_through_register

    profiles_path = directors or find_profiles(schedule, project)
    owned = register is None
    register = register or open_register(profiles_path)
    try:
        return tour_through_register(
            schedule,
            output_dir,
            register,
            who or system_user(),
            profiles_path=profiles_path,
            project=project,
            jobs=jobs,
            force=force,
            strict=strict,
            on_start=on_start,
            on_outcome=on_outcome,
            max_rows=max_rows,
            max_bytes=max_bytes,
        )
    finally:
        if owned:
            register.close()


def list_blocks(folder: Path) -> BlockLibrary:
    """The block library in `folder`; raises `InvalidInput` if anything in it is wrong."""
    return load_library(folder)


def read_library(folder: Path) -> BlockLibrary:
    """The block library in `folder`: every block that reads, and the problems of the rest
    (`problems`), so that one broken file hides none of the others."""
    return load_library(folder, strict=False)


def library_usage(folder: Path) -> Any:
    """Where each block of the library in `folder` is used: the decks of its project, the
    director profiles and the visits (a `deckgen.librarian.usage.Usage`)."""
    from deckgen.librarian.usage import project_usage

    return project_usage(folder)


def json_schema(kind: str = "all") -> dict[str, Any]:
    """A JSON Schema (draft-07) for deck files (`deck`), block files (`blocks`), either
    (`all`), theme files (`theme`), director profiles (`profiles`) or the committee register
    (`committees`)."""
    if kind == "profiles":
        from deckgen.tour.profiles import profiles_schema

        return profiles_schema()
    if kind == "committees":
        from deckgen.committees import register_schema

        return register_schema()
    from deckgen.schema import json_schema as build_schema

    return build_schema(kind)


def schema_text(kind: str = "all") -> str:
    """The JSON Schema as indented text, Danish letters kept."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """The deck files and built .pptx files that `paths` name; a folder gives every deck file
    (not block or theme files) and every .pptx below it."""
    return files.deck_files(paths)


def check_decks(
    paths: Iterable[Path],
    variables: Mapping[str, str] | None = None,
    theme: Path | None = None,
) -> list[CheckReport]:
    """Check the decks `paths` name (deck files, built .pptx, folders): fit, accessibility,
    brand and package. A deck that does not build is reported as failing, not raised."""
    from deckgen.check import check_file

    builder = Builder(theme=theme)
    return [check_file(path, variables, theme, builder) for path in deck_files(paths)]


def describe_template(path: Path) -> list[str]:
    """What the PowerPoint template at `path` offers, as lines of text: its masters, their
    layouts and each layout's placeholders (`deckgen theme show`)."""
    from deckgen.theme.inspect import describe, read_template

    return describe(read_template(path))


def draft_theme(template: Path, output: Path) -> Any:
    """Draft a theme file for `template` at `output` (and its logo beside it); a
    `deckgen.theme.draft.Draft`. Refuses to replace a file; writes nothing unless the draft
    reads back as a theme without a problem."""
    from deckgen.check.probe import probe_layouts
    from deckgen.render.package import faults_blamed_on
    from deckgen.theme.draft import init_theme

    with faults_blamed_on(template):
        # Colours are chosen to read on what the template's layouts show where text stands.
        return init_theme(template, output, probe_layouts)


def check_descriptions() -> list[tuple[str, str]]:
    """Each check `deckgen check` runs: its name and what it makes sure of, in the user's
    language."""
    from deckgen.check import all_checks

    return [(check.name, check.description) for check in all_checks()]


def render_previews(
    paths: Iterable[Path],
    output: Path,
    variables: Mapping[str, str] | None = None,
    *,
    approve: bool = False,
    force: bool = False,
    visits: bool = True,
) -> list[Preview]:
    """Render the decks `paths` name to PDF, slide PNGs and a contact sheet in `output`, with
    one LibreOffice for all; with `approve`, also make them the approved reference renders.
    Without `visits`, the visits' deck files in a folder (`visits/`) are left out: they are
    not the library's, and have no approved renders."""
    from deckgen.preview.render import render_decks
    from deckgen.project import VISIT_FOLDER

    decks = deck_files(paths)
    if not visits:
        decks = [deck for deck in decks if VISIT_FOLDER not in deck.parts[:-1]] or decks
    previews = render_decks(decks, output, variables, builder=Builder(), force=force)
    if approve:
        from deckgen.preview.visual import approve as approve_pdf
        from deckgen.project import approved_folder

        for preview in previews:
            # The deck's name, made unique, in the approved renders of the deck's project.
            approve_pdf(preview.pdf, preview.pdf.stem, approved_folder(preview.deck))
    return previews


def compare_previews(previews: Iterable[Preview]) -> list[tuple[Preview, list[Any]]]:
    """Each rendered deck with how its slides differ from its project's approved renders
    (`deckgen.preview.visual.SlideChange`s, each with a diff picture beside the renders)."""
    from deckgen.preview.visual import compare_with_approved
    from deckgen.project import approved_folder

    return [
        (
            preview,
            compare_with_approved(
                preview.pdf,
                preview.pdf.stem,
                approved_folder(preview.deck),
                preview.pdf.with_name(f"{preview.pdf.stem}-compared"),
            ),
        )
        for preview in previews
    ]


def make_catalogue(
    output: Path,
    library: Path = DEFAULT_LIBRARY,
    theme: Path | None = None,
    *,
    force: bool = False,
    office: Any = None,
    blocks: BlockLibrary | None = None,
    everything: bool = False,
) -> Catalogue:
    """A page and a contact sheet showing every block of `library` the secretaries may choose
    (with `everything`, drafts and retired blocks too) as it renders; `office` (from `office`)
    converts it, else a LibreOffice started for it. `blocks` is the library already read from
    that folder (a server's last good one), else it is read now."""
    from deckgen.preview.catalogue import build_catalogue

    return build_catalogue(
        library,
        output,
        theme,
        Builder(theme=theme),
        force=force,
        office=office,
        library=blocks,
        everything=everything,
    )


def last_good_library(profiles: Path) -> Any:
    """The library a server of the profile file `profiles` serves: the newest version of its
    files that checks whole (a `deckgen.librarian.lastgood.LastGoodLibrary`)."""
    from deckgen.librarian.lastgood import LastGoodLibrary

    return LastGoodLibrary(profiles)


# The visit of one schedule row, for the web page and scripts (`deckgen.web`).


def load_directors(path: Path) -> Any:
    """The director profiles at `path` (a `deckgen.tour.profiles.Profiles`)."""
    from deckgen.tour.profiles import load_profiles

    return load_profiles(path)


def committee_names(profiles: Any) -> list[str]:
    """The committees directors visit: the register `deckgen new` offers, as names."""
    return list(profiles.committees)


def closing_start(slide_ids: list[str], library: BlockLibrary) -> int:
    """Where a slide added to a visit's deck of `slide_ids` goes: before the closing slides
    that end it (a thank-you, a call to action), as the visit code places one."""
    from deckgen.tour.tailor import closing_start as start

    return start(slide_ids, library)


def visit_slide_ids(profiles: Any, director_id: str, sources: Any = None) -> list[str]:
    """The block ids of `director_id`'s deck for a visit with nothing added or left out."""
    from deckgen.tour.schedule import Visit
    from deckgen.tour.visits import DeckSources, entry_id, plan_visit

    # Any committee of the register will do: the slides do not depend on which.
    committee = next(iter(profiles.committees), "-")
    visit = Visit(Location(profiles.path), "2000-01-01", director_id, committee)
    planned = plan_visit(visit, profiles, sources or DeckSources())
    return [entry_id(entry) for entry in planned.data["slides"]]


def visit_pptx(
    planned: Any, builder: Builder | None = None, sources: Any = None
) -> tuple[bytes, list[Problem]]:
    """The .pptx bytes of a planned visit, composed and drawn in memory (nothing written);
    `sources` are the deck files already read (`deck_sources`)."""
    from deckgen.tour.visits import DeckSources
    from deckgen.visits.service import draw_with

    builder = builder or Builder()
    deck = draw_with(planned, builder, sources or DeckSources(builder.libraries))
    return deck.data, deck.warnings


def draw_visit(planned: Any, project: Project) -> Any:
    """A planned visit's deck drawn in memory: a `deckgen.visits.service.Deck`."""
    from deckgen.visits.service import draw

    return draw(planned, project)


def tour_output_folder(profiles: Path) -> Path:
    """Where `deckgen tour`, run in the project of the profile file `profiles`, writes its
    decks (`build/` in the project): the web page's tour writes there too, so both agree."""
    from deckgen.project import project_root

    return project_root(profiles) / DEFAULT_OUTPUT_DIR


def schedule_column(name: str) -> str | None:
    """The schedule's Danish column name for `name` (any spelling a header may use), or None."""
    from deckgen.tour.schedule import schedule_column as column

    return column(name)


def deck_sources(builder: Builder) -> Any:
    """Deck files and libraries for planning visits, sharing `builder`'s libraries (a
    `deckgen.tour.visits.DeckSources`)."""
    from deckgen.tour.visits import DeckSources

    return DeckSources(builder.libraries)


def office(theme: Theme) -> Any:
    """A headless LibreOffice with `theme`'s fonts, kept running for many renders (close it
    after); a `deckgen.preview.office.KeptOffice`. Started on its first use or by `start()`."""
    from deckgen.preview.office import KeptOffice
    from deckgen.preview.render import theme_font_files

    return KeptOffice(theme_font_files(theme))


def slide_cache(folder: Path, renderer: Any, width: int = 960) -> Any:
    """Slide pictures kept in `folder` by what draws each slide, rendered by `renderer` (from
    `office`) only when new: a `deckgen.preview.slidecache.SlidePictures`, whose
    `pictures(data)` gives a JPEG per slide of a .pptx's bytes, `width` pixels wide."""
    from deckgen.preview.slidecache import SlidePictures

    return SlidePictures(folder, renderer, width)


def outdated_decks(
    paths: Iterable[Path],
    project: Path | None = None,
    block_id: str | None = None,
    problems: list[Problem] | None = None,
) -> Any:
    """The decks under `paths` behind `project`'s block files (default: the current folder's
    project); `deckgen.tour.outdated.OutdatedDeck`s."""
    from deckgen.tour.outdated import outdated_decks as find

    return find(paths, project, block_id, problems)


def outdated_todo(found: Any, project: Path | None = None) -> Any:
    """The outdated decks `found` (from `outdated_decks`) as a to-do list, a block at a time
    (`deckgen.tour.outdated.BlockTodo`s)."""
    from deckgen.tour.outdated import todo_by_block

    return todo_by_block(found, project)


def page_decks(project: Path | None = None, problems: list[Problem] | None = None) -> Any:
    """The decks the web page made for the kept visits of `project` (default: the current
    folder's), by resolved path: which visit each is (`deckgen.visits.pagedecks.PageDeck`);
    a register that cannot be read is added to `problems`."""
    from deckgen.project import project_root
    from deckgen.visits.pagedecks import page_decks as found

    return found(project_root((project or Path.cwd()) / "_"), problems)


def page_decks_folder(project: Path | None = None) -> Path:
    """Where the web page keeps the decks it makes for the project `project`."""
    from deckgen.project import project_root
    from deckgen.visits.pagedecks import page_decks_folder as folder

    return folder(project_root((project or Path.cwd()) / "_"))


def outdated_files(found: Any) -> Any:
    """The files the outdated decks `found` carry as they were that have changed since, each
    with its decks (`deckgen.tour.outdated.todo_by_file`)."""
    from deckgen.tour.outdated import todo_by_file

    return todo_by_file(found)


def import_presentation(
    source: Path, output: Path, deck_file: Path | None = None, theme: Path | None = None
) -> Any:
    """Import the .pptx `source` as library blocks in `output` and a deck file listing them
    (`deck_file`, default beside the library folder) in `theme` (default: the default
    theme); a `deckgen.importer.ImportPlan`."""
    from deckgen.importer import import_deck

    return import_deck(source, output, deck_file, theme)


# Visits that are kept (`deckgen.visits`): three typed functions for scripts, and what the
# web page and the commands share.


def read_visit(
    fields: Mapping[str, object],
    *,
    directors: Path | None = None,
    project: Path | None = None,
    confirm_date: bool = False,
) -> VisitRecord:
    """The visit `fields` describe (`dato`, `direktør`, `udvalg`, `sted`, `tilføj`, `fjern`,
    `lokalt eksempel`, `dias`), read and checked as the web page and the tour read one: a
    `deckgen.visits.record.VisitRecord`. Raises `InvalidInput` with every problem, each at
    its field (`Location.heading`); a date more than a year ago or three years ahead is one
    unless `confirm_date`."""
    from deckgen.visits.service import Project, read_visit

    path = _profiles_path(directors, project)
    checked = read_visit(fields, Project.load(path), confirmed=confirm_date)
    if checked.record is None or not checked.ok:
        from deckgen.visits.service import ROW

        raise InvalidInput(
            [
                Problem(
                    Location(ROW.file, 1, heading=p.field) if p.field else None, p.message, p.hint
                )
                for p in checked.all_problems
            ]
        )
    return checked.record


def save_visit(
    visit: VisitRecord,
    *,
    directors: Path | None = None,
    project: Path | None = None,
    who: str | None = None,
) -> StoredVisit:
    """Keep `visit` in the project's register: a new visit, or a new revision of the one of
    the same date, director and committee. `who` defaults to the system user."""
    path = _profiles_path(directors, project)
    register = open_register(path)
    try:
        return register.save(visit, who or system_user()).visit
    finally:
        register.close()


def build_visit(
    visit: VisitRecord,
    output: Path | None = None,
    *,
    directors: Path | None = None,
    project: Path | None = None,
    force: bool = False,
) -> BuildResult:
    """Build `visit`'s deck into `output` (default `build/<date_director_committee>.pptx`),
    the same bytes as the web page, the API and the tour give for it."""
    from deckgen.output import check_target
    from deckgen.visits.service import Project, draw, plan_record

    path = _profiles_path(directors, project)
    loaded = Project.load(path)
    planned = plan_record(visit, loaded)
    target = output or DEFAULT_OUTPUT_DIR / f"{planned.stem}.pptx"
    keep_old = check_target(target, [planned.deck_path], force)
    deck = draw(planned, loaded)
    backup = write_atomic(target, deck.data, backup=keep_old)
    return BuildResult(
        target,
        len(deck.composed.slides),
        deck.warnings,
        backup,
        list(deck.composed.library_problems),
    )


def _profiles_path(directors: Path | None, project: Path | None) -> Path:
    from deckgen.tour.profiles import find_profiles

    return directors or find_profiles(None, project)


def system_user() -> str:
    """Who runs this process, as the register records a change made from the command line."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container)
        from deckgen.visits.register import UNKNOWN_USER

        return UNKNOWN_USER


def open_register(path: Path, url: str | None = None) -> Register:
    """The visit register of the project `path` lies in (a profile file, a schedule or the
    project folder), or at `url`; its schema brought up to date. Close it after use."""
    from deckgen.project import project_root
    from deckgen.visits.register import open_register as open_at

    root = path if path.is_dir() else project_root(path)
    return open_at(root, url)


def visit_project(profiles: Any, sources: Any, builder: Builder) -> Project:
    """What visits are planned and drawn with, from what the caller has read already."""
    from deckgen.visits.service import Project

    return Project(profiles, sources, builder)


def take_in_visit_files(register: Register, project: Project, who: str) -> list[TakenIn]:
    """Take the deck files `deckgen new` once wrote into the register, each once."""
    from deckgen.visits.files import take_in_visit_files as take_in

    return take_in(register, project, who)


def project_register(project: Path | None = None, *, upgrade: bool = True) -> Register:
    """The register of the project in `project` (default: the current folder's), its schema
    brought up to date unless not `upgrade` (`deckgen db upgrade` does it itself)."""
    from deckgen.project import project_root
    from deckgen.visits.register import Register, database_url

    root = project_root((project or Path.cwd()) / "_")
    if not upgrade:
        return Register(database_url(root))
    return open_register(root)


def find_directors(project: Path | None = None) -> Path:
    """The profile file of `project` (default: the current folder's project)."""
    return _profiles_path(None, project)


def visit_columns(visit: VisitRecord) -> dict[str, Any]:
    """A visit's columns by their names (`dato`, `direktør`, …), lists as lists."""
    from deckgen.visits.record import as_columns

    return as_columns(visit)


def shown_path(path: Path) -> str:
    """`path` as messages show it (relative to the current folder when below it)."""
    from deckgen.errors import display_path

    return display_path(path)


def export_visit(visit_id: int, *, project: Path | None = None, force: bool = False) -> Path:
    """Write kept visit `visit_id` as the deck file it builds from (beside the director's
    deck, in `visits/`); refuses to write over a file unless `force`. Returns its path."""
    from deckgen.visits.files import export_visit as deck_file
    from deckgen.visits.service import Project

    loaded = Project.load(find_directors(project))
    register = open_register(loaded.profiles.path)
    try:
        visit = register.get(visit_id)
    finally:
        register.close()
    from deckgen.i18n import _

    if visit is None:
        raise DeckgenError(
            _("there is no visit {id}").format(id=visit_id),
            None,
            _("`deckgen visits list` lists the visits and their numbers"),
        )
    path, text = deck_file(visit.record, loaded)
    if path.exists() and not force:
        raise DeckgenError(
            _("{file} exists already").format(file=shown_path(path)),
            Location(path),
            _("pass --force to write over it"),
        )
    write_atomic(path, text)
    return path


def write_plan(
    target: Path,
    *,
    project: Path | None = None,
    empty: bool = False,
    start: str | None = None,
    end: str | None = None,
) -> int:
    """Write the kept visits (from `start` to `end`, ISO dates) as a schedule at `target`
    (.csv or .xlsx); with `empty` only the header. Returns how many visits were written."""
    from deckgen.visits.plan import plan_bytes

    profiles = load_directors(find_directors(project))
    register = open_register(profiles.path)
    try:
        found = [] if empty else register.list_visits(start=start, end=end, limit=1_000_000)
    finally:
        register.close()
    kind = target.suffix.lower().lstrip(".")
    write_atomic(target, plan_bytes([v.record for v in found], profiles, kind))
    return len(found)
