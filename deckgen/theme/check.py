"""A theme checked against its template: the master it names exists, every role's layout is on
that master (or, without `master:`, on exactly one), and has the placeholders the role's block
kinds fill. Each problem is reported at its line in the theme file, with a did-you-mean among
the template's own names."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import msgspec
from msgspec import Struct

from deckgen.errors import DeckgenError, Location, Problem, did_you_mean
from deckgen.fields import SCHEME_PREFIX
from deckgen.i18n import _
from deckgen.theme.inspect import Layout, Master, Template, read_template
from deckgen.theme.names import STANDARD_NAMES, closest_layout, slot_name


class CheckedTheme(Protocol):
    """What the check asks of a theme (a `deckgen.theme.Theme`, which itself asks the check)."""

    @property
    def file(self) -> Any:
        """The theme file's settings (`master:`)."""
        ...

    @property
    def template_path(self) -> Path: ...

    @property
    def layouts(self) -> dict[str, str]: ...

    @property
    def colors(self) -> dict[str, str]: ...

    def locate(self, *path: str) -> Location: ...


SLOT_TYPES: dict[str, tuple[str, ...]] = {
    "title": ("title", "ctrTitle"),
    "subtitle": ("subTitle", "body", "obj"),
    "body": ("body", "obj", "subTitle"),
    "picture": ("pic",),
}
"""The placeholder types that serve each slot a block fills, in the order the renderer tries
them (`deckgen.render.canvas`; a test holds the two together)."""


class TemplateCheck(Struct, frozen=True):
    """What checking a theme against its template found."""

    master: int | None
    """The master the theme's layouts are on (1 for the first), when it names one."""
    problems: list[Problem]
    scheme: dict[str, str] = msgspec.field(default_factory=dict)
    """The colour scheme of that master (or of the master the theme's layouts are on, or the
    first), which the theme's `scheme:` colours resolve through."""
    color_map: dict[str, str] = msgspec.field(default_factory=dict)
    """That master's colour map (`tx2` → `dk2`), through which slides refer to the scheme."""


