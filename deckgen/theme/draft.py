"""Draft a working theme file from a template (`deckgen theme init`).

Each layout role gets the layout that serves it best on the chosen master: one that has the
placeholders the role's block kinds fill (as `deckgen.theme.check` demands), scored by its
structure (a centred title for the cover, one large text area for content, a picture
placeholder for pictures…), with a standard English or Danish name as a strong hint. Colours
and fonts come from the master's theme part. The file says, in comments, what was guessed and
what to check.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from deckgen.errors import DeckgenError, Location, printable
from deckgen.i18n import _
from deckgen.project import DATA
from deckgen.record import xml_safe
from deckgen.theme.check import missing_slots, role_slots
from deckgen.theme.fontfiles import metric_files
from deckgen.theme.inspect import Layout, Master, Scheme, Template, read_template
from deckgen.theme.names import STANDARD_NAMES

_HINTS: dict[str, tuple[str, ...]] = {
    **STANDARD_NAMES,
    "statement": ("Statement", "Udsagn", "Citat", "Quote", "Big Statement"),
    "closing": ("Closing", "Afslutning", "Tak", "Thank You", "Slut", "End"),
}
"""Layout names that say which role a layout is for, in English and Danish."""

_BODY = ("body", "obj")
_OTHER = ("pic", "chart", "tbl", "dgm", "media", "clipArt")


@dataclass
class Choice:
    """The layout picked for one role, and why."""

    layout: Layout
    by_name: bool
    note: str = ""


@dataclass
class Draft:
    """A drafted theme: what was chosen, and the theme file's text."""

    master: Master
    layouts: dict[str, Choice]
    text: str
    checks: list[str] = field(default_factory=list)
    """What a person should look at, in words."""
    logo: tuple[str, bytes] | None = None
    """The logo's file name beside the theme, and its bytes."""


def _score(role: str, layout: Layout, template: Template) -> int:
    """How well `layout`'s placeholders suit `role` (names aside); higher is better."""
    titles = layout.count("title", "ctrTitle")
    subtitles = layout.count("subTitle")
    bodies = layout.count(*_BODY)
    pictures = layout.count("pic")
    others = layout.count(*_OTHER)
    area = template.width * template.height
    big_body = any(
        ph.type in _BODY and ph.box is not None and ph.box.width * ph.box.height > 0.3 * area
        for ph in layout.placeholders
    )
    title_low = any(
        ph.type in ("title", "ctrTitle") and ph.box is not None and ph.box.top > template.height / 4
        for ph in layout.placeholders
    )
    if role in ("title", "closing"):
        return 3 * layout.count("ctrTitle") + 2 * min(subtitles, 1) - 2 * bodies - 3 * others
    if role in ("section", "statement"):
        text = subtitles + bodies
        return 2 * (text == 1) + 2 * title_low - 3 * others - 2 * max(text - 1, 0) - big_body
    if role == "content":
        return 3 * big_body - 2 * max(bodies - 1, 0) - 3 * others - 3 * layout.count("ctrTitle")
    if role == "title_only":
        # A title alone at the top; else one at the top over a text area the slide leaves out.
        pure = titles == 1 and subtitles + bodies + pictures + others == 0
        top = titles and not title_low and not layout.count("ctrTitle")
        return 5 * pure + 3 * bool(top) + big_body - 2 * others
    if role == "picture":
        return 5 * min(pictures, 1) + min(bodies, 1) - 2 * (others - pictures)
    return 0


def _named_for(role: str, layout: Layout) -> bool:
    return layout.name.casefold() in {hint.casefold() for hint in _HINTS.get(role, ())}


def _candidates(role: str, master: Master, template: Template) -> list[tuple[int, Layout]]:
    kinds = role_slots().get(role, [])
    fitting = [
        layout
        for layout in master.layouts
        if all(not missing_slots(layout, slots) for _kind, slots in kinds)
    ]
    scored = [
        (10 * _named_for(role, layout) + _score(role, layout, template), layout)
        for layout in fitting
    ]
    # Best score first; among equals, the layout PowerPoint lists first.
    return sorted(scored, key=lambda pair: -pair[0])


