"""The committee register: the committees (OMU) the directors visit, kept by the secretaries.

`decks/tour/udvalg.yaml`, beside the director profiles, lists their names:

```yaml
udvalg:
  - OMU Børn og Familie
  - OMU Dagtilbud Nord
```

A committee named in a schedule row, in `deckgen new` or with `--set omu=` must be one of them
(case and spacing ignored; the register's spelling goes onto the slides), so that a slip such
as "OMU Børn og Famile" is refused with a suggestion instead of printed on every slide.
Without a register (a project that keeps none) any name is accepted.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from msgspec import Struct

from deckgen.errors import InvalidInput, Location, Problem, close_match
from deckgen.fields import Text
from deckgen.i18n import _
from deckgen.record import Record
from deckgen.source import read_yaml
from deckgen.wording import shown


class RegisterFile(Record, kw_only=True):
    """The committee register (`decks/tour/udvalg.yaml`): the committees (OMU) the directors
    visit, spelt as the cover shows them. A committee in a schedule row, in `deckgen new` or on
    the web page must be one of them."""

    udvalg: list[Text]
    """One committee a line, e.g. `- OMU Børn og Familie`; a name with ': ' in it goes in
    quotes, and no name twice."""


COMMITTEE_FILE = "udvalg.yaml"
"""The register's file name, beside the profile file."""
REGISTER_KEY = "udvalg"
REGISTER_PATH = Path("decks") / "tour" / COMMITTEE_FILE
"""Where a project keeps its register."""


class Committees(Struct, frozen=True):
    """The committees of a register, found by name; empty when the project keeps none."""

    names: tuple[str, ...] = ()
    path: Path | None = None

    def find(self, wanted: str) -> str | None:
        """The register's spelling of `wanted` (case, spacing and Unicode form ignored), or
        None.

        Without a register, `wanted` itself (with its spacing tidied)."""
        tidy = unicodedata.normalize("NFC", " ".join(wanted.split()))
        if not self.names:
            return tidy or None
        key = tidy.casefold()
        return next((name for name in self.names if name.casefold() == key), None)

    def unknown(self, wanted: str, where: Location) -> Problem:
        """The problem of naming, at `where`, a committee the register lacks."""
        return Problem(
            where,
            _("unknown committee {name}").format(name=shown(wanted)),
            self.unknown_hint(wanted),
        )

    def unknown_hint(self, wanted: str) -> str:
        """What to tell a user who named a committee the register lacks."""
        suggestion = close_match(wanted, self.names, fold=True)
        if suggestion:
            return suggestion
        where = self.path.name if self.path else COMMITTEE_FILE
        return _("the committees are listed in {file}; add a new one there").format(file=where)


def load_committees(path: Path, fallback: list[str] | None = None) -> Committees:
    """The register at `path`; if there is none, `fallback` (an older profile file's
    `committees:`), else an empty register that accepts any name."""
    if not path.exists():
        return Committees(tuple(fallback or ()), None)
    doc = read_yaml(path)
    data = doc.mapping(
        _("the committee register must be a mapping with an `udvalg:` list"),
        _(
            "start the file with `udvalg:` and write one committee a line under it, as "
            "`  - OMU Børn og Familie`"
        ),
        list_key=REGISTER_KEY,
    )
    problems: list[Problem] = [
        Problem(
            doc.locate((key,)),
            _("unknown field {name!r}").format(name=key),
            _("the register holds only `udvalg:`"),
        )
        for key in data
        if key != REGISTER_KEY
    ]
    names: list[str] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(data[REGISTER_KEY]):
        where = doc.locate((REGISTER_KEY, index))
        name = " ".join(str(raw).split()) if isinstance(raw, (str, int, float)) else ""
        if isinstance(raw, dict) and len(raw) == 1:
            # `- OMU Kultur: Musik og Teater`: YAML splits a name at its ': '.
            key, value = next(iter(raw.items()))
            whole = f"{key}: {value}" if value is not None else f"{key}:"
            problems.append(
                Problem(
                    where,
                    _("YAML read {name} as `key: value` because of the ': ' in it").format(
                        name=shown(whole)
                    ),
                    _('put the name in quotes: - "{name}"').format(name=whole),
                )
            )
            continue
        if not name:
            problems.append(
                Problem(where, _("a committee must be a name"), _("write the committee's name"))
            )
            continue
        if name.casefold() in seen:
            problems.append(
                Problem(
                    where,
                    _("{name!r} is already in the register").format(name=name),
                    _("remove one of the two lines"),
                )
            )
            continue
        seen[name.casefold()] = index
        names.append(name)
    if problems:
        raise InvalidInput(problems)
    return Committees(tuple(names), path)


def project_committee(deck_path: Path, value: str) -> str:
    """`value`, given with `--set omu=` for the deck at `deck_path`, in the spelling of the
    register of the deck's project (`decks/tour/udvalg.yaml`); DeckgenError if the register
    lacks it. A project without a register takes any name."""
    from deckgen.errors import DeckgenError
    from deckgen.project import project_root

    register = load_committees(project_root(deck_path) / REGISTER_PATH)
    found = register.find(value)
    if found is None:
        raise DeckgenError(
            _("--set omu: unknown committee {name}").format(name=shown(value)),
            None,
            register.unknown_hint(value),
        )
    return found


def register_schema() -> dict[str, object]:
    """The JSON Schema of the committee register, for editors (`deckgen schema committees`).
    A name twice is refused (case aside, which JSON Schema cannot say)."""
    from deckgen.schema import record_schema

    schema = record_schema(RegisterFile)
    schema["properties"][REGISTER_KEY]["uniqueItems"] = True
    return schema
