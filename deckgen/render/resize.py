"""Fit a slide made for another slide size onto the deck's, as PowerPoint's Reuse Slides does.

A 4:3 slide (25.40 × 19.05 cm), an A4 one, a LibreOffice 28 × 21 cm one or a small 16:9 one
goes onto the theme's slides whole: every shape is scaled by the one factor that keeps the
slide inside the new one (its height, for a 4:3 slide on 16:9: the factor is 1) and the slide
is centred, so nothing is distorted and nothing falls off. Text with its own size, spacing,
indents, table rows and columns and line widths are scaled by the same factor, so text fits
its shape as it was designed. With `keep: theme` the slide's placeholders go to the theme's:
its title to the theme's title, a placeholder that took its position from its old layout to
the new layout's placeholder of the same kind, or, where the new layout has none, to where
the old layout had it, fitted like any other shape (left with no position at all, it would
shrink to a point in the corner). With `keep: source` its own layout and master are fitted too.

`Fit.between` works the fit out; `fit_tree` applies it to a shape tree; what it finds worth a
look (shapes that ran to the old slide's edges, text made smaller than is readable) comes back
as `Look`s for the caller to tell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree
from msgspec import Struct

from deckgen.geometry import Box, same_slide_size
from deckgen.i18n import _
from deckgen.ooxml.ns import qn

_SHAPES = ("p:sp", "p:pic", "p:graphicFrame", "p:grpSp", "p:cxnSp", "p:contentPart")
_ALTERNATE = qn("mc:AlternateContent")
_SIZES = ("a:rPr", "a:defRPr", "a:endParaRPr")
"""Elements whose `sz` is a text size (in 1/100 pt)."""
_LENGTHS = {
    "a:bodyPr": ("lIns", "tIns", "rIns", "bIns"),
    "a:pPr": ("marL", "marR", "indent", "defTabSz"),
    "a:tab": ("pos",),
    "a:gridCol": ("w",),
    "a:tr": ("h",),
    "a:ln": ("w",),
}
_LEVELS = tuple(f"a:lvl{n}pPr" for n in range(1, 10))
_EDGE = 0.02
"""A shape within 2 % of the slide's side reaches that side."""
TITLE_TYPES = ("title", "ctrTitle")
_FOOTERS = ("ftr", "sldNum", "dt", "hdr")


class Fit(Struct, frozen=True):
    """Where a slide of one size goes on a slide of another: scaled by `scale` about its top
    left corner, then moved by (`dx`, `dy`) EMU to be centred."""

    scale: float
    dx: int
    dy: int
    source: tuple[int, int]
    target: tuple[int, int]

    @classmethod
    def between(cls, source: tuple[int, int], target: tuple[int, int]) -> Fit:
        """The fit of a slide `source` (width, height in EMU) onto a slide `target`."""
        scale = min(target[0] / source[0], target[1] / source[1])
        dx = round((target[0] - source[0] * scale) / 2)
        dy = round((target[1] - source[1] * scale) / 2)
        return cls(scale, dx, dy, source, target)

    @property
    def identity(self) -> bool:
        """The slides are the same size (up to what PowerPoint cannot show): nothing moves."""
        return same_slide_size(self.source, self.target)

    def length(self, value: int) -> int:
        return round(value * self.scale)

    def place(self, x: int, y: int) -> tuple[int, int]:
        return round(x * self.scale) + self.dx, round(y * self.scale) + self.dy


class Look(Struct, frozen=True):
    """Something about a fitted slide a person should look at: why, in a few words."""

    reason: str
    """`edge` (shapes ran to the old slide's edges: bands now show beside them) or `small`
    (text with its own size got smaller than `smallest`)."""
    detail: float = 0.0
    """For `small`, the smallest text size it got, in points."""


def fit_tree(
    tree: etree._Element,
    fit: Fit,
    *,
    moves: Callable[[etree._Element], bool] = lambda shape: True,
    smallest: float = 0.0,
) -> list[Look]:
    """Scale and centre the shapes of the shape tree `tree` (a slide's, layout's or master's
    `p:spTree`) by `fit`; a shape for which `moves` says False keeps no position of its own
    to fit (the caller has placed it). What is worth a look, with text under `smallest` pt."""
    looks: list[Look] = []
    edge = False
    for shape in top_shapes(tree):
        if not moves(shape):
            continue
        box = _xfrm(shape)
        if box is None:
            continue
        edge |= _reaches_edges(box, fit)
        _move(box, fit)
    if not fit.identity and fit.scale != 1:
        scale_text(tree, fit.scale)
    if edge and (fit.dx > fit.target[0] * _EDGE or fit.dy > fit.target[1] * _EDGE):
        looks.append(Look("edge"))
    if smallest and fit.scale < 1:
        sizes = [int(node.get("sz") or 0) for node in _iter(tree, _SIZES) if node.get("sz")]
        least = min(sizes, default=0) / 100
        if sizes and least < smallest:
            looks.append(Look("small", least))
    return looks