def _choose(roles: tuple[str, ...], master: Master, template: Template) -> dict[str, Choice]:
    chosen: dict[str, Choice] = {}
    for role in roles:
        candidates = _candidates(role, master, template)
        if not candidates:
            continue
        _score, layout = candidates[0]
        by_name = _named_for(role, layout)
        note = "" if by_name else _why(role, layout)
        chosen[role] = Choice(layout, by_name, note)
    return chosen


def _why(role: str, layout: Layout) -> str:
    words = ", ".join(dict.fromkeys(ph.label for ph in layout.placeholders if ph.type in _SHOWN))
    return _("no layout is named for {role}; chosen for its placeholders ({words})").format(
        role=role, words=words
    )


_SHOWN = ("title", "ctrTitle", "subTitle", "body", "obj", "pic")


def _check_marker() -> str:
    """The word that marks a line of a drafted theme to check (`CHECK`, in Danish `TJEK`)."""
    return _("CHECK")


def draft_theme(template_path: Path, output: Path, roles: tuple[str, ...]) -> Draft:
    """A theme for the template at `template_path`, to be written at `output`, mapping each of
    `roles`; an error naming the roles no layout of the template can serve."""
    template = read_template(template_path)
    if not template.masters:
        raise DeckgenError(_("the template has no slide master"), Location(template_path))
    options = list(template.masters)
    names = [layout.name for master in template.masters for layout in master.layouts]
    if len(template.masters) > 1 and len(set(names)) == len(names):
        # Keynote exports one master per layout: with no name on two masters, the theme may
        # take its layouts from all of them (no `master:`).
        first = template.masters[0]
        every = tuple(layout for master in template.masters for layout in master.layouts)
        options.append(Master(0, "", every, first.scheme, first.logo, first.placeholders))
    # The master on which most roles find a layout, most by name, best by structure; the
    # first if equal, a single master before all of them.
    ranked = [
        (
            len(choices := _choose(roles, master, template)),
            sum(choice.by_name for choice in choices.values()),
            sum(_score(role, choice.layout, template) for role, choice in choices.items()),
            -master.number if master.number else -len(options),
            master,
            choices,
        )
        for master in options
    ]
    *_rank, master, choices = max(ranked, key=lambda entry: entry[:4])
    lacking = [role for role in roles if role not in choices]
    if lacking:
        raise DeckgenError(
            _("no layout of the template {name} has the placeholders for {roles}").format(
                name=template_path.name, roles=", ".join(lacking)
            ),
            Location(template_path),
            _(
                "add such layouts in PowerPoint's slide master view (`deckgen "
                "theme show` lists what each layout has)"
            ),
        )
    return _Writer(template, master, choices, template_path, output).draft()


