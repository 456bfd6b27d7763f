"""Where the parts of the drawn models go: named measurements and the layouts built from them.

Pure arithmetic on EMU (914,400 per inch), no python-pptx: each layout function takes the free
area of a slide and how many parts a block has, and returns boxes. Changing how a model looks
means changing a measurement here, not numbers inside render code.
"""

from __future__ import annotations

import math

from msgspec import Struct

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


SAME_SIZE_EMU = 3600
"""Slide sizes closer than this (0.1 mm) are the same size: PowerPoint's own 16:9 differs from
other programs' by a few hundred EMU, invisible, and both print as 33.87 × 19.05 cm."""


def same_slide_size(
    one: tuple[int | None, int | None], other: tuple[int | None, int | None]
) -> bool:
    """Whether two slide sizes (width, height in EMU) are the same, up to `SAME_SIZE_EMU`."""
    if None in one or None in other:
        return one == other
    return all(
        abs(a - b) < SAME_SIZE_EMU
        for a, b in zip(one, other, strict=True)
        if a is not None and b is not None
    )


def inches(value: float) -> int:
    """`value` inches in whole EMU."""
    return round(value * EMU_PER_INCH)


class SizeRange(Struct, frozen=True):
    """The largest font size a text may have, and the smallest it may shrink to fit."""

    largest: float
    smallest: float

    def capped(self, size: float) -> SizeRange:
        """This range with nothing above `size` (but never below the smallest)."""
        return SizeRange(max(self.smallest, min(self.largest, size)), self.smallest)


