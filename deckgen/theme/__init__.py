"""The corporate look: which template, which layout per role, colours, fonts, logo, footer.

Blocks ask the theme by role (`theme.color("accent")`, `theme.layout_name("section")`); no
block names a colour or a font. Switching the theme file restyles every deck.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from deckgen.errors import DeckgenError, InvalidInput, Location, Problem
from deckgen.fields import SCHEME_PREFIX, ThemeColor
from deckgen.i18n import _
from deckgen.project import DATA, DEFAULT_THEME
from deckgen.record import Invalid, Record, convert, dump
from deckgen.regular import kind_of, stamp
from deckgen.source import YamlDoc, read_yaml
from deckgen.theme.check import check_against_template
from deckgen.theme.fontfiles import Measured, measured
from deckgen.theme.template import template_layout_names

PACKAGED_FONTS = {
    face: DATA / "fonts" / f"Carlito-{name}.ttf"
    for face, name in (
        ("regular", "Regular"),
        ("bold", "Bold"),
        ("italic", "Italic"),
        ("bold_italic", "BoldItalic"),
    )
}
"""The font files a theme without `fonts.files` is measured with: Carlito, Calibri's twin."""

LAYOUT_ROLES = ("title", "section", "statement", "content", "title_only", "picture", "closing")
COLOR_ROLES = ("primary", "accent", "text", "muted", "background", "light", "highlight")
EMPHASIS_ROLES = ("strong", "source")
TEXT_KINDS = ("title", "body")
"""The kinds of placeholder text `text_colors` colours: titles, and every other text."""
_SLIDE_NAMES = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}
"""How a slide names the four scheme colours a master's colour map can redirect."""
"""A colour written `scheme:accent1` is the template's own, referred to, not copied."""


class FontFiles(Record, kw_only=True):
    """Font files with the template font's metrics, for measuring text (paths from the theme)."""

    regular: str
    """The regular face, e.g. `../fonts/Carlito-Regular.ttf`."""
    bold: str
    """The bold face."""
    italic: str
    """The italic face."""
    bold_italic: str
    """The bold italic face."""

    def named(self) -> dict[str, str]:
        """Each face's file, by the face's field name."""
        return {name: getattr(self, name) for name in self.__struct_fields__}


class Fonts(Record, kw_only=True):
    """The fonts the template uses, and files to measure them with."""

    heading: str
    """Font of titles, as the template names it (e.g. `Calibri`)."""
    body: str
    """Font of body text."""
    files: FontFiles | None = None
    """Font files to measure text with (both fonts), e.g. the municipality's own font's;
    left out, each font is looked up: Calibri as deckgen's own Carlito (the same metrics),
    others through fontconfig or in the project's `fonts/` folder, else a free font with the
    same metrics, else Carlito with a stated margin (docs/fonts.md)."""


class TextStyle(Record, kw_only=True):
    """The look of one kind of emphasis in body text."""

    bold: bool = False
    italic: bool = False
    color: str | None = None
    """A colour role from `colors`, or empty to keep the template's."""
    size: Annotated[float, Meta(ge=8, le=96)] | None = None
    """Size in points, or empty to keep the template's."""


class Footer(Record, kw_only=True):
    """What the footer of each slide says."""

    text: str = ""
    """Footer text; may use `{{ variables }}`."""
    slide_number: bool = True
    """Show the slide number."""
    skip: list[str] = msgspec.field(default_factory=lambda: ["title", "closing"])
    """Layout roles that show no footer (the cover and closing slides)."""
    color: str = ""
    """A colour role from `colors` for the footer and slide number, or empty to keep the
    template's (a template's pale grey footer may read below the 4.5:1 contrast the check
    asks for)."""
    number_color: str = ""
    """A colour role from `colors` for the slide number alone, where it stands on another
    colour than the footer text (the two ends of a gradient bar); empty: as `color`."""


class PlacedBox(Record, kw_only=True):
    """Where deckgen draws a layout's title or text, in centimetres from the slide's top left
    corner, in place of the layout's own box."""

    left: Annotated[float, Meta(ge=0)]
    top: Annotated[float, Meta(ge=0)]
    width: Annotated[float, Meta(gt=0)]
    height: Annotated[float, Meta(gt=0)]

    def emu(self) -> tuple[int, int, int, int]:
        """Left, top, width and height in EMU."""
        return (
            round(self.left * EMU_PER_CM),
            round(self.top * EMU_PER_CM),
            round(self.width * EMU_PER_CM),
            round(self.height * EMU_PER_CM),
        )