class _Writer:
    def __init__(
        self,
        template: Template,
        master: Master,
        choices: dict[str, Choice],
        template_path: Path,
        output: Path,
    ) -> None:
        self.template = template
        self.master = master
        self.choices = choices
        self.template_path = template_path
        self.output = output
        self.lines: list[str] = []
        self.checks: list[str] = []
        self.muted = ""

    def add(self, line: str, comment: str = "") -> None:
        # A comment may name the template's layouts, masters and files: one line, escaped.
        self.lines.append(f"{line}  # {printable(comment)}" if comment else line)

    def draft(self) -> Draft:
        folder = self.output.parent
        stem = self.output.stem
        scheme = self.master.scheme or Scheme("", {}, "", "")
        # The comments are for whoever checks the theme, in their language.
        self.lines += [
            "# "
            + _("Drafted by `deckgen theme init` from {name}.").format(
                name=printable(self.template_path.name)
            ),
            "# "
            + _(
                "Read the comments marked {check}, then run `deckgen validate` on this file and "
                "build a deck with it (`deck.theme:`); `deckgen theme show` lists the "
                "template's layouts."
            ).format(check=_check_marker()),
        ]
        self.add(f"name: {_quote(scheme.name or self.template_path.stem)}")
        self.add(f"template: {_quote(_relative(self.template_path, folder))}")
        if not self.master.number:
            self.lines.append(
                "# "
                + _("Layouts from all the template's masters (each name is on one): no `master:`.")
            )
        elif len(self.template.masters) > 1:
            others = ", ".join(
                f"{m.number} {m.name!r}" for m in self.template.masters if m is not self.master
            )
            self.add(
                f"master: {self.master.number}",
                _("{name}: the most roles fit its layouts; the others: {others}").format(
                    name=repr(self.master.name), others=others
                ),
            )
            self.checks.append(
                _("the master: {title} (others: {others})").format(
                    title=self.master.title, others=others
                )
            )
        self.add("layouts:")
        for role, choice in self.choices.items():
            comment = _("named for it") if choice.by_name else f"{_check_marker()}: {choice.note}"
            self.add(f"  {role}: {_quote(choice.layout.name)}", comment)
            if not choice.by_name:
                self.checks.append(f"{role} → {choice.layout.name!r}: {choice.note}")
        self.colours(scheme)
        self.fonts(scheme)
        self.lines += ["emphasis:", "  strong:", "    bold: true", "  source:", "    italic: true"]
        self.add("    color: muted")
        logo = self.logo(stem)
        if logo is not None:
            self.add(
                f"logo: {_quote(logo[0])}",
                _("the picture on the master ({part}), copied beside this file").format(
                    part=self.master.logo
                ),
            )
        self.footer()
        return Draft(self.master, self.choices, "\n".join(self.lines) + "\n", self.checks, logo)

    def colours(self, scheme: Scheme) -> None:
        colors = scheme.colors
        background = colors.get("lt1", "FFFFFF")
        text = colors.get("dk1", "000000")
        primary_from = "dk2" if "dk2" in colors else "accent1"
        primary = colors.get(primary_from, "1F497D")
        accents = [f"accent{n}" for n in range(1, 7) if f"accent{n}" in colors]
        accent_from = next((a for a in accents if colors[a] != primary), primary_from)
        accent = colors.get(accent_from, primary)
        # Diagrams put text-coloured words on the highlight: take the accent they read best on.
        highlight_from = max(
            accents[1:] or [accent_from], key=lambda a: _contrast(colors.get(a, accent), text)
        )
        # (role, scheme colour or "" for a mix, hex, why)
        picked: list[tuple[str, str, str, str]] = [
            (
                "primary",
                primary_from,
                primary,
                _("{name} of the template's colour scheme").format(name=primary_from),
            ),
            (
                "accent",
                accent_from,
                accent,
                _("the first accent of the scheme that is not the primary"),
            ),
            ("text", "dk1", text, _("dk1 of the scheme")),
            (
                "muted",
                "",
                _mix(text, background, 0.35),
                _("the text colour lightened, for sources"),
            ),
            ("background", "lt1", background, _("lt1 of the scheme")),
            (
                "light",
                "",
                _mix(primary, background, 0.88),
                _("a tint of the primary, for panels"),
            ),
            (
                "highlight",
                highlight_from,
                colors.get(highlight_from, accent),
                _("the scheme accent that dark text reads best on"),
            ),
        ]
        self.add(
            "colors:",
            f"{_check_marker()}: "
            + _("scheme:… follow the template's colour scheme; six hex digits are fixed"),
        )
        for role, name, value, why in picked:
            fixed = (
                _readable(value, background) if role in ("primary", "accent", "muted") else value
            )
            if fixed != value:
                why += _(", darkened from {value} so that it reads on the background").format(
                    value=value
                )
            elif name and name in colors:
                # The template's own colour, referred to: it changes with the template's theme.
                self.add(
                    f"  {role}: {_quote('scheme:' + name)}",
                    why + " " + _("(now {value})").format(value=value),
                )
                continue
            self.add(f"  {role}: {_quote(fixed)}", why)
        self.muted = _readable(picked[3][2], background)

    def fonts(self, scheme: Scheme) -> None:
        heading = scheme.heading_font or "Calibri"
        body = scheme.body_font or heading
        self.add("fonts:")
        self.add(f"  heading: {_quote(heading)}", _("the template's heading font (major)"))
        self.add(f"  body: {_quote(body)}", _("the template's body font (minor)"))
        # Font files already in the project (beside the theme, or in ../fonts as ours are)
        # before deckgen's own and the system's.
        folder = self.output.parent
        files, twin = metric_files(body, (folder / "fonts", folder.parent / "fonts"))
        note = (
            _("{twin} has {body}'s metrics, so text is measured as it will be drawn").format(
                twin=twin, body=body
            )
            if twin
            else f"{_check_marker()}: "
            + _("no font file with {body}'s metrics found; measured with Carlito").format(body=body)
        )
        if not twin:
            self.checks.append(
                _(
                    "font files: none with {body}'s metrics; text fit is measured with Carlito"
                ).format(body=body)
            )
        if all(path.parent == DATA / "fonts" for path in files.values()):
            # deckgen's own Carlito: left out, so the theme keeps working when deckgen moves.
            self.add("  # " + _("files: left out: measured with deckgen's own Carlito."), note)
            return
        self.add("  files:", note)
        for face, path in files.items():
            self.add(f"    {face}: {_quote(_relative(path, self.output.parent))}")

    def logo(self, stem: str) -> tuple[str, bytes] | None:
        part = self.master.logo
        suffix = Path(part or "").suffix.lower()
        if not part or suffix not in (".png", ".jpg", ".jpeg", ".gif"):
            return None
        with zipfile.ZipFile(self.template_path) as package:
            info = package.getinfo(part)
            if info.file_size > 20 * 1024 * 1024:
                return None
            return f"{stem}-logo{suffix}", package.read(info)

    def footer(self) -> None:
        shown = [choice.layout for choice in self.choices.values()]
        has_footer = any(layout.count("ftr") for layout in shown)
        has_number = any(layout.count("sldNum") for layout in shown)
        self.add("footer:")
        if has_footer:
            self.add(
                '  text: "{{ omu }} · {{ dato }}"',
                f"{_check_marker()}: "
                + _("the deck's variables; the template's footer placeholder shows it"),
            )
        else:
            self.add('  text: ""', _("the template's layouts have no footer placeholder"))
        self.add(
            f"  slide_number: {'true' if has_number else 'false'}",
            _("the layouts have a slide-number placeholder")
            if has_number
            else _("the layouts have no slide-number placeholder"),
        )
        self.add("  skip: [title, closing]", _("no footer on the cover and the last slide"))
        if not (has_footer or has_number):
            return
        # Layouts in colours of their own (a green section slide): one footer colour for all
        # may not read on each; the template's designer then chose the footer's per layout.
        coloured = sorted(
            {
                f"{choice.layout.name!r} (#{choice.layout.background})"
                for role, choice in self.choices.items()
                if role not in ("title", "closing")
                and choice.layout.background is not None
                and _contrast(self.muted, choice.layout.background) < 4.5
            }
        )
        if coloured:
            self.add(
                "  # color: " + _("left out: the template's own footer colours"),
                f"{_check_marker()}: "
                + _("the muted colour does not read on {layouts}").format(
                    layouts=", ".join(coloured)
                ),
            )
            self.checks.append(
                _(
                    "footer colour: the template's own, as layouts have coloured "
                    "backgrounds: {layouts}"
                ).format(layouts=", ".join(coloured))
            )
            return
        self.add(
            "  color: muted",
            f"{_check_marker()}: "
            + _(
                "footer and slide number in the muted colour, which reads at 4.5:1 on the "
                "background; leave out to keep the template's own, often too pale, footer "
                "colour"
            ),
        )


