"""Reuse drawn slides across the decks of a tour.

Most slides of a tour's decks are the same block with the same text: drawing and fitting them
again for every deck is most of a deck's build time. A `SlideCache` keeps the XML of each
slide drawn (with its footer) and the pictures and links it refers to; a later deck that shows
the same filled-in block on the same layout gets a copy, with its own footer text, and the
same relationships in the same order. The copy is the XML a fresh drawing gives, so a deck is
byte-identical whether its slides came from the cache or not.

The cache holds at most `MAX_SLIDES` slides and forgets the least recently used, so a long
tour stays flat in memory.
"""

from __future__ import annotations

import copy
import json
from collections import OrderedDict
from typing import Any

from msgspec import Struct
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.cache import file_digest
from deckgen.compose import ComposedSlide
from deckgen.errors import Problem
from deckgen.ooxml import internals
from deckgen.record import dump
from deckgen.render.layouts import list_slide
from deckgen.render.media import picture_part
from deckgen.render.notes import set_text
from deckgen.render.runs import DANISH

MAX_SLIDES = 64


class _Link(Struct, frozen=True):
    """A relationship of a drawn slide: a picture (its bytes) or an external link."""

    rId: str
    reltype: str
    picture: bytes | None = None
    url: str = ""


class _Drawn(Struct, frozen=True):
    element: Any
    links: tuple[_Link, ...]
    warnings: tuple[Problem, ...]
    footer_at: int | None
    """Position of the footer placeholder in the shape tree, if the slide has one."""


class SlideCache:
    """Drawn slides by what decides their look: block, layout, place in the files, footer."""

    def __init__(self, max_slides: int = MAX_SLIDES) -> None:
        self._slides: OrderedDict[str, _Drawn] = OrderedDict()
        self._max = max_slides

    @staticmethod
    def key(
        composed: ComposedSlide, layout_name: str, theme_key: str, footer: tuple[bool, ...]
    ) -> str:
        """What a slide's XML depends on, apart from its footer's text."""
        block = json.dumps(dump(composed.block), sort_keys=True)
        # The location as given, not as shown: showing it resolves the path on disk, which
        # took a tenth of a warm build.
        where = composed.location
        place = [str(where.file), where.line, where.column]
        # A picture replaced under the same name is another slide (hashed once per file
        # version, `file_digest`).
        files = [file_digest(path) for path in composed.block.source_files(composed.source)]
        return json.dumps([block, layout_name, theme_key, place, footer, files])

    def add_copy(self, key: str, prs: Any, layout: Any, footer_text: str) -> Any | None:
        """A new slide in `prs` copied from the cached slide for `key`, or None if none is."""
        drawn = self._slides.get(key)
        if drawn is None:
            return None
        self._slides.move_to_end(key)
        rId, slide = prs.part.add_slide(layout)
        element = internals.part_xml(slide.part)
        element.attrib.clear()
        element.attrib.update(drawn.element.attrib)
        for child in list(element):
            element.remove(child)
        for child in drawn.element:
            element.append(copy.deepcopy(child))
        for link in drawn.links:
            if link.picture is not None:
                picture = picture_part(slide.part.package, link.picture)
                new_rId = slide.part.relate_to(picture, RT.IMAGE)
            else:
                new_rId = slide.part.relate_to(link.url, link.reltype, is_external=True)
            if new_rId != link.rId:  # pragma: no cover - would be a bug in the copying
                raise RuntimeError(f"slide copy related {new_rId} where {link.rId} was expected")
        list_slide(prs, rId)
        if footer_text and drawn.footer_at is not None:
            set_text(element.cSld.spTree[drawn.footer_at].get_or_add_txBody(), footer_text, DANISH)
        return slide

    def warnings(self, key: str) -> list[Problem]:
        """The warnings drawing the cached slide gave."""
        return list(self._slides[key].warnings)

    def keep(self, key: str, slide: Any, warnings: list[Problem]) -> None:
        """Remember the just drawn `slide` (before its notes are added) under `key`."""
        links = []
        for rel in sorted(slide.part.rels.values(), key=lambda r: int(r.rId[3:])):
            if rel.reltype == RT.SLIDE_LAYOUT:
                continue
            if rel.is_external:
                links.append(_Link(rel.rId, rel.reltype, url=rel.target_ref))
            elif rel.reltype == RT.IMAGE:
                links.append(_Link(rel.rId, rel.reltype, picture=rel.target_part.blob))
            else:
                return  # something we do not know how to copy: draw it afresh each time
        expected = [f"rId{number}" for number in range(2, len(links) + 2)]
        if [link.rId for link in links] != expected:
            return
        footer_at = next(
            (
                internals.shape_tree(slide.shapes).index(placeholder.element)
                for placeholder in slide.placeholders
                if placeholder.placeholder_format.type == PP_PLACEHOLDER.FOOTER
            ),
            None,
        )
        self._slides[key] = _Drawn(
            copy.deepcopy(internals.part_xml(slide.part)), tuple(links), tuple(warnings), footer_at
        )
        if len(self._slides) > self._max:
            self._slides.popitem(last=False)
