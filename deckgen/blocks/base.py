"""What every block kind shares: common fields, and the canvas a block renders onto."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

from msgspec import Struct

from deckgen.fields import DRAFT, RETIRED, BlockId, BlockStatus, OptionalText, Tag
from deckgen.geometry import Box, SizeRange
from deckgen.marks import Direction, Line, Look, Outline
from deckgen.record import Record
from deckgen.text import Paragraph


class SourceContext(Struct, frozen=True):
    """Where a block was written, for kinds that refer to files (pictures)."""

    folder: Path
    """Folder of the YAML file that wrote the block; relative paths start here."""
    root: Path
    """The project folder; no path may lead outside it."""


class FieldProblem(Struct, frozen=True):
    """A problem with one field of a block, found after validation (e.g. a missing picture)."""

    path: tuple[str | int, ...]
    """The field, as a path below the block, e.g. `("file",)`."""
    message: str
    hint: str = ""


class SlideReuse(Struct, frozen=True):
    """A slide of another presentation to put on the canvas as it is (the `slide` kind)."""

    path: Path
    """The presentation, already checked to be inside the project and safe to read."""
    number: int
    """Which of its slides, from 1."""
    layout: str
    """The name of that slide's layout, looked for among the theme's layouts."""
    keep_source: bool
    """Bring the slide's own layout and master instead of using the theme's."""
    title: str = ""
    """Text that replaces the slide's title; "" keeps it."""
    alt_by_name: tuple[tuple[str, str], ...] = ()
    """Alt text for shapes of the slide, by the shape's name."""
    alt_in_order: tuple[str, ...] = ()
    """Alt text for the slide's pictures, charts, diagrams and groups, in their order."""


class ShapePainter(Protocol):
    """Draws native shapes on a slide: cards of text, arrows, pictures, and groups of them.

    The renderer's `deckgen.render.shapes.Painter` is the one implementation; blocks reach it
    through `Canvas.painter()`, so they never import the renderer (nor python-pptx).
    """

    min_size: float
    """The smallest readable text size, in drawing points (18)."""

    def area(self) -> Box:
        """The free area under the title, in drawing units: EMU on a slide of the standard
        19.05 cm height, which the painter scales to the slide's own when it draws."""
        ...

    def actual(self, box: Box) -> Box:
        """`box` (drawing units) in the slide's own EMU, e.g. for `Canvas.fill`."""
        ...

    def fitted_size(
        self,
        cards: Iterable[tuple[Sequence[Line], Box, Outline]],
        sizes: SizeRange,
        *,
        quiet: bool = False,
    ) -> float:
        """The largest size in `sizes` at which the text of every card fits its box; `quiet`
        for a trial that warns of nothing."""
        ...

    def cards(
        self,
        cards: Sequence[tuple[Box, Look, Sequence[Line], str]],
        outline: Outline,
        sizes: SizeRange,
        *,
        quiet: bool = False,
    ) -> list[Any]:
        """Draw cards (box, look, lines, name) with one text size that fits them all; `quiet`
        when that size was fitted, and warned of, before."""
        ...

    def fitted_card(
        self,
        box: Box,
        outline: Outline,
        look: Look,
        lines: Sequence[Line],
        sizes: SizeRange,
        name: str,
    ) -> tuple[Any, float]:
        """Draw one card at the largest size that fits; the shape and that size."""
        ...

    def text_height(self, lines: Sequence[Line], box: Box, outline: Outline, size: float) -> int:
        """How tall (EMU) `lines` stand in a card of `box`'s width at `size` points."""
        ...

    def arrow(self, box: Box, direction: Direction, fill: str, name: str) -> Any:
        """Draw a block arrow filled with the colour role `fill`."""
        ...

    def picture(
        self,
        data: bytes,
        box: Box,
        name: str,
        alt_text: str | None,
        *,
        crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
        link: str | None = None,
    ) -> Any:
        """Place a picture in `box`; `alt_text` None marks it decorative."""
        ...

    def placeholder_box(self, slot: str) -> Box | None:
        """The box of the layout's unused placeholder for `slot`, if it has one."""
        ...

    def group(self, members: Sequence[Any], name: str, alt_text: str) -> Any:
        """Group `members` as one shape with `alt_text`."""
        ...


class ThemeColors(Protocol):
    """What a block may ask of the theme it is drawn in (a `deckgen.theme.Theme`)."""

    def color(self, role: str) -> str:
        """The hex colour for `role` (`text`, `background`, `accent`, …)."""
        ...