def _quote(text: str) -> str:
    """`text` as a YAML scalar that reads back as the same text: a JSON string, with what
    YAML reads as a line break (U+0085, U+2028, U+2029), other invisible characters and a
    file name's bytes that are not UTF-8 escaped, as both read them."""
    return "".join(
        char
        if char.isprintable() or char == " "
        else f"\\u{ord(char):04x}"
        if ord(char) <= 0xFFFF
        else f"\\U{ord(char):08x}"
        for char in json.dumps(text, ensure_ascii=False)
    )


def _relative(path: Path, folder: Path) -> str:
    """`path` relative to `folder` when they share more than the root (the theme then moves
    with its project), else absolute."""
    target, base = path.resolve(), folder.resolve()
    try:
        if Path(os.path.commonpath([target, base])) == Path(target.anchor):
            return target.as_posix()
        return Path(os.path.relpath(target, base)).as_posix()
    except ValueError:  # another drive on Windows
        return target.as_posix()


def _channels(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)


def _mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0–1) of the way towards `other`."""
    mixed = (
        round(a + (b - a) * amount)
        for a, b in zip(_channels(colour), _channels(other), strict=True)
    )
    return "".join(f"{value:02X}" for value in mixed)


def _luminance(colour: str) -> float:
    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(one: str, two: str) -> float:
    """The WCAG contrast ratio of two colours."""
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _readable(colour: str, background: str, ratio: float = 4.5) -> str:
    """`colour`, darkened (or lightened, on a dark background) in small steps until text in it
    reads on `background` (WCAG AA, 4.5:1)."""
    target = "000000" if _luminance(background) > 0.5 else "FFFFFF"
    current, step = colour, 0
    while _contrast(current, background) < ratio and step < 20:
        step += 1
        current = _mix(colour, target, step / 20)
    return current


def init_theme(template: Path, output: Path) -> Draft:
    """Draft a theme for `template` and write it to `output` (and its logo beside it); refuses
    to replace a file, and writes nothing unless the drafted theme reads back without a problem.
    """
    from deckgen.theme import load_theme, required_layout_roles

    if str(output) == "-":
        raise DeckgenError(
            _("writing to standard output (-o -) is not supported"),
            Location(output),
            _("name the theme file to write, e.g. -o assets/theme/vores.yaml"),
        )
    named = _relative(template, output.parent)
    try:
        xml_safe(named)
    except ValueError:
        # A byte of a name that is not UTF-8, or a character no text field holds.
        odd = next(c for c in named if not c.isprintable() or 0xD800 <= ord(c) <= 0xDFFF)
        raise DeckgenError(
            _(
                "the template's name holds a character a theme file cannot hold (U+{code}); "
                "a name that is not UTF-8 was made on a system with another encoding"
            ).format(code=f"{ord(odd):04X}"),
            Location(template),
            _("rename the template, e.g. to {name}").format(
                name="".join(c if c.isprintable() else "_" for c in template.name)
            ),
        ) from None
    draft = draft_theme(template, output, required_layout_roles())
    temporary = output.with_name(f".{output.name}.draft")
    targets = [output, temporary]
    if draft.logo is not None:
        targets.append(output.parent / draft.logo[0])
    for target in targets:
        if os.path.lexists(target):  # a dangling link too: writing to it writes elsewhere
            raise _already_there(target)
    output.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        if draft.logo is not None:
            _write_new(targets[2], draft.logo[1])
            written.append(targets[2])
        _write_new(temporary, draft.text.encode("utf-8"))
        written.append(temporary)
        load_theme(temporary)  # what a build will read: it must hold up
        if os.path.lexists(output):
            raise _already_there(output)
        temporary.rename(output)
        written.remove(temporary)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return draft


def _already_there(target: Path) -> DeckgenError:
    return DeckgenError(
        _("{name} is already there; theme init does not replace files").format(name=target.name),
        Location(target),
        _("give another name with -o, or move the file away first"),
    )


def _write_new(path: Path, data: bytes) -> None:
    from deckgen.regular import write_new

    try:
        write_new(path, data)
    except FileExistsError:
        raise _already_there(path) from None
    except OSError as exc:
        raise DeckgenError(
            _("cannot write there: {reason}").format(reason=exc.strerror),
            Location(path),
            _("check the folder"),
        ) from None
