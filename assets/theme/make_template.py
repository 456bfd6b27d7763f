"""Build deckgen's default corporate template, ``kommune.pptx``, and its logo.

Why this script exists
----------------------
deckgen renders YAML blocks onto the slide layouts of a PowerPoint template and
looks up placeholders by ``idx`` and type.  A template saved by hand from
PowerPoint is an opaque binary that nobody can review, and it drifts when
people fiddle with it.  This script instead *derives* the template from
python-pptx's own default template, so that every colour, measurement,
layout name and placeholder ``idx`` is written down here, can be reviewed in a
diff, and can be regenerated at any time.

The invented municipality "Møllerup Kommune" and its logo are placeholders
for a real brand; swap the constants below to re-brand.

What it does
------------
1. Widens the 4:3 default template to 16:9 (scaling all x offsets/widths).
2. Rewrites the theme: colour scheme, fonts (Calibri) and names.
3. Restyles the slide master: white background, text styles (nothing below
   18 pt in body text), footers, and a logo top-right.
4. Keeps exactly eight layouts with Danish names and a fixed placeholder
   contract (see ``LAYOUTS``), deleting the rest.
5. Draws ``logo.png`` (and the white variant ``logo-hvid.png`` used on dark
   layouts) with Pillow.
6. Saves a byte-for-byte reproducible package: fixed core properties and zip
   timestamps, so running the script twice yields identical files.

Run it with ``python assets/theme/make_template.py``; it writes into ``deckgen/data/theme/``,
where the default theme ships inside the package.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.shapes.picture import CT_Picture
from pptx.oxml.xmlchemy import BaseOxmlElement
from pptx.presentation import Presentation as PresentationObj
from pptx.slide import SlideLayout, SlideMaster

from deckgen.render.package import normalize_zip

# --------------------------------------------------------------------------
# Output files
# --------------------------------------------------------------------------
HERE = Path(__file__).resolve().parent
# The template ships inside the package, next to the default theme that names it.
THEME_DIR = HERE.parents[1] / "deckgen" / "data" / "theme"
TEMPLATE_PATH = THEME_DIR / "kommune.pptx"
LOGO_PATH = THEME_DIR / "logo.png"
LOGO_WHITE_PATH = THEME_DIR / "logo-hvid.png"

# --------------------------------------------------------------------------
# Brand
# --------------------------------------------------------------------------
BRAND_NAME = "Møllerup Kommune"
LOGO_ALT_TEXT = "Møllerup Kommune logo"
LANGUAGE = "da-DK"

DARK_TEXT = "1F2A30"
WHITE = "FFFFFF"
PRIMARY = "003B5C"  # dark blue
LIGHT_TINT = "E6EEF3"
TEAL = "00806E"
WARM_YELLOW = "E0A526"
RED = "B2423A"
GREY_BLUE = "5B7F95"
GREEN = "7A9A3A"
HYPERLINK = "005EA8"
FOLLOWED_HYPERLINK = "5B3F8C"
MUTED = "4A6373"  # footers; >= 4.5:1 on white and on the light tint

# Theme colour slots, in the order the schema requires.
COLOR_SCHEME: tuple[tuple[str, str], ...] = (
    ("dk1", DARK_TEXT),
    ("lt1", WHITE),
    ("dk2", PRIMARY),
    ("lt2", LIGHT_TINT),
    ("accent1", PRIMARY),
    ("accent2", TEAL),
    ("accent3", WARM_YELLOW),
    ("accent4", RED),
    ("accent5", GREY_BLUE),
    ("accent6", GREEN),
    ("hlink", HYPERLINK),
    ("folHlink", FOLLOWED_HYPERLINK),
)
THEME_FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito

# Scheme colour names as seen through the master's colour map
# (bg1=lt1, tx1=dk1, bg2=lt2, tx2=dk2).
SCHEME_WHITE = "bg1"
SCHEME_TEXT = "tx1"
SCHEME_PRIMARY = "tx2"
SCHEME_TINT = "bg2"
SCHEME_TEAL = "accent2"
SCHEME_YELLOW = "accent3"

MIN_CONTRAST = 4.5
# (text, background) pairs used by the layouts below.
TEXT_ON_BACKGROUND: tuple[tuple[str, str], ...] = (
    (DARK_TEXT, WHITE),
    (PRIMARY, WHITE),
    (MUTED, WHITE),
    (WHITE, PRIMARY),
    (WHITE, TEAL),
    (PRIMARY, LIGHT_TINT),
    (DARK_TEXT, LIGHT_TINT),
    (MUTED, LIGHT_TINT),
)

# --------------------------------------------------------------------------
# Geometry (EMU; 914400 per inch)
# --------------------------------------------------------------------------
EMU_PER_INCH = 914400


def inches(value: float) -> int:
    """Convert inches to whole EMU."""
    return round(value * EMU_PER_INCH)


OLD_SLIDE_WIDTH = 9144000  # 4:3 default template
SLIDE_WIDTH = 12192000  # 16:9, 13.333 in
SLIDE_HEIGHT = 6858000  # 7.5 in

MARGIN_X = inches(2 / 3)
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN_X
TEXT_INSET = 91440  # default left/right inset of text boxes; align non-text shapes with text

LOGO_PX = (500, 160)
LOGO_WIDTH = inches(1.9)
LOGO_HEIGHT = LOGO_WIDTH * LOGO_PX[1] // LOGO_PX[0]
LOGO_X = SLIDE_WIDTH - MARGIN_X - LOGO_WIDTH
LOGO_Y = inches(0.45)
LOGO_GAP = inches(0.4)  # keep the title this far from the logo
BIG_LOGO_WIDTH = inches(2.6)  # cover and closing slides

TITLE_Y = inches(0.35)
TITLE_HEIGHT = inches(1.2)
TITLE_WIDTH = LOGO_X - LOGO_GAP - MARGIN_X
BODY_Y = inches(1.8)
BODY_BOTTOM = inches(6.55)

FOOTER_HEIGHT = inches(0.35)
FOOTER_Y = SLIDE_HEIGHT - inches(0.25) - FOOTER_HEIGHT
FOOTER_TEXT_WIDTH = inches(6.0)
SLIDE_NUMBER_WIDTH = inches(1.0)
DATE_WIDTH = inches(2.0)

ACCENT_BAR_WIDTH = inches(1.0)
ACCENT_BAR_HEIGHT = inches(0.07)

# --------------------------------------------------------------------------
# Typography (hundredths of a point)
# --------------------------------------------------------------------------
TITLE_SIZE = 3600
COVER_TITLE_SIZE = 4400
SECTION_TITLE_SIZE = 4000
STATEMENT_SIZE = 4000
BODY_SIZES = (2400, 2000, 1800)  # levels 1-3; deeper levels stay at 18 pt
SUBLINE_SIZE = 2400
CAPTION_SIZE = 1800
FOOTER_SIZE = 1200
BULLETS = ("•", "–", "•")
LEVEL_INDENT = 342900  # 0.375 in per outline level
BULLET_HANGING = 285750

# --------------------------------------------------------------------------
# Danish prompt texts (what PowerPoint shows in empty placeholders)
# --------------------------------------------------------------------------
PROMPT_TITLE = "Klik for at redigere titeltypografien i masteren"
PROMPT_BODY_LEVELS = (
    "Klik for at redigere teksttypografierne i masteren",
    "Andet niveau",
    "Tredje niveau",
    "Fjerde niveau",
    "Femte niveau",
)

PH_NAMES = {
    "title": "Titel",
    "ctrTitle": "Titel",
    "subTitle": "Undertitel",
    "body": "Pladsholder til tekst",
    "pic": "Pladsholder til billede",
    "dt": "Pladsholder til dato",
    "ftr": "Pladsholder til sidefod",
    "sldNum": "Pladsholder til diasnummer",
}
FOOTER_TYPES = ("dt", "ftr", "sldNum")

# --------------------------------------------------------------------------
# Reproducibility
# --------------------------------------------------------------------------
FIXED_TIMESTAMP = dt.datetime(2025, 1, 1, 0, 0, 0)
CORE_TITLE = "Møllerup Kommune – skabelon"
CORE_AUTHOR = "Møllerup Kommune, Kommunikation"

XML_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}


# ==========================================================================
# Layout contract
# ==========================================================================
@dataclass(frozen=True)
class Box:
    """Position and size of a shape, in EMU."""

    x: int
    y: int
    cx: int
    cy: int


@dataclass(frozen=True)
class PlaceholderSpec:
    """One placeholder on a layout; unset style fields inherit from the master."""

    ph_type: str
    idx: int
    prompt: str | tuple[str, ...]  # a tuple gives one prompt per outline level
    box: Box | None = None  # None: inherit position from the master
    anchor: str | None = None
    align: str | None = None
    size: int | None = None
    bold: bool | None = None
    color: str | None = None  # scheme colour name
    no_bullets: bool = False


@dataclass(frozen=True)
class Bar:
    """A decorative filled rectangle drawn on a layout."""

    box: Box
    color: str  # scheme colour name


@dataclass(frozen=True)
class LayoutSpec:
    """A layout to keep: which default layout it is built from, and its look."""

    name: str
    source: str  # layout name in python-pptx's default template
    layout_type: str | None  # ST_SlideLayoutType, None for a custom layout
    placeholders: tuple[PlaceholderSpec, ...]
    background: str | None = None  # scheme colour; None keeps the master's white
    dark: bool = False  # white logo and footers, master shapes hidden
    bars: tuple[Bar, ...] = ()
    white_logo_box: Box | None = None


def centred_x(width: int) -> int:
    """x offset that centres a shape of `width` on the slide."""
    return (SLIDE_WIDTH - width) // 2


def accent_bar(y: int, color: str, *, centred: bool = False) -> Bar:
    """The short horizontal bar that separates a title from its sub-line."""
    x = centred_x(ACCENT_BAR_WIDTH) if centred else MARGIN_X + TEXT_INSET
    return Bar(Box(x, y, ACCENT_BAR_WIDTH, ACCENT_BAR_HEIGHT), color)


def centred_logo_box(y: int) -> Box:
    """A large, horizontally centred logo for the cover and closing slides."""
    height = BIG_LOGO_WIDTH * LOGO_PX[1] // LOGO_PX[0]
    return Box(centred_x(BIG_LOGO_WIDTH), y, BIG_LOGO_WIDTH, height)


def _cover_layout() -> LayoutSpec:
    text_width = inches(10.5)
    return LayoutSpec(
        name="Titeldias",
        source="Title Slide",
        layout_type="title",
        background=SCHEME_PRIMARY,
        dark=True,
        white_logo_box=centred_logo_box(inches(0.8)),
        bars=(accent_bar(inches(4.3), SCHEME_YELLOW, centred=True),),
        placeholders=(
            PlaceholderSpec(
                "ctrTitle",
                0,
                PROMPT_TITLE,
                Box(centred_x(text_width), inches(2.2), text_width, inches(1.9)),
                anchor="b",
                align="ctr",
                size=COVER_TITLE_SIZE,
                color=SCHEME_WHITE,
            ),
            PlaceholderSpec(
                "subTitle",
                1,
                "Undertitel, dato eller afdeling",
                Box(centred_x(text_width), inches(4.6), text_width, inches(1.3)),
                anchor="t",
                align="ctr",
                color=SCHEME_WHITE,
                no_bullets=True,
            ),
        ),
    )


def _content_layout() -> LayoutSpec:
    return LayoutSpec(
        name="Titel og indhold",
        source="Title and Content",
        layout_type="obj",
        placeholders=(
            PlaceholderSpec("title", 0, PROMPT_TITLE),
            PlaceholderSpec("body", 1, PROMPT_BODY_LEVELS),
        ),
    )


def _section_layout() -> LayoutSpec:
    text_width = inches(10.0)
    return LayoutSpec(
        name="Afsnitsoverskrift",
        source="Section Header",
        layout_type="secHead",
        background=SCHEME_TEAL,
        dark=True,
        white_logo_box=Box(LOGO_X, LOGO_Y, LOGO_WIDTH, LOGO_HEIGHT),
        bars=(accent_bar(inches(4.3), SCHEME_WHITE),),
        placeholders=(
            PlaceholderSpec(
                "title",
                0,
                PROMPT_TITLE,
                Box(MARGIN_X, inches(2.0), text_width, inches(2.1)),
                anchor="b",
                size=SECTION_TITLE_SIZE,
                color=SCHEME_WHITE,
            ),
            PlaceholderSpec(
                "body",
                1,
                "Kort underlinje",
                Box(MARGIN_X, inches(4.6), text_width, inches(1.2)),
                anchor="t",
                size=SUBLINE_SIZE,
                color=SCHEME_WHITE,
                no_bullets=True,
            ),
        ),
    )


def _statement_layout() -> LayoutSpec:
    text_width = inches(10.5)
    return LayoutSpec(
        name="Udsagn",
        source="Title and Vertical Text",
        layout_type=None,
        background=SCHEME_TINT,
        bars=(accent_bar(inches(4.75), SCHEME_TEAL, centred=True),),
        placeholders=(
            PlaceholderSpec(
                "title",
                0,
                "Ét udsagn i én sætning",
                Box(centred_x(text_width), inches(1.5), text_width, inches(3.0)),
                anchor="b",
                align="ctr",
                size=STATEMENT_SIZE,
                bold=False,
            ),
            PlaceholderSpec(
                "body",
                1,
                "Valgfri underlinje",
                Box(centred_x(text_width), inches(5.0), text_width, inches(1.0)),
                anchor="t",
                align="ctr",
                size=BODY_SIZES[1],
                no_bullets=True,
            ),
        ),
    )


def _title_only_layout() -> LayoutSpec:
    return LayoutSpec(
        name="Kun titel",
        source="Title Only",
        layout_type="titleOnly",
        placeholders=(PlaceholderSpec("title", 0, PROMPT_TITLE),),
    )


def _picture_layout() -> LayoutSpec:
    caption_height = inches(0.55)
    picture_height = BODY_BOTTOM - caption_height - inches(0.1) - BODY_Y
    return LayoutSpec(
        name="Billede med billedtekst",
        source="Picture with Caption",
        layout_type="picTx",
        placeholders=(
            PlaceholderSpec("title", 0, PROMPT_TITLE),
            PlaceholderSpec(
                "pic",
                1,
                "Klik på ikonet for at indsætte et billede",
                Box(MARGIN_X + TEXT_INSET, BODY_Y, CONTENT_WIDTH - 2 * TEXT_INSET, picture_height),
                anchor="ctr",
                align="ctr",
                size=CAPTION_SIZE,
                no_bullets=True,
            ),
            PlaceholderSpec(
                "body",
                2,
                "Billedtekst og fotokredit",
                Box(MARGIN_X, BODY_BOTTOM - caption_height, CONTENT_WIDTH, caption_height),
                anchor="t",
                size=CAPTION_SIZE,
                no_bullets=True,
            ),
        ),
    )


def _blank_layout() -> LayoutSpec:
    return LayoutSpec(name="Tom", source="Blank", layout_type="blank", placeholders=())


def _closing_layout() -> LayoutSpec:
    text_width = inches(10.5)
    return LayoutSpec(
        name="Afslutning",
        source="Vertical Title and Text",
        layout_type=None,
        background=SCHEME_PRIMARY,
        dark=True,
        white_logo_box=centred_logo_box(inches(5.3)),
        bars=(accent_bar(inches(3.3), SCHEME_YELLOW, centred=True),),
        placeholders=(
            PlaceholderSpec(
                "title",
                0,
                "Tak for i dag",
                Box(centred_x(text_width), inches(1.2), text_width, inches(1.9)),
                anchor="b",
                align="ctr",
                size=COVER_TITLE_SIZE,
                color=SCHEME_WHITE,
            ),
            PlaceholderSpec(
                "body",
                1,
                "Kontaktoplysninger",
                Box(centred_x(text_width), inches(3.6), text_width, inches(1.4)),
                anchor="t",
                align="ctr",
                size=BODY_SIZES[1],
                color=SCHEME_WHITE,
                no_bullets=True,
            ),
        ),
    )


LAYOUTS: tuple[LayoutSpec, ...] = (
    _cover_layout(),
    _content_layout(),
    _section_layout(),
    _statement_layout(),
    _title_only_layout(),
    _picture_layout(),
    _blank_layout(),
    _closing_layout(),
)


# ==========================================================================
# Colour contrast
# ==========================================================================
def relative_luminance(hex_color: str) -> float:
    """WCAG 2.x relative luminance of an RRGGBB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two RRGGBB colours."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def check_contrast() -> None:
    """Refuse to build a template whose text colours fail WCAG AA."""
    for text, background in TEXT_ON_BACKGROUND:
        ratio = contrast_ratio(text, background)
        if ratio < MIN_CONTRAST:
            raise ValueError(f"#{text} on #{background} is only {ratio:.2f}:1")


