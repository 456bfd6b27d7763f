"""Draw the sample deck's pictures, so they are ours to use and can be made again at will.

- ``meget-mere-ledelse.png``: an abstract figure for slide 8 — an organisation as a network of
  people in which leadership (the yellow rings) is spread out, not sat at the top.
- ``kkc-workshop.jpg``: a photo-like view from above of a managers' workshop table for slide 9.
  It is stored lying on its side with an EXIF orientation tag (6: turn 90° clockwise), as
  phone cameras do, so the deck shows that deckgen turns pictures upright.

No randomness: the same script gives the same pictures.
Run ``python assets/pictures/make_pictures.py``.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent

# Møllerup Kommune's palette (the theme's colours; a picture is not restyled by a theme).
NAVY = (0, 59, 92)
TEAL = (0, 128, 110)
TINT = (230, 238, 243)
YELLOW = (224, 165, 38)
GREY_BLUE = (91, 127, 149)
WHITE = (255, 255, 255)

SUPERSAMPLE = 2
"""Pictures are drawn this many times larger and scaled down, for smooth edges."""
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

EXIF_ORIENTATION = 0x0112
ROTATE_CLOCKWISE_90 = 6


def leadership_network(width: int = 1400, height: int = 1000) -> Image.Image:
    """People on a sunflower spiral, each linked to its nearest neighbours; many of them lead."""
    s = SUPERSAMPLE
    image = Image.new("RGB", (width * s, height * s), WHITE)
    draw = ImageDraw.Draw(image)
    cx, cy = width * s / 2, height * s / 2
    draw.ellipse((cx - 600 * s, cy - 470 * s, cx + 600 * s, cy + 470 * s), fill=TINT)
    count, spread = 46, 64 * s
    points = []
    for i in range(count):
        radius = spread * math.sqrt(i + 0.6)
        angle = i * GOLDEN_ANGLE
        points.append((cx + radius * math.cos(angle) * 1.15, cy + radius * math.sin(angle) * 0.9))
    for here in points:
        nearest = sorted(range(count), key=lambda j: math.dist(here, points[j]))[1:4]
        for j in nearest:
            draw.line((*here, *points[j]), fill=GREY_BLUE, width=3 * s)
    for i, (x, y) in enumerate(points):
        leads = (i * 7) % 11 < 3  # spread over the whole network, not one arm of it
        if leads:
            ring = 36 * s
            draw.ellipse(
                (x - ring, y - ring, x + ring, y + ring), fill=WHITE, outline=YELLOW, width=7 * s
            )
        _person(draw, x, y + 6 * s, 21 * s, TEAL if leads else NAVY)
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _person(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, colour: tuple) -> None:
    """A person seen from the front: head and shoulders."""
    head = size * 0.45
    draw.ellipse((x - head, y - size * 0.95, x + head, y - size * 0.05), fill=colour)
    draw.pieslice((x - size, y, x + size, y + size * 1.6), 180, 360, fill=colour)


def workshop_table(width: int = 2400, height: int = 1000) -> Image.Image:
    """A table seen from above, with people around it and sticky notes and papers on it."""
    s = SUPERSAMPLE
    w, h = width * s, height * s
    floor = Image.linear_gradient("L").rotate(90).resize((w, h))
    image = Image.merge("RGB", [floor.point(lambda v, c=c: c - v // 10) for c in (214, 206, 192)])
    shadow = Image.new("L", (w, h), 0)
    table = (w * 0.14, h * 0.24, w * 0.86, h * 0.76)
    ImageDraw.Draw(shadow).rounded_rectangle([v + 30 * s for v in table], radius=120 * s, fill=110)
    image.paste((60, 50, 40), mask=shadow.filter(ImageFilter.GaussianBlur(40 * s)))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(table, radius=120 * s, fill=(176, 132, 88))
    for i in range(0, int(table[3] - table[1]), 14 * s):
        tone = 160 + (i * 7 // s) % 22
        y = table[1] + i
        draw.line(
            (table[0] + 60 * s, y, table[2] - 60 * s, y), fill=(tone + 10, tone - 30, 80), width=2
        )
    for k in range(6):
        x = w * (0.24 + 0.104 * k)
        for y, facing in ((h * 0.17, 1), (h * 0.83, -1)):
            _person_from_above(draw, x, y, 62 * s, (NAVY, TEAL, GREY_BLUE)[(k + (facing > 0)) % 3])
            _paper(draw, x, y + facing * 150 * s, s)
    notes = (YELLOW, (120, 190, 160), (150, 190, 230), YELLOW, (240, 150, 120), (120, 190, 160))
    for k, colour in enumerate(notes):
        x, y = w * (0.36 + 0.055 * k), h * (0.44 + 0.05 * (k % 3))
        size = 58 * s
        draw.rectangle((x, y, x + size, y + size), fill=colour, outline=(90, 80, 60), width=s)
    image = image.filter(ImageFilter.GaussianBlur(1.2 * s))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _person_from_above(
    draw: ImageDraw.ImageDraw, x: float, y: float, size: float, colour: tuple
) -> None:
    draw.ellipse((x - size * 1.5, y - size * 0.75, x + size * 1.5, y + size * 0.75), fill=colour)
    draw.ellipse(
        (x - size * 0.55, y - size * 0.55, x + size * 0.55, y + size * 0.55), fill=(70, 50, 40)
    )


def _paper(draw: ImageDraw.ImageDraw, x: float, y: float, s: int) -> None:
    draw.rectangle((x - 55 * s, y - 40 * s, x + 55 * s, y + 40 * s), fill=(250, 250, 246))
    for line in range(4):
        ly = y - 25 * s + line * 16 * s
        draw.line((x - 40 * s, ly, x + 35 * s, ly), fill=(150, 160, 170), width=3 * s)


def main() -> None:
    """Write both pictures next to this script."""
    leadership_network().save(HERE / "meget-mere-ledelse.png", optimize=True)
    photo = workshop_table().transpose(Image.Transpose.ROTATE_90)  # lying on its side
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = ROTATE_CLOCKWISE_90
    photo.save(HERE / "kkc-workshop.jpg", quality=90, exif=exif.tobytes())


if __name__ == "__main__":
    main()
