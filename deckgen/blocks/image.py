"""A picture with its title, caption and credit, fitted to its frame without distortion."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Literal

from deckgen.assets import AssetError, PreparedImage, prepare_image, resolve_asset
from deckgen.blocks.base import BlockBase, Canvas, FieldProblem, SourceContext
from deckgen.blocks.fields import OptionalText, Text
from deckgen.geometry import fill_crop, fitted_picture, picture_over_caption
from deckgen.i18n import _
from deckgen.text import Emphasis, Paragraph, Run, plain


class Image(BlockBase, tag="image", kw_only=True):
    """A picture slide: the picture fitted (whole) or filling its frame (cropped), with alt text.

    The file is read through Pillow and saved again as a clean PNG or JPEG: turned upright,
    scaled to a sensible size, without metadata such as a photo's GPS position.
    """

    example: ClassVar[dict[str, Any]] = {"title": "T", "file": "billede.png", "alt_text": "A"}
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: Text
    """The slide's title."""
    file: Text
    """The picture file (PNG, JPEG, GIF, BMP or TIFF), relative to this YAML file; it must be
    inside the project, e.g. `../../assets/pictures/figur.png`."""
    mode: Literal["fit", "fill"] = "fit"
    """`fit` shows the whole picture in the frame; `fill` fills the frame, cropping the edges."""
    alt_text: OptionalText = ""
    """What the picture shows, for people who cannot see it; required unless decorative."""
    decorative: bool = False
    """`true` for a picture that only decorates: screen readers skip it, no alt text needed."""
    caption: OptionalText = ""
    """A line under the picture, e.g. what it shows."""
    credit: OptionalText = ""
    """Who made the picture, e.g. `Foto: Møllerup Kommune`."""

    layout_role: ClassVar[str] = "picture"

    def __post_init__(self) -> None:
        # Rules across fields, checked once every field is right on its own.
        if self.decorative and self.alt_text:
            raise ValueError(_("a decorative picture has no alt text; remove one of the two"))
        if not self.decorative and not self.alt_text:
            raise ValueError(
                _(
                    "`alt_text` is required: say what the picture shows for someone "
                    "who cannot see it, or set `decorative: true` if it only "
                    "decorates"
                )
            )

    def check_sources(self, source: SourceContext) -> list[FieldProblem]:
        try:
            self._picture(source)
        except AssetError as exc:
            return [FieldProblem(("file",), exc.problem.message, exc.problem.hint)]
        return []

    def render(self, canvas: Canvas) -> None:

        canvas.fill("title", [plain(self.title)])
        picture = self._picture(canvas.source)
        paint = canvas.painter()
        runs = [Run(self.caption)] if self.caption else []
        if self.credit:
            runs += [Run(" · ")] if runs else []
            runs.append(Run(self.credit, Emphasis.SOURCE))
        frame = paint.placeholder_box("picture")
        caption_box = None
        if frame is None and runs:
            # No frame for the picture in the layout: it shares the text area with the
            # caption, the caption under it, so the two never overlap.
            frame, caption_box = picture_over_caption(paint.placeholder_box("body") or paint.area())
        frame = frame or paint.area()
        alt = None if self.decorative else self.alt_text
        if self.mode == "fill":
            crop = fill_crop(frame, picture.aspect)
            shape = paint.picture(picture.data, frame, "Billede", alt, crop=crop)
        else:
            box = fitted_picture(frame, picture.aspect)
            shape = paint.picture(picture.data, box, "Billede", alt)
        # Screen readers follow the shape order: title, then the picture, then its caption.
        canvas.shapes.title._element.addnext(shape._element)
        if runs:
            place = paint.actual(caption_box) if caption_box else None
            canvas.fill("body", [Paragraph(tuple(runs))], place)

    def source_files(self, source: SourceContext) -> tuple[Path, ...]:
        # The picture's bytes are what the slide shows: a picture replaced under the same
        # name is a changed input of every deck showing it.
        try:
            return (resolve_asset(self.file, source.folder, source.root),)
        except AssetError:
            return ()

    def _picture(self, source: SourceContext) -> PreparedImage:
        return prepare_image(resolve_asset(self.file, source.folder, source.root))