class Canvas(Protocol):
    """The slide a block draws on: placeholders by slot, plus the theme for look-ups."""

    source: SourceContext

    @property
    def theme(self) -> ThemeColors:
        """The theme the slide is drawn in."""
        ...

    @property
    def shapes(self) -> Any:
        """The slide's python-pptx shape tree, for kinds that draw native shapes."""
        ...

    def content_box(self) -> tuple[int, int, int, int]:
        """Left, top, width, height (EMU) of the free area under the title."""
        ...

    def fill(self, slot: str, paragraphs: Sequence[Paragraph], box: Box | None = None) -> None:
        """Put `paragraphs` into the layout's placeholder for `slot` (title, body, caption…);
        `box` moves the placeholder there on this slide."""
        ...

    def find(self, slot: str) -> Any | None:
        """The layout's unused placeholder for `slot`, or None."""
        ...

    def tighten_title(self) -> bool:
        """Make the filled title only as tall as its text needs, so `content_box` (and the
        painter's area) grows by the room it did not use; whether it gained any."""
        ...

    def warn(self, message: str, hint: str = "") -> None:
        """Report a problem worth a warning, located at the block."""
        ...

    def painter(self) -> ShapePainter:
        """A painter for native shapes on this slide."""
        ...

    def qr_code(self, data: str, dark: str, light: str) -> bytes:
        """A PNG of a QR code for `data` in the hex colours `dark` on `light`."""
        ...

    def reuse_slide(self, reuse: SlideReuse) -> None:
        """Make this slide a copy of a slide of another presentation, variables filled in."""
        ...


class BlockBase(Record, tag_field="kind"):
    """Fields every block has; each kind adds its own and a `render`.

    A kind is a subclass declared with `tag="<kind>"`: the YAML `kind:` value picks it.
    """

    id: BlockId
    """Unique id that decks use to pick the block, e.g. `vejen-videre`."""
    notes: OptionalText = ""
    """Speaker notes: what the director says on this slide."""
    tags: list[Tag] = []
    """Words to find the block by, e.g. `[aktørskab, dialog]`."""
    author: OptionalText = ""
    """Whose block this is: a director's profile id (e.g. `lars-kjaergaard`). On a visit,
    `{{ direktør }}` and `{{ direktør_titel }}` in it name this director, whoever visits."""
    status: BlockStatus | None = None
    """Where the block stands: `kladde` (a draft: shown to communication only, never offered
    to the secretaries or put into a visit) or `udgået` (retired: no longer offered, still
    builds the visits made with it). Left out: the block is in use."""

    layout_role: ClassVar[str] = "content"
    """Which of the theme's layouts this kind uses."""
    example: ClassVar[dict[str, Any]]
    """A small valid block of this kind (its YAML values, without `id` and `kind`): every kind
    declares one, and the property tests build and vary it."""
    slots: ClassVar[tuple[str, ...]] = ("title", "body")
    """The placeholders this kind fills (`canvas.fill`), which its role's layout must have."""
    json_rules: ClassVar[dict[str, Any]] = {}
    """The kind's rules across fields in JSON Schema (draft-07: `if`/`then`, `anyOf`), added
    to its schema so that an editor judges a block as `__post_init__` does."""
    cacheable: ClassVar[bool] = True
    """Whether a tour may copy this kind's drawn slide to another deck with the same fields;
    not when the slide also depends on files and the deck's variables (`slide`)."""

    @property
    def kind(self) -> str:
        """The YAML `kind:` value of this block."""
        return str(type(self).__struct_config__.tag)

    @property
    def draft(self) -> bool:
        """Whether the block is a draft (`status: kladde`), for communication's eyes only."""
        return self.status == DRAFT

    @property
    def retired(self) -> bool:
        """Whether the block is retired (`status: udgået`): kept for the visits made with it."""
        return self.status == RETIRED

    @property
    def offered(self) -> bool:
        """Whether the secretaries are offered the block for new visits."""
        return self.status is None

    @property
    def heading(self) -> str:
        """The line that names this block in listings; by default its title."""
        return str(getattr(self, "title", "") or self.id)

    def check_sources(self, source: SourceContext) -> list[FieldProblem]:
        """Problems with the files this block refers to; kinds without files have none."""
        return []

    def source_files(self, source: SourceContext) -> tuple[Path, ...]:
        """Files whose content the drawn slide carries as it is, beyond its fields (a reused
        slide's presentation): their hashes are inputs of the deck's provenance."""
        return ()

    def render(self, canvas: Canvas) -> None:
        """Draw this block onto `canvas`."""
        raise NotImplementedError
