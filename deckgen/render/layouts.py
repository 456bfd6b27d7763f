"""What a slide layout offers, read once per layout instead of once per question.

python-pptx answers each question about a placeholder (its type, its idx, a size it inherits)
with a fresh XPath search, and an inherited value with a walk over the layout's and the
master's shapes. A deck puts many slides on a handful of layouts and asks the same questions
on every slide, so a `LayoutInfo` reads its layout once: the placeholders with their type, idx
and effective position, and the placeholders a new slide starts with, which later slides on
the layout get as a copy instead of being cloned again.
"""

from __future__ import annotations

import copy
from typing import Any

import msgspec
from lxml import etree
from msgspec import Struct
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.simpletypes import ST_Direction

from deckgen.ooxml import internals
from deckgen.ooxml.ns import NS, qn
from deckgen.ooxml.placeholders import master_type
from deckgen.ooxml.positions import position
from deckgen.render.styles import placeholder_key, sample_style

_PH_PATH = f"{qn('p:nvPr')}/{qn('p:ph')}"
LIST_STYLE_PATH = f"{qn('p:txBody')}/{qn('a:lstStyle')}"
BODY_PR_PATH = f"{qn('p:txBody')}/{qn('a:bodyPr')}"
_SLIDE_ID = qn("p:sldId")
_MAX_SLIDE_ID = 2_147_483_647


def list_slide(prs: Any, rId: str) -> None:
    """List the slide related as `rId` in `presentation.xml` with the id python-pptx's
    `add_sldId` gives it (one above the highest), without its XPath search per slide."""
    listing = internals.slide_id_list(prs)
    used = [int(element.get("id")) for element in listing.iterchildren(_SLIDE_ID)]
    following = max([255, *used]) + 1
    if following > _MAX_SLIDE_ID:  # python-pptx then looks for a free id from the bottom
        listing.add_sldId(rId)
        return
    internals.add_slide_id(listing, following, rId)


_LATENT_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
"""Placeholders a new slide does not get from its layout (python-pptx's
`iter_cloneable_placeholders` leaves them out)."""
_ALL_IDS = etree.XPath("//@id")
_SHAPE_NAMES = etree.XPath("//p:cNvPr/@name", namespaces={"p": NS["p"]})


def placeholder_shapes(tree: Any) -> list[tuple[Any, Any]]:
    """Each placeholder shape directly in the shape tree `tree`, with its `p:ph`.

    What python-pptx's `placeholders` lists, found with plain element look-ups where
    python-pptx makes an XPath query for each shape.
    """
    found = []
    for shape in tree.iter_shape_elms():
        ph = ph_element(shape)
        if ph is not None:
            found.append((shape, ph))
    return found


def ph_element(shape: Any) -> Any | None:
    """The `p:ph` of the shape element `shape`, or None if it is not a placeholder."""
    first = shape.find("*")  # p:nvSpPr, p:nvPicPr, …: always the shape's first child
    return None if first is None else first.find(_PH_PATH)


class LayoutPlaceholder(Struct, frozen=True):
    """One placeholder of a layout, with what slides on the layout inherit from it."""

    type: PP_PLACEHOLDER
    idx: int
    orient: str
    sz: str
    element: Any
    """The layout's `p:sp`."""
    left: int | None
    top: int | None
    width: int | None
    height: int | None
    """Position and size as python-pptx reports them: the layout's own, else the master's."""
    list_styles: tuple[Any, ...]
    """The `a:lstStyle` of this placeholder and of the master placeholder it inherits from,
    nearest first, leaving out any that are missing."""
    body_properties: tuple[Any, ...] = ()
    """Their `a:bodyPr` (insets, autofit), the same way."""
    key: tuple[str, int | str] = ("idx", 0)
    """What a slide placeholder is matched to this one by (`placeholder_key`)."""