class Box(Struct, frozen=True):
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def centre_x(self) -> int:
        return self.left + self.width // 2

    @property
    def centre_y(self) -> int:
        return self.top + self.height // 2

    def centred(self, width: int, height: int) -> Box:
        """A box of the given size with the same centre."""
        return Box(self.centre_x - width // 2, self.centre_y - height // 2, width, height)

    def contains(self, point: tuple[int, int]) -> bool:
        """Whether `point` (x, y) lies in the box or on its edge."""
        return self.left <= point[0] <= self.right and self.top <= point[1] <= self.bottom

    def overlaps(self, other: Box) -> bool:
        """Whether the two boxes share any area."""
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


# Text inside shapes
TEXT_INSET_X = inches(0.14)
"""Space between a shape's edge and its text, left and right."""
TEXT_INSET_Y = inches(0.07)
"""Space between a shape's edge and its text, top and bottom."""
CORNER_RADIUS = inches(0.12)
"""Rounding of rounded rectangles: small, so the cards read as cards, not pills."""
ROUND_RECT_TEXT_LOSS = 0.2929
"""PowerPoint keeps a rounded rectangle's text clear of the corners by this share of the radius."""
ELLIPSE_TEXT_SHARE = 0.7071
"""An ellipse's text area is its inscribed rectangle: cos 45° of its width and height."""
ELLIPSE_TEXT_INSET = inches(0.03)
"""The inscribed rectangle already keeps text off an ellipse's edge; little more is needed."""
MEASURE_SLACK = 0.94
"""Text is measured into this share of the width, as renderers wrap a little differently."""
ARROW_THICKNESS = inches(0.5)
"""Height of a block arrow that points sideways."""

# The vision model: a headline over stacked layers, and a centre with labels on its sides.
VISION_ROW_GAP = inches(0.16)
VISION_BAND_HEIGHT = inches(1.05)
"""A band (headline or layer) is at most this tall; with many layers they get lower."""
VISION_CENTRE_WEIGHT = 2.6
"""The centre row is this many times as tall as a band when both are on a slide."""
VISION_NARROWEST_BAND = 0.6
"""The headline's width as a share of the free width; the layers widen down to the full width,
so the model reads as a pyramid on its foundation."""
VISION_SINGLE_BAND = 0.8
"""Width share of a band that is the only one on the slide."""
VISION_CENTRE_DIAMETER = inches(3.5)
"""The centre circle is at most this wide."""
VISION_CENTRE_SHARE = 0.3
"""…and at most this share of the free width, so on a narrow (4:3) slide the labels beside it
keep room for their text at a readable size."""
VISION_SIDE_WIDTH = inches(3.3)
"""A side label is at most this wide."""
VISION_SIDE_HEIGHT = inches(1.5)
"""A side label is at most this tall."""
VISION_ARROW_LENGTH = inches(0.75)
"""Length of the arrows from the side labels to the centre."""
VISION_ARROW_GAP = inches(0.12)
"""Space on either end of an arrow between a side label and the centre."""
VISION_SHORTER_ARROWS = (inches(0.5), inches(0.3))
"""Shorter arrows, tried in turn where the labels' words do not fit at a readable size (a 4:3
slide is a quarter narrower than 16:9): the labels get the width the arrows give up."""

HEADLINE_SIZE = SizeRange(32, 20)
HIERARCHY_STEP = 2.0
"""Layers are set at least this many points smaller than the headline above them."""
LAYER_SIZE = SizeRange(26, 16)
CENTRE_SIZE = SizeRange(32, 14)
SIDE_SIZE = SizeRange(22, 14)

# The arena model: columns side by side, arrows between them, a question under them.
ARENA_ARROW_ZONE = inches(0.6)
"""Width of the gap between two arenas, which holds the arrow."""
ARENA_ARROW_MARGIN = inches(0.08)
ARENA_HEADING_HEIGHT = inches(0.72)
ARENA_HEADING_GAP = inches(0.06)
"""Space between an arena's heading and its body."""
ARENA_MIN_BODY = inches(1.6)
"""Arena bodies are never lower than this, however little they say."""
ARENA_BODY_PADDING = inches(0.25)
"""Room left under the text of the fullest arena when the bodies are shrunk to their text."""
ARENA_QUESTION_HEIGHT = inches(0.62)
ARENA_QUESTION_GAP = inches(0.16)
ARENA_TIGHT_ARROW_ZONE = inches(0.3)
"""The gap for the arrow in the tight layout, used when the text would otherwise be set below
the minimum size (a 4:3 slide is a quarter narrower than the 16:9 the model is drawn for)."""
ARENA_TIGHT_HEADING_HEIGHT = inches(0.95)
"""Headings in the tight layout: narrower columns wrap them onto two lines."""

ARENA_WIDE_MARGIN = inches(0.2)
"""The slim margin the model keeps at the slide's sides when its columns are too narrow for
their longest words at a readable size even packed tight (a 4:3 slide): it gives up the
title's indent (`widened`)."""

ARENA_HEADING_SIZE = SizeRange(22, 14)
ARENA_BODY_SIZE = SizeRange(20, 12)
QUESTION_SIZE = SizeRange(26, 16)
GROUP_SPACE_BEFORE = 0.6
"""Space above a group heading that follows another group, in multiples of the text size."""
ITEM_SPACE_BEFORE = 0.15
"""Space above a bullet, in multiples of the text size."""
BULLET_INDENT = 0.95
"""Indent of a bullet's text, in multiples of the text size."""
NARROW_BULLET_INDENT = 0.7
"""The indent in columns too narrow for their longest words (`ARENA_WIDE_MARGIN`): still
clear of the bullet, which is under half the text size wide."""

# The call to action: words on the left, a QR code on the right.
CODE_SIDE = inches(3.7)
"""The QR code is at most this wide: scannable from a few metres off a projected slide."""
CODE_GAP = inches(0.5)
"""Space between the words and the QR code."""
CTA_SIZE = SizeRange(28, 18)
QR_QUIET_ZONE = 4
"""Modules of white border around the QR code, as the standard asks."""
QR_MODULE_PIXELS = 20
"""Pixels per QR module in the picture: crisp when projected, small as a file."""


class SideLabel(Struct, frozen=True):
    """A label beside the vision's centre, and the arrow from it to the centre."""

    box: Box
    arrow: Box
    points_right: bool


class VisionLayout(Struct, frozen=True):
    """Boxes of the vision model; absent parts are None or empty."""

    headline: Box | None
    centre: Box | None
    sides: tuple[SideLabel, ...]
    layers: tuple[Box, ...]


def vision_layout(
    area: Box,
    *,
    headline: bool,
    layers: int,
    centre: bool,
    sides: int,
    arrow_length: int = VISION_ARROW_LENGTH,
) -> VisionLayout:
    """The vision model in `area`: headline band, centre row, then the layers, top down; the
    side labels' arrows `arrow_length` long."""
    bands = int(headline) + layers
    rows = bands + int(centre)
    free = area.height - (rows - 1) * VISION_ROW_GAP
    unit = free / (bands + VISION_CENTRE_WEIGHT * centre)
    band_height = round(min(VISION_BAND_HEIGHT, unit))
    widest = min(VISION_CENTRE_DIAMETER, round(area.width * VISION_CENTRE_SHARE))
    centre_height = min(free - bands * band_height, widest) if centre else 0
    used = bands * band_height + centre_height + (rows - 1) * VISION_ROW_GAP
    top = area.top + (area.height - used) // 2

    band_boxes: list[Box] = []
    centre_box: Box | None = None
    side_labels: tuple[SideLabel, ...] = ()
    for row in range(rows):
        if centre and row == int(headline):
            centre_box = Box(area.centre_x - centre_height // 2, top, centre_height, centre_height)
            side_labels = _side_labels(area, centre_box, sides, arrow_length)
            top += centre_height + VISION_ROW_GAP
            continue
        width = round(area.width * _band_share(len(band_boxes), bands))
        band_boxes.append(Box(area.centre_x - width // 2, top, width, band_height))
        top += band_height + VISION_ROW_GAP
    head = band_boxes.pop(0) if headline else None
    return VisionLayout(head, centre_box, side_labels, tuple(band_boxes))


def _band_share(index: int, bands: int) -> float:
    if bands == 1:
        return VISION_SINGLE_BAND
    return VISION_NARROWEST_BAND + (1 - VISION_NARROWEST_BAND) * index / (bands - 1)


def _side_labels(
    area: Box, circle: Box, count: int, arrow_length: int = VISION_ARROW_LENGTH
) -> tuple[SideLabel, ...]:
    """Labels split over the left (first half) and the right of the circle, each stacked.

    The labels on one side line up; each arrow reaches from its label to the circle's edge.
    """
    left_count = (count + 1) // 2
    reach = circle.left - area.left - arrow_length - 2 * VISION_ARROW_GAP
    width = min(VISION_SIDE_WIDTH, reach)
    labels: list[SideLabel] = []
    for on_left, n in ((True, left_count), (False, count - left_count)):
        if not n:
            continue
        height = min(VISION_SIDE_HEIGHT, (circle.height - (n - 1) * VISION_ROW_GAP) // n)
        stack = n * height + (n - 1) * VISION_ROW_GAP
        offset = arrow_length + 2 * VISION_ARROW_GAP
        left = circle.left - offset - width if on_left else circle.right + offset
        for i in range(n):
            box = Box(
                left, circle.centre_y - stack // 2 + i * (height + VISION_ROW_GAP), width, height
            )
            edge = _circle_edge(circle, box.centre_y, on_left)
            start = box.right + VISION_ARROW_GAP if on_left else edge + VISION_ARROW_GAP
            end = edge - VISION_ARROW_GAP if on_left else box.left - VISION_ARROW_GAP
            arrow = Box(start, box.centre_y - ARROW_THICKNESS // 2, end - start, ARROW_THICKNESS)
            labels.append(SideLabel(box, arrow, points_right=on_left))
    return tuple(labels)


def _circle_edge(circle: Box, y: int, on_left: bool) -> int:
    """The x where an arrow along `y` (`ARROW_THICKNESS` thick) first meets the circle."""
    radius = circle.width / 2
    nearest = max(0, abs(y - circle.centre_y) - ARROW_THICKNESS / 2)
    half = math.sqrt(radius**2 - min(nearest, radius * 0.95) ** 2)
    return round(circle.centre_x - half if on_left else circle.centre_x + half)


class ArenaLayout(Struct, frozen=True):
    """Boxes of the arena model: per arena a heading and a body, arrows between, a question."""

    headings: tuple[Box, ...]
    bodies: tuple[Box, ...]
    arrows: tuple[Box, ...]
    question: Box | None


def arena_layout(
    area: Box,
    arenas: int,
    *,
    question: bool,
    body_height: int | None = None,
    tight: bool = False,
    heading_height: int | None = None,
) -> ArenaLayout:
    """`arenas` equal columns across `area`, the question (if any) under the last one.

    The bodies fill the height, or are `body_height` tall (at least `ARENA_MIN_BODY`) when
    their text needs less; then the model sits in the middle of the area. `tight` packs the
    model for a narrow slide: thin arrow gaps, taller headings, and the bodies beside the
    question reaching down to its foot (`body_height` is then not used). `heading_height`
    sets the headings' height instead of the usual one (headings measured to their text).
    """
    zone = ARENA_TIGHT_ARROW_ZONE if tight else ARENA_ARROW_ZONE
    heading = ARENA_TIGHT_HEADING_HEIGHT if tight else ARENA_HEADING_HEIGHT
    if heading_height is not None:
        heading = heading_height
    width = (area.width - (arenas - 1) * zone) // arenas
    below = (ARENA_QUESTION_HEIGHT + ARENA_QUESTION_GAP) * question
    full = area.height - heading - ARENA_HEADING_GAP - below
    body = (
        full
        if body_height is None or tight
        else max(min(full, body_height + ARENA_BODY_PADDING), ARENA_MIN_BODY)
    )
    top = area.top + (full - body) // 2
    body_top = top + heading + ARENA_HEADING_GAP
    headings, bodies, arrows = [], [], []
    for i in range(arenas):
        left = area.left + i * (width + zone)
        headings.append(Box(left, top, width, heading))
        beside = tight and i < arenas - 1
        bodies.append(Box(left, body_top, width, body + below * beside))
        if i:
            gap = Box(left - zone, top, zone, body_top + body - top)
            arrows.append(gap.centred(zone - 2 * ARENA_ARROW_MARGIN, ARROW_THICKNESS))
    ask = None
    if question:
        last = bodies[-1]
        ask = Box(last.left, last.bottom + ARENA_QUESTION_GAP, last.width, ARENA_QUESTION_HEIGHT)
    return ArenaLayout(tuple(headings), tuple(bodies), tuple(arrows), ask)


def widened(area: Box, margin: int) -> Box:
    """`area`, which stands in the middle of the slide as wide as the slide less its left
    margin twice, reaching out to `margin` from the slide's sides (never narrower)."""
    left = min(area.left, margin)
    return Box(left, area.top, area.width + 2 * (area.left - left), area.height)


class CallToActionLayout(Struct, frozen=True):
    """Boxes of the call to action: the words, and the square QR code beside them."""

    text: Box
    code: Box


def call_to_action_layout(area: Box) -> CallToActionLayout:
    """Words on the left of `area`, the QR code as large as fits on the right."""
    side = min(CODE_SIDE, area.height)
    code = Box(area.right - side, area.centre_y - side // 2, side, side)
    text = Box(area.left, area.top, code.left - CODE_GAP - area.left, area.height)
    return CallToActionLayout(text, code)


PICTURE_CAPTION_HEIGHT = inches(0.85)
"""Room for a caption of two lines at 18 pt under a picture the layout gives no frame of its
own (no picture placeholder): the picture and the caption then share the text area."""
PICTURE_CAPTION_GAP = inches(0.1)


def picture_over_caption(area: Box) -> tuple[Box, Box]:
    """The picture's frame and, under it, the caption's box, sharing `area` without overlap.

    An area too low for the caption's usual height keeps two thirds for the picture: no box
    gets a negative height, which PowerPoint refuses to open."""
    caption = min(PICTURE_CAPTION_HEIGHT, area.height // 3)
    gap = min(PICTURE_CAPTION_GAP, area.height // 10)
    caption_top = area.bottom - caption
    frame = Box(area.left, area.top, area.width, max(caption_top - gap - area.top, 1))
    return frame, Box(area.left, caption_top, area.width, caption)


def fitted_picture(frame: Box, aspect: float) -> Box:
    """The largest box with `aspect` (width / height) centred in `frame`: the whole picture."""
    if aspect >= frame.width / frame.height:
        return frame.centred(frame.width, round(frame.width / aspect))
    return frame.centred(round(frame.height * aspect), frame.height)


def fill_crop(frame: Box, aspect: float) -> tuple[float, float, float, float]:
    """Shares to crop off (left, top, right, bottom) so a picture with `aspect` fills `frame`
    without distortion, cut evenly on both sides."""
    frame_aspect = frame.width / frame.height
    if aspect > frame_aspect:
        side = (1 - frame_aspect / aspect) / 2
        return side, 0.0, side, 0.0
    side = (1 - aspect / frame_aspect) / 2
    return 0.0, side, 0.0, side


LOGO_SHARE = 0.1
"""A logo takes at most a tenth of the slide; a larger picture is a background."""
BAND_SHARE = 0.5
"""A picture reaching across half the slide (a line under the titles, a strip down one side)
is a band of the design, however thin, not a logo."""


def logo_sized(box: Box, slide_width: int, slide_height: int) -> bool:
    """Whether a picture at `box` on a master or layout may be a logo: small (`LOGO_SHARE` of
    the slide at most) and no band (`BAND_SHARE`)."""
    return (
        box.width * box.height <= LOGO_SHARE * slide_width * slide_height
        and box.width < BAND_SHARE * slide_width
        and box.height < BAND_SHARE * slide_height
    )