EMU_PER_CM = 360000
BOX_KINDS = ("title", "body")
"""What `boxes` may place on a layout: its title, its (largest) text placeholder."""


class TextPanel(Record, kw_only=True):
    """A plain panel drawn behind a layout's text placeholders, where the template puts them
    on a picture, gradient or pattern no one colour of text reads on."""

    color: str
    """A colour role from `colors` (the template's own), e.g. `background`."""
    opacity: Annotated[int, Meta(ge=10, le=100)] = 100
    """How much of what lies under the panel it hides, in per cent (100: all of it)."""


class ThemeFile(Record, kw_only=True):
    """A corporate theme file (the default: `deckgen/data/theme/kommune.yaml`)."""

    name: str
    """The theme's name."""
    template: str
    """The .pptx or .potx template, relative to the theme file."""
    master: str | int = ""
    """The template's slide master whose layouts `layouts` names, by its name or number (1 for
    the first): needed when several masters have layouts of the same names. Empty: any master."""
    layouts: dict[str, str]
    """Layout name in the template for each role: title, section, statement, content, …"""
    colors: dict[str, ThemeColor]
    """Colours by role (primary, accent, text, muted, background, light, highlight): 6-digit
    hex, or `scheme:accent1` (any colour of the template's scheme: dk1, lt1, dk2, lt2,
    accent1–6), which the deck refers to, so it follows the template's theme."""
    fonts: Fonts
    """Fonts and files to measure them with."""
    emphasis: dict[str, TextStyle] = {}
    """The look of `strong` and `source` text."""
    logo: str = ""
    """The logo image (the template carries it on its master); relative to the theme file."""
    footer: Footer = Footer()
    """The footer of each slide."""
    text_colors: dict[str, str] = {}
    """A colour role from `colors` for the text of the slides' titles (`title`) and text
    placeholders (`body`), or of one layout role's (`section.title`), in place of the
    template's own colour where that does not read on what the text stands on. Left out: the
    template's own."""
    boxes: dict[str, dict[str, PlacedBox]] = {}
    """Per layout role, where its slides' `title` and `body` text are drawn (cm), in place of
    the layout's own boxes: `theme init` drafts them where a layout's box leaves room of the
    slide unused that its master's own box uses (LibreOffice's templates give every layout
    one master's positions). Left out: the layout's boxes."""
    text_panels: dict[str, TextPanel] = {}
    """A panel behind the titles (`title`) or text placeholders (`body`) of every slide, or of
    one layout role's (`content.body`), in a colour of `colors`, drawn as an ordinary shape
    under the text, so the text reads where the template puts it on a picture or gradient.
    Left out: no panel."""


