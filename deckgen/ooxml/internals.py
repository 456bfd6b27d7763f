"""python-pptx's internals that deckgen uses, each behind one named adapter.

python-pptx's public API has no way to reach the XML of a part, a text frame or a paragraph,
to list a slide or a layout in its parent's list, or to write a package's relationships and
content types deckgen's own way (byte-identical decks); deckgen needs all of these, so it uses
python-pptx's private attributes and classes. They are used here and nowhere else
(`tests/test_layers.py` holds every other module to that): a python-pptx release that renames
one is this file's work, and `pyproject.toml` caps python-pptx below its next minor release
until this file has been checked against it.

Each adapter takes python-pptx's public objects (`SlideShapes`, `TextFrame`, `_Paragraph`, a
part) and returns lxml elements or python-pptx objects. None imports python-pptx at module
level, so deckgen's start-up does not pay for what a command never uses.
"""

from __future__ import annotations

from typing import Any


def part_xml(part: Any) -> Any:
    """The root XML element of a python-pptx XML part (a slide's, the presentation's, the core
    properties'). Slides, layouts, masters and shapes have theirs as the public `.element`."""
    return part._element


def shape_tree(shapes: Any) -> Any:
    """The `p:spTree` element behind a slide's, layout's or master's `shapes`."""
    return shapes._spTree


def text_body(frame: Any) -> Any:
    """The `p:txBody` element behind a text frame (its `bodyPr` holds insets and autofit)."""
    return frame._txBody


def paragraph_xml(paragraph: Any) -> Any:
    """The `a:p` element behind a python-pptx paragraph."""
    return paragraph._p


def set_blob(part: Any, blob: bytes) -> None:
    """Replace the bytes of a part python-pptx does not parse (e.g. `docProps/app.xml`)."""
    part._blob = blob


# --- lists of slides, layouts and masters in the presentation ---


def slide_id_list(prs: Any) -> Any:
    """The `p:sldIdLst` element of a presentation: the slides in their order."""
    return prs.slides._sldIdLst


def add_slide_id(listing: Any, number: int, r_id: str) -> Any:
    """A `p:sldId` with `number` and relationship `r_id`, appended to `listing`."""
    return listing._add_sldId(id=number, rId=r_id)


def add_layout_id(master: Any) -> Any:
    """A new, empty `p:sldLayoutId` at the end of a slide master part's list of layouts."""
    return part_xml(master).get_or_add_sldLayoutIdLst()._add_sldLayoutId()


def add_master_id(presentation_part: Any) -> Any:
    """A new, empty `p:sldMasterId` at the end of the presentation's list of masters."""
    return part_xml(presentation_part).get_or_add_sldMasterIdLst()._add_sldMasterId()


# --- a picture without python-pptx reading the image ---


def add_picture(shapes: Any, image_part: Any, r_id: str, box: Any) -> Any:
    """A picture shape at `box` (left, top, width, height in EMU) showing `image_part`,
    related to the slide as `r_id`, added as `SlideShapes.add_picture` adds one but without
    opening the image to learn its size."""
    shape_id = shapes._next_shape_id
    pic = shapes._spTree.add_pic(
        shape_id,
        f"Picture {shape_id - 1}",
        image_part.desc,
        r_id,
        box.left,
        box.top,
        box.width,
        box.height,
    )
    shapes._recalculate_extents()
    return shapes._shape_factory(pic)


# --- writing a package ---


def relationships(source: Any) -> Any:
    """The relationships of a package or a part, as python-pptx keeps them (`_Relationships`:
    a mapping of rId to relationship, with `.xml`); empty when it has none."""
    return source._rels


def content_types_xml(parts: list[Any]) -> bytes:
    """`[Content_Types].xml` for a package of `parts`, as python-pptx writes it."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    return serialize_part_xml(_ContentTypesItem.xml_for(parts))
