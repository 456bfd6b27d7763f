"""Director profiles: who visits the committees, and what each director's deck shows.

A profile file (`decks/tour/direktoerer.yaml`) names the deck every visit starts from, the
directors, and the committees they visit:

```yaml
deck: ../omu-dialogmoede.yaml          # relative to this file
directors:
  - id: mette-holm
    name: Mette Holm
    title: Direktør for Børn og Familie
    signature: [hilsen-mette-holm]     # blocks this director always adds, before the closing
    blocks: [titel-dialogmoede, …]     # optional: the director's own selection of slides
```

The committees they visit are in the committee register beside it (`udvalg.yaml`, see
`deckgen.committees`); an older profile file's own `committees:` list is read when there
is no register.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from msgspec import Meta

from deckgen.committees import COMMITTEE_FILE, Committees, load_committees
from deckgen.errors import DeckgenError, InvalidInput, Location, Problem, close_match
from deckgen.fields import BlockId, OptionalText, Text
from deckgen.i18n import _
from deckgen.models import VariableName
from deckgen.project import DEFAULT_PROFILES, PROFILE_FILE, project_root
from deckgen.record import Invalid, Record, convert
from deckgen.source import YamlDoc, read_yaml
from deckgen.wording import problems_from, shown

DirectorId = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)]


class DirectorProfile(Record, kw_only=True):
    """A director who visits the committees, and what their deck shows."""

    id: DirectorId
    """Short name used in schedules and file names, e.g. `mette-holm`."""
    name: Text
    """Full name, shown on the slides as `{{ direktør }}`."""
    title: OptionalText = ""
    """Job title, available on the slides as `{{ direktør_titel }}`."""
    signature: list[BlockId] = []
    """Blocks this director always shows, placed before the deck's closing slides."""
    blocks: list[BlockId] = []
    """The director's own selection of slides, in order; empty for the deck's own slides."""
    deck: OptionalText = ""
    """A deck file of the director's own to start from, relative to the profile file."""
    variables: dict[VariableName, OptionalText] = {}
    """Further `{{ name }}` values for this director's decks."""


class _ProfileFileHead(Record, kw_only=True):
    deck: Text
    """The deck file every visit starts from, relative to this file."""
    directors: Annotated[list[dict[str, Any]], Meta(min_length=1)]
    """The directors."""
    committees: list[Text] = []
    """The committees (OMU) the directors visit, for a project without a register file."""


@dataclass(frozen=True)
class Profiles:
    """The directors of a profile file, found by id or name, and the committees."""

    path: Path
    doc: YamlDoc
    directors: dict[str, DirectorProfile]
    register: Committees
    default_deck: Path

    @property
    def committees(self) -> list[str]:
        """The committees of the register, in its order (empty: any name is accepted)."""
        return list(self.register.names)

    def find(self, wanted: str) -> DirectorProfile | None:
        """The director whose id or name is `wanted` (case and spacing ignored), or None."""
        key = _key(wanted)
        for profile in self.directors.values():
            if key in (_key(profile.id), _key(profile.name)):
                return profile
        return None

    def unknown(self, wanted: str, where: Location) -> Problem:
        """The problem of naming, at `where`, a director the file lacks."""
        return Problem(
            where,
            _("unknown director {wanted}").format(wanted=shown(wanted)),
            self.unknown_hint(wanted),
        )

    def unknown_hint(self, wanted: str) -> str:
        """What to tell a user who named a director the file lacks."""
        names = [p.name for p in self.directors.values()]
        suggestion = close_match(wanted, names)
        if suggestion:
            return suggestion
        return _("the directors in {file} are: {names}").format(
            file=self.path.name, names=", ".join(names)
        )

    def deck_path(self, profile: DirectorProfile) -> Path:
        """The deck file `profile`'s visits start from."""
        if not profile.deck:
            return self.default_deck
        return Path(os.path.normpath(self.path.parent / profile.deck))

    def locate(self, profile: DirectorProfile, *path: str | int) -> Location:
        """Where a field of `profile` is written."""
        index = list(self.directors).index(profile.id)
        return self.doc.locate(("directors", index, *path))


def find_profiles(schedule: Path | None = None, project: Path | None = None) -> Path:
    """The profile file for a schedule at `schedule` (or for `deckgen new`): the one beside
    the schedule, else the project's (`project`, else the project of the current folder:
    the nearest folder up with `pyproject.toml`, `.git` or `assets/`), `decks/tour/...`.

    A schedule Excel saved to Documents thus still finds the profiles and the committee
    register of the project it is built in. When none is there, the path to report."""
    if schedule is not None and (schedule.parent / PROFILE_FILE).is_file():
        return schedule.parent / PROFILE_FILE
    root = project if project is not None else project_root(Path.cwd() / "schedule")
    found = root / DEFAULT_PROFILES
    if found.is_file() or schedule is None:
        return found
    return schedule.parent / PROFILE_FILE


def load_profiles(path: Path) -> Profiles:
    """Read and check a profile file; every problem in it is reported at once."""
    if not path.exists():
        raise DeckgenError(
            _("the director profiles are not there (looked for {resolve})").format(
                resolve=path.resolve()
            ),
            Location(path),
            _(
                "run deckgen from the project folder, name the project with --project "
                "FOLDER, or name the file with --directors decks/tour/direktoerer.yaml"
            ),
        )
    doc = read_yaml(path)
    doc.mapping(
        _("a profile file must be a mapping with `deck:` and `directors:`"),
        _("see decks/tour/direktoerer.yaml for an example"),
    )
    try:
        head = convert(doc.data, _ProfileFileHead)
    except Invalid as exc:
        raise InvalidInput(problems_from(exc.errors, doc, model=_ProfileFileHead)) from None
    problems: list[Problem] = []
    directors: dict[str, DirectorProfile] = {}
    for index, raw in enumerate(head.directors):
        try:
            profile = convert(raw, DirectorProfile)
        except Invalid as exc:
            problems.extend(problems_from(exc.errors, doc, ("directors", index), DirectorProfile))
            continue
        if profile.id in directors:
            problems.append(
                Problem(
                    doc.locate(("directors", index, "id")),
                    _("directors[{index}]: the id {id} is already used").format(
                        index=index, id=repr(profile.id)
                    ),
                    _("give each director an id of their own"),
                )
            )
            continue
        directors[profile.id] = profile
    if problems:
        raise InvalidInput(problems)
    deck = Path(os.path.normpath(path.parent / head.deck))
    register = load_committees(path.parent / COMMITTEE_FILE, list(head.committees))
    return Profiles(path, doc, directors, register, deck)


def _key(text: str) -> str:
    return " ".join(text.replace("-", " ").split()).casefold()