@dataclass(frozen=True)
class Theme:
    """A theme as read from its file: the file's settings, and where the file is."""

    file: ThemeFile
    folder: Path = Path(".")
    """Folder of the theme file; paths in the theme are relative to it."""
    doc: YamlDoc | None = None
    master: int | None = None
    """The template master the layouts are looked up on (1 for the first); None: every master
    (then each layout name the theme uses is on only one)."""
    scheme: dict[str, str] = field(default_factory=dict)
    """The template's colour scheme (`accent1` → hex) on that master, which `scheme:` colours
    resolve through."""
    color_map: dict[str, str] = field(default_factory=dict)
    """That master's colour map: what a slide's `tx1`, `bg1`, `tx2`, `bg2` stand for."""

    @property
    def name(self) -> str:
        return self.file.name

    @property
    def template(self) -> str:
        return self.file.template

    @property
    def layouts(self) -> dict[str, str]:
        return self.file.layouts

    @property
    def colors(self) -> dict[str, str]:
        return self.file.colors

    @property
    def fonts(self) -> Fonts:
        return self.file.fonts

    def font_file(self, face: str) -> Path:
        """The file to measure `face` (`regular`, `bold`, `italic`, `bold_italic`) with."""
        files = self.fonts.files
        if files is None:
            return PACKAGED_FONTS[face]
        return self.path(getattr(files, face))

    def measured(self, role: str) -> Measured:
        """How text in the theme's `role` font (`heading` or `body`) is measured: with the
        theme's `fonts.files` where it names them, else with the font's own files, a twin's,
        or a stand-in and a margin (`deckgen.theme.fontfiles`), looked for first in the
        project's `fonts/` folder (beside the theme, or beside its folder)."""
        font = self.fonts.heading if role == "heading" else self.fonts.body
        files = self.fonts.files
        if files is not None:
            named = {face: self.path(path) for face, path in files.named().items()}
            return Measured(font, named, font, "theme")
        return self.measured_font(font)

    def measured_font(self, font: str) -> Measured:
        """How text in `font` is measured, the theme's files aside (`deckgen.theme.fontfiles`):
        for a font a template's style names of its own."""
        return measured(font, (self.folder / "fonts", self.folder.parent / "fonts"))

    @property
    def emphasis(self) -> dict[str, TextStyle]:
        return self.file.emphasis

    @property
    def logo(self) -> str:
        return self.file.logo

    @property
    def footer(self) -> Footer:
        return self.file.footer

    def dump(self) -> Any:
        """The theme's settings as plain values, for hashing."""
        return dump(self.file)

    def locate(self, *path: str) -> Location:
        """Where `path` (e.g. `"layouts", "section"`) is written in the theme file."""
        if self.doc is None:
            return Location(self.folder)
        return self.doc.locate(path)

    def path(self, relative: str) -> Path:
        """A path named in the theme, resolved against the theme's folder."""
        return self.folder / relative

    @property
    def template_path(self) -> Path:
        return self.path(self.template)

    def input_files(self) -> tuple[Path, ...]:
        """The files whose bytes decide how a deck in this theme looks or is measured: its
        template, logo and font files."""
        named = self.fonts.files.named() if self.fonts.files else {}
        files = [self.template_path, *(self.path(relative) for relative in named.values())]
        return (*files, self.path(self.logo)) if self.logo else tuple(files)

    def boxes_for(self, role: str) -> dict[str, tuple[int, int, int, int]]:
        """Where `role`'s slides draw their `title` and `body` text (EMU), where the theme
        places them; empty: the layout's own boxes."""
        return {kind: box.emu() for kind, box in self.file.boxes.get(role, {}).items()}

    def layout_name(self, role: str) -> str:
        """The template layout's name for `role`."""
        return self.layouts[role]

    def color(self, role: str) -> str:
        """The hex colour for `role` (a `scheme:` colour as the template's scheme has it)."""
        value = self.colors[role]
        if value.startswith(SCHEME_PREFIX):
            return self.scheme[value.removeprefix(SCHEME_PREFIX)]
        return value

    def written_color(self, role: str) -> str:
        """The colour for `role` as the deck writes it: hex, or `scheme:accent1`, which the
        renderer writes as a reference to the template's scheme.

        A slide names dk1, lt1, dk2 and lt2 through its master's colour map (`tx2` for dk2).
        Where the master maps them otherwise (Google Slides' `tx2` is lt2; a dark design swaps
        `tx1` and `bg1`), the colour is written by the slide name that reaches it
        (`scheme:bg2`), or as hex if none does: what the slide shows is what the theme says."""
        value = self.colors[role]
        name = value.removeprefix(SCHEME_PREFIX)
        if not value.startswith(SCHEME_PREFIX) or name not in _SLIDE_NAMES or not self.color_map:
            return value
        standard = _SLIDE_NAMES[name]
        if self.color_map.get(standard, name) == name:
            return value  # written `tx2`, as PowerPoint writes dk2
        other = next((key for key, slot in self.color_map.items() if slot == name), None)
        return SCHEME_PREFIX + other if other else self.scheme.get(name, value)

    def text_colors_for(self, role: str) -> dict[str, str]:
        """The colours (as the deck writes them) for the text of the title and the text
        placeholders on a slide of the layout role `role`; a kind left out keeps the
        template's own."""
        found = {}
        for kind in TEXT_KINDS:
            name = self.file.text_colors.get(f"{role}.{kind}") or self.file.text_colors.get(kind)
            if name:
                found[kind] = self.written_color(name)
        return found

    def text_panels_for(self, role: str) -> dict[str, tuple[str, int]]:
        """The panels (colour as the deck writes it, opacity in per cent) behind the title
        and the text placeholders on a slide of the layout role `role`, by kind."""
        found = {}
        for kind in TEXT_KINDS:
            panel = self.file.text_panels.get(f"{role}.{kind}") or self.file.text_panels.get(kind)
            if panel is not None:
                found[kind] = (self.written_color(panel.color), panel.opacity)
        return found

    def style(self, emphasis: str) -> TextStyle:
        """The look of an emphasis role; plain text if the theme does not say."""
        return self.emphasis.get(emphasis, TextStyle())


