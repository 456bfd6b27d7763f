"""A slide of another presentation, reused as it was designed: an organisation chart, a table,
a chart, a slide from a director's own deck that no other kind can describe."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, ClassVar, Literal

from deckgen.assets import AssetError, on_disk, resolve_asset
from deckgen.blocks.base import BlockBase, Canvas, FieldProblem, SlideReuse, SourceContext
from deckgen.errors import closest, did_you_mean
from deckgen.fields import OptionalText, Text
from deckgen.i18n import _, ngettext
from deckgen.ooxml import DECK_HINTS, UnsafePackage
from deckgen.ooxml.slides import SlideFile, SourceSlide, read_slide_file


class SlideError(Exception):
    """A `slide` block whose file or slide cannot be used: the field at fault, in words."""

    def __init__(self, field: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.problem = FieldProblem((field,), message, hint)


class Slide(BlockBase, tag="slide", kw_only=True):
    """One slide of a .pptx, copied with its shapes, groups, tables, charts (with their data),
    pictures, links and speaker notes.

    `keep: theme` puts it on the theme's layout of the same name, so it takes the theme's
    look; `keep: source` brings its own layout and master, so it looks exactly as before.
    """

    example: ClassVar[dict[str, Any]] = {"file": "dias.pptx", "slide": 1}
    """A small valid block of this kind (its YAML values), for the property tests."""

    file: Text
    """The presentation (.pptx), relative to this YAML file; it must be inside the project,
    e.g. `../../assets/slides/organisation.pptx`."""
    slide: int | Text
    """Which slide: its title (stays right when slides move), e.g. `Organisationen`, or its
    number, from 1."""
    keep: Literal["theme", "source"] = "theme"
    """`theme`: on the theme's layout of the same name, in the theme's look; `source`: with
    its own layout and master, exactly as it looked."""
    title: OptionalText = ""
    """Replaces the text of the slide's title, if given."""
    alt_text: dict[str, Text] | list[Text] = {}
    """Alt text for the slide's pictures, charts and diagrams, which `deckgen check` asks
    for: by the shape's name, as PowerPoint's Selection Pane shows it, e.g.
    `{Chart 3: Søjlediagram over sager pr. år}`; or in the order they are on the slide, e.g.
    `[Søjlediagram over sager pr. år, Foto af rådhuset]`."""

    layout_role: ClassVar[str] = "title_only"
    """Where the slide goes when the theme has no layout of its layout's name."""
    slots: ClassVar[tuple[str, ...]] = ("title",)
    cacheable: ClassVar[bool] = False

    @property
    def heading(self) -> str:
        return self.title or f"{Path(self.file).name} · {self.slide}"

    def check_sources(self, source: SourceContext) -> list[FieldProblem]:
        try:
            path, chosen = self.chosen(source)
        except SlideError as exc:
            return [exc.problem]
        if not isinstance(self.alt_text, dict):
            return []
        names = read_slide_file(path).shape_names(chosen)
        return [
            FieldProblem(
                ("alt_text", name),
                _("the slide has no shape named {name}").format(name=repr(name)),
                _("its shapes are: {names}").format(names=", ".join(map(repr, names))),
            )
            for name in self.alt_text
            if name not in names
        ]

    def source_files(self, source: SourceContext) -> tuple[Path, ...]:
        try:
            return (self._path(source),)
        except SlideError:  # reported by `check_sources`; nothing to hash
            return ()

    def render(self, canvas: Canvas) -> None:
        path, chosen = self.chosen(canvas.source)
        named = self.alt_text if isinstance(self.alt_text, dict) else {}
        canvas.reuse_slide(
            SlideReuse(
                path,
                chosen.number,
                chosen.layout,
                self.keep == "source",
                self.title,
                tuple(named.items()),
                tuple(self.alt_text) if isinstance(self.alt_text, list) else (),
            )
        )

    def chosen(self, source: SourceContext) -> tuple[Path, SourceSlide]:
        """The file and the slide this block names; `SlideError` if either cannot be used."""
        path = self._path(source)
        try:
            found = read_slide_file(path)
        except UnsafePackage as exc:
            raise SlideError("file", exc.problem.message, exc.problem.hint) from None
        matches = found.find(self.slide)
        if not matches:
            raise SlideError("slide", *self._not_found(found))
        if len(matches) > 1:
            numbers = ", ".join(str(match.number) for match in matches)
            raise SlideError(
                "slide",
                _("the presentation has {count} slides titled {title}: slides {numbers}").format(
                    count=len(matches), title=repr(matches[0].title), numbers=numbers
                ),
                _(
                    "choose one by its number (slide: {number}), or give the slides different "
                    "titles in PowerPoint"
                ).format(number=matches[0].number),
            )
        slide = matches[0]
        hazards = found.hazards_for(slide, with_layout=self.keep == "source")
        if hazards:
            first = hazards[0]
            raise SlideError(
                "file" if first.check != "package.external_link" else "slide",
                _("the slide cannot be reused: {hazard}").format(hazard=first),
                DECK_HINTS[first.check],
            )
        return path, slide

    def _path(self, source: SourceContext) -> Path:
        # `resolve_asset` speaks of pictures; what a user may get wrong about a presentation's
        # path is said here in its own words first.
        if PurePosixPath(self.file).is_absolute() or PureWindowsPath(self.file).drive:
            raise SlideError(
                "file",
                _(
                    "{written} is an absolute path; the presentation must be inside the project"
                ).format(written=repr(self.file)),
                _("write the path relative to this YAML file, e.g. ../../assets/slides/a.pptx"),
            )
        try:
            written = on_disk((source.folder / self.file).resolve()).resolve()
        except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop of links
            raise SlideError(
                "file",
                _("{written} is a symbolic link that leads round in a loop").format(
                    written=repr(self.file)
                ),
                _("point the link at the presentation file itself"),
            ) from None
        root = source.root.resolve()
        if not written.is_relative_to(root):
            raise SlideError(
                "file",
                _("{written} leads outside the project ({root})").format(
                    written=repr(self.file), root=root
                ),
                _("copy the presentation into the project's assets/ folder and point there"),
            )
        if written.is_dir():
            raise SlideError(
                "file",
                _("{written} is a folder, not a presentation").format(written=repr(self.file)),
                _("name the .pptx file"),
            )
        if not written.exists():
            raise SlideError(
                "file",
                _("presentation {written} not found (looked for {path})").format(
                    written=repr(self.file), path=written
                ),
                _("check the spelling; the path is relative to this YAML file"),
            )
        try:
            return resolve_asset(self.file, source.folder, source.root)
        except AssetError as exc:
            raise SlideError("file", exc.problem.message, exc.problem.hint) from None

    def _not_found(self, found: SlideFile) -> tuple[str, str]:
        titles = [slide.title for slide in found.slides if slide.title]
        listed = ", ".join(f"{slide.number}: {slide.title!r}" for slide in found.slides)
        number = str(self.slide).strip()
        if number.isascii() and number.isdigit():
            count = len(found.slides)
            message = ngettext(
                "the presentation has {count} slide; there is no slide {number}",
                "the presentation has {count} slides; there is no slide {number}",
                count,
            ).format(count=count, number=number)
        else:
            message = _("the presentation has no slide titled {title}").format(
                title=repr(self.slide)
            )
            near = closest(str(self.slide), titles, cutoff=0.5)
            if near is not None:
                message += " — " + did_you_mean(near)
        hint = _("its slides are: {slides}").format(slides=listed or _("none"))
        return message, hint
