"""A picture added to a deck lands in the part python-pptx would give it: same name, and
the same picture twice is one part."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from deckgen.render.media import picture_part
from deckgen.render.package import open_template
from deckgen.theme import load_theme
from tests.pictures import photo_like, two_tone


def _picture(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


def _add(prs: Any, data: bytes, ours: bool) -> str:
    layout = prs.slide_layouts[0]
    slide = prs.slides.add_slide(layout)
    if ours:
        part = picture_part(slide.part.package, data)
        slide.part.relate_to(
            part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
        )
    else:
        part, _ = slide.part.get_or_add_image_part(io.BytesIO(data))
    return str(part.partname)


def test_pictures_get_python_pptx_s_parts_and_a_repeat_is_the_same_part() -> None:
    template = load_theme(None).template_path
    pictures = [
        _picture(two_tone(40, 30)),
        _jpeg(photo_like(50, 40)),
        _picture(two_tone(40, 30)),  # the first again
        _picture(photo_like(20, 20)),
    ]
    names = {}
    for ours in (False, True):
        prs = open_template(template)
        names[ours] = [_add(prs, data, ours) for data in pictures]
    assert names[True] == names[False]
    assert names[True][0] == names[True][2]
    assert len(set(names[True])) == 3