def top_shapes(tree: etree._Element) -> Iterator[etree._Element]:
    """The shapes of a shape tree, those inside `mc:AlternateContent` too (each choice)."""
    names = {qn(name) for name in _SHAPES}
    for child in tree:
        if child.tag in names:
            yield child
        elif child.tag == _ALTERNATE:
            for branch in child:
                yield from (grand for grand in branch if grand.tag in names)


def scale_text(element: etree._Element, scale: float) -> None:
    """Scale every text size, spacing in points, indent, inset, tab stop, table column and
    row and line width under `element` by `scale`."""
    for node in _iter(element, _SIZES):
        _scale_attribute(node, "sz", scale, low=100, high=400000)
    for node in element.iter(qn("a:spcPts")):
        _scale_attribute(node, "val", scale, low=0, high=158400)
    for tag, names in _LENGTHS.items():
        for node in element.iter(qn(tag)):
            for name in names:
                _scale_attribute(node, name, scale)
    for node in _iter(element, _LEVELS):
        for name in _LENGTHS["a:pPr"]:
            _scale_attribute(node, name, scale)


def placeholder_box(shape: etree._Element) -> Box | None:
    """A shape's own left, top, width and height (EMU), if it sets them."""
    box = _xfrm(shape)
    if box is None:
        return None
    off, ext = box.find(qn("a:off")), box.find(qn("a:ext"))
    if off is None or ext is None:
        return None
    return Box(
        int(off.get("x") or 0),
        int(off.get("y") or 0),
        int(ext.get("cx") or 0),
        int(ext.get("cy") or 0),
    )


def set_box(shape: etree._Element, box: Box) -> None:
    """Give `shape` (a `p:sp`) its own position and size."""
    properties = shape.find(qn("p:spPr"))
    if properties is None:
        properties = etree.SubElement(shape, qn("p:spPr"))
        body = shape.find(qn("p:txBody"))
        if body is not None:
            body.addprevious(properties)
    xfrm = properties.find(qn("a:xfrm"))
    if xfrm is None:
        xfrm = etree.Element(qn("a:xfrm"))
        properties.insert(0, xfrm)
    for child in list(xfrm):
        xfrm.remove(child)
    etree.SubElement(xfrm, qn("a:off"), x=str(box.left), y=str(box.top))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(box.width), cy=str(box.height))


def place_placeholders(
    tree: etree._Element,
    fit: Fit,
    new_box: Callable[[etree._Element], Box | None],
    old_box: Callable[[etree._Element], Box | None],
) -> set[etree._Element]:
    """Put the placeholders of the slide tree `tree` that have no position of their own on the
    new layout: a text placeholder goes to the new layout's placeholder of the same kind
    (`new_box` gives where that is, None if the new layout has none), unless there it would
    cover the slide's other shapes; else, and for a picture, table or chart placeholder (so
    it keeps its proportions), it is pinned where it was on its old layout (`old_box`), to be
    fitted like any other shape. A placeholder with a position of its own keeps it: it was
    placed with the shapes around it. The placeholders that need no further fitting."""
    placeholders = [(shape, placeholder_of(shape)) for shape in top_shapes(tree)]
    others = [
        _fitted(box, fit)
        for shape, ph in placeholders
        if (box := placeholder_box(shape)) is not None
        and (ph is None or ph.get("type") not in _FOOTERS)
    ]
    placed: set[etree._Element] = set()
    for shape, ph in placeholders:
        if ph is None or placeholder_box(shape) is not None:
            continue
        old = old_box(ph)
        new = new_box(ph) if shape.tag == qn("p:sp") else None
        if new is not None and (old is None or not any(_covers(new, box) for box in others)):
            placed.add(shape)
        elif old is not None:
            set_box(shape, old)
        else:
            placed.add(shape)  # nothing says where it was: leave it to the new layout
    return placed


def inherited_box(trees: Iterator[etree._Element], ph: etree._Element) -> Box | None:
    """Where the placeholder `ph` sits as its layout and master give it (`trees`, in order of
    inheritance): the first matching placeholder's own position; None if a tree has no
    placeholder for it (the slide's placeholder inherits nothing from there on)."""
    for tree in trees:
        found = matching_placeholder(tree, ph)
        if found is None:
            return None
        box = placeholder_box(found)
        if box is not None:
            return box
    return None