def load_theme(path: Path | None = None) -> Theme:
    """Read and check a theme file; the default theme when `path` is None."""
    # Wording problems knows every block kind: loaded on reading a theme, not on importing this.
    from deckgen.wording import problems_from

    path = path or DEFAULT_THEME
    doc = read_yaml(path)
    if not isinstance(doc.data, dict):
        raise DeckgenError(_("a theme file must be a mapping"), Location(path, 1, 1))
    try:
        theme = Theme(convert(doc.data, ThemeFile), path.parent, doc)
    except Invalid as exc:
        raise InvalidInput(problems_from(exc.errors, doc, model=ThemeFile)) from None
    _check_references(theme, doc)
    checked = check_against_template(theme)
    if checked.problems:
        raise InvalidInput(checked.problems)
    return replace(theme, master=checked.master, scheme=checked.scheme, color_map=checked.color_map)


def _is_text_key(key: str) -> bool:
    """Whether `key` of `text_colors` or `text_panels` names text a theme can colour or put a
    panel behind: `title` or `body`, alone or after a layout role (`section.title`)."""
    role, _dot, kind = key.rpartition(".")
    return kind in TEXT_KINDS and (not role or role in required_layout_roles())


def _check_references(theme: Theme, doc: YamlDoc) -> None:
    problems: list[tuple[tuple[str, ...], str] | tuple[tuple[str, ...], str, str]] = []
    for role in required_layout_roles():
        if role not in theme.layouts:
            message = _("layouts: no layout named for role {role}").format(role=repr(role))
            problems.append((("layouts",), message, _layouts_hint(theme, role)))
    for role in COLOR_ROLES:
        if role not in theme.colors:
            problems.append(
                (("colors",), _("colors: no colour for role {role}").format(role=repr(role)))
            )
    for name, style in theme.emphasis.items():
        if name not in EMPHASIS_ROLES:
            problems.append(
                (
                    ("emphasis", name),
                    _("emphasis: unknown role {name}; use {roles}").format(
                        name=repr(name), roles=EMPHASIS_ROLES
                    ),
                )
            )
        if style.color and style.color not in theme.colors:
            problems.append(
                (
                    ("emphasis", name, "color"),
                    _("emphasis.{name}: unknown colour {colour}").format(
                        name=name, colour=repr(style.color)
                    ),
                )
            )
    if theme.footer.color and theme.footer.color not in theme.colors:
        problems.append(
            (
                ("footer", "color"),
                _("footer.color: unknown colour {colour}").format(colour=repr(theme.footer.color)),
            )
        )
    if theme.footer.number_color and theme.footer.number_color not in theme.colors:
        problems.append(
            (
                ("footer", "number_color"),
                _("footer.number_color: unknown colour {colour}").format(
                    colour=repr(theme.footer.number_color)
                ),
            )
        )
    for key, colour in theme.file.text_colors.items():
        if not _is_text_key(key):
            problems.append(
                (
                    ("text_colors", key),
                    _(
                        "text_colors: unknown key {key}; use title, body or a layout role "
                        "and one of them, e.g. section.title"
                    ).format(key=repr(key)),
                )
            )
        elif colour not in theme.colors:
            problems.append(
                (
                    ("text_colors", key),
                    _("text_colors.{key}: unknown colour {colour}").format(
                        key=key, colour=repr(colour)
                    ),
                )
            )
    for key, panel in theme.file.text_panels.items():
        if not _is_text_key(key):
            problems.append(
                (
                    ("text_panels", key),
                    _(
                        "text_panels: unknown key {key}; use title, body or a layout role "
                        "and one of them, e.g. content.body"
                    ).format(key=repr(key)),
                )
            )
        elif panel.color not in theme.colors:
            problems.append(
                (
                    ("text_panels", key, "color"),
                    _("text_panels.{key}: unknown colour {colour}").format(
                        key=key, colour=repr(panel.color)
                    ),
                )
            )
    for role, placed in theme.file.boxes.items():
        if role not in required_layout_roles():
            problems.append(
                (
                    ("boxes", role),
                    _("boxes: unknown layout role {role}; use {roles}").format(
                        role=repr(role), roles=", ".join(required_layout_roles())
                    ),
                )
            )
            continue
        for kind in placed:
            if kind not in BOX_KINDS:
                problems.append(
                    (
                        ("boxes", role, kind),
                        _("boxes.{role}: unknown box {kind}; use title or body").format(
                            role=role, kind=repr(kind)
                        ),
                    )
                )
    for role in theme.footer.skip:
        if role not in LAYOUT_ROLES:
            problems.append(
                (
                    ("footer", "skip"),
                    _("footer.skip: unknown layout role {role}; use {roles}").format(
                        role=repr(role), roles=LAYOUT_ROLES
                    ),
                )
            )
    located = [Problem(doc.locate(path), *words) for path, *words in problems]
    located += [
        Problem(doc.locate(path), message, hint) for path, message, hint in _path_problems(theme)
    ]
    if located:
        raise InvalidInput(located)


