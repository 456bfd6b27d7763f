"""Where shapes stand: boxes on the slide, group transforms and preset geometry."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from deckgen.geometry import Box
from deckgen.ooxml import positions
from deckgen.ooxml.ns import NS


def inherited_box(chain: list[etree._Element]) -> Box:
    """The box of a shape whose inheritance `chain` (the shape, then the layout's and master's
    placeholders it inherits from) is given: the first that names one."""
    for link in chain:
        box = positions.shape_box(link)
        if box is not None:
            return box
    return Box(0, 0, 0, 0)


def preset_geometry(chain: list[etree._Element]) -> tuple[str, float | None]:
    """The preset shape (`rect`, `roundRect`, `ellipse`, …) and its first adjust value."""
    for link in chain:
        geom = link.find("p:spPr/a:prstGeom", NS)
        if geom is not None:
            gd = geom.find("a:avLst/a:gd", NS)
            adjust = None
            if gd is not None and gd.get("fmla", "").startswith("val "):
                adjust = int(gd.get("fmla")[4:]) / 100000
            return geom.get("prst", "rect"), adjust
        if link.find("p:spPr/a:custGeom", NS) is not None:
            return "custom", None
    return "rect", None


@dataclass(frozen=True)
class Transform:
    """Maps a group's child coordinates onto the slide."""

    offset: tuple[float, float]
    scale: tuple[float, float]
    child_offset: tuple[float, float]
    outer: Transform | None = None

    @classmethod
    def of_group(cls, group: etree._Element, outer: Transform | None) -> Transform:
        xfrm = group.find("p:grpSpPr/a:xfrm", NS)
        if xfrm is None:
            return cls((0, 0), (1, 1), (0, 0), outer)
        off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
        ch_off, ch_ext = xfrm.find("a:chOff", NS), xfrm.find("a:chExt", NS)
        width, height = int(ext.get("cx")), int(ext.get("cy"))
        ch_width, ch_height = int(ch_ext.get("cx")) or 1, int(ch_ext.get("cy")) or 1
        return cls(
            (int(off.get("x")), int(off.get("y"))),
            (width / ch_width if width else 1, height / ch_height if height else 1),
            (int(ch_off.get("x")), int(ch_off.get("y"))),
            outer,
        )

    def apply(self, box: Box) -> Box:
        sx, sy = self.scale
        mapped = Box(
            round(self.offset[0] + (box.left - self.child_offset[0]) * sx),
            round(self.offset[1] + (box.top - self.child_offset[1]) * sy),
            round(box.width * sx),
            round(box.height * sy),
        )
        return self.outer.apply(mapped) if self.outer is not None else mapped