# ==========================================================================
# Logo
# ==========================================================================
SUPERSAMPLE = 4  # draw large, then downsample: Pillow shapes are not anti-aliased
FONTS_DIR = THEME_DIR.parent / "fonts"  # Carlito is vendored in the repo: same logo everywhere
LOGO_FONT_CANDIDATES: tuple[tuple[Path, Path], ...] = (
    (FONTS_DIR / "Carlito-Bold.ttf", FONTS_DIR / "Carlito-Regular.ttf"),
    (
        Path("/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf"),
        Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"),
    ),
)


@dataclass(frozen=True)
class LogoColors:
    """Colours of one logo variant (RRGGBB)."""

    disc: str
    sails: str
    water: str
    text: str


LOGO_ON_LIGHT = LogoColors(disc=PRIMARY, sails=WHITE, water=TEAL, text=PRIMARY)
LOGO_ON_DARK = LogoColors(disc=WHITE, sails=PRIMARY, water=TEAL, text=WHITE)


def _rgba(hex_color: str) -> tuple[int, int, int, int]:
    return (*(int(hex_color[i : i + 2], 16) for i in (0, 2, 4)), 255)


def _logo_fonts(
    bold_size: int, regular_size: int
) -> tuple[ImageFont.FreeTypeFont, ImageFont.FreeTypeFont]:
    for bold_path, regular_path in LOGO_FONT_CANDIDATES:
        if bold_path.exists() and regular_path.exists():
            basic = ImageFont.Layout.BASIC  # same glyph placement with or without raqm
            return (
                ImageFont.truetype(bold_path, bold_size, layout_engine=basic),
                ImageFont.truetype(regular_path, regular_size, layout_engine=basic),
            )
    raise FileNotFoundError(f"Carlito not found (expected in {FONTS_DIR})")