def required_layout_roles() -> tuple[str, ...]:
    """Every layout role a theme must name: the standard ones, and any a block kind uses."""
    from deckgen.blocks import BLOCK_KINDS  # the kinds load on reading a theme, not importing

    extra = sorted({kind.layout_role for kind in BLOCK_KINDS} - set(LAYOUT_ROLES))
    return (*LAYOUT_ROLES, *extra)


def _layouts_hint(theme: Theme, role: str) -> str:
    """What to write for a missing role: one of the template's layouts, by name."""
    names = template_layout_names(theme.template_path)
    if not names:
        return _("add `{role}:` under `layouts:` with the name of a layout in the template").format(
            role=role
        )
    listed = ", ".join(repr(name) for name in names)
    return _("add `{role}:` under `layouts:` with one of the template's layouts: {listed}").format(
        role=role, listed=listed
    )


_MACRO_SUFFIXES = (".pptm", ".potm", ".ppsm", ".ppam")
_MAX_FONT_BYTES = 50 * 1024 * 1024


def _path_problems(theme: Theme) -> list[tuple[tuple[str, ...], str, str]]:
    """The template, logo and font files the theme names, each a regular file of its kind.

    Each problem is placed at the theme's line that names the file: that is what to change."""
    files: list[tuple[tuple[str, ...], str, str]] = [
        (("template",), theme.template, _("a .pptx or .potx template"))
    ]
    if theme.logo:
        files.append((("logo",), theme.logo, _("a picture")))
    named = theme.fonts.files.named() if theme.fonts.files else {}
    for face, relative in named.items():
        files.append((("fonts", "files", face), relative, _("a .ttf or .otf font file")))
    problems: list[tuple[tuple[str, ...], str, str]] = []
    for key, relative, kind in files:
        name = ".".join(key)
        hint = _("point `{key}:` at {kind}; the path is relative to the theme file").format(
            key=key[-1], kind=kind
        )
        path = theme.path(relative)
        wrong = _not_a_file(path, theme.doc.path if theme.doc else None)
        if wrong is None and key == ("template",) and path.suffix.lower() in _MACRO_SUFFIXES:
            wrong = _("is a presentation with macros")
            hint = _("deckgen does not use templates with macros: save it as .potx or .pptx")
        if wrong is None and key[0] == "fonts":
            wrong = _not_a_font(path)
        if wrong is None and key == ("logo",):
            # The picture's own words name the file: "logo.png is a PDF document, …".
            unusable, hint = _not_a_picture(path, hint)
            if unusable is not None:
                problems.append((key, f"{name}: {unusable}", hint))
                continue
        if wrong is not None:
            problems.append((key, f"{name}: {relative!r} {wrong}", hint))
    return problems


def _not_a_file(path: Path, theme_file: Path | None) -> str | None:
    """What is wrong with `path` as a file to read, or None if it is a regular file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return _("not found next to the theme")
    except OSError as exc:
        return _("cannot be read: {reason}").format(reason=exc.strerror)
    except ValueError:
        return _("is not a file name (it holds a NUL character)")
    if stat.S_ISDIR(mode):
        return _("is a folder")
    if not stat.S_ISREG(mode):
        return _("is {kind}, not a regular file").format(kind=kind_of(mode))
    if theme_file is not None and path.resolve() == theme_file.resolve():
        return _("is this theme file itself")
    return None


def _not_a_picture(path: Path, hint: str) -> tuple[str | None, str]:
    """Why the logo at `path` is no picture for a slide, judged by its bytes as every picture
    is (`deckgen.assets`: its format, its size in pixels), and what to do; None if it is one."""
    from deckgen.assets import AssetError, prepare_image

    try:
        prepare_image(path)
    except AssetError as exc:
        return exc.problem.message, exc.problem.hint or hint
    return None, hint


def _not_a_font(path: Path) -> str | None:
    """Why FreeType cannot measure with the file at `path`, or None if it can."""
    stat_result = path.stat()
    if stat_result.st_size > _MAX_FONT_BYTES:
        return _("is over {size:.0f} MB, too large to be a font file").format(
            size=_MAX_FONT_BYTES / 1e6
        )
    return _font_error(path, stamp(stat_result))


@lru_cache(maxsize=64)
def _font_error(path: Path, version: tuple[int, ...]) -> str | None:
    # The file's stamp (with its change time) is part of the key, so a file swapped for
    # another of the same size and modification time (`cp -p`) is tried again.
    from deckgen.measure import freetype_reads

    return None if freetype_reads(path) else _("is not a font file FreeType can read")
