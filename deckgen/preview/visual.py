"""Approved renders, for visual regression: `deckgen render decks/ --approve` makes a deck's
slides, as LibreOffice renders them, its approved renders.

A project's approved renders live beside its decks, small (`REFERENCE_WIDTH` pixels wide), as
`decks/approved/<deck>/01.png`, `02.png`, … (`deckgen.project.APPROVED_DIR`);
`deckgen render decks/ --approve` writes them after a deliberate change and
`deckgen render decks/ --compare` holds new renders against them (CI, for the live library; the
tests hold their frozen sample project's against its own). A slide has changed when more than
`CHANGED_SHARE` of its pixels differ by more than `PIXEL_TOLERANCE` in some colour channel:
anti-aliasing noise stays under that, a moved or reworded line does not. Each changed slide
gets a diff picture: the approved slide, the new one, and the new one with every changed pixel
in red.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

from deckgen.errors import DeckgenError, Location
from deckgen.i18n import _, decimal
from deckgen.preview.render import pdf_to_pngs

REFERENCE_WIDTH = 320
PIXEL_TOLERANCE = 40
"""A pixel has changed when a colour channel differs by more than this (of 255)."""
CHANGED_SHARE = 0.002
"""A slide has changed when more than this share of its pixels has (0.2 %: about 115 pixels
of a 320 × 180 slide, a short word)."""
_MARK = (220, 30, 30)


@dataclass(frozen=True)
class SlideChange:
    """A slide that no longer looks as approved."""

    number: int
    """The slide's number; 0 for the deck as a whole."""
    message: str
    diff: Path | None = None

    def __str__(self) -> str:
        where = " " + _("(see {file})").format(file=self.diff) if self.diff else ""
        slide = _("slide {number}").format(number=self.number) + ": " if self.number else ""
        return f"{slide}{self.message}{where}"


def changed_share(approved: Image.Image, rendered: Image.Image) -> float:
    """The share of pixels that differ by more than the tolerance (1.0 if sizes differ)."""
    if approved.size != rendered.size:
        return 1.0
    difference = ImageChops.difference(approved.convert("RGB"), rendered.convert("RGB"))
    strongest = difference.split()
    channel_max = ImageChops.lighter(ImageChops.lighter(strongest[0], strongest[1]), strongest[2])
    changed = channel_max.point(lambda value: 255 if value > PIXEL_TOLERANCE else 0)
    return changed.histogram()[255] / (approved.width * approved.height)


def diff_picture(approved: Image.Image, rendered: Image.Image) -> Image.Image:
    """Approved | rendered | rendered, faded, with the changed pixels in red."""
    approved, rendered = approved.convert("RGB"), rendered.convert("RGB")
    if rendered.size != approved.size:
        rendered = rendered.resize(approved.size)
    difference = ImageChops.difference(approved, rendered).convert("L")
    mask = difference.point(lambda value: 255 if value > PIXEL_TOLERANCE // 2 else 0)
    faded = Image.blend(rendered, Image.new("RGB", rendered.size, "white"), 0.6)
    marked = Image.composite(Image.new("RGB", rendered.size, _MARK), faded, mask)
    width, height = approved.size
    sheet = Image.new("RGB", (3 * width + 20, height), "white")
    for index, picture in enumerate((approved, rendered, marked)):
        sheet.paste(picture, (index * (width + 10), 0))
    return sheet


def compare_slides(
    approved: Sequence[Path], rendered: Sequence[Path], diff_folder: Path
) -> list[SlideChange]:
    """Slides of `rendered` that differ from `approved`, each with a diff picture written to
    `diff_folder`; a different slide count is a change too."""
    changes = []
    if len(approved) != len(rendered):
        changes.append(
            SlideChange(
                0,
                _("{rendered} slides rendered, {approved} approved").format(
                    rendered=len(rendered), approved=len(approved)
                ),
            )
        )
    for number, (old_path, new_path) in enumerate(zip(approved, rendered, strict=False), 1):
        with Image.open(old_path) as old, Image.open(new_path) as new:
            share = changed_share(old, new)
            if share <= CHANGED_SHARE:
                continue
            diff_folder.mkdir(parents=True, exist_ok=True)
            target = diff_folder / f"{number:02d}.png"
            diff_picture(old, new).save(target)
        # The per cent sign comes on its own: "{share}% of" reads to gettext's tools as an
        # old-style "% o" placeholder, which Danish ("{share} % af") could not match.
        percent = _("{number}%").format(number=decimal(100 * share))
        changed = _("{share} of the pixels changed").format(share=percent)
        changes.append(SlideChange(number, changed, target))
    return changes


def approved_slides(deck_name: str, root: Path) -> list[Path]:
    """The approved renders of the deck called `deck_name`, in slide order."""
    return sorted((root / deck_name).glob("[0-9]*.png"))


def approve(pdf: Path, deck_name: str, root: Path) -> list[Path]:
    """Make the slides of `pdf` the approved renders of `deck_name` in `root` (older ones
    removed)."""
    if not root.parent.is_dir():
        raise DeckgenError(
            _("there is no {parent} folder here for approved renders").format(parent=root.parent),
            Location(Path.cwd()),
            _("run the command from the project's root folder"),
        )
    return pdf_to_pngs(pdf, root / deck_name, REFERENCE_WIDTH)


def compare_with_approved(pdf: Path, deck_name: str, root: Path, work: Path) -> list[SlideChange]:
    """How the slides of `pdf` differ from the approved renders of `deck_name` in `root`
    (diff pictures in `work/diff`); no approved renders at all is a change too."""
    approved = approved_slides(deck_name, root)
    if not approved:
        return [
            SlideChange(
                0,
                _("no approved renders in {folder}").format(folder=root / deck_name),
            )
        ]
    rendered = pdf_to_pngs(pdf, work / "slides", REFERENCE_WIDTH)
    return compare_slides(approved, rendered, work / "diff")