class LayoutInfo:
    """One slide layout of a presentation, read once."""

    def __init__(
        self, layout: Any, boxes: dict[str, tuple[int, int, int, int]] | None = None
    ) -> None:
        """`boxes`: where the theme draws the layout's `title` and `body` (its largest text
        placeholder) instead (EMU), for the role the slides are for (`Theme.boxes_for`)."""
        self.layout = layout
        self.name: str = layout.name
        master = layout.slide_master.element
        masters: dict[str, Any] = {}
        for shape, ph in placeholder_shapes(master.cSld.spTree):
            masters.setdefault(ph.get("type", "obj"), shape)
        self.placeholders = tuple(
            _read(shape, ph, masters.get(master_type(ph.get("type", "obj"))), master)
            for shape, ph in placeholder_shapes(internals.shape_tree(layout.shapes))
        )
        self.moved: dict[LayoutPlaceholder, tuple[int, int, int, int]] = {}
        """The placeholders the theme places elsewhere, and where: new slides carry the box."""
        self.unplaced: list[str] = []
        """The kinds of `boxes` (`title`, `body`) the layout has no placeholder for."""
        if boxes:
            self.placeholders = self._placed(boxes)
        self._by_key = {ph.key: ph for ph in reversed(self.placeholders)}
        self.text_styles = master.find(qn("p:txStyles"))
        """The master's text styles, which every placeholder's list styles fall back on."""
        self._starting_shapes: list[Any] | None = None
        self._clones: dict[tuple[LayoutPlaceholder, bool], Any] = {}
        self.level_styles: dict[tuple[Any, str, int], tuple[Any, ...]] = {}
        """What `deckgen.render.styles.level_styles` found for placeholders with no list
        style of their own, by idx, kind of text style and number of levels."""

    def _placed(self, boxes: dict[str, tuple[int, int, int, int]]) -> tuple[LayoutPlaceholder, ...]:
        """The placeholders with the title and the largest text placeholder at `boxes`."""
        titles = [ph for ph in self.placeholders if ph.type in _TITLE_TYPES]
        texts = [ph for ph in self.placeholders if ph.type in _TEXT_TYPES]
        chosen = {
            "title": titles[0] if titles else None,
            "body": max(texts, key=lambda ph: (ph.width or 0) * (ph.height or 0), default=None),
        }
        placed = list(self.placeholders)
        for kind, box in boxes.items():
            old = chosen.get(kind)
            if old is None:
                self.unplaced.append(kind)
                continue
            left, top, width, height = box
            new = msgspec.structs.replace(old, left=left, top=top, width=width, height=height)
            placed[placed.index(old)] = new
            self.moved[new] = box
        return tuple(placed)

    def base_for(self, ph: Any) -> LayoutPlaceholder | None:
        """The layout placeholder a slide placeholder with the `p:ph` `ph` inherits from: the
        first with its idx, or for one without idx, the first of its type."""
        return self._by_key.get(placeholder_key(ph))

    def add_slide(self, prs: Any) -> Any:
        """A new slide on this layout at the end of `prs`, with the layout's placeholders
        (what python-pptx's `slides.add_slide` makes).

        The first slide gets them cloned; later slides get a copy of that slide's shapes,
        which is the same XML (a new slide's shape ids start afresh).
        """
        rId, slide = prs.part.add_slide(self.layout)
        tree = internals.shape_tree(slide.shapes)
        if self._starting_shapes is None:
            fresh = len(tree)
            for placeholder in self.placeholders:
                if placeholder.type not in _LATENT_TYPES:
                    element = self.clone(placeholder, slide.shapes, with_text=False)
                    if placeholder in self.moved:
                        _place(element, self.moved[placeholder])
            self._starting_shapes = [copy.deepcopy(shape) for shape in tree[fresh:]]
        else:
            for shape in self._starting_shapes:
                tree.append(copy.deepcopy(shape))
        list_slide(prs, rId)
        return slide

    def clone(self, placeholder: LayoutPlaceholder, shapes: Any, *, with_text: bool) -> Any:
        """Add `placeholder` of this layout to a slide's `shapes`, `with_text` a copy of its
        text body; return the new `p:sp`.

        It is what python-pptx's `clone_placeholder` adds, numbered and named the same way,
        but made from a copy of the first one instead of XML parsed afresh each time.
        """
        prototype = self._clones.get((placeholder, with_text))
        if prototype is None:
            prototype = CT_Shape.new_placeholder_sp(
                0, "", placeholder.type, placeholder.orient, placeholder.sz, placeholder.idx
            )
            body = placeholder.element.find(qn("p:txBody"))
            if with_text and body is not None:
                prototype.append(copy.deepcopy(body))
            self._clones[placeholder, with_text] = prototype
        tree = internals.shape_tree(shapes)
        # python-pptx's `_next_shape_id` and `_next_ph_name`, with their XPath queries
        # compiled once instead of on every call.
        shape_id = max((int(v) for v in _ALL_IDS(tree) if v.isdigit()), default=0) + 1
        basename = shapes.ph_basename(placeholder.type)
        if placeholder.orient == ST_Direction.VERT:
            basename = f"Vertical {basename}"
        taken = set(_SHAPE_NAMES(tree))
        number = shape_id - 1
        while f"{basename} {number}" in taken:
            number += 1
        element = copy.deepcopy(prototype)
        properties = element.nvSpPr.cNvPr
        properties.set("id", str(shape_id))
        properties.set("name", f"{basename} {number}")
        tree.insert_element_before(element, "p:extLst")
        return element


_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_TEXT_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)


def _place(element: Any, box: tuple[int, int, int, int]) -> None:
    """Give the slide placeholder `element` its own position and size, `box` (EMU)."""
    left, top, width, height = box
    properties = element.spPr
    xfrm = properties.get_or_add_xfrm()
    xfrm.x, xfrm.y, xfrm.cx, xfrm.cy = left, top, width, height


def _read(element: Any, ph: Any, master: Any | None, master_root: Any) -> LayoutPlaceholder:
    """A layout placeholder `element` with its `ph`, inheriting from `master` if not None
    (a placeholder of the slide master `master_root`)."""
    own = position(element)
    box: tuple[int | None, ...] = own
    if master is not None:
        inherited = position(master)
        box = tuple(i if o is None else o for o, i in zip(own, inherited, strict=True))
    styles = [element.find(LIST_STYLE_PATH), sample_style(element, master_root)]
    bodies = [element.find(BODY_PR_PATH)]
    if master is not None:
        styles += [master.find(LIST_STYLE_PATH), sample_style(master)]
        bodies.append(master.find(BODY_PR_PATH))
    left, top, width, height = box
    return LayoutPlaceholder(
        type=ph.type,
        idx=ph.idx,
        orient=ph.orient,
        sz=ph.sz,
        element=element,
        left=left,
        top=top,
        width=width,
        height=height,
        list_styles=tuple(style for style in styles if style is not None),
        key=placeholder_key(ph),
        body_properties=tuple(body for body in bodies if body is not None),
    )