def role_slots() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Each layout role's block kinds with the slots they fill: `{"title": [("title",
    ("title", "subtitle"))], …}`."""
    from deckgen.blocks import BLOCK_KINDS  # the kinds load on reading a theme, not importing

    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for kind in BLOCK_KINDS:
        tag = str(kind.__struct_config__.tag)
        found.setdefault(kind.layout_role, []).append((tag, kind.slots))
    return found


def missing_slots(layout: Layout, slots: Iterable[str]) -> list[str]:
    """The slots among `slots` that `layout` has no free placeholder for, taking placeholders
    as the renderer does: for each slot in turn, the first unused one of its types."""
    used: set[int] = set()
    missing = []
    for slot in slots:
        for kind in SLOT_TYPES[slot]:
            found = next(
                (
                    number
                    for number, ph in enumerate(layout.placeholders)
                    if ph.type == kind and number not in used
                ),
                None,
            )
            if found is not None:
                used.add(found)
                break
        else:
            missing.append(slot)
    return missing


def check_against_template(theme: CheckedTheme) -> TemplateCheck:
    """Check `theme`'s master and layouts against its template. A template that cannot be read
    gives no problems here: opening it reports that, at the template."""
    try:
        template = read_template(theme.template_path)
    except DeckgenError:
        return TemplateCheck(None, [])
    checked = _Checker(theme, template).run()
    master = _master_of(template, checked.master, theme.layouts.values())
    scheme = dict(master.scheme.colors) if master is not None and master.scheme else {}
    problems = [*checked.problems, *_scheme_problems(theme, scheme)]
    color_map = dict(master.color_map) if master is not None else {}
    return TemplateCheck(checked.master, problems, scheme, color_map)


def _master_of(template: Template, number: int | None, layouts: Iterable[str]) -> Master | None:
    """Master `number`, else the first master with one of `layouts`, else the first."""
    names = set(layouts)
    masters = [m for m in template.masters if m.number == number] or [
        m for m in template.masters if names & {layout.name for layout in m.layouts}
    ]
    return next(iter(masters or template.masters), None)


def _scheme_problems(theme: CheckedTheme, scheme: dict[str, str]) -> list[Problem]:
    """A `scheme:` colour the template's scheme does not have, at its line."""
    problems = []
    for role, value in theme.colors.items():
        name = value.removeprefix(SCHEME_PREFIX)
        if value.startswith(SCHEME_PREFIX) and name not in scheme:
            problems.append(
                Problem(
                    theme.locate("colors", role),
                    _(
                        "colors.{role}: the template's colour scheme has no {name}; it has: {names}"
                    ).format(role=role, name=repr(name), names=", ".join(scheme) or "none"),
                    _('write the colour as six hex digits, e.g. "003B5C"'),
                )
            )
    return problems


class _Checker:
    def __init__(self, theme: CheckedTheme, template: Template) -> None:
        self.theme = theme
        self.template = template
        self.problems: list[Problem] = []

    def problem(self, path: tuple[str, ...], message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.theme.locate(*path), message, hint))

    def run(self) -> TemplateCheck:
        chosen = str(self.theme.file.master)
        masters = list(self.template.masters)
        number = None
        if chosen:
            master = self.template.master(chosen)
            if master is None:
                names = [m.name for m in masters]
                close = closest_layout(chosen, names)
                self.problem(
                    ("master",),
                    _(
                        "master: the template {name} has no master {chosen}; it has: {listed}"
                    ).format(
                        name=self.template.path.name, chosen=repr(chosen), listed=_listed(masters)
                    ),
                    did_you_mean(close) or _("write its name or its number"),
                )
                return TemplateCheck(None, self.problems)
            masters, number = [master], master.number
        slots = role_slots()
        for role, name in self.theme.layouts.items():
            having = [master for master in masters if master.layout(name) is not None]
            if not having:
                self.missing(role, name, masters)
            elif len(having) > 1:
                self.problem(
                    ("layouts", role),
                    _(
                        "layouts.{role}: {count} masters have a layout named {name}: {listed}"
                    ).format(role=role, count=len(having), name=repr(name), listed=_listed(having)),
                    _("say which in the theme: `master: {number}` (or `master: {name}`)").format(
                        number=having[0].number, name=having[0].name
                    ),
                )
            else:
                layout = having[0].layout(name)
                assert layout is not None
                self.placeholders(role, layout, having[0], slots.get(role, []))
        return TemplateCheck(number, self.problems)

    def missing(self, role: str, name: str, masters: list[Master]) -> None:
        names = list(dict.fromkeys(lay.name for m in masters for lay in m.layouts))
        close = closest_layout(name, names)
        where = (
            _("master {number} {name}").format(number=masters[0].number, name=repr(masters[0].name))
            if len(masters) == 1 and len(self.template.masters) > 1
            else _("the template {name}").format(name=self.template.path.name)
        )
        self.problem(
            ("layouts", role),
            _("layouts.{role}: {where} has no layout named {name}; it has: {names}").format(
                role=role, where=where, name=repr(name), names=", ".join(map(repr, names))
            ),
            did_you_mean(close) or _("use one of those names in the theme"),
        )

    def placeholders(
        self, role: str, layout: Layout, master: Master, kinds: list[tuple[str, tuple[str, ...]]]
    ) -> None:
        for kind, slots in kinds:
            lacking = missing_slots(layout, slots)
            if not lacking:
                continue
            have = ", ".join(
                f"{ph.label} (idx {'–' if ph.idx is None else ph.idx})"
                for ph in layout.placeholders
            )
            fits = [lay.name for lay in master.layouts if not missing_slots(lay, slots)]
            # The role's standard layout first ('Title and Content' for content), if it fits.
            standard = STANDARD_NAMES.get(role, ())
            preferred = [n for n in fits if n in standard] or fits
            self.problem(
                ("layouts", role),
                _(
                    "layouts.{role}: layout {name} has no {join} placeholder, which "
                    "{kind} blocks fill; it has: {value}"
                ).format(
                    role=role,
                    name=repr(layout.name),
                    join=_(" and no ").join(slot_name(s) for s in lacking),
                    kind=repr(kind),
                    value=have or _("none"),
                ),
                _("use a layout that has, e.g. {name}").format(name=repr(preferred[0]))
                if preferred
                else _("use a layout that has (`deckgen theme show` lists each layout's)"),
            )
            return


def _listed(masters: Iterable[Master]) -> str:
    return ", ".join(f"{master.number} {master.name!r}" for master in masters)