def _fitted(box: Box, fit: Fit) -> Box:
    x, y = fit.place(box.left, box.top)
    return Box(x, y, fit.length(box.width), fit.length(box.height))


def _covers(a: Box, b: Box) -> bool:
    """Whether the boxes overlap by more than a tenth of the smaller one."""
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    if width <= 0 or height <= 0:
        return False
    return width * height > 0.1 * min(a.width * a.height, b.width * b.height)


def placeholder_of(shape: etree._Element) -> etree._Element | None:
    """The `p:ph` of a shape that is a placeholder (a text, picture or frame one), else None."""
    for ph in shape.iterchildren():
        found = ph.find(f"{qn('p:nvPr')}/{qn('p:ph')}")
        if found is not None:
            return found
    return None


def matching_placeholder(tree: etree._Element, ph: etree._Element) -> etree._Element | None:
    """The shape in the layout or master tree `tree` that the placeholder `ph` takes its
    position from, as PowerPoint finds it: a title the title; any other the one with its
    `idx` and a kind of the same family (text: body, object, subtitle)."""
    kind, idx = ph.get("type", "obj"), ph.get("idx", "0")
    family = _family(kind)
    by_type = None
    for shape in top_shapes(tree):
        theirs = placeholder_of(shape)
        if theirs is None or _family(theirs.get("type", "obj")) != family:
            continue
        if family == "title" or theirs.get("idx", "0") == idx:
            return shape
        by_type = by_type if by_type is not None else shape
    # A master's placeholders carry no idx a slide's would: its body serves every text one.
    return by_type if _is_master(tree) else None


def _family(kind: str) -> str:
    if kind in TITLE_TYPES:
        return "title"
    return "text" if kind in ("body", "obj", "subTitle") else kind


def _is_master(tree: etree._Element) -> bool:
    return tree.getroottree().getroot().tag == qn("p:sldMaster")


def _xfrm(shape: etree._Element) -> etree._Element | None:
    if shape.tag == qn("p:graphicFrame"):
        return shape.find(qn("p:xfrm"))
    if shape.tag == qn("p:grpSp"):
        return shape.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    return shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")


def _move(xfrm: etree._Element, fit: Fit) -> None:
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is not None:
        x, y = fit.place(int(off.get("x") or 0), int(off.get("y") or 0))
        off.set("x", str(x))
        off.set("y", str(y))
    if ext is not None and fit.scale != 1:
        ext.set("cx", str(fit.length(int(ext.get("cx") or 0))))
        ext.set("cy", str(fit.length(int(ext.get("cy") or 0))))


def _reaches_edges(xfrm: etree._Element, fit: Fit) -> bool:
    """Whether the shape runs from one side of the old slide to the other."""
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return False
    x, y = int(off.get("x") or 0), int(off.get("y") or 0)
    cx, cy = int(ext.get("cx") or 0), int(ext.get("cy") or 0)
    width, height = fit.source
    across = x <= width * _EDGE and x + cx >= width * (1 - _EDGE)
    down = y <= height * _EDGE and y + cy >= height * (1 - _EDGE)
    return (across and fit.dx > 0) or (down and fit.dy > 0)


def _iter(element: etree._Element, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    return element.iter(*(qn(tag) for tag in tags))


def _scale_attribute(
    node: etree._Element, name: str, scale: float, low: int = -(2**31), high: int = 2**31 - 1
) -> None:
    value = node.get(name)
    if value is None or not value.lstrip("-").isdigit():
        return
    node.set(name, str(min(max(round(int(value) * scale), low), high)))


def look_warning(look: Look, fit: Fit) -> tuple[str, str]:
    """What to tell about a fitted slide worth a look, and what to do."""
    size = _("{width:.2f} × {height:.2f} cm").format(
        width=fit.source[0] / 360_000, height=fit.source[1] / 360_000
    )
    if look.reason == "small":
        return (
            _(
                "the slide was made for {size} slides and is shrunk to {percent:.0f} % to fit; "
                "some of its text is now {points:.0f} pt"
            ).format(size=size, percent=fit.scale * 100, points=look.detail),
            _("look at the slide: make its text larger, or split it in two"),
        )
    return (
        _(
            "the slide was made for {size} slides and is centred on the theme's: shapes that "
            "ran to its edges (a band, a background picture) no longer reach the new edges"
        ).format(size=size),
        _("look at the slide: widen those shapes in PowerPoint, or remove them"),
    )