def _rotate(
    points: Iterable[tuple[float, float]], angle_deg: float, origin: tuple[float, float]
) -> list[tuple[float, float]]:
    angle = math.radians(angle_deg)
    ox, oy = origin
    return [
        (
            ox + x * math.cos(angle) - y * math.sin(angle),
            oy + x * math.sin(angle) + y * math.cos(angle),
        )
        for x, y in points
    ]


def _draw_emblem(size: int, colors: LogoColors) -> Image.Image:
    """A round emblem: windmill sails above water ("Møllerup" = mill town)."""
    emblem = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(emblem)
    radius = size / 2
    draw.ellipse((0, 0, size - 1, size - 1), fill=_rgba(colors.disc))

    # Water: everything below a gentle wave, clipped to the disc.
    water = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    water_draw = ImageDraw.Draw(water)
    wave_y = size * 0.74
    amplitude = size * 0.03
    wave = [
        (x, wave_y + amplitude * math.sin(x / size * 4 * math.pi)) for x in range(0, size + 1, 4)
    ]
    water_draw.polygon([*wave, (size, size), (0, size)], fill=_rgba(colors.water))
    highlight = [(x, y + size * 0.09) for x, y in wave]
    water_draw.line(highlight, fill=_rgba(colors.disc), width=max(2, size // 40))
    disc_mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(disc_mask).ellipse((0, 0, size - 1, size - 1), fill=255)
    transparent = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    emblem.alpha_composite(Image.composite(water, transparent, disc_mask))

    # Sails: four arms with a sail on one side, turned 45 degrees.
    hub = (radius, radius * 0.86)
    arm_length = radius * 0.74
    arm_half = radius * 0.045
    sail_start, sail_width = radius * 0.2, radius * 0.2
    arm = [(0, -arm_half), (arm_length, -arm_half), (arm_length, arm_half), (0, arm_half)]
    sail = [
        (sail_start, arm_half),
        (arm_length, arm_half),
        (arm_length, arm_half + sail_width),
        (sail_start + sail_width * 0.6, arm_half + sail_width * 0.6),
    ]
    for angle in (45, 135, 225, 315):
        draw.polygon(_rotate(arm, angle, hub), fill=_rgba(colors.sails))
        draw.polygon(_rotate(sail, angle, hub), fill=_rgba(colors.sails))
    hub_radius = radius * 0.09
    draw.ellipse(
        (hub[0] - hub_radius, hub[1] - hub_radius, hub[0] + hub_radius, hub[1] + hub_radius),
        fill=_rgba(colors.sails),
    )
    return emblem


def draw_logo(colors: LogoColors) -> Image.Image:
    """Draw the 500x160 px logo: emblem plus the name as text."""
    width, height = (v * SUPERSAMPLE for v in LOGO_PX)
    pad = 6 * SUPERSAMPLE
    canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    emblem_size = height - 2 * pad
    canvas.alpha_composite(_draw_emblem(emblem_size, colors), (pad, pad))

    name, sub = "Møllerup", "KOMMUNE"
    name_font, sub_font = _logo_fonts(84 * SUPERSAMPLE, 36 * SUPERSAMPLE)
    draw = ImageDraw.Draw(canvas)
    text_x = pad + emblem_size + 18 * SUPERSAMPLE
    draw.text((text_x, height * 0.5), name, font=name_font, fill=_rgba(colors.text), anchor="ls")
    # Second line: capitals letter-spaced to the width of the name.
    x = text_x + 3 * SUPERSAMPLE
    glyph_widths = [sub_font.getlength(char) for char in sub]
    tracking = (name_font.getlength(name) - 6 * SUPERSAMPLE - sum(glyph_widths)) / (len(sub) - 1)
    for char, glyph_width in zip(sub, glyph_widths, strict=True):
        draw.text((x, height * 0.84), char, font=sub_font, fill=_rgba(colors.text), anchor="ls")
        x += glyph_width + tracking
    return canvas.resize(LOGO_PX, Image.Resampling.LANCZOS)


def png_bytes(image: Image.Image) -> bytes:
    """Encode as PNG without metadata (Pillow adds no timestamps)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=9)
    return buffer.getvalue()


# ==========================================================================
# Small XML helpers
# ==========================================================================
def xfrm_xml(box: Box) -> str:
    return f'<a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.cx}" cy="{box.cy}"/></a:xfrm>'


def solid_fill_xml(scheme_color: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{scheme_color}"/></a:solidFill>'


def set_box(sp: BaseOxmlElement, box: Box) -> None:
    """Give a shape an explicit position (replacing any inherited one)."""
    sp_pr = sp.find(qn("p:spPr"))
    old = sp_pr.find(qn("a:xfrm"))
    new = parse_xml(f"<root {nsdecls('a')}>{xfrm_xml(box)}</root>")[0]
    if old is not None:
        sp_pr.replace(old, new)
    else:
        sp_pr.insert(0, new)


def background_xml(scheme_color: str) -> BaseOxmlElement:
    return parse_xml(
        f"<p:bg {nsdecls('a', 'p')}>"
        f"<p:bgPr>{solid_fill_xml(scheme_color)}<a:effectLst/></p:bgPr></p:bg>"
    )


def set_background(c_sld: BaseOxmlElement, scheme_color: str) -> None:
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    c_sld.insert(0, background_xml(scheme_color))


def placeholder_type(sp: BaseOxmlElement) -> str | None:
    """The ``type`` of a shape's ``p:ph`` ("obj" if absent), or None if no placeholder."""
    ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
    if ph is None:
        return None
    return ph.get("type", "obj")


def iter_shapes(sp_tree: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Direct child shapes of a shape tree (skipping its own properties)."""
    for child in sp_tree:
        if child.tag not in (qn("p:nvGrpSpPr"), qn("p:grpSpPr")):
            yield child


def insert_shapes_at_back(sp_tree: BaseOxmlElement, shapes: Iterable[BaseOxmlElement]) -> None:
    """Insert shapes right after ``p:grpSpPr``, i.e. behind all existing shapes."""
    position = list(sp_tree).index(sp_tree.find(qn("p:grpSpPr"))) + 1
    for offset, shape in enumerate(shapes):
        sp_tree.insert(position + offset, shape)


def renumber_shapes(sp_tree: BaseOxmlElement) -> None:
    """Give shapes sequential ids and Danish, PowerPoint-style placeholder names."""
    for shape_id, c_nv_pr in enumerate(sp_tree.iter(qn("p:cNvPr")), start=1):
        c_nv_pr.set("id", str(shape_id))
        shape = c_nv_pr.getparent().getparent()
        ph_type = placeholder_type(shape) if shape.tag == qn("p:sp") else None
        if ph_type in PH_NAMES:
            c_nv_pr.set("name", f"{PH_NAMES[ph_type]} {shape_id - 1}")


def level_props_xml(
    level: int,
    *,
    size: int | None = None,
    bold: bool | None = None,
    color: str | None = None,
    align: str | None = None,
    no_bullets: bool = False,
) -> str:
    """An ``a:lvlNpPr`` overriding only what is given."""
    attrs = ' marL="0" indent="0"' if no_bullets else ""
    attrs += f' algn="{align}"' if align else ""
    bullet = "<a:buNone/>" if no_bullets else ""
    run_attrs = f' sz="{size}"' if size else ""
    run_attrs += f' b="{int(bold)}"' if bold is not None else ""
    fill = solid_fill_xml(color) if color else ""
    if not (attrs or run_attrs or fill):
        return ""
    return (
        f"<a:lvl{level}pPr{attrs}>{bullet}<a:defRPr{run_attrs}>{fill}</a:defRPr></a:lvl{level}pPr>"
    )


def prompt_paragraphs_xml(texts: Iterable[str]) -> str:
    paragraphs = []
    for level, text in enumerate(texts):
        ppr = f'<a:pPr lvl="{level}"/>' if level else ""
        paragraphs.append(f'<a:p>{ppr}<a:r><a:rPr lang="{LANGUAGE}"/><a:t>{text}</a:t></a:r></a:p>')
    return "".join(paragraphs)


# ==========================================================================
# Steps
# ==========================================================================
def scale_horizontally(element: BaseOxmlElement, factor: float) -> None:
    """Scale every x offset and width below `element` (4:3 -> 16:9)."""
    for tag, attr in (("a:off", "x"), ("a:chOff", "x"), ("a:ext", "cx"), ("a:chExt", "cx")):
        for node in element.iter(qn(tag)):
            node.set(attr, str(round(int(node.get(attr)) * factor)))


def widen_to_16_9(prs: PresentationObj) -> None:
    factor = SLIDE_WIDTH / OLD_SLIDE_WIDTH
    prs.slide_width = SLIDE_WIDTH
    prs.slide_height = SLIDE_HEIGHT
    sld_sz = prs.part._element.find(qn("p:sldSz"))
    sld_sz.attrib.pop("type", None)  # "screen4x3" no longer true
    scale_horizontally(prs.slide_master._element, factor)
    for layout in prs.slide_layouts:
        scale_horizontally(layout._element, factor)


# Shape styles (what python-pptx's add_shape() picks up): flat fills, thin
# lines, no shadows or bevels, instead of the 2007-era gradients.
_SOLID_PH = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE_PH = (
    '<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">'
    + _SOLID_PH
    + '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
)
FLAT_FORMAT_SCHEME = (
    f'<a:fmtScheme xmlns:a="{XML_NS["a"]}" name="{BRAND_NAME}">'
    f"<a:fillStyleLst>{_SOLID_PH * 3}</a:fillStyleLst>"
    f"<a:lnStyleLst>{''.join(_LINE_PH.format(w=w) for w in (12700, 19050, 28575))}</a:lnStyleLst>"
    f"<a:effectStyleLst>{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}</a:effectStyleLst>"
    f"<a:bgFillStyleLst>{_SOLID_PH * 3}</a:bgFillStyleLst>"
    "</a:fmtScheme>"
)


def rebrand_theme(prs: PresentationObj) -> None:
    """Replace the colour scheme, fonts and names in the theme part."""
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    theme.set("name", BRAND_NAME)

    clr_scheme = theme.find("a:themeElements/a:clrScheme", XML_NS)
    clr_scheme.set("name", BRAND_NAME)
    for child in list(clr_scheme):
        clr_scheme.remove(child)
    for slot, hex_color in COLOR_SCHEME:
        slot_el = etree.SubElement(clr_scheme, f"{{{XML_NS['a']}}}{slot}")
        etree.SubElement(slot_el, f"{{{XML_NS['a']}}}srgbClr", val=hex_color)

    font_scheme = theme.find("a:themeElements/a:fontScheme", XML_NS)
    font_scheme.set("name", BRAND_NAME)
    for latin in font_scheme.iterfind("*/a:latin", XML_NS):
        latin.set("typeface", THEME_FONT)

    fmt_scheme = theme.find("a:themeElements/a:fmtScheme", XML_NS)
    fmt_scheme.getparent().replace(fmt_scheme, etree.fromstring(FLAT_FORMAT_SCHEME))

    theme_part._blob = etree.tostring(
        theme, xml_declaration=True, encoding="UTF-8", standalone=True
    )


def title_style_xml() -> str:
    return (
        f"<p:titleStyle {nsdecls('a', 'p')}>"
        '<a:lvl1pPr algn="l" defTabSz="457200" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        '<a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
        '<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="{TITLE_SIZE}" b="1" kern="1200">{solid_fill_xml(SCHEME_PRIMARY)}'
        '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>'
        "</a:defRPr></a:lvl1pPr></p:titleStyle>"
    )


def body_style_xml() -> str:
    levels = []
    for level in range(1, 10):
        size = BODY_SIZES[min(level, len(BODY_SIZES)) - 1]
        bullet = BULLETS[(level - 1) % len(BULLETS)]
        space_before = 1000 if level == 1 else 500
        levels.append(
            f'<a:lvl{level}pPr marL="{BULLET_HANGING + (level - 1) * LEVEL_INDENT}" '
            f'indent="-{BULLET_HANGING}" algn="l" defTabSz="457200" rtl="0" eaLnBrk="1" '
            'latinLnBrk="0" hangingPunct="1">'
            '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{space_before}"/></a:spcBef>'
            f'<a:buClr><a:schemeClr val="{SCHEME_TEAL}"/></a:buClr>'
            f'<a:buFont typeface="Arial"/><a:buChar char="{bullet}"/>'
            f'<a:defRPr sz="{size}" kern="1200">{solid_fill_xml(SCHEME_TEXT)}'
            '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
            f"</a:defRPr></a:lvl{level}pPr>"
        )
    return f"<p:bodyStyle {nsdecls('a', 'p')}>{''.join(levels)}</p:bodyStyle>"


def footer_list_style_xml(ph_type: str, *, on_dark: bool = False) -> BaseOxmlElement:
    """Footer text style: small, muted (white on dark backgrounds).

    Written on the master *and* repeated on every layout: LibreOffice does not
    inherit footer styles from the master.
    """
    fill = (
        solid_fill_xml(SCHEME_WHITE)
        if on_dark
        else f'<a:solidFill><a:srgbClr val="{MUTED}"/></a:solidFill>'
    )
    return parse_xml(
        f'<a:lstStyle {nsdecls("a")}><a:lvl1pPr algn="{FOOTER_ALIGN[ph_type]}">'
        f'<a:defRPr sz="{FOOTER_SIZE}">{fill}<a:latin typeface="+mn-lt"/></a:defRPr>'
        "</a:lvl1pPr></a:lstStyle>"
    )


def replace_list_style(sp: BaseOxmlElement, list_style: BaseOxmlElement) -> None:
    tx_body = sp.find(qn("p:txBody"))
    tx_body.replace(tx_body.find(qn("a:lstStyle")), list_style)


MASTER_BOXES = {
    "title": Box(MARGIN_X, TITLE_Y, TITLE_WIDTH, TITLE_HEIGHT),
    "body": Box(MARGIN_X, BODY_Y, CONTENT_WIDTH, BODY_BOTTOM - BODY_Y),
    "ftr": Box(MARGIN_X, FOOTER_Y, FOOTER_TEXT_WIDTH, FOOTER_HEIGHT),
    "sldNum": Box(
        SLIDE_WIDTH - MARGIN_X - SLIDE_NUMBER_WIDTH, FOOTER_Y, SLIDE_NUMBER_WIDTH, FOOTER_HEIGHT
    ),
    "dt": Box(
        SLIDE_WIDTH - MARGIN_X - SLIDE_NUMBER_WIDTH - DATE_WIDTH,
        FOOTER_Y,
        DATE_WIDTH,
        FOOTER_HEIGHT,
    ),
}
FOOTER_ALIGN = {"ftr": "l", "dt": "r", "sldNum": "r"}


def style_master(master: SlideMaster) -> None:
    """White background, text styles, placeholder positions and prompts."""
    element = master._element
    set_background(element.cSld, SCHEME_WHITE)

    tx_styles = element.find(qn("p:txStyles"))
    tx_styles.replace(tx_styles.find(qn("p:titleStyle")), parse_xml(title_style_xml()))
    tx_styles.replace(tx_styles.find(qn("p:bodyStyle")), parse_xml(body_style_xml()))

    for sp in iter_shapes(element.cSld.spTree):
        ph_type = placeholder_type(sp)
        set_box(sp, MASTER_BOXES[ph_type])
        if ph_type in FOOTER_TYPES:
            replace_list_style(sp, footer_list_style_xml(ph_type))
        elif ph_type == "title":
            sp.find(qn("p:txBody")).find(qn("a:bodyPr")).set("anchor", "b")
            _set_prompts(sp, (PROMPT_TITLE,))
        elif ph_type == "body":
            _set_prompts(sp, PROMPT_BODY_LEVELS)
    renumber_shapes(element.cSld.spTree)


def _set_prompts(sp: BaseOxmlElement, texts: Iterable[str]) -> None:
    tx_body = sp.find(qn("p:txBody"))
    for paragraph in tx_body.findall(qn("a:p")):
        tx_body.remove(paragraph)
    for paragraph in parse_xml(f"<root {nsdecls('a')}>{prompt_paragraphs_xml(texts)}</root>"):
        tx_body.append(paragraph)


def placeholder_xml(spec: PlaceholderSpec) -> BaseOxmlElement:
    """A layout placeholder ``p:sp`` built from its spec (id/name set later)."""
    prompts = (spec.prompt,) if isinstance(spec.prompt, str) else spec.prompt
    type_attr = "" if spec.ph_type == "obj" else f' type="{spec.ph_type}"'
    idx_attr = f' idx="{spec.idx}"' if spec.idx else ""
    xfrm = xfrm_xml(spec.box) if spec.box else ""
    anchor = f' anchor="{spec.anchor}"' if spec.anchor else ""
    level1 = level_props_xml(
        1,
        size=spec.size,
        bold=spec.bold,
        color=spec.color,
        align=spec.align,
        no_bullets=spec.no_bullets,
    )
    return parse_xml(
        f"<p:sp {nsdecls('a', 'p')}>"
        '<p:nvSpPr><p:cNvPr id="0" name=""/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph{type_attr}{idx_attr}/></p:nvPr></p:nvSpPr>"
        f"<p:spPr>{xfrm}</p:spPr>"
        f"<p:txBody><a:bodyPr{anchor}><a:normAutofit/></a:bodyPr><a:lstStyle>{level1}</a:lstStyle>"
        f"{prompt_paragraphs_xml(prompts)}</p:txBody></p:sp>"
    )


def bar_xml(bar: Bar) -> BaseOxmlElement:
    return parse_xml(
        f"<p:sp {nsdecls('a', 'p')}>"
        '<p:nvSpPr><p:cNvPr id="0" name="Accentbjælke"/><p:cNvSpPr/>'
        '<p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm_xml(bar.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"{solid_fill_xml(bar.color)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def logo_xml(r_id: str, box: Box) -> BaseOxmlElement:
    return CT_Picture.new_pic(0, "Logo", LOGO_ALT_TEXT, r_id, box.x, box.y, box.cx, box.cy)


def build_layout(layout: SlideLayout, spec: LayoutSpec, white_logo: bytes) -> None:
    """Turn a default layout into `spec`: keep its footers, replace the rest."""
    element = layout._element
    element.cSld.set("name", spec.name)
    if spec.layout_type:
        element.set("type", spec.layout_type)
    else:
        element.attrib.pop("type", None)
        element.set("userDrawn", "1")
    if spec.background:
        set_background(element.cSld, spec.background)

    sp_tree = element.cSld.spTree
    for shape in list(iter_shapes(sp_tree)):
        ph_type = placeholder_type(shape)
        if ph_type in FOOTER_TYPES:
            replace_list_style(shape, footer_list_style_xml(ph_type, on_dark=spec.dark))
        else:
            sp_tree.remove(shape)

    new_shapes = [bar_xml(bar) for bar in spec.bars]
    if spec.white_logo_box:
        _, r_id = layout.part.get_or_add_image_part(io.BytesIO(white_logo))
        new_shapes.append(logo_xml(r_id, spec.white_logo_box))
    new_shapes += [placeholder_xml(ph) for ph in spec.placeholders]
    insert_shapes_at_back(sp_tree, new_shapes)
    if spec.dark:
        element.set("showMasterSp", "0")  # hide the dark master logo
    renumber_shapes(sp_tree)


def build_layouts(prs: PresentationObj, white_logo: bytes) -> None:
    """Keep the layouts in `LAYOUTS` (in that order, renamed); delete the rest."""
    master = prs.slide_master
    by_name = {layout.name: layout for layout in master.slide_layouts}
    kept = [by_name[spec.source] for spec in LAYOUTS]
    for spec, layout in zip(LAYOUTS, kept, strict=True):
        build_layout(layout, spec, white_logo)
    for layout in list(master.slide_layouts):
        if layout not in kept:
            master.slide_layouts.remove(layout)

    # Reorder p:sldLayoutIdLst to match LAYOUTS, with tidy ids and part names.
    id_list = master._element.find(qn("p:sldLayoutIdLst"))
    entries = {entry.rId: entry for entry in id_list}
    ordered = [
        next(
            entry
            for r_id, entry in entries.items()
            if master.part.related_slide_layout(r_id) is layout
        )
        for layout in kept
    ]
    for entry in list(id_list):
        id_list.remove(entry)
    first_id = 2147483649  # the master itself has 2147483648
    for number, entry in enumerate(ordered):
        entry.set("id", str(first_id + number))
        id_list.append(entry)
    for number, layout in enumerate(kept, start=1):
        layout.part.partname = PackURI(f"/ppt/slideLayouts/_tmp{number}.xml")
    for number, layout in enumerate(kept, start=1):
        layout.part.partname = PackURI(f"/ppt/slideLayouts/slideLayout{number}.xml")


def add_master_logo(master: SlideMaster, logo: bytes) -> None:
    _, r_id = master.part.get_or_add_image_part(io.BytesIO(logo))
    sp_tree = master._element.cSld.spTree
    insert_shapes_at_back(sp_tree, [logo_xml(r_id, Box(LOGO_X, LOGO_Y, LOGO_WIDTH, LOGO_HEIGHT))])
    renumber_shapes(sp_tree)


def use_danish(elements: Iterable[BaseOxmlElement]) -> None:
    """Mark all text as Danish (proofing, screen readers)."""
    for element in elements:
        for node in element.iter():
            if node.get("lang") is not None:
                node.set("lang", LANGUAGE)


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<TotalTime>0</TotalTime><Words>0</Words><Application>deckgen</Application>"
    "<PresentationFormat>Widescreen</PresentationFormat><Paragraphs>0</Paragraphs>"
    "<Slides>0</Slides><Notes>0</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>"
    "<ScaleCrop>false</ScaleCrop>"
    '<HeadingPairs><vt:vector size="2" baseType="variant">'
    "<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>"
    "</vt:vector></HeadingPairs>"
    f'<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>{BRAND_NAME}</vt:lpstr>'
    "</vt:vector></TitlesOfParts>"
    f"<Company>{BRAND_NAME}</Company><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "<AppVersion>16.0000</AppVersion></Properties>"
).encode()


def tidy_package(prs: PresentationObj) -> None:
    """Fixed metadata; drop the stale thumbnail, Mac printer settings, empty slide list."""
    package = prs.part.package
    sld_id_lst = prs.part._element.find(qn("p:sldIdLst"))
    if sld_id_lst is not None and len(sld_id_lst) == 0:
        prs.part._element.remove(sld_id_lst)
    for r_id, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(r_id)
    for r_id, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(r_id)
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_XML
        elif part.partname == "/ppt/viewProps.xml":
            # Move the vertical centre guide to the middle of the wider slide.
            view = etree.fromstring(part.blob)
            for guide in view.iterfind(".//p:guide", XML_NS):
                if guide.get("orient") != "horz":
                    guide.set("pos", str(SLIDE_WIDTH * 576 // EMU_PER_INCH // 2))
            part._blob = etree.tostring(
                view, xml_declaration=True, encoding="UTF-8", standalone=True
            )

    props = prs.core_properties
    props.title = CORE_TITLE
    props.author = CORE_AUTHOR
    props.last_modified_by = CORE_AUTHOR
    props.subject = "Standardskabelon til deckgen"
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = LANGUAGE
    props.revision = 1
    props.created = FIXED_TIMESTAMP
    props.modified = FIXED_TIMESTAMP


def build_template(logo: bytes, white_logo: bytes) -> bytes:
    prs = Presentation()
    widen_to_16_9(prs)
    rebrand_theme(prs)
    master = prs.slide_master
    style_master(master)
    add_master_logo(master, logo)
    build_layouts(prs, white_logo)
    use_danish(
        [prs.part._element, master._element, *(layout._element for layout in master.slide_layouts)]
    )
    tidy_package(prs)

    buffer = io.BytesIO()
    prs.save(buffer)
    return normalize_zip(buffer.getvalue())


def main() -> None:
    check_contrast()
    logo = png_bytes(draw_logo(LOGO_ON_LIGHT))
    white_logo = png_bytes(draw_logo(LOGO_ON_DARK))
    LOGO_PATH.write_bytes(logo)
    LOGO_WHITE_PATH.write_bytes(white_logo)
    TEMPLATE_PATH.write_bytes(build_template(logo, white_logo))
    print(f"wrote {TEMPLATE_PATH.name}, {LOGO_PATH.name} and {LOGO_WHITE_PATH.name} in {THEME_DIR}")


if __name__ == "__main__":
    main()
